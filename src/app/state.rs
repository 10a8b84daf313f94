//! The app state: articles, their entities, and where the reader is.
//! Everything the screen shows is here, already computed: drawing reads it
//! and never changes it (see [`super::update()`]).

use crate::base::hash::FxHashMap;
use crate::corpus::{Article, ArticleMeta, Warning};
use crate::entities::ArticleEntities;
use crate::index::{EntityId, EntityIndex, Mention};
use crate::ingest::{ArticleKey as LoadKey, Progress};
use crate::marks::ReadMarks;

use super::action::{EntityScope, Focus, Overlay, Request};
use super::bodies::{Bodies, BodySource};
use super::columns::Columns;
use super::filter::Matcher;
use super::filtering::Bits;
use super::help;
use super::layout::ReaderLayout;
use super::screen::{Rect, Screen};
use super::search::{Prepared, Ranking};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

/// Widest the overlays get.
pub const HELP_WIDTH: u16 = 84;
pub const WARNINGS_WIDTH: u16 = 100;

/// The filter query as typed, whether it is being edited, and the last
/// version of it that parsed (which the list shows).
#[derive(Debug, Default)]
pub struct FilterState {
    pub input: String,
    pub editing: bool,
    /// The query the list is filtered by; `None` when empty.
    pub applied: Option<Prepared>,
    /// Why `input` does not parse; the list keeps the last good query.
    pub error: Option<String>,
    pub matcher: Matcher,
    /// Articles that may pass the applied query (they passed on what is in
    /// memory, or wait for a text scan): where a narrower query looks.
    pub(super) candidates: Bits,
    /// Articles waiting for the text scan, and those it found.
    pub(super) text_found: Vec<usize>,
    /// Bumped by every new query: late results of an old one are dropped.
    pub(super) generation: u64,
    /// Scoring of the matches in progress (large lists rank between
    /// frames).
    pub ranking: Option<Ranking>,
    /// A text scan in progress: articles to check, and a way to stop it.
    pub scanning: Option<Scan>,
}

/// A phrase search over bodies read from disk.
#[derive(Debug, Clone)]
pub struct Scan {
    pub total: usize,
    pub checked: usize,
    pub cancel: Arc<AtomicBool>,
}

impl FilterState {
    pub fn is_active(&self) -> bool {
        self.applied.is_some() || !self.input.is_empty()
    }
}

#[derive(Debug, Default)]
pub struct ReaderState {
    /// The open article wrapped to the reader's width; rebuilt on open and
    /// on resize, never while drawing.
    pub layout: Option<ReaderLayout>,
    /// What the reader waits for: the body being read, or a big body being
    /// laid out (the reader says so meanwhile).
    pub waiting: Option<Waiting>,
    /// First visible row of `layout`.
    pub scroll: usize,
    /// The mention cursor: an index into the open article's mentions.
    pub cursor: Option<usize>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Waiting {
    Body(usize),
    Layout(usize),
}

#[derive(Debug, Default)]
pub struct EntityPane {
    pub scope: EntityScope,
    /// `(entity, mentions)`, most mentioned first.
    pub rows: Vec<(EntityId, u32)>,
    pub selected: usize,
    pub offset: usize,
}

/// Where the mention cursor stands among the current entity's mentions:
/// the status line's `Khalifa Haftar 3/12 · article 2/2`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Position {
    pub entity: EntityId,
    /// 1-based, when the cursor is on a mention of the entity.
    pub index: Option<usize>,
    /// Mentions of the entity in the open article.
    pub in_article: usize,
    /// 1-based rank of the open article among the listed articles that
    /// mention the entity; `None` when it is not one of them.
    pub article: Option<usize>,
    /// Listed articles that mention the entity.
    pub articles: usize,
}

/// (entity, open article, cursor).
pub(super) type MentionKey = (EntityId, Option<usize>, Option<usize>);
/// (entity, open article, view generation).
pub(super) type ArticleKey = (EntityId, Option<usize>, u64);

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub error: bool,
}

#[derive(Debug)]
pub struct App {
    pub articles: Vec<ArticleMeta>,
    pub bodies: Bodies,
    /// Work for the world outside the app, in the order asked.
    pub requests: Vec<Request>,
    pub index: EntityIndex,
    pub warnings: Vec<Warning>,
    /// Read marks, by article index.
    pub read: Vec<bool>,
    /// Articles not read yet, kept with `read`.
    pub(super) unread: usize,
    /// Read marks by body fingerprint: this run's and earlier runs' (see
    /// [`App::restore_marks`]); what is saved for the next run.
    pub marks: ReadMarks,
    /// Titles, dates and distinct entities (sorted by id) of every
    /// article, packed for the filter.
    pub columns: Columns,
    /// Every article, newest first: the list when no filter is active.
    pub order: Vec<usize>,
    /// Where each article came from in a background load (`None` for
    /// articles given to [`App::new`]), and the way back.
    pub origin: Vec<Option<LoadKey>>,
    pub(super) by_origin: FxHashMap<LoadKey, usize>,
    /// Each article's place in the newest-first order, packed.
    pub(super) rank: Vec<(u32, u64)>,
    /// Entities that arrived before their article was listed.
    pub(super) early_entities: FxHashMap<LoadKey, ArticleEntities>,
    /// Progress of the background load; `None` once it is done (or when
    /// there was none).
    pub loading: Option<Progress>,
    /// Whether the user has done anything yet: until then the selection
    /// stays on the newest article as articles arrive.
    pub(super) touched: bool,
    /// Article indices the list shows, in display order.
    pub view: Vec<usize>,
    /// Bumped whenever `view` changes.
    pub view_generation: u64,
    /// Position of the selection in `view`.
    pub selected: usize,
    /// First visible row of the list.
    pub list_offset: usize,
    pub filter: FilterState,
    /// The article the reader shows.
    pub open: Option<usize>,
    pub reader: ReaderState,
    pub entities: EntityPane,
    /// The entity `n` / `N` follow.
    pub current: Option<EntityId>,
    pub position: Option<Position>,
    /// What `position` was computed for: (entity, open, cursor) for the
    /// mention part, (entity, open, view generation) for the article part.
    pub(super) position_keys: (Option<MentionKey>, Option<ArticleKey>),
    pub focus: Focus,
    pub overlay: Option<Overlay>,
    pub overlay_scroll: usize,
    pub screen: Screen,
    /// A one-off note for the status line, cleared by the next action.
    pub message: Option<Message>,
    pub should_quit: bool,
}

impl App {
    /// The app over a corpus, with the newest article open. It draws as
    /// "too small" until the first [`super::Action::Resize`].
    pub fn new(articles: Vec<Article>, index: EntityIndex, warnings: Vec<Warning>) -> Self {
        let n = articles.len();
        let mut bodies = Bodies::default();
        let articles: Vec<ArticleMeta> = articles
            .into_iter()
            .map(|a| {
                let (meta, body) = a.split();
                bodies.push(BodySource::Resident(body.into()));
                meta
            })
            .collect();
        let mut columns = Columns::default();
        for (i, a) in articles.iter().enumerate() {
            columns.push(
                &a.title,
                a.date,
                &super::update::distinct_entities(&index, i),
            );
        }
        let mut app = App {
            view: (0..n).collect(),
            order: (0..n).collect(),
            origin: vec![None; n],
            rank: articles
                .iter()
                .enumerate()
                .map(|(i, a)| super::loading::rank(a.date, None, i))
                .collect(),
            by_origin: FxHashMap::default(),
            early_entities: FxHashMap::default(),
            loading: None,
            touched: false,
            view_generation: 0,
            read: vec![false; n],
            unread: n,
            marks: ReadMarks::default(),
            columns,
            articles,
            bodies,
            requests: Vec::new(),
            index,
            warnings,
            selected: 0,
            list_offset: 0,
            filter: FilterState::default(),
            open: None,
            reader: ReaderState::default(),
            entities: EntityPane::default(),
            current: None,
            position: None,
            position_keys: (None, None),
            focus: Focus::List,
            overlay: None,
            overlay_scroll: 0,
            screen: Screen::default(),
            message: None,
            should_quit: false,
        };
        if n > 0 {
            super::update::show_article(&mut app, 0);
        }
        app
    }

    /// An app with nothing yet, filled in by a background load through
    /// [`super::Action::Loaded`] and [`super::Action::Extracted`].
    pub fn loading() -> Self {
        let mut app = App::new(Vec::new(), EntityIndex::new(), Vec::new());
        app.loading = Some(Progress::default());
        app
    }

    /// Takes the read marks of earlier runs: articles they name are read.
    pub fn restore_marks(&mut self, marks: ReadMarks) {
        self.marks = marks;
        for a in 0..self.articles.len() {
            self.read[a] = self
                .bodies
                .fingerprint(a)
                .is_some_and(|k| self.marks.contains(k));
        }
        self.unread = self.read.iter().filter(|r| !**r).count();
    }

    /// The distinct entities article `a` mentions, sorted by id.
    pub fn entities_of(&self, a: usize) -> &[EntityId] {
        self.columns.entities(a)
    }

    /// The article under the list selection.
    pub fn selected_article(&self) -> Option<usize> {
        self.view.get(self.selected).copied()
    }

    pub fn unread_count(&self) -> usize {
        self.unread
    }

    /// Mentions of the open article, in reading order.
    pub fn open_mentions(&self) -> &[Mention] {
        self.open.map_or(&[], |a| self.index.mentions(a))
    }

    /// The mention under the mention cursor.
    pub fn cursor_mention(&self) -> Option<Mention> {
        self.reader
            .cursor
            .and_then(|i| self.open_mentions().get(i).copied())
    }

    /// The requests queued since the last call, to carry out.
    pub fn take_requests(&mut self) -> Vec<Request> {
        std::mem::take(&mut self.requests)
    }

    /// Rows of reader text on screen.
    pub fn reader_rows(&self) -> usize {
        usize::from(self.screen.reader_text().height)
    }

    /// Char indices of the open filter's fuzzy matches in an article's
    /// title, for highlighting (visible rows only).
    pub fn title_matches(&self, article: usize) -> Vec<usize> {
        match &self.filter.applied {
            Some(f) => self
                .filter
                .matcher
                .title_indices(&f.query, &self.articles[article].title),
            None => Vec::new(),
        }
    }

    /// Rows of content the open overlay has.
    pub fn overlay_rows(&self) -> usize {
        match self.overlay {
            Some(Overlay::Help) => help::rows(),
            // Most warnings take a line or two once wrapped.
            Some(Overlay::Warnings) => self.warnings.len().saturating_mul(2).max(1),
            None => 0,
        }
    }

    /// Where the open overlay is drawn.
    pub fn overlay_rect(&self) -> Option<Rect> {
        let max_w = match self.overlay? {
            Overlay::Help => HELP_WIDTH,
            Overlay::Warnings => WARNINGS_WIDTH,
        };
        Some(self.screen.overlay(max_w, self.overlay_rows()))
    }
}
