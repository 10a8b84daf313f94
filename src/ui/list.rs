//! The article list: `● 2020-01-07 Title…  12e` per row, visible rows only;
//! a story folded into its row says so (`▸ Title… ×3 ●2`: three reports,
//! two unread), an unfolded one has `▾` and its other reports `└`. When
//! the articles come from more than one source and the list is wide
//! enough, a source column follows the date.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::block::{empty_note, pane_block};
use super::text::{fit, width as fit_width};
use super::theme::Theme;
use crate::app::{App, Focus};
use chrono::NaiveDate;

/// From this inner width on, dates are shown in full (`2020-01-07`);
/// from [`SHORT_DATE_WIDTH`] as month and day (`01-07`); below, not at all.
const FULL_DATE_WIDTH: u16 = 44;
const SHORT_DATE_WIDTH: u16 = 30;
/// From this inner width on, when the listed articles come from more than
/// one source, each row says its source in a column this wide.
const SOURCE_FROM_WIDTH: u16 = 56;
const SOURCE_WIDTH: usize = 12;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let focused = app.chrome.focus() == Focus::List;
    let unread = app.library.unread_count();
    let note = if unread > 0 {
        Line::from(Span::styled(format!(" {unread} unread "), theme.dim()))
    } else {
        Line::default()
    };
    let block = pane_block("Articles", note, focused, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    if app.list.is_empty() {
        let msg = if app.library.is_empty() {
            "no articles"
        } else {
            "nothing matches: Esc clears the filter"
        };
        frame.render_widget(empty_note(msg, theme), inner);
        return;
    }
    let rows = usize::from(inner.height);
    let end = (app.list.offset() + rows).min(app.list.len());
    for (row, pos) in (app.list.offset()..end).enumerate() {
        let a = app.list.view()[pos];
        let member = pos > 0 && app.list.story(app.list.view()[pos - 1]) == app.list.story(a);
        let line = row_line(app, a, member, inner.width, theme);
        let y = inner.y + row as u16;
        let r = Rect::new(inner.x, y, inner.width, 1);
        let mut p = Paragraph::new(line);
        if pos == app.list.selected() {
            p = p.style(theme.selected(focused));
        }
        frame.render_widget(p, r);
    }
}

/// One row: unread mark, date, title (matched characters highlighted),
/// entity count flush right.
fn row_line(app: &App, a: usize, member: bool, width: u16, theme: &Theme) -> Line<'static> {
    let article = app.library.meta(a);
    let mut spans = vec![if app.library.is_new(a) {
        Span::styled("✚ ", theme.unread())
    } else if app.library.is_read(a) {
        Span::raw("  ")
    } else {
        Span::styled("● ", theme.unread())
    }];
    let mut used = 2usize;
    let date = match (article.date, width) {
        (Some(d), w) if w >= FULL_DATE_WIDTH => Some(format!("{} ", theme.date(d))),
        (Some(d), w) if w >= SHORT_DATE_WIDTH => Some(d.format("%m-%d ").to_string()),
        (None, w) if w >= FULL_DATE_WIDTH => {
            // As wide as a date in the format in use.
            let sample = NaiveDate::from_ymd_opt(2020, 9, 30).unwrap_or_default();
            let wide = fit_width(&theme.date(sample));
            Some(format!("{:<wide$} ", "undated"))
        }
        (None, w) if w >= SHORT_DATE_WIDTH => Some("  –   ".to_string()),
        _ => None,
    };
    if let Some(date) = date {
        used += fit_width(&date);
        spans.push(Span::styled(date, theme.dim()));
    }
    if width >= SOURCE_FROM_WIDTH && app.library.sources_differ() {
        // Cut to its column and padded: the titles stay in line.
        let source = article.source.as_deref().unwrap_or("");
        let (cut, w) = fit(&[(source, Style::new())], SOURCE_WIDTH - 1);
        spans.extend(
            cut.into_iter()
                .map(|s| Span::styled(s.content, theme.dim())),
        );
        spans.push(Span::raw(" ".repeat(SOURCE_WIDTH - w)));
        used += SOURCE_WIDTH;
    }
    let n = app.library.entity_count(a);
    let mut count = if n > 0 {
        format!(" {n}e")
    } else {
        String::new()
    };
    // A story's row: its mark, and how many reports it has, how many
    // unread; an unfolded story's other reports hang under it.
    let reports = app.library.story_of(a).len();
    if member {
        spans.push(Span::styled("└ ", theme.dim()));
        used += 2;
    } else if reports > 1 && app.list.is_folding() {
        let open = app.list.is_open(a);
        spans.push(Span::styled(if open { "▾ " } else { "▸ " }, theme.dim()));
        used += 2;
        let unread = app.library.unread_in_story(a).count();
        let unread = if unread > 0 {
            format!(" ●{unread}")
        } else {
            String::new()
        };
        count = format!(" ×{reports}{unread}{count}");
    }
    let room = usize::from(width)
        .saturating_sub(used)
        .saturating_sub(fit_width(&count));
    let matches = app.title_matches(a);
    let pieces = title_pieces(&article.title, &matches, theme);
    let borrowed: Vec<(&str, Style)> = pieces.iter().map(|(s, st)| (s.as_str(), *st)).collect();
    let (title, w) = fit(&borrowed, room);
    spans.extend(title);
    used += w;
    let pad = usize::from(width).saturating_sub(used + fit_width(&count));
    spans.push(Span::raw(" ".repeat(pad)));
    spans.push(Span::styled(count, theme.dim()));
    Line::from(spans)
}

/// The title cut into runs of matched and unmatched characters.
fn title_pieces(title: &str, matches: &[usize], theme: &Theme) -> Vec<(String, Style)> {
    if matches.is_empty() {
        return vec![(title.to_string(), Style::new())];
    }
    let mut out: Vec<(String, Style)> = Vec::new();
    let mut m = matches.iter().peekable();
    for (i, c) in title.chars().enumerate() {
        let hit = m.peek().is_some_and(|&&j| j == i);
        if hit {
            m.next();
        }
        let style = if hit { theme.matched() } else { Style::new() };
        match out.last_mut() {
            Some((s, st)) if *st == style => s.push(c),
            _ => out.push((c.to_string(), style)),
        }
    }
    out
}
