import { describe, expect, it } from "vitest";
import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import App from "../App.svelte";
import AutostartSetting from "./AutostartSetting.svelte";
import { app } from "../lib/state.svelte";
import { emitEvent, expectNoA11yViolations, fail, mockBackend, ok, textOf } from "../test/helpers";
import * as fx from "../test/fixtures";

describe("start with the computer, minimized (issue 17)", () => {
  it("is off by default and turns on through the shell", async () => {
    const { calls } = mockBackend({ autostart: ok(false), set_autostart: (a) => a.enabled });
    const { container } = render(AutostartSetting);
    const box = (await screen.findByTestId("autostart-toggle")) as HTMLInputElement;
    expect(box.checked).toBe(false);
    expect(screen.getByLabelText("Käynnistä tietokoneen käynnistyessä, pienennettynä")).toBe(box);
    await userEvent.click(box);
    await waitFor(() => expect(calls.find((c) => c.cmd === "set_autostart")?.args).toEqual({ enabled: true }));
    await waitFor(() => expect(box.checked).toBe(true));
    await expectNoA11yViolations(container);
  });

  it("a refusal by the OS says so and leaves the box as it was", async () => {
    mockBackend({ autostart: ok(false), set_autostart: fail({ code: "io", message: "autostart: denied" }) });
    render(AutostartSetting);
    const box = (await screen.findByTestId("autostart-toggle")) as HTMLInputElement;
    await userEvent.click(box);
    const err = await screen.findByTestId("autostart-error");
    expect(err.getAttribute("data-code")).toBe("io");
    expect(textOf(err)).not.toBe("");
    expect(box.checked).toBe(false);
  });

  it("the tray's navigate event opens that view when signed in", async () => {
    mockBackend({ session_info: ok(fx.signedIn), cached_services: ok(fx.cached(fx.serviceList, 5, true)) });
    render(App);
    await screen.findByTestId("service-row-11");
    await emitEvent("navigate", { view: "feedback" });
    await waitFor(() => expect(app.view.name).toBe("feedback"));
    expect(screen.getByTestId("nav-feedback").getAttribute("aria-current")).toBe("page");
  });
});
