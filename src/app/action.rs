//! Everything that can change the app state. Keys, mouse events, resizes
//! (and, later, background work) all become an [`Action`]; [`super::update()`]
//! applies it.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use super::bodies::{ReadBody, read_body};
use super::layout::ReaderLayout;
use crate::corpus::{ArticleMeta, Warning};
use crate::entities::ArticleEntities;
use crate::ingest::{ArticleKey as LoadKey, Event as LoadEvent, Loaded, Progress};

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
    /// The terminal's size, in cells.
    Resize(u16, u16),
    /// A left click at a cell.
    Click(u16, u16),
    /// The wheel, over a cell, by this many rows.
    Wheel(u16, u16, isize),
    /// A body asked for with [`Request::ReadBody`] was read (or not).
    BodyRead {
        article: usize,
        result: Result<ReadBody, String>,
    },
    /// A layout asked for with [`Request::Layout`] is ready.
    LayoutReady(Box<ReaderLayout>),
    /// A background load listed these articles.
    Loaded(Vec<Loaded>),
    /// ... and found these articles' entities.
    Extracted(Vec<(LoadKey, ArticleEntities)>),
    /// ... and met these problems.
    LoadWarnings(Vec<Warning>),
    LoadProgress(Progress),
    /// The load is over: entities are linked across the corpus.
    LoadFinished(Progress),
    /// Time to move background filtering on (ranking in slices); sent by
    /// the event loop while [`super::filtering::busy`].
    Tick,
    /// Part of a text scan asked for with [`Request::ScanText`]: how many
    /// more articles were checked, and which of them hold the phrases.
    TextScanned {
        generation: u64,
        checked: usize,
        found: Vec<usize>,
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
                | Action::Extracted(_)
                | Action::LoadWarnings(_)
                | Action::LoadProgress(_)
                | Action::LoadFinished(_)
                | Action::Tick
                | Action::TextScanned { .. }
                | Action::SaveFailed(_)
        )
    }

    /// The action for an event of a background load.
    pub fn from_load(event: LoadEvent) -> Action {
        match event {
            LoadEvent::Articles(a) => Action::Loaded(a),
            LoadEvent::Entities(e) => Action::Extracted(e),
            LoadEvent::Warnings(w) => Action::LoadWarnings(w),
            LoadEvent::Progress(p) => Action::LoadProgress(p),
            LoadEvent::Finished(p) => Action::LoadFinished(p),
        }
    }
}

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

/// Work the app asks of the world outside it (files, threads): `update`
/// queues these in [`super::App::requests`], the event loop (or a test)
/// carries them out and answers with an [`Action`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Request {
    /// Read article `index` of `path` again: answered by
    /// [`Action::BodyRead`].
    ReadBody {
        article: usize,
        path: PathBuf,
        index: u32,
        len: u64,
        hash: u64,
    },
    /// Extract the articles of this file (of the background load) before
    /// any other: the user is looking at one.
    Prioritize(u32),
    /// Check the phrases `(phrase, negated)` in the bodies of these
    /// articles `(article, path, index in file)`: answered by
    /// [`Action::TextScanned`]s, until done or cancelled.
    ScanText {
        generation: u64,
        phrases: Vec<(String, bool)>,
        items: Vec<(usize, PathBuf, u32)>,
        cancel: Cancel,
    },
    /// Lay out a body too big to lay out between two keystrokes: answered
    /// by [`Action::LayoutReady`].
    Layout {
        article: usize,
        meta: ArticleMeta,
        body: Arc<str>,
        width: u16,
    },
}

impl Request {
    /// Carries the request out on this thread (tests; small work),
    /// handing each answer to `emit`. A request for the background load
    /// has no answer here.
    pub fn run(self, mut emit: impl FnMut(Action)) {
        emit(match self {
            Request::Prioritize(_) => return,
            Request::ScanText {
                generation,
                phrases,
                items,
                cancel,
            } => {
                super::filtering::scan_text(generation, &phrases, items, &cancel.0, emit);
                return;
            }
            Request::ReadBody {
                article,
                path,
                index,
                len,
                hash,
            } => Action::BodyRead {
                article,
                result: read_body(&path, index, len, hash),
            },
            Request::Layout {
                article,
                meta,
                body,
                width,
            } => Action::LayoutReady(Box::new(ReaderLayout::new(article, &meta, body, width))),
        });
    }
}
