//! Each view drawn on ratatui's TestBackend and snapshotted with insta. The
//! snapshots are the buffer's Debug form: the text, then every change of
//! style (so the entity highlighting is in the snapshot), and a few cells
//! are also checked one by one.

mod common;

use common::{apply, type_query};
use lede::app::{Action, App, Focus, update};
use lede::ui::{self, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

fn render(app: &App, theme: Theme) -> Buffer {
    let (w, h) = (app.chrome.screen().width, app.chrome.screen().height);
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| ui::draw(f, app, &theme)).unwrap();
    t.backend().buffer().clone()
}

/// The buffer's text, one line per row, trailing spaces trimmed.
fn text(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut line = String::new();
        let mut skip = 0;
        for x in 0..buf.area.width {
            let cell = &buf[(x, y)];
            if skip > 0 {
                skip -= 1;
                continue;
            }
            line.push_str(cell.symbol());
            skip = lede::app::text::width(cell.symbol()).saturating_sub(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// Where `needle` starts on screen, searching rows `y0..` top to bottom
/// within columns `x0..`.
fn find(buf: &Buffer, needle: &str, (x0, y0): (u16, u16)) -> Option<(u16, u16)> {
    for y in y0..buf.area.height {
        let row: Vec<&str> = (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect();
        let n: Vec<String> = needle.chars().map(String::from).collect();
        for x in usize::from(x0)..row.len().saturating_sub(n.len() - 1) {
            if (0..n.len()).all(|i| row[x + i] == n[i]) {
                return Some((x as u16, y));
            }
        }
    }
    None
}

fn assert_styled(buf: &Buffer, at: (u16, u16), len: u16, fg: Option<Color>, m: Modifier) {
    for dx in 0..len {
        let c = &buf[(at.0 + dx, at.1)];
        if let Some(fg) = fg {
            assert_eq!(c.fg, fg, "cell {:?} {:?}", (at.0 + dx, at.1), c.symbol());
        }
        assert!(
            c.modifier.contains(m),
            "cell {:?} {:?} lacks {m:?}: {:?}",
            (at.0 + dx, at.1),
            c.symbol(),
            c.modifier
        );
    }
}

/// The reader on the first article, the cursor on the second mention of
/// Khalifa Haftar, who is the current entity. The list is two fifths of
/// the window (the config's `width = "40%"`), as these views were drawn
/// before the default became half: what they check is the reader's
/// drawing, at the same wrapping.
fn reading(w: u16, h: u16) -> App {
    let mut a = common::app(w, h);
    at_two_fifths(&mut a);
    apply(
        &mut a,
        [
            Action::NextMention,
            Action::NextMention,
            Action::FollowCursor,
            Action::NextOfEntity,
            Action::Focus(Focus::Reader),
        ],
    );
    a
}

#[test]
fn main_view_120x40() {
    let a = reading(120, 40);
    let buf = render(&a, Theme::default());
    insta::assert_snapshot!("main_120x40", format!("{buf:?}"));
    let reader_x = body_origin(&a);
    // Every entity kind in its colour and modifier.
    let kh = find(&buf, "Khalifa Haftar", reader_x).unwrap();
    assert_styled(&buf, kh, 14, Some(Color::Cyan), Modifier::BOLD);
    let lna = find(&buf, "Libyan National Army", reader_x).unwrap();
    assert_styled(&buf, lna, 20, Some(Color::Magenta), Modifier::UNDERLINED);
    let sirte = find(&buf, "Sirte", reader_x).unwrap();
    assert_styled(&buf, sirte, 5, Some(Color::Green), Modifier::ITALIC);
    let turkish = find(&buf, "Turkish", reader_x).unwrap();
    assert_styled(
        &buf,
        turkish,
        7,
        Some(Color::Yellow),
        Modifier::ITALIC | Modifier::UNDERLINED,
    );
    let monday = find(&buf, "Monday", reader_x).unwrap();
    assert_styled(
        &buf,
        monday,
        6,
        Some(Color::LightBlue),
        Modifier::BOLD | Modifier::UNDERLINED,
    );
    // The heading is bold, and "Turkish" in it is also a mention.
    assert!(
        buf[(turkish.0 + 8, turkish.1)]
            .modifier
            .contains(Modifier::BOLD)
    );
    // The current mention (the second "Haftar") is reversed, the first not.
    let first = find(&buf, "Haftar,", (kh.0 + 8, kh.1)).unwrap();
    assert!(!buf[first].modifier.contains(Modifier::REVERSED));
    let cursor = a.cursor_mention().unwrap();
    let (row, col) = a
        .reader
        .layout()
        .unwrap()
        .locate(cursor.start as usize)
        .unwrap();
    let t = a.chrome.screen().reader_text();
    let at = (t.x + col as u16, t.y + (row - a.reader.scroll()) as u16);
    assert_eq!(text_at(&buf, at, 6), "Haftar");
    assert_styled(
        &buf,
        at,
        6,
        Some(Color::Cyan),
        Modifier::BOLD | Modifier::REVERSED,
    );
    // The status line tells where we are.
    let status = text(&buf).lines().last().unwrap().to_string();
    assert!(
        status.contains("Khalifa Haftar 2/3 · article 1/2"),
        "{status}"
    );
}

/// The first cell of the reader's body text.
fn body_origin(a: &App) -> (u16, u16) {
    let l = a.reader.layout().unwrap();
    let t = a.chrome.screen().reader_text();
    let row = l.body_start.saturating_sub(a.reader.scroll());
    (t.x, t.y + row as u16)
}

fn text_at(buf: &Buffer, at: (u16, u16), len: u16) -> String {
    (0..len).map(|dx| buf[(at.0 + dx, at.1)].symbol()).collect()
}

#[test]
fn filtered_list_120x40() {
    let mut a = common::app(120, 40);
    type_query(&mut a, "sirte");
    let buf = render(&a, Theme::default());
    insta::assert_snapshot!("filtered_120x40", format!("{buf:?}"));
    let t = text(&buf);
    assert!(t.contains(" /sirte "), "{t}");
    assert!(t.contains("2/4"), "{t}");
    // Matched title characters stand out.
    let title = find(&buf, "Sirte", (0, 0)).unwrap();
    assert!(title.0 < a.chrome.screen().list.width);
    assert_styled(
        &buf,
        title,
        5,
        Some(Color::Yellow),
        Modifier::BOLD | Modifier::UNDERLINED,
    );
}

#[test]
fn help_overlay_100x30() {
    let mut a = common::app(100, 30);
    update(&mut a, Action::ShowHelp);
    let buf = render(&a, Theme::default());
    insta::assert_snapshot!("help_100x30", format!("{buf:?}"));
    let t = text(&buf);
    for k in [
        "Anywhere",
        "Ctrl-C",
        "Shift-Tab",
        "] [".replace(' ', "  ").as_str(),
    ] {
        assert!(t.contains(k), "{k}\n{t}");
    }
}

#[test]
fn warnings_overlay_100x30() {
    let mut a = common::app(100, 30);
    update(&mut a, Action::ShowWarnings);
    let buf = render(&a, Theme::default());
    insta::assert_snapshot!("warnings_100x30", format!("{buf:?}"));
    let t = text(&buf);
    assert!(t.contains("2 load warnings"), "{t}");
    assert!(t.contains("reports/broken.bin: binary file (not text), skipped"));
    // The escape sequence in the path is shown, not obeyed.
    assert!(
        t.contains("reports/␛[2Jodd name.txt: invalid UTF-8 ␇decoded"),
        "{t}"
    );
}

#[test]
fn narrow_60x20() {
    let a = reading(60, 20);
    let buf = render(&a, Theme::default());
    insta::assert_snapshot!("narrow_60x20", format!("{buf:?}"));
    let t = text(&buf);
    assert!(t.contains("Articles"));
    assert!(!t.contains("Entities"), "no room for the entity pane\n{t}");
    let kh = find(&buf, "Haftar", body_origin(&a)).unwrap();
    assert_styled(&buf, kh, 6, Some(Color::Cyan), Modifier::BOLD);
}

#[test]
fn narrow_entity_pane_takes_the_lists_place() {
    let mut a = reading(60, 20);
    update(&mut a, Action::Focus(Focus::Entities));
    let buf = render(&a, Theme::default());
    insta::assert_snapshot!("narrow_entities_60x20", text(&buf));
}

#[test]
fn no_color_keeps_the_modifiers() {
    let a = reading(120, 40);
    let buf = render(&a, Theme::monochrome());
    let x = body_origin(&a);
    let kh = find(&buf, "Khalifa Haftar", x).unwrap();
    assert_styled(&buf, kh, 14, Some(Color::Reset), Modifier::BOLD);
    let lna = find(&buf, "LNA", x).unwrap();
    assert_styled(&buf, lna, 3, Some(Color::Reset), Modifier::UNDERLINED);
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            let c = &buf[(x, y)];
            assert_eq!((c.fg, c.bg), (Color::Reset, Color::Reset), "{:?}", (x, y));
        }
    }
}

/// The list at two fifths of the window, as the config can set it.
fn at_two_fifths(a: &mut App) {
    let config = lede::config::Config {
        list_width: lede::config::ListWidth::Percent(40),
        ..lede::config::Config::default()
    };
    a.configure(&config);
    // Laid out again at the new width, as a resize does.
    let (w, h) = (a.chrome.screen().width, a.chrome.screen().height);
    update(a, Action::Resize(w, h));
}

#[test]
fn untrusted_text_never_reaches_the_terminal_raw() {
    // Article 3's title and body hold ESC sequences, a BEL and a tab.
    let mut a = common::app(120, 40);
    at_two_fifths(&mut a);
    apply(&mut a, [Action::List(Move::Last), Action::OpenSelected]);
    let buf = render(&a, Theme::default());
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            let s = buf[(x, y)].symbol();
            assert!(!s.chars().any(char::is_control), "{:?} at {x},{y}", s);
        }
    }
    let t = text(&buf);
    assert!(t.contains("A note ␛[2Jwithout a date"), "{t}");
    assert!(
        t.contains("␛[31mred␛[0m, a bell ␇ and a tab in a note"),
        "{t}"
    );
    insta::assert_snapshot!("untrusted_120x40", t);
}

#[test]
fn too_small() {
    let a = common::app(19, 5);
    let buf = render(&a, Theme::default());
    assert_eq!(text(&buf).lines().next(), Some("terminal too small"));
    let a = common::app(8, 1);
    assert_eq!(text(&render(&a, Theme::default())), "termina…\n");
}

use lede::app::Move;

#[test]
fn every_small_size_draws_without_panicking() {
    let sizes = (1..=30u16)
        .flat_map(|w| (1..=10u16).map(move |h| (w, h)))
        .chain([(80, 24), (200, 60), (400, 120), (1000, 3), (3, 500)]);
    for (w, h) in sizes {
        for state in 0..6 {
            let mut a = common::app(w, h);
            match state {
                0 => {}
                1 => update(&mut a, Action::ShowHelp),
                2 => update(&mut a, Action::ShowWarnings),
                3 => type_query(&mut a, "sirte \"open"),
                4 => apply(
                    &mut a,
                    [
                        Action::Focus(Focus::Entities),
                        Action::ToggleEntityScope,
                        Action::NextMention,
                        Action::FollowCursor,
                        Action::NextOfEntity,
                    ],
                ),
                _ => apply(
                    &mut a,
                    [
                        Action::List(Move::Last),
                        Action::OpenSelected,
                        Action::Reader(Move::Last),
                    ],
                ),
            }
            let buf = render(&a, Theme::default());
            assert_eq!(buf.area.width, w);
        }
    }
}

/// The capture in the README: 100x30, the first article open, the cursor
/// on a mention of the current entity.
#[test]
fn readme_capture() {
    let a = reading(100, 30);
    let capture = text(&render(&a, Theme::default()));
    insta::assert_snapshot!("readme_100x30", capture);
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    for line in capture.lines() {
        assert!(
            readme.contains(line),
            "the README's capture is out of date; paste the readme_100x30 snapshot:\n{line}"
        );
    }
}

/// The README's key tables say what the help overlay says, group by
/// group and in its order (on failure, the tables to paste are printed).
#[test]
fn readme_lists_every_key() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let bindings = lede::config::Bindings::default();
    let mut tables = String::new();
    for g in lede::app::help::GROUPS {
        if g.title.starts_with("Filter terms") || g.title == "Mouse" {
            continue;
        }
        tables.push_str(&format!(
            "**{}**\n\n| key | does |\n| --- | --- |\n",
            g.title
        ));
        for row in g.rows {
            let keys = lede::app::help::row_keys(row, &bindings);
            let cell: Vec<String> = keys.split("  ").map(|k| format!("`{k}`")).collect();
            tables.push_str(&format!("| {} | {} |\n", cell.join(" "), row.does));
        }
        tables.push('\n');
    }
    assert!(
        readme.contains(&tables),
        "the README's key tables are out of date; paste these:\n{tables}"
    );
}

/// Placeholders, wide characters, combining marks and ZWJ sequences before
/// a mention do not shift its highlight.
#[test]
fn mentions_stay_in_place_after_odd_characters() {
    use lede::entities::Kind;
    let body = "\u{1b}[2J 北京 e\u{301} 👨\u{200d}👩\u{200d}👧 \u{7}Haftar spoke.";
    let articles = vec![common::article("Odd", Some("2020-01-01"), None, body)];
    let found = common::extract(
        body,
        &[common::E("Khalifa Haftar", Kind::Person, &["Haftar"], None)],
    );
    let resolved = lede::resolve::resolve_corpus([(&articles[0].meta, found)]);
    let mut a = App::new(articles, resolved, vec![]);
    update(&mut a, Action::Resize(80, 24));
    let buf = render(&a, Theme::default());
    let at = find(&buf, "Haftar", body_origin(&a)).unwrap();
    assert_styled(&buf, at, 6, Some(Color::Cyan), Modifier::BOLD);
    // The cell before is the BEL placeholder, unstyled.
    assert_eq!(buf[(at.0 - 1, at.1)].symbol(), "␇");
    assert!(!buf[(at.0 - 1, at.1)].modifier.contains(Modifier::BOLD));
    let t = text(&buf);
    assert!(
        t.contains("␛[2J 北京 e\u{301} 👨\u{200d}👩\u{200d}👧 ␇Haftar spoke."),
        "{t}"
    );
}

/// The fixture app with its two Sirte reports grouped into one story (as
/// a load's grouping would: their sketches alike).
fn with_a_story(w: u16, h: u16) -> App {
    use lede::stories::{Grouping, Sketch, Threader};
    let mut a = common::app(w, h);
    let text = "Rain flooded the river towns of the valley for a third day, \
                officials in Lorvik said, closing the northern bridge.";
    let mut t = Threader::new();
    for (i, day) in [(0, "2020-01-07"), (1, "2020-01-06")] {
        let id = a.library.meta(i).id.clone();
        t.add(i as u32, &id, Sketch::new(text, day.parse().ok(), &[]));
    }
    for i in 2..a.library.len() {
        let id = a.library.meta(i).id.clone();
        t.add(i as u32, &id, Sketch::new(&format!("other {i}"), None, &[]));
    }
    let grouping = Grouping {
        stories: t.group(),
        ..Grouping::default()
    };
    update(&mut a, Action::Stories(std::sync::Arc::new(grouping)));
    a
}

/// One row per story: the Sirte story's newest report stands for both
/// (`▸`, two reports, two unread); `z` unfolds it in place (`▾`, the
/// older report under it, `└`), `Z` turns folding off.
#[test]
fn the_list_folds_stories() {
    let mut a = with_a_story(100, 30);
    let folded = text(&render(&a, Theme::default()));
    insta::assert_snapshot!("folded_100x30", folded);
    assert_eq!(a.list.view().len(), 3);
    assert_eq!(a.list.reports().len(), 4);
    apply(&mut a, [Action::Focus(Focus::List), Action::FoldStory]);
    let open = text(&render(&a, Theme::default()));
    insta::assert_snapshot!("unfolded_story_100x30", open);
    assert!(open.contains("▾") && open.contains("└"), "{open}");
    apply(&mut a, [Action::FoldStory, Action::ToggleFolding]);
    let flat = text(&render(&a, Theme::default()));
    assert!(!flat.contains("▸") && !flat.contains("×2"), "{flat}");
    assert_eq!(a.list.view().len(), 4);
}

/// A filter lists reports and shows their stories: the older Sirte report
/// alone matches `withdraw`, and stands in the row for its story.
#[test]
fn a_filter_shows_the_stories_of_the_reports_it_lists() {
    let mut a = with_a_story(100, 30);
    type_query(&mut a, "withdraw");
    apply(&mut a, [Action::FilterAccept]);
    let t = text(&render(&a, Theme::default()));
    assert!(t.contains("▸ Militias withdraw"), "{t}");
    assert_eq!(a.list.view(), a.list.reports());
}

/// At 120 columns the list (half the window) has room for a source
/// column, shown because the sources differ; `<` takes the room away.
#[test]
fn a_source_column_when_sources_differ() {
    let mut a = common::app(120, 30);
    let wide = text(&render(&a, Theme::default()));
    insta::assert_snapshot!("source_column_120x30", wide);
    assert!(wide.contains("Al Jazeera"), "{wide}");
    for _ in 0..4 {
        update(&mut a, Action::ListWidth(-4));
    }
    let narrow = text(&render(&a, Theme::default()));
    assert!(
        !narrow.lines().take(3).any(|l| l.contains("Reuters")),
        "{narrow}"
    );
}

/// The two bundled seeds, loaded as the reader loads them (relative
/// paths, so the meta line is the same wherever the tests run), the
/// later report open.
fn seeds(w: u16, h: u16) -> App {
    use lede::ingest::{Ingest, Options};
    let mut app = App::loading();
    update(&mut app, Action::Resize(w, h));
    let options = Options {
        cache_dir: None,
        threads: 2,
        body_budget: 1 << 20,
        keep_bodies: false,
    };
    let paths = vec![std::path::PathBuf::from("seeds")];
    let mut world = lede::world::World::new(Some(Ingest::start(paths, options)));
    let settle = std::time::Duration::from_secs(60);
    assert!(world.settle(&mut app, settle));
    let later = (0..app.library.len())
        .find(|&a| {
            app.library
                .meta(a)
                .date
                .is_some_and(|d| d.to_string() == "2020-01-07")
        })
        .expect("the later seed");
    let at = app.list.view().iter().position(|&a| a == later).unwrap();
    apply(
        &mut app,
        [
            Action::List(lede::app::Move::First),
            Action::List(lede::app::Move::By(at as isize)),
            Action::OpenSelected,
        ],
    );
    assert!(world.settle(&mut app, settle));
    app
}

/// Issue 12, 3: the later seed's passages new in its story: a bar in the
/// gutter beside each of their lines, the text told before dimmed (with
/// or without colour), the count in the status line; `}` goes to the
/// first and says which it is.
#[test]
fn what_is_new_100x30() {
    let mut a = seeds(100, 30);
    let new = a.reader.new_passages().expect("found").len();
    assert!(new > 0);
    let buf = render(&a, Theme::default());
    insta::assert_snapshot!("what_is_new_100x30", format!("{buf:?}"));
    let status = text(&buf).lines().last().unwrap().to_string();
    assert!(status.contains(&format!("{new} new passages")), "{status}");
    update(&mut a, Action::NextNew);
    let buf = render(&a, Theme::monochrome());
    let t = text(&buf);
    insta::assert_snapshot!("what_is_new_first_passage_100x30", t);
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    for line in t.lines() {
        assert!(
            readme.contains(line),
            "the README's What is new screen is out of date; paste the \
             what_is_new_first_passage_100x30 snapshot:\n{line}"
        );
    }
    assert!(
        t.lines()
            .last()
            .unwrap()
            .contains(&format!("new passage 1/{new}"))
    );
    // The first passage's line has the bar, and its text is not dimmed;
    // a line told before has no bar and is dimmed, colour or not.
    let l = a.reader.open_layout().unwrap();
    let first = &a.reader.new_passages().unwrap()[0];
    let row = l.row_of(first.start).unwrap() - a.reader.scroll();
    let tx = a.chrome.screen().reader_text();
    let y = tx.y + row as u16;
    assert_eq!(buf[(tx.x - 1, y)].symbol(), "▌");
    let (_, col) = l.locate(first.start).unwrap();
    let cell = &buf[(tx.x + col as u16, y)];
    assert!(
        !cell.modifier.contains(Modifier::DIM),
        "{:?}",
        cell.symbol()
    );
    let told = (0..tx.height).find(|&r| {
        let line = l.lines.get(a.reader.scroll() + usize::from(r));
        line.is_some_and(|line| {
            line.is_body()
                && line.start < line.end
                && !a
                    .reader
                    .new_passages()
                    .unwrap()
                    .iter()
                    .any(|n| n.start < line.end as usize && line.start as usize <= n.end)
        })
    });
    if let Some(r) = told {
        assert_eq!(buf[(tx.x - 1, tx.y + r)].symbol(), " ");
        assert!(buf[(tx.x, tx.y + r)].modifier.contains(Modifier::DIM));
    }
}

/// The earlier seed, its story's first report: nothing marked, nothing
/// counted.
#[test]
fn a_first_report_has_nothing_new() {
    let mut a = seeds(100, 30);
    update(&mut a, Action::Focus(Focus::List));
    let earlier = (0..a.library.len())
        .find(|&x| {
            a.library
                .meta(x)
                .date
                .is_some_and(|d| d.to_string() == "2020-01-06")
        })
        .unwrap();
    // The two seeds are one story: the earlier is folded under the
    // later's row; `z` there unfolds it, and it is the row after.
    let row = a.list.position_of(earlier).unwrap();
    assert_ne!(a.list.view()[row], earlier, "folded under its story");
    apply(
        &mut a,
        [
            Action::List(lede::app::Move::First),
            Action::List(lede::app::Move::By(row as isize)),
            Action::FoldStory,
            Action::List(lede::app::Move::By(1)),
        ],
    );
    assert_eq!(a.list.selected_article(), Some(earlier));
    update(&mut a, Action::OpenSelected);
    lede::world::serve_here(&mut a);
    assert_eq!(a.reader.new_passages(), Some(&[][..]));
    let buf = render(&a, Theme::default());
    let t = text(&buf);
    assert!(!t.contains('▌'), "{t}");
    assert!(!t.contains("new passage"), "{t}");
}

/// Issue 13, 3: the filter's words and phrases highlighted in the reader,
/// the hit `;` went to reversed, `hit 1/3` in the status line.
#[test]
fn filter_hits_in_the_reader_100x30() {
    let mut a = common::app(100, 30);
    type_query(&mut a, "sirte \"oil ports\"");
    apply(
        &mut a,
        [
            Action::FilterAccept,
            Action::Focus(Focus::Reader),
            Action::NextHit,
        ],
    );
    let buf = render(&a, Theme::default());
    insta::assert_snapshot!("filter_hits_100x30", format!("{buf:?}"));
    let t = text(&buf);
    assert!(t.lines().last().unwrap().contains("hit 1/4"), "{t}");
    let origin = body_origin(&a);
    let first = find(&buf, "Sirte", origin).unwrap();
    assert_styled(
        &buf,
        first,
        5,
        None,
        Modifier::UNDERLINED | Modifier::REVERSED,
    );
    let second = find(&buf, "Sirte", (origin.0, first.1 + 1)).unwrap();
    assert!(!buf[second].modifier.contains(Modifier::REVERSED));
    assert_styled(&buf, second, 5, None, Modifier::BOLD | Modifier::UNDERLINED);
}

/// A feed fetch, the entities' gauge and the warnings together overflow
/// the right of a 120-column status line: it takes its short forms
/// rather than vanish (the feeds' gauge was lost while entities were
/// found for the fetched items).
#[test]
fn a_crowded_status_line_keeps_its_gauges_short() {
    let mut a = common::app(120, 40);
    a.library.set_fetch(lede::app::FetchGauge {
        done: 3,
        total: 4,
        new_items: 1_240,
        failed: 1,
        ..Default::default()
    });
    a.library.set_progress(lede::ingest::Progress {
        files_found: 4,
        files_listed: 4,
        walk_done: true,
        articles: 100_000,
        extracted: 30_000,
        mentions: 1_234_567,
        bytes_to_extract: 330_000_000,
        extract_bytes_per_sec: 5_000_000,
        ..Default::default()
    });
    let status = text(&render(&a, Theme::default()))
        .lines()
        .last()
        .unwrap()
        .to_string();
    assert!(status.contains("⟳ feeds 3/4"), "{status}");
    assert!(!status.contains("1,240 new"), "the short form: {status}");
    assert!(status.contains("⟳ 30%"), "{status}");
    // Wide enough for the long forms: they are used.
    update(&mut a, Action::Resize(200, 40));
    let status = text(&render(&a, Theme::default()))
        .lines()
        .last()
        .unwrap()
        .to_string();
    assert!(
        status.contains("⟳ feeds 3/4 · 1,240 new · 1 failed"),
        "{status}"
    );
    assert!(status.contains("⟳ entities 30%"), "{status}");
}

/// The reading flow reads a folded story's reports: from the later
/// seed (its story's row), `.` opens the earlier one, folded away under
/// it, and the list unfolds the story to show it selected; `K` goes back,
/// the selection on the story's row; `M` marks the folded report too.
#[test]
fn the_reading_flow_goes_into_a_folded_story() {
    let mut a = seeds(100, 30);
    let later = a.reader.open().expect("the later seed open");
    let earlier = (0..a.library.len()).find(|&x| x != later).unwrap();
    assert_eq!(a.list.view(), [later], "one story, one row");
    assert!(!a.library.is_read(earlier));
    update(&mut a, Action::NextUnread);
    assert_eq!(a.reader.open(), Some(earlier));
    assert_eq!(a.list.selected_article(), Some(earlier));
    assert_eq!(a.list.view(), [later, earlier], "the story unfolded");
    update(&mut a, Action::PrevArticle);
    assert_eq!(a.reader.open(), Some(later));
    assert_eq!(a.list.selected_article(), Some(later));
    // Folded again, both unread: `M` marks both, `U` undoes it.
    apply(&mut a, [Action::Focus(Focus::List), Action::FoldStory]);
    assert_eq!(a.list.view(), [later]);
    a.library.set_read(later, false);
    a.library.set_read(earlier, false);
    update(&mut a, Action::MarkAllRead);
    assert!(a.library.is_read(earlier) && a.library.is_read(later));
    update(&mut a, Action::UndoMarkAll);
    assert!(!a.library.is_read(earlier) && !a.library.is_read(later));
}
