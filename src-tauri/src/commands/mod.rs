//! Thin Tauri commands, grouped per domain. Each one forwards to [`crate::state::Core`]
//! and returns `Result<T, Error>`, so failures reach the UI as the error envelope.

pub mod account;
pub mod app;
pub mod downloads;
pub mod feedback;
pub mod portal;
pub mod session;
pub mod updates;

use crate::state::Core;
use std::sync::Arc;

/// The managed state: the Tauri-independent core.
pub type AppState<'a> = tauri::State<'a, Arc<Core>>;
