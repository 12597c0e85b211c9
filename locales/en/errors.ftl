# Error messages: one for each portal_api::ErrorCode (error-<code>).

error-malformed_request = The request was invalid. Please try again.
error-validation_failed = Please check the value of this field.
error-payload_too_large = The message is too large.
error-not_found = Not found.
error-method_not_allowed = This action is not possible.
error-unsupported_media_type = The request was invalid. Please try again.
error-invalid_credentials = Wrong email address or password. Your credentials are in the “Ota käyttöön!” email.
# $retry_after: seconds to wait (0 when unknown).
error-rate_limited =
    { $retry_after ->
        [0] Too many attempts. Please wait a moment and try again.
       *[other] Too many attempts. Try again in { $retry_after } seconds.
    }
error-unauthorized = Please sign in again.
error-token_expired = Your session expired. Please sign in again.
error-invalid_grant = Your session has ended. Please sign in again.
error-no_customer_relationship = You have no valid customer relationship. Please contact customer service.
error-invalid_email = The email address is not valid.
error-email_in_use = The email address is already used by another account.
error-invalid_phone = The phone number is not valid. Write it like 040 123 4567.
error-wrong_current_password = The current password is wrong.
error-weak_password = The new password is too weak: at least 10 characters, with upper and lower case letters and digits or special characters.
error-reset_token_invalid = This password reset link is not valid. Ask for a new one with “Forgot your password?”.
error-reset_token_expired = This password reset link has expired. Ask for a new one with “Forgot your password?”.
error-reset_token_used = This password reset link was used already. Each link works once: ask for a new one if needed.
error-no_billing_agreement = Ordering needs a valid billing agreement. Please contact customer service.
error-pay_tv_card_required = Pay channels can be ordered only with a valid pay-TV card.
error-product_not_orderable = This service cannot be ordered.
error-already_subscribed = You already have this service.
error-update_not_allowed = This service cannot be updated that way.
error-mix_wrong_count = Choose exactly the right number of channels for the MIX package.
error-mix_channel_not_allowed = This channel is not available in this MIX package.
error-device_limit_reached = Every licence of your Turvapaketti is in use. Release the licence of a device you no longer use (Turvapaketti › Devices), or order a bigger package.
error-idempotency_key_required = The request was invalid. Please try again.
error-idempotency_key_reused = The request was invalid. Please try again.
error-message_length = The message length is not accepted: write 1–2000 characters.
error-range_not_satisfiable = The download starts over.
error-unavailable = The service is temporarily unavailable. Please try again shortly.
error-internal = Something unexpected happened. Please try again.
error-offline = Cannot reach the service. Check your network connection.
error-timeout = The service did not answer in time. Please try again.
error-malformed_response = The service's answer could not be read. Please try again later.
error-insecure_url = The service address must be secure (https).
error-keychain_unavailable = The system keychain is not available, so your sign-in could not be remembered. You are signed in for this session.
error-verification_failed = The downloaded file failed verification. It was deleted; please download it again.
error-disk_full = The disk is full. Free some space and try again.
error-io = A file could not be read or written.
error-cancelled = Cancelled.
error-no_installer_for_os = There is no installer for this operating system. You can protect the device with the “protect more devices” link.
error-not_signed_in = Please sign in first.
error-feedback_pending = Feedback you wrote is still waiting to be sent. Choose whether to send it later with this account or to discard it.
error-untrusted_key = The installer list is signed with a key this app does not trust, so nothing was downloaded. Update the app, or contact customer service.
error-update_not_verified = The update failed its signature check and was not installed. The app you have keeps working.
error-update_needs_package_manager = This app cannot install the update itself. Update it with your system's package manager (for example Software Updates) instead.
