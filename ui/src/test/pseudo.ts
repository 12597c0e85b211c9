// The pseudo-locale, made at test time from whatever messages are loaded (never committed):
// every text of every Fluent pattern is accented, about 40 % longer, and the whole pattern is
// wrapped in ⟦…⟧. A visible text outside the markers did not come from Fluent.
import type { FluentResource, Message } from "@fluent/bundle";

type Pattern = NonNullable<Message["value"]>;
type PatternElement = Exclude<Pattern, string>[number];

export const OPEN = "⟦";
export const CLOSE = "⟧";

const ACCENTS: Record<string, string> = {
  a: "á", e: "é", i: "î", o: "ö", u: "û", y: "ý", c: "ç", n: "ñ", s: "š", z: "ž",
  A: "Á", E: "É", I: "Î", O: "Ö", U: "Û", Y: "Ý", C: "Ç", N: "Ñ", S: "Š", Z: "Ž",
};

/** Accented and ~40 % longer (breakable filler, so that wrapping still works). */
export function pseudoText(text: string): string {
  const accented = [...text].map((ch) => ACCENTS[ch] ?? ch).join("");
  const letters = (text.match(/\p{L}/gu) ?? []).length;
  if (letters === 0) return accented;
  const pad = Math.ceil(letters * 0.4);
  const filler = Array.from({ length: Math.ceil(pad / 4) }, () => "ẋẋẋ").join(" ");
  return `${accented} ${filler}`;
}

function element(el: PatternElement): PatternElement {
  if (typeof el === "string") return pseudoText(el);
  if (el.type === "select") return { ...el, variants: el.variants.map((v) => ({ ...v, value: inner(v.value) })) };
  return el;
}

function inner(p: Pattern): Pattern {
  return typeof p === "string" ? pseudoText(p) : p.map(element);
}

function pattern(p: Pattern): Pattern {
  return [OPEN, ...(typeof p === "string" ? [pseudoText(p)] : p.map(element)), CLOSE];
}

/** Rewrites a parsed resource in place (messages and terms, values and attributes). */
export function pseudoResource(res: FluentResource): void {
  for (const entry of res.body) {
    if (entry.value !== null) entry.value = pattern(entry.value);
    for (const [name, value] of Object.entries(entry.attributes)) entry.attributes[name] = pattern(value);
  }
}
