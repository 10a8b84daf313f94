//! The `lede` command line.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// mimalloc: loading a 100,000-report archive allocates millions of small
/// strings on worker threads and frees them on the UI thread, which the
/// system allocator handles poorly (measured: 3.3 s -> 2.0 s to have every
/// entity of a cached 100k corpus, `examples/ingest_time`).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use lede::app::App;
use lede::corpus::{self, Corpus, bundled};
use lede::ingest::{self, Ingest};
use lede::marks::{MarksFile, Saver};
use lede::ui::Theme;
use lede::{output, pipeline, tui};

/// A terminal reader for news and intelligence reports.
///
/// Opens the reports under PATH (files or folders, any mix of plain text,
/// Markdown and JSON Lines); with no PATH, the bundled sample reports.
#[derive(Parser)]
#[command(version, about, args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Report files or folders to open.
    paths: Vec<PathBuf>,
    /// Neither read nor write the cache of parsed and extracted reports
    /// (kept under $XDG_CACHE_HOME/lede, or $LEDE_CACHE_DIR).
    #[arg(long)]
    no_cache: bool,
    /// Neither read nor write the read marks remembered between runs
    /// (kept under $XDG_STATE_HOME/lede, or $LEDE_STATE_DIR).
    #[arg(long)]
    no_state: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Extract articles and entities headless, for scripts.
    Extract {
        /// Print one JSON document to stdout (the only output format).
        #[arg(long, required = true)]
        json: bool,
        /// Report files or folders; the bundled sample when none.
        paths: Vec<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Extract { json: _, paths }) => extract(&paths),
        None => read(&cli.paths, !cli.no_cache, !cli.no_state),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("lede: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Loads `paths` (the bundled sample when empty); an error when nothing
/// readable was found, naming every problem.
fn open(paths: &[PathBuf]) -> Result<Corpus, String> {
    let corpus = if paths.is_empty() {
        bundled::sample()
    } else {
        corpus::load(paths)
    };
    if corpus.articles.is_empty() {
        let mut msg = String::from("no readable reports found");
        for w in &corpus.warnings {
            msg.push_str(&format!("\n  {w}"));
        }
        return Err(msg);
    }
    Ok(corpus)
}

fn extract(paths: &[PathBuf]) -> Result<(), String> {
    let mut corpus = open(paths)?;
    let analysis = pipeline::analyze(&corpus.articles, &mut corpus.warnings);
    let (stories, new) = pipeline::stories(&corpus.articles, analysis.sketches);
    let doc = output::document(
        &corpus.articles,
        &analysis.index,
        &stories,
        &new,
        &corpus.warnings,
    );
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    serde_json::to_writer(&mut out, &doc).map_err(|e| e.to_string())?;
    writeln!(out)
        .and_then(|_| out.flush())
        .or_else(ignore_broken_pipe)
}

/// The reader, in the terminal. The bundled sample is analysed at once;
/// reports on disk load in the background while the reader is already up.
fn read(paths: &[PathBuf], use_cache: bool, use_state: bool) -> Result<(), String> {
    if !io::stdin().is_terminal() || !io::stdout().is_terminal() {
        return Err("the reader needs a terminal; for scripts, use `lede extract --json`".into());
    }
    if paths.is_empty() {
        let mut corpus = open(paths)?;
        let index = pipeline::analyze(&corpus.articles, &mut corpus.warnings).index;
        let mut app = App::new(corpus.articles, index, corpus.warnings);
        return run_reader(&mut app, None, use_state);
    }
    let missing: Vec<&PathBuf> = paths.iter().filter(|p| !p.exists()).collect();
    if missing.len() == paths.len() {
        let mut msg = String::from("no readable reports found");
        for p in missing {
            msg.push_str(&format!("\n  {}: no such file or directory", p.display()));
        }
        return Err(msg);
    }
    let options = ingest::Options {
        cache_dir: if use_cache {
            lede::store::cache_dir()
        } else {
            None
        },
        ..ingest::Options::default()
    };
    let load = Ingest::start(paths.to_vec(), options);
    let mut app = App::loading();
    run_reader(&mut app, Some(load), use_state)?;
    if app.loading.is_none() && app.articles.is_empty() {
        let mut msg = String::from("no readable reports found");
        for w in &app.warnings {
            msg.push_str(&format!("\n  {w}"));
        }
        return Err(msg);
    }
    Ok(())
}

/// The reader over `app`, with the read marks of earlier runs restored
/// before and saved after.
fn run_reader(app: &mut App, load: Option<Ingest>, use_state: bool) -> Result<(), String> {
    let mut saver = None;
    if use_state && let Some(file) = MarksFile::default_location() {
        let restored = file.load();
        app.warnings.extend(restored.warnings);
        app.restore_marks(restored.marks);
        saver = restored
            .save_to
            .map(|f| Saver::new(f, app.marks.generation()));
    }
    let shown = tui::run(app, Theme::from_env(), load, saver.as_mut());
    if let Some(saver) = &mut saver
        && let Err(w) = saver.flush(&app.marks, std::time::Instant::now())
    {
        eprintln!("lede: {w}");
    }
    shown.map_err(|e| format!("terminal: {e}"))
}

/// `lede extract --json | head` must not turn into an error.
fn ignore_broken_pipe(e: io::Error) -> Result<(), String> {
    if e.kind() == io::ErrorKind::BrokenPipe {
        Ok(())
    } else {
        Err(e.to_string())
    }
}
