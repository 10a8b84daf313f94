//! The article list as shown: which articles, in what order, the
//! selection and the first visible row.
//!
//! The list is of *reports* (what the filter passes, in the order it
//! sorts them: [`ListView::reports`]); its rows fold the reports of one
//! story into one, the story's first report in that order (the newest,
//! or the best match), unless folding is off or the story is unfolded,
//! when its other listed reports follow it ([`ListView::view`]).

use std::sync::Arc;

use crate::base::hash::FxHashSet;
use crate::stories::Stories;

use super::action::Move;
use super::scroll::{fit, moved};

/// What the list is sorted by (`S` cycles through them).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Sort {
    /// Newest first (or, under a filter that ranks, best match first).
    #[default]
    Date,
    /// By title, ignoring case.
    Title,
    /// By source, then newest first.
    Source,
    /// Most distinct entities first.
    Entities,
}

impl Sort {
    /// The next in `S`'s cycle.
    pub fn next(self) -> Sort {
        match self {
            Sort::Date => Sort::Title,
            Sort::Title => Sort::Source,
            Sort::Source => Sort::Entities,
            Sort::Entities => Sort::Date,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Sort::Date => "date",
            Sort::Title => "title",
            Sort::Source => "source",
            Sort::Entities => "entities",
        }
    }
}

#[derive(Debug, Default)]
pub struct ListView {
    /// The order other than by date, and each article's rank in it
    /// (articles past the end, listed since it was computed, after).
    sort: Sort,
    ranks: Vec<u32>,
    /// Article indices listed, in order.
    reports: Vec<usize>,
    /// The rows shown: `reports` folded by story.
    view: Vec<usize>,
    /// Folding is off (`Z`).
    unfolded: bool,
    /// The story of each article, by its first report (an article past
    /// the end, or [`Stories::NONE`]: a story of its own), as the
    /// grouping made it.
    stories: Arc<[u32]>,
    /// Stories unfolded in place (`z`), by their first report.
    open: FxHashSet<u32>,
    /// Bumped whenever `view` changes.
    generation: u64,
    /// Position of the selection in `view`.
    selected: usize,
    /// First visible row.
    offset: usize,
    /// Whether the user has done anything yet: until then the selection
    /// stays on the newest article as articles arrive.
    touched: bool,
}

impl ListView {
    pub fn new(reports: Vec<usize>) -> ListView {
        let mut l = ListView::default();
        l.set(reports);
        l
    }

    /// The rows shown (article indices), in display order.
    pub fn view(&self) -> &[usize] {
        &self.view
    }

    /// Every article listed, in order (the rows unfolded).
    pub fn reports(&self) -> &[usize] {
        &self.reports
    }

    /// The story of article `a`, by its first report.
    pub fn story(&self, a: usize) -> u32 {
        match self.stories.get(a) {
            Some(&s) if s != Stories::NONE => s,
            _ => a as u32,
        }
    }

    pub fn sort(&self) -> Sort {
        self.sort
    }

    /// Sorts by `sort`, each article's place in it given by `ranks` (for
    /// [`Sort::Date`], the order the list is given in is kept).
    pub fn set_sort(&mut self, sort: Sort, ranks: Vec<u32>, rows: usize) {
        let before = self.selected_article();
        self.sort = sort;
        self.ranks = ranks;
        let reports = std::mem::take(&mut self.reports);
        self.set(reports);
        self.reselect(before, rows);
    }

    /// Whether rows fold the reports of a story into one.
    pub fn is_folding(&self) -> bool {
        !self.unfolded
    }

    /// Whether the story of row article `a` is shown unfolded.
    pub fn is_open(&self, a: usize) -> bool {
        self.unfolded || self.open.contains(&self.story(a))
    }

    /// Takes in the stories of the articles (by their first report), and
    /// folds the rows again. The selection stays on its article, or on
    /// `reading` (the report open in the reader) when the selected row
    /// shows it, folded away or not: a grouping can part a report from
    /// its story's first report, and the row is the report's. The report
    /// read, selected on its own row, keeps it (its new story unfolds in
    /// place, as [`ListView::reveal`] does), and so does a report of a
    /// story unfolded (a story is named by its first report, which a new
    /// grouping can change); any other goes to its story's row.
    pub fn set_stories(&mut self, stories: Arc<[u32]>, reading: Option<usize>, rows: usize) {
        let shown = reading
            .filter(|&a| self.reports.contains(&a) && self.position_of(a) == Some(self.selected));
        let before = shown.or(self.selected_article());
        let inside = before.filter(|&a| !self.unfolded && self.open.contains(&self.story(a)));
        let read_here =
            before.filter(|&a| Some(a) == reading && self.view.get(self.selected) == Some(&a));
        self.stories = stories;
        if let Some(a) = inside {
            self.open.insert(self.story(a));
        }
        self.refold();
        match read_here {
            Some(a) => self.reveal(a, rows),
            None => self.reselect(before, rows),
        }
    }

    /// `Z`: folding off, or on again (stories unfolded by `z` fold too).
    pub fn toggle_folding(&mut self, rows: usize) {
        let before = self.selected_article();
        self.unfolded = !self.unfolded;
        self.open.clear();
        self.refold();
        self.reselect(before, rows);
    }

    /// `z`: unfolds the story under the selection in place, or folds it
    /// again (the selection goes to its row). Returns whether it has more
    /// than one report listed (otherwise there is nothing to unfold).
    pub fn toggle_story(&mut self, rows: usize) -> bool {
        let Some(a) = self.selected_article() else {
            return false;
        };
        if self.unfolded {
            return false;
        }
        let s = self.story(a);
        let listed = self.reports.iter().filter(|&&r| self.story(r) == s).count();
        if !self.open.remove(&s) {
            if listed < 2 {
                return false;
            }
            self.open.insert(s);
        }
        // The row of the story: its first listed report.
        let head = self.reports.iter().copied().find(|&r| self.story(r) == s);
        self.refold();
        self.reselect(head, rows);
        true
    }

    /// The rows from the reports: each story's first listed report, and
    /// after it, for a story unfolded, its other listed reports in order.
    fn refold(&mut self) {
        self.generation += 1;
        self.view = if self.unfolded {
            self.reports.clone()
        } else {
            self.grouped(|s| self.open.contains(&s))
        };
    }

    /// The reports grouped by story in the order of each story's first
    /// listed report: the first, then (for a story `open` says to show
    /// whole) its other listed reports in their order. A stable sort by
    /// the story's place, so a story of thousands costs no more than a
    /// story of one.
    fn grouped(&self, open: impl Fn(u32) -> bool) -> Vec<usize> {
        // Places by story number in a flat array (a story is numbered by
        // an article: 100,000 of them are an array, not a hash map).
        const NEW: u32 = u32::MAX;
        let end = self
            .reports
            .iter()
            .map(|&a| (a as u32).max(self.story(a)) as usize + 1)
            .max()
            .unwrap_or(0);
        let mut place = vec![NEW; end];
        let mut places = 0u32;
        let mut keyed: Vec<(u32, usize)> = Vec::with_capacity(self.reports.len());
        let mut in_order = true;
        for &a in &self.reports {
            let s = self.story(a);
            match place[s as usize] {
                NEW => {
                    place[s as usize] = places;
                    keyed.push((places, a));
                    places += 1;
                }
                p if open(s) => {
                    in_order &= keyed.last().is_none_or(|k| k.0 <= p);
                    keyed.push((p, a));
                }
                _ => {}
            }
        }
        if !in_order {
            keyed.sort_by_key(|k| k.0);
        }
        keyed.into_iter().map(|k| k.1).collect()
    }

    /// The order `J`, `K` and `.` read the reports in: the list's order
    /// with every story unfolded in place (reading a story is reading its
    /// reports), or the reports as listed when folding is off.
    pub fn reading_order(&self) -> Vec<usize> {
        if self.unfolded {
            self.reports.clone()
        } else {
            self.grouped(|_| true)
        }
    }

    /// Selects report `a` on its own row: a story folded over it is
    /// unfolded in place first (the reading flow has gone into it).
    pub fn reveal(&mut self, a: usize, rows: usize) {
        if !self.unfolded && !self.view.contains(&a) && self.reports.contains(&a) {
            self.open.insert(self.story(a));
            self.refold();
        }
        self.reselect(Some(a), rows);
    }

    pub fn len(&self) -> usize {
        self.view.len()
    }

    pub fn is_empty(&self) -> bool {
        self.view.is_empty()
    }

    /// Changes whenever the articles shown or their order change.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Position of the selection in the list.
    pub fn selected(&self) -> usize {
        self.selected
    }

    /// First visible row.
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// The article under the selection.
    pub fn selected_article(&self) -> Option<usize> {
        self.view.get(self.selected).copied()
    }

    /// The row of article `a`: its own, or its story's when folded away.
    pub fn position_of(&self, a: usize) -> Option<usize> {
        self.view.iter().position(|&v| v == a).or_else(|| {
            let s = self.story(a);
            self.view.iter().position(|&v| self.story(v) == s)
        })
    }

    pub fn touch(&mut self) {
        self.touched = true;
    }

    /// Whether the user has done anything yet.
    pub fn touched(&self) -> bool {
        self.touched
    }

    /// Moves the selection, `rows` rows shown.
    pub fn move_selection(&mut self, m: Move, rows: usize) {
        self.selected = moved(self.selected, self.view.len(), m, rows);
        self.follow(rows);
    }

    /// Selects position `i`.
    pub fn select(&mut self, i: usize, rows: usize) {
        self.selected = i;
        self.follow(rows);
    }

    /// Selects article `a` where it now is, or the first row.
    pub fn reselect(&mut self, a: Option<usize>, rows: usize) {
        self.selected = a.and_then(|a| self.position_of(a)).unwrap_or(0);
        self.follow(rows);
    }

    /// Keeps the selection in the list and in view.
    pub fn follow(&mut self, rows: usize) {
        (self.selected, self.offset) = fit(self.selected, self.offset, self.view.len(), rows);
    }

    /// Lists `reports` from the top.
    pub fn show(&mut self, reports: Vec<usize>) {
        self.set(reports);
        self.offset = 0;
    }

    /// Lists `reports` where the list was scrolled to.
    pub fn set(&mut self, reports: Vec<usize>) {
        self.reports = reports;
        self.sorted();
        self.refold();
    }

    /// Adds articles at the end.
    pub fn extend(&mut self, articles: impl IntoIterator<Item = usize>) {
        self.reports.extend(articles);
        self.sorted();
        self.refold();
    }

    /// The reports in the chosen order (a stable sort: equals keep the
    /// order they were given in).
    fn sorted(&mut self) {
        if self.sort != Sort::Date {
            let ranks = &self.ranks;
            self.reports
                .sort_by_key(|&a| ranks.get(a).copied().unwrap_or(u32::MAX));
        }
    }

    /// Keeps the articles `keep` says to.
    pub fn retain(&mut self, keep: impl FnMut(&usize) -> bool) {
        let had = self.reports.len();
        self.reports.retain(keep);
        if self.reports.len() != had {
            self.refold();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Articles 0..6; 1 and 4 are of story 4 (first report 4), 2, 3 and 5
    /// of story 5.
    fn list() -> ListView {
        let mut l = ListView::new(vec![0, 1, 2, 3, 4, 5]);
        l.set_stories(vec![0, 4, 5, 5, 4, 5].into(), None, 10);
        l
    }

    #[test]
    fn stories_fold_to_their_first_listed_report() {
        let mut l = list();
        assert_eq!(l.view(), [0, 1, 2]);
        assert_eq!(l.reports(), [0, 1, 2, 3, 4, 5]);
        // A folded-away report is found at its story's row.
        assert_eq!(l.position_of(5), Some(2));
        // Filtering and sorting give reports; rows follow.
        l.set(vec![5, 3, 0, 4]);
        assert_eq!(l.view(), [5, 0, 4]);
        l.retain(|&a| a != 5);
        assert_eq!(l.view(), [3, 0, 4]);
    }

    #[test]
    fn an_article_the_grouping_does_not_name_is_a_story_of_its_own() {
        let mut l = ListView::new(vec![7, 2, 1, 0, 3]);
        // 0 and 2 are one story (first report 2); 1 is not grouped; 3
        // and 7 are past the end of the grouping.
        l.set_stories(vec![2, Stories::NONE, 2].into(), None, 10);
        assert_eq!((l.story(1), l.story(7), l.story(0)), (1, 7, 2));
        assert_eq!(l.view(), [7, 2, 1, 3]);
        // Every story unfolded: 0 goes back under its story's row.
        assert_eq!(l.reading_order(), [7, 2, 0, 1, 3]);
    }

    #[test]
    fn a_sort_orders_the_reports_and_keeps_equals_in_order() {
        let mut l = list();
        // Ranks: 5 first, then 3, then the rest alike.
        l.set_sort(Sort::Title, vec![9, 9, 9, 1, 9, 0], 10);
        assert_eq!(l.reports(), [5, 3, 0, 1, 2, 4]);
        assert_eq!(l.view(), [5, 0, 1], "stories fold under the first in order");
        l.set(vec![4, 3, 1]);
        assert_eq!(l.reports(), [3, 4, 1]);
        l.set_sort(Sort::Date, Vec::new(), 10);
        l.set(vec![4, 3, 1]);
        assert_eq!(l.reports(), [4, 3, 1]);
        assert_eq!(Sort::Date.next().next().next().next(), Sort::Date);
    }

    #[test]
    fn z_unfolds_in_place_and_big_z_turns_folding_off() {
        let mut l = list();
        l.select(2, 10);
        assert!(l.toggle_story(10));
        assert_eq!(l.view(), [0, 1, 2, 3, 5]);
        assert_eq!(l.selected_article(), Some(2));
        // Down into the story, then z again: folded, on its row.
        l.move_selection(Move::By(2), 10);
        assert_eq!(l.selected_article(), Some(5));
        assert!(l.toggle_story(10));
        assert_eq!(l.view(), [0, 1, 2]);
        assert_eq!(l.selected_article(), Some(2));
        // A story of one report has nothing to unfold.
        l.select(0, 10);
        assert!(!l.toggle_story(10));
        l.toggle_folding(10);
        assert!(!l.is_folding());
        assert_eq!(l.view(), [0, 1, 2, 3, 4, 5]);
        assert_eq!(l.selected_article(), Some(0));
        l.select(5, 10);
        l.toggle_folding(10);
        assert_eq!(l.view(), [0, 1, 2]);
        assert_eq!(l.selected_article(), Some(2), "the row of its story");
    }

    #[test]
    fn reading_order_is_every_story_unfolded_and_reveal_unfolds_one() {
        let mut l = list();
        // Rows 0, 1, 2: story 4 is 1 then 4, story 5 is 2, 3, 5.
        assert_eq!(l.reading_order(), [0, 1, 4, 2, 3, 5]);
        // Revealing a folded-away report unfolds its story only.
        l.reveal(3, 10);
        assert_eq!(l.view(), [0, 1, 2, 3, 5]);
        assert_eq!(l.selected_article(), Some(3));
        // A row's own report: nothing unfolds.
        l.reveal(1, 10);
        assert_eq!(l.view(), [0, 1, 2, 3, 5]);
        assert_eq!(l.selected_article(), Some(1));
        // Folding off: the reports as listed.
        l.toggle_folding(10);
        assert_eq!(l.reading_order(), [0, 1, 2, 3, 4, 5]);
    }

    #[test]
    fn a_new_grouping_keeps_the_selection_on_the_row_of_the_report_read() {
        let mut l = list();
        // 3 is read, folded away in the row of 2 (story 5), selected.
        l.reselect(Some(3), 10);
        assert_eq!(l.selected_article(), Some(2));
        // 3 joins story 4: the selection follows it to 1's row.
        let moved: Arc<[u32]> = vec![0, 4, 5, 4, 4, 5].into();
        l.set_stories(moved.clone(), Some(3), 10);
        assert_eq!(l.view(), [0, 1, 2]);
        assert_eq!(l.selected_article(), Some(1));
        // A row that does not show the report read keeps the selection.
        l.select(2, 10);
        l.set_stories(moved, Some(3), 10);
        assert_eq!(l.selected_article(), Some(2));
        // 3 on its own row, its story unfolded; the story is named by
        // another first report: still unfolded, 3 still selected.
        l.reveal(3, 10);
        assert_eq!(l.view(), [0, 1, 3, 4, 2]);
        l.set_stories(vec![0, 3, 5, 3, 3, 5].into(), Some(3), 10);
        assert_eq!(l.view(), [0, 1, 3, 4, 2]);
        assert_eq!(l.selected_article(), Some(3));
        // 1, read on its own row, joins 0's story: unfolded, still its
        // row; only selected, not read, it goes to its story's row.
        let joined: Arc<[u32]> = vec![0, 0, 5, 5, 4, 5].into();
        let mut read = list();
        read.select(1, 10);
        read.set_stories(joined.clone(), Some(1), 10);
        assert_eq!(read.view(), [0, 1, 2, 4]);
        assert_eq!(read.selected_article(), Some(1));
        let mut selected = list();
        selected.select(1, 10);
        selected.set_stories(joined, Some(2), 10);
        assert_eq!(selected.view(), [0, 2, 4]);
        assert_eq!(selected.selected_article(), Some(0));
    }
}
