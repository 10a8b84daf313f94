//! The one place the app state changes: every [`Action`] is applied
//! here, by the handlers below it (loading, navigation, the mouse, the
//! answers to requests) and the operations of [`App`].

use super::action::{Action, Focus, Overlay};
use super::answers;
use super::filtered_list::{MAX_QUERY_CHARS, Typed};
use super::loading;
use super::navigate;
use super::pointer;
use super::reading;
use super::request::Request;
use super::state::App;
use super::views;

pub fn update(app: &mut App, action: Action) {
    if action.by_user() {
        app.chrome.clear_message();
        app.list.touch();
    }
    match action {
        Action::Quit => app.chrome.quit(),
        Action::List(m) => {
            let rows = app.list_rows();
            app.list.move_selection(m, rows);
        }
        Action::Reader(m) => {
            let rows = app.reader_rows();
            app.reader.scroll_by(m, rows);
        }
        Action::Entities(m) => {
            let rows = app.entity_rows();
            app.pane.move_selection(m, rows);
        }
        Action::Overlay(m) if app.chrome.overlay() == Some(Overlay::Company) => {
            views::move_in_company(app, m);
        }
        Action::Overlay(m) => {
            let warnings = app.library.warnings().len();
            app.chrome.scroll_overlay(m, warnings);
        }
        Action::OpenSelected => app.open_selected(),
        Action::FocusNext => app.chrome.cycle_focus(1),
        Action::FocusPrev => app.chrome.cycle_focus(-1),
        Action::Focus(f) => app.chrome.focus_on(f),
        Action::FilterStart => {
            app.filter.start_editing();
            app.chrome.focus_on(Focus::List);
        }
        Action::FilterInput(c) => match app.filter.type_char(c) {
            Typed::Yes => app.refilter(),
            Typed::Full => app
                .chrome
                .warn(format!("the filter is cut at {MAX_QUERY_CHARS} characters")),
            Typed::No => {}
        },
        Action::FilterPaste(text) => {
            if !app.filter.paste(&text) {
                app.chrome
                    .warn(format!("the filter is cut at {MAX_QUERY_CHARS} characters"));
            }
            app.refilter();
        }
        Action::FilterBackspace => {
            app.filter.backspace();
            app.refilter();
        }
        Action::FilterDeleteWord => {
            app.filter.delete_word();
            app.refilter();
        }
        Action::FilterClearInput => {
            app.filter.clear_input();
            app.refilter();
        }
        Action::FilterAccept => accept_filter(app),
        Action::FilterClear => {
            app.filter.clear_input();
            app.filter.stop_editing();
            app.refilter();
        }
        Action::NextMention => navigate::step_mention(app, true),
        Action::PrevMention => navigate::step_mention(app, false),
        Action::NextOfEntity => navigate::step_entity(app, true),
        Action::PrevOfEntity => navigate::step_entity(app, false),
        Action::FollowCursor => navigate::follow_cursor(app),
        Action::ActivateEntity => navigate::activate_entity(app),
        Action::FilterByEntity => navigate::filter_by_entity(app),
        Action::ToggleEntityScope => {
            app.pane.toggle_scope();
            app.refresh_entities(true);
        }
        Action::ToggleRead => toggle_read(app),
        Action::SaveFailed(w) => {
            app.chrome
                .warn(format!("{}: {}", w.path.display(), w.message));
            app.library.add_warnings([w]);
        }
        Action::ShowHelp => app.chrome.open_overlay(Overlay::Help),
        Action::ShowWarnings => app.chrome.open_overlay(Overlay::Warnings),
        Action::CloseOverlay => app.chrome.close_overlay(),
        Action::Escape => escape(app),
        Action::Refetch => app.queue(Request::Fetch),
        Action::Rescan => app.queue(Request::Rescan),
        Action::Suspend => app.chrome.ask_suspend(),
        Action::Note(text) => app.chrome.note(text),
        Action::FilesChanged { gone, added } => loading::files_changed(app, gone, added),
        Action::FeedItems { tags, gone } => loading::feed_items(app, tags, gone),
        Action::Fetching(g) => loading::fetching(app, g),
        Action::Resize(w, h) => resize(app, w, h),
        Action::Click(x, y) => pointer::click(app, x, y),
        Action::Wheel(x, y, rows) => pointer::wheel(app, x, y, rows),
        Action::BodyRead { article, result } => answers::body_read(app, article, result),
        Action::LayoutReady(layout) => answers::layout_ready(app, *layout),
        Action::Loaded(batch) => loading::loaded(app, batch),
        Action::Surfaces(infos) => app.library.add_surfaces(infos),
        Action::Mentions(batch) => loading::mentions(app, batch),
        Action::Resolved(resolution) => loading::resolved(app, resolution),
        Action::Stories(grouping) => loading::stories(app, grouping),
        Action::NewPassages { of, ranges } => answers::new_passages(app, of, ranges),
        Action::LoadWarnings(w) => loading::warnings(app, w),
        Action::LoadProgress(p) => loading::progress(app, p),
        Action::LoadFinished(p) => loading::finished(app, p),
        Action::Tick => answers::tick(app),
        Action::TextScanned {
            generation,
            checked,
            found,
        } => answers::text_scanned(app, generation, checked, found),
        Action::WordsRead { terms, done } => answers::words_read(app, terms, done),
        Action::WordsBuilt(segment) => answers::words_built(app, segment),
        Action::WordsMerged(merged) => answers::words_merged(app, merged),
        Action::FoldStory => fold_story(app),
        Action::CycleSort => app.cycle_sort(),
        Action::ToggleFolding => {
            let rows = app.list_rows();
            app.list.toggle_folding(rows);
            app.chrome.note(if app.list.is_folding() {
                "one row per story (z unfolds one)"
            } else {
                "every report listed (Z folds stories)"
            });
        }
        Action::ListWidth(by) => {
            if app.chrome.widen_list(by) {
                // As a resize: the reader wraps again, keeping its place.
                let (w, h) = (app.chrome.screen().width, app.chrome.screen().height);
                resize(app, w, h);
            } else {
                app.chrome
                    .note("the list is beside the reader from 80 columns on");
            }
        }
        Action::NextNew => reading::step_new(app, true),
        Action::PrevNew => reading::step_new(app, false),
        Action::NextHit => reading::step_hit(app, true),
        Action::PrevHit => reading::step_hit(app, false),
        Action::NextArticle => reading::step_article(app, true),
        Action::PrevArticle => reading::step_article(app, false),
        Action::NextUnread => reading::next_unread(app),
        Action::MarkAllRead => reading::mark_all_read(app),
        Action::UndoMarkAll => reading::undo_mark_all(app),
        Action::ToggleStar => reading::toggle_star(app),
        Action::OpenUrl => reading::open_url(app),
        Action::Pager => reading::pager(app),
        Action::Copy => reading::copy(app),
        Action::ToggleKind(kind) => {
            let visible = app.entity_rows();
            app.pane.toggle_kind(kind, app.library.entities(), visible);
        }
        Action::FindStart => app.pane.start_find(),
        Action::FindInput(typed) => {
            edit_find(app, |t| t.extend(typed.chars().filter(|c| !c.is_control())))
        }
        Action::FindBackspace => edit_find(app, |t| {
            t.pop();
        }),
        Action::FindDeleteWord => edit_find(app, |t| {
            let kept = t.trim_end().rfind(' ').map_or(0, |i| i + 1);
            t.truncate(kept);
        }),
        Action::FindClearInput => edit_find(app, String::clear),
        Action::FindAccept => app.pane.keep_find(),
        Action::ShowTimeline => views::show_timeline(app),
        Action::TimelinePeriod(by) => views::move_period(app, by),
        Action::FilterToPeriod => views::filter_to_period(app),
        Action::TextDates { of, dates } => views::text_dates(app, of, dates),
        Action::TimelineFound { of, timeline } => views::timeline_found(app, of, timeline),
        Action::ShowCompany => views::show_company(app),
        Action::FollowCompany => views::follow_company(app),
        Action::CompanyFound { of, rows } => views::company_found(app, of, rows),
        Action::ListedCounted { key, counts } => answers::listed_counted(app, key, counts),
        Action::FindCancel => {
            let visible = app.entity_rows();
            app.pane.drop_find(app.library.entities(), visible);
        }
    }
    app.sync_hits();
    app.sync_position();
}

/// `z`: the story under the selection unfolds in place, or folds.
fn fold_story(app: &mut App) {
    let rows = app.list_rows();
    if !app.list.is_folding() {
        app.chrome.note("stories are not folded (Z folds them)");
    } else if !app.list.toggle_story(rows) {
        app.chrome.note("one report of this story is listed");
    }
}

/// `u`: the selected article becomes unread, or read.
fn toggle_read(app: &mut App) {
    if let Some(a) = app.selected_article() {
        let read = !app.library.is_read(a);
        app.set_read(a, read);
        app.chrome
            .note(if read { "marked read" } else { "marked unread" });
    }
}

fn resize(app: &mut App, w: u16, h: u16) {
    // Keep the paragraph at the top of the reader where it was.
    let anchor = app.reader.anchor();
    app.chrome.resize(w, h);
    app.relayout();
    let rows = app.reader_rows();
    app.reader.restore_anchor(anchor, rows);
    app.follow_list();
    let rows = app.entity_rows();
    app.pane.follow(rows);
    let warnings = app.library.warnings().len();
    app.chrome.clamp_overlay_scroll(warnings);
    views::refit_timeline(app);
}

/// The text of the entity pane's find, changed by `edit`; the pane
/// narrows to what it finds. Capped as the filter is.
fn edit_find(app: &mut App, edit: impl FnOnce(&mut String)) {
    let mut text = app.pane.find_text().unwrap_or_default().to_string();
    edit(&mut text);
    if text.chars().count() > MAX_QUERY_CHARS {
        text = text.chars().take(MAX_QUERY_CHARS).collect();
        app.chrome
            .warn(format!("the find is cut at {MAX_QUERY_CHARS} characters"));
    }
    let visible = app.entity_rows();
    app.pane.set_find(text, app.library.entities(), visible);
}

/// `Esc`: in the entity pane, a kept find goes first. Then the filter
/// goes, and the entity it made current with it; with no filter, the
/// current entity is no longer followed.
fn escape(app: &mut App) {
    if app.chrome.focus() == Focus::Entities && app.pane.find_text().is_some() {
        let visible = app.entity_rows();
        app.pane.drop_find(app.library.entities(), visible);
        return;
    }
    if app.filter.is_active() {
        app.filter.clear_input();
        app.filter.stop_editing();
        app.refilter();
        app.nav.forget_if_from_filter();
    } else {
        app.nav.forget();
    }
}

/// `Enter` while typing a filter: keeps it; an `@name` term makes its
/// best-matching entity current.
fn accept_filter(app: &mut App) {
    if let Some(e) = app.filter.error() {
        let e = e.to_string();
        app.chrome.warn(e);
        return;
    }
    app.filter.stop_editing();
    if app.filter.input().trim().is_empty() {
        app.filter.clear_input();
        return;
    }
    if let Some(e) = app.filter.best_entity(&app.library) {
        app.follow_entity(e);
        app.nav.set_from_filter();
        let name = &app.library.entity(e).name;
        let text = format!("following {name}: n / N jump to its mentions");
        app.chrome.note(text);
    }
}
