//! The offline basemap: Natural Earth land, coasts and borders bundled in the binary
//! (`assets/basemap.bin.zst`, made by `scripts/gen_basemap.mjs`), rasterised into 256-px
//! tiles on demand with tiny-skia and served to walkers as a [`walkers::Tiles`] source.
//!
//! The pure part ([`Basemap::render_tile`], [`render_tile`]) needs no egui context, so it is
//! tested and benchmarked headlessly; [`BasemapTiles`] adds the texture cache and a background
//! renderer so that the UI thread never waits for more than a tiny low-zoom tile.

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, OnceLock};

use egui::{ColorImage, Rect, TextureHandle, TextureOptions, pos2};
use tiny_skia::{
    Color, FillRule, LineCap, LineJoin, Paint, PathBuilder, Pixmap, Stroke, Transform,
};
use walkers::sources::Attribution;
use walkers::{Tile, TileId, TilePiece, Tiles};

use crate::app::palette::basemap_palette;

/// The bundled asset (zstd-compressed, format described in `scripts/gen_basemap.mjs`).
static ASSET: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/basemap.bin.zst"
));

/// Coordinates in the asset are Web Mercator in [0, 1], quantised to this many steps.
const QUANT: f64 = (1u32 << 24) as f64;

/// Tiles above this zoom are cut from the tile at this zoom: the data has ~400 m resolution,
/// and f64 pixel maths stays exact well past it.
pub const MAX_RENDER_ZOOM: u8 = 18;

/// Errors reading the bundled basemap.
#[derive(Debug, thiserror::Error)]
pub enum BasemapError {
    /// The zstd stream could not be decompressed.
    #[error("basemap asset: decompression failed: {0}")]
    Decompress(#[from] std::io::Error),
    /// The data does not start with the expected magic and version.
    #[error("basemap asset: unknown format")]
    Format,
    /// The data ends in the middle of a record.
    #[error("basemap asset: truncated")]
    Truncated,
    /// A name is not valid UTF-8.
    #[error("basemap asset: invalid UTF-8 in a name")]
    Utf8,
}

/// Axis-aligned box in normalised Mercator units (x east, y south, both in [0, 1]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BBox {
    /// West edge.
    pub min_x: f64,
    /// North edge.
    pub min_y: f64,
    /// East edge.
    pub max_x: f64,
    /// South edge.
    pub max_y: f64,
}

impl BBox {
    const EMPTY: BBox = BBox {
        min_x: f64::INFINITY,
        min_y: f64::INFINITY,
        max_x: f64::NEG_INFINITY,
        max_y: f64::NEG_INFINITY,
    };

    fn add(&mut self, [x, y]: [f64; 2]) {
        self.min_x = self.min_x.min(x);
        self.min_y = self.min_y.min(y);
        self.max_x = self.max_x.max(x);
        self.max_y = self.max_y.max(y);
    }

    fn union(&mut self, o: &BBox) {
        self.min_x = self.min_x.min(o.min_x);
        self.min_y = self.min_y.min(o.min_y);
        self.max_x = self.max_x.max(o.max_x);
        self.max_y = self.max_y.max(o.max_y);
    }

    fn intersects(&self, o: &BBox) -> bool {
        self.min_x <= o.max_x
            && o.min_x <= self.max_x
            && self.min_y <= o.max_y
            && o.min_y <= self.max_y
    }
}

/// A run of points inside [`Lod::points`].
#[derive(Debug, Clone)]
struct Line {
    bbox: BBox,
    start: usize,
    len: usize,
}

#[derive(Debug, Clone)]
struct Polygon {
    bbox: BBox,
    rings: Vec<Line>,
}

/// One level of detail: used from `min_zoom` up to the next level's `min_zoom`.
#[derive(Debug, Clone, Default)]
struct Lod {
    min_zoom: u8,
    points: Vec<[f64; 2]>,
    land: Vec<Polygon>,
    borders: Vec<Line>,
}

impl Lod {
    fn pts(&self, l: &Line) -> &[[f64; 2]] {
        self.points.get(l.start..l.start + l.len).unwrap_or(&[])
    }
}

/// What a label names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelKind {
    /// A country or territory.
    Country,
    /// A sea or an ocean.
    Sea,
}

/// A place name drawn over the basemap.
#[derive(Debug, Clone)]
pub struct Label {
    /// Country or sea.
    pub kind: LabelKind,
    /// ISO 3166 alpha-2 code of a country (`""` when it has none, and for seas).
    pub code: String,
    /// French display name.
    pub name: String,
    /// Anchor latitude (degrees), inside the country's largest polygon.
    pub lat: f64,
    /// Anchor longitude (degrees).
    pub lon: f64,
    /// Width and height of the country's largest polygon, in normalised Mercator units: the
    /// label is shown once this is about as wide as the text.
    pub extent: [f64; 2],
    /// Importance (larger first); labels come sorted by it within each kind.
    pub rank: f64,
}

/// The decoded vector basemap.
#[derive(Debug, Clone, Default)]
pub struct Basemap {
    lods: Vec<Lod>,
    /// Country and sea labels, most important first.
    pub labels: Vec<Label>,
}

struct Reader<'a> {
    b: &'a [u8],
    i: usize,
}

impl Reader<'_> {
    fn u8(&mut self) -> Result<u8, BasemapError> {
        let v = *self.b.get(self.i).ok_or(BasemapError::Truncated)?;
        self.i += 1;
        Ok(v)
    }

    fn varint(&mut self) -> Result<u64, BasemapError> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.u8()?;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(BasemapError::Format)
    }

    /// A count that must be plausible for the remaining bytes (each item takes >= 1 byte), so
    /// that a corrupt length cannot make us allocate wildly.
    fn count(&mut self) -> Result<usize, BasemapError> {
        let n = usize::try_from(self.varint()?).map_err(|_| BasemapError::Format)?;
        if n > self.b.len().saturating_sub(self.i) {
            return Err(BasemapError::Truncated);
        }
        Ok(n)
    }

    fn zigzag(&mut self) -> Result<i64, BasemapError> {
        let v = self.varint()?;
        Ok((v >> 1) as i64 ^ -((v & 1) as i64))
    }

    fn str(&mut self) -> Result<String, BasemapError> {
        let n = self.count()?;
        let s = self
            .b
            .get(self.i..self.i + n)
            .ok_or(BasemapError::Truncated)?;
        self.i += n;
        String::from_utf8(s.to_vec()).map_err(|_| BasemapError::Utf8)
    }

    /// Reads a point run, appending to `out`; returns its bbox.
    fn points(&mut self, out: &mut Vec<[f64; 2]>) -> Result<BBox, BasemapError> {
        let n = self.count()?;
        let mut bbox = BBox::EMPTY;
        let (mut x, mut y) = (0i64, 0i64);
        for k in 0..n {
            if k == 0 {
                x = self.zigzag()?;
                y = self.zigzag()?;
            } else {
                x += self.zigzag()?;
                y += self.zigzag()?;
            }
            let p = [x as f64 / QUANT, y as f64 / QUANT];
            bbox.add(p);
            out.push(p);
        }
        Ok(bbox)
    }

    fn line(&mut self, points: &mut Vec<[f64; 2]>) -> Result<Line, BasemapError> {
        let start = points.len();
        let bbox = self.points(points)?;
        Ok(Line {
            bbox,
            start,
            len: points.len() - start,
        })
    }
}

impl Basemap {
    /// Decodes a basemap asset (zstd-compressed).
    pub fn decode(compressed: &[u8]) -> Result<Self, BasemapError> {
        let raw = zstd::decode_all(compressed)?;
        let mut r = Reader { b: &raw, i: 0 };
        let mut magic = [0u8; 4];
        for m in &mut magic {
            *m = r.u8()?;
        }
        if &magic != b"CCBM" || r.u8()? != 2 {
            return Err(BasemapError::Format);
        }
        let n_lods = r.count()?;
        let mut lods = Vec::with_capacity(n_lods);
        for _ in 0..n_lods {
            let mut lod = Lod {
                min_zoom: r.u8()?,
                ..Lod::default()
            };
            for _ in 0..r.count()? {
                let n_rings = r.count()?;
                let mut rings = Vec::with_capacity(n_rings);
                let mut bbox = BBox::EMPTY;
                for _ in 0..n_rings {
                    let ring = r.line(&mut lod.points)?;
                    bbox.union(&ring.bbox);
                    rings.push(ring);
                }
                lod.land.push(Polygon { bbox, rings });
            }
            for _ in 0..r.count()? {
                let line = r.line(&mut lod.points)?;
                lod.borders.push(line);
            }
            lods.push(lod);
        }
        lods.sort_by_key(|l| l.min_zoom);
        let mut labels = Vec::new();
        for _ in 0..r.count()? {
            let kind = if r.u8()? == 1 {
                LabelKind::Sea
            } else {
                LabelKind::Country
            };
            let code = r.str()?;
            let name = r.str()?;
            let mut at = Vec::with_capacity(1);
            r.points(&mut at)?;
            let [x, y] = *at.first().ok_or(BasemapError::Format)?;
            let ex = r.varint()? as f64 / QUANT;
            let ey = r.varint()? as f64 / QUANT;
            let rank = r.varint()? as f64 / QUANT;
            let (lat, lon) = crate::app::map::view::from_mercator(x, y);
            labels.push(Label {
                kind,
                code,
                name,
                lat,
                lon,
                extent: [ex, ey],
                rank,
            });
        }
        Ok(Basemap { lods, labels })
    }

    /// Number of (land polygon, border line, point) in the most detailed level, for reports.
    pub fn detail_counts(&self) -> (usize, usize, usize) {
        self.lods.last().map_or((0, 0, 0), |l| {
            (l.land.len(), l.borders.len(), l.points.len())
        })
    }

    fn lod_for(&self, zoom: u8) -> Option<&Lod> {
        self.lods
            .iter()
            .rev()
            .find(|l| l.min_zoom <= zoom)
            .or(self.lods.first())
    }

    /// Renders tile `zoom/x/y` of the Web Mercator grid as a `size`×`size` pixmap.
    /// `None` for a tile outside the grid or a zero size.
    pub fn render_tile(&self, zoom: u8, x: u32, y: u32, size: u32, dark: bool) -> Option<Pixmap> {
        let n = 2f64.powi(i32::from(zoom.min(MAX_RENDER_ZOOM)));
        if zoom > MAX_RENDER_ZOOM
            || f64::from(x) >= n
            || f64::from(y) >= n
            || size == 0
            || size > 4096
        {
            return None;
        }
        let mut pixmap = Pixmap::new(size, size)?;
        let pal = basemap_palette(dark);
        pixmap.fill(color(pal.sea));
        let Some(lod) = self.lod_for(zoom) else {
            return Some(pixmap);
        };
        let tile = TileFrame::new(n, x, y, size);
        let mut paint = Paint {
            anti_alias: true,
            ..Paint::default()
        };
        let (fill, coast) = tile.land_paths(lod);
        if let Some(path) = fill {
            paint.set_color(color(pal.land));
            pixmap.fill_path(
                &path,
                &paint,
                FillRule::EvenOdd,
                Transform::identity(),
                None,
            );
        }
        if let Some(path) = coast {
            paint.set_color(color(pal.coast));
            let w = if zoom >= 5 { 1.0 } else { 0.7 };
            pixmap.stroke_path(&path, &paint, &tile.stroke(w), Transform::identity(), None);
        }
        if let Some(path) = tile.border_path(lod) {
            paint.set_color(color(pal.border));
            let w = match zoom {
                0..=2 => 0.6,
                3..=5 => 0.9,
                _ => 1.3,
            };
            pixmap.stroke_path(&path, &paint, &tile.stroke(w), Transform::identity(), None);
        }
        Some(pixmap)
    }
}

/// One tile's window on the world: what geometry it shows and how it maps to pixels.
struct TileFrame {
    /// The tile plus its margin, in world units (0..1), to cull geometry.
    view: BBox,
    /// World units to pixels.
    ps: PixelSpace,
    /// One 256-px tile's pixel, in this tile's pixels (strokes scale with it).
    px: f32,
}

impl TileFrame {
    fn new(n: f64, x: u32, y: u32, size: u32) -> Self {
        let s = f64::from(size);
        let scale = n * s;
        let (ox, oy) = (f64::from(x) / n, f64::from(y) / n);
        // Geometry is clipped to the tile plus this margin, so the artificial edges that
        // clipping creates fall outside the visible pixels (strokes included).
        let margin = 4.0;
        let view = BBox {
            min_x: ox - margin / scale,
            min_y: oy - margin / scale,
            max_x: ox + (s + margin) / scale,
            max_y: oy + (s + margin) / scale,
        };
        let ps = PixelSpace {
            ox,
            oy,
            scale,
            lo: -margin as f32,
            hi: (s + margin) as f32,
            // Dropping points closer than this (in px) to the previous one is invisible
            // and is what keeps big polygons cheap at low zoom.
            tolerance: 0.4 * (s / 256.0) as f32,
        };
        Self {
            view,
            ps,
            px: (s / 256.0) as f32,
        }
    }

    /// A round stroke `width` 256-px-tile pixels wide.
    fn stroke(&self, width: f32) -> Stroke {
        Stroke {
            width: width * self.px,
            line_cap: LineCap::Round,
            line_join: LineJoin::Round,
            ..Stroke::default()
        }
    }

    /// The land to fill (clipped to the tile) and its coastline to stroke.
    fn land_paths(&self, lod: &Lod) -> (Option<tiny_skia::Path>, Option<tiny_skia::Path>) {
        let ps = &self.ps;
        let mut fill = PathBuilder::new();
        let mut coast = PathBuilder::new();
        let mut buf = Vec::new();
        let mut clip_a = Vec::new();
        let mut clip_b = Vec::new();
        for poly in lod.land.iter().filter(|p| p.bbox.intersects(&self.view)) {
            for ring in poly.rings.iter().filter(|r| r.bbox.intersects(&self.view)) {
                ps.project(lod.pts(ring), true, &mut buf);
                if buf.len() < 3 {
                    continue;
                }
                ps.add_segments(&buf, true, true, &mut coast);
                clip_polygon(&buf, ps.lo, ps.hi, &mut clip_a, &mut clip_b);
                if let Some((first, rest)) = clip_a.split_first()
                    && rest.len() >= 2
                {
                    fill.move_to(first.0, first.1);
                    for p in rest {
                        fill.line_to(p.0, p.1);
                    }
                    fill.close();
                }
            }
        }
        (fill.finish(), coast.finish())
    }

    /// The country borders that cross the tile.
    fn border_path(&self, lod: &Lod) -> Option<tiny_skia::Path> {
        let mut borders = PathBuilder::new();
        let mut buf = Vec::new();
        for line in lod.borders.iter().filter(|l| l.bbox.intersects(&self.view)) {
            self.ps.project(lod.pts(line), false, &mut buf);
            self.ps.add_segments(&buf, false, false, &mut borders);
        }
        borders.finish()
    }
}

fn color([r, g, b]: [u8; 3]) -> Color {
    Color::from_rgba8(r, g, b, 255)
}

/// From Mercator units to the pixels of one tile.
struct PixelSpace {
    ox: f64,
    oy: f64,
    scale: f64,
    lo: f32,
    hi: f32,
    tolerance: f32,
}

impl PixelSpace {
    /// Projects `pts` into tile pixels, dropping points within `tolerance` of the last kept one.
    fn project(&self, pts: &[[f64; 2]], closed: bool, out: &mut Vec<(f32, f32)>) {
        out.clear();
        let t2 = self.tolerance * self.tolerance;
        let last = pts.len().saturating_sub(1);
        for (i, p) in pts.iter().enumerate() {
            let q = (
                ((p[0] - self.ox) * self.scale) as f32,
                ((p[1] - self.oy) * self.scale) as f32,
            );
            if let Some(prev) = out.last() {
                let (dx, dy) = (q.0 - prev.0, q.1 - prev.1);
                if (closed || i != last) && dx * dx + dy * dy < t2 {
                    continue;
                }
            }
            out.push(q);
        }
    }

    /// Adds the segments of `pts` that touch the tile (plus margin) to `pb` as open subpaths.
    /// With `skip_world_edge`, segments lying on the edge of the world are left out: they are
    /// where Natural Earth cuts Antarctica and Chukotka, not coasts.
    fn add_segments(
        &self,
        pts: &[(f32, f32)],
        closed: bool,
        skip_world_edge: bool,
        pb: &mut PathBuilder,
    ) {
        let edge = |v: f64| (v * self.scale) as f32;
        let (wx0, wx1) = (edge(-self.ox), edge(1.0 - self.ox));
        let (wy0, wy1) = (edge(-self.oy), edge(1.0 - self.oy));
        let on_edge = |a: (f32, f32), b: (f32, f32)| {
            let near = |u: f32, v: f32| (u - v).abs() < 0.05;
            (near(a.0, wx0) && near(b.0, wx0))
                || (near(a.0, wx1) && near(b.0, wx1))
                || (near(a.1, wy0) && near(b.1, wy0))
                || (near(a.1, wy1) && near(b.1, wy1))
        };
        let n = pts.len();
        let segs = if closed { n } else { n.saturating_sub(1) };
        let mut pen_at: Option<usize> = None;
        for i in 0..segs {
            let j = (i + 1) % n;
            let (a, b) = (pts[i], pts[j]);
            let visible = a.0.max(b.0) >= self.lo
                && a.0.min(b.0) <= self.hi
                && a.1.max(b.1) >= self.lo
                && a.1.min(b.1) <= self.hi
                && !(skip_world_edge && on_edge(a, b));
            if !visible {
                pen_at = None;
                continue;
            }
            if pen_at != Some(i) {
                pb.move_to(a.0, a.1);
            }
            pb.line_to(b.0, b.1);
            pen_at = Some(j);
        }
    }
}

/// Sutherland–Hodgman clip of a closed ring to the square [lo, hi]²; result in `out`.
/// Concave rings come out with zero-width bridges along the clip square; they sit in the
/// margin outside the tile, where they are invisible.
fn clip_polygon(
    ring: &[(f32, f32)],
    lo: f32,
    hi: f32,
    out: &mut Vec<(f32, f32)>,
    tmp: &mut Vec<(f32, f32)>,
) {
    out.clear();
    out.extend_from_slice(ring);
    // (axis, bound, keep-if-greater)
    for (axis, bound, greater) in [(0, lo, true), (0, hi, false), (1, lo, true), (1, hi, false)] {
        std::mem::swap(out, tmp);
        out.clear();
        let n = tmp.len();
        if n == 0 {
            return;
        }
        let coord = |p: (f32, f32)| if axis == 0 { p.0 } else { p.1 };
        let inside = |p: (f32, f32)| {
            if greater {
                coord(p) >= bound
            } else {
                coord(p) <= bound
            }
        };
        let cross = |a: (f32, f32), b: (f32, f32)| {
            let t = (bound - coord(a)) / (coord(b) - coord(a));
            let p = (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t);
            if axis == 0 {
                (bound, p.1)
            } else {
                (p.0, bound)
            }
        };
        let mut prev = tmp[n - 1];
        for &cur in tmp.iter() {
            match (inside(prev), inside(cur)) {
                (true, true) => out.push(cur),
                (true, false) => out.push(cross(prev, cur)),
                (false, true) => {
                    out.push(cross(prev, cur));
                    out.push(cur);
                }
                (false, false) => {}
            }
            prev = cur;
        }
    }
}

/// The bundled basemap, decoded on first use. A corrupt asset logs an error and gives an
/// empty basemap (sea only) rather than stopping the app.
pub fn basemap() -> &'static Basemap {
    static MAP: OnceLock<Basemap> = OnceLock::new();
    MAP.get_or_init(|| {
        Basemap::decode(ASSET).unwrap_or_else(|e| {
            log::error!("{e}");
            Basemap::default()
        })
    })
}

/// Renders a 256-px tile of the bundled basemap (see [`Basemap::render_tile`]).
pub fn render_tile(zoom: u8, x: u32, y: u32, dark: bool) -> Option<Pixmap> {
    basemap().render_tile(zoom, x, y, 256, dark)
}

/// Attribution for the basemap data.
pub fn attribution() -> Attribution {
    Attribution {
        text: "Natural Earth",
        url: "https://www.naturalearthdata.com/",
        logo_light: None,
        logo_dark: None,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Key {
    zoom: u8,
    x: u32,
    y: u32,
    size: u32,
    dark: bool,
}

impl Key {
    /// The tile at `zoom` (not above this one's) that covers this one, and the part of it this one is.
    fn ancestor(self, zoom: u8) -> (Key, Rect) {
        let d = self.zoom.saturating_sub(zoom);
        let k = 1u32 << d.min(31);
        let parent = Key {
            zoom: self.zoom - d,
            x: self.x / k,
            y: self.y / k,
            ..self
        };
        let f = 1.0 / k as f32;
        let (u, v) = ((self.x % k) as f32 * f, (self.y % k) as f32 * f);
        (parent, Rect::from_min_max(pos2(u, v), pos2(u + f, v + f)))
    }
}

fn to_texture(ctx: &egui::Context, key: Key, pixmap: &Pixmap) -> TextureHandle {
    let size = [pixmap.width() as usize, pixmap.height() as usize];
    // Every colour is opaque, so premultiplied and straight alpha are the same bytes.
    let image = ColorImage::from_rgba_premultiplied(size, pixmap.data());
    let name = format!(
        "basemap/{}/{}/{}{}",
        key.zoom,
        key.x,
        key.y,
        if key.dark { "d" } else { "" }
    );
    ctx.load_texture(name, image, TextureOptions::LINEAR)
}

/// Work shared with the renderer threads: a most-recent-first queue of tiles to render.
struct Queue {
    jobs: Mutex<VecDeque<Key>>,
    wake: Condvar,
    stop: AtomicBool,
}

/// Drop requests beyond this: after a fast zoom, the old ones are no longer on screen.
const MAX_QUEUED: usize = 96;
/// Textures kept, in bytes of pixels (a 256-px tile is 256 KiB).
const CACHE_BYTES: usize = 64 << 20;

/// The bundled Natural Earth basemap as a walkers tile source.
///
/// Tiles are rendered on background threads and cached as textures (least recently used
/// evicted); while one is being rendered, the best zoomed-out tile already rendered stands in
/// for it. Use [`BasemapTiles::set_dark`] to follow the theme.
pub struct BasemapTiles {
    ctx: egui::Context,
    dark: bool,
    synchronous: bool,
    cache: HashMap<Key, (TextureHandle, u64)>,
    clock: u64,
    pending: HashSet<Key>,
    queue: Arc<Queue>,
    results_tx: crossbeam_channel::Sender<(Key, Option<TextureHandle>)>,
    results: crossbeam_channel::Receiver<(Key, Option<TextureHandle>)>,
    workers: Vec<std::thread::JoinHandle<()>>,
}

impl BasemapTiles {
    /// A tile source drawing in the palette of the context's current theme.
    pub fn new(ctx: &egui::Context) -> Self {
        let (results_tx, results) = crossbeam_channel::unbounded();
        Self {
            ctx: ctx.clone(),
            dark: ctx.theme() == egui::Theme::Dark,
            synchronous: false,
            cache: HashMap::new(),
            clock: 0,
            pending: HashSet::new(),
            queue: Arc::new(Queue {
                jobs: Mutex::new(VecDeque::new()),
                wake: Condvar::new(),
                stop: AtomicBool::new(false),
            }),
            results_tx,
            results,
            workers: Vec::new(),
        }
    }

    /// Render every tile in the frame that asks for it instead of in the background: slower
    /// frames, but the first frame is complete (screenshots, tests).
    pub fn synchronous(mut self, yes: bool) -> Self {
        self.synchronous = yes;
        self
    }

    /// Switches the palette (cached tiles of the other palette stay until evicted).
    pub fn set_dark(&mut self, dark: bool) {
        self.dark = dark;
    }

    /// Whether the dark palette is in use.
    pub fn dark(&self) -> bool {
        self.dark
    }

    /// Tiles queued or being rendered in the background.
    pub fn pending(&self) -> usize {
        self.pending.len()
    }

    fn tile_px(&self) -> u32 {
        // Render at the screen's pixel density so the thin lines stay sharp on HiDPI screens.
        let ppp = self.ctx.pixels_per_point();
        if ppp > 1.5 { 512 } else { 256 }
    }

    fn capacity(&self) -> usize {
        let px = self.tile_px() as usize;
        (CACHE_BYTES / (px * px * 4)).max(48)
    }

    fn receive(&mut self) {
        while let Ok((key, tex)) = self.results.try_recv() {
            self.pending.remove(&key);
            if let Some(tex) = tex {
                self.insert(key, tex);
            }
        }
    }

    fn insert(&mut self, key: Key, tex: TextureHandle) {
        self.clock += 1;
        self.cache.insert(key, (tex, self.clock));
        while self.cache.len() > self.capacity() {
            let Some(oldest) = self
                .cache
                .iter()
                .min_by_key(|(_, (_, t))| *t)
                .map(|(k, _)| *k)
            else {
                break;
            };
            self.cache.remove(&oldest);
        }
    }

    fn cached(&mut self, key: &Key) -> Option<TextureHandle> {
        self.clock += 1;
        let clock = self.clock;
        self.cache.get_mut(key).map(|(tex, t)| {
            *t = clock;
            tex.clone()
        })
    }

    fn render_now(&mut self, key: Key) -> Option<TextureHandle> {
        let pixmap = basemap().render_tile(key.zoom, key.x, key.y, key.size, key.dark)?;
        let tex = to_texture(&self.ctx, key, &pixmap);
        self.insert(key, tex.clone());
        Some(tex)
    }

    fn request(&mut self, key: Key) {
        if !self.pending.insert(key) {
            return;
        }
        if self.workers.is_empty() {
            self.spawn_workers();
        }
        let dropped: Vec<Key> = {
            let Ok(mut jobs) = self.queue.jobs.lock() else {
                self.pending.remove(&key);
                return;
            };
            jobs.push_front(key);
            let excess = jobs.len().saturating_sub(MAX_QUEUED);
            (0..excess).filter_map(|_| jobs.pop_back()).collect()
        };
        for k in dropped {
            self.pending.remove(&k);
        }
        self.queue.wake.notify_one();
    }

    fn spawn_workers(&mut self) {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        for i in 0..cores.saturating_sub(1).clamp(1, 3) {
            let queue = Arc::clone(&self.queue);
            let tx = self.results_tx.clone();
            let ctx = self.ctx.clone();
            let spawned = std::thread::Builder::new()
                .name(format!("basemap-{i}"))
                .spawn(move || worker(&queue, &tx, &ctx));
            match spawned {
                Ok(h) => self.workers.push(h),
                Err(e) => log::warn!("basemap renderer thread: {e}"),
            }
        }
        if self.workers.is_empty() {
            self.synchronous = true;
        }
    }
}

fn worker(
    queue: &Queue,
    tx: &crossbeam_channel::Sender<(Key, Option<TextureHandle>)>,
    ctx: &egui::Context,
) {
    loop {
        let key = {
            let Ok(mut jobs) = queue.jobs.lock() else {
                return;
            };
            loop {
                if queue.stop.load(Ordering::Relaxed) {
                    return;
                }
                if let Some(k) = jobs.pop_front() {
                    break k;
                }
                jobs = match queue.wake.wait(jobs) {
                    Ok(j) => j,
                    Err(_) => return,
                };
            }
        };
        let tex = basemap()
            .render_tile(key.zoom, key.x, key.y, key.size, key.dark)
            .map(|p| to_texture(ctx, key, &p));
        if tx.send((key, tex)).is_err() {
            return;
        }
        ctx.request_repaint();
    }
}

impl Drop for BasemapTiles {
    fn drop(&mut self) {
        self.queue.stop.store(true, Ordering::Relaxed);
        self.queue.wake.notify_all();
        // Not joined: a worker finishes its current tile (milliseconds) and exits on its own.
    }
}

impl Tiles for BasemapTiles {
    fn at(&mut self, tile_id: TileId) -> Option<TilePiece> {
        self.receive();
        let n = 1u64 << u32::from(tile_id.zoom.min(40));
        if u64::from(tile_id.x) >= n || u64::from(tile_id.y) >= n {
            return None;
        }
        let asked = Key {
            zoom: tile_id.zoom,
            x: tile_id.x,
            y: tile_id.y,
            size: self.tile_px(),
            dark: self.dark,
        };
        // Beyond the render limit, stretch the deepest tile.
        let (key, uv) = asked.ancestor(MAX_RENDER_ZOOM);
        let piece = |tex: TextureHandle, outer: Rect| {
            let w = outer.width();
            let uv2 = Rect::from_min_max(
                pos2(outer.min.x + uv.min.x * w, outer.min.y + uv.min.y * w),
                pos2(outer.min.x + uv.max.x * w, outer.min.y + uv.max.y * w),
            );
            TilePiece::new(Tile::Raster(tex), uv2)
        };
        let full = Rect::from_min_max(pos2(0.0, 0.0), pos2(1.0, 1.0));
        if let Some(tex) = self.cached(&key) {
            return Some(piece(tex, full));
        }
        if self.synchronous {
            return self.render_now(key).map(|t| piece(t, full));
        }
        self.request(key);
        for z in (0..key.zoom).rev() {
            let (parent, outer) = key.ancestor(z);
            if let Some(tex) = self.cached(&parent) {
                return Some(piece(tex, outer));
            }
        }
        // Nothing to stand in yet (first frame): a world-scale tile renders in well under a
        // millisecond, so draw that one now.
        let (parent, outer) = key.ancestor(key.zoom.min(2));
        self.render_now(parent).map(|t| piece(t, outer))
    }

    fn attribution(&self) -> Attribution {
        attribution()
    }

    fn tile_size(&self) -> u32 {
        256
    }

    fn stats(&self) -> walkers::Stats {
        walkers::Stats {
            in_progress: self.pending.len(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ancestor_uv_covers_the_right_quarter() {
        let k = Key {
            zoom: 3,
            x: 5,
            y: 2,
            size: 256,
            dark: false,
        };
        let (p, uv) = k.ancestor(2);
        assert_eq!((p.zoom, p.x, p.y), (2, 2, 1));
        assert_eq!(uv, Rect::from_min_max(pos2(0.5, 0.0), pos2(1.0, 0.5)));
        let (p0, uv0) = k.ancestor(0);
        assert_eq!((p0.zoom, p0.x, p0.y), (0, 0, 0));
        assert_eq!(
            uv0,
            Rect::from_min_max(pos2(0.625, 0.25), pos2(0.75, 0.375))
        );
    }

    #[test]
    fn clipping_a_square_larger_than_the_tile_gives_the_tile() {
        let ring = [
            (-50.0, -50.0),
            (300.0, -50.0),
            (300.0, 300.0),
            (-50.0, 300.0),
        ];
        let (mut out, mut tmp) = (Vec::new(), Vec::new());
        clip_polygon(&ring, -4.0, 260.0, &mut out, &mut tmp);
        assert_eq!(out.len(), 4);
        for p in &out {
            assert!(
                (p.0 == -4.0 || p.0 == 260.0) && (p.1 == -4.0 || p.1 == 260.0),
                "{p:?}"
            );
        }
        let far = [(500.0, 500.0), (600.0, 500.0), (600.0, 600.0)];
        clip_polygon(&far, -4.0, 260.0, &mut out, &mut tmp);
        assert!(out.is_empty());
    }

    #[test]
    fn corrupt_assets_are_errors_not_panics() {
        assert!(Basemap::decode(b"not zstd").is_err());
        let truncated = zstd::encode_all(&b"CCBM\x02\x05"[..], 1).unwrap_or_default();
        assert!(matches!(
            Basemap::decode(&truncated),
            Err(BasemapError::Truncated)
        ));
        let wrong = zstd::encode_all(&b"XXXX\x02"[..], 1).unwrap_or_default();
        assert!(matches!(Basemap::decode(&wrong), Err(BasemapError::Format)));
    }
}
