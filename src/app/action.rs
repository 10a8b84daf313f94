//! Everything that can change the app state. Keys, mouse events, resizes
//! (and, later, background work) all become an [`Action`]; [`super::update`]
//! applies it.

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

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
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
    FocusNext,
    FocusPrev,
    Focus(Focus),
    /// Starts editing the filter query.
    FilterStart,
    FilterInput(char),
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
}
