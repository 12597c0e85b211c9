import { afterEach, beforeEach } from "vitest";
import { clearMocks } from "@tauri-apps/api/mocks";
import { cleanup } from "@testing-library/svelte";
import { setLang } from "../lib/i18n.svelte";
import { resetAppState } from "../lib/state.svelte";

beforeEach(() => {
  resetAppState();
  setLang("fi");
});

afterEach(() => {
  cleanup(); // unmount (and unlisten) while the IPC mock still exists
  clearMocks();
});
