import { describe, expect, it } from "vitest";
import { errorMessage, formatDate, formatMoney, ftlSources, negotiateLang, setLang, t } from "./i18n.svelte";
import { clean } from "../test/helpers";
import type { ContactChannel } from "./bindings/api/ContactChannel";
import type { FeedbackTopic } from "./bindings/api/FeedbackTopic";
import type { OrderBlocker } from "./bindings/api/OrderBlocker";
import type { ServiceStatus } from "./bindings/api/ServiceStatus";
import type { DownloadState } from "./types";

/** message id → sorted variable names, from Fluent source (messages and terms; attributes included). */
function messages(source: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let current: string | null = null;
  let vars = new Set<string>();
  const flush = () => {
    if (current !== null) out.set(current, [...vars].sort());
  };
  for (const line of source.split("\n")) {
    const start = /^(-?[a-zA-Z][a-zA-Z0-9_-]*)\s*=/.exec(line);
    if (start) {
      flush();
      current = start[1] ?? null;
      vars = new Set();
    }
    if (current !== null && !line.startsWith("#")) for (const m of line.matchAll(/\$([a-zA-Z][a-zA-Z0-9_-]*)/g)) vars.add(m[1] ?? "");
  }
  flush();
  return out;
}

describe("Fluent files", () => {
  it("fi and en app.ftl have the same message ids and variables", () => {
    const fi = messages(ftlSources.fi["app.ftl"] ?? "");
    const en = messages(ftlSources.en["app.ftl"] ?? "");
    expect(fi.size).toBeGreaterThan(100);
    expect([...fi.keys()].sort()).toEqual([...en.keys()].sort());
    for (const [id, vars] of fi) expect({ id, vars: en.get(id) }).toEqual({ id, vars });
  });

  it("app.ftl ids are kebab-case and never error-*", () => {
    for (const lang of ["fi", "en"] as const) {
      for (const id of messages(ftlSources[lang]["app.ftl"] ?? "").keys()) {
        expect(id).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9_]+)*$/);
        expect(id.startsWith("error-")).toBe(false);
      }
    }
  });

  it("no message id is defined twice across all .ftl files of a language", () => {
    for (const lang of ["fi", "en"] as const) {
      const seen = new Map<string, string>();
      for (const [file, text] of Object.entries(ftlSources[lang])) {
        for (const id of messages(text).keys()) {
          expect(seen.get(id), `${lang}: ${id} in ${file} and ${seen.get(id)}`).toBeUndefined();
          seen.set(id, file);
        }
      }
    }
  });

  it("every message used in code exists in both languages", async () => {
    const files = import.meta.glob<string>("../**/*.{svelte,ts}", { query: "?raw", import: "default", eager: true });
    const ids = new Set<string>();
    for (const [path, text] of Object.entries(files)) {
      if (path.includes(".test.") || path.includes("/test/") || path.includes("/bindings/")) continue;
      for (const m of text.matchAll(/\bt\(\s*"([a-z0-9_-]+)"/g)) ids.add(m[1] ?? "");
    }
    expect(ids.size).toBeGreaterThan(50);
    const fi = messages(ftlSources.fi["app.ftl"] ?? "");
    for (const id of ids) expect(fi.has(id), id).toBe(true);
  });
});

describe("formatting", () => {
  it("formats dates per language", () => {
    setLang("fi");
    expect(formatDate("2026-11-24")).toBe("24.11.2026");
    expect(formatDate("2026-01-05")).toBe("5.1.2026");
    setLang("en");
    expect(formatDate("2026-11-24")).toBe("24/11/2026");
  });

  it("formats money per language", () => {
    setLang("fi");
    expect(clean(formatMoney(990))).toBe("9,90 €");
    expect(clean(formatMoney(123456))).toBe("1 234,56 €");
    setLang("en");
    expect(formatMoney(990)).toBe("€9.90");
  });

  it("uses Fluent plurals", () => {
    setLang("fi");
    expect(clean(t("status-days-left", { days: 1 }))).toBe("1 päivä jäljellä");
    expect(clean(t("status-days-left", { days: 12 }))).toBe("12 päivää jäljellä");
    setLang("en");
    expect(clean(t("status-days-left", { days: 12 }))).toBe("12 days left");
  });

  it("keeps bidi isolation in the product", () => {
    setLang("fi");
    expect(t("app-signed-in-as", { email: "a@b.fi" })).toContain("\u2068a@b.fi\u2069");
  });

  it("negotiates the language with Finnish as the fallback", () => {
    expect(negotiateLang(["fi-FI"])).toBe("fi");
    expect(negotiateLang(["en-US"])).toBe("en");
    expect(negotiateLang(["C"])).toBe("fi");
    expect(negotiateLang(["sv-FI"])).toBe("fi");
  });
});

describe("errorMessage", () => {
  it("maps a code to error-<code>", () => {
    setLang("fi");
    const text = errorMessage({ code: "offline", message: "x" });
    expect(text).not.toBe("error-offline");
    expect(text).toBe(t("error-offline"));
  });

  it("falls back to error-internal for a code without a message", () => {
    setLang("fi");
    const text = errorMessage({ code: "no_such_code" as never, message: "x" });
    expect(text).toBe(t("error-internal"));
  });
});

describe("messages chosen at run time", () => {
  it("exist for every enum value in both languages", async () => {
    const { ftlSources: sources } = await import("./i18n.svelte");
    const statuses = { upcoming: 1, active: 1, ending_soon: 1, ended: 1 } satisfies Record<ServiceStatus, 1>;
    const topics = { general: 1, termination: 1, ordering: 1, technical: 1, billing: 1, details: 1 } satisfies Record<
      FeedbackTopic,
      1
    >;
    const channels = { phone: 1, feedback_form: 1, web_portal: 1 } satisfies Record<ContactChannel, 1>;
    const blockers = { no_customer_relationship: 1, no_billing_agreement: 1 } satisfies Record<OrderBlocker, 1>;
    const states = { idle: 1, downloading: 1, paused: 1, verifying: 1, verified: 1, failed: 1 } satisfies Record<
      DownloadState,
      1
    >;
    const wanted = [
      ...Object.keys(statuses).map((s) => `status-${s}`),
      ...Object.keys(topics).flatMap((s) => [`topic-${s}`, `contact-topic-${s}`]),
      ...Object.keys(channels).map((s) => `channel-${s}`),
      ...Object.keys(blockers).map((s) => `order-blocker-${s}`),
      ...Object.keys(states).map((s) => `activation-state-${s}`),
    ];
    for (const lang of ["fi", "en"] as const) {
      const ids = messages(sources[lang]["app.ftl"] ?? "");
      for (const id of wanted) expect(ids.has(id), `${lang}: ${id}`).toBe(true);
    }
  });
});
