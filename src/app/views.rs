//! The current entity's timeline (`T`): its mentions in the listed
//! articles over time, computed when asked for (the articles' dates here,
//! a walk over the list like the status line's; the dates the text
//! gives on a worker, which reads the bodies), a period chosen with the
//! arrows, and the list filtered to it with a `date:` term. And its
//! company (`C`): the entities of its sentences in the listed articles,
//! counted on a worker; `Enter` makes one current.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use super::action::{Cancel, Focus, Move, Overlay};
use super::company::{Company, CompanyOf, Shared};
use super::query::with_date_term;
use super::request::{Request, Shelf};
use super::scroll::moved;
use super::state::App;
use super::timeline::{Timeline, TimelineOf};
use crate::entities::DateValue;
use crate::resolve::EntityId;

/// The entity the views are of: the current one, or else the entity
/// pane's selection.
fn subject(app: &App) -> Option<EntityId> {
    app.current_entity().or_else(|| app.pane.selected_entity())
}

/// The bars the timeline overlay has room for.
fn timeline_width(app: &App) -> usize {
    app.overlay_rect()
        .map_or(1, |r| usize::from(r.inner().width.saturating_sub(2)))
}

/// `T`: opens the timeline of the current entity.
pub(super) fn show_timeline(app: &mut App) {
    let Some(e) = subject(app) else {
        app.chrome
            .warn("no entity: select one in the entity pane, or follow one (*, Enter)");
        return;
    };
    app.chrome.open_overlay(Overlay::Timeline);
    open_timeline(app, e);
}

/// After a resize: the open timeline is computed again for its new
/// width, if that changed.
pub(super) fn refit_timeline(app: &mut App) {
    if app.chrome.overlay() != Some(Overlay::Timeline) {
        return;
    }
    let Some(of) = app.timeline.as_ref().map(|t| t.of).or(app.timeline_pending) else {
        return;
    };
    let e = of.entity;
    if of.width != timeline_width(app) {
        open_timeline(app, e);
    }
}

/// Asks a worker for the timeline of `e` at the open overlay's width:
/// the UI thread only picks the listed articles that mention it and
/// hands over handles on them; the mentions are walked there.
fn open_timeline(app: &mut App, e: EntityId) {
    let lib = &app.library;
    let of = TimelineOf {
        entity: e,
        resolution: lib.entities().generation(),
        list: app.list.generation(),
        mentions: lib.mentions_version(),
        width: timeline_width(app),
    };
    let articles = handles(app, e);
    let map = lib.entities().map();
    if let Some(c) = app.timeline_cancel.take() {
        c.0.store(true, Ordering::Relaxed);
    }
    app.timeline = None;
    app.timeline_pending = Some(of);
    let cancel = Cancel(Arc::new(AtomicBool::new(false)));
    app.timeline_cancel = Some(cancel.clone());
    app.queue(Request::Timeline {
        of,
        articles,
        map,
        cancel,
    });
}

/// The listed articles that mention `e`, shelved for a worker.
fn handles(app: &App, e: EntityId) -> Shelf {
    let lib = &app.library;
    lib.shelf(lib.mentioning(e, app.list.view()))
}

/// The worker's count by the articles' dates, for the timeline asked
/// for (an answer for another is dropped): shown, or, with no dated
/// article, the overlay closed with a word.
pub(super) fn timeline_found(app: &mut App, of: TimelineOf, timeline: Option<Box<Timeline>>) {
    if app.timeline_pending != Some(of) {
        return;
    }
    app.timeline_pending = None;
    app.timeline = timeline.map(|t| *t);
    if app.timeline.is_none() {
        app.timeline_cancel = None;
        if app.chrome.overlay() != Some(Overlay::Timeline) {
            return;
        }
        app.chrome.close_overlay();
        let name = app.library.entity(of.entity).name.clone();
        app.chrome
            .warn(format!("no dated listed article mentions {name}"));
    }
}

/// The worker's answer: the dates the text gives, for the timeline
/// shown (an answer for another is dropped).
pub(super) fn text_dates(app: &mut App, of: TimelineOf, dates: Vec<DateValue>) {
    if let Some(t) = app.timeline.as_mut().filter(|t| t.of == of) {
        t.set_text_dates(&dates);
        app.timeline_cancel = None;
    }
}

/// `←` `→` on the timeline.
pub(super) fn move_period(app: &mut App, by: isize) {
    if let Some(t) = &mut app.timeline {
        t.move_selection(by);
    }
}

/// `Enter` on the timeline: the list is filtered to the selected
/// period, by a `date:` term that replaces the filter's own.
pub(super) fn filter_to_period(app: &mut App) {
    let Some(t) = &app.timeline else { return };
    let term = t.date_term(t.selected);
    let input = with_date_term(app.filter.input(), &term);
    app.filter.set_input(input);
    app.filter.stop_editing();
    app.refilter();
    app.chrome.close_overlay();
    app.chrome.focus_on(Focus::List);
    let n = app.list.len();
    app.chrome.note(format!(
        "{n} article{} in {} (Esc clears)",
        if n == 1 { "" } else { "s" },
        term.trim_start_matches("date:")
    ));
}

/// `C`: opens the company of the current entity, counted on a worker.
pub(super) fn show_company(app: &mut App) {
    let Some(e) = subject(app) else {
        app.chrome
            .warn("no entity: select one in the entity pane, or follow one (*, Enter)");
        return;
    };
    let articles = handles(app, e);
    let lib = &app.library;
    let of = CompanyOf {
        entity: e,
        resolution: lib.entities().generation(),
        list: app.list.generation(),
        mentions: lib.mentions_version(),
    };
    if let Some(c) = app.company_cancel.take() {
        c.0.store(true, Ordering::Relaxed);
    }
    app.company = Some(Company {
        of,
        rows: None,
        selected: 0,
    });
    app.chrome.open_overlay(Overlay::Company);
    if articles.is_empty() {
        company_found(app, of, Vec::new());
        return;
    }
    let cancel = Cancel(Arc::new(AtomicBool::new(false)));
    app.company_cancel = Some(cancel.clone());
    let map = app.library.entities().map();
    app.queue(Request::Company {
        of,
        articles,
        map,
        cancel,
    });
}

/// The worker's count, for the company shown (an answer for another is
/// dropped).
pub(super) fn company_found(app: &mut App, of: CompanyOf, rows: Vec<(EntityId, Shared)>) {
    if let Some(c) = app.company.as_mut().filter(|c| c.of == of) {
        c.rows = Some(rows);
        c.selected = 0;
        app.company_cancel = None;
    }
}

/// `j` `k` and the like in the company.
pub(super) fn move_in_company(app: &mut App, m: Move) {
    let page = app.overlay_rect().map_or(1, |r| {
        usize::from(r.inner().height.saturating_sub(1)).max(1)
    });
    if let Some(c) = &mut app.company {
        let n = c.rows.as_ref().map_or(0, Vec::len);
        c.selected = moved(c.selected, n, m, page);
    }
}

/// `Enter` in the company: the selected entity becomes current, and the
/// entity pane selects it where it has a row.
pub(super) fn follow_company(app: &mut App) {
    let Some(e) = app.company.as_ref().and_then(Company::selected_entity) else {
        return;
    };
    app.follow_entity(e);
    app.pane.select_entity(e);
    let rows = app.entity_rows();
    app.pane.follow(rows);
    app.chrome.close_overlay();
    let name = &app.library.entity(e).name;
    let text = format!("following {name}: n / N jump to its mentions, C its company");
    app.chrome.note(text);
}
