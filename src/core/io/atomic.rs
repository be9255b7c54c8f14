//! Writing files so that a crash never leaves a half-written one, and keeping bad files
//! aside instead of deleting them.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes `bytes` to `dest` atomically: a temporary file beside it is written, synced and
/// renamed over `dest`, so readers see the old content or the new one, never a mix. The
/// folder is created if needed.
pub fn write_atomic(dest: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = temp_path(dest);
    if let Some(dir) = dest.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, dest)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// A fresh temporary name beside `dest` (same folder, so the rename stays on one device).
pub fn temp_path(dest: &Path) -> PathBuf {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    let mut name = dest.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".tmp-{}-{nanos}", std::process::id()));
    dest.with_file_name(name)
}

/// Moves a bad file aside as `<name>.<why>` (or `<name>.<why>-2`, `-3`… when that exists, so
/// an earlier one is never overwritten) and returns where it went.
pub fn set_aside(path: &Path, why: &str) -> Option<PathBuf> {
    let base = path.file_name()?.to_os_string();
    for n in 1..1000 {
        let mut name = base.clone();
        if n == 1 {
            name.push(format!(".{why}"));
        } else {
            name.push(format!(".{why}-{n}"));
        }
        let dest = path.with_file_name(name);
        if dest.exists() {
            continue;
        }
        return std::fs::rename(path, &dest).ok().map(|_| dest);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("sub/state.json");
        write_atomic(&f, b"one").unwrap();
        write_atomic(&f, b"two").unwrap();
        assert_eq!(std::fs::read(&f).unwrap(), b"two");
        let names: Vec<_> = std::fs::read_dir(dir.path().join("sub")).unwrap().collect();
        assert_eq!(names.len(), 1, "only the file itself is left");
    }

    #[test]
    fn set_aside_never_overwrites_an_earlier_one() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("state.json");
        std::fs::write(&f, b"first").unwrap();
        let a = set_aside(&f, "unreadable").unwrap();
        std::fs::write(&f, b"second").unwrap();
        let b = set_aside(&f, "unreadable").unwrap();
        assert_ne!(a, b);
        assert_eq!(std::fs::read(&a).unwrap(), b"first");
        assert_eq!(std::fs::read(&b).unwrap(), b"second");
        assert!(!f.exists());
    }
}
