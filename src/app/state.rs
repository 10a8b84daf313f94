//! The app state: articles, their entities, and where the reader is.

use crate::corpus::{Article, Warning};
use crate::index::EntityIndex;

use super::action::Focus;

/// The filter query as typed, and whether it is being edited.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FilterState {
    pub query: String,
    pub editing: bool,
}

#[derive(Debug)]
pub struct App {
    pub articles: Vec<Article>,
    pub index: EntityIndex,
    pub warnings: Vec<Warning>,
    /// Article indices the list shows, in display order.
    pub view: Vec<usize>,
    /// Position of the selection in `view`.
    pub selected: usize,
    /// The article the reader shows.
    pub open: Option<usize>,
    pub focus: Focus,
    pub filter: FilterState,
    /// First line of the reader that is visible.
    pub reader_scroll: usize,
    /// Read marks, by article index.
    pub read: Vec<bool>,
    pub should_quit: bool,
}

impl App {
    pub fn new(articles: Vec<Article>, index: EntityIndex, warnings: Vec<Warning>) -> Self {
        let n = articles.len();
        App {
            view: (0..n).collect(),
            read: vec![false; n],
            open: (n > 0).then_some(0),
            articles,
            index,
            warnings,
            selected: 0,
            focus: Focus::List,
            filter: FilterState::default(),
            reader_scroll: 0,
            should_quit: false,
        }
    }

    /// The article under the list selection.
    pub fn selected_article(&self) -> Option<usize> {
        self.view.get(self.selected).copied()
    }

    pub fn unread_count(&self) -> usize {
        self.read.iter().filter(|r| !**r).count()
    }
}
