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
use lede::base::inert::{inert, inert_lines};
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
    set_inert_panic_hook();
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Extract { json: _, paths }) => extract(&paths),
        None => read(&cli.paths, !cli.no_cache, !cli.no_state),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // File names and messages from files: a terminal shows stderr.
            say(&format!("lede: {}", inert_lines(&e)));
            ExitCode::FAILURE
        }
    }
}

/// A panic's message may quote the text it choked on (a string slice
/// does): printed inert, like every other message. The reader's own hook
/// (which restores the terminal first) calls this one.
fn set_inert_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let thread = std::thread::current();
        let name = thread.name().unwrap_or("<unnamed>");
        say(&format!(
            "thread '{}' {}",
            inert(name),
            inert_lines(&info.to_string())
        ));
        let trace = std::backtrace::Backtrace::capture();
        if trace.status() == std::backtrace::BacktraceStatus::Captured {
            say(&trace.to_string());
        } else {
            say("note: run with `RUST_BACKTRACE=1` to display a backtrace");
        }
    }));
}

/// "no readable reports found", then one line per problem (each made one
/// inert line: a file name may hold a newline or an escape).
fn nothing_readable(problems: impl IntoIterator<Item = String>) -> String {
    let mut msg = String::from("no readable reports found");
    for p in problems {
        msg.push_str("\n  ");
        msg.push_str(&inert(&p));
    }
    msg
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
        return Err(nothing_readable(
            corpus.warnings.iter().map(|w| w.to_string()),
        ));
    }
    Ok(corpus)
}

fn extract(paths: &[PathBuf]) -> Result<(), String> {
    let mut corpus = open(paths)?;
    let index = pipeline::analyze(&corpus.articles, &mut corpus.warnings);
    let doc = output::document(&corpus.articles, &index, &corpus.warnings);
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    // The document's own writing errors are I/O errors (a closed pipe
    // among them): serde_json's wrap them.
    serde_json::to_writer(&mut out, &doc)
        .map_err(io::Error::from)
        .and_then(|()| writeln!(out))
        .and_then(|()| out.flush())
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
        let index = pipeline::analyze(&corpus.articles, &mut corpus.warnings);
        let mut app = App::new(corpus.articles, index, corpus.warnings);
        return run_reader(&mut app, None, use_state);
    }
    let missing: Vec<&PathBuf> = paths.iter().filter(|p| !p.exists()).collect();
    if missing.len() == paths.len() {
        return Err(nothing_readable(
            missing
                .iter()
                .map(|p| format!("{}: no such file or directory", p.display())),
        ));
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
        return Err(nothing_readable(app.warnings.iter().map(|w| w.to_string())));
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
        saver = restored.save_to.map(|f| Saver::new(f, &app.marks));
    }
    let shown = tui::run(app, Theme::from_env(), load, saver.as_mut());
    if let Some(saver) = &mut saver
        && let Err(w) = saver.flush(&app.marks, std::time::Instant::now())
    {
        say(&format!("lede: {}", inert(&w.to_string())));
    }
    shown.map_err(|e| format!("terminal: {e}"))
}

/// One line to stderr. A closed stderr (`lede ... 2>&1 | head`) is no
/// reason to panic: the line is lost, the exit status still says it all.
fn say(line: &str) {
    let _ = writeln!(io::stderr(), "{line}");
}

/// `lede extract --json | head` must not turn into an error.
fn ignore_broken_pipe(e: io::Error) -> Result<(), String> {
    if e.kind() == io::ErrorKind::BrokenPipe {
        Ok(())
    } else {
        Err(e.to_string())
    }
}
