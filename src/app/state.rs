//! The app state: the corpus as loaded, the list, the reader, the entity
//! pane, the current entity and the chrome around them. Everything the
//! screen shows is here, already computed: drawing reads it and never
//! changes it. The operations that touch more than one part (opening an
//! article, refiltering, refreshing the entity pane) are here too, below
//! the handlers that call them ([`super::update`] and its helpers).

use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use crate::config::Config;
use crate::corpus::{Article, Warning};
use crate::marks::ReadMarks;
use crate::resolve::{EntityId, Mention, Resolved};

use super::action::{Cancel, EntityScope, Focus, ListedKey, PassagesOf};
use super::chrome::Chrome;
use super::company::Company;
use super::filtered_list::{self, FilterState, Outcome};
use super::hits;
use super::layout::ReaderLayout;
use super::library::Library;
use super::list::{ListView, Sort};
use super::navigation::Navigation;
use super::pane::{EntityPane, PaneRow};
use super::query::Query;
use super::reader::{HitsOf, Reader, Waiting};
use super::request::{BodyAt, Request};
use super::screen::{Mode, Rect};
use super::timeline::{Timeline, TimelineOf};
use super::words::Handoff;

/// Bodies up to this size are laid out at once; bigger ones on a worker,
/// so a 100 MB report never stalls a keystroke.
const SYNC_LAYOUT_BYTES: usize = 512 * 1024;

/// Lists of at most this many reports have their entities counted at
/// once, on this thread: a walk over 2,000 reports' mentions takes well
/// under 2 ms (100,000 take 68–92 ms, about 0.8 µs a report), cheaper
/// than a worker's round trip and a frame drawn with the old counts.
/// Longer lists are counted on a worker.
pub const SYNC_LISTED_REPORTS: usize = 2_000;

#[derive(Debug)]
pub struct App {
    pub library: Library,
    pub list: ListView,
    pub filter: FilterState,
    pub reader: Reader,
    pub pane: EntityPane,
    pub nav: Navigation,
    pub chrome: Chrome,
    /// Work for the world outside the app, in the order asked.
    requests: Vec<Request>,
    /// A round of the load has ended (later rounds bring files that
    /// appeared and feed items).
    pub(super) loaded_once: bool,
    /// The timeline overlay's, when it was opened.
    pub timeline: Option<Timeline>,
    /// Stops the worker reading its text dates.
    pub(super) timeline_cancel: Option<Cancel>,
    /// The timeline a worker is counting, while it does.
    pub timeline_pending: Option<TimelineOf>,
    /// The company overlay's, when it was opened.
    pub company: Option<Company>,
    /// Stops the worker counting it.
    pub(super) company_cancel: Option<Cancel>,
}

impl App {
    /// The app over a corpus held in memory, its entities resolved, with
    /// the newest article open. It draws as "too small" until the first
    /// [`super::Action::Resize`].
    pub fn new(articles: Vec<Article>, resolved: Resolved, warnings: Vec<Warning>) -> Self {
        let n = articles.len();
        let mut app = App::over(Library::new(articles, resolved, warnings));
        app.list = ListView::new((0..n).collect());
        if n > 0 {
            app.show_article(0);
        }
        app.feed_words();
        app
    }

    /// An app with nothing yet, filled in by a background load through
    /// [`super::Action::Loaded`], [`super::Action::Mentions`] and
    /// [`super::Action::Resolved`].
    pub fn loading() -> Self {
        App::over(Library::for_load())
    }

    fn over(library: Library) -> App {
        App {
            library,
            list: ListView::default(),
            filter: FilterState::default(),
            reader: Reader::default(),
            pane: EntityPane::default(),
            nav: Navigation::default(),
            chrome: Chrome::default(),
            requests: Vec::new(),
            loaded_once: false,
            timeline: None,
            timeline_cancel: None,
            timeline_pending: None,
            company: None,
            company_cancel: None,
        }
    }

    /// Takes what the config sets of the app: the keys (the help shows
    /// them) and the list's width. (Colours and the date format are the
    /// ui's theme.)
    pub fn configure(&mut self, config: &Config) {
        self.chrome
            .configure(config.keys.clone(), config.list_width);
        self.follow_list();
    }

    /// Takes the read marks of earlier runs: articles they name are read.
    pub fn restore_marks(&mut self, marks: ReadMarks) {
        self.library.restore_marks(marks);
    }

    /// The requests queued since the last call, to carry out.
    pub fn take_requests(&mut self) -> Vec<Request> {
        std::mem::take(&mut self.requests)
    }

    /// Whether background filtering (ranking in slices) wants
    /// [`super::Action::Tick`]s.
    pub fn wants_ticks(&self) -> bool {
        self.filter.is_ranking()
    }

    /// The article under the list selection.
    pub fn selected_article(&self) -> Option<usize> {
        self.list.selected_article()
    }

    /// Mentions of the open article, in reading order.
    pub fn open_mentions(&self) -> &[Mention] {
        self.reader.open().map_or(&[], |a| self.library.mentions(a))
    }

    /// The entity `n` / `N` follow.
    pub fn current_entity(&self) -> Option<EntityId> {
        self.nav.current(&self.library)
    }

    /// The entity a mention of the open article names.
    pub fn open_entity_of(&self, m: &Mention) -> EntityId {
        let open = self.reader.open().unwrap_or_default();
        self.library.entity_of(open, m)
    }

    /// The mention under the mention cursor.
    pub fn cursor_mention(&self) -> Option<Mention> {
        self.reader
            .cursor()
            .and_then(|i| self.open_mentions().get(i).copied())
    }

    /// Rows of reader text on screen.
    pub fn reader_rows(&self) -> usize {
        usize::from(self.chrome.screen().reader_text().height)
    }

    /// Rows of the list on screen.
    pub fn list_rows(&self) -> usize {
        self.chrome.screen().list_rows()
    }

    /// Rows of the entity pane on screen.
    pub fn entity_rows(&self) -> usize {
        self.chrome.screen().entity_rows()
    }

    /// Char indices of the open filter's fuzzy matches in an article's
    /// title, for highlighting (visible rows only).
    pub fn title_matches(&self, article: usize) -> Vec<usize> {
        self.filter.title_matches(&self.library.meta(article).title)
    }

    /// Rows of content the open overlay has.
    pub fn overlay_rows(&self) -> usize {
        self.chrome.overlay_rows(self.library.warnings().len())
    }

    /// Where the open overlay is drawn.
    pub fn overlay_rect(&self) -> Option<Rect> {
        self.chrome.overlay_rect(self.library.warnings().len())
    }

    pub(super) fn queue(&mut self, r: Request) {
        self.requests.push(r);
    }

    /// Keeps the list selection in the list and in view.
    pub(super) fn follow_list(&mut self) {
        let rows = self.list_rows();
        self.list.follow(rows);
    }

    /// Opens article `a` in the reader at the user's word: marks it read
    /// (and no longer new) and shows it.
    pub(super) fn open_article(&mut self, a: usize) {
        self.set_read(a, true);
        self.library.seen(a);
        self.show_article(a);
    }

    /// `Enter` on the list: opens the selected article and focuses the
    /// reader. The open article keeps its place; another starts at the
    /// top.
    pub(super) fn open_selected(&mut self) {
        if let Some(a) = self.selected_article() {
            if self.reader.open() == Some(a) {
                self.set_read(a, true);
            } else {
                self.open_article(a);
            }
            self.chrome.focus_on(Focus::Reader);
        }
    }

    /// Marks article `a` read or unread.
    pub(super) fn set_read(&mut self, a: usize, read: bool) {
        self.library.set_read(a, read);
        self.filter.read_marks_changed(self.library.len());
    }

    /// Shows article `a` in the reader without marking it read (the
    /// article a start or a load opens on): lays it out, resets the scroll
    /// and the mention cursor. The current entity stays.
    pub(super) fn show_article(&mut self, a: usize) {
        self.reader.show(a);
        if !self.library.is_extracted(a)
            && let Some(origin) = self.library.origin(a)
        {
            self.queue(Request::Prioritize(origin.file));
        }
        self.relayout();
        if self.pane.scope() == EntityScope::Article {
            self.refresh_entities(true);
        } else {
            self.refresh_first_seen();
        }
        self.ask_new_passages();
    }

    /// Asks for the open article's new passages (on a worker: the earlier
    /// reports' bodies are read from their files), unless they are known
    /// or asked for already, for this body and these earlier reports. A
    /// story's first report has none; a body not read yet is asked again
    /// once it is.
    pub(super) fn ask_new_passages(&mut self) {
        let Some(a) = self.reader.open() else { return };
        let of = PassagesOf {
            article: a,
            body: self.library.meta(a).fingerprint,
            earlier: self.library.story_of(a).earlier(a).to_vec(),
        };
        if !self.reader.wants_passages(&of) {
            return;
        }
        if of.earlier.is_empty() {
            self.reader.know_passages(of, Vec::new());
            return;
        }
        let body = self
            .library
            .body(a)
            .or_else(|| self.reader.open_layout().map(|l| l.body.clone()));
        let Some(body) = body else { return };
        let earlier = of
            .earlier
            .iter()
            .map(|&b| self.library.body_at(b as usize))
            .collect();
        let cancel = Cancel(Arc::new(AtomicBool::new(false)));
        self.reader.ask_passages(of.clone(), cancel.clone());
        self.queue(Request::NewPassages {
            of,
            body,
            earlier,
            cancel,
        });
    }

    /// Wraps the open article to the reader's width, unless already done.
    /// Nothing is wrapped while the screen is too small to show it (nor
    /// before the first resize): a layout one cell wide would be long for
    /// nothing. A body not in memory is asked for first.
    pub(super) fn relayout(&mut self) {
        let Some(a) = self.reader.open() else {
            self.reader.clear();
            return;
        };
        let screen = *self.chrome.screen();
        let width = screen.reader_text().width;
        let have = self.reader.layout().filter(|l| l.article == a);
        if screen.mode == Mode::TooSmall || width == 0 {
            if have.is_none() {
                self.reader.drop_layout();
            }
            return;
        }
        if have.is_some_and(|l| l.width == width) {
            return;
        }
        let body = have
            .map(|l| l.body.clone())
            .or_else(|| self.library.body(a));
        match body {
            Some(body) => self.lay_out(a, body, width),
            None => {
                if self.reader.waiting() == Some(Waiting::Body(a)) {
                    return;
                }
                if let Some(index) = self.library.index_in_file(a) {
                    let request = Request::ReadBody {
                        article: a,
                        at: BodyAt::of(self.library.meta(a), None, index),
                    };
                    self.reader.wait_for(Waiting::Body(a));
                    self.queue(request);
                }
            }
        }
    }

    /// Lays out article `a`'s `body` at `width`: at once when small, on a
    /// worker when big.
    pub(super) fn lay_out(&mut self, a: usize, body: Arc<str>, width: u16) {
        let meta = self.library.meta(a);
        if body.len() <= SYNC_LAYOUT_BYTES {
            let layout = ReaderLayout::new(a, meta, body, width);
            self.reader.set_layout(layout);
            let rows = self.reader_rows();
            self.reader.reveal_pending(rows);
        } else {
            let request = Request::Layout {
                article: a,
                meta: meta.clone(),
                body,
                width,
            };
            self.reader.wait_for(Waiting::Layout(a));
            self.queue(request);
        }
    }

    /// Makes entity `e` current.
    pub(super) fn follow_entity(&mut self, e: EntityId) {
        let surface = self.library.entity(e).surface;
        self.nav.follow(surface);
    }

    /// What the listed articles' counts are for now: the list shown and
    /// the mentions known.
    pub(super) fn listed_key(&self) -> ListedKey {
        (self.list.generation(), self.library.mentions_version())
    }

    /// Counts the surfaces the listed articles mention, for `key`: at once
    /// for a small list, else on a worker (unless one already is), whose
    /// answer the pane keeps when its key is still current.
    fn count_listed(&mut self, key: ListedKey) {
        let reports = self.list.reports();
        if reports.len() <= SYNC_LISTED_REPORTS {
            let counts = self.library.surfaces_in(reports);
            self.pane.stop_counting();
            self.pane.keep_listed_counts(key, counts);
        } else if !self.pane.is_counting(key) {
            let cancel = Cancel(Arc::new(AtomicBool::new(false)));
            self.pane.count_on_worker(key, cancel.clone());
            let request = Request::ListedCounts {
                key,
                reports: reports.into(),
                mentions: self.library.mentions_table(),
                surfaces: self.library.entities().surfaces(),
                cancel,
            };
            self.queue(request);
        }
    }

    /// Recomputes the entity pane's rows for its scope, and which of the
    /// open article's entities are first seen in it.
    pub(super) fn refresh_entities(&mut self, reset_selection: bool) {
        let rows = match self.pane.scope() {
            EntityScope::Article => self
                .reader
                .open()
                .map(|a| self.library.article_entities(a))
                .unwrap_or_default()
                .into_iter()
                .map(|(entity, mentions)| PaneRow {
                    entity,
                    mentions,
                    articles: self.library.entity(entity).articles,
                })
                .collect(),
            EntityScope::Listed => {
                // Surfaces counted once per list (and mentions): a new
                // resolution regroups the counts, it does not walk every
                // mention of the list again.
                let key = self.listed_key();
                if self.pane.listed_counts(key).is_none() {
                    self.count_listed(key);
                }
                // Until a worker's count arrives, the last counts (none at
                // first: the pane says it is counting).
                let counts = self
                    .pane
                    .listed_counts(key)
                    .or(self.pane.last_listed_counts())
                    .unwrap_or_default();
                let articles = self.library.article_counts(self.list.view());
                self.library
                    .entities_by_count(counts, self.list.reports())
                    .into_iter()
                    .map(|(entity, mentions)| PaneRow {
                        entity,
                        mentions,
                        articles: articles[entity as usize],
                    })
                    .collect()
            }
        };
        let visible = self.entity_rows();
        self.pane
            .set_rows(rows, self.library.entities(), reset_selection, visible);
        self.refresh_first_seen();
    }

    /// Which of the open article's entities no earlier report of its
    /// story mentions: none flagged in a story's first report (every
    /// entity is new there, which says nothing).
    pub(super) fn refresh_first_seen(&mut self) {
        let first = match self.reader.open() {
            Some(a) if !self.library.is_first_report(a) => self.library.first_seen_entities(a),
            _ => Vec::new(),
        };
        self.pane.set_first_seen(first);
    }

    /// Re-reads the filter input and shows what it lists.
    pub(super) fn refilter(&mut self) {
        let rows = self.list_rows();
        let o = filtered_list::refilter(&mut self.filter, &self.library, &mut self.list, rows);
        self.after_filtering(o);
    }

    /// What a step of filtering asks for: a text scan, and the entity
    /// pane following the list when it counts the listed articles and a
    /// new list is shown or ranked. (Not for every batch of a load: at
    /// 100,000 articles a recount walks millions of mentions.)
    pub(super) fn after_filtering(&mut self, o: Outcome) {
        if let Some(scan) = o.scan {
            self.queue(scan);
        }
        if (o.shown || o.ranked) && self.pane.scope() == EntityScope::Listed {
            self.refresh_entities(false);
        }
    }

    /// Moves the word index on: the words of articles not yet asked for
    /// are asked of the world (one read at a time), and what was read is
    /// built into segments and merged, all off this thread.
    pub(super) fn feed_words(&mut self) {
        let len = self.library.len();
        if let Some(articles) = self.library.words_mut().next_to_read(len) {
            let lib = &self.library;
            let items = articles
                .into_iter()
                .filter(|&a| !lib.is_gone(a))
                .map(|a| (a as u32, lib.meta(a).title.clone(), lib.body_at(a)))
                .collect();
            self.queue(Request::ReadWords { items });
        }
        // Everything listed has been read: what waits is built, however
        // little; once the load is over, the segments become one.
        let idle = !self.library.is_loading();
        let words = self.library.words_mut();
        if let Some(job) = words.build_job(idle || words.searchable_count() == 0) {
            self.queue(Request::BuildWords(Handoff::new(job)));
        } else if let Some(job) = words.merge_job(idle) {
            self.queue(Request::MergeWords(Handoff::new(job)));
        }
    }

    /// `S`: the list sorted the next way (date, title, source, entities).
    pub(super) fn cycle_sort(&mut self) {
        let sort = self.list.sort().next();
        let ranks = self.sort_ranks(sort);
        let rows = self.list_rows();
        self.list.set_sort(sort, ranks, rows);
        // By date is the list's own order: the filter gives it again.
        if sort == Sort::Date {
            self.refilter();
        }
        self.chrome
            .note(format!("sorted by {} (S: next)", sort.name()));
    }

    /// The list sorted as it is, again (articles arrived since).
    pub(super) fn resort(&mut self) {
        let sort = self.list.sort();
        if sort != Sort::Date {
            let ranks = self.sort_ranks(sort);
            let rows = self.list_rows();
            self.list.set_sort(sort, ranks, rows);
        }
    }

    /// Each article's rank in the order `sort` makes of every article:
    /// titles ignoring case, sources (those without one last), or most
    /// entities first; ties newest first.
    fn sort_ranks(&self, sort: Sort) -> Vec<u32> {
        let lib = &self.library;
        let n = lib.len();
        let mut all: Vec<usize> = lib.order().to_vec();
        match sort {
            Sort::Date => return Vec::new(),
            Sort::Title => {
                let keys: Vec<String> = (0..n).map(|a| lib.meta(a).title.to_lowercase()).collect();
                all.sort_by(|&a, &b| keys[a].cmp(&keys[b]));
            }
            Sort::Source => {
                let keys: Vec<Option<String>> = (0..n)
                    .map(|a| lib.meta(a).source.as_deref().map(str::to_lowercase))
                    .collect();
                all.sort_by(|&a, &b| {
                    (keys[a].is_none(), &keys[a]).cmp(&(keys[b].is_none(), &keys[b]))
                });
            }
            Sort::Entities => {
                let counts: Vec<usize> = (0..n).map(|a| lib.entity_count(a)).collect();
                all.sort_by(|&a, &b| counts[b].cmp(&counts[a]));
            }
        }
        let mut ranks = vec![u32::MAX; n];
        for (r, &a) in all.iter().enumerate() {
            ranks[a] = r as u32;
        }
        ranks
    }

    /// Finds the filter's hits in the open article when the filter, the
    /// article or its body changed (bodies up to [`hits::MAX_BODY`]; a
    /// query that does not parse keeps the hits of the last that did).
    pub(super) fn sync_hits(&mut self) {
        let Some(l) = self.reader.open_layout() else {
            return;
        };
        let of = HitsOf {
            article: l.article,
            body_len: l.body.len(),
            query: self.filter.input().to_string(),
        };
        if self.reader.has_hits_for(&of) {
            return;
        }
        let Ok(query) = Query::parse(&of.query) else {
            return;
        };
        let found = if l.body.len() <= hits::MAX_BODY {
            hits::find(&l.body, &query)
        } else {
            Vec::new()
        };
        self.reader.set_hits(of, found);
    }

    /// Recomputes [`Navigation::position`] when what it depends on
    /// changed.
    pub(super) fn sync_position(&mut self) {
        self.nav.sync(&self.library, &self.reader, &self.list);
    }
}
