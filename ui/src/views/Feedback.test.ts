import { describe, expect, it } from "vitest";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
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
    let outbox: unknown[] = [];
    setup({
      send_feedback: () => {
        outbox = [fx.pendingFeedback({ local_id: "local-1", attention: null })];
        return { status: "queued", local_id: "local-1" };
      },
      pending_feedback: () => outbox,
    });
    const user = userEvent.setup();
    await user.type(screen.getByTestId("feedback-message"), "Viesti");
    await user.click(screen.getByTestId("feedback-submit"));
    const result = await screen.findByTestId("feedback-result");
    expect(result.dataset.status).toBe("queued");
    expect(textOf(result)).toBe("Jonossa – lähetetään, kun yhteys palaa.");
    expect(textOf(await screen.findByTestId("feedback-outbox"))).toBe("Yksi palaute odottaa lähetystä.");
    outbox = [];
    await emitEvent("outbox-delivered", { delivered: 1, remaining: 0, attention: 0 });
    await waitFor(() => expect(screen.queryByTestId("feedback-outbox")).toBeNull());
  });

  it("shows the shell's refusal at the field, and nothing is queued", async () => {
    setup({ send_feedback: fail(fx.errorBody("invalid_phone", { field: "contact_phone" })) });
    const user = userEvent.setup();
    await user.type(screen.getByTestId("feedback-message"), "Soittakaa");
    await user.click(screen.getByTestId("feedback-submit"));
    const err = await screen.findByTestId("feedback-phone-error");
    expect(textOf(err)).toBe(clean(t("error-invalid_phone")));
    expect(screen.getByTestId("feedback-phone").getAttribute("aria-describedby")).toBe("feedback-phone-error");
    expect(screen.queryByTestId("feedback-result")).toBeNull();
    expect(screen.queryByTestId("feedback-outbox")).toBeNull();
  });

  it("leaves the email rules to the shell: one validation", async () => {
    const { calls } = setup({ send_feedback: fail(fx.errorBody("invalid_email", { field: "contact_email" })) });
    const user = userEvent.setup();
    await waitFor(() => expect((screen.getByTestId("feedback-email") as HTMLInputElement).value).not.toBe(""));
    await user.clear(screen.getByTestId("feedback-email"));
    await user.type(screen.getByTestId("feedback-email"), "maija@");
    await user.type(screen.getByTestId("feedback-message"), "Hei");
    await user.click(screen.getByTestId("feedback-submit"));
    expect(textOf(await screen.findByTestId("feedback-email-error"))).toBe(clean(t("error-invalid_email")));
    expect((calls.find((c) => c.cmd === "send_feedback")?.args.request as Record<string, unknown>).contact_email).toBe(
      "maija@",
    );
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

describe("feedback the portal refused", () => {
  const queued = fx.pendingFeedback({ local_id: "queued-1", attention: null, request: { ...fx.pendingFeedback().request, topic: "general" } });

  it("lists it with its topic, date, text and localized reason, and has no a11y violations", async () => {
    setup({ pending_feedback: ok([queued, fx.pendingFeedback()]) });
    const section = await screen.findByTestId("feedback-attention");
    expect(textOf(section)).toContain("Yksi palaute vaatii huomiotasi");
    expect(textOf(section)).toContain("Palvelu ei hyväksynyt näitä viestejä");
    const items = screen.getAllByTestId("feedback-attention-item");
    expect(items).toHaveLength(1);
    const item = items[0]!;
    expect(item.dataset.localId).toBe("refused-1");
    expect(textOf(item)).toContain("Irtisanominen, kirjoitettu 12.11.2026");
    expect(textOf(item)).toContain("Haluan irtisanoa palvelun: MIX-paketti 5 kanavaa");
    expect(textOf(within(item).getByTestId("feedback-attention-reason"))).toBe(
      `Puhelinnumero: ${clean(t("error-invalid_phone"))}`,
    );
    // The other one still waits to be sent automatically.
    expect(textOf(screen.getByTestId("feedback-outbox"))).toBe("Yksi palaute odottaa lähetystä.");
    expect(app.outbox).toEqual({ queued: 1, attention: 1 });
    await expectNoA11yViolations();
  });

  it("is edited in the form and sent again with resend_feedback", async () => {
    let outbox = [fx.pendingFeedback()];
    const { calls } = setup({
      pending_feedback: () => outbox,
      resend_feedback: () => {
        outbox = [];
        return { status: "sent", receipt: { id: 77, topic: "termination", received_at: "2026-11-14T10:00:00Z" } };
      },
    });
    const user = userEvent.setup();
    await user.click(await screen.findByTestId("feedback-attention-edit"));
    expect(textOf(screen.getByTestId("feedback-editing"))).toContain("kirjoitettu 12.11.2026");
    const message = screen.getByTestId("feedback-message") as HTMLTextAreaElement;
    expect(document.activeElement).toBe(message);
    expect(message.value).toBe("Haluan irtisanoa palvelun: MIX-paketti 5 kanavaa");
    expect((screen.getByTestId("feedback-topic") as HTMLSelectElement).value).toBe("termination");
    expect((screen.getByTestId("feedback-service") as HTMLSelectElement).value).toBe("12");
    expect((screen.getByTestId("feedback-contact-me") as HTMLInputElement).checked).toBe(true);
    expect((screen.getByTestId("feedback-email") as HTMLInputElement).value).toBe("");
    const phone = screen.getByTestId("feedback-phone") as HTMLInputElement;
    expect(phone.value).toBe("12345");
    expect(textOf(screen.getByTestId("feedback-phone-error"))).toBe(clean(t("error-invalid_phone")));
    expect(textOf(screen.getByTestId("feedback-submit"))).toBe("Lähetä uudelleen");
    await user.clear(phone);
    await user.type(phone, "040 765 4321");
    await user.click(screen.getByTestId("feedback-submit"));
    const result = await screen.findByTestId("feedback-result");
    expect(result.dataset.status).toBe("sent");
    expect(textOf(result)).toContain("77");
    expect(calls.find((c) => c.cmd === "resend_feedback")?.args).toEqual({
      localId: "refused-1",
      request: { ...fx.pendingFeedback().request, contact_phone: "040 765 4321" },
    });
    expect(calls.map((c) => c.cmd)).not.toContain("send_feedback");
    await waitFor(() => expect(screen.queryByTestId("feedback-attention")).toBeNull());
    expect(screen.queryByTestId("feedback-editing")).toBeNull();
  });

  it("shows a refusal of the resend at its field and stays in edit mode", async () => {
    setup({
      pending_feedback: ok([fx.pendingFeedback({ attention: fx.errorBody("message_length", { field: "message" }) })]),
      resend_feedback: fail(fx.errorBody("invalid_phone", { field: "contact_phone" })),
    });
    const user = userEvent.setup();
    await user.click(await screen.findByTestId("feedback-attention-edit"));
    expect(screen.queryByTestId("feedback-phone-error")).toBeNull();
    expect(textOf(screen.getByTestId("feedback-message-error"))).toBe(clean(t("error-message_length")));
    await user.click(screen.getByTestId("feedback-submit"));
    expect(textOf(await screen.findByTestId("feedback-phone-error"))).toBe(clean(t("error-invalid_phone")));
    expect(screen.getByTestId("feedback-editing")).toBeTruthy();
    expect(screen.queryByTestId("feedback-result")).toBeNull();
  });

  it("can leave edit mode without sending", async () => {
    const { calls } = setup({ pending_feedback: ok([fx.pendingFeedback()]) });
    const user = userEvent.setup();
    await waitFor(() => expect((screen.getByTestId("feedback-email") as HTMLInputElement).value).not.toBe(""));
    await user.click(await screen.findByTestId("feedback-attention-edit"));
    await user.click(screen.getByTestId("feedback-edit-cancel"));
    expect(screen.queryByTestId("feedback-editing")).toBeNull();
    expect((screen.getByTestId("feedback-message") as HTMLTextAreaElement).value).toBe("");
    expect((screen.getByTestId("feedback-email") as HTMLInputElement).value).toBe("maija@example.fi");
    expect(textOf(screen.getByTestId("feedback-submit"))).toBe("Lähetä palaute");
    expect(screen.getAllByTestId("feedback-attention-item")).toHaveLength(1);
    expect(calls.map((c) => c.cmd)).not.toContain("resend_feedback");
  });

  it("is discarded only after a confirmation", async () => {
    let outbox = [fx.pendingFeedback()];
    const { calls } = setup({
      pending_feedback: () => outbox,
      discard_feedback: () => {
        outbox = [];
        return null;
      },
    });
    const user = userEvent.setup();
    await user.click(await screen.findByTestId("feedback-attention-discard"));
    const item = screen.getByTestId("feedback-attention-item");
    expect(textOf(item)).toContain("Hylätäänkö tämä palaute? Se poistetaan tältä tietokoneelta, eikä sitä lähetetä.");
    expect(document.activeElement).toBe(screen.getByTestId("feedback-discard-cancel"));
    await expectNoA11yViolations();
    await user.click(screen.getByTestId("feedback-discard-cancel"));
    expect(screen.queryByTestId("feedback-discard-confirm")).toBeNull();
    expect(document.activeElement).toBe(screen.getByTestId("feedback-attention-discard"));
    expect(calls.map((c) => c.cmd)).not.toContain("discard_feedback");

    await user.keyboard("{Enter}");
    await user.click(screen.getByTestId("feedback-discard-confirm"));
    await waitFor(() => expect(screen.queryByTestId("feedback-attention")).toBeNull());
    expect(calls.filter((c) => c.cmd === "discard_feedback").map((c) => c.args)).toEqual([{ localId: "refused-1" }]);
    expect(textOf(screen.getByTestId("feedback-discarded"))).toBe("Palaute poistettiin. Sitä ei lähetetty.");
    expect(document.activeElement).toBe(screen.getByRole("heading", { level: 1 }));
    expect(app.outbox).toEqual({ queued: 0, attention: 0 });
  });

  it("is refreshed when the outbox changes", async () => {
    let outbox: unknown[] = [];
    setup({ pending_feedback: () => outbox });
    await waitFor(() => expect(app.outbox).toEqual({ queued: 0, attention: 0 }));
    outbox = [fx.pendingFeedback()];
    await emitEvent("outbox-delivered", { delivered: 0, remaining: 0, attention: 1 });
    expect(await screen.findByTestId("feedback-attention-item")).toBeTruthy();
  });

  it("says so when the outbox can't be read", async () => {
    setup({ pending_feedback: fail(fx.errorBody("io")) });
    expect(textOf(await screen.findByTestId("feedback-pending-error"))).toContain(
      "Lähettämättömiä palautteita ei voitu lukea.",
    );
  });
});
