//! Work the app asks of the world outside it: reading a body, laying out a
//! huge one, scanning text on disk, prioritising part of the background
//! load. Data only; [`crate::world`] carries requests out.

use std::path::PathBuf;
use std::sync::Arc;

use chrono::NaiveDate;

use super::action::{Cancel, PassagesOf};
use super::company::{CompanyOf, Mentioned};
use super::timeline::{DatedText, TimelineOf};
use crate::corpus::ArticleMeta;
use crate::ingest::Origin;

/// Work the app asks of the world outside it (files, threads): `update`
/// queues these ([`super::App::take_requests`] hands them over), the event loop (or a test)
/// carries them out ([`crate::world`]) and answers with an
/// [`super::Action`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Request {
    /// Read article `index` of `path` again: answered by
    /// [`super::Action::BodyRead`].
    ReadBody {
        article: usize,
        path: PathBuf,
        /// The article's id (`stem#line` for a JSON Lines record: the
        /// line it is on, so the record is read alone).
        id: String,
        index: u32,
        len: u64,
        hash: u64,
    },
    /// Extract the articles of this file (of the background load) before
    /// any other: the user is looking at one.
    Prioritize(u32),
    /// Check the phrases `(phrase, negated)` in the bodies of these
    /// articles `(article, path, index in file)`: answered by
    /// [`super::Action::TextScanned`]s, until done or cancelled.
    ScanText {
        generation: u64,
        phrases: Vec<(String, bool)>,
        items: Vec<(usize, PathBuf, u32)>,
        cancel: Cancel,
    },
    /// Find the entities of article `article` again: its file changed on
    /// disk and now holds `body`. Answered by the background load with an
    /// [`super::Action::Mentions`] (and a new resolution).
    ExtractAgain {
        article: usize,
        origin: Origin,
        path: PathBuf,
        body: Arc<str>,
        date: Option<NaiveDate>,
    },
    /// Find the passages of `body` (of article `of.article`) that none
    /// of the bodies `earlier` (its story's earlier reports) carried:
    /// answered by [`super::Action::NewPassages`], unless cancelled.
    NewPassages {
        of: PassagesOf,
        body: Arc<str>,
        earlier: Vec<BodyAt>,
        cancel: Cancel,
    },
    /// These articles are gone (their file was deleted or changed, their
    /// feed item replaced): their entities no longer count.
    Forget(Vec<usize>),
    /// Fetch the feeds (`R`): answered by [`super::Action::Fetching`]s,
    /// or a [`super::Action::Note`] saying why not.
    Fetch,
    /// Look at the opened folders again (`r`): answered by a
    /// [`super::Action::FilesChanged`] if anything changed, or a
    /// [`super::Action::Note`].
    Rescan,
    /// Lay out a body too big to lay out between two keystrokes: answered
    /// by [`super::Action::LayoutReady`].
    Layout {
        article: usize,
        meta: ArticleMeta,
        body: Arc<str>,
        width: u16,
    },
    /// Read these bodies and give, for the timeline `of`, the dates
    /// their sentences give for the entity's mentions: answered by
    /// [`super::Action::TextDates`], unless cancelled.
    TextDates {
        of: TimelineOf,
        items: Vec<(BodyAt, DatedText)>,
        cancel: Cancel,
    },
    /// Read these bodies and count, for the company `of`, the entities
    /// in the sentences of its entity (each body with its mentions, in
    /// reading order): answered by [`super::Action::CompanyFound`],
    /// unless cancelled.
    Company {
        of: CompanyOf,
        items: Vec<(BodyAt, Mentioned)>,
        cancel: Cancel,
    },
}

/// Where a body is to be had: in memory, or read back from its file
/// (article `index` of `path`, the body of that length and hash).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BodyAt {
    Held(Arc<str>),
    File {
        path: PathBuf,
        /// The article's id (a JSON Lines record is read alone by it).
        id: String,
        index: u32,
        len: u64,
        hash: u64,
    },
}
