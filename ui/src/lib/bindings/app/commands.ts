// Generated from src-tauri/src/ipc_surface.rs by src-tauri/tests/bindings.rs: do not edit.
// Every command as a typed function (arguments camelCase, as Tauri passes them) and
// every event's payload.
import { call } from "../../ipc";
import type { AppInfo } from "./AppInfo";
import type { BillingSummary } from "../api/BillingSummary";
import type { Cached } from "./Cached";
import type { Catalogue } from "../api/Catalogue";
import type { Connectivity } from "./Connectivity";
import type { CustomerDetails } from "../api/CustomerDetails";
import type { CustomerServiceContact } from "../api/CustomerServiceContact";
import type { DeepLinkView } from "./DeepLinkView";
import type { DownloadStatus } from "./DownloadStatus";
import type { FeedbackOutcome } from "./FeedbackOutcome";
import type { FeedbackRequest } from "../api/FeedbackRequest";
import type { Lang } from "./Lang";
import type { Navigate } from "./Navigate";
import type { OrderReceipt } from "../api/OrderReceipt";
import type { OrderRequest } from "../api/OrderRequest";
import type { OrderedService } from "../api/OrderedService";
import type { OutboxDelivered } from "./OutboxDelivered";
import type { OutboxSummary } from "./OutboxSummary";
import type { PendingFeedback } from "./PendingFeedback";
import type { PortalChoice } from "./PortalChoice";
import type { PortalInfo } from "./PortalInfo";
import type { ProtectionStatus } from "./ProtectionStatus";
import type { QueuedFeedbackChoice } from "./QueuedFeedbackChoice";
import type { ServiceDevices } from "./ServiceDevices";
import type { ServiceList } from "../api/ServiceList";
import type { SessionInfo } from "./SessionInfo";
import type { SignInOutcome } from "./SignInOutcome";
import type { UpdateOffer } from "./UpdateOffer";
import type { UpdateProgress } from "./UpdateProgress";

/** Version, mode, portal, OS, language. */
export const appInfo = () => call<AppInfo>("app_info");

/** Persisted in settings. */
export const setLanguage = (lang: Lang) => call<void>("set_language", { lang });

/** "Start with the computer, minimized" (off by default). */
export const autostart = () => call<boolean>("autostart");

/** Registers (or removes) the app with the OS's autostart, then remembers it; answers the new state (`io` and nothing changed when the OS refuses). */
export const setAutostart = (enabled: boolean) => call<boolean>("set_autostart", { enabled });

/** The portal in use (Settings); no network. */
export const portalInfo = () => call<PortalInfo>("portal_info");

/** The first-run choice or a switch in Settings, remembered; the operator's portal only when it answers (`offline`/`timeout`/`unavailable` otherwise, nothing changed); `validation_failed` when the launch options chose the portal. */
export const choosePortal = (choice: PortalChoice) => call<AppInfo>("choose_portal", { choice });

/** A newer release from the operator profile's update feed, not snoozed; null also when the check failed (logged, never shown). */
export const checkUpdate = () => call<UpdateOffer | null>("check_update");

/** Downloads (`update-progress`), verifies the minisign signature against the profile's key, installs and restarts into the new version. `update_not_verified` (nothing installed), `update_needs_package_manager`, `offline`. */
export const installUpdate = () => call<void>("install_update");

/** "Myöhemmin": the version is not offered again for a day. */
export const snoozeUpdate = (version: string) => call<void>("snooze_update", { version });

/** Opens with the OS only an http(s)/`tel:` URL that appears in the contact data or a service's device link; anything else → `validation_failed`. */
export const openLink = (url: string) => call<void>("open_link", { url });

/** No network. */
export const sessionInfo = () => call<SessionInfo>("session_info");

/** Uses the remembered refresh token; offline keeps the cached view. */
export const restoreSession = () => call<SessionInfo>("restore_session");

/** Remember requested but keychain unavailable → a session-only sign-in, said in the outcome. */
export const signIn = (email: string, password: string, remember: boolean) => call<SignInOutcome>("sign_in", { email, password, remember });

/** Revokes the session and removes the account's data from this computer (keychain entry, cached files, downloaded installers, the remembered address); with feedback queued and `null`, rejects with `feedback_pending` and changes nothing. */
export const signOut = (queuedFeedback: QueuedFeedbackChoice | null) => call<void>("sign_out", { queuedFeedback });

/** "Unohtuiko salasana?": the same answer whether the address is a customer's or not. */
export const requestPasswordReset = (email: string) => call<void>("request_password_reset", { email });

/** "Aseta uusi salasana" with the last reset link (its token stays in the shell): `reset_token_used` / `reset_token_expired` / `reset_token_invalid` or `weak_password`. */
export const resetPassword = (newPassword: string) => call<void>("reset_password", { newPassword });

/** The `omahallinta://` link that started the app or arrived since, once (null: none). */
export const takeDeepLink = () => call<DeepLinkView | null>("take_deep_link");

/** Disk cache only, for an instant first paint. */
export const cachedServices = () => call<Cached<ServiceList> | null>("cached_services");

/** Network, falling back to the offline copy. */
export const services = () => call<Cached<ServiceList>>("services");

export const customer = () => call<Cached<CustomerDetails>>("customer");

export const catalogue = () => call<Cached<Catalogue>>("catalogue");

export const contact = () => call<CustomerServiceContact>("contact");

export const billing = () => call<BillingSummary>("billing");

/** This OS's installer; `no_installer_for_os` when there is none. */
export const startDownload = (serviceId: number) => call<DownloadStatus>("start_download", { serviceId });

export const pauseDownload = (serviceId: number) => call<DownloadStatus>("pause_download", { serviceId });

export const downloadStatus = (serviceId: number) => call<DownloadStatus>("download_status", { serviceId });

/** Opens the verified file with the OS; refuses unless verified. */
export const openInstaller = (serviceId: number) => call<void>("open_installer", { serviceId });

/** SVG markup of the device link's QR code. */
export const deviceLinkQr = (serviceId: number) => call<string>("device_link_qr", { serviceId });

/** An F-Secure client already on this computer (Windows: uninstall registry keys and Windows Security Center; macOS: the app bundle; Linux: the dpkg package), or another antivirus product to remove first (Defender never counts). */
export const protectionStatus = () => call<ProtectionStatus>("protection_status");

/** The Turvapaketti's devices from the portal's registry; `this_device`: the device the demo installer registered for this portal, when listed. */
export const devices = (serviceId: number) => call<ServiceDevices>("devices", { serviceId });

/** Releases the device's licence (idempotent; another customer's device → `not_found`). */
export const releaseDevice = (serviceId: number, deviceId: number) => call<ServiceDevices>("release_device", { serviceId, deviceId });

/** Checked first with the contract's rules (`portal_api::validate`), online or offline: `message_length` / `invalid_email` / `invalid_phone` with `field`. */
export const sendFeedback = (request: FeedbackRequest) => call<FeedbackOutcome>("send_feedback", { request });

export const outboxCount = () => call<OutboxSummary>("outbox_count");

/** The account's queued feedback, oldest first. */
export const pendingFeedback = () => call<Array<PendingFeedback>>("pending_feedback");

/** The user's edit, checked, sent with the item's key; a refusal keeps the item. */
export const resendFeedback = (localId: string, request: FeedbackRequest) => call<FeedbackOutcome>("resend_feedback", { localId, request });

/** Deletes a queued item: the user's explicit decision. */
export const discardFeedback = (localId: string) => call<void>("discard_feedback", { localId });

/** Idempotent by the key (one order per key). */
export const placeOrder = (request: OrderRequest, idempotencyKey: string) => call<OrderReceipt>("place_order", { request, idempotencyKey });

export const editMix = (serviceId: number, channels: Array<string>) => call<OrderedService>("edit_mix", { serviceId, channels });

export const changeEmail = (email: string) => call<CustomerDetails>("change_email", { email });

export const changePassword = (currentPassword: string, newPassword: string) => call<void>("change_password", { currentPassword, newPassword });

/** Rust → UI events and their payloads. */
export type EventMap = {
  /** A download's progress. */
  "download-progress": DownloadStatus;
  /** Sent on changes only. */
  "connectivity": Connectivity;
  /** The portal no longer accepts the session. */
  "session-expired": null;
  /** After deliveries, after the portal refused queued items, and after a resend or discard. */
  "outbox-delivered": OutboxDelivered;
  /** While an update downloads. */
  "update-progress": UpdateProgress;
  /** An `omahallinta://` link arrived (take it with `take_deep_link`). */
  "deep-link": DeepLinkView;
  /** The tray menu asks the UI to show a view. */
  "navigate": Navigate;
};
