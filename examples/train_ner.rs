//! Trains the named-entity tagger on a CoNLL file and writes the model.
//!
//! ```sh
//! cargo run --release --example train_ner -- /work/shared/ner/conll2003/train.txt \
//!     [--out assets/ner.model] [--epochs N] [--seed N] [--prune W] [--dev DEV.txt]
//!     [--folds K] [--fold-epochs N] [--ensemble M] [--dict PATH|none]
//!
//! The model carries a lexicon read from `--dict`, a word list (default
//! `/usr/share/dict/american-english`, from Debian's `wamerican`
//! 2020.12.07-2: SCOWL word lists, permissive licence; `apt-get install
//! wamerican`); `--dict none` trains without one.
//! ```
//!
//! Reproducible: the same data, word list and options give a byte-identical
//! model; the defaults (`TrainOptions::default()`, the same as
//! `lede::entities::tagger::train`) make the shipped `assets/ner.model`. `--dev` scores the averaged model on a held-out
//! file after every epoch (for watching, not for training).

use std::process::ExitCode;
use std::time::Instant;

use lede::entities::features::Lexicon;
use lede::entities::tagger::conll::{LabeledDocument, Scores, read_conll, score};
use lede::entities::tagger::{KINDS, TrainOptions, Trainer, ensemble, ensemble_float};

const DEFAULT_DICT: &str = "/usr/share/dict/american-english";

struct Args {
    train: String,
    out: String,
    opts: TrainOptions,
    dev: Option<String>,
    dict: Option<String>,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        train: String::new(),
        out: "assets/ner.model".into(),
        opts: TrainOptions::default(),
        dev: None,
        dict: Some(DEFAULT_DICT.into()),
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut val = |name: &str| it.next().ok_or(format!("{name} needs a value"));
        match a.as_str() {
            "--out" => args.out = val("--out")?,
            "--epochs" => {
                args.opts.epochs = val("--epochs")?.parse().map_err(|e| format!("{e}"))?
            }
            "--seed" => args.opts.seed = val("--seed")?.parse().map_err(|e| format!("{e}"))?,
            "--prune" => args.opts.prune = val("--prune")?.parse().map_err(|e| format!("{e}"))?,
            "--dev" => args.dev = Some(val("--dev")?),
            "--dict" => {
                args.dict = Some(val("--dict")?).filter(|d| d != "none");
            }
            "--ensemble" => {
                args.opts.ensemble = val("--ensemble")?.parse().map_err(|e| format!("{e}"))?
            }
            "--folds" => args.opts.folds = val("--folds")?.parse().map_err(|e| format!("{e}"))?,
            "--fold-epochs" => {
                args.opts.fold_epochs = val("--fold-epochs")?.parse().map_err(|e| format!("{e}"))?
            }
            s if s.starts_with('-') => return Err(format!("unknown option {s}")),
            s => args.train = s.to_string(),
        }
    }
    if args.train.is_empty() {
        return Err("usage: train_ner TRAIN.txt [--out PATH] [--epochs N] [--seed N] [--prune W] [--dev DEV.txt] [--folds K] [--fold-epochs N] [--ensemble M] [--dict PATH|none]".into());
    }
    Ok(args)
}

fn load(path: &str) -> Result<Vec<LabeledDocument>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    Ok(read_conll(&text))
}

fn words(docs: &[LabeledDocument]) -> Vec<Vec<Vec<&str>>> {
    docs.iter()
        .map(|d| {
            d.iter()
                .map(|s| s.tokens.iter().map(String::as_str).collect())
                .collect()
        })
        .collect()
}

fn show(label: &str, s: &Scores) {
    let (p, r, f) = Scores::prf(s.overall);
    let mut line = format!(
        "{label}: P {:.2} R {:.2} F1 {:.2}",
        p * 100.0,
        r * 100.0,
        f * 100.0
    );
    for (k, c) in KINDS.iter().zip(&s.by_kind) {
        line += &format!(
            "  {} {:.2}",
            k.conll().unwrap_or("?"),
            Scores::prf(*c).2 * 100.0
        );
    }
    eprintln!("{line}");
}

fn run() -> Result<(), String> {
    let args = parse_args()?;
    let started = Instant::now();
    let train = load(&args.train)?;
    let dev = args.dev.as_deref().map(load).transpose()?;
    let n_tokens: usize = train.iter().flatten().map(|s| s.tokens.len()).sum();
    eprintln!(
        "{}: {} documents, {} sentences, {} tokens",
        args.train,
        train.len(),
        train.iter().map(Vec::len).sum::<usize>(),
        n_tokens
    );
    let lexicon = match &args.dict {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| format!("{path}: {e} (apt-get install wamerican, or --dict none)"))?;
            Lexicon::from_word_list(&text)
        }
        None => Lexicon::default(),
    };
    let (common, names) = lexicon.len();
    eprintln!("lexicon: {common} common words, {names} names");
    let opts = &args.opts;
    let dev_words = dev.as_ref().map(|d| words(d));
    let members = opts.ensemble.max(1);
    let mut trainers = Vec::new();
    for m in 0..members as u64 {
        let seed = opts.seed.wrapping_add(m);
        let mut trainer = Trainer::new(&train, seed, &lexicon);
        eprintln!(
            "model {}/{members} (seed {seed}): features computed, {:.1}s",
            m + 1,
            started.elapsed().as_secs_f64()
        );
        if opts.folds > 1 {
            trainer.jackknife(&train, opts.folds, opts.fold_epochs, |k| {
                eprintln!(
                    "document context: fold {k}/{} done, {:.1}s",
                    opts.folds,
                    started.elapsed().as_secs_f64()
                )
            });
        }
        for _ in 0..opts.epochs {
            let st = trainer.epoch();
            eprintln!(
                "epoch {:2}: {} tokens, {:.2}% wrong while training, {:.1}s",
                st.epoch,
                st.tokens,
                100.0 * st.errors as f64 / st.tokens.max(1) as f64,
                st.seconds
            );
            if let (Some(dev), Some(dw)) = (&dev, &dev_words) {
                let tagger = trainer.model(opts.prune);
                let pred: Vec<_> = dw.iter().map(|d| tagger.tag_document(d)).collect();
                show("  dev (pruned, quantised)", &score(dev, &pred));
            }
        }
        if let (Some(dev), Some(dw)) = (&dev, &dev_words) {
            let float = trainer.float_model();
            let pred: Vec<_> = dw.iter().map(|d| float.tag_document(d)).collect();
            show("dev (averaged f32, unpruned)", &score(dev, &pred));
        }
        trainers.push(trainer);
    }
    let tagger = ensemble(&trainers, opts.prune);
    if let (Some(dev), Some(dw)) = (&dev, &dev_words)
        && members > 1
    {
        let float = ensemble_float(&trainers);
        let pred: Vec<_> = dw.iter().map(|d| float.tag_document(d)).collect();
        show("dev (ensemble, f32, unpruned)", &score(dev, &pred));
        let unpruned = ensemble(&trainers, 0.0);
        let pred: Vec<_> = dw.iter().map(|d| unpruned.tag_document(d)).collect();
        show(
            &format!(
                "dev (ensemble, quantised, unpruned: {} bytes)",
                unpruned.to_bytes().len()
            ),
            &score(dev, &pred),
        );
        let pred: Vec<_> = dw.iter().map(|d| tagger.tag_document(d)).collect();
        show("dev (ensemble, pruned, quantised)", &score(dev, &pred));
    }
    let bytes = tagger.to_bytes();
    std::fs::write(&args.out, &bytes).map_err(|e| format!("{}: {e}", args.out))?;
    eprintln!(
        "wrote {}: {} bytes, {} features, fingerprint {:016x}, total {:.1}s",
        args.out,
        bytes.len(),
        tagger.num_features(),
        tagger.fingerprint(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("train_ner: {e}");
            ExitCode::from(2)
        }
    }
}
