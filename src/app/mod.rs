//! The eframe application: state and commands, map plugins, panels.
//!
//! Each frame: drain the loaders, refresh the derived tables, apply playback, lay out the
//! panels (which read the state and push [`command::Command`]s), then apply the commands.

pub mod command;
pub mod compare;
pub mod export;
pub mod folder_chooser;
pub mod handler;
pub mod lag;
pub mod library;
pub mod loading;
pub mod map;
pub mod moment;
pub mod palette;
pub mod panels;
pub mod reveal;
pub mod saved_moments;
pub mod settings;
pub mod state;
pub mod state_file;
pub mod synthetic;
pub mod time_control;

pub use synthetic::synthetic_articles;

use crate::app::command::Command;
use crate::app::handler::handle;
use crate::app::loading::LoadUpdate;
use crate::app::moment::MomentKey;
use crate::app::state::{AppState, STATE_KEY};
use crate::app::state_file::StateFile;
use crate::app::time_control::{Clock, TimeCommand};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How the desktop app is launched (from the command line).
#[derive(Debug, Clone, Default)]
pub struct LaunchOptions {
    /// Folders to open; empty = the bundled `seeds/`.
    pub folders: Vec<PathBuf>,
    /// No network at all (no map tiles fetched).
    pub offline: bool,
    /// Render the window once, save a PNG here and exit.
    pub screenshot: Option<PathBuf>,
    /// Put the time cursor on this date at start.
    pub at: Option<chrono::NaiveDate>,
}

/// Opens the window and runs until it is closed.
pub fn run(options: LaunchOptions) -> anyhow::Result<()> {
    let screenshot = options.screenshot.is_some();
    let viewport = egui::ViewportBuilder::default()
        .with_title("chronocarte")
        .with_inner_size([1280.0, 800.0])
        .with_min_inner_size([640.0, 400.0])
        .with_drag_and_drop(true);
    let native = eframe::NativeOptions {
        viewport,
        // A screenshot run must not overwrite the user's saved window and state.
        persist_window: !screenshot,
        ..Default::default()
    };
    let result = std::sync::Arc::new(std::sync::Mutex::new(None::<anyhow::Error>));
    let result_in = result.clone();
    eframe::run_native(
        "chronocarte",
        native,
        Box::new(move |cc| {
            let mut app = ChronocarteApp::new(cc, options);
            app.shot_error = Some(result_in);
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| anyhow::anyhow!("could not open the window: {e}"))?;
    let err = result.lock().ok().and_then(|mut g| g.take());
    match err {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// Screenshot mode: wait until loaded and drawn, grab the frame, save it, close.
struct Shot {
    path: PathBuf,
    settled_frames: u32,
    started: Instant,
    requested: bool,
    rx: crossbeam_channel::Receiver<Arc<egui::ColorImage>>,
    tx: crossbeam_channel::Sender<Arc<egui::ColorImage>>,
}

/// The chronocarte window.
pub struct ChronocarteApp {
    /// Everything the UI shows.
    pub state: AppState,
    /// The map's clusters and tile sources.
    map: map::MapView,
    /// The timeline's caches (its own view state, beside the app state).
    timeline: panels::timeline_panel::TimelineCache,
    /// Where the state is saved (`None`: not saved, e.g. screenshots and tests).
    state_file: Option<StateFile>,
    /// The last save failed (said once, not at every autosave).
    save_failed: bool,
    shot: Option<Shot>,
    shot_error: Option<Arc<std::sync::Mutex<Option<anyhow::Error>>>>,
    /// When the derived tables were last rebuilt, and what it cost.
    last_refresh: Option<(Instant, Duration)>,
    /// The gazetteer is being (or was) built in the background.
    gazetteer_warmed: bool,
}

impl ChronocarteApp {
    /// Builds the app from eframe's creation context (restores the saved state).
    pub fn new(cc: &eframe::CreationContext<'_>, options: LaunchOptions) -> Self {
        // A screenshot run neither reads nor overwrites the user's state.
        let file = StateFile::default_location().filter(|_| options.screenshot.is_none());
        let Some(file) = file else {
            return Self::with_state(&cc.egui_ctx, AppState::default(), options);
        };
        // States saved by earlier versions lived in eframe's storage: moved over once.
        if !file.exists()
            && let Some(raw) = cc.storage.and_then(|s| s.get_string(STATE_KEY))
            && let Err(e) = crate::core::io::atomic::write_atomic(file.path(), raw.as_bytes())
        {
            log::warn!(
                "could not move the saved state to {}: {e}",
                file.path().display()
            );
        }
        Self::with_state_file(&cc.egui_ctx, file, options)
    }

    /// Builds the app from the state saved in `file` (a bad file is set aside and the app
    /// starts clean, saying so); the state is saved back there.
    pub fn with_state_file(ctx: &egui::Context, file: StateFile, options: LaunchOptions) -> Self {
        let (state, message) = file.load();
        let mut app = Self::with_state(ctx, state, options);
        if let Some(m) = message {
            app.state.notify(m, true);
        }
        app.state_file = Some(file);
        app
    }

    /// Writes the persisted state to its file (if any), telling the user once if it fails.
    pub fn persist(&mut self) {
        self.state.collections = self
            .state
            .rt
            .library
            .collections
            .iter()
            .map(|c| state::SavedCollection {
                roots: if c.embedded {
                    Vec::new()
                } else {
                    c.roots.clone()
                },
                visible: c.visible,
            })
            .collect();
        let Some(file) = self.state_file.clone() else {
            return;
        };
        match file.save(&self.state) {
            Ok(()) => self.save_failed = false,
            Err(e) => {
                if !self.save_failed {
                    self.state.notify(
                        format!(
                            "The state could not be saved to {}: {e}",
                            file.path().display()
                        ),
                        true,
                    );
                }
                self.save_failed = true;
            }
        }
    }

    /// Builds the app around a state (tests, benches, or a restored state).
    pub fn with_state(ctx: &egui::Context, mut state: AppState, options: LaunchOptions) -> Self {
        handler::apply_theme(ctx, state.theme);
        state.rt.system.offline = options.offline;
        state.rt.system.dialog_available = folder_chooser::system_dialog_available();
        if options.offline {
            state.tiles = state::TilesMode::Offline;
        }
        let map = map::MapView::with_tiles(ctx, options.offline, options.screenshot.is_some());
        let shot = options.screenshot.clone().map(|path| {
            let (tx, rx) = crossbeam_channel::bounded(1);
            Shot {
                path,
                settled_frames: 0,
                started: Instant::now(),
                requested: false,
                rx,
                tx,
            }
        });
        if shot.is_some() {
            state.rt.view.pending_fit = true;
        }
        let saved = std::mem::take(&mut state.collections);
        if !options.folders.is_empty() {
            handle(
                &mut state,
                ctx,
                Command::OpenFolders(options.folders.clone()),
            );
            state.rt.view.pending_fit = true;
        } else if !saved.is_empty() && shot.is_none() {
            for c in &saved {
                let before = state.rt.library.collections.len();
                if c.roots.is_empty() {
                    handle(&mut state, ctx, Command::OpenSeeds);
                } else {
                    handle(&mut state, ctx, Command::OpenFolders(c.roots.clone()));
                }
                if let Some(col) = state.rt.library.collections.get(before) {
                    let id = col.id;
                    state.rt.library.set_visible(id, c.visible);
                }
            }
            // A restored session keeps the cursor it was left at.
            state.rt.view.reveal.clear();
            state.rt.view.cursor_pinned = true;
        } else {
            handle(&mut state, ctx, Command::OpenSeeds);
            state.rt.view.pending_fit = true;
        }
        if let Some(at) = options.at {
            state.time.cursor = at;
            state.rt.view.cursor_pinned = true;
        }
        state.rt.window.search_edit = state.filters.search.clone();
        Self {
            state,
            map,
            timeline: Default::default(),
            state_file: None,
            save_failed: false,
            shot,
            shot_error: None,
            last_refresh: None,
            gazetteer_warmed: false,
        }
    }

    /// An app showing `articles` as one collection, without loading anything (benches, tests).
    pub fn from_articles(
        ctx: &egui::Context,
        name: &str,
        articles: Vec<crate::core::model::Article>,
    ) -> Self {
        let mut state = AppState::default();
        handler::apply_theme(ctx, state.theme);
        let id = state
            .rt
            .library
            .add_collection(name.to_string(), Vec::new(), false);
        for a in articles {
            state.rt.library.push_article(id, a);
        }
        state.rt.library.refresh();
        after_refresh(&mut state);
        let mut app = Self {
            state,
            map: map::MapView::default(),
            timeline: Default::default(),
            state_file: None,
            save_failed: false,
            shot: None,
            shot_error: None,
            last_refresh: None,
            // Nothing is loaded, so nothing to warm the reader for (benches measure frames alone).
            gazetteer_warmed: true,
        };
        app.update_moment();
        app
    }

    /// Applies the messages of the loaders (at most a few thousand per frame).
    pub fn pump(&mut self, ctx: &egui::Context) {
        let st = &mut self.state;
        if let Some(rx) = &st.rt.system.dialog
            && let Ok(answer) = rx.try_recv()
        {
            st.rt.system.dialog = None;
            handler::dialog_answered(st, ctx, answer);
        }
        if let Some(rx) = &st.rt.system.save_dialog
            && let Ok(picked) = rx.try_recv()
        {
            st.rt.system.save_dialog = None;
            if let (Some(p), Some(form)) = (picked, st.rt.window.export.as_mut()) {
                if let Some(f) = export::ExportFormat::of_path(&p) {
                    form.format = f;
                }
                form.path_edit = p.display().to_string();
            }
        }
        // Workers prepare articles and queue them in batches (bounded): taking all of them
        // is a few appends, so the UI never falls behind a load.
        for m in st.rt.loading.loader.drain() {
            apply_load_msg(st, m);
        }
        if !st.rt.loading.loader.busy() && !self.gazetteer_warmed {
            // The reader extracts the open article again: build the gazetteer off the UI
            // thread once loads are done (they may not have needed it: all from the cache),
            // so the first click on an article does not wait for it.
            self.gazetteer_warmed = true;
            let _ = std::thread::Builder::new()
                .name("gazetteer".into())
                .spawn(|| {
                    crate::core::extract::places::gazetteer::Gazetteer::global();
                });
        }
        // Rebuilding derived tables (and the views' caches after them) costs O(articles): while
        // a big load streams in, do it about once a second and never more than a tenth of the
        // time. On two cores the UI thread's work is taken from the load workers: at a fifth,
        // it was an eighth of a cold 100 000-article load's CPU.
        let big = st.rt.library.articles.len() > 5_000 && st.rt.loading.loader.busy();
        let due = !big
            || self
                .last_refresh
                .is_none_or(|(at, cost)| at.elapsed() > Duration::from_millis(800).max(cost * 9));
        if st.rt.library.is_dirty() && due {
            let t = Instant::now();
            st.rt.library.refresh();
            after_refresh(st);
            self.last_refresh = Some((Instant::now(), t.elapsed()));
        } else if st.rt.library.is_dirty() {
            ctx.request_repaint_after(Duration::from_millis(100));
        }
        reveal::reveal_finished_loads(st);
    }

    /// The timeline's bars as last drawn (tests).
    pub fn timeline(&self) -> &panels::timeline_panel::TimelineCache {
        &self.timeline
    }

    /// Blocks until every load has finished (tests, screenshot), up to `timeout`.
    pub fn wait_for_loads(&mut self, ctx: &egui::Context, timeout: Duration) -> bool {
        let start = Instant::now();
        loop {
            self.pump(ctx);
            if !self.state.rt.loading.loader.busy()
                && !self.state.rt.loading.loader.has_pending()
                && !self.state.rt.library.is_dirty()
            {
                return true;
            }
            if start.elapsed() > timeout {
                return false;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// Applies pending commands now (tests call this to emulate the end of a frame).
    pub fn apply(&mut self, ctx: &egui::Context, cmd: Command) {
        handle(&mut self.state, ctx, cmd);
        self.update_moment();
    }

    /// Recomputes filter masks and the moment if their inputs changed.
    pub fn update_moment(&mut self) {
        let st = &mut self.state;
        let rt = &mut st.rt;
        rt.masks.update(&rt.library, &st.filters, rt.filters_gen);
        let (from, to) = st.time.window_range();
        let key = MomentKey {
            corpus: rt.library.generation,
            filters: rt.filters_gen,
            from: Some(from),
            to: Some(to),
            published_clock: st.time.clock == Clock::PublishedTime,
            sort: Some(st.sort),
        };
        rt.moment.update(&rt.library, &rt.masks, key);
    }

    /// One frame of the whole UI, without eframe (tests and the frame benchmark call it).
    pub fn frame_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        let start = Instant::now();
        let generation = self.state.rt.library.generation;
        self.pump(&ctx);
        self.keyboard(&ctx);
        let dt = ctx.input(|i| i.stable_dt);
        if self.state.time.playing {
            self.state.time.tick(dt);
            ctx.request_repaint();
        }
        if self.state.moments.tour.is_some() {
            let step = std::time::Duration::from_secs_f32(dt.clamp(0.0, 1.0));
            if let Some(i) = self.state.moments.tick_tour(step) {
                handle(
                    &mut self.state,
                    &ctx,
                    Command::Moments(saved_moments::MomentsCommand::Go(i)),
                );
            }
            ctx.request_repaint_after(Duration::from_millis(100));
        }
        self.update_moment();

        panels::top_bar::top_bar_ui(ui, &mut self.state);
        panels::timeline_panel::timeline_panel_ui(ui, &mut self.state, &mut self.timeline);
        panels::articles_panel::right_panel_ui(ui, &mut self.state);
        egui::CentralPanel::default()
            .frame(egui::Frame::NONE)
            .show(ui, |ui| {
                self.map.ui(ui, &mut self.state);
            });
        panels::windows_ui(&ctx, &mut self.state);
        // New data costs the views too (timeline bars, masks, moment are recomputed for each
        // generation): the refresh pacing of a big load counts the whole frame.
        if self.state.rt.library.generation != generation
            && let Some((at, _)) = self.last_refresh
        {
            self.last_refresh = Some((at, start.elapsed()));
        }

        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .collect()
        });
        if !dropped.is_empty() {
            self.state.emit(Command::OpenFolders(dropped));
        }
        let cmds = std::mem::take(&mut self.state.rt.commands);
        if !cmds.is_empty() {
            for c in cmds {
                handle(&mut self.state, &ctx, c);
            }
            self.update_moment();
            ctx.request_repaint();
        }
        if self.state.rt.loading.loader.busy() {
            ctx.request_repaint_after(Duration::from_millis(100));
        }
    }

    fn keyboard(&mut self, ctx: &egui::Context) {
        use egui::{Key, KeyboardShortcut, Modifiers};
        let open = ctx
            .input_mut(|i| i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::O)));
        if open {
            self.state.emit(Command::OpenFolderDialog);
        }
        let export = ctx
            .input_mut(|i| i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::E)));
        if export {
            self.state
                .emit(Command::Export(export::ExportCommand::Show));
        }
        let save = ctx
            .input_mut(|i| i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::D)));
        if save {
            self.state
                .emit(Command::Moments(saved_moments::MomentsCommand::Save(
                    String::new(),
                )));
        }
        if ctx.input(|i| i.key_pressed(Key::Escape)) {
            self.state.emit(Command::Escape);
        }
        if ctx.egui_wants_keyboard_input() {
            return;
        }
        for (k, forward) in [(Key::PageUp, false), (Key::PageDown, true)] {
            if ctx.input_mut(|i| i.consume_key(Modifiers::NONE, k)) {
                self.state.emit(Command::JumpToMatch { forward });
            }
        }
        for (k, c) in [
            (Key::OpenBracket, saved_moments::MomentsCommand::Previous),
            (Key::CloseBracket, saved_moments::MomentsCommand::Next),
        ] {
            if ctx.input_mut(|i| i.consume_key(Modifiers::NONE, k)) {
                self.state.emit(Command::Moments(c));
            }
        }
        let keys: [(Key, TimeCommand); 5] = [
            (Key::Space, TimeCommand::TogglePlay),
            (Key::ArrowLeft, TimeCommand::StepBack),
            (Key::ArrowRight, TimeCommand::StepForward),
            (Key::Home, TimeCommand::JumpStart),
            (Key::End, TimeCommand::JumpEnd),
        ];
        for (k, c) in keys {
            if ctx.input_mut(|i| i.consume_key(Modifiers::NONE, k)) {
                self.state.emit(Command::Time(c));
            }
        }
    }

    fn screenshot_step(&mut self, ctx: &egui::Context) {
        let Some(shot) = &mut self.shot else { return };
        if let Ok(image) = shot.rx.try_recv() {
            let result = save_png(&shot.path, &image);
            if let Err(e) = result {
                log::error!("screenshot: {e:#}");
                if let Some(slot) = &self.shot_error
                    && let Ok(mut g) = slot.lock()
                {
                    *g = Some(e);
                }
            }
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            return;
        }
        ctx.request_repaint();
        let st = &self.state;
        let settled =
            !st.rt.loading.loader.busy() && !st.rt.library.is_dirty() && st.rt.view.fly.is_none();
        if settled {
            shot.settled_frames += 1;
        }
        // Basemap tiles are rasterised over a few frames: give them time before grabbing.
        let ready =
            shot.settled_frames > 30 && shot.started.elapsed() > Duration::from_millis(1500);
        let timed_out = shot.started.elapsed() > Duration::from_secs(60);
        if !shot.requested && (ready || timed_out) {
            shot.requested = true;
            let tx = shot.tx.clone();
            ctx.request_screenshot(move |img| {
                let _ = tx.send(img);
            });
        }
    }
}

fn save_png(path: &std::path::Path, img: &egui::ColorImage) -> anyhow::Result<()> {
    let [w, h] = img.size;
    let mut bytes = Vec::with_capacity(w * h * 4);
    for p in &img.pixels {
        bytes.extend_from_slice(&p.to_srgba_unmultiplied());
    }
    let buf = image::RgbaImage::from_raw(w as u32, h as u32, bytes)
        .ok_or_else(|| anyhow::anyhow!("screenshot has an unexpected size"))?;
    buf.save(path)
        .map_err(|e| anyhow::anyhow!("could not write {}: {e}", path.display()))?;
    Ok(())
}

/// Folds one loader message into the state.
fn apply_load_msg(st: &mut AppState, m: loading::LoadMsg) {
    let rt = &mut st.rt;
    let Some(job) = rt.loading.loader.job_mut(m.job) else {
        return; // The collection was removed: drop late results.
    };
    let collection = job.collection;
    match m.update {
        LoadUpdate::Started { total } => job.total = total,
        LoadUpdate::Batch(b) => {
            if let Some((done, total, current)) = b.progress {
                job.done = done;
                job.total = total;
                job.current = Some(current);
            }
            job.articles += b.articles.len();
            rt.library
                .push_prepared_batch(collection, b.places, b.articles);
        }
        LoadUpdate::Warning(w) => rt.loading.warnings.push(w),
        LoadUpdate::Finished { cancelled } => {
            job.finished = true;
            job.cancelled = cancelled;
            let articles = job.articles;
            let name = rt
                .library
                .collection(collection)
                .map(|c| c.name.clone())
                .unwrap_or_default();
            if cancelled {
                st.notify(
                    format!("Loading {name} was cancelled ({articles} articles kept)."),
                    false,
                );
            } else if articles == 0 {
                st.notify(
                    format!("{name}: no readable article found (see the warnings)."),
                    true,
                );
            }
            st.rt.loading.loader.jobs.retain(|j| !j.finished);
        }
    }
}

/// After new data: bounds of the time axis, a cursor inside the data, the first fit.
fn after_refresh(st: &mut AppState) {
    let bounds = st.rt.library.extent(st.time.clock);
    st.time.set_bounds(bounds);
    if !st.rt.view.cursor_pinned
        && !st.time.cursor_in_bounds()
        && let Some(d) = densest_day(st)
    {
        st.time.cursor = d;
    }
    if st.rt.view.pending_fit && !st.rt.library.places.is_empty() && !st.rt.loading.loader.busy() {
        st.rt.view.pending_fit = false;
        map::fit_to_data(st);
    }
}

/// The middle of the busiest month of events (a good first moment to show).
fn densest_day(st: &AppState) -> Option<chrono::NaiveDate> {
    let (a, b) = st.rt.library.extent(st.time.clock)?;
    let idx = match st.time.clock {
        Clock::EventTime if !st.rt.library.event_time.is_empty() => &st.rt.library.event_time,
        _ => &st.rt.library.published_time,
    };
    let h = idx.histogram(
        a,
        b.succ_opt().unwrap_or(b),
        crate::core::store::time_index::Bucket::Month,
    );
    let best = h.iter().max_by_key(|x| x.count)?;
    Some(best.start + chrono::Duration::days(14)).map(|d| d.min(b).max(a))
}

impl eframe::App for ChronocarteApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.frame_ui(ui);
        let ctx = ui.ctx().clone();
        self.screenshot_step(&ctx);
        if ctx.input(|i| i.viewport().close_requested()) {
            self.state.rt.loading.loader.cancel_all();
        }
    }

    fn save(&mut self, _storage: &mut dyn eframe::Storage) {
        if self.shot.is_some() {
            return;
        }
        self.persist();
    }

    fn on_exit(&mut self) {
        self.state.rt.loading.loader.cancel_all();
        if self.shot.is_none() {
            self.persist();
        }
    }
}

/// Runs one full frame of `app` on a headless context and tessellates it: what the frame
/// benchmark measures.
pub fn bench_frame(app: &mut ChronocarteApp, ctx: &egui::Context, input: egui::RawInput) -> usize {
    let mut out = ctx.run_ui(input, |ui| app.frame_ui(ui));
    let prims = ctx.tessellate(std::mem::take(&mut out.shapes), out.pixels_per_point);
    // No GPU here: the texture uploads a renderer would apply are dropped on purpose.
    out.textures_delta.clear();
    prims.len()
}
