//! The key map: terminal events in, [`Action`]s out. Which action a key
//! does comes from the config's bindings ([`Bindings`], every action's
//! keys, the defaults unless the config says otherwise); what the action
//! does depends on an open overlay, on whether the filter is being typed,
//! and on the focused pane. [`KeyContext`] is exactly that, read off the
//! app. A pure map: no terminal is needed to test it.

use crossterm::event::{
    Event, KeyCode as TermCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent,
    MouseEventKind,
};

use crate::app::{Action, App, Focus, Move, Overlay};
use crate::config::{Bindings, Key, KeyCode, Scope};
use crate::entities::Kind;

/// Rows the mouse wheel moves per notch.
pub const WHEEL_ROWS: isize = 3;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct KeyContext {
    pub focus: Focus,
    pub editing: bool,
    pub overlay: Option<Overlay>,
    /// A filter is applied (Esc clears it).
    pub filter_active: bool,
    /// A find is being typed in the entity pane: keys are read as while
    /// typing a filter, and go to the find.
    pub finding: bool,
}

impl KeyContext {
    pub fn of(app: &App) -> KeyContext {
        KeyContext {
            focus: app.chrome.focus(),
            editing: app.filter.is_editing(),
            overlay: app.chrome.overlay(),
            filter_active: app.filter.is_active(),
            // (A click elsewhere leaves the find typed but not read.)
            finding: app.chrome.focus() == Focus::Entities && app.pane.is_finding(),
        }
    }

    /// Where keys are read now.
    fn scope(&self) -> Scope {
        if self.overlay.is_some() {
            Scope::Overlay
        } else if self.editing || self.finding {
            Scope::Filter
        } else {
            match self.focus {
                Focus::List => Scope::List,
                Focus::Reader => Scope::Reader,
                Focus::Entities => Scope::Entities,
            }
        }
    }
}

/// The action for any terminal event, if it has one.
pub fn event_action(event: &Event, cx: KeyContext, bindings: &Bindings) -> Option<Action> {
    match event {
        Event::Key(k) => key_action(*k, cx, bindings),
        Event::Mouse(m) => mouse_action(*m),
        Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
        // Pasted text goes into the filter being typed; anywhere else it
        // is dropped rather than run as keys.
        Event::Paste(text) if cx.finding && cx.overlay.is_none() => {
            Some(Action::FindInput(text.clone()))
        }
        Event::Paste(text) if cx.editing && cx.overlay.is_none() => {
            Some(Action::FilterPaste(text.clone()))
        }
        _ => None,
    }
}

pub fn mouse_action(m: MouseEvent) -> Option<Action> {
    match m.kind {
        MouseEventKind::Down(MouseButton::Left) => Some(Action::Click(m.column, m.row)),
        MouseEventKind::ScrollDown => Some(Action::Wheel(m.column, m.row, WHEEL_ROWS)),
        MouseEventKind::ScrollUp => Some(Action::Wheel(m.column, m.row, -WHEEL_ROWS)),
        _ => None,
    }
}

/// A terminal's key as the config writes keys: a character carries its
/// case (no Shift), a control letter is lower case, Shift-Tab is BackTab.
pub fn key_of(k: &KeyEvent) -> Option<Key> {
    let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
    let alt = k.modifiers.contains(KeyModifiers::ALT);
    let shift = k.modifiers.contains(KeyModifiers::SHIFT);
    let (code, shift) = match k.code {
        TermCode::Char(c) if ctrl && c.is_ascii_alphabetic() => {
            (KeyCode::Char(c.to_ascii_lowercase()), false)
        }
        TermCode::Char(c) => (KeyCode::Char(c), false),
        TermCode::Enter => (KeyCode::Enter, shift),
        TermCode::Esc => (KeyCode::Esc, shift),
        TermCode::Tab if shift => (KeyCode::BackTab, false),
        TermCode::Tab => (KeyCode::Tab, false),
        TermCode::BackTab => (KeyCode::BackTab, false),
        TermCode::Backspace => (KeyCode::Backspace, shift),
        TermCode::Delete => (KeyCode::Delete, shift),
        TermCode::Insert => (KeyCode::Insert, shift),
        TermCode::Home => (KeyCode::Home, shift),
        TermCode::End => (KeyCode::End, shift),
        TermCode::PageUp => (KeyCode::PageUp, shift),
        TermCode::PageDown => (KeyCode::PageDown, shift),
        TermCode::Up => (KeyCode::Up, shift),
        TermCode::Down => (KeyCode::Down, shift),
        TermCode::Left => (KeyCode::Left, shift),
        TermCode::Right => (KeyCode::Right, shift),
        TermCode::F(n) if (1..=12).contains(&n) => (KeyCode::F(n), shift),
        _ => return None,
    };
    Some(Key {
        code,
        ctrl,
        alt,
        shift,
    })
}

pub fn key_action(key: KeyEvent, cx: KeyContext, bindings: &Bindings) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let k = key_of(&key)?;
    // Ctrl-C always quits, whatever the config binds: a way out that
    // cannot be configured away.
    if k.ctrl && !k.alt && k.code == KeyCode::Char('c') {
        return Some(Action::Quit);
    }
    let scope = cx.scope();
    // Suspending works wherever the user is, as in other full-screen
    // programs.
    if bindings.action(Scope::Global, k) == Some("suspend") {
        return Some(Action::Suspend);
    }
    if let Some(o) = cx.overlay {
        // The key that opened an overlay closes it too.
        let toggle = match bindings.action(Scope::Global, k) {
            Some("help") => o == Overlay::Help,
            Some("warnings") => o == Overlay::Warnings,
            Some("timeline") => o == Overlay::Timeline,
            Some("company") => o == Overlay::Company,
            _ => false,
        };
        if toggle {
            return Some(Action::CloseOverlay);
        }
    }
    match bindings.action(scope, k) {
        Some(name) => named_action(name, cx),
        // While a filter is typed, a plain character is text.
        None if cx.finding && cx.overlay.is_none() && !k.ctrl && !k.alt => match k.code {
            KeyCode::Char(c) => Some(Action::FindInput(c.to_string())),
            _ => None,
        },
        None if cx.editing && cx.overlay.is_none() && !k.ctrl && !k.alt => match k.code {
            KeyCode::Char(c) => Some(Action::FilterInput(c)),
            _ => None,
        },
        None => None,
    }
}

/// What the action `name` (of `config::ACTIONS`) does in context `cx`.
pub fn named_action(name: &str, cx: KeyContext) -> Option<Action> {
    let moving = |m: Move| {
        Some(match (cx.overlay, cx.focus) {
            (Some(_), _) => Action::Overlay(m),
            (None, Focus::List) => Action::List(m),
            (None, Focus::Reader) => Action::Reader(m),
            (None, Focus::Entities) => Action::Entities(m),
        })
    };
    if cx.finding && cx.overlay.is_none() {
        // The filter's editing keys, for the entity pane's find.
        if let Some(a) = find_action(name) {
            return Some(a);
        }
    }
    match name {
        "quit" => Some(Action::Quit),
        "help" => Some(Action::ShowHelp),
        "filter" => Some(Action::FilterStart),
        "clear_filter" => Some(Action::Escape),
        "next_pane" => Some(Action::FocusNext),
        "prev_pane" => Some(Action::FocusPrev),
        "focus_list" => Some(Action::Focus(Focus::List)),
        "focus_reader" => Some(Action::Focus(Focus::Reader)),
        "focus_entities" => Some(Action::Focus(Focus::Entities)),
        "warnings" => Some(Action::ShowWarnings),
        "toggle_read" => Some(Action::ToggleRead),
        "entity_scope" => Some(Action::ToggleEntityScope),
        "next_mention" => Some(Action::NextMention),
        "prev_mention" => Some(Action::PrevMention),
        "next_of_entity" => Some(Action::NextOfEntity),
        "prev_of_entity" => Some(Action::PrevOfEntity),
        "follow_cursor" => Some(Action::FollowCursor),
        "fetch" => Some(Action::Refetch),
        "rescan" => Some(Action::Rescan),
        "suspend" => Some(Action::Suspend),
        "down" => moving(Move::By(1)),
        "up" => moving(Move::By(-1)),
        "top" => moving(Move::First),
        "bottom" => moving(Move::Last),
        "page_down" => moving(Move::Pages(1)),
        "page_up" => moving(Move::Pages(-1)),
        "open" => Some(Action::OpenSelected),
        "activate_entity" => Some(Action::ActivateEntity),
        "filter_by_entity" => Some(Action::FilterByEntity),
        "close_overlay" => Some(Action::CloseOverlay),
        "filter_accept" => Some(Action::FilterAccept),
        "filter_cancel" => Some(Action::FilterClear),
        "filter_delete_char" => Some(Action::FilterBackspace),
        "filter_delete_word" => Some(Action::FilterDeleteWord),
        "filter_delete_all" => Some(Action::FilterClearInput),
        "filter_down" => Some(Action::List(Move::By(1))),
        "filter_up" => Some(Action::List(Move::By(-1))),
        "fold_story" => Some(Action::FoldStory),
        "folding" => Some(Action::ToggleFolding),
        "narrow_list" => Some(Action::ListWidth(-4)),
        "widen_list" => Some(Action::ListWidth(4)),
        "sort" => Some(Action::CycleSort),
        "next_new" => Some(Action::NextNew),
        "prev_new" => Some(Action::PrevNew),
        "next_hit" => Some(Action::NextHit),
        "prev_hit" => Some(Action::PrevHit),
        "next_article" => Some(Action::NextArticle),
        "prev_article" => Some(Action::PrevArticle),
        "next_unread" => Some(Action::NextUnread),
        "mark_all_read" => Some(Action::MarkAllRead),
        "undo_mark_all" => Some(Action::UndoMarkAll),
        "star" => Some(Action::ToggleStar),
        "open_url" => Some(Action::OpenUrl),
        "pager" => Some(Action::Pager),
        "copy" => Some(Action::Copy),
        "kind_person" => Some(Action::ToggleKind(Kind::Person)),
        "kind_organization" => Some(Action::ToggleKind(Kind::Organization)),
        "kind_location" => Some(Action::ToggleKind(Kind::Location)),
        "kind_misc" => Some(Action::ToggleKind(Kind::Misc)),
        "kind_date" => Some(Action::ToggleKind(Kind::Date)),
        "find_entity" => Some(Action::FindStart),
        "timeline" => Some(Action::ShowTimeline),
        "timeline_earlier" | "timeline_later" if cx.overlay != Some(Overlay::Timeline) => None,
        "timeline_earlier" => Some(Action::TimelinePeriod(-1)),
        "timeline_later" => Some(Action::TimelinePeriod(1)),
        "choose" => match cx.overlay {
            Some(Overlay::Timeline) => Some(Action::FilterToPeriod),
            Some(Overlay::Company) => Some(Action::FollowCompany),
            _ => None,
        },
        "company" => Some(Action::ShowCompany),
        _ => None,
    }
}

/// What the filter's editing keys do to the entity pane's find.
fn find_action(name: &str) -> Option<Action> {
    Some(match name {
        "filter_accept" => Action::FindAccept,
        "filter_cancel" => Action::FindCancel,
        "filter_delete_char" => Action::FindBackspace,
        "filter_delete_word" => Action::FindDeleteWord,
        "filter_delete_all" => Action::FindClearInput,
        "filter_down" => Action::Entities(Move::By(1)),
        "filter_up" => Action::Entities(Move::By(-1)),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::ACTIONS;

    fn key(code: TermCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn ch(c: char) -> KeyEvent {
        let m = if c.is_ascii_uppercase() {
            KeyModifiers::SHIFT
        } else {
            KeyModifiers::NONE
        };
        KeyEvent::new(TermCode::Char(c), m)
    }

    fn ctrl(c: char) -> KeyEvent {
        KeyEvent::new(TermCode::Char(c), KeyModifiers::CONTROL)
    }

    fn cx(focus: Focus) -> KeyContext {
        KeyContext {
            focus,
            ..KeyContext::default()
        }
    }

    const EDITING: KeyContext = KeyContext {
        focus: Focus::List,
        editing: true,
        overlay: None,
        filter_active: true,
        finding: false,
    };

    /// The default key map.
    fn act(k: KeyEvent, c: KeyContext) -> Option<Action> {
        key_action(k, c, &Bindings::default())
    }

    #[test]
    fn global_keys_work_in_every_pane() {
        for f in [Focus::List, Focus::Reader, Focus::Entities] {
            let c = cx(f);
            assert_eq!(act(ch('q'), c), Some(Action::Quit));
            assert_eq!(act(ctrl('c'), c), Some(Action::Quit));
            assert_eq!(act(ch('?'), c), Some(Action::ShowHelp));
            let slash = if f == Focus::Entities {
                Action::FindStart
            } else {
                Action::FilterStart
            };
            assert_eq!(act(ch('/'), c), Some(slash));
            assert_eq!(act(key(TermCode::Tab), c), Some(Action::FocusNext));
            assert_eq!(act(key(TermCode::BackTab), c), Some(Action::FocusPrev));
            assert_eq!(act(ch('1'), c), Some(Action::Focus(Focus::List)));
            assert_eq!(act(ch('2'), c), Some(Action::Focus(Focus::Reader)));
            assert_eq!(act(ch('3'), c), Some(Action::Focus(Focus::Entities)));
            assert_eq!(act(ch('w'), c), Some(Action::ShowWarnings));
            assert_eq!(act(ch('u'), c), Some(Action::ToggleRead));
            assert_eq!(act(ch('a'), c), Some(Action::ToggleEntityScope));
            assert_eq!(act(ch(']'), c), Some(Action::NextMention));
            assert_eq!(act(ch('['), c), Some(Action::PrevMention));
            assert_eq!(act(ch('n'), c), Some(Action::NextOfEntity));
            assert_eq!(act(ch('N'), c), Some(Action::PrevOfEntity));
            assert_eq!(act(ch('*'), c), Some(Action::FollowCursor));
            assert_eq!(act(ch('R'), c), Some(Action::Refetch));
            assert_eq!(act(ch('r'), c), Some(Action::Rescan));
            assert_eq!(act(ctrl('z'), c), Some(Action::Suspend));
            assert_eq!(act(key(TermCode::Esc), c), Some(Action::Escape));
        }
    }

    #[test]
    fn a_paste_goes_into_the_filter_being_typed_and_nowhere_else() {
        let b = Bindings::default();
        let paste = Event::Paste("q@haftar".into());
        assert_eq!(
            event_action(&paste, EDITING, &b),
            Some(Action::FilterPaste("q@haftar".into()))
        );
        for f in [Focus::List, Focus::Reader, Focus::Entities] {
            assert_eq!(event_action(&paste, cx(f), &b), None, "not run as keys");
        }
        let over = KeyContext {
            overlay: Some(Overlay::Help),
            ..EDITING
        };
        assert_eq!(event_action(&paste, over, &b), None);
    }

    #[test]
    fn moves_go_to_the_focused_pane() {
        for (k, m) in [
            (ch('j'), Move::By(1)),
            (key(TermCode::Down), Move::By(1)),
            (ch('k'), Move::By(-1)),
            (key(TermCode::Up), Move::By(-1)),
            (ch('g'), Move::First),
            (key(TermCode::Home), Move::First),
            (ch('G'), Move::Last),
            (key(TermCode::End), Move::Last),
            (key(TermCode::PageDown), Move::Pages(1)),
            (ch(' '), Move::Pages(1)),
            (key(TermCode::PageUp), Move::Pages(-1)),
            (ch('b'), Move::Pages(-1)),
        ] {
            assert_eq!(act(k, cx(Focus::List)), Some(Action::List(m)), "{k:?}");
            assert_eq!(act(k, cx(Focus::Reader)), Some(Action::Reader(m)), "{k:?}");
            assert_eq!(
                act(k, cx(Focus::Entities)),
                Some(Action::Entities(m)),
                "{k:?}"
            );
        }
        assert_eq!(
            act(key(TermCode::Enter), cx(Focus::List)),
            Some(Action::OpenSelected)
        );
        assert_eq!(act(key(TermCode::Enter), cx(Focus::Reader)), None);
        assert_eq!(act(ch('f'), cx(Focus::List)), None);
        assert_eq!(
            act(key(TermCode::Enter), cx(Focus::Entities)),
            Some(Action::ActivateEntity)
        );
        assert_eq!(
            act(ch('f'), cx(Focus::Entities)),
            Some(Action::FilterByEntity)
        );
    }

    #[test]
    fn typing_a_filter_takes_every_character() {
        for c in [
            'q', 'j', '/', '?', '1', 'n', '@', '"', '!', ':', ' ', 'é', 'N', 'r', 'R',
        ] {
            assert_eq!(act(ch(c), EDITING), Some(Action::FilterInput(c)));
        }
        assert_eq!(
            act(key(TermCode::Enter), EDITING),
            Some(Action::FilterAccept)
        );
        assert_eq!(act(key(TermCode::Esc), EDITING), Some(Action::FilterClear));
        assert_eq!(
            act(key(TermCode::Backspace), EDITING),
            Some(Action::FilterBackspace)
        );
        assert_eq!(act(ctrl('w'), EDITING), Some(Action::FilterDeleteWord));
        let alt_bs = KeyEvent::new(TermCode::Backspace, KeyModifiers::ALT);
        assert_eq!(act(alt_bs, EDITING), Some(Action::FilterDeleteWord));
        assert_eq!(act(ctrl('u'), EDITING), Some(Action::FilterClearInput));
        assert_eq!(act(ctrl('c'), EDITING), Some(Action::Quit));
        assert_eq!(act(ctrl('z'), EDITING), Some(Action::Suspend));
        assert_eq!(
            act(key(TermCode::Down), EDITING),
            Some(Action::List(Move::By(1)))
        );
        assert_eq!(act(ctrl('n'), EDITING), Some(Action::List(Move::By(1))));
        assert_eq!(act(key(TermCode::Tab), EDITING), None);
    }

    #[test]
    fn overlays_take_the_keys() {
        let help = KeyContext {
            overlay: Some(Overlay::Help),
            ..cx(Focus::Reader)
        };
        assert_eq!(act(key(TermCode::Esc), help), Some(Action::CloseOverlay));
        assert_eq!(act(ch('?'), help), Some(Action::CloseOverlay));
        assert_eq!(act(ch('q'), help), Some(Action::CloseOverlay));
        assert_eq!(act(ch('j'), help), Some(Action::Overlay(Move::By(1))));
        assert_eq!(act(ch(' '), help), Some(Action::Overlay(Move::Pages(1))));
        assert_eq!(act(ch('n'), help), None);
        assert_eq!(act(ctrl('c'), help), Some(Action::Quit));
        let warnings = KeyContext {
            overlay: Some(Overlay::Warnings),
            ..help
        };
        assert_eq!(act(ch('w'), warnings), Some(Action::CloseOverlay));
        assert_eq!(act(ch('?'), warnings), None);
    }

    #[test]
    fn releases_and_unknown_modifiers_are_ignored() {
        let mut k = ch('q');
        k.kind = KeyEventKind::Release;
        assert_eq!(act(k, cx(Focus::List)), None);
        assert_eq!(act(ctrl('q'), cx(Focus::List)), None);
        let alt = KeyEvent::new(TermCode::Char('j'), KeyModifiers::ALT);
        assert_eq!(act(alt, cx(Focus::List)), None);
    }

    #[test]
    fn mouse_and_resize() {
        let b = Bindings::default();
        let m = |kind| MouseEvent {
            kind,
            column: 5,
            row: 7,
            modifiers: KeyModifiers::NONE,
        };
        let c = cx(Focus::List);
        assert_eq!(
            event_action(
                &Event::Mouse(m(MouseEventKind::Down(MouseButton::Left))),
                c,
                &b
            ),
            Some(Action::Click(5, 7))
        );
        assert_eq!(
            event_action(&Event::Mouse(m(MouseEventKind::ScrollDown)), c, &b),
            Some(Action::Wheel(5, 7, 3))
        );
        assert_eq!(
            event_action(&Event::Mouse(m(MouseEventKind::ScrollUp)), c, &b),
            Some(Action::Wheel(5, 7, -3))
        );
        assert_eq!(
            event_action(&Event::Mouse(m(MouseEventKind::Moved)), c, &b),
            None
        );
        assert_eq!(
            event_action(&Event::Resize(80, 24), c, &b),
            Some(Action::Resize(80, 24))
        );
        assert_eq!(event_action(&Event::FocusLost, c, &b), None);
    }

    #[test]
    fn the_entity_pane_shadows_global_keys_with_its_own() {
        let c = cx(Focus::Entities);
        for (k, kind) in [
            ('p', Kind::Person),
            ('o', Kind::Organization),
            ('l', Kind::Location),
            ('m', Kind::Misc),
            ('d', Kind::Date),
        ] {
            assert_eq!(act(ch(k), c), Some(Action::ToggleKind(kind)));
            // Elsewhere `o` opens the article's address; the others are
            // no key.
            let elsewhere = (k == 'o').then_some(Action::OpenUrl);
            assert_eq!(act(ch(k), cx(Focus::List)), elsewhere, "only in the pane");
        }
        assert_eq!(act(ch('/'), c), Some(Action::FindStart));
        assert_eq!(act(ch('/'), cx(Focus::Reader)), Some(Action::FilterStart));
        for f in [Focus::List, Focus::Reader, Focus::Entities] {
            assert_eq!(act(ch('T'), cx(f)), Some(Action::ShowTimeline));
        }
        let timeline = KeyContext {
            overlay: Some(Overlay::Timeline),
            ..c
        };
        assert_eq!(act(ch('T'), timeline), Some(Action::CloseOverlay));
        assert_eq!(act(ch('h'), timeline), Some(Action::TimelinePeriod(-1)));
        assert_eq!(
            act(key(TermCode::Right), timeline),
            Some(Action::TimelinePeriod(1))
        );
        assert_eq!(
            act(key(TermCode::Enter), timeline),
            Some(Action::FilterToPeriod)
        );
        assert_eq!(
            act(key(TermCode::Esc), timeline),
            Some(Action::CloseOverlay)
        );
        let help = KeyContext {
            overlay: Some(Overlay::Help),
            ..c
        };
        assert_eq!(
            act(key(TermCode::Enter), help),
            None,
            "only on the timeline"
        );
        let company = KeyContext {
            overlay: Some(Overlay::Company),
            ..c
        };
        assert_eq!(act(ch('C'), cx(Focus::Reader)), Some(Action::ShowCompany));
        assert_eq!(act(ch('C'), company), Some(Action::CloseOverlay));
        assert_eq!(
            act(key(TermCode::Enter), company),
            Some(Action::FollowCompany)
        );
        assert_eq!(act(ch('j'), company), Some(Action::Overlay(Move::By(1))));
        assert_eq!(act(ch('h'), company), None, "periods are the timeline's");
        // While a find is typed: characters are text, the filter's
        // editing keys edit the find, moves move the pane.
        let finding = KeyContext { finding: true, ..c };
        for k in ['q', 'j', 'p', '/', 'N', ' '] {
            assert_eq!(act(ch(k), finding), Some(Action::FindInput(k.into())));
        }
        assert_eq!(act(key(TermCode::Enter), finding), Some(Action::FindAccept));
        assert_eq!(act(key(TermCode::Esc), finding), Some(Action::FindCancel));
        assert_eq!(
            act(key(TermCode::Backspace), finding),
            Some(Action::FindBackspace)
        );
        assert_eq!(act(ctrl('w'), finding), Some(Action::FindDeleteWord));
        assert_eq!(act(ctrl('u'), finding), Some(Action::FindClearInput));
        assert_eq!(
            act(key(TermCode::Down), finding),
            Some(Action::Entities(Move::By(1)))
        );
        assert_eq!(act(ctrl('c'), finding), Some(Action::Quit));
        let paste = Event::Paste("sir".into());
        assert_eq!(
            event_action(&paste, finding, &Bindings::default()),
            Some(Action::FindInput("sir".into()))
        );
    }

    /// A pane's own key shadows a global one there, and the user's
    /// rebinding of the global one leaves the pane's key alone.
    #[test]
    fn rebinding_a_global_key_keeps_the_panes_shadow() {
        let text = "[keys]\nfilter = \"p\"\n";
        let config = crate::config::parse(text, std::path::Path::new("c.toml")).unwrap();
        let b = &config.keys;
        assert_eq!(
            key_action(ch('p'), cx(Focus::List), b),
            Some(Action::FilterStart)
        );
        assert_eq!(
            key_action(ch('p'), cx(Focus::Entities), b),
            Some(Action::ToggleKind(Kind::Person))
        );
    }

    /// Every action of the one table does something somewhere: an action
    /// added to `config::ACTIONS` needs its place in `named_action`.
    #[test]
    fn every_action_does_something() {
        let contexts = [
            cx(Focus::List),
            cx(Focus::Reader),
            cx(Focus::Entities),
            EDITING,
            KeyContext {
                overlay: Some(Overlay::Help),
                ..cx(Focus::List)
            },
            KeyContext {
                overlay: Some(Overlay::Timeline),
                ..cx(Focus::List)
            },
        ];
        for a in ACTIONS {
            assert!(
                contexts.iter().any(|&c| named_action(a.name, c).is_some()),
                "{} does nothing",
                a.name
            );
        }
    }

    /// Every default key of every action reaches it where its scope is
    /// read.
    #[test]
    fn every_default_key_reaches_its_action() {
        let b = Bindings::default();
        for a in ACTIONS {
            let c = match a.scope {
                Scope::Global | Scope::Panes | Scope::List => cx(Focus::List),
                Scope::Reader => cx(Focus::Reader),
                Scope::Entities => cx(Focus::Entities),
                Scope::Overlay => KeyContext {
                    overlay: Some(Overlay::Warnings),
                    ..cx(Focus::List)
                },
                Scope::Filter => EDITING,
            };
            for k in b.keys(a.name) {
                assert_eq!(b.action(c.scope(), *k), Some(a.name), "{k} for {}", a.name);
            }
        }
    }

    /// Keys the config rebinds are what the map reads: the defaults they
    /// took give way, and nothing is hard-wired but Ctrl-C.
    #[test]
    fn rebound_keys_are_obeyed() {
        let text = "[keys]\ndown = [\"s\"]\nquit = \"x\"\nfetch = \"F5\"\nhelp = []\n";
        let config = crate::config::parse(text, std::path::Path::new("c.toml")).unwrap();
        let b = &config.keys;
        let c = cx(Focus::Reader);
        assert_eq!(key_action(ch('s'), c, b), Some(Action::Reader(Move::By(1))));
        assert_eq!(key_action(ch('j'), c, b), None, "j no longer moves");
        assert_eq!(key_action(ch('x'), c, b), Some(Action::Quit));
        assert_eq!(key_action(ch('q'), c, b), None);
        assert_eq!(key_action(ctrl('c'), c, b), Some(Action::Quit));
        assert_eq!(key_action(key(TermCode::F(5)), c, b), Some(Action::Refetch));
        assert_eq!(key_action(ch('?'), c, b), None, "help unbound");
    }
}
