//! The time cursor and what it selects: window, mode, playback, clock.
//!
//! Pure logic with no UI, unit-tested: the timeline panel and the keyboard only emit
//! [`TimeCommand`]s and this module applies them.

use chrono::{Datelike, Duration, Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// How wide the window around the cursor is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum WindowSize {
    /// The cursor day only.
    Day,
    /// Seven days centred on the cursor.
    Week,
    /// About a month (31 days) centred on the cursor.
    Month,
    /// About a year (365 days) centred on the cursor.
    Year,
    /// A number of days chosen by the user, centred on the cursor.
    Custom(u32),
}

impl WindowSize {
    /// Width of the window in days.
    pub fn days(&self) -> i64 {
        match self {
            WindowSize::Day => 1,
            WindowSize::Week => 7,
            WindowSize::Month => 31,
            WindowSize::Year => 365,
            WindowSize::Custom(n) => (*n).clamp(1, 100_000) as i64,
        }
    }
    /// Short label for selectors.
    pub fn label(&self) -> String {
        match self {
            WindowSize::Day => "day".into(),
            WindowSize::Week => "week".into(),
            WindowSize::Month => "month".into(),
            WindowSize::Year => "year".into(),
            WindowSize::Custom(n) => format!("{n} days"),
        }
    }
}

/// Whether the window surrounds the cursor or accumulates everything before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Mode {
    /// The window is centred on the cursor.
    Around,
    /// Everything from the start of the data up to the cursor (cumulative).
    UpTo,
}

/// Which date of things the time axis shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Clock {
    /// When events happened.
    EventTime,
    /// When articles were published.
    PublishedTime,
}

/// Something the UI asks the time control to do.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum TimeCommand {
    /// Put the cursor on a day (clamped to the data when known).
    SetCursor(NaiveDate),
    /// Start or stop playback.
    TogglePlay,
    /// Stop playback.
    Pause,
    /// Move the cursor one window forward.
    StepForward,
    /// Move the cursor one window back.
    StepBack,
    /// Go to the first day of the data.
    JumpStart,
    /// Go to the last day of the data.
    JumpEnd,
    /// Change the window width.
    SetWindow(WindowSize),
    /// Change the mode.
    SetMode(Mode),
    /// Change the playback speed (days per second of real time).
    SetSpeed(f32),
    /// Loop at the end of the data, or stop there.
    SetLooping(bool),
    /// Show event time or publication time.
    SetClock(Clock),
}

/// Cursor, window, mode and playback.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TimeControl {
    /// The current moment.
    pub cursor: NaiveDate,
    /// Width of the window.
    pub window: WindowSize,
    /// Around the cursor or cumulative.
    pub mode: Mode,
    /// True while playing.
    #[serde(skip)]
    pub playing: bool,
    /// Playback speed in days per second.
    pub speed_days_per_sec: f32,
    /// Start again at the end of the data.
    pub looping: bool,
    /// Event time or publication time.
    pub clock: Clock,
    /// Fraction of a day accumulated by playback and not yet applied to `cursor`.
    #[serde(skip)]
    pub sub_day: f64,
    /// First and last day of the data on the current clock; playback stays inside it.
    #[serde(skip)]
    pub bounds: Option<(NaiveDate, NaiveDate)>,
}

impl Default for TimeControl {
    fn default() -> Self {
        Self {
            cursor: NaiveDate::from_ymd_opt(2019, 1, 1).unwrap_or_default(),
            window: WindowSize::Week,
            mode: Mode::Around,
            playing: false,
            speed_days_per_sec: 7.0,
            looping: false,
            clock: Clock::EventTime,
            sub_day: 0.0,
            bounds: None,
        }
    }
}

/// The speeds offered by the speed selector (days per second) with their labels.
pub const SPEEDS: [(f32, &str); 4] = [
    (1.0, "1 day/s"),
    (7.0, "1 week/s"),
    (30.0, "1 month/s"),
    (365.0, "1 year/s"),
];

impl TimeControl {
    /// The inclusive day range the window selects.
    pub fn window_range(&self) -> (NaiveDate, NaiveDate) {
        match self.mode {
            Mode::Around => {
                let n = self.window.days();
                let before = (n - 1) / 2;
                let after = n - 1 - before;
                (sub_days(self.cursor, before), add_days(self.cursor, after))
            }
            Mode::UpTo => {
                let start = self
                    .bounds
                    .map(|b| b.0)
                    .unwrap_or(NaiveDate::MIN)
                    .min(self.cursor);
                (start, self.cursor)
            }
        }
    }

    /// Applies one command.
    pub fn handle(&mut self, cmd: TimeCommand) {
        match cmd {
            TimeCommand::SetCursor(d) => {
                self.cursor = self.clamp(d);
                self.sub_day = 0.0;
            }
            TimeCommand::TogglePlay => {
                if !self.playing && self.bounds.is_some_and(|(_, end)| self.cursor >= end) {
                    // Playing from the end would stop at once: start over, as media players do.
                    if let Some((start, _)) = self.bounds {
                        self.cursor = start;
                    }
                }
                self.playing = !self.playing;
                self.sub_day = 0.0;
            }
            TimeCommand::Pause => self.playing = false,
            TimeCommand::StepForward => self.cursor = self.clamp(self.step(self.cursor, true)),
            TimeCommand::StepBack => self.cursor = self.clamp(self.step(self.cursor, false)),
            TimeCommand::JumpStart => {
                if let Some((start, _)) = self.bounds {
                    self.cursor = start;
                }
            }
            TimeCommand::JumpEnd => {
                if let Some((_, end)) = self.bounds {
                    self.cursor = end;
                }
            }
            TimeCommand::SetWindow(w) => self.window = w,
            TimeCommand::SetMode(m) => self.mode = m,
            TimeCommand::SetSpeed(s) => {
                if s.is_finite() && s > 0.0 {
                    self.speed_days_per_sec = s.min(100_000.0);
                }
            }
            TimeCommand::SetLooping(l) => self.looping = l,
            TimeCommand::SetClock(c) => self.clock = c,
        }
    }

    /// Advances playback by `dt_secs` of real time. Returns true when the cursor moved.
    pub fn tick(&mut self, dt_secs: f32) -> bool {
        if !self.playing || !dt_secs.is_finite() || dt_secs <= 0.0 {
            return false;
        }
        self.sub_day += (self.speed_days_per_sec as f64) * (dt_secs.min(1.0) as f64);
        let whole = self.sub_day.floor();
        if whole < 1.0 {
            return false;
        }
        self.sub_day -= whole;
        let before = self.cursor;
        let next = add_days(self.cursor, whole as i64);
        match self.bounds {
            Some((start, end)) if next > end => {
                if self.looping {
                    self.cursor = start;
                } else {
                    self.cursor = end;
                    self.playing = false;
                }
            }
            _ => self.cursor = next,
        }
        self.cursor != before
    }

    /// Sets the data bounds (on the current clock) and keeps the cursor inside them.
    pub fn set_bounds(&mut self, bounds: Option<(NaiveDate, NaiveDate)>) {
        self.bounds = bounds;
    }

    /// True when the cursor lies inside the data bounds (or there are none).
    pub fn cursor_in_bounds(&self) -> bool {
        self.bounds
            .is_none_or(|(a, b)| a <= self.cursor && self.cursor <= b)
    }

    fn clamp(&self, d: NaiveDate) -> NaiveDate {
        match self.bounds {
            Some((a, b)) => d.clamp(a, b),
            None => d,
        }
    }

    /// One step of the current window: a calendar month for a month window, a year for a year.
    fn step(&self, d: NaiveDate, forward: bool) -> NaiveDate {
        let months = match self.window {
            WindowSize::Month => Some(1),
            WindowSize::Year => Some(12),
            _ => None,
        };
        match (months, forward) {
            (Some(m), true) => d.checked_add_months(Months::new(m)).unwrap_or(d),
            (Some(m), false) => d.checked_sub_months(Months::new(m)).unwrap_or(d),
            (None, true) => add_days(d, self.window.days()),
            (None, false) => sub_days(d, self.window.days()),
        }
    }

    /// A human label of the window: `14 Feb 2019 ± 3 days`, `up to 14 Feb 2019`.
    pub fn describe(&self) -> String {
        let c = self.cursor.format("%-d %b %Y");
        match (self.mode, self.window) {
            (Mode::UpTo, _) => format!("up to {c}"),
            (Mode::Around, WindowSize::Day) => format!("{c}"),
            (Mode::Around, w) => format!("{c} ± {} days", (w.days() - 1) / 2),
        }
    }
}

/// `d` plus `n` days, saturating at chrono's range.
pub fn add_days(d: NaiveDate, n: i64) -> NaiveDate {
    d.checked_add_signed(Duration::days(n))
        .unwrap_or(if n >= 0 {
            NaiveDate::MAX
        } else {
            NaiveDate::MIN
        })
}

/// `d` minus `n` days, saturating at chrono's range.
pub fn sub_days(d: NaiveDate, n: i64) -> NaiveDate {
    add_days(d, -n)
}

/// Parses a date typed by the user: `YYYY-MM-DD`, `YYYY-MM` (first day) or `YYYY` (1 January),
/// also `DD/MM/YYYY`.
pub fn parse_user_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if let Some(v) = crate::core::model::DateValue::parse_iso(s) {
        return Some(v.start);
    }
    let parts: Vec<&str> = s.split('/').collect();
    if let [d, m, y] = parts.as_slice() {
        return NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    }
    None
}

/// Year of a date, for axis labels.
pub fn year_of(d: NaiveDate) -> i32 {
    d.year()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).unwrap()
    }

    fn tc() -> TimeControl {
        let mut t = TimeControl {
            cursor: d(2019, 2, 14),
            ..Default::default()
        };
        t.set_bounds(Some((d(2017, 1, 1), d(2020, 3, 31))));
        t
    }

    #[test]
    fn week_window_is_centred_on_the_cursor() {
        let t = tc();
        assert_eq!(t.window_range(), (d(2019, 2, 11), d(2019, 2, 17)));
    }

    #[test]
    fn day_window_is_the_cursor_day() {
        let mut t = tc();
        t.handle(TimeCommand::SetWindow(WindowSize::Day));
        assert_eq!(t.window_range(), (d(2019, 2, 14), d(2019, 2, 14)));
    }

    #[test]
    fn custom_window_has_the_requested_width() {
        let mut t = tc();
        t.handle(TimeCommand::SetWindow(WindowSize::Custom(10)));
        let (a, b) = t.window_range();
        assert_eq!((b - a).num_days() + 1, 10);
        assert!(a <= t.cursor && t.cursor <= b);
    }

    #[test]
    fn up_to_mode_starts_at_the_data_start() {
        let mut t = tc();
        t.handle(TimeCommand::SetMode(Mode::UpTo));
        assert_eq!(t.window_range(), (d(2017, 1, 1), d(2019, 2, 14)));
    }

    #[test]
    fn play_advances_by_speed_times_dt() {
        let mut t = tc();
        t.handle(TimeCommand::SetSpeed(1.0));
        assert!(!t.tick(1.0), "paused: nothing moves");
        t.handle(TimeCommand::TogglePlay);
        assert!(!t.tick(0.5), "half a day is not a day yet");
        assert!(t.tick(0.5));
        assert_eq!(t.cursor, d(2019, 2, 15));
        t.handle(TimeCommand::SetSpeed(7.0));
        t.tick(1.0);
        assert_eq!(t.cursor, d(2019, 2, 22));
    }

    #[test]
    fn play_stops_at_the_end_without_loop() {
        let mut t = tc();
        t.handle(TimeCommand::SetCursor(d(2020, 3, 30)));
        t.handle(TimeCommand::SetSpeed(7.0));
        t.handle(TimeCommand::TogglePlay);
        t.tick(1.0);
        assert_eq!(t.cursor, d(2020, 3, 31));
        assert!(!t.playing);
    }

    #[test]
    fn play_loops_to_the_start_with_loop() {
        let mut t = tc();
        t.handle(TimeCommand::SetLooping(true));
        t.handle(TimeCommand::SetCursor(d(2020, 3, 30)));
        t.handle(TimeCommand::SetSpeed(7.0));
        t.handle(TimeCommand::TogglePlay);
        t.tick(1.0);
        assert_eq!(t.cursor, d(2017, 1, 1));
        assert!(t.playing);
    }

    #[test]
    fn play_from_the_end_starts_over() {
        let mut t = tc();
        t.handle(TimeCommand::JumpEnd);
        t.handle(TimeCommand::TogglePlay);
        assert_eq!(t.cursor, d(2017, 1, 1));
        assert!(t.playing);
    }

    #[test]
    fn steps_follow_the_window() {
        let mut t = tc();
        t.handle(TimeCommand::StepForward);
        assert_eq!(t.cursor, d(2019, 2, 21));
        t.handle(TimeCommand::SetWindow(WindowSize::Month));
        t.handle(TimeCommand::StepBack);
        assert_eq!(t.cursor, d(2019, 1, 21));
        t.handle(TimeCommand::SetWindow(WindowSize::Year));
        t.handle(TimeCommand::StepBack);
        assert_eq!(t.cursor, d(2018, 1, 21));
    }

    #[test]
    fn cursor_is_clamped_to_the_data() {
        let mut t = tc();
        t.handle(TimeCommand::SetCursor(d(1990, 1, 1)));
        assert_eq!(t.cursor, d(2017, 1, 1));
        t.handle(TimeCommand::JumpEnd);
        assert_eq!(t.cursor, d(2020, 3, 31));
        t.handle(TimeCommand::JumpStart);
        assert_eq!(t.cursor, d(2017, 1, 1));
    }

    #[test]
    fn bad_speeds_are_ignored() {
        let mut t = tc();
        t.handle(TimeCommand::SetSpeed(f32::NAN));
        t.handle(TimeCommand::SetSpeed(-3.0));
        assert_eq!(t.speed_days_per_sec, 7.0);
    }

    #[test]
    fn user_dates_parse() {
        assert_eq!(parse_user_date("2019-02-14"), Some(d(2019, 2, 14)));
        assert_eq!(parse_user_date(" 2019-02 "), Some(d(2019, 2, 1)));
        assert_eq!(parse_user_date("14/02/2019"), Some(d(2019, 2, 14)));
        assert_eq!(parse_user_date("2019-02-30"), None);
        assert_eq!(parse_user_date("hier"), None);
    }
}
