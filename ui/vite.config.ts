/// <reference types="vitest/config" />
import { defineConfig } from "vite";
import { svelte } from "@sveltejs/vite-plugin-svelte";
import { svelteTesting } from "@testing-library/svelte/vite";

// The Fluent files live outside ui/ (in ../locales) and are bundled through
// import.meta.glob in src/lib/i18n.svelte.ts; dev mode must be allowed to read them.
export default defineConfig({
  plugins: [svelte(), svelteTesting()],
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
  },
});
