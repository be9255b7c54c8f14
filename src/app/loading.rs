//! Folder loading on worker threads: the engine's `pipeline::load` streams events to a
//! worker-side [`Outbox`], which prepares each article for the corpus (summary, place ids,
//! search text: [`Intake`]) and queues them in batches; the UI takes the whole queue each
//! frame (it is woken by `request_repaint`) and only appends.

use crate::app::library::{Intake, PlaceInfo, PreparedArticle};
use crate::core::io::LoadWarning;
use crate::core::model::Document;
use crate::core::pipeline::{self, LoadEvent};
use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};

/// A message from a load worker.
#[derive(Debug)]
pub struct LoadMsg {
    /// Which job it comes from.
    pub job: u64,
    /// What happened.
    pub update: LoadUpdate,
}

/// What a load worker reports, in the order it happened.
#[derive(Debug)]
pub enum LoadUpdate {
    /// Files were listed: `total` will be read.
    Started {
        /// Number of files to read.
        total: usize,
    },
    /// Articles ready for the corpus, and how far the load got after them.
    Batch(Batch),
    /// A file was skipped or repaired.
    Warning(LoadWarning),
    /// The load ended (all done, or cancelled).
    Finished {
        /// True when it stopped because of `cancel`.
        cancelled: bool,
    },
}

/// Consecutive articles of one job, prepared off the UI thread.
#[derive(Debug, Default)]
pub struct Batch {
    /// Places the job's intake saw for the first time with these articles.
    pub places: Vec<PlaceInfo>,
    /// The articles, in path order.
    pub articles: Vec<PreparedArticle>,
    /// The last progress report: files done, files in all, the file just done.
    pub progress: Option<(usize, usize, PathBuf)>,
}

/// One folder load in progress (or just finished).
#[derive(Debug, Clone)]
pub struct Job {
    /// Job id.
    pub id: u64,
    /// The collection the articles go to.
    pub collection: u32,
    /// Set to stop the worker.
    pub cancel: Arc<AtomicBool>,
    /// Files done.
    pub done: usize,
    /// Files in all (0 until listed).
    pub total: usize,
    /// Last file done.
    pub current: Option<PathBuf>,
    /// Articles received.
    pub articles: usize,
    /// The worker said it finished.
    pub finished: bool,
    /// It was cancelled.
    pub cancelled: bool,
}

/// Articles waiting for the UI at most; a worker that gets that far ahead waits.
pub const LOAD_QUEUE_ARTICLES: usize = 4096;

/// Articles in one batch at most (what one message moves to the UI).
const BATCH_ARTICLES: usize = 1024;

/// What the workers and the UI share.
#[derive(Debug, Default)]
struct Shared {
    queue: Mutex<Queue>,
    /// Signalled when the UI took articles out (or went away).
    room: Condvar,
}

#[derive(Debug, Default)]
struct Queue {
    msgs: VecDeque<LoadMsg>,
    /// Articles in `msgs`.
    articles: usize,
    /// The UI is gone: nothing is queued any more.
    closed: bool,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, Queue> {
        self.queue.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// A job's end of the queue: what its worker hands every [`LoadEvent`] to.
pub struct Outbox {
    shared: Arc<Shared>,
    job: u64,
    ctx: egui::Context,
    intake: Mutex<Intake>,
}

impl Outbox {
    fn new(shared: Arc<Shared>, job: u64, ctx: egui::Context) -> Self {
        Self {
            shared,
            job,
            ctx,
            intake: Mutex::new(Intake::default()),
        }
    }

    /// Queues `event` for the UI: articles are prepared here, on the worker, and join the
    /// batch at the end of the queue; progress updates that batch. Waits while the UI is
    /// [`LOAD_QUEUE_ARTICLES`] behind.
    pub fn send(&self, event: LoadEvent) {
        match event {
            LoadEvent::Article(a) => {
                // Held until the article is queued: the places it names first must reach the
                // UI with it or before any article that names them again.
                let mut intake = self.intake.lock().unwrap_or_else(|p| p.into_inner());
                let article = intake.prepare(*a);
                let places = intake.take_new_places();
                let mut q = self.shared.lock();
                while q.articles >= LOAD_QUEUE_ARTICLES && !q.closed {
                    q = self.shared.room.wait(q).unwrap_or_else(|p| p.into_inner());
                }
                q.articles += 1;
                self.with_batch(q, BATCH_ARTICLES, |b| {
                    b.places.extend(places);
                    b.articles.push(article);
                });
            }
            LoadEvent::Progress {
                done,
                total,
                current,
            } => {
                let q = self.shared.lock();
                self.with_batch(q, usize::MAX, |b| b.progress = Some((done, total, current)));
            }
            LoadEvent::Started { total } => self.push(LoadUpdate::Started { total }),
            LoadEvent::Warning(w) => self.push(LoadUpdate::Warning(w)),
            LoadEvent::Finished { cancelled } => self.push(LoadUpdate::Finished { cancelled }),
        }
    }

    /// Applies `f` to the batch at the end of the queue, starting one if that is not this
    /// job's or holds `max` articles already.
    fn with_batch(&self, mut q: MutexGuard<'_, Queue>, max: usize, f: impl FnOnce(&mut Batch)) {
        if q.closed {
            return;
        }
        let was_empty = q.msgs.is_empty();
        let open = q.msgs.back_mut().and_then(|m| match &mut m.update {
            LoadUpdate::Batch(b) if m.job == self.job && b.articles.len() < max => Some(b),
            _ => None,
        });
        match open {
            Some(b) => f(b),
            None => {
                let mut b = Batch::default();
                f(&mut b);
                q.msgs.push_back(LoadMsg {
                    job: self.job,
                    update: LoadUpdate::Batch(b),
                });
            }
        }
        drop(q);
        // The UI takes the whole queue each frame: waking it when the queue was empty is
        // enough (it is then woken about once per frame, not once per file).
        if was_empty {
            self.ctx.request_repaint();
        }
    }

    fn push(&self, update: LoadUpdate) {
        let mut q = self.shared.lock();
        if q.closed {
            return;
        }
        q.msgs.push_back(LoadMsg {
            job: self.job,
            update,
        });
        drop(q);
        self.ctx.request_repaint();
    }
}

/// Starts loads and collects their messages.
#[derive(Default)]
pub struct Loader {
    // Bounded (in articles): a load faster than the UI can take it waits instead of piling up
    // articles in memory (the UI keeps draining, also for removed or cancelled jobs).
    shared: Arc<Shared>,
    /// Messages made on the UI thread itself (never waiting on the bounded queue).
    local: Vec<LoadMsg>,
    /// Loads in progress.
    pub jobs: Vec<Job>,
    next: u64,
}

impl Drop for Loader {
    fn drop(&mut self) {
        // Nobody will drain the queue any more: workers must neither wait on it nor go on.
        self.cancel_all();
        self.shared.lock().closed = true;
        self.shared.room.notify_all();
    }
}

/// The texts of `seeds/*.txt`, embedded as a fallback when no `seeds/` folder is found.
pub const EMBEDDED_SEEDS: &[(&str, &str)] = &[
    (
        "000_dc075c6f9cdc61a3.txt",
        include_str!("../../seeds/000_dc075c6f9cdc61a3.txt"),
    ),
    (
        "001_a967ac592b044efa.txt",
        include_str!("../../seeds/001_a967ac592b044efa.txt"),
    ),
    (
        "002_69783e8ce28d6574.txt",
        include_str!("../../seeds/002_69783e8ce28d6574.txt"),
    ),
    (
        "003_aee40e151f30a76b.txt",
        include_str!("../../seeds/003_aee40e151f30a76b.txt"),
    ),
    (
        "004_d8534acbe1fed89a.txt",
        include_str!("../../seeds/004_d8534acbe1fed89a.txt"),
    ),
];

/// Virtual folder name of the embedded seeds (article paths start with it).
pub const EMBEDDED_ROOT: &str = "<embedded seeds>";

/// The text of an embedded seed article, by its (virtual) path.
pub fn embedded_text(path: &Path) -> Option<&'static str> {
    if !path.starts_with(EMBEDDED_ROOT) {
        return None;
    }
    let name = path.file_name()?.to_str()?;
    EMBEDDED_SEEDS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, t)| *t)
}

/// An embedded seed article as a document, by its (virtual) path.
pub fn embedded_document(path: &Path) -> Option<Document> {
    let text = embedded_text(path)?;
    Some(Document {
        id: path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default(),
        path: path.to_path_buf(),
        title: None,
        text: text.to_string(),
        meta_published: None,
        url: None,
        site: None,
    })
}

/// The `seeds/` folder beside the executable, or in the working directory.
pub fn find_seeds_folder() -> Option<PathBuf> {
    let beside_exe = std::env::current_exe()
        .ok()
        .and_then(|p| p.parent().map(|d| d.join("seeds")));
    let candidates = [beside_exe, Some(PathBuf::from("seeds"))];
    candidates.into_iter().flatten().find(|p| {
        std::fs::read_dir(p).is_ok_and(|mut rd| {
            rd.any(|e| e.is_ok_and(|e| e.path().extension().is_some_and(|x| x == "txt")))
        })
    })
}

impl Loader {
    fn new_job(&mut self, collection: u32) -> (u64, Arc<AtomicBool>) {
        // Ids start at 1.
        self.next += 1;
        let id = self.next;
        let cancel = Arc::new(AtomicBool::new(false));
        self.jobs.push(Job {
            id,
            collection,
            cancel: cancel.clone(),
            done: 0,
            total: 0,
            current: None,
            articles: 0,
            finished: false,
            cancelled: false,
        });
        (id, cancel)
    }

    /// Starts loading `paths` into `collection` on a worker thread.
    pub fn start(&mut self, collection: u32, paths: Vec<PathBuf>, ctx: &egui::Context) -> u64 {
        let (id, cancel) = self.new_job(collection);
        let out = Outbox::new(self.shared.clone(), id, ctx.clone());
        let spawned = std::thread::Builder::new()
            .name(format!("load-{id}"))
            .spawn(move || {
                // Reopening a folder reads extraction results from the on-disk cache (keyed by
                // path, size, mtime and extractor version) instead of extracting again.
                let opts = pipeline::LoadOptions {
                    cache_dir: crate::core::store::cache::default_cache_dir()
                        .map(|d| d.join("extractions")),
                    // The app keeps summaries; the reader re-extracts the open article.
                    slim: true,
                    ..Default::default()
                };
                pipeline::load_with(&paths, &opts, &cancel, &|event| out.send(event));
            });
        if let Err(e) = spawned {
            self.thread_failed(id, e);
        }
        id
    }

    /// Extracts the embedded seed texts into `collection` on a worker thread.
    pub fn start_embedded(&mut self, collection: u32, ctx: &egui::Context) -> u64 {
        let (id, cancel) = self.new_job(collection);
        let out = Outbox::new(self.shared.clone(), id, ctx.clone());
        let spawned = std::thread::Builder::new()
            .name("load-embedded".into())
            .spawn(move || {
                let send = |event| out.send(event);
                let total = EMBEDDED_SEEDS.len();
                send(LoadEvent::Started { total });
                let gaz = crate::core::extract::places::gazetteer::Gazetteer::global();
                for (i, (name, _)) in EMBEDDED_SEEDS.iter().enumerate() {
                    if cancel.load(Ordering::Relaxed) {
                        send(LoadEvent::Finished { cancelled: true });
                        return;
                    }
                    let path = Path::new(EMBEDDED_ROOT).join(name);
                    // The outbox slims what the corpus keeps (`Intake::prepare`).
                    if let Some(a) = embedded_document(&path)
                        .and_then(|doc| crate::core::extract::extract_guarded(&doc, gaz))
                    {
                        send(LoadEvent::Article(Box::new(a)));
                    }
                    send(LoadEvent::Progress {
                        done: i + 1,
                        total,
                        current: path,
                    });
                }
                send(LoadEvent::Finished { cancelled: false });
            });
        if let Err(e) = spawned {
            self.thread_failed(id, e);
        }
        id
    }

    /// Reports a worker that could not start, and ends its job.
    fn thread_failed(&mut self, job: u64, e: std::io::Error) {
        // Queued locally: the UI thread must never wait on the bounded channel.
        self.local.push(LoadMsg {
            job,
            update: LoadUpdate::Warning(LoadWarning {
                path: PathBuf::new(),
                kind: crate::core::io::WarningKind::Other,
                message: format!("could not start a loading thread: {e}"),
            }),
        });
        self.local.push(LoadMsg {
            job,
            update: LoadUpdate::Finished { cancelled: true },
        });
    }

    /// Every message waiting, oldest first (articles come in batches, so this is cheap).
    pub fn drain(&mut self) -> Vec<LoadMsg> {
        let mut out = std::mem::take(&mut self.local);
        let taken = {
            let mut q = self.shared.lock();
            q.articles = 0;
            std::mem::take(&mut q.msgs)
        };
        self.shared.room.notify_all();
        out.extend(taken);
        out
    }

    /// True when more messages are waiting.
    pub fn has_pending(&self) -> bool {
        !self.local.is_empty() || !self.shared.lock().msgs.is_empty()
    }

    /// The job with this id.
    pub fn job_mut(&mut self, id: u64) -> Option<&mut Job> {
        self.jobs.iter_mut().find(|j| j.id == id)
    }

    /// Asks every job of a collection to stop and forgets them (late messages are dropped).
    pub fn cancel_collection(&mut self, collection: u32) {
        for j in self.jobs.iter().filter(|j| j.collection == collection) {
            j.cancel.store(true, Ordering::Relaxed);
        }
        self.jobs.retain(|j| j.collection != collection);
    }

    /// Asks a job to stop (it reports `Finished { cancelled: true }`).
    pub fn cancel(&mut self, id: u64) {
        if let Some(j) = self.job_mut(id) {
            j.cancel.store(true, Ordering::Relaxed);
        }
    }

    /// Asks every job to stop (window closing).
    pub fn cancel_all(&mut self) {
        for j in &self.jobs {
            j.cancel.store(true, Ordering::Relaxed);
        }
    }

    /// True while any job is running.
    pub fn busy(&self) -> bool {
        self.jobs.iter().any(|j| !j.finished)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::synthetic_articles;
    use std::collections::HashSet;
    use std::time::{Duration, Instant};

    fn queued_articles(loader: &Loader) -> usize {
        loader.shared.lock().articles
    }

    /// Sends `n` synthetic articles (each followed by its progress) as a pipeline would.
    fn worker(out: Outbox, n: usize) -> std::thread::JoinHandle<()> {
        std::thread::spawn(move || {
            out.send(LoadEvent::Started { total: n });
            for (i, a) in synthetic_articles(n, 2, 40, 3).into_iter().enumerate() {
                out.send(LoadEvent::Article(Box::new(a)));
                out.send(LoadEvent::Progress {
                    done: i + 1,
                    total: n,
                    current: PathBuf::from(format!("f{i}")),
                });
            }
            out.send(LoadEvent::Finished { cancelled: false });
        })
    }

    fn wait_until(what: &str, mut ok: impl FnMut() -> bool) {
        let start = Instant::now();
        while !ok() {
            assert!(start.elapsed() < Duration::from_secs(20), "{what}");
            std::thread::sleep(Duration::from_millis(2));
        }
    }

    #[test]
    fn batches_keep_path_order_bring_their_places_and_wait_when_the_ui_is_behind() {
        let mut loader = Loader::default();
        let (job, _) = loader.new_job(0);
        let n = LOAD_QUEUE_ARTICLES + 700;
        let out = Outbox::new(loader.shared.clone(), job, egui::Context::default());
        let handle = worker(out, n);
        wait_until("the queue fills", || {
            queued_articles(&loader) == LOAD_QUEUE_ARTICLES
        });
        std::thread::sleep(Duration::from_millis(50));
        assert_eq!(
            queued_articles(&loader),
            LOAD_QUEUE_ARTICLES,
            "the worker waits for the UI"
        );

        let mut ids = Vec::new();
        let mut known = HashSet::new();
        let mut last_done = 0;
        let mut finished = false;
        let start = Instant::now();
        while !finished {
            assert!(start.elapsed() < Duration::from_secs(20), "the load ends");
            for m in loader.drain() {
                assert_eq!(m.job, job);
                match m.update {
                    LoadUpdate::Batch(b) => {
                        assert!(b.articles.len() <= BATCH_ARTICLES);
                        known.extend(b.places.iter().map(|p| p.gid));
                        for a in &b.articles {
                            assert!(
                                a.places.iter().all(|g| known.contains(g)),
                                "a place arrives with or before the first article naming it"
                            );
                            assert!(a.article.places.is_empty(), "mentions moved to ids");
                            ids.push(a.article.id.clone());
                        }
                        if let Some((done, total, _)) = b.progress {
                            assert!(done >= last_done && total == n);
                            last_done = done;
                        }
                    }
                    LoadUpdate::Finished { cancelled } => {
                        assert!(!cancelled);
                        finished = true;
                    }
                    LoadUpdate::Started { .. } | LoadUpdate::Warning(_) => {}
                }
            }
            std::thread::sleep(Duration::from_millis(1));
        }
        handle.join().expect("worker");
        let expected: Vec<String> = (0..n).map(|i| format!("synthetic_{i:06}")).collect();
        assert_eq!(ids, expected);
        assert_eq!(last_done, n);
        assert!(!loader.has_pending());
    }

    #[test]
    fn a_worker_waiting_on_a_full_queue_ends_when_the_loader_goes() {
        let mut loader = Loader::default();
        let (job, cancel) = loader.new_job(0);
        let out = Outbox::new(loader.shared.clone(), job, egui::Context::default());
        let handle = worker(out, LOAD_QUEUE_ARTICLES + 10);
        wait_until("the queue fills", || {
            queued_articles(&loader) == LOAD_QUEUE_ARTICLES
        });
        drop(loader);
        assert!(cancel.load(Ordering::Relaxed), "jobs told to stop");
        wait_until("the worker ends", || handle.is_finished());
    }
}
