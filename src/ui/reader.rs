//! The reader: the open article's visible lines, each grapheme cluster put
//! at the column the layout gave it, mentions in their kind's style and the
//! mention under the cursor reversed. In a report with passages new in its
//! story, a bar in the gutter marks each of their lines and the text told
//! before is dimmed; the filter's words and phrases are highlighted.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::block::{empty_note, pane_block, rect};
use super::text::{for_each_grapheme, put_grapheme};
use super::theme::Theme;
use crate::app::layout::LineKind;
use crate::app::reader::{Ranges, Waiting};
use crate::app::screen::Screen;
use crate::app::{App, Focus};

pub fn draw(frame: &mut Frame, area: Rect, screen: &Screen, app: &App, theme: &Theme) {
    let focused = app.chrome.focus() == Focus::Reader;
    let layout = app.reader.open_layout();
    let note = match layout {
        Some(l) => {
            let rows = usize::from(screen.reader_text().height).max(1);
            // As a pager says it: how far down the screen's bottom line is.
            let bottom = (app.reader.scroll() + rows).min(l.len());
            let pct = if l.len() <= rows {
                "all".to_string()
            } else if app.reader.scroll() == 0 {
                "top".to_string()
            } else if bottom == l.len() {
                "end".to_string()
            } else {
                format!("{}%", bottom * 100 / l.len())
            };
            let star = app
                .reader
                .open()
                .filter(|&a| app.library.is_starred(a))
                .map_or("", |_| " ★ starred ·");
            Line::from(Span::styled(format!("{star} {pct} "), theme.dim()))
        }
        None => Line::default(),
    };
    let mut block = pane_block("Reader", note, focused, theme);
    if let Some(m) = app.cursor_mention() {
        let e = app.library.entity(app.open_entity_of(&m));
        let label = super::text::truncate(&e.name, usize::from(area.width / 2));
        block = block.title_bottom(Line::from(vec![
            Span::raw(" "),
            Span::styled(label.into_owned(), theme.kind(e.kind)),
            Span::styled(format!(" {} ", e.kind), theme.dim()),
        ]));
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let (Some(a), Some(layout)) = (app.reader.open(), layout) else {
        let note = match app.reader.waiting() {
            Some(Waiting::Body(_)) => "reading the article…",
            Some(Waiting::Layout(_)) => "laying out a long article…",
            None => "Enter opens the selected article",
        };
        frame.render_widget(empty_note(note, theme), inner);
        return;
    };
    // The text area the layout was wrapped for, inside this pane.
    let text = rect(screen.reader_text()).intersection(inner);
    let mentions = app.library.mentions(a);
    let new = app.reader.new_passages().unwrap_or_default();
    let hits = app.reader.hits();
    let current_hit = app.reader.stepped(Ranges::Hits);
    // The padding column left of the text, when there is one.
    let gutter = (text.x > inner.x).then(|| text.x - 1);
    let buf = frame.buffer_mut();
    let right = text.x.saturating_add(text.width);
    for row in 0..text.height {
        let Some(line) = layout.lines.get(app.reader.scroll() + usize::from(row)) else {
            break;
        };
        let y = text.y + row;
        let base = match line.kind {
            LineKind::Title => theme.title(),
            LineKind::Meta => theme.dim(),
            LineKind::Blank => continue,
            LineKind::Text => theme.text(),
            LineKind::Heading => theme.heading(),
        };
        let s = layout.text(line);
        let start = line.start as usize;
        // The first mention that ends after this line starts.
        let mut k = if line.is_body() {
            mentions.partition_point(|m| (m.end as usize) <= start)
        } else {
            mentions.len()
        };
        let (mut j, mut h) = if line.is_body() {
            (
                new.partition_point(|r| r.end <= start),
                hits.partition_point(|r| r.end <= start),
            )
        } else {
            (new.len(), hits.len())
        };
        if let Some(gx) = gutter
            && new.get(j).is_some_and(|r| r.start < line.end as usize)
        {
            buf[(gx, y)].set_symbol("▌").set_style(theme.new_passage());
        }
        let mut x = text.x;
        let mut full = false;
        for_each_grapheme(s, |gs, ge, w| {
            if full {
                return;
            }
            let at = start + gs;
            while k < mentions.len() && (mentions[k].end as usize) <= at {
                k += 1;
            }
            while j < new.len() && new[j].end <= at {
                j += 1;
            }
            while h < hits.len() && hits[h].end <= at {
                h += 1;
            }
            let repeated =
                line.is_body() && !new.is_empty() && new.get(j).is_none_or(|r| r.start > at);
            let hit = hits.get(h).filter(|r| r.start <= at).map(|_| h);
            let style = match mentions.get(k) {
                Some(m) if (m.start as usize) <= at => {
                    let kind = app.library.entity(app.library.entity_of(a, m)).kind;
                    if app.reader.cursor() == Some(k) {
                        base.patch(theme.cursor(kind))
                    } else {
                        base.patch(theme.mention(kind))
                    }
                }
                _ => base.patch(Style::new()),
            };
            let style = if repeated {
                style.patch(theme.repeated())
            } else {
                style
            };
            let style = match hit {
                Some(i) => style.patch(theme.hit(current_hit == Some(i))),
                None => style,
            };
            if put_grapheme(buf, x, y, right, &s[gs..ge], w, style) {
                x += w as u16;
            } else {
                full = true;
            }
        });
    }
}
