//! Saved moments: named bookmarks of a time window, a map view, the filters and the selected
//! place, kept with the app state; a list to jump between them (`[` / `]`), and a tour that
//! plays them in order.

use crate::app::moment::Filters;
use crate::app::time_control::{Clock, Mode, WindowSize};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::time::Duration;

/// How long a tour stays at each moment.
pub const TOUR_DWELL: Duration = Duration::from_secs(4);

/// One bookmark.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedMoment {
    /// Shown in the list (and as the KML tour stop's name).
    pub name: String,
    /// Time cursor.
    pub cursor: NaiveDate,
    /// Window width.
    pub window: WindowSize,
    /// Around the cursor or up to it.
    pub mode: Mode,
    /// Event or publication time.
    pub clock: Clock,
    /// Map centre latitude.
    pub lat: f64,
    /// Map centre longitude.
    pub lon: f64,
    /// Map zoom.
    pub zoom: f64,
    /// Filters and selected place.
    pub filters: Filters,
}

/// What the moments list asks for.
#[derive(Debug, Clone, PartialEq)]
pub enum MomentsCommand {
    /// Save what the window shows now, under this name (empty: a name is made from the date).
    Save(String),
    /// Go to a saved moment.
    Go(usize),
    /// The next saved moment after the last one gone to (wraps).
    Next,
    /// The previous one (wraps).
    Previous,
    /// Move one up the list (towards the start of the tour).
    MoveUp(usize),
    /// Delete one.
    Delete(usize),
    /// Play the moments in order, or stop.
    Tour(bool),
}

/// A tour being played.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tour {
    /// Time spent at the current stop.
    pub at_stop: Duration,
}

/// The saved moments and where the user is among them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SavedMoments {
    /// In list (and tour) order.
    pub list: Vec<SavedMoment>,
    /// The last one gone to.
    #[serde(skip)]
    pub current: Option<usize>,
    /// The tour, while it plays.
    #[serde(skip)]
    pub tour: Option<Tour>,
    /// The name field of "Save this moment".
    #[serde(skip)]
    pub name_edit: String,
}

impl SavedMoments {
    /// A default name: "Moment N · date".
    pub fn default_name(&self, cursor: NaiveDate) -> String {
        format!("Moment {} · {cursor}", self.list.len() + 1)
    }

    /// Adds a moment at the end; returns its index.
    pub fn save(&mut self, m: SavedMoment) -> usize {
        self.list.push(m);
        self.current = Some(self.list.len() - 1);
        self.list.len() - 1
    }

    /// The index after (or before) the current one, wrapping; `None` when there is none.
    pub fn step(&self, forward: bool) -> Option<usize> {
        let n = self.list.len();
        if n == 0 {
            return None;
        }
        Some(match (self.current, forward) {
            (None, true) => 0,
            (None, false) => n - 1,
            (Some(i), true) => (i + 1) % n,
            (Some(i), false) => (i + n - 1) % n,
        })
    }

    /// Removes one, keeping `current` on the same moment when it stays.
    pub fn delete(&mut self, i: usize) {
        if i >= self.list.len() {
            return;
        }
        self.list.remove(i);
        self.current = match self.current {
            Some(c) if c == i => None,
            Some(c) if c > i => Some(c - 1),
            c => c,
        };
        if self.list.is_empty() {
            self.tour = None;
        }
    }

    /// Swaps one with the one above it.
    pub fn move_up(&mut self, i: usize) {
        if i == 0 || i >= self.list.len() {
            return;
        }
        self.list.swap(i - 1, i);
        self.current = match self.current {
            Some(c) if c == i => Some(i - 1),
            Some(c) if c == i - 1 => Some(i),
            c => c,
        };
    }

    /// Advances a playing tour by `dt`; returns the moment to go to when it is time to move
    /// on (the tour stops after the last one).
    pub fn tick_tour(&mut self, dt: Duration) -> Option<usize> {
        let tour = self.tour.as_mut()?;
        tour.at_stop += dt;
        if tour.at_stop < TOUR_DWELL {
            return None;
        }
        tour.at_stop = Duration::ZERO;
        match self.current {
            Some(i) if i + 1 < self.list.len() => Some(i + 1),
            _ => {
                self.tour = None;
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(name: &str) -> SavedMoment {
        SavedMoment {
            name: name.into(),
            cursor: NaiveDate::from_ymd_opt(2019, 1, 1).unwrap(),
            window: WindowSize::Week,
            mode: Mode::Around,
            clock: Clock::EventTime,
            lat: 36.0,
            lon: 37.0,
            zoom: 6.0,
            filters: Filters::default(),
        }
    }

    #[test]
    fn stepping_wraps_and_starts_at_an_end() {
        let mut s = SavedMoments::default();
        assert_eq!(s.step(true), None);
        s.list = vec![m("a"), m("b"), m("c")];
        assert_eq!(s.step(true), Some(0));
        assert_eq!(s.step(false), Some(2));
        s.current = Some(2);
        assert_eq!(s.step(true), Some(0));
        s.current = Some(0);
        assert_eq!(s.step(false), Some(2));
    }

    #[test]
    fn deleting_and_moving_keep_the_current_moment() {
        let mut s = SavedMoments {
            list: vec![m("a"), m("b"), m("c")],
            current: Some(2),
            ..Default::default()
        };
        s.delete(0);
        assert_eq!(s.current, Some(1));
        assert_eq!(s.list[1].name, "c");
        s.move_up(1);
        assert_eq!(s.current, Some(0));
        assert_eq!(s.list[0].name, "c");
        s.delete(0);
        assert_eq!(s.current, None);
        s.delete(7); // out of range: nothing
        assert_eq!(s.list.len(), 1);
    }

    #[test]
    fn a_tour_moves_on_after_its_dwell_and_stops_after_the_last() {
        let mut s = SavedMoments {
            list: vec![m("a"), m("b")],
            current: Some(0),
            tour: Some(Tour {
                at_stop: Duration::ZERO,
            }),
            ..Default::default()
        };
        assert_eq!(s.tick_tour(TOUR_DWELL / 2), None);
        assert_eq!(s.tick_tour(TOUR_DWELL / 2), Some(1));
        s.current = Some(1);
        assert_eq!(s.tick_tour(TOUR_DWELL), None);
        assert!(s.tour.is_none(), "stopped after the last moment");
    }

    #[test]
    fn saved_moments_survive_serialisation_without_their_runtime_part() {
        let mut s = SavedMoments::default();
        s.save(m("Idlib"));
        s.name_edit = "typing".into();
        let back: SavedMoments = serde_json::from_str(&serde_json::to_string(&s).unwrap()).unwrap();
        assert_eq!(back.list, s.list);
        assert_eq!(back.current, None);
        assert!(back.name_edit.is_empty());
    }
}
