// Localisation: Fluent messages from ../../../locales/{fi,en,sv}/*.ftl (every .ftl file in
// those folders is bundled: app.ftl (UI), errors.ftl (lead), shell.ftl (shell), …).
// The current language is reactive: templates that call `t()` re-render on change.
import { FluentBundle, FluentResource, type FluentVariable } from "@fluent/bundle";
import type { ErrorBody } from "./bindings/api/ErrorBody";
import type { LocalizedText } from "./bindings/api/LocalizedText";
import type { Lang } from "./types";

export const LANGS: readonly Lang[] = ["fi", "en", "sv"] as const;
export const DEFAULT_LANG: Lang = "fi";

/** Intl locales used for dates and money (en follows en-GB: 24/11/2026, €9.90;
 * sv follows Finland: 24.11.2026, 9,90 €). */
const INTL_LOCALE: Record<Lang, string> = { fi: "fi-FI", en: "en-GB", sv: "sv-FI" };

/** Intl locales for numeric dates and times. Finland writes them alike in both national
 * languages (24.11.2026, 14.05): current CLDR's sv-FI agrees, but older ICUs in web views
 * (Debian 12's ICU 72, CLDR 42) still give Sweden's 2026-11-24 and 14:05 for sv-FI. */
const DATE_LOCALE: Record<Lang, string> = { fi: "fi-FI", en: "en-GB", sv: "fi-FI" };

const sources = import.meta.glob<string>("../../../locales/*/*.ftl", {
  query: "?raw",
  import: "default",
  eager: true,
});

/** The raw .ftl texts per language and file name (also used by the parity test). */
export const ftlSources: Record<Lang, Record<string, string>> = { fi: {}, en: {}, sv: {} };
for (const [path, text] of Object.entries(sources)) {
  const m = /\/locales\/([^/]+)\/([^/]+\.ftl)$/.exec(path);
  if (!m) continue;
  const lang = m[1] as string;
  const file = m[2] as string;
  if (isLang(lang)) ftlSources[lang][file] = text;
}

function buildBundle(lang: Lang): FluentBundle {
  // Bidi isolation stays on in the product; tests strip U+2068/U+2069.
  const bundle = new FluentBundle(INTL_LOCALE[lang], {
    useIsolating: true,
    // The same helpers the Rust side offers (cli.ftl, shell.ftl use them).
    functions: {
      DATE: ([value]) => (typeof value === "string" ? formatDateIn(lang, value) : String(value?.valueOf() ?? "")),
      MONEY: ([value]) => {
        const n = Number(value?.valueOf());
        return Number.isFinite(n) ? formatMoneyIn(lang, n) : "";
      },
    },
  });
  // Stable order: app.ftl first, then the others alphabetically.
  const files = Object.keys(ftlSources[lang]).sort();
  for (const file of files) {
    const errors = bundle.addResource(new FluentResource(ftlSources[lang][file] ?? ""));
    if (errors.length > 0 && import.meta.env.DEV) {
      console.warn(`Fluent syntax errors in locales/${lang}/${file}`, errors);
    }
  }
  return bundle;
}

// Parsed on first use: start-up parses only the language it shows.
const bundles: Partial<Record<Lang, FluentBundle>> = {};
function bundleFor(lang: Lang): FluentBundle {
  return (bundles[lang] ??= buildBundle(lang));
}

/** Whether `value` names a language the product speaks. */
export function isLang(value: string): value is Lang {
  return (LANGS as readonly string[]).includes(value);
}

/** The default language for the OS's preferred locale (the first of `requested`): the
 * rule of the app and the CLI (l10n `negotiate`, table in locales/negotiation.json):
 * fi* → fi, sv* → sv, anything else (en-US, C, nothing) → en. */
export function negotiateLang(requested: readonly string[]): Lang {
  const primary = (requested[0] ?? "").trim().split(/[-_.@]/)[0]?.toLowerCase() ?? "";
  if (primary === "fi" || primary === "fin") return "fi";
  if (primary === "sv" || primary === "swe") return "sv";
  return "en";
}

const state = $state<{ lang: Lang }>({
  lang: typeof navigator !== "undefined" ? negotiateLang(navigator.languages ?? []) : DEFAULT_LANG,
});

export const i18n = {
  get lang(): Lang {
    return state.lang;
  },
};

/** Switches the UI language (no reload). Persisting it is the caller's job (`setLanguage`). */
export function setLang(lang: Lang): void {
  state.lang = lang;
  if (typeof document !== "undefined") document.documentElement.lang = lang;
}

export type Args = Record<string, FluentVariable>;

export function hasMessage(id: string): boolean {
  return bundleFor(state.lang).hasMessage(id);
}

/** The message `id` in the current language; falls back to the id itself (never throws). */
export function t(id: string, args?: Args): string {
  const bundle = bundleFor(state.lang);
  const msg = bundle.getMessage(id);
  if (!msg || msg.value === null) {
    if (import.meta.env.DEV) console.warn(`missing Fluent message ${state.lang}:${id}`);
    return id;
  }
  const errors: Error[] = [];
  return bundle.formatPattern(msg.value, args ?? null, errors);
}

/** The text of a LocalizedText (portal content: product and group names, notes) in the
 * current language. The portal writes Finnish and English; Swedish readers get Finnish,
 * the other official language of the operator's own texts (as the shell's update notes). */
export function localized(text: LocalizedText): string {
  const own = state.lang === "en" ? text.en : text.fi;
  return own || text.fi || text.en;
}

// Intl formatters, made once per language and kind: constructing one loads ICU data
// and costs far more than formatting (a services view formats dozens of values).
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function formatter<T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => T): T {
  let f = formatters.get(key);
  if (!f) {
    f = make();
    formatters.set(key, f);
  }
  return f as T;
}

/** Parses `YYYY-MM-DD` (or an RFC 3339 timestamp) without time-zone drift. */
export function parseIsoDate(iso: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (m) return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** fi and sv `24.11.2026`, en `24/11/2026`. */
export function formatDate(iso: string): string {
  return formatDateIn(state.lang, iso);
}

function formatDateIn(lang: Lang, iso: string): string {
  const d = parseIsoDate(iso);
  if (!d) return iso;
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(iso);
  const make = () =>
    new Intl.DateTimeFormat(DATE_LOCALE[lang], {
      day: "numeric",
      month: "numeric",
      year: "numeric",
      ...(dateOnly ? { timeZone: "UTC" } : {}),
    });
  return formatter(`date-${dateOnly ? "utc" : "local"}-${lang}`, make).format(d);
}

/** fi and sv `9,90 €`, en `€9.90`. */
export function formatMoney(cents: number): string {
  return formatMoneyIn(state.lang, cents);
}

function formatMoneyIn(lang: Lang, cents: number): string {
  const make = () => new Intl.NumberFormat(INTL_LOCALE[lang], { style: "currency", currency: "EUR" });
  return formatter(`money-${lang}`, make).format(cents / 100);
}

/** Local time of an RFC 3339 timestamp, e.g. fi and sv `14.05`, en `14:05`. */
export function formatTime(iso: string): string {
  const d = parseIsoDate(iso);
  if (!d) return "";
  const lang = state.lang;
  const make = () => new Intl.DateTimeFormat(DATE_LOCALE[lang], { hour: "2-digit", minute: "2-digit" });
  return formatter(`time-${lang}`, make).format(d);
}

/** Megabytes with one decimal in the current language, e.g. fi `12,5`. */
export function formatMegabytes(bytes: number): string {
  const lang = state.lang;
  const make = () => new Intl.NumberFormat(INTL_LOCALE[lang], { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return formatter(`megabytes-${lang}`, make).format(bytes / (1024 * 1024));
}

/** The localized text of an error: `error-<code>`, else `error-internal`, else a generic UI text. */
export function errorMessage(err: ErrorBody): string {
  const args: Args = {};
  // errors.ftl: `$retry_after` is seconds, 0 when unknown.
  args.retry_after = err.retry_after ?? 0;
  if (err.retry_after !== undefined) {
    args.minutes = Math.max(1, Math.ceil(err.retry_after / 60));
    args.seconds = err.retry_after;
  }
  if (err.field !== undefined) args.field = err.field;
  for (const id of [`error-${err.code}`, "error-internal"]) {
    if (hasMessage(id)) return t(id, args);
  }
  return t("app-error-generic");
}
