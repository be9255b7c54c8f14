//! OpenStreetMap raster tiles, cached on disk in the user cache directory.
//!
//! Offline means no network at all: [`osm_tiles`] then returns `None` without building an HTTP
//! client, and the app shows the bundled basemap alone.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use walkers::sources::OpenStreetMap;
use walkers::{HeaderValue, HttpOptions, HttpTiles};

/// Attribution that must be visible whenever OSM tiles are on screen.
pub const OSM_ATTRIBUTION: &str = "© OpenStreetMap contributors";
/// Where the OSM attribution links to.
pub const OSM_COPYRIGHT_URL: &str = "https://www.openstreetmap.org/copyright";
/// The disk cache is pruned back under this size at start.
pub const CACHE_LIMIT_BYTES: u64 = 200 * 1024 * 1024;

/// `…/chronocarte/tiles` in the user cache directory (`~/.cache/chronocarte/tiles` on Linux);
/// `None` when the platform has no home directory.
pub fn tile_cache_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "chronocarte").map(|d| d.cache_dir().join("tiles"))
}

/// What [`prune_cache`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PruneReport {
    /// Files deleted.
    pub removed_files: usize,
    /// Bytes in the cache before.
    pub bytes_before: u64,
    /// Bytes in the cache after.
    pub bytes_after: u64,
}

fn walk(dir: &Path, out: &mut Vec<(SystemTime, u64, PathBuf)>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let meta = entry.metadata()?;
        if meta.is_dir() {
            walk(&entry.path(), out)?;
        } else if meta.is_file() {
            out.push((
                meta.modified().unwrap_or(SystemTime::UNIX_EPOCH),
                meta.len(),
                entry.path(),
            ));
        }
    }
    Ok(())
}

/// Deletes the least recently written files under `dir` until it holds at most `limit` bytes.
///
/// The HTTP cache treats an entry whose content file is gone as a miss, so deleting any file
/// is safe: the tile is fetched again when online. A missing `dir` is an empty cache.
pub fn prune_cache(dir: &Path, limit: u64) -> std::io::Result<PruneReport> {
    let mut files = Vec::new();
    match walk(dir, &mut files) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(PruneReport::default()),
        r => r?,
    }
    let before: u64 = files.iter().map(|f| f.1).sum();
    let mut report = PruneReport {
        bytes_before: before,
        bytes_after: before,
        ..Default::default()
    };
    if before <= limit {
        return Ok(report);
    }
    files.sort_by_key(|f| f.0);
    for (_, len, path) in files {
        if report.bytes_after <= limit {
            break;
        }
        // A file vanishing under us (another instance pruning) is fine.
        if std::fs::remove_file(&path).is_ok() {
            report.bytes_after -= len;
            report.removed_files += 1;
        }
    }
    Ok(report)
}

/// OpenStreetMap tiles with a disk cache, or `None` when `offline` (then nothing touches the
/// network). The cache is pruned to [`CACHE_LIMIT_BYTES`] on a background thread.
pub fn osm_tiles(ctx: &egui::Context, offline: bool) -> Option<HttpTiles> {
    if offline {
        return None;
    }
    let cache = tile_cache_dir();
    if let Some(dir) = cache.clone() {
        let spawned = std::thread::Builder::new()
            .name("tile-cache-prune".into())
            .spawn(move || match prune_cache(&dir, CACHE_LIMIT_BYTES) {
                Ok(r) if r.removed_files > 0 => log::info!(
                    "tile cache: removed {} files, {} -> {} bytes",
                    r.removed_files,
                    r.bytes_before,
                    r.bytes_after
                ),
                Ok(_) => {}
                Err(e) => log::warn!("tile cache {}: {e}", dir.display()),
            });
        if let Err(e) = spawned {
            log::warn!("tile cache pruning not started: {e}");
        }
    }
    let options = HttpOptions {
        cache,
        // The OSM tile policy asks for a user agent naming the application.
        user_agent: Some(HeaderValue::from_static(concat!(
            "chronocarte/",
            env!("CARGO_PKG_VERSION"),
            " (desktop news atlas)"
        ))),
        ..HttpOptions::default()
    };
    Some(HttpTiles::with_options(OpenStreetMap, options, ctx.clone()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offline_builds_no_http_client() {
        let ctx = egui::Context::default();
        assert!(osm_tiles(&ctx, true).is_none());
    }

    #[test]
    fn pruning_removes_the_oldest_files_first() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let sub = dir.path().join("content-v2/sha256/ab");
        std::fs::create_dir_all(&sub)?;
        let t0 = SystemTime::now() - std::time::Duration::from_secs(3600);
        for i in 0..5u64 {
            let p = sub.join(format!("f{i}"));
            std::fs::write(&p, vec![0u8; 1000])?;
            let f = std::fs::File::options().write(true).open(&p)?;
            f.set_modified(t0 + std::time::Duration::from_secs(i * 60))?;
        }
        let r = prune_cache(dir.path(), 2500)?;
        assert_eq!(
            r,
            PruneReport {
                removed_files: 3,
                bytes_before: 5000,
                bytes_after: 2000
            }
        );
        assert!(!sub.join("f0").exists() && !sub.join("f2").exists());
        assert!(sub.join("f3").exists() && sub.join("f4").exists());
        assert_eq!(
            prune_cache(&dir.path().join("missing"), 10)?,
            PruneReport::default()
        );
        Ok(())
    }
}
