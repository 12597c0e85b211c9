// The one Backend seam (ARCHITECTURE.md at the repository root): every Tauri command and event of
// docs/COMMANDS.md as a typed function. Views call only this module, never `invoke`.
import { invoke } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import type { BillingSummary } from "./bindings/api/BillingSummary";
import type { Catalogue } from "./bindings/api/Catalogue";
import type { CustomerDetails } from "./bindings/api/CustomerDetails";
import type { CustomerServiceContact } from "./bindings/api/CustomerServiceContact";
import type { ErrorBody } from "./bindings/api/ErrorBody";
import type { ErrorCode } from "./bindings/api/ErrorCode";
import type { FeedbackRequest } from "./bindings/api/FeedbackRequest";
import type { OrderReceipt } from "./bindings/api/OrderReceipt";
import type { OrderRequest } from "./bindings/api/OrderRequest";
import type { OrderedService } from "./bindings/api/OrderedService";
import type { ServiceList } from "./bindings/api/ServiceList";
import type {
  AppInfo,
  Cached,
  Connectivity,
  DeepLinkView,
  DownloadStatus,
  FeedbackOutcome,
  Lang,
  OutboxDelivered,
  OutboxSummary,
  PendingFeedback,
  PortalChoice,
  PortalInfo,
  ProtectionStatus,
  QueuedFeedbackChoice,
  ServiceDevices,
  SessionInfo,
  SignInOutcome,
  UpdateOffer,
  UpdateProgress,
} from "./types";

// Every ErrorCode, checked for completeness by the compiler, so an envelope can be
// recognised at run time.
const ERROR_CODES = {
  malformed_request: true,
  validation_failed: true,
  payload_too_large: true,
  not_found: true,
  method_not_allowed: true,
  unsupported_media_type: true,
  invalid_credentials: true,
  rate_limited: true,
  unauthorized: true,
  token_expired: true,
  invalid_grant: true,
  no_customer_relationship: true,
  invalid_email: true,
  email_in_use: true,
  invalid_phone: true,
  wrong_current_password: true,
  weak_password: true,
  reset_token_invalid: true,
  reset_token_expired: true,
  reset_token_used: true,
  no_billing_agreement: true,
  pay_tv_card_required: true,
  product_not_orderable: true,
  already_subscribed: true,
  update_not_allowed: true,
  mix_wrong_count: true,
  mix_channel_not_allowed: true,
  device_limit_reached: true,
  idempotency_key_required: true,
  idempotency_key_reused: true,
  message_length: true,
  range_not_satisfiable: true,
  unavailable: true,
  internal: true,
  offline: true,
  timeout: true,
  malformed_response: true,
  insecure_url: true,
  keychain_unavailable: true,
  verification_failed: true,
  disk_full: true,
  io: true,
  cancelled: true,
  no_installer_for_os: true,
  not_signed_in: true,
  feedback_pending: true,
  untrusted_key: true,
  update_not_verified: true,
  update_needs_package_manager: true,
} as const satisfies Record<ErrorCode, true>;

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && Object.prototype.hasOwnProperty.call(ERROR_CODES, value);
}

/** Any rejection → `ErrorBody`; unknown shapes become `{ code: "internal" }`. */
export function toErrorBody(err: unknown): ErrorBody {
  if (typeof err === "object" && err !== null) {
    const e = err as Record<string, unknown>;
    if (isErrorCode(e.code)) {
      const body: ErrorBody = {
        code: e.code,
        message: typeof e.message === "string" ? e.message : "",
      };
      if (typeof e.field === "string") body.field = e.field;
      if (typeof e.retry_after === "number" && Number.isFinite(e.retry_after) && e.retry_after >= 0) {
        body.retry_after = e.retry_after;
      }
      return body;
    }
  }
  let message = "unknown error";
  if (typeof err === "string") message = err;
  else if (err instanceof Error) message = err.message;
  return { code: "internal", message };
}

/** A rejected command: carries the normalised envelope. */
export class BackendError extends Error {
  readonly body: ErrorBody;
  constructor(body: ErrorBody) {
    super(`${body.code}: ${body.message}`);
    this.name = "BackendError";
    this.body = body;
  }
}

/** The envelope of anything thrown by this module (or anything else). */
export function errorBodyOf(err: unknown): ErrorBody {
  return err instanceof BackendError ? err.body : toErrorBody(err);
}

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (err) {
    throw new BackendError(toErrorBody(err));
  }
}

// ---- commands ---------------------------------------------------------------

export const appInfo = () => call<AppInfo>("app_info");
export const setLanguage = (lang: Lang) => call<void>("set_language", { lang });
/** A newer signed release, or null (none, snoozed, or the check failed: never an error). */
export const checkUpdate = () => call<UpdateOffer | null>("check_update");
/** Downloads (`update-progress`), verifies, installs and restarts; rejects with
 * `update_not_verified` (nothing installed) or `update_needs_package_manager`. */
export const installUpdate = () => call<void>("install_update");
/** "Myöhemmin": the version is not offered again for a day. */
export const snoozeUpdate = (version: string) => call<void>("snooze_update", { version });
/** The portal in use (Settings). */
export const portalInfo = () => call<PortalInfo>("portal_info");
/** First-run choice or a switch in Settings; the operator's portal only when it answers
 * (`offline`/`timeout`/`unavailable` otherwise, nothing changed). */
export const choosePortal = (choice: PortalChoice) => call<AppInfo>("choose_portal", { choice });
export const sessionInfo = () => call<SessionInfo>("session_info");
export const restoreSession = () => call<SessionInfo>("restore_session");
export const signIn = (email: string, password: string, remember: boolean) =>
  call<SignInOutcome>("sign_in", { email, password, remember });
/** Rejects with `feedback_pending` (changing nothing) when the account has queued feedback
 * and `queuedFeedback` is null. */
export const signOut = (queuedFeedback: QueuedFeedbackChoice | null) => call<void>("sign_out", { queuedFeedback });
/** "Unohtuiko salasana?": resolves the same whether the address is a customer's or not. */
export const requestPasswordReset = (email: string) => call<void>("request_password_reset", { email });
/** "Aseta uusi salasana" with the last reset link (its token stays in the shell); rejects with
 * `reset_token_used` / `reset_token_expired` / `reset_token_invalid` or `weak_password`. */
export const resetPassword = (newPassword: string) => call<void>("reset_password", { newPassword });
/** The `omahallinta://` link that started the app or arrived since, once (null: none). */
export const takeDeepLink = () => call<DeepLinkView | null>("take_deep_link");
export const cachedServices = () => call<Cached<ServiceList> | null>("cached_services");
export const services = () => call<Cached<ServiceList>>("services");
export const customer = () => call<Cached<CustomerDetails>>("customer");
export const catalogue = () => call<Cached<Catalogue>>("catalogue");
export const contact = () => call<CustomerServiceContact>("contact");
export const billing = () => call<BillingSummary>("billing");
export const startDownload = (serviceId: number) => call<DownloadStatus>("start_download", { serviceId });
export const pauseDownload = (serviceId: number) => call<DownloadStatus>("pause_download", { serviceId });
export const downloadStatus = (serviceId: number) => call<DownloadStatus>("download_status", { serviceId });
export const openInstaller = (serviceId: number) => call<void>("open_installer", { serviceId });
export const deviceLinkQr = (serviceId: number) => call<string>("device_link_qr", { serviceId });
export const protectionStatus = () => call<ProtectionStatus>("protection_status");
export const devices = (serviceId: number) => call<ServiceDevices>("devices", { serviceId });
export const releaseDevice = (serviceId: number, deviceId: number) =>
  call<ServiceDevices>("release_device", { serviceId, deviceId });
/** Opens an http(s) or `tel:` link of the contact data (or a device link) with the OS. */
export const openLink = (url: string) => call<void>("open_link", { url });
export const sendFeedback = (request: FeedbackRequest) => call<FeedbackOutcome>("send_feedback", { request });
export const outboxCount = () => call<OutboxSummary>("outbox_count");
export const pendingFeedback = () => call<PendingFeedback[]>("pending_feedback");
export const resendFeedback = (localId: string, request: FeedbackRequest) =>
  call<FeedbackOutcome>("resend_feedback", { localId, request });
export const discardFeedback = (localId: string) => call<void>("discard_feedback", { localId });
export const placeOrder = (request: OrderRequest, idempotencyKey: string) =>
  call<OrderReceipt>("place_order", { request, idempotencyKey });
export const editMix = (serviceId: number, channels: string[]) =>
  call<OrderedService>("edit_mix", { serviceId, channels });
export const changeEmail = (email: string) => call<CustomerDetails>("change_email", { email });
export const changePassword = (currentPassword: string, newPassword: string) =>
  call<void>("change_password", { currentPassword, newPassword });

/**
 * Not a command (COMMANDS.md): the web view's own clipboard. `navigator.clipboard` first;
 * WebKitGTK may refuse it (permissions), so fall back to a selected, off-screen textarea
 * and `execCommand("copy")`, which works inside the click handler.
 */
export async function copyToClipboard(text: string): Promise<void> {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return;
    }
  } catch {
    /* fall back below */
  }
  const active = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.setAttribute("aria-hidden", "true");
  area.style.position = "fixed";
  area.style.top = "0";
  area.style.left = "-9999px";
  document.body.appendChild(area);
  area.select();
  let copied = false;
  try {
    copied = typeof document.execCommand === "function" && document.execCommand("copy");
  } finally {
    area.remove();
    active?.focus();
  }
  if (!copied) throw new BackendError({ code: "internal", message: "clipboard unavailable" });
}

// ---- events -----------------------------------------------------------------

type EventMap = {
  "download-progress": DownloadStatus;
  connectivity: Connectivity;
  "session-expired": null;
  "outbox-delivered": OutboxDelivered;
  "update-progress": UpdateProgress;
  "deep-link": DeepLinkView;
};

export type BackendEvent = keyof EventMap;

/** Subscribe to a Rust → UI event; resolves to the unsubscribe function. */
export function onEvent<E extends BackendEvent>(
  event: E,
  handler: (payload: EventMap[E]) => void,
): Promise<UnlistenFn> {
  return listen<EventMap[E]>(event, (e) => handler(e.payload));
}

/** Subscribe from a component: returns a synchronous cleanup for `$effect`/`onMount`.
 * `onListening` runs once the listener is registered (events sent before that are
 * not delivered, so a caller can re-read the state there). */
export function subscribe<E extends BackendEvent>(
  event: E,
  handler: (payload: EventMap[E]) => void,
  onListening?: () => void,
): () => void {
  let unlisten: UnlistenFn | null = null;
  let cancelled = false;
  onEvent(event, handler)
    .then((fn) => {
      unlisten = fn;
      if (cancelled) stop();
      else onListening?.();
    })
    .catch(() => {
      /* no event system (e.g. plain browser): nothing to clean up */
    });
  const stop = () => {
    cancelled = true;
    try {
      // UnlistenFn is typed `() => void` but is async inside; never leak a rejection.
      const result: unknown = unlisten?.();
      if (result instanceof Promise) result.catch(() => {});
    } catch {
      /* the event system is already gone */
    }
  };
  return stop;
}

/** An idempotency key for orders (issue 5). */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}
