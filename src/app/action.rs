//! Everything that can change the app state. Keys, mouse events, resizes,
//! answers to requests and what the background load finds all become an
//! [`Action`]; [`super::update`] applies it. Data only.

use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use super::company::{CompanyOf, Shared};
use super::layout::ReaderLayout;
use super::timeline::{Timeline, TimelineOf};
use super::words::Handoff;
use crate::corpus::{Fingerprint, Warning};
use crate::entities::{DateValue, Kind};
use crate::ingest::{Event as LoadEvent, Listed, Progress};
use crate::resolve::{EntityId, Mention, Resolution, SurfaceId, SurfaceInfo};
use crate::stories::Grouping;
use crate::text_index::{ArticleTerms, Merged, Segment};

/// The panes that can hold the keyboard focus.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Hash)]
pub enum Focus {
    #[default]
    List,
    Reader,
    Entities,
}

/// A window over everything else.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Overlay {
    Help,
    Warnings,
    /// The current entity's mentions over time.
    Timeline,
    /// The entities in the current entity's sentences.
    Company,
}

/// A movement in a list or a scroll in the reader or an overlay.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Move {
    /// By this many rows (negative: up).
    By(isize),
    /// By this many pages (the pane's height).
    Pages(isize),
    First,
    Last,
}

/// Which entities the entity pane lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Hash)]
pub enum EntityScope {
    /// The entities of the open article.
    #[default]
    Article,
    /// The entities of every article in the (filtered) list.
    Listed,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    Quit,
    /// Moves the list selection.
    List(Move),
    /// Scrolls the reader.
    Reader(Move),
    /// Moves the entity pane's selection.
    Entities(Move),
    /// Scrolls the open overlay.
    Overlay(Move),
    /// Opens the selected article in the reader and marks it read.
    OpenSelected,
    /// Marks the selected article unread if it is read, read if not.
    ToggleRead,
    /// Read marks could not be saved.
    SaveFailed(Warning),
    FocusNext,
    FocusPrev,
    Focus(Focus),
    /// Starts editing the filter query.
    FilterStart,
    FilterInput(char),
    /// Pasted text, added to the query at once.
    FilterPaste(String),
    FilterBackspace,
    /// Deletes the last word of the query (Ctrl-W).
    FilterDeleteWord,
    /// Empties the query but keeps editing (Ctrl-U).
    FilterClearInput,
    /// Keeps the query and leaves editing.
    FilterAccept,
    /// Drops the query and leaves editing.
    FilterClear,
    /// `]`: the mention cursor to the next mention in the article.
    NextMention,
    /// `[`
    PrevMention,
    /// `n`: next mention of the current entity, across listed articles.
    NextOfEntity,
    /// `N`
    PrevOfEntity,
    /// `*`: the entity under the mention cursor becomes current.
    FollowCursor,
    /// `Enter` in the entity pane.
    ActivateEntity,
    /// `f` in the entity pane.
    FilterByEntity,
    ToggleEntityScope,
    ShowHelp,
    ShowWarnings,
    CloseOverlay,
    /// `Esc` outside an overlay and the filter's editing: clears the
    /// filter (and the entity it made current), or else stops following
    /// the current entity.
    Escape,
    /// `R`: fetch the feeds again.
    Refetch,
    /// `r`: look at the opened folders again for new, changed and
    /// deleted files.
    Rescan,
    /// `Ctrl-Z`: suspend lede as a shell's job (the terminal does it).
    Suspend,
    /// Something the world could not do, or wants said, for the status
    /// line.
    Note(String),
    /// Files in the opened folders appeared, changed or went while lede
    /// runs: articles of `gone` paths leave the list (those of changed
    /// and added files come back as the load reads them again), and
    /// those of `added` paths are marked new when they arrive.
    FilesChanged {
        gone: Vec<PathBuf>,
        added: Vec<PathBuf>,
    },
    /// Feed items the load is about to read, with their tags (their own
    /// and their feed's), by article id; and items no longer current in
    /// the store (replaced by an edit, pruned), by id, which leave.
    FeedItems {
        tags: Vec<(String, Arc<[String]>)>,
        gone: Vec<String>,
    },
    /// How the feeds' fetch goes.
    Fetching(FetchGauge),
    /// The terminal's size, in cells.
    Resize(u16, u16),
    /// A left click at a cell.
    Click(u16, u16),
    /// The wheel, over a cell, by this many rows.
    Wheel(u16, u16, isize),
    /// A body asked for with [`super::Request::ReadBody`] was read (or not).
    BodyRead {
        article: usize,
        result: Result<ReadBody, String>,
    },
    /// A layout asked for with [`super::Request::Layout`] is ready.
    LayoutReady(Box<ReaderLayout>),
    /// A background load listed these articles.
    Loaded(Vec<Listed>),
    /// ... saw these surfaces for the first time.
    Surfaces(Vec<SurfaceInfo>),
    /// ... found the mentions of these articles.
    Mentions(Vec<(u32, Vec<Mention>)>),
    /// ... resolved the corpus's entities again.
    Resolved(Arc<Resolution>),
    /// ... grouped the corpus into stories again.
    Stories(Arc<Grouping>),
    /// ... and met these problems.
    LoadWarnings(Vec<Warning>),
    LoadProgress(Progress),
    /// The load is over.
    LoadFinished(Progress),
    /// The passages of an article that no earlier report of its story
    /// carried, asked for with [`super::Request::NewPassages`]: byte
    /// ranges of its body, for what `of` says they were computed for.
    NewPassages {
        of: PassagesOf,
        ranges: Vec<Range<usize>>,
    },
    /// Time to move background filtering on (ranking in slices); sent by
    /// the event loop while [`super::App::wants_ticks`].
    Tick,
    /// Part of a text scan asked for with [`super::Request::ScanText`]: how many
    /// more articles were checked, and which of them hold the phrases.
    TextScanned {
        generation: u64,
        checked: usize,
        found: Vec<usize>,
    },
    /// The words of articles, read for the word index
    /// ([`super::Request::ReadWords`]); `done`: the read is over.
    WordsRead {
        terms: Vec<(u32, ArticleTerms)>,
        done: bool,
    },
    /// A segment of the word index, built.
    WordsBuilt(Handoff<Segment>),
    /// Segments of the word index, merged.
    WordsMerged(Handoff<Merged>),
    /// `z`: unfolds the story under the list selection, or folds it.
    FoldStory,
    /// `Z`: the list folds stories, or not.
    ToggleFolding,
    /// `<` `>`: the list this many columns wider (narrower when
    /// negative), for the session.
    ListWidth(i16),
    /// `S`: the list sorted the next way (date, title, source, entities).
    CycleSort,
    // The reading flow (issues 12 and 13).
    /// `}`: scroll to the next passage new in the open report's story.
    NextNew,
    /// `{`
    PrevNew,
    /// `;`: scroll to the next hit of the filter's words and phrases in
    /// the open article.
    NextHit,
    /// `,`
    PrevHit,
    /// `J`: open the next article of the list (the reader stays open).
    NextArticle,
    /// `K`
    PrevArticle,
    /// `.`: open the next unread article of the list.
    NextUnread,
    /// `M`: mark every listed article read.
    MarkAllRead,
    /// `U`: undo the last `M`.
    UndoMarkAll,
    /// `s`: star or unstar the article (the selected one in the list,
    /// else the open one).
    ToggleStar,
    /// `o`: open the article's address in a browser.
    OpenUrl,
    /// `e`: open the article's file in `$PAGER`.
    Pager,
    /// `y`: copy the address, the entity's name, or the paragraph.
    Copy,
    /// `p` `o` `l` `m` `d` in the entity pane: shows or hides the
    /// entities of a kind.
    ToggleKind(Kind),
    /// `/` in the entity pane: starts typing to find an entity.
    FindStart,
    /// Text typed (or pasted) into the find.
    FindInput(String),
    FindBackspace,
    /// Deletes the last word of the find.
    FindDeleteWord,
    /// Empties the find but keeps typing.
    FindClearInput,
    /// Keeps the find (the pane stays narrowed to what it finds).
    FindAccept,
    /// Drops the find.
    FindCancel,
    /// `T`: the current (or selected) entity's timeline, in an overlay.
    ShowTimeline,
    /// Moves the timeline's selected period by this many bars.
    TimelinePeriod(isize),
    /// `Enter` on the timeline: the list is filtered to the selected
    /// period (a `date:` term, shown in the filter).
    FilterToPeriod,
    /// `C`: the entities in the current (or selected) entity's
    /// sentences, in an overlay.
    ShowCompany,
    /// `Enter` in the company: the selected entity becomes current.
    FollowCompany,
    /// The company asked for with [`super::Request::Company`].
    CompanyFound {
        of: CompanyOf,
        rows: Vec<(EntityId, Shared)>,
    },
    /// The timeline asked for with [`super::Request::Timeline`], counted
    /// by the articles' dates (`None`: no listed article with a date
    /// mentions its entity).
    TimelineFound {
        of: TimelineOf,
        timeline: Option<Box<Timeline>>,
    },
    /// The listed articles' surface counts asked for with
    /// [`super::Request::ListedCounts`], for the list and mentions of `key`.
    ListedCounted {
        key: ListedKey,
        counts: Vec<(SurfaceId, u32)>,
    },
    /// The dates the text gives for the timeline's mentions, asked for
    /// with [`super::Request::Timeline`].
    TextDates {
        of: TimelineOf,
        dates: Vec<DateValue>,
    },
}

impl Action {
    /// Whether the user did this (rather than the terminal or background
    /// work): after the first, the list keeps the selection where the user
    /// put it while articles arrive.
    pub fn by_user(&self) -> bool {
        !matches!(
            self,
            Action::Resize(..)
                | Action::BodyRead { .. }
                | Action::LayoutReady(_)
                | Action::Loaded(_)
                | Action::Surfaces(_)
                | Action::Mentions(_)
                | Action::Resolved(_)
                | Action::Stories(_)
                | Action::NewPassages { .. }
                | Action::LoadWarnings(_)
                | Action::LoadProgress(_)
                | Action::LoadFinished(_)
                | Action::Tick
                | Action::TextScanned { .. }
                | Action::SaveFailed(_)
                | Action::Note(_)
                | Action::FilesChanged { .. }
                | Action::FeedItems { .. }
                | Action::Fetching(_)
                | Action::WordsRead { .. }
                | Action::WordsBuilt(_)
                | Action::WordsMerged(_)
                | Action::TextDates { .. }
                | Action::TimelineFound { .. }
                | Action::CompanyFound { .. }
                | Action::ListedCounted { .. }
        )
    }

    /// The action for an event of a background load; `None` for what the
    /// app does not use (story sketches: its loads group them, and send
    /// the stories).
    pub fn from_load(event: LoadEvent) -> Option<Action> {
        Some(match event {
            LoadEvent::Listed(a) => Action::Loaded(a),
            LoadEvent::Surfaces(s) => Action::Surfaces(s),
            LoadEvent::Mentions(m) => Action::Mentions(m),
            LoadEvent::Sketches(_) => return None,
            LoadEvent::Resolved(r) => Action::Resolved(r),
            LoadEvent::Stories(g) => Action::Stories(g),
            LoadEvent::Warnings(w) => {
                Action::LoadWarnings(w.into_iter().map(|n| n.warning).collect())
            }
            LoadEvent::Progress(p) => Action::LoadProgress(p),
            LoadEvent::Finished(p) => Action::LoadFinished(p),
        })
    }
}

/// What the listed articles' surface counts were counted for: (list
/// generation, mentions version).
pub type ListedKey = (u64, u64);

/// A flag that stops background work the app no longer wants. Two are
/// equal when they are the same flag.
#[derive(Clone, Debug)]
pub struct Cancel(pub Arc<AtomicBool>);

impl PartialEq for Cancel {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for Cancel {}

/// What an article's new passages are computed for: the article, the
/// body it holds (its fingerprint) and the earlier reports of its story
/// (earliest first). An answer for anything else is stale.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PassagesOf {
    pub article: usize,
    pub body: Fingerprint,
    pub earlier: Vec<u32>,
}

/// The feeds' fetch, for the status line's gauge.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FetchGauge {
    /// Feeds fetched (or failed) of `total`.
    pub done: usize,
    pub total: usize,
    /// Items new or edited so far, and feeds that failed.
    pub new_items: usize,
    pub failed: usize,
    /// The fetch is over.
    pub over: bool,
}

/// A body read back from its file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadBody {
    pub body: Arc<str>,
    /// The file no longer holds the body the entities were found in.
    pub changed: bool,
}
