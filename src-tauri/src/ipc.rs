//! The IPC surface of `ipc_surface.rs` turned into Rust: the invoke handler,
//! the command names, the event names, and a compile-time check that each
//! declared signature is the handler's (argument types and order, result).

/// The type of what Tauri injects into a command.
macro_rules! inject {
    (app) => { tauri::AppHandle };
    (state) => { AppState<'_> };
}

/// The declaration's grammar (the same in build.rs and tests/bindings.rs).
macro_rules! ipc_surface {
    (
        commands { $(
            $(#[doc = $doc:literal])*
            $module:ident :: $name:ident [$($inject:ident),*] ($($arg:ident : $ty:ty),*) -> $ret:ty;
        )* }
        events { $(
            $(#[doc = $edoc:literal])*
            $const:ident = $event:literal => $payload:ty;
        )* }
    ) => {
        /// Every command's name, in declaration order.
        pub const COMMANDS: &[&str] = &[$(stringify!($name)),*];

        /// The handler registering every declared command.
        pub fn handler() -> impl Fn(tauri::ipc::Invoke<tauri::Wry>) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$(crate::commands::$module::$name),*]
        }

        /// Event names (Rust → UI).
        pub mod events {
            $( $(#[doc = $edoc])* pub const $const: &str = $event; )*
        }

        /// Each declared signature called as declared: a mismatch with the
        /// handler does not compile.
        #[allow(dead_code, clippy::too_many_arguments)]
        mod check {
            use crate::commands::AppState;
            use crate::error::Result;
            use crate::types::*;
            use portal_api::{
                BillingSummary, Catalogue, CustomerDetails, CustomerServiceContact,
                FeedbackRequest, OrderReceipt, OrderRequest, OrderedService, ServiceList,
            };
            $(
                async fn $name($($inject: inject!($inject),)* $($arg: $ty),*) -> Result<$ret> {
                    crate::commands::$module::$name($($inject,)* $($arg),*).await
                }
            )*
            // Every payload type exists (its TypeScript comes from it).
            $( const _: Option<&$payload> = None; )*
        }
    };
}

include!("ipc_surface.rs");
