import { afterEach, beforeEach } from "vitest";
import { clearMocks } from "@tauri-apps/api/mocks";
import { cleanup, configure } from "@testing-library/svelte";
import { setLang } from "../lib/i18n.svelte";
import { resetAppState } from "../lib/state.svelte";

// A lazily loaded view's first import can take seconds on a loaded 2-core machine; the
// default 1 s of findBy*/waitFor made tests fail there for no fault of the app.
configure({ asyncUtilTimeout: 5000 });

beforeEach(() => {
  resetAppState();
  setLang("fi");
});

afterEach(() => {
  cleanup(); // unmount (and unlisten) while the IPC mock still exists
  clearMocks();
});
