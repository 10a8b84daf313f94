//! Everything that can change the app state. Keys, mouse events and
//! background work all become an [`Action`]; [`super::update`] applies it.

/// The panes that can hold the keyboard focus.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Focus {
    #[default]
    List,
    Reader,
    Entities,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    Quit,
    /// Moves the list selection by this many rows (negative: up).
    MoveSelection(isize),
    SelectFirst,
    SelectLast,
    /// Opens the selected article in the reader and marks it read.
    OpenSelected,
    /// Scrolls the reader by this many lines (negative: up).
    Scroll(isize),
    FocusNext,
    FocusPrev,
    Focus(Focus),
    /// Starts editing the filter query.
    FilterStart,
    FilterInput(char),
    FilterBackspace,
    /// Keeps the query and leaves editing.
    FilterAccept,
    /// Drops the query.
    FilterClear,
}
