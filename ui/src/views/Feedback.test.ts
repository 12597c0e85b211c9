import { describe, expect, it } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import Feedback from "./Feedback.svelte";
import { app } from "../lib/state.svelte";
import { t } from "../lib/i18n.svelte";
import { clean, emitEvent, expectNoA11yViolations, fail, mockBackend, ok, textOf } from "../test/helpers";
import * as fx from "../test/fixtures";

function setup(handlers: Parameters<typeof mockBackend>[0] = {}, props: Record<string, unknown> = {}) {
  const mock = mockBackend(handlers);
  app.session = fx.signedIn;
  app.services = fx.cached(fx.serviceList, 0, false);
  render(Feedback, props);
  return mock;
}

describe("customer feedback", () => {
  it("offers every topic, prefills contact details and has no a11y violations", async () => {
    setup();
    const topics = [...(screen.getByTestId("feedback-topic") as HTMLSelectElement).options].map((o) => o.value);
    expect(topics).toEqual(["general", "termination", "ordering", "technical", "billing", "details"]);
    await waitFor(() => expect((screen.getByTestId("feedback-email") as HTMLInputElement).value).toBe("maija@example.fi"));
    expect((screen.getByTestId("feedback-phone") as HTMLInputElement).value).toBe("040 123 4567");
    expect(screen.getByLabelText("Viesti")).toBe(screen.getByTestId("feedback-message"));
    await expectNoA11yViolations();
  });

  it("counts the remaining characters live and refuses an over-long message", async () => {
    const { calls } = setup();
    const user = userEvent.setup();
    const message = screen.getByTestId("feedback-message");
    expect(textOf(screen.getByTestId("feedback-counter"))).toBe("2 000 merkkiä jäljellä");
    await user.type(message, "Hei!");
    expect(textOf(screen.getByTestId("feedback-counter"))).toBe("1 996 merkkiä jäljellä");
    await fireEvent.input(message, { target: { value: "x".repeat(1999) } });
    expect(textOf(screen.getByTestId("feedback-counter"))).toBe("1 merkki jäljellä");
    await fireEvent.input(message, { target: { value: "ä".repeat(2003) } });
    expect(textOf(screen.getByTestId("feedback-counter"))).toBe("Viesti on 3 merkkiä liian pitkä.");
    await user.click(screen.getByTestId("feedback-submit"));
    expect(textOf(screen.getByTestId("feedback-message-error"))).toBe("Viesti on 3 merkkiä liian pitkä.");
    expect(message.getAttribute("aria-invalid")).toBe("true");
    expect(calls.map((c) => c.cmd)).not.toContain("send_feedback");
  });

  it("reports Lähetetty when sent", async () => {
    const { calls } = setup({
      send_feedback: ok({ status: "sent", receipt: { id: 42, topic: "general", received_at: "2026-11-14T10:00:00Z" } }),
    });
    const user = userEvent.setup();
    await waitFor(() => expect((screen.getByTestId("feedback-email") as HTMLInputElement).value).not.toBe(""));
    await user.type(screen.getByTestId("feedback-message"), "Kiitos hyvästä palvelusta.");
    await user.click(screen.getByTestId("feedback-submit"));
    const result = await screen.findByTestId("feedback-result");
    expect(result.dataset.status).toBe("sent");
    expect(textOf(result)).toContain("Lähetetty.");
    expect(textOf(result)).toContain("42");
    expect(calls.find((c) => c.cmd === "send_feedback")?.args).toEqual({
      request: {
        topic: "general",
        message: "Kiitos hyvästä palvelusta.",
        contact_me: false,
        contact_email: "maija@example.fi",
        contact_phone: "040 123 4567",
        service_id: null,
      },
    });
  });

  it("reports Jonossa when queued offline", async () => {
    setup({ send_feedback: ok({ status: "queued", local_id: "local-1" }) });
    const user = userEvent.setup();
    await user.type(screen.getByTestId("feedback-message"), "Viesti");
    await user.click(screen.getByTestId("feedback-submit"));
    const result = await screen.findByTestId("feedback-result");
    expect(result.dataset.status).toBe("queued");
    expect(textOf(result)).toBe("Jonossa – lähetetään, kun yhteys palaa.");
    expect(textOf(screen.getByTestId("feedback-outbox"))).toBe("Yksi palaute odottaa lähetystä.");
    await emitEvent("outbox-delivered", { delivered: 1, remaining: 0 });
    await waitFor(() => expect(screen.queryByTestId("feedback-outbox")).toBeNull());
  });

  it("shows a server field error at the field", async () => {
    setup({ send_feedback: fail(fx.errorBody("invalid_phone", { field: "contact_phone" })) });
    const user = userEvent.setup();
    await user.type(screen.getByTestId("feedback-message"), "Soittakaa");
    await user.click(screen.getByTestId("feedback-submit"));
    const err = await screen.findByTestId("feedback-phone-error");
    expect(textOf(err)).toBe(clean(t("error-invalid_phone")));
    expect(screen.getByTestId("feedback-phone").getAttribute("aria-describedby")).toBe("feedback-phone-error");
  });

  it("explains termination in writing, names the service and reminds of phone and email", async () => {
    const { calls } = setup(
      { send_feedback: ok({ status: "queued", local_id: "l" }) },
      { topic: "termination", serviceId: 12 },
    );
    const box = screen.getByTestId("feedback-termination");
    expect(textOf(box)).toContain("kirjallisen irtisanomisilmoituksen");
    expect(textOf(box)).toContain("Muistathan liittää viestiin puhelinnumerosi ja sähköpostiosoitteesi.");
    expect((screen.getByTestId("feedback-topic") as HTMLSelectElement).value).toBe("termination");
    expect((screen.getByTestId("feedback-message") as HTMLTextAreaElement).value).toBe(
      "Haluan irtisanoa palvelun: \u2068MIX-paketti 5 kanavaa\u2069",
    );
    expect((screen.getByTestId("feedback-contact-me") as HTMLInputElement).checked).toBe(true);
    await expectNoA11yViolations();
    await waitFor(() => expect((screen.getByTestId("feedback-email") as HTMLInputElement).value).not.toBe(""));
    await userEvent.setup().click(screen.getByTestId("feedback-submit"));
    await screen.findByTestId("feedback-result");
    const request = calls.find((c) => c.cmd === "send_feedback")?.args.request as Record<string, unknown>;
    expect(request.topic).toBe("termination");
    expect(request.service_id).toBe(12);
    expect(request.contact_me).toBe(true);
  });

  it("asks for a contact detail when Ota minuun yhteyttä is checked without one", async () => {
    setup({ customer: fail(fx.errorBody("offline")) });
    const user = userEvent.setup();
    await user.type(screen.getByTestId("feedback-message"), "Soittakaa minulle");
    await user.click(screen.getByTestId("feedback-contact-me"));
    await user.click(screen.getByTestId("feedback-submit"));
    expect(textOf(screen.getByTestId("feedback-email-error"))).toContain("Kirjoita sähköpostiosoite tai puhelinnumero");
  });
});
