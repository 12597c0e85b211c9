import { describe, expect, it, vi } from "vitest";
import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import App from "./App.svelte";
import { unmount } from "svelte";
import { boot } from "./lib/boot";
import { limits, startup } from "./lib/state.svelte";
import { clean, deferred, emitEvent, expectNoA11yViolations, fail, mockBackend, ok, textOf } from "./test/helpers";
import * as fx from "./test/fixtures";

describe("start-up", () => {
  it("paints the services from cache before the network answers", async () => {
    const network = deferred<unknown>();
    const restore = deferred<unknown>();
    const { calls } = mockBackend({
      session_info: ok(fx.remembered),
      cached_services: ok(fx.cached(fx.serviceList, 5, true)),
      restore_session: restore.handler,
      services: network.handler,
    });
    render(App);
    const row = await screen.findByTestId("service-row-11");
    expect(textOf(row)).toContain("F-Secure Turvapaketti 5 laitteelle");
    // The network has not answered yet: no banner, no sign-in.
    expect(screen.queryByTestId("signin-submit")).toBeNull();
    await waitFor(() => expect(calls.map((c) => c.cmd)).toContain("restore_session"));
    restore.resolve(fx.signedIn);
    await waitFor(() => expect(calls.map((c) => c.cmd)).toContain("services"));
    network.resolve(fx.cached({ ...fx.serviceList, monthly_total_cents: 3000 }, 0, false));
    await waitFor(() => expect(textOf(screen.getByTestId("services-total-amount"))).toBe("30,00 €"));
    expect(screen.queryByTestId("offline-banner")).toBeNull();
  });

  it("shares the start-up main.ts runs before mounting: one call each", async () => {
    const { calls } = mockBackend({
      session_info: ok(fx.remembered),
      cached_services: ok(fx.cached(fx.serviceList, 5, true)),
      restore_session: ok(fx.signedIn),
    });
    void startup();
    render(App);
    expect(await screen.findByTestId("service-row-11")).toBeTruthy();
    await waitFor(() => expect(calls.map((c) => c.cmd)).toContain("restore_session"));
    for (const cmd of ["app_info", "session_info", "cached_services"]) {
      expect(calls.filter((c) => c.cmd === cmd)).toHaveLength(1);
    }
  });

  it("boots into the start-up view in the user's language: no other render first", async () => {
    mockBackend({
      app_info: ok({ ...fx.appInfo, lang: "en" }),
      session_info: ok(fx.remembered),
      cached_services: ok(fx.cached(fx.serviceList, 5, true)),
      restore_session: deferred<unknown>().handler,
    });
    const target = document.body.appendChild(document.createElement("div"));
    const rendered: string[] = [];
    const watch = new MutationObserver((records) => {
      for (const r of records) for (const n of r.addedNodes) rendered.push(n.textContent ?? "");
    });
    watch.observe(target, { childList: true, subtree: true });
    const instance = await boot(target);
    try {
      expect(within(target).getByTestId("service-row-11")).toBeTruthy();
      await Promise.resolve();
      for (const r of watch.takeRecords()) for (const n of r.addedNodes) rendered.push(n.textContent ?? "");
      const all = rendered.join("\n");
      expect(all).toContain("Ordered services");
      expect(all).not.toContain("Tilatut palvelut"); // Finnish first, then English
      expect(all).not.toMatch(/Ladataan|Loading/); // a "Loading…" render first
    } finally {
      watch.disconnect();
      await unmount(instance);
      target.remove();
    }
  });

  it("renders the first view from the shell's start-up snapshot, without asking the backend", async () => {
    const { calls } = mockBackend({
      session_info: ok(fx.signedOut), // would show sign-in: the snapshot must win
      cached_services: ok(null),
      restore_session: ok(fx.signedIn),
    });
    sessionStorage.clear();
    const w = window as { __OMA_STARTUP__?: unknown };
    w.__OMA_STARTUP__ = {
      info: { ...fx.appInfo, demo: true },
      session: fx.remembered,
      cached: fx.cached(fx.serviceList, 5, true),
    };
    render(App);
    expect(await screen.findByTestId("service-row-11")).toBeTruthy();
    expect(screen.getByTestId("demo-badge")).toBeTruthy();
    const cmds = calls.map((c) => c.cmd);
    for (const cmd of ["app_info", "session_info", "cached_services"]) expect(cmds).not.toContain(cmd);
    // Used once: gone from the page, and marked so that a reload's copy is ignored.
    expect(w.__OMA_STARTUP__).toBeUndefined();
    expect(sessionStorage.getItem("oma-startup-used")).toBe("1");
    // The refresh after the first paint still happens.
    await waitFor(() => expect(calls.map((c) => c.cmd)).toContain("restore_session"));
  });

  it("treats a remembered account reported as email only (not signed in) as resumable", async () => {
    const accountOnly = { signed_in: false, email: "maija@example.fi", remembered: false };
    const { calls } = mockBackend({
      session_info: ok(accountOnly),
      cached_services: ok(fx.cached(fx.serviceList, 5, true)),
      restore_session: ok(fx.signedIn),
    });
    render(App);
    expect(await screen.findByTestId("service-row-11")).toBeTruthy();
    await waitFor(() => expect(calls.map((c) => c.cmd)).toContain("services"));
    expect(calls.map((c) => c.cmd).indexOf("restore_session")).toBeLessThan(calls.map((c) => c.cmd).indexOf("services"));
  });

  it("keeps the cached view when the restore can't reach the portal (answer without error)", async () => {
    const accountOnly = { signed_in: false, email: "maija@example.fi", remembered: false };
    const { calls } = mockBackend({
      session_info: ok(accountOnly),
      cached_services: ok(fx.cached(fx.serviceList, 5, true)),
      restore_session: ok(accountOnly),
    });
    render(App);
    expect(textOf(await screen.findByTestId("offline-banner"))).toBe("Tiedot 5 min takaa – yhteys palveluun puuttuu");
    expect(screen.getByTestId("service-row-11")).toBeTruthy();
    expect(calls.map((c) => c.cmd)).not.toContain("services");
    expect((screen.getByTestId("services-refresh") as HTMLButtonElement).disabled).toBe(false);
  });

  it("goes to sign-in when the remembered session is gone after restore", async () => {
    mockBackend({
      session_info: ok({ signed_in: false, email: "maija@example.fi", remembered: false }),
      cached_services: ok(fx.cached(fx.serviceList, 5, true)),
      restore_session: ok(fx.signedOut),
    });
    render(App);
    expect(textOf(await screen.findByTestId("signin-notice"))).toContain("Istuntosi on päättynyt");
    expect((screen.getByTestId("signin-email") as HTMLInputElement).value).toBe("maija@example.fi");
  });

  it("never spins forever: a refresh without an answer ends in a timeout message with a retry", async () => {
    limits.refreshTimeoutMs = 50;
    try {
      const never = deferred<unknown>();
      mockBackend({ session_info: ok(fx.signedIn), services: never.handler });
      render(App);
      const error = await screen.findByTestId("services-error");
      expect(textOf(error)).toContain("Palveluita ei voitu hakea.");
      expect((screen.getByTestId("services-refresh") as HTMLButtonElement).disabled).toBe(false);
    } finally {
      limits.refreshTimeoutMs = 60_000;
    }
  });

  it("shows sign-in when there is no remembered session", async () => {
    const { calls } = mockBackend({ session_info: ok(fx.signedOut) });
    render(App);
    expect(await screen.findByTestId("signin-submit")).toBeTruthy();
    expect(calls.map((c) => c.cmd)).not.toContain("services");
    expect(screen.queryByRole("navigation")).toBeNull();
  });

  it("shows the offline banner with the age of the cached data", async () => {
    mockBackend({
      session_info: ok(fx.remembered),
      cached_services: ok(fx.cached(fx.serviceList, 5, true)),
      restore_session: fail(fx.errorBody("offline")),
    });
    render(App);
    const banner = await screen.findByTestId("offline-banner");
    expect(textOf(banner)).toBe("Tiedot 5 min takaa – yhteys palveluun puuttuu");
    expect(screen.getByTestId("service-row-11")).toBeTruthy();
  });

  it("shows the offline banner when services fall back to the cache, and hides it when back online", async () => {
    let online = false;
    mockBackend({
      session_info: ok(fx.signedIn),
      services: () => fx.cached(fx.serviceList, online ? 0 : 125, !online),
    });
    render(App);
    const banner = await screen.findByTestId("offline-banner");
    expect(textOf(banner)).toBe("Tiedot 2 tunnin takaa – yhteys palveluun puuttuu");
    online = true;
    await emitEvent("connectivity", { online: true });
    await waitFor(() => expect(screen.queryByTestId("offline-banner")).toBeNull());
  });

  it("never spins forever: a refused restore goes back to sign-in with a message", async () => {
    mockBackend({
      session_info: ok(fx.remembered),
      cached_services: ok(fx.cached(fx.serviceList, 5, true)),
      restore_session: fail(fx.errorBody("invalid_grant")),
    });
    render(App);
    const notice = await screen.findByTestId("signin-notice");
    expect(textOf(notice)).toBe("Istuntosi on päättynyt. Kirjaudu uudelleen sisään.");
  });
});

describe("app shell", () => {
  async function signedInApp(handlers: Parameters<typeof mockBackend>[0] = {}) {
    const mock = mockBackend({ session_info: ok(fx.signedIn), ...handlers });
    render(App);
    await screen.findByTestId("service-row-11");
    return mock;
  }

  it("goes back to sign-in on session-expired", async () => {
    await signedInApp();
    await emitEvent("session-expired", null);
    expect(textOf(await screen.findByTestId("signin-notice"))).toContain("Istuntosi on päättynyt");
    expect(screen.queryByTestId("service-row-11")).toBeNull();
  });

  it("navigates with the keyboard-operable menu", async () => {
    await signedInApp();
    const user = userEvent.setup();
    const nav = screen.getByRole("navigation", { name: "Päävalikko" });
    expect(within(nav).getAllByRole("button").map((b) => textOf(b))).toEqual([
      "Tilatut palvelut",
      "Tilaa",
      "Laskutus",
      "Käyttäjätiedot",
      "Asiakaspalaute",
      "Asiakaspalvelu",
      "Asetukset",
    ]);
    screen.getByTestId("nav-contact").focus();
    await user.keyboard("{Enter}");
    expect(await screen.findByTestId("contact-phone")).toBeTruthy();
    expect(screen.getByTestId("nav-contact").getAttribute("aria-current")).toBe("page");
    await expectNoA11yViolations();
  });

  it("switches the language without reload and persists it", async () => {
    const { calls } = await signedInApp();
    const user = userEvent.setup();
    await user.click(screen.getByTestId("nav-settings"));
    await user.selectOptions(await screen.findByTestId("language-select"), "en");
    expect(textOf(screen.getByTestId("nav-services"))).toBe("Ordered services");
    expect(textOf(screen.getByRole("heading", { level: 1 }))).toBe("Settings");
    expect(calls).toContainEqual({ cmd: "set_language", args: { lang: "en" } });
    await user.click(screen.getByTestId("nav-services"));
    expect(textOf(screen.getByTestId("services-total-amount"))).toBe("€24.80");
    expect(textOf(within(screen.getByTestId("service-row-12")).getByTestId("service-end"))).toBe("24/11/2026");
    expect(document.documentElement.lang).toBe("en");
    await expectNoA11yViolations();
  });

  it("switches to Swedish with Finland's dates and money, and persists it", async () => {
    const { calls } = await signedInApp();
    const user = userEvent.setup();
    await user.click(screen.getByTestId("nav-settings"));
    const select = await screen.findByTestId("language-select");
    expect([...select.querySelectorAll("option")].map((o) => [o.value, o.textContent, o.lang])).toEqual([
      ["fi", "Suomi", "fi"],
      ["en", "English", "en"],
      ["sv", "Svenska", "sv"],
    ]);
    await user.selectOptions(select, "sv");
    expect(textOf(screen.getByTestId("nav-services"))).toBe("Beställda tjänster");
    expect(textOf(screen.getByRole("heading", { level: 1 }))).toBe("Inställningar");
    expect(calls).toContainEqual({ cmd: "set_language", args: { lang: "sv" } });
    await user.click(screen.getByTestId("nav-services"));
    expect(textOf(screen.getByTestId("services-total-amount"))).toBe("24,80 €");
    expect(textOf(within(screen.getByTestId("service-row-12")).getByTestId("service-end"))).toBe("24.11.2026");
    expect(document.documentElement.lang).toBe("sv");
    await expectNoA11yViolations();
  });

  it("signs out", async () => {
    const { calls } = await signedInApp();
    const user = userEvent.setup();
    await user.click(screen.getByTestId("nav-settings"));
    await user.click(screen.getByTestId("sign-out"));
    expect(textOf(await screen.findByTestId("signin-notice"))).toBe("Olet kirjautunut ulos.");
    expect(calls.filter((c) => c.cmd === "sign_out").map((c) => c.args)).toEqual([{ queuedFeedback: null }]);
  });

  it("announces delivered feedback from the outbox", async () => {
    await signedInApp();
    await emitEvent("outbox-delivered", { delivered: 2, remaining: 1, attention: 0 });
    const notice = await screen.findByTestId("outbox-delivered");
    expect(clean(notice.textContent)).toContain("Jonossa olleet 2 palautetta on nyt lähetetty.");
    expect(clean(notice.textContent)).toContain("Yksi palaute odottaa vielä lähetystä.");
  });

  it("counts the feedback that needs attention in the menu", async () => {
    const { calls } = await signedInApp({ outbox_count: ok({ queued: 1, attention: 2 }) });
    expect(calls.map((c) => c.cmd)).toContain("outbox_count");
    expect(textOf(await screen.findByTestId("nav-feedback-attention"))).toBe("2");
    expect(screen.getByRole("button", { name: (name) => clean(name) === "Asiakaspalaute 2 palautetta vaatii huomiotasi" })).toBe(
      screen.getByTestId("nav-feedback"),
    );
    await expectNoA11yViolations();
    // The portal refused nothing more, nothing was delivered: no "sent" notice.
    await emitEvent("outbox-delivered", { delivered: 0, remaining: 1, attention: 0 });
    await waitFor(() => expect(screen.queryByTestId("nav-feedback-attention")).toBeNull());
    expect(screen.queryByTestId("outbox-delivered")).toBeNull();
    await emitEvent("outbox-delivered", { delivered: 0, remaining: 0, attention: 1 });
    expect(textOf(await screen.findByTestId("nav-feedback-attention"))).toBe("1");
  });
  it("shows a calm error instead of a blank window when a view fails to render", async () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    mockBackend({
      session_info: ok(fx.signedIn),
      services: () => fx.cached({ ...fx.serviceList, services: [{ id: 1 }] }, 0, false),
    });
    render(App);
    expect(textOf(await screen.findByTestId("view-error"))).toContain("Tapahtui odottamaton virhe.");
    await userEvent.setup().click(screen.getByTestId("nav-contact"));
    expect(await screen.findByTestId("contact-phone")).toBeTruthy();
    expect(screen.queryByTestId("view-error")).toBeNull();
    spy.mockRestore();
  });

  it("shows the demo badge in demo mode", async () => {
    mockBackend({ app_info: ok({ ...fx.appInfo, demo: true }) });
    render(App);
    expect(textOf(await screen.findByTestId("demo-badge"))).toBe("Demotila");
  });
});

describe("signing out with feedback not yet sent", () => {
  async function signOutAsked() {
    const mock = mockBackend({
      session_info: ok(fx.signedIn),
      outbox_count: ok({ queued: 1, attention: 1 }),
      sign_out: (args) => {
        if (args.queuedFeedback === null) throw fx.errorBody("feedback_pending");
        return null;
      },
    });
    render(App);
    await screen.findByTestId("service-row-11");
    const user = userEvent.setup();
    await user.click(screen.getByTestId("nav-settings"));
    await user.click(await screen.findByTestId("sign-out"));
    const panel = await screen.findByTestId("sign-out-pending");
    return { ...mock, user, panel };
  }

  it("asks what to do with it, and signs out only after a choice", async () => {
    const { calls, panel } = await signOutAsked();
    expect(textOf(panel)).toContain("2 kirjoittamaasi palautetta ei ole vielä lähtenyt.");
    expect(textOf(panel)).toContain("Uloskirjautuminen poistaa tilisi tiedot tältä tietokoneelta.");
    expect(document.activeElement).toBe(within(panel).getByRole("heading"));
    expect(screen.getByRole("navigation")).toBeTruthy();
    expect(screen.queryByTestId("signin-notice")).toBeNull();
    expect(calls.filter((c) => c.cmd === "sign_out")).toHaveLength(1);
    await expectNoA11yViolations();
  });

  it("keeps it to be sent later with this account", async () => {
    const { calls, user } = await signOutAsked();
    await user.click(screen.getByTestId("sign-out-keep"));
    expect(textOf(await screen.findByTestId("signin-notice"))).toBe("Olet kirjautunut ulos.");
    expect(calls.filter((c) => c.cmd === "sign_out").map((c) => c.args)).toEqual([
      { queuedFeedback: null },
      { queuedFeedback: "keep" },
    ]);
  });

  it("discards it", async () => {
    const { calls, user } = await signOutAsked();
    await user.click(screen.getByTestId("sign-out-discard"));
    expect(textOf(await screen.findByTestId("signin-notice"))).toBe("Olet kirjautunut ulos.");
    expect(calls.filter((c) => c.cmd === "sign_out").at(-1)?.args).toEqual({ queuedFeedback: "discard" });
  });

  it("stays signed in when cancelled", async () => {
    const { calls, user } = await signOutAsked();
    await user.click(screen.getByTestId("sign-out-cancel"));
    expect(screen.queryByTestId("sign-out-pending")).toBeNull();
    expect(document.activeElement).toBe(screen.getByTestId("sign-out"));
    expect(screen.getByRole("navigation")).toBeTruthy();
    expect(calls.filter((c) => c.cmd === "sign_out")).toHaveLength(1);
  });

  it("signs out locally when the shell fails otherwise", async () => {
    const { calls } = mockBackend({ session_info: ok(fx.signedIn), sign_out: fail(fx.errorBody("keychain_unavailable")) });
    render(App);
    await screen.findByTestId("service-row-11");
    const user = userEvent.setup();
    await user.click(screen.getByTestId("nav-settings"));
    await user.click(await screen.findByTestId("sign-out"));
    expect(textOf(await screen.findByTestId("signin-notice"))).toBe("Olet kirjautunut ulos.");
    expect(calls.filter((c) => c.cmd === "sign_out")).toHaveLength(1);
  });
});
