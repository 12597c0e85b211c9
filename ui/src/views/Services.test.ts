import { describe, expect, it } from "vitest";
import { render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import Services from "./Services.svelte";
import { app } from "../lib/state.svelte";
import { expectNoA11yViolations, mockBackend, ok, textOf } from "../test/helpers";
import * as fx from "../test/fixtures";

function show() {
  mockBackend();
  app.session = fx.signedIn;
  app.services = fx.cached(fx.serviceList, 0, false);
  app.view = { name: "services" };
  render(Services);
}

describe("ordered services", () => {
  it("shows dates, validity, prices, statuses and the total in Finnish", async () => {
    show();
    await screen.findByTestId("service-row-13"); // the cards below the window come a frame later
    const security = within(screen.getByTestId("service-row-11"));
    expect(textOf(security.getByRole("heading"))).toBe("F-Secure Turvapaketti 5 laitteelle");
    expect(textOf(security.getByTestId("service-group"))).toBe("Tietoturvapalvelut");
    expect(textOf(security.getByTestId("service-start"))).toBe("23.5.2025");
    expect(textOf(security.getByTestId("service-end"))).toBe("toistaiseksi");
    expect(textOf(security.getByTestId("service-validity"))).toBe("toistaiseksi");
    expect(textOf(security.getByTestId("service-price"))).toBe("9,90 € / kk");
    expect(textOf(security.getByTestId("status-badge"))).toBe("voimassa");

    const mix = within(screen.getByTestId("service-row-12"));
    expect(textOf(mix.getByTestId("service-end"))).toBe("24.11.2026");
    expect(textOf(mix.getByTestId("service-validity"))).toBe("määräaika");
    expect(textOf(mix.getByTestId("status-badge"))).toBe("päättymässä · 10 päivää jäljellä");
    expect(textOf(mix.getByTestId("service-price"))).toBe("14,90 € / kk");

    const ended = within(screen.getByTestId("service-row-13"));
    expect(textOf(ended.getByTestId("status-badge"))).toBe("päättynyt");
    // An ended service is not billed: no price shown.
    expect(ended.queryByTestId("service-price")).toBeNull();
    expect(textOf(screen.getByTestId("services-total-amount"))).toBe("24,80 €");
    expect(textOf(screen.getByTestId("billing-note"))).toContain("kuukausilaskutuksen yhteydessä");
    expect(textOf(screen.getByTestId("ending-reminder"))).toBe("MIX-paketti 5 kanavaa päättyy 10 päivän kuluttua.");
    await expectNoA11yViolations();
  });

  it("lists ended services last", async () => {
    mockBackend();
    app.services = fx.cached({ ...fx.serviceList, services: [fx.endedChannel, fx.turvapaketti, fx.mixPackage] }, 0, false);
    render(Services);
    await screen.findByTestId("service-row-13");
    const rows = screen.getAllByTestId(/^service-row-/).map((r) => r.dataset.serviceId);
    expect(rows).toEqual(["11", "12", "13"]);
  });

  it("renders the cards the window can show first, the others once that frame is painted", async () => {
    const height = window.innerHeight;
    window.innerHeight = 560; // room for one card below the header, title and notices
    try {
      show();
      expect(screen.getAllByTestId(/^service-row-/).map((r) => r.dataset.serviceId)).toEqual(["11"]);
      expect(await screen.findByTestId("service-row-13")).toBeTruthy();
      expect(screen.getAllByTestId(/^service-row-/)).toHaveLength(3);
    } finally {
      window.innerHeight = height;
    }
  });

  it("shows the upcoming status", () => {
    mockBackend();
    app.services = fx.cached(
      { ...fx.serviceList, services: [{ ...fx.mixPackage, status: "upcoming", start_date: "2026-12-01" }] },
      0,
      false,
    );
    render(Services);
    expect(textOf(screen.getByTestId("status-badge"))).toBe("alkamassa");
  });

  it("opens the activation of a security service", async () => {
    show();
    await userEvent.setup().click(screen.getByTestId("service-activate-11"));
    expect(app.view).toEqual({ name: "activation", serviceId: 11 });
    expect(screen.queryByTestId("service-activate-12")).toBeNull();
  });

  it("explains how to cancel and opens feedback for termination of that service", async () => {
    show();
    const user = userEvent.setup();
    const row = within(screen.getByTestId("service-row-12"));
    // A closed disclosure's body is not rendered (a cheaper first frame).
    expect(row.queryByTestId("service-cancel-write-12")).toBeNull();
    await user.click(row.getByText("Miten irtisanon?"));
    expect(textOf(row.getByTestId("service-cancel-12"))).toContain("Irtisanomisilmoitus tehdään aina kirjallisesti");
    await user.click(row.getByTestId("service-cancel-write-12"));
    expect(app.view).toEqual({ name: "feedback", topic: "termination", serviceId: 12 });
    // Ended services have nothing to cancel.
    expect(screen.queryByTestId("service-cancel-13")).toBeNull();
  });

  it("refreshes on Päivitä", async () => {
    const { calls } = mockBackend();
    app.session = fx.signedIn;
    app.services = fx.cached(fx.serviceList, 3, true);
    render(Services);
    await userEvent.setup().click(screen.getByTestId("services-refresh"));
    expect(calls.map((c) => c.cmd)).toContain("services");
  });
});

describe("MIX package content", () => {
  it("edits the channels of a MIX package with exactly its count", async () => {
    const { calls } = mockBackend({
      edit_mix: ok(fx.mixPackage),
      services: () => fx.cached(list, 0, false), // the refresh after saving
    });
    app.session = fx.signedIn;
    const mix = {
      channel_count: 2,
      allowed_channels: [
        { id: "yle", name: "Yle TV1" },
        { id: "mtv", name: "MTV3" },
        { id: "sub", name: "Sub" },
      ],
      selected: ["yle", "mtv"],
    };
    const list = { ...fx.serviceList, services: [{ ...fx.mixPackage, mix }] };
    app.services = fx.cached(list, 0, false);
    render(Services);
    const user = userEvent.setup();
    expect(screen.queryByTestId("mix-12-ch-yle")).toBeNull();
    await user.click(screen.getByText("Muokkaa MIX-paketin sisältöä"));
    expect((screen.getByTestId("mix-12-ch-yle") as HTMLInputElement).checked).toBe(true);
    await user.click(screen.getByTestId("mix-12-ch-sub"));
    await user.click(screen.getByTestId("mix-save-12"));
    expect(textOf(screen.getByTestId("mix-12-mix-count"))).toContain("Valitse täsmälleen 2 kanavaa.");
    // The error is read with the group of checkboxes.
    const group = screen.getByTestId("mix-12-mix");
    expect(document.getElementById(group.getAttribute("aria-describedby") ?? "")).toBe(
      screen.getByTestId("mix-12-mix-count"),
    );
    await user.click(screen.getByTestId("mix-12-ch-yle"));
    await user.click(screen.getByTestId("mix-save-12"));
    expect(calls).toContainEqual({ cmd: "edit_mix", args: { serviceId: 12, channels: ["mtv", "sub"] } });
    expect(await screen.findByTestId("mix-saved-12")).toBeTruthy();
    await expectNoA11yViolations();
  });
});
