# Texter som bara vissa operativsystem visar, innan appens fönster finns.

# Windows: systemets meddelanderuta när Microsoft Edge WebView2 Runtime, som
# ritar appens fönster, inte är installerad. Visas i stället för appen.
platform-webview2-missing-title = Omahallinta kan inte starta
platform-webview2-missing-body =
    Omahallinta behöver Microsoft Edge WebView2 Runtime, som inte är installerad på den här datorn.
    
    Ladda ner och installera ”Evergreen Bootstrapper” från https://developer.microsoft.com/microsoft-edge/webview2/ (eller via Windows Update) och starta sedan Omahallinta igen.
