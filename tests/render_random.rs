//! Random articles drawn at random terminal sizes, from 1x1 to 300x100:
//! nothing panics, no control character reaches a cell, and every cell
//! stays inside the buffer. And the filter query parser on arbitrary input.

use lede::app::query::{Query, TermKind};
use lede::app::{Action, App, update};
use lede::corpus::Article;
use lede::entities::Extractor;
use lede::resolve::resolve_corpus;
use lede::ui::{self, Theme};
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Khalifa Haftar met the UN in Sirte on Monday. ".to_string()),
        Just("\n\n".to_string()),
        Just("\u{1b}[2J\u{1b}]52;c;eA==\u{7}".to_string()),
        Just("東京 👩\u{200d}💻 e\u{301} مرحبا \u{200b}\t".to_string()),
        Just("x".repeat(300)),
        "[a-zA-Z ,.]{0,40}",
        any::<String>(),
    ];
    prop::collection::vec(piece, 0..12).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn any_article_at_any_size(
        title in text(),
        body in text(),
        sizes in prop::collection::vec((1u16..=300, 1u16..=100), 1..5),
        keys in prop::collection::vec(0usize..8, 0..12),
    ) {
        let body = lede::corpus::cleanup::clean_body(&body);
        let found = Extractor::new().extract(&body, chrono::NaiveDate::from_ymd_opt(2020, 1, 7));
        let article = Article::new(
            lede::corpus::ArticleMeta {
                id: "a".into(),
                path: "r/a.txt".into(),
                date: None,
                title: title.clone(),
                explicit_title: true,
                source: Some(title),
                url: None,
                ..Default::default()
            },
            body,
        );
        let resolved = resolve_corpus([(&article.meta, found)]);
        let mut app = App::new(vec![article], resolved, vec![]);
        let theme = Theme::default();
        for (w, h) in sizes {
            update(&mut app, Action::Resize(w, h));
            for &k in &keys {
                let a = match k {
                    0 => Action::NextMention,
                    1 => Action::Reader(lede::app::Move::Pages(1)),
                    2 => Action::FocusNext,
                    3 => Action::ShowHelp,
                    4 => Action::CloseOverlay,
                    5 => Action::ToggleEntityScope,
                    6 => Action::FollowCursor,
                    _ => Action::NextOfEntity,
                };
                update(&mut app, a);
            }
            let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
            t.draw(|f| ui::draw(f, &app, &theme)).unwrap();
            let buf = t.backend().buffer();
            prop_assert_eq!(buf.content().len(), w as usize * h as usize);
            for c in buf.content() {
                prop_assert!(!c.symbol().chars().any(|ch| ch.is_control()), "{:?}", c.symbol());
            }
        }
    }

    #[test]
    fn the_query_parser_takes_anything(s in any::<String>()) {
        let _ = Query::parse(&s);
    }

    #[test]
    fn the_query_parser_takes_query_like_text(s in "[!@\"a-z0-9:. -]{0,30}") {
        if let Ok(q) = Query::parse(&s) {
            // No term that parses is empty: an empty one is an error.
            for t in &q.terms {
                let empty = match &t.kind {
                    TermKind::Word(w)
                    | TermKind::Entity(w)
                    | TermKind::EntityId(w)
                    | TermKind::Feed(w)
                    | TermKind::Tag(w) => w.trim().is_empty(),
                    TermKind::Phrase(p) => p.trim().is_empty(),
                    TermKind::Date(_) | TermKind::Read(_) | TermKind::Starred => false,
                };
                prop_assert!(!empty, "{:?} from {:?}", t, s);
            }
        }
    }
}
