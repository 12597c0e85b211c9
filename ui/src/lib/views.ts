// The views a start never shows first, loaded on first use: Vite makes each its own chunk,
// so WebKit parses and runs only the start-up views' script before the first paint.
export const views = {
  activation: () => import("../views/Activation.svelte"),
  feedback: () => import("../views/Feedback.svelte"),
  contact: () => import("../views/CustomerService.svelte"),
  settings: () => import("../views/Settings.svelte"),
  order: () => import("../views/Order.svelte"),
  billing: () => import("../views/Billing.svelte"),
  details: () => import("../views/Details.svelte"),
  password: () => import("../views/Password.svelte"),
};

/** How long after start-up the other views are fetched, so that opening one is instant. */
export const PREFETCH_AFTER_MS = 2000;

/** Fetches every lazy view in the background, once the start-up view has settled. */
export function prefetchViews(delayMs = PREFETCH_AFTER_MS): void {
  setTimeout(() => {
    for (const load of Object.values(views)) void load().catch(() => undefined);
  }, delayMs);
}
