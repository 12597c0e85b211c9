// The views a start never shows first, loaded on first use: Vite makes each its own chunk,
// so WebKit parses and runs only the start-up views' script before the first paint.
import type { Component } from "svelte";
import type { View } from "./state.svelte";

/** A view loaded on first use: every view but the ones a start can show. */
export type LazyView = Exclude<View, { name: "signin" } | { name: "services" } | { name: "welcome" }>;

/** Each view's component takes the view's fields (all but `name`) as its props. */
type Loaders = {
  [K in LazyView["name"]]: () => Promise<{ default: Component<Omit<Extract<LazyView, { name: K }>, "name">> }>;
};

export const views = {
  activation: () => import("../views/Activation.svelte"),
  feedback: () => import("../views/Feedback.svelte"),
  contact: () => import("../views/CustomerService.svelte"),
  settings: () => import("../views/Settings.svelte"),
  order: () => import("../views/Order.svelte"),
  billing: () => import("../views/Billing.svelte"),
  details: () => import("../views/Details.svelte"),
  password: () => import("../views/Password.svelte"),
  "forgot-password": () => import("../views/ForgotPassword.svelte"),
  "reset-password": () => import("../views/ResetPassword.svelte"),
} satisfies Loaders;

/** The view's component (loaded on first use) and its props. */
export async function loadView(
  view: LazyView,
): Promise<{ component: Component<Record<string, unknown>>; props: Record<string, unknown> }> {
  const { name, ...props } = view;
  // `Loaders` above checks that each component takes its view's fields.
  const component = (await views[name]()).default as unknown as Component<Record<string, unknown>>;
  return { component, props };
}

/** How long after start-up the other views are fetched, so that opening one is instant. */
export const PREFETCH_AFTER_MS = 2000;

/** Fetches every lazy view in the background, once the start-up view has settled. */
export function prefetchViews(delayMs = PREFETCH_AFTER_MS): void {
  setTimeout(() => {
    for (const load of Object.values(views)) void load().catch(() => undefined);
  }, delayMs);
}
