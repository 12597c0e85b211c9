// The invoke wrapper every command goes through (a leaf: the generated commands in
// ./bindings/app/commands.ts import it, ./backend.ts re-exports both). A rejection
// becomes a BackendError carrying the error envelope.
import { invoke } from "@tauri-apps/api/core";
import type { ErrorBody } from "./bindings/api/ErrorBody";
import type { ErrorCode } from "./bindings/api/ErrorCode";

// Every ErrorCode, checked for completeness by the compiler, so an envelope can be
// recognised at run time.
const ERROR_CODES = {
  malformed_request: true,
  validation_failed: true,
  payload_too_large: true,
  not_found: true,
  method_not_allowed: true,
  unsupported_media_type: true,
  invalid_credentials: true,
  rate_limited: true,
  unauthorized: true,
  token_expired: true,
  invalid_grant: true,
  no_customer_relationship: true,
  invalid_email: true,
  email_in_use: true,
  invalid_phone: true,
  wrong_current_password: true,
  weak_password: true,
  no_billing_agreement: true,
  pay_tv_card_required: true,
  product_not_orderable: true,
  already_subscribed: true,
  update_not_allowed: true,
  mix_wrong_count: true,
  mix_channel_not_allowed: true,
  device_limit_reached: true,
  idempotency_key_required: true,
  idempotency_key_reused: true,
  message_length: true,
  range_not_satisfiable: true,
  unavailable: true,
  internal: true,
  offline: true,
  timeout: true,
  malformed_response: true,
  insecure_url: true,
  keychain_unavailable: true,
  verification_failed: true,
  disk_full: true,
  io: true,
  cancelled: true,
  no_installer_for_os: true,
  not_signed_in: true,
  feedback_pending: true,
  untrusted_key: true,
  update_not_verified: true,
  update_needs_package_manager: true,
  reset_token_invalid: true,
  reset_token_expired: true,
  reset_token_used: true,
} as const satisfies Record<ErrorCode, true>;

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && Object.prototype.hasOwnProperty.call(ERROR_CODES, value);
}

/** Any rejection → `ErrorBody`; unknown shapes become `{ code: "internal" }`. */
export function toErrorBody(err: unknown): ErrorBody {
  if (typeof err === "object" && err !== null) {
    const e = err as Record<string, unknown>;
    if (isErrorCode(e.code)) {
      const body: ErrorBody = {
        code: e.code,
        message: typeof e.message === "string" ? e.message : "",
      };
      if (typeof e.field === "string") body.field = e.field;
      if (typeof e.retry_after === "number" && Number.isFinite(e.retry_after) && e.retry_after >= 0) {
        body.retry_after = e.retry_after;
      }
      return body;
    }
  }
  let message = "unknown error";
  if (typeof err === "string") message = err;
  else if (err instanceof Error) message = err.message;
  return { code: "internal", message };
}

/** A rejected command: carries the normalised envelope. */
export class BackendError extends Error {
  readonly body: ErrorBody;
  constructor(body: ErrorBody) {
    super(`${body.code}: ${body.message}`);
    this.name = "BackendError";
    this.body = body;
  }
}

/** The envelope of anything thrown by this module (or anything else). */
export function errorBodyOf(err: unknown): ErrorBody {
  return err instanceof BackendError ? err.body : toErrorBody(err);
}

export async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (err) {
    throw new BackendError(toErrorBody(err));
  }
}
