//! Loading a corpus end to end: discover, read, extract in parallel, stream results.
//!
//! Workers of the rayon pool take files in path order from a shared counter, so results come
//! back nearly in order; a small reorder buffer then emits them strictly in path order. That
//! makes the stream (and which of two identical texts is kept) deterministic while the map
//! still fills as the load goes. The cache, when enabled, is read before and rewritten (as a
//! stream, atomically) during the load.

use crate::core::extract::places::gazetteer::Gazetteer;
use crate::core::extract::{EXTRACTOR_VERSION, extract_guarded};
use crate::core::io::{self, LoadWarning, ReadOptions, WarningKind};
use crate::core::model::Article;
use crate::core::store::cache::{self, CacheSnapshot, CacheWriter, CachedResult, FileKey};
use crate::core::store::event_table;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard};

/// What a load reports as it goes (to a progress bar, the app's channel…).
#[derive(Debug, Clone)]
pub enum LoadEvent {
    /// Files were listed: `total` will be read.
    Started {
        /// Number of files to read.
        total: usize,
    },
    /// One more file is done.
    Progress {
        /// Files done so far.
        done: usize,
        /// Files in all.
        total: usize,
        /// The file just done.
        current: PathBuf,
    },
    /// An article is ready.
    Article(Box<Article>),
    /// A file was skipped or repaired.
    Warning(LoadWarning),
    /// The load ended (all done, or cancelled).
    Finished {
        /// True when it stopped because of `cancel`.
        cancelled: bool,
    },
}

/// How a load runs.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Folder of the extraction cache; `None` disables it (tests, one-off runs).
    pub cache_dir: Option<PathBuf>,
    /// Per-file read limits.
    pub read: ReadOptions,
    /// Emit (and cache) each article's summary ([`Article::slim`]) instead of the full
    /// extraction: what a corpus-wide view needs, at a fraction of the memory and cache size.
    pub slim: bool,
}

/// Counts of a finished load.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LoadStats {
    /// Files listed for reading.
    pub files: usize,
    /// Articles emitted.
    pub articles: usize,
    /// Files whose result came from the cache.
    pub cache_hits: usize,
    /// Identical texts dropped.
    pub duplicates: usize,
    /// Warnings emitted.
    pub warnings: usize,
    /// True when the load was cancelled.
    pub cancelled: bool,
}

/// The result for one file, before ordering.
struct Outcome {
    result: CachedResult,
    /// Record to write to the new cache (key + encoded payload), if cacheable.
    record: Option<(FileKey, Vec<u8>)>,
    hit: bool,
}

/// Reads, decodes and extracts one file. Never panics: a panic inside extraction becomes a
/// warning naming the file.
pub fn process_file(path: &std::path::Path, read: &ReadOptions, gaz: &Gazetteer) -> CachedResult {
    match io::read_document_with(path, read) {
        Ok((doc, warnings)) => match extract_guarded(&doc, gaz) {
            Some(a) => CachedResult {
                warnings,
                article: Some(a),
            },
            None => {
                let mut warnings = warnings;
                warnings.push(LoadWarning::new(
                    path,
                    WarningKind::Other,
                    "internal error while extracting this file: skipped (please report it)",
                ));
                CachedResult {
                    warnings,
                    article: None,
                }
            }
        },
        Err(w) => CachedResult {
            warnings: vec![w],
            article: None,
        },
    }
}

/// True when the cached article carries the URL the metadata table gives it now: an edited
/// table makes the cached result stale though the article file did not change.
fn same_table_url(path: &std::path::Path, cached: &CachedResult) -> bool {
    let Some(a) = cached.article.as_ref() else {
        return true;
    };
    a.url == io::meta_for(path).and_then(|m| m.url)
}

fn compute(
    path: &std::path::Path,
    key: Option<FileKey>,
    opts: &LoadOptions,
    snapshot: Option<&CacheSnapshot>,
    gaz: fn() -> &'static Gazetteer,
) -> Outcome {
    if let (Some(snap), Some(key)) = (snapshot, key.as_ref())
        && let Some(bytes) = snap.take(key)
        && let Some(result) = CachedResult::decode(&bytes)
        && same_table_url(path, &result)
    {
        return Outcome {
            result,
            record: Some((key.clone(), bytes.into_vec())),
            hit: true,
        };
    }
    // The gazetteer is built on the first miss only: a load served from the cache never pays it.
    let mut result = process_file(path, &opts.read, gaz());
    if opts.slim
        && let Some(a) = result.article.as_mut()
    {
        a.slim();
    }
    // A file that vanished or failed to open is not cached: it may be back next time.
    let transient = result.article.is_none()
        && result.warnings.iter().any(|w| {
            matches!(
                w.kind,
                WarningKind::Unreadable | WarningKind::LinkLoop | WarningKind::Other
            )
        });
    let record = match key {
        Some(k) if !transient => result.encode().map(|b| (k, b)),
        _ => None,
    };
    Outcome {
        result,
        record,
        hit: false,
    }
}

/// State of the in-order emitter.
struct Emitter {
    next: usize,
    pending: BTreeMap<usize, Outcome>,
    seen: HashMap<u64, PathBuf>,
    writer: Option<CacheWriter>,
    written: usize,
    stats: LoadStats,
    /// Events ready for the sink, in path order.
    ready: VecDeque<LoadEvent>,
    /// A worker is handing `ready` to the sink (the others leave their events to it).
    sinking: bool,
}

impl Emitter {
    fn new(writer: Option<CacheWriter>, stats: LoadStats) -> Self {
        Emitter {
            next: 0,
            pending: BTreeMap::new(),
            seen: HashMap::new(),
            writer,
            written: 0,
            stats,
            ready: VecDeque::new(),
            sinking: false,
        }
    }
}

/// Loads every article under `paths` without cache, calling `sink` from worker threads as
/// results come (in path order). Setting `cancel` stops the load early.
pub fn load(paths: &[PathBuf], cancel: &AtomicBool, sink: &(dyn Fn(LoadEvent) + Sync)) {
    load_with(paths, &LoadOptions::default(), cancel, sink);
}

/// Loads every article under `paths` with `opts` (cache, read limits). Events reach `sink` in
/// path order; `cancel` is checked before each file.
pub fn load_with(
    paths: &[PathBuf],
    opts: &LoadOptions,
    cancel: &AtomicBool,
    sink: &(dyn Fn(LoadEvent) + Sync),
) -> LoadStats {
    // Event tables (extracted elsewhere, e.g. in shards) are read as they are, not extracted.
    let (tables, paths): (Vec<PathBuf>, Vec<PathBuf>) = paths
        .iter()
        .cloned()
        .partition(|p| event_table::is_event_table(p) && p.is_file());
    let (table_articles, table_warnings) = read_event_tables(&tables, cancel, sink);
    let run = LoadRun {
        opts,
        cancel,
        sink,
        cache_file: opts
            .cache_dir
            .as_ref()
            .filter(|_| !paths.is_empty())
            .map(|d| cache::cache_file(d, &paths, opts.slim)),
    };
    let Listing {
        files,
        warnings,
        keys,
        opened,
    } = run.list(&paths);
    let mut stats = LoadStats {
        files: files.len() + tables.len(),
        articles: table_articles,
        ..LoadStats::default()
    };
    for w in table_warnings.into_iter().chain(warnings) {
        run.warn(&mut stats, w);
    }
    let total = files.len();
    sink(LoadEvent::Started { total });
    if cancel.load(Ordering::Relaxed) {
        stats.cancelled = true;
        sink(LoadEvent::Finished { cancelled: true });
        return stats;
    }
    let snapshot = opened.map(|(snap, warn)| {
        for w in warn {
            run.warn(&mut stats, w);
        }
        snap
    });
    let writer = run.cache_writer(&files, &keys, snapshot.as_ref(), &mut stats);
    let emitter = Emitter::new(writer, stats);
    let mut em = run.extract_in_order(&files, &keys, snapshot.as_ref(), emitter);
    let cancelled = cancel.load(Ordering::Relaxed) && em.next < total;
    if let Some(w) = em.writer.take() {
        run.finish_cache(w, &mut em, &files, snapshot.as_ref(), cancelled);
    }
    em.stats.cancelled = cancelled;
    sink(LoadEvent::Finished { cancelled });
    em.stats
}

/// Reads the event tables, handing their articles to `sink`; returns how many there were and
/// the warnings (which go out with those of the listing).
fn read_event_tables(
    tables: &[PathBuf],
    cancel: &AtomicBool,
    sink: &(dyn Fn(LoadEvent) + Sync),
) -> (usize, Vec<LoadWarning>) {
    let mut table_articles = 0;
    let mut table_warnings = Vec::new();
    for t in tables {
        if cancel.load(Ordering::Relaxed) {
            break;
        }
        let (articles, warnings) = event_table::read(t);
        table_warnings.extend(warnings);
        table_articles += articles.len();
        for a in articles {
            sink(LoadEvent::Article(Box::new(a)));
        }
    }
    (table_articles, table_warnings)
}

/// What one [`load_with`] call shares between its steps.
struct LoadRun<'a> {
    opts: &'a LoadOptions,
    cancel: &'a AtomicBool,
    sink: &'a (dyn Fn(LoadEvent) + Sync),
    /// The cache file, when the cache is enabled and there are paths to list.
    cache_file: Option<PathBuf>,
}

/// The files to read, and the cache as it was before the load.
struct Listing {
    files: Vec<PathBuf>,
    warnings: Vec<LoadWarning>,
    /// The state of each file (empty without cache, or when cancelled while listing).
    keys: Vec<Option<FileKey>>,
    /// The old cache's records, and a warning if it could not be read.
    opened: Option<(CacheSnapshot, Vec<LoadWarning>)>,
}

fn cache_not_written(file: impl Into<PathBuf>, e: impl std::fmt::Display) -> LoadWarning {
    LoadWarning::new(
        file,
        WarningKind::Other,
        format!("extraction cache not written: {e}"),
    )
}

impl LoadRun<'_> {
    /// Counts a warning and hands it to the sink.
    fn warn(&self, stats: &mut LoadStats, w: LoadWarning) {
        stats.warnings += 1;
        (self.sink)(LoadEvent::Warning(w));
    }

    fn list(&self, paths: &[PathBuf]) -> Listing {
        // Listing the files (then taking their states) and reading the cache are independent
        // and each take a few hundred milliseconds for 100 000 files: done side by side. Every
        // file's state is taken once up front (in parallel): the workers look the cache up with
        // it, and when the cache already holds exactly these files in these states it is left
        // as it is instead of being rewritten (a warm reopen then writes nothing).
        let ((files, warnings, keys), opened) = rayon::join(
            || {
                let (files, warnings) = if paths.is_empty() {
                    (Vec::new(), Vec::new())
                } else {
                    io::discover_cancellable(paths, self.cancel)
                };
                let keys: Vec<Option<FileKey>> =
                    if self.cache_file.is_some() && !self.cancel.load(Ordering::Relaxed) {
                        files.par_iter().map(|p| FileKey::of(p)).collect()
                    } else {
                        Vec::new()
                    };
                (files, warnings, keys)
            },
            || {
                self.cache_file
                    .as_ref()
                    .map(|f| cache::open_for_load(f, EXTRACTOR_VERSION))
            },
        );
        Listing {
            files,
            warnings,
            keys,
            opened,
        }
    }

    /// The writer of the new cache; none when the cache is off or already up to date.
    fn cache_writer(
        &self,
        files: &[PathBuf],
        keys: &[Option<FileKey>],
        snapshot: Option<&CacheSnapshot>,
        stats: &mut LoadStats,
    ) -> Option<CacheWriter> {
        let up_to_date = snapshot.is_some_and(|snap| {
            snap.len() == files.len()
                && keys.iter().all(|k| k.as_ref().is_some_and(|k| snap.has(k)))
        });
        let f = self.cache_file.as_ref().filter(|_| !up_to_date)?;
        match CacheWriter::create(f, EXTRACTOR_VERSION) {
            Ok(w) => Some(w),
            Err(e) => {
                self.warn(stats, cache_not_written(f, e));
                None
            }
        }
    }

    /// Extracts the files on every worker of the pool, each taking the next file in path
    /// order; the emitter hands the results to the sink in that order.
    fn extract_in_order(
        &self,
        files: &[PathBuf],
        keys: &[Option<FileKey>],
        snapshot: Option<&CacheSnapshot>,
        emitter: Emitter,
    ) -> Emitter {
        let gaz: fn() -> &'static Gazetteer = Gazetteer::global;
        let counter = AtomicUsize::new(0);
        let emitter = Mutex::new(emitter);
        let taken = Condvar::new();
        let workers = rayon::current_num_threads().max(1);
        rayon::scope(|s| {
            for _ in 0..workers {
                s.spawn(|_| {
                    loop {
                        if self.cancel.load(Ordering::Relaxed) {
                            return;
                        }
                        let i = counter.fetch_add(1, Ordering::Relaxed);
                        let Some(path) = files.get(i) else { return };
                        let key = keys.get(i).cloned().flatten();
                        let outcome = compute(path, key, self.opts, snapshot, gaz);
                        let mut em = emitter.lock().unwrap_or_else(|p| p.into_inner());
                        em.pending.insert(i, outcome);
                        drain(&mut em, files);
                        hand_over(em, &emitter, &taken, self.sink);
                    }
                });
            }
        });
        emitter.into_inner().unwrap_or_else(|p| p.into_inner())
    }

    /// Completes the new cache after the workers are done.
    fn finish_cache(
        &self,
        mut w: CacheWriter,
        em: &mut Emitter,
        files: &[PathBuf],
        snapshot: Option<&CacheSnapshot>,
        cancelled: bool,
    ) {
        let total = files.len();
        // A cancelled load keeps the old records of the files it did not reach.
        if let Some(snap) = snapshot.filter(|_| cancelled) {
            for f in &files[em.next.min(total)..] {
                if let Some((k, b)) = f.to_str().and_then(|p| snap.take_any(p)) {
                    let _ = w.write(&k, &b);
                }
            }
        }
        let finished = if em.written > 0 || snapshot.is_none_or(|s| s.is_empty()) {
            w.finish().map(|_| ())
        } else {
            w.abort();
            Ok(())
        };
        if let Err(e) = finished {
            let f = self.cache_file.clone().unwrap_or_default();
            self.warn(&mut em.stats, cache_not_written(f, e));
        }
    }
}

/// Hands the ready events to the sink outside the emitter's lock, so the other workers go on
/// extracting while the sink works (the app prepares each article for its tables there). One
/// worker at a time does it, taking what the others queued meanwhile: the order holds.
///
/// A worker that finds more than [`READY_LIMIT`] events waiting stops until the sink has
/// taken them: a slow sink (the app's bounded queue) holds the load back instead of letting
/// results pile up in memory.
fn hand_over<'a>(
    mut em: MutexGuard<'a, Emitter>,
    emitter: &'a Mutex<Emitter>,
    taken: &Condvar,
    sink: &(dyn Fn(LoadEvent) + Sync),
) {
    if em.sinking {
        while em.sinking && em.ready.len() > READY_LIMIT {
            em = taken.wait(em).unwrap_or_else(|p| p.into_inner());
        }
        if em.sinking {
            return;
        }
    }
    em.sinking = true;
    loop {
        let batch: Vec<LoadEvent> = em.ready.drain(..).collect();
        taken.notify_all();
        if batch.is_empty() {
            em.sinking = false;
            return;
        }
        drop(em);
        for ev in batch {
            sink(ev);
        }
        em = emitter.lock().unwrap_or_else(|p| p.into_inner());
    }
}

/// Events a load lets wait for its sink before its workers stop (see [`hand_over`]).
const READY_LIMIT: usize = 1024;

/// Queues the events of every outcome that is next in path order.
fn drain(em: &mut Emitter, files: &[PathBuf]) {
    let total = files.len();
    while let Some(out) = {
        let next = em.next;
        em.pending.remove(&next)
    } {
        let i = em.next;
        em.next += 1;
        if out.hit {
            em.stats.cache_hits += 1;
        }
        if let (Some(w), Some((k, b))) = (em.writer.as_mut(), out.record.as_ref())
            && w.write(k, b).is_ok()
        {
            em.written += 1;
        }
        for w in out.result.warnings {
            em.stats.warnings += 1;
            em.ready.push_back(LoadEvent::Warning(w));
        }
        if let Some(a) = out.result.article {
            match em.seen.get(&a.content_hash) {
                Some(first) => {
                    em.stats.duplicates += 1;
                    em.stats.warnings += 1;
                    let msg = format!("same text as {}: loaded once", first.display());
                    em.ready.push_back(LoadEvent::Warning(LoadWarning::new(
                        &a.path,
                        WarningKind::Duplicate,
                        msg,
                    )));
                }
                None => {
                    em.seen.insert(a.content_hash, a.path.clone());
                    em.stats.articles += 1;
                    em.ready.push_back(LoadEvent::Article(Box::new(a)));
                }
            }
        }
        em.ready.push_back(LoadEvent::Progress {
            done: i + 1,
            total,
            current: files[i].clone(),
        });
    }
}

/// Loads synchronously without cache and returns the articles (in path order) and warnings.
pub fn load_all(paths: &[PathBuf]) -> (Vec<Article>, Vec<LoadWarning>) {
    load_all_with(paths, &LoadOptions::default())
}

/// Loads synchronously with `opts` and returns the articles (in path order) and warnings.
pub fn load_all_with(paths: &[PathBuf], opts: &LoadOptions) -> (Vec<Article>, Vec<LoadWarning>) {
    let out = Mutex::new((Vec::new(), Vec::new()));
    load_with(paths, opts, &AtomicBool::new(false), &|e| {
        let mut g = out.lock().unwrap_or_else(|p| p.into_inner());
        match e {
            LoadEvent::Article(a) => g.0.push(*a),
            LoadEvent::Warning(w) => g.1.push(w),
            _ => {}
        }
    });
    let (mut arts, ws) = out.into_inner().unwrap_or_else(|p| p.into_inner());
    arts.sort_by(|a: &Article, b: &Article| a.path.cmp(&b.path));
    (arts, ws)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slow_sink_still_gets_every_event_in_path_order() {
        let tmp = tempfile::tempdir().unwrap();
        for i in 0..300 {
            let text = format!(
                "Article {i}. Le 3 mars 2019, une réunion s'est tenue à Ankara entre les ministres."
            );
            std::fs::write(tmp.path().join(format!("a{i:03}.txt")), text).unwrap();
        }
        let seen: Mutex<Vec<LoadEvent>> = Mutex::new(Vec::new());
        let sink = |ev: LoadEvent| {
            if let LoadEvent::Article(a) = &ev
                && a.path.ends_with("a007.txt")
            {
                // One slow article: the other workers must not overtake it.
                std::thread::sleep(std::time::Duration::from_millis(200));
            }
            seen.lock().unwrap().push(ev);
        };
        let cancel = AtomicBool::new(false);
        let stats = load_with(
            &[tmp.path().to_path_buf()],
            &LoadOptions::default(),
            &cancel,
            &sink,
        );
        assert_eq!(stats.articles, 300);
        let events = seen.into_inner().unwrap();
        let names: Vec<String> = events
            .iter()
            .filter_map(|e| match e {
                LoadEvent::Article(a) => Some(a.path.file_name()?.to_string_lossy().into_owned()),
                _ => None,
            })
            .collect();
        let expected: Vec<String> = (0..300).map(|i| format!("a{i:03}.txt")).collect();
        assert_eq!(names, expected);
        let done: Vec<usize> = events
            .iter()
            .filter_map(|e| match e {
                LoadEvent::Progress { done, .. } => Some(*done),
                _ => None,
            })
            .collect();
        assert_eq!(done, (1..=300).collect::<Vec<_>>());
        assert!(matches!(
            events.last(),
            Some(LoadEvent::Finished { cancelled: false })
        ));
    }
}
