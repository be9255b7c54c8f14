//! Distances on the globe, with latitude and longitude named so they cannot be swapped.

/// A point on the globe, in degrees.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LatLon {
    /// Latitude, degrees north.
    pub lat: f64,
    /// Longitude, degrees east.
    pub lon: f64,
}

impl LatLon {
    /// A point from its latitude and longitude, in that order.
    pub const fn new(lat: f64, lon: f64) -> Self {
        Self { lat, lon }
    }
}

/// Mean Earth radius (km) of the haversine formula.
const EARTH_RADIUS_KM: f64 = 6371.0;

/// Great-circle (haversine) distance in km between two points.
pub fn km(a: LatLon, b: LatLon) -> f64 {
    let (lat1, lon1, lat2, lon2) = (
        a.lat.to_radians(),
        a.lon.to_radians(),
        b.lat.to_radians(),
        b.lon.to_radians(),
    );
    let h = ((lat2 - lat1) / 2.0).sin().powi(2)
        + lat1.cos() * lat2.cos() * ((lon2 - lon1) / 2.0).sin().powi(2);
    EARTH_RADIUS_KM * 2.0 * h.sqrt().min(1.0).asin()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paris_london_is_about_344_km() {
        let d = km(LatLon::new(48.8566, 2.3522), LatLon::new(51.5074, -0.1278));
        assert!((d - 344.0).abs() < 2.0, "{d}");
    }

    #[test]
    fn swapping_latitude_and_longitude_changes_the_distance() {
        let a = LatLon::new(60.0, 10.0);
        let b = LatLon::new(10.0, 60.0);
        assert!(km(a, LatLon::new(60.0, 11.0)) < km(a, b));
        assert_eq!(km(a, a), 0.0);
    }
}
