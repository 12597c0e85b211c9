import axe from "axe-core";
import { expect } from "vitest";
import { mockIPC } from "@tauri-apps/api/mocks";
import { emit } from "@tauri-apps/api/event";
import * as fx from "./fixtures";

export type Handler = ((args: Record<string, unknown>) => unknown) | { value: unknown };
export type Call = { cmd: string; args: Record<string, unknown> };

/** Rejects like the Rust side does: with the error envelope. */
export function fail(body: unknown): Handler {
  return () => {
    throw body;
  };
}

/** Answers with `value`. */
export function ok(value: unknown): Handler {
  return { value };
}

/** A handler whose answer the test releases later. */
export function deferred<T>(): { handler: Handler; resolve: (v: T) => void; reject: (e: unknown) => void } {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { handler: () => promise, resolve, reject };
}

const defaults: Record<string, Handler> = {
  app_info: ok(fx.appInfo),
  portal_info: ok(fx.operatorPortal),
  check_update: ok(null),
  set_language: ok(null),
  session_info: ok(fx.signedOut),
  restore_session: ok(fx.signedIn),
  cached_services: ok(null),
  services: () => fx.cached(fx.serviceList, 0, false),
  customer: () => fx.cached(fx.customer, 0, false),
  contact: ok(fx.contact),
  outbox_count: ok({ queued: 0, attention: 0 }),
  pending_feedback: ok([]),
  sign_out: ok(null),
  download_status: ok(fx.download({})),
};

/** Mocks the Tauri IPC with the real command names; events can be emitted with `emitEvent`. */
export function mockBackend(handlers: Record<string, Handler> = {}): { calls: Call[] } {
  const calls: Call[] = [];
  const all = { ...defaults, ...handlers };
  mockIPC(
    (cmd, payload) => {
      const args = (payload ?? {}) as Record<string, unknown>;
      calls.push({ cmd, args });
      const h = all[cmd];
      if (!h) throw { code: "internal", message: `unmocked command ${cmd}` };
      return typeof h === "function" ? h(args) : h.value;
    },
    { shouldMockEvents: true },
  );
  return { calls };
}

export async function emitEvent(event: string, payload: unknown): Promise<void> {
  await emit(event, payload);
}

/** Visible text without Fluent's bidi isolation marks, with plain spaces. */
export function clean(text: string | null | undefined): string {
  return (text ?? "").replace(/[\u2068\u2069]/g, "").replace(/[\u00a0\u202f]/g, " ").replace(/\s+/g, " ").trim();
}

/** Text of the element with this test id (cleaned). */
export function textOf(el: Element | null): string {
  return clean(el?.textContent);
}

/** No serious or critical axe violations (colour contrast can't be computed in jsdom). */
export async function expectNoA11yViolations(root: Element = document.body): Promise<void> {
  const results = await axe.run(root, {
    rules: { "color-contrast": { enabled: false } },
    resultTypes: ["violations"],
  });
  const bad = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.html).join(" | ")}`);
  expect(bad).toEqual([]);
}
