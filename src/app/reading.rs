//! The reading flow: from one article to the next without leaving the
//! reader (`J` `K` `.`), marking what is listed read and undoing it
//! (`M` `U`), stars (`s`), stepping through what is new in a report
//! (`}` `{`) and through the filter's hits (`;` `,`), and the effects
//! that leave lede (`o` a browser, `e` a pager, `y` the clipboard),
//! which are only queued here as [`Request`]s.

use super::action::Focus;
use super::reader::Ranges;
use super::request::Request;
use super::state::App;
use crate::base::inert::inert_lines;
use crate::corpus::blocks;

/// `}` (`forward`) and `{`.
pub(super) fn step_new(app: &mut App, forward: bool) {
    let rows = app.reader_rows();
    match app.reader.step(Ranges::NewPassages, forward, rows) {
        Some(s) if s.wrapped => app.chrome.note(if forward {
            "wrapped to the first new passage"
        } else {
            "wrapped to the last new passage"
        }),
        Some(_) => {}
        None => {
            let why = match app.reader.new_passages() {
                _ if app.reader.open().is_none() => "no article is open",
                None => "still comparing it with its story's earlier reports",
                Some(_) => "nothing new: no earlier report of its story, or all of it was told",
            };
            app.chrome.note(why);
        }
    }
}

/// `;` (`forward`) and `,`.
pub(super) fn step_hit(app: &mut App, forward: bool) {
    let rows = app.reader_rows();
    match app.reader.step(Ranges::Hits, forward, rows) {
        Some(s) if s.wrapped => app.chrome.note(if forward {
            "wrapped to the first hit"
        } else {
            "wrapped to the last hit"
        }),
        Some(_) => {}
        None if app.filter.input().trim().is_empty() => app
            .chrome
            .note("no filter: / types words or \"phrases\" to find"),
        None => app
            .chrome
            .note("the filter's words and phrases are not in this article"),
    }
}

/// Where the reading flow stands: the reports in reading order
/// ([`super::list::ListView::reading_order`]), the open report's place
/// in it if it is listed, and the place to go from when it is not (the
/// selected row's report).
struct Flow {
    order: Vec<usize>,
    open: Option<usize>,
    from: usize,
}

fn flow(app: &App) -> Option<Flow> {
    if app.list.is_empty() {
        return None;
    }
    let order = app.list.reading_order();
    let place = |a: usize| order.iter().position(|&x| x == a);
    let open = app.reader.open().and_then(place);
    let from = open
        .or_else(|| app.list.selected_article().and_then(place))
        .unwrap_or(0);
    Some(Flow { order, open, from })
}

/// Opens report `a`, the focus where it is, and selects it in the list
/// (unfolding the story it is folded into).
fn open_report(app: &mut App, a: usize) {
    let rows = app.list_rows();
    app.list.reveal(a, rows);
    if app.reader.open() == Some(a) {
        app.set_read(a, true);
    } else {
        app.open_article(a);
    }
}

/// `J` (`forward`) and `K`: the next / previous report of the list.
pub(super) fn step_article(app: &mut App, forward: bool) {
    let Some(f) = flow(app) else {
        app.chrome.note("no article is listed");
        return;
    };
    // Not listed (the filter changed): the selection itself is next.
    let next = match (f.open, forward) {
        (None, _) => Some(f.from),
        (Some(p), true) => (p + 1 < f.order.len()).then_some(p + 1),
        (Some(p), false) => p.checked_sub(1),
    };
    match next {
        Some(i) => open_report(app, f.order[i]),
        None => app.chrome.note(if forward {
            "the last listed article"
        } else {
            "the first listed article"
        }),
    }
}

/// `.`: the next unread report of the list, after the open one,
/// wrapping around.
pub(super) fn next_unread(app: &mut App) {
    let Some(f) = flow(app) else {
        app.chrome.note("no article is listed");
        return;
    };
    let n = f.order.len();
    let first = usize::from(f.open.is_some());
    let found = (first..n + first)
        .map(|k| (f.from + k) % n)
        .find(|&i| !app.library.is_read(f.order[i]));
    match found {
        Some(i) => {
            let wrapped = f.open.is_some_and(|p| i <= p);
            open_report(app, f.order[i]);
            if wrapped {
                app.chrome.note("wrapped to the first unread article");
            }
        }
        None => app.chrome.note("every listed article is read"),
    }
}

/// `M`: every listed article read (undone by `U`).
pub(super) fn mark_all_read(app: &mut App) {
    // Every report listed, folded into a story's row or not.
    let listed = app.list.reports().to_vec();
    let n = app.library.mark_all_read(&listed);
    app.filter.read_marks_changed(app.library.len());
    app.chrome.note(match n {
        0 => "every listed article was read already".to_string(),
        1 => "1 article marked read (U undoes it)".to_string(),
        n => format!("{n} articles marked read (U undoes it)"),
    });
}

/// `U`: undoes the last `M`.
pub(super) fn undo_mark_all(app: &mut App) {
    let n = app.library.undo_mark_all();
    app.filter.read_marks_changed(app.library.len());
    app.chrome.note(match n {
        0 => "nothing to undo: M marks every listed article read".to_string(),
        1 => "1 article unread again".to_string(),
        n => format!("{n} articles unread again"),
    });
}

/// The article `s`, `o`, `e` and `y` act on: the selected one while the
/// list has the focus, else the open one.
fn target(app: &App) -> Option<usize> {
    match app.chrome.focus() {
        Focus::List => app.selected_article(),
        _ => app.reader.open().or_else(|| app.selected_article()),
    }
}

/// `s`: stars the article, or unstars it.
pub(super) fn toggle_star(app: &mut App) {
    let Some(a) = target(app) else {
        app.chrome.note("no article to star");
        return;
    };
    let star = !app.library.is_starred(a);
    app.library.set_starred(a, star);
    app.filter.read_marks_changed(app.library.len());
    app.chrome.note(if star { "starred" } else { "unstarred" });
}

/// Whether lede hands `url` to a browser: http and https only (a feed's
/// `javascript:` or `file:` link is not followed), with no control
/// characters or spaces.
pub fn openable(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://"))
        && url.len() > 8
        && !url.chars().any(|c| c.is_control() || c.is_whitespace())
}

/// `o`: the article's address, to a browser.
pub(super) fn open_url(app: &mut App) {
    let Some(a) = target(app) else { return };
    match app.library.meta(a).url.clone() {
        Some(url) if openable(&url) => {
            app.chrome.note("opening its address");
            app.queue(Request::OpenUrl(url));
        }
        Some(_) => app
            .chrome
            .warn("its address is not http or https: not opened"),
        None => app
            .chrome
            .note("this article has no address (e shows its file)"),
    }
}

/// `e`: the article's file, in the pager.
pub(super) fn pager(app: &mut App) {
    let Some(a) = target(app) else { return };
    let path = app.library.meta(a).path.clone();
    app.queue(Request::Pager(path));
}

/// `y`: copies what the focus is on: in the entity pane the entity's
/// name; in the reader the paragraph under the mention cursor (else the
/// one at the top of the screen) as a quote with its source and date; in
/// the list the article's address (else its title).
pub(super) fn copy(app: &mut App) {
    let text = match app.chrome.focus() {
        Focus::Entities => app.pane.selected_entity().map(|e| {
            let name = app.library.entity(e).name.to_string();
            (name.clone(), format!("copied {name}"))
        }),
        Focus::Reader => quote(app).map(|q| (q, "copied the paragraph as a quote".to_string())),
        Focus::List => app.selected_article().map(|a| {
            let meta = app.library.meta(a);
            match &meta.url {
                Some(url) => (url.clone(), "copied its address".to_string()),
                None => (
                    meta.title.clone(),
                    "copied its title (it has no address)".into(),
                ),
            }
        }),
    };
    match text {
        Some((text, said)) => {
            app.queue(Request::Copy(inert_lines(&text)));
            app.chrome.note(said);
        }
        None => app.chrome.note("nothing to copy here"),
    }
}

/// The paragraph under the mention cursor (or at the top of the reader)
/// as a quote: `"…" — Source, 2020-01-07, https://…`.
fn quote(app: &App) -> Option<String> {
    let a = app.reader.open()?;
    let layout = app.reader.open_layout()?;
    let rows = app.reader_rows();
    let at = match app.cursor_mention() {
        Some(m) if app.reader.cursor_visible(app.open_mentions(), rows) => m.start as usize,
        _ => app.reader.anchor().unwrap_or(0),
    };
    let body = &layout.body;
    let block = blocks(body)
        .into_iter()
        .find(|b| b.start <= at && at <= b.end)?;
    let text: String = body[block.start..block.end]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let meta = app.library.meta(a);
    let mut from: Vec<String> = Vec::new();
    from.extend(meta.source.clone());
    from.extend(meta.date.map(|d| d.to_string()));
    from.extend(meta.url.clone());
    if from.is_empty() {
        from.push(meta.path.display().to_string());
    }
    Some(format!("\"{text}\"\n— {}", from.join(", ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_addresses_are_opened() {
        assert!(openable("https://example.org/a?b=c"));
        assert!(openable("HTTP://example.org"));
        assert!(!openable("javascript:alert(1)"));
        assert!(!openable("file:///etc/passwd"));
        assert!(!openable("https://"));
        assert!(!openable("https://x.org/\u{1b}[2J"));
        assert!(!openable("https://x.org/a b"));
        assert!(!openable(""));
    }
}
