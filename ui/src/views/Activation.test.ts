import { describe, expect, it, vi } from "vitest";
import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import Activation from "./Activation.svelte";
import { app } from "../lib/state.svelte";
import { deferred, emitEvent, expectNoA11yViolations, fail, mockBackend, ok, textOf } from "../test/helpers";
import * as fx from "../test/fixtures";

function setup(handlers: Parameters<typeof mockBackend>[0] = {}, os: typeof fx.appInfo.os = "linux") {
  const mock = mockBackend(handlers);
  app.info = { ...fx.appInfo, os };
  app.session = fx.signedIn;
  app.services = fx.cached(fx.serviceList, 0, false);
  render(Activation, { serviceId: 11 });
  return mock;
}

const MiB = 1024 * 1024;

describe("Turvapaketti activation", () => {
  it("downloads with progress, and enables Install only after verification", async () => {
    const { calls } = setup({
      start_download: ok(fx.download({ state: "downloading" })),
      pause_download: ok(fx.download({ state: "paused", received: 5 * MiB })),
      open_installer: ok(null),
    });
    const user = userEvent.setup();
    const install = screen.getByTestId("install-button") as HTMLButtonElement;
    expect(install.disabled).toBe(true);

    await user.click(screen.getByTestId("download-button"));
    expect(calls).toContainEqual({ cmd: "start_download", args: { serviceId: 11 } });

    await emitEvent("download-progress", fx.download({ state: "downloading", received: 2.5 * MiB }));
    await waitFor(() => expect(textOf(screen.getByTestId("download-progress-text"))).toBe("2,5 / 10,0 Mt (25 %)"));
    const bar = screen.getByTestId("download-progress") as HTMLProgressElement;
    expect(bar.value).toBe(2.5 * MiB);
    expect(bar.max).toBe(10 * MiB);
    expect(install.disabled).toBe(true);

    // Another service's progress is ignored.
    await emitEvent("download-progress", fx.download({ service_id: 99, state: "verified", received: 10 * MiB }));
    expect(install.disabled).toBe(true);

    await user.click(screen.getByTestId("download-pause"));
    await waitFor(() => expect(screen.getByTestId("download-state").dataset.state).toBe("paused"));
    await user.click(screen.getByTestId("download-resume"));
    expect(calls.filter((c) => c.cmd === "start_download")).toHaveLength(2);

    await emitEvent("download-progress", fx.download({ state: "verifying", received: 10 * MiB }));
    await waitFor(() => expect(textOf(screen.getByTestId("verify-state"))).toBe("Tarkistetaan ladattua tiedostoa…"));
    expect(install.disabled).toBe(true);

    await emitEvent("download-progress", fx.download({ state: "verified", received: 10 * MiB }));
    await waitFor(() => expect(install.disabled).toBe(false));
    expect(textOf(screen.getByTestId("verify-state"))).toContain("SHA-256-tarkiste ja allekirjoitus ovat kunnossa");

    await user.click(install);
    expect(calls).toContainEqual({ cmd: "open_installer", args: { serviceId: 11 } });
    expect(await screen.findByTestId("install-opened")).toBeTruthy();
    await expectNoA11yViolations();
  });

  it("keeps the newest report when the start answer arrives after a later event", async () => {
    const start = deferred<unknown>();
    setup({
      download_status: ok(fx.download({ state: "idle", seq: 0 })),
      start_download: start.handler,
    });
    await userEvent.setup().click(screen.getByTestId("download-button"));
    // The download finishes before the start command's answer reaches the view.
    await emitEvent("download-progress", fx.download({ state: "verified", received: 10 * MiB, seq: 9 }));
    await waitFor(() => expect(screen.getByTestId("download-state").dataset.state).toBe("verified"));
    start.resolve(fx.download({ state: "downloading", seq: 1 }));
    await new Promise((r) => setTimeout(r, 50)); // let the answer land
    expect(screen.getByTestId("download-state").dataset.state).toBe("verified");
    expect((screen.getByTestId("install-button") as HTMLButtonElement).disabled).toBe(false);
  });

  it("re-reads the status once listening, so an event sent before is not lost", async () => {
    let reads = 0;
    setup({
      download_status: () => fx.download(++reads === 1 ? { state: "downloading", seq: 3 } : { state: "verified", received: 10 * MiB, seq: 7 }),
    });
    await waitFor(() => expect(screen.getByTestId("download-state").dataset.state).toBe("verified"));
    expect(reads).toBe(2);
  });

  it("offers a retry with the error message when the download fails", async () => {
    const { calls } = setup({
      download_status: ok(fx.download({ state: "failed", received: MiB, error: fx.errorBody("disk_full") })),
      start_download: ok(fx.download({ state: "downloading", received: MiB })),
    });
    const error = await screen.findByTestId("download-error");
    expect(textOf(error)).toContain("Lataus epäonnistui.");
    expect(textOf(error)).toContain("Levy on täynnä");
    await userEvent.setup().click(screen.getByTestId("download-retry"));
    expect(calls.filter((c) => c.cmd === "start_download")).toHaveLength(1);
    expect((screen.getByTestId("install-button") as HTMLButtonElement).disabled).toBe(true);
  });

  it("says when there is no installer for this OS and offers the other-device path", async () => {
    setup({}, "macos");
    expect(textOf(screen.getByTestId("no-installer"))).toContain("Tälle tietokoneelle ei ole saatavilla asennusohjelmaa");
    expect(screen.queryByTestId("download-button")).toBeNull();
    expect(textOf(screen.getByTestId("device-link"))).toBe("https://oma.ipp.fi/d/7f3a9c");
    await expectNoA11yViolations();
  });

  it("handles no_installer_for_os from start_download", async () => {
    setup({ start_download: fail(fx.errorBody("no_installer_for_os")) });
    await userEvent.setup().click(screen.getByTestId("download-button"));
    expect(await screen.findByTestId("no-installer")).toBeTruthy();
  });

  it("copies the subscription key with a visible confirmation, shows devices and the QR code", async () => {
    setup({ device_link_qr: ok('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>') });
    const user = userEvent.setup();
    const writeText = vi.spyOn(navigator.clipboard, "writeText");
    expect(textOf(screen.getByTestId("subscription-key"))).toBe("ABCD-EFGH-JKLM-NPQR");
    await user.click(screen.getByTestId("key-copy"));
    expect(writeText).toHaveBeenCalledWith("ABCD-EFGH-JKLM-NPQR");
    expect(textOf(await screen.findByTestId("key-copy-status"))).toBe("✓ Kopioitu leikepöydälle.");
    expect(textOf(screen.getByTestId("devices-protected"))).toBe("3 / 5 laitetta suojattu");

    await user.click(screen.getByTestId("qr-show"));
    const qr = await screen.findByTestId("qr-code");
    expect(qr.querySelector("svg")).not.toBeNull();
    expect(qr.getAttribute("role")).toBe("img");
    await expectNoA11yViolations();
  });
});

describe("Turvapaketti devices and protection", () => {
  const device = (id: number, name: string, os: "windows" | "linux" = "windows") => ({
    id,
    service_id: 11,
    name,
    os,
    app_version: "19.4.112",
    registered_at: "2026-09-01T10:00:00Z",
    last_seen: "2026-11-26T10:00:00Z",
  });
  const list = (ids: number[], thisDevice: number | null = null) => ({
    service_id: 11,
    devices_allowed: 5,
    devices: ids.map((id) => device(id, `Laite ${id}`, id === 4 ? "linux" : "windows")),
    this_device: thisDevice,
  });

  it("lists the devices from the registry, marks this computer and releases a licence after confirmation", async () => {
    const { calls } = setup({
      devices: ok(list([1, 2, 3, 4], 4)),
      release_device: ok(list([1, 3, 4], 4)),
      protection_status: ok({ state: "not_detected" }),
      services: ok(fx.cached(fx.serviceList, 0, false)),
    });
    const user = userEvent.setup();
    await waitFor(() => expect(screen.getAllByTestId("device")).toHaveLength(4));
    expect(textOf(screen.getByTestId("devices-protected"))).toBe("4 / 5 laitetta suojattu");
    const mine = screen.getAllByTestId("device").find((d) => d.dataset.deviceId === "4")!;
    expect(mine.querySelector("[data-testid=this-computer]")).toBeTruthy();
    expect(textOf(mine)).toContain("Linux");
    expect(textOf(mine)).toContain("viimeksi nähty 26.11.2026");
    expect(textOf(screen.getByTestId("already-protected"))).toContain("ei tarvitse asentaa uudelleen");
    expect(textOf(screen.getByTestId("download-button"))).toBe("Lataa asennusohjelma silti");

    const second = screen.getAllByTestId("device").find((d) => d.dataset.deviceId === "2")!;
    await user.click(second.querySelector("[data-testid=release-device]") as HTMLElement);
    // Cancel first: nothing is released.
    await user.click(screen.getByTestId("release-cancel"));
    expect(calls.some((c) => c.cmd === "release_device")).toBe(false);
    await user.click(second.querySelector("[data-testid=release-device]") as HTMLElement);
    expect(textOf(screen.getByRole("group"))).toContain("Vapautetaanko laitteen Laite 2 lisenssi?");
    await user.click(screen.getByTestId("release-confirm"));
    expect(calls).toContainEqual({ cmd: "release_device", args: { serviceId: 11, deviceId: 2 } });
    await waitFor(() => expect(screen.getAllByTestId("device")).toHaveLength(3));
    expect(textOf(screen.getByTestId("devices-protected"))).toBe("3 / 5 laitetta suojattu");
    await expectNoA11yViolations(document.body);
  });

  it("names a conflicting antivirus product before the download", async () => {
    setup({ devices: ok(list([1])), protection_status: ok({ state: "conflict", product: "Norton 360" }) });
    const notice = await screen.findByTestId("protection-conflict");
    expect(textOf(notice)).toContain("Norton 360");
    expect(textOf(notice)).toContain("Poista se ennen");
    expect(screen.queryByTestId("already-protected")).toBeNull();
    expect(textOf(screen.getByTestId("download-button"))).toBe("Lataa asennusohjelma");
  });

  it("says an installed F-Secure client needs no reinstall, still offering the download", async () => {
    setup({ devices: ok(list([1])), protection_status: ok({ state: "installed", product: "F-Secure SAFE" }) });
    const notice = await screen.findByTestId("already-protected");
    expect(textOf(notice)).toContain("F-Secure SAFE");
    expect((screen.getByTestId("download-button") as HTMLButtonElement).disabled).toBe(false);
  });

  it("shows a refusal of the release as a localized error", async () => {
    setup({
      devices: ok(list([1, 2])),
      protection_status: ok({ state: "not_detected" }),
      release_device: fail("not_found"),
    });
    const user = userEvent.setup();
    await waitFor(() => expect(screen.getAllByTestId("device")).toHaveLength(2));
    await user.click(screen.getAllByTestId("release-device")[0]!);
    await user.click(screen.getByTestId("release-confirm"));
    expect(await screen.findByTestId("devices-error")).toBeTruthy();
  });
});
