//! A small, hand-built corpus with a hand-built entity index, so the reader
//! can be tested without the entity extractor.
#![allow(dead_code)]

use std::path::PathBuf;

use chrono::NaiveDate;
use lede::app::{Action, App, update};
use lede::corpus::{Article, Warning};
use lede::entities::{ArticleEntities, DateValue, FoundEntity, FoundMention, Kind};
use lede::resolve::{Resolved, resolve_corpus};

/// An entity as the fixture names it: name, kind, the surface forms to find
/// in the body, and for a date what it denotes.
pub struct E(
    pub &'static str,
    pub Kind,
    pub &'static [&'static str],
    pub Option<DateValue>,
);

pub fn article(title: &str, date: Option<&str>, source: Option<&str>, body: &str) -> Article {
    let slug: String = title
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect();
    Article::new(
        lede::corpus::ArticleMeta {
            id: slug.clone(),
            path: PathBuf::from(format!("reports/{slug}.txt")),
            date: date.map(|d| d.parse().unwrap()),
            title: title.into(),
            explicit_title: true,
            source: source.map(Into::into),
            url: None,
            ..Default::default()
        },
        body.into(),
    )
}

/// Finds every surface form of every entity in `body`: mentions in reading
/// order, never overlapping (the longer one wins at a tie).
pub fn extract(body: &str, entities: &[E]) -> ArticleEntities {
    let mut spans: Vec<(usize, usize, u32)> = Vec::new();
    for (i, e) in entities.iter().enumerate() {
        for s in e.2 {
            for (at, _) in body.match_indices(s) {
                spans.push((at, at + s.len(), i as u32));
            }
        }
    }
    spans.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    let mut mentions = Vec::new();
    let mut end = 0;
    for (s, e, id) in spans {
        if s >= end {
            mentions.push(FoundMention {
                start: s as u32,
                end: e as u32,
                entity: id,
            });
            end = e;
        }
    }
    ArticleEntities {
        mentions,
        entities: entities
            .iter()
            .map(|e| FoundEntity {
                name: e.0.into(),
                kind: e.1,
                aliases: e.2.iter().map(|s| s.to_string()).collect(),
                date: e.3,
            })
            .collect(),
    }
}

fn day(s: &str) -> Option<DateValue> {
    Some(DateValue::Day(
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap(),
    ))
}

pub const BODY_0: &str = "The forces of the renegade general of Libya, Khalifa Haftar, said on \
Monday they had entered Sirte, taking control of large parts of the coastal city.\n\n\
A spokesman for the self-styled Libyan National Army (LNA) said fighters captured the \
districts surrounding Sirte before heading towards the city center.\n\n\
Turkish forces\n\n\
The progress of the LNA comes as Turkey deploys military advisors to Libya. Capturing \
Sirte would be an important gain for Haftar, who has waged an offensive on Tripoli \
since April. Haftar forces seized oil ports in 2016.";

pub const BODY_1: &str = "Forces aligned with the Government of National Agreement (GNA) said \
they withdrew from Sirte to prevent bloodshed.\n\n\
The GNA dismissed Haftar's claims as rumors. The forces loyal to Haftar denied looting \
in Sirte.";

pub const BODY_2: &str = "The LNA holds the oil crescent, a strip of coastline with several \
export terminals.\n\nEngineers said the ports could reopen in December.";

pub const BODY_3: &str = "Nothing to see here: \u{1b}[31mred\u{1b}[0m, a bell \u{7} and a \
tab\tin a note without a date.";

/// Four articles, newest first: two about Sirte that mention Khalifa
/// Haftar (three times, then twice), one about oil ports that mentions the
/// LNA, and an undated note whose body holds escape sequences.
pub fn corpus() -> (Vec<Article>, Resolved, Vec<Warning>) {
    let articles = vec![
        article(
            "Haftar forces enter Sirte",
            Some("2020-01-07"),
            Some("Al Jazeera"),
            BODY_0,
        ),
        article(
            "Militias withdraw from Sirte",
            Some("2020-01-06"),
            Some("Reuters"),
            BODY_1,
        ),
        article(
            "Oil ports in the crescent",
            Some("2019-12-01"),
            None,
            BODY_2,
        ),
        article("A note \u{1b}[2Jwithout a date", None, None, BODY_3),
    ];
    let extracted = [
        extract(
            BODY_0,
            &[
                E(
                    "Khalifa Haftar",
                    Kind::Person,
                    &["Khalifa Haftar", "Haftar"],
                    None,
                ),
                E("Libya", Kind::Location, &["Libya"], None),
                E("Monday", Kind::Date, &["Monday"], day("2020-01-06")),
                E("Sirte", Kind::Location, &["Sirte"], None),
                E(
                    "Libyan National Army",
                    Kind::Organization,
                    &["Libyan National Army", "LNA"],
                    None,
                ),
                E("Turkish", Kind::Misc, &["Turkish"], None),
                E("Turkey", Kind::Location, &["Turkey"], None),
                E("Tripoli", Kind::Location, &["Tripoli"], None),
                E("2016", Kind::Date, &["2016"], Some(DateValue::Year(2016))),
            ],
        ),
        extract(
            BODY_1,
            &[
                E(
                    "Government of National Agreement",
                    Kind::Organization,
                    &["Government of National Agreement", "GNA"],
                    None,
                ),
                E("Sirte", Kind::Location, &["Sirte"], None),
                E("Haftar", Kind::Person, &["Haftar"], None),
            ],
        ),
        extract(
            BODY_2,
            &[
                E("LNA", Kind::Organization, &["LNA"], None),
                E(
                    "December",
                    Kind::Date,
                    &["December"],
                    DateValue::month(2019, 12),
                ),
            ],
        ),
        ArticleEntities::default(),
    ];
    let resolved = resolve_corpus(articles.iter().map(|a| &a.meta).zip(extracted));
    let warnings = vec![
        Warning::new("reports/broken.bin", "binary file (not text), skipped"),
        Warning::new(
            "reports/\u{1b}[2Jodd name.txt",
            "invalid UTF-8 \u{7}decoded with replacement characters",
        ),
    ];
    (articles, resolved, warnings)
}

/// The fixture app at a terminal size.
pub fn app(w: u16, h: u16) -> App {
    let (articles, resolved, warnings) = corpus();
    let mut app = App::new(articles, resolved, warnings);
    update(&mut app, Action::Resize(w, h));
    app
}

/// `n` articles without entities, for paging.
pub fn many(n: usize, w: u16, h: u16) -> App {
    let articles = (0..n)
        .map(|i| {
            article(
                &format!("Report number {i}"),
                Some("2020-01-01"),
                None,
                &format!("Body of report {i}.\n\nSecond paragraph."),
            )
        })
        .collect();
    let mut app = App::new(articles, resolve_corpus([]), vec![]);
    update(&mut app, Action::Resize(w, h));
    app
}

pub fn apply(app: &mut App, actions: impl IntoIterator<Item = Action>) {
    for a in actions {
        update(app, a);
    }
}

/// Types a filter query, one keystroke at a time.
pub fn type_query(app: &mut App, q: &str) {
    update(app, Action::FilterStart);
    for c in q.chars() {
        update(app, Action::FilterInput(c));
    }
}

/// The text of the mention under the cursor.
pub fn cursor_text(app: &App) -> Option<String> {
    let m = app.cursor_mention()?;
    let a = app.reader.open()?;
    Some(app.library.body(a)?[m.range()].to_string())
}

/// What a starting reader has of the marks file `file`: the marks on
/// disk (no warnings) and a saver that merges into it.
pub fn marks_reader(file: &lede::marks::MarksFile) -> (lede::marks::ReadMarks, lede::marks::Saver) {
    let r = file.clone().load();
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    let saver = lede::marks::Saver::new(r.save_to.unwrap(), &r.marks);
    (r.marks, saver)
}

/// Two readers of one fresh state folder changing their marks at the
/// same time, `rounds` changes each (`change(marks, key)` with keys
/// 1000.. for the first and 2000.. for the second), saving after every
/// change as the reader does (a save that finds the other holding the
/// lock is tried again at the next); then what the file holds.
pub fn marks_saved_at_once(
    rounds: u64,
    change: fn(&mut lede::marks::ReadMarks, u64) -> bool,
) -> lede::marks::ReadMarks {
    use std::time::Instant;
    let state = tempfile::tempdir().unwrap();
    let file = lede::marks::MarksFile::in_dir(state.path());
    let threads: Vec<_> = (0..2u64)
        .map(|t| {
            let (mut marks, mut saver) = marks_reader(&file);
            std::thread::spawn(move || {
                for k in 0..rounds {
                    change(&mut marks, 1000 * (t + 1) + k);
                    let _ = saver.flush(&marks, Instant::now());
                }
                (marks, saver)
            })
        })
        .collect();
    for t in threads {
        let (marks, mut saver) = t.join().unwrap();
        saver.flush(&marks, Instant::now()).unwrap();
    }
    file.load().marks
}
