import { describe, expect, it } from "vitest";
import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import App from "../App.svelte";
import { app } from "../lib/state.svelte";
import { clean, deferred, emitEvent, expectNoA11yViolations, fail, mockBackend, ok, textOf } from "../test/helpers";
import * as fx from "../test/fixtures";
import type { UpdateOffer } from "../lib/types";

const offer: UpdateOffer = {
  version: "0.2.0",
  current_version: "0.1.0",
  pub_date: "2026-11-29T10:00:00Z",
  notes: "Korjauksia ja parannuksia.",
  can_install: true,
};

function signedInWith(handlers: Parameters<typeof mockBackend>[0]) {
  return mockBackend({
    session_info: ok(fx.signedIn),
    cached_services: ok(fx.cached(fx.serviceList, 5, true)),
    ...handlers,
  });
}

describe("signed automatic updates", () => {
  it("checks after the first paint and offers the release with its notes", async () => {
    const check = deferred<unknown>();
    const { calls } = signedInWith({ check_update: check.handler });
    const { container } = render(App);
    // The first view paints without waiting for the check.
    expect(await screen.findByTestId("service-row-11")).toBeTruthy();
    await waitFor(() => expect(calls.map((c) => c.cmd)).toContain("check_update"));
    expect(screen.queryByTestId("update-banner")).toBeNull();
    check.resolve(offer);
    expect(clean(textOf(await screen.findByTestId("update-title")))).toBe("Päivitys saatavilla: versio 0.2.0");
    expect(textOf(screen.getByTestId("update-notes"))).toBe("Korjauksia ja parannuksia.");
    expect(textOf(screen.getByTestId("update-now"))).toBe("Päivitä nyt");
    expect(textOf(screen.getByTestId("update-later"))).toBe("Myöhemmin");
    await expectNoA11yViolations(container);
  });

  it("a failed or empty check shows nothing", async () => {
    signedInWith({ check_update: fail({ code: "offline", message: "" }) });
    render(App);
    await screen.findByTestId("service-row-11");
    await new Promise((r) => setTimeout(r, 400));
    expect(screen.queryByTestId("update-banner")).toBeNull();
  });

  it("Päivitä nyt shows the download's progress; a bad signature is refused with a clear message", async () => {
    const install = deferred<unknown>();
    const { calls } = signedInWith({ check_update: ok(offer), install_update: install.handler });
    render(App);
    await userEvent.click(await screen.findByTestId("update-now"));
    expect(calls.map((c) => c.cmd)).toContain("install_update");
    await emitEvent("update-progress", { received: 512, total: 1024 });
    await waitFor(() => expect(clean(textOf(screen.getByTestId("update-status")))).toBe("Ladataan päivitystä… 50 %"));
    install.reject({ code: "update_not_verified", message: "signature" });
    const err = await screen.findByTestId("update-error");
    expect(err.dataset.code).toBe("update_not_verified");
    expect(clean(textOf(err))).toContain("ei asennettu");
    expect(screen.queryByTestId("update-now")).toBeNull();
  });

  it("Myöhemmin snoozes that version and hides the offer", async () => {
    const { calls } = signedInWith({ check_update: ok(offer), snooze_update: ok(null) });
    render(App);
    await userEvent.click(await screen.findByTestId("update-later"));
    expect(calls.find((c) => c.cmd === "snooze_update")?.args).toEqual({ version: "0.2.0" });
    await waitFor(() => expect(screen.queryByTestId("update-banner")).toBeNull());
    expect(app.update).toBeNull();
  });

  it("a Linux package without rights says to use the package manager instead of failing", async () => {
    signedInWith({ check_update: ok({ ...offer, can_install: false }) });
    render(App);
    expect(clean(textOf(await screen.findByTestId("update-package-manager")))).toContain("paketinhallinnalla");
    expect(screen.queryByTestId("update-now")).toBeNull();
    expect(screen.getByTestId("update-later")).toBeTruthy();
  });
});
