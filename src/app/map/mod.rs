//! The map: the bundled offline basemap, OpenStreetMap tiles, place names and view helpers.

pub mod basemap;
pub mod labels;
pub mod tiles;
pub mod view;
