//! The embedded place table (GeoNames cities, French country names, a curated supplement)
//! and its lookups.

use crate::core::model::Place;

/// The gazetteer: places and the names they go by.
#[derive(Debug, Default)]
pub struct Gazetteer {
    /// Every place, indexed by position.
    pub places: Vec<Place>,
}

impl Gazetteer {
    /// The embedded gazetteer, built once.
    pub fn global() -> &'static Gazetteer {
        static G: std::sync::LazyLock<Gazetteer> = std::sync::LazyLock::new(Gazetteer::default);
        &G
    }
}
