//! Work the app asks of the world outside it: reading a body, laying out a
//! huge one, scanning text on disk, prioritising part of the background
//! load. Data only; [`crate::world`] carries requests out.

use std::path::PathBuf;
use std::sync::Arc;

use chrono::NaiveDate;

use super::action::{Cancel, ListedKey, PassagesOf};
use super::company::CompanyOf;
use super::timeline::TimelineOf;
use super::words::Handoff;
use crate::corpus::ArticleMeta;
use crate::ingest::Origin;
use crate::resolve::{EntityMap, Mention};
use crate::text_index::{BuildJob, MergeJob};

/// Work the app asks of the world outside it (files, threads): `update`
/// queues these ([`super::App::take_requests`] hands them over), the event loop (or a test)
/// carries them out ([`crate::world`]) and answers with an
/// [`super::Action`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Request {
    /// Read the body of article `article` again, from where `at` says:
    /// answered by [`super::Action::BodyRead`].
    ReadBody { article: usize, at: BodyAt },
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
    /// Read the words of these articles `(article, title, body)` for the
    /// word index: answered by [`super::Action::WordsRead`]s, the last
    /// one `done`.
    ReadWords { items: Vec<(u32, String, BodyAt)> },
    /// Build these words into a segment of the index: answered by
    /// [`super::Action::WordsBuilt`].
    BuildWords(Handoff<BuildJob>),
    /// Merge segments of the index: answered by
    /// [`super::Action::WordsMerged`].
    MergeWords(Handoff<MergeJob>),
    // Effects of the reading flow: the terminal's layer carries them out
    // (a program in the foreground suspends the screen, as Ctrl-Z does).
    /// Open this address (http or https) with `$BROWSER`, or else the
    /// system's opener: answered by a [`super::Action::Note`] if it
    /// cannot.
    OpenUrl(String),
    /// Show this file in `$PAGER` (or `less`), the screen restored
    /// meanwhile and redrawn after.
    Pager(PathBuf),
    /// Put this text (already inert) on the terminal's clipboard (OSC 52).
    Copy(String),
    /// Count, for the timeline `of`, the entity's mentions in these
    /// articles by their dates: answered by [`super::Action::TimelineFound`];
    /// then read their bodies for the dates their sentences give:
    /// answered by [`super::Action::TextDates`]; unless cancelled.
    Timeline {
        of: TimelineOf,
        articles: Shelf,
        map: EntityMap,
        cancel: Cancel,
    },
    /// Count the surfaces the listed articles `reports` mention, for the
    /// list and mentions of `key` (read from `mentions`, a handle on the
    /// library's table, which knows `surfaces` surfaces then): answered
    /// by [`super::Action::ListedCounted`], unless cancelled.
    ListedCounts {
        key: ListedKey,
        reports: Arc<[usize]>,
        mentions: Arc<Vec<Option<Arc<[Mention]>>>>,
        surfaces: usize,
        cancel: Cancel,
    },
    /// Read these articles' bodies and count, for the company `of`, the
    /// entities in the sentences of its entity: answered by
    /// [`super::Action::CompanyFound`], unless cancelled.
    Company {
        of: CompanyOf,
        articles: Shelf,
        map: EntityMap,
        cancel: Cancel,
    },
}

/// Articles as a worker reads them, away from the library: handles on
/// the library's tables of metadata and of mentions (one reference count
/// each, however many articles), the articles picked and where each
/// body is. Handing a worker 100,000 costs the UI thread well under a
/// millisecond.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shelf {
    metas: Arc<Vec<Arc<ArticleMeta>>>,
    mentions: Arc<Vec<Option<Arc<[Mention]>>>>,
    /// Each article, its body when held in memory, and which article of
    /// its file it is (when read from the file).
    picked: Vec<(usize, Option<Arc<str>>, u32)>,
}

/// One article of a [`Shelf`].
#[derive(Clone, Copy, Debug)]
pub struct Shelved<'s> {
    pub article: usize,
    pub meta: &'s ArticleMeta,
    /// Its mentions, in reading order (none until extracted).
    pub mentions: &'s [Mention],
    held: Option<&'s Arc<str>>,
    index: u32,
}

impl Shelf {
    pub fn new(
        metas: Arc<Vec<Arc<ArticleMeta>>>,
        mentions: Arc<Vec<Option<Arc<[Mention]>>>>,
        picked: Vec<(usize, Option<Arc<str>>, u32)>,
    ) -> Shelf {
        Shelf {
            metas,
            mentions,
            picked,
        }
    }

    pub fn len(&self) -> usize {
        self.picked.len()
    }

    pub fn is_empty(&self) -> bool {
        self.picked.is_empty()
    }

    /// The articles picked, in their order.
    pub fn iter(&self) -> impl Iterator<Item = Shelved<'_>> {
        self.picked.iter().map(|(a, held, index)| Shelved {
            article: *a,
            meta: &self.metas[*a],
            mentions: self.mentions[*a].as_deref().unwrap_or_default(),
            held: held.as_ref(),
            index: *index,
        })
    }
}

impl Shelved<'_> {
    /// Where its body is to be had.
    pub fn body_at(&self) -> BodyAt {
        BodyAt::of(self.meta, self.held.cloned(), self.index)
    }
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

impl BodyAt {
    /// The body of the article of `meta`: `held` in memory, or else
    /// article `index` of its file.
    pub fn of(meta: &ArticleMeta, held: Option<Arc<str>>, index: u32) -> BodyAt {
        match held {
            Some(body) => BodyAt::Held(body),
            None => BodyAt::File {
                path: meta.path.clone(),
                id: meta.id.clone(),
                index,
                len: meta.fingerprint.len,
                hash: meta.fingerprint.hash,
            },
        }
    }
}
