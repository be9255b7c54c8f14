//! Writing files so that a crash never leaves a half-written one, and keeping bad files
//! aside instead of deleting them.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

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

/// The pid of the process that writes `name`, when it is one of this program's temporary
/// files (`<name>.tmp-<pid>-<nanos>`).
pub fn temp_writer(name: &str) -> Option<(&str, u32)> {
    let (base, rest) = name.rsplit_once(".tmp-")?;
    let (pid, nanos) = rest.split_once('-')?;
    if !nanos.bytes().all(|b| b.is_ascii_digit()) || nanos.is_empty() {
        return None;
    }
    Some((base, pid.parse().ok()?))
}

/// True when process `pid` may still be writing a journal last modified at `written`. Where
/// that cannot be known, a writer is presumed alive (its journal is then left alone until it
/// is a day old).
///
/// On Linux a killed process can linger as a zombie until its parent reaps it (forever, if
/// its parent is gone and nothing reaps orphans, as in many containers), and its pid can be
/// reused: neither is the writer. A zombie is told by its state in `/proc/<pid>/stat`, a reused
/// pid by a process that started after the journal was last written.
pub fn writer_alive(pid: u32, written: SystemTime) -> bool {
    if pid == std::process::id() {
        return true;
    }
    if !cfg!(target_os = "linux") {
        return true;
    }
    let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
        return false;
    };
    let Some(fields) = proc_stat_fields(&stat) else {
        return true;
    };
    if matches!(fields.first(), Some(&"Z") | Some(&"X") | Some(&"x")) {
        return false;
    }
    match process_start(&fields) {
        // A second of slack for clock-tick rounding.
        Some(start) => start <= written + Duration::from_secs(1),
        None => true,
    }
}

/// The fields of `/proc/<pid>/stat` after the command name (which may hold spaces and
/// parentheses): the state first.
fn proc_stat_fields(stat: &str) -> Option<Vec<&str>> {
    let (_, after) = stat.rsplit_once(')')?;
    Some(after.split_whitespace().collect())
}

/// When the process started, from its stat fields and the boot time in `/proc/stat`.
fn process_start(fields: &[&str]) -> Option<SystemTime> {
    // Field 22 of stat, the start time in clock ticks after boot; the fields here start at 3.
    let ticks: u64 = fields.get(19)?.parse().ok()?;
    let boot: u64 = std::fs::read_to_string("/proc/stat")
        .ok()?
        .lines()
        .find_map(|l| l.strip_prefix("btime ")?.trim().parse().ok())?;
    // USER_HZ is 100 on every Linux architecture the app ships for (it is fixed in the ABI).
    let after_boot = Duration::from_millis(ticks * 10);
    Some(SystemTime::UNIX_EPOCH + Duration::from_secs(boot) + after_boot)
}

/// Removes the temporary files of `dest` (`<name>.tmp-<pid>-<n>`) whose writer is dead: what a
/// crash during [`write_atomic`] leaves behind. Returns how many were removed.
pub fn sweep_dead_temps(dest: &Path) -> usize {
    let (Some(dir), Some(name)) = (dest.parent(), dest.file_name().and_then(|n| n.to_str())) else {
        return 0;
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let Ok(read) = std::fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for e in read.flatten() {
        let file_name = e.file_name();
        let Some((base, pid)) = file_name.to_str().and_then(temp_writer) else {
            continue;
        };
        let written = e
            .metadata()
            .and_then(|m| m.modified())
            .unwrap_or(SystemTime::UNIX_EPOCH);
        if base == name && !writer_alive(pid, written) && std::fs::remove_file(e.path()).is_ok() {
            removed += 1;
        }
    }
    removed
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

    #[test]
    #[cfg(target_os = "linux")]
    fn zombies_and_reused_pids_are_no_writers() {
        // A killed child nobody has reaped yet is a zombie.
        let mut child = std::process::Command::new("sleep")
            .arg("30")
            .spawn()
            .expect("sleep runs");
        let pid = child.id();
        let now = SystemTime::now();
        assert!(
            writer_alive(pid, now),
            "a running process may be the writer"
        );
        child.kill().expect("kill");
        let deadline = std::time::Instant::now() + Duration::from_secs(5);
        while writer_alive(pid, now) && std::time::Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(10));
        }
        assert!(!writer_alive(pid, now), "a zombie writes nothing");
        let _ = child.wait();
        // A process started after the journal was last written did not write it.
        let parent = std::os::unix::process::parent_id();
        let long_ago = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000);
        assert!(!writer_alive(parent, long_ago));
        assert!(writer_alive(parent, SystemTime::now()));
        assert_eq!(
            proc_stat_fields("12 (a (b) c) S 1 2").unwrap(),
            ["S", "1", "2"]
        );
    }

    #[test]
    #[cfg(target_os = "linux")]
    fn the_temporary_files_of_dead_writers_are_swept() {
        let d = tempfile::tempdir().unwrap();
        let dest = d.path().join("state.json");
        write_atomic(&dest, b"{}").unwrap();
        // A dead writer's (no such pid) and a live one's (this process).
        let dead = d.path().join("state.json.tmp-4194305-12");
        let live = d
            .path()
            .join(format!("state.json.tmp-{}-34", std::process::id()));
        let other = d.path().join("other.json.tmp-4194305-12");
        for p in [&dead, &live, &other] {
            std::fs::write(p, "half").unwrap();
        }
        assert_eq!(sweep_dead_temps(&dest), 1);
        assert!(!dead.exists() && live.exists() && other.exists() && dest.exists());
    }
}
