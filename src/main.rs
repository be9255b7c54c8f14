//! chronocarte command line: `chronocarte [FOLDER...]` opens the app; `chronocarte extract`
//! and `chronocarte eval` are headless. Errors are mapped to exit codes here, once.

use anyhow::{Context, Result, bail};
use chronocarte::core::dev::eval;
use chronocarte::core::extract::events;
use chronocarte::core::{export, pipeline};
use clap::{Parser, Subcommand};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

/// A desktop atlas of the news: when and where things happened, on a map tied to a timeline.
#[derive(Parser, Debug)]
#[command(name = "chronocarte", version, args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Cmd>,
    /// Folders (or files) of articles to open; default: the bundled `seeds/`.
    folders: Vec<PathBuf>,
    /// No network at all: the bundled basemap only, no tiles fetched.
    #[arg(long)]
    offline: bool,
    /// Render the window once, save it as a PNG here, and exit.
    #[arg(long, value_name = "OUT.png")]
    screenshot: Option<PathBuf>,
    /// Put the time cursor on this date (YYYY-MM-DD) at start.
    #[arg(long, value_name = "YYYY-MM-DD")]
    at: Option<chrono::NaiveDate>,
}

#[derive(Subcommand, Debug)]
enum Cmd {
    /// Extract dates, places and events from articles (files or folders, recursive).
    Extract {
        /// Files or folders.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Print the extraction JSON (the default).
        #[arg(long, group = "format")]
        json: bool,
        /// Print the events (merged across articles) as GeoJSON.
        #[arg(long, group = "format")]
        geojson: bool,
        /// Print the events (merged across articles) as CSV.
        #[arg(long, group = "format")]
        csv: bool,
        /// Print the events (merged across articles) as KML, with their times (Google Earth's
        /// time slider, QGIS).
        #[arg(long, group = "format")]
        kml: bool,
        /// Stream the event table as newline-delimited JSON, one row per event, as articles
        /// are extracted (for sharded batch jobs; the app opens such `.ndjson` files).
        #[arg(long, group = "format")]
        ndjson: bool,
        /// No progress bar.
        #[arg(long, short)]
        quiet: bool,
        /// Reuse (and update) the on-disk extraction cache in the user cache folder.
        #[arg(long)]
        cache: bool,
        /// For each file, why each date, place and event was kept or rejected: the rule, the
        /// evidence, the confidence and the alternatives (as JSON with --json).
        #[arg(long, conflicts_with_all = ["geojson", "csv", "kml", "ndjson", "cache"])]
        explain: bool,
    },
    /// Score extraction against gold annotations (the seeds-gold format) and print P/R/F1.
    Eval {
        /// Folder of gold `<id>.json` files.
        gold: PathBuf,
        /// Article files or folders to extract and score.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Also list what was missed and what was extra, per article.
        #[arg(long, short)]
        verbose: bool,
        /// Print the scores as JSON.
        #[arg(long)]
        json: bool,
    },
}

fn main() {
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("warn")).init();
    let cli = Cli::parse();
    let code = match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("chronocarte: error: {e:#}");
            1
        }
    };
    std::process::exit(code);
}

fn run(cli: Cli) -> Result<i32> {
    match cli.command {
        Some(Cmd::Extract {
            paths,
            geojson,
            csv,
            kml,
            ndjson,
            quiet,
            cache,
            explain,
            json,
        }) => {
            if explain {
                return explain_files(&paths, json);
            }
            if ndjson {
                return extract_ndjson(&paths, quiet, cache);
            }
            let articles = load(&paths, quiet, cache)?;
            let mut out = std::io::stdout().lock();
            if geojson || csv || kml {
                let merged = events::merge_events(articles.iter());
                if geojson {
                    serde_json::to_writer_pretty(&mut out, &export::events_geojson(&merged))?;
                } else if kml {
                    out.write_all(export::events_kml(&merged).as_bytes())?;
                } else {
                    out.write_all(export::events_csv(&merged).as_bytes())?;
                }
            } else {
                serde_json::to_writer_pretty(&mut out, &export::articles_json(&articles))?;
            }
            writeln!(out)?;
            Ok(0)
        }
        Some(Cmd::Eval {
            gold,
            paths,
            verbose,
            json,
        }) => {
            let articles = load(&paths, true, false)?;
            let doc = export::articles_json(&articles);
            let scores = eval::score(&gold, &doc)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&scores)?);
            } else {
                if verbose {
                    for d in &scores.details {
                        println!("{d}");
                    }
                }
                print!("{scores}");
            }
            Ok(0)
        }
        None => {
            #[cfg(feature = "gui")]
            {
                chronocarte::app::run(chronocarte::app::LaunchOptions {
                    folders: cli.folders,
                    offline: cli.offline,
                    screenshot: cli.screenshot,
                    at: cli.at,
                })?;
                Ok(0)
            }
            #[cfg(not(feature = "gui"))]
            {
                let _ = (cli.folders, cli.offline, cli.screenshot, cli.at);
                bail!(
                    "this build has no viewer (built without the `gui` feature); use `chronocarte extract`"
                )
            }
        }
    }
}

/// Streams the event table to stdout as articles come (memory stays flat on any corpus).
fn extract_ndjson(paths: &[PathBuf], quiet: bool, cache: bool) -> Result<i32> {
    let out = std::sync::Mutex::new((std::io::BufWriter::new(std::io::stdout()), None));
    let cancel = AtomicBool::new(false);
    load_each(paths, quiet, cache, &cancel, &|a| {
        let mut g = out.lock().unwrap_or_else(|p| p.into_inner());
        let (w, err) = &mut *g;
        if err.is_none()
            && let Err(e) = chronocarte::core::store::event_table::write_article(w, &a)
        {
            // A closed pipe (`| head`) or a full disk: stop extracting, report once.
            *err = Some(e);
            cancel.store(true, std::sync::atomic::Ordering::Relaxed);
        }
    })?;
    let (mut w, err) = out.into_inner().unwrap_or_else(|p| p.into_inner());
    if let Some(e) = err {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            return Ok(0);
        }
        return Err(e).context("writing the event table");
    }
    w.flush().context("writing the event table")?;
    Ok(0)
}

/// Loads articles with warnings on stderr and a progress bar when stderr is a terminal.
fn load(
    paths: &[PathBuf],
    quiet: bool,
    cache: bool,
) -> Result<Vec<chronocarte::core::model::Article>> {
    let collected = std::sync::Mutex::new(Vec::new());
    load_each(paths, quiet, cache, &AtomicBool::new(false), &|a| {
        collected.lock().unwrap_or_else(|p| p.into_inner()).push(a)
    })?;
    let mut articles = collected.into_inner().unwrap_or_else(|p| p.into_inner());
    articles.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(articles)
}

/// `extract --explain`: each file read, extracted and explained, as text or JSON.
fn explain_files(paths: &[PathBuf], json: bool) -> Result<i32> {
    use chronocarte::core::extract::{explain, extract, places::gazetteer::Gazetteer};
    let mut out = std::io::stdout().lock();
    let mut all = Vec::new();
    for p in paths {
        if p.is_dir() {
            bail!("{}: --explain takes files, not folders", p.display());
        }
        let (doc, warnings) =
            chronocarte::core::io::read::read_document(p).map_err(|w| anyhow::anyhow!("{w}"))?;
        for w in warnings {
            eprintln!("warning: {w}");
        }
        let article = extract(&doc, Gazetteer::global());
        let e = explain::explain(&doc.text, &article);
        if json {
            all.push(e);
        } else {
            writeln!(out, "{e}")?;
        }
    }
    if json {
        serde_json::to_writer_pretty(&mut out, &all)?;
        writeln!(out)?;
    }
    Ok(0)
}

/// Runs the pipeline, handing each article to `each` (in path order) and warnings to stderr;
/// fails, naming the paths, when no article could be read.
fn load_each(
    paths: &[PathBuf],
    quiet: bool,
    cache: bool,
    cancel: &AtomicBool,
    each: &(dyn Fn(chronocarte::core::model::Article) + Sync),
) -> Result<usize> {
    for p in paths {
        if !p.exists() {
            bail!("{}: no such file or folder", p.display());
        }
    }
    let show_bar = !quiet && std::io::stderr().is_terminal();
    let bar = indicatif::ProgressBar::hidden();
    if show_bar {
        bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
        bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {wide_msg}")
                .context("progress bar template")?,
        );
    }
    let opts = pipeline::LoadOptions {
        cache_dir: if cache {
            chronocarte::core::store::cache::default_cache_dir().map(|d| d.join("extractions"))
        } else {
            None
        },
        ..Default::default()
    };
    let stats = pipeline::load_with(paths, &opts, cancel, &|ev| match ev {
        pipeline::LoadEvent::Started { total } => bar.set_length(total as u64),
        pipeline::LoadEvent::Progress { done, current, .. } => {
            bar.set_position(done as u64);
            bar.set_message(current.display().to_string());
        }
        pipeline::LoadEvent::Warning(w) => bar.suspend(|| eprintln!("warning: {w}")),
        pipeline::LoadEvent::Article(a) => {
            for w in &a.warnings {
                bar.suspend(|| eprintln!("warning: {}: {w}", a.path.display()));
            }
            each(*a);
        }
        pipeline::LoadEvent::Finished { .. } => bar.finish_and_clear(),
    });
    if cache && !quiet {
        eprintln!(
            "cache: {} of {} files reused",
            stats.cache_hits, stats.files
        );
    }
    if stats.articles == 0 {
        let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        bail!(
            "no readable article in {} (looked for .txt, .md, .html, .htm files and .ndjson event tables)",
            names.join(", ")
        );
    }
    Ok(stats.articles)
}
