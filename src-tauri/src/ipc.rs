//! The IPC surface of `ipc_surface.rs` turned into Rust: the invoke handler,
//! the command names, the event names, and a compile-time check that each
//! declared signature is the handler's (argument types and order, result).

use ts_rs::TS;

/// A declared command, with its TypeScript types (tests/bindings.rs generates
/// the UI's functions, the capability file and docs from these).
pub struct CommandDecl {
    pub doc: String,
    pub name: &'static str,
    /// `(snake_case name, TypeScript type)`.
    pub args: Vec<(&'static str, String)>,
    pub ret: String,
}

/// A declared event and its payload's TypeScript type.
pub struct EventDecl {
    pub doc: String,
    pub name: &'static str,
    pub payload: String,
}

/// TypeScript of `T`: Tauri sends integers as JSON numbers (ts-rs says `bigint`).
fn ts<T: TS + ?Sized>() -> String {
    T::name().replace("bigint", "number")
}

fn doc(lines: &[&str]) -> String {
    lines.iter().map(|l| l.trim()).collect::<Vec<_>>().join(" ")
}

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

        /// The declaration as data, types in TypeScript.
        pub fn surface() -> (Vec<CommandDecl>, Vec<EventDecl>) {
            use check::*;
            let commands = vec![$(CommandDecl {
                doc: doc(&[$($doc),*]),
                name: stringify!($name),
                args: vec![$((stringify!($arg), ts::<$ty>())),*],
                ret: ts::<$ret>(),
            }),*];
            let events = vec![$(EventDecl {
                doc: doc(&[$($edoc),*]),
                name: $event,
                payload: ts::<$payload>(),
            }),*];
            (commands, events)
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
            pub use crate::deeplink::DeepLinkView;
            pub use crate::types::*;
            pub use portal_api::{
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
