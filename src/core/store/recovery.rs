//! What a crash leaves in the cache folder, put back to use or cleaned away.
//!
//! A cache file is written as `<file>.tmp-<pid>-<nanos>` and renamed when complete. When the
//! writing process dies, the temporary file holds every record written before the crash, each
//! with its checksum: [`recover_journals`] reads them up to the first damaged record into the
//! snapshot, rewrites the cache file with them, and removes the journal. [`sweep`] removes the
//! temporary files of dead writers that belong to other collections once they are older than a
//! day (a collection reopened within the day recovers its own first), and keeps the folder
//! under its size limit.

use super::cache::{CacheSnapshot, CacheWriter, Entries, RecordsEnd, parse_records, read_header};
use crate::core::io::atomic::{temp_writer, writer_alive};
use crate::core::io::{LoadWarning, WarningKind};
use std::io::BufReader;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// Other collections' journals of dead writers are removed after this long.
const STALE_JOURNAL: Duration = Duration::from_secs(24 * 3600);

/// The journals of `file` whose writer is dead.
fn dead_journals(file: &Path) -> Vec<PathBuf> {
    let (Some(dir), Some(name)) = (file.parent(), file.file_name().and_then(|n| n.to_str())) else {
        return Vec::new();
    };
    let Ok(read) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<PathBuf> = read
        .filter_map(|e| e.ok())
        .filter(|e| {
            e.file_name()
                .to_str()
                .and_then(temp_writer)
                .is_some_and(|(base, pid)| base == name && !writer_alive(pid, modified(&e.path())))
        })
        .map(|e| e.path())
        .collect();
    // Oldest first, so a later crash's records win over an earlier one's.
    out.sort_by_key(|p| modified(p));
    out
}

fn modified(p: &Path) -> SystemTime {
    std::fs::metadata(p)
        .and_then(|m| m.modified())
        .unwrap_or(SystemTime::UNIX_EPOCH)
}

/// The sound records of a journal (empty when it is for another version or unreadable).
fn read_journal(path: &Path, extractor_version: u32) -> Entries {
    let Ok(f) = std::fs::File::open(path) else {
        return Entries::default();
    };
    let mut r = BufReader::new(f);
    match read_header(&mut r, path, extractor_version) {
        Ok(true) => {
            let (entries, end) = parse_records(&mut r);
            if let RecordsEnd::Damaged(what) = end {
                log::info!("journal {}: read up to a {what}", path.display());
            }
            entries
        }
        _ => Entries::default(),
    }
}

/// Merges the journals of crashed loads of `file` into `snapshot`, writes the merged cache
/// file (so the work is kept even if this load is cut short too) and removes the journals.
/// Returns the number of records recovered.
pub fn recover_journals(
    file: &Path,
    extractor_version: u32,
    snapshot: &mut CacheSnapshot,
    warnings: &mut Vec<LoadWarning>,
) -> usize {
    let journals = dead_journals(file);
    let mut recovered = 0;
    for j in &journals {
        let entries = read_journal(j, extractor_version);
        recovered += entries.len();
        snapshot.entries.extend(entries);
    }
    if recovered > 0
        && let Err(e) = rewrite(file, extractor_version, snapshot)
    {
        warnings.push(LoadWarning::new(
            file,
            WarningKind::Other,
            format!("extraction cache: the work saved before a crash could not be kept ({e})"),
        ));
        return recovered;
    }
    for j in &journals {
        let _ = std::fs::remove_file(j);
    }
    recovered
}

/// Writes every record of `snapshot` as the cache file `file`.
fn rewrite(
    file: &Path,
    extractor_version: u32,
    snapshot: &CacheSnapshot,
) -> Result<(), super::cache::CacheError> {
    let mut w = CacheWriter::create(file, extractor_version)?;
    for (key, slot) in snapshot.entries.values() {
        let payload = slot.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(bytes) = payload.as_deref() {
            w.write(key, bytes)?;
        }
    }
    w.finish().map(|_| ())
}

/// Removes the day-old journals of dead writers and, while the cache files of `dir` weigh
/// more than `limit`, the least recently used one (never `keep`), saying so in `warnings`.
pub fn sweep(dir: &Path, keep: &Path, limit: u64, warnings: &mut Vec<LoadWarning>) {
    let Ok(read) = std::fs::read_dir(dir) else {
        return;
    };
    let now = SystemTime::now();
    let mut caches: Vec<(SystemTime, u64, PathBuf)> = Vec::new();
    for e in read.filter_map(|e| e.ok()) {
        let path = e.path();
        let Some(name) = e.file_name().to_str().map(str::to_string) else {
            continue;
        };
        let Ok(meta) = e.metadata() else { continue };
        let when = meta.modified().unwrap_or(SystemTime::UNIX_EPOCH);
        if let Some((_, pid)) = temp_writer(&name) {
            let old = now
                .duration_since(when)
                .is_ok_and(|age| age > STALE_JOURNAL);
            if old && !writer_alive(pid, when) {
                let _ = std::fs::remove_file(&path);
            }
        } else if name.ends_with(".ccache") {
            caches.push((when, meta.len(), path));
        }
    }
    let mut total: u64 = caches.iter().map(|c| c.1).sum();
    caches.sort_by_key(|c| c.0);
    for (_, size, path) in caches {
        if total <= limit {
            break;
        }
        if path == keep || std::fs::remove_file(&path).is_err() {
            continue;
        }
        total -= size;
        warnings.push(LoadWarning::new(
            &path,
            WarningKind::Other,
            format!(
                "extraction cache of a collection not opened lately removed: the cache folder \
                 keeps under {} MB (it is rebuilt when that collection is opened again)",
                limit >> 20
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::store::cache::{CachedResult, FileKey, open_for_load, read};

    /// A pid no process has (above Linux's largest `pid_max`).
    const DEAD_PID: u32 = 4_194_305;

    fn key(p: &str) -> FileKey {
        FileKey {
            path: p.into(),
            size: 1,
            mtime_s: 1_700_000_000,
            mtime_ns: 0,
        }
    }

    fn payload(i: usize) -> Vec<u8> {
        CachedResult {
            warnings: vec![LoadWarning::new(
                format!("{i}.txt"),
                WarningKind::Encoding,
                "x",
            )],
            article: None,
        }
        .encode()
        .expect("encodes")
    }

    /// A load of `n` files that died after writing them: its journal under a dead pid.
    fn crashed_load(file: &Path, n: usize) -> PathBuf {
        let mut w = CacheWriter::create(file, 7).expect("create");
        for i in 0..n {
            w.write(&key(&format!("{i}.txt")), &payload(i))
                .expect("write");
        }
        drop(w); // no finish: the process "died"
        let tmp = std::fs::read_dir(file.parent().unwrap())
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .find(|p| p.to_string_lossy().contains(".tmp-"))
            .expect("the journal is there");
        let dead = file.with_file_name(format!(
            "{}.tmp-{DEAD_PID}-1",
            file.file_name().unwrap().to_string_lossy()
        ));
        std::fs::rename(&tmp, &dead).expect("rename");
        dead
    }

    #[test]
    fn names_of_temporary_files_give_their_writer() {
        assert_eq!(
            temp_writer("summary-ab.ccache.tmp-123-456"),
            Some(("summary-ab.ccache", 123))
        );
        assert_eq!(temp_writer("summary-ab.ccache"), None);
        assert_eq!(temp_writer("notes.tmp-abc-1"), None);
        assert_eq!(temp_writer("x.tmp-12-"), None);
        let now = SystemTime::now();
        assert!(writer_alive(std::process::id(), now));
        if cfg!(target_os = "linux") {
            assert!(!writer_alive(DEAD_PID, now));
        }
    }

    #[test]
    fn a_crashed_loads_records_are_reused_up_to_the_damage() {
        if !cfg!(target_os = "linux") {
            return; // dead writers are told by /proc
        }
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("c.ccache");
        let journal = crashed_load(&file, 5);
        // The crash cut the last record short.
        let bytes = std::fs::read(&journal).unwrap();
        std::fs::write(&journal, &bytes[..bytes.len() - 3]).unwrap();
        let (snap, warnings) = open_for_load(&file, 7);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(snap.len(), 4, "the four whole records");
        assert!(snap.take(&key("3.txt")).is_some() && snap.take(&key("4.txt")).is_none());
        assert!(!journal.exists(), "the journal is removed");
        assert_eq!(
            read(&file, 7).unwrap().len(),
            4,
            "and its work kept in the cache file"
        );
    }

    #[test]
    fn a_record_failing_its_checksum_ends_the_journal() {
        if !cfg!(target_os = "linux") {
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("c.ccache");
        let journal = crashed_load(&file, 3);
        let mut bytes = std::fs::read(&journal).unwrap();
        let last = bytes.len() - 6;
        bytes[last] ^= 0x55; // inside the last payload
        std::fs::write(&journal, &bytes).unwrap();
        let (snap, _) = open_for_load(&file, 7);
        assert_eq!(snap.len(), 2);
    }

    #[test]
    fn a_live_writers_file_and_another_versions_journal_are_not_reused() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("c.ccache");
        let mut live = CacheWriter::create(&file, 7).unwrap();
        live.write(&key("a.txt"), &payload(0)).unwrap();
        let (snap, _) = open_for_load(&file, 7);
        assert!(snap.is_empty(), "this process is still writing it");
        live.abort();
        if cfg!(target_os = "linux") {
            let journal = crashed_load(&file, 2);
            let (snap, _) = open_for_load(&file, 8);
            assert!(snap.is_empty(), "written by another extractor version");
            assert!(!journal.exists(), "and removed");
        }
    }

    #[test]
    fn the_folder_stays_under_its_limit_oldest_first_and_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let day = Duration::from_secs(24 * 3600);
        let now = SystemTime::now();
        let mut files = Vec::new();
        for (i, age_days) in [5u32, 3, 1, 0].iter().enumerate() {
            let p = dir.path().join(format!("summary-{i}.ccache"));
            std::fs::write(&p, vec![0u8; 1000]).unwrap();
            let f = std::fs::File::options().write(true).open(&p).unwrap();
            f.set_modified(now - day * *age_days).unwrap();
            files.push(p);
        }
        // An old journal of a dead writer, a fresh one, and a file that is not ours.
        let old = dir
            .path()
            .join(format!("summary-9.ccache.tmp-{DEAD_PID}-1"));
        let fresh = dir
            .path()
            .join(format!("summary-8.ccache.tmp-{DEAD_PID}-2"));
        let other = dir.path().join("notes.txt");
        for p in [&old, &fresh, &other] {
            std::fs::write(p, b"x").unwrap();
        }
        let f = std::fs::File::options().write(true).open(&old).unwrap();
        f.set_modified(now - day * 2).unwrap();
        let mut warnings = Vec::new();
        // Room for two files; the oldest one is the one in use: it stays.
        sweep(dir.path(), &files[0], 2000, &mut warnings);
        assert!(files[0].exists(), "the collection being opened is kept");
        assert!(
            !files[1].exists() && !files[2].exists(),
            "the oldest others go"
        );
        assert!(files[3].exists());
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert!(warnings[0].message.contains("removed"));
        assert!(other.exists(), "only this program's files are touched");
        assert!(fresh.exists(), "a recent journal waits for its collection");
        if cfg!(target_os = "linux") {
            assert!(!old.exists(), "a day-old journal of a dead writer is swept");
        }
    }
}
