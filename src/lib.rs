//! lede: a terminal reader for news and intelligence reports.
//!
//! Data flows one way: files -> [`corpus`] (parse, clean) -> [`entities`]
//! (recognise, link, resolve dates) -> [`index`] -> [`app`] state -> [`ui`].
//! [`tui`] is the terminal: events in, [`app::Action`]s out, frames drawn.

pub mod app;
pub mod base;
pub mod cache;
pub mod config;
pub mod corpus;
pub mod entities;
pub mod feeds;
pub mod guard;
pub mod index;
pub mod ingest;
pub mod marks;
pub mod output;
pub mod pipeline;
pub mod store;
pub mod stories;
pub mod text_index;
pub mod tui;
pub mod ui;
pub mod watch;
