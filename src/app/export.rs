//! Export from the app (`Ctrl+E`): the events of the moment, or of every shown collection, as
//! GeoJSON, CSV or KML, written by the same code as `chronocarte extract --geojson/--csv/--kml`.

use crate::app::library::Library;
use crate::app::saved_moments::SavedMoment;
use crate::app::time_control::TimeControl;
use crate::core::export::TourStop;
use crate::core::model::{Event, EventSource};
use std::path::{Path, PathBuf};

/// File formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// GeoJSON FeatureCollection (QGIS, web maps).
    GeoJson,
    /// CSV, one row per event (spreadsheets).
    Csv,
    /// KML 2.2 with time stamps (Google Earth's time slider).
    Kml,
}

impl ExportFormat {
    /// Every format, in menu order.
    pub const ALL: [ExportFormat; 3] =
        [ExportFormat::GeoJson, ExportFormat::Csv, ExportFormat::Kml];

    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::GeoJson => "geojson",
            ExportFormat::Csv => "csv",
            ExportFormat::Kml => "kml",
        }
    }

    /// The name shown in the window.
    pub fn label(self) -> &'static str {
        match self {
            ExportFormat::GeoJson => "GeoJSON",
            ExportFormat::Csv => "CSV",
            ExportFormat::Kml => "KML (Google Earth)",
        }
    }

    /// The format a file name asks for, by its extension.
    pub fn of_path(path: &Path) -> Option<ExportFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "geojson" | "json" => Some(ExportFormat::GeoJson),
            "csv" => Some(ExportFormat::Csv),
            "kml" => Some(ExportFormat::Kml),
            _ => None,
        }
    }
}

/// Which events.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportScope {
    /// The events the window shows now (time window, filters, selected place).
    Moment,
    /// Every event of the shown collections, whatever the time and filters.
    Shown,
}

/// What the export window asks for.
#[derive(Debug, Clone, PartialEq)]
pub enum ExportCommand {
    /// Open the window.
    Show,
    /// Close it.
    Close,
    /// Choose the format (the destination's extension follows).
    Format(ExportFormat),
    /// Choose the events.
    Scope(ExportScope),
    /// Pick the destination with the system's save dialog.
    Browse,
    /// Write the file named in the form.
    Write,
}

/// The export window's form.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportForm {
    /// File format.
    pub format: ExportFormat,
    /// Which events.
    pub scope: ExportScope,
    /// Destination being typed.
    pub path_edit: String,
    /// Why the last write failed.
    pub error: Option<String>,
}

impl ExportForm {
    /// A form for `format` with a file name in `dir`.
    pub fn new(dir: &Path, format: ExportFormat) -> Self {
        let stamp = chrono::Local::now().format("%Y-%m-%d");
        ExportForm {
            format,
            scope: ExportScope::Moment,
            path_edit: dir
                .join(format!("chronocarte-{stamp}.{}", format.extension()))
                .display()
                .to_string(),
            error: None,
        }
    }

    /// Changes the format, and the extension of the destination with it.
    pub fn set_format(&mut self, format: ExportFormat) {
        self.format = format;
        let p = PathBuf::from(self.path_edit.trim());
        if !self.path_edit.trim().is_empty() {
            self.path_edit = p.with_extension(format.extension()).display().to_string();
        }
    }
}

/// Where exports go by default: the documents folder, else home, else the current folder.
pub fn default_dir() -> PathBuf {
    directories::UserDirs::new()
        .and_then(|u| {
            u.document_dir()
                .map(Path::to_path_buf)
                .or_else(|| Some(u.home_dir().to_path_buf()))
        })
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_else(|| PathBuf::from("."))
}

/// The events of `rows` (rows of [`Library::events`]), whole again: each names its article as
/// its source (a loaded summary keeps no source list: its article is the source) and its
/// place's name and country.
pub fn gather(library: &Library, rows: impl IntoIterator<Item = u32>) -> Vec<Event> {
    rows.into_iter()
        .filter_map(|r| {
            let row = library.events.get(r as usize)?;
            let article = &library.articles.get(row.article as usize)?.article;
            let mut e = article.events.get(row.event as usize)?.clone();
            // A summary names a place once, in its mention list: the library has its name.
            if let Some(p) = e.place.as_mut()
                && (p.name.is_empty() || p.country.is_empty())
                && let Some(info) = library.place(p.gid)
            {
                if p.name.is_empty() {
                    p.name = info.name.clone();
                }
                if p.country.is_empty() {
                    p.country = info.country.clone();
                }
            }
            if e.sources.is_empty() {
                e.sources.push(EventSource {
                    article_id: article.id.clone(),
                    span: Default::default(),
                });
            }
            Some(e)
        })
        .collect()
}

/// Every event row of the shown collections.
pub fn shown_rows(library: &Library) -> impl Iterator<Item = u32> + '_ {
    (0..library.events.len() as u32).filter(|&r| {
        library
            .collection(library.events[r as usize].collection)
            .is_some_and(|c| c.visible)
    })
}

/// The saved moments as KML tour stops: each looks at its map centre from about the height
/// that shows what its zoom showed, over its time window.
pub fn tour_stops(moments: &[SavedMoment]) -> Vec<TourStop> {
    moments
        .iter()
        .map(|m| {
            let time = TimeControl {
                cursor: m.cursor,
                window: m.window,
                mode: m.mode,
                ..TimeControl::default()
            };
            let (begin, end) = time.window_range();
            // A cumulative window starts with the data: no begin.
            let begin = (m.mode == crate::app::time_control::Mode::Around).then_some(begin);
            // A 256-px tile spans the equator's 40 075 km at zoom 0; the map shows about
            // three tiles across.
            let width_m = 40_075_016.0 * m.lat.to_radians().cos().abs().max(0.05)
                / 2f64.powf(m.zoom.clamp(0.0, 22.0))
                * 3.0;
            TourStop {
                name: m.name.clone(),
                lat: m.lat,
                lon: m.lon,
                range_m: width_m,
                begin,
                end,
            }
        })
        .collect()
}

/// The file's content; KML carries the tour of `stops` when there are any.
pub fn render(events: &[Event], format: ExportFormat, stops: &[TourStop]) -> String {
    match format {
        ExportFormat::GeoJson => {
            let v = crate::core::export::events_geojson(events);
            serde_json::to_string_pretty(&v).unwrap_or_else(|_| v.to_string())
        }
        ExportFormat::Csv => crate::core::export::events_csv(events),
        ExportFormat::Kml => crate::core::export::events_kml_with_tour(events, stops),
    }
}

/// Writes `events` to `path` atomically (a failed export leaves any older file whole). The
/// error names the file and the cause.
pub fn write(
    path: &Path,
    events: &[Event],
    format: ExportFormat,
    stops: &[TourStop],
) -> Result<(), String> {
    if path.as_os_str().is_empty() {
        return Err("Export: no file name given.".into());
    }
    if path.is_dir() {
        return Err(format!(
            "Export: {} is a folder; add a file name.",
            path.display()
        ));
    }
    crate::core::io::atomic::write_atomic(path, render(events, format, stops).as_bytes())
        .map_err(|e| format!("Could not export to {}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_format_follows_the_extension_and_back() {
        assert_eq!(
            ExportFormat::of_path(Path::new("/x/a.KML")),
            Some(ExportFormat::Kml)
        );
        assert_eq!(ExportFormat::of_path(Path::new("a.txt")), None);
        let mut f = ExportForm::new(Path::new("/tmp"), ExportFormat::GeoJson);
        assert!(f.path_edit.ends_with(".geojson"), "{}", f.path_edit);
        f.set_format(ExportFormat::Csv);
        assert!(f.path_edit.ends_with(".csv"), "{}", f.path_edit);
        assert_eq!(f.format, ExportFormat::Csv);
    }

    #[test]
    fn a_failed_write_names_the_file() {
        let d = tempfile::tempdir().unwrap();
        let e = write(d.path(), &[], ExportFormat::Csv, &[]).unwrap_err();
        assert!(e.contains("is a folder"), "{e}");
        std::fs::write(d.path().join("plain"), "x").unwrap();
        let bad = d.path().join("plain/out.csv");
        let e = write(&bad, &[], ExportFormat::Csv, &[]).unwrap_err();
        assert!(e.contains("out.csv"), "{e}");
    }
}
