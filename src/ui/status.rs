//! The status line: the filter (or the query being typed), where the cursor
//! stands among the current entity's mentions, a one-off message; on the
//! right the warnings, articles shown / total and the help key.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::text::{fit, inert, width};
use super::theme::Theme;
use crate::app::filtered_list::MAX_QUERY_CHARS;
use crate::app::navigation::Position;
use crate::app::reader::Ranges;
use crate::app::{App, FetchGauge, Focus};
use crate::ingest::Progress;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let compact = area.width < 80;
    // The right side in full, or in its short forms when that does not
    // leave the left side room (a feed fetch, the entities' gauge and the
    // warnings together overflow 120 columns), or not at all.
    let fits = |r: &[Span]| {
        r.iter().map(|s| width(&s.content)).sum::<usize>() + 10 <= usize::from(area.width)
    };
    let mut right = right_side(app, theme, compact);
    if !compact && !fits(&right) {
        right = right_side(app, theme, true);
    }
    if !fits(&right) {
        // No room for both: the left side wins.
        right.clear();
    }
    let right_w: usize = right.iter().map(|s| width(&s.content)).sum();
    let room = usize::from(area.width).saturating_sub(right_w + 1);

    let mut pieces: Vec<(String, Style)> = vec![(" ".into(), Style::new())];
    if app.filter.is_editing() {
        pieces.push(("/".into(), theme.key()));
        pieces.push((app.filter.input().to_string(), Style::new()));
        let cursor_x = 2 + width(&inert(app.filter.input()));
        if let Some(err) = &app.filter.error() {
            pieces.push(("  ".into(), Style::new()));
            pieces.push((err.to_string(), theme.error()));
        }
        let x = area.x + cursor_x.min(room) as u16;
        frame.set_cursor_position((x, area.y));
    } else {
        if app.filter.is_active() {
            pieces.push(("/".into(), theme.key()));
            pieces.push((app.filter.input().to_string(), Style::new()));
            if let Some(err) = &app.filter.error() {
                pieces.push(("  ".into(), Style::new()));
                pieces.push((err.to_string(), theme.error()));
            }
            pieces.push(("  ".into(), Style::new()));
        }
        if let Some(p) = app.nav.position() {
            position_pieces(app, &p, theme, &mut pieces);
            pieces.push(("  ".into(), Style::new()));
        }
        reading_pieces(app, theme, &mut pieces);
        if let Some(m) = &app.chrome.message() {
            let st = if m.error { theme.error() } else { theme.dim() };
            pieces.push((m.text.clone(), st));
        }
        if pieces.len() == 1 {
            pieces.push((hint(app.chrome.focus()).into(), theme.dim()));
        }
    }
    let borrowed: Vec<(&str, Style)> = pieces.iter().map(|(s, st)| (s.as_str(), *st)).collect();
    let (mut spans, used) = fit(&borrowed, room);
    let pad = usize::from(area.width).saturating_sub(used + right_w);
    spans.push(Span::raw(" ".repeat(pad)));
    spans.extend(right);
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The right side: the gauges, what is new, the warnings, articles shown
/// / total and the help key (while a filter is typed: how to keep it and
/// the count), `compact` in short forms.
fn right_side(app: &App, theme: &Theme, compact: bool) -> Vec<Span<'static>> {
    let mut shown = format!("{}/{}", app.list.reports().len(), app.library.count());
    // Background filtering still refining the list.
    if let Some(sc) = &app.filter.scanning() {
        let pct = (sc.checked * 100).checked_div(sc.total).unwrap_or(100);
        shown = format!("⟳ text {pct}% · {shown}");
    } else if app.filter.is_ranking() {
        shown = format!("⟳ ranking · {shown}");
    }
    let mut right: Vec<Span> = Vec::new();
    if app.filter.is_editing() {
        // The query fills the line by then: the cut is said on the right.
        if app.filter.is_full() {
            right.push(Span::styled(
                if compact {
                    format!("cut at {MAX_QUERY_CHARS}  ")
                } else {
                    format!("the filter is cut at {MAX_QUERY_CHARS} characters  ")
                },
                theme.error(),
            ));
        }
        right.push(Span::styled(
            if compact {
                "↵ keep  Esc drop  "
            } else {
                "Enter keeps · Esc drops  "
            },
            theme.dim(),
        ));
        right.push(Span::raw(shown));
    } else {
        if let Some(g) = app.library.fetch().filter(|g| !g.over) {
            right.push(Span::styled(
                format!("{}  ", fetch_gauge(g, compact)),
                theme.key(),
            ));
        }
        if let Some(p) = &app.library.progress() {
            right.push(Span::styled(
                format!("{}  ", gauge(p, compact)),
                theme.key(),
            ));
        }
        let new = app.library.new_count();
        if new > 0 {
            right.push(Span::styled(format!("✚ {new} new  "), theme.unread()));
        }
        let n = app.library.warnings().len();
        if n > 0 {
            let w = if compact {
                format!("⚠ {n} w  ")
            } else {
                format!("⚠ {n} warning{} (w)  ", if n == 1 { "" } else { "s" })
            };
            right.push(Span::styled(w, theme.error()));
        }
        right.push(Span::raw(if compact {
            shown
        } else {
            format!("{shown} articles")
        }));
        right.push(Span::styled(
            if compact { "  ?" } else { "  ? help" },
            theme.key(),
        ));
    }
    right.push(Span::raw(" "));
    right
}

/// What the focused pane's main keys are, when there is nothing else to say.
fn hint(focus: Focus) -> &'static str {
    match focus {
        Focus::List => "j k move · Enter open · / filter · Tab next pane",
        Focus::Reader => "Space b page · ] [ mentions · * follow · n N next mention",
        Focus::Entities => "j k · Enter jump · f its articles · / find · p o l m d kinds",
    }
}

/// `Khalifa Haftar 3/12 · article 2/2`.
fn position_pieces(app: &App, p: &Position, theme: &Theme, out: &mut Vec<(String, Style)>) {
    let e = app.library.entity(p.entity);
    out.push((e.name.to_string(), theme.kind(e.kind)));
    let here = match (p.index, p.in_article) {
        (Some(i), n) => format!(" {i}/{n}"),
        (None, 0) => " not here".to_string(),
        (None, n) => format!(" –/{n}"),
    };
    let article = match p.article {
        Some(r) => format!(" · article {r}/{}", p.articles),
        None => format!(" · article –/{}", p.articles),
    };
    out.push((here + &article, Style::new()));
}

/// What is new in the open report (`4 new passages`, or `new passage
/// 2/4` once `}` went to one) and the filter's hits in it (`5 hits`, or
/// `hit 2/5`).
fn reading_pieces(app: &App, theme: &Theme, out: &mut Vec<(String, Style)>) {
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    let new = app.reader.new_passages().map_or(0, <[_]>::len);
    if new > 0 {
        let said = match app.reader.stepped(Ranges::NewPassages) {
            Some(i) => format!("new passage {}/{new}", i + 1),
            None => format!("{new} new passage{}", plural(new)),
        };
        out.push((said, theme.new_passage()));
        out.push(("  ".into(), Style::new()));
    }
    let hits = app.reader.hits().len();
    if hits > 0 {
        let said = match app.reader.stepped(Ranges::Hits) {
            Some(i) => format!("hit {}/{hits}", i + 1),
            None => format!("{hits} hit{}", plural(hits)),
        };
        out.push((said, theme.matched()));
        out.push(("  ".into(), Style::new()));
    }
}

/// The loading gauge: files and megabytes while the list fills in, then
/// entities with the time left.
pub fn gauge(p: &Progress, compact: bool) -> String {
    let mb = |b: u64| b.div_ceil(1_000_000);
    if !p.walk_done || p.files_listed < p.files_found {
        let found = if p.walk_done { "" } else { "+" };
        return if compact {
            format!("⟳ {} files", group(p.files_listed))
        } else {
            format!(
                "⟳ {}/{}{found} files · {}/{}{found} MB",
                group(p.files_listed),
                group(p.files_found),
                mb(p.bytes_listed),
                mb(p.bytes_found),
            )
        };
    }
    let pct = (p.extracted * 100).checked_div(p.articles).unwrap_or(100);
    let eta = match p.eta_secs() {
        Some(s) if s >= 60 => format!(" · {}m{:02}s left", s / 60, s % 60),
        Some(s) => format!(" · {s}s left"),
        None => String::new(),
    };
    if compact {
        format!("⟳ {pct}%{eta}")
    } else {
        format!(
            "⟳ entities {pct}% ({}/{} articles · {} mentions){eta}",
            group(p.extracted),
            group(p.articles),
            group(p.mentions)
        )
    }
}

/// The feeds' fetch: `⟳ feeds 3/12 · 40 new · 1 failed`.
pub fn fetch_gauge(g: &FetchGauge, compact: bool) -> String {
    if compact {
        return format!("⟳ feeds {}/{}", g.done, g.total);
    }
    let failed = if g.failed > 0 {
        format!(" · {} failed", g.failed)
    } else {
        String::new()
    };
    format!(
        "⟳ feeds {}/{} · {} new{failed}",
        g.done,
        g.total,
        group(g.new_items as u64)
    )
}

/// `1234567` -> `1,234,567`.
fn group(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod gauge_tests {
    use super::*;

    #[test]
    fn listing_then_extracting() {
        let mut p = Progress {
            files_found: 100_000,
            files_listed: 45_210,
            bytes_found: 470_000_000,
            bytes_listed: 212_000_000,
            walk_done: true,
            ..Progress::default()
        };
        assert_eq!(gauge(&p, false), "⟳ 45,210/100,000 files · 212/470 MB");
        p.files_listed = 100_000;
        p.articles = 100_000;
        p.extracted = 30_000;
        p.mentions = 1_234_567;
        p.bytes_to_extract = 330_000_000;
        p.extract_bytes_per_sec = 5_000_000;
        assert_eq!(
            gauge(&p, false),
            "⟳ entities 30% (30,000/100,000 articles · 1,234,567 mentions) · 1m06s left"
        );
        assert_eq!(gauge(&p, true), "⟳ 30% · 1m06s left");
    }

    #[test]
    fn fetching_feeds() {
        let mut g = FetchGauge {
            done: 3,
            total: 12,
            new_items: 1_240,
            ..FetchGauge::default()
        };
        assert_eq!(fetch_gauge(&g, false), "⟳ feeds 3/12 · 1,240 new");
        g.failed = 1;
        assert_eq!(
            fetch_gauge(&g, false),
            "⟳ feeds 3/12 · 1,240 new · 1 failed"
        );
        assert_eq!(fetch_gauge(&g, true), "⟳ feeds 3/12");
    }
}
