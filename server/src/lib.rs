//! The axum binary: configuration, startup, the JSON API and the
//! command-line subcommands. Pages and server functions live in `app`.

pub mod api;
pub mod body_limit;
pub mod caching;
pub mod checkin_page;
pub mod cli;
pub mod config;
pub mod database;
pub mod demo;
pub mod mail;
pub mod origin;
pub mod pages;
pub mod plain_forms;
pub mod reader;
pub mod reminders;
pub mod retention;
pub mod server_fn_status;
pub mod sign_in;
pub mod startup;
pub mod throttle;
