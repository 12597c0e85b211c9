import { describe, expect, it } from "vitest";
import {
  LANGS,
  errorMessage,
  formatDate,
  formatMoney,
  ftlSources,
  isLang,
  negotiateLang,
  setLang,
  t,
} from "./i18n.svelte";
import negotiation from "../../../locales/negotiation.json";
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
  it("every language has the same files, message ids and variables as Finnish", () => {
    expect([...LANGS].sort()).toEqual(["en", "fi", "sv"]);
    for (const lang of LANGS) {
      expect(Object.keys(ftlSources[lang]).sort(), lang).toEqual(Object.keys(ftlSources.fi).sort());
      for (const file of Object.keys(ftlSources.fi)) {
        const fi = messages(ftlSources.fi[file] ?? "");
        const other = messages(ftlSources[lang][file] ?? "");
        expect(fi.size).toBeGreaterThan(0);
        expect([...other.keys()].sort(), `${lang}/${file}`).toEqual([...fi.keys()].sort());
        for (const [id, vars] of fi) expect({ lang, id, vars: other.get(id) }).toEqual({ lang, id, vars });
      }
    }
    expect(messages(ftlSources.sv["app.ftl"] ?? "").size).toBeGreaterThan(100);
  });

  it("app.ftl ids are kebab-case and never error-*", () => {
    for (const lang of LANGS) {
      for (const id of messages(ftlSources[lang]["app.ftl"] ?? "").keys()) {
        expect(id).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9_]+)*$/);
        expect(id.startsWith("error-")).toBe(false);
      }
    }
  });

  it("no message id is defined twice across all .ftl files of a language", () => {
    for (const lang of LANGS) {
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
    setLang("sv");
    expect(formatDate("2026-11-24")).toBe("24.11.2026");
    expect(formatDate("2026-01-05")).toBe("5.1.2026");
  });

  it("formats money per language", () => {
    setLang("fi");
    expect(clean(formatMoney(990))).toBe("9,90 €");
    expect(clean(formatMoney(123456))).toBe("1 234,56 €");
    setLang("en");
    expect(formatMoney(990)).toBe("€9.90");
    setLang("sv");
    expect(clean(formatMoney(990))).toBe("9,90 €");
    expect(clean(formatMoney(123456))).toBe("1 234,56 €");
  });

  it("uses Fluent plurals", () => {
    setLang("fi");
    expect(clean(t("status-days-left", { days: 1 }))).toBe("1 päivä jäljellä");
    expect(clean(t("status-days-left", { days: 12 }))).toBe("12 päivää jäljellä");
    setLang("en");
    expect(clean(t("status-days-left", { days: 12 }))).toBe("12 days left");
    setLang("sv");
    expect(clean(t("status-days-left", { days: 0 }))).toBe("upphör i dag");
    expect(clean(t("status-days-left", { days: 1 }))).toBe("1 dag kvar");
    expect(clean(t("status-days-left", { days: 12 }))).toBe("12 dagar kvar");
    expect(clean(t("billing-group-services", { count: 1 }))).toBe("1 tjänst");
    expect(clean(t("billing-group-services", { count: 3 }))).toBe("3 tjänster");
    expect(clean(t("nav-services"))).toBe("Beställda tjänster");
  });

  it("keeps bidi isolation in the product", () => {
    setLang("fi");
    expect(t("app-signed-in-as", { email: "a@b.fi" })).toContain("\u2068a@b.fi\u2069");
  });

  it("negotiates the OS language by the app's and the CLI's table (locales/negotiation.json)", () => {
    const cases = negotiation.cases as [string, string][];
    expect(cases.length).toBeGreaterThan(10);
    for (const [tag, want] of cases) expect({ tag, lang: negotiateLang([tag]) }).toEqual({ tag, lang: want });
    expect(negotiateLang([])).toBe("en");
    expect(negotiateLang(["sv-FI", "fi-FI"])).toBe("sv"); // the first (preferred) locale decides
    expect(isLang("sv")).toBe(true);
    expect(isLang("sv-FI")).toBe(false);
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
  it("exist for every enum value in every language", async () => {
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
    for (const lang of LANGS) {
      const ids = messages(sources[lang]["app.ftl"] ?? "");
      for (const id of wanted) expect(ids.has(id), `${lang}: ${id}`).toBe(true);
    }
  });
});
