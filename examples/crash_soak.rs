//! The long fault-injection run of issue 20 (the short one is `tests/crash_safety.rs`).
//!
//! ```text
//! cargo run --release --no-default-features --features fast-alloc --example crash_soak -- [N] [KILLS]
//! ```
//!
//! On N generated articles (default 100 000; kept in `$TMPDIR/chronocarte-soak-N` between runs)
//! it times, each in a child process running the app's load path (slim summaries, cache on):
//! a cold load, a warm one, and the reopen after a `kill -9` at half the cold load. Then it
//! kills KILLS more loads (default 5) at random points and checks each reopen: every article
//! identical to the cold load's, at least the work finished before the kill reused, no
//! stray file left in the cache folder.
//!
//! The child is this same program (`crash_soak --child CORPUS CACHE`): it prints one line per
//! article (its path and a digest of its extraction) and a last line `hits H of F`.

use anyhow::{Context, bail, ensure};
use chronocarte::core::dev::synth;
use chronocarte::core::pipeline::{self, LoadEvent, LoadOptions};
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::sync::atomic::AtomicBool;
use std::time::Instant;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--child") {
        let corpus = PathBuf::from(args.get(1).context("CORPUS")?);
        let cache = PathBuf::from(args.get(2).context("CACHE")?);
        return child(&corpus, &cache);
    }
    let n: usize = args
        .first()
        .map(|s| s.parse())
        .transpose()?
        .unwrap_or(100_000);
    let kills: u64 = args.get(1).map(|s| s.parse()).transpose()?.unwrap_or(5);
    let corpus = std::env::temp_dir().join(format!("chronocarte-soak-{n}"));
    if !corpus.is_dir() {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let sources = synth::read_sources(&root.join("seeds"));
        let tmp = corpus.with_extension("partial");
        synth::write_corpus(&tmp, n, 2026, &sources)?;
        std::fs::rename(&tmp, &corpus)?;
    }
    let work = tempfile::tempdir()?;

    let cold_cache = work.path().join("cold");
    let t = Instant::now();
    let cold = run_to_end(&corpus, &cold_cache)?;
    let cold_time = t.elapsed();
    ensure!(cold.hits == 0, "a cold load reuses nothing");
    let t = Instant::now();
    let warm = run_to_end(&corpus, &cold_cache)?;
    let warm_time = t.elapsed();
    println!(
        "cold load: {} articles in {cold_time:.2?}; warm: {} of {} reused in {warm_time:.2?}",
        cold.digests.len(),
        warm.hits,
        warm.files
    );

    let half_cache = work.path().join("half");
    let finished = killed_run(&corpus, &half_cache, cold.digests.len() / 2)?;
    let t = Instant::now();
    let reopen = run_to_end(&corpus, &half_cache)?;
    let reopen_time = t.elapsed();
    check(&cold, &reopen, finished, &half_cache, "half")?;
    println!(
        "killed after {finished} articles; reopen: {} reused in {reopen_time:.2?} ({:.0}% of the cold time)",
        reopen.hits,
        100.0 * reopen_time.as_secs_f64() / cold_time.as_secs_f64()
    );

    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    for seed in 0..kills {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(seed * 2 + 1);
        let at = 1 + (state >> 33) as usize % cold.digests.len().max(2);
        let cache = work.path().join(format!("seed{seed}"));
        let finished = killed_run(&corpus, &cache, at)?;
        let reopen = run_to_end(&corpus, &cache)?;
        check(&cold, &reopen, finished, &cache, &format!("seed {seed}"))?;
        println!(
            "seed {seed}: killed after {finished} articles, {} reused, reopen complete",
            reopen.hits
        );
    }
    Ok(())
}

/// What a child printed.
struct Run {
    /// Article path → digest of its extraction.
    digests: HashMap<String, u64>,
    hits: usize,
    files: usize,
}

fn child_command(corpus: &Path, cache: &Path) -> anyhow::Result<Command> {
    let mut c = Command::new(std::env::current_exe()?);
    c.arg("--child").arg(corpus).arg(cache);
    Ok(c)
}

fn run_to_end(corpus: &Path, cache: &Path) -> anyhow::Result<Run> {
    let out = child_command(corpus, cache)?.output()?;
    if !out.status.success() {
        bail!("child failed: {}", String::from_utf8_lossy(&out.stderr));
    }
    let text = String::from_utf8(out.stdout)?;
    let mut run = Run {
        digests: HashMap::new(),
        hits: 0,
        files: 0,
    };
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("hits ") {
            let mut it = rest.split(" of ");
            run.hits = it.next().context("hits")?.parse()?;
            run.files = it.next().context("files")?.parse()?;
        } else if let Some((id, digest)) = line.rsplit_once(' ') {
            run.digests.insert(id.to_string(), digest.parse()?);
        }
    }
    Ok(run)
}

/// Starts a cold load and kills it (SIGKILL) once `after` articles were printed; returns how
/// many it had finished.
fn killed_run(corpus: &Path, cache: &Path, after: usize) -> anyhow::Result<usize> {
    let mut child = child_command(corpus, cache)?
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()?;
    let stdout = child.stdout.take().context("piped stdout")?;
    let mut seen = 0;
    for line in BufReader::new(stdout).lines() {
        if line?.starts_with("hits ") {
            break;
        }
        seen += 1;
        if seen >= after {
            break;
        }
    }
    child.kill()?;
    child.wait()?;
    Ok(seen)
}

fn check(
    cold: &Run,
    reopen: &Run,
    finished: usize,
    cache: &Path,
    what: &str,
) -> anyhow::Result<()> {
    ensure!(
        reopen.digests == cold.digests,
        "{what}: the reopen differs from the cold load"
    );
    // Results reach the cache before the article is printed, save the one in flight.
    ensure!(
        reopen.hits + 1 >= finished,
        "{what}: killed after {finished} articles, only {} reused",
        reopen.hits
    );
    let stray: Vec<String> = std::fs::read_dir(cache)?
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.ends_with(".ccache"))
        .collect();
    ensure!(stray.is_empty(), "{what}: stray files {stray:?}");
    Ok(())
}

/// The app's load path, one line per article on stdout, flushed as it comes.
fn child(corpus: &Path, cache: &Path) -> anyhow::Result<()> {
    let opts = LoadOptions {
        cache_dir: Some(cache.to_path_buf()),
        slim: true,
        ..LoadOptions::default()
    };
    let out = Mutex::new(std::io::stdout());
    let stats = pipeline::load_with(
        &[corpus.to_path_buf()],
        &opts,
        &AtomicBool::new(false),
        &|e| {
            if let LoadEvent::Article(a) = e {
                let mut h = std::hash::DefaultHasher::new();
                serde_json::to_string(&a).unwrap_or_default().hash(&mut h);
                let mut out = out.lock().unwrap_or_else(|p| p.into_inner());
                let _ = writeln!(out, "{} {}", a.path.display(), h.finish());
                let _ = out.flush();
            }
        },
    );
    let mut out = out.into_inner().unwrap_or_else(|p| p.into_inner()).lock();
    writeln!(out, "hits {} of {}", stats.cache_hits, stats.files)?;
    Ok(())
}
