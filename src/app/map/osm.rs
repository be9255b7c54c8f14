//! OpenStreetMap tiles as the map uses them: which frame drew one (the credit follows what is
//! on screen) and whether they can be had at all (the tiles button says so, with the reason).

use crossbeam_channel::Receiver;
use std::net::{TcpStream, ToSocketAddrs};
use std::time::Duration;
use walkers::{HttpTiles, TileId, TilePiece, Tiles, sources::Attribution};

/// The host the tiles come from (probed once at start).
pub const TILE_HOST: &str = "tile.openstreetmap.org";

/// What the app knows of the tile server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OsmStatus {
    /// Not known yet (the probe runs).
    Unknown,
    /// The server answers.
    Reachable,
    /// The server cannot be reached; why, in words.
    Unavailable(String),
}

/// The OSM tile layer, with what it drew and what the probe found.
pub struct OsmTiles {
    http: HttpTiles,
    probe: Option<Receiver<Result<(), String>>>,
    status: OsmStatus,
    /// An OSM tile was drawn in this frame (so far).
    drawing: bool,
    /// An OSM tile was drawn in the last frame.
    drawn: bool,
}

impl OsmTiles {
    /// Wraps `http` and starts probing [`TILE_HOST`] on a background thread.
    pub fn new(http: HttpTiles) -> Self {
        let (tx, rx) = crossbeam_channel::bounded(1);
        let spawned = std::thread::Builder::new()
            .name("tile-probe".into())
            .spawn(move || {
                let _ = tx.send(probe(TILE_HOST, 443, Duration::from_secs(5)));
            });
        let (probe, status) = match spawned {
            Ok(_) => (Some(rx), OsmStatus::Unknown),
            Err(e) => (
                None,
                OsmStatus::Unavailable(format!("no thread to reach {TILE_HOST}: {e}")),
            ),
        };
        Self {
            http,
            probe,
            status,
            drawing: false,
            drawn: false,
        }
    }

    /// Call once per frame before the map is drawn: takes the probe's answer and what the last
    /// frame drew.
    pub fn begin_frame(&mut self) {
        self.drawn = std::mem::take(&mut self.drawing);
        if let Some(rx) = &self.probe
            && let Ok(answer) = rx.try_recv()
        {
            self.status = match answer {
                Ok(()) => OsmStatus::Reachable,
                Err(reason) => OsmStatus::Unavailable(reason),
            };
            self.probe = None;
        }
    }

    /// True when the last frame showed at least one OSM tile (from the network or the disk
    /// cache): the OSM credit is then due.
    pub fn drawn(&self) -> bool {
        self.drawn
    }

    /// Why the tiles cannot be shown, when the server is out of reach and no cached tile
    /// showed.
    pub fn unavailable(&self) -> Option<&str> {
        match &self.status {
            OsmStatus::Unavailable(reason) if !self.drawn => Some(reason),
            _ => None,
        }
    }
}

impl Tiles for OsmTiles {
    fn at(&mut self, tile_id: TileId) -> Option<TilePiece> {
        let piece = self.http.at(tile_id);
        self.drawing |= piece.is_some();
        piece
    }

    fn attribution(&self) -> Attribution {
        self.http.attribution()
    }

    fn tile_size(&self) -> u32 {
        self.http.tile_size()
    }

    fn stats(&self) -> walkers::Stats {
        self.http.stats()
    }
}

/// Opens a TCP connection to `host:port` (name lookup included) within `timeout`; the error
/// says which step failed, for the tiles button's tooltip.
pub fn probe(host: &str, port: u16, timeout: Duration) -> Result<(), String> {
    let addrs: Vec<_> = (host, port)
        .to_socket_addrs()
        .map_err(|e| format!("cannot look up {host}: {e}"))?
        .collect();
    let mut last = format!("{host} has no address");
    for a in addrs {
        match TcpStream::connect_timeout(&a, timeout) {
            Ok(_) => return Ok(()),
            Err(e) => last = format!("cannot connect to {host}: {e}"),
        }
    }
    Err(last)
}

/// The credit line under the map: OSM's when its tiles are on screen, the bundled basemap's
/// otherwise; the place data's always.
pub fn credit(osm_drawn: bool) -> &'static str {
    if osm_drawn {
        "© OpenStreetMap contributors · places: GeoNames (CC-BY 4.0)"
    } else {
        "Basemap: Natural Earth · places: GeoNames (CC-BY 4.0)"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_credit_follows_what_is_drawn() {
        assert!(credit(true).contains("OpenStreetMap"));
        assert!(!credit(true).contains("Natural Earth"));
        assert!(credit(false).contains("Natural Earth"));
        assert!(!credit(false).contains("OpenStreetMap"));
        assert!(credit(false).contains("GeoNames") && credit(true).contains("GeoNames"));
    }

    #[test]
    fn an_unknown_host_is_unavailable_with_the_reason() {
        // `.invalid` never resolves (RFC 2606), with or without a network.
        let err = probe("tiles.example.invalid", 443, Duration::from_millis(500)).unwrap_err();
        assert!(err.contains("tiles.example.invalid"), "{err}");
    }

    #[test]
    fn a_closed_local_port_is_unavailable() {
        // Bind then drop: the port is free and nothing listens on it.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .expect("a free port");
        let err = probe("127.0.0.1", port, Duration::from_millis(500)).unwrap_err();
        assert!(err.contains("cannot connect"), "{err}");
    }

    #[test]
    fn a_listening_port_is_reachable() {
        let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = l.local_addr().expect("addr").port();
        assert_eq!(probe("127.0.0.1", port, Duration::from_millis(500)), Ok(()));
    }
}
