//! Places: the gazetteer (names, alternate names, the name index), spotting and resolving
//! place names in text, and the geodesy both need.

pub mod gazetteer;
pub mod geocode;
pub mod geodesy;
