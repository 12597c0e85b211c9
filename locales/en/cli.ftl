# Messages of the `oma` command-line tool (crates/portal-client/src/bin/oma).

cli-password-prompt = Password:
cli-email-prompt = Email address:
cli-signed-in = Signed in: { $email }
cli-remembered = The sign-in is remembered on this computer (the operating system's keychain).
cli-not-remembered = The sign-in could not be saved in the keychain, so it lasts for this command only. { $reason }
cli-signed-out = You are signed out.
cli-not-signed-in = You are not signed in. Sign in with: oma sign-in --email ADDRESS

cli-services-title = Ordered services
cli-service-ends = Ends { DATE($date) }
cli-service-starts = Starts { DATE($date) }
cli-service-ended-on = Ended { DATE($date) }
cli-service-until-further-notice = Until further notice
cli-monthly-price = { MONEY($cents) }/month
cli-monthly-total = Monthly invoice total: { MONEY($cents) }
cli-status-upcoming = Starting
cli-status-active = Active
cli-status-ending_soon = Ending soon
cli-status-ended = Ended
cli-from-cache = The portal cannot be reached. Showing saved data from { $time }.
cli-no-services = You have no ordered services.

cli-details-title = User details
cli-details-customer-number = Customer number
cli-details-name = Name
cli-details-email = Email
cli-details-phone = Phone
cli-details-address = Address
cli-details-billing = Billing agreement
cli-details-yes = valid
cli-details-no = not valid
cli-details-other-changes = Details other than the email address can be changed only through customer service.

cli-download-no-installer = Your services have no installer for { $os }.
cli-download-start = Downloading { $file } ({ $size } bytes)
cli-download-resumed = Resuming the interrupted download at { $bytes } bytes.
cli-download-done = Download verified (SHA-256 and the portal's signature) and saved: { $path }
cli-download-cancelled = The download was interrupted. Run the same command later to resume it.

cli-feedback-sent = Thank you! Feedback received (number { $id }).
cli-feedback-queued = The portal cannot be reached. Your feedback is saved and will be sent when the connection returns.
cli-feedback-flushed = Queued feedback sent: { $count }.
cli-feedback-termination-hint = Include your phone number and email address in a termination notice.
cli-feedback-attention =
    { $count ->
        [one] The portal refused one queued feedback. It is kept: see it with oma feedback --pending, then correct and resend it or discard it.
       *[other] The portal refused { $count } queued feedback messages. They are kept: see them with oma feedback --pending, then correct and resend or discard each.
    }
cli-feedback-none-pending = No feedback is waiting to be sent.
cli-feedback-waiting = Waiting to be sent when the portal can be reached.
cli-feedback-needs-attention = Needs your attention: { $reason } (field: { $field }). Correct it with oma feedback --resend ID [--phone … --contact-email … --message …], or delete it with oma feedback --discard ID.
cli-feedback-discarded = The feedback was deleted.
cli-sign-out-pending =
    { $count ->
        [one] One feedback you wrote has not been sent yet.
       *[other] { $count } feedback messages you wrote have not been sent yet.
    } Sign out with --keep-feedback to send it when you sign in again with this account, or with --discard-feedback to delete it.
cli-topic-general = General feedback
cli-topic-termination = Termination
cli-topic-ordering = Ordering
cli-topic-technical = Technical problem
cli-topic-billing = Billing
cli-topic-details = User details

cli-error = Error: { $message }

cli-devices-none = You have no valid Turvapaketti.
cli-devices-count = { $used } / { $allowed } devices protected
cli-device-last-seen = last seen { $time }
cli-devices-release-hint = Release the licence of a device you no longer use: oma devices release ID
cli-device-released = The licence of device { $id } was released.
cli-os-windows = Windows
cli-os-macos = macOS
cli-os-linux = Linux
cli-os-android = Android
cli-os-ios = iOS
