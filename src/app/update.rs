//! The one place the app state changes.
//!
//! Mention navigation:
//! - `]` / `[` move the mention cursor through every mention of the open
//!   article in reading order, wrapping at the ends. They do not change the
//!   current entity (the status line keeps following it); `*` adopts the
//!   entity under the cursor. When the cursor is off screen they start from
//!   the first (last) mention on screen instead, so they always act on what
//!   you are looking at.
//! - `n` / `N` go to the next / previous mention of the current entity:
//!   first within the open article, then into the next / previous article
//!   of the list (in its current order) that mentions it, wrapping around
//!   the list; that article opens and the list selects it. With no current
//!   entity they adopt the one under the cursor.
//! - Any jump scrolls the mention into view, a third of the way down.

use super::action::{Action, EntityScope, Focus, Move, Overlay, Request};
use super::bodies::{BodySource, ReadBody};
use super::filtering;
use super::layout::ReaderLayout;
use super::loading;
use super::screen::{Mode, Screen};
use super::state::{App, Message, Position, Waiting};
use crate::corpus::Warning;
use crate::entities::Extractor;
use crate::index::{EntityId, EntityIndex};
use std::sync::Arc;

pub fn update(app: &mut App, action: Action) {
    if action.by_user() {
        app.message = None;
        app.touched = true;
    }
    match action {
        Action::Quit => app.should_quit = true,
        Action::List(m) => {
            let page = app.screen.list_rows();
            app.selected = moved(app.selected, app.view.len(), m, page);
            follow_list(app);
        }
        Action::Reader(m) => scroll_reader(app, m),
        Action::Entities(m) => {
            let page = app.screen.entity_rows();
            let e = &mut app.entities;
            e.selected = moved(e.selected, e.rows.len(), m, page);
            follow_entities(app);
        }
        Action::Overlay(m) => scroll_overlay(app, m),
        Action::OpenSelected => {
            if let Some(a) = app.selected_article() {
                // The open article keeps its place; another starts at the top.
                if app.open == Some(a) {
                    set_read(app, a, true);
                } else {
                    open_article(app, a);
                }
                app.focus = Focus::Reader;
            }
        }
        Action::FocusNext => app.focus = cycle(app.focus, 1),
        Action::FocusPrev => app.focus = cycle(app.focus, -1),
        Action::Focus(f) => app.focus = f,
        Action::FilterStart => {
            app.filter.editing = true;
            app.focus = Focus::List;
        }
        Action::FilterInput(c) => {
            if !c.is_control() {
                app.filter.input.push(c);
                refilter(app);
            }
        }
        Action::FilterPaste(text) => {
            // One line of query: line breaks and tabs become spaces, other
            // control characters go.
            let cleaned = text.chars().filter_map(|c| match c {
                '\n' | '\r' | '\t' => Some(' '),
                c if c.is_control() => None,
                c => Some(c),
            });
            app.filter.input.extend(cleaned);
            refilter(app);
        }
        Action::FilterBackspace => {
            app.filter.input.pop();
            refilter(app);
        }
        Action::FilterDeleteWord => {
            let s = app.filter.input.trim_end();
            // Past the whole space: a pasted no-break space is two bytes.
            let cut = s
                .char_indices()
                .rev()
                .find(|&(_, c)| c.is_whitespace())
                .map_or(0, |(i, c)| i + c.len_utf8());
            app.filter.input.truncate(cut);
            refilter(app);
        }
        Action::FilterClearInput => {
            app.filter.input.clear();
            refilter(app);
        }
        Action::FilterAccept => accept_filter(app),
        Action::FilterClear => {
            app.filter.input.clear();
            app.filter.editing = false;
            refilter(app);
        }
        Action::NextMention => step_mention(app, true),
        Action::PrevMention => step_mention(app, false),
        Action::NextOfEntity => step_entity(app, true),
        Action::PrevOfEntity => step_entity(app, false),
        Action::FollowCursor => follow_cursor(app),
        Action::ActivateEntity => activate_entity(app),
        Action::FilterByEntity => filter_by_entity(app),
        Action::ToggleEntityScope => {
            app.entities.scope = match app.entities.scope {
                EntityScope::Article => EntityScope::Listed,
                EntityScope::Listed => EntityScope::Article,
            };
            refresh_entities(app, true);
        }
        Action::ToggleRead => toggle_read(app),
        Action::SaveFailed(w) => {
            warn(app, format!("{}: {}", w.path.display(), w.message));
            app.warnings.push(w);
        }
        Action::ShowHelp => open_overlay(app, Overlay::Help),
        Action::ShowWarnings => open_overlay(app, Overlay::Warnings),
        Action::CloseOverlay => app.overlay = None,
        Action::Resize(w, h) => resize(app, w, h),
        Action::Click(x, y) => click(app, x, y),
        Action::Wheel(x, y, rows) => wheel(app, x, y, rows),
        Action::BodyRead { article, result } => body_read(app, article, result),
        Action::LayoutReady(layout) => layout_ready(app, *layout),
        Action::Loaded(batch) => loading::loaded(app, batch),
        Action::Extracted(batch) => loading::extracted(app, batch),
        Action::LoadWarnings(w) => loading::warnings(app, w),
        Action::LoadProgress(p) => loading::progress(app, p),
        Action::LoadFinished(p) => loading::finished(app, p),
        Action::Tick => filtering::rank(app, Some(filtering::RANK_SLICE)),
        Action::TextScanned {
            generation,
            checked,
            found,
        } => filtering::text_scanned(app, generation, checked, found),
    }
    sync_position(app);
}

/// Carries out every queued request on this thread, feeding the answers
/// back, until none is left: what tests and benchmarks do instead of the
/// event loop (which runs the slow ones on worker threads).
pub fn serve_here(app: &mut App) {
    loop {
        let requests = app.take_requests();
        if requests.is_empty() {
            return;
        }
        for r in requests {
            let mut answers = Vec::new();
            r.run(|a| answers.push(a));
            for a in answers {
                update(app, a);
            }
        }
    }
}

fn note(app: &mut App, text: impl Into<String>) {
    app.message = Some(Message {
        text: text.into(),
        error: false,
    });
}

fn warn(app: &mut App, text: impl Into<String>) {
    app.message = Some(Message {
        text: text.into(),
        error: true,
    });
}

/// `cur` moved by `m` in a list of `len` rows shown `page` at a time.
fn moved(cur: usize, len: usize, m: Move, page: usize) -> usize {
    let last = len.saturating_sub(1);
    match m {
        Move::By(d) => cur.saturating_add_signed(d).min(last),
        Move::Pages(p) => cur
            .saturating_add_signed(p.saturating_mul(page.max(1) as isize))
            .min(last),
        Move::First => 0,
        Move::Last => last,
    }
}

/// An offset that keeps `selected` among `rows` visible rows.
fn follow(offset: usize, selected: usize, rows: usize) -> usize {
    if rows == 0 || selected < offset {
        selected
    } else if selected >= offset + rows {
        selected + 1 - rows
    } else {
        offset
    }
}

pub(super) fn follow_list(app: &mut App) {
    app.selected = app.selected.min(app.view.len().saturating_sub(1));
    let rows = app.screen.list_rows();
    app.list_offset = follow(app.list_offset, app.selected, rows);
    // No empty rows under the last article when it could be avoided.
    app.list_offset = app
        .list_offset
        .min(app.view.len().saturating_sub(rows.max(1)));
}

fn follow_entities(app: &mut App) {
    let rows = app.screen.entity_rows();
    let e = &mut app.entities;
    e.selected = e.selected.min(e.rows.len().saturating_sub(1));
    e.offset = follow(e.offset, e.selected, rows).min(e.rows.len().saturating_sub(rows.max(1)));
}

fn cycle(focus: Focus, step: isize) -> Focus {
    const ORDER: [Focus; 3] = [Focus::List, Focus::Reader, Focus::Entities];
    let i = ORDER.iter().position(|f| *f == focus).unwrap_or(0) as isize;
    ORDER[(i + step).rem_euclid(ORDER.len() as isize) as usize]
}

fn max_scroll(app: &App) -> usize {
    let rows = app.reader_rows();
    app.reader
        .layout
        .as_ref()
        .map_or(0, |l| l.len().saturating_sub(rows.max(1)))
}

fn scroll_reader(app: &mut App, m: Move) {
    let page = app.reader_rows().saturating_sub(2).max(1);
    let max = max_scroll(app);
    let s = app.reader.scroll;
    app.reader.scroll = match m {
        Move::By(d) => s.saturating_add_signed(d),
        Move::Pages(p) => s.saturating_add_signed(p.saturating_mul(page as isize)),
        Move::First => 0,
        Move::Last => max,
    }
    .min(max);
}

fn scroll_overlay(app: &mut App, m: Move) {
    let rows = app.overlay_rows();
    let visible = app
        .overlay_rect()
        .map_or(1, |r| usize::from(r.inner().height).max(1));
    let max = match app.overlay {
        // Warnings scroll one warning at a time and may wrap.
        Some(Overlay::Warnings) => app.warnings.len().saturating_sub(1),
        _ => rows.saturating_sub(visible),
    };
    app.overlay_scroll = moved(app.overlay_scroll, max + 1, m, visible).min(max);
}

fn open_overlay(app: &mut App, o: Overlay) {
    app.overlay = Some(o);
    app.overlay_scroll = 0;
}

/// Opens article `a` in the reader at the user's word: marks it read and
/// shows it.
pub(super) fn open_article(app: &mut App, a: usize) {
    set_read(app, a, true);
    show_article(app, a);
}

/// Marks article `a` read or unread, here and in the marks kept for the
/// next run.
fn set_read(app: &mut App, a: usize, read: bool) {
    if app.read[a] != read {
        app.read[a] = read;
        if read {
            app.unread -= 1;
        } else {
            app.unread += 1;
        }
    }
    if let Some(key) = app.bodies.fingerprint(a) {
        app.marks.set(key, read);
    }
    // The list stays as it is (an article opened from `is:unread` does not
    // vanish under the cursor), but the next keystroke judges every
    // article again: the last matches no longer bound what can match.
    if app
        .filter
        .applied
        .as_ref()
        .is_some_and(|p| p.has_read_term())
    {
        app.filter.candidates = filtering::Bits::all(app.articles.len());
    }
}

/// `u`: the selected article becomes unread, or read.
fn toggle_read(app: &mut App) {
    if let Some(a) = app.selected_article() {
        let read = !app.read[a];
        set_read(app, a, read);
        app.message = Some(Message {
            text: if read { "marked read" } else { "marked unread" }.into(),
            error: false,
        });
    }
}

/// Shows article `a` in the reader without marking it read (the article
/// a start or a load opens on): lays it out, resets the scroll and the
/// mention cursor. The current entity stays.
pub(super) fn show_article(app: &mut App, a: usize) {
    app.open = Some(a);
    app.reader.scroll = 0;
    app.reader.cursor = None;
    if !app.index.is_extracted(a)
        && let Some(key) = app.origin[a]
    {
        app.requests.push(Request::Prioritize(key.file));
    }
    relayout(app);
    if app.entities.scope == EntityScope::Article {
        refresh_entities(app, true);
    }
}

/// Bodies up to this size are laid out at once; bigger ones on a worker,
/// so a 100 MB report never stalls a keystroke.
const SYNC_LAYOUT_BYTES: usize = 512 * 1024;

/// Wraps the open article to the reader's width, unless already done.
/// Nothing is wrapped while the screen is too small to show it (nor before
/// the first resize): a layout one cell wide would be long for nothing.
/// A body not in memory is asked for first.
fn relayout(app: &mut App) {
    let Some(a) = app.open else {
        app.reader.layout = None;
        app.reader.waiting = None;
        return;
    };
    let width = app.screen.reader_text().width;
    let have = app.reader.layout.as_ref().filter(|l| l.article == a);
    if app.screen.mode == Mode::TooSmall || width == 0 {
        if have.is_none() {
            app.reader.layout = None;
        }
        return;
    }
    if have.is_some_and(|l| l.width == width) {
        return;
    }
    let body = have.map(|l| l.body.clone()).or_else(|| app.bodies.get(a));
    match body {
        Some(body) => lay_out(app, a, body, width),
        None => {
            if app.reader.waiting == Some(Waiting::Body(a)) {
                return;
            }
            if let Some(BodySource::File { index, len, hash }) = app.bodies.source(a).cloned() {
                app.reader.waiting = Some(Waiting::Body(a));
                app.requests.push(Request::ReadBody {
                    article: a,
                    path: app.articles[a].path.clone(),
                    index,
                    len,
                    hash,
                });
            }
        }
    }
}

fn lay_out(app: &mut App, a: usize, body: Arc<str>, width: u16) {
    if body.len() <= SYNC_LAYOUT_BYTES {
        app.reader.layout = Some(ReaderLayout::new(a, &app.articles[a], body, width));
        app.reader.waiting = None;
    } else {
        app.reader.waiting = Some(Waiting::Layout(a));
        app.requests.push(Request::Layout {
            article: a,
            meta: app.articles[a].clone(),
            body,
            width,
        });
    }
}

fn body_read(app: &mut App, a: usize, result: Result<ReadBody, String>) {
    if app.reader.waiting == Some(Waiting::Body(a)) {
        app.reader.waiting = None;
    }
    match result {
        Ok(read) => {
            if read.changed {
                // The file is not what its entities were found in: find
                // them again, so every mention points at the right text.
                let date = app.articles[a].date;
                let never = std::sync::atomic::AtomicBool::new(false);
                let found = Extractor::new()
                    .extract_contained(&read.body, date, &never)
                    .map(Option::unwrap_or_default)
                    .unwrap_or_else(|text| {
                        let path = app.articles[a].path.clone();
                        app.warnings.push(Warning::new(path, text));
                        Default::default()
                    });
                app.index.add_article(a, found);
                app.columns
                    .set_entities(a, &distinct_entities(&app.index, a));
                app.bodies.replace(a, &read.body);
                if app.read[a] {
                    // Read as it is now, too.
                    set_read(app, a, true);
                }
                let path = app.articles[a].path.clone();
                app.warnings.push(Warning::new(
                    path,
                    "changed on disk since it was read; shown and extracted again",
                ));
            }
            app.bodies.remember(a, read.body.clone());
            if app.open == Some(a) {
                let width = app.screen.reader_text().width;
                if width > 0 && app.screen.mode != Mode::TooSmall {
                    lay_out(app, a, read.body, width);
                }
                if app.entities.scope == EntityScope::Article {
                    refresh_entities(app, false);
                }
            }
        }
        Err(why) => {
            let path = app.articles[a].path.clone();
            if app.open == Some(a) {
                warn(app, format!("cannot show {}: {why}", path.display()));
            }
            app.warnings
                .push(Warning::new(path, format!("cannot show it: {why}")));
        }
    }
}

fn layout_ready(app: &mut App, layout: ReaderLayout) {
    let a = layout.article;
    if app.reader.waiting == Some(Waiting::Layout(a)) {
        app.reader.waiting = None;
    }
    if app.open != Some(a) {
        return;
    }
    let width = app.screen.reader_text().width;
    let fits = layout.width == width;
    app.reader.layout = Some(layout);
    app.reader.scroll = app.reader.scroll.min(max_scroll(app));
    if !fits {
        // The terminal changed while it was being laid out.
        relayout(app);
    }
}

/// The distinct entities an article mentions, sorted by id.
pub(super) fn distinct_entities(index: &EntityIndex, a: usize) -> Vec<EntityId> {
    let mut v: Vec<EntityId> = index.mentions(a).iter().map(|m| m.entity).collect();
    v.sort_unstable();
    v.dedup();
    v
}

fn resize(app: &mut App, w: u16, h: u16) {
    // Keep the paragraph at the top of the reader where it was.
    let anchor = app.reader.layout.as_ref().and_then(|l| {
        l.lines
            .get(app.reader.scroll..)?
            .iter()
            .find(|line| line.is_body())
            .filter(|_| app.reader.scroll >= l.body_start)
            .map(|line| line.start as usize)
    });
    app.screen = Screen::new(w, h);
    relayout(app);
    if let (Some(off), Some(l)) = (anchor, &app.reader.layout) {
        app.reader.scroll = l.row_of(off).unwrap_or(0);
    }
    app.reader.scroll = app.reader.scroll.min(max_scroll(app));
    follow_list(app);
    follow_entities(app);
    app.overlay_scroll = app.overlay_scroll.min(app.overlay_rows().saturating_sub(1));
}

pub(super) fn refilter(app: &mut App) {
    filtering::refilter(app);
}

fn accept_filter(app: &mut App) {
    if let Some(e) = &app.filter.error {
        let e = e.clone();
        warn(app, e);
        return;
    }
    app.filter.editing = false;
    if app.filter.input.trim().is_empty() {
        app.filter.input.clear();
        return;
    }
    let best = app
        .filter
        .applied
        .as_ref()
        .and_then(|f| f.best_entity(app.filter.matcher.skim(), &app.index));
    if let Some(e) = best {
        app.current = Some(e);
        let name = app.index.entity(e).name.clone();
        note(app, format!("following {name}: n / N jump to its mentions"));
    }
}

/// Recomputes the entity pane's rows for its scope.
pub(super) fn refresh_entities(app: &mut App, reset_selection: bool) {
    let rows = match app.entities.scope {
        EntityScope::Article => app
            .open
            .map(|a| app.index.article_entities(a))
            .unwrap_or_default(),
        EntityScope::Listed => {
            let mut counts = vec![0u32; app.index.entities().len()];
            for &a in &app.view {
                for m in app.index.mentions(a) {
                    counts[m.entity as usize] += 1;
                }
            }
            let mut rows: Vec<(EntityId, u32)> = counts
                .into_iter()
                .enumerate()
                .filter(|(_, n)| *n > 0)
                .map(|(e, n)| (e as EntityId, n))
                .collect();
            rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            rows
        }
    };
    app.entities.rows = rows;
    if reset_selection {
        app.entities.selected = 0;
        app.entities.offset = 0;
    }
    follow_entities(app);
}

/// Puts the mention cursor on mention `i` of the open article and scrolls
/// it into view.
fn set_cursor(app: &mut App, i: usize) {
    app.reader.cursor = Some(i);
    let Some(m) = app.open_mentions().get(i).copied() else {
        return;
    };
    let Some(a) = app.open else { return };
    let Some(row) = app
        .reader
        .layout
        .as_ref()
        .filter(|l| l.article == a)
        .and_then(|l| l.locate(m.start as usize))
        .map(|(row, _)| row)
    else {
        return;
    };
    let rows = app.reader_rows().max(1);
    let s = app.reader.scroll;
    if row < s || row >= s + rows {
        app.reader.scroll = row.saturating_sub(rows / 3).min(max_scroll(app));
    }
}

/// Body offsets of the first and last visible body rows.
fn viewport(app: &App) -> Option<(usize, usize)> {
    let l = app.reader.layout.as_ref()?;
    let rows = app.reader_rows().max(1);
    let top = app.reader.scroll.max(l.body_start);
    let bottom = (app.reader.scroll + rows).min(l.len());
    let visible = l.lines.get(top..bottom)?;
    let first = visible.iter().find(|x| x.is_body())?;
    let last = visible.iter().rev().find(|x| x.is_body())?;
    Some((first.start as usize, last.end as usize))
}

/// Whether the cursor's mention is on screen.
fn cursor_visible(app: &App) -> bool {
    let (Some(m), Some((top, bottom))) = (app.cursor_mention(), viewport(app)) else {
        return false;
    };
    (top..bottom.max(top + 1)).contains(&(m.start as usize))
}

/// Where a forward (backward) search starts: just after (before) the
/// cursor when it is on screen, else at the top (bottom) of the screen.
/// Returns the index of the first mention to consider going forward, or
/// one past the last to consider going backward.
fn search_from(app: &App, forward: bool) -> usize {
    let ms = app.open_mentions();
    if cursor_visible(app) {
        let c = app.reader.cursor.unwrap_or(0);
        return if forward { c + 1 } else { c };
    }
    match viewport(app) {
        Some((top, _)) if forward => ms.partition_point(|m| (m.start as usize) < top),
        Some((_, bottom)) => ms.partition_point(|m| (m.start as usize) < bottom),
        None if forward => 0,
        None => ms.len(),
    }
}

fn step_mention(app: &mut App, forward: bool) {
    let n = app.open_mentions().len();
    if n == 0 {
        note(app, "no entity mentions in this article");
        return;
    }
    let from = search_from(app, forward);
    let i = if forward {
        if from >= n {
            note(app, "wrapped to the first mention");
            0
        } else {
            from
        }
    } else if from == 0 {
        note(app, "wrapped to the last mention");
        n - 1
    } else {
        from - 1
    };
    set_cursor(app, i);
}

fn step_entity(app: &mut App, forward: bool) {
    if app.current.is_none() {
        app.current = app.cursor_mention().map(|m| m.entity);
    }
    let Some(e) = app.current else {
        warn(
            app,
            "no current entity: Enter on one in the entity pane, or * on a mention",
        );
        return;
    };
    // Within the open article.
    let ms = app.open_mentions();
    let from = search_from(app, forward);
    let here = if forward {
        (from..ms.len()).find(|&i| ms[i].entity == e)
    } else {
        (0..from.min(ms.len())).rev().find(|&i| ms[i].entity == e)
    };
    if let Some(i) = here {
        set_cursor(app, i);
        return;
    }
    // Into the next (previous) listed article that mentions it.
    let posting = app.index.articles_mentioning(e);
    let mentions = |a: usize| posting.binary_search(&(a as u32)).is_ok();
    let len = app.view.len();
    let at = app.open.and_then(|o| app.view.iter().position(|&a| a == o));
    let found = (len > 0)
        .then(|| {
            (1..=len).find_map(|k| {
                let idx = match (at, forward) {
                    (Some(p), true) => (p + k) % len,
                    (Some(p), false) => (p + len * 2 - k) % len,
                    // Not listed: start at the selection itself.
                    (None, true) => (app.selected + k - 1) % len,
                    (None, false) => (app.selected + len * 2 + 1 - k) % len,
                };
                mentions(app.view[idx]).then_some((idx, k))
            })
        })
        .flatten();
    let name = app.index.entity(e).name.clone();
    match found {
        Some((idx, _)) => {
            let a = app.view[idx];
            let wrapped = match at {
                Some(p) => (forward && idx <= p) || (!forward && idx >= p),
                None => false,
            };
            app.selected = idx;
            follow_list(app);
            open_article(app, a);
            let ms = app.index.mentions(a);
            let i = if forward {
                ms.iter().position(|m| m.entity == e)
            } else {
                ms.iter().rposition(|m| m.entity == e)
            };
            if let Some(i) = i {
                set_cursor(app, i);
            }
            if wrapped {
                note(
                    app,
                    if forward {
                        format!("wrapped to the first listed article with {name}")
                    } else {
                        format!("wrapped to the last listed article with {name}")
                    },
                );
            }
        }
        None => {
            // Not in any listed article: wrap within the open one, if it can.
            let ms = app.open_mentions();
            let i = if forward {
                ms.iter().position(|m| m.entity == e)
            } else {
                ms.iter().rposition(|m| m.entity == e)
            };
            match i {
                Some(i) => {
                    set_cursor(app, i);
                    note(app, format!("wrapped: no listed article mentions {name}"));
                }
                None => warn(app, format!("no listed article mentions {name}")),
            }
        }
    }
}

fn follow_cursor(app: &mut App) {
    if !cursor_visible(app) {
        let from = search_from(app, true);
        if from < app.open_mentions().len() {
            set_cursor(app, from);
        }
    }
    match app.cursor_mention() {
        Some(m) => {
            app.current = Some(m.entity);
            let name = app.index.entity(m.entity).name.clone();
            note(app, format!("following {name}: n / N jump to its mentions"));
        }
        None => warn(app, "no mention on screen: ] moves the cursor to one"),
    }
}

fn selected_entity(app: &App) -> Option<EntityId> {
    app.entities
        .rows
        .get(app.entities.selected)
        .map(|(e, _)| *e)
}

fn activate_entity(app: &mut App) {
    let Some(e) = selected_entity(app) else {
        return;
    };
    app.current = Some(e);
    if let Some(i) = app.open_mentions().iter().position(|m| m.entity == e) {
        set_cursor(app, i);
        return;
    }
    let posting = app.index.articles_mentioning(e);
    let idx = app
        .view
        .iter()
        .position(|&a| posting.binary_search(&(a as u32)).is_ok());
    match idx {
        Some(idx) => {
            app.selected = idx;
            follow_list(app);
            let a = app.view[idx];
            open_article(app, a);
            if let Some(i) = app.open_mentions().iter().position(|m| m.entity == e) {
                set_cursor(app, i);
            }
        }
        None => {
            let name = app.index.entity(e).name.clone();
            warn(app, format!("no listed article mentions {name}"));
        }
    }
}

fn filter_by_entity(app: &mut App) {
    let Some(e) = selected_entity(app) else {
        return;
    };
    app.current = Some(e);
    app.filter.input = format!("entity:{}", app.index.entity(e).id);
    app.filter.editing = false;
    refilter(app);
    app.focus = Focus::List;
    let name = app.index.entity(e).name.clone();
    let n = app.view.len();
    note(
        app,
        format!(
            "{n} article{} mention {name} (Esc clears)",
            if n == 1 { "" } else { "s" }
        ),
    );
}

fn click(app: &mut App, x: u16, y: u16) {
    if let Some(r) = app.overlay_rect() {
        if !r.contains(x, y) {
            app.overlay = None;
        }
        return;
    }
    let Some(pane) = app.screen.pane_at(x, y, app.focus) else {
        return;
    };
    app.focus = pane;
    let inner = app.screen.pane(pane).inner();
    if !inner.contains(x, y) {
        return;
    }
    let row = usize::from(y - inner.y);
    match pane {
        Focus::List => {
            let i = app.list_offset + row;
            if i < app.view.len() {
                if i == app.selected {
                    update(app, Action::OpenSelected);
                } else {
                    app.selected = i;
                    follow_list(app);
                }
            }
        }
        Focus::Entities => {
            let i = app.entities.offset + row;
            if i < app.entities.rows.len() {
                if i == app.entities.selected {
                    activate_entity(app);
                } else {
                    app.entities.selected = i;
                }
            }
        }
        Focus::Reader => {
            let text = app.screen.reader_text();
            let (Some(a), Some(l)) = (app.open, &app.reader.layout) else {
                return;
            };
            if !text.contains(x, y) {
                return;
            }
            let row = app.reader.scroll + usize::from(y - text.y);
            let col = usize::from(x - text.x);
            if l.article != a {
                return;
            }
            let Some(off) = l.offset_at(row, col) else {
                return;
            };
            let ms = app.index.mentions(a);
            let i = ms.partition_point(|m| (m.end as usize) <= off);
            if ms.get(i).is_some_and(|m| (m.start as usize) <= off) {
                app.reader.cursor = Some(i);
            }
        }
    }
}

fn wheel(app: &mut App, x: u16, y: u16, rows: isize) {
    if app.overlay.is_some() {
        scroll_overlay(app, Move::By(rows));
        return;
    }
    match app.screen.pane_at(x, y, app.focus) {
        Some(Focus::List) => update(app, Action::List(Move::By(rows))),
        Some(Focus::Entities) => update(app, Action::Entities(Move::By(rows))),
        Some(Focus::Reader) => scroll_reader(app, Move::By(rows)),
        None => {}
    }
}

/// Recomputes [`App::position`] when what it depends on changed: the
/// mention part when the cursor moves (a walk over the open article's
/// mentions), the article part when the list or the open article changes
/// (a walk over the list). Never per frame.
fn sync_position(app: &mut App) {
    let Some(e) = app.current else {
        app.position = None;
        app.position_keys = (None, None);
        return;
    };
    let mut p = app.position.filter(|p| p.entity == e).unwrap_or(Position {
        entity: e,
        ..Position::default()
    });
    let mention_key = (e, app.open, app.reader.cursor);
    if app.position_keys.0 != Some(mention_key) {
        let ms = app.open_mentions();
        p.in_article = ms.iter().filter(|m| m.entity == e).count();
        p.index = app.reader.cursor.and_then(|c| {
            (ms.get(c)?.entity == e).then(|| ms[..=c].iter().filter(|m| m.entity == e).count())
        });
        app.position_keys.0 = Some(mention_key);
    }
    let article_key = (e, app.open, app.view_generation);
    if app.position_keys.1 != Some(article_key) {
        let posting = app.index.articles_mentioning(e);
        p.articles = 0;
        p.article = None;
        for &a in &app.view {
            if posting.binary_search(&(a as u32)).is_ok() {
                p.articles += 1;
                if Some(a) == app.open {
                    p.article = Some(p.articles);
                }
            }
        }
        app.position_keys.1 = Some(article_key);
    }
    app.position = Some(p);
}
