//! The timeline (bottom panel), modelled on Rerun's time panel: playback controls, a
//! zoomable (wheel) and pannable (drag) time axis with a density histogram stacked by event
//! kind, the highlighted window, a draggable cursor, imprecise dates drawn as spans, and one
//! density track per collection.

use crate::app::command::Command;
use crate::app::state::AppState;
use crate::app::time_control::{
    Clock, Mode, SPEEDS, TimeCommand, TimeControl, WindowSize, parse_user_date,
};
use crate::core::model::KindGroup;
use crate::core::store::time_index::{Bucket, day_number, from_day_number};
use chrono::{Datelike, NaiveDate};
use egui::{Color32, Pos2, Rect, Sense, Stroke, pos2, vec2};

/// One histogram bucket, stacked by kind group and split by collection.
#[derive(Debug, Clone, Default)]
pub struct Bar {
    /// First day.
    pub start: i32,
    /// First day of the next bucket.
    pub end: i32,
    /// Counts by kind group ([`KindGroup::ALL`] order); for the publication clock, all in
    /// the last slot.
    pub groups: [u32; 6],
    /// Counts by collection id.
    pub collections: Vec<u32>,
    /// The other clock's count: articles published in the bar on the event clock, events
    /// starting in it on the publication clock (drawn as an outline over the bars).
    pub ghost: u32,
}

/// Histogram and span caches, recomputed when the axis, data or filters change.
#[derive(Debug, Default)]
pub struct TimelineCache {
    key: Option<(u64, u64, i64, i64, u32, bool)>,
    /// Bars of the visible range.
    pub bars: Vec<Bar>,
    /// Bucket size in use.
    pub bucket: Option<Bucket>,
    /// Distinct (start, end, group) of imprecise events in the visible range.
    pub spans: Vec<(i32, i32, KindGroup)>,
    /// Largest bar total.
    pub max: u32,
    /// Largest ghost count.
    pub ghost_max: u32,
    /// True while the cursor is being dragged.
    pub scrubbing: bool,
}

const PANEL_HEIGHT: f32 = 210.0;

/// The bottom panel. `cache` is the timeline's own (held beside the state, not in it).
pub fn timeline_panel_ui(ui: &mut egui::Ui, state: &mut AppState, cache: &mut TimelineCache) {
    egui::Panel::bottom("timeline")
        .resizable(true)
        .default_size(PANEL_HEIGHT)
        .min_size(150.0)
        .show(ui, |ui| {
            ui.add_space(4.0);
            controls_ui(ui, state);
            ui.horizontal_wrapped(|ui| {
                ui.weak("collections:");
                super::filters::collections_ui(ui, state);
            });
            ui.add_space(2.0);
            axis_ui(ui, state, cache);
        });
}

fn controls_ui(ui: &mut egui::Ui, state: &mut AppState) {
    let t = state.time.clone();
    ui.horizontal_wrapped(|ui| {
        playback_buttons_ui(ui, state, &t);
        speed_ui(ui, state, &t);
        ui.separator();
        window_ui(ui, state, &t);
        mode_ui(ui, state, &t);
        ui.separator();
        clock_ui(ui, state, &t);
        ui.separator();
        date_field_ui(ui, state);
        date_slider_ui(ui, state);
    });
}

fn playback_buttons_ui(ui: &mut egui::Ui, state: &mut AppState, t: &TimeControl) {
    let mut b = |ui: &mut egui::Ui, text: &str, label: &str, cmd: TimeCommand| {
        let r = ui.button(text).on_hover_text(label);
        r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, label));
        if r.clicked() {
            state.rt.commands.push(Command::Time(cmd));
        }
    };
    b(ui, "|<", "First day (Home)", TimeCommand::JumpStart);
    b(ui, "<<", "Step back (<-)", TimeCommand::StepBack);
    if t.playing {
        b(ui, "||", "Pause (space)", TimeCommand::TogglePlay);
    } else {
        b(ui, ">", "Play (space)", TimeCommand::TogglePlay);
    }
    b(ui, ">>", "Step forward (→)", TimeCommand::StepForward);
    b(ui, ">|", "Last day (End)", TimeCommand::JumpEnd);
}

/// The playback speed and the loop switch.
fn speed_ui(ui: &mut egui::Ui, state: &mut AppState, t: &TimeControl) {
    let speed_label = SPEEDS
        .iter()
        .find(|(s, _)| (*s - t.speed_days_per_sec).abs() < 1e-3)
        .map(|(_, l)| l.to_string())
        .unwrap_or_else(|| format!("{} days/s", t.speed_days_per_sec));
    egui::ComboBox::from_label("speed")
        .selected_text(speed_label)
        .width(90.0)
        .show_ui(ui, |ui| {
            for (s, l) in SPEEDS {
                if ui
                    .selectable_label((s - t.speed_days_per_sec).abs() < 1e-3, l)
                    .clicked()
                {
                    state
                        .rt
                        .commands
                        .push(Command::Time(TimeCommand::SetSpeed(s)));
                }
            }
        });
    let mut looping = t.looping;
    if ui.checkbox(&mut looping, "loop").changed() {
        state.emit(Command::Time(TimeCommand::SetLooping(looping)));
    }
}

/// The window size, with its number of days when custom.
fn window_ui(ui: &mut egui::Ui, state: &mut AppState, t: &TimeControl) {
    egui::ComboBox::from_label("window")
        .selected_text(t.window.label())
        .width(80.0)
        .show_ui(ui, |ui| {
            let custom = match t.window {
                WindowSize::Custom(n) => n,
                _ => 14,
            };
            for w in [
                WindowSize::Day,
                WindowSize::Week,
                WindowSize::Month,
                WindowSize::Year,
                WindowSize::Custom(custom),
            ] {
                let selected = std::mem::discriminant(&w) == std::mem::discriminant(&t.window);
                let label = if matches!(w, WindowSize::Custom(_)) {
                    "custom".to_string()
                } else {
                    w.label()
                };
                if ui.selectable_label(selected, label).clicked() {
                    state
                        .rt
                        .commands
                        .push(Command::Time(TimeCommand::SetWindow(w)));
                }
            }
        });
    if let WindowSize::Custom(mut n) = t.window {
        let r = ui.add(
            egui::DragValue::new(&mut n)
                .range(1..=36500)
                .suffix(" days"),
        );
        r.widget_info(|| egui::WidgetInfo::drag_value(true, n as f64));
        if r.changed() {
            state.emit(Command::Time(TimeCommand::SetWindow(WindowSize::Custom(n))));
        }
    }
}

fn mode_ui(ui: &mut egui::Ui, state: &mut AppState, t: &TimeControl) {
    for (m, label, hover) in [
        (Mode::Around, "around", "Window around the cursor"),
        (
            Mode::UpTo,
            "up to",
            "Everything up to the cursor (cumulative)",
        ),
    ] {
        if ui
            .selectable_label(t.mode == m, label)
            .on_hover_text(hover)
            .clicked()
        {
            state.emit(Command::Time(TimeCommand::SetMode(m)));
        }
    }
}

fn clock_ui(ui: &mut egui::Ui, state: &mut AppState, t: &TimeControl) {
    for (c, label, hover) in [
        (
            Clock::EventTime,
            "event time",
            "Bars: when things happened; outlines: when articles were published",
        ),
        (
            Clock::PublishedTime,
            "published",
            "Bars: when articles were published; outlines: when their events happened",
        ),
    ] {
        if ui
            .selectable_label(t.clock == c, label)
            .on_hover_text(hover)
            .clicked()
        {
            state.emit(Command::Time(TimeCommand::SetClock(c)));
        }
    }
}

fn date_field_ui(ui: &mut egui::Ui, state: &mut AppState) {
    let label = ui.label("Date:");
    let mut text = state
        .rt
        .window
        .date_edit
        .clone()
        .unwrap_or_else(|| state.time.cursor.format("%Y-%m-%d").to_string());
    let resp = ui
        .add(egui::TextEdit::singleline(&mut text).desired_width(84.0))
        .labelled_by(label.id);
    if resp.has_focus() || resp.changed() {
        state.rt.window.date_edit = Some(text.clone());
    }
    let submitted = resp.lost_focus();
    if submitted {
        state.rt.window.date_edit = None;
        match parse_user_date(&text) {
            Some(d) => state.emit(Command::Time(TimeCommand::SetCursor(d))),
            None if text.trim() != state.time.cursor.format("%Y-%m-%d").to_string() => state
                .notify(
                    format!("“{}” is not a date (use YYYY-MM-DD).", text.trim()),
                    true,
                ),
            None => {}
        }
    }
}

fn date_slider_ui(ui: &mut egui::Ui, state: &mut AppState) {
    let Some((a, b)) = state.time.bounds else {
        return;
    };
    let (lo, hi) = (day_number(a) as f64, day_number(b) as f64);
    if hi <= lo {
        return;
    }
    let mut v = day_number(state.time.cursor) as f64;
    let slider = egui::Slider::new(&mut v, lo..=hi)
        .show_value(false)
        .step_by(1.0)
        .text("Date")
        .custom_formatter(|v, _| {
            from_day_number(v.round() as i32)
                .format("%Y-%m-%d")
                .to_string()
        });
    let r = ui.add_sized([220.0, ui.spacing().interact_size.y], slider);
    if r.changed() {
        state.emit(Command::Time(TimeCommand::SetCursor(from_day_number(
            v.round() as i32,
        ))));
    }
}

/// Default visible span: the data with a margin, or a year around the cursor.
fn default_axis(state: &AppState) -> (f64, f64) {
    match state.rt.library.extent(state.time.clock) {
        Some((a, b)) => {
            let (a, b) = (day_number(a) as f64, day_number(b) as f64 + 1.0);
            let pad = ((b - a) * 0.04).max(15.0);
            (a - pad, b + pad)
        }
        None => {
            let c = day_number(state.time.cursor) as f64;
            (c - 365.0, c + 365.0)
        }
    }
}

/// Height of the date ruler at the top of the axis.
const RULER_H: f32 = 18.0;
/// Height of the row of imprecise dates under the bars.
const SPANS_H: f32 = 14.0;

/// The axis's layout and visible span (days since 1970): converts between days and x.
#[derive(Debug, Clone, Copy)]
struct Axis {
    /// The whole axis.
    rect: Rect,
    /// Where the bars are drawn.
    plot: Rect,
    v0: f64,
    v1: f64,
    /// Width of the plot, at least 1.
    width: f64,
}

impl Axis {
    fn x_of(&self, day: f64) -> f32 {
        self.plot.left() + ((day - self.v0) / (self.v1 - self.v0) * self.width) as f32
    }

    fn day_of(&self, x: f32) -> f64 {
        self.v0 + ((x - self.plot.left()) as f64 / self.width) * (self.v1 - self.v0)
    }
}

fn axis_ui(ui: &mut egui::Ui, state: &mut AppState, cache: &mut TimelineCache) {
    let n_cols = state.rt.library.collections.len().min(6);
    let (mut axis, resp) = allocate_axis(ui, state, n_cols);
    axis_interaction(ui, state, cache, &resp, &mut axis);

    // Histogram, cached on axis + data + filters.
    let max_buckets = (axis.width / 5.0).max(10.0) as i64;
    let bucket = Bucket::for_span((axis.v1 - axis.v0) as i64, max_buckets);
    refresh_cache(state, cache, axis.v0, axis.v1, bucket, axis.width as u32);

    let painter = ui.painter().with_clip_rect(axis.rect);
    let visuals = ui.visuals().clone();
    painter.rect_filled(axis.rect, 2.0, visuals.extreme_bg_color);
    let text_colour = visuals.text_color();
    let weak = visuals.weak_text_color();
    ticks(&painter, &axis, text_colour, weak);
    let window = state.time.window_range();
    paint_window(&painter, &axis, window, &visuals);
    let published = state.time.clock == Clock::PublishedTime;
    paint_bars(&painter, &axis, cache, window, published, &visuals);
    paint_spans(&painter, &axis, cache, weak);
    paint_other_clock(&painter, &axis, cache, text_colour);
    if n_cols > 1 {
        let cols = &state.rt.library.collections;
        paint_collection_tracks(&painter, &axis, cache, cols, n_cols, weak);
    }
    paint_cursor(&painter, &axis, state.time.cursor, &visuals, text_colour);
    hover_ui(resp, &axis, cache, published);
}

/// Takes the rest of the panel for the axis, with the span it showed last (or the default).
fn allocate_axis(ui: &mut egui::Ui, state: &AppState, n_cols: usize) -> (Axis, egui::Response) {
    let (mut v0, mut v1) = state.axis.unwrap_or_else(|| default_axis(state));
    if !(v0.is_finite() && v1.is_finite()) || v1 - v0 < 2.0 {
        (v0, v1) = default_axis(state);
    }
    let avail = ui.available_size();
    let height = avail.y.max(60.0);
    let (rect, resp) = ui.allocate_exact_size(vec2(avail.x, height), Sense::click_and_drag());
    resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Group, true, "Timeline"));
    let tracks_h = if n_cols > 1 {
        8.0 * n_cols as f32 + 4.0
    } else {
        0.0
    };
    let plot = Rect::from_min_max(
        pos2(rect.left() + 4.0, rect.top() + RULER_H),
        pos2(rect.right() - 4.0, rect.bottom() - SPANS_H - tracks_h - 2.0),
    );
    let width = plot.width().max(1.0) as f64;
    let axis = Axis {
        rect,
        plot,
        v0,
        v1,
        width,
    };
    (axis, resp)
}

/// Interaction: wheel zooms around the pointer, drag pans, the ruler and cursor scrub, a
/// click moves the cursor, a double click resets the span; the span is remembered.
fn axis_interaction(
    ui: &egui::Ui,
    state: &mut AppState,
    cache: &mut TimelineCache,
    resp: &egui::Response,
    axis: &mut Axis,
) {
    let mut changed_axis = wheel_zoom(ui, resp, axis);
    let cursor_x = axis.x_of(day_number(state.time.cursor) as f64 + 0.5);
    if resp.drag_started()
        && let Some(p) = resp.interact_pointer_pos()
    {
        cache.scrubbing = p.y < axis.plot.top() || (p.x - cursor_x).abs() < 8.0;
    }
    if resp.dragged() {
        if cache.scrubbing {
            if let Some(p) = resp.interact_pointer_pos() {
                let d = from_day_number(axis.day_of(p.x).floor() as i32);
                if d != state.time.cursor {
                    state.emit(Command::Time(TimeCommand::SetCursor(d)));
                }
            }
        } else {
            let dx = resp.drag_delta().x as f64;
            let shift = -dx / axis.width * (axis.v1 - axis.v0);
            axis.v0 += shift;
            axis.v1 += shift;
            changed_axis = true;
        }
    }
    if resp.drag_stopped() {
        cache.scrubbing = false;
    }
    if resp.clicked()
        && let Some(p) = resp.interact_pointer_pos()
    {
        state.emit(Command::Time(TimeCommand::SetCursor(from_day_number(
            axis.day_of(p.x).floor() as i32,
        ))));
    }
    if resp.double_clicked() {
        (axis.v0, axis.v1) = default_axis(state);
        changed_axis = true;
    }
    if changed_axis || state.axis.is_some() {
        state.axis = Some((axis.v0, axis.v1));
    }
}

/// Zooms the span around the hovered day by the wheel or pinch; true when it changed.
fn wheel_zoom(ui: &egui::Ui, resp: &egui::Response, axis: &mut Axis) -> bool {
    let Some(hover) = resp.hover_pos() else {
        return false;
    };
    let (scroll, zoom) = ui.input(|i| (i.smooth_scroll_delta, i.zoom_delta()));
    let delta = scroll.y + scroll.x;
    let factor = if (zoom - 1.0).abs() > 1e-3 {
        1.0 / zoom as f64
    } else {
        (-delta as f64 * 0.003).exp()
    };
    if (factor - 1.0).abs() <= 1e-6 {
        return false;
    }
    let (v0, v1) = (axis.v0, axis.v1);
    let pivot = axis.day_of(hover.x);
    let span = ((v1 - v0) * factor).clamp(7.0, 365.0 * 300.0);
    let t = (pivot - v0) / (v1 - v0);
    axis.v0 = pivot - t * span;
    axis.v1 = axis.v0 + span;
    ui.input_mut(|i| i.smooth_scroll_delta = egui::Vec2::ZERO);
    true
}

/// The time window, highlighted from the ruler down.
fn paint_window(
    painter: &egui::Painter,
    axis: &Axis,
    (wa, wb): (NaiveDate, NaiveDate),
    visuals: &egui::Visuals,
) {
    let (rect, plot) = (axis.rect, axis.plot);
    let wx0 = axis.x_of(day_number(wa) as f64).max(plot.left());
    let wx1 = axis.x_of(day_number(wb) as f64 + 1.0).min(plot.right());
    if wx1 > wx0 {
        let hl = Rect::from_min_max(pos2(wx0, rect.top() + RULER_H), pos2(wx1, rect.bottom()));
        painter.rect_filled(hl, 0.0, visuals.selection.bg_fill.gamma_multiply(0.35));
    }
}

/// The histogram, stacked by kind group (one colour on the publication clock); bars outside
/// the window are dimmed.
fn paint_bars(
    painter: &egui::Painter,
    axis: &Axis,
    cache: &TimelineCache,
    (wa, wb): (NaiveDate, NaiveDate),
    published: bool,
    visuals: &egui::Visuals,
) {
    let plot = axis.plot;
    let max = cache.max.max(1) as f32;
    for bar in &cache.bars {
        let x0 = axis.x_of(bar.start as f64);
        let x1 = axis.x_of(bar.end as f64);
        if x1 < plot.left() || x0 > plot.right() {
            continue;
        }
        let (x0, x1) = (x0 + 0.5, (x1 - 0.5).max(x0 + 1.0));
        let in_window = bar.end > day_number(wa) && bar.start <= day_number(wb);
        let mut y = plot.bottom();
        for (gi, g) in KindGroup::ALL.iter().enumerate() {
            let c = bar.groups[gi];
            if c == 0 {
                continue;
            }
            let h = c as f32 / max * (plot.height() - 4.0);
            let colour = if published {
                visuals.text_color().gamma_multiply(0.6)
            } else {
                super::group_colour(*g)
            };
            let colour = if in_window {
                colour
            } else {
                colour.gamma_multiply(0.55)
            };
            painter.rect_filled(
                Rect::from_min_max(pos2(x0, y - h), pos2(x1, y)),
                0.0,
                colour,
            );
            y -= h;
        }
    }
}

/// The other clock's counts as outlined ghost bars over the filled ones, on their own scale
/// (the shapes are compared, not the heights: one clock counts events, the other articles).
fn paint_other_clock(painter: &egui::Painter, axis: &Axis, cache: &TimelineCache, colour: Color32) {
    if cache.ghost_max == 0 {
        return;
    }
    let plot = axis.plot;
    let max = cache.ghost_max as f32;
    let stroke = Stroke::new(1.0, colour.gamma_multiply(0.8));
    for bar in cache.bars.iter().filter(|b| b.ghost > 0) {
        let (x0, x1) = (axis.x_of(bar.start as f64), axis.x_of(bar.end as f64));
        if x1 < plot.left() || x0 > plot.right() {
            continue;
        }
        let h = bar.ghost as f32 / max * (plot.height() - 4.0);
        let (x0, x1) = (x0 + 0.5, (x1 - 0.5).max(x0 + 2.0));
        painter.rect_stroke(
            Rect::from_min_max(pos2(x0, plot.bottom() - h), pos2(x1, plot.bottom())),
            0.0,
            stroke,
            egui::StrokeKind::Inside,
        );
    }
}

/// Imprecise dates as spans under the bars.
fn paint_spans(painter: &egui::Painter, axis: &Axis, cache: &TimelineCache, weak: Color32) {
    let plot = axis.plot;
    let span_top = plot.bottom() + 3.0;
    for (a, b, g) in &cache.spans {
        let x0 = axis.x_of(*a as f64).max(plot.left());
        let x1 = axis.x_of(*b as f64 + 1.0).min(plot.right());
        if x1 <= x0 {
            continue;
        }
        let r = Rect::from_min_max(pos2(x0, span_top), pos2(x1, span_top + SPANS_H - 6.0));
        painter.rect_filled(r, 2.0, super::group_colour(*g).gamma_multiply(0.45));
    }
    if !cache.spans.is_empty() {
        painter.text(
            pos2(plot.left() + 2.0, span_top - 1.0),
            egui::Align2::LEFT_TOP,
            "month/year dates",
            egui::FontId::proportional(9.0),
            weak,
        );
    }
}

/// One density track per collection (the first `n_cols`), in its colour when shown.
fn paint_collection_tracks(
    painter: &egui::Painter,
    axis: &Axis,
    cache: &TimelineCache,
    cols: &[crate::app::library::Collection],
    n_cols: usize,
    weak: Color32,
) {
    let top = axis.plot.bottom() + SPANS_H + 2.0;
    for (ci, col) in cols.iter().take(n_cols).enumerate() {
        let y0 = top + ci as f32 * 8.0;
        let cmax = cache
            .bars
            .iter()
            .map(|b| b.collections.get(col.id as usize).copied().unwrap_or(0))
            .max()
            .unwrap_or(0);
        for bar in &cache.bars {
            let c = bar.collections.get(col.id as usize).copied().unwrap_or(0);
            if c == 0 || cmax == 0 {
                continue;
            }
            let alpha = 0.25 + 0.75 * (c as f32 / cmax as f32);
            let r = Rect::from_min_max(
                pos2(axis.x_of(bar.start as f64), y0),
                pos2(axis.x_of(bar.end as f64), y0 + 6.0),
            );
            let colour = if col.visible {
                super::rgb(col.colour)
            } else {
                weak
            };
            painter.rect_filled(r, 0.0, colour.gamma_multiply(alpha));
        }
    }
}

/// The cursor: a line with a handle on the ruler and its date beside it.
fn paint_cursor(
    painter: &egui::Painter,
    axis: &Axis,
    cursor: NaiveDate,
    visuals: &egui::Visuals,
    text_colour: Color32,
) {
    let (rect, plot) = (axis.rect, axis.plot);
    let cursor_x = axis.x_of(day_number(cursor) as f64 + 0.5);
    if cursor_x < plot.left() - 1.0 || cursor_x > plot.right() + 1.0 {
        return;
    }
    let accent = visuals.selection.stroke.color;
    painter.line_segment(
        [pos2(cursor_x, rect.top()), pos2(cursor_x, rect.bottom())],
        Stroke::new(2.0, accent),
    );
    let tri = vec![
        pos2(cursor_x - 6.0, rect.top()),
        pos2(cursor_x + 6.0, rect.top()),
        pos2(cursor_x, rect.top() + 8.0),
    ];
    painter.add(egui::Shape::convex_polygon(tri, accent, Stroke::NONE));
    let label = cursor.format("%Y-%m-%d").to_string();
    let galley = painter.layout_no_wrap(label, egui::FontId::proportional(11.0), text_colour);
    let mut x = cursor_x + 5.0;
    if x + galley.size().x > rect.right() {
        x = cursor_x - 5.0 - galley.size().x;
    }
    let bg = Rect::from_min_size(
        pos2(x - 2.0, plot.top() + 1.0),
        galley.size() + vec2(4.0, 0.0),
    );
    painter.rect_filled(bg, 2.0, visuals.extreme_bg_color.gamma_multiply(0.9));
    painter.galley(pos2(x, plot.top() + 1.0), galley, text_colour);
}

/// The hovered day, what its bucket holds, and how to use the axis.
fn hover_ui(resp: egui::Response, axis: &Axis, cache: &TimelineCache, published: bool) {
    if !resp.hovered() {
        return;
    }
    let Some(p) = resp.hover_pos() else {
        return;
    };
    let d = from_day_number(axis.day_of(p.x).floor() as i32);
    let count = cache.bars.iter().find(|b| {
        let day = day_number(d);
        b.start <= day && day < b.end
    });
    let n: u32 = count.map(|b| b.groups.iter().sum()).unwrap_or(0);
    let ghost = count.map(|b| b.ghost).unwrap_or(0);
    let (what, other) = if published {
        ("articles published", "events happened (outlines)")
    } else {
        ("events", "articles published (outlines)")
    };
    resp.on_hover_text_at_pointer(format!(
        "{}\n{n} {what} in this {}\n{ghost} {other}\nclick: move the cursor · drag: pan · wheel: zoom",
        d.format("%Y-%m-%d"),
        bucket_name(cache.bucket.unwrap_or(Bucket::Month))
    ));
}

fn bucket_name(b: Bucket) -> &'static str {
    match b {
        Bucket::Day => "day",
        Bucket::Week => "week",
        Bucket::Month => "month",
        Bucket::Year => "year",
    }
}

/// The ruler: year, month or day ticks, spaced so labels are at least ~70 px apart.
fn ticks(painter: &egui::Painter, axis: &Axis, text: Color32, weak: Color32) {
    let (rect, plot, v0, v1) = (axis.rect, axis.plot, axis.v0, axis.v1);
    let days_per_px = (v1 - v0) / plot.width().max(1.0) as f64;
    let start = from_day_number(v0.floor() as i32);
    let end = from_day_number(v1.ceil() as i32);
    let min_gap_days = days_per_px * 70.0;
    let font = egui::FontId::proportional(10.0);
    let draw = |d: NaiveDate, label: String, major: bool| {
        let x = axis.x_of(day_number(d) as f64);
        if x < plot.left() || x > plot.right() {
            return;
        }
        let colour = if major {
            weak.gamma_multiply(0.7)
        } else {
            weak.gamma_multiply(0.35)
        };
        painter.line_segment(
            [pos2(x, rect.top() + 12.0), pos2(x, plot.bottom())],
            Stroke::new(1.0, colour),
        );
        painter.text(
            Pos2::new(x + 2.0, rect.top() + 1.0),
            egui::Align2::LEFT_TOP,
            label,
            font.clone(),
            text,
        );
    };
    if min_gap_days > 365.0 {
        year_ticks(start, end, min_gap_days, draw);
    } else if min_gap_days > 28.0 {
        month_ticks(start, end, min_gap_days, draw);
    } else {
        day_ticks(start, end, min_gap_days, draw);
    }
}

/// Every 1, 2, 5… 100 years.
fn year_ticks(
    start: NaiveDate,
    end: NaiveDate,
    min_gap_days: f64,
    draw: impl Fn(NaiveDate, String, bool),
) {
    let step = ((min_gap_days / 365.0).ceil() as i32).max(1);
    let step = [1, 2, 5, 10, 20, 50, 100]
        .into_iter()
        .find(|s| *s >= step)
        .unwrap_or(100);
    let mut y = start.year() - start.year().rem_euclid(step);
    while y <= end.year() {
        if let Some(d) = NaiveDate::from_ymd_opt(y, 1, 1) {
            draw(d, y.to_string(), true);
        }
        y += step;
    }
}

/// Every 1, 2, 3, 6 or 12 months; January is labelled with its year.
fn month_ticks(
    start: NaiveDate,
    end: NaiveDate,
    min_gap_days: f64,
    draw: impl Fn(NaiveDate, String, bool),
) {
    let step = (min_gap_days / 30.0).ceil() as u32;
    let step = [1, 2, 3, 6, 12]
        .into_iter()
        .find(|s| *s >= step)
        .unwrap_or(12);
    let mut d = NaiveDate::from_ymd_opt(start.year(), 1, 1).unwrap_or(start);
    while d <= end {
        if d >= start && (d.month() - 1).is_multiple_of(step) {
            let label = if d.month() == 1 {
                d.format("%Y").to_string()
            } else {
                d.format("%b").to_string()
            };
            draw(d, label, d.month() == 1);
        }
        d = d
            .checked_add_months(chrono::Months::new(1))
            .unwrap_or(end.succ_opt().unwrap_or(end));
        if d == start {
            break;
        }
    }
}

/// Every 1 or 2 days, or every week or two (on Mondays); the first of a month is major.
fn day_ticks(
    start: NaiveDate,
    end: NaiveDate,
    min_gap_days: f64,
    draw: impl Fn(NaiveDate, String, bool),
) {
    let step = [1, 2, 7, 14]
        .into_iter()
        .find(|s| *s as f64 >= min_gap_days)
        .unwrap_or(14);
    let mut d = start;
    let mut guard = 0;
    while d <= end && guard < 2000 {
        guard += 1;
        let ok = match step {
            7 | 14 => {
                d.weekday() == chrono::Weekday::Mon
                    && (step == 7 || d.iso_week().week().is_multiple_of(2))
            }
            s => d.ordinal0().is_multiple_of(s),
        };
        if ok {
            let label = if d.day() == 1 {
                d.format("%d %b %Y").to_string()
            } else {
                d.format("%d %b").to_string()
            };
            draw(d, label, d.day() == 1);
        }
        let Some(n) = d.succ_opt() else { break };
        d = n;
    }
}

/// Which bar a day falls in (the bars are contiguous and sorted).
struct BarLookup {
    starts: Vec<i32>,
    first: i32,
    last: i32,
}

impl BarLookup {
    fn bar_of(&self, day: i32) -> Option<usize> {
        if day < self.first || day >= self.last {
            return None;
        }
        Some(self.starts.partition_point(|s| *s <= day).saturating_sub(1))
    }
}

/// Recomputes the bars and spans when the axis range, bucket, data or filters changed.
fn refresh_cache(
    state: &mut AppState,
    cache: &mut TimelineCache,
    v0: f64,
    v1: f64,
    bucket: Bucket,
    width: u32,
) {
    let published = state.time.clock == Clock::PublishedTime;
    let key = (
        state.rt.library.generation,
        state.rt.filters_gen,
        v0.floor() as i64,
        v1.ceil() as i64,
        width,
        published,
    );
    if cache.key == Some(key) {
        return;
    }
    let rt = &mut state.rt;
    // Filters must be current before counting.
    rt.masks.update(&rt.library, &state.filters, rt.filters_gen);
    cache.key = Some(key);
    cache.bucket = Some(bucket);
    cache.bars.clear();
    cache.spans.clear();
    let from = from_day_number(v0.floor() as i32);
    let to = from_day_number(v1.ceil() as i32);
    let Some(lookup) = empty_bars(cache, &rt.library, bucket, from, to) else {
        return;
    };
    if published {
        count_articles(cache, &rt.library, &rt.masks, &lookup, from, to);
    } else {
        count_events(cache, &rt.library, &rt.masks, &lookup, from, to);
    }
    count_other_clock(
        cache,
        &rt.library,
        &rt.masks,
        &lookup,
        (from, to),
        published,
    );
    cache.max = cache
        .bars
        .iter()
        .map(|b| b.groups.iter().sum::<u32>())
        .max()
        .unwrap_or(0);
    cache.ghost_max = cache.bars.iter().map(|b| b.ghost).max().unwrap_or(0);
}

/// The other clock's counts ([`Bar::ghost`]): events by when they happened under the bars of
/// publications, or publications under the bars of events, so the two clocks show together
/// and the reporting lag is the gap between the bars and the outlines.
fn count_other_clock(
    cache: &mut TimelineCache,
    corpus: &crate::app::library::Library,
    masks: &crate::app::moment::Masks,
    lookup: &BarLookup,
    (from, to): (NaiveDate, NaiveDate),
    published: bool,
) {
    if published {
        corpus.event_time.for_each_overlapping(from, to, |i| {
            if masks.event_hist.get(i).copied().unwrap_or(false)
                && let Some(bi) = lookup.bar_of(day_number(corpus.events[i].start))
            {
                cache.bars[bi].ghost += 1;
            }
        });
    } else {
        corpus.published_time.for_each_overlapping(from, to, |i| {
            let Some(&a) = corpus.published_items.get(i) else {
                return;
            };
            if !masks.article_hist.get(a as usize).copied().unwrap_or(false) {
                return;
            }
            if let Some(p) = corpus.articles[a as usize].article.published
                && let Some(bi) = lookup.bar_of(day_number(p.start))
            {
                cache.bars[bi].ghost += 1;
            }
        });
    }
}

/// Lays out empty bars of `bucket` over `from..to`; `None` when there are none.
fn empty_bars(
    cache: &mut TimelineCache,
    corpus: &crate::app::library::Library,
    bucket: Bucket,
    from: NaiveDate,
    to: NaiveDate,
) -> Option<BarLookup> {
    let n_cols = corpus
        .collections
        .iter()
        .map(|c| c.id as usize + 1)
        .max()
        .unwrap_or(0);
    let mut d = bucket.floor(from);
    let mut guard = 0;
    while d < to && guard < 20_000 {
        guard += 1;
        let next = bucket.next(d);
        if next <= d {
            break;
        }
        cache.bars.push(Bar {
            start: day_number(d),
            end: day_number(next),
            groups: [0; 6],
            collections: vec![0; n_cols],
            ghost: 0,
        });
        d = next;
    }
    let (Some(first), Some(last)) = (
        cache.bars.first().map(|b| b.start),
        cache.bars.last().map(|b| b.end),
    ) else {
        return None;
    };
    let starts: Vec<i32> = cache.bars.iter().map(|b| b.start).collect();
    Some(BarLookup {
        starts,
        first,
        last,
    })
}

/// Publication clock: counts the articles published in each bar (all in the last slot).
fn count_articles(
    cache: &mut TimelineCache,
    corpus: &crate::app::library::Library,
    masks: &crate::app::moment::Masks,
    lookup: &BarLookup,
    from: NaiveDate,
    to: NaiveDate,
) {
    corpus.published_time.for_each_overlapping(from, to, |i| {
        let Some(&a) = corpus.published_items.get(i) else {
            return;
        };
        if !masks.article_hist.get(a as usize).copied().unwrap_or(false) {
            return;
        }
        let la = &corpus.articles[a as usize];
        let Some(p) = la.article.published else {
            return;
        };
        if let Some(bi) = lookup.bar_of(day_number(p.start)) {
            cache.bars[bi].groups[5] += 1;
            if let Some(c) = cache.bars[bi].collections.get_mut(la.collection as usize) {
                *c += 1;
            }
        }
    });
}

/// Event clock: counts the events starting in each bar by kind group, and collects the
/// distinct spans of the imprecise ones.
fn count_events(
    cache: &mut TimelineCache,
    corpus: &crate::app::library::Library,
    masks: &crate::app::moment::Masks,
    lookup: &BarLookup,
    from: NaiveDate,
    to: NaiveDate,
) {
    let mut seen_spans = std::collections::HashSet::new();
    // The index yields equal intervals one after the other: the groups already seen for
    // the current one answer most lookups without hashing (this runs for every event
    // in view, hundreds of thousands while a big corpus loads).
    let mut current: ((i32, i32), [bool; 6]) = ((i32::MIN, i32::MIN), [false; 6]);
    corpus.event_time.for_each_overlapping(from, to, |i| {
        if !masks.event_hist.get(i).copied().unwrap_or(false) {
            return;
        }
        let e = &corpus.events[i];
        let (s, t) = (day_number(e.start), day_number(e.end));
        let gi = KindGroup::ALL
            .iter()
            .position(|g| *g == e.group)
            .unwrap_or(5);
        if e.imprecise {
            if current.0 != (s, t) {
                current = ((s, t), [false; 6]);
            }
            if !current.1[gi] {
                current.1[gi] = true;
                if seen_spans.insert((s, t, e.group)) {
                    cache.spans.push((s, t, e.group));
                }
            }
        }
        if let Some(bi) = lookup.bar_of(s) {
            cache.bars[bi].groups[gi] += 1;
            if let Some(c) = cache.bars[bi].collections.get_mut(e.collection as usize) {
                *c += 1;
            }
        }
    });
}
