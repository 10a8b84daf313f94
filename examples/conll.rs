//! Tags a CoNLL file with the tagger and prints predictions for
//! `ner_eval.py`: one JSON line per sentence,
//! `{"tokens": [...], "spans": [[start, end_exclusive, "PER"], ...]}`.
//!
//! ```sh
//! cargo run --release --example conll -- /work/shared/ner/conll2003/dev.txt [--model PATH] > pred.jsonl
//! python3 /work/shared/ner/ner_eval.py /work/shared/ner/conll2003/dev.txt pred.jsonl
//! ```
//!
//! Documents are split at `-DOCSTART-` and each is tagged whole, on its
//! given tokens, by what `lede` itself runs: the tagger, the rules and
//! in-document linking (which settles each entity's kind). `--tagger-only`
//! scores the model alone; `--model PATH` swaps in another model (and
//! implies `--tagger-only`); `--without-pass NAME` (repeatable) switches a
//! rule pass off, to measure what it does (the names are those of the
//! table in `src/entities/rules/mod.rs`; an unknown one lists them).
//!
//! `conll --archive FILE.txt` reads the documents as one archive of
//! articles (each document's tokens joined by spaces), runs what
//! `lede extract` runs (extraction, then corpus-wide resolution) and
//! prints how often a mention found with the gold span gets the gold kind:
//! as its article alone decides it, and as the archive does (the kind of
//! the entity it resolves to), with the archive's confusions.
//!
//! `conll --seeds [--model PATH]` instead prints the bundled sample
//! articles with the entities the tagger found marked `[Khalifa
//! Haftar]PER:31.0` (and its margin), and below a sentence what the rules
//! made of it where that differs; `conll --text FILE` (repeatable) does
//! the same for any text file.

use std::collections::HashMap;
use std::io::{BufWriter, Write};
use std::process::ExitCode;
use std::time::Instant;

use lede::corpus::ArticleMeta;
use lede::entities::tagger::Tagger;
use lede::entities::tagger::conll::{LabeledDocument, read_conll};
use lede::entities::tokens::{sentence_spans, tokenize};
use lede::entities::{ArticleEntities, Extractor, Kind};
use lede::resolve::resolve_corpus;

/// Prints texts with the entities found marked: each sentence as the
/// tagger alone marks it (`[Khalifa Haftar]PER:31.0`, with its margin),
/// then, where they differ, as the extractor's names (tagger and rules)
/// mark it (`=> [Haftar]PER`).
fn show_marked(tagger: &Tagger, extractor: &Extractor, texts: &[(String, String)]) {
    for (id, body) in texts {
        let tokens = tokenize(body);
        let ranges = sentence_spans(body, &tokens);
        let sentences: Vec<Vec<&str>> = ranges
            .iter()
            .map(|r| tokens[r.clone()].iter().map(|t| t.text(body)).collect())
            .collect();
        let words: Vec<&str> = sentences.iter().flatten().copied().collect();
        let (names, _) = extractor.names(&words, &ranges);
        println!("== {id}");
        for ((words, spans), r) in sentences
            .iter()
            .zip(tagger.tag_document(&sentences))
            .zip(&ranges)
        {
            let mark = |marks: &[(usize, usize, String)]| {
                let mut line = String::new();
                let mut i = 0;
                for (start, end, label) in marks {
                    line += &words[i..*start].join(" ");
                    line += &format!(" [{}]{label} ", words[*start..*end].join(" "));
                    i = *end;
                }
                line += &words[i..].join(" ");
                line.trim().to_string()
            };
            let tagged: Vec<(usize, usize, String)> = spans
                .iter()
                .map(|s| {
                    let label = format!("{}:{:.1}", s.kind.conll().unwrap_or("?"), s.score);
                    (s.start, s.end, label)
                })
                .collect();
            let found: Vec<(usize, usize, String)> = names
                .iter()
                .filter(|s| r.start <= s.start && s.end <= r.end)
                .map(|s| {
                    let label = s.kind.conll().unwrap_or("?").to_string();
                    (s.start - r.start, s.end - r.start, label)
                })
                .collect();
            let plain = |m: &[(usize, usize, String)]| -> Vec<(usize, usize)> {
                m.iter().map(|(a, b, _)| (*a, *b)).collect()
            };
            println!("{}", mark(&tagged));
            let kinds_differ = tagged
                .iter()
                .zip(&found)
                .any(|(a, b)| !a.2.starts_with(b.2.as_str()));
            if plain(&tagged) != plain(&found) || kinds_differ {
                println!("  => {}", mark(&found));
            }
            println!();
        }
    }
}

/// Scores the kinds of the mentions found with their gold span, as each
/// article decides them and as the archive does (`--archive`).
fn score_archive(extractor: &Extractor, docs: &[LabeledDocument]) {
    let mut texts = Vec::with_capacity(docs.len());
    let mut golds: Vec<HashMap<(u32, u32), Kind>> = Vec::with_capacity(docs.len());
    for doc in docs {
        let mut text = String::new();
        let mut gold = HashMap::new();
        for s in doc {
            let mut at = Vec::with_capacity(s.tokens.len());
            for (i, t) in s.tokens.iter().enumerate() {
                if i > 0 {
                    text.push(' ');
                }
                at.push((text.len() as u32, (text.len() + t.len()) as u32));
                text.push_str(t);
            }
            for &(start, end, kind) in &s.entities {
                gold.insert((at[start].0, at[end - 1].1), kind);
            }
            text.push_str("\n\n");
        }
        texts.push(text);
        golds.push(gold);
    }
    let found: Vec<ArticleEntities> = texts.iter().map(|t| extractor.extract(t, None)).collect();
    let metas: Vec<ArticleMeta> = (0..docs.len())
        .map(|i| ArticleMeta {
            id: format!("doc{i:04}"),
            path: "conll".into(),
            ..ArticleMeta::default()
        })
        .collect();
    let resolved = resolve_corpus(metas.iter().zip(found.iter().cloned()));
    let res = &resolved.resolution;
    let (mut n, mut article_right, mut archive_right) = (0, 0, 0);
    let mut confusions: HashMap<(Kind, Kind), u32> = HashMap::new();
    for (a, (f, gold)) in found.iter().zip(&golds).enumerate() {
        for (m, surface) in f.mentions.iter().zip(&resolved.mentions[a]) {
            let Some(&want) = gold.get(&(m.start, m.end)) else {
                continue;
            };
            let article = f.entities[m.entity as usize].kind;
            let archive = res.entity(res.entity_in(a as u32, surface.entity)).kind;
            n += 1;
            article_right += u32::from(article == want);
            archive_right += u32::from(archive == want);
            if archive != want {
                *confusions.entry((want, archive)).or_default() += 1;
            }
        }
    }
    let pct = |x: u32| 100.0 * f64::from(x) / f64::from(n.max(1));
    println!(
        "{} documents as one archive; {n} mentions found with their gold span; kind right as the article decides it {:.2}%, as the archive does {:.2}%",
        docs.len(),
        pct(article_right),
        pct(archive_right)
    );
    let mut confusions: Vec<_> = confusions.into_iter().collect();
    confusions.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    for ((want, got), count) in confusions {
        println!(
            "  gold {:<4} archive {:<6} {count}",
            want.conll().unwrap_or("?"),
            got.conll().unwrap_or("DATE")
        );
    }
}

fn run() -> Result<(), String> {
    let mut path = None;
    let mut model = None;
    let mut seeds = false;
    let mut archive = false;
    let mut tagger_only = false;
    let mut passes_off = Vec::new();
    let mut texts = Vec::new();
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--model" => model = Some(it.next().ok_or("--model needs a path")?),
            "--seeds" => seeds = true,
            "--archive" => archive = true,
            "--text" => texts.push(it.next().ok_or("--text needs a file")?),
            "--tagger-only" => tagger_only = true,
            "--without-pass" => passes_off.push(it.next().ok_or("--without-pass needs a name")?),
            s if s.starts_with('-') => return Err(format!("unknown option {s}")),
            s => path = Some(s.to_string()),
        }
    }
    let owned;
    let tagger = match &model {
        Some(m) => {
            let bytes = std::fs::read(m).map_err(|e| format!("{m}: {e}"))?;
            owned = Tagger::from_bytes(&bytes).map_err(|e| format!("{m}: {e}"))?;
            &owned
        }
        None => Tagger::embedded(),
    };
    let extractor = Extractor::new().without_passes(passes_off.iter().map(String::as_str))?;
    if seeds {
        let texts: Vec<(String, String)> = lede::corpus::bundled::sample()
            .articles
            .into_iter()
            .map(|a| (a.meta.id, a.body))
            .collect();
        show_marked(tagger, &extractor, &texts);
        return Ok(());
    }
    if !texts.is_empty() {
        let mut read = Vec::new();
        for t in &texts {
            let body = std::fs::read_to_string(t).map_err(|e| format!("{t}: {e}"))?;
            read.push((t.clone(), body));
        }
        show_marked(tagger, &extractor, &read);
        return Ok(());
    }
    let path = path.ok_or(
        "usage: conll FILE.txt [--tagger-only] [--model PATH] [--without-pass NAME]... > pred.jsonl \
         | conll --archive FILE.txt | conll --seeds | conll --text FILE",
    )?;
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
    let docs = read_conll(&text);
    if archive {
        score_archive(&extractor, &docs);
        return Ok(());
    }
    // Load the gazetteer before timing.
    tagger.tag_document(&[]);
    let started = Instant::now();
    let mut tokens = 0;
    let mut out = BufWriter::new(std::io::stdout().lock());
    let mut tagged: Vec<Vec<Vec<(usize, usize, Kind)>>> = Vec::with_capacity(docs.len());
    for doc in &docs {
        let words: Vec<Vec<&str>> = doc
            .iter()
            .map(|s| s.tokens.iter().map(String::as_str).collect())
            .collect();
        tokens += words.iter().map(Vec::len).sum::<usize>();
        if tagger_only || model.is_some() {
            tagged.push(
                tagger
                    .tag_document(&words)
                    .into_iter()
                    .map(|s| s.into_iter().map(|t| (t.start, t.end, t.kind)).collect())
                    .collect(),
            );
        } else {
            tagged.push(extractor.tag_tokens(&words));
        }
    }
    let secs = started.elapsed().as_secs_f64();
    for (doc, spans) in docs.iter().zip(&tagged) {
        for (s, spans) in doc.iter().zip(spans) {
            let spans: Vec<serde_json::Value> = spans
                .iter()
                .map(|(start, end, kind)| {
                    serde_json::json!([start, end, kind.conll().unwrap_or("MISC")])
                })
                .collect();
            let line = serde_json::json!({ "tokens": s.tokens, "spans": spans });
            writeln!(out, "{line}").map_err(|e| e.to_string())?;
        }
    }
    out.flush().map_err(|e| e.to_string())?;
    eprintln!(
        "{} documents, {} tokens tagged in {:.3}s ({:.0} tokens/s), model {:016x}",
        docs.len(),
        tokens,
        secs,
        tokens as f64 / secs,
        tagger.fingerprint()
    );
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("conll: {e}");
            ExitCode::from(2)
        }
    }
}
