//! The key map: terminal events in, [`Action`]s out. What a key does
//! depends on an open overlay, on whether the filter is being typed, and on
//! the focused pane; [`KeyContext`] is exactly that, read off the app.

use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use crate::app::{Action, App, Focus, Move, Overlay};

/// Rows the mouse wheel moves per notch.
pub const WHEEL_ROWS: isize = 3;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct KeyContext {
    pub focus: Focus,
    pub editing: bool,
    pub overlay: Option<Overlay>,
    /// A filter is applied (Esc clears it).
    pub filter_active: bool,
}

impl KeyContext {
    pub fn of(app: &App) -> KeyContext {
        KeyContext {
            focus: app.chrome.focus(),
            editing: app.filter.is_editing(),
            overlay: app.chrome.overlay(),
            filter_active: app.filter.is_active(),
        }
    }
}

/// The action for any terminal event, if it has one.
pub fn event_action(event: &Event, cx: KeyContext) -> Option<Action> {
    match event {
        Event::Key(k) => key_action(*k, cx),
        Event::Mouse(m) => mouse_action(*m),
        Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
        // Pasted text goes into the filter being typed; anywhere else it
        // is dropped rather than run as keys.
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

pub fn key_action(key: KeyEvent, cx: KeyContext) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    if ctrl && key.code == KeyCode::Char('c') {
        return Some(Action::Quit);
    }
    if let Some(o) = cx.overlay {
        return overlay_key(key.code, o);
    }
    if cx.editing {
        return editing_key(key.code, ctrl, alt);
    }
    if ctrl || alt {
        return None;
    }
    let global = match key.code {
        KeyCode::Char('q') => Some(Action::Quit),
        KeyCode::Char('?') => Some(Action::ShowHelp),
        KeyCode::Char('/') => Some(Action::FilterStart),
        KeyCode::Esc if cx.filter_active => Some(Action::FilterClear),
        KeyCode::Tab => Some(Action::FocusNext),
        KeyCode::BackTab => Some(Action::FocusPrev),
        KeyCode::Char('1') => Some(Action::Focus(Focus::List)),
        KeyCode::Char('2') => Some(Action::Focus(Focus::Reader)),
        KeyCode::Char('3') => Some(Action::Focus(Focus::Entities)),
        KeyCode::Char('w') => Some(Action::ShowWarnings),
        KeyCode::Char('u') => Some(Action::ToggleRead),
        KeyCode::Char('a') => Some(Action::ToggleEntityScope),
        KeyCode::Char(']') => Some(Action::NextMention),
        KeyCode::Char('[') => Some(Action::PrevMention),
        KeyCode::Char('n') => Some(Action::NextOfEntity),
        KeyCode::Char('N') => Some(Action::PrevOfEntity),
        KeyCode::Char('*') => Some(Action::FollowCursor),
        _ => None,
    };
    if global.is_some() {
        return global;
    }
    match cx.focus {
        Focus::List => match key.code {
            KeyCode::Enter => Some(Action::OpenSelected),
            code => list_move(code).map(Action::List),
        },
        Focus::Reader => reader_move(key.code).map(Action::Reader),
        Focus::Entities => match key.code {
            KeyCode::Enter => Some(Action::ActivateEntity),
            KeyCode::Char('f') => Some(Action::FilterByEntity),
            code => list_move(code).map(Action::Entities),
        },
    }
}

/// j k g G PgDn PgUp and the arrows, in a list.
fn list_move(code: KeyCode) -> Option<Move> {
    Some(match code {
        KeyCode::Char('j') | KeyCode::Down => Move::By(1),
        KeyCode::Char('k') | KeyCode::Up => Move::By(-1),
        KeyCode::Char('g') | KeyCode::Home => Move::First,
        KeyCode::Char('G') | KeyCode::End => Move::Last,
        KeyCode::PageDown => Move::Pages(1),
        KeyCode::PageUp => Move::Pages(-1),
        _ => return None,
    })
}

/// A list's moves plus Space and b, as in a pager.
fn reader_move(code: KeyCode) -> Option<Move> {
    match code {
        KeyCode::Char(' ') => Some(Move::Pages(1)),
        KeyCode::Char('b') => Some(Move::Pages(-1)),
        code => list_move(code),
    }
}

fn overlay_key(code: KeyCode, o: Overlay) -> Option<Action> {
    match (code, o) {
        (KeyCode::Esc | KeyCode::Char('q'), _)
        | (KeyCode::Char('?'), Overlay::Help)
        | (KeyCode::Char('w'), Overlay::Warnings) => Some(Action::CloseOverlay),
        (code, _) => reader_move(code).map(Action::Overlay),
    }
}

fn editing_key(code: KeyCode, ctrl: bool, alt: bool) -> Option<Action> {
    match code {
        KeyCode::Esc => Some(Action::FilterClear),
        KeyCode::Enter => Some(Action::FilterAccept),
        KeyCode::Backspace if ctrl || alt => Some(Action::FilterDeleteWord),
        KeyCode::Backspace => Some(Action::FilterBackspace),
        KeyCode::Char('w') if ctrl => Some(Action::FilterDeleteWord),
        KeyCode::Char('u') if ctrl => Some(Action::FilterClearInput),
        KeyCode::Char('n') if ctrl => Some(Action::List(Move::By(1))),
        KeyCode::Char('p') if ctrl => Some(Action::List(Move::By(-1))),
        KeyCode::Down => Some(Action::List(Move::By(1))),
        KeyCode::Up => Some(Action::List(Move::By(-1))),
        KeyCode::Char(c) if !ctrl && !alt => Some(Action::FilterInput(c)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::help::KEYS;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn ch(c: char) -> KeyEvent {
        let m = if c.is_ascii_uppercase() {
            KeyModifiers::SHIFT
        } else {
            KeyModifiers::NONE
        };
        KeyEvent::new(KeyCode::Char(c), m)
    }

    fn ctrl(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
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
    };

    #[test]
    fn global_keys_work_in_every_pane() {
        for f in [Focus::List, Focus::Reader, Focus::Entities] {
            let c = cx(f);
            assert_eq!(key_action(ch('q'), c), Some(Action::Quit));
            assert_eq!(key_action(ctrl('c'), c), Some(Action::Quit));
            assert_eq!(key_action(ch('?'), c), Some(Action::ShowHelp));
            assert_eq!(key_action(ch('/'), c), Some(Action::FilterStart));
            assert_eq!(key_action(key(KeyCode::Tab), c), Some(Action::FocusNext));
            assert_eq!(
                key_action(key(KeyCode::BackTab), c),
                Some(Action::FocusPrev)
            );
            assert_eq!(key_action(ch('1'), c), Some(Action::Focus(Focus::List)));
            assert_eq!(key_action(ch('2'), c), Some(Action::Focus(Focus::Reader)));
            assert_eq!(key_action(ch('3'), c), Some(Action::Focus(Focus::Entities)));
            assert_eq!(key_action(ch('w'), c), Some(Action::ShowWarnings));
            assert_eq!(key_action(ch('u'), c), Some(Action::ToggleRead));
            assert_eq!(key_action(ch('a'), c), Some(Action::ToggleEntityScope));
            assert_eq!(key_action(ch(']'), c), Some(Action::NextMention));
            assert_eq!(key_action(ch('['), c), Some(Action::PrevMention));
            assert_eq!(key_action(ch('n'), c), Some(Action::NextOfEntity));
            assert_eq!(key_action(ch('N'), c), Some(Action::PrevOfEntity));
            assert_eq!(key_action(ch('*'), c), Some(Action::FollowCursor));
            // Esc does nothing without a filter or an overlay...
            assert_eq!(key_action(key(KeyCode::Esc), c), None);
            // ...and clears an applied filter.
            let active = KeyContext {
                filter_active: true,
                ..c
            };
            assert_eq!(
                key_action(key(KeyCode::Esc), active),
                Some(Action::FilterClear)
            );
        }
    }

    #[test]
    fn a_paste_goes_into_the_filter_being_typed_and_nowhere_else() {
        let paste = Event::Paste("q@haftar".into());
        assert_eq!(
            event_action(&paste, EDITING),
            Some(Action::FilterPaste("q@haftar".into()))
        );
        for f in [Focus::List, Focus::Reader, Focus::Entities] {
            assert_eq!(event_action(&paste, cx(f)), None, "not run as keys");
        }
        let over = KeyContext {
            overlay: Some(Overlay::Help),
            ..EDITING
        };
        assert_eq!(event_action(&paste, over), None);
    }

    #[test]
    fn list_keys() {
        let c = cx(Focus::List);
        for (k, m) in [
            (ch('j'), Move::By(1)),
            (key(KeyCode::Down), Move::By(1)),
            (ch('k'), Move::By(-1)),
            (key(KeyCode::Up), Move::By(-1)),
            (ch('g'), Move::First),
            (key(KeyCode::Home), Move::First),
            (ch('G'), Move::Last),
            (key(KeyCode::End), Move::Last),
            (key(KeyCode::PageDown), Move::Pages(1)),
            (key(KeyCode::PageUp), Move::Pages(-1)),
        ] {
            assert_eq!(key_action(k, c), Some(Action::List(m)), "{k:?}");
        }
        assert_eq!(
            key_action(key(KeyCode::Enter), c),
            Some(Action::OpenSelected)
        );
        assert_eq!(key_action(ch(' '), c), None);
        assert_eq!(key_action(ch('f'), c), None);
    }

    #[test]
    fn reader_keys() {
        let c = cx(Focus::Reader);
        for (k, m) in [
            (ch('j'), Move::By(1)),
            (key(KeyCode::Down), Move::By(1)),
            (ch('k'), Move::By(-1)),
            (key(KeyCode::Up), Move::By(-1)),
            (ch(' '), Move::Pages(1)),
            (key(KeyCode::PageDown), Move::Pages(1)),
            (ch('b'), Move::Pages(-1)),
            (key(KeyCode::PageUp), Move::Pages(-1)),
            (ch('g'), Move::First),
            (ch('G'), Move::Last),
        ] {
            assert_eq!(key_action(k, c), Some(Action::Reader(m)), "{k:?}");
        }
        assert_eq!(key_action(key(KeyCode::Enter), c), None);
    }

    #[test]
    fn entity_keys() {
        let c = cx(Focus::Entities);
        assert_eq!(key_action(ch('j'), c), Some(Action::Entities(Move::By(1))));
        assert_eq!(key_action(ch('k'), c), Some(Action::Entities(Move::By(-1))));
        assert_eq!(key_action(ch('G'), c), Some(Action::Entities(Move::Last)));
        assert_eq!(
            key_action(key(KeyCode::Enter), c),
            Some(Action::ActivateEntity)
        );
        assert_eq!(key_action(ch('f'), c), Some(Action::FilterByEntity));
    }

    #[test]
    fn typing_a_filter_takes_every_character() {
        for c in [
            'q', 'j', '/', '?', '1', 'n', '@', '"', '!', ':', ' ', 'é', 'N',
        ] {
            assert_eq!(key_action(ch(c), EDITING), Some(Action::FilterInput(c)));
        }
        assert_eq!(
            key_action(key(KeyCode::Enter), EDITING),
            Some(Action::FilterAccept)
        );
        assert_eq!(
            key_action(key(KeyCode::Esc), EDITING),
            Some(Action::FilterClear)
        );
        assert_eq!(
            key_action(key(KeyCode::Backspace), EDITING),
            Some(Action::FilterBackspace)
        );
        assert_eq!(
            key_action(ctrl('w'), EDITING),
            Some(Action::FilterDeleteWord)
        );
        assert_eq!(
            key_action(ctrl('u'), EDITING),
            Some(Action::FilterClearInput)
        );
        assert_eq!(key_action(ctrl('c'), EDITING), Some(Action::Quit));
        assert_eq!(
            key_action(key(KeyCode::Down), EDITING),
            Some(Action::List(Move::By(1)))
        );
        assert_eq!(key_action(key(KeyCode::Tab), EDITING), None);
    }

    #[test]
    fn overlays_take_the_keys() {
        let help = KeyContext {
            overlay: Some(Overlay::Help),
            ..cx(Focus::Reader)
        };
        assert_eq!(
            key_action(key(KeyCode::Esc), help),
            Some(Action::CloseOverlay)
        );
        assert_eq!(key_action(ch('?'), help), Some(Action::CloseOverlay));
        assert_eq!(key_action(ch('q'), help), Some(Action::CloseOverlay));
        assert_eq!(
            key_action(ch('j'), help),
            Some(Action::Overlay(Move::By(1)))
        );
        assert_eq!(
            key_action(ch(' '), help),
            Some(Action::Overlay(Move::Pages(1)))
        );
        assert_eq!(key_action(ch('n'), help), None);
        assert_eq!(key_action(ctrl('c'), help), Some(Action::Quit));
        let warnings = KeyContext {
            overlay: Some(Overlay::Warnings),
            ..help
        };
        assert_eq!(key_action(ch('w'), warnings), Some(Action::CloseOverlay));
        assert_eq!(key_action(ch('?'), warnings), None);
    }

    #[test]
    fn releases_and_unknown_modifiers_are_ignored() {
        let mut k = ch('q');
        k.kind = KeyEventKind::Release;
        assert_eq!(key_action(k, cx(Focus::List)), None);
        assert_eq!(key_action(ctrl('q'), cx(Focus::List)), None);
        let alt = KeyEvent::new(KeyCode::Char('j'), KeyModifiers::ALT);
        assert_eq!(key_action(alt, cx(Focus::List)), None);
    }

    #[test]
    fn mouse_and_resize() {
        let m = |kind| MouseEvent {
            kind,
            column: 5,
            row: 7,
            modifiers: KeyModifiers::NONE,
        };
        let c = cx(Focus::List);
        assert_eq!(
            event_action(&Event::Mouse(m(MouseEventKind::Down(MouseButton::Left))), c),
            Some(Action::Click(5, 7))
        );
        assert_eq!(
            event_action(&Event::Mouse(m(MouseEventKind::ScrollDown)), c),
            Some(Action::Wheel(5, 7, 3))
        );
        assert_eq!(
            event_action(&Event::Mouse(m(MouseEventKind::ScrollUp)), c),
            Some(Action::Wheel(5, 7, -3))
        );
        assert_eq!(
            event_action(&Event::Mouse(m(MouseEventKind::Moved)), c),
            None
        );
        assert_eq!(
            event_action(&Event::Resize(80, 24), c),
            Some(Action::Resize(80, 24))
        );
        assert_eq!(event_action(&Event::FocusLost, c), None);
    }

    /// A key as the help table spells it.
    fn parse(name: &str) -> KeyEvent {
        match name {
            "Ctrl-C" => ctrl('c'),
            "Ctrl-W" => ctrl('w'),
            "Ctrl-U" => ctrl('u'),
            "Shift-Tab" => key(KeyCode::BackTab),
            "Tab" => key(KeyCode::Tab),
            "Enter" => key(KeyCode::Enter),
            "Esc" => key(KeyCode::Esc),
            "Space" => ch(' '),
            "Backspace" => key(KeyCode::Backspace),
            "PgDn" => key(KeyCode::PageDown),
            "PgUp" => key(KeyCode::PageUp),
            "Home" => key(KeyCode::Home),
            "End" => key(KeyCode::End),
            "↓" => key(KeyCode::Down),
            "↑" => key(KeyCode::Up),
            s if s.chars().count() == 1 => ch(s.chars().next().unwrap()),
            s => panic!("the help names an unknown key {s:?}"),
        }
    }

    #[test]
    fn every_key_in_the_help_does_something() {
        for g in KEYS {
            let c = match g.title {
                "Anywhere" => KeyContext {
                    filter_active: true,
                    ..cx(Focus::List)
                },
                "List" => cx(Focus::List),
                "Reader" => cx(Focus::Reader),
                "Entities" => cx(Focus::Entities),
                "While typing a filter" => EDITING,
                _ => continue,
            };
            for (keys, what) in g.keys {
                for name in keys.split("  ") {
                    let k = parse(name.trim());
                    assert!(
                        key_action(k, c).is_some(),
                        "{name} ({what}) does nothing in {}",
                        g.title
                    );
                }
            }
        }
    }
}
