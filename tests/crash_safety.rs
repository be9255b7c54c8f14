//! Fault injection: `chronocarte extract --cache` is killed (SIGKILL) at random points of a
//! cold load; each reopen must be complete and correct, reuse the work finished before the
//! kill, and leave no stray file in the cache folder.

use chronocarte::core::extract::dates::MONTHS_FR;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

/// Articles in the generated corpus.
const ARTICLES: usize = 160;

const CITIES: &[&str] = &[
    "Alep",
    "Damas",
    "Homs",
    "Beyrouth",
    "Bagdad",
    "Ankara",
    "Moscou",
    "Paris",
    "Genève",
    "Vienne",
    "Téhéran",
    "Amman",
];

/// `n` short made-up dispatches, each with a dated event at a city.
fn corpus(dir: &Path, n: usize) {
    for i in 0..n {
        let city = CITIES[i % CITIES.len()];
        let month = MONTHS_FR[(i / 7) % 12];
        let text = format!(
            "Dépêche {i}\n\n{city}, {day} {month} {year} (AFP) - Des combats ont opposé le \
             {day} {month} {year} l'armée aux rebelles à {city}, selon une ONG. Une réunion \
             s'est tenue à {other} le lendemain.\n",
            day = 1 + i % 27,
            year = 2012 + i % 9,
            other = CITIES[(i * 5 + 3) % CITIES.len()],
        );
        std::fs::write(dir.join(format!("d{i:04}.txt")), text).expect("write article");
    }
}

fn extract(corpus: &Path, cache_home: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_chronocarte"));
    c.arg("extract")
        .args(args)
        .arg(corpus)
        .env("XDG_CACHE_HOME", cache_home)
        .env("HOME", cache_home);
    c
}

/// Runs to the end; returns stdout and the number of files the cache gave back.
fn complete_run(corpus: &Path, cache_home: &Path) -> (Vec<u8>, usize) {
    let out = extract(corpus, cache_home, &["--cache", "--json"])
        .output()
        .expect("run chronocarte");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("warning"),
        "a reopen after a crash is clean: {stderr}"
    );
    let reused = stderr
        .lines()
        .find_map(|l| l.strip_prefix("cache: ")?.split(' ').next()?.parse().ok())
        .unwrap_or_else(|| panic!("the cache reports its hits: {stderr}"));
    (out.stdout, reused)
}

/// Starts a cold cached load and kills it once `after` articles were printed; returns how
/// many distinct articles it had finished.
fn killed_run(corpus: &Path, cache_home: &Path, after: usize) -> usize {
    let mut child = extract(corpus, cache_home, &["--cache", "--ndjson", "--quiet"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chronocarte");
    let stdout = child.stdout.take().expect("piped");
    let mut seen: Vec<String> = Vec::new();
    for line in BufReader::new(stdout).lines() {
        let Ok(line) = line else { break };
        let row: serde_json::Value = serde_json::from_str(&line).expect("an NDJSON row");
        let id = row["article_id"].as_str().unwrap_or_default().to_string();
        if !seen.contains(&id) {
            seen.push(id);
        }
        if seen.len() >= after {
            break;
        }
    }
    let _ = child.kill(); // SIGKILL
    let _ = child.wait();
    // The last article seen may still have had rows to print: it was finished all the same.
    seen.len()
}

fn stray_files(cache_home: &Path) -> Vec<String> {
    let dir = cache_home.join("chronocarte/extractions");
    std::fs::read_dir(&dir)
        .map(|r| {
            r.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| !n.ends_with(".ccache"))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn a_load_killed_anywhere_reopens_complete_and_reuses_its_finished_work() {
    if !cfg!(target_os = "linux") {
        eprintln!("skipped: dead writers are told by /proc");
        return;
    }
    let articles = tempfile::tempdir().expect("temp dir");
    corpus(articles.path(), ARTICLES);
    let reference_home = tempfile::tempdir().expect("temp dir");
    let (reference, reused) = complete_run(articles.path(), reference_home.path());
    assert_eq!(reused, 0, "a cold load reuses nothing");
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    for seed in 0..3u64 {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(seed * 2 + 1);
        let kill_after = 1 + (state >> 33) as usize % (ARTICLES - 20);
        let home = tempfile::tempdir().expect("temp dir");
        let finished = killed_run(articles.path(), home.path(), kill_after);
        let (out, reused) = complete_run(articles.path(), home.path());
        eprintln!("seed {seed}: killed after {finished} articles, {reused} reused");
        assert_eq!(
            out, reference,
            "seed {seed}: the reopen gives the same extraction"
        );
        assert!(
            reused >= finished.saturating_sub(1),
            "seed {seed}: killed after {finished} articles, {reused} reused"
        );
        assert!(
            stray_files(home.path()).is_empty(),
            "{:?}",
            stray_files(home.path())
        );
        // And the next open reuses everything.
        let (_, all) = complete_run(articles.path(), home.path());
        assert_eq!(all, ARTICLES, "seed {seed}");
    }
}

/// Set in the child of [`a_file_written_atomically_survives_a_kill_at_any_moment`]: the file
/// it rewrites until it is killed.
const WRITER_ENV: &str = "CHRONOCARTE_TEST_ATOMIC_WRITER";

/// The app's own files (the state, exports) are written with `write_atomic`. A child rewrites
/// one as fast as it can and is SIGKILLed at random moments: the file is always a complete
/// version, and the half-written temporary the kill leaves is swept at the next start.
#[test]
fn a_file_written_atomically_survives_a_kill_at_any_moment() {
    use chronocarte::core::io::atomic;
    if let Some(path) = std::env::var_os(WRITER_ENV) {
        // The child: versions of ~200 KB, each a JSON document naming its number.
        let pad = "x".repeat(200_000);
        for n in 0u64.. {
            let doc = format!("{{\"version\": {n}, \"pad\": \"{pad}\"}}");
            atomic::write_atomic(Path::new(&path), doc.as_bytes()).expect("write");
        }
        return;
    }
    if !cfg!(target_os = "linux") {
        eprintln!("skipped: dead writers are told by /proc");
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("state.json");
    let mut state: u64 = 0x5DEE_CE66_D1CE_4E5B;
    for seed in 0..5u64 {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(seed * 2 + 1);
        let mut child = Command::new(std::env::current_exe().expect("test binary"))
            .args([
                "--exact",
                "a_file_written_atomically_survives_a_kill_at_any_moment",
                "--nocapture",
            ])
            .env(WRITER_ENV, &file)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the writer");
        // Wait for a first complete version, then kill at a random moment after it.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        while !file.exists() && std::time::Instant::now() < deadline {
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
        std::thread::sleep(std::time::Duration::from_millis(5 + (state >> 33) % 60));
        let _ = child.kill();
        let _ = child.wait();
        let raw = std::fs::read_to_string(&file).expect("the file is there");
        let doc: serde_json::Value =
            serde_json::from_str(&raw).unwrap_or_else(|e| panic!("seed {seed}: a torn file ({e})"));
        let version = doc["version"].as_i64().expect("a version");
        eprintln!("seed {seed}: killed at version {version}");
        assert!(version >= 0);
        atomic::sweep_dead_temps(&file);
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .expect("list")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["state.json"], "seed {seed}: nothing left behind");
    }
}
