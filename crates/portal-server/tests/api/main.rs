//! HTTP tests of the portal over loopback, each against its own server and
//! SQLite file. One binary (modules) to keep linking cheap.

mod common;

mod authz;
mod bad_input;
mod devices;
mod feedback;
mod installers;
mod load;
mod orders;
mod password_reset;
mod public;
mod services;
mod session;
mod smtp_sink;
mod updates;
