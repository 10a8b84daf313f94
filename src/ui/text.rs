//! Putting untrusted text on the grid. Everything from a file reaches a
//! buffer through [`inert`] (from `base`, shared with stderr; widths from
//! the terminal-free `app::text`, where the reader layout measures).

use std::borrow::Cow;

use ratatui::buffer::Buffer;
use ratatui::style::Style;
use ratatui::text::Span;

pub use crate::{
    app::text::{for_each_grapheme, grapheme_width, truncate, width},
    base::inert::inert,
};

/// Writes one grapheme cluster of untrusted text at `x`, made inert,
/// taking `w` cells; `false` (and nothing written) when it does not fit
/// before `right`.
pub fn put_grapheme(
    buf: &mut Buffer,
    x: u16,
    y: u16,
    right: u16,
    g: &str,
    w: usize,
    style: Style,
) -> bool {
    let w16 = u16::try_from(w).unwrap_or(u16::MAX);
    if w == 0 {
        return true;
    }
    if u32::from(x) + u32::from(w16) > u32::from(right) {
        return false;
    }
    let symbol: Cow<'_, str> = if g == "\t" { " ".into() } else { inert(g) };
    if let Some(cell) = buf.cell_mut((x, y)) {
        cell.set_symbol(&symbol).set_style(style);
    }
    // Cells a wide cluster covers are reset, as ratatui does.
    for dx in 1..w16 {
        if let Some(cell) = buf.cell_mut((x + dx, y)) {
            cell.reset();
            cell.set_style(style);
        }
    }
    true
}

/// Styled pieces of untrusted text, made inert and cut to `max` cells
/// (the last piece ends in `…` when something was cut). Returns the spans
/// and the cells they take.
pub fn fit(pieces: &[(&str, Style)], max: usize) -> (Vec<Span<'static>>, usize) {
    let mut spans = Vec::new();
    let total: usize = pieces.iter().map(|(s, _)| width(&inert(s))).sum();
    if total <= max {
        for (s, st) in pieces {
            spans.push(Span::styled(inert(s).into_owned(), *st));
        }
        return (spans, total);
    }
    // Cut: keep max - 1 cells, then an ellipsis.
    let mut left = max.saturating_sub(1);
    let mut used = 0;
    let mut last_style = Style::new();
    for (s, st) in pieces {
        if left == 0 {
            break;
        }
        let s = inert(s);
        let w = width(&s);
        last_style = *st;
        if w <= left {
            spans.push(Span::styled(s.into_owned(), *st));
            left -= w;
            used += w;
        } else {
            let mut out = String::new();
            let mut taken = 0;
            let mut full = false;
            for_each_grapheme(&s, |a, b, gw| {
                full = full || taken + gw > left;
                if !full {
                    out.push_str(&s[a..b]);
                    taken += gw;
                }
            });
            used += taken;
            spans.push(Span::styled(out, *st));
            left = 0;
        }
    }
    if max > 0 {
        spans.push(Span::styled("…", last_style));
        used += 1;
    }
    (spans, used)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::buffer::CellWidth;
    use ratatui::layout::Rect;

    #[test]
    fn our_widths_are_ratatuis_widths() {
        for g in [
            "a",
            "é",
            "e\u{301}",
            "北",
            "👨‍👩‍👧",
            "ｶﾞ",
            "ﾞ",
            "\u{200b}",
            "🇫🇷",
            "한",
            "ß",
            "…",
        ] {
            let ours = grapheme_width(g);
            let theirs = usize::from(g.cell_width());
            // ratatui skips zero-width clusters; so do we.
            assert_eq!(ours, theirs, "{g:?}");
        }
    }

    #[test]
    fn fitting_cuts_with_an_ellipsis() {
        let s = Style::new();
        let (spans, w) = fit(&[("Khalifa ", s), ("Haftar", s)], 10);
        let text: String = spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!((text.as_str(), w), ("Khalifa H…", 10));
        let (spans, w) = fit(&[("a\u{1b}[2J", s)], 10);
        assert_eq!(spans[0].content, "a␛[2J");
        assert_eq!(w, 5);
        let (spans, w) = fit(&[("北京北京", s)], 4);
        let text: String = spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!((text.as_str(), w), ("北…", 3));
        assert_eq!(fit(&[("abc", s)], 0).1, 0);
    }

    #[test]
    fn graphemes_never_overflow() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 3, 1));
        assert!(put_grapheme(&mut buf, 0, 0, 3, "北", 2, Style::new()));
        assert!(!put_grapheme(&mut buf, 2, 0, 3, "京", 2, Style::new()));
        assert!(put_grapheme(&mut buf, 2, 0, 3, "\u{1b}", 1, Style::new()));
        assert_eq!(buf[(2, 0)].symbol(), "␛");
    }
}
