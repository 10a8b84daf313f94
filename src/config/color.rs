//! Colours as the config file writes them: a terminal colour's name
//! (`cyan`, `light-blue`), a 256-colour index (`208`), `#rrggbb`, or
//! `default` (the terminal's own). Independent of any terminal library:
//! the ui turns a [`Color`] into its own.

use std::fmt;
use std::str::FromStr;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Color {
    /// The terminal's default foreground (or background).
    Default,
    /// One of the 16 colours of the terminal's palette.
    Named(Named),
    /// An index into the 256-colour palette.
    Indexed(u8),
    Rgb(u8, u8, u8),
}

/// The 16 colours of a terminal's palette, by their ANSI numbers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Named {
    Black,
    Red,
    Green,
    Yellow,
    Blue,
    Magenta,
    Cyan,
    Gray,
    DarkGray,
    LightRed,
    LightGreen,
    LightYellow,
    LightBlue,
    LightMagenta,
    LightCyan,
    White,
}

/// Names in palette order; the first is how a colour is written back.
const NAMES: [(Named, &[&str]); 16] = [
    (Named::Black, &["black"]),
    (Named::Red, &["red"]),
    (Named::Green, &["green"]),
    (Named::Yellow, &["yellow"]),
    (Named::Blue, &["blue"]),
    (Named::Magenta, &["magenta"]),
    (Named::Cyan, &["cyan"]),
    (Named::Gray, &["gray", "grey"]),
    (Named::DarkGray, &["dark-gray", "dark-grey", "bright-black"]),
    (Named::LightRed, &["light-red", "bright-red"]),
    (Named::LightGreen, &["light-green", "bright-green"]),
    (Named::LightYellow, &["light-yellow", "bright-yellow"]),
    (Named::LightBlue, &["light-blue", "bright-blue"]),
    (Named::LightMagenta, &["light-magenta", "bright-magenta"]),
    (Named::LightCyan, &["light-cyan", "bright-cyan"]),
    (Named::White, &["white", "bright-white"]),
];

impl Named {
    /// The ANSI palette number (0-15).
    pub fn index(self) -> u8 {
        NAMES.iter().position(|(n, _)| *n == self).unwrap_or(0) as u8
    }
}

/// Compares names ignoring case, `-`, `_` and spaces: `Light Blue`,
/// `light_blue` and `lightblue` are `light-blue`.
fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, '-' | '_' | ' '))
        .flat_map(char::to_lowercase)
        .collect()
}

impl FromStr for Color {
    type Err = String;

    fn from_str(s: &str) -> Result<Color, String> {
        let t = s.trim();
        if let Some(hex) = t.strip_prefix('#') {
            let ok = hex.len() == 6 && hex.bytes().all(|b| b.is_ascii_hexdigit());
            if !ok {
                return Err(format!(
                    "{s:?} is not a colour: #rrggbb takes six hex digits"
                ));
            }
            let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).expect("hex digits");
            return Ok(Color::Rgb(byte(0), byte(2), byte(4)));
        }
        if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) {
            return t
                .parse::<u8>()
                .map(Color::Indexed)
                .map_err(|_| format!("{s:?} is not a colour: indices go from 0 to 255"));
        }
        let want = squash(t);
        if want == "default" || want == "reset" {
            return Ok(Color::Default);
        }
        NAMES
            .iter()
            .find(|(_, names)| names.iter().any(|n| squash(n) == want))
            .map(|(n, _)| Color::Named(*n))
            .ok_or_else(|| {
                format!(
                    "{s:?} is not a colour: use a name (default, black, red, green, yellow, blue, magenta, cyan, gray, dark-gray, light-red ... light-cyan, white), a 256-colour index (0-255) or #rrggbb"
                )
            })
    }
}

impl fmt::Display for Color {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Color::Default => f.write_str("default"),
            Color::Named(n) => f.write_str(NAMES[n.index() as usize].1[0]),
            Color::Indexed(i) => write!(f, "{i}"),
            Color::Rgb(r, g, b) => write!(f, "#{r:02x}{g:02x}{b:02x}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(s: &str) -> Color {
        s.parse().unwrap()
    }

    #[test]
    fn names_indices_and_hex() {
        assert_eq!(c("cyan"), Color::Named(Named::Cyan));
        assert_eq!(c("Light Blue"), Color::Named(Named::LightBlue));
        assert_eq!(c("light_blue"), c("lightblue"));
        assert_eq!(c("bright-black"), Color::Named(Named::DarkGray));
        assert_eq!(c("grey"), c("gray"));
        assert_eq!(c("208"), Color::Indexed(208));
        assert_eq!(c("0"), Color::Indexed(0));
        assert_eq!(c("#FF8800"), Color::Rgb(255, 136, 0));
        assert_eq!(c("reset"), Color::Default);
        assert_eq!(Named::White.index(), 15);
    }

    #[test]
    fn every_colour_prints_back_to_itself() {
        let mut all = vec![Color::Default, Color::Indexed(17), Color::Rgb(1, 2, 255)];
        all.extend(NAMES.iter().map(|(n, _)| Color::Named(*n)));
        for col in all {
            assert_eq!(c(&col.to_string()), col);
        }
    }

    #[test]
    fn bad_colours_say_what_would_do() {
        for (s, says) in [
            ("purple", "use a name"),
            ("256", "0 to 255"),
            ("#ff88", "six hex digits"),
            ("#gg0000", "six hex digits"),
            ("", "use a name"),
            ("-1", "use a name"),
        ] {
            let e = s.parse::<Color>().unwrap_err();
            assert!(e.contains(says), "{s}: {e}");
        }
    }
}
