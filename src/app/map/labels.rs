//! French country and sea names drawn over the map, chosen per zoom so they do not collide.

use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, FontId, Painter, Rect, Response, Ui, vec2};
use walkers::{MapMemory, Plugin, Projector, lon_lat};

use super::basemap::{LabelKind, basemap};
use super::view::world_size;
use crate::app::palette::{basemap_palette, label_halo, rgb};

/// A walkers plugin drawing the basemap's French place names.
///
/// Add it before the marker plugins so markers are painted over the names.
#[derive(Debug, Clone, Default)]
pub struct CountryLabels {
    /// Use the dark palette.
    pub dark: bool,
    /// Screen areas to keep free of names (legend, attribution, selected marker…).
    pub avoid: Vec<Rect>,
}

impl CountryLabels {
    /// Labels in the light or dark palette.
    pub fn new(dark: bool) -> Self {
        Self {
            dark,
            avoid: Vec::new(),
        }
    }

    /// Keeps names out of `rect`.
    pub fn avoiding(mut self, rect: Rect) -> Self {
        self.avoid.push(rect);
        self
    }
}

impl Plugin for CountryLabels {
    fn run(
        self: Box<Self>,
        ui: &mut Ui,
        _response: &Response,
        projector: &Projector,
        _memory: &MapMemory,
    ) {
        let painter = ui.painter().with_clip_rect(projector.clip_rect());
        country_labels_ui(&painter, projector, self.dark, &self.avoid);
    }
}

/// Most names drawn at once: past this the map is a wall of text.
const MAX_LABELS: usize = 120;

/// Draws the country and sea names that fit at the projector's zoom, most important first,
/// skipping any that would overlap one already drawn or a rect of `avoid`. Returns the names
/// drawn with their screen rects.
pub fn country_labels_ui(
    painter: &Painter,
    projector: &Projector,
    dark: bool,
    avoid: &[Rect],
) -> Vec<(&'static str, Rect)> {
    let pal = basemap_palette(dark);
    let halo = label_halo(dark);
    let clip = projector.clip_rect();
    let world = world_size(projector.zoom());
    let mut placed: Vec<Rect> = avoid.to_vec();
    let mut drawn = Vec::new();

    let labels = &basemap().labels;
    // Countries claim space before seas.
    let ordered = labels
        .iter()
        .filter(|l| l.kind == LabelKind::Country)
        .chain(labels.iter().filter(|l| l.kind == LabelKind::Sea));
    for label in ordered {
        if drawn.len() >= MAX_LABELS {
            break;
        }
        let (w, h) = (
            (label.extent[0] * world) as f32,
            (label.extent[1] * world) as f32,
        );
        // A cheap test before laying out any text: even a short name needs ~30 px.
        if w.max(h) < 24.0 {
            continue;
        }
        let pos = projector.project(lon_lat(label.lon, label.lat)).to_pos2();
        if !clip.expand(200.0).contains(pos) {
            continue;
        }
        let sea = label.kind == LabelKind::Sea;
        let galley = label_galley(painter, &label.name, sea, w);
        let text = galley.size();
        // Show a name once the country is about as wide as it (tall thin countries: a bit less).
        let fits = w >= 0.8 * text.x || (h >= 2.5 * text.y && w >= 0.45 * text.x);
        if !fits {
            continue;
        }
        let rect = Rect::from_center_size(pos, text);
        if !clip.intersects(rect) || placed.iter().any(|r| r.intersects(rect)) {
            continue;
        }
        placed.push(rect.expand2(vec2(6.0, 3.0)));
        let colour = if sea {
            rgb(pal.sea_text)
        } else {
            rgb(pal.country_text)
        };
        if !sea {
            draw_halo(painter, rect.min, &galley, halo);
        }
        painter.galley(rect.min, galley, colour);
        drawn.push((label.name.as_str(), rect));
    }
    drawn
}

/// The laid-out name of a label `width_px` wide on screen: bigger for bigger countries and
/// seas, seas in italics.
fn label_galley(
    painter: &Painter,
    name: &str,
    sea: bool,
    width_px: f32,
) -> std::sync::Arc<egui::Galley> {
    let size = match (sea, width_px) {
        (true, w) if w > 500.0 => 14.0,
        (true, _) => 12.0,
        (false, w) if w > 400.0 => 15.0,
        (false, w) if w > 150.0 => 13.0,
        _ => 11.5,
    };
    let mut job = LayoutJob::single_section(
        name.to_owned(),
        TextFormat {
            font_id: FontId::proportional(size),
            color: Color32::PLACEHOLDER,
            italics: sea,
            ..Default::default()
        },
    );
    job.wrap.max_width = f32::INFINITY;
    painter.layout_job(job)
}

/// A one-pixel halo around a name, so it reads over borders and coasts.
fn draw_halo(
    painter: &Painter,
    at: egui::Pos2,
    galley: &std::sync::Arc<egui::Galley>,
    halo: Color32,
) {
    for d in [
        vec2(-1.0, 0.0),
        vec2(1.0, 0.0),
        vec2(0.0, -1.0),
        vec2(0.0, 1.0),
    ] {
        painter.galley(at + d, galley.clone(), halo);
    }
}
