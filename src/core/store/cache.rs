//! On-disk cache of extraction results keyed by path, size, mtime and extractor version.
//!
//! One file per collection (the set of root paths opened together), in the user's cache dir
//! or a given one: a small header, then records `(key, payload)` where the payload is the
//! postcard encoding, zstd-compressed on its own, of what the pipeline produced for that file
//! (the article, or the warning that skipped it). Payloads stay compressed in memory until a
//! hit needs them (workers decompress in parallel) and are copied through unchanged when
//! rewriting, so a warm reopen decodes only what it uses.
//!
//! The file is written atomically (temporary file + rename). A corrupt file, or one written by
//! a newer chronocarte, is set aside (renamed) with a warning and the load goes on cold.
//!
//! A crash loses no finished work: the temporary file is written record by record while the
//! load runs, each record with a CRC-32 of its bytes, so it doubles as a journal. The next open
//! of the collection reads the journals whose writer is dead up to their first damaged or
//! missing record, merges them into the cache file and removes them; temporary files of dead
//! writers are swept, and the cache folder is kept under a size limit (oldest collections
//! first), each removal said as a warning.

use crate::core::io::{LoadWarning, WarningKind};
use crate::core::model::Article;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::UNIX_EPOCH;

/// Bump when the record layout changes (independent of the extractor version). 3: each record
/// ends with a CRC-32 of its key and payload.
pub const CACHE_FORMAT: u32 = 3;

/// The cache folder is kept under this size: the least recently used collections go first.
pub const FOLDER_LIMIT_BYTES: u64 = 4 << 30;

/// Largest encoded key accepted (a path and a few numbers).
const MAX_KEY: usize = 64 << 10;

const MAGIC: &[u8; 12] = b"CHRONOCACHE\0";

/// zstd level of the payloads: level 1 costs a cold load about a fifth less zstd time than level
/// 3 for a cache 1.5 % larger.
const ZSTD_LEVEL: i32 = 1;

/// Largest decoded payload accepted (an article summary is a few KB).
const MAX_PAYLOAD: u64 = 64 << 20;

/// Errors of the cache. They never stop a load: the pipeline turns them into warnings.
#[derive(Debug, thiserror::Error)]
pub enum CacheError {
    /// Reading or writing failed.
    #[error("cache I/O error on {path}: {source}")]
    Io {
        /// The cache file.
        path: PathBuf,
        /// The error.
        source: std::io::Error,
    },
    /// The file is not a cache or is damaged.
    #[error("cache file {0} is damaged: {1}")]
    Corrupt(PathBuf, String),
    /// The file was written by a newer chronocarte.
    #[error("cache file {0} was written by a newer chronocarte (format {1})")]
    Newer(PathBuf, u32),
}

/// What identifies one file's state: if any of it changes, the cached result is stale.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct FileKey {
    /// The path as listed by discovery.
    pub path: String,
    /// Size in bytes.
    pub size: u64,
    /// Modification time, seconds since the Unix epoch.
    pub mtime_s: i64,
    /// Nanoseconds part of the modification time.
    pub mtime_ns: u32,
}

impl FileKey {
    /// The key of the file at `path` as it is now; `None` when it cannot be stat'ed or its
    /// name is not UTF-8 (such files are simply not cached).
    pub fn of(path: &Path) -> Option<FileKey> {
        let meta = std::fs::metadata(path).ok()?;
        let (mtime_s, mtime_ns) = match meta.modified().ok()?.duration_since(UNIX_EPOCH) {
            Ok(d) => (d.as_secs() as i64, d.subsec_nanos()),
            Err(e) => (
                -(e.duration().as_secs() as i64),
                e.duration().subsec_nanos(),
            ),
        };
        Some(FileKey {
            path: path.to_str()?.to_string(),
            size: meta.len(),
            mtime_s,
            mtime_ns,
        })
    }
}

/// What the pipeline produced for one file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CachedResult {
    /// Warnings about the file (repairs, or the reason it was skipped).
    pub warnings: Vec<LoadWarning>,
    /// The article, or `None` when the file was skipped.
    pub article: Option<Article>,
}

impl CachedResult {
    /// The result as postcard, zstd-compressed on its own (`None` if it cannot be encoded).
    /// Each payload is compressed by the worker that made it, so a load compresses and
    /// decompresses in parallel, and a snapshot in memory stays compressed.
    pub fn encode(&self) -> Option<Vec<u8>> {
        thread_local! {
            // One compression context per worker: making one per payload showed in cold-load
            // profiles (`ZSTD_createCCtx`).
            static COMPRESSOR: std::cell::RefCell<Option<zstd::bulk::Compressor<'static>>> =
                std::cell::RefCell::new(zstd::bulk::Compressor::new(ZSTD_LEVEL).ok());
        }
        let raw = postcard::to_stdvec(self).ok()?;
        COMPRESSOR.with(|cell| match cell.try_borrow_mut().ok()?.as_mut() {
            Some(c) => c.compress(&raw).ok(),
            None => zstd::bulk::compress(&raw, ZSTD_LEVEL).ok(),
        })
    }
    /// Decodes what [`CachedResult::encode`] made.
    pub fn decode(bytes: &[u8]) -> Option<CachedResult> {
        thread_local! {
            // Making a decompression context costs more than decoding a summary (it is large
            // and zeroed), and a fresh output buffer per payload is a large allocation that
            // makes the allocator consolidate its free lists each time: a warm load reuses
            // both, one pair per worker.
            static SCRATCH: std::cell::RefCell<(zstd::zstd_safe::DCtx<'static>, Vec<u8>)> =
                std::cell::RefCell::new((zstd::zstd_safe::DCtx::create(), Vec::new()));
        }
        SCRATCH.with(|cell| {
            let mut scratch = cell.try_borrow_mut().ok()?;
            let (dctx, raw) = &mut *scratch;
            raw.clear();
            // The decoder never trusts a stated size: a damaged payload cannot allocate much.
            let read = zstd::stream::read::Decoder::with_context(bytes, dctx)
                .take(MAX_PAYLOAD)
                .read_to_end(raw);
            let result = read.ok().and_then(|_| postcard::from_bytes(raw).ok());
            if raw.capacity() > 1 << 20 {
                // One huge payload must not pin its buffer for the rest of the session.
                *raw = Vec::new();
            }
            result
        })
    }
}

/// A cache file read into memory: payloads by path, still encoded. A load takes each payload
/// out as it uses it, so the snapshot shrinks while the articles it held arrive.
#[derive(Debug, Default)]
pub struct CacheSnapshot {
    pub(super) entries: Entries,
}

/// An encoded payload, until a load takes it.
type PayloadSlot = Mutex<Option<Box<[u8]>>>;

impl CacheSnapshot {
    /// Number of records.
    pub fn len(&self) -> usize {
        self.entries.len()
    }
    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
    /// True when the cache holds `key`'s file in that state.
    pub fn has(&self, key: &FileKey) -> bool {
        self.entries.get(&key.path).is_some_and(|(k, _)| k == key)
    }
    /// Takes the encoded payload for `key` out if the cache holds the same file state (and it
    /// was not taken already).
    pub fn take(&self, key: &FileKey) -> Option<Box<[u8]>> {
        let (k, slot) = self.entries.get(&key.path)?;
        if k != key {
            return None;
        }
        slot.lock().unwrap_or_else(|p| p.into_inner()).take()
    }
    /// Takes the record for `path` whatever its state (to carry it over on a cancelled load).
    pub fn take_any(&self, path: &str) -> Option<(FileKey, Box<[u8]>)> {
        let (k, slot) = self.entries.get(path)?;
        let bytes = slot.lock().unwrap_or_else(|p| p.into_inner()).take()?;
        Some((k.clone(), bytes))
    }
}

/// The cache file for a collection: its name hashes the sorted root paths; summaries
/// (`slim`, see [`Article::slim`]) and full extractions are cached apart.
pub fn cache_file(cache_dir: &Path, roots: &[PathBuf], slim: bool) -> PathBuf {
    let mut names: Vec<String> = roots
        .iter()
        .map(|r| {
            std::fs::canonicalize(r)
                .unwrap_or_else(|_| r.clone())
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names.dedup();
    let joined = names.join("\n");
    let h = crate::core::extract::fnv1a(&joined);
    let kind = if slim { "summary" } else { "collection" };
    cache_dir.join(format!("{kind}-{h:016x}.ccache"))
}

/// The default cache folder (`~/.cache/chronocarte` on Linux), if the platform has one.
pub fn default_cache_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "chronocarte").map(|d| d.cache_dir().to_path_buf())
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> CacheError + '_ {
    move |source| CacheError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Reads a cache file. A missing file is an empty snapshot; a file for another extractor
/// version is an empty snapshot too (it will be rewritten); a damaged or newer one is an error.
pub fn read(path: &Path, extractor_version: u32) -> Result<CacheSnapshot, CacheError> {
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(CacheSnapshot::default()),
        Err(e) => return Err(io(path)(e)),
    };
    let mut r = BufReader::new(file);
    if !read_header(&mut r, path, extractor_version)? {
        return Ok(CacheSnapshot::default());
    }
    let (entries, end) = parse_records(&mut r);
    match end {
        RecordsEnd::Marker => Ok(CacheSnapshot { entries }),
        RecordsEnd::Damaged(what) => Err(CacheError::Corrupt(path.into(), what.into())),
    }
}

/// Checks the header: `Ok(true)` when the records that follow are for this format and
/// extractor version, `Ok(false)` when they are stale (to be rewritten).
pub(super) fn read_header(
    r: &mut impl Read,
    path: &Path,
    extractor_version: u32,
) -> Result<bool, CacheError> {
    let mut header = [0u8; 20];
    r.read_exact(&mut header)
        .map_err(|_| CacheError::Corrupt(path.into(), "header too short".into()))?;
    if &header[..12] != MAGIC {
        return Err(CacheError::Corrupt(
            path.into(),
            "not a chronocarte cache".into(),
        ));
    }
    let format = u32::from_le_bytes([header[12], header[13], header[14], header[15]]);
    let version = u32::from_le_bytes([header[16], header[17], header[18], header[19]]);
    if format > CACHE_FORMAT {
        return Err(CacheError::Newer(path.into(), format));
    }
    Ok(format == CACHE_FORMAT && version == extractor_version)
}

/// How a run of records ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum RecordsEnd {
    /// The end marker of a finished file.
    Marker,
    /// A record cut short or failing its checksum: what came before is sound, nothing after
    /// is read.
    Damaged(&'static str),
}

pub(super) type Entries = HashMap<String, (FileKey, PayloadSlot)>;

/// Reads records up to the end marker or the first damaged one; the records before a damage
/// are returned (a journal's finished work), never the damaged one.
pub(super) fn parse_records(z: &mut impl Read) -> (Entries, RecordsEnd) {
    let mut entries = HashMap::new();
    loop {
        match next_record(z) {
            Ok(Some((key, payload))) => {
                entries.insert(
                    key.path.clone(),
                    (key, Mutex::new(Some(payload.into_boxed_slice()))),
                );
            }
            Ok(None) => return (entries, RecordsEnd::Marker),
            Err(what) => return (entries, RecordsEnd::Damaged(what)),
        }
    }
}

/// One record; `None` at the end marker.
fn next_record(z: &mut impl Read) -> Result<Option<(FileKey, Vec<u8>)>, &'static str> {
    let mut len = [0u8; 4];
    z.read_exact(&mut len).map_err(|_| "truncated record")?;
    let n = u32::from_le_bytes(len);
    if n == u32::MAX {
        return Ok(None);
    }
    if n as usize > MAX_KEY {
        return Err("bad key length");
    }
    let key_bytes = read_exact_vec(z, n as usize).ok_or("truncated key")?;
    z.read_exact(&mut len).map_err(|_| "truncated record")?;
    let payload = read_exact_vec(z, u32::from_le_bytes(len) as usize).ok_or("truncated payload")?;
    z.read_exact(&mut len).map_err(|_| "truncated checksum")?;
    if u32::from_le_bytes(len) != record_crc(&key_bytes, &payload) {
        return Err("checksum mismatch");
    }
    let key: FileKey = postcard::from_bytes(&key_bytes).map_err(|_| "bad key")?;
    Ok(Some((key, payload)))
}

fn record_crc(key: &[u8], payload: &[u8]) -> u32 {
    let mut h = crc32fast::Hasher::new();
    h.update(key);
    h.update(payload);
    h.finalize()
}

/// Reads exactly `n` bytes without trusting `n` for the allocation (a damaged length must not
/// allocate gigabytes).
fn read_exact_vec(r: &mut impl Read, n: usize) -> Option<Vec<u8>> {
    let mut v = Vec::with_capacity(n.min(1 << 20));
    r.take(n as u64).read_to_end(&mut v).ok()?;
    (v.len() == n).then_some(v)
}

/// Moves a bad cache file aside (`….corrupt` or `….newer`) so it is kept for inspection but
/// never read again. Returns where it went.
pub fn set_aside(path: &Path, why: &str) -> Option<PathBuf> {
    crate::core::io::atomic::set_aside(path, why)
}

/// Streams records into a temporary file next to the cache file; `finish` renames it into
/// place, so readers only ever see a complete file.
pub struct CacheWriter {
    tmp: PathBuf,
    dest: PathBuf,
    z: BufWriter<std::fs::File>,
}

impl CacheWriter {
    /// Starts writing the cache file `dest` (creating its folder).
    pub fn create(dest: &Path, extractor_version: u32) -> Result<CacheWriter, CacheError> {
        if let Some(dir) = dest.parent() {
            std::fs::create_dir_all(dir).map_err(io(dir))?;
        }
        let tmp = crate::core::io::atomic::temp_path(dest);
        let file = std::fs::File::create(&tmp).map_err(io(&tmp))?;
        let mut w = BufWriter::new(file);
        w.write_all(MAGIC).map_err(io(&tmp))?;
        w.write_all(&CACHE_FORMAT.to_le_bytes()).map_err(io(&tmp))?;
        w.write_all(&extractor_version.to_le_bytes())
            .map_err(io(&tmp))?;
        Ok(CacheWriter {
            tmp,
            dest: dest.to_path_buf(),
            z: w,
        })
    }

    /// Appends one record.
    pub fn write(&mut self, key: &FileKey, payload: &[u8]) -> Result<(), CacheError> {
        let key_bytes = postcard::to_stdvec(key)
            .map_err(|e| CacheError::Corrupt(self.tmp.clone(), e.to_string()))?;
        if key_bytes.len() >= u32::MAX as usize || payload.len() >= u32::MAX as usize {
            return Ok(()); // absurdly large: not cached
        }
        let tmp = self.tmp.clone();
        let z = &mut self.z;
        z.write_all(&(key_bytes.len() as u32).to_le_bytes())
            .map_err(io(&tmp))?;
        z.write_all(&key_bytes).map_err(io(&tmp))?;
        z.write_all(&(payload.len() as u32).to_le_bytes())
            .map_err(io(&tmp))?;
        z.write_all(payload).map_err(io(&tmp))?;
        z.write_all(&record_crc(&key_bytes, payload).to_le_bytes())
            .map_err(io(&tmp))?;
        // Handed to the OS at once: a process killed after this call keeps the record (the
        // journal of `recovery`); one write call per article is noise beside extracting it.
        z.flush().map_err(io(&tmp))?;
        Ok(())
    }

    /// Ends the stream, syncs and renames the file into place.
    pub fn finish(mut self) -> Result<PathBuf, CacheError> {
        let tmp = self.tmp.clone();
        self.z
            .write_all(&u32::MAX.to_le_bytes())
            .map_err(io(&tmp))?;
        let file = self.z.into_inner().map_err(|e| io(&tmp)(e.into_error()))?;
        file.sync_all().map_err(io(&tmp))?;
        drop(file);
        std::fs::rename(&tmp, &self.dest).map_err(io(&tmp))?;
        Ok(self.dest)
    }

    /// Abandons the file (removes the temporary).
    pub fn abort(self) {
        let tmp = self.tmp.clone();
        drop(self);
        let _ = std::fs::remove_file(tmp);
    }
}

/// Opens the cache of a collection for a load: the snapshot to read hits from (empty when
/// there is none or it was unusable, plus what the journals of crashed loads saved), and the
/// warnings of the open (a file set aside, old collections dropped to keep the folder bounded).
pub fn open_for_load(file: &Path, extractor_version: u32) -> (CacheSnapshot, Vec<LoadWarning>) {
    let mut warnings = Vec::new();
    let mut snapshot = match read(file, extractor_version) {
        Ok(s) => s,
        Err(e) => {
            warnings.push(set_aside_warning(file, &e));
            CacheSnapshot::default()
        }
    };
    super::recovery::recover_journals(file, extractor_version, &mut snapshot, &mut warnings);
    if let Some(dir) = file.parent() {
        super::recovery::sweep(dir, file, FOLDER_LIMIT_BYTES, &mut warnings);
    }
    (snapshot, warnings)
}

/// Sets a bad cache file aside and says so.
fn set_aside_warning(file: &Path, e: &CacheError) -> LoadWarning {
    let (why, kind) = match e {
        CacheError::Newer(..) => ("newer", "written by a newer chronocarte"),
        CacheError::Corrupt(..) => ("corrupt", "damaged"),
        CacheError::Io { .. } => ("unreadable", "unreadable"),
    };
    let message = match set_aside(file, why) {
        Some(p) => format!(
            "extraction cache {kind}: set aside as {} and rebuilt ({e})",
            p.display()
        ),
        None => format!("extraction cache {kind}: ignored and rebuilt ({e})"),
    };
    LoadWarning::new(file, WarningKind::Other, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(p: &str, size: u64) -> FileKey {
        FileKey {
            path: p.into(),
            size,
            mtime_s: 1_600_000_000,
            mtime_ns: 5,
        }
    }

    #[test]
    fn payloads_are_compressed_and_damage_decodes_to_nothing() {
        let r = CachedResult {
            warnings: vec![LoadWarning::new(
                "a.txt",
                WarningKind::Encoding,
                "x".repeat(2000),
            )],
            article: None,
        };
        let bytes = r.encode().unwrap();
        assert!(
            bytes.len() < 500,
            "2 KB of one letter compresses: {}",
            bytes.len()
        );
        assert_eq!(CachedResult::decode(&bytes), Some(r.clone()));
        let mut damaged = bytes.clone();
        let mid = damaged.len() / 2;
        damaged[mid] ^= 0xFF;
        damaged.truncate(damaged.len() - 3);
        assert_eq!(CachedResult::decode(&damaged), None);
        assert_eq!(CachedResult::decode(b"not zstd at all"), None);
        // The thread's reused decompression context starts clean after a failed decode.
        assert_eq!(CachedResult::decode(&bytes[..bytes.len() / 2]), None);
        assert_eq!(CachedResult::decode(&bytes), Some(r));
    }

    #[test]
    fn write_then_read_back_and_stale_keys_miss() {
        let dir = std::env::temp_dir().join(format!("chrono-cache-test-{}", std::process::id()));
        let file = dir.join("c.ccache");
        let mut w = CacheWriter::create(&file, 7).unwrap();
        let r = CachedResult {
            warnings: vec![LoadWarning::new("a.txt", WarningKind::Encoding, "x")],
            article: None,
        };
        w.write(&key("a.txt", 10), &r.encode().unwrap()).unwrap();
        w.finish().unwrap();
        let snap = read(&file, 7).unwrap();
        assert_eq!(snap.len(), 1);
        assert!(snap.take(&key("a.txt", 11)).is_none(), "stale key misses");
        let got = CachedResult::decode(&snap.take(&key("a.txt", 10)).unwrap()).unwrap();
        assert_eq!(got, r);
        assert!(snap.take(&key("a.txt", 10)).is_none(), "taken once");
        // Another extractor version: nothing reused.
        assert!(read(&file, 8).unwrap().is_empty());
        // Damaged: set aside with a warning.
        let bytes = std::fs::read(&file).unwrap();
        std::fs::write(&file, &bytes[..bytes.len() - 6]).unwrap();
        let (snap, warn) = open_for_load(&file, 7);
        assert!(snap.is_empty());
        assert!(warn[0].message.contains("set aside"), "{warn:?}");
        assert!(!file.exists());
        assert!(dir.join("c.ccache.corrupt").exists());
        // Newer format: set aside too.
        let mut newer = MAGIC.to_vec();
        newer.extend_from_slice(&(CACHE_FORMAT + 1).to_le_bytes());
        newer.extend_from_slice(&7u32.to_le_bytes());
        std::fs::write(&file, newer).unwrap();
        let (_, warn) = open_for_load(&file, 7);
        assert!(warn[0].message.contains("newer"), "{warn:?}");
        assert!(dir.join("c.ccache.newer").exists());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
