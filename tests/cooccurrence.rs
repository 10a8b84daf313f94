//! `lede extract --cooccurrence --csv`: the edge list of the entities
//! mentioned in one sentence, parsed back with a CSV reader; the counts
//! checked against the JSON document's mentions and the sentences of
//! its bodies; names that need quoting survive the round trip.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::process::{Command, Output};

use lede::corpus::sentences::sentences;

fn lede(args: &[&str]) -> Output {
    let cache = tempfile::tempdir().unwrap();
    Command::new(env!("CARGO_BIN_EXE_lede"))
        .args(args)
        .env("LEDE_CACHE_DIR", cache.path())
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("lede runs")
}

type Row = (String, String, u32, u32, String, String);

fn parse(csv_text: &[u8]) -> (Vec<String>, Vec<Row>) {
    let mut r = csv::Reader::from_reader(csv_text);
    let header = r.headers().unwrap().iter().map(String::from).collect();
    let rows = r.deserialize().map(|row| row.unwrap()).collect();
    (header, rows)
}

#[test]
fn the_seeds_edges_are_the_pairs_of_the_documents_sentences() {
    let out = lede(&["extract", "--cooccurrence", "--csv", "seeds/"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (header, rows) = parse(&out.stdout);
    assert_eq!(
        header,
        [
            "source",
            "target",
            "sentences",
            "articles",
            "source_name",
            "target_name"
        ]
    );
    assert!(rows.len() > 10, "{} edges", rows.len());
    // The same counts from the JSON document: each article's mentions
    // grouped by the sentence they start in.
    let doc: serde_json::Value =
        serde_json::from_slice(&lede(&["extract", "--json", "seeds/"]).stdout).unwrap();
    let mut want: BTreeMap<(String, String), (u32, u32)> = BTreeMap::new();
    for a in doc["articles"].as_array().unwrap() {
        let body = a["body"].as_str().unwrap();
        let mut in_article = BTreeSet::new();
        for s in sentences(body) {
            let ids: BTreeSet<String> = a["mentions"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|m| s.contains(&(m["start"].as_u64().unwrap() as usize)))
                .map(|m| m["entity"].as_str().unwrap().to_string())
                .collect();
            let ids: Vec<String> = ids.into_iter().collect();
            for (i, x) in ids.iter().enumerate() {
                for y in &ids[i + 1..] {
                    let key = (x.clone(), y.clone());
                    want.entry(key.clone()).or_default().0 += 1;
                    in_article.insert(key);
                }
            }
        }
        for key in in_article {
            want.entry(key).or_default().1 += 1;
        }
    }
    let names: BTreeMap<String, String> = doc["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["id"].as_str().unwrap().into(),
                e["name"].as_str().unwrap().into(),
            )
        })
        .collect();
    let mut got = BTreeMap::new();
    for (a, b, sentences, articles, an, bn) in &rows {
        assert_ne!(a, b);
        assert_eq!((&names[a], &names[b]), (an, bn));
        let key = if a < b {
            (a.clone(), b.clone())
        } else {
            (b.clone(), a.clone())
        };
        assert!(
            got.insert(key, (*sentences, *articles)).is_none(),
            "one row a pair"
        );
    }
    assert_eq!(got, want);
    // Most shared sentences first.
    assert!(rows.windows(2).all(|w| w[0].2 >= w[1].2));
}

/// The edges are CSV: `--cooccurrence` without `--csv` is a usage
/// error (while `--csv` alone writes the mentions).
#[test]
fn cooccurrence_without_csv_is_a_usage_error() {
    let out = lede(&["extract", "--cooccurrence", "seeds/"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--csv"));
}

#[test]
fn names_that_need_quoting_come_back_whole() {
    use common::{E, article, extract};
    use lede::entities::Kind;
    let body = "Acme, \"Inc\" hired Bo\u{1b}[2Jb Li in Sirte. Bo\u{1b}[2Jb Li left.";
    let entities = [
        E(
            "Acme, \"Inc\"",
            Kind::Organization,
            &["Acme, \"Inc\""],
            None,
        ),
        E("Bo\u{1b}[2Jb Li", Kind::Person, &["Bo\u{1b}[2Jb Li"], None),
        E("Sirte", Kind::Location, &["Sirte"], None),
    ];
    let articles = vec![article("A", Some("2020-01-01"), None, body)];
    let found = vec![extract(body, &entities)];
    let resolved = lede::resolve::resolve_corpus(articles.iter().map(|a| &a.meta).zip(found));
    let all: Vec<usize> = (0..articles.len()).collect();
    let edges =
        lede::output::cooccurrence(&articles, &resolved.mentions, &resolved.resolution, &all);
    assert_eq!(edges.len(), 3, "{edges:?}");
    let mut out = Vec::new();
    lede::output::write_cooccurrence_csv(&edges, &resolved.resolution, &mut out).unwrap();
    let text = String::from_utf8(out.clone()).unwrap();
    assert!(
        !text.contains('\u{1b}'),
        "escape sequences made inert: {text}"
    );
    let (_, rows) = parse(&out);
    let names: BTreeSet<String> = rows
        .iter()
        .flat_map(|r| [r.4.clone(), r.5.clone()])
        .collect();
    let want: BTreeSet<String> = resolved
        .resolution
        .entities()
        .iter()
        .map(|e| lede::base::inert::inert(&e.name).into_owned())
        .collect();
    assert_eq!(names, want);
    assert!(
        names.iter().any(|n| n.contains(',') && n.contains('"')),
        "a name to quote: {names:?}"
    );
    assert!(names.contains("Bo␛[2Jb Li"), "{names:?}");
    assert!(rows.iter().all(|r| (r.2, r.3) == (1, 1)));
}
