// App-wide state and the start-up / session flow. Views read `app` and call these
// functions; all IPC goes through ./backend.
import * as backend from "./backend";
import { errorBodyOf } from "./backend";
import { OFFLINE_ERROR_CODES } from "./bindings/api/contract";
import type { ErrorBody } from "./bindings/api/ErrorBody";
import type { ErrorCode } from "./bindings/api/ErrorCode";
import type { FeedbackTopic } from "./bindings/api/FeedbackTopic";
import type { ServiceList } from "./bindings/api/ServiceList";
import { setLang } from "./i18n.svelte";
import type {
  AppInfo,
  Cached,
  DeepLinkView,
  Lang,
  OutboxDelivered,
  OutboxSummary,
  PendingFeedback,
  PortalChoice,
  QueuedFeedbackChoice,
  SessionInfo,
  SignInOutcome,
  StartupSnapshot,
  UpdateOffer,
} from "./types";

export type View =
  | { name: "welcome" }
  | { name: "signin" }
  | { name: "services" }
  | { name: "activation"; serviceId: number }
  | { name: "feedback"; topic?: FeedbackTopic; serviceId?: number | null }
  | { name: "contact" }
  | { name: "settings" }
  | { name: "order" }
  | { name: "billing" }
  | { name: "details" }
  | { name: "password" }
  | { name: "forgot-password" }
  | { name: "reset-password" };

export type SignInNotice = "expired" | "signed-out" | "password-reset" | null;

export const app = $state({
  /** Local start-up calls done (app_info, session_info, cached_services). */
  ready: false,
  info: null as AppInfo | null,
  session: null as SessionInfo | null,
  view: { name: "signin" } as View,
  services: null as Cached<ServiceList> | null,
  servicesLoading: false,
  servicesError: null as ErrorBody | null,
  /** False while the portal can't be reached (connectivity event or a cache fallback). */
  online: true,
  signInNotice: null as SignInNotice,
  /** Sign-in succeeded but "remember me" could not be stored (session-only). */
  keychainNotice: false,
  outboxNotice: null as OutboxDelivered | null,
  /** The signed-in account's feedback not yet delivered: queued, and refused by the portal. */
  outbox: { queued: 0, attention: 0 } as OutboxSummary,
  /** A newer signed release offered by the operator's update feed. */
  update: null as UpdateOffer | null,
  /** The address an activation link filled in on the sign-in page. */
  signInEmail: null as string | null,
  /** An `omahallinta://` link was not acted on (unexpected shape). */
  linkIgnored: false,
});

const SESSION_ERRORS = new Set<ErrorCode>(["not_signed_in", "invalid_grant", "unauthorized", "token_expired"]);
/** The one meaning of "offline", from the contract (a 500 `internal` is not offline). */
const OFFLINE_ERRORS = new Set<ErrorCode>(OFFLINE_ERROR_CODES);

export function isSessionError(err: ErrorBody): boolean {
  return SESSION_ERRORS.has(err.code);
}

export function isOfflineError(err: ErrorBody): boolean {
  return OFFLINE_ERRORS.has(err.code);
}

export function navigate(view: View): void {
  app.view = view;
}

/** The session is gone: back to sign-in with a message (never an endless spinner). */
export function sessionExpired(email: string | null = app.session?.email ?? null): void {
  app.session = { signed_in: false, email, remembered: false };
  app.services = null;
  app.servicesLoading = false;
  app.servicesError = null;
  app.keychainNotice = false;
  app.signInNotice = "expired";
  app.view = { name: "signin" };
}

/** Acts on an `omahallinta://` link the shell received: an activation link opens the
 * sign-in page with the address filled in (unless signed in), a reset link the new-password
 * view; anything else only says it was ignored. */
export function openDeepLink(link: DeepLinkView): void {
  app.linkIgnored = link.kind === "ignored";
  if (link.kind === "activate") {
    if (app.session?.signed_in) return;
    app.signInEmail = link.email;
    app.signInNotice = null;
    app.view = { name: "signin" };
  } else if (link.kind === "reset") {
    app.view = { name: "reset-password" };
  }
}

/** Takes the shell's pending link (at start-up, and on each `deep-link` event). */
export async function takeDeepLink(): Promise<void> {
  try {
    const link = await backend.takeDeepLink();
    if (link) openDeepLink(link);
  } catch {
    // No link: nothing to do.
  }
}

/** A new password was set with a reset link: every session ended, sign in with it. */
export function passwordWasReset(): void {
  app.session = { signed_in: false, email: app.session?.email ?? null, remembered: false };
  app.services = null;
  app.signInNotice = "password-reset";
  app.view = { name: "signin" };
}

/** Handles an error of any signed-in call; true when it was handled as session loss. */
export function handleCommonError(err: ErrorBody): boolean {
  if (isSessionError(err)) {
    sessionExpired();
    return true;
  }
  if (isOfflineError(err)) app.online = false;
  return false;
}

/**
 * A session that exists or can be restored: signed in, or a remembered account. The shell
 * reports a remembered (keychain) account as `email` while not signed in; `remembered`
 * is honoured too.
 */
export function isResumable(session: SessionInfo | null): boolean {
  return session !== null && (session.signed_in || session.remembered || session.email !== null);
}

let startupRun: Promise<void> | null = null;

/**
 * Start-up: only local calls before the first paint (settings, session, disk cache);
 * a remembered session paints the services from cache at once, then restores the
 * session and refreshes over the network in the background. `main.ts` runs it before
 * mounting, so that the first render is already the right view in the right language
 * (rendering twice cost ≈ 15 ms before the first paint); a run in progress is shared.
 */
export function startup(): Promise<void> {
  startupRun ??= applyStartup().finally(() => {
    startupRun = null;
  });
  return startupRun;
}

/** `sessionStorage` key: the start-up snapshot was used (`SNAPSHOT_USED_KEY` in
 * src-tauri/src/startup.rs), so a reload of the page asks the backend afresh. */
const SNAPSHOT_USED_KEY = "oma-startup-used";

/** The snapshot the shell hands the page (`window.__OMA_STARTUP__`), once. */
function takeSnapshot(): StartupSnapshot | null {
  const w = window as { __OMA_STARTUP__?: StartupSnapshot };
  const snapshot = w.__OMA_STARTUP__ ?? null;
  delete w.__OMA_STARTUP__;
  if (snapshot) {
    try {
      sessionStorage.setItem(SNAPSHOT_USED_KEY, "1");
    } catch {
      // No storage: a reload would reuse the snapshot, then refresh it as usual.
    }
  }
  return snapshot;
}

/** The first view's state: from the shell's snapshot (an initialization script of the
 * web view, so no IPC round trips before the first render) when there is one, else from
 * the backend. */
async function applyStartup(): Promise<void> {
  const snapshot = takeSnapshot();
  const [info, session, cached] = snapshot
    ? [snapshot.info, snapshot.session, snapshot.cached]
    : await Promise.all([
        backend.appInfo().catch(() => null),
        backend.sessionInfo().catch(() => null),
        backend.cachedServices().catch(() => null),
      ]);
  if (info) {
    app.info = info;
    setLang(info.lang);
  }
  app.session = session;
  const resumable = isResumable(session);
  if (info?.first_run) {
    app.view = { name: "welcome" };
  } else if (resumable) {
    app.services = cached;
    app.servicesLoading = true;
    app.view = { name: "services" };
  } else {
    app.view = { name: "signin" };
  }
  app.ready = true;
  void takeDeepLink();
  // Network, keychain and the portal wait until the cached view is on screen: on a
  // 2-core machine they would otherwise compete with the first paint.
  if (resumable) afterNextPaint(() => void refreshServices());
  // The update check too: after the first paint, then daily.
  afterNextPaint(() => scheduleUpdateChecks());
}

/** How often the update check runs while the app is open (`updates::CHECK_INTERVAL_HOURS`). */
export const UPDATE_CHECK_INTERVAL_MS = 24 * 60 * 60 * 1000;
let updateTimer: ReturnType<typeof setInterval> | null = null;

function scheduleUpdateChecks(): void {
  void checkForUpdate();
  updateTimer ??= setInterval(() => void checkForUpdate(), UPDATE_CHECK_INTERVAL_MS);
}

/** Asks the shell for a newer release; a failed check is silent (the shell logs it). */
export async function checkForUpdate(): Promise<void> {
  try {
    const offer = await backend.checkUpdate();
    if (offer) app.update = offer;
  } catch {
    // Silent by design: the offer simply does not appear.
  }
}

/** Runs `fn` once, after the next frame has been painted — or after 300 ms, since a
 * hidden or minimized window gets no frames. */
export function afterNextPaint(fn: () => void): void {
  let done = false;
  const run = (): void => {
    if (!done) {
      done = true;
      fn();
    }
  };
  setTimeout(run, 300);
  if (typeof requestAnimationFrame === "function") requestAnimationFrame(() => setTimeout(run, 0));
}

/** Restores a remembered session (when not signed in); true when signed in afterwards. */
async function ensureSession(): Promise<boolean> {
  if (app.session?.signed_in) return true;
  const knownEmail = app.session?.email ?? null;
  try {
    const restored = await withTimeout(backend.restoreSession());
    app.session = restored;
    if (restored.signed_in) return true;
    if (isResumable(restored)) {
      // Remembered, but not restorable right now (no connection): keep the cached view.
      app.online = false;
      if (!app.services) app.servicesError = { code: "offline", message: "" };
    } else {
      sessionExpired(restored.email ?? knownEmail);
    }
  } catch (e) {
    const err = errorBodyOf(e);
    if (isOfflineError(err)) {
      app.online = false;
      if (!app.services) app.servicesError = err;
    } else {
      sessionExpired(knownEmail);
    }
  }
  return false;
}

/**
 * The UI's own upper bound for a refresh, on top of the Rust client's timeouts, so the
 * "Päivitetään…" state can never last forever.
 */
export const limits = { refreshTimeoutMs: 60_000 };

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new backend.BackendError({ code: "timeout", message: "no answer from the shell" })),
      limits.refreshTimeoutMs,
    );
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}

/** Fetches the services (restoring a remembered session first when needed). */
export async function refreshServices(): Promise<void> {
  app.servicesLoading = true;
  app.servicesError = null;
  try {
    if (!(await ensureSession())) return;
    void loadOutbox();
    const result = await withTimeout(backend.services());
    app.services = result;
    app.online = !result.from_cache;
  } catch (e) {
    const err = errorBodyOf(e);
    if (!handleCommonError(err)) app.servicesError = err;
  } finally {
    app.servicesLoading = false;
  }
}

export function signedIn(email: string, outcome: SignInOutcome, rememberRequested: boolean): void {
  app.session = { signed_in: true, email, remembered: outcome.remembered };
  app.keychainNotice = rememberRequested && (!outcome.remembered || outcome.keychain_error !== null);
  app.signInNotice = null;
  app.online = true;
  app.view = { name: "services" };
  void refreshServices();
}

/** Reads the account's outbox summary (after sign-in, restore and reconnecting). */
export async function loadOutbox(): Promise<void> {
  try {
    app.outbox = await backend.outboxCount();
  } catch (e) {
    handleCommonError(errorBodyOf(e));
  }
}

/** The outbox summary of the account's queued feedback (`outbox_count` in Rust). */
export function outboxSummary(items: PendingFeedback[]): OutboxSummary {
  const attention = items.filter((i) => i.attention !== null).length;
  return { queued: items.length - attention, attention };
}

/** The `outbox-delivered` event: the outbox as it now is, and a notice when some went out. */
export function outboxChanged(p: OutboxDelivered): void {
  app.outbox = { queued: p.remaining, attention: p.attention };
  if (p.delivered > 0) app.outboxNotice = p;
  else if (app.outboxNotice) app.outboxNotice = { ...app.outboxNotice, remaining: p.remaining, attention: p.attention };
}

/**
 * Signs out; `choice` says what happens to feedback still queued. Without one, the shell
 * refuses (`feedback_pending`) when there is some: then nothing changes and this returns
 * false, so the caller can ask the user. Any other failure still signs out locally.
 */
export async function signOut(choice?: QueuedFeedbackChoice): Promise<boolean> {
  try {
    await backend.signOut(choice ?? null);
  } catch (e) {
    if (errorBodyOf(e).code === "feedback_pending") {
      await loadOutbox();
      return false;
    }
    // Signing out locally always succeeds from the user's point of view.
  }
  app.session = { signed_in: false, email: null, remembered: false };
  app.services = null;
  app.servicesError = null;
  app.keychainNotice = false;
  app.outbox = { queued: 0, attention: 0 };
  app.outboxNotice = null;
  app.signInNotice = "signed-out";
  app.view = { name: "signin" };
  return true;
}

/**
 * The first-run choice, or a switch in Settings: the operator's portal or the demo. The
 * shell remembers it and uses the new portal at once; the UI then starts over with it
 * (sign-in page, or the remembered account's services). Rejects, changing nothing, when
 * the operator's portal does not answer.
 */
export async function choosePortal(choice: PortalChoice): Promise<void> {
  const info = await backend.choosePortal(choice);
  app.info = info;
  app.services = null;
  app.servicesError = null;
  app.servicesLoading = false;
  app.signInNotice = null;
  app.keychainNotice = false;
  app.outbox = { queued: 0, attention: 0 };
  app.outboxNotice = null;
  app.online = true;
  const [session, cached] = await Promise.all([
    backend.sessionInfo().catch(() => null),
    backend.cachedServices().catch(() => null),
  ]);
  app.session = session;
  if (isResumable(session)) {
    app.services = cached;
    app.view = { name: "services" };
    void refreshServices();
  } else {
    app.view = { name: "signin" };
  }
}

/** Switches the language at once and persists it (a failed save keeps the switch). */
export async function changeLanguage(lang: Lang): Promise<void> {
  setLang(lang);
  if (app.info) app.info.lang = lang;
  try {
    await backend.setLanguage(lang);
  } catch {
    // Not persisted; the UI still shows the chosen language for this session.
  }
}

export function setOnline(online: boolean): void {
  const wasOffline = !app.online;
  app.online = online;
  if (online && wasOffline && app.view.name !== "signin" && isResumable(app.session)) void refreshServices();
}

/** Back to the initial state (tests). */
export function resetAppState(): void {
  app.ready = false;
  app.info = null;
  app.session = null;
  app.view = { name: "signin" };
  app.services = null;
  app.servicesLoading = false;
  app.servicesError = null;
  app.online = true;
  app.signInNotice = null;
  app.keychainNotice = false;
  app.outboxNotice = null;
  app.outbox = { queued: 0, attention: 0 };
  app.update = null;
  if (updateTimer) clearInterval(updateTimer);
  updateTimer = null;
}
