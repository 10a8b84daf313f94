//! The help overlay's text: every action, grouped, with the keys the
//! config binds to it (the README's key tables repeat it for the default
//! keys, and a test checks they agree), then the filter's terms and the
//! mouse. Laid out here for a width, keys and descriptions wrapped rather
//! than cut, so the overlay and its scrolling agree on its rows.

use super::layout::wrap;
use super::text::width;
use crate::config::{Bindings, Key, KeyCode};

/// What a row of the help says its keys are.
#[derive(Clone, Copy, Debug)]
pub enum Keys {
    /// The keys bound to these actions (of `config::ACTIONS`): each
    /// action's first key, then each one's second, and so on.
    Actions(&'static [&'static str]),
    /// Written out (filter terms, the mouse).
    Text(&'static str),
}

#[derive(Clone, Copy, Debug)]
pub struct Row {
    pub keys: Keys,
    pub does: &'static str,
}

#[derive(Clone, Copy, Debug)]
pub struct Group {
    pub title: &'static str,
    pub rows: &'static [Row],
}

const fn keys(actions: &'static [&'static str], does: &'static str) -> Row {
    Row {
        keys: Keys::Actions(actions),
        does,
    }
}

const fn text(keys: &'static str, does: &'static str) -> Row {
    Row {
        keys: Keys::Text(keys),
        does,
    }
}

/// Every action of the reader, in the help's order.
pub const GROUPS: &[Group] = &[
    Group {
        title: "Anywhere",
        rows: &[
            keys(&["quit"], "quit (q closes an open overlay first)"),
            keys(&["help"], "this help"),
            keys(
                &["filter"],
                "filter the list (Enter keeps it, Esc drops it)",
            ),
            keys(
                &["clear_filter"],
                "clear the filter (and the entity it chose), or stop following the entity",
            ),
            keys(&["next_pane", "prev_pane"], "next / previous pane"),
            keys(
                &["focus_list", "focus_reader", "focus_entities"],
                "focus the list / reader / entities",
            ),
            keys(&["warnings"], "load warnings"),
            keys(&["toggle_read"], "mark the selected article unread / read"),
            keys(
                &["entity_scope"],
                "entities of this article / of all listed articles",
            ),
            keys(
                &["next_mention", "prev_mention"],
                "next / previous entity mention in the article",
            ),
            keys(
                &["next_of_entity", "prev_of_entity"],
                "next / previous mention of the current entity, across articles",
            ),
            keys(
                &["follow_cursor"],
                "make the entity under the mention cursor current",
            ),
            keys(&["fetch"], "fetch the feeds again (lede --feeds)"),
            keys(
                &["rescan"],
                "look for new, changed and deleted files in the opened folders",
            ),
            keys(&["suspend"], "suspend lede (the shell's fg brings it back)"),
        ],
    },
    Group {
        title: "Moving (list, reader, entities, overlays)",
        rows: &[
            keys(&["down", "up"], "a row (a line) down / up"),
            keys(&["top", "bottom"], "first / last row, top / bottom"),
            keys(&["page_down", "page_up"], "a page down / up"),
        ],
    },
    Group {
        title: "List",
        rows: &[keys(&["open"], "open the article in the reader")],
    },
    Group {
        title: "Entities",
        rows: &[
            keys(
                &["activate_entity"],
                "make it current and jump to its first mention",
            ),
            keys(
                &["filter_by_entity"],
                "list only the articles that mention it",
            ),
        ],
    },
    Group {
        title: "Help and warnings",
        rows: &[keys(&["close_overlay"], "close them")],
    },
    Group {
        title: "While typing a filter",
        rows: &[
            keys(
                &["filter_accept"],
                "keep the filter (an @name becomes the current entity)",
            ),
            keys(&["filter_cancel"], "drop the filter"),
            keys(&["filter_delete_char"], "delete a character"),
            keys(&["filter_delete_word"], "delete a word"),
            keys(&["filter_delete_all"], "delete everything typed"),
            keys(&["filter_down", "filter_up"], "move the selection"),
        ],
    },
    Group {
        title: "Filter terms (all must hold)",
        rows: &[
            text(
                "word",
                "a word starting so: title, body, entity name (else its letters in order)",
            ),
            text(
                "@word  @\"two words\"",
                "mentions an entity a word of whose name starts so",
            ),
            text("\"a phrase\"", "the body contains it, any case"),
            text("date:2020-01", "dated in that year / month / day"),
            text(
                "date:today  date:7d  date:2w..",
                "today / in the last 7 days / since 2 weeks ago",
            ),
            text(
                "date:2020-01-01..2020-01-31",
                "dated in the range (either end optional)",
            ),
            text(
                "entity:khalifa-haftar",
                "mentions that entity (what f types)",
            ),
            text("is:unread  is:read", "unread / read articles"),
            text(
                "feed:aljazeera",
                "from a source (a feed's name or address) holding the word",
            ),
            text(
                "tag:libya",
                "a feed item with that tag (its own or its feed's)",
            ),
            text("!term", "the term does not hold"),
            text("is:starred", "starred articles (s stars)"),
        ],
    },
    Group {
        title: "Mouse",
        rows: &[
            text(
                "click",
                "focus a pane, select a row (again: open), put the cursor on a mention",
            ),
            text("wheel", "scroll the pane under the pointer"),
        ],
    },
    Group {
        title: "Stories and the list",
        rows: &[
            keys(
                &["fold_story"],
                "unfold the story under the selection in place, or fold it",
            ),
            keys(
                &["folding"],
                "one row per story (the default), or every report",
            ),
            keys(&["narrow_list", "widen_list"], "narrow / widen the list"),
            keys(
                &["sort"],
                "sort by date (or best match), title, source, entities",
            ),
        ],
    },
    Group {
        title: "Entity pane: kinds and finding",
        rows: &[
            keys(
                &[
                    "kind_person",
                    "kind_organization",
                    "kind_location",
                    "kind_misc",
                    "kind_date",
                ],
                "show / hide people, organizations, locations, other names, dates",
            ),
            keys(
                &["find_entity"],
                "find an entity by a word of its name (Enter keeps, Esc drops)",
            ),
        ],
    },
    Group {
        title: "Reading (anywhere)",
        rows: &[
            keys(
                &["next_article", "prev_article"],
                "open the next / previous listed report, into folded stories",
            ),
            keys(&["next_unread"], "open the next unread listed report"),
            keys(
                &["mark_all_read", "undo_mark_all"],
                "mark every listed article read / undo that",
            ),
            keys(
                &["next_new", "prev_new"],
                "next / previous passage new since the story's earlier reports",
            ),
            keys(
                &["next_hit", "prev_hit"],
                "next / previous hit of the filter's words and phrases",
            ),
            keys(
                &["star"],
                "star / unstar the article (is:starred lists them)",
            ),
            keys(&["open_url"], "open the article's address ($BROWSER)"),
            keys(&["pager"], "open the article's file in $PAGER"),
            keys(
                &["copy"],
                "copy: the address (list), the entity's name (entities), the paragraph as a quote (reader)",
            ),
        ],
    },
    Group {
        title: "Timeline",
        rows: &[
            keys(
                &["timeline"],
                "the current (or selected) entity's mentions over time",
            ),
            keys(
                &["timeline_earlier", "timeline_later"],
                "an earlier / later period",
            ),
            keys(&["choose"], "list the articles of the period"),
        ],
    },
    Group {
        title: "Company",
        rows: &[
            keys(
                &["company"],
                "the entities in the current (or selected) entity's sentences",
            ),
            keys(&["choose"], "make the selected one current"),
        ],
    },
];

/// A key as the help (and the README) writes it.
pub fn key_name(k: &Key) -> String {
    let plain = Key {
        ctrl: false,
        alt: false,
        shift: false,
        ..*k
    };
    let base = match k.code {
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::Char(c) if k.ctrl && c.is_ascii_lowercase() => c.to_ascii_uppercase().to_string(),
        _ => plain.to_string(),
    };
    let mut out = String::new();
    if k.ctrl {
        out.push_str("Ctrl-");
    }
    if k.alt {
        out.push_str("Alt-");
    }
    if k.shift {
        out.push_str("Shift-");
    }
    out.push_str(&base);
    out
}

/// The keys of a row under `bindings`, as the help writes them (two
/// spaces apart); empty when none is bound.
pub fn row_keys(row: &Row, bindings: &Bindings) -> String {
    match row.keys {
        Keys::Text(t) => t.to_string(),
        Keys::Actions(names) => {
            let lists: Vec<&[Key]> = names.iter().map(|n| bindings.keys(n)).collect();
            let most = lists.iter().map(|l| l.len()).max().unwrap_or(0);
            let mut names = Vec::new();
            for i in 0..most {
                for l in &lists {
                    if let Some(k) = l.get(i) {
                        names.push(key_name(k));
                    }
                }
            }
            names.join("  ")
        }
    }
}

/// One line of the help as laid out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Line {
    Title(&'static str),
    /// Keys (or the rest of them) in a column `key_width` wide, then what
    /// they do (or the rest of it).
    Row {
        keys: String,
        key_width: usize,
        does: String,
    },
    Blank,
}

/// Widest the keys' column gets, at most half the width.
const MAX_KEY_WIDTH: usize = 28;

/// The help laid out `width` cells wide: keys and descriptions wrapped
/// in their columns, never cut. Rows without a key bound are left out.
pub fn lines(bindings: &Bindings, width: usize) -> Vec<Line> {
    let mut out = Vec::new();
    for (gi, g) in GROUPS.iter().enumerate() {
        if gi > 0 {
            out.push(Line::Blank);
        }
        out.push(Line::Title(g.title));
        let rows: Vec<(String, &str)> = g
            .rows
            .iter()
            .map(|r| (row_keys(r, bindings), r.does))
            .filter(|(k, _)| !k.is_empty())
            .collect();
        let key_width = rows
            .iter()
            .map(|(k, _)| width_of(k))
            .max()
            .unwrap_or(0)
            .min(MAX_KEY_WIDTH)
            .min(width / 2)
            .max(1);
        // A space before the keys, two after.
        let text_width = width.saturating_sub(key_width + 3).max(1);
        for (k, does) in rows {
            let keys = pieces(&k, key_width);
            let text = pieces(does, text_width);
            for i in 0..keys.len().max(text.len()) {
                out.push(Line::Row {
                    keys: keys.get(i).cloned().unwrap_or_default(),
                    key_width,
                    does: text.get(i).cloned().unwrap_or_default(),
                });
            }
        }
    }
    out
}

fn width_of(s: &str) -> usize {
    width(s)
}

/// `s` wrapped to `w` cells, as strings.
fn pieces(s: &str, w: usize) -> Vec<String> {
    wrap(s, w)
        .into_iter()
        .map(|r| s[r].trim_end().to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::ACTIONS;

    #[test]
    fn every_action_is_in_the_help() {
        let named: Vec<&str> = GROUPS
            .iter()
            .flat_map(|g| g.rows)
            .flat_map(|r| match r.keys {
                Keys::Actions(a) => a.to_vec(),
                Keys::Text(_) => Vec::new(),
            })
            .collect();
        for a in ACTIONS {
            assert!(named.contains(&a.name), "{} is not in the help", a.name);
        }
        for n in named {
            assert!(
                ACTIONS.iter().any(|a| a.name == n),
                "the help names {n}, which is no action"
            );
        }
    }

    #[test]
    fn keys_are_named_as_the_help_writes_them() {
        let b = Bindings::default();
        let row = |names| row_keys(&keys(names, ""), &b);
        assert_eq!(row(&["quit"]), "q  Ctrl-C");
        assert_eq!(row(&["down", "up"]), "j  k  ↓  ↑");
        assert_eq!(row(&["page_down", "page_up"]), "PgDn  PgUp  Space  b");
        assert_eq!(row(&["next_pane", "prev_pane"]), "Tab  Shift-Tab");
    }

    #[test]
    fn long_lines_wrap_in_their_column_and_nothing_is_cut() {
        let b = Bindings::default();
        for width in [60, 84, 120] {
            let all = lines(&b, width);
            let mut said = String::new();
            for l in &all {
                if let Line::Row {
                    keys,
                    key_width,
                    does,
                } = l
                {
                    assert!(width_of(keys) <= *key_width, "{keys:?} at {width}");
                    assert!(key_width + 3 + width_of(does) <= width.max(key_width + 4));
                    said.push_str(does);
                    said.push(' ');
                }
            }
            let said: String = said.split_whitespace().collect::<Vec<_>>().join(" ");
            for g in GROUPS {
                for r in g.rows {
                    assert!(said.contains(r.does), "{:?} cut at {width}", r.does);
                }
            }
        }
    }
}
