// Pseudo-locale run (issue 18): every message is rewritten at test time (src/test/pseudo.ts:
// accented, ~40 % longer, wrapped in ⟦…⟧) and every view is rendered with it. Any visible
// or accessible text that is neither inside the markers nor the backend's own data (the
// fixtures, dates, money, numbers) is a string hard-coded in the UI. Clipping needs real
// layout: tests/e2e/test_flow.py checks it in the real app.
import { describe, expect, it } from "vitest";
import { FluentBundle } from "@fluent/bundle";
import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import App from "./App.svelte";
import { mockBackend, ok } from "./test/helpers";
import * as fx from "./test/fixtures";
import { CLOSE, OPEN, pseudoResource } from "./test/pseudo";

// Rewrite every resource as it is added. Bundles are built on first use, and nothing in
// this file has formatted a message yet, so every bundle the app builds is pseudo.
const addResource = FluentBundle.prototype.addResource;
FluentBundle.prototype.addResource = function (this: FluentBundle, res, options) {
  pseudoResource(res);
  return addResource.call(this, res, options);
};

/** Every string in the fixtures: the backend's data, shown as is. */
function dataStrings(value: unknown, out = new Set<string>()): Set<string> {
  if (typeof value === "string") out.add(value);
  else if (Array.isArray(value)) for (const v of value) dataStrings(v, out);
  else if (value && typeof value === "object") for (const v of Object.values(value)) dataStrings(v, out);
  return out;
}
const DATA = [...dataStrings(Object.values(fx))].filter((s) => /\p{L}{2}/u.test(s)).sort((a, b) => b.length - a.length);

/** What is left of `text` outside the markers and the data: letters there are hard-coded. */
function unmarked(text: string): string {
  let rest = "";
  let depth = 0;
  for (const ch of text.replace(/[\u2068\u2069]/g, "")) {
    if (ch === OPEN) depth++;
    else if (ch === CLOSE) depth = Math.max(0, depth - 1);
    else if (depth === 0) rest += ch;
  }
  for (const d of DATA) rest = rest.split(d).join(" ");
  return (rest.match(/\p{L}{2,}/gu) ?? []).join(" ");
}

function hardCoded(): string[] {
  const found: string[] = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const parent = n.parentElement;
    if (!parent || parent.closest("script, style, svg")) continue;
    const left = unmarked(n.textContent ?? "");
    if (left) found.push(`<${parent.tagName.toLowerCase()}> ${JSON.stringify(n.textContent)} → ${left}`);
  }
  for (const el of document.body.querySelectorAll("[aria-label], [title], [placeholder], [alt]")) {
    for (const attr of ["aria-label", "title", "placeholder", "alt"]) {
      const left = unmarked(el.getAttribute(attr) ?? "");
      if (left) found.push(`<${el.tagName.toLowerCase()} ${attr}> → ${left}`);
    }
  }
  return found;
}

const VIEWS = ["services", "order", "billing", "details", "feedback", "contact", "settings"];

describe("pseudo-locale", () => {
  it("every view's text comes from Fluent (no hard-coded string)", async () => {
    mockBackend({
      session_info: ok(fx.signedIn),
      catalogue: () => fx.cached(fx.catalogue, 0, false),
      billing: ok(fx.billing),
    });
    render(App);
    await screen.findByTestId("service-row-11");
    const user = userEvent.setup();
    const problems: string[] = [];
    let marked = 0;
    for (const view of VIEWS) {
      await user.click(screen.getByTestId(`nav-${view}`));
      // Views load lazily (a dynamic import): slow on a busy machine.
      await screen.findByRole("heading", { level: 1, name: new RegExp(OPEN) }, { timeout: 20_000 });
      await new Promise((r) => setTimeout(r, 50)); // let the view's data arrive
      problems.push(...hardCoded().map((p) => `${view}: ${p}`));
      marked += (document.body.textContent?.match(new RegExp(OPEN, "g")) ?? []).length;
    }
    expect(marked).toBeGreaterThan(100);
    expect(problems).toEqual([]);
  }, 60_000);
});
