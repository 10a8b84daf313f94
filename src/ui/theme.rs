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

use chrono::NaiveDate;
use ratatui::style::{Color, Modifier, Style};

use crate::config::{self, Config, Element};
use crate::entities::Kind;

/// How the screen looks: colours (the config's, or none with
/// `NO_COLOR`), the kinds highlighted in the reader, the list's date
/// format.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
    /// Each kind's colour, by `Kind as usize`.
    kinds: [Option<Color>; 5],
    /// Each element's colour, by `Element as usize`; `None`: the
    /// terminal's own.
    elements: [Option<Color>; 10],
    /// The kinds drawn in their style in the reader.
    highlight: [bool; 5],
    date_format: String,
}

impl Default for Theme {
    fn default() -> Self {
        Theme::new(&Config::default(), true)
    }
}

/// A config colour as ratatui's; `None` for the terminal's default.
fn color(c: config::Color) -> Option<Color> {
    Some(match c {
        config::Color::Default => return None,
        config::Color::Indexed(i) => Color::Indexed(i),
        config::Color::Rgb(r, g, b) => Color::Rgb(r, g, b),
        config::Color::Named(n) => {
            use config::Named::*;
            match n {
                Black => Color::Black,
                Red => Color::Red,
                Green => Color::Green,
                Yellow => Color::Yellow,
                Blue => Color::Blue,
                Magenta => Color::Magenta,
                Cyan => Color::Cyan,
                Gray => Color::Gray,
                DarkGray => Color::DarkGray,
                LightRed => Color::LightRed,
                LightGreen => Color::LightGreen,
                LightYellow => Color::LightYellow,
                LightBlue => Color::LightBlue,
                LightMagenta => Color::LightMagenta,
                LightCyan => Color::LightCyan,
                White => Color::White,
            }
        }
    })
}

impl Theme {
    /// The look `config` sets, in colour when `color`.
    pub fn new(config: &Config, color_on: bool) -> Theme {
        let mut highlight = [false; 5];
        for k in &config.highlight {
            highlight[*k as usize] = true;
        }
        Theme {
            color: color_on,
            kinds: Kind::ALL.map(|k| color(config.colors.kind(k))),
            elements: Element::ALL.map(|e| color(config.colors.element(e))),
            highlight,
            date_format: config.date_format.clone(),
        }
    }

    /// The look `config` sets, in colour unless `NO_COLOR` is set to
    /// something non-empty (<https://no-color.org>).
    pub fn from_config(config: &Config) -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme::new(config, !no_color)
    }

    /// The default look, in colour unless `NO_COLOR` says otherwise.
    pub fn from_env() -> Theme {
        Theme::from_config(&Config::default())
    }

    pub fn monochrome() -> Theme {
        Theme::new(&Config::default(), false)
    }

    fn fg(&self, c: Option<Color>) -> Style {
        match c {
            Some(c) if self.color => Style::new().fg(c),
            _ => Style::new(),
        }
    }

    fn element(&self, e: Element) -> Style {
        self.fg(self.elements[e as usize])
    }

    /// The colour of a kind, when there is one.
    pub fn kind_color(&self, kind: Kind) -> Option<Color> {
        self.kinds[kind as usize]
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

    /// A date as the list shows it in full.
    pub fn date(&self, d: NaiveDate) -> String {
        d.format(&self.date_format).to_string()
    }

    /// A mention in the reader: its kind's style when the kind is
    /// highlighted, plain text otherwise.
    pub fn mention(&self, kind: Kind) -> Style {
        if self.highlight[kind as usize] {
            self.kind(kind)
        } else {
            self.text()
        }
    }

    /// A mention, or an entity's name, of this kind.
    pub fn kind(&self, kind: Kind) -> Style {
        self.fg(self.kind_color(kind))
            .add_modifier(Self::kind_modifier(kind))
    }

    /// The mention under the cursor.
    pub fn cursor(&self, kind: Kind) -> Style {
        self.kind(kind).add_modifier(Modifier::REVERSED)
    }

    pub fn text(&self) -> Style {
        self.element(Element::Text)
    }

    pub fn title(&self) -> Style {
        self.element(Element::Title).add_modifier(Modifier::BOLD)
    }

    pub fn heading(&self) -> Style {
        self.element(Element::Heading).add_modifier(Modifier::BOLD)
    }

    /// Dates, paths, counts: there but quiet.
    pub fn dim(&self) -> Style {
        if self.color {
            self.element(Element::Dim)
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }

    pub fn border(&self, focused: bool) -> Style {
        match (focused, self.color) {
            (true, true) => self.element(Element::BorderFocused),
            (true, false) => Style::new().add_modifier(Modifier::BOLD),
            (false, true) => self.element(Element::Border),
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
        self.element(Element::Unread).add_modifier(Modifier::BOLD)
    }

    /// Characters of a title matched by the filter.
    pub fn matched(&self) -> Style {
        self.element(Element::Matched)
            .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }

    pub fn error(&self) -> Style {
        if self.color {
            self.element(Element::Error).add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED)
        }
    }

    pub fn key(&self) -> Style {
        self.element(Element::Key).add_modifier(Modifier::BOLD)
    }

    /// The reader's gutter bar beside a passage new in its story.
    pub fn new_passage(&self) -> Style {
        self.element(Element::Unread).add_modifier(Modifier::BOLD)
    }

    /// Text of a report that its story's earlier reports told already,
    /// when the report has something new: dimmed, with or without colour,
    /// so what is new stands out.
    pub fn repeated(&self) -> Style {
        Style::new().add_modifier(Modifier::DIM)
    }

    /// A hit of the filter's words and phrases in the reader; the one the
    /// last `;` / `,` went to is reversed too.
    pub fn hit(&self, current: bool) -> Style {
        let s = self.matched();
        if current {
            s.add_modifier(Modifier::REVERSED)
        } else {
            s
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_kinds_five_colours_five_modifiers() {
        let t = Theme::default();
        let mut colors: Vec<_> = Kind::ALL.iter().map(|&k| t.kind_color(k)).collect();
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

    #[test]
    fn the_config_sets_colours_highlights_and_the_date_format() {
        let text = "[colors]\nperson = \"#ff8000\"\nborder_focused = 208\ntext = \"white\"\n\
                    [list]\ndate_format = \"%d %b\"\n[reader]\nhighlight = [\"person\", \"date\"]\n";
        let config = config::parse(text, std::path::Path::new("c.toml")).unwrap();
        let t = Theme::new(&config, true);
        assert_eq!(t.kind(Kind::Person).fg, Some(Color::Rgb(255, 128, 0)));
        assert_eq!(t.border(true).fg, Some(Color::Indexed(208)));
        assert_eq!(t.text().fg, Some(Color::White));
        assert_eq!(t.mention(Kind::Person), t.kind(Kind::Person));
        assert_eq!(t.mention(Kind::Location), t.text(), "not highlighted");
        assert_eq!(t.date("2020-01-06".parse().unwrap()), "06 Jan");
        let mono = Theme::new(&config, false);
        assert_eq!(mono.kind(Kind::Person).fg, None, "NO_COLOR wins");
    }
}
