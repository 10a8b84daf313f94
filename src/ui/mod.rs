//! Drawing: the app state in, a frame out. Nothing here changes the state,
//! and nothing here costs more than what is on screen: the list draws its
//! visible rows, the reader its visible lines of a layout made in `update`.

pub mod block;
pub mod company;
pub mod entities;
pub mod list;
pub mod overlay;
pub mod reader;
pub mod status;
pub mod text;
pub mod theme;
pub mod timeline;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::Paragraph;

use crate::app::screen::{Mode, Screen};
use crate::app::{App, Focus, Overlay};

use block::rect;
pub use theme::Theme;

/// Draws the whole screen.
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme) {
    let area = frame.area();
    // The app learns the size through Action::Resize; should a frame come
    // first, lay out for the frame rather than draw out of bounds.
    let screen =
        if (app.chrome.screen().width, app.chrome.screen().height) == (area.width, area.height) {
            *app.chrome.screen()
        } else {
            Screen::new(area.width, area.height)
        };
    if screen.mode == Mode::TooSmall {
        if area.width > 0 && area.height > 0 {
            let msg = text::truncate("terminal too small", usize::from(area.width));
            let row = Rect::new(area.x, area.y, area.width, 1);
            frame.render_widget(Paragraph::new(msg.into_owned()), row);
        }
        return;
    }
    for pane in [Focus::List, Focus::Reader, Focus::Entities] {
        if !screen.shows(pane, app.chrome.focus()) {
            continue;
        }
        let r = rect(screen.pane(pane));
        match pane {
            Focus::List => list::draw(frame, r, app, theme),
            Focus::Reader => reader::draw(frame, r, &screen, app, theme),
            Focus::Entities => entities::draw(frame, r, app, theme),
        }
    }
    status::draw(frame, rect(screen.status), app, theme);
    match app.chrome.overlay() {
        Some(Overlay::Help) => overlay::help(frame, app, theme),
        Some(Overlay::Warnings) => overlay::warnings(frame, app, theme),
        Some(Overlay::Timeline) => timeline::draw(frame, app, theme),
        Some(Overlay::Company) => company::draw(frame, app, theme),
        None => {}
    }
}
