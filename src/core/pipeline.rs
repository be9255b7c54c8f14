//! Loading a corpus end to end: discover, read, extract in parallel, stream results.

use crate::core::corpus::{self, LoadWarning};
use crate::core::extract::extract;
use crate::core::gazetteer::Gazetteer;
use crate::core::model::Article;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};

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

/// Loads every article under `paths`, calling `sink` from worker threads as results come.
/// Setting `cancel` stops the load early.
pub fn load(paths: &[PathBuf], cancel: &AtomicBool, sink: &(dyn Fn(LoadEvent) + Sync)) {
    let (files, warnings) = corpus::discover(paths);
    for w in warnings {
        sink(LoadEvent::Warning(w));
    }
    let total = files.len();
    sink(LoadEvent::Started { total });
    let gaz = Gazetteer::global();
    let mut seen = std::collections::HashSet::new();
    for (i, f) in files.iter().enumerate() {
        if cancel.load(Ordering::Relaxed) {
            sink(LoadEvent::Finished { cancelled: true });
            return;
        }
        match corpus::read_document(f) {
            Ok((doc, ws)) => {
                for w in ws {
                    sink(LoadEvent::Warning(w));
                }
                let a = extract(&doc, gaz);
                if seen.insert(a.content_hash) {
                    sink(LoadEvent::Article(Box::new(a)));
                }
            }
            Err(w) => sink(LoadEvent::Warning(w)),
        }
        sink(LoadEvent::Progress {
            done: i + 1,
            total,
            current: f.clone(),
        });
    }
    sink(LoadEvent::Finished { cancelled: false });
}

/// Loads synchronously and returns the articles (in path order) and warnings.
pub fn load_all(paths: &[PathBuf]) -> (Vec<Article>, Vec<LoadWarning>) {
    let out = std::sync::Mutex::new((Vec::new(), Vec::new()));
    load(paths, &AtomicBool::new(false), &|e| {
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
