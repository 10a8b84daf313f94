//! The chrome around the panes: which pane has the keyboard, the overlay
//! over them, the terminal's size and where each pane goes, the status
//! line's one-off message, and whether to quit.

use super::action::{Focus, Move, Overlay};
use super::help;
use super::screen::{Mode, Rect, Screen};
use super::scroll::moved;
use crate::config::{Bindings, ListWidth};

/// Widest the overlays get.
pub const HELP_WIDTH: u16 = 84;
pub const WARNINGS_WIDTH: u16 = 100;
pub const TIMELINE_WIDTH: u16 = 100;
/// The timeline's rows: two series of [`TIMELINE_BAR_ROWS`] with their
/// headings, the axis and the selected period.
pub const TIMELINE_ROWS: usize = 2 * TIMELINE_BAR_ROWS + 5;
pub const TIMELINE_BAR_ROWS: usize = 4;
pub const COMPANY_WIDTH: u16 = 72;
/// The company's rows at most (it scrolls).
pub const COMPANY_ROWS: usize = 20;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub error: bool,
}

#[derive(Debug, Default)]
pub struct Chrome {
    focus: Focus,
    overlay: Option<Overlay>,
    overlay_scroll: usize,
    screen: Screen,
    /// A one-off note for the status line, cleared by the next action.
    message: Option<Message>,
    should_quit: bool,
    /// `Ctrl-Z` asked the terminal to suspend lede.
    suspend: bool,
    /// The keys of the actions (what the help shows).
    bindings: Bindings,
    /// The list pane's width, as the config sets it.
    list_width: Option<ListWidth>,
}

impl Chrome {
    pub fn focus(&self) -> Focus {
        self.focus
    }

    pub fn overlay(&self) -> Option<Overlay> {
        self.overlay
    }

    /// First visible row of the open overlay.
    pub fn overlay_scroll(&self) -> usize {
        self.overlay_scroll
    }

    pub fn screen(&self) -> &Screen {
        &self.screen
    }

    pub fn message(&self) -> Option<&Message> {
        self.message.as_ref()
    }

    pub fn should_quit(&self) -> bool {
        self.should_quit
    }

    pub fn quit(&mut self) {
        self.should_quit = true;
    }

    /// The terminal is asked to suspend lede (`Ctrl-Z`).
    pub fn ask_suspend(&mut self) {
        self.suspend = true;
    }

    /// Whether a suspension was asked for (once).
    pub fn take_suspend(&mut self) -> bool {
        std::mem::take(&mut self.suspend)
    }

    pub fn focus_on(&mut self, pane: Focus) {
        self.focus = pane;
    }

    /// The next (`step` 1) or previous (-1) pane.
    pub fn cycle_focus(&mut self, step: isize) {
        const ORDER: [Focus; 3] = [Focus::List, Focus::Reader, Focus::Entities];
        let i = ORDER.iter().position(|f| *f == self.focus).unwrap_or(0) as isize;
        self.focus = ORDER[(i + step).rem_euclid(ORDER.len() as isize) as usize];
    }

    pub fn note(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: false,
        });
    }

    pub fn warn(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: true,
        });
    }

    pub fn clear_message(&mut self) {
        self.message = None;
    }

    /// The terminal's new size, in cells.
    pub fn resize(&mut self, w: u16, h: u16) {
        self.screen = match self.list_width {
            Some(lw) => Screen::with_list_width(w, h, lw),
            None => Screen::new(w, h),
        };
    }

    /// `<` `>`: the list `by` columns wider (narrower when negative), for
    /// the rest of the session; the screen keeps the reader's and the
    /// list's minimum widths. Whether the list is beside the reader (only
    /// then has it a width of its own).
    pub fn widen_list(&mut self, by: i16) -> bool {
        if self.screen.mode != Mode::Wide {
            return false;
        }
        let now = self.screen.list.width as i16;
        let (w, h) = (self.screen.width, self.screen.height);
        let cols = (now + by).clamp(1, w as i16) as u16;
        self.list_width = Some(ListWidth::Columns(cols));
        self.resize(w, h);
        // What the screen gave (it keeps both panes' minimums): widening
        // past the limit is not remembered.
        self.list_width = Some(ListWidth::Columns(self.screen.list.width));
        true
    }

    /// The keys the help shows, and the list's width: the config's.
    pub fn configure(&mut self, bindings: Bindings, list_width: ListWidth) {
        self.bindings = bindings;
        self.list_width = Some(list_width);
        let (w, h) = (self.screen.width, self.screen.height);
        self.resize(w, h);
    }

    /// The keys of the actions.
    pub fn bindings(&self) -> &Bindings {
        &self.bindings
    }

    /// The help laid out for the overlay's inside.
    pub fn help_lines(&self) -> Vec<help::Line> {
        let width = self
            .help_rect()
            .map_or(HELP_WIDTH, |r| r.inner().width.saturating_sub(2));
        help::lines(&self.bindings, usize::from(width))
    }

    /// Where the help goes, however long it is.
    fn help_rect(&self) -> Option<Rect> {
        (self.screen.width > 0).then(|| self.screen.overlay(HELP_WIDTH, usize::MAX / 2))
    }

    pub fn open_overlay(&mut self, o: Overlay) {
        self.overlay = Some(o);
        self.overlay_scroll = 0;
    }

    pub fn close_overlay(&mut self) {
        self.overlay = None;
    }

    /// Rows of content the open overlay has, with `warnings` warnings.
    pub fn overlay_rows(&self, warnings: usize) -> usize {
        match self.overlay {
            Some(Overlay::Help) => self.help_lines().len(),
            // Most warnings take a line or two once wrapped.
            Some(Overlay::Warnings) => warnings.saturating_mul(2).max(1),
            Some(Overlay::Timeline) => TIMELINE_ROWS,
            Some(Overlay::Company) => COMPANY_ROWS,
            None => 0,
        }
    }

    /// Where the open overlay is drawn.
    pub fn overlay_rect(&self, warnings: usize) -> Option<Rect> {
        let max_w = match self.overlay? {
            Overlay::Help => HELP_WIDTH,
            Overlay::Warnings => WARNINGS_WIDTH,
            Overlay::Timeline => TIMELINE_WIDTH,
            Overlay::Company => COMPANY_WIDTH,
        };
        Some(self.screen.overlay(max_w, self.overlay_rows(warnings)))
    }

    pub fn scroll_overlay(&mut self, m: Move, warnings: usize) {
        let rows = self.overlay_rows(warnings);
        let visible = self
            .overlay_rect(warnings)
            .map_or(1, |r| usize::from(r.inner().height).max(1));
        let max = match self.overlay {
            // Warnings scroll one warning at a time and may wrap.
            Some(Overlay::Warnings) => warnings.saturating_sub(1),
            _ => rows.saturating_sub(visible),
        };
        self.overlay_scroll = moved(self.overlay_scroll, max + 1, m, visible).min(max);
    }

    /// After a resize: the overlay's scroll within its content.
    pub fn clamp_overlay_scroll(&mut self, warnings: usize) {
        self.overlay_scroll = self
            .overlay_scroll
            .min(self.overlay_rows(warnings).saturating_sub(1));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn focus_cycles_both_ways() {
        let mut c = Chrome::default();
        c.cycle_focus(-1);
        assert_eq!(c.focus(), Focus::Entities);
        c.cycle_focus(1);
        c.cycle_focus(1);
        assert_eq!(c.focus(), Focus::Reader);
    }
}
