import { describe, expect, it } from "vitest";
import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import CustomerService from "./CustomerService.svelte";
import { expectNoA11yViolations, fail, mockBackend, ok, textOf } from "../test/helpers";
import * as fx from "../test/fixtures";

describe("customer service", () => {
  it("shows the phone as a tel: link, the portal link and the routes", async () => {
    mockBackend();
    render(CustomerService);
    const phone = await screen.findByTestId("contact-phone");
    expect(phone.getAttribute("href")).toBe("tel:+358345051");
    expect(textOf(phone)).toBe("Soita 03 450 51");
    const portal = screen.getByTestId("contact-portal");
    expect(portal.getAttribute("href")).toBe("https://oma.ipp.fi/");
    expect(textOf(screen.getByTestId("contact-hours"))).toBe("ma–pe 8–18");
    const routes = textOf(screen.getByTestId("contact-routes"));
    expect(routes).toContain("Laskuun liittyvät asiat: soita asiakaspalveluun");
    expect(routes).toContain("Palvelun irtisanominen: käytä palautelomaketta");
    await expectNoA11yViolations();
  });

  it("shows an error with a retry when contact fails", async () => {
    mockBackend({ contact: fail(fx.errorBody("offline")) });
    render(CustomerService);
    expect(textOf(await screen.findByTestId("contact-error"))).toContain("Yhteystietoja ei voitu hakea.");
  });

  it("opens the phone and portal links through the shell", async () => {
    const { calls } = mockBackend({ open_link: ok(null) });
    render(CustomerService);
    const user = userEvent.setup();
    await user.click(await screen.findByTestId("contact-phone"));
    await user.click(screen.getByTestId("contact-portal"));
    expect(calls.filter((c) => c.cmd === "open_link").map((c) => c.args)).toEqual([
      { url: "tel:+358345051" },
      { url: "https://oma.ipp.fi/" },
    ]);
  });

  it("says so when a link can't be opened", async () => {
    mockBackend({ open_link: fail(fx.errorBody("validation_failed")) });
    render(CustomerService);
    await userEvent.setup().click(await screen.findByTestId("contact-phone"));
    expect(await screen.findByTestId("contact-link-error")).toBeTruthy();
  });
});
