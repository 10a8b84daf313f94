//! The one place the app state changes.

use super::action::{Action, Focus};
use super::state::App;

pub fn update(app: &mut App, action: Action) {
    match action {
        Action::Quit => app.should_quit = true,
        Action::MoveSelection(delta) => {
            let last = app.view.len().saturating_sub(1);
            app.selected = app.selected.saturating_add_signed(delta).min(last);
        }
        Action::SelectFirst => app.selected = 0,
        Action::SelectLast => app.selected = app.view.len().saturating_sub(1),
        Action::OpenSelected => {
            if let Some(a) = app.selected_article() {
                app.open = Some(a);
                app.read[a] = true;
                app.reader_scroll = 0;
                app.focus = Focus::Reader;
            }
        }
        Action::Scroll(delta) => {
            app.reader_scroll = app.reader_scroll.saturating_add_signed(delta);
        }
        Action::FocusNext => app.focus = cycle(app.focus, 1),
        Action::FocusPrev => app.focus = cycle(app.focus, -1),
        Action::Focus(f) => app.focus = f,
        Action::FilterStart => app.filter.editing = true,
        Action::FilterInput(c) => {
            app.filter.query.push(c);
            refilter(app);
        }
        Action::FilterBackspace => {
            app.filter.query.pop();
            refilter(app);
        }
        Action::FilterAccept => app.filter.editing = false,
        Action::FilterClear => {
            app.filter.query.clear();
            app.filter.editing = false;
            refilter(app);
        }
    }
}

fn cycle(focus: Focus, step: isize) -> Focus {
    const ORDER: [Focus; 3] = [Focus::List, Focus::Reader, Focus::Entities];
    let i = ORDER.iter().position(|f| *f == focus).unwrap_or(0) as isize;
    ORDER[(i + step).rem_euclid(ORDER.len() as isize) as usize]
}

/// Recomputes the list: every article whose title contains the query
/// (case-insensitive), in corpus order.
fn refilter(app: &mut App) {
    let q = app.filter.query.to_lowercase();
    app.view = (0..app.articles.len())
        .filter(|&i| q.is_empty() || app.articles[i].title.to_lowercase().contains(&q))
        .collect();
    app.selected = app.selected.min(app.view.len().saturating_sub(1));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::bundled;
    use crate::index::EntityIndex;

    fn app() -> App {
        let c = bundled::sample();
        App::new(c.articles, EntityIndex::new(), c.warnings)
    }

    #[test]
    fn selection_moves_and_clamps() {
        let mut a = app();
        update(&mut a, Action::MoveSelection(1));
        assert_eq!(a.selected, 1);
        update(&mut a, Action::MoveSelection(5));
        assert_eq!(a.selected, 1);
        update(&mut a, Action::MoveSelection(-9));
        assert_eq!(a.selected, 0);
        update(&mut a, Action::SelectLast);
        assert_eq!(a.selected, 1);
        update(&mut a, Action::SelectFirst);
        assert_eq!(a.selected, 0);
    }

    #[test]
    fn opening_marks_read_and_focuses_the_reader() {
        let mut a = app();
        assert_eq!(a.unread_count(), 2);
        update(&mut a, Action::MoveSelection(1));
        update(&mut a, Action::OpenSelected);
        assert_eq!(a.open, Some(1));
        assert!(a.read[1]);
        assert_eq!(a.unread_count(), 1);
        assert_eq!(a.focus, Focus::Reader);
    }

    #[test]
    fn focus_cycles_both_ways() {
        let mut a = app();
        update(&mut a, Action::FocusNext);
        assert_eq!(a.focus, Focus::Reader);
        update(&mut a, Action::FocusPrev);
        update(&mut a, Action::FocusPrev);
        assert_eq!(a.focus, Focus::Entities);
    }

    #[test]
    fn filter_narrows_and_clears() {
        let mut a = app();
        update(&mut a, Action::FilterStart);
        for c in "entered".chars() {
            update(&mut a, Action::FilterInput(c));
        }
        assert_eq!(a.view.len(), 1);
        assert!(a.articles[a.view[0]].title.contains("entered"));
        update(&mut a, Action::FilterClear);
        assert_eq!(a.view.len(), 2);
        assert!(!a.filter.editing);
    }

    #[test]
    fn scroll_never_goes_negative() {
        let mut a = app();
        update(&mut a, Action::Scroll(-3));
        assert_eq!(a.reader_scroll, 0);
        update(&mut a, Action::Scroll(4));
        assert_eq!(a.reader_scroll, 4);
    }
}
