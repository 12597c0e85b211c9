// Dev-only preview (`npm run dev`, then /preview.html?scenario=…): the real App against
// a mocked IPC with the test fixtures, for looking at the UI in a plain browser or
// WebKit's MiniBrowser. Not part of the production build (vite builds index.html only).
import { mount } from "svelte";
import { mockIPC } from "@tauri-apps/api/mocks";
import { emit } from "@tauri-apps/api/event";
import App from "./App.svelte";
import { isLang } from "./lib/i18n.svelte";
import "./app.css";
import * as fx from "./test/fixtures";

const params = new URLSearchParams(location.search);
const scenario = params.get("scenario") ?? "services";
const requested = params.get("lang") ?? "fi";
const lang = isLang(requested) ? requested : "fi";
let received = 0;

const handlers: Record<string, (args: Record<string, unknown>) => unknown> = {
  app_info: () => ({ ...fx.appInfo, lang, demo: true, demo_accounts: [{ email: "demo@oma.example", password: "demo", description_key: "x" }] }),
  set_language: () => null,
  session_info: () => (scenario === "signin" ? fx.signedOut : fx.signedIn),
  restore_session: () => fx.signedIn,
  cached_services: () => fx.cached(fx.serviceList, 5, true),
  services: () => {
    if (scenario === "offline") throw { code: "offline", message: "" };
    return fx.cached(fx.serviceList, 0, false);
  },
  customer: () => fx.cached(fx.customer, 0, false),
  catalogue: () => fx.cached(fx.catalogue, 0, false),
  contact: () => fx.contact,
  billing: () => fx.billing,
  outbox_count: () => ({ queued: 1, attention: 1 }),
  pending_feedback: () => [
    {
      local_id: "preview-queued",
      created_at: "2026-11-13T18:20:00Z",
      request: { topic: "general", message: "Kiitos!", contact_me: false, contact_email: null, contact_phone: null, service_id: null },
      attention: null,
    },
    {
      local_id: "preview-refused",
      created_at: "2026-11-12T09:05:00Z",
      request: {
        topic: "termination",
        message: "Haluan irtisanoa palvelun: MIX-paketti 5 kanavaa",
        contact_me: true,
        contact_email: null,
        contact_phone: "12345",
        service_id: 12,
      },
      attention: { code: "invalid_phone", message: "", field: "contact_phone" },
    },
  ],
  resend_feedback: () => ({ status: "queued", local_id: "preview-refused" }),
  discard_feedback: () => null,
  download_status: () => fx.download({ state: "downloading", received: 4 * 1024 * 1024 }),
  start_download: () => fx.download({ state: "downloading" }),
  pause_download: () => fx.download({ state: "paused", received }),
  open_installer: () => null,
  device_link_qr: () =>
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 21 21"><rect width="21" height="21" fill="#fff"/><path d="M1 1h7v7H1zM13 1h7v7h-7zM1 13h7v7H1z"/></svg>',
  send_feedback: () => ({ status: "queued", local_id: "preview" }),
  sign_in: () => {
    throw { code: "rate_limited", message: "", retry_after: 120 };
  },
  sign_out: () => null,
};

mockIPC(
  (cmd, args) => {
    const h = handlers[cmd];
    if (!h) throw { code: "internal", message: `preview: ${cmd}` };
    return h((args ?? {}) as Record<string, unknown>);
  },
  { shouldMockEvents: true },
);

const target = document.getElementById("app");
if (target) mount(App, { target });

if (scenario === "offline") {
  setTimeout(() => void emit("connectivity", { online: false }), 300);
}
