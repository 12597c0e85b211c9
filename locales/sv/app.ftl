# Användargränssnittets texter i appen Omahallinta (ui/), på finlandssvenska.
# Termerna följer operatörens guide: Beställda tjänster, Beställ, Installera,
# Användaruppgifter, Byt lösenord, Kundtjänst, Kundrespons.
# Samma id:n och variabler som fi/app.ftl och en/app.ftl.

## Appens ram

app-name = Omahallinta
app-skip-to-content = Hoppa till innehållet
app-demo-badge = Demoläge
app-demo-badge-title = Appen använder exempeldata, inte ett riktigt kundkonto.
app-loading = Laddar…
app-error-generic = Något oväntat gick fel. Försök igen.
app-retry = Försök igen
app-signed-in-as = Inloggad som { $email }
app-outbox-delivered =
    { $delivered ->
        [one] Din respons som väntade i kö har nu skickats.
       *[other] Dina { $delivered } responser som väntade i kö har nu skickats.
    }
app-outbox-remaining =
    { $remaining ->
        [one] En respons väntar fortfarande på att skickas.
       *[other] { $remaining } responser väntar fortfarande på att skickas.
    }
app-dismiss = Stäng meddelandet

## Navigering

nav-label = Huvudmeny
nav-services = Beställda tjänster
nav-feedback = Kundrespons
nav-feedback-attention =
    { $count ->
        [one] en respons behöver din uppmärksamhet
       *[other] { $count } responser behöver din uppmärksamhet
    }
nav-contact = Kundtjänst
nav-settings = Inställningar
nav-order = Beställ
nav-billing = Fakturering
nav-details = Användaruppgifter
nav-password = Byt lösenord

## Ingen förbindelse

offline-now = Uppgifterna hämtades nyss – ingen förbindelse till tjänsten
offline-minutes = Uppgifter från { $minutes } min sedan – ingen förbindelse till tjänsten
offline-hours =
    { $hours ->
        [one] Uppgifter från en timme sedan – ingen förbindelse till tjänsten
       *[other] Uppgifter från { $hours } timmar sedan – ingen förbindelse till tjänsten
    }
offline-days =
    { $days ->
        [one] Uppgifter från en dag sedan – ingen förbindelse till tjänsten
       *[other] Uppgifter från { $days } dagar sedan – ingen förbindelse till tjänsten
    }
offline-no-data = Ingen förbindelse till tjänsten. Uppgifterna uppdateras när förbindelsen fungerar igen.

## Inloggning

signin-title = Logga in i Omahallinta
signin-intro = Logga in med dina personliga inloggningsuppgifter: din e-postadress och ditt lösenord.
signin-hint = Du hittar dem i e-postmeddelandet ”F-Secure Turvapaketti-palvelusi – Ota käyttöön!”.
signin-email = E-postadress
signin-password = Lösenord
signin-remember = Kom ihåg mig på den här datorn
signin-remember-help = Lösenordet sparas inte. Inloggningen bevaras i operativsystemets skyddade nyckelring.
signin-submit = Logga in
signin-submitting = Loggar in…
signin-keychain-wait = Inloggningen pågår fortfarande. Om datorn ber dig låsa upp nyckelringen (ett separat fönster), lås upp den så att du blir ihågkommen. Du kan också avbryta: då är du inloggad tills du stänger appen.
signin-missing-fields = Skriv din e-postadress och ditt lösenord.
signin-rate-limited-minutes =
    { $minutes ->
        [one] För många inloggningsförsök. Försök igen om en minut.
       *[other] För många inloggningsförsök. Försök igen om { $minutes } minuter.
    }
signin-rate-limited-seconds =
    { $seconds ->
        [one] För många inloggningsförsök. Försök igen om en sekund.
       *[other] För många inloggningsförsök. Försök igen om { $seconds } sekunder.
    }
signin-session-expired = Din session har gått ut. Logga in igen.
signin-signed-out = Du har loggat ut.
signin-keychain-notice = Inloggningen kunde inte sparas på den här datorn eftersom operativsystemets nyckelring inte var tillgänglig. Du är inloggad tills du stänger appen.
signin-demo-title = Demokonton
signin-demo-intro = I demoläget kan du prova appen med exempelkonton.
signin-demo-use = Använd { $email }
demo-account-family = Familj: Turvapaketti (3/5 enheter, upphör snart), tv-tjänster, ett MIX-paket och en betalkanal; betal-tv-kort och faktureringsavtal i kraft.
demo-account-no-billing = Inget faktureringsavtal: kan logga in men inte beställa.
demo-account-no-pay-tv-card = Inget betal-tv-kort: kan beställa, men inte betalkanaler.
demo-account-former = Tidigare kund: inloggningen nekas (inget gällande kundförhållande).
demo-account-other = Demokonto.
signin-contact-hint = Behöver du hjälp att logga in? Ring kundtjänst på { $phone }.

## Beställda tjänster

services-title = Beställda tjänster
services-intro = Här ser du alla tjänster du har beställt, med start- och slutdatum.
services-refresh = Uppdatera
services-refreshing = Uppdaterar…
services-updated = Uppdaterat { $date } kl. { $time }.
services-empty = Du har inga beställda tjänster.
services-load-failed = Tjänsterna kunde inte hämtas.
services-group = Produktgrupp
services-start = Startdatum
services-end = Slutdatum
services-until-further-notice = tills vidare
services-validity = Giltighet
services-validity-fixed = tidsbunden
services-validity-open = tills vidare
services-status = Status
services-price = Pris
services-price-per-month = { $price } / mån.
services-total = Totalt per månad
services-billing-note = Beställda tjänster debiteras automatiskt på din månadsfaktura. Ring kundtjänst om du har frågor om fakturan.
services-activate = Ta Turvapaketti i bruk
services-devices = { $used } / { $allowed } enheter skyddade
services-how-to-cancel = Hur säger jag upp en tjänst?
services-cancel-explanation = Tjänster kan inte sägas upp i Omahallinta. En uppsägning görs alltid skriftligt till kundtjänst. Du kan göra det med kundresponsformuläret – kom ihåg att ange ditt telefonnummer och din e-postadress.
services-cancel-write = Skriv en uppsägning
services-ending-reminder =
    { $days ->
        [0] { $name } upphör i dag.
        [one] { $name } upphör i morgon.
       *[other] { $name } upphör om { $days } dagar.
    }

status-upcoming = börjar
status-active = i kraft
status-ending_soon = upphör snart
status-ended = upphört
status-days-left =
    { $days ->
        [0] upphör i dag
        [one] 1 dag kvar
       *[other] { $days } dagar kvar
    }

## Ta Turvapaketti i bruk

activation-title = Ta Turvapaketti i bruk
activation-intro = Skydda den här datorn i tre steg: ladda ner installationsprogrammet, vänta på kontrollen och tryck sedan på Installera.
activation-back = Tillbaka till beställda tjänster
activation-not-found = Tjänsten hittades inte. Gå tillbaka till dina beställda tjänster och försök igen.
activation-step-download = 1. Ladda ner installationsprogrammet
activation-step-verify = 2. Kontroll
activation-step-install = 3. Installera
activation-download = Ladda ner installationsprogrammet
activation-download-for = Installationsprogram: { $file }
activation-pause = Pausa nedladdningen
activation-resume = Fortsätt nedladdningen
activation-retry = Försök ladda ner igen
activation-progress-label = Nedladdningens förlopp
activation-progress = { $received } / { $total } MB ({ $percent } %)
activation-state-idle = Nedladdningen har inte börjat ännu.
activation-state-downloading = Laddar ner…
activation-state-paused = Nedladdningen är pausad. Du kan fortsätta där du slutade.
activation-state-verifying = Den nedladdade filen kontrolleras…
activation-state-verified = Filen har kontrollerats: SHA-256-kontrollsumman och signaturen stämmer.
activation-state-failed = Nedladdningen misslyckades.
activation-verify-pending = Kontrollen görs automatiskt när nedladdningen är klar.
activation-install = Installera
activation-install-help = Knappen Installera fungerar när den nedladdade filen har kontrollerats. Installationsprogrammet frågar efter din prenumerationsnyckel.
activation-install-opened = Installationsprogrammet öppnades. Följ dess anvisningar.
activation-no-installer = Det finns inget installationsprogram för den här datorn. Du kan skydda dina andra enheter med länken eller QR-koden nedan.
activation-key-title = Prenumerationsnyckel
activation-key-help = Installationsprogrammet frågar efter din prenumerationsnyckel. Kopiera den och klistra in den i installationsprogrammet.
activation-copy-key = Kopiera prenumerationsnyckeln
activation-copied = Kopierat till urklipp.
activation-copy-failed = Kopieringen lyckades inte. Markera texten och kopiera den själv.
activation-devices-title = Skyddade enheter
activation-devices = { $used } / { $allowed } enheter skyddade
activation-devices-full = Alla enhetsplatser används. Frigör licensen för en enhet som du inte längre använder, eller beställ ett större paket.
activation-device-list-label = Enheter
activation-this-computer = Den här datorn
activation-last-seen = senast sedd { $date } kl. { $time }
activation-release = Frigör licensen
activation-release-label = Frigör licensen: { $name }
activation-release-confirm = Frigöra licensen för { $name }? Enheten är inte längre skyddad, och platsen blir ledig för en annan enhet.
activation-release-confirm-this = Frigöra licensen för den här datorn ({ $name })? Den här datorn är inte längre skyddad.
activation-release-yes = Frigör
activation-release-cancel = Avbryt
activation-already-protected = Den här datorn är redan skyddad. Du behöver inte installera Turvapaketti på nytt.
activation-already-protected-product = Den här datorn är redan skyddad ({ $product }). Du behöver inte installera Turvapaketti på nytt.
activation-conflict = Ett annat antivirusprogram är installerat på datorn: { $product }. Ta bort det innan du installerar Turvapaketti, så att programmen inte stör varandra.
activation-download-anyway = Ladda ner installationsprogrammet ändå
os-windows = Windows
os-macos = macOS
os-linux = Linux
os-android = Android
os-ios = iOS
activation-more-title = Skydda fler enheter
activation-more-intro = Öppna den här länken på en annan enhet i familjen (telefon, surfplatta eller en annan dator), eller läs QR-koden med telefonens kamera.
activation-show-qr = Visa QR-koden
activation-qr-label = QR-kod till länken för att skydda enheten
activation-link-label = Skyddslänk
activation-copy-link = Kopiera länken

## Kundrespons

feedback-title = Kundrespons
feedback-intro = Din respons är viktig för oss! Om du vill att vi kontaktar dig, skriv din e-postadress och ditt telefonnummer i fälten för dem.
feedback-topic = Ämne
feedback-message = Meddelande
feedback-remaining =
    { $remaining ->
        [one] 1 tecken kvar
       *[other] { $remaining } tecken kvar
    }
feedback-over-limit =
    { $over ->
        [one] Meddelandet är 1 tecken för långt.
       *[other] Meddelandet är { $over } tecken för långt.
    }
feedback-message-required = Skriv ett meddelande.
feedback-contact-me = Kontakta mig
feedback-email = E-postadress
feedback-phone = Telefonnummer
feedback-optional = (frivilligt)
feedback-contact-missing = Skriv en e-postadress eller ett telefonnummer så att vi kan kontakta dig.
feedback-service = Tjänst som meddelandet gäller
feedback-service-none = Ingen särskild tjänst
feedback-termination-title = Uppsägning
feedback-termination-explanation = Tjänster kan inte sägas upp i Omahallinta, men du kan skicka en skriftlig uppsägning med det här formuläret. Berätta vilken tjänst du vill säga upp.
feedback-termination-reminder = Kom ihåg att ange ditt telefonnummer och din e-postadress.
feedback-termination-prefill = Jag vill säga upp tjänsten: { $service }
feedback-submit = Skicka respons
feedback-sending = Skickar…
feedback-sent = Skickat. Tack för din respons!
feedback-sent-receipt = Responsens referens: { $id }
feedback-queued = I kö – skickas när förbindelsen fungerar igen.
feedback-new = Skriv ny respons
feedback-outbox-waiting =
    { $count ->
        [one] En respons väntar på att skickas.
       *[other] { $count } responser väntar på att skickas.
    }
feedback-pending-load-failed = Respons som väntar på att skickas kunde inte läsas.
feedback-attention-title =
    { $count ->
        [one] En respons behöver din uppmärksamhet
       *[other] { $count } responser behöver din uppmärksamhet
    }
feedback-attention-intro = Tjänsten godkände inte de här meddelandena, så de har inte skickats. De sparas på den här datorn tills du rättar och skickar dem igen eller slänger dem.
feedback-attention-written = { $topic }, skriven { $date }
feedback-attention-reason-field = { $field }: { $reason }
feedback-attention-edit = Redigera och skicka igen
feedback-attention-discard = Släng
feedback-discard-question = Slänga den här responsen? Den raderas från den här datorn och skickas inte.
feedback-discard-confirm = Släng och radera
feedback-discard-cancel = Behåll den
feedback-discard-failed = Responsen kunde inte slängas.
feedback-discarded = Responsen raderades. Den skickades inte.
feedback-editing = Du redigerar en respons som inte kunde skickas (skriven { $date }). Rätta den och skicka den igen.
feedback-edit-cancel = Avbryt redigeringen
feedback-resend = Skicka igen

topic-general = Allmän respons
topic-termination = Uppsägning
topic-ordering = Beställning
topic-technical = Tekniskt problem
topic-billing = Fakturering
topic-details = Användaruppgifter

## Kundtjänst

contact-title = Kundtjänst
contact-intro = Kundtjänst ger mer information om tjänsterna.
contact-phone = Telefon
contact-call = Ring { $phone }
contact-hours = Öppettider
contact-portal = Webbplats
contact-routes-title = Vart vänder jag mig?
contact-route = { $topic }: { $channel }
contact-topic-general = Allmänna frågor och respons
contact-topic-termination = Uppsägning av en tjänst
contact-topic-ordering = Beställning
contact-topic-technical = Tekniska problem
contact-topic-billing = Frågor om fakturan
contact-topic-details = Ändringar i användaruppgifterna
channel-phone = ring kundtjänst
channel-feedback_form = använd responsformuläret
channel-web_portal = använd webbplatsen
contact-open-feedback = Öppna responsformuläret
contact-load-failed = Kontaktuppgifterna kunde inte hämtas.

## Inställningar

settings-title = Inställningar
settings-language = Språk
settings-language-fi = Suomi
settings-language-en = English
settings-language-sv = Svenska
settings-language-saved = Språket har bytts.
settings-account = Konto
settings-sign-out = Logga ut
settings-signing-out = Loggar ut…
settings-sign-out-pending-title = Respons som inte har skickats
settings-sign-out-pending =
    { $count ->
        [one] En respons som du skrev har inte skickats ännu.
       *[other] { $count } responser som du skrev har inte skickats ännu.
    }
settings-sign-out-pending-removes = När du loggar ut raderas ditt kontos uppgifter från den här datorn. Välj vad som ska hända med responsen, så loggas du ut.
settings-sign-out-keep = Skicka senare med det här kontot
settings-sign-out-keep-help = Skicka senare: responsen stannar på den här datorn och skickas när du loggar in med det här kontot igen.
settings-sign-out-discard = Släng responsen
settings-sign-out-discard-help = Släng responsen: den raderas och skickas inte.
settings-sign-out-cancel = Förbli inloggad
settings-version = Version { $version }

## Beställ

order-title = Beställ
order-intro = Du kan beställa nya tjänster och uppdatera dina gällande beställningar när du själv vill, dygnet runt. Kundtjänst ger mer information om tjänsterna.
order-load-failed = Tjänsteutbudet kunde inte hämtas.
order-blocked-title = Det går inte att beställa just nu
order-blocked-intro = För att använda Omahallinta och beställa nya tjänster behöver du ett gällande kundförhållande och faktureringsavtal.
order-blocker-no_customer_relationship = Du har inget gällande kundförhållande.
order-blocker-no_billing_agreement = Du har inget gällande faktureringsavtal.
order-blocked-contact = Kontakta kundtjänst så reder vi ut saken.
order-price = { $price } / mån.
order-validity-open = Gäller tills vidare
order-validity-fixed =
    { $months ->
        [one] Tidsbunden, 1 månad
       *[other] Tidsbunden, { $months } månader
    }
order-devices = Skyddar upp till { $count } enheter
order-mix-info = Välj { $count } kanaler till paketet.
order-requires-card = För att beställa en betalkanal behöver du ett gällande betal-tv-kort.
order-owned = Du har redan den här tjänsten.
order-button = Beställ
order-update-button = Uppdatera till den här tjänsten
order-update-info = Ersätter { $service }.
order-confirm-title = Bekräfta beställningen
order-confirm-product = Tjänst: { $name }
order-confirm-price = Månadspris: { $price }
order-confirm-billing = Tjänsten debiteras automatiskt på din månadsfaktura från och med { $date }.
order-confirm-total = Totalt per månad efter den här beställningen: { $total }
order-confirm = Bekräfta beställningen
order-cancel = Avbryt
order-sending = Beställer…
order-done = Beställningen har tagits emot: { $name }.
order-done-charged = Tjänsten debiteras från och med { $date }. Din månadssumma är nu { $total }.

mix-legend = Välj { $count } kanaler
mix-selected = Valda { $selected } / { $count }
mix-wrong-count = Välj exakt { $count } kanaler.
mix-edit = Redigera MIX-paketet
mix-save = Spara kanalerna
mix-saving = Sparar…
mix-saved = MIX-paketet har uppdaterats.

## Fakturering

billing-title = Fakturering
billing-intro = Tjänsterna du har beställt debiteras automatiskt på din månadsfaktura.
billing-load-failed = Faktureringsuppgifterna kunde inte hämtas.
billing-total = Totalt per månad
billing-next-invoice = Nästa faktura: { $date }
billing-group-services =
    { $count ->
        [one] 1 tjänst
       *[other] { $count } tjänster
    }
billing-questions = Har du frågor om fakturan, ring kundtjänst på { $phone }.
billing-questions-generic = Har du frågor om fakturan, ring kundtjänst.

## Användaruppgifter

details-title = Användaruppgifter
details-load-failed = Dina uppgifter kunde inte hämtas.
details-customer-number = Kundnummer
details-name = Namn
details-email = E-postadress
details-phone = Telefonnummer
details-address = Adress
details-relationship = Kundförhållande
details-billing-agreement = Faktureringsavtal
details-valid = i kraft
details-not-valid = inte i kraft
details-pay-tv-card = Betal-tv-kort
details-pay-tv-card-value = { $number }, gäller till { $date }
details-pay-tv-card-expired = { $number }, gäller inte ({ $date })
details-pay-tv-card-none = inget kort
details-edit = Redigera uppgifterna
details-new-email = Ny e-postadress
details-save = Spara
details-saving = Sparar…
details-cancel = Avbryt
details-saved = Din e-postadress har uppdaterats.
details-other-changes = Kontakta kundtjänst om du vill ändra dina övriga uppgifter.

## Byt lösenord

password-title = Byt lösenord
password-intro = Byt lösenord genom att skriva ditt nuvarande lösenord och det nya två gånger. Du loggas ut på dina andra enheter.
password-current = Nuvarande lösenord
password-new = Nytt lösenord
password-repeat = Nytt lösenord igen
password-rules = Minst 10 tecken; använd stora och små bokstäver samt siffror eller specialtecken.
password-strength = { $level ->
    [weak] Lösenordets styrka: svag – godkänns inte
    [fair] Lösenordets styrka: medel – godkänns inte ännu
    [good] Lösenordets styrka: bra
   *[strong] Lösenordets styrka: stark
}
password-mismatch = De nya lösenorden stämmer inte överens.
password-missing = Fyll i alla fält.
password-submit = Byt lösenord
password-saving = Byter…
password-done = Ditt lösenord har bytts. Du loggades ut på dina andra enheter.
password-back = Tillbaka till användaruppgifterna
details-password-intro = Du kan byta lösenord när du vet ditt nuvarande lösenord.
details-change-password = Byt lösenord

## Välkommen (första start) och tjänsten som används
welcome-title = Välkommen till Omahallinta
welcome-intro = I Omahallinta ser du dina beställda tjänster, tar Turvapaketti i bruk och beställer nya tjänster.
welcome-operator-title = Kunder hos { $operator }
welcome-operator-help = Logga in med e-postadressen och lösenordet från e-postmeddelandet ”Ota käyttöön!”.
welcome-operator = Logga in i Omahallinta
welcome-connecting = Ansluter…
welcome-retry = Försök igen
welcome-demo-title = Titta dig omkring först
welcome-demo-help = Demon använder exempeldata, inte ett riktigt kundkonto.
welcome-demo = Prova demon
welcome-starting-demo = Demon startar…
welcome-later = Ditt val sparas. Du kan ändra det senare under Inställningar.
welcome-unreachable-title = Omahallinta kan inte nås
welcome-unreachable = Tjänsten svarar inte just nu. Kontrollera nätverksförbindelsen och försök igen, eller prova demon så länge.
welcome-call = Behöver du hjälp? Ring kundtjänst:
settings-portal = Tjänst
settings-portal-operator = { $operator } – Omahallinta
settings-portal-demo = Demo (exempeldata)
settings-portal-other = En annan tjänst (utveckling)
settings-portal-address = Adress
settings-portal-keys = Fingeravtryck för de betrodda signeringsnycklarna
settings-portal-no-keys = Ingen nyckel är fastlåst, så installationsprogram kan inte kontrolleras.
settings-portal-switch-demo = Byt till demon
settings-portal-switch-operator = Byt till Omahallinta
settings-portal-switching = Byter…
settings-portal-switch-help = Ditt val sparas. Varje tjänst har sin egen inloggning.
settings-portal-fixed = Tjänsten valdes när appen startades, så den kan inte ändras här.
settings-portal-unreachable = Omahallinta kan inte nås, så tjänsten byttes inte. Kundtjänst: { $phone }

## Uppdateringar
update-available = Uppdatering tillgänglig: version { $version }
update-current = Du har version { $current }.
update-now = Uppdatera nu
update-later = Senare
update-downloading = Laddar ner uppdateringen…
update-downloading-percent = Laddar ner uppdateringen… { $percent } %
update-progress-label = Nedladdning av uppdateringen
update-installing = Uppdateringen installeras. Appen startar om.
update-package-manager = Den här installationen uppdateras av systemets pakethanterare: öppna Programuppdateringar eller kör sudo apt upgrade.

## Autostart (Settings)
settings-autostart = Starta när datorn startar, minimerad
settings-autostart-help = Omahallinta startar i meddelandefältet när du loggar in på datorn, så att påminnelserna når dig utan att du öppnar appen.

## Forgotten password and links from email
signin-forgot = Glömt lösenordet?
signin-password-reset = Ditt nya lösenord är sparat och alla inloggningar har avslutats. Logga in med det nya lösenordet.
forgot-title = Glömt lösenordet?
forgot-intro = Skriv din e-postadress. Vi skickar en länk till den, med vilken du anger ett nytt lösenord i Omahallinta-appen.
forgot-missing = Skriv din e-postadress.
forgot-submit = Skicka länken
forgot-sending = Skickar…
forgot-sent = Kontrollera din e-post. Om { $email } är ett användarnamn i Omahallinta har en länk för att ange ett nytt lösenord skickats dit. Länken gäller i 30 minuter och fungerar en gång.
forgot-back = Tillbaka till inloggningen
reset-title = Ange ett nytt lösenord
reset-intro = Skriv det nya lösenordet två gånger. Alla dina inloggningar avslutas, och sedan loggar du in med det nya lösenordet.
reset-submit = Spara lösenordet
reset-new-link = Be om en ny länk
app-link-ignored = Länken som öppnades kändes inte igen, så den användes inte. Öppna länken igen från e-postmeddelandet eller be om en ny.
