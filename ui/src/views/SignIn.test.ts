import { describe, expect, it } from "vitest";
import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import SignIn from "./SignIn.svelte";
import { app } from "../lib/state.svelte";
import { t } from "../lib/i18n.svelte";
import { clean, deferred, expectNoA11yViolations, fail, mockBackend, ok, textOf } from "../test/helpers";
import * as fx from "../test/fixtures";

async function signInWith(email = "maija@example.fi", password = "salasana1") {
  const user = userEvent.setup();
  await user.type(screen.getByTestId("signin-email"), email);
  await user.type(screen.getByTestId("signin-password"), password);
  await user.click(screen.getByTestId("signin-submit"));
  return user;
}

describe("sign-in", () => {
  it("has labelled inputs with autocomplete, the credentials hint, and no a11y violations", async () => {
    mockBackend();
    render(SignIn);
    const email = screen.getByLabelText("Sähköpostiosoite");
    const password = screen.getByLabelText("Salasana");
    expect(email.getAttribute("autocomplete")).toBe("username");
    expect(password.getAttribute("type")).toBe("password");
    expect(password.getAttribute("autocomplete")).toBe("current-password");
    expect((screen.getByLabelText("Muista minut tällä tietokoneella") as HTMLInputElement).checked).toBe(true);
    expect(clean(document.body.textContent)).toContain("”F-Secure Turvapaketti-palvelusi – Ota käyttöön!”");
    expect(textOf(await screen.findByTestId("signin-help"))).toBe(
      "Tarvitsetko apua kirjautumisessa? Soita asiakaspalveluun 03 450 51.",
    );
    await expectNoA11yViolations();
  });

  it("signs in and passes remember", async () => {
    const { calls } = mockBackend({ sign_in: ok({ remembered: true, keychain_error: null }) });
    render(SignIn);
    await signInWith();
    await waitFor(() => expect(app.view.name).toBe("services"));
    expect(calls).toContainEqual({
      cmd: "sign_in",
      args: { email: "maija@example.fi", password: "salasana1", remember: true },
    });
    expect(app.keychainNotice).toBe(false);
  });

  it("notes a session-only sign-in when the keychain failed", async () => {
    mockBackend({ sign_in: ok({ remembered: false, keychain_error: "keychain_unavailable" }) });
    render(SignIn);
    await signInWith();
    await waitFor(() => expect(app.view.name).toBe("services"));
    expect(app.keychainNotice).toBe(true);
  });

  it("explains a long wait with remember me (the keychain's unlock prompt)", async () => {
    const pending = deferred<unknown>();
    mockBackend({ sign_in: pending.handler });
    render(SignIn);
    await signInWith();
    expect(screen.queryByTestId("signin-keychain-wait")).toBeNull();
    const hint = await screen.findByTestId("signin-keychain-wait", {}, { timeout: 4500 });
    expect(textOf(hint)).toContain("avainnipun");
    pending.resolve({ remembered: true, keychain_error: null });
    await waitFor(() => expect(screen.queryByTestId("signin-keychain-wait")).toBeNull());
  });

  it("asks for both fields before calling the backend", async () => {
    const { calls } = mockBackend();
    render(SignIn);
    await userEvent.setup().click(screen.getByTestId("signin-submit"));
    expect(textOf(screen.getByTestId("signin-error"))).toBe("Kirjoita sähköpostiosoite ja salasana.");
    expect(calls.map((c) => c.cmd)).not.toContain("sign_in");
  });

  // Expected texts are computed inside the test, after the language is set to Finnish.
  const cases: [string, Parameters<typeof fx.errorBody>[1], () => string][] = [
    ["invalid_credentials", {}, () => t("error-invalid_credentials")],
    ["no_customer_relationship", {}, () => t("error-no_customer_relationship")],
    ["offline", {}, () => t("error-offline")],
    ["rate_limited", { retry_after: 120 }, () => "Liian monta kirjautumisyritystä. Yritä uudelleen 2 minuutin kuluttua."],
    ["rate_limited", { retry_after: 45 }, () => "Liian monta kirjautumisyritystä. Yritä uudelleen 45 sekunnin kuluttua."],
  ];
  for (const [code, extra, expected] of cases) {
    it(`shows a clear message for ${code} ${JSON.stringify(extra)}`, async () => {
      mockBackend({ sign_in: fail(fx.errorBody(code as never, extra)) });
      render(SignIn);
      await signInWith();
      const error = await screen.findByTestId("signin-error");
      expect(textOf(error)).toBe(clean(expected()));
      expect(textOf(error)).not.toMatch(/^error-/);
      expect(error.getAttribute("data-code")).toBe(code);
      expect(app.view.name).toBe("signin");
      expect((screen.getByTestId("signin-submit") as HTMLButtonElement).disabled).toBe(false);
    });
  }

  it("shows Finnish and English messages from errors.ftl", async () => {
    mockBackend({ sign_in: fail(fx.errorBody("invalid_credentials")) });
    render(SignIn);
    await signInWith();
    expect(textOf(await screen.findByTestId("signin-error"))).toContain("Sähköpostiosoite tai salasana on väärin");
  });

  it("offers the demo accounts in demo mode", async () => {
    mockBackend();
    app.info = {
      ...fx.appInfo,
      demo: true,
      demo_accounts: [{ email: "demo@oma.example", password: "demo-salasana", description_key: "demo-account-family" }],
    };
    render(SignIn);
    await userEvent.setup().click(screen.getByTestId("signin-demo-fill"));
    expect((screen.getByTestId("signin-email") as HTMLInputElement).value).toBe("demo@oma.example");
    expect((screen.getByTestId("signin-password") as HTMLInputElement).value).toBe("demo-salasana");
    await expectNoA11yViolations();
  });
});
