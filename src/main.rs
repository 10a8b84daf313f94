//! The `lede` command line.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use clap::{CommandFactory, Parser, Subcommand};

/// mimalloc: loading a 100,000-report archive allocates millions of small
/// strings on worker threads and frees them on the UI thread, which the
/// system allocator handles poorly (3.3 s -> 2.0 s to have every entity
/// of a cached 100k corpus, with an example since folded into
/// `examples/bench_report`).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use lede::app::App;
use lede::base::inert::{inert, inert_lines};
use lede::corpus::{self, Article, bundled};
use lede::feeds::{self, Locations, Outcome, Progress, StoredItem, Subscription};
use lede::ingest::{self, Ingest};
use lede::marks::{MarksFile, Saver};
use lede::ui::Theme;
use lede::world::World;
use lede::world::feeds::FeedSource;
use lede::{output, tui};

/// What the exit status means, in `--help`, the man page and the README.
const EXIT_STATUS: &str = "\
Exit status:
  0  success
  1  nothing readable was found (every file and its problem is named), or
     something asked could not be done (lede fetch: a feed failed)
  2  a usage error: an unknown option, a malformed argument, a bad config
     file (lede --no-config starts with the defaults anyway)";

/// Exit status 2: the command line or the config file is wrong.
const USAGE: u8 = 2;

/// A terminal reader for news and intelligence reports.
///
/// Opens the reports under PATH (files or folders, any mix of plain text,
/// Markdown, JSON Lines and RSS/Atom/JSON Feed files); with no PATH, the
/// bundled sample reports.
#[derive(Parser)]
#[command(version, about, args_conflicts_with_subcommands = true, after_help = EXIT_STATUS)]
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
    /// Read the config from FILE instead of
    /// $XDG_CONFIG_HOME/lede/config.toml (or $LEDE_CONFIG_DIR).
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    config: Option<PathBuf>,
    /// Start with the default config, whatever the config file says.
    #[arg(long)]
    no_config: bool,
    /// Print the whole default config, with what each setting does, and
    /// exit (`lede --print-config > ~/.config/lede/config.toml`).
    #[arg(long, conflicts_with_all = ["paths", "config", "no_config"])]
    print_config: bool,
    /// Also read the items fetched from the subscribed feeds, and fetch
    /// them again in the background (R fetches again); with no PATH,
    /// the feeds alone.
    #[arg(long)]
    feeds: bool,
    /// With --feeds: read the stored items without fetching on start.
    #[arg(long, requires = "feeds")]
    no_fetch: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Extract articles and entities headless, for scripts: one JSON
    /// document on stdout.
    Extract {
        /// JSON, the only output format (the default; still accepted).
        #[arg(long)]
        json: bool,
        /// Also the items fetched from feeds (`lede fetch`), with their
        /// source and link.
        #[arg(long)]
        feeds: bool,
        /// Report files or folders; the bundled sample when none (and no
        /// --feeds).
        paths: Vec<PathBuf>,
        /// Neither read nor write the cache of parsed and extracted
        /// reports (the output is the same either way).
        #[arg(long)]
        no_cache: bool,
        /// Only the articles this query lists, in the reader's query
        /// language (`'@haftar date:2020-01'`; see the README).
        #[arg(long, value_name = "QUERY")]
        query: Option<String>,
        /// With --csv: instead of the mentions, the edge list of the
        /// entities mentioned in one sentence (source, target,
        /// sentences, articles, then their names), for graph tools.
        #[arg(long, requires = "csv")]
        cooccurrence: bool,
        /// CSV instead of JSON: one row per mention (article, date, kind,
        /// entity, name, text, start, end), or the edges of
        /// --cooccurrence.
        #[arg(long, conflicts_with = "json")]
        csv: bool,
    },
    /// Manage feed subscriptions (the urls file under $XDG_CONFIG_HOME/lede,
    /// or $LEDE_CONFIG_DIR; newsboat's format).
    Feeds {
        #[command(subcommand)]
        command: FeedsCommand,
    },
    /// Fetch every subscribed feed into the item store (under
    /// $XDG_DATA_HOME/lede, or $LEDE_DATA_DIR). Exit status: 0 when every
    /// feed was fetched, 1 when one or more failed (the others are stored).
    Fetch {
        /// Print nothing but failures and warnings.
        #[arg(long, short)]
        quiet: bool,
    },
    /// Print a completion script for a shell (`lede completions bash >
    /// ~/.local/share/bash-completion/completions/lede`).
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page, in roff (`lede man > lede.1; man ./lede.1`).
    Man,
}

#[derive(Subcommand)]
enum FeedsCommand {
    /// Subscribe to a feed (recorded at once; `lede fetch` fetches it).
    Add {
        /// The feed's address (http or https).
        #[arg(value_parser = feeds::check_url)]
        url: String,
        /// Tags for the feed.
        tags: Vec<String>,
        /// A name for the feed, over its own title.
        #[arg(long)]
        title: Option<String>,
    },
    /// List the subscriptions: address, name, tags, items stored, last fetch.
    List,
    /// Unsubscribe from a feed and delete its stored items.
    Remove { url: String },
    /// Subscribe to every feed of an OPML file (folders and categories
    /// become tags).
    Import { file: PathBuf },
    /// Print the subscriptions as OPML.
    Export,
    /// Delete stored items older than an age (by their date, else when
    /// they were fetched).
    Prune {
        /// An age: 90d, 12w, 1y, 48h.
        #[arg(long, value_parser = feeds::parse_age)]
        older_than: chrono::Duration,
    },
}

fn main() -> ExitCode {
    set_inert_panic_hook();
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Extract {
            json: _,
            feeds,
            paths,
            no_cache,
            query,
            csv,
            cooccurrence,
        }) => extract(
            &paths,
            feeds,
            !no_cache,
            query.as_deref(),
            csv,
            cooccurrence,
        ),
        Some(Command::Feeds { command }) => feeds_command(command),
        Some(Command::Fetch { quiet }) => fetch(quiet),
        Some(Command::Completions { shell }) => completions(shell),
        Some(Command::Man) => man(),
        None if cli.print_config => print(&lede::config::default_text()),
        None => {
            let config = match reader_config(cli.config.as_deref(), cli.no_config) {
                Ok(c) => c,
                Err(e) => {
                    warn(&e);
                    return ExitCode::from(USAGE);
                }
            };
            let sources = Sources {
                paths: cli.paths,
                feeds: cli.feeds,
                fetch: cli.feeds && !cli.no_fetch,
            };
            read(&sources, &config, !cli.no_cache, !cli.no_state)
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // File names and messages from files: a terminal shows stderr.
            warn(&e);
            ExitCode::FAILURE
        }
    }
}

/// The options of a load: with the cache when `use_cache`; keeping
/// bodies (and story sketches) for `lede extract`.
fn load_options(use_cache: bool, keep_bodies: bool) -> ingest::Options {
    ingest::Options {
        cache_dir: if use_cache {
            lede::store::cache_dir()
        } else {
            None
        },
        keep_bodies,
        ..ingest::Options::default()
    }
}

/// Starts loading `paths` (the bundled sample when empty) in the
/// background, with the cache when `use_cache`.
fn start_load(paths: &[PathBuf], use_cache: bool, keep_bodies: bool) -> Ingest {
    let options = load_options(use_cache, keep_bodies);
    if paths.is_empty() {
        let texts = bundled::SAMPLES
            .iter()
            .map(|(path, text)| (PathBuf::from(path), Arc::from(*text)))
            .collect();
        Ingest::start_texts(texts, options)
    } else {
        Ingest::start(paths.to_vec(), options)
    }
}

/// The reader's config, checked before the reader starts: a bad file is
/// a usage error naming its lines, with the way to start anyway.
fn reader_config(file: Option<&Path>, defaults: bool) -> Result<lede::config::Config, String> {
    if defaults {
        return Ok(lede::config::Config::default());
    }
    lede::config::load(file).map_err(|e| {
        format!(
            "{e}\n(lede --no-config starts with the default config; lede --print-config shows it)"
        )
    })
}

/// `lede completions SHELL`.
fn completions(shell: clap_complete::Shell) -> Result<(), String> {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "lede", &mut out);
    io::stdout()
        .lock()
        .write_all(&out)
        .or_else(ignore_broken_pipe)
}

/// `lede man`: the manual page, made from the same definitions as
/// `--help`, so the two never disagree.
fn man() -> Result<(), String> {
    let mut out = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut out)
        .map_err(|e| e.to_string())?;
    io::stdout()
        .lock()
        .write_all(&out)
        .or_else(ignore_broken_pipe)
}

/// Text to stdout (a closed pipe is no error).
fn print(text: &str) -> Result<(), String> {
    io::stdout()
        .lock()
        .write_all(text.as_bytes())
        .or_else(ignore_broken_pipe)
}

/// A message on stderr, `lede: ` first, every line made inert: messages
/// quote file names, feed titles and server answers.
fn warn(message: &str) {
    say(&format!("lede: {}", inert_lines(message)));
}

fn locations() -> Result<Locations, String> {
    Locations::from_env()
        .ok_or_else(|| "no home folder: set HOME, or LEDE_CONFIG_DIR and LEDE_DATA_DIR".to_string())
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

/// Prints the JSON document of `paths` (and of the stored feed items
/// when `with_feeds`): the same load, extraction and resolution as the
/// reader's, run to the end, then the stories and what is new in each
/// report.
fn extract(
    paths: &[PathBuf],
    with_feeds: bool,
    use_cache: bool,
    query: Option<&str>,
    csv: bool,
    cooccurrence: bool,
) -> Result<(), String> {
    // A query that does not parse is said before anything is read.
    if let Some(q) = query {
        lede::app::query::Query::parse(q).map_err(|e| format!("--query {q:?}: {e}"))?;
    }
    let (mut batch, items) = load_to_the_end(paths, with_feeds, use_cache)?;
    let keep = match query {
        Some(q) => {
            let tags: Vec<Vec<String>> = {
                let by_id: std::collections::HashMap<&str, &StoredItem> =
                    items.iter().map(|i| (i.article.id.as_str(), i)).collect();
                batch
                    .articles
                    .iter()
                    .map(|a| {
                        by_id.get(a.id.as_str()).map_or_else(Vec::new, |i| {
                            i.tags.iter().chain(&i.feed_tags).cloned().collect()
                        })
                    })
                    .collect()
            };
            lede::app::select::select(
                q,
                &batch.articles,
                &batch.mentions,
                &batch.resolution,
                &tags,
            )
            .map_err(|e| format!("--query {q:?}: {e}"))?
        }
        None => (0..batch.articles.len()).collect(),
    };
    if cooccurrence {
        // The edges among the articles kept.
        let edges =
            output::cooccurrence(&batch.articles, &batch.mentions, &batch.resolution, &keep);
        let stdout = io::stdout();
        let out = io::BufWriter::new(stdout.lock());
        return output::write_cooccurrence_csv(&edges, &batch.resolution, out)
            .or_else(ignore_broken_pipe);
    }
    if csv {
        let stdout = io::stdout();
        let mut out = io::BufWriter::new(stdout.lock());
        return output::write_csv(
            &mut out,
            &batch.articles,
            &batch.mentions,
            &batch.resolution,
            &keep,
        )
        .and_then(|()| out.flush())
        .or_else(ignore_broken_pipe);
    }
    let (stories, new) = batch.stories();
    let bylines: std::collections::HashMap<&str, output::Byline> = items
        .iter()
        .map(|i| {
            let byline = output::Byline {
                authors: &i.authors,
                tags: &i.tags,
                feed_tags: &i.feed_tags,
            };
            (i.article.id.as_str(), byline)
        })
        .collect();
    let mut doc = output::document_with(
        &batch.articles,
        &batch.mentions,
        &batch.resolution,
        &stories,
        &new,
        &batch.warnings,
        &|a| bylines.get(a.id.as_str()).copied(),
    );
    if query.is_some() {
        doc.keep_only(&keep);
    }
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

/// The load `lede extract` runs to its end, bodies kept: of `paths`,
/// and of the stored feed items when `with_feeds` (returned too, for
/// what an article does not hold); an error when nothing was readable.
fn load_to_the_end(
    paths: &[PathBuf],
    with_feeds: bool,
    use_cache: bool,
) -> Result<(ingest::Batch, Vec<StoredItem>), String> {
    if with_feeds {
        return with_stored_items(paths, use_cache);
    }
    let batch = ingest::collect(start_load(paths, use_cache, true));
    if batch.articles.is_empty() {
        return Err(nothing_readable(
            batch.warnings.iter().map(|w| w.to_string()),
        ));
    }
    Ok((batch, Vec::new()))
}

/// The reports under `paths` (none: no files, not the sample) and every
/// stored feed item, loaded as one corpus (the items after the files,
/// never cached); the items are returned too, for what an article does
/// not hold (authors, tags).
fn with_stored_items(
    paths: &[PathBuf],
    use_cache: bool,
) -> Result<(ingest::Batch, Vec<StoredItem>), String> {
    let (items, warnings) = locations()?.stored_items()?;
    let articles: Vec<Article> = items.iter().map(|i| i.article.clone()).collect();
    let load = Ingest::start_with_articles(paths.to_vec(), articles, load_options(use_cache, true));
    let mut batch = ingest::collect(load);
    batch.warnings.extend(warnings);
    if batch.articles.is_empty() {
        let mut msg = String::from("no readable reports and no stored feed items found");
        if paths.is_empty() {
            msg.push_str(" (`lede fetch` fetches the subscribed feeds)");
        }
        for w in &batch.warnings {
            msg.push_str(&format!("\n  {}", inert(&w.to_string())));
        }
        return Err(msg);
    }
    Ok((batch, items))
}

fn feeds_command(command: FeedsCommand) -> Result<(), String> {
    let at = locations()?;
    let (mut file, warnings) = at.subscriptions()?;
    let shown = |s: &str| inert(s).into_owned();
    match command {
        FeedsCommand::Add { url, tags, title } => {
            let mut sub = Subscription::new(url.clone());
            sub.tags = tags.into_iter().filter(|t| !t.trim().is_empty()).collect();
            sub.title = title.filter(|t| !t.trim().is_empty());
            if !file.add(sub) {
                println!("already subscribed: {}", shown(&url));
                return Ok(());
            }
            file.save()?;
            println!("subscribed: {} (`lede fetch` fetches it)", shown(&url));
        }
        FeedsCommand::List => {
            for w in &warnings {
                warn(&w.to_string());
            }
            let known = match std::fs::symlink_metadata(&at.store) {
                Ok(_) => feeds::ItemStore::open(&at.store)
                    .and_then(|s| s.feeds())
                    .map_err(|e| e.to_string())?,
                Err(_) => Default::default(),
            };
            let out = io::stdout();
            let mut out = io::BufWriter::new(out.lock());
            for sub in file.subscriptions() {
                let state = known.get(&sub.url);
                let name = sub
                    .title
                    .clone()
                    .or_else(|| state.and_then(|s| s.title.clone()))
                    .unwrap_or_default();
                let status = match state {
                    Some(s) if s.error.is_some() => {
                        format!("failed: {}", s.error.as_deref().unwrap_or(""))
                    }
                    Some(s) => match s
                        .fetched_at
                        .and_then(|t| chrono::DateTime::from_timestamp(t, 0))
                    {
                        Some(t) => format!(
                            "fetched {}",
                            t.with_timezone(&chrono::Local).format("%Y-%m-%d %H:%M")
                        ),
                        None => "not fetched yet".into(),
                    },
                    None => "not fetched yet".into(),
                };
                let items = state.map(|s| s.items).unwrap_or(0);
                writeln!(
                    out,
                    "{}\t{}\t{}\t{items} items\t{}",
                    shown(&sub.url),
                    shown(&name),
                    shown(&sub.tags.join(",")),
                    shown(&status)
                )
                .or_else(ignore_broken_pipe)?;
            }
            out.flush().or_else(ignore_broken_pipe)?;
        }
        FeedsCommand::Remove { url } => {
            let url = url.trim();
            if !file.remove(url) {
                return Err(format!("not subscribed: {url} (see `lede feeds list`)"));
            }
            file.save()?;
            let items = match std::fs::symlink_metadata(&at.store) {
                Ok(_) => feeds::ItemStore::open(&at.store)
                    .and_then(|mut s| s.remove_feed(url))
                    .map_err(|e| format!("unsubscribed, but its items were not deleted: {e}"))?,
                Err(_) => 0,
            };
            println!(
                "unsubscribed: {} ({items} stored items deleted)",
                shown(url)
            );
        }
        FeedsCommand::Import { file: opml } => {
            let (text, _) =
                corpus::load::read_text(&opml).map_err(|e| format!("{}: {e}", opml.display()))?;
            let imported =
                feeds::opml::import(&text).map_err(|e| format!("{}: {e}", opml.display()))?;
            for why in &imported.skipped {
                warn(&format!("{}: skipped: {why}", opml.display()));
            }
            let found = imported.feeds.len();
            let added = imported
                .feeds
                .into_iter()
                .filter(|s| file.add(s.clone()))
                .count();
            if added > 0 {
                file.save()?;
            }
            println!(
                "imported {added} feeds ({} already subscribed, {} skipped) into {}",
                found - added,
                imported.skipped.len(),
                shown(&file.path().display().to_string())
            );
        }
        FeedsCommand::Export => {
            let doc = feeds::opml::export(&file.subscriptions());
            io::stdout()
                .lock()
                .write_all(doc.as_bytes())
                .or_else(ignore_broken_pipe)?;
        }
        FeedsCommand::Prune { older_than } => {
            if std::fs::symlink_metadata(&at.store).is_err() {
                println!("nothing to prune: no items stored yet");
                return Ok(());
            }
            let now = chrono::Utc::now();
            let cutoff = (now - older_than).naive_utc();
            let mut store = feeds::ItemStore::open(&at.store).map_err(|e| e.to_string())?;
            let pruned = store
                .prune(cutoff, now.timestamp())
                .map_err(|e| e.to_string())?;
            println!(
                "deleted {} items dated before {}",
                pruned.items,
                cutoff.format("%Y-%m-%d %H:%M")
            );
        }
    }
    Ok(())
}

/// `lede fetch`: every subscribed feed, a progress line on a terminal, a
/// summary at the end.
fn fetch(quiet: bool) -> Result<(), String> {
    let at = locations()?;
    let (file, warnings) = at.subscriptions()?;
    for w in &warnings {
        warn(&w.to_string());
    }
    let subs = file.subscriptions();
    if subs.is_empty() {
        return Err(format!(
            "no feeds to fetch: add one with `lede feeds add URL` (subscriptions are read from {})",
            at.urls.display()
        ));
    }
    let store = feeds::ItemStore::open(&at.store).map_err(|e| e.to_string())?;
    let mut run = feeds::FetchRun::start(store, subs, feeds::FetchOptions::default());
    let progress = !quiet && io::stderr().is_terminal();
    let total = run.total();
    let mut reports = Vec::new();
    let (mut finished, mut failed, mut new) = (0, 0, 0);
    let mut summary = None;
    for p in run.by_ref() {
        match p {
            Progress::Started { .. } => {}
            Progress::Finished { feed, report } => {
                finished += 1;
                new += report.new_items();
                failed += usize::from(report.error().is_some());
                for w in &report.warnings {
                    warn(&w.to_string());
                }
                reports.push((feed, report));
            }
            Progress::Done(s) => summary = Some(s),
        }
        if progress {
            eprint!(
                "\r\x1b[K⟳ fetching {finished}/{total} feeds · {new} new items · {failed} failed"
            );
        }
    }
    if progress {
        eprint!("\r\x1b[K");
    }
    reports.sort_by_key(|(feed, _)| *feed);
    let out = io::stdout();
    let mut out = io::BufWriter::new(out.lock());
    for (_, r) in &reports {
        let line = match &r.outcome {
            Outcome::Stored(_) if quiet => continue,
            Outcome::Stored(s) => {
                let edited = if s.edited > 0 {
                    format!(", {} edited", s.edited)
                } else {
                    String::new()
                };
                format!(
                    "{:>5} new{edited}  {}  {}",
                    s.new,
                    inert(&r.name),
                    inert(&r.url)
                )
            }
            Outcome::NotModified if quiet => continue,
            Outcome::NotModified => {
                format!("    - unchanged  {}", feed_line(r))
            }
            Outcome::Failed(why) => {
                format!(
                    "failed  {}  {}: {}",
                    inert(&r.name),
                    inert(&r.url),
                    inert(why)
                )
            }
        };
        writeln!(out, "{line}").or_else(ignore_broken_pipe)?;
    }
    let s = summary.unwrap_or_default();
    if !quiet {
        writeln!(
            out,
            "{} new items from {} feeds ({} unchanged, {} failed) in {:.1} s",
            s.new_items,
            s.feeds,
            s.not_modified,
            s.failed,
            s.elapsed.as_secs_f64()
        )
        .or_else(ignore_broken_pipe)?;
    }
    out.flush().or_else(ignore_broken_pipe)?;
    if s.failed > 0 {
        return Err(format!("{} of {} feeds failed", s.failed, s.feeds));
    }
    Ok(())
}

/// A feed as a summary line names it: its name and address (the address
/// once when it is all the name there is), made inert.
fn feed_line(r: &feeds::FeedReport) -> String {
    if r.name == r.url {
        inert(&r.url).into_owned()
    } else {
        format!("{}  {}", inert(&r.name), inert(&r.url))
    }
}

/// What the reader opens.
struct Sources {
    /// Report files and folders (none: the bundled sample, unless feeds).
    paths: Vec<PathBuf>,
    /// The stored feed items too.
    feeds: bool,
    /// Fetch the feeds on start.
    fetch: bool,
}

/// Why the reader cannot start here: it draws on a terminal, and reads
/// keys from one.
fn no_terminal() -> Option<String> {
    let (stdin, stdout) = (io::stdin().is_terminal(), io::stdout().is_terminal());
    let which = match (stdin, stdout) {
        (true, true) => return None,
        (true, false) => "stdout is not one (it goes to a pipe or a file)",
        (false, true) => "stdin is not one (it comes from a pipe or a file)",
        (false, false) => "neither stdin nor stdout is one",
    };
    Some(format!(
        "the reader needs a terminal, and {which}; for scripts, use `lede extract --json`"
    ))
}

/// The reader, in the terminal. Reports (the bundled sample when no path
/// is given) load in the background while the reader is already up; the
/// stored feed items with them, and the feeds are fetched, when asked;
/// the opened folders are watched for files that appear, change or go.
fn read(
    sources: &Sources,
    config: &lede::config::Config,
    use_cache: bool,
    use_state: bool,
) -> Result<(), String> {
    if let Some(why) = no_terminal() {
        return Err(why);
    }
    let paths = &sources.paths;
    let missing: Vec<&PathBuf> = paths.iter().filter(|p| !p.exists()).collect();
    if !paths.is_empty() && missing.len() == paths.len() {
        return Err(nothing_readable(
            missing
                .iter()
                .map(|p| format!("{}: no such file or directory", p.display())),
        ));
    }
    let feeds = if sources.feeds {
        Some(FeedSource::new(locations()?))
    } else {
        None
    };
    // Watched from before the walk, so nothing created between the two
    // is missed.
    let watcher = (!paths.is_empty())
        .then(|| lede::watch::Watcher::start(paths.clone(), lede::watch::Options::default()));
    let load = if paths.is_empty() && feeds.is_some() {
        Ingest::start(Vec::new(), load_options(use_cache, false))
    } else {
        start_load(paths, use_cache, false)
    };
    let mut app = App::loading();
    app.configure(config);
    if feeds.is_some() {
        app.library.with_feeds();
    }
    let mut saver = None;
    if use_state && let Some(file) = MarksFile::default_location() {
        let restored = file.load();
        app.library.add_warnings(restored.warnings);
        app.restore_marks(restored.marks);
        saver = restored.save_to.map(|f| Saver::new(f, app.library.marks()));
    }
    let mut world = World::new(Some(load))
        .saving_marks(saver.as_mut())
        .watching(watcher);
    if let Some(f) = feeds {
        world = world.with_feeds(f, sources.fetch);
    }
    let shown = tui::run(&mut app, Theme::from_config(config), world);
    if let Some(saver) = &mut saver
        && let Err(w) = saver.flush(app.library.marks(), std::time::Instant::now())
    {
        say(&format!("lede: {}", inert(&w.to_string())));
    }
    shown.map_err(|e| format!("terminal: {e}"))?;
    if !sources.feeds && app.library.progress().is_none() && app.library.is_empty() {
        return Err(nothing_readable(
            app.library.warnings().iter().map(|w| w.to_string()),
        ));
    }
    Ok(())
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
