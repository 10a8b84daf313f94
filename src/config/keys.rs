//! Keys as the config file writes them (`j`, `Down`, `Ctrl-w`,
//! `Shift-Tab`, `PageDown`), the one table of the reader's actions with
//! their default keys, and the bindings a config makes of them. Nothing
//! here knows the terminal: the key map turns a terminal's key event into
//! a [`Key`] and looks it up.

use std::fmt;

/// A key as the reader receives it. Characters carry their case (`G` is
/// shift and g, and is written `G`); `shift` is for keys without a case
/// (`Shift-Up`). `Shift-Tab` is [`KeyCode::BackTab`], as terminals send it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
    pub shift: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeyCode {
    Char(char),
    Enter,
    Esc,
    Tab,
    BackTab,
    Backspace,
    Delete,
    Insert,
    Home,
    End,
    PageUp,
    PageDown,
    Up,
    Down,
    Left,
    Right,
    /// F1 to F12.
    F(u8),
}

/// Named keys: the canonical spelling first, then what else is accepted
/// (any case).
const NAMES: &[(KeyCode, &[&str])] = &[
    (KeyCode::Enter, &["Enter", "Return"]),
    (KeyCode::Esc, &["Esc", "Escape"]),
    (KeyCode::Tab, &["Tab"]),
    (KeyCode::BackTab, &["BackTab"]),
    (KeyCode::Backspace, &["Backspace", "BS"]),
    (KeyCode::Delete, &["Delete", "Del"]),
    (KeyCode::Insert, &["Insert", "Ins"]),
    (KeyCode::Home, &["Home"]),
    (KeyCode::End, &["End"]),
    (KeyCode::PageUp, &["PageUp", "PgUp"]),
    (KeyCode::PageDown, &["PageDown", "PgDn", "PgDown"]),
    (KeyCode::Up, &["Up"]),
    (KeyCode::Down, &["Down"]),
    (KeyCode::Left, &["Left"]),
    (KeyCode::Right, &["Right"]),
    (KeyCode::Char(' '), &["Space"]),
];

impl Key {
    pub const fn new(code: KeyCode) -> Key {
        Key {
            code,
            ctrl: false,
            alt: false,
            shift: false,
        }
    }

    /// Parses a key spec: modifiers (`Ctrl-`, `Alt-`, `Shift-`, any case,
    /// any order), then one character or a key's name (`Enter`, `Esc`,
    /// `Tab`, `Backspace`, `Delete`, `Insert`, `Home`, `End`, `PageUp`,
    /// `PageDown`, `Up`, `Down`, `Left`, `Right`, `Space`, `F1`-`F12`).
    pub fn parse(spec: &str) -> Result<Key, String> {
        let mut key = Key::new(KeyCode::Char(' '));
        let mut rest = spec;
        loop {
            let lower = rest.to_ascii_lowercase();
            let (flag, len) = if lower.starts_with("ctrl-") {
                (&mut key.ctrl, 5)
            } else if lower.starts_with("control-") {
                (&mut key.ctrl, 8)
            } else if lower.starts_with("alt-") {
                (&mut key.alt, 4)
            } else if lower.starts_with("meta-") {
                (&mut key.alt, 5)
            } else if lower.starts_with("shift-") {
                (&mut key.shift, 6)
            } else {
                break;
            };
            // `Ctrl--` is Ctrl and the minus key.
            if rest.len() == len {
                break;
            }
            if *flag {
                return Err(format!("{spec:?} names a modifier twice"));
            }
            *flag = true;
            rest = &rest[len..];
        }
        if rest.is_empty() {
            return Err("an empty key: write a character or a key name such as Enter".into());
        }
        let mut chars = rest.chars();
        key.code = match (chars.next(), chars.next()) {
            (Some(c), None) if c.is_control() => {
                return Err(format!("{spec:?}: a control character is not a key spec; write Ctrl-x or a key name"));
            }
            (Some(c), None) => KeyCode::Char(c),
            _ => named(rest).ok_or_else(|| {
                format!(
                    "{spec:?} is not a key: write a character, or a modifier (Ctrl-, Alt-, Shift-) and a key such as Enter, Esc, Tab, Backspace, PageDown, Up, F1"
                )
            })?,
        };
        normalize(key).map_err(|why| format!("{spec:?}: {why}"))
    }
}

fn named(name: &str) -> Option<KeyCode> {
    for (code, names) in NAMES {
        if names.iter().any(|n| n.eq_ignore_ascii_case(name)) {
            return Some(*code);
        }
    }
    let n = name.strip_prefix(['F', 'f'])?.parse::<u8>().ok()?;
    (1..=12).contains(&n).then_some(KeyCode::F(n))
}

/// One spelling for one key: `Shift-g` is `G`, `Shift-Tab` is BackTab,
/// `Ctrl-W` is `Ctrl-w` (terminals cannot tell them apart).
fn normalize(mut key: Key) -> Result<Key, &'static str> {
    match key.code {
        KeyCode::Char(c) if key.ctrl && c.is_ascii_alphabetic() => {
            key.code = KeyCode::Char(c.to_ascii_lowercase());
            if key.shift {
                return Err("terminals cannot tell Ctrl-Shift-x from Ctrl-x");
            }
        }
        KeyCode::Char(c) if key.shift => {
            let upper: Vec<char> = c.to_uppercase().collect();
            match upper.as_slice() {
                [u] if *u != c => key.code = KeyCode::Char(*u),
                _ => {
                    return Err(
                        "Shift goes with letters and named keys; write the character Shift gives (`!`, not `Shift-1`)",
                    );
                }
            }
            key.shift = false;
        }
        KeyCode::Tab if key.shift => {
            key.code = KeyCode::BackTab;
            key.shift = false;
        }
        _ => {}
    }
    Ok(key)
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("Ctrl-")?;
        }
        if self.alt {
            f.write_str("Alt-")?;
        }
        if self.shift {
            f.write_str("Shift-")?;
        }
        match self.code {
            KeyCode::BackTab => f.write_str("Shift-Tab"),
            KeyCode::F(n) => write!(f, "F{n}"),
            code => match NAMES.iter().find(|(c, _)| *c == code) {
                Some((_, names)) => f.write_str(names[0]),
                None => match code {
                    KeyCode::Char(c) => write!(f, "{c}"),
                    _ => unreachable!("every named key is in NAMES"),
                },
            },
        }
    }
}

/// Where an action's keys are read: the same key may mean two things in
/// two scopes that are never active at once.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Scope {
    /// Anywhere, unless an overlay is open or a filter is being typed.
    Global,
    /// Moving in whatever is focused: a list, the reader, an overlay.
    Panes,
    List,
    Reader,
    Entities,
    /// An overlay (help, warnings) is open.
    Overlay,
    /// A filter is being typed: plain characters are text, not keys.
    Filter,
}

impl Scope {
    /// Whether a key bound in both could be read for either: a pane reads
    /// its own keys, the moves and the global keys; an overlay its own
    /// and the moves; the filter only its own.
    pub fn overlaps(self, other: Scope) -> bool {
        use Scope::*;
        let reads = |s: Scope| -> &'static [Scope] {
            match s {
                Global => &[Global, Panes, List, Reader, Entities],
                Panes => &[Global, Panes, List, Reader, Entities, Overlay],
                List => &[Global, Panes, List],
                Reader => &[Global, Panes, Reader],
                Entities => &[Global, Panes, Entities],
                Overlay => &[Panes, Overlay],
                Filter => &[Filter],
            }
        };
        reads(self).contains(&other)
    }

    /// Whether a key bound here hides the same key's global action while
    /// this scope reads keys: a pane's own keys shadow the global ones
    /// there (`/` finds an entity in the entity pane and filters the
    /// list elsewhere). Such keys do not clash.
    pub fn shadows(self, other: Scope) -> bool {
        matches!(self, Scope::List | Scope::Reader | Scope::Entities) && other == Scope::Global
    }

    /// Whether a key bound in both would clash: read in both, and
    /// neither shadowing the other.
    pub fn clashes(self, other: Scope) -> bool {
        self.overlaps(other) && !self.shadows(other) && !other.shadows(self)
    }
}

/// An action the reader's keys can do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ActionSpec {
    /// Its name in the config file.
    pub name: &'static str,
    pub scope: Scope,
    /// Its keys unless the config says otherwise.
    pub keys: &'static [&'static str],
    /// What it does, for the help and the printed config.
    pub does: &'static str,
}

const fn action(
    name: &'static str,
    scope: Scope,
    keys: &'static [&'static str],
    does: &'static str,
) -> ActionSpec {
    ActionSpec {
        name,
        scope,
        keys,
        does,
    }
}

/// Every action of the reader, in the order the help lists them. The key
/// map, the help and the config file all read this one table.
pub const ACTIONS: &[ActionSpec] = &[
    action("quit", Scope::Global, &["q", "Ctrl-c"], "quit"),
    action("help", Scope::Global, &["?"], "show the keys"),
    action("filter", Scope::Global, &["/"], "filter the list"),
    action("clear_filter", Scope::Global, &["Esc"], "clear the filter"),
    action("next_pane", Scope::Global, &["Tab"], "next pane"),
    action("prev_pane", Scope::Global, &["Shift-Tab"], "previous pane"),
    action("focus_list", Scope::Global, &["1"], "focus the list"),
    action("focus_reader", Scope::Global, &["2"], "focus the reader"),
    action(
        "focus_entities",
        Scope::Global,
        &["3"],
        "focus the entities",
    ),
    action("warnings", Scope::Global, &["w"], "show the load warnings"),
    action(
        "toggle_read",
        Scope::Global,
        &["u"],
        "mark the selected article unread / read",
    ),
    action(
        "entity_scope",
        Scope::Global,
        &["a"],
        "entities of this article / of all listed articles",
    ),
    action(
        "next_mention",
        Scope::Global,
        &["]"],
        "next entity mention in the article",
    ),
    action(
        "prev_mention",
        Scope::Global,
        &["["],
        "previous entity mention in the article",
    ),
    action(
        "next_of_entity",
        Scope::Global,
        &["n"],
        "next mention of the current entity, across articles",
    ),
    action(
        "prev_of_entity",
        Scope::Global,
        &["N"],
        "previous mention of the current entity, across articles",
    ),
    action(
        "follow_cursor",
        Scope::Global,
        &["*"],
        "make the entity under the mention cursor current",
    ),
    action("fetch", Scope::Global, &["R"], "fetch the feeds again"),
    action(
        "rescan",
        Scope::Global,
        &["r"],
        "look for new, changed and deleted files in the opened folders",
    ),
    action(
        "suspend",
        Scope::Global,
        &["Ctrl-z"],
        "suspend lede, as a shell job (fg brings it back)",
    ),
    action(
        "down",
        Scope::Panes,
        &["j", "Down"],
        "move down a row or a line",
    ),
    action("up", Scope::Panes, &["k", "Up"], "move up a row or a line"),
    action(
        "top",
        Scope::Panes,
        &["g", "Home"],
        "go to the first row, or the top",
    ),
    action(
        "bottom",
        Scope::Panes,
        &["G", "End"],
        "go to the last row, or the bottom",
    ),
    action(
        "page_down",
        Scope::Panes,
        &["PageDown", "Space"],
        "a page down",
    ),
    action("page_up", Scope::Panes, &["PageUp", "b"], "a page up"),
    action("open", Scope::List, &["Enter"], "open the selected article"),
    action(
        "activate_entity",
        Scope::Entities,
        &["Enter"],
        "make the entity current and jump to its first mention",
    ),
    action(
        "filter_by_entity",
        Scope::Entities,
        &["f"],
        "list only the articles that mention the entity",
    ),
    action(
        "close_overlay",
        Scope::Overlay,
        &["Esc", "q"],
        "close the overlay",
    ),
    action(
        "filter_accept",
        Scope::Filter,
        &["Enter"],
        "keep the filter",
    ),
    action("filter_cancel", Scope::Filter, &["Esc"], "drop the filter"),
    action(
        "filter_delete_char",
        Scope::Filter,
        &["Backspace"],
        "delete a character",
    ),
    action(
        "filter_delete_word",
        Scope::Filter,
        &["Ctrl-w", "Ctrl-Backspace", "Alt-Backspace"],
        "delete a word",
    ),
    action(
        "filter_delete_all",
        Scope::Filter,
        &["Ctrl-u"],
        "delete everything typed",
    ),
    action(
        "filter_down",
        Scope::Filter,
        &["Down", "Ctrl-n"],
        "move the selection down",
    ),
    action(
        "filter_up",
        Scope::Filter,
        &["Up", "Ctrl-p"],
        "move the selection up",
    ),
    action(
        "fold_story",
        Scope::Global,
        &["z"],
        "unfold / fold the story under the list selection",
    ),
    action(
        "folding",
        Scope::Global,
        &["Z"],
        "fold stories in the list, or not",
    ),
    action("narrow_list", Scope::Global, &["<"], "narrow the list"),
    action("widen_list", Scope::Global, &[">"], "widen the list"),
    action(
        "sort",
        Scope::Global,
        &["S"],
        "sort the list by date, title, source or entities",
    ),
    // The reading flow.
    action("next_new", Scope::Global, &["}"], "next new passage"),
    action("prev_new", Scope::Global, &["{"], "previous new passage"),
    action("next_hit", Scope::Global, &[";"], "next filter hit"),
    action("prev_hit", Scope::Global, &[","], "previous filter hit"),
    action("next_article", Scope::Global, &["J"], "next article"),
    action("prev_article", Scope::Global, &["K"], "previous article"),
    action("next_unread", Scope::Global, &["."], "next unread article"),
    action(
        "mark_all_read",
        Scope::Global,
        &["M"],
        "mark every listed article read",
    ),
    action("undo_mark_all", Scope::Global, &["U"], "undo mark all read"),
    action("star", Scope::Global, &["s"], "star / unstar the article"),
    action(
        "open_url",
        Scope::Global,
        &["o"],
        "open the article's address",
    ),
    action(
        "pager",
        Scope::Global,
        &["e"],
        "open the article's file in $PAGER",
    ),
    action(
        "copy",
        Scope::Global,
        &["y"],
        "copy the address, the entity's name or the paragraph",
    ),
    action(
        "kind_person",
        Scope::Entities,
        &["p"],
        "show / hide people in the entity pane",
    ),
    action(
        "kind_organization",
        Scope::Entities,
        &["o"],
        "show / hide organizations in the entity pane",
    ),
    action(
        "kind_location",
        Scope::Entities,
        &["l"],
        "show / hide locations in the entity pane",
    ),
    action(
        "kind_misc",
        Scope::Entities,
        &["m"],
        "show / hide other names (nationalities, events) in the entity pane",
    ),
    action(
        "kind_date",
        Scope::Entities,
        &["d"],
        "show / hide dates in the entity pane",
    ),
    action(
        "find_entity",
        Scope::Entities,
        &["/"],
        "find an entity in the pane by typing its name",
    ),
    action(
        "timeline",
        Scope::Global,
        &["T"],
        "the current entity's mentions over time",
    ),
    action(
        "timeline_earlier",
        Scope::Overlay,
        &["Left", "h"],
        "the timeline's earlier period",
    ),
    action(
        "timeline_later",
        Scope::Overlay,
        &["Right", "l"],
        "the timeline's later period",
    ),
    action(
        "choose",
        Scope::Overlay,
        &["Enter"],
        "on the timeline: list the period's articles; in the company: make the entity current",
    ),
    action(
        "company",
        Scope::Global,
        &["C"],
        "the entities in the current entity's sentences",
    ),
];

/// The spec of the action named `name`.
pub fn action_named(name: &str) -> Option<&'static ActionSpec> {
    ACTIONS.iter().find(|a| a.name == name)
}

/// The keys of every action of [`ACTIONS`], in its order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bindings {
    keys: Vec<Vec<Key>>,
}

impl Default for Bindings {
    fn default() -> Bindings {
        Bindings {
            keys: ACTIONS
                .iter()
                .map(|a| {
                    a.keys
                        .iter()
                        .map(|k| Key::parse(k).expect("the default keys parse"))
                        .collect()
                })
                .collect(),
        }
    }
}

impl Bindings {
    /// The keys of `action` (empty: unbound, or no such action).
    pub fn keys(&self, action: &str) -> &[Key] {
        ACTIONS
            .iter()
            .position(|a| a.name == action)
            .map_or(&[], |i| &self.keys[i])
    }

    /// The action `key` does in `scope`: bound in that scope, or in one it
    /// overlaps (a move in [`Scope::Panes`] for the list, a
    /// [`Scope::Global`] key in a pane). Where both a pane's own action
    /// and a global one have the key (the entity pane's `/`, by default:
    /// [`Scope::shadows`]), the pane's wins.
    pub fn action(&self, scope: Scope, key: Key) -> Option<&'static str> {
        let mut wider = None;
        for (spec, keys) in ACTIONS.iter().zip(&self.keys) {
            if keys.contains(&key) {
                if spec.scope == scope {
                    return Some(spec.name);
                }
                if scope.overlaps(spec.scope) && wider.is_none() {
                    wider = Some(spec.name);
                }
            }
        }
        wider
    }

    /// Replaces the keys of `action` (which must be in [`ACTIONS`]) and
    /// drops them from every action they would clash with that `user`
    /// does not name (defaults give way to what the user wrote). Returns
    /// the user-named action they clash with, if any.
    pub(crate) fn set(
        &mut self,
        action: &str,
        keys: Vec<Key>,
        user: &[&str],
    ) -> Result<(), (Key, &'static str)> {
        let i = ACTIONS
            .iter()
            .position(|a| a.name == action)
            .expect("a known action");
        let scope = ACTIONS[i].scope;
        for (j, other) in ACTIONS.iter().enumerate() {
            if j == i || !scope.clashes(other.scope) {
                continue;
            }
            if user.contains(&other.name) {
                if let Some(k) = keys.iter().find(|k| self.keys[j].contains(k)) {
                    return Err((*k, other.name));
                }
            } else {
                self.keys[j].retain(|k| !keys.contains(k));
            }
        }
        self.keys[i] = keys;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(spec: &str) -> Key {
        Key::parse(spec).unwrap()
    }

    #[test]
    fn specs_parse_and_print_back() {
        for spec in [
            "j",
            "G",
            "?",
            "-",
            "Space",
            "Enter",
            "Esc",
            "Tab",
            "Shift-Tab",
            "Backspace",
            "PageDown",
            "PageUp",
            "Up",
            "Down",
            "Home",
            "End",
            "F1",
            "F12",
            "Ctrl-w",
            "Alt-x",
            "Ctrl-Alt-Delete",
            "Shift-Up",
            "Ctrl--",
            "é",
            "Ctrl-Backspace",
        ] {
            assert_eq!(k(spec).to_string(), spec);
        }
    }

    #[test]
    fn spellings_fold_to_one_key() {
        assert_eq!(k("Shift-g"), k("G"));
        assert_eq!(k("shift-tab"), k("BackTab"));
        assert_eq!(k("Ctrl-W"), k("ctrl-w"));
        assert_eq!(k("control-w"), k("Ctrl-w"));
        assert_eq!(k("Meta-x"), k("Alt-x"));
        assert_eq!(k("PgDn"), k("pagedown"));
        assert_eq!(k("Return"), k("Enter"));
        assert_eq!(k("space"), k(" "));
        assert_eq!(k("Alt-Ctrl-x"), k("Ctrl-Alt-x"));
    }

    #[test]
    fn bad_specs_say_why() {
        let err = |s: &str| Key::parse(s).unwrap_err();
        assert!(err("").contains("empty"));
        assert!(err("Ctrl-").contains("not a key") || err("Ctrl-").contains("empty"));
        assert!(err("PageDwn").contains("not a key"));
        assert!(err("F13").contains("not a key"));
        assert!(err("Hyper-x").contains("not a key"));
        assert!(err("Ctrl-Ctrl-x").contains("twice"));
        assert!(err("Shift-1").contains("Shift"));
        assert!(err("Ctrl-Shift-w").contains("cannot tell"));
        assert!(err("\u{1b}").contains("control character"));
    }

    #[test]
    fn every_default_key_parses_and_no_two_actions_clash() {
        let b = Bindings::default();
        for (i, a) in ACTIONS.iter().enumerate() {
            assert!(!b.keys[i].is_empty(), "{} has keys", a.name);
            for (j, o) in ACTIONS.iter().enumerate() {
                if i < j && a.scope.clashes(o.scope) {
                    for key in &b.keys[i] {
                        assert!(
                            !b.keys[j].contains(key),
                            "{key} in {} and {}",
                            a.name,
                            o.name
                        );
                    }
                }
            }
        }
        let names: std::collections::HashSet<_> = ACTIONS.iter().map(|a| a.name).collect();
        assert_eq!(names.len(), ACTIONS.len(), "names are unique");
    }

    #[test]
    fn actions_are_found_by_scope() {
        let b = Bindings::default();
        assert_eq!(b.action(Scope::List, k("j")), Some("down"));
        assert_eq!(b.action(Scope::List, k("Enter")), Some("open"));
        assert_eq!(
            b.action(Scope::Entities, k("Enter")),
            Some("activate_entity")
        );
        assert_eq!(b.action(Scope::Reader, k("q")), Some("quit"));
        assert_eq!(b.action(Scope::Overlay, k("q")), Some("close_overlay"));
        assert_eq!(b.action(Scope::Overlay, k("j")), Some("down"));
        assert_eq!(b.action(Scope::Overlay, k("Space")), Some("page_down"));
        assert_eq!(b.action(Scope::Overlay, k("w")), None);
        assert_eq!(b.action(Scope::Filter, k("j")), None);
        assert_eq!(
            b.action(Scope::Filter, k("Ctrl-w")),
            Some("filter_delete_word")
        );
        assert_eq!(b.action(Scope::List, k("F5")), None);
    }
}
