//! Colours and modifiers. Decided once at startup ([`Theme::from_env`]
//! reads `NO_COLOR`) and passed to every draw, so tests pick a theme
//! explicitly and never depend on the environment they run in.
//!
//! Entity kinds use five colours of the terminal's own 16-colour palette
//! (so they follow the user's scheme) and each also a modifier, so they
//! stay apart on a monochrome terminal or with `NO_COLOR`:
//!
//! | kind | colour | modifier |
//! | --- | --- | --- |
//! | person | cyan | bold |
//! | organization | magenta | underlined |
//! | location | green | italic |
//! | misc | yellow | italic + underlined |
//! | date | light blue | bold + underlined |
//!
//! The mention under the cursor is reversed.

use ratatui::style::{Color, Modifier, Style};

use crate::entities::Kind;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
}

impl Default for Theme {
    fn default() -> Self {
        Theme { color: true }
    }
}

impl Theme {
    /// Colours unless `NO_COLOR` is set to something non-empty
    /// (<https://no-color.org>).
    pub fn from_env() -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme { color: !no_color }
    }

    pub fn monochrome() -> Theme {
        Theme { color: false }
    }

    fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    pub fn kind_color(kind: Kind) -> Color {
        match kind {
            Kind::Person => Color::Cyan,
            Kind::Organization => Color::Magenta,
            Kind::Location => Color::Green,
            Kind::Misc => Color::Yellow,
            Kind::Date => Color::LightBlue,
        }
    }

    pub fn kind_modifier(kind: Kind) -> Modifier {
        match kind {
            Kind::Person => Modifier::BOLD,
            Kind::Organization => Modifier::UNDERLINED,
            Kind::Location => Modifier::ITALIC,
            Kind::Misc => Modifier::ITALIC.union(Modifier::UNDERLINED),
            Kind::Date => Modifier::BOLD.union(Modifier::UNDERLINED),
        }
    }

    /// A mention, or an entity's name, of this kind.
    pub fn kind(&self, kind: Kind) -> Style {
        self.fg(Self::kind_color(kind))
            .add_modifier(Self::kind_modifier(kind))
    }

    /// The mention under the cursor.
    pub fn cursor(&self, kind: Kind) -> Style {
        self.kind(kind).add_modifier(Modifier::REVERSED)
    }

    pub fn text(&self) -> Style {
        Style::new()
    }

    pub fn title(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn heading(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    /// Dates, paths, counts: there but quiet.
    pub fn dim(&self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }

    pub fn border(&self, focused: bool) -> Style {
        match (focused, self.color) {
            (true, true) => Style::new().fg(Color::Cyan),
            (true, false) => Style::new().add_modifier(Modifier::BOLD),
            (false, true) => Style::new().fg(Color::DarkGray),
            (false, false) => Style::new().add_modifier(Modifier::DIM),
        }
    }

    pub fn pane_title(&self, focused: bool) -> Style {
        if focused {
            Style::new().add_modifier(Modifier::BOLD)
        } else {
            Style::new()
        }
    }

    /// The selected row of a list: reversed in the focused pane, bold
    /// elsewhere.
    pub fn selected(&self, focused: bool) -> Style {
        if focused {
            Style::new().add_modifier(Modifier::REVERSED)
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        }
    }

    pub fn unread(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    /// Characters of a title matched by the filter.
    pub fn matched(&self) -> Style {
        self.fg(Color::Yellow)
            .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }

    pub fn error(&self) -> Style {
        if self.color {
            Style::new().fg(Color::Red).add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED)
        }
    }

    pub fn key(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_kinds_five_colours_five_modifiers() {
        let mut colors: Vec<_> = Kind::ALL.iter().map(|&k| Theme::kind_color(k)).collect();
        colors.dedup();
        assert_eq!(colors.len(), 5);
        let mods: std::collections::HashSet<_> =
            Kind::ALL.iter().map(|&k| Theme::kind_modifier(k)).collect();
        assert_eq!(mods.len(), 5);
    }

    #[test]
    fn monochrome_keeps_modifiers_drops_colours() {
        let t = Theme::monochrome();
        for k in Kind::ALL {
            let s = t.kind(k);
            assert_eq!(s.fg, None);
            assert_eq!(s.add_modifier, Theme::kind_modifier(k));
            assert!(t.cursor(k).add_modifier.contains(Modifier::REVERSED));
        }
        assert_eq!(Theme::default().kind(Kind::Person).fg, Some(Color::Cyan));
    }
}
