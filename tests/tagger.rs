//! The named-entity tagger with the shipped model, on sentences written
//! for these tests; the model file format; training determinism.

use lede::entities::Kind;
use lede::entities::features::Lexicon;
use lede::entities::tagger::conll::{LabeledDocument, LabeledSentence};
use lede::entities::tagger::{ModelError, Tagger, TrainOptions, train};
use lede::entities::tokens::{sentence_spans, tokenize};

/// Tags `text` as one document; returns `(entity text, kind)` in order.
fn entities(tagger: &Tagger, text: &str) -> Vec<(String, Kind)> {
    let tokens = tokenize(text);
    let sentences: Vec<Vec<&str>> = sentence_spans(text, &tokens)
        .into_iter()
        .map(|r| tokens[r].iter().map(|t| t.text(text)).collect())
        .collect();
    let tagged = tagger.tag_document(&sentences);
    assert_eq!(tagged.len(), sentences.len());
    let mut out = Vec::new();
    for (words, spans) in sentences.iter().zip(&tagged) {
        let mut last_end = 0;
        for s in spans {
            assert!(s.start >= last_end && s.start < s.end && s.end <= words.len());
            assert!(s.score.is_finite() && s.score >= 0.0, "{s:?}");
            last_end = s.end;
            out.push((words[s.start..s.end].join(" "), s.kind));
        }
    }
    out
}

fn has(found: &[(String, Kind)], text: &str, kind: Kind) -> bool {
    found.iter().any(|(t, k)| t == text && *k == kind)
}

#[track_caller]
fn expect(text: &str, want: &[(&str, Kind)]) {
    let found = entities(Tagger::embedded(), text);
    for &(t, k) in want {
        assert!(
            has(&found, t, k),
            "{t:?} as {k:?} in {text:?}; found {found:?}"
        );
    }
}

#[test]
fn people_with_titles() {
    expect(
        "President Emmanuel Macron met Chancellor Olaf Scholz in Berlin on Tuesday.",
        &[
            ("Emmanuel Macron", Kind::Person),
            ("Olaf Scholz", Kind::Person),
            ("Berlin", Kind::Location),
        ],
    );
    expect(
        "Dr. Amina Yusuf, a surgeon at the main hospital, told Reuters that supplies were short.",
        &[
            ("Amina Yusuf", Kind::Person),
            ("Reuters", Kind::Organization),
        ],
    );
}

/// The tagger finds the long form; the bracketed acronym is the rules'
/// (`extraction::a_bracketed_acronym_is_its_long_form`).
#[test]
fn organisations_and_acronyms() {
    expect(
        "On Friday the World Health Organization ( WHO ) warned that cases were rising in Nigeria and Kenya.",
        &[
            ("World Health Organization", Kind::Organization),
            ("Nigeria", Kind::Location),
            ("Kenya", Kind::Location),
        ],
    );
}

#[test]
fn nationalities_are_misc() {
    expect(
        "Egyptian and Jordanian officials said talks in Cairo would resume next week.",
        &[
            ("Egyptian", Kind::Misc),
            ("Jordanian", Kind::Misc),
            ("Cairo", Kind::Location),
        ],
    );
}

#[test]
fn lowercase_sentence_start() {
    expect(
        "economists at the International Monetary Fund expect growth in Brazil to slow.",
        &[
            ("International Monetary Fund", Kind::Organization),
            ("Brazil", Kind::Location),
        ],
    );
}

#[test]
fn all_caps_headline() {
    expect(
        "TURKEY SENDS TROOPS TO LIBYA AS FIGHTING GOES ON",
        &[("TURKEY", Kind::Location), ("LIBYA", Kind::Location)],
    );
}

#[test]
fn document_context_carries_a_name_to_later_mentions() {
    let text = "Prime Minister Karim Benali arrived in Tunis on Monday for two days of talks. \
                Officials said Benali would meet union leaders before returning home.";
    let found = entities(Tagger::embedded(), text);
    assert!(has(&found, "Karim Benali", Kind::Person), "{found:?}");
    assert!(has(&found, "Benali", Kind::Person), "{found:?}");
    assert!(has(&found, "Tunis", Kind::Location), "{found:?}");
}

#[test]
fn text_spans_are_byte_ranges() {
    let text =
        "Talks in Geneva stalled, the Norwegian envoy said.\n\nMaria Lindqvist left on Friday.";
    let found: Vec<(&str, Kind)> = Tagger::embedded()
        .tag_text(text)
        .iter()
        .map(|s| (&text[s.start..s.end], s.kind))
        .collect();
    assert!(found.contains(&("Geneva", Kind::Location)), "{found:?}");
    assert!(found.contains(&("Norwegian", Kind::Misc)), "{found:?}");
    assert!(
        found.contains(&("Maria Lindqvist", Kind::Person)),
        "{found:?}"
    );
}

#[test]
fn ordinary_text_has_no_entities() {
    let found = entities(
        Tagger::embedded(),
        "the committee said it would meet again after the holiday to discuss the budget.",
    );
    assert!(found.is_empty(), "{found:?}");
    assert!(Tagger::embedded().tag_document(&[]).is_empty());
    assert_eq!(Tagger::embedded().tag_document(&[vec![]]), vec![vec![]]);
}

#[test]
fn tagger_is_shareable_across_threads() {
    fn shareable<T: Send + Sync>() {}
    shareable::<Tagger>();
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

    /// Any tokens at all: no panic, and spans stay inside their sentence,
    /// ordered and not overlapping.
    #[test]
    fn any_tokens_tag_without_panicking(
        doc in proptest::collection::vec(
            proptest::collection::vec("\\PC{0,12}", 0..12),
            0..4,
        )
    ) {
        let sentences: Vec<Vec<&str>> = doc
            .iter()
            .map(|s| s.iter().map(String::as_str).collect())
            .collect();
        let tagged = Tagger::embedded().tag_document(&sentences);
        proptest::prop_assert_eq!(tagged.len(), sentences.len());
        for (words, spans) in sentences.iter().zip(&tagged) {
            let mut last = 0;
            for s in spans {
                proptest::prop_assert!(s.start >= last && s.start < s.end && s.end <= words.len());
                proptest::prop_assert!(s.score.is_finite() && s.score >= 0.0);
                last = s.end;
            }
        }
    }
}

#[test]
fn shipped_model_round_trips() {
    let bytes = include_bytes!("../assets/ner.model");
    let tagger = Tagger::embedded();
    assert_eq!(tagger.to_bytes(), bytes);
    let again = Tagger::from_bytes(&tagger.to_bytes()).unwrap();
    assert_eq!(again.fingerprint(), tagger.fingerprint());
    let text = "Khalid Omar of the Arab League arrived in Amman with Qatari envoys.";
    assert_eq!(entities(&again, text), entities(tagger, text));
}

#[test]
fn corrupt_or_foreign_models_are_errors() {
    let bytes = include_bytes!("../assets/ner.model").to_vec();
    assert_eq!(
        Tagger::from_bytes(b"PK\x03\x04 not a model").err(),
        Some(ModelError::BadMagic)
    );
    assert!(Tagger::from_bytes(&[]).is_err());
    assert!(Tagger::from_bytes(&bytes[..bytes.len() / 2]).is_err());
    let mut flipped = bytes.clone();
    let mid = flipped.len() / 2;
    flipped[mid] ^= 0x10;
    assert_eq!(
        Tagger::from_bytes(&flipped).err(),
        Some(ModelError::Checksum)
    );
    let mut version = bytes.clone();
    version[8] = 0xee;
    assert!(matches!(
        Tagger::from_bytes(&version),
        Err(ModelError::Version(_))
    ));
}

/// A tiny synthetic corpus: people visit places, organisations say things.
fn synthetic() -> Vec<LabeledDocument> {
    let people = ["Ada Brook", "Omar Said", "Lena Fox", "Tariq Nour"];
    let places = ["Velmora", "Karst", "Ostrava", "Dunmere"];
    let orgs = ["Union Bank", "Red Crescent", "Nova Group"];
    let mut docs = Vec::new();
    for d in 0..6 {
        let mut doc = Vec::new();
        for s in 0..5 {
            let p = people[(d + s) % people.len()];
            let l = places[(d * 3 + s) % places.len()];
            let o = orgs[(d + 2 * s) % orgs.len()];
            let mut tokens: Vec<String> = Vec::new();
            let mut entities = Vec::new();
            let mut push = |words: &str, kind: Option<Kind>| {
                let start = tokens.len();
                tokens.extend(words.split(' ').map(String::from));
                if let Some(k) = kind {
                    entities.push((start, tokens.len(), k));
                }
            };
            push(p, Some(Kind::Person));
            push("visited", None);
            push(l, Some(Kind::Location));
            push("and the", None);
            push(o, Some(Kind::Organization));
            push("said it was pleased .", None);
            doc.push(LabeledSentence { tokens, entities });
        }
        docs.push(doc);
    }
    docs
}

#[test]
fn training_is_deterministic_and_learns() {
    let docs = synthetic();
    let lex = Lexicon::from_word_list("visited\nand\nthe\nsaid\nit\nwas\npleased\n");
    let opts = TrainOptions {
        epochs: 3,
        seed: 7,
        prune: 0.0,
        folds: 3,
        fold_epochs: 2,
        ensemble: 1,
    };
    let a = train(&docs, &lex, &opts);
    let b = train(&docs, &lex, &opts);
    assert_eq!(a.to_bytes(), b.to_bytes());
    assert_eq!(a.fingerprint(), b.fingerprint());
    let c = train(&docs, &lex, &TrainOptions { seed: 8, ..opts });
    assert_ne!(a.fingerprint(), c.fingerprint(), "the seed matters");
    assert_ne!(a.fingerprint(), Tagger::embedded().fingerprint());
    let words: Vec<&str> = "Lena Fox visited Karst and the Union Bank said it was pleased ."
        .split(' ')
        .collect();
    let spans = a.tag_document(&[words]);
    let got: Vec<(usize, usize, Kind)> =
        spans[0].iter().map(|s| (s.start, s.end, s.kind)).collect();
    assert_eq!(
        got,
        [
            (0, 2, Kind::Person),
            (3, 4, Kind::Location),
            (6, 8, Kind::Organization)
        ]
    );
}

// What lede extracts from an article (tagger, rules, linking), on articles
// written for these tests.

mod extraction {
    use lede::entities::{Extractor, Kind};

    /// One mention: its text, its entity's kind and name, and the entity.
    #[derive(Debug, Clone, PartialEq)]
    struct Found {
        text: String,
        kind: Kind,
        name: String,
        entity: u32,
    }

    fn extract(body: &str) -> Vec<Found> {
        let found = Extractor::new().extract(body, None);
        found
            .mentions
            .iter()
            .map(|m| {
                let e = &found.entities[m.entity as usize];
                Found {
                    text: body[m.range()].to_string(),
                    kind: e.kind,
                    name: e.name.clone(),
                    entity: m.entity,
                }
            })
            .filter(|f| f.kind != Kind::Date)
            .collect()
    }

    fn texts(found: &[Found]) -> Vec<&str> {
        found.iter().map(|f| f.text.as_str()).collect()
    }

    #[track_caller]
    fn mention<'a>(found: &'a [Found], text: &str) -> &'a Found {
        found
            .iter()
            .find(|f| f.text == text)
            .unwrap_or_else(|| panic!("no mention {text:?} in {found:#?}"))
    }

    #[test]
    fn words_opening_a_sentence_do_not_join_names() {
        let found = extract(
            "Arsenal lost at home on Saturday. And Liverpool won again, their fifth win in a row. \
             If Madrid want the title, they must win in Seville. Near Tal Afar, troops of the \
             army fought on. But Chelsea drew.",
        );
        for f in &found {
            for opener in ["And ", "If ", "Near ", "But "] {
                assert!(!f.text.starts_with(opener), "{f:?}");
            }
        }
        for name in ["Liverpool", "Madrid", "Tal Afar", "Chelsea"] {
            mention(&found, name);
        }
    }

    /// A sports report: a title-case headline over running text that uses
    /// its ordinary words in lowercase.
    const HEADLINE: &str = "Rovers Hire Jonas Kettering as New Head Coach\n\n\
         Tarn Rovers said on Tuesday they would hire Jonas Kettering, who coached \
         the youth team, as head coach. Kettering replaces Mark Dunmore, who left in \
         the spring. The club plans to hire two assistants as well.";

    #[test]
    fn ordinary_words_of_a_headline_do_not_join_names() {
        let found = extract(HEADLINE);
        assert!(
            !found
                .iter()
                .any(|f| f.text.contains("Hire") || f.text.contains("Coach")),
            "{found:#?}"
        );
        let jonas = mention(&found, "Jonas Kettering");
        assert_eq!(jonas.kind, Kind::Person);
        // `Kettering` alone is the same person.
        assert_eq!(mention(&found, "Kettering").entity, jonas.entity);
    }

    #[test]
    fn words_in_capitals_for_emphasis_and_datelines_are_not_names_of_people() {
        let found = extract(
            "LIVE: VIDEO of the summit as it happens\n\n\
             Leaders met in Brussels on Thursday, and the talks were shown live on video \
             screens outside.\n\nREUTER",
        );
        assert!(!texts(&found).contains(&"LIVE"), "{found:#?}");
        assert!(!texts(&found).contains(&"VIDEO"), "{found:#?}");
        assert!(
            !found
                .iter()
                .any(|f| f.text == "REUTER" && f.kind == Kind::Person),
            "{found:#?}"
        );
        mention(&found, "Brussels");
    }

    #[test]
    fn a_headline_in_capitals_makes_no_date_of_a_name() {
        let found = Extractor::new().extract(
            "MERKEL AND MAY HOLD TALKS\n\nAngela Merkel and Theresa May held talks in Berlin.",
            None,
        );
        assert!(
            found.entities.iter().all(|e| e.kind != Kind::Date),
            "{found:#?}"
        );
    }

    #[test]
    fn possessives_and_quotes_are_never_part_of_a_name() {
        let found = extract(
            "Shares of Nvidia’s rivals fell. The Scottish Greens' leader spoke. \
             Fans of 'Star Trek' queued, and Apple's chief said so.",
        );
        for f in &found {
            assert!(
                !f.text.ends_with("’s")
                    && !f.text.ends_with("'s")
                    && !f.text.ends_with('\'')
                    && !f.text.starts_with('\''),
                "{f:?}"
            );
            assert!(!f.name.ends_with("’s") && !f.name.contains('\''), "{f:?}");
        }
        mention(&found, "Nvidia");
        mention(&found, "Apple");
    }

    #[test]
    fn a_player_position_or_a_title_is_not_part_of_a_name() {
        let found = extract(
            "Saints RB Alvin Kamara ran for 120 yards. Kenyan President William Ruto \
             met Ghanaian President Nana Akufo-Addo in Nairobi. Crawford County Deputy \
             Prosecuting Attorney Jacob Howell showed the jury a photograph. Oakland County \
             Prosecutor Rob Novy and City Council Member Jumaane Williams spoke.",
        );
        for f in &found {
            assert!(
                !f.text.starts_with("RB ")
                    && !f.text.contains("President")
                    && !f.text.contains("Prosecuting")
                    && !f.text.contains("Prosecutor")
                    && !f.text.contains("Member"),
                "{f:?}"
            );
        }
        for person in [
            "Alvin Kamara",
            "William Ruto",
            "Nana Akufo-Addo",
            "Jacob Howell",
            "Rob Novy",
            "Jumaane Williams",
        ] {
            assert_eq!(mention(&found, person).kind, Kind::Person, "{person}");
        }
    }

    #[test]
    fn family_names_alone_are_the_person_named_in_full() {
        let found = extract(
            "Chinese President Xi Jinping met South Korean President Yoon Suk Yeol and \
             Japanese Prime Minister Fumio Kishida in Beijing. Xi said the talks were \
             useful. Yoon and Kishida flew home on Friday.",
        );
        for (short, full) in [
            ("Xi", "Xi Jinping"),
            ("Yoon", "Yoon Suk Yeol"),
            ("Kishida", "Fumio Kishida"),
        ] {
            let s = mention(&found, short);
            assert_eq!(s.entity, mention(&found, full).entity, "{short}");
            assert_eq!((s.kind, s.name.as_str()), (Kind::Person, full), "{short}");
        }
    }

    #[test]
    fn a_nickname_in_quotes_stays_inside_one_persons_name() {
        let found = extract(
            "Mob boss Vincent \"the Chin\" Gigante died in prison on Monday, officials \
             said. Gigante was 77. His brother Louis Gigante, a priest, said he had been ill \
             for years. Charles \"Lucky\" Luciano once ran the family.",
        );
        let vincent = mention(&found, "Vincent \"the Chin\" Gigante");
        assert_eq!(
            (vincent.kind, vincent.name.as_str()),
            (Kind::Person, "Vincent Gigante")
        );
        // Named before his brother was: the surname alone is him.
        assert_eq!(
            mention(&found, "Gigante").entity,
            vincent.entity,
            "{found:#?}"
        );
        assert_ne!(mention(&found, "Louis Gigante").entity, vincent.entity);
        let lucky = mention(&found, "Charles \"Lucky\" Luciano");
        assert_eq!(lucky.name, "Charles Luciano");
        assert!(!texts(&found).contains(&"Chin"), "{found:#?}");
    }

    #[test]
    fn a_one_word_nickname_and_the_surname_are_a_form_of_the_name() {
        let found = Extractor::new().extract(
            "Deputy Luis Gerardo \"Jerry\" Ortiz was shot on Friday. Ortiz was 35.",
            None,
        );
        let jerry = found
            .entities
            .iter()
            .find(|e| e.name == "Luis Gerardo Ortiz")
            .unwrap_or_else(|| panic!("{found:#?}"));
        assert!(
            jerry.aliases.iter().any(|a| a == "Jerry Ortiz"),
            "{jerry:#?}"
        );
        // Written so in the article too, it is the same person, and the
        // surname alone is his though two full names end with it.
        let found = extract(
            "Deputy Jerry Ortiz was shot on Friday. Deputy Luis Gerardo \"Jerry\" Ortiz, 35, \
             was a veteran. Ortiz leaves a wife.",
        );
        let jerry = mention(&found, "Jerry Ortiz").entity;
        assert_eq!(
            mention(&found, "Luis Gerardo \"Jerry\" Ortiz").entity,
            jerry
        );
        assert_eq!(mention(&found, "Ortiz").entity, jerry, "{found:#?}");
    }

    #[test]
    fn a_surname_after_the_full_name_is_that_person() {
        let found = extract(
            "Prime Minister Theresa May met Angela Merkel in Berlin on Monday. May told \
             reporters the talks had gone well, and Merkel agreed.",
        );
        for (short, full) in [("May", "Theresa May"), ("Merkel", "Angela Merkel")] {
            let s = mention(&found, short);
            assert_eq!(s.kind, Kind::Person, "{short}: {found:#?}");
            assert_eq!(s.entity, mention(&found, full).entity, "{short}");
        }
    }

    #[test]
    fn an_entity_is_named_by_its_most_frequent_complete_form() {
        let found = extract(
            "Donald Trump visited Ohio on Monday. Trump's speech was long, and Trump \
             said he would return to The Associated Press offices. Donald Trump then \
             left, and the Associated Press reported it.",
        );
        let trump = mention(&found, "Trump");
        assert_eq!(trump.name, "Donald Trump", "{found:#?}");
        assert_eq!(mention(&found, "Donald Trump").entity, trump.entity);
        assert_eq!(
            mention(&found, "The Associated Press").name,
            "Associated Press"
        );
    }

    #[test]
    fn a_bracketed_acronym_is_its_long_form() {
        let found =
            extract("On Friday the World Health Organization (WHO) warned that cases were rising.");
        let who = mention(&found, "WHO");
        assert_eq!(who.kind, Kind::Organization);
        assert_eq!(
            who.entity,
            mention(&found, "World Health Organization").entity
        );
    }

    #[test]
    fn gazetteer_names_only_for_what_the_text_names() {
        let found = extract(
            "Flights from Britain to Florida and Islamabad resumed. The UK said so, and \
             pilgrims prayed to God.",
        );
        // A listed alias gets the standard name; a city keeps the name the
        // text gives it (no alternate spelling of another city).
        assert_eq!(mention(&found, "Britain").name, "United Kingdom");
        assert_eq!(
            mention(&found, "UK").entity,
            mention(&found, "Britain").entity
        );
        assert_eq!(mention(&found, "Florida").name, "Florida");
        assert_eq!(mention(&found, "Islamabad").name, "Islamabad");
        assert!(
            found
                .iter()
                .all(|f| f.name != "Göd" && f.name != "Chattogram")
        );
    }

    #[test]
    fn a_run_of_ampersands_is_no_name() {
        let body = format!("Officials said {}Tripoli was calm.", "& ".repeat(50));
        let found = extract(&body);
        for f in &found {
            assert!(
                f.text.chars().next().is_some_and(char::is_alphanumeric),
                "{f:?}"
            );
            assert!(f.text.split_whitespace().count() <= 12, "{f:?}");
        }
        mention(&found, "Tripoli");
    }

    /// Ten thousand paragraphs naming the same three entities: every
    /// mention is found and linked to one of them (the speed of this is
    /// the extract bench's `extract_repeated_names`).
    #[test]
    fn a_long_article_repeating_three_names_links_every_mention() {
        let body = "Haftar met Erdogan in Ankara.\n\n".repeat(10_000);
        let found = Extractor::new().extract(&body, None);
        assert_eq!(found.mentions.len(), 30_000);
        let mut names: Vec<&str> = found.entities.iter().map(|e| e.name.as_str()).collect();
        names.sort();
        assert_eq!(names, ["Ankara", "Erdogan", "Haftar"]);
        let count = |name: &str| {
            let id = found.entities.iter().position(|e| e.name == name).unwrap();
            found
                .mentions
                .iter()
                .filter(|m| m.entity as usize == id)
                .count()
        };
        assert_eq!(
            [count("Haftar"), count("Erdogan"), count("Ankara")],
            [10_000; 3]
        );
    }
}
