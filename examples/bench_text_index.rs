//! The full-text index at scale: build cost per article on one core,
//! memory, and query latency for common words, rare words and prefixes of
//! one to three letters, with what a keystroke costs while a word is typed.
//!
//!     cargo run --release --example bench_text_index -- [DIR] [--zipf N] [--fts5]
//!
//! DIR is a generated corpus (`cargo run --release --example gen_corpus --
//! 100000 /tmp/gen100k`; default /tmp/lede-bench/100000). Its vocabulary is
//! small (a few thousand words recombined), so `--zipf N` also builds N
//! articles of ~750 words drawn from two million distinct words by Zipf's
//! law, as natural text has them (most words rare, a long tail of names,
//! numbers and typos). `--fts5` measures SQLite FTS5 over the same texts.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use lede::corpus::load::{parse_file, walk};
use lede::text_index::{ArticleTerms, BATCH, Match, TextIndex};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |name: &str| args.iter().position(|a| a == name);
    let zipf = flag("--zipf").and_then(|i| args.get(i + 1)?.parse::<usize>().ok());
    let fts5 = flag("--fts5").is_some();
    let dir = args
        .iter()
        .enumerate()
        .find(|(i, a)| !a.starts_with("--") && (*i == 0 || args[i - 1] != "--zipf"))
        .map(|(_, a)| PathBuf::from(a))
        .unwrap_or_else(|| PathBuf::from("/tmp/lede-bench/100000"));

    if dir.exists() {
        println!("== generated corpus {}", dir.display());
        let texts = read_corpus(&dir);
        bench("generated", texts.len(), |f| {
            for (t, b) in &texts {
                f(t, b)
            }
        });
        if fts5 {
            bench_fts5(&texts);
        }
    } else {
        println!("(no corpus at {}: skipped)", dir.display());
    }
    if let Some(n) = zipf {
        println!("== Zipf corpus, {n} articles");
        let mut zipf_words = Zipf::new(2_000_000, 1.0);
        let texts: Vec<(String, String)> = (0..n).map(|_| zipf_words.article()).collect();
        let bytes: usize = texts.iter().map(|(t, b)| t.len() + b.len()).sum();
        println!(
            "corpus: {:.0} MB, {:.1} KB an article",
            mb(bytes),
            bytes as f64 / n as f64 / 1024.0
        );
        bench("zipf", n, |f| {
            for (t, b) in &texts {
                f(t, b)
            }
        });
        if fts5 {
            bench_fts5(&texts);
        }
    }
}

fn mb(b: usize) -> f64 {
    b as f64 / 1e6
}

fn read_corpus(dir: &Path) -> Vec<(String, String)> {
    let mut texts = Vec::new();
    walk(
        &[dir.to_path_buf()],
        &mut |path, _| {
            for a in parse_file(&path).articles {
                texts.push((a.meta.title, a.body));
            }
            true
        },
        &mut |_| {},
    );
    let bytes: usize = texts.iter().map(|(t, b)| t.len() + b.len()).sum();
    println!(
        "corpus: {} articles, {:.0} MB, {:.1} KB an article",
        texts.len(),
        mb(bytes),
        bytes as f64 / texts.len() as f64 / 1024.0
    );
    texts
}

/// Builds the index as the reader would (terms per article, batches,
/// merges as they fall due), then times queries.
fn bench(name: &str, n: usize, each: impl Fn(&mut dyn FnMut(&str, &str))) {
    // 1. Words of each article (what a worker does beside extraction).
    let mut all_terms = Vec::with_capacity(n);
    let t = Instant::now();
    each(&mut |title, body| all_terms.push(ArticleTerms::new(title, body)));
    let terms_time = t.elapsed();
    let distinct: usize = all_terms.iter().map(ArticleTerms::len).sum();

    // 2. Batches into segments, merges as the policy asks, on this thread.
    let mut index = TextIndex::new();
    let (mut build, mut merge) = (Duration::ZERO, Duration::ZERO);
    let mut adds = Vec::with_capacity(n);
    for (id, terms) in all_terms.into_iter().enumerate() {
        let t = Instant::now();
        index.add(id as u32, terms);
        adds.push(t.elapsed());
        if index.pending() >= BATCH {
            let t = Instant::now();
            let job = index.take_batch().expect("a batch");
            index.add_segment(job.run());
            build += t.elapsed();
            let t = Instant::now();
            while let Some(job) = index.merge_job() {
                index.finish_merge(job.run());
            }
            merge += t.elapsed();
        }
    }
    let t = Instant::now();
    if let Some(job) = index.take_batch() {
        index.add_segment(job.run());
    }
    build += t.elapsed();
    let per = |d: Duration| d.as_secs_f64() * 1e6 / n as f64;
    println!(
        "[{name}] words of an article: {:.1} µs; batch build {:.1} µs, merges {:.1} µs an article (one core); {} distinct words an article",
        per(terms_time),
        per(build),
        per(merge),
        distinct / n.max(1)
    );
    adds.sort();
    let add_at = |q: f64| adds[((adds.len() - 1) as f64 * q) as usize].as_secs_f64() * 1e6;
    println!(
        "[{name}] add on the UI thread: median {:.2} µs, p99.9 {:.1} µs, max {:.1} µs",
        add_at(0.5),
        add_at(0.999),
        add_at(1.0)
    );
    let bytes = index.heap_bytes();
    println!(
        "[{name}] as loaded: {} segments, {:.1} MB, {:.0} bytes an article",
        index.segments(),
        mb(bytes),
        bytes as f64 / n as f64
    );
    queries(name, &index);
    let t = Instant::now();
    index.build_now();
    println!(
        "[{name}] final merge into one segment: {:.2} s",
        t.elapsed().as_secs_f64()
    );
    let bytes = index.heap_bytes();
    let mut terms = 0usize;
    let mut postings = 0usize;
    index.for_each_word(|_, n| {
        terms += 1;
        postings += n;
    });
    println!(
        "[{name}] one segment: {:.1} MB, {:.0} bytes an article; {terms} distinct words, {postings} postings ({:.2} bytes a posting with the dictionary)",
        mb(bytes),
        bytes as f64 / n as f64,
        bytes as f64 / postings as f64
    );
    queries(name, &index);
}

/// Median, p99 and maximum of each kind of query.
fn queries(name: &str, index: &TextIndex) {
    let mut vocab: Vec<(String, usize)> = Vec::new();
    index.for_each_word(|w, n| vocab.push((w.to_string(), n)));
    vocab.sort();
    vocab.dedup_by(|b, a| {
        if a.0 == b.0 {
            a.1 += b.1;
            true
        } else {
            false
        }
    });
    let mut by_df = vocab.clone();
    by_df.sort_by_key(|w| std::cmp::Reverse(w.1));
    let common: Vec<String> = by_df.iter().take(50).map(|w| w.0.clone()).collect();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    // The rarest words (most of a natural vocabulary is in one article).
    let mut by_rarity: Vec<&(String, usize)> = vocab.iter().collect();
    by_rarity.sort_by_key(|w| (w.1, lede::base::hash::hash_bytes(w.0.as_bytes())));
    let rare: Vec<String> = by_rarity.iter().take(200).map(|w| w.0.clone()).collect();
    if let (Some(a), Some(b)) = (
        by_rarity.first(),
        by_rarity.get(199.min(by_rarity.len() - 1)),
    ) {
        println!(
            "[{name}] rare words: the 200 rarest, in {}-{} articles",
            a.1, b.1
        );
    }
    // Prefixes as typed: the start of words drawn as text draws them
    // (weighted by how many articles have them).
    let total: usize = vocab.iter().map(|w| w.1).sum();
    let typed: Vec<&String> = (0..300)
        .map(|_| {
            let mut r = rng.below(total.max(1));
            let mut i = 0;
            while i + 1 < vocab.len() && r >= vocab[i].1 {
                r -= vocab[i].1;
                i += 1;
            }
            &vocab[i].0
        })
        .collect();
    let prefixes = |k: usize| -> Vec<String> {
        typed
            .iter()
            .filter(|w| w.chars().count() >= k)
            .map(|w| w.chars().take(k).collect())
            .collect()
    };
    let report = |what: &str, qs: &[String], prefix: bool| {
        let mut times = Vec::new();
        let mut hits = 0usize;
        for _ in 0..3 {
            for q in qs {
                let t = Instant::now();
                let h = if prefix {
                    index.lookup(Match::Prefix(q))
                } else {
                    index.lookup(Match::Word(q))
                };
                times.push(t.elapsed());
                hits += h.len();
            }
        }
        let mean = hits / times.len().max(1);
        print_times(name, what, &mut times, mean);
    };
    report("common words (50 most frequent)", &common, false);
    report("rare words", &rare, false);
    report("1-letter prefixes", &prefixes(1), true);
    report("2-letter prefixes", &prefixes(2), true);
    report("3-letter prefixes", &prefixes(3), true);
    // A keystroke while typing a word: the query so far, its last word a
    // prefix (what the filter asks at every key).
    let mut times = Vec::new();
    let mut hits = 0;
    for w in typed.iter().take(100) {
        let mut q = String::new();
        for c in w.chars() {
            q.push(c);
            let t = Instant::now();
            hits += index.search(&q, true).len();
            times.push(t.elapsed());
        }
    }
    let mean = hits / times.len().max(1);
    print_times(name, "keystrokes typing 100 words", &mut times, mean);
}

fn print_times(name: &str, what: &str, times: &mut [Duration], mean_hits: usize) {
    if times.is_empty() {
        println!("[{name}] {what}: no queries");
        return;
    }
    times.sort();
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize].as_secs_f64() * 1e3;
    println!(
        "[{name}] {what}: median {:.3} ms, p99 {:.3} ms, max {:.3} ms ({} queries, {mean_hits} articles on average)",
        at(0.5),
        at(0.99),
        at(1.0),
        times.len()
    );
}

/// SQLite FTS5 over the same texts, in memory: build time, size, queries.
fn bench_fts5(texts: &[(String, String)]) {
    let db = rusqlite::Connection::open_in_memory().expect("sqlite");
    db.execute_batch(
        "CREATE VIRTUAL TABLE t USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3', detail = column);",
    )
    .expect("fts5");
    let t = Instant::now();
    {
        let tx = db.unchecked_transaction().expect("tx");
        {
            let mut ins = tx
                .prepare("INSERT INTO t(rowid, title, body) VALUES (?1, ?2, ?3)")
                .expect("insert");
            for (i, (title, body)) in texts.iter().enumerate() {
                ins.execute(rusqlite::params![i as i64, title, body])
                    .expect("row");
            }
        }
        tx.commit().expect("commit");
    }
    db.execute_batch("INSERT INTO t(t) VALUES('optimize');")
        .expect("optimize");
    let build = t.elapsed();
    let pages: i64 = db
        .query_row(
            "SELECT sum(pgsize) FROM dbstat WHERE name LIKE 't_%' AND name != 't_content'",
            [],
            |r| r.get(0),
        )
        .unwrap_or(-1);
    let pages_all: i64 = db
        .query_row("PRAGMA page_count", [], |r| r.get(0))
        .unwrap_or(-1);
    let page_size: i64 = db
        .query_row("PRAGMA page_size", [], |r| r.get(0))
        .unwrap_or(0);
    println!(
        "[fts5] build {:.1} µs an article; database {:.0} MB ({:.0} MB of index without the stored text{})",
        build.as_secs_f64() * 1e6 / texts.len() as f64,
        mb((pages_all * page_size) as usize),
        mb(pages.max(0) as usize),
        if pages < 0 {
            ": dbstat not compiled in"
        } else {
            ""
        }
    );
    let mut stmt = db
        .prepare("SELECT rowid FROM t WHERE t MATCH ?1")
        .expect("query");
    let mut run = |what: &str, qs: Vec<String>| {
        let mut times = Vec::new();
        let mut hits = 0usize;
        for q in &qs {
            let t = Instant::now();
            let n = stmt
                .query_map([q], |r| r.get::<_, i64>(0))
                .map(|rows| rows.count())
                .unwrap_or(0);
            times.push(t.elapsed());
            hits += n;
        }
        let mean = hits / times.len().max(1);
        print_times("fts5", what, &mut times, mean);
    };
    run(
        "common words",
        ["said", "the", "forces", "of", "city"]
            .iter()
            .map(|w| format!("\"{w}\""))
            .collect(),
    );
    run(
        "1-letter prefixes",
        "abcdefghst".chars().map(|c| format!("{c}*")).collect(),
    );
    run(
        "2-letter prefixes",
        ["ha", "si", "co", "mi", "tr", "pr"]
            .iter()
            .map(|p| format!("{p}*"))
            .collect(),
    );
    run(
        "3-letter prefixes",
        ["haf", "sir", "com", "mil", "tri", "pro"]
            .iter()
            .map(|p| format!("{p}*"))
            .collect(),
    );
}

/// xorshift64*: deterministic, good enough for picking words.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Articles whose words follow Zipf's law over a large vocabulary of
/// made-up words (syllables, a few with diacritics), as natural text does.
struct Zipf {
    rng: Rng,
    cdf: Vec<f64>,
    words: Vec<String>,
}

impl Zipf {
    fn new(vocab: usize, s: f64) -> Zipf {
        let mut rng = Rng(0x1234_5678_9abc_def1);
        const SYL: &[&str] = &[
            "ka", "ri", "to", "ma", "ne", "sa", "lo", "ve", "di", "an", "el", "or", "us", "bra",
            "tin", "qu", "zé", "mö", "ğa", "st", "ch", "ph", "ll", "x", "y", "en", "ar", "i", "o",
            "u",
        ];
        let mut words = Vec::with_capacity(vocab);
        let mut seen = std::collections::HashSet::new();
        while words.len() < vocab {
            let syllables = 1 + rng.below(4) + rng.below(2);
            let mut w: String = (0..syllables).map(|_| SYL[rng.below(SYL.len())]).collect();
            if rng.below(20) == 0 {
                w.push_str(&rng.below(1000).to_string());
            }
            if seen.insert(w.clone()) {
                words.push(w);
            }
        }
        let mut cdf = Vec::with_capacity(vocab);
        let mut sum = 0.0;
        for r in 1..=vocab {
            sum += 1.0 / (r as f64).powf(s);
            cdf.push(sum);
        }
        for c in &mut cdf {
            *c /= sum;
        }
        Zipf { rng, cdf, words }
    }

    fn word(&mut self) -> &str {
        let u = (self.rng.next() >> 11) as f64 / (1u64 << 53) as f64;
        let i = self
            .cdf
            .partition_point(|&c| c < u)
            .min(self.words.len() - 1);
        &self.words[i]
    }

    fn article(&mut self) -> (String, String) {
        let title: Vec<String> = (0..8).map(|_| self.word().to_string()).collect();
        let mut body = String::with_capacity(5000);
        let n = 600 + self.rng.below(300);
        for k in 0..n {
            if k > 0 {
                body.push_str(if k % 120 == 0 { ".\n\n" } else { " " });
            }
            let capital = self.rng.below(8) == 0;
            let w = self.word().to_string();
            if capital {
                let mut c = w.chars();
                if let Some(f) = c.next() {
                    body.extend(f.to_uppercase());
                    body.push_str(c.as_str());
                }
            } else {
                body.push_str(&w);
            }
        }
        (title.join(" "), body)
    }
}
