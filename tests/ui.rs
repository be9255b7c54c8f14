//! The viewer driven headlessly with egui_kittest (no GPU, no display): starts on the seeds,
//! moves the cursor, selects a place, plays, opens a second folder, switches window mode.
#![cfg(feature = "gui")]

use chrono::NaiveDate;
use chronocarte::app::command::Command;
use chronocarte::app::state::AppState;
use chronocarte::app::time_control::{Mode, TimeCommand};
use chronocarte::app::{ChronocarteApp, LaunchOptions};
use chronocarte::core::store::time_index::day_number;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::PathBuf;
use std::time::Duration;

fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, dd).expect("valid test date")
}

fn seeds_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

/// The app on `folders` (empty = the default start-up, i.e. the seeds), loaded and drawn.
fn harness(folders: Vec<PathBuf>) -> Harness<'static, ChronocarteApp> {
    launch(
        LaunchOptions {
            folders,
            ..Default::default()
        },
        None,
    )
}

/// The app started with `options` (and the state saved at `state_path`, if any), loaded and
/// drawn.
fn launch(
    options: LaunchOptions,
    state_path: Option<&std::path::Path>,
) -> Harness<'static, ChronocarteApp> {
    let file = state_path.map(chronocarte::app::state_file::StateFile::at);
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_max_steps(40)
        .build_eframe(move |cc| match file {
            Some(file) => ChronocarteApp::with_state_file(&cc.egui_ctx, file, options),
            None => ChronocarteApp::with_state(&cc.egui_ctx, AppState::default(), options),
        });
    settle(&mut h);
    h
}

fn settle(h: &mut Harness<'static, ChronocarteApp>) {
    let ctx = h.ctx.clone();
    assert!(
        h.state_mut().wait_for_loads(&ctx, Duration::from_secs(120)),
        "loading did not finish"
    );
    h.run_steps(3);
}

/// Index of the seed article with this file stem.
fn article_index(h: &Harness<'static, ChronocarteApp>, id: &str) -> usize {
    h.state()
        .state
        .rt
        .library
        .articles
        .iter()
        .position(|a| a.article.id == id)
        .expect("seed article loaded")
}

fn listed_ids(h: &Harness<'static, ChronocarteApp>) -> Vec<String> {
    let st = &h.state().state.rt;
    st.moment
        .articles
        .iter()
        .map(|r| st.library.articles[r.article as usize].article.id.clone())
        .collect()
}

/// Moves the cursor through the Date slider, as a user would.
fn move_cursor(h: &mut Harness<'static, ChronocarteApp>, date: NaiveDate) {
    h.get_by_role_and_label(Role::Slider, "Date")
        .set_value_accesskit(day_number(date) as f64);
    h.run_steps(3);
    assert_eq!(
        h.state().state.time.cursor,
        date,
        "the slider moved the cursor"
    );
}

/// The title shown in the list for an article (to find it in the UI).
fn title_prefix(h: &Harness<'static, ChronocarteApp>, idx: usize) -> String {
    h.state().state.rt.library.articles[idx]
        .article
        .title
        .chars()
        .take(30)
        .collect()
}

#[test]
fn starts_on_the_seeds() {
    let h = harness(Vec::new());
    let rt = &h.state().state.rt;
    assert_eq!(rt.library.collections.len(), 1);
    assert_eq!(rt.library.collections[0].name, "seeds");
    assert_eq!(
        rt.library.articles.len(),
        5,
        "the five sample articles are loaded"
    );
    assert!(
        h.query_by_label("Timeline").is_some(),
        "the timeline is drawn"
    );
    assert!(h.query_by_label_contains("Open folder").is_some());
}

#[test]
fn cursor_on_2019_02_14_lists_the_sochi_summit_article() {
    let mut h = harness(vec![seeds_dir()]);
    move_cursor(&mut h, d(2019, 2, 14));
    let sochi = article_index(&h, "001_a967ac592b044efa");
    assert!(
        listed_ids(&h).contains(&"001_a967ac592b044efa".to_string()),
        "listed: {:?}",
        listed_ids(&h)
    );
    let prefix = title_prefix(&h, sochi);
    assert!(
        h.query_by_label_contains(&prefix).is_some(),
        "the Sochi article is shown in the list"
    );
    // The summit itself is on the map, at Sochi.
    let rt = &h.state().state.rt;
    let names: Vec<&str> = rt
        .moment
        .places
        .iter()
        .filter(|p| p.events > 0)
        .map(|p| rt.library.places[p.place as usize].name.as_str())
        .collect();
    assert!(
        names.iter().any(|n| n.starts_with("So")),
        "an event marker at Sochi: {names:?}"
    );
}

#[test]
fn cursor_on_2017_09_28_lists_the_ankara_meeting_article() {
    let mut h = harness(vec![seeds_dir()]);
    move_cursor(&mut h, d(2017, 9, 28));
    let ankara = article_index(&h, "000_dc075c6f9cdc61a3");
    assert!(
        listed_ids(&h).contains(&"000_dc075c6f9cdc61a3".to_string()),
        "listed: {:?}",
        listed_ids(&h)
    );
    let prefix = title_prefix(&h, ankara);
    assert!(
        h.query_by_label_contains(&prefix).is_some(),
        "the Ankara article is shown in the list"
    );
    // Its reader opens with the text read from disk.
    h.get_by_label_contains(&prefix).click();
    h.run_steps(3);
    let reader = h
        .state()
        .state
        .rt
        .window
        .reader
        .as_ref()
        .expect("reader open");
    assert_eq!(reader.article, ankara);
    assert!((*reader.text).as_ref().is_ok_and(|t| t.contains("Ankara")));
    // The corpus keeps a summary; the reader has the article extracted again in full.
    let loaded = &h.state().state.rt.library.articles[ankara].article;
    assert!(loaded.dates.is_empty());
    assert!(
        !reader.detail.dates.is_empty(),
        "every date mention, for the highlights"
    );
    assert!(reader.detail.places.len() >= loaded.places.len());
    assert_eq!(reader.detail.events.len(), loaded.events.len());
}

#[test]
fn selecting_a_place_filters_the_list() {
    let mut h = harness(vec![seeds_dir()]);
    h.get_by_label("up to").click();
    h.run_steps(2);
    h.get_by_label("Last day (End)").click();
    h.run_steps(3);
    let all = listed_ids(&h);
    assert_eq!(
        all.len(),
        5,
        "everything is visible up to the last day: {all:?}"
    );
    let rt = &h.state().state.rt;
    let sochi = rt
        .library
        .places
        .iter()
        .find(|p| p.name == "Sotchi" || p.name == "Sochi")
        .expect("Sotchi is a place of the seeds");
    let (gid, name) = (sochi.gid, sochi.name.clone());
    // Clicking a marker emits this command.
    h.state_mut().state.emit(Command::SelectPlace(Some(gid)));
    h.run_steps(3);
    let filtered = listed_ids(&h);
    assert!(
        !filtered.is_empty() && filtered.len() < all.len(),
        "filtered: {filtered:?}"
    );
    assert!(filtered.contains(&"001_a967ac592b044efa".to_string()));
    assert!(
        h.query_by_label_contains(&format!("Place: {name}"))
            .is_some(),
        "the selection is shown above the list"
    );
    // Esc clears it.
    h.key_press(egui::Key::Escape);
    h.run_steps(3);
    assert_eq!(listed_ids(&h).len(), all.len());
}

#[test]
fn play_advances_the_cursor() {
    let mut h = harness(vec![seeds_dir()]);
    let start = d(2018, 1, 1);
    h.state_mut()
        .state
        .emit(Command::Time(TimeCommand::SetCursor(start)));
    h.run_steps(2);
    let before = h.state().state.time.cursor;
    h.get_by_label("Play (space)").click();
    // Playing requests a repaint every frame: step a fixed number of frames.
    h.run_steps(10);
    let after = h.state().state.time.cursor;
    assert!(h.state().state.time.playing);
    assert!(after > before, "cursor {before} -> {after}");
    // Space pauses.
    h.key_press(egui::Key::Space);
    h.run_steps(2);
    assert!(!h.state().state.time.playing);
}

#[test]
fn opening_a_second_folder_adds_a_collection() {
    let mut h = harness(vec![seeds_dir()]);
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().join("dépêches");
    std::fs::create_dir_all(&folder).expect("mkdir");
    for name in ["000_dc075c6f9cdc61a3.txt", "002_69783e8ce28d6574.txt"] {
        let text = std::fs::read_to_string(seeds_dir().join(name)).expect("seed");
        // Different text so it is not deduplicated against the seeds.
        std::fs::write(
            folder.join(format!("copy_{name}")),
            format!("{text}\n\nMise à jour."),
        )
        .expect("write");
    }
    // The folder dialog's result becomes exactly this command.
    h.state_mut()
        .state
        .emit(Command::OpenFolders(vec![folder.clone()]));
    h.run_steps(1);
    settle(&mut h);
    let rt = &h.state().state.rt;
    assert_eq!(rt.library.collections.len(), 2);
    let col = &rt.library.collections[1];
    assert_eq!(col.name, "dépêches");
    assert_eq!(col.articles, 2);
    assert_ne!(col.colour, rt.library.collections[0].colour);
    assert!(
        h.state().state.recent.first() == Some(&folder),
        "remembered as recent"
    );
    assert!(
        h.query_by_label_contains("dépêches (2)").is_some(),
        "the collection toggle is shown"
    );
    // Hiding it removes its articles from the list.
    h.get_by_label_contains("dépêches (2)").click();
    h.run_steps(3);
    assert!(!h.state().state.rt.library.collections[1].visible);
}

#[test]
fn an_empty_folder_says_so() {
    let mut h = harness(vec![seeds_dir()]);
    let dir = tempfile::tempdir().expect("temp dir");
    h.state_mut()
        .state
        .emit(Command::OpenFolders(vec![dir.path().to_path_buf()]));
    h.run_steps(1);
    settle(&mut h);
    let notices = &h.state().state.rt.window.notices;
    assert!(
        notices
            .iter()
            .any(|n| n.text.contains("no readable article")),
        "{notices:?}"
    );
    assert!(h.query_by_label_contains("no readable article").is_some());
}

#[test]
fn switching_window_mode_changes_the_visible_set() {
    let mut h = harness(vec![seeds_dir()]);
    move_cursor(&mut h, d(2019, 2, 14));
    let around = listed_ids(&h);
    h.get_by_label("up to").click();
    h.run_steps(3);
    assert_eq!(h.state().state.time.mode, Mode::UpTo);
    let up_to = listed_ids(&h);
    assert!(
        up_to.len() > around.len(),
        "around: {around:?}, up to: {up_to:?}"
    );
    assert!(
        up_to.contains(&"000_dc075c6f9cdc61a3".to_string()),
        "2017 articles are included cumulatively"
    );
    h.get_by_label("around").click();
    h.run_steps(3);
    assert_eq!(listed_ids(&h), around);
}

/// A folder of `n` distinct articles (seed texts, each with its own closing line so none is
/// deduplicated): enough work that a load is still running a few frames after it starts.
fn big_folder(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let seeds: Vec<String> = std::fs::read_dir(seeds_dir())
        .expect("seeds")
        .filter_map(|e| std::fs::read_to_string(e.ok()?.path()).ok())
        .collect();
    for i in 0..n {
        let text = &seeds[i % seeds.len()];
        std::fs::write(
            dir.path().join(format!("a{i:05}.txt")),
            format!("{text}\n\nMise à jour numéro {i}."),
        )
        .expect("write");
    }
    dir
}

/// The app on the seeds with no network and no saved state.
fn offline_harness() -> Harness<'static, ChronocarteApp> {
    launch(
        LaunchOptions {
            folders: vec![seeds_dir()],
            offline: true,
            ..Default::default()
        },
        None,
    )
}

/// Opens `folder` through the command the dialog emits; returns its collection and job ids.
fn start_loading(h: &mut Harness<'static, ChronocarteApp>, folder: PathBuf) -> (u32, u64) {
    h.state_mut().state.emit(Command::OpenFolders(vec![folder]));
    h.run_steps(1);
    let rt = &h.state().state.rt;
    let job = rt
        .loading
        .loader
        .jobs
        .last()
        .expect("a load job is running");
    assert!(!job.finished, "the load is still running after one frame");
    (job.collection, job.id)
}

#[test]
fn cancelling_a_load_then_loading_again_gets_everything() {
    const N: usize = 3000;
    let dir = big_folder(N);
    let mut h = offline_harness();
    let (first, job) = start_loading(&mut h, dir.path().to_path_buf());
    h.state_mut().state.emit(Command::CancelLoad(job));
    h.run_steps(1);
    settle(&mut h);
    let rt = &h.state().state.rt;
    let partial = rt.library.collection(first).expect("kept").articles;
    assert!(partial < N, "cancelled before the end ({partial} of {N})");
    assert!(
        rt.window
            .notices
            .iter()
            .any(|n| n.text.contains("was cancelled")),
        "{:?}",
        rt.window.notices
    );
    assert!(rt.loading.loader.jobs.is_empty(), "no job left running");

    // Loading the same folder again reads all of it (partly from the cache the cancelled
    // load left), into a new collection.
    h.state_mut()
        .state
        .emit(Command::OpenFolders(vec![dir.path().to_path_buf()]));
    h.run_steps(1);
    settle(&mut h);
    let rt = &h.state().state.rt;
    let second = rt.library.collections.last().expect("second collection");
    assert_ne!(second.id, first);
    assert_eq!(second.articles, N);
    let in_second = rt
        .library
        .articles
        .iter()
        .filter(|a| a.collection == second.id)
        .count();
    assert_eq!(in_second, N);
}

#[test]
fn removing_a_collection_while_it_loads_drops_its_late_results() {
    let dir = big_folder(3000);
    let mut h = offline_harness();
    let seeds = h.state().state.rt.library.articles.len();
    let (id, job) = start_loading(&mut h, dir.path().to_path_buf());
    let cancel = h.state().state.rt.loading.loader.jobs[0].cancel.clone();
    assert_eq!(h.state().state.rt.loading.loader.jobs[0].id, job);
    h.state_mut().state.emit(Command::RemoveCollection(id));
    h.run_steps(1);
    assert!(
        cancel.load(std::sync::atomic::Ordering::Relaxed),
        "worker told to stop"
    );
    settle(&mut h);
    h.run_steps(5);
    let rt = &h.state().state.rt;
    assert!(rt.library.collection(id).is_none());
    assert!(rt.library.articles.iter().all(|a| a.collection != id));
    assert_eq!(rt.library.articles.len(), seeds, "only the seeds are left");
    assert!(rt.loading.loader.jobs.is_empty());
}

/// The app started from the state saved at `state_path` (offline), loaded and drawn.
fn state_file_harness(
    state_path: &std::path::Path,
    folders: Vec<PathBuf>,
) -> Harness<'static, ChronocarteApp> {
    launch(
        LaunchOptions {
            folders,
            offline: true,
            ..Default::default()
        },
        Some(state_path),
    )
}

#[test]
fn closing_the_window_mid_load_stops_the_workers_and_saves() {
    let dir = big_folder(3000);
    let state_dir = tempfile::tempdir().expect("temp dir");
    let state_path = state_dir.path().join("state.json");
    let mut h = state_file_harness(&state_path, vec![seeds_dir()]);
    let (_, _) = start_loading(&mut h, dir.path().to_path_buf());
    let cancel = h.state().state.rt.loading.loader.jobs[0].cancel.clone();
    eframe::App::on_exit(h.state_mut());
    assert!(
        cancel.load(std::sync::atomic::Ordering::Relaxed),
        "worker told to stop"
    );
    // The worker ends promptly (it checks the flag before each file).
    let ctx = h.ctx.clone();
    assert!(
        h.state_mut().wait_for_loads(&ctx, Duration::from_secs(30)),
        "the worker stopped"
    );
    let saved = std::fs::read_to_string(&state_path).expect("state saved at exit");
    let (restored, msg) = AppState::from_saved(Some(&saved));
    assert!(msg.is_none(), "{msg:?}");
    assert_eq!(restored.collections.len(), 2, "both collections remembered");
    assert_eq!(
        restored.collections[1].roots,
        vec![dir.path().to_path_buf()]
    );
}

#[test]
fn a_corrupt_state_file_does_not_prevent_start_up_and_is_kept_aside() {
    let state_dir = tempfile::tempdir().expect("temp dir");
    let state_path = state_dir.path().join("state.json");
    let garbage: &[u8] = b"{\"version\": 1, \"collections\": [{\"roots\": [\x00\xff";
    std::fs::write(&state_path, garbage).expect("write");
    let mut h = state_file_harness(&state_path, Vec::new());
    let rt = &h.state().state.rt;
    assert_eq!(rt.library.articles.len(), 5, "started clean on the seeds");
    assert!(
        rt.window.notices.iter().any(|n| n.is_error
            && n.text.contains("could not be read")
            && n.text.contains("kept as")),
        "{:?}",
        rt.window.notices
    );
    assert!(
        h.query_by_label_contains("could not be read").is_some(),
        "said on screen"
    );
    let aside = state_dir.path().join("state.json.unreadable");
    assert_eq!(std::fs::read(&aside).expect("kept aside"), garbage);
    // The next save writes a fresh, readable state and leaves the aside copy alone.
    h.state_mut().persist();
    let saved = std::fs::read_to_string(&state_path).expect("saved");
    assert!(AppState::from_saved(Some(&saved)).1.is_none());
    assert_eq!(std::fs::read(&aside).expect("still there"), garbage);
}

#[test]
fn an_event_table_opens_as_a_collection() {
    let mut h = offline_harness();
    let dir = tempfile::tempdir().expect("temp dir");
    let table = dir.path().join("events.ndjson");
    let mut buf = Vec::new();
    let seeds: Vec<_> = h
        .state()
        .state
        .rt
        .library
        .articles
        .iter()
        .map(|a| a.article.clone())
        .collect();
    for a in &seeds {
        chronocarte::core::store::event_table::write_article(&mut buf, a).expect("write");
    }
    std::fs::write(&table, buf).expect("write table");
    let before = h.state().state.rt.library.event_count();
    h.state_mut().state.emit(Command::OpenFolders(vec![table]));
    h.run_steps(1);
    settle(&mut h);
    let rt = &h.state().state.rt;
    assert_eq!(rt.library.collections.len(), 2);
    assert_eq!(rt.library.collections[1].articles, seeds.len());
    assert_eq!(rt.library.event_count(), 2 * before, "every event is back");
    let table = rt.library.collections[1].id;
    let mut checked = 0;
    for (i, a) in rt.library.articles.iter().enumerate() {
        let has_place = rt
            .library
            .events_of(i)
            .any(|e| rt.library.events[e].place.is_some());
        if a.collection == table && has_place {
            assert!(
                !rt.library.places_of(i).is_empty(),
                "its events' places are its places"
            );
            checked += 1;
        }
    }
    assert!(checked > 0, "some table article has located events");
}

// The first minute: what a new user meets.

/// A folder of one made-up article whose events happen in March 2012, far from the seeds.
fn folder_of_2012() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("homs.txt"),
        "Syrie : l'armée bombarde Homs\n\n\
         Beyrouth, 16 mars 2012 (AFP) - L'armée syrienne a bombardé jeudi 15 mars 2012 le \
         quartier de Baba Amr à Homs, faisant au moins vingt morts, selon une ONG.\n\n\
         Le 14 mars 2012, des affrontements avaient opposé les rebelles aux forces du régime à \
         Idleb, dans le nord-ouest du pays.\n",
    )
    .expect("write");
    dir
}

#[test]
fn a_folder_whose_dates_the_window_misses_brings_the_cursor_to_them() {
    let mut h = offline_harness();
    // The user stands somewhere in the seeds' time.
    move_cursor(&mut h, d(2019, 2, 14));
    let dir = folder_of_2012();
    h.state_mut()
        .state
        .emit(Command::OpenFolders(vec![dir.path().to_path_buf()]));
    h.run_steps(1);
    settle(&mut h);
    let st = &h.state().state;
    let cursor = st.time.cursor;
    assert!(
        (d(2012, 3, 12)..=d(2012, 3, 18)).contains(&cursor),
        "the cursor went to the new folder's week: {cursor}"
    );
    assert!(
        listed_ids(&h).contains(&"homs".to_string()),
        "its article is listed: {:?}",
        listed_ids(&h)
    );
}

#[test]
fn a_folder_the_window_already_shows_leaves_the_cursor_alone() {
    let mut h = offline_harness();
    move_cursor(&mut h, d(2019, 2, 14));
    // Copies of the seeds: the window already holds some of their events.
    let dir = big_folder(5);
    h.state_mut()
        .state
        .emit(Command::OpenFolders(vec![dir.path().to_path_buf()]));
    h.run_steps(1);
    settle(&mut h);
    assert_eq!(h.state().state.time.cursor, d(2019, 2, 14));
}

#[test]
fn a_restored_session_keeps_its_cursor() {
    let state_dir = tempfile::tempdir().expect("temp dir");
    let state_path = state_dir.path().join("state.json");
    let dir = folder_of_2012();
    let folders = vec![seeds_dir(), dir.path().to_path_buf()];
    let mut h = state_file_harness(&state_path, folders);
    // Nothing happens in this window, but it is where the user left the session.
    move_cursor(&mut h, d(2015, 6, 1));
    assert!(h.state().state.rt.moment.events.is_empty());
    h.state_mut().persist();
    drop(h);
    let h = state_file_harness(&state_path, Vec::new());
    assert_eq!(
        h.state().state.rt.library.articles.len(),
        6,
        "the folders are back"
    );
    assert_eq!(h.state().state.time.cursor, d(2015, 6, 1));
}

#[test]
fn places_are_named_as_the_seeds_write_them() {
    let h = offline_harness();
    let places = &h.state().state.rt.library.places;
    let names: Vec<&str> = places.iter().map(|p| p.name.as_str()).collect();
    let damas = places
        .iter()
        .find(|p| p.name == "Damas")
        .unwrap_or_else(|| panic!("the seeds write Damas: {names:?}"));
    for english in ["Damascus", "Aleppo", "Latakia"] {
        assert!(!names.contains(&english), "{english} shown: {names:?}");
    }
    // The tooltip still says what the place is.
    chronocarte::core::extract::places::gazetteer::Gazetteer::global();
    let identity = chronocarte::app::map::markers::place_identity(damas);
    assert!(
        identity.contains("Damascus") && identity.contains("SY"),
        "{identity}"
    );
}

#[test]
fn a_search_with_no_match_in_the_window_points_before_and_after() {
    let mut h = offline_harness();
    // One seed article names Geneva; none of its events falls in 2020.
    h.state_mut()
        .state
        .emit(Command::SetSearch("genève".into()));
    move_cursor(&mut h, d(2020, 2, 12));
    let e = h.state().state.rt.moment.elsewhere;
    assert!(h.state().state.rt.moment.articles.is_empty());
    assert!(e.before > 0 && e.after == 0, "{e:?}");
    assert!(
        h.query_by_label_contains(&format!("{} matching events before, 0 after", e.before))
            .is_some(),
        "the panel says where the matches are"
    );
    h.get_by_label_contains("Previous").click();
    h.run_steps(3);
    let st = &h.state().state;
    assert_eq!(
        Some(st.time.cursor),
        e.previous,
        "moved to the nearest match"
    );
    assert!(!st.rt.moment.articles.is_empty(), "it is listed");
    // Page Down: nothing matches later, and the window says so.
    h.key_press(egui::Key::PageDown);
    h.run_steps(2);
    let st = &h.state().state;
    assert_eq!(Some(st.time.cursor), e.previous, "the cursor stays");
    assert!(
        st.rt
            .window
            .notices
            .iter()
            .any(|n| n.text.contains("No match after")),
        "{:?}",
        st.rt.window.notices
    );
    // Page Up from an empty stretch after every match goes back to the last one.
    move_cursor(&mut h, d(2020, 2, 12));
    h.key_press(egui::Key::PageUp);
    h.run_steps(3);
    assert_eq!(Some(h.state().state.time.cursor), e.previous);
}

#[test]
fn offline_the_credit_is_the_bundled_basemaps() {
    let h = offline_harness();
    assert!(h.query_by_label_contains("Natural Earth").is_some());
    assert!(h.query_by_label_contains("GeoNames").is_some());
    assert!(
        h.query_by_label_contains("OpenStreetMap contributors")
            .is_none(),
        "no OSM credit without OSM tiles"
    );
}

#[test]
fn folders_opened_together_are_a_collection_each() {
    let mut h = offline_harness();
    let (a, b) = (folder_of_2012(), big_folder(2));
    h.state_mut().state.emit(Command::OpenFolders(vec![
        a.path().to_path_buf(),
        b.path().to_path_buf(),
    ]));
    h.run_steps(1);
    settle(&mut h);
    let lib = &h.state().state.rt.library;
    assert_eq!(lib.collections.len(), 3, "the seeds and one per folder");
    assert_eq!(lib.collections[1].roots, vec![a.path().to_path_buf()]);
    assert_eq!(lib.collections[1].articles, 1);
    assert_eq!(lib.collections[2].articles, 2);
    assert_ne!(lib.collections[1].colour, lib.collections[2].colour);
}

#[test]
fn without_a_system_file_dialog_ctrl_o_opens_the_in_app_chooser() {
    let mut h = harness(vec![seeds_dir()]);
    h.state_mut().state.rt.system.dialog_available = false;
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().join("archives");
    std::fs::create_dir_all(&folder).expect("mkdir");
    let text = std::fs::read_to_string(seeds_dir().join("000_dc075c6f9cdc61a3.txt")).expect("seed");
    std::fs::write(folder.join("a.txt"), format!("{text}\n\nMise à jour.")).expect("write");
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::O);
    h.run_steps(2);
    assert!(
        h.state().state.rt.window.chooser.is_some(),
        "Ctrl+O opened the in-app chooser"
    );
    // Browse by the path field's command, then into the folder by clicking it.
    h.state_mut().state.emit(Command::Chooser(
        chronocarte::app::folder_chooser::ChooserCommand::Go(dir.path().to_path_buf()),
    ));
    h.run_steps(2);
    h.get_by_label_contains("archives").click();
    h.run_steps(2);
    let chooser = h
        .state()
        .state
        .rt
        .window
        .chooser
        .clone()
        .expect("still open");
    assert_eq!(chooser.dir, folder);
    assert_eq!(chooser.articles_here, 1);
    assert!(
        h.query_by_label_contains("1 article file at this level")
            .is_some()
    );
    h.get_by_label("Open this folder").click();
    h.run_steps(1);
    settle(&mut h);
    let rt = &h.state().state.rt;
    assert!(rt.window.chooser.is_none(), "picking closes the chooser");
    assert_eq!(rt.library.collections.len(), 2);
    assert_eq!(rt.library.collections[1].name, "archives");
}

#[test]
fn a_system_dialog_that_never_showed_is_not_a_cancel() {
    use chronocarte::app::folder_chooser::Purpose;
    use chronocarte::app::state::DialogAnswer;
    let mut h = harness(vec![seeds_dir()]);
    let ctx = h.ctx.clone();
    // A person pressed Cancel after two seconds: nothing happens.
    chronocarte::app::handler::dialog_answered(
        &mut h.state_mut().state,
        &ctx,
        DialogAnswer {
            picked: None,
            open_for: Duration::from_secs(2),
            purpose: Purpose::Folder,
        },
    );
    assert!(h.state().state.rt.window.chooser.is_none());
    // "Nothing" within milliseconds: the dialog never showed; the chooser says so.
    chronocarte::app::handler::dialog_answered(
        &mut h.state_mut().state,
        &ctx,
        DialogAnswer {
            picked: None,
            open_for: Duration::from_millis(3),
            purpose: Purpose::Folder,
        },
    );
    h.run_steps(2);
    let st = &h.state().state;
    let chooser = st
        .rt
        .window
        .chooser
        .as_ref()
        .expect("the in-app chooser opened");
    assert!(
        chooser
            .message
            .as_deref()
            .unwrap_or("")
            .contains("did not open")
    );
    assert!(
        !st.rt.system.dialog_available,
        "not tried again this session"
    );
    assert!(h.query_by_label_contains("did not open").is_some());
    // Esc closes it first.
    h.key_press(egui::Key::Escape);
    h.run_steps(2);
    assert!(h.state().state.rt.window.chooser.is_none());
}

#[test]
fn ctrl_e_exports_the_moment_as_kml_and_says_where() {
    let mut h = harness(vec![seeds_dir()]);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::E);
    h.run_steps(2);
    assert!(
        h.state().state.rt.window.export.is_some(),
        "Ctrl+E opened the export window"
    );
    h.get_by_label("KML (Google Earth)").click();
    h.run_steps(2);
    let dir = tempfile::tempdir().expect("temp dir");
    // A folder is no file: said in the window, nothing written.
    h.state_mut()
        .state
        .rt
        .window
        .export
        .as_mut()
        .expect("open")
        .path_edit = dir.path().display().to_string();
    h.get_by_label("Export").click();
    h.run_steps(2);
    let form = h
        .state()
        .state
        .rt
        .window
        .export
        .clone()
        .expect("stays open");
    assert!(form.error.as_deref().unwrap_or("").contains("is a folder"));
    let out = dir.path().join("moment.kml");
    h.state_mut()
        .state
        .rt
        .window
        .export
        .as_mut()
        .expect("open")
        .path_edit = out.display().to_string();
    h.get_by_label("Export").click();
    h.run_steps(2);
    let st = &h.state().state;
    assert!(st.rt.window.export.is_none(), "closed once written");
    let placed = st
        .rt
        .moment
        .events
        .iter()
        .filter(|&&r| st.rt.library.events[r as usize].place.is_some())
        .count();
    assert!(placed > 0, "the seeds' moment has placed events");
    let kml = std::fs::read_to_string(&out).expect("written");
    let doc = roxmltree::Document::parse(&kml).expect("well-formed KML");
    let marks = doc
        .descendants()
        .filter(|n| n.has_tag_name("Placemark"))
        .count();
    assert_eq!(marks, placed);
    // Loaded summaries name a place once; the export names it on every placemark.
    for name in doc.descendants().filter(|n| n.has_tag_name("name")).skip(1) {
        let text = name.text().unwrap_or_default();
        assert!(
            !text.trim_end().ends_with('·'),
            "a placemark without its place: {text:?}"
        );
    }
    assert!(
        st.rt
            .window
            .notices
            .iter()
            .any(|n| n.text.contains("moment.kml") && !n.is_error),
        "the notice names the file"
    );
}

#[test]
fn a_saved_moment_brings_back_its_window_view_and_filters() {
    use chronocarte::app::saved_moments::MomentsCommand;
    use chronocarte::app::settings::RightTab;
    let mut h = harness(vec![seeds_dir()]);
    let day = d(2018, 12, 29);
    move_cursor(&mut h, day);
    let gid = h.state().state.rt.library.places[0].gid;
    h.state_mut().state.emit(Command::SelectPlace(Some(gid)));
    h.run_steps(2);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::D);
    h.run_steps(2);
    let saved = h.state().state.moments.list.clone();
    assert_eq!(saved.len(), 1, "Ctrl+D saved the moment on screen");
    assert_eq!(saved[0].cursor, day);
    assert_eq!(saved[0].filters.place, Some(gid));
    // Elsewhere in time, no selection.
    move_cursor(&mut h, d(2017, 3, 1));
    h.key_press(egui::Key::Escape);
    h.run_steps(2);
    assert_ne!(h.state().state.time.cursor, day);
    // `]` goes back to it.
    h.key_press(egui::Key::CloseBracket);
    h.run_steps(2);
    let st = &h.state().state;
    assert_eq!(st.time.cursor, day);
    assert_eq!(st.filters.place, Some(gid));
    // The list, in its tab, goes there too.
    move_cursor(&mut h, d(2017, 3, 1));
    h.state_mut()
        .state
        .emit(Command::SetRightTab(RightTab::Moments));
    h.run_steps(2);
    h.get_by_label_contains("Moment 1 · 2018-12-29 — ").click();
    h.run_steps(2);
    assert_eq!(h.state().state.time.cursor, day);
    // Kept with the app state.
    let raw = h.state().state.to_saved().expect("serialises");
    let (back, err) = AppState::from_saved(Some(&raw));
    assert!(err.is_none());
    assert_eq!(back.moments.list, saved);
    // A tour starts at the first moment.
    move_cursor(&mut h, d(2017, 3, 1));
    h.state_mut()
        .state
        .emit(Command::Moments(MomentsCommand::Tour(true)));
    h.run_steps(2);
    assert!(h.state().state.moments.tour.is_some());
    assert_eq!(h.state().state.time.cursor, day);
}

#[test]
fn a_kml_export_carries_the_saved_moments_as_a_tour() {
    use chronocarte::app::export::ExportCommand;
    use chronocarte::app::saved_moments::MomentsCommand;
    let mut h = harness(vec![seeds_dir()]);
    for (day, name) in [(d(2018, 12, 29), "Sotchi"), (d(2019, 2, 14), "")] {
        move_cursor(&mut h, day);
        h.state_mut()
            .state
            .emit(Command::Moments(MomentsCommand::Save(name.into())));
        h.run_steps(2);
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("tour.kml");
    let st = &mut h.state_mut().state;
    st.emit(Command::Export(ExportCommand::Show));
    h.run_steps(1);
    h.state_mut()
        .state
        .rt
        .window
        .export
        .as_mut()
        .expect("open")
        .path_edit = out.display().to_string();
    // The format follows the file name typed.
    h.state_mut()
        .state
        .emit(Command::Export(ExportCommand::Write));
    h.run_steps(2);
    let kml = std::fs::read_to_string(&out).expect("written");
    let doc = roxmltree::Document::parse(&kml).expect("well-formed KML");
    let gx = "http://www.google.com/kml/ext/2.2";
    let begins: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name((gx, "FlyTo")))
        .filter_map(|f| f.descendants().find(|n| n.has_tag_name("begin")))
        .filter_map(|n| n.text())
        .collect();
    // A week around each cursor.
    assert_eq!(begins, ["2018-12-26", "2019-02-11"]);
    assert!(kml.contains("1. Sotchi"), "the stops are named in order");
    assert!(
        h.state()
            .state
            .rt
            .window
            .notices
            .iter()
            .any(|n| n.text.contains("a tour of 2 saved moments"))
    );
}

#[test]
fn the_timeline_shows_both_clocks() {
    use chronocarte::app::time_control::Clock;
    let mut h = harness(vec![seeds_dir()]);
    h.run_steps(2);
    let in_view = |h: &Harness<'static, ChronocarteApp>, published_clock: bool| {
        let bars = &h.state().timeline().bars;
        let (lo, hi) = (
            bars.first().expect("bars").start,
            bars.last().expect("bars").end,
        );
        let lib = &h.state().state.rt.library;
        let inside = |d: NaiveDate| (lo..hi).contains(&day_number(d));
        if published_clock {
            lib.events.iter().filter(|e| inside(e.start)).count() as u32
        } else {
            lib.articles
                .iter()
                .filter_map(|a| a.article.published)
                .filter(|p| inside(p.start))
                .count() as u32
        }
    };
    // Event clock: the line counts the articles published.
    let ghost: u32 = h.state().timeline().bars.iter().map(|b| b.ghost).sum();
    let expected = in_view(&h, false);
    assert!(expected > 0, "the seeds' publications are in view");
    assert_eq!(ghost, expected);
    // Publication clock: the line counts the events.
    h.state_mut()
        .state
        .emit(Command::Time(TimeCommand::SetClock(Clock::PublishedTime)));
    h.run_steps(3);
    let ghost: u32 = h.state().timeline().bars.iter().map(|b| b.ghost).sum();
    let expected = in_view(&h, true);
    assert!(expected > 0);
    assert_eq!(ghost, expected);
}

#[test]
fn compare_lists_what_one_collection_reports_and_the_other_does_not() {
    use chronocarte::app::compare::CompareCommand;
    let mut h = harness(vec![seeds_dir()]);
    // A second collection with one seed article (text changed so it is not a duplicate).
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().join("autre journal");
    std::fs::create_dir_all(&folder).expect("mkdir");
    let name = "002_69783e8ce28d6574.txt";
    let text = std::fs::read_to_string(seeds_dir().join(name)).expect("seed");
    std::fs::write(folder.join(name), format!("{text}\n\nMise à jour.")).expect("write");
    h.state_mut().state.emit(Command::OpenFolders(vec![folder]));
    h.run_steps(1);
    settle(&mut h);
    // Everything up to the last day, so the whole of both collections is in the moment.
    h.state_mut()
        .state
        .emit(Command::Time(TimeCommand::SetMode(Mode::UpTo)));
    h.state_mut()
        .state
        .emit(Command::Time(TimeCommand::JumpEnd));
    h.run_steps(2);
    h.get_by_label("Compare…").click();
    h.run_steps(3);
    let st = &h.state().state;
    let cmp = st
        .rt
        .window
        .compare
        .clone()
        .expect("the compare window opened");
    let (seeds, other) = (
        st.rt.library.collections[0].id,
        st.rt.library.collections[1].id,
    );
    assert_eq!((cmp.a, cmp.b), (seeds, other));
    // The seeds report more than the one article the other collection holds ...
    assert!(!cmp.only_in_a.is_empty());
    assert!(
        cmp.only_in_a.len() < cmp.placed_in_a,
        "the shared article's events match"
    );
    for &r in &cmp.only_in_a {
        assert_eq!(st.rt.library.events[r as usize].collection, seeds);
    }
    assert!(
        h.query_by_label_contains("have no event of autre journal")
            .is_some()
    );
    // ... and the other collection reports nothing the seeds do not.
    h.state_mut()
        .state
        .emit(Command::Compare(CompareCommand::Swap));
    h.run_steps(3);
    let cmp = h.state().state.rt.window.compare.clone().expect("open");
    assert_eq!(cmp.a, other);
    assert!(cmp.placed_in_a > 0);
    assert!(cmp.only_in_a.is_empty(), "{:?}", cmp.only_in_a);
}

#[test]
fn the_reader_says_how_long_after_each_event_it_was_reported() {
    use chronocarte::app::lag::{lag_between, lag_phrase};
    let mut h = harness(vec![seeds_dir()]);
    let i = article_index(&h, "004_d8534acbe1fed89a");
    h.state_mut().state.emit(Command::OpenArticle(Some(i)));
    h.run_steps(3);
    let st = &h.state().state;
    let reader = st.rt.window.reader.as_ref().expect("reader open");
    let phrases: Vec<String> = reader
        .detail
        .events
        .iter()
        .filter_map(|e| lag_between(reader.detail.published, e.date))
        .map(lag_phrase)
        .collect();
    assert!(
        !phrases.is_empty(),
        "a day-dated article with day-dated events"
    );
    for p in &phrases {
        let expected = phrases.iter().filter(|q| *q == p).count();
        let shown = h.query_all_by_label_contains(p).count();
        assert_eq!(shown, expected, "{p} is shown for each of its events");
    }
}
