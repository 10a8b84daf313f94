//! Text from files, made inert and measured the way the terminal grid will
//! show it. Terminal-free: the reader layout measures with it, every pane
//! draws through it.
//!
//! Titles, bodies, entity names, paths and warnings all come from files:
//! before any of it is drawn it is made [`inert`] (the rule lives in
//! `base::inert`, shared with what lede prints to stderr). One character
//! in, one character out (tabs aside), so byte offsets of the source still
//! map to cells: mentions highlight the right text.

use std::borrow::Cow;

pub use crate::base::inert::{inert, placeholder};

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Cells one grapheme cluster takes once made inert: the same rule ratatui
/// applies when it writes a symbol to its buffer (unicode-width, plus one
/// cell for each halfwidth (semi-)voiced sound mark). A space or tab is one
/// cell. A zero-width cluster (a lone combining mark) is not drawn.
pub fn grapheme_width(g: &str) -> usize {
    if g.len() == 1 {
        // ASCII: printable, space and tab are one cell; a control character
        // becomes a one-cell placeholder.
        return 1;
    }
    if g.chars().any(|c| placeholder(c).is_some()) {
        return g
            .chars()
            .map(|c| match placeholder(c) {
                Some(_) => 1,
                None => c.width().unwrap_or(0),
            })
            .sum();
    }
    let marks = g
        .chars()
        .filter(|c| matches!(c, '\u{ff9e}' | '\u{ff9f}'))
        .count();
    g.width() + marks
}

/// Calls `f(start, end, width)` for each grapheme cluster of `s` (byte
/// offsets into `s`). Pure ASCII takes a fast path: one byte, one cell.
pub fn for_each_grapheme(s: &str, mut f: impl FnMut(usize, usize, usize)) {
    if s.is_ascii() {
        for i in 0..s.len() {
            f(i, i + 1, 1);
        }
    } else {
        for (i, g) in s.grapheme_indices(true) {
            f(i, i + g.len(), grapheme_width(g));
        }
    }
}

/// Display width of `s` in cells, once made inert, tabs counted as one.
pub fn width(s: &str) -> usize {
    if s.is_ascii() {
        return s.len();
    }
    let mut w = 0;
    for_each_grapheme(s, |_, _, gw| w += gw);
    w
}

/// The longest prefix of `s` (inert) that fits in `max` cells, with `…`
/// when something was cut.
pub fn truncate(s: &str, max: usize) -> Cow<'_, str> {
    let s = inert(s);
    if width(&s) <= max {
        return s;
    }
    if max == 0 {
        return Cow::Borrowed("");
    }
    let mut out = String::new();
    let mut w = 0;
    for g in s.graphemes(true) {
        let gw = grapheme_width(g);
        if w + gw > max - 1 {
            break;
        }
        out.push_str(g);
        w += gw;
    }
    out.push('…');
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_one_char_and_one_cell() {
        for c in ('\u{0}'..='\u{1f}')
            .chain(['\u{7f}'])
            .chain('\u{80}'..='\u{9f}')
        {
            if c == '\t' || c == '\n' {
                continue;
            }
            let p = placeholder(c).unwrap();
            assert_eq!(p.width(), Some(1), "{c:?}");
            assert_eq!(grapheme_width(&c.to_string()), 1, "{c:?}");
        }
        assert_eq!(placeholder('a'), None);
        assert_eq!(placeholder('é'), None);
    }

    #[test]
    fn widths_follow_the_cell_grid() {
        assert_eq!(width("Haftar"), 6);
        assert_eq!(width("北京"), 4);
        assert_eq!(width("e\u{301}"), 1, "combining mark");
        assert_eq!(width("👨‍👩‍👧"), 2, "ZWJ family is one wide cluster");
        assert_eq!(width("a\u{1b}b"), 3);
        assert_eq!(grapheme_width("\u{301}"), 0);
    }

    #[test]
    fn truncation_respects_width() {
        assert_eq!(truncate("Khalifa Haftar", 20), "Khalifa Haftar");
        assert_eq!(truncate("Khalifa Haftar", 8), "Khalifa…");
        assert_eq!(truncate("北京北京", 5), "北京…");
        assert_eq!(truncate("abc", 0), "");
        assert_eq!(truncate("a\u{1b}[2J", 3), "a␛…");
    }
}
