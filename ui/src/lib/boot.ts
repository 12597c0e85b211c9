import { mount } from "svelte";
import App from "../App.svelte";
import { startup } from "./state.svelte";

/** How long mounting waits for the start-up state before showing "Loading…". */
export const MOUNT_WAIT_MS = 150;

/**
 * Mounts the app once the start-up state is in (a few ms), so that its first render and
 * frame are the right view in the right language: a frame costs tens of ms on a slow
 * machine, and a "Loading…" frame or a render in another language first would delay the
 * view by one. A slow backend gets "Loading…" after {@link MOUNT_WAIT_MS}.
 */
export async function boot(target: HTMLElement): Promise<ReturnType<typeof mount>> {
  await Promise.race([startup(), new Promise((wait) => setTimeout(wait, MOUNT_WAIT_MS))]);
  return mount(App, { target });
}
