# Meddelanden från kommandoradsverktyget `oma` (crates/portal-client/src/bin/oma).
# Termerna följer operatörens guide (Beställda tjänster, Användaruppgifter, Kundtjänst).

cli-password-prompt = Lösenord:
cli-email-prompt = E-postadress:
cli-signed-in = Inloggad: { $email }
cli-remembered = Inloggningen sparas på den här datorn (operativsystemets nyckelring).
cli-not-remembered = Inloggningen kunde inte sparas i nyckelringen, så den gäller bara för det här kommandot. { $reason }
cli-signed-out = Du har loggat ut.
cli-not-signed-in = Du är inte inloggad. Logga in med: oma sign-in --email ADRESS

cli-services-title = Beställda tjänster
cli-service-ends = Upphör { DATE($date) }
cli-service-starts = Börjar { DATE($date) }
cli-service-ended-on = Upphörde { DATE($date) }
cli-service-until-further-notice = Gäller tills vidare
cli-monthly-price = { MONEY($cents) }/mån.
cli-monthly-total = Månadsfakturan totalt: { MONEY($cents) }
cli-status-upcoming = Börjar
cli-status-active = I kraft
cli-status-ending_soon = Upphör snart
cli-status-ended = Upphört
cli-from-cache = Portalen kan inte nås. Sparade uppgifter från { $time } visas.
cli-no-services = Du har inga beställda tjänster.

cli-details-title = Användaruppgifter
cli-details-customer-number = Kundnummer
cli-details-name = Namn
cli-details-email = E-post
cli-details-phone = Telefon
cli-details-address = Adress
cli-details-billing = Faktureringsavtal
cli-details-yes = i kraft
cli-details-no = inte i kraft
cli-details-other-changes = Andra uppgifter än e-postadressen kan bara ändras via kundtjänst.

cli-download-no-installer = Dina tjänster har inget installationsprogram för { $os }.
cli-download-start = Laddar ner { $file } ({ $size } byte)
cli-download-resumed = Den avbrutna nedladdningen fortsätter från { $bytes } byte.
cli-download-done = Nedladdningen är kontrollerad (SHA-256 och portalens signatur) och sparad: { $path }
cli-download-cancelled = Nedladdningen avbröts. Kör samma kommando senare för att fortsätta.

cli-feedback-sent = Tack! Responsen har tagits emot (nummer { $id }).
cli-feedback-queued = Portalen kan inte nås. Din respons har sparats och skickas när förbindelsen fungerar igen.
cli-feedback-flushed = Respons som väntade i kö har skickats: { $count }.
cli-feedback-termination-hint = Ange ditt telefonnummer och din e-postadress i en uppsägning.
cli-feedback-attention =
    { $count ->
        [one] Portalen godkände inte en respons som väntade i kö. Den finns kvar: visa den med oma feedback --pending, rätta och skicka den igen eller släng den.
       *[other] Portalen godkände inte { $count } responser som väntade i kö. De finns kvar: visa dem med oma feedback --pending, rätta och skicka dem igen eller släng var och en.
    }
cli-feedback-none-pending = Ingen respons väntar på att skickas.
cli-feedback-waiting = Skickas när portalen kan nås.
cli-feedback-needs-attention = Behöver din uppmärksamhet: { $reason } (fält: { $field }). Rätta den med oma feedback --resend ID [--phone … --contact-email … --message …], eller radera den med oma feedback --discard ID.
cli-feedback-discarded = Responsen raderades.
cli-sign-out-pending =
    { $count ->
        [one] En respons som du skrev har inte skickats ännu.
       *[other] { $count } responser som du skrev har inte skickats ännu.
    } Logga ut med --keep-feedback för att skicka den när du loggar in med det här kontot igen, eller med --discard-feedback för att radera den.
cli-topic-general = Allmän respons
cli-topic-termination = Uppsägning
cli-topic-ordering = Beställning
cli-topic-technical = Tekniskt problem
cli-topic-billing = Fakturering
cli-topic-details = Användaruppgifter

cli-error = Fel: { $message }

cli-devices-none = Du har inget gällande Turvapaketti.
cli-devices-count = { $used } / { $allowed } enheter skyddade
cli-device-last-seen = senast sedd { $time }
cli-devices-release-hint = Frigör licensen för en enhet som du inte längre använder: oma devices release ID
cli-device-released = Licensen för enheten { $id } har frigjorts.
cli-os-windows = Windows
cli-os-macos = macOS
cli-os-linux = Linux
cli-os-android = Android
cli-os-ios = iOS
