# Virheilmoitukset: yksi jokaiselle portal_api::ErrorCode-koodille (error-<koodi>).

error-malformed_request = Pyyntö oli virheellinen. Yritä uudelleen.
error-validation_failed = Tarkista kentän arvo.
error-payload_too_large = Viesti on liian suuri.
error-not_found = Tietoa ei löytynyt.
error-method_not_allowed = Toimintoa ei voi tehdä.
error-unsupported_media_type = Pyyntö oli virheellinen. Yritä uudelleen.
error-invalid_credentials = Sähköpostiosoite tai salasana on väärin. Tunnukset löytyvät ”Ota käyttöön!” -sähköpostista.
# $retry_after: seconds to wait (0 when unknown).
error-rate_limited =
    { $retry_after ->
        [0] Liian monta yritystä. Odota hetki ja yritä uudelleen.
       *[other] Liian monta yritystä. Yritä uudelleen { $retry_after } sekunnin kuluttua.
    }
error-unauthorized = Kirjaudu sisään uudelleen.
error-token_expired = Istunto vanheni. Kirjaudu sisään uudelleen.
error-invalid_grant = Istunto on päättynyt. Kirjaudu sisään uudelleen.
error-no_customer_relationship = Sinulla ei ole voimassaolevaa asiakassuhdetta. Ota yhteyttä asiakaspalveluun.
error-invalid_email = Sähköpostiosoite ei ole kelvollinen.
error-email_in_use = Sähköpostiosoite on jo käytössä toisella tunnuksella.
error-invalid_phone = Puhelinnumero ei ole kelvollinen. Kirjoita esimerkiksi 040 123 4567.
error-wrong_current_password = Nykyinen salasana on väärin.
error-weak_password = Uusi salasana on liian heikko: vähintään 10 merkkiä, ja siinä isoja ja pieniä kirjaimia sekä numeroita tai erikoismerkkejä.
error-reset_token_invalid = Salasanan vaihtolinkki ei kelpaa. Tilaa uusi linkki kohdasta ”Unohtuiko salasana?”.
error-reset_token_expired = Salasanan vaihtolinkki on vanhentunut. Tilaa uusi linkki kohdasta ”Unohtuiko salasana?”.
error-reset_token_used = Salasanan vaihtolinkki on jo käytetty. Jokainen linkki toimii vain kerran: tilaa tarvittaessa uusi.
error-no_billing_agreement = Tilaaminen edellyttää voimassaolevaa laskutussopimusta. Ota yhteyttä asiakaspalveluun.
error-pay_tv_card_required = Maksukanavien tilaaminen edellyttää voimassaolevaa maksu-TV-korttia.
error-product_not_orderable = Tätä palvelua ei voi tilata.
error-already_subscribed = Sinulla on jo tämä palvelu.
error-update_not_allowed = Palvelua ei voi päivittää tällä tavalla.
error-mix_wrong_count = Valitse MIX-pakettiin täsmälleen oikea määrä kanavia.
error-mix_channel_not_allowed = Kanava ei kuulu tämän MIX-paketin valikoimaan.
error-device_limit_reached = Kaikki Turvapaketin lisenssit ovat käytössä. Vapauta lisenssi laitteelta, jota ei enää käytetä (Turvapaketti › Laitteet), tai tilaa suurempi paketti.
error-idempotency_key_required = Pyyntö oli virheellinen. Yritä uudelleen.
error-idempotency_key_reused = Pyyntö oli virheellinen. Yritä uudelleen.
error-message_length = Viestin pituus ei kelpaa: kirjoita 1–2000 merkkiä.
error-range_not_satisfiable = Lataus aloitetaan alusta.
error-unavailable = Palvelu on tilapäisesti poissa käytöstä. Yritä hetken kuluttua uudelleen.
error-internal = Tapahtui odottamaton virhe. Yritä uudelleen.
error-offline = Ei yhteyttä palveluun. Tarkista verkkoyhteys.
error-timeout = Palvelu ei vastannut ajoissa. Yritä uudelleen.
error-malformed_response = Palvelun vastausta ei voitu lukea. Yritä myöhemmin uudelleen.
error-insecure_url = Palvelun osoitteen on oltava suojattu (https).
error-keychain_unavailable = Käyttöjärjestelmän avainnippu ei ole käytettävissä, joten kirjautumista ei voitu muistaa. Olet kirjautuneena tämän istunnon ajan.
error-verification_failed = Ladatun tiedoston tarkistus epäonnistui. Tiedosto poistettiin; lataa se uudelleen.
error-disk_full = Levy on täynnä. Vapauta tilaa ja yritä uudelleen.
error-io = Tiedostoa ei voitu lukea tai kirjoittaa.
error-cancelled = Toiminto peruttiin.
error-no_installer_for_os = Tälle käyttöjärjestelmälle ei ole asennusohjelmaa. Voit suojata laitteen ”Suojaa lisää laitteita” -linkin kautta.
error-not_signed_in = Kirjaudu ensin sisään.
error-feedback_pending = Kirjoittamasi palaute odottaa vielä lähetystä. Valitse, lähetetäänkö se myöhemmin tällä tilillä vai hylätäänkö se.
error-untrusted_key = Asennusohjelmien luettelo on allekirjoitettu avaimella, johon sovellus ei luota, joten mitään ei ladattu. Päivitä sovellus tai ota yhteyttä asiakaspalveluun.
error-update_not_verified = Päivityksen allekirjoitus ei täsmännyt, joten sitä ei asennettu. Nykyinen sovellus toimii edelleen.
error-update_needs_package_manager = Sovellus ei voi asentaa päivitystä itse. Päivitä se järjestelmäsi paketinhallinnalla (esimerkiksi Ohjelmistopäivitykset).
