//! The full-text index against a naive scan of the same texts: random
//! corpora, random batches, replacements, removals and merges in flight.

use std::collections::BTreeMap;

use lede::base::names::fold;
use lede::text_index::words::words;
use lede::text_index::{ArticleTerms, Found, Hit, Match, Pattern, TextIndex, find};
use proptest::prelude::*;

/// Words to draw texts from: case and diacritic variants of a few, words
/// sharing prefixes, CJK, and punctuation between them.
const VOCAB: &[&str] = &[
    "oil",
    "Oil",
    "OIL",
    "oils",
    "soil",
    "port",
    "ports",
    "Ports",
    "sirte",
    "Sirte",
    "SIRTE",
    "erdoğan",
    "Erdogan",
    "ERDOĞAN",
    "straße",
    "STRASSE",
    "café",
    "cafe\u{301}",
    "al-Qaeda",
    "al",
    "qaeda",
    "北京",
    "東京",
    "Москва",
    "москва",
    "a",
    "an",
    "and",
    "ant",
    "x1",
    "3.5",
    "Haftar's",
    "haftar",
    "—",
    ",",
    "\n\n",
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(VOCAB), 0..30).prop_map(|w| w.join(" "))
}

#[derive(Clone, Debug)]
enum Op {
    /// Add (or replace) article `id` with this title and body.
    Add(u32, String, String),
    Remove(u32),
    /// Build what waits into a segment.
    Build,
    /// Start a merge now; finish it `Finish` ops later.
    StartMerge,
    Finish,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        6 => (0u32..24, text(), text()).prop_map(|(i, t, b)| Op::Add(i, t, b)),
        1 => (0u32..24).prop_map(Op::Remove),
        2 => Just(Op::Build),
        1 => Just(Op::StartMerge),
        1 => Just(Op::Finish),
    ]
}

/// What a naive scan of the current texts says a query matches.
fn naive(texts: &BTreeMap<u32, (String, String)>, m: Match) -> Vec<Hit> {
    let hit = |w: &String| match m {
        Match::Word(q) => w == q,
        Match::Prefix(q) => w.starts_with(q),
    };
    let mut out = Vec::new();
    for (&id, (title, body)) in texts {
        let title = words(title).iter().any(hit);
        let body = words(body).iter().filter(|w| hit(w)).count() as u32;
        if title || body > 0 {
            out.push(Hit {
                article: id,
                body,
                title,
            });
        }
    }
    out
}

fn queries() -> Vec<String> {
    let mut q: Vec<String> = VOCAB.iter().flat_map(|w| words(w)).collect();
    q.extend(["o", "oi", "s", "e", "erdo", "stra", "", "q", "zzz", "北"].map(String::from));
    q.sort();
    q.dedup();
    q
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn the_index_agrees_with_a_naive_scan(ops in prop::collection::vec(op(), 1..60)) {
        let mut index = TextIndex::new();
        let mut texts: BTreeMap<u32, (String, String)> = BTreeMap::new();
        let mut merges = Vec::new();
        for op in ops {
            match op {
                Op::Add(id, title, body) => {
                    index.add(id, ArticleTerms::new(&title, &body));
                    texts.insert(id, (title, body));
                }
                Op::Remove(id) => {
                    index.remove(id);
                    texts.remove(&id);
                }
                Op::Build => {
                    if let Some(job) = index.take_batch() {
                        index.add_segment(job.run());
                    }
                }
                Op::StartMerge => {
                    if let Some(job) = index.merge_all_job() {
                        merges.push(job);
                    }
                }
                Op::Finish => {
                    if let Some(job) = merges.pop() {
                        index.finish_merge(job.run());
                    }
                }
            }
        }
        // Whatever is in flight lands, then everything is built.
        for job in merges.drain(..) {
            index.finish_merge(job.run());
        }
        if let Some(job) = index.take_batch() {
            index.add_segment(job.run());
        }
        prop_assert_eq!(index.len(), texts.len());
        for q in queries() {
            for m in [Match::Word(&q), Match::Prefix(&q)] {
                let (got, want) = (index.lookup(m), naive(&texts, m));
                prop_assert_eq!(got.as_slice(), want.as_slice(), "{:?}", m);
            }
        }
        // And again once compacted into one segment.
        index.build_now();
        prop_assert!(index.segments() <= 1);
        for q in queries() {
            for m in [Match::Word(&q), Match::Prefix(&q)] {
                let (got, want) = (index.lookup(m), naive(&texts, m));
                prop_assert_eq!(got.as_slice(), want.as_slice(), "{:?}", m);
            }
        }
    }

    #[test]
    fn phrases_are_found_where_a_naive_search_of_the_folded_text_finds_them(
        body in text(),
        phrase in prop::sample::select(vec!["oil", "oil port", "a", "an", "il p", "sse", "strasse", "cafe", "k", "北京", "qaeda's", "s a"]),
    ) {
        let got: Vec<(usize, usize)> = find(&body, &[Pattern::phrase(phrase)])
            .iter()
            .map(|f| (f.start, f.end))
            .collect();
        prop_assert_eq!(got, naive_phrase(&body, &fold(phrase)));
    }

    #[test]
    fn word_hits_are_the_words_that_fold_to_the_query(body in text(), q in prop::sample::select(queries())) {
        let found = find(&body, &[Pattern::words(&q), Pattern::prefix(&q)]);
        for Found { start, end, pattern } in &found {
            prop_assert!(body.is_char_boundary(*start) && body.is_char_boundary(*end));
            let w = fold(&body[*start..*end]);
            if *pattern == 0 {
                prop_assert_eq!(&w, &q);
            } else {
                prop_assert!(w.starts_with(q.as_str()));
            }
        }
        let whole = found.iter().filter(|f| f.pattern == 0).count();
        let prefixed = found.iter().filter(|f| f.pattern == 1).count();
        let ws = words(&body);
        if !q.is_empty() {
            prop_assert_eq!(whole, ws.iter().filter(|w| **w == q).count());
            prop_assert_eq!(prefixed, ws.iter().filter(|w| w.starts_with(q.as_str())).count());
        }
    }
}

/// The folded text with where each byte came from, then leftmost
/// non-overlapping `str::find`.
fn naive_phrase(text: &str, phrase: &str) -> Vec<(usize, usize)> {
    let mut folded = String::new();
    let mut origin: Vec<(usize, usize)> = Vec::new();
    let mut space = false;
    for (at, c) in text.char_indices() {
        let before = folded.len();
        if c.is_whitespace() {
            if space {
                continue;
            }
            space = true;
            folded.push(' ');
        } else {
            space = false;
            folded.push_str(&fold(&c.to_string()));
        }
        origin.extend((before..folded.len()).map(|_| (at, at + c.len_utf8())));
    }
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = folded[from..].find(phrase) {
        let (s, e) = (from + i, from + i + phrase.len());
        out.push((origin[s].0, origin[e - 1].1));
        from = e;
    }
    out
}

#[test]
fn search_intersects_the_typed_words_and_takes_the_last_as_a_prefix() {
    let mut index = TextIndex::new();
    index.add(
        0,
        ArticleTerms::new("Al-Qaeda claims attack", "al Qaeda said"),
    );
    index.add(1, ArticleTerms::new("", "Qaeda and the Alps"));
    index.add(2, ArticleTerms::new("", "alpine qaedas"));
    index.build_now();
    let ids = |h: lede::text_index::Hits| h.articles().collect::<Vec<_>>();
    assert_eq!(ids(index.search("al-qaeda", false)), [0]);
    // `al` is a whole word (only the last is a prefix): not `alpine`.
    assert_eq!(ids(index.search("AL QAED", true)), [0]);
    assert_eq!(ids(index.search("qaeda alp", true)), [1]);
    assert_eq!(ids(index.search("alp", true)), [1, 2]);
    assert_eq!(ids(index.search("alp", false)), Vec::<u32>::new());
    assert_eq!(ids(index.search(" -- ", true)), Vec::<u32>::new());
    let h = index.search("qaeda", false).get(0).unwrap();
    assert_eq!((h.body, h.title), (1, true));
}

#[test]
fn articles_are_found_only_once_their_batch_is_built() {
    let mut index = TextIndex::new();
    index.add(5, ArticleTerms::new("", "ceasefire"));
    assert!(index.lookup(Match::Word("ceasefire")).is_empty());
    assert_eq!(index.pending(), 1);
    let job = index.take_batch().unwrap();
    // Built on another thread, as a UI would.
    let segment = std::thread::spawn(move || job.run()).join().unwrap();
    index.add_segment(segment);
    assert_eq!(index.lookup(Match::Word("ceasefire")).len(), 1);
}

#[test]
fn a_segment_built_from_an_old_version_does_not_bring_it_back() {
    let mut index = TextIndex::new();
    index.add(1, ArticleTerms::new("", "old words"));
    let old = index.take_batch().unwrap();
    index.add(1, ArticleTerms::new("", "new words"));
    let new = index.take_batch().unwrap();
    // The newer batch lands first.
    index.add_segment(new.run());
    index.add_segment(old.run());
    assert!(index.lookup(Match::Word("old")).is_empty());
    assert_eq!(index.lookup(Match::Word("new")).len(), 1);
    index.remove(1);
    assert!(index.lookup(Match::Word("new")).is_empty());
    assert_eq!(index.len(), 0);
    index.build_now();
    assert_eq!(index.segments(), 0, "nothing current is left");
}

#[test]
fn merges_keep_the_segment_count_small() {
    let mut index = TextIndex::new();
    for batch in 0..40u32 {
        for i in 0..10 {
            let id = batch * 10 + i;
            index.add(id, ArticleTerms::new("", &format!("common w{id}")));
        }
        let job = index.take_batch().unwrap();
        index.add_segment(job.run());
        while let Some(m) = index.merge_job() {
            index.finish_merge(m.run());
        }
        assert!(index.segments() <= 7, "{} segments", index.segments());
    }
    assert_eq!(index.lookup(Match::Word("common")).len(), 400);
    assert_eq!(index.lookup(Match::Prefix("w39")).len(), 11);
}
