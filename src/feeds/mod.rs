//! Feeds as a source of articles beside files: subscriptions (a newsboat
//! `urls` file, OPML), fetching over HTTP, and the store of fetched items.
//!
//! A source layer beside [`crate::corpus`]: it parses through
//! [`crate::corpus::feed_format`] and hands out [`crate::corpus::Article`]s,
//! and knows nothing of entities, the app or the terminal.

pub mod http;
pub mod items;
pub mod opml;
pub mod subscriptions;

pub use subscriptions::{Subscription, UrlsFile, check_url};

/// Longest piece of feed-supplied text (a URL, a title) quoted in a
/// message, in characters.
const MESSAGE_CHARS: usize = 200;

/// Untrusted text as a message quotes it: at most [`MESSAGE_CHARS`]
/// characters. (Control characters are made inert where messages are
/// shown, on screen and on stderr alike.)
pub fn for_message(s: &str) -> String {
    match s.char_indices().nth(MESSAGE_CHARS) {
        Some((cut, _)) => format!("{}…", &s[..cut]),
        None => s.to_string(),
    }
}
