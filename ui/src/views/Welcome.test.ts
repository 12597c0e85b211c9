import { describe, expect, it } from "vitest";
import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import App from "../App.svelte";
import { app, navigate } from "../lib/state.svelte";
import { clean, deferred, expectNoA11yViolations, fail, mockBackend, ok, textOf } from "../test/helpers";
import * as fx from "../test/fixtures";

describe("first run: the welcome view", () => {
  it("offers the operator's portal and the demo, and the operator's choice leads to sign-in", async () => {
    const { calls } = mockBackend({
      app_info: ok(fx.firstRunInfo),
      choose_portal: ok(fx.appInfo),
    });
    const { container } = render(App);
    expect(textOf(await screen.findByRole("heading", { level: 1 }))).toBe("Tervetuloa Omahallintaan");
    expect(textOf(screen.getByTestId("welcome-operator"))).toBe("Kirjaudu Omahallintaan");
    expect(textOf(screen.getByTestId("welcome-demo"))).toBe("Kokeile demoa");
    expect(clean(textOf(screen.getByTestId("welcome")))).toContain("Asiakkaille: IPP");
    // No navigation before a choice, and nothing asked of a portal.
    expect(screen.queryByRole("navigation")).toBeNull();
    await expectNoA11yViolations(container);
    await userEvent.click(screen.getByTestId("welcome-operator"));
    expect(await screen.findByTestId("signin-submit")).toBeTruthy();
    expect(calls.find((c) => c.cmd === "choose_portal")?.args).toEqual({ choice: "operator" });
    expect(screen.queryByTestId("demo-badge")).toBeNull();
  });

  it("the demo choice starts the demo, clearly marked", async () => {
    const { calls } = mockBackend({
      app_info: ok(fx.firstRunInfo),
      choose_portal: ok({
        ...fx.appInfo,
        demo: true,
        demo_accounts: [{ email: "perhe@example.fi", password: "Demo-Salasana-1", description_key: "demo-account-family" }],
      }),
    });
    render(App);
    await userEvent.click(await screen.findByTestId("welcome-demo"));
    expect(await screen.findByTestId("demo-badge")).toBeTruthy();
    expect(await screen.findByTestId("signin-demo")).toBeTruthy();
    expect(calls.find((c) => c.cmd === "choose_portal")?.args).toEqual({ choice: "demo" });
  });

  it("an unreachable portal is said plainly, with customer service's phone and the demo offered", async () => {
    const choose = deferred<unknown>();
    const pending = choose.handler as (args: Record<string, unknown>) => unknown;
    const { calls } = mockBackend({
      app_info: ok(fx.firstRunInfo),
      open_link: ok(null),
      choose_portal: (args) => (args.choice === "operator" ? pending(args) : fx.appInfo),
    });
    const { container } = render(App);
    await userEvent.click(await screen.findByTestId("welcome-operator"));
    expect(textOf(screen.getByTestId("welcome-operator"))).toBe("Yhdistetään…");
    choose.reject({ code: "offline", message: "connection refused" });
    const notice = await screen.findByTestId("welcome-unreachable");
    expect(clean(textOf(notice))).toContain("Omahallintaan ei saada yhteyttä");
    expect(clean(textOf(screen.getByTestId("welcome-phone")))).toContain("03 450 51");
    expect(textOf(screen.getByTestId("welcome-operator"))).toBe("Yritä uudelleen");
    expect(app.view.name).toBe("welcome");
    await expectNoA11yViolations(container);
    // The phone number opens through the shell (tel: from the operator profile).
    await userEvent.click(screen.getByRole("link", { name: "03 450 51" }));
    expect(calls.find((c) => c.cmd === "open_link")?.args).toEqual({ url: "tel:+358345051" });
    await userEvent.click(screen.getByTestId("welcome-demo"));
    expect(await screen.findByTestId("signin-submit")).toBeTruthy();
  });

  it("any other failure shows its own message and keeps the choice open", async () => {
    mockBackend({ app_info: ok(fx.firstRunInfo), choose_portal: fail({ code: "io", message: "disk" }) });
    render(App);
    await userEvent.click(await screen.findByTestId("welcome-demo"));
    expect((await screen.findByTestId("welcome-error")).dataset.code).toBe("io");
    expect(screen.queryByTestId("welcome-unreachable")).toBeNull();
  });
});

describe("Settings: the portal in use", () => {
  async function openSettings(): Promise<HTMLElement> {
    render(App);
    await screen.findByTestId("service-row-11");
    navigate({ name: "settings" });
    return screen.findByTestId("settings-portal");
  }

  it("shows the operator, address and key fingerprints, and switches to the demo", async () => {
    const { calls } = mockBackend({
      session_info: ok(fx.signedIn),
      cached_services: ok(fx.cached(fx.serviceList, 5, true)),
      choose_portal: ok({ ...fx.appInfo, demo: true }),
    });
    const card = await openSettings();
    await waitFor(() => expect(clean(textOf(card))).toContain("IPP – Omahallinta"));
    expect(textOf(screen.getByTestId("settings-portal-url"))).toBe("https://oma.ipp.fi/");
    expect(clean(textOf(screen.getByTestId("settings-portal-keys")))).toBe("4f1c2a9b8d7e6f50 0a1b2c3d4e5f6071");
    await expectNoA11yViolations(card);
    await userEvent.click(screen.getByTestId("settings-switch-demo"));
    expect(calls.find((c) => c.cmd === "choose_portal")?.args).toEqual({ choice: "demo" });
    expect(await screen.findByTestId("demo-badge")).toBeTruthy();
  });

  it("the demo offers the way back; an unreachable operator's portal changes nothing and gives the phone", async () => {
    mockBackend({
      app_info: ok({ ...fx.appInfo, demo: true }),
      portal_info: ok(fx.demoPortal),
      session_info: ok(fx.signedIn),
      cached_services: ok(fx.cached(fx.serviceList, 5, true)),
      choose_portal: fail({ code: "timeout", message: "no answer" }),
    });
    const card = await openSettings();
    await waitFor(() => expect(clean(textOf(card))).toContain("Demo (esimerkkitiedot)"));
    await userEvent.click(screen.getByTestId("settings-switch-operator"));
    const err = await screen.findByTestId("settings-switch-error");
    expect(clean(textOf(err))).toContain("03 450 51");
    expect(app.view.name).toBe("settings");
  });

  it("a portal chosen at launch can't be switched here", async () => {
    mockBackend({
      portal_info: ok({ ...fx.operatorPortal, switchable: false }),
      session_info: ok(fx.signedIn),
      cached_services: ok(fx.cached(fx.serviceList, 5, true)),
    });
    const card = await openSettings();
    await waitFor(() => expect(clean(textOf(card))).toContain("ei voi vaihtaa"));
    expect(screen.queryByTestId("settings-switch-demo")).toBeNull();
  });
});
