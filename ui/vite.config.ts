/// <reference types="vitest/config" />
import { defineConfig } from "vite";
import { svelte } from "@sveltejs/vite-plugin-svelte";
import { svelteTesting } from "@testing-library/svelte/vite";

// The Fluent files live outside ui/ (in ../locales) and are bundled through
// import.meta.glob in src/lib/i18n.svelte.ts; dev mode must be allowed to read them.
export default defineConfig({
  // Styles come with the script (no stylesheet in index.html): WebKit then has nothing
  // to paint before the app has mounted its first view (a blank styled frame first cost
  // ≈ 30 ms of the first paint on 2 cores).
  plugins: [svelte({ emitCss: false }), svelteTesting()],
  clearScreen: false,
  base: "./",
  server: {
    port: 5173,
    strictPort: true,
    fs: { allow: [".", "../locales"] },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: false,
    // Everything stays local: the app runs under a strict CSP (no inline scripts, no eval).
    assetsInlineLimit: 0,
  },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.ts"],
    setupFiles: ["src/test/setup.ts"],
    restoreMocks: true,
    // Room for the 5 s find timeout (src/test/setup.ts) inside one test.
    testTimeout: 15000,
  },
});
