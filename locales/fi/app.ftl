# Omahallinta-sovelluksen käyttöliittymän tekstit (ui/). Termit Omahallinta-oppaasta.
# Tunnisteet ryhmitelty näkymittäin; en/app.ftl:ssä on samat tunnisteet ja muuttujat.

## Sovelluksen runko

app-name = Omahallinta
app-skip-to-content = Siirry sisältöön
app-demo-badge = Demotila
app-demo-badge-title = Sovellus käyttää esimerkkitietoja, ei oikeaa asiakastiliä.
app-loading = Ladataan…
app-error-generic = Tapahtui odottamaton virhe. Yritä uudelleen.
app-retry = Yritä uudelleen
app-signed-in-as = Kirjautuneena: { $email }
app-outbox-delivered =
    { $delivered ->
        [one] Jonossa ollut palaute on nyt lähetetty.
       *[other] Jonossa olleet { $delivered } palautetta on nyt lähetetty.
    }
app-outbox-remaining =
    { $remaining ->
        [one] Yksi palaute odottaa vielä lähetystä.
       *[other] { $remaining } palautetta odottaa vielä lähetystä.
    }
app-dismiss = Sulje ilmoitus

## Navigaatio

nav-label = Päävalikko
nav-services = Tilatut palvelut
nav-feedback = Asiakaspalaute
nav-feedback-attention =
    { $count ->
        [one] yksi palaute vaatii huomiotasi
       *[other] { $count } palautetta vaatii huomiotasi
    }
nav-contact = Asiakaspalvelu
nav-settings = Asetukset
nav-order = Tilaa
nav-billing = Laskutus
nav-details = Käyttäjätiedot
nav-password = Salasanan vaihto

## Yhteys puuttuu -ilmoitus

offline-now = Tiedot haettu juuri äsken – yhteys palveluun puuttuu
offline-minutes = Tiedot { $minutes } min takaa – yhteys palveluun puuttuu
offline-hours =
    { $hours ->
        [one] Tiedot tunnin takaa – yhteys palveluun puuttuu
       *[other] Tiedot { $hours } tunnin takaa – yhteys palveluun puuttuu
    }
offline-days =
    { $days ->
        [one] Tiedot päivän takaa – yhteys palveluun puuttuu
       *[other] Tiedot { $days } päivän takaa – yhteys palveluun puuttuu
    }
offline-no-data = Yhteys palveluun puuttuu. Tiedot päivitetään, kun yhteys palaa.

## Kirjautuminen

signin-title = Kirjaudu Omahallintaan
signin-intro = Kirjaudu henkilökohtaisilla tunnuksillasi: sähköpostiosoitteella ja salasanalla.
signin-hint = Tunnukset löytyvät sähköpostiviestistä ”F-Secure Turvapaketti-palvelusi – Ota käyttöön!”.
signin-email = Sähköpostiosoite
signin-password = Salasana
signin-remember = Muista minut tällä tietokoneella
signin-remember-help = Salasanaa ei tallenneta. Kirjautuminen säilytetään käyttöjärjestelmän suojatussa avainnipussa.
signin-submit = Kirjaudu sisään
signin-submitting = Kirjaudutaan…
signin-keychain-wait = Kirjautuminen on vielä kesken. Jos tietokone pyytää avaamaan avainnipun (erillinen ikkuna), avaa se, niin kirjautuminen muistetaan. Voit myös peruuttaa: olet silloin kirjautuneena, kunnes suljet sovelluksen.
signin-missing-fields = Kirjoita sähköpostiosoite ja salasana.
signin-rate-limited-minutes =
    { $minutes ->
        [one] Liian monta kirjautumisyritystä. Yritä uudelleen minuutin kuluttua.
       *[other] Liian monta kirjautumisyritystä. Yritä uudelleen { $minutes } minuutin kuluttua.
    }
signin-rate-limited-seconds =
    { $seconds ->
        [one] Liian monta kirjautumisyritystä. Yritä uudelleen sekunnin kuluttua.
       *[other] Liian monta kirjautumisyritystä. Yritä uudelleen { $seconds } sekunnin kuluttua.
    }
signin-session-expired = Istuntosi on päättynyt. Kirjaudu uudelleen sisään.
signin-signed-out = Olet kirjautunut ulos.
signin-keychain-notice = Kirjautumista ei voitu muistaa tällä tietokoneella, koska käyttöjärjestelmän avainnippu ei ollut käytettävissä. Olet kirjautuneena, kunnes suljet sovelluksen.
signin-demo-title = Demotilan tunnukset
signin-demo-intro = Demotilassa voit kokeilla sovellusta esimerkkitileillä.
signin-demo-use = Käytä tunnusta { $email }
demo-account-family = Perhe: Turvapaketti (3/5 laitetta, päättymässä), TV-palvelut, MIX-paketti ja maksukanava; maksu-TV-kortti ja laskutussopimus voimassa.
demo-account-no-billing = Ei laskutussopimusta: voi kirjautua, mutta ei tilata.
demo-account-no-pay-tv-card = Ei maksu-TV-korttia: voi tilata, mutta ei maksukanavia.
demo-account-former = Entinen asiakas: kirjautuminen ei onnistu (ei voimassaolevaa asiakassuhdetta).
demo-account-other = Demotili.
signin-contact-hint = Tarvitsetko apua kirjautumisessa? Soita asiakaspalveluun { $phone }.

## Tilatut palvelut

services-title = Tilatut palvelut
services-intro = Tässä näet kaikki tilaamasi palvelut sekä niiden alkamis- ja päättymisajankohdat.
services-refresh = Päivitä
services-refreshing = Päivitetään…
services-updated = Tiedot päivitetty { $date } klo { $time }.
services-empty = Sinulla ei ole tilattuja palveluita.
services-load-failed = Palveluita ei voitu hakea.
services-group = Tuoteryhmä
services-start = Alkamisajankohta
services-end = Päättymisajankohta
services-until-further-notice = toistaiseksi
services-validity = Voimassaolo
services-validity-fixed = määräaika
services-validity-open = toistaiseksi
services-status = Tila
services-price = Hinta
services-price-per-month = { $price } / kk
services-total = Yhteensä kuukaudessa
services-billing-note = Tilatut palvelut veloitetaan automaattisesti kuukausilaskutuksen yhteydessä. Laskuun liittyvissä asioissa ota yhteyttä asiakaspalveluun puhelimitse.
services-activate = Ota Turvapaketti käyttöön
services-devices = { $used } / { $allowed } laitetta suojattu
services-how-to-cancel = Miten irtisanon?
services-cancel-explanation = Palveluita ei voi irtisanoa Omahallinnassa. Irtisanomisilmoitus tehdään aina kirjallisesti asiakaspalveluun. Voit tehdä sen asiakaspalautelomakkeella – muista liittää viestiin puhelinnumerosi ja sähköpostiosoitteesi.
services-cancel-write = Kirjoita irtisanomisilmoitus
services-ending-reminder =
    { $days ->
        [0] { $name } päättyy tänään.
        [one] { $name } päättyy huomenna.
       *[other] { $name } päättyy { $days } päivän kuluttua.
    }

status-upcoming = alkamassa
status-active = voimassa
status-ending_soon = päättymässä
status-ended = päättynyt
status-days-left =
    { $days ->
        [0] päättyy tänään
        [one] 1 päivä jäljellä
       *[other] { $days } päivää jäljellä
    }

## Turvapaketin käyttöönotto

activation-title = Ota Turvapaketti käyttöön
activation-intro = Suojaa tämä tietokone kolmessa vaiheessa: lataa asennusohjelma, odota tarkistus ja paina Asenna.
activation-back = Takaisin tilattuihin palveluihin
activation-not-found = Palvelua ei löytynyt. Palaa tilattuihin palveluihin ja yritä uudelleen.
activation-step-download = 1. Lataa asennusohjelma
activation-step-verify = 2. Tarkistus
activation-step-install = 3. Asenna
activation-download = Lataa asennusohjelma
activation-download-for = Asennusohjelma: { $file }
activation-pause = Keskeytä lataus
activation-resume = Jatka latausta
activation-retry = Yritä latausta uudelleen
activation-progress-label = Latauksen edistyminen
activation-progress = { $received } / { $total } Mt ({ $percent } %)
activation-state-idle = Latausta ei ole vielä aloitettu.
activation-state-downloading = Ladataan…
activation-state-paused = Lataus on keskeytetty. Voit jatkaa siitä, mihin jäit.
activation-state-verifying = Tarkistetaan ladattua tiedostoa…
activation-state-verified = Tiedosto on tarkistettu: SHA-256-tarkiste ja allekirjoitus ovat kunnossa.
activation-state-failed = Lataus epäonnistui.
activation-verify-pending = Tarkistus tehdään automaattisesti, kun lataus on valmis.
activation-install = Asenna
activation-install-help = Asenna-painike toimii, kun ladattu tiedosto on tarkistettu. Asennusohjelma kysyy tilausavainta.
activation-install-opened = Asennusohjelma avattiin. Seuraa sen ohjeita.
activation-no-installer = Tälle tietokoneelle ei ole saatavilla asennusohjelmaa. Voit suojata muita laitteitasi alla olevan linkin tai QR-koodin avulla.
activation-key-title = Tilausavain
activation-key-help = Asennusohjelma pyytää tilausavainta. Kopioi se ja liitä asennusohjelmaan.
activation-copy-key = Kopioi tilausavain
activation-copied = Kopioitu leikepöydälle.
activation-copy-failed = Kopiointi ei onnistunut. Valitse teksti ja kopioi se itse.
activation-devices-title = Suojatut laitteet
activation-devices = { $used } / { $allowed } laitetta suojattu
activation-devices-full = Kaikki laitepaikat ovat käytössä. Vapauta lisenssi laitteelta, jota ei enää käytetä, tai tilaa suurempi paketti.
activation-device-list-label = Laitteet
activation-this-computer = Tämä tietokone
activation-last-seen = viimeksi nähty { $date } klo { $time }
activation-release = Vapauta lisenssi
activation-release-label = Vapauta lisenssi: { $name }
activation-release-confirm = Vapautetaanko laitteen { $name } lisenssi? Laite ei ole enää suojattu, ja paikka vapautuu toiselle laitteelle.
activation-release-confirm-this = Vapautetaanko tämän tietokoneen ({ $name }) lisenssi? Tämä tietokone ei ole enää suojattu.
activation-release-yes = Vapauta
activation-release-cancel = Peruuta
activation-already-protected = Tämä tietokone on jo suojattu. Turvapakettia ei tarvitse asentaa uudelleen.
activation-already-protected-product = Tämä tietokone on jo suojattu ({ $product }). Turvapakettia ei tarvitse asentaa uudelleen.
activation-conflict = Tietokoneessa on toinen virustorjuntaohjelma: { $product }. Poista se ennen Turvapaketin asentamista, jotta ohjelmat eivät häiritse toisiaan.
activation-download-anyway = Lataa asennusohjelma silti
os-windows = Windows
os-macos = macOS
os-linux = Linux
os-android = Android
os-ios = iOS
activation-more-title = Suojaa lisää laitteita
activation-more-intro = Avaa tämä linkki perheesi toisella laitteella (puhelin, tabletti tai toinen tietokone) tai lue QR-koodi puhelimen kameralla.
activation-show-qr = Näytä QR-koodi
activation-qr-label = QR-koodi laitteen suojauslinkkiin
activation-link-label = Suojauslinkki
activation-copy-link = Kopioi linkki

## Asiakaspalaute

feedback-title = Asiakaspalaute
feedback-intro = Palautteesi on meille tärkeää! Jos haluat, että sinuun otetaan yhteyttä, kirjoita sähköpostiosoitteesi ja puhelinnumerosi niille varattuihin kenttiin.
feedback-topic = Aihe
feedback-message = Viesti
feedback-remaining =
    { $remaining ->
        [one] 1 merkki jäljellä
       *[other] { $remaining } merkkiä jäljellä
    }
feedback-over-limit =
    { $over ->
        [one] Viesti on 1 merkin liian pitkä.
       *[other] Viesti on { $over } merkkiä liian pitkä.
    }
feedback-message-required = Kirjoita viesti.
feedback-contact-me = Ota minuun yhteyttä
feedback-email = Sähköpostiosoite
feedback-phone = Puhelinnumero
feedback-optional = (vapaaehtoinen)
feedback-contact-missing = Kirjoita sähköpostiosoite tai puhelinnumero, jotta voimme ottaa yhteyttä.
feedback-service = Palvelu, jota viesti koskee
feedback-service-none = Ei tiettyä palvelua
feedback-termination-title = Irtisanominen
feedback-termination-explanation = Palveluita ei voi irtisanoa Omahallinnassa, mutta voit tehdä kirjallisen irtisanomisilmoituksen tällä lomakkeella. Kerro, minkä palvelun haluat irtisanoa.
feedback-termination-reminder = Muistathan liittää viestiin puhelinnumerosi ja sähköpostiosoitteesi.
feedback-termination-prefill = Haluan irtisanoa palvelun: { $service }
feedback-submit = Lähetä palaute
feedback-sending = Lähetetään…
feedback-sent = Lähetetty. Kiitos palautteestasi!
feedback-sent-receipt = Palautteen tunnus: { $id }
feedback-queued = Jonossa – lähetetään, kun yhteys palaa.
feedback-new = Kirjoita uusi palaute
feedback-outbox-waiting =
    { $count ->
        [one] Yksi palaute odottaa lähetystä.
       *[other] { $count } palautetta odottaa lähetystä.
    }
feedback-pending-load-failed = Lähettämättömiä palautteita ei voitu lukea.
feedback-attention-title =
    { $count ->
        [one] Yksi palaute vaatii huomiotasi
       *[other] { $count } palautetta vaatii huomiotasi
    }
feedback-attention-intro = Palvelu ei hyväksynyt näitä viestejä, joten niitä ei ole lähetetty. Ne säilytetään tällä tietokoneella, kunnes korjaat ja lähetät ne uudelleen tai hylkäät ne.
feedback-attention-written = { $topic }, kirjoitettu { $date }
feedback-attention-reason-field = { $field }: { $reason }
feedback-attention-edit = Muokkaa ja lähetä uudelleen
feedback-attention-discard = Hylkää
feedback-discard-question = Hylätäänkö tämä palaute? Se poistetaan tältä tietokoneelta, eikä sitä lähetetä.
feedback-discard-confirm = Hylkää ja poista palaute
feedback-discard-cancel = Älä hylkää
feedback-discard-failed = Palautetta ei voitu hylätä.
feedback-discarded = Palaute poistettiin. Sitä ei lähetetty.
feedback-editing = Muokkaat palautetta, jota ei voitu lähettää (kirjoitettu { $date }). Korjaa se ja lähetä uudelleen.
feedback-edit-cancel = Peruuta muokkaus
feedback-resend = Lähetä uudelleen

topic-general = Yleinen palaute
topic-termination = Irtisanominen
topic-ordering = Tilaaminen
topic-technical = Tekninen ongelma
topic-billing = Laskutus
topic-details = Käyttäjätiedot

## Asiakaspalvelu

contact-title = Asiakaspalvelu
contact-intro = Lisätietoja palveluista saat asiakaspalvelusta.
contact-phone = Puhelin
contact-call = Soita { $phone }
contact-hours = Aukioloajat
contact-portal = Verkkosivusto
contact-routes-title = Mihin otan yhteyttä?
contact-route = { $topic }: { $channel }
contact-topic-general = Yleiset kysymykset ja palaute
contact-topic-termination = Palvelun irtisanominen
contact-topic-ordering = Tilaaminen
contact-topic-technical = Tekniset ongelmat
contact-topic-billing = Laskuun liittyvät asiat
contact-topic-details = Käyttäjätietojen muutokset
channel-phone = soita asiakaspalveluun
channel-feedback_form = käytä palautelomaketta
channel-web_portal = käytä verkkosivustoa
contact-open-feedback = Avaa palautelomake
contact-load-failed = Yhteystietoja ei voitu hakea.

## Asetukset

settings-title = Asetukset
settings-language = Kieli
settings-language-fi = Suomi
settings-language-en = English
settings-language-sv = Svenska
settings-language-saved = Kieli vaihdettu.
settings-autostart = Käynnistä tietokoneen käynnistyessä, pienennettynä
settings-autostart-help = Omahallinta käynnistyy ilmoitusalueelle, kun kirjaudut tietokoneelle, joten muistutukset tulevat perille avaamatta sovellusta.
settings-account = Tili
settings-sign-out = Kirjaudu ulos
settings-signing-out = Kirjaudutaan ulos…
settings-sign-out-pending-title = Lähettämättömiä palautteita
settings-sign-out-pending =
    { $count ->
        [one] Yksi kirjoittamasi palaute ei ole vielä lähtenyt.
       *[other] { $count } kirjoittamaasi palautetta ei ole vielä lähtenyt.
    }
settings-sign-out-pending-removes = Uloskirjautuminen poistaa tilisi tiedot tältä tietokoneelta. Valitse, mitä palautteille tehdään, niin sinut kirjataan ulos.
settings-sign-out-keep = Lähetä myöhemmin tällä tilillä
settings-sign-out-keep-help = Lähetä myöhemmin: palautteet jäävät tälle tietokoneelle ja lähetetään, kun kirjaudut uudelleen sisään tällä tilillä.
settings-sign-out-discard = Hylkää palautteet
settings-sign-out-discard-help = Hylkää palautteet: ne poistetaan, eikä niitä lähetetä.
settings-sign-out-cancel = Älä kirjaudu ulos
settings-version = Versio { $version }

## Tilaa

order-title = Tilaa
order-intro = Voit tilata uusia palveluita ja päivittää voimassaolevia tilauksiasi silloin kun itse haluat, 24h vuorokaudessa. Lisätietoja palveluista saat asiakaspalvelusta.
order-load-failed = Palveluvalikoimaa ei voitu hakea.
order-blocked-title = Tilaaminen ei ole nyt mahdollista
order-blocked-intro = Omahallinnan käyttö ja uusien palvelujen tilaaminen edellyttävät voimassaolevaa asiakassuhdetta ja laskutussopimusta.
order-blocker-no_customer_relationship = Sinulla ei ole voimassaolevaa asiakassuhdetta.
order-blocker-no_billing_agreement = Sinulla ei ole voimassaolevaa laskutussopimusta.
order-blocked-contact = Ota yhteyttä asiakaspalveluun, niin asia selvitetään.
order-price = { $price } / kk
order-validity-open = Voimassa toistaiseksi
order-validity-fixed =
    { $months ->
        [one] Määräaikainen, 1 kuukausi
       *[other] Määräaikainen, { $months } kuukautta
    }
order-devices = Suojaa enintään { $count } laitetta
order-mix-info = Valitse pakettiin { $count } kanavaa.
order-requires-card = Maksukanavan tilaaminen edellyttää voimassaolevaa maksu-TV-korttia.
order-owned = Sinulla on jo tämä palvelu.
order-button = Tilaa
order-update-button = Päivitä tähän palveluun
order-update-info = Korvaa palvelun { $service }.
order-confirm-title = Vahvista tilaus
order-confirm-product = Palvelu: { $name }
order-confirm-price = Kuukausihinta: { $price }
order-confirm-billing = Palvelu veloitetaan automaattisesti kuukausilaskutuksen yhteydessä { $date } alkaen.
order-confirm-total = Kuukausilaskutus yhteensä tämän jälkeen: { $total }
order-confirm = Vahvista tilaus
order-cancel = Peruuta
order-sending = Tilataan…
order-done = Tilaus vastaanotettu: { $name }.
order-done-charged = Palvelu veloitetaan { $date } alkaen. Kuukausilaskutus yhteensä nyt { $total }.

mix-legend = Valitse { $count } kanavaa
mix-selected = Valittu { $selected } / { $count }
mix-wrong-count = Valitse täsmälleen { $count } kanavaa.
mix-edit = Muokkaa MIX-paketin sisältöä
mix-save = Tallenna kanavat
mix-saving = Tallennetaan…
mix-saved = MIX-paketin sisältö on päivitetty.

## Laskutus

billing-title = Laskutus
billing-intro = Tilaamasi palvelut veloitetaan automaattisesti kuukausilaskutuksen yhteydessä.
billing-load-failed = Laskutustietoja ei voitu hakea.
billing-total = Kuukausilaskutus yhteensä
billing-next-invoice = Seuraava lasku: { $date }
billing-group-services =
    { $count ->
        [one] 1 palvelu
       *[other] { $count } palvelua
    }
billing-questions = Laskun sisältöön liittyvissä asioissa ota yhteyttä asiakaspalveluun numeroon { $phone }.
billing-questions-generic = Laskun sisältöön liittyvissä asioissa ota yhteyttä asiakaspalveluun puhelimitse.

## Käyttäjätiedot

details-title = Käyttäjätiedot
details-load-failed = Käyttäjätietoja ei voitu hakea.
details-customer-number = Asiakasnumero
details-name = Nimi
details-email = Sähköpostiosoite
details-phone = Puhelinnumero
details-address = Osoite
details-relationship = Asiakassuhde
details-billing-agreement = Laskutussopimus
details-valid = voimassa
details-not-valid = ei voimassa
details-pay-tv-card = Maksu-TV-kortti
details-pay-tv-card-value = { $number }, voimassa { $date } asti
details-pay-tv-card-expired = { $number }, ei voimassa ({ $date })
details-pay-tv-card-none = ei korttia
details-edit = Muokkaa tietoja
details-new-email = Uusi sähköpostiosoite
details-save = Tallenna
details-saving = Tallennetaan…
details-cancel = Peruuta
details-saved = Sähköpostiosoite on päivitetty.
details-other-changes = Muiden käyttäjätietojesi päivityksen osalta ole yhteydessä asiakaspalveluun.

## Salasanan vaihto

password-title = Salasanan vaihto
password-intro = Vaihda salasanasi kirjoittamalla nykyinen salasana ja uusi salasana kahdesti. Muilla laitteilla oleva kirjautuminen päättyy.
password-current = Nykyinen salasana
password-new = Uusi salasana
password-repeat = Uusi salasana uudelleen
password-rules = Vähintään 10 merkkiä; käytä isoja ja pieniä kirjaimia sekä numeroita tai erikoismerkkejä.
password-strength = { $level ->
    [weak] Salasanan vahvuus: heikko – ei kelpaa
    [fair] Salasanan vahvuus: kohtalainen – ei vielä kelpaa
    [good] Salasanan vahvuus: hyvä
   *[strong] Salasanan vahvuus: vahva
}
password-mismatch = Uudet salasanat eivät ole samat.
password-missing = Täytä kaikki kentät.
password-submit = Vaihda salasana
password-saving = Vaihdetaan…
password-done = Salasana on vaihdettu. Muilla laitteilla kirjautuminen päättyi.
password-back = Takaisin käyttäjätietoihin
details-password-intro = Voit vaihtaa salasanasi, kun tiedät nykyisen salasanasi.
details-change-password = Vaihda salasana

## Welcome (first run) and the portal in use
welcome-title = Tervetuloa Omahallintaan
welcome-intro = Omahallinnassa näet tilatut palvelut, otat Turvapaketin käyttöön ja tilaat uusia palveluita.
welcome-operator-title = Asiakkaille: { $operator }
welcome-operator-help = Kirjaudu sähköpostiosoitteella ja salasanalla, jotka sait ”Ota käyttöön!” -viestissä.
welcome-operator = Kirjaudu Omahallintaan
welcome-connecting = Yhdistetään…
welcome-retry = Yritä uudelleen
welcome-demo-title = Tutustu ensin
welcome-demo-help = Demo käyttää esimerkkitietoja, ei oikeaa asiakastiliä.
welcome-demo = Kokeile demoa
welcome-starting-demo = Käynnistetään demoa…
welcome-later = Valinta muistetaan. Voit vaihtaa sen myöhemmin asetuksista.
welcome-unreachable-title = Omahallintaan ei saada yhteyttä
welcome-unreachable = Palvelu ei vastaa juuri nyt. Tarkista verkkoyhteys ja yritä uudelleen, tai kokeile sillä välin demoa.
welcome-call = Tarvitsetko apua? Soita asiakaspalveluun:
settings-portal = Palvelu
settings-portal-operator = { $operator } – Omahallinta
settings-portal-demo = Demo (esimerkkitiedot)
settings-portal-other = Muu palvelu (kehityskäyttö)
settings-portal-address = Osoite
settings-portal-keys = Luotettujen allekirjoitusavainten tunnisteet
settings-portal-no-keys = Avainta ei ole kiinnitetty, joten asennusohjelmia ei voi tarkistaa.
settings-portal-switch-demo = Vaihda demoon
settings-portal-switch-operator = Vaihda Omahallintaan
settings-portal-switching = Vaihdetaan…
settings-portal-switch-help = Valinta muistetaan. Kummankin palvelun kirjautuminen säilyy erikseen.
settings-portal-fixed = Palvelu valittiin käynnistyksen yhteydessä, joten sitä ei voi vaihtaa täältä.
settings-portal-unreachable = Omahallintaan ei saada yhteyttä, joten palvelua ei vaihdettu. Asiakaspalvelu: { $phone }

## Updates
update-available = Päivitys saatavilla: versio { $version }
update-current = Käytössä on versio { $current }.
update-now = Päivitä nyt
update-later = Myöhemmin
update-downloading = Ladataan päivitystä…
update-downloading-percent = Ladataan päivitystä… { $percent } %
update-progress-label = Päivityksen lataus
update-installing = Asennetaan päivitystä. Sovellus käynnistyy uudelleen.
update-package-manager = Tämä asennus päivitetään järjestelmän paketinhallinnalla: avaa Ohjelmistopäivitykset tai anna komento sudo apt upgrade.

# Forgotten password and omahallinta:// links
signin-forgot = Unohtuiko salasana?
signin-password-reset = Uusi salasana on asetettu, ja kaikki kirjautumiset päättyivät. Kirjaudu sisään uudella salasanalla.
forgot-title = Unohtuiko salasana?
forgot-intro = Kirjoita sähköpostiosoitteesi. Lähetämme siihen linkin, jolla voit asettaa uuden salasanan Omahallinta-sovelluksessa.
forgot-missing = Kirjoita sähköpostiosoite.
forgot-submit = Lähetä linkki
forgot-sending = Lähetetään…
forgot-sent = Tarkista sähköpostisi. Jos { $email } on Omahallinnan tunnus, siihen on lähetetty linkki uuden salasanan asettamiseen. Linkki on voimassa 30 minuuttia ja toimii kerran.
forgot-back = Takaisin kirjautumiseen
reset-title = Aseta uusi salasana
reset-intro = Kirjoita uusi salasana kahdesti. Kaikki kirjautumisesi päättyvät, ja kirjaudut sen jälkeen uudella salasanalla.
reset-submit = Aseta salasana
reset-new-link = Tilaa uusi linkki
app-link-ignored = Avattua linkkiä ei tunnistettu, joten sitä ei käytetty. Avaa linkki uudelleen sähköpostiviestistä tai tilaa uusi.
