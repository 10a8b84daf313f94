//! The reader: which article is open, its layout, where it is scrolled
//! to, the mention cursor, its new passages, and what it waits for.

use std::ops::Range;
use std::sync::atomic::Ordering;

use super::action::{Cancel, Move, PassagesOf};
use super::layout::ReaderLayout;
use crate::resolve::Mention;

/// What the reader waits for: the body being read, or a big body being
/// laid out (the reader says so meanwhile).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Waiting {
    Body(usize),
    Layout(usize),
}

#[derive(Debug, Default)]
pub struct Reader {
    /// The article the reader shows.
    open: Option<usize>,
    /// The open article wrapped to the reader's width; rebuilt on open and
    /// on resize, never while drawing.
    layout: Option<ReaderLayout>,
    waiting: Option<Waiting>,
    /// First visible row of `layout`.
    scroll: usize,
    /// The mention cursor: an index into the open article's mentions.
    cursor: Option<usize>,
    /// The open article's passages new in its story, and what they were
    /// computed for.
    passages: Option<(PassagesOf, Vec<Range<usize>>)>,
    /// New passages asked for and not answered yet.
    asked: Option<(PassagesOf, Cancel)>,
    /// The new passage `}` / `{` last took the reader to.
    new_at: Stepped,
    /// The open filter's hits in the open article (words and phrases),
    /// and the query and body they were found for.
    hits: Option<(HitsOf, Vec<Range<usize>>)>,
    /// The hit `;` / `,` last took the reader to.
    hit_at: Stepped,
    /// The body offset of the cursor's mention, to scroll into view once
    /// the layout arrives (a jump into an article not laid out yet).
    reveal: Option<usize>,
}

/// What filter hits were found for: the article, its body's length and
/// the filter's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HitsOf {
    pub article: usize,
    pub body_len: usize,
    pub query: String,
}

/// Where a step through ranges of the body (new passages, filter hits)
/// left the reader: the range's index, and the scroll then (a step from
/// elsewhere, once the user scrolled away, starts from what is on screen).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Stepped(Option<(usize, usize)>);

/// Which ranges of the open body a step goes through.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ranges {
    NewPassages,
    Hits,
}

/// Where a step went: the range's index, and whether it wrapped around.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Step {
    pub index: usize,
    pub wrapped: bool,
}

impl Reader {
    pub fn open(&self) -> Option<usize> {
        self.open
    }

    pub fn layout(&self) -> Option<&ReaderLayout> {
        self.layout.as_ref()
    }

    /// The layout, if it is the open article's.
    pub fn open_layout(&self) -> Option<&ReaderLayout> {
        self.layout
            .as_ref()
            .filter(|l| Some(l.article) == self.open)
    }

    pub fn waiting(&self) -> Option<Waiting> {
        self.waiting
    }

    pub fn scroll(&self) -> usize {
        self.scroll
    }

    pub fn cursor(&self) -> Option<usize> {
        self.cursor
    }

    /// Opens article `a` at its top, no mention under the cursor. The new
    /// passages of another article go, and asking for them stops.
    pub fn show(&mut self, a: usize) {
        if self.open != Some(a) {
            self.passages = None;
            self.stop_asking();
            self.hits = None;
        }
        self.open = Some(a);
        self.scroll = 0;
        self.cursor = None;
        self.new_at = Stepped::default();
        self.hit_at = Stepped::default();
        self.reveal = None;
    }

    /// The open filter's hits in the open article, in order; empty when
    /// there are none (or no filter).
    pub fn hits(&self) -> &[Range<usize>] {
        self.hits
            .as_ref()
            .filter(|(of, _)| Some(of.article) == self.open)
            .map_or(&[], |(_, h)| h.as_slice())
    }

    /// Whether the hits known are for `of`.
    pub fn has_hits_for(&self, of: &HitsOf) -> bool {
        self.hits.as_ref().is_some_and(|(h, _)| h == of)
    }

    /// The hits of the open filter in the open article, found for `of`.
    pub fn set_hits(&mut self, of: HitsOf, hits: Vec<Range<usize>>) {
        self.hits = Some((of, hits));
        self.hit_at = Stepped::default();
    }

    /// The index of the new passage (`NewPassages`) or hit (`Hits`) the
    /// last step took the reader to.
    pub fn stepped(&self, which: Ranges) -> Option<usize> {
        match which {
            Ranges::NewPassages => self.new_at.0.map(|(i, _)| i),
            Ranges::Hits => self.hit_at.0.map(|(i, _)| i),
        }
    }

    /// `}` `{` (new passages) and `;` `,` (hits): scrolls to the next
    /// (`forward`) or previous range of `which`, `rows` rows shown. From
    /// the range the last step went to, while the reader stays where it
    /// took it; else from what is on screen: the first range below its
    /// top row, or the last above it. Wraps at either end; `None` when
    /// there is no range (or no layout).
    pub fn step(&mut self, which: Ranges, forward: bool, rows: usize) -> Option<Step> {
        let ranges = match which {
            Ranges::NewPassages => self.new_passages()?,
            Ranges::Hits => self.hits(),
        };
        let l = self.open_layout()?;
        let row = |r: &Range<usize>| l.row_of(r.start).unwrap_or(l.body_start);
        let n = ranges.len();
        if n == 0 {
            return None;
        }
        let at = match which {
            Ranges::NewPassages => self.new_at,
            Ranges::Hits => self.hit_at,
        };
        let from =
            at.0.filter(|&(i, s)| s == self.scroll && i < n)
                .map(|(i, _)| i);
        let s = self.scroll;
        let next = match (from, forward) {
            (Some(i), true) => (i + 1 < n).then_some(i + 1),
            (Some(i), false) => i.checked_sub(1),
            (None, true) => ranges.iter().position(|r| row(r) > s),
            (None, false) => ranges.iter().rposition(|r| row(r) < s),
        };
        let (index, wrapped) = match next {
            Some(i) => (i, false),
            None if forward => (0, true),
            None => (n - 1, true),
        };
        let target = row(&ranges[index]);
        let rows = rows.max(1);
        let max = self.max_scroll(rows);
        self.scroll = match which {
            // A passage starts at the top, a line of what came before
            // above it.
            Ranges::NewPassages => target.saturating_sub(1).min(max),
            // A hit is scrolled into view, a third of the way down.
            Ranges::Hits if target >= s && target < s + rows => s,
            Ranges::Hits => target.saturating_sub(rows / 3).min(max),
        };
        let stepped = Stepped(Some((index, self.scroll)));
        match which {
            Ranges::NewPassages => self.new_at = stepped,
            Ranges::Hits => self.hit_at = stepped,
        }
        Some(Step { index, wrapped })
    }

    /// Byte ranges of the open article's body that no earlier report of
    /// its story carried, in order; empty for a story's first report;
    /// `None` while they are being found (or the body is not read yet).
    pub fn new_passages(&self) -> Option<&[Range<usize>]> {
        self.passages
            .as_ref()
            .filter(|(of, _)| Some(of.article) == self.open)
            .map(|(_, ranges)| ranges.as_slice())
    }

    /// Whether the new passages for `of` are neither known nor asked for.
    pub fn wants_passages(&self, of: &PassagesOf) -> bool {
        self.passages.as_ref().is_none_or(|(p, _)| p != of)
            && self.asked.as_ref().is_none_or(|(p, _)| p != of)
    }

    /// The new passages for `of` are asked for (`cancel` stops it): what
    /// was known, or asked, for anything else goes.
    pub fn ask_passages(&mut self, of: PassagesOf, cancel: Cancel) {
        self.stop_asking();
        self.passages = None;
        self.asked = Some((of, cancel));
    }

    /// The new passages for `of` (the open article's), known without
    /// asking: what was asked for goes.
    pub fn know_passages(&mut self, of: PassagesOf, ranges: Vec<Range<usize>>) {
        self.stop_asking();
        self.passages = Some((of, ranges));
    }

    /// An answer to [`Reader::ask_passages`]: kept if it is for what was
    /// asked last (anything else is stale). Returns whether it was kept.
    pub fn answer_passages(&mut self, of: PassagesOf, ranges: Vec<Range<usize>>) -> bool {
        if self.asked.as_ref().is_none_or(|(asked, _)| *asked != of) {
            return false;
        }
        self.asked = None;
        self.passages = Some((of, ranges));
        true
    }

    fn stop_asking(&mut self) {
        if let Some((_, cancel)) = self.asked.take() {
            cancel.0.store(true, Ordering::Relaxed);
        }
    }

    /// Nothing to show: no layout, nothing awaited.
    pub fn clear(&mut self) {
        self.layout = None;
        self.waiting = None;
    }

    pub fn drop_layout(&mut self) {
        self.layout = None;
    }

    pub fn wait_for(&mut self, w: Waiting) {
        self.waiting = Some(w);
    }

    /// `w` arrived (or failed): no longer waited for.
    pub fn done_waiting(&mut self, w: Waiting) {
        if self.waiting == Some(w) {
            self.waiting = None;
        }
    }

    /// A layout made here; nothing awaited any more.
    pub fn set_layout(&mut self, layout: ReaderLayout) {
        self.layout = Some(layout);
        self.waiting = None;
    }

    /// A layout made elsewhere (a worker) arrived, its wait already over.
    pub fn adopt_layout(&mut self, layout: ReaderLayout, rows: usize) {
        self.layout = Some(layout);
        self.scroll = self.scroll.min(self.max_scroll(rows));
    }

    /// The mentions of the open article changed: the cursor is off.
    pub fn clear_cursor(&mut self) {
        self.cursor = None;
    }

    /// The cursor on mention `i`, where it is (a click: it is on screen).
    pub fn put_cursor(&mut self, i: usize) {
        self.cursor = Some(i);
    }

    fn max_scroll(&self, rows: usize) -> usize {
        self.layout
            .as_ref()
            .map_or(0, |l| l.len().saturating_sub(rows.max(1)))
    }

    /// Scrolls by `m`, `rows` rows shown.
    pub fn scroll_by(&mut self, m: Move, rows: usize) {
        let page = rows.saturating_sub(2).max(1);
        let max = self.max_scroll(rows);
        let s = self.scroll;
        self.scroll = match m {
            Move::By(d) => s.saturating_add_signed(d),
            Move::Pages(p) => s.saturating_add_signed(p.saturating_mul(page as isize)),
            Move::First => 0,
            Move::Last => max,
        }
        .min(max);
    }

    /// The body offset of the paragraph at the top of the screen, to keep
    /// it there when the text is wrapped again.
    pub fn anchor(&self) -> Option<usize> {
        let l = self.layout.as_ref()?;
        l.lines
            .get(self.scroll..)?
            .iter()
            .find(|line| line.is_body())
            .filter(|_| self.scroll >= l.body_start)
            .map(|line| line.start as usize)
    }

    /// Scrolls so that body offset `anchor` (from [`Reader::anchor`]) is
    /// at the top again, `rows` rows shown.
    pub fn restore_anchor(&mut self, anchor: Option<usize>, rows: usize) {
        if let (Some(off), Some(l)) = (anchor, &self.layout) {
            self.scroll = l.row_of(off).unwrap_or(0);
        }
        self.scroll = self.scroll.min(self.max_scroll(rows));
    }

    /// Body offsets of the first and last visible body rows of the open
    /// article (none while it is not laid out: the layout kept meanwhile
    /// is another article's, its offsets not this one's).
    fn viewport(&self, rows: usize) -> Option<(usize, usize)> {
        let l = self.open_layout()?;
        let rows = rows.max(1);
        let top = self.scroll.max(l.body_start);
        let bottom = (self.scroll + rows).min(l.len());
        let visible = l.lines.get(top..bottom)?;
        let first = visible.iter().find(|x| x.is_body())?;
        let last = visible.iter().rev().find(|x| x.is_body())?;
        Some((first.start as usize, last.end as usize))
    }

    /// Whether the cursor's mention (of `mentions`, the open article's) is
    /// on screen, or will be: a jump into an article not laid out yet
    /// (its body being read) is scrolled to once it is, and the next jump
    /// goes on from it.
    pub fn cursor_visible(&self, mentions: &[Mention], rows: usize) -> bool {
        let Some(m) = self.cursor.and_then(|i| mentions.get(i)) else {
            return false;
        };
        if self.open_layout().is_none() {
            return self.reveal == Some(m.start as usize);
        }
        let Some((top, bottom)) = self.viewport(rows) else {
            return false;
        };
        (top..bottom.max(top + 1)).contains(&(m.start as usize))
    }

    /// Where a forward (backward) search through `mentions` starts: just
    /// after (before) the cursor when it is on screen, else at the top
    /// (bottom) of the screen. Returns the index of the first mention to
    /// consider going forward, or one past the last to consider going
    /// backward.
    pub fn search_from(&self, mentions: &[Mention], forward: bool, rows: usize) -> usize {
        if self.cursor_visible(mentions, rows) {
            let c = self.cursor.unwrap_or(0);
            return if forward { c + 1 } else { c };
        }
        match self.viewport(rows) {
            Some((top, _)) if forward => mentions.partition_point(|m| (m.start as usize) < top),
            Some((_, bottom)) => mentions.partition_point(|m| (m.start as usize) < bottom),
            None if forward => 0,
            None => mentions.len(),
        }
    }

    /// Puts the cursor on mention `i` of `mentions` (the open article's)
    /// and scrolls it into view, a third of the way down.
    pub fn set_cursor(&mut self, i: usize, mentions: &[Mention], rows: usize) {
        self.cursor = Some(i);
        let Some(m) = mentions.get(i) else {
            return;
        };
        if self.open_layout().is_none() {
            // Not laid out yet (its body is being read): scrolled to
            // when it is.
            self.reveal = Some(m.start as usize);
            return;
        }
        self.scroll_into_view(m.start as usize, rows);
    }

    /// Scrolls body offset `off` into view, a third of the way down,
    /// unless it is on screen.
    fn scroll_into_view(&mut self, off: usize, rows: usize) {
        let Some(row) = self
            .open_layout()
            .and_then(|l| l.locate(off))
            .map(|(row, _)| row)
        else {
            return;
        };
        let rows = rows.max(1);
        let s = self.scroll;
        if row < s || row >= s + rows {
            self.scroll = row.saturating_sub(rows / 3).min(self.max_scroll(rows));
        }
    }

    /// The open article's layout arrived: the mention a jump put the
    /// cursor on meanwhile is scrolled into view.
    pub fn reveal_pending(&mut self, rows: usize) {
        if self.open_layout().is_some()
            && let Some(off) = self.reveal.take()
        {
            self.scroll_into_view(off, rows);
        }
    }

    /// The index among `mentions` (the open article's) of the mention at
    /// text cell (`row` of the screen's text, `col`), if any.
    pub fn mention_at(&self, mentions: &[Mention], row: usize, col: usize) -> Option<usize> {
        let l = self.open_layout()?;
        let off = l.offset_at(self.scroll + row, col)?;
        let i = mentions.partition_point(|m| (m.end as usize) <= off);
        mentions
            .get(i)
            .is_some_and(|m| (m.start as usize) <= off)
            .then_some(i)
    }
}
