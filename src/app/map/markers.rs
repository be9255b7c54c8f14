//! The markers plugin: one marker per place of the moment, sized by count, coloured by the
//! dominant event kind, hollow when the place is only mentioned; markers that would overlap
//! at the current zoom merge into a cluster.
//!
//! Clusters are computed in world pixels, cached per (moment, zoom): panning only offsets them,
//! so a frame costs one pass over the clusters on screen.

use super::view::{to_mercator, world_size};
use crate::app::command::Command;
use crate::app::library::Library;
use crate::app::moment::{Moment, PlaceAgg};
use crate::app::palette::{MarkerColours, group_colour, marker_colours};
use crate::core::model::KindGroup;
use egui::{Pos2, Rect, Response, Sense, Stroke, Ui, pos2, vec2};
use rustc_hash::FxHashMap;
use walkers::{MapMemory, Plugin, Projector, lon_lat};

/// Markers closer than this (in pixels) merge.
const CLUSTER_PX: f64 = 26.0;
/// At most this many markers get their own widget (hover, click, accessibility); the others
/// are hit-tested by hand.
const MAX_WIDGETS: usize = 200;

/// A marker: one place, or several merged.
#[derive(Debug, Clone)]
pub struct Cluster {
    /// Position in world pixels at the cache zoom.
    pub world: (f64, f64),
    /// Latitude/longitude of the heaviest member (to project on screen).
    pub lat: f64,
    /// Longitude of the heaviest member.
    pub lon: f64,
    /// Members, as indexes into [`Moment::places`], heaviest first.
    pub members: Vec<u32>,
    /// Event reports.
    pub events: u32,
    /// Article mentions.
    pub articles: u32,
    /// Events by kind group.
    pub groups: [u32; 6],
    /// Screen radius.
    pub radius: f32,
}

/// Clusters cached per moment and zoom.
#[derive(Debug, Default)]
pub struct MapCache {
    key: Option<(u64, u64, i64)>,
    /// The clusters, heaviest first.
    pub clusters: Vec<Cluster>,
    /// Mercator position of each corpus place, for `projected_for` (a corpus generation).
    projected: Vec<(f64, f64)>,
    projected_for: Option<u64>,
    /// Next cluster in the same grid cell, per cluster (kept to reuse its memory).
    next_in_cell: Vec<u32>,
    /// The grid of cluster centres and the place order, kept between updates: allocating
    /// them afresh at every scrub step made page faults a visible part of a frame.
    grid: FxHashMap<(i64, i64), CellList>,
    order: Vec<u32>,
    spare: Vec<Vec<u32>>,
}

fn weight(p: &PlaceAgg) -> f64 {
    p.events as f64 + 0.3 * p.articles as f64
}

fn radius(events: u32, articles: u32) -> f32 {
    let w = events as f32 + 0.3 * articles as f32;
    (5.0 + 3.0 * w.sqrt()).min(30.0)
}

/// A grid cell's clusters, as a list threaded through [`MapCache::next_in_cell`].
#[derive(Debug, Clone, Copy)]
struct CellList {
    first: u32,
    last: u32,
}

const END: u32 = u32::MAX;

impl MapCache {
    /// Recomputes the clusters if the moment or zoom changed.
    pub fn update(&mut self, corpus: &Library, moment: &Moment, zoom: f64) {
        let key = (
            moment.generation,
            corpus.generation,
            (zoom * 100.0).round() as i64,
        );
        if self.key == Some(key) {
            return;
        }
        self.key = Some(key);
        let mut spare = self.recycle_members();
        let order = self.order_heaviest_first(moment);
        self.project_places(corpus);
        self.cluster(corpus, moment, &order, &mut spare, world_size(zoom));
        self.order = order;
        self.spare = spare;
        for c in &mut self.clusters {
            c.radius = radius(c.events, c.articles);
        }
    }

    /// Empties the clusters, keeping their member lists for reuse (one allocation per cluster
    /// and scrub step showed in frame profiles).
    fn recycle_members(&mut self) -> Vec<Vec<u32>> {
        let mut spare = std::mem::take(&mut self.spare);
        spare.extend(self.clusters.drain(..).map(|mut c| {
            c.members.clear();
            c.members
        }));
        spare
    }

    /// The places of the moment, heaviest first (ties by index).
    fn order_heaviest_first(&mut self, moment: &Moment) -> Vec<u32> {
        let mut order = std::mem::take(&mut self.order);
        order.clear();
        order.extend(0..moment.places.len() as u32);
        order.sort_by(|a, b| {
            weight(&moment.places[*b as usize])
                .total_cmp(&weight(&moment.places[*a as usize]))
                .then(a.cmp(b))
        });
        order
    }

    /// Trigonometry once per place and corpus, not per place and frame.
    fn project_places(&mut self, corpus: &Library) {
        if self.projected_for != Some(corpus.generation) {
            self.projected = corpus
                .places
                .iter()
                .map(|p| to_mercator(p.lat, p.lon))
                .collect();
            self.projected_for = Some(corpus.generation);
        }
    }

    /// Greedy: each place joins the first cluster (heaviest first) within reach, found
    /// through a grid of cluster centres; a cell's clusters are a list in creation order
    /// threaded through `next_in_cell`, so the grid allocates nothing per cell.
    fn cluster(
        &mut self,
        corpus: &Library,
        moment: &Moment,
        order: &[u32],
        spare: &mut Vec<Vec<u32>>,
        size: f64,
    ) {
        self.grid.clear();
        self.next_in_cell.clear();
        for &pi in order {
            let agg = &moment.places[pi as usize];
            let (Some(p), Some(&(mx, my))) = (
                corpus.places.get(agg.place as usize),
                self.projected.get(agg.place as usize),
            ) else {
                continue;
            };
            let (x, y) = (mx * size, my * size);
            let cell = (
                (x / CLUSTER_PX).floor() as i64,
                (y / CLUSTER_PX).floor() as i64,
            );
            match self.cluster_within_reach(cell, x, y) {
                Some(ci) => self.join(ci, pi, agg),
                None => {
                    let mut members = spare.pop().unwrap_or_default();
                    members.push(pi);
                    let c = Cluster {
                        world: (x, y),
                        lat: p.lat,
                        lon: p.lon,
                        members,
                        events: agg.events,
                        articles: agg.articles,
                        groups: agg.groups,
                        radius: 0.0,
                    };
                    self.start_cluster(cell, c);
                }
            }
        }
    }

    /// The first cluster, in the cells around `cell`, whose centre is within reach of `x, y`.
    fn cluster_within_reach(&self, (cx, cy): (i64, i64), x: f64, y: f64) -> Option<u32> {
        for dx in -1..=1 {
            for dy in -1..=1 {
                let Some(list) = self.grid.get(&(cx + dx, cy + dy)) else {
                    continue;
                };
                let mut ci = list.first;
                while ci != END {
                    let c = &self.clusters[ci as usize];
                    let d2 = (c.world.0 - x).powi(2) + (c.world.1 - y).powi(2);
                    if d2 < CLUSTER_PX * CLUSTER_PX {
                        return Some(ci);
                    }
                    ci = self.next_in_cell[ci as usize];
                }
            }
        }
        None
    }

    /// Adds place `pi` of the moment to cluster `ci`.
    fn join(&mut self, ci: u32, pi: u32, agg: &PlaceAgg) {
        let c = &mut self.clusters[ci as usize];
        c.members.push(pi);
        c.events += agg.events;
        c.articles += agg.articles;
        for (g, n) in c.groups.iter_mut().zip(agg.groups) {
            *g += n;
        }
    }

    /// Adds a new cluster at the end of the list of `cell`.
    fn start_cluster(&mut self, cell: (i64, i64), c: Cluster) {
        let ci = self.clusters.len() as u32;
        self.clusters.push(c);
        self.next_in_cell.push(END);
        match self.grid.get_mut(&cell) {
            Some(list) => {
                self.next_in_cell[list.last as usize] = ci;
                list.last = ci;
            }
            None => {
                self.grid.insert(
                    cell,
                    CellList {
                        first: ci,
                        last: ci,
                    },
                );
            }
        }
    }
}

/// Draws the markers and turns clicks into commands.
pub struct Markers<'a> {
    /// The data.
    pub corpus: &'a Library,
    /// The moment.
    pub moment: &'a Moment,
    /// Selected place (index into `corpus.places`).
    pub selected: Option<u32>,
    /// Cluster cache.
    pub cache: &'a mut MapCache,
    /// Where clicks go.
    pub commands: &'a mut Vec<Command>,
}

impl Plugin for Markers<'_> {
    fn run(
        self: Box<Self>,
        ui: &mut Ui,
        response: &Response,
        projector: &Projector,
        _memory: &MapMemory,
    ) {
        let Markers {
            corpus,
            moment,
            selected,
            cache,
            commands,
        } = *self;
        cache.update(corpus, moment, projector.zoom());
        let clip = projector.clip_rect();
        let painter = ui.painter().with_clip_rect(clip);
        let Some(scene) = Scene::new(corpus, moment, selected, &cache.clusters, projector) else {
            return;
        };
        let colours = marker_colours(ui.visuals().dark_mode);
        let visible = scene.visible(clip);
        let hovered = scene.draw(&painter, &colours, &visible, response.hover_pos());
        let handled = scene.widgets_ui(ui, &visible, projector, commands);
        if !handled && let Some(ci) = hovered {
            let c = &cache.clusters[ci];
            ui.ctx().set_cursor_icon(egui::CursorIcon::PointingHand);
            if response.clicked() {
                click(c, corpus, moment, selected, projector, commands);
            }
            response
                .clone()
                .on_hover_ui_at_pointer(|ui| tooltip_ui(ui, corpus, moment, c));
        }
    }
}

/// The clusters of one frame, placed on screen.
struct Scene<'a> {
    corpus: &'a Library,
    moment: &'a Moment,
    selected: Option<u32>,
    clusters: &'a [Cluster],
    /// World pixels to screen points.
    offset: (f64, f64),
}

impl<'a> Scene<'a> {
    /// `None` when there is no cluster.
    fn new(
        corpus: &'a Library,
        moment: &'a Moment,
        selected: Option<u32>,
        clusters: &'a [Cluster],
        projector: &Projector,
    ) -> Option<Self> {
        let first = clusters.first()?;
        // World pixels -> screen: one projection gives the offset for all.
        let anchor = projector.project(lon_lat(first.lon, first.lat));
        let offset = (
            anchor.x as f64 - first.world.0,
            anchor.y as f64 - first.world.1,
        );
        Some(Self {
            corpus,
            moment,
            selected,
            clusters,
            offset,
        })
    }

    fn screen(&self, c: &Cluster) -> Pos2 {
        pos2(
            (c.world.0 + self.offset.0) as f32,
            (c.world.1 + self.offset.1) as f32,
        )
    }

    /// Indexes of the clusters that touch `clip`, heaviest first.
    fn visible(&self, clip: Rect) -> Vec<usize> {
        (0..self.clusters.len())
            .filter(|&i| {
                let c = &self.clusters[i];
                clip.expand(c.radius + 2.0).contains(self.screen(c))
            })
            .collect()
    }

    fn is_selected(&self, c: &Cluster) -> bool {
        self.selected.is_some_and(|s| {
            c.members
                .iter()
                .any(|m| self.moment.places[*m as usize].place == s)
        })
    }

    /// Paints the `visible` clusters, lightest first so heavy markers stay on top; returns
    /// the heaviest one under `pointer`.
    fn draw(
        &self,
        painter: &egui::Painter,
        colours: &MarkerColours,
        visible: &[usize],
        pointer: Option<Pos2>,
    ) -> Option<usize> {
        let label_all = visible.len() <= 60;
        let mut hovered: Option<usize> = None;
        for (rank, &ci) in visible.iter().enumerate().rev() {
            let c = &self.clusters[ci];
            let pos = self.screen(c);
            let sel = self.is_selected(c);
            draw_marker(painter, colours, c, pos, sel);
            if label_all || rank < 40 || sel {
                let name = cluster_name(self.corpus, self.moment, c);
                draw_name(painter, colours, name, pos + vec2(c.radius + 3.0, 0.0));
            }
            if hovered.is_none()
                && let Some(p) = pointer
                && p.distance(pos) <= c.radius + 2.0
            {
                hovered = Some(ci);
            }
        }
        hovered
    }

    /// Widgets for the heaviest markers: hover, click, and a name for screen readers/tests.
    /// Returns whether one of them was hovered or clicked.
    fn widgets_ui(
        &self,
        ui: &mut Ui,
        visible: &[usize],
        projector: &Projector,
        commands: &mut Vec<Command>,
    ) -> bool {
        let (corpus, moment) = (self.corpus, self.moment);
        let mut handled = false;
        for &ci in visible.iter().take(MAX_WIDGETS) {
            let c = &self.clusters[ci];
            let pos = self.screen(c);
            let rect = Rect::from_center_size(pos, egui::Vec2::splat(c.radius * 2.0 + 2.0));
            let id = ui
                .scope_id()
                .with(("marker", moment.places[c.members[0] as usize].place));
            let r = ui.interact(rect, id, Sense::click());
            let name = cluster_name(corpus, moment, c);
            r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &name));
            if r.clicked() {
                click(c, corpus, moment, self.selected, projector, commands);
                handled = true;
            }
            if r.hovered() {
                r.on_hover_ui(|ui| tooltip_ui(ui, corpus, moment, c));
                handled = true;
            }
        }
        handled
    }
}

/// One marker: filled in its dominant kind's colour with a ring of the mix, or hollow when
/// only mentioned; the selection rings; the member count of a cluster.
fn draw_marker(
    painter: &egui::Painter,
    colours: &MarkerColours,
    c: &Cluster,
    pos: Pos2,
    sel: bool,
) {
    let dominant = dominant(&c.groups);
    match dominant {
        Some(g) => {
            painter.circle(
                pos,
                c.radius,
                group_colour(g).gamma_multiply(0.9),
                Stroke::new(1.5, colours.outline),
            );
            pie_ring(painter, pos, c.radius, &c.groups);
        }
        None => {
            painter.circle_filled(pos, c.radius, colours.halo.gamma_multiply(0.4));
            painter.circle_stroke(pos, c.radius - 1.0, Stroke::new(2.0, colours.hollow));
        }
    }
    if sel {
        painter.circle_stroke(pos, c.radius + 4.0, Stroke::new(3.0, colours.selection));
        painter.circle_stroke(pos, c.radius + 6.5, Stroke::new(1.5, colours.outline));
    }
    if c.members.len() > 1 {
        painter.text(
            pos,
            egui::Align2::CENTER_CENTER,
            c.members.len().to_string(),
            egui::FontId::proportional(11.0),
            if dominant.is_some() {
                colours.count_on_fill
            } else {
                colours.text
            },
        );
    }
}

/// A marker's name on its halo, starting at `at` and centred on it vertically.
fn draw_name(painter: &egui::Painter, colours: &MarkerColours, name: String, at: Pos2) {
    let font = egui::FontId::proportional(12.5);
    let galley = painter.layout_no_wrap(name, font, colours.text);
    let r = Rect::from_min_size(at - vec2(0.0, galley.size().y / 2.0), galley.size()).expand(1.5);
    painter.rect_filled(r, 3.0, colours.halo);
    painter.galley(r.min + vec2(1.5, 1.5), galley, colours.text);
}

fn dominant(groups: &[u32; 6]) -> Option<KindGroup> {
    let (i, n) = groups
        .iter()
        .enumerate()
        .max_by_key(|(i, n)| (**n, usize::MAX - *i))?;
    (*n > 0).then(|| KindGroup::ALL[i])
}

/// A thin ring split by kind group, so mixed places show their mix.
fn pie_ring(painter: &egui::Painter, centre: Pos2, r: f32, groups: &[u32; 6]) {
    let total: u32 = groups.iter().sum();
    if total == 0 || groups.iter().filter(|g| **g > 0).count() < 2 {
        return;
    }
    let mut a0 = -std::f32::consts::FRAC_PI_2;
    for (i, n) in groups.iter().enumerate() {
        if *n == 0 {
            continue;
        }
        let sweep = *n as f32 / total as f32 * std::f32::consts::TAU;
        // A segment every ~3 px of arc (and at most every 0.2 rad): small markers, the many
        // ones at a year's scale, need few vertices, and tessellating them is most of a frame.
        let steps = ((sweep / 0.2).min(sweep * r / 3.0).ceil() as usize).max(2);
        let pts: Vec<Pos2> = (0..=steps)
            .map(|k| {
                let a = a0 + sweep * k as f32 / steps as f32;
                centre + vec2(a.cos(), a.sin()) * (r - 1.5)
            })
            .collect();
        painter.add(egui::Shape::line(
            pts,
            Stroke::new(3.0, group_colour(KindGroup::ALL[i])),
        ));
        a0 += sweep;
    }
}

fn cluster_name(corpus: &Library, moment: &Moment, c: &Cluster) -> String {
    let first = moment
        .places
        .get(c.members[0] as usize)
        .and_then(|a| corpus.places.get(a.place as usize))
        .map(|p| p.name.as_str())
        .unwrap_or("?");
    if c.members.len() > 1 {
        format!("{first} +{}", c.members.len() - 1)
    } else {
        first.to_string()
    }
}

fn click(
    c: &Cluster,
    corpus: &Library,
    moment: &Moment,
    selected: Option<u32>,
    projector: &Projector,
    commands: &mut Vec<Command>,
) {
    if c.members.len() > 1 && projector.zoom() < 12.0 {
        // A cluster: zoom in on it so its places separate.
        commands.push(Command::FlyTo {
            lat: c.lat,
            lon: c.lon,
        });
        commands.push(Command::Zoom(1));
        commands.push(Command::Zoom(1));
        return;
    }
    let Some(agg) = moment.places.get(c.members[0] as usize) else {
        return;
    };
    let Some(p) = corpus.places.get(agg.place as usize) else {
        return;
    };
    if selected == Some(agg.place) {
        commands.push(Command::SelectPlace(None));
    } else {
        commands.push(Command::SelectPlace(Some(p.gid)));
    }
}

/// What a place is, under the name the articles give it: the gazetteer's name when it differs,
/// its kind and its country ("Damascus · city · SY").
pub fn place_identity(p: &crate::app::library::PlaceInfo) -> String {
    use crate::core::extract::places::gazetteer::Gazetteer;
    let mut parts = Vec::with_capacity(3);
    // Summaries from the cache carry no canonical name: the gazetteer has it, once built.
    let canonical = if p.canonical.is_empty() {
        Gazetteer::global_if_built()
            .and_then(|g| g.by_gid(p.gid))
            .map_or("", |g| g.canonical.as_str())
    } else {
        p.canonical.as_str()
    };
    if !canonical.is_empty() && canonical != p.name {
        parts.push(canonical);
    }
    parts.push(p.kind.as_str());
    parts.push(p.country.as_str());
    parts.join(" · ")
}

fn tooltip_ui(ui: &mut Ui, corpus: &Library, moment: &Moment, c: &Cluster) {
    for (k, m) in c.members.iter().take(6).enumerate() {
        let Some(agg) = moment.places.get(*m as usize) else {
            continue;
        };
        let Some(p) = corpus.places.get(agg.place as usize) else {
            continue;
        };
        if k > 0 {
            ui.separator();
        }
        ui.strong(&p.name);
        ui.weak(place_identity(p));
        ui.label(format!(
            "{} events · {} articles in the window",
            agg.events, agg.articles
        ));
        for e in agg.top.iter().flatten() {
            let Some(row) = corpus.events.get(*e as usize) else {
                continue;
            };
            let Some(ev) = corpus
                .articles
                .get(row.article as usize)
                .and_then(|a| a.article.events.get(row.event as usize))
            else {
                continue;
            };
            let sentence = crate::core::model::snippet(&ev.sentence, 90);
            ui.horizontal(|ui| {
                crate::app::panels::swatch_ui(ui, group_colour(row.group), false);
                ui.label(
                    egui::RichText::new(format!("{} {}: {sentence}", ev.date, ev.kind.as_str()))
                        .small(),
                );
            });
        }
    }
    if c.members.len() > 6 {
        ui.weak(format!("… and {} more places", c.members.len() - 6));
    }
    ui.weak(if c.members.len() > 1 {
        "click to zoom in"
    } else {
        "click to select (filters the list)"
    });
}

/// Latitude/longitude lines, drawn when no basemap is available.
pub struct Graticule {
    /// Draw or not.
    pub enabled: bool,
}

impl Plugin for Graticule {
    fn run(
        self: Box<Self>,
        ui: &mut Ui,
        _response: &Response,
        projector: &Projector,
        _memory: &MapMemory,
    ) {
        if !self.enabled {
            return;
        }
        let painter = ui.painter().with_clip_rect(projector.clip_rect());
        let colour = ui.visuals().weak_text_color().gamma_multiply(0.4);
        let stroke = Stroke::new(1.0, colour);
        for lon in (-180..=180).step_by(10) {
            let a = projector.project(lon_lat(lon as f64, -80.0)).to_pos2();
            let b = projector.project(lon_lat(lon as f64, 80.0)).to_pos2();
            painter.line_segment([a, b], stroke);
        }
        for lat in (-80..=80).step_by(10) {
            let a = projector.project(lon_lat(-180.0, lat as f64)).to_pos2();
            let b = projector.project(lon_lat(180.0, lat as f64)).to_pos2();
            painter.line_segment([a, b], stroke);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::synthetic::synthetic_articles;

    /// A corpus of synthetic places, and a moment holding every place with a weight.
    fn corpus_and_moment(n_places: usize) -> (Library, Moment) {
        let mut corpus = Library::default();
        let c = corpus.add_collection("synthetic".into(), Vec::new(), false);
        for a in synthetic_articles(400, 2, n_places, 7) {
            corpus.push_article(c, a);
        }
        corpus.refresh();
        let mut moment = Moment::default();
        moment.places = (0..corpus.places.len() as u32)
            .map(|i| PlaceAgg {
                place: i,
                events: i % 7,
                articles: 1 + i % 3,
                groups: [i % 7, 0, 0, 0, 0, 0],
                top: [None; 3],
            })
            .collect();
        moment.generation = 1;
        (corpus, moment)
    }

    #[test]
    fn every_place_is_in_one_cluster_within_reach_of_its_centre() {
        let (corpus, moment) = corpus_and_moment(300);
        for zoom in [1.0, 4.0, 8.0] {
            let mut cache = MapCache::default();
            cache.update(&corpus, &moment, zoom);
            let mut seen = vec![0u32; moment.places.len()];
            for c in &cache.clusters {
                for &m in &c.members {
                    seen[m as usize] += 1;
                    let p = &corpus.places[moment.places[m as usize].place as usize];
                    let (x, y) = to_mercator(p.lat, p.lon);
                    let size = world_size(zoom);
                    let d2 = (c.world.0 - x * size).powi(2) + (c.world.1 - y * size).powi(2);
                    assert!(
                        d2 < CLUSTER_PX * CLUSTER_PX,
                        "member too far at zoom {zoom}"
                    );
                }
                let events: u32 = c
                    .members
                    .iter()
                    .map(|&m| moment.places[m as usize].events)
                    .sum();
                assert_eq!(c.events, events);
            }
            assert!(seen.iter().all(|&n| n == 1), "each place exactly once");
        }
    }

    #[test]
    fn clusters_merge_when_zoomed_out_and_start_from_the_heaviest_place() {
        let (corpus, moment) = corpus_and_moment(300);
        let mut far = MapCache::default();
        far.update(&corpus, &moment, 1.0);
        let mut near = MapCache::default();
        near.update(&corpus, &moment, 9.0);
        assert!(far.clusters.len() < near.clusters.len());
        let heaviest = (0..moment.places.len())
            .max_by(|&a, &b| {
                weight(&moment.places[a])
                    .total_cmp(&weight(&moment.places[b]))
                    .then(b.cmp(&a))
            })
            .unwrap();
        assert_eq!(far.clusters[0].members[0] as usize, heaviest);
    }
}
