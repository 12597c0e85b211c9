import { describe, expect, it } from "vitest";
import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import Order from "./Order.svelte";
import Billing from "./Billing.svelte";
import Details from "./Details.svelte";
import Password from "./Password.svelte";
import { app } from "../lib/state.svelte";
import { clean, expectNoA11yViolations, fail, mockBackend, ok, textOf } from "../test/helpers";
import * as fx from "../test/fixtures";

function signedIn() {
  app.session = fx.signedIn;
  app.services = fx.cached(fx.serviceList, 0, false);
}

describe("Tilaa", () => {
  it("lists the catalogue by product group, shows owned and update, and orders with a confirmation", async () => {
    const { calls } = mockBackend({
      catalogue: ok(fx.cached(fx.catalogue, 0, false)),
      place_order: ok({
        order_id: 7,
        service: { ...fx.turvapaketti, id: 20, product_id: "turvapaketti-10", name: fx.catalogue.products[1]!.name },
        monthly_total_cents: 2980,
        charged_from: "2026-12-01",
        created_at: "2026-11-14T10:00:00Z",
      }),
    });
    signedIn();
    render(Order);
    await screen.findByTestId("product-turvapaketti-10");
    expect(screen.getAllByRole("heading", { level: 2 }).map((h) => textOf(h))).toEqual(["TV-kanavat", "Tietoturvapalvelut"]);
    expect(within(screen.getByTestId("product-turvapaketti-5")).getByTestId("product-owned")).toBeTruthy();
    // No valid pay-TV card: the pay package can't be ordered.
    expect(within(screen.getByTestId("product-tv-mix-3")).getByTestId("product-needs-card")).toBeTruthy();

    const user = userEvent.setup();
    await user.click(screen.getByTestId("order-turvapaketti-10"));
    const panel = screen.getByTestId("order-confirm-panel");
    expect(textOf(panel)).toContain("Palvelu veloitetaan automaattisesti kuukausilaskutuksen yhteydessä");
    expect(textOf(panel)).toMatch(/yhteydessä \d{1,2}\.\d{1,2}\.\d{4} alkaen\./);
    expect(textOf(panel)).toContain("Kuukausilaskutus yhteensä tämän jälkeen: 29,80 €");
    await expectNoA11yViolations();
    await user.click(screen.getByTestId("order-confirm"));
    expect(textOf(await screen.findByTestId("order-done"))).toContain("Palvelu veloitetaan 1.12.2026 alkaen.");
    const order = calls.find((c) => c.cmd === "place_order")!;
    expect(order.args.request).toEqual({ product_id: "turvapaketti-10", replaces_service_id: 11, mix_channels: null });
    expect(typeof order.args.idempotencyKey).toBe("string");
  });

  it("explains why ordering is blocked", async () => {
    mockBackend({
      catalogue: ok(fx.cached(fx.catalogue, 0, false)),
      customer: ok(fx.cached({ ...fx.customer, order_blockers: ["no_billing_agreement"], billing_agreement_valid: false }, 0, false)),
    });
    signedIn();
    render(Order);
    const blocked = await screen.findByTestId("order-blocked");
    expect(textOf(blocked)).toContain("Sinulla ei ole voimassaolevaa laskutussopimusta.");
    expect((screen.getByTestId("order-turvapaketti-10") as HTMLButtonElement).disabled).toBe(true);
  });

  it("needs exactly the package's number of MIX channels", async () => {
    const { calls } = mockBackend({
      catalogue: ok(fx.cached(fx.catalogue, 0, false)),
      customer: ok(fx.cached({ ...fx.customer, pay_tv_card: { number: "1234", valid_until: "2027-12-31", valid: true } }, 0, false)),
      place_order: fail(fx.errorBody("unavailable")),
    });
    signedIn();
    render(Order);
    const user = userEvent.setup();
    await user.click(await screen.findByTestId("order-tv-mix-3"));
    await user.click(screen.getByTestId("order-tv-mix-3-ch-yle"));
    await user.click(screen.getByTestId("order-confirm"));
    expect(textOf(screen.getByTestId("order-tv-mix-3-mix-count"))).toContain("Valitse täsmälleen 3 kanavaa.");
    expect(calls.map((c) => c.cmd)).not.toContain("place_order");
    await user.click(screen.getByTestId("order-tv-mix-3-ch-mtv"));
    await user.click(screen.getByTestId("order-tv-mix-3-ch-sub"));
    await user.click(screen.getByTestId("order-confirm"));
    expect(await screen.findByTestId("order-failed")).toBeTruthy();
    await user.click(screen.getByTestId("order-confirm"));
    const orders = calls.filter((c) => c.cmd === "place_order");
    expect(orders).toHaveLength(2);
    expect((orders[0]!.args.request as { mix_channels: string[] }).mix_channels).toEqual(["yle", "mtv", "sub"]);
    // A retry of the same order reuses its idempotency key.
    expect(orders[0]!.args.idempotencyKey).toBe(orders[1]!.args.idempotencyKey);
  });
});

describe("Laskutus", () => {
  it("shows the groups, the total and the next invoice date", async () => {
    mockBackend({ billing: ok(fx.billing) });
    render(Billing);
    expect(textOf(await screen.findByTestId("billing-total"))).toBe("24,80 €");
    expect(textOf(screen.getByTestId("billing-next"))).toBe("Seuraava lasku: 1.12.2026");
    await waitFor(() => expect(textOf(screen.getByTestId("billing-questions"))).toContain("03 450 51"));
    await expectNoA11yViolations();
  });

  it("counts a failed contact request (offline) instead of dropping it", async () => {
    signedIn();
    mockBackend({ billing: ok(fx.billing), contact: fail(fx.errorBody("offline")) });
    render(Billing);
    expect(textOf(await screen.findByTestId("billing-total"))).toBe("24,80 €");
    await waitFor(() => expect(app.online).toBe(false));
    expect(textOf(screen.getByTestId("billing-questions"))).not.toContain("03 450 51");
  });
});

describe("Käyttäjätiedot", () => {
  it("shows the details and edits the email", async () => {
    const { calls } = mockBackend({ change_email: ok({ ...fx.customer, email: "uusi@example.fi" }) });
    signedIn();
    render(Details);
    expect(textOf(await screen.findByTestId("details-email"))).toBe("maija@example.fi");
    expect(clean(document.body.textContent)).toContain("ole yhteydessä asiakaspalveluun");
    const user = userEvent.setup();
    await user.click(screen.getByTestId("details-edit"));
    const input = screen.getByTestId("details-new-email");
    await user.clear(input);
    await user.type(input, "uusi@example.fi");
    await expectNoA11yViolations();
    await user.click(screen.getByTestId("details-save"));
    expect(await screen.findByTestId("details-saved")).toBeTruthy();
    expect(textOf(screen.getByTestId("details-email"))).toBe("uusi@example.fi");
    expect(calls).toContainEqual({ cmd: "change_email", args: { email: "uusi@example.fi" } });
  });
});

describe("Salasanan vaihto", () => {
  async function fill(current: string, next: string, repeat: string) {
    const user = userEvent.setup();
    await user.type(screen.getByTestId("password-current"), current);
    await user.type(screen.getByTestId("password-new"), next);
    await user.type(screen.getByTestId("password-repeat"), repeat);
    await user.click(screen.getByTestId("password-submit"));
  }

  it("changes the password", async () => {
    const { calls } = mockBackend({ change_password: ok(null) });
    render(Password);
    await expectNoA11yViolations();
    await fill("vanha-salasana", "Uusi-Salasana-2026", "Uusi-Salasana-2026");
    expect(await screen.findByTestId("password-done")).toBeTruthy();
    expect(calls).toContainEqual({
      cmd: "change_password",
      args: { currentPassword: "vanha-salasana", newPassword: "Uusi-Salasana-2026" },
    });
  });

  it("checks the repeat locally and shows server errors at the field", async () => {
    const { calls } = mockBackend({ change_password: fail(fx.errorBody("wrong_current_password")) });
    render(Password);
    await fill("a", "Uusi-Salasana-2026", "eri");
    expect(textOf(screen.getByTestId("password-new-error"))).toBe("Uudet salasanat eivät ole samat.");
    expect(calls.map((c) => c.cmd)).not.toContain("change_password");
    await userEvent.setup().type(screen.getByTestId("password-repeat"), "{Control>}a{/Control}Uusi-Salasana-2026");
    await userEvent.setup().click(screen.getByTestId("password-submit"));
    expect(textOf(await screen.findByTestId("password-current-error"))).toBe("Nykyinen salasana on väärin.");
  });
});
