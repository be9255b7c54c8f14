//! Folder loading on worker threads: the engine's `pipeline::load` streams events into a
//! channel, the UI drains it each frame (and is woken by `request_repaint`).

use crate::core::corpus::Document;
use crate::core::pipeline::{self, LoadEvent};
use crossbeam_channel::{Receiver, Sender};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// A message from a load worker.
#[derive(Debug)]
pub struct LoadMsg {
    /// Which job it comes from.
    pub job: u64,
    /// What happened.
    pub event: LoadEvent,
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

/// Messages in flight between the load workers and the UI at most.
pub const LOAD_CHANNEL_CAPACITY: usize = 4096;

/// Starts loads and collects their messages.
pub struct Loader {
    tx: Sender<LoadMsg>,
    rx: Receiver<LoadMsg>,
    /// Messages made on the UI thread itself (never sent through the bounded channel).
    local: Vec<LoadMsg>,
    /// Loads in progress.
    pub jobs: Vec<Job>,
    next: u64,
}

impl Default for Loader {
    fn default() -> Self {
        // Bounded: a load faster than the UI can take it waits instead of piling up articles
        // in memory (the UI keeps draining, also for removed or cancelled jobs).
        let (tx, rx) = crossbeam_channel::bounded(LOAD_CHANNEL_CAPACITY);
        Self {
            tx,
            rx,
            local: Vec::new(),
            jobs: Vec::new(),
            next: 1,
        }
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
        let id = self.next;
        self.next += 1;
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
        let tx = self.tx.clone();
        let ctx = ctx.clone();
        let spawned = std::thread::Builder::new()
            .name(format!("load-{id}"))
            .spawn(move || {
                // Reopening a folder reads extraction results from the on-disk cache (keyed by
                // path, size, mtime and extractor version) instead of extracting again.
                let opts = pipeline::LoadOptions {
                    cache_dir: crate::core::cache::default_cache_dir()
                        .map(|d| d.join("extractions")),
                    // The app keeps summaries; the reader re-extracts the open article.
                    slim: true,
                    ..Default::default()
                };
                pipeline::load_with(&paths, &opts, &cancel, &|event| {
                    let _ = tx.send(LoadMsg { job: id, event });
                    ctx.request_repaint();
                });
            });
        if let Err(e) = spawned {
            self.thread_failed(id, e);
        }
        id
    }

    /// Extracts the embedded seed texts into `collection` on a worker thread.
    pub fn start_embedded(&mut self, collection: u32, ctx: &egui::Context) -> u64 {
        let (id, cancel) = self.new_job(collection);
        let tx = self.tx.clone();
        let ctx = ctx.clone();
        let spawned = std::thread::Builder::new()
            .name("load-embedded".into())
            .spawn(move || {
                let send = |event| {
                    let _ = tx.send(LoadMsg { job: id, event });
                    ctx.request_repaint();
                };
                let total = EMBEDDED_SEEDS.len();
                send(LoadEvent::Started { total });
                let gaz = crate::core::gazetteer::Gazetteer::global();
                for (i, (name, _)) in EMBEDDED_SEEDS.iter().enumerate() {
                    if cancel.load(Ordering::Relaxed) {
                        send(LoadEvent::Finished { cancelled: true });
                        return;
                    }
                    let path = Path::new(EMBEDDED_ROOT).join(name);
                    // The corpus slims what it keeps (`Corpus::push_article`).
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
            event: LoadEvent::Warning(crate::core::corpus::LoadWarning {
                path: PathBuf::new(),
                kind: crate::core::corpus::WarningKind::Other,
                message: format!("could not start a loading thread: {e}"),
            }),
        });
        self.local.push(LoadMsg {
            job,
            event: LoadEvent::Finished { cancelled: true },
        });
    }

    /// Messages waiting, at most `max` of them (the rest wait for the next frame).
    pub fn drain(&mut self, max: usize) -> Vec<LoadMsg> {
        let mut out: Vec<LoadMsg> = self.local.drain(..self.local.len().min(max)).collect();
        out.extend(self.rx.try_iter().take(max - out.len()));
        out
    }

    /// True when more messages are waiting.
    pub fn has_pending(&self) -> bool {
        !self.local.is_empty() || !self.rx.is_empty()
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
