//! Client library of the Omahallinta portal, shared by the desktop app and
//! the `oma` CLI.
//!
//! * [`PortalClient`]: one typed async method per endpoint; sign-in with an
//!   optional keychain-remembered refresh token ([`SessionStore`]); on a
//!   `401` exactly one single-flight refresh and one retry; only a refused
//!   refresh (`invalid_grant`) ends the session ([`SessionEvent::Expired`]).
//! * Retries of idempotent requests with capped exponential backoff and full
//!   jitter, honouring `Retry-After` (seconds and HTTP-date).
//! * [`download`]: verified, resumable installer downloads.
//! * [`cache`]: per-account offline storage (`offline.rs`: the reads that
//!   fall back to it); [`outbox`]: never-lost feedback. `fsutil.rs`: atomic
//!   writes, a leaf.
//! * One error type, [`ClientError`], shaped like the portal's envelope.

pub mod cache;
mod client;
pub mod config;
pub mod download;
pub mod error;
mod fsutil;
pub mod manifest;
mod offline;
pub mod outbox;
pub mod retry;
pub mod secret;
pub mod store;

pub use cache::{Cache, CacheKind, Cached};
pub use client::{new_idempotency_key, PortalClient, SessionEvent, SignInOutcome, USER_AGENT};
pub use config::{check_url, ClientConfig, RetryPolicy, Timeouts};
pub use download::{verified_installer, Progress};
pub use error::{ClientError, Result};
pub use manifest::{decode_public_key, key_id, verify_manifest};
pub use outbox::{Attention, FeedbackOutcome, FlushReport, OutboxItem};
pub use secret::SecretString;
pub use store::{KeyringStore, MemoryStore, SessionStore, StoredSession, UnavailableStore};

pub use portal_api;
pub use tokio_util::sync::CancellationToken;
