//! Every key, grouped: the help overlay shows this table and the README
//! repeats it. The key map (`tui::keys`) is tested against it.

pub struct Group {
    pub title: &'static str,
    /// `(keys, what they do)`.
    pub keys: &'static [(&'static str, &'static str)],
}

pub const KEYS: &[Group] = &[
    Group {
        title: "Anywhere",
        keys: &[
            ("q  Ctrl-C", "quit (q closes an open overlay first)"),
            ("?", "this help"),
            ("/", "filter the list (Enter keeps it, Esc drops it)"),
            ("Esc", "close the overlay, or clear the filter"),
            ("Tab  Shift-Tab", "next / previous pane"),
            ("1  2  3", "focus the list / reader / entities"),
            ("w", "load warnings"),
            ("u", "mark the selected article unread / read"),
            ("a", "entities of this article / of all listed articles"),
            ("]  [", "next / previous entity mention in the article"),
            (
                "n  N",
                "next / previous mention of the current entity, across articles",
            ),
            ("*", "make the entity under the mention cursor current"),
        ],
    },
    Group {
        title: "List",
        keys: &[
            ("j  k  ↓  ↑", "move the selection"),
            ("g  G  Home  End", "first / last article"),
            ("PgDn  PgUp", "a page down / up"),
            ("Enter", "open the article in the reader"),
        ],
    },
    Group {
        title: "Reader",
        keys: &[
            ("j  k  ↓  ↑", "scroll a line"),
            ("Space  PgDn", "a page down"),
            ("b  PgUp", "a page up"),
            ("g  G  Home  End", "top / bottom"),
        ],
    },
    Group {
        title: "Entities",
        keys: &[
            ("j  k  ↓  ↑", "move the selection"),
            ("g  G  PgDn  PgUp", "first / last, a page"),
            ("Enter", "make it current and jump to its first mention"),
            ("f", "list only the articles that mention it"),
        ],
    },
    Group {
        title: "While typing a filter",
        keys: &[
            (
                "Enter",
                "keep the filter (an @name becomes the current entity)",
            ),
            ("Esc", "drop the filter"),
            (
                "Backspace  Ctrl-W  Ctrl-U",
                "delete a character / a word / all",
            ),
            ("↓  ↑", "move the selection"),
        ],
    },
    Group {
        title: "Filter terms (all must hold)",
        keys: &[
            ("word", "fuzzy: the title or an entity's name or alias"),
            (
                "@word  @\"two words\"",
                "mentions an entity whose name fuzzy-matches",
            ),
            ("\"a phrase\"", "the body contains it, any case"),
            ("date:2020-01", "dated in that year / month / day"),
            (
                "date:2020-01-01..2020-01-31",
                "dated in the range (either end optional)",
            ),
            (
                "entity:khalifa-haftar",
                "mentions that entity (what f types)",
            ),
            ("is:unread  is:read", "unread / read articles"),
            ("!term", "the term does not hold"),
        ],
    },
    Group {
        title: "Mouse",
        keys: &[
            (
                "click",
                "focus a pane, select a row (again: open), put the cursor on a mention",
            ),
            ("wheel", "scroll the pane under the pointer"),
        ],
    },
];

/// Rows the help takes: a title, the keys and a blank line per group.
pub fn rows() -> usize {
    KEYS.iter().map(|g| g.keys.len() + 2).sum::<usize>() - 1
}
