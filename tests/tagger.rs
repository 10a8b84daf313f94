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

#[test]
fn organisations_and_acronyms() {
    expect(
        "On Friday the World Health Organization ( WHO ) warned that cases were rising in Nigeria and Kenya.",
        &[
            ("World Health Organization", Kind::Organization),
            ("WHO", Kind::Organization),
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
