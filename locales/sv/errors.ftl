# Felmeddelanden: ett för varje portal_api::ErrorCode (error-<kod>).

error-malformed_request = Begäran var ogiltig. Försök igen.
error-validation_failed = Kontrollera värdet i det här fältet.
error-payload_too_large = Meddelandet är för stort.
error-not_found = Hittades inte.
error-method_not_allowed = Den här åtgärden går inte att utföra.
error-unsupported_media_type = Begäran var ogiltig. Försök igen.
error-invalid_credentials = Fel e-postadress eller lösenord. Dina inloggningsuppgifter finns i e-postmeddelandet ”Ota käyttöön!”.
# $retry_after: sekunder att vänta (0 när det inte är känt).
error-rate_limited =
    { $retry_after ->
        [0] För många försök. Vänta en stund och försök igen.
       *[other] För många försök. Försök igen om { $retry_after } sekunder.
    }
error-unauthorized = Logga in igen.
error-token_expired = Din session gick ut. Logga in igen.
error-invalid_grant = Din session har upphört. Logga in igen.
error-no_customer_relationship = Du har inget gällande kundförhållande. Kontakta kundtjänst.
error-invalid_email = E-postadressen är inte giltig.
error-email_in_use = E-postadressen används redan av ett annat konto.
error-invalid_phone = Telefonnumret är inte giltigt. Skriv det till exempel så här: 040 123 4567.
error-wrong_current_password = Det nuvarande lösenordet är fel.
error-weak_password = Det nya lösenordet är för svagt: minst 10 tecken, med stora och små bokstäver samt siffror eller specialtecken.
error-no_billing_agreement = För att beställa behöver du ett gällande faktureringsavtal. Kontakta kundtjänst.
error-pay_tv_card_required = Betalkanaler kan bara beställas med ett gällande betal-tv-kort.
error-product_not_orderable = Den här tjänsten kan inte beställas.
error-already_subscribed = Du har redan den här tjänsten.
error-update_not_allowed = Den här tjänsten kan inte uppdateras på det sättet.
error-mix_wrong_count = Välj exakt rätt antal kanaler till MIX-paketet.
error-mix_channel_not_allowed = Kanalen ingår inte i det här MIX-paketets utbud.
error-device_limit_reached = Alla licenser i ditt Turvapaketti används. Frigör licensen för en enhet som du inte längre använder (Turvapaketti › Enheter), eller beställ ett större paket.
error-idempotency_key_required = Begäran var ogiltig. Försök igen.
error-idempotency_key_reused = Begäran var ogiltig. Försök igen.
error-message_length = Meddelandets längd godkänns inte: skriv 1–2000 tecken.
error-range_not_satisfiable = Nedladdningen börjar om från början.
error-unavailable = Tjänsten är tillfälligt ur bruk. Försök igen om en stund.
error-internal = Något oväntat hände. Försök igen.
error-offline = Tjänsten kan inte nås. Kontrollera nätverksförbindelsen.
error-timeout = Tjänsten svarade inte i tid. Försök igen.
error-malformed_response = Tjänstens svar kunde inte läsas. Försök igen senare.
error-insecure_url = Tjänstens adress måste vara säker (https).
error-keychain_unavailable = Systemets nyckelring är inte tillgänglig, så inloggningen kunde inte sparas. Du är inloggad under den här sessionen.
error-verification_failed = Den nedladdade filen klarade inte kontrollen. Den raderades; ladda ner den igen.
error-disk_full = Disken är full. Frigör utrymme och försök igen.
error-io = En fil kunde inte läsas eller skrivas.
error-cancelled = Avbrutet.
error-no_installer_for_os = Det finns inget installationsprogram för det här operativsystemet. Du kan skydda enheten med länken ”Skydda fler enheter”.
error-not_signed_in = Logga in först.
error-feedback_pending = Respons som du skrev väntar fortfarande på att skickas. Välj om den ska skickas senare med det här kontot eller slängas.
error-untrusted_key = Listan över installationsprogram är signerad med en nyckel som appen inte litar på, så ingenting laddades ner. Uppdatera appen eller kontakta kundtjänst.
error-update_not_verified = Uppdateringens signatur kunde inte verifieras, så den installerades inte. Appen du har fungerar som förut.
error-update_needs_package_manager = Appen kan inte installera uppdateringen själv. Uppdatera den i stället med systemets pakethanterare (till exempel Programuppdateringar).
error-reset_token_invalid = Länken för att byta lösenord är inte giltig. Be om en ny med ”Glömt lösenordet?”.
error-reset_token_expired = Länken för att byta lösenord har gått ut. Be om en ny med ”Glömt lösenordet?”.
error-reset_token_used = Länken för att byta lösenord har redan använts. Varje länk fungerar en gång: be om en ny vid behov.
