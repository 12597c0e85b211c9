// The app's IPC surface, declared once: every command the web view may call
// (module::name, [what Tauri injects], arguments, result) and every event the
// app sends it. Included by build.rs (the permission list), src/ipc.rs (the
// handler, a compile-time check of each signature, the event names) and
// tests/bindings.rs (ui/src/lib/bindings/app/commands.ts, the capability
// file, the table in docs/COMMANDS.md). Argument names are snake_case here
// and camelCase on the JavaScript side (Tauri's default). Every failing
// command rejects with `ErrorBody`.
ipc_surface! {
    commands {
        /// Version, mode, portal, OS, language.
        app::app_info[state]() -> AppInfo;
        /// Persisted in settings.
        app::set_language[state](lang: Lang) -> ();
        /// "Start with the computer, minimized" (off by default).
        app::autostart[state]() -> bool;
        /// Registers (or removes) the app with the OS's autostart, then remembers it; answers
        /// the new state (`io` and nothing changed when the OS refuses).
        app::set_autostart[app, state](enabled: bool) -> bool;
        /// The portal in use (Settings); no network.
        app::portal_info[state]() -> PortalInfo;
        /// The first-run choice or a switch in Settings, remembered; the operator's portal only
        /// when it answers (`offline`/`timeout`/`unavailable` otherwise, nothing changed);
        /// `validation_failed` when the launch options chose the portal.
        app::choose_portal[state](choice: PortalChoice) -> AppInfo;
        /// A newer release from the operator profile's update feed, not snoozed; null also when
        /// the check failed (logged, never shown).
        updates::check_update[app, state]() -> Option<UpdateOffer>;
        /// Downloads (`update-progress`), verifies the minisign signature against the profile's
        /// key, installs and restarts into the new version. `update_not_verified` (nothing
        /// installed), `update_needs_package_manager`, `offline`.
        updates::install_update[app]() -> ();
        /// "Myöhemmin": the version is not offered again for a day.
        updates::snooze_update[state](version: String) -> ();
        /// Opens with the OS only an http(s)/`tel:` URL that appears in the contact data or a
        /// service's device link; anything else → `validation_failed`.
        app::open_link[state](url: String) -> ();
        /// No network.
        session::session_info[state]() -> SessionInfo;
        /// Uses the remembered refresh token; offline keeps the cached view.
        session::restore_session[state]() -> SessionInfo;
        /// Remember requested but keychain unavailable → a session-only sign-in, said in the outcome.
        session::sign_in[state](email: String, password: String, remember: bool) -> SignInOutcome;
        /// Revokes the session and removes the account's data from this computer (keychain entry,
        /// cached files, downloaded installers, the remembered address); with feedback queued and
        /// `null`, rejects with `feedback_pending` and changes nothing.
        session::sign_out[state](queued_feedback: Option<QueuedFeedbackChoice>) -> ();
        /// "Unohtuiko salasana?": the same answer whether the address is a customer's or not.
        session::request_password_reset[state](email: String) -> ();
        /// "Aseta uusi salasana" with the last reset link (its token stays in the shell):
        /// `reset_token_used` / `reset_token_expired` / `reset_token_invalid` or `weak_password`.
        session::reset_password[state](new_password: String) -> ();
        /// The `omahallinta://` link that started the app or arrived since, once (null: none).
        session::take_deep_link[state]() -> Option<DeepLinkView>;
        /// Disk cache only, for an instant first paint.
        portal::cached_services[state]() -> Option<Cached<ServiceList>>;
        /// Network, falling back to the offline copy.
        portal::services[state]() -> Cached<ServiceList>;
        portal::customer[state]() -> Cached<CustomerDetails>;
        portal::catalogue[state]() -> Cached<Catalogue>;
        portal::contact[state]() -> CustomerServiceContact;
        portal::billing[state]() -> BillingSummary;
        /// This OS's installer; `no_installer_for_os` when there is none.
        downloads::start_download[state](service_id: i64) -> DownloadStatus;
        downloads::pause_download[state](service_id: i64) -> DownloadStatus;
        downloads::download_status[state](service_id: i64) -> DownloadStatus;
        /// Opens the verified file with the OS; refuses unless verified.
        downloads::open_installer[state](service_id: i64) -> ();
        /// SVG markup of the device link's QR code.
        downloads::device_link_qr[state](service_id: i64) -> String;
        /// An F-Secure client already on this computer (Windows: uninstall registry keys and
        /// Windows Security Center; macOS: the app bundle; Linux: the dpkg package), or another
        /// antivirus product to remove first (Defender never counts).
        downloads::protection_status[state]() -> ProtectionStatus;
        /// The Turvapaketti's devices from the portal's registry; `this_device`: the device the
        /// demo installer registered for this portal, when listed.
        downloads::devices[state](service_id: i64) -> ServiceDevices;
        /// Releases the device's licence (idempotent; another customer's device → `not_found`).
        downloads::release_device[state](service_id: i64, device_id: i64) -> ServiceDevices;
        /// Checked first with the contract's rules (`portal_api::validate`), online or offline:
        /// `message_length` / `invalid_email` / `invalid_phone` with `field`.
        feedback::send_feedback[state](request: FeedbackRequest) -> FeedbackOutcome;
        feedback::outbox_count[state]() -> OutboxSummary;
        /// The account's queued feedback, oldest first.
        feedback::pending_feedback[state]() -> Vec<PendingFeedback>;
        /// The user's edit, checked, sent with the item's key; a refusal keeps the item.
        feedback::resend_feedback[state](local_id: String, request: FeedbackRequest) -> FeedbackOutcome;
        /// Deletes a queued item: the user's explicit decision.
        feedback::discard_feedback[state](local_id: String) -> ();
        /// Idempotent by the key (one order per key).
        account::place_order[state](request: OrderRequest, idempotency_key: String) -> OrderReceipt;
        account::edit_mix[state](service_id: i64, channels: Vec<String>) -> OrderedService;
        account::change_email[state](email: String) -> CustomerDetails;
        account::change_password[state](current_password: String, new_password: String) -> ();
    }
    events {
        /// A download's progress.
        DOWNLOAD_PROGRESS = "download-progress" => DownloadStatus;
        /// Sent on changes only.
        CONNECTIVITY = "connectivity" => Connectivity;
        /// The portal no longer accepts the session.
        SESSION_EXPIRED = "session-expired" => ();
        /// After deliveries, after the portal refused queued items, and after a resend or discard.
        OUTBOX_DELIVERED = "outbox-delivered" => OutboxDelivered;
        /// While an update downloads.
        UPDATE_PROGRESS = "update-progress" => UpdateProgress;
        /// An `omahallinta://` link arrived (take it with `take_deep_link`).
        DEEP_LINK = "deep-link" => DeepLinkView;
        /// The tray menu asks the UI to show a view.
        NAVIGATE = "navigate" => Navigate;
    }
}
