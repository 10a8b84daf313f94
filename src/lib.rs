//! lede: a terminal reader for news and intelligence reports.
//!
//! Data flows one way: files -> [`corpus`] (parse, clean) -> [`entities`]
//! (recognise, link within an article, resolve dates) -> [`resolve`]
//! (entities across the corpus) -> [`app`] state -> [`ui`]. [`ingest`]
//! runs that pipeline in the background (with the [`cache`]), for the
//! reader and for `lede extract --json` alike; [`world`] carries out what
//! the app asks of the world outside it; [`tui`] is the terminal: events
//! in, [`app::Action`]s out, frames drawn.

// The library never prints: what the user reads on stderr goes through the
// command line's inert printing (control characters made visible), and
// stdout belongs to `lede extract`'s document.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod app;
pub mod base;
pub mod cache;
pub mod config;
pub mod corpus;
pub mod entities;
pub mod feeds;
pub mod guard;
pub mod ingest;
pub mod marks;
pub mod output;
pub mod resolve;
pub mod store;
pub mod stories;
pub mod text_index;
pub mod tui;
pub mod ui;
pub mod watch;
pub mod world;
