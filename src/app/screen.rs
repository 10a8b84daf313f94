//! Where each pane goes for a terminal size. Terminal-free: `update` uses
//! it to know page sizes, the reader's wrap width and what a mouse click
//! hit; `ui::draw` draws into exactly these rectangles.

use super::action::Focus;
use crate::config::ListWidth;

/// Below this the screen shows one line, "terminal too small".
pub const MIN_WIDTH: u16 = 20;
pub const MIN_HEIGHT: u16 = 6;
/// Reader text is never wrapped wider than this, for comfortable lines.
pub const MAX_MEASURE: u16 = 90;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Rect {
    pub x: u16,
    pub y: u16,
    pub width: u16,
    pub height: u16,
}

impl Rect {
    pub const fn new(x: u16, y: u16, width: u16, height: u16) -> Rect {
        Rect {
            x,
            y,
            width,
            height,
        }
    }

    pub fn contains(&self, x: u16, y: u16) -> bool {
        x >= self.x
            && y >= self.y
            && u32::from(x) < u32::from(self.x) + u32::from(self.width)
            && u32::from(y) < u32::from(self.y) + u32::from(self.height)
    }

    /// Inside a one-cell border.
    pub fn inner(&self) -> Rect {
        Rect {
            x: self.x.saturating_add(1),
            y: self.y.saturating_add(1),
            width: self.width.saturating_sub(2),
            height: self.height.saturating_sub(2),
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Mode {
    /// Below [`MIN_WIDTH`] x [`MIN_HEIGHT`]: nothing but a message.
    #[default]
    TooSmall,
    /// List over entities on the left, reader on the right.
    Wide,
    /// List (or entities, when focused) over the reader.
    Stacked,
    /// Only the focused pane.
    Single,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Screen {
    pub width: u16,
    pub height: u16,
    pub mode: Mode,
    /// Where each pane goes when it is shown. In the stacked and single
    /// modes some panes share a rectangle and only one of them is shown.
    pub list: Rect,
    pub reader: Rect,
    pub entities: Rect,
    pub status: Rect,
}

/// The reader keeps at least this many columns beside the list.
const MIN_READER_WIDTH: u16 = 40;
/// The list gets at least this many (when the window has them).
const MIN_LIST_WIDTH: u16 = 30;

impl Screen {
    /// The panes for a `width` x `height` terminal, the list at its
    /// default width (half the window: room for titles).
    pub fn new(width: u16, height: u16) -> Screen {
        Screen::with_list_width(width, height, ListWidth::Percent(50))
    }

    /// The panes, the list `list_width` wide when side by side (the
    /// reader keeps at least 40 columns, the list 30).
    pub fn with_list_width(width: u16, height: u16, list_width: ListWidth) -> Screen {
        let mut s = Screen {
            width,
            height,
            ..Screen::default()
        };
        if width < MIN_WIDTH || height < MIN_HEIGHT {
            return s;
        }
        let main_h = height - 1;
        s.status = Rect::new(0, main_h, width, 1);
        if width >= 80 && height >= 16 {
            s.mode = Mode::Wide;
            let wanted = match list_width {
                ListWidth::Columns(n) => n,
                ListWidth::Percent(p) => (u32::from(width) * u32::from(p) / 100) as u16,
            };
            let left = wanted
                .min(width.saturating_sub(MIN_READER_WIDTH))
                .max(MIN_LIST_WIDTH.min(width / 2));
            let list_h = (main_h * 3 / 5).max(3);
            s.list = Rect::new(0, 0, left, list_h);
            s.entities = Rect::new(0, list_h, left, main_h - list_h);
            s.reader = Rect::new(left, 0, width - left, main_h);
        } else if height >= 12 {
            s.mode = Mode::Stacked;
            let top = (main_h * 2 / 5).max(3);
            s.list = Rect::new(0, 0, width, top);
            s.entities = s.list;
            s.reader = Rect::new(0, top, width, main_h - top);
        } else {
            s.mode = Mode::Single;
            let all = Rect::new(0, 0, width, main_h);
            (s.list, s.reader, s.entities) = (all, all, all);
        }
        s
    }

    /// Whether `pane` is drawn while `focus` has the keyboard.
    pub fn shows(&self, pane: Focus, focus: Focus) -> bool {
        match self.mode {
            Mode::TooSmall => false,
            Mode::Wide => true,
            Mode::Stacked => match pane {
                Focus::Reader => true,
                Focus::Entities => focus == Focus::Entities,
                Focus::List => focus != Focus::Entities,
            },
            Mode::Single => pane == focus,
        }
    }

    pub fn pane(&self, pane: Focus) -> Rect {
        match pane {
            Focus::List => self.list,
            Focus::Reader => self.reader,
            Focus::Entities => self.entities,
        }
    }

    /// The shown pane under a cell.
    pub fn pane_at(&self, x: u16, y: u16, focus: Focus) -> Option<Focus> {
        [Focus::List, Focus::Reader, Focus::Entities]
            .into_iter()
            .find(|&p| self.shows(p, focus) && self.pane(p).contains(x, y))
    }

    /// The reader's text area: inside the border, one cell of padding on
    /// each side when there is room, at most [`MAX_MEASURE`] wide.
    pub fn reader_text(&self) -> Rect {
        let mut r = self.reader.inner();
        if r.width >= 12 {
            r.x += 1;
            r.width -= 2;
        }
        r.width = r.width.min(MAX_MEASURE);
        r
    }

    /// Rows of list content.
    pub fn list_rows(&self) -> usize {
        usize::from(self.list.inner().height)
    }

    pub fn entity_rows(&self) -> usize {
        usize::from(self.entities.inner().height)
    }

    /// A centered overlay at most `max_w` wide and `content_h` rows (plus
    /// its border) high.
    pub fn overlay(&self, max_w: u16, content_h: usize) -> Rect {
        let main_h = self.height.saturating_sub(1);
        let w = max_w.min(self.width.saturating_sub(2));
        let want = u16::try_from(content_h.saturating_add(2)).unwrap_or(u16::MAX);
        let h = want.min(main_h.saturating_sub(1)).max(3.min(main_h));
        Rect::new((self.width - w) / 2, main_h.saturating_sub(h) / 2, w, h)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modes_by_size() {
        assert_eq!(Screen::new(19, 40).mode, Mode::TooSmall);
        assert_eq!(Screen::new(120, 5).mode, Mode::TooSmall);
        assert_eq!(Screen::new(120, 40).mode, Mode::Wide);
        assert_eq!(Screen::new(80, 24).mode, Mode::Wide);
        assert_eq!(Screen::new(60, 20).mode, Mode::Stacked);
        assert_eq!(Screen::new(120, 12).mode, Mode::Stacked);
        assert_eq!(Screen::new(20, 6).mode, Mode::Single);
    }

    #[test]
    fn the_list_takes_the_width_the_config_gives() {
        let left = |w, lw| Screen::with_list_width(w, 40, lw).list.width;
        assert_eq!(left(100, ListWidth::Percent(40)), 40);
        assert_eq!(left(200, ListWidth::Percent(40)), 80);
        assert_eq!(left(120, ListWidth::Percent(60)), 72);
        assert_eq!(left(120, ListWidth::Columns(50)), 50);
        assert_eq!(
            left(120, ListWidth::Columns(100)),
            80,
            "the reader keeps 40"
        );
        assert_eq!(left(100, ListWidth::Columns(10)), 30, "the list keeps 30");
        assert_eq!(left(80, ListWidth::Percent(90)), 40);
    }

    #[test]
    fn wide_panes_tile_the_screen() {
        // The list takes half by default.
        let s = Screen::new(120, 40);
        assert_eq!(s.list, Rect::new(0, 0, 60, 23));
        assert_eq!(s.entities, Rect::new(0, 23, 60, 16));
        assert_eq!(s.reader, Rect::new(60, 0, 60, 39));
        assert_eq!(s.status, Rect::new(0, 39, 120, 1));
        assert_eq!(s.reader_text(), Rect::new(62, 1, 56, 37));
        assert_eq!(s.pane_at(10, 30, Focus::List), Some(Focus::Entities));
        assert_eq!(s.pane_at(62, 30, Focus::List), Some(Focus::Reader));
        assert_eq!(s.pane_at(50, 39, Focus::List), None);
    }

    #[test]
    fn narrow_screens_swap_list_and_entities() {
        let s = Screen::new(60, 20);
        assert!(s.shows(Focus::List, Focus::Reader));
        assert!(!s.shows(Focus::Entities, Focus::Reader));
        assert!(s.shows(Focus::Entities, Focus::Entities));
        assert!(!s.shows(Focus::List, Focus::Entities));
        assert_eq!(s.reader_text().width, 56);
        let s = Screen::new(30, 8);
        assert!(s.shows(Focus::Reader, Focus::Reader));
        assert!(!s.shows(Focus::List, Focus::Reader));
    }

    #[test]
    fn measure_is_capped() {
        assert_eq!(Screen::new(300, 50).reader_text().width, MAX_MEASURE);
    }

    #[test]
    fn overlays_fit() {
        for (w, h) in [(20, 6), (60, 20), (120, 40)] {
            let s = Screen::new(w, h);
            let o = s.overlay(72, 100);
            assert!(o.x + o.width <= w && o.y + o.height < h, "{o:?}");
        }
    }
}
