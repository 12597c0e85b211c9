# User interface texts of the Omahallinta app (ui/).
# Ids are grouped by view; fi/app.ftl has the same ids and variables.

## App shell

app-name = Omahallinta
app-skip-to-content = Skip to content
app-demo-badge = Demo mode
app-demo-badge-title = The app uses sample data, not a real customer account.
app-loading = Loading…
app-error-generic = Something unexpected went wrong. Please try again.
app-retry = Try again
app-signed-in-as = Signed in as { $email }
app-outbox-delivered =
    { $delivered ->
        [one] Your queued feedback has now been sent.
       *[other] Your { $delivered } queued feedback messages have now been sent.
    }
app-outbox-remaining =
    { $remaining ->
        [one] One feedback message is still waiting to be sent.
       *[other] { $remaining } feedback messages are still waiting to be sent.
    }
app-dismiss = Dismiss notice

## Navigation

nav-label = Main menu
nav-services = Ordered services
nav-feedback = Customer feedback
nav-feedback-attention =
    { $count ->
        [one] one message needs your attention
       *[other] { $count } messages need your attention
    }
nav-contact = Customer service
nav-settings = Settings
nav-order = Order
nav-billing = Billing
nav-details = User details
nav-password = Change password

## Offline banner

offline-now = Data from just now – no connection to the service
offline-minutes = Data from { $minutes } min ago – no connection to the service
offline-hours =
    { $hours ->
        [one] Data from an hour ago – no connection to the service
       *[other] Data from { $hours } hours ago – no connection to the service
    }
offline-days =
    { $days ->
        [one] Data from a day ago – no connection to the service
       *[other] Data from { $days } days ago – no connection to the service
    }
offline-no-data = No connection to the service. The data will be updated when the connection is back.

## Sign-in

signin-title = Sign in to Omahallinta
signin-intro = Sign in with your personal credentials: your email address and password.
signin-hint = You will find them in the email “F-Secure Turvapaketti-palvelusi – Ota käyttöön!”.
signin-email = Email address
signin-password = Password
signin-remember = Remember me on this computer
signin-remember-help = Your password is not stored. The sign-in is kept in the operating system's secure keychain.
signin-submit = Sign in
signin-submitting = Signing in…
signin-keychain-wait = Still signing in. If your computer asks you to unlock its keychain (a separate window), unlock it to be remembered, or cancel to stay signed in only until you close the app.
signin-missing-fields = Enter your email address and password.
signin-rate-limited-minutes =
    { $minutes ->
        [one] Too many sign-in attempts. Try again in a minute.
       *[other] Too many sign-in attempts. Try again in { $minutes } minutes.
    }
signin-rate-limited-seconds =
    { $seconds ->
        [one] Too many sign-in attempts. Try again in a second.
       *[other] Too many sign-in attempts. Try again in { $seconds } seconds.
    }
signin-session-expired = Your session has ended. Please sign in again.
signin-signed-out = You have signed out.
signin-keychain-notice = Your sign-in could not be remembered on this computer because the operating system's keychain was not available. You stay signed in until you close the app.
signin-demo-title = Demo accounts
signin-demo-intro = In demo mode you can try the app with sample accounts.
signin-demo-use = Use { $email }
demo-account-family = Family: Turvapaketti (3/5 devices, ending soon), TV services, a MIX package and a pay channel; pay-TV card and billing agreement valid.
demo-account-no-billing = No billing agreement: can sign in but cannot order.
demo-account-no-pay-tv-card = No pay-TV card: can order, but not pay channels.
demo-account-former = Former customer: sign-in is refused (no valid customer relationship).
demo-account-other = Demo account.
signin-contact-hint = Need help signing in? Call customer service on { $phone }.

## Ordered services

services-title = Ordered services
services-intro = Here you see all the services you have ordered, with their start and end dates.
services-refresh = Refresh
services-refreshing = Refreshing…
services-updated = Updated { $date } at { $time }.
services-empty = You have no ordered services.
services-load-failed = The services could not be loaded.
services-group = Product group
services-start = Start date
services-end = End date
services-until-further-notice = until further notice
services-validity = Validity
services-validity-fixed = fixed term
services-validity-open = until further notice
services-status = Status
services-price = Price
services-price-per-month = { $price } / month
services-total = Monthly total
services-billing-note = Ordered services are charged automatically on your monthly invoice. For questions about your invoice, call customer service.
services-activate = Set up Turvapaketti
services-devices = { $used } / { $allowed } devices protected
services-how-to-cancel = How do I cancel?
services-cancel-explanation = Services cannot be cancelled in Omahallinta. A notice of termination is always made in writing to customer service. You can do it with the customer feedback form – remember to include your phone number and email address.
services-cancel-write = Write a notice of termination
services-ending-reminder =
    { $days ->
        [0] { $name } ends today.
        [one] { $name } ends tomorrow.
       *[other] { $name } ends in { $days } days.
    }

status-upcoming = starting
status-active = active
status-ending_soon = ending soon
status-ended = ended
status-days-left =
    { $days ->
        [0] ends today
        [one] 1 day left
       *[other] { $days } days left
    }

## Turvapaketti activation

activation-title = Set up Turvapaketti
activation-intro = Protect this computer in three steps: download the installer, wait for the check, then press Install.
activation-back = Back to ordered services
activation-not-found = The service was not found. Go back to your ordered services and try again.
activation-step-download = 1. Download the installer
activation-step-verify = 2. Check
activation-step-install = 3. Install
activation-download = Download the installer
activation-download-for = Installer: { $file }
activation-pause = Pause download
activation-resume = Resume download
activation-retry = Try the download again
activation-progress-label = Download progress
activation-progress = { $received } / { $total } MB ({ $percent } %)
activation-state-idle = The download has not started yet.
activation-state-downloading = Downloading…
activation-state-paused = The download is paused. You can continue where you left off.
activation-state-verifying = Checking the downloaded file…
activation-state-verified = The file has been checked: the SHA-256 checksum and the signature are correct.
activation-state-failed = The download failed.
activation-verify-pending = The check runs automatically when the download is complete.
activation-install = Install
activation-install-help = The Install button works once the downloaded file has been checked. The installer asks for your subscription key.
activation-install-opened = The installer was opened. Follow its instructions.
activation-no-installer = There is no installer for this computer. You can protect your other devices with the link or QR code below.
activation-key-title = Subscription key
activation-key-help = The installer asks for your subscription key. Copy it and paste it into the installer.
activation-copy-key = Copy the subscription key
activation-copied = Copied to the clipboard.
activation-copy-failed = Copying did not work. Select the text and copy it yourself.
activation-devices-title = Protected devices
activation-devices = { $used } / { $allowed } devices protected
activation-devices-full = All device slots are in use. Release the licence of a device you no longer use, or order a bigger package.
activation-device-list-label = Devices
activation-this-computer = This computer
activation-last-seen = last seen { $date } at { $time }
activation-release = Release licence
activation-release-label = Release licence: { $name }
activation-release-confirm = Release the licence of { $name }? The device will no longer be protected, and its slot is freed for another device.
activation-release-confirm-this = Release the licence of this computer ({ $name })? This computer will no longer be protected.
activation-release-yes = Release
activation-release-cancel = Cancel
activation-already-protected = This computer is already protected. There is no need to install Turvapaketti again.
activation-already-protected-product = This computer is already protected ({ $product }). There is no need to install Turvapaketti again.
activation-conflict = Another antivirus program is installed on this computer: { $product }. Remove it before installing Turvapaketti, so that the two do not interfere with each other.
activation-download-anyway = Download the installer anyway
os-windows = Windows
os-macos = macOS
os-linux = Linux
os-android = Android
os-ios = iOS
activation-more-title = Protect more devices
activation-more-intro = Open this link on another device of your family (phone, tablet or another computer), or scan the QR code with a phone camera.
activation-show-qr = Show QR code
activation-qr-label = QR code for the device protection link
activation-link-label = Protection link
activation-copy-link = Copy the link

## Customer feedback

feedback-title = Customer feedback
feedback-intro = Your feedback matters to us! If you would like us to contact you, enter your email address and phone number in the fields for them.
feedback-topic = Topic
feedback-message = Message
feedback-remaining =
    { $remaining ->
        [one] 1 character left
       *[other] { $remaining } characters left
    }
feedback-over-limit =
    { $over ->
        [one] The message is 1 character too long.
       *[other] The message is { $over } characters too long.
    }
feedback-message-required = Write a message.
feedback-contact-me = Contact me
feedback-email = Email address
feedback-phone = Phone number
feedback-optional = (optional)
feedback-contact-missing = Enter an email address or a phone number so that we can contact you.
feedback-service = Service the message is about
feedback-service-none = No particular service
feedback-termination-title = Termination
feedback-termination-explanation = Services cannot be cancelled in Omahallinta, but you can send a written notice of termination with this form. Tell us which service you want to terminate.
feedback-termination-reminder = Remember to include your phone number and email address.
feedback-termination-prefill = I want to terminate the service: { $service }
feedback-submit = Send feedback
feedback-sending = Sending…
feedback-sent = Sent. Thank you for your feedback!
feedback-sent-receipt = Feedback reference: { $id }
feedback-queued = Queued – it will be sent when the connection is back.
feedback-new = Write new feedback
feedback-outbox-waiting =
    { $count ->
        [one] One feedback message is waiting to be sent.
       *[other] { $count } feedback messages are waiting to be sent.
    }
feedback-pending-load-failed = Feedback waiting to be sent could not be read.
feedback-attention-title =
    { $count ->
        [one] One feedback message needs your attention
       *[other] { $count } feedback messages need your attention
    }
feedback-attention-intro = The service did not accept these messages, so they have not been sent. They are kept on this computer until you correct and resend them or discard them.
feedback-attention-written = { $topic }, written on { $date }
feedback-attention-reason-field = { $field }: { $reason }
feedback-attention-edit = Edit and resend
feedback-attention-discard = Discard
feedback-discard-question = Discard this feedback? It will be deleted from this computer and not sent.
feedback-discard-confirm = Discard and delete
feedback-discard-cancel = Keep it
feedback-discard-failed = The feedback could not be discarded.
feedback-discarded = The feedback was deleted. It was not sent.
feedback-editing = You are editing feedback that could not be sent (written on { $date }). Correct it and send it again.
feedback-edit-cancel = Cancel editing
feedback-resend = Send again

topic-general = General feedback
topic-termination = Termination
topic-ordering = Ordering
topic-technical = Technical problem
topic-billing = Billing
topic-details = User details

## Customer service

contact-title = Customer service
contact-intro = Customer service can tell you more about the services.
contact-phone = Phone
contact-call = Call { $phone }
contact-hours = Opening hours
contact-portal = Website
contact-routes-title = Where do I turn?
contact-route = { $topic }: { $channel }
contact-topic-general = General questions and feedback
contact-topic-termination = Terminating a service
contact-topic-ordering = Ordering
contact-topic-technical = Technical problems
contact-topic-billing = Questions about your invoice
contact-topic-details = Changes to your user details
channel-phone = call customer service
channel-feedback_form = use the feedback form
channel-web_portal = use the website
contact-open-feedback = Open the feedback form
contact-load-failed = The contact details could not be loaded.

## Settings

settings-title = Settings
settings-language = Language
settings-language-fi = Suomi
settings-language-en = English
settings-language-sv = Svenska
settings-language-saved = Language changed.
settings-autostart = Start with the computer, minimized
settings-autostart-help = Omahallinta starts in the system tray when you sign in to the computer, so reminders reach you without opening the app.
settings-account = Account
settings-sign-out = Sign out
settings-signing-out = Signing out…
settings-sign-out-pending-title = Feedback not sent yet
settings-sign-out-pending =
    { $count ->
        [one] One feedback message you wrote has not been sent yet.
       *[other] { $count } feedback messages you wrote have not been sent yet.
    }
settings-sign-out-pending-removes = Signing out removes your account's data from this computer. Choose what happens to the feedback, and you will be signed out.
settings-sign-out-keep = Send later with this account
settings-sign-out-keep-help = Send later: the feedback stays on this computer and is sent when you sign in with this account again.
settings-sign-out-discard = Discard the feedback
settings-sign-out-discard-help = Discard the feedback: it is deleted and not sent.
settings-sign-out-cancel = Stay signed in
settings-version = Version { $version }

## Order

order-title = Order
order-intro = You can order new services and update your valid subscriptions whenever you like, 24 hours a day. Customer service can tell you more about the services.
order-load-failed = The service catalogue could not be loaded.
order-blocked-title = Ordering is not possible right now
order-blocked-intro = Using Omahallinta and ordering new services require a valid customer relationship and billing agreement.
order-blocker-no_customer_relationship = You have no valid customer relationship.
order-blocker-no_billing_agreement = You have no valid billing agreement.
order-blocked-contact = Please contact customer service to sort this out.
order-price = { $price } / month
order-validity-open = Valid until further notice
order-validity-fixed =
    { $months ->
        [one] Fixed term, 1 month
       *[other] Fixed term, { $months } months
    }
order-devices = Protects up to { $count } devices
order-mix-info = Choose { $count } channels for the package.
order-requires-card = Ordering a pay channel requires a valid pay-TV card.
order-owned = You already have this service.
order-button = Order
order-update-button = Update to this service
order-update-info = Replaces { $service }.
order-confirm-title = Confirm the order
order-confirm-product = Service: { $name }
order-confirm-price = Monthly price: { $price }
order-confirm-billing = The service is charged automatically on your monthly invoice from { $date }.
order-confirm-total = Monthly total after this order: { $total }
order-confirm = Confirm the order
order-cancel = Cancel
order-sending = Ordering…
order-done = Order received: { $name }.
order-done-charged = The service is charged from { $date }. Your monthly total is now { $total }.

mix-legend = Choose { $count } channels
mix-selected = Selected { $selected } / { $count }
mix-wrong-count = Choose exactly { $count } channels.
mix-edit = Edit the MIX package
mix-save = Save the channels
mix-saving = Saving…
mix-saved = The MIX package has been updated.

## Billing

billing-title = Billing
billing-intro = The services you have ordered are charged automatically on your monthly invoice.
billing-load-failed = The billing details could not be loaded.
billing-total = Monthly total
billing-next-invoice = Next invoice: { $date }
billing-group-services =
    { $count ->
        [one] 1 service
       *[other] { $count } services
    }
billing-questions = For questions about your invoice, call customer service on { $phone }.
billing-questions-generic = For questions about your invoice, call customer service.

## User details

details-title = User details
details-load-failed = Your details could not be loaded.
details-customer-number = Customer number
details-name = Name
details-email = Email address
details-phone = Phone number
details-address = Address
details-relationship = Customer relationship
details-billing-agreement = Billing agreement
details-valid = valid
details-not-valid = not valid
details-pay-tv-card = Pay-TV card
details-pay-tv-card-value = { $number }, valid until { $date }
details-pay-tv-card-expired = { $number }, not valid ({ $date })
details-pay-tv-card-none = no card
details-edit = Edit details
details-new-email = New email address
details-save = Save
details-saving = Saving…
details-cancel = Cancel
details-saved = Your email address has been updated.
details-other-changes = To change your other details, please contact customer service.

## Change password

password-title = Change password
password-intro = Change your password by entering your current password and the new one twice. You will be signed out on your other devices.
password-current = Current password
password-new = New password
password-repeat = New password again
password-rules = At least 10 characters; use upper- and lower-case letters and digits or special characters.
password-strength = { $level ->
    [weak] Password strength: weak – not accepted
    [fair] Password strength: fair – not accepted yet
    [good] Password strength: good
   *[strong] Password strength: strong
}
password-mismatch = The new passwords do not match.
password-missing = Fill in all the fields.
password-submit = Change password
password-saving = Changing…
password-done = Your password has been changed. You were signed out on your other devices.
password-back = Back to user details
details-password-intro = You can change your password when you know your current one.
details-change-password = Change password

## Welcome (first run) and the portal in use
welcome-title = Welcome to Omahallinta
welcome-intro = In Omahallinta you see your ordered services, activate Turvapaketti and order new services.
welcome-operator-title = Customers of { $operator }
welcome-operator-help = Sign in with the email address and password from your "Ota käyttöön!" email.
welcome-operator = Sign in to Omahallinta
welcome-connecting = Connecting…
welcome-retry = Try again
welcome-demo-title = Look around first
welcome-demo-help = The demo uses sample data, not a real customer account.
welcome-demo = Try the demo
welcome-starting-demo = Starting the demo…
welcome-later = Your choice is remembered. You can change it later in Settings.
welcome-unreachable-title = Omahallinta can't be reached
welcome-unreachable = The service isn't answering right now. Check your network connection and try again, or try the demo meanwhile.
welcome-call = Need help? Call customer service:
settings-portal = Service
settings-portal-operator = { $operator } – Omahallinta
settings-portal-demo = Demo (sample data)
settings-portal-other = Another service (development)
settings-portal-address = Address
settings-portal-keys = Fingerprints of the trusted signing keys
settings-portal-no-keys = No key is pinned, so installers can't be verified.
settings-portal-switch-demo = Switch to the demo
settings-portal-switch-operator = Switch to Omahallinta
settings-portal-switching = Switching…
settings-portal-switch-help = Your choice is remembered. Each service keeps its own sign-in.
settings-portal-fixed = The service was chosen when the app was started, so it can't be changed here.
settings-portal-unreachable = Omahallinta can't be reached, so the service was not changed. Customer service: { $phone }

## Updates
update-available = Update available: version { $version }
update-current = You have version { $current }.
update-now = Update now
update-later = Later
update-downloading = Downloading the update…
update-downloading-percent = Downloading the update… { $percent } %
update-progress-label = Update download
update-installing = Installing the update. The app will restart.
update-package-manager = This installation is updated by your system's package manager: open Software Updates, or run sudo apt upgrade.

# Forgotten password and omahallinta:// links
signin-forgot = Forgot your password?
signin-password-reset = Your new password is set and every sign-in has ended. Sign in with the new password.
forgot-title = Forgot your password?
forgot-intro = Enter your email address. We will send it a link with which you set a new password in the Omahallinta app.
forgot-missing = Enter your email address.
forgot-submit = Send the link
forgot-sending = Sending…
forgot-sent = Check your email. If { $email } is an Omahallinta user name, a link to set a new password was sent to it. The link is valid for 30 minutes and works once.
forgot-back = Back to sign-in
reset-title = Set a new password
reset-intro = Enter the new password twice. Every sign-in of yours ends, and you then sign in with the new password.
reset-submit = Set the password
reset-new-link = Ask for a new link
app-link-ignored = The link that was opened was not recognised, so it was not used. Open the link again from the email or ask for a new one.
