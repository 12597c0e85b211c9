//! Exit codes of `oma`, one per error class (documented in `--help` and in
//! the crate README section of the main module).

use portal_api::ErrorCode;

/// Success (also: feedback saved to the outbox for later delivery).
pub const OK: u8 = 0;
/// Unexpected failure: internal portal error, an answer that could not be
/// understood.
pub const INTERNAL: u8 = 1;
/// Bad command line (clap's own code).
#[allow(dead_code)]
pub const USAGE: u8 = 2;
/// The portal could not be reached or is temporarily unavailable
/// (offline, timeout, unavailable, rate limited): try again later.
pub const NETWORK: u8 = 3;
/// Not signed in, wrong credentials, session ended, no customer relationship.
pub const AUTH: u8 = 4;
/// The input was refused (validation, message length, email, phone, …).
pub const INPUT: u8 = 5;
/// The portal refused by a business rule (no billing agreement, pay-TV
/// card, already subscribed, not found, no installer for this OS, …).
pub const REFUSED: u8 = 6;
/// A download or its signed manifest failed verification.
pub const VERIFICATION: u8 = 7;
/// A local problem: disk full, file error, keychain unavailable.
pub const LOCAL: u8 = 8;
/// The portal address is not HTTPS (plain http only to loopback).
pub const INSECURE_URL: u8 = 9;
/// Cancelled (Ctrl-C).
pub const CANCELLED: u8 = 130;

pub fn for_code(code: ErrorCode) -> u8 {
    use ErrorCode::*;
    match code {
        Offline | Timeout | Unavailable | RateLimited => NETWORK,
        InvalidCredentials
        | Unauthorized
        | TokenExpired
        | InvalidGrant
        | NotSignedIn
        | NoCustomerRelationship => AUTH,
        MalformedRequest
        | ValidationFailed
        | PayloadTooLarge
        | InvalidEmail
        | EmailInUse
        | InvalidPhone
        | WrongCurrentPassword
        | WeakPassword
        | ResetTokenInvalid
        | ResetTokenExpired
        | ResetTokenUsed
        | MixWrongCount
        | MixChannelNotAllowed
        | IdempotencyKeyRequired
        | IdempotencyKeyReused
        | MessageLength => INPUT,
        NoBillingAgreement
        | PayTvCardRequired
        | ProductNotOrderable
        | AlreadySubscribed
        | UpdateNotAllowed
        | DeviceLimitReached
        | NotFound
        | NoInstallerForOs
        | MethodNotAllowed
        | UnsupportedMediaType
        | RangeNotSatisfiable
        | FeedbackPending
        | UpdateNeedsPackageManager => REFUSED,
        VerificationFailed | UntrustedKey | UpdateNotVerified => VERIFICATION,
        DiskFull | Io | KeychainUnavailable => LOCAL,
        InsecureUrl => INSECURE_URL,
        Cancelled => CANCELLED,
        Internal | MalformedResponse => INTERNAL,
    }
}

/// The table shown by `oma --help`.
pub const HELP: &str = "Exit codes:
  0  success (feedback may be queued for later delivery)
  1  unexpected error (portal internal error, unreadable answer)
  2  bad command line
  3  portal unreachable or busy (offline, timeout, unavailable, rate limited)
  4  sign-in needed or refused (not signed in, wrong password, session ended)
  5  input refused (validation, message length, email, phone, password)
  6  refused by a rule (billing agreement, pay-TV card, not found, no installer,
     sign-out with queued feedback: choose --keep-feedback or --discard-feedback)
  7  verification failed (installer or its signed manifest)
  8  local problem (disk full, file error, keychain unavailable)
  9  insecure portal address (https required except loopback)
130  cancelled";
