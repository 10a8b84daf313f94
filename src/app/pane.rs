//! The entity pane: its rows (an entity and its mention count, most
//! mentioned first), the selection, and which articles it counts.

use super::action::{EntityScope, Move};
use super::scroll::{fit, moved};
use crate::resolve::{EntityId, SurfaceId};

#[derive(Debug, Default)]
pub struct EntityPane {
    scope: EntityScope,
    /// `(entity, mentions)`, most mentioned first.
    rows: Vec<(EntityId, u32)>,
    selected: usize,
    offset: usize,
    /// For the listed articles' scope: their surfaces counted, and for
    /// which list and mentions (a new resolution only regroups them).
    listed: Option<(ListedKey, Vec<(SurfaceId, u32)>)>,
}

/// (list generation, mentions version).
pub type ListedKey = (u64, u64);

impl EntityPane {
    pub fn scope(&self) -> EntityScope {
        self.scope
    }

    pub fn rows(&self) -> &[(EntityId, u32)] {
        &self.rows
    }

    pub fn selected(&self) -> usize {
        self.selected
    }

    pub fn offset(&self) -> usize {
        self.offset
    }

    /// The entity of the selected row.
    pub fn selected_entity(&self) -> Option<EntityId> {
        self.rows.get(self.selected).map(|(e, _)| *e)
    }

    pub fn toggle_scope(&mut self) {
        self.scope = match self.scope {
            EntityScope::Article => EntityScope::Listed,
            EntityScope::Listed => EntityScope::Article,
        };
    }

    /// Moves the selection, `rows` rows shown.
    pub fn move_selection(&mut self, m: Move, rows: usize) {
        self.selected = moved(self.selected, self.rows.len(), m, rows);
        self.follow(rows);
    }

    /// Selects row `i` (a click: the row is on screen).
    pub fn select(&mut self, i: usize) {
        self.selected = i;
    }

    /// Selects the row of entity `e`, if it has one.
    pub fn select_entity(&mut self, e: EntityId) {
        if let Some(k) = self.rows.iter().position(|(r, _)| *r == e) {
            self.selected = k;
        }
    }

    /// New rows; the selection goes to the top when `reset`.
    pub fn set_rows(&mut self, rows: Vec<(EntityId, u32)>, reset: bool, visible: usize) {
        self.rows = rows;
        if reset {
            self.selected = 0;
            self.offset = 0;
        }
        self.follow(visible);
    }

    /// The listed articles' surface counts, if counted for `key`.
    pub fn listed_counts(&self, key: ListedKey) -> Option<&[(SurfaceId, u32)]> {
        self.listed
            .as_ref()
            .filter(|(k, _)| *k == key)
            .map(|(_, c)| c.as_slice())
    }

    pub fn keep_listed_counts(&mut self, key: ListedKey, counts: Vec<(SurfaceId, u32)>) {
        self.listed = Some((key, counts));
    }

    /// Keeps the selection in the list and in view.
    pub fn follow(&mut self, rows: usize) {
        (self.selected, self.offset) = fit(self.selected, self.offset, self.rows.len(), rows);
    }
}
