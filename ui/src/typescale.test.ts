import { readFileSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

// Every stylesheet of the UI: app.css and the <style> of each component (read from disk:
// vitest hands CSS imports over empty).
const root = join(__dirname);
const files: Record<string, string> = Object.fromEntries(
  readdirSync(root, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".svelte") || f.endsWith(".css"))
    .map((f) => [`./${relative(root, join(root, f))}`, readFileSync(join(root, f), "utf8")]),
);

function styles(path: string, text: string): string {
  if (path.endsWith(".css")) return text;
  return [...text.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((m) => m[1]).join("\n");
}

function declared(property: string): { file: string; value: string }[] {
  const out: { file: string; value: string }[] = [];
  const re = new RegExp(`(?:^|[;{\\s])${property}\\s*:\\s*([^;}]+)`, "g");
  for (const [file, text] of Object.entries(files)) {
    for (const m of styles(file, text).matchAll(re)) out.push({ file, value: (m[1] ?? "").trim() });
  }
  return out;
}

// WebKitGTK looks up a font for each size × weight a page uses before its first paint
// (≈ 5 ms each on a 2-core machine): the type scale in app.css is the whole set.
describe("type scale", () => {
  it("sizes come from the scale", () => {
    const allowed = ["1rem", "var(--text-lg)", "var(--text-xl)", "112.5%"];
    const sizes = declared("font-size");
    expect(sizes.length).toBeGreaterThan(5);
    for (const { file, value } of sizes) expect(allowed, `${file}: font-size ${value}`).toContain(value);
  });

  it("weights are normal or the one strong weight", () => {
    const weights = declared("font-weight");
    expect(weights.length).toBeGreaterThan(5);
    for (const { file, value } of weights) expect(["var(--strong)", "normal"], `${file}: font-weight ${value}`).toContain(value);
  });

  it("large sizes are strong: four size × weight pairs", () => {
    let checked = 0;
    for (const [file, text] of Object.entries(files)) {
      for (const m of styles(file, text).matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
        const selector = (m[1] ?? "").replace(/\/\*[\s\S]*?\*\//g, "").trim();
        const body = m[2] ?? "";
        const strong = /font-weight:\s*var\(--strong\)/.test(body) || /(^|[\s,>])(h1|h2|strong)$/.test(selector);
        if (/font-size:\s*var\(--text-(lg|xl)\)/.test(body)) {
          checked++;
          expect(strong, `${file}: ${selector} is large but not strong`).toBe(true);
        }
      }
    }
    expect(checked).toBeGreaterThan(6);
  });

  it("elements bold by default use the strong weight", () => {
    const css = files["./app.css"] ?? "";
    expect(css).toMatch(/h1,\s*h2,\s*h3,\s*h4,\s*strong,\s*b,\s*th\s*\{\s*font-weight: var\(--strong\);/);
    expect(css).toMatch(/--strong: 600;/);
  });
});
