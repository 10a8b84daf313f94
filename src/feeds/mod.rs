//! Feeds as a source of articles beside files: subscriptions (a newsboat
//! `urls` file, OPML), fetching over HTTP, and the store of fetched items.
//!
//! A source layer beside [`crate::corpus`]: it parses through
//! [`crate::corpus::feed_format`] and hands out [`crate::corpus::Article`]s,
//! and knows nothing of entities, the app or the terminal.

pub mod fetch;
pub mod http;
pub mod items;
pub mod opml;
pub mod parse;
pub mod subscriptions;

use std::path::PathBuf;

pub use fetch::{FeedReport, FetchOptions, FetchRun, Outcome, Progress, Summary};
pub use items::{ItemStore, StoreError, StoredItem};
pub use subscriptions::{Subscription, UrlsFile, check_url};

use crate::corpus::Warning;

/// Where the subscriptions and the items live.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Locations {
    /// The urls file (see [`UrlsFile::default_path`]).
    pub urls: PathBuf,
    /// The item store (see [`ItemStore::default_path`]).
    pub store: PathBuf,
}

impl Locations {
    /// The XDG places (or lede's own variables); `None` without a home.
    pub fn from_env() -> Option<Locations> {
        Some(Locations {
            urls: UrlsFile::default_path()?,
            store: ItemStore::default_path()?,
        })
    }

    /// The subscriptions, with warnings for lines lede does not fetch.
    pub fn subscriptions(&self) -> Result<(UrlsFile, Vec<Warning>), String> {
        UrlsFile::load(&self.urls)
    }

    /// Every stored item as an article, named and tagged as the urls file
    /// says. No store yet is no items; a store lede cannot use is an
    /// error naming it (a problem with the urls file is a warning).
    pub fn stored_items(&self) -> Result<(Vec<StoredItem>, Vec<Warning>), String> {
        let (subs, warnings) = match self.subscriptions() {
            Ok((file, w)) => (file.subscriptions(), w),
            Err(e) => (vec![], vec![Warning::new(&self.urls, e)]),
        };
        if std::fs::symlink_metadata(&self.store).is_err() {
            return Ok((vec![], warnings));
        }
        let store = ItemStore::open(&self.store).map_err(|e| e.to_string())?;
        let items = store.items(&subs).map_err(|e| e.to_string())?;
        Ok((items, warnings))
    }

    /// Starts fetching every subscribed feed in the background (see
    /// [`FetchRun`]). The warnings are the urls file's.
    pub fn start_fetch(&self, options: FetchOptions) -> Result<(FetchRun, Vec<Warning>), String> {
        let (file, warnings) = self.subscriptions()?;
        let store = ItemStore::open(&self.store).map_err(|e| e.to_string())?;
        Ok((
            FetchRun::start(store, file.subscriptions(), options),
            warnings,
        ))
    }
}

/// An age as `lede feeds prune --older-than` takes it: a number and a
/// unit, `h` (hours), `d` (days), `w` (weeks) or `y` (365 days): `90d`.
pub fn parse_age(s: &str) -> Result<chrono::Duration, String> {
    let s = s.trim();
    let bad =
        || format!("`{s}` is not an age: write a number and a unit, such as 90d, 12w, 1y or 48h");
    let unit = s.chars().last().ok_or_else(bad)?;
    let n: i64 = s[..s.len() - unit.len_utf8()].parse().map_err(|_| bad())?;
    let hours = match unit {
        'h' => 1,
        'd' => 24,
        'w' => 24 * 7,
        'y' => 24 * 365,
        _ => return Err(bad()),
    };
    n.checked_mul(hours)
        .filter(|h| *h >= 0 && *h < 24 * 365 * 10_000)
        .map(chrono::Duration::hours)
        .ok_or_else(bad)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_take_a_unit() {
        assert_eq!(parse_age("90d"), Ok(chrono::Duration::days(90)));
        assert_eq!(parse_age("2w"), Ok(chrono::Duration::days(14)));
        assert_eq!(parse_age("48h"), Ok(chrono::Duration::hours(48)));
        assert_eq!(parse_age("1y"), Ok(chrono::Duration::days(365)));
        for bad in ["", "90", "d", "-1d", "9999999999999d", "3m", "1.5d", "é"] {
            assert!(parse_age(bad).is_err(), "{bad}");
        }
    }
}
