// The one Backend seam (ARCHITECTURE.md at the repository root): every Tauri command and event
// as a typed function. Views call only this module, never `invoke`. The commands and the
// event map are generated from the Rust declaration (src-tauri/src/ipc_surface.rs) into
// ./bindings/app/commands.ts; the invoke wrapper and error envelope live in ./ipc.ts.
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import type { EventMap } from "./bindings/app/commands";
import { BackendError } from "./ipc";

export * from "./ipc";
export * from "./bindings/app/commands";

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
