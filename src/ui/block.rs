//! What every pane is drawn with: its bordered block, the note in an
//! empty one, and the app's rectangles as ratatui's.

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph};

use super::theme::Theme;
use crate::app::screen;

/// The app's terminal-free rectangle as ratatui's.
pub fn rect(r: screen::Rect) -> Rect {
    Rect::new(r.x, r.y, r.width, r.height)
}

/// A pane's frame: a border that shows focus, a title on the left and a
/// note on the right.
pub fn pane_block<'a>(title: &'a str, note: Line<'a>, focused: bool, theme: &Theme) -> Block<'a> {
    Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.border(focused))
        .title(Span::styled(
            format!(" {title} "),
            theme.pane_title(focused),
        ))
        .title_top(note.right_aligned())
}

/// A dim, one-line note inside an empty pane.
pub fn empty_note<'a>(text: &'a str, theme: &Theme) -> Paragraph<'a> {
    Paragraph::new(Line::from(vec![
        Span::raw(" "),
        Span::styled(text, theme.dim()),
    ]))
    .style(Style::new())
}
