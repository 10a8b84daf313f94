//! The article list as shown: which articles, in what order, the
//! selection and the first visible row.

use super::action::Move;
use super::scroll::{fit, moved};

#[derive(Debug, Default)]
pub struct ListView {
    /// Article indices the list shows, in display order.
    view: Vec<usize>,
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
    pub fn new(view: Vec<usize>) -> ListView {
        ListView {
            view,
            ..ListView::default()
        }
    }

    /// Article indices shown, in display order.
    pub fn view(&self) -> &[usize] {
        &self.view
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

    /// Where article `a` is in the list.
    pub fn position_of(&self, a: usize) -> Option<usize> {
        self.view.iter().position(|&v| v == a)
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

    /// Shows `view` from its top.
    pub fn show(&mut self, view: Vec<usize>) {
        self.set(view);
        self.offset = 0;
    }

    /// Shows `view` where the list was scrolled to.
    pub fn set(&mut self, view: Vec<usize>) {
        self.view = view;
        self.generation += 1;
    }

    /// Adds articles at the end.
    pub fn extend(&mut self, articles: impl IntoIterator<Item = usize>) {
        self.view.extend(articles);
        self.generation += 1;
    }

    /// Keeps the articles `keep` says to.
    pub fn retain(&mut self, keep: impl FnMut(&usize) -> bool) {
        let had = self.view.len();
        self.view.retain(keep);
        if self.view.len() != had {
            self.generation += 1;
        }
    }
}
