//! Untrusted text made harmless for a terminal. Titles, bodies, names,
//! paths and warnings all come from files; a stray `ESC [ 2 J` or OSC 52
//! sequence in one must never reach a terminal as a command, whether it is
//! drawn on the screen or printed to stderr. [`inert`] replaces every
//! control character (C0 but tab and newline, DEL, C1) with one visible
//! placeholder character of width 1 (`␛`, `␇`, `␡`, `�`). With ESC gone,
//! the rest of an escape sequence (`[2J`) is plain, harmless text. One
//! character in, one character out (tabs aside), so byte offsets of the
//! source still map to cells.

use std::borrow::Cow;

use unicode_width::UnicodeWidthChar;

/// Columns between tab stops when [`inert`] expands a tab.
pub const TAB_STOP: usize = 4;

/// The visible stand-in for a control character, or `None` for a character
/// that may be shown as is. Tab and newline are not handled here.
pub fn placeholder(c: char) -> Option<char> {
    match c {
        // Control Pictures: U+2400 + code (`␀`..`␟`, `␛` for ESC).
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32),
        '\u{7f}' => Some('␡'),
        '\u{80}'..='\u{9f}' => Some('\u{fffd}'),
        _ => None,
    }
}

fn needs_care(c: char) -> bool {
    c == '\t' || c == '\n' || placeholder(c).is_some()
}

/// `s` with every control character replaced by a visible placeholder, a
/// newline by a space (what is drawn through here is one line; the reader
/// splits lines itself), and a tab by spaces to the next tab stop.
/// Borrowed when there is nothing to replace, the common case.
pub fn inert(s: &str) -> Cow<'_, str> {
    if !s.chars().any(needs_care) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut col = 0;
    for c in s.chars() {
        match c {
            '\t' => {
                let n = TAB_STOP - col % TAB_STOP;
                out.extend(std::iter::repeat_n(' ', n));
                col += n;
            }
            '\n' => {
                out.push(' ');
                col += 1;
            }
            c => {
                let shown = placeholder(c).unwrap_or(c);
                out.push(shown);
                col += shown.width().unwrap_or(0);
            }
        }
    }
    Cow::Owned(out)
}

/// A message of several lines for a terminal (stderr): each line made
/// [`inert`], the line breaks kept.
pub fn inert_lines(s: &str) -> String {
    s.split('\n').map(inert).collect::<Vec<_>>().join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_borrowed() {
        assert!(matches!(inert("Khalifa Haftar, Sirte"), Cow::Borrowed(_)));
        assert!(matches!(inert("Erdoğan 北京 👨‍👩‍👧"), Cow::Borrowed(_)));
    }

    #[test]
    fn escape_sequences_become_visible_and_harmless() {
        assert_eq!(inert("a\u{1b}[2Jb"), "a␛[2Jb");
        // OSC 52 (clipboard write), terminated by BEL.
        assert_eq!(inert("\u{1b}]52;c;aGk=\u{7}"), "␛]52;c;aGk=␇");
        assert_eq!(inert("x\u{0}y\u{7f}z"), "x␀y␡z");
        // C1 CSI and NEL.
        assert_eq!(inert("a\u{9b}31mb\u{85}"), "a\u{fffd}31mb\u{fffd}");
        assert_eq!(inert("cr\rlf"), "cr␍lf");
        let out = inert("\u{1b}\u{9b}\u{7}\u{8}\u{7f}\u{0}");
        assert!(!out.chars().any(char::is_control), "{out:?}");
    }

    #[test]
    fn tabs_expand_and_newlines_become_spaces() {
        assert_eq!(inert("a\tb"), "a   b");
        assert_eq!(inert("abcd\te"), "abcd    e");
        assert_eq!(inert("one\ntwo"), "one two");
    }

    #[test]
    fn lines_keep_their_breaks() {
        assert_eq!(
            inert_lines("no reports\n  x\u{1b}]0;T\u{7}: binary\r"),
            "no reports\n  x␛]0;T␇: binary␍"
        );
    }
}
