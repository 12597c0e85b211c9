# Tekstit, jotka vain osa käyttöjärjestelmistä näyttää ennen sovelluksen ikkunaa.

# Windows: natiivi ilmoitusikkuna, kun sovelluksen ikkunan piirtävää Microsoft
# Edge WebView2 Runtimea ei ole asennettu. Näytetään sovelluksen sijaan.
platform-webview2-missing-title = Omahallinta ei käynnisty
platform-webview2-missing-body =
    Omahallinta tarvitsee Microsoft Edge WebView2 Runtimen, jota ei ole asennettu tähän tietokoneeseen.
    
    Lataa ja asenna ”Evergreen Bootstrapper” osoitteesta https://developer.microsoft.com/microsoft-edge/webview2/ (tai Windows Updaten kautta) ja käynnistä Omahallinta sitten uudelleen.
