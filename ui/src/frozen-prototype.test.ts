// Tauri's `freezePrototype: true` freezes Object.prototype before the app loads; the UI
// (Svelte, Fluent, the Tauri API) must keep working. Vitest isolates test files, so the
// freeze stays inside this file.
Object.freeze(Object.prototype);

import { describe, expect, it } from "vitest";
import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import App from "./App.svelte";
import { mockBackend, ok, textOf } from "./test/helpers";

describe("with a frozen Object.prototype", () => {
  it("signs in, shows the services and switches the language", async () => {
    mockBackend({ sign_in: ok({ remembered: true, keychain_error: null }) });
    render(App);
    const user = userEvent.setup();
    await user.type(await screen.findByTestId("signin-email"), "maija@example.fi");
    await user.type(screen.getByTestId("signin-password"), "salasana1");
    await user.click(screen.getByTestId("signin-submit"));
    expect(textOf(await screen.findByTestId("services-total-amount"))).toBe("24,80 €");
    await user.click(screen.getByTestId("nav-settings"));
    await user.selectOptions(await screen.findByTestId("language-select"), "en");
    expect(textOf(screen.getByTestId("nav-services"))).toBe("Ordered services");
    expect(Object.isFrozen(Object.prototype)).toBe(true);
  });
});
