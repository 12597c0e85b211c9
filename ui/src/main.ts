import { mount } from "svelte";
import App from "./App.svelte";
import { readStartup } from "./lib/state.svelte";
import "./app.css";

const target = document.getElementById("app");
if (!target) throw new Error("#app missing");

// Mount once the backend has answered (a few ms), so that the first frame of the app is
// the right view: a frame costs tens of ms on a slow machine, and a "Loading…" frame
// first would delay the view by one. A slow backend gets "Loading…" after 150 ms.
void Promise.race([readStartup(), new Promise((wait) => setTimeout(wait, 150))]).then(() =>
  mount(App, { target }),
);
