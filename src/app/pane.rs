//! The entity pane: its rows (an entity, its mentions and the articles
//! that mention it, most mentioned first), the kinds it shows, what is
//! typed to find an entity among thousands, the selection, and which
//! articles it counts.

use std::sync::atomic::Ordering;

use super::action::{Cancel, EntityScope, ListedKey, Move};
use super::scroll::{fit, moved};
use crate::base::names::fold;
use crate::entities::Kind;
use crate::resolve::{Entity, EntityId, EntityTable, SurfaceId};

/// One row of the pane.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PaneRow {
    pub entity: EntityId,
    /// Mentions in the scope's articles (the open one, or the listed).
    pub mentions: u32,
    /// Articles that mention it: of the listed ones in the listed scope;
    /// of the whole corpus in the article scope (as far as the latest
    /// resolution and the mentions since know).
    pub articles: u32,
}

/// Typing to find an entity among the pane's rows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Find {
    text: String,
    /// `text` folded (no case, no diacritics): what names are matched
    /// against.
    folded: String,
    /// Still being typed (Enter keeps it, Esc drops it).
    editing: bool,
}

#[derive(Debug, Default)]
pub struct EntityPane {
    scope: EntityScope,
    /// Every row of the scope, most mentioned first.
    all: Vec<PaneRow>,
    /// The rows shown: `all` of the shown kinds, matching what is found.
    rows: Vec<PaneRow>,
    /// Kinds not shown, one bit each (by `Kind::ALL` order).
    hidden: u8,
    find: Option<Find>,
    /// What `rows` were found with, when they are `all` narrowed by it
    /// (and nothing else changed since): typing on checks only them.
    found_with: Option<String>,
    /// The open article's entities that no earlier report of its story
    /// mentions, sorted.
    first_seen: Vec<EntityId>,
    selected: usize,
    offset: usize,
    /// For the listed articles' scope: their surfaces counted, and for
    /// which list and mentions (a new resolution only regroups them).
    listed: Option<(ListedKey, Vec<(SurfaceId, u32)>)>,
    /// The counts a worker is making (a big list's), and the flag that
    /// stops it when a newer list or mentions supersede them.
    counting: Option<(ListedKey, Cancel)>,
}

fn kind_bit(kind: Kind) -> u8 {
    1 << Kind::ALL.iter().position(|&k| k == kind).unwrap_or(0)
}

/// Whether a word of `hay` starts with `needle` (already folded): `haf`
/// finds Khalifa Haftar, `khalifa h` too, `alifa` does not. ASCII names
/// are compared in place; others are folded first.
pub fn word_starts_with(hay: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return true;
    }
    if hay.is_ascii() {
        let (h, n) = (hay.as_bytes(), needle.as_bytes());
        if n.len() > h.len() {
            return false;
        }
        return (0..=h.len() - n.len()).any(|i| {
            (i == 0 || !h[i - 1].is_ascii_alphanumeric())
                && h[i..i + n.len()].eq_ignore_ascii_case(n)
        });
    }
    let folded = fold(hay);
    folded.match_indices(needle).any(|(i, _)| {
        folded[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric())
    })
}

/// Whether `folded` (what was typed, folded) finds entity `e`: a word of
/// its name or of an alias starts with it (a date by its value too).
pub fn finds(e: &Entity, folded: &str) -> bool {
    word_starts_with(&e.name, folded) || e.aliases.iter().any(|a| word_starts_with(a, folded))
}

impl EntityPane {
    pub fn scope(&self) -> EntityScope {
        self.scope
    }

    /// The rows shown.
    pub fn rows(&self) -> &[PaneRow] {
        &self.rows
    }

    /// Every row of the scope, whatever the kinds shown and the find.
    pub fn all_rows(&self) -> &[PaneRow] {
        &self.all
    }

    pub fn selected(&self) -> usize {
        self.selected
    }

    pub fn offset(&self) -> usize {
        self.offset
    }

    /// The entity of the selected row.
    pub fn selected_entity(&self) -> Option<EntityId> {
        self.rows.get(self.selected).map(|r| r.entity)
    }

    pub fn toggle_scope(&mut self) {
        self.scope = match self.scope {
            EntityScope::Article => EntityScope::Listed,
            EntityScope::Listed => EntityScope::Article,
        };
    }

    /// Whether rows of `kind` are shown.
    pub fn shows_kind(&self, kind: Kind) -> bool {
        self.hidden & kind_bit(kind) == 0
    }

    /// Whether some kind is hidden.
    pub fn hides_some_kind(&self) -> bool {
        self.hidden != 0
    }

    /// Shows rows of `kind` if hidden, hides them if shown.
    pub fn toggle_kind(&mut self, kind: Kind, table: &EntityTable, visible: usize) {
        self.hidden ^= kind_bit(kind);
        let keep = self.selected_entity();
        // A kind shown again is not among the rows shown.
        self.found_with = None;
        self.reshow(table, visible);
        if let Some(e) = keep {
            self.select_entity(e);
        }
        self.follow(visible);
    }

    /// What is typed to find an entity, if anything (kept or being
    /// typed).
    pub fn find_text(&self) -> Option<&str> {
        self.find.as_ref().map(|f| f.text.as_str())
    }

    /// Whether a find is being typed.
    pub fn is_finding(&self) -> bool {
        self.find.as_ref().is_some_and(|f| f.editing)
    }

    /// `/` in the pane: starts typing a find (again, on a kept one).
    pub fn start_find(&mut self) {
        self.find.get_or_insert_with(Find::default).editing = true;
    }

    /// Sets what is typed; the rows narrow to what it finds and the
    /// selection goes to the first.
    pub fn set_find(&mut self, text: String, table: &EntityTable, visible: usize) {
        let find = self.find.get_or_insert_with(Find::default);
        find.folded = fold(&text);
        find.text = text;
        self.reshow(table, visible);
        self.selected = 0;
        self.offset = 0;
        self.follow(visible);
    }

    /// Enter: keeps the find (the rows stay narrowed).
    pub fn keep_find(&mut self) {
        match &mut self.find {
            Some(f) if f.text.is_empty() => self.find = None,
            Some(f) => f.editing = false,
            None => {}
        }
    }

    /// Esc: drops the find; every row of the shown kinds comes back, the
    /// selected entity still selected.
    pub fn drop_find(&mut self, table: &EntityTable, visible: usize) {
        if self.find.take().is_some() {
            let keep = self.selected_entity();
            self.reshow(table, visible);
            if let Some(e) = keep {
                self.select_entity(e);
            }
            self.follow(visible);
        }
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
        if let Some(k) = self.rows.iter().position(|r| r.entity == e) {
            self.selected = k;
        }
    }

    /// New rows for the scope; the selection goes to the top when
    /// `reset`, else stays on its entity where it can.
    pub fn set_rows(
        &mut self,
        rows: Vec<PaneRow>,
        table: &EntityTable,
        reset: bool,
        visible: usize,
    ) {
        let keep = self.selected_entity();
        self.all = rows;
        self.found_with = None;
        self.reshow(table, visible);
        if reset {
            self.selected = 0;
            self.offset = 0;
        } else if let Some(e) = keep {
            self.select_entity(e);
        }
        self.follow(visible);
    }

    /// The rows shown, again from every row: those of the shown kinds
    /// that the find finds. A find that only grew looks among the rows it
    /// found before.
    fn reshow(&mut self, table: &EntityTable, visible: usize) {
        let folded = self.find.as_ref().map(|f| f.folded.as_str()).unwrap_or("");
        let hidden = self.hidden;
        let keep = |r: &PaneRow| {
            let e = table.entity(r.entity);
            hidden & kind_bit(e.kind) == 0 && (folded.is_empty() || finds(e, folded))
        };
        // The vectors are reused: at 50,000 rows a fresh one a keystroke
        // costs more in page faults than the matching.
        if self
            .found_with
            .as_deref()
            .is_some_and(|before| folded.starts_with(before))
        {
            self.rows.retain(keep);
        } else {
            self.rows.clear();
            self.rows
                .extend(self.all.iter().filter(|r| keep(r)).copied());
        }
        self.found_with = Some(folded.to_string());
        self.follow(visible);
    }

    /// The open article's entities first seen in it (within its story).
    pub fn set_first_seen(&mut self, mut entities: Vec<EntityId>) {
        entities.sort_unstable();
        self.first_seen = entities;
    }

    /// Whether entity `e` is first seen in the open article: no earlier
    /// report of its story mentions it.
    pub fn is_first_seen(&self, e: EntityId) -> bool {
        self.first_seen.binary_search(&e).is_ok()
    }

    /// The listed articles' surface counts, if counted for `key`.
    pub fn listed_counts(&self, key: ListedKey) -> Option<&[(SurfaceId, u32)]> {
        self.listed
            .as_ref()
            .filter(|(k, _)| *k == key)
            .map(|(_, c)| c.as_slice())
    }

    /// The listed articles' surface counts, kept for `key` (the last
    /// ones, whatever they were counted for, until then).
    pub fn keep_listed_counts(&mut self, key: ListedKey, counts: Vec<(SurfaceId, u32)>) {
        self.done_counting(key);
        self.listed = Some((key, counts));
    }

    /// The worker counting for `key` (if that is the one) has answered.
    pub fn done_counting(&mut self, key: ListedKey) {
        if self.is_counting(key) {
            self.counting = None;
        }
    }

    /// The last surface counts kept, whichever list and mentions they
    /// were counted for: what the pane shows while a worker counts anew.
    pub fn last_listed_counts(&self) -> Option<&[(SurfaceId, u32)]> {
        self.listed.as_ref().map(|(_, c)| c.as_slice())
    }

    /// Whether a worker is counting the listed articles for `key`.
    pub fn is_counting(&self, key: ListedKey) -> bool {
        self.counting.as_ref().is_some_and(|(k, _)| *k == key)
    }

    /// Whether a worker is counting the listed articles (for any key).
    pub fn counting(&self) -> bool {
        self.counting.is_some()
    }

    /// A worker counts the listed articles for `key` with `cancel`: the
    /// count it supersedes is stopped.
    pub fn count_on_worker(&mut self, key: ListedKey, cancel: Cancel) {
        self.stop_counting();
        self.counting = Some((key, cancel));
    }

    /// Stops the worker counting the listed articles, if one is: its
    /// count is no longer wanted.
    pub fn stop_counting(&mut self) {
        if let Some((_, old)) = self.counting.take() {
            old.0.store(true, Ordering::Relaxed);
        }
    }

    /// Keeps the selection in the list and in view.
    pub fn follow(&mut self, rows: usize) {
        (self.selected, self.offset) = fit(self.selected, self.offset, self.rows.len(), rows);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_found_by_their_start() {
        assert!(word_starts_with("Khalifa Haftar", "haf"));
        assert!(word_starts_with("Khalifa Haftar", "khalifa h"));
        assert!(word_starts_with("Khalifa Haftar", ""));
        assert!(!word_starts_with("Khalifa Haftar", "alifa"));
        assert!(!word_starts_with("Iran", "irani"));
        assert!(word_starts_with("Iranian", "iran"));
        assert!(word_starts_with("Recep Tayyip Erdoğan", "erdogan"));
        assert!(word_starts_with("Élysée", "elys"));
        assert!(!word_starts_with("Ireland", "iran"));
        assert!(word_starts_with("al-Sarraj", "sarr"));
    }
}
