import { describe, expect, it } from "vitest";
import * as backend from "./backend";
import { BackendError, toErrorBody } from "./backend";
import { fail, mockBackend, ok } from "../test/helpers";
import * as fx from "../test/fixtures";

describe("toErrorBody", () => {
  it("keeps a valid envelope", () => {
    expect(toErrorBody({ code: "rate_limited", message: "slow down", retry_after: 90, extra: 1 })).toEqual({
      code: "rate_limited",
      message: "slow down",
      retry_after: 90,
    });
    expect(toErrorBody({ code: "validation_failed", message: "m", field: "message" })).toEqual({
      code: "validation_failed",
      message: "m",
      field: "message",
    });
  });

  it("turns unknown shapes into internal", () => {
    expect(toErrorBody("command not found").code).toBe("internal");
    expect(toErrorBody(new Error("boom"))).toEqual({ code: "internal", message: "boom" });
    expect(toErrorBody({ code: "made_up" }).code).toBe("internal");
    expect(toErrorBody(null).code).toBe("internal");
    expect(toErrorBody({ code: "offline", retry_after: "soon" })).toEqual({ code: "offline", message: "" });
  });
});

describe("commands", () => {
  it("call the documented command names with camelCase args", async () => {
    const { calls } = mockBackend({
      sign_in: ok({ remembered: true, keychain_error: null }),
      start_download: ok(fx.download({ state: "downloading" })),
      pause_download: ok(fx.download({ state: "paused" })),
      open_installer: ok(null),
      device_link_qr: ok("<svg></svg>"),
      send_feedback: ok({ status: "queued", local_id: "q1" }),
      place_order: ok(null),
      edit_mix: ok(null),
      change_email: ok(fx.customer),
      change_password: ok(null),
      catalogue: ok(null),
      billing: ok(null),
      resend_feedback: ok({ status: "queued", local_id: "q1" }),
      discard_feedback: ok(null),
    });
    await backend.signIn("a@b.fi", "pw", true);
    await backend.setLanguage("en");
    await backend.startDownload(11);
    await backend.pauseDownload(11);
    await backend.downloadStatus(11);
    await backend.openInstaller(11);
    await backend.deviceLinkQr(11);
    const request = {
      topic: "general" as const,
      message: "hi",
      contact_me: false,
      contact_email: null,
      contact_phone: null,
      service_id: null,
    };
    await backend.sendFeedback(request);
    await backend.outboxCount();
    await backend.pendingFeedback();
    await backend.resendFeedback("q1", request);
    await backend.discardFeedback("q1");
    await backend.signOut(null);
    await backend.signOut("keep");
    await backend.placeOrder({ product_id: "p", replaces_service_id: null, mix_channels: null }, "k1");
    await backend.editMix(12, ["a"]);
    await backend.changeEmail("c@d.fi");
    await backend.changePassword("old", "new");
    expect(calls).toEqual([
      { cmd: "sign_in", args: { email: "a@b.fi", password: "pw", remember: true } },
      { cmd: "set_language", args: { lang: "en" } },
      { cmd: "start_download", args: { serviceId: 11 } },
      { cmd: "pause_download", args: { serviceId: 11 } },
      { cmd: "download_status", args: { serviceId: 11 } },
      { cmd: "open_installer", args: { serviceId: 11 } },
      { cmd: "device_link_qr", args: { serviceId: 11 } },
      { cmd: "send_feedback", args: { request } },
      { cmd: "outbox_count", args: {} },
      { cmd: "pending_feedback", args: {} },
      { cmd: "resend_feedback", args: { localId: "q1", request } },
      { cmd: "discard_feedback", args: { localId: "q1" } },
      { cmd: "sign_out", args: { queuedFeedback: null } },
      { cmd: "sign_out", args: { queuedFeedback: "keep" } },
      { cmd: "place_order", args: { request: { product_id: "p", replaces_service_id: null, mix_channels: null }, idempotencyKey: "k1" } },
      { cmd: "edit_mix", args: { serviceId: 12, channels: ["a"] } },
      { cmd: "change_email", args: { email: "c@d.fi" } },
      { cmd: "change_password", args: { currentPassword: "old", newPassword: "new" } },
    ]);
  });

  it("reject with a normalised BackendError", async () => {
    mockBackend({ services: fail({ code: "offline", message: "no route" }), contact: fail("weird") });
    await expect(backend.services()).rejects.toBeInstanceOf(BackendError);
    await expect(backend.services()).rejects.toMatchObject({ body: { code: "offline", message: "no route" } });
    await expect(backend.contact()).rejects.toMatchObject({ body: { code: "internal" } });
    mockBackend({ sign_out: fail({ code: "feedback_pending", message: "1 queued feedback" }) });
    await expect(backend.signOut(null)).rejects.toMatchObject({ body: { code: "feedback_pending" } });
  });
});
