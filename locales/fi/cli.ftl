# Messages of the `oma` command-line tool (crates/portal-client/src/bin/oma).
# Finnish terms follow the operator's Omahallinta guide.

cli-password-prompt = Salasana:
cli-email-prompt = Sähköpostiosoite:
cli-signed-in = Kirjauduttu sisään: { $email }
cli-remembered = Kirjautuminen muistetaan tällä tietokoneella (käyttöjärjestelmän avainnippu).
cli-not-remembered = Kirjautumista ei voitu tallentaa avainnippuun, joten se on voimassa vain tämän komennon ajan. { $reason }
cli-signed-out = Olet kirjautunut ulos.
cli-not-signed-in = Et ole kirjautunut sisään. Kirjaudu komennolla: oma sign-in --email OSOITE

cli-services-title = Tilatut palvelut
cli-service-ends = Päättyy { DATE($date) }
cli-service-starts = Alkaa { DATE($date) }
cli-service-ended-on = Päättyi { DATE($date) }
cli-service-until-further-notice = Toistaiseksi voimassa
cli-monthly-price = { MONEY($cents) }/kk
cli-monthly-total = Kuukausilaskutus yhteensä: { MONEY($cents) }
cli-status-upcoming = Alkamassa
cli-status-active = Voimassa
cli-status-ending_soon = Päättymässä
cli-status-ended = Päättynyt
cli-from-cache = Portaaliin ei saada yhteyttä. Tiedot ovat tallennetut tiedot ajalta { $time }.
cli-no-services = Sinulla ei ole tilattuja palveluita.

cli-details-title = Käyttäjätiedot
cli-details-customer-number = Asiakasnumero
cli-details-name = Nimi
cli-details-email = Sähköposti
cli-details-phone = Puhelin
cli-details-address = Osoite
cli-details-billing = Laskutussopimus
cli-details-yes = voimassa
cli-details-no = ei voimassa
cli-details-other-changes = Muita tietoja kuin sähköpostiosoitetta voi muuttaa vain asiakaspalvelun kautta.

cli-download-no-installer = Palveluissasi ei ole asennusohjelmaa käyttöjärjestelmälle { $os }.
cli-download-start = Ladataan { $file } ({ $size } tavua)
cli-download-resumed = Jatketaan keskeytynyttä latausta kohdasta { $bytes } tavua.
cli-download-done = Lataus tarkistettu (SHA-256 ja portaalin allekirjoitus) ja tallennettu: { $path }
cli-download-cancelled = Lataus keskeytettiin. Sen voi jatkaa myöhemmin samalla komennolla.

cli-feedback-sent = Kiitos! Palaute vastaanotettu (numero { $id }).
cli-feedback-queued = Portaaliin ei saada yhteyttä. Palaute on tallennettu ja lähetetään, kun yhteys palaa.
cli-feedback-flushed = Aiemmin jonoon jääneitä palautteita lähetetty: { $count }.
cli-feedback-termination-hint = Irtisanomisilmoitukseen kannattaa liittää puhelinnumero ja sähköpostiosoite.
cli-feedback-attention =
    { $count ->
        [one] Portaali ei hyväksynyt yhtä jonossa ollutta palautetta. Se on tallessa: katso se komennolla oma feedback --pending, korjaa ja lähetä uudelleen tai hylkää se.
       *[other] Portaali ei hyväksynyt { $count } jonossa ollutta palautetta. Ne ovat tallessa: katso ne komennolla oma feedback --pending, korjaa ja lähetä uudelleen tai hylkää kukin.
    }
cli-feedback-none-pending = Lähetystä odottavia palautteita ei ole.
cli-feedback-waiting = Lähetetään, kun portaaliin saadaan yhteys.
cli-feedback-needs-attention = Vaatii huomiotasi: { $reason } (kenttä: { $field }). Korjaa komennolla oma feedback --resend TUNNUS [--phone … --contact-email … --message …] tai poista komennolla oma feedback --discard TUNNUS.
cli-feedback-discarded = Palaute poistettiin.
cli-sign-out-pending =
    { $count ->
        [one] Yhtä kirjoittamaasi palautetta ei ole vielä lähetetty.
       *[other] { $count } kirjoittamaasi palautetta ei ole vielä lähetetty.
    } Kirjaudu ulos valinnalla --keep-feedback, niin palaute lähetetään, kun kirjaudut tällä tilillä uudelleen, tai valinnalla --discard-feedback, niin se poistetaan.
cli-topic-general = Yleinen palaute
cli-topic-termination = Irtisanominen
cli-topic-ordering = Tilaaminen
cli-topic-technical = Tekninen ongelma
cli-topic-billing = Laskutus
cli-topic-details = Käyttäjätiedot

cli-error = Virhe: { $message }

cli-devices-none = Sinulla ei ole voimassa olevaa Turvapakettia.
cli-devices-count = { $used } / { $allowed } laitetta suojattu
cli-device-last-seen = viimeksi nähty { $time }
cli-devices-release-hint = Vapauta lisenssi laitteelta, jota ei enää käytetä: oma devices release ID
cli-device-released = Laitteen { $id } lisenssi vapautettiin.
cli-os-windows = Windows
cli-os-macos = macOS
cli-os-linux = Linux
cli-os-android = Android
cli-os-ios = iOS
