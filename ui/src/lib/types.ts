// App-only types of the IPC contract (docs/COMMANDS.md, "Types (app-only)").
//
// The shell generates these into `./bindings/app/` (ts-rs). Until those files exist
// they are defined here exactly as COMMANDS.md states them; once they are generated,
// replace the definitions below with re-exports from "./bindings/app/<Name>".
// Wire types always come from "./bindings/api/" — never copy them here.
import type { ErrorBody } from "./bindings/api/ErrorBody";
import type { ErrorCode } from "./bindings/api/ErrorCode";
import type { FeedbackReceipt } from "./bindings/api/FeedbackReceipt";
import type { Os } from "./bindings/api/Os";

export type Lang = "fi" | "en";
export type DemoAccountHint = { email: string; password: string; description_key: string };
export type AppInfo = {
  version: string;
  demo: boolean;
  portal_url: string;
  os: Os | null;
  lang: Lang;
  demo_accounts: DemoAccountHint[];
};
export type SessionInfo = { signed_in: boolean; email: string | null; remembered: boolean };
export type SignInOutcome = { remembered: boolean; keychain_error: ErrorCode | null };
export type Cached<T> = { data: T; fetched_at: string; from_cache: boolean };
export type DownloadState = "idle" | "downloading" | "paused" | "verifying" | "verified" | "failed";
export type DownloadStatus = {
  service_id: number;
  os: Os;
  file_name: string;
  received: number;
  total: number;
  state: DownloadState;
  error: ErrorBody | null;
};
export type FeedbackOutcome =
  | { status: "sent"; receipt: FeedbackReceipt }
  | { status: "queued"; local_id: string };
export type Settings = { lang: Lang; portal_url: string };

// Event payloads (COMMANDS.md, "Events").
export type Connectivity = { online: boolean };
export type OutboxDelivered = { delivered: number; remaining: number };

/** `portal_api::FEEDBACK_MESSAGE_MAX_CHARS` (crates/portal-api/src/feedback.rs), in Unicode scalar values. */
export const FEEDBACK_MESSAGE_MAX_CHARS = 2000;
/** `portal_api::ENDING_SOON_DAYS`. */
export const ENDING_SOON_DAYS = 30;
