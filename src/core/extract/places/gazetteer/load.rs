//! Building the gazetteer from its four data files: the GeoNames table, the supplement, the
//! country names and the stoplist.

use super::{Gazetteer, GazetteerError, NameFlag, NameRef, Source, cc, cc_str};
use crate::core::extract::places::geodesy::{LatLon, km};
use crate::core::model::{Place, PlaceKind};
use crate::core::text::fold_name;

static GEONAMES: &[u8] = include_bytes!("../../../../../data/gazetteer.tsv.zst");
static SUPPLEMENT: &str = include_str!("../../../../../data/supplement.tsv");
static COUNTRIES: &str = include_str!("../../../../../data/countries.tsv");
static STOPLIST: &str = include_str!("../../../../../data/stoplist.txt");

/// Words that cannot make a name on their own.
const FILLER: &[&str] = &[
    "a", "au", "aux", "la", "le", "les", "l", "de", "des", "du", "d", "en", "et", "y", "o", "e",
    "i", "un", "une", "the", "of", "and", "el", "al", "il", "lo", "los", "las", "da", "do", "das",
    "dos", "di", "del", "della", "sur", "sous",
];

fn parse_kind(s: &str) -> Option<PlaceKind> {
    Some(match s {
        "city" => PlaceKind::City,
        "region" => PlaceKind::Region,
        "country" => PlaceKind::Country,
        "water" => PlaceKind::Water,
        "landmark" => PlaceKind::Landmark,
        _ => return None,
    })
}

/// The gazetteer of [`Gazetteer::global`].
static GLOBAL: std::sync::OnceLock<Gazetteer> = std::sync::OnceLock::new();

/// The first id of the supplement's places (its line number is added).
const SUPPLEMENT_GID: u32 = 3_000_000_000;

impl Gazetteer {
    /// The embedded gazetteer, built once. On a data error it is empty and `error` says why.
    pub fn global() -> &'static Gazetteer {
        GLOBAL.get_or_init(|| match Gazetteer::load_embedded() {
            Ok(g) => g,
            Err(e) => Gazetteer {
                error: Some(e.to_string()),
                ..Gazetteer::default()
            },
        })
    }

    /// [`Gazetteer::global`] if it is built already: for the UI thread, which must not wait
    /// the second it takes to build.
    pub fn global_if_built() -> Option<&'static Gazetteer> {
        GLOBAL.get()
    }

    /// Builds the gazetteer from the embedded data. The environment variable
    /// `CHRONOCARTE_GAZETTEER` may name another generated table (e.g. a larger GeoNames table
    /// made by `scripts/gen_gazetteer.py --table 500`) to use instead of the embedded one.
    pub fn load_embedded() -> Result<Gazetteer, GazetteerError> {
        let t = std::time::Instant::now();
        let raw = match std::env::var_os("CHRONOCARTE_GAZETTEER") {
            Some(path) => zstd::stream::decode_all(std::fs::File::open(&path).map_err(|e| {
                GazetteerError::Decompress(std::io::Error::new(
                    e.kind(),
                    format!("{}: {e}", std::path::Path::new(&path).display()),
                ))
            })?)?,
            None => zstd::stream::decode_all(GEONAMES)?,
        };
        let tsv = String::from_utf8(raw).map_err(|_| GazetteerError::Utf8)?;
        log::debug!("gazetteer: decompressed in {:?}", t.elapsed());
        Self::from_parts(&tsv, SUPPLEMENT, COUNTRIES, STOPLIST)
    }

    /// Builds a gazetteer from the text of the four data files (tests use small ones).
    pub fn from_parts(
        geonames: &str,
        supplement: &str,
        countries: &str,
        stoplist: &str,
    ) -> Result<Gazetteer, GazetteerError> {
        let mut g = Gazetteer::default();
        let t = std::time::Instant::now();
        g.load_geonames(geonames);
        log::debug!("gazetteer: GeoNames rows parsed in {:?}", t.elapsed());
        g.curating = true;
        g.load_supplement(supplement);
        g.load_countries(countries);
        g.load_stoplist(stoplist);
        log::debug!("gazetteer: parsed in {:?}", t.elapsed());
        g.build_translit();
        log::debug!("gazetteer: keys in {:?}", t.elapsed());
        g.finish();
        log::debug!("gazetteer: name index in {:?}", t.elapsed());
        Ok(g)
    }

    /// Countries and GeoNames cities, one tab-separated row each: id, kind, country, lat, lon,
    /// population, canonical name, names (`|`-separated; `~` marks one that is also a French
    /// word).
    fn load_geonames(&mut self, text: &str) {
        for line in text.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() < 8 {
                continue;
            }
            self.load_geonames_row(&f);
        }
    }

    /// One row of the GeoNames table, cut into its fields `f` (eight or more).
    fn load_geonames_row(&mut self, f: &[&str]) {
        let (Ok(gid), Some(kind), Ok(lat), Ok(lon)) = (
            f[0].parse::<u32>(),
            parse_kind(f[1]),
            f[3].parse::<f64>(),
            f[4].parse::<f64>(),
        ) else {
            return;
        };
        let pop = f[5].parse::<u64>().unwrap_or(0);
        let names: Vec<&str> = f[7].split('|').filter(|n| !n.is_empty()).collect();
        let display = if kind == PlaceKind::Country {
            names
                .first()
                .map(|n| n.trim_start_matches('~'))
                .unwrap_or(f[6])
        } else {
            f[6]
        };
        let idx = self.push_place(
            Place {
                gid,
                name: display.to_string(),
                canonical: f[6].to_string(),
                kind,
                country: f[2].to_string(),
                lat,
                lon,
                population: pop,
            },
            if kind == PlaceKind::Country {
                Source::Country
            } else {
                Source::GeoNames
            },
        );
        if kind == PlaceKind::Country
            && let Some(c) = cc(f[2])
        {
            self.countries.insert(c, idx);
        }
        for (i, n) in names.into_iter().enumerate() {
            let (common, n) = match n.strip_prefix('~') {
                Some(rest) => (true, rest),
                None => (false, n),
            };
            // An alternate name that is also a French word ("pour", "force") is only ever
            // accepted for a very big place (see geocode): indexing it for small places
            // would make the spotter stop on every other word of the text.
            if common && i > 0 && kind != PlaceKind::Country && pop < 1_000_000 {
                continue;
            }
            self.add_name(n, idx, common && kind != PlaceKind::Country, 3, i == 0);
        }
    }

    fn push_place(&mut self, p: Place, src: Source) -> u32 {
        let idx = self.places.len() as u32;
        self.by_gid.insert(p.gid, idx);
        self.places.push(p);
        self.sources.push(src);
        idx
    }

    /// Indexes `name` for place `idx`; names shorter than `min_len` folded bytes are skipped.
    fn add_name(&mut self, name: &str, idx: u32, common: bool, min_len: usize, primary: bool) {
        let curated = self.curating;
        let folded = fold_name(name);
        // Names made only of articles and prepositions ("A la") would match everywhere.
        if folded.len() < min_len || folded.split(' ').all(|w| FILLER.contains(&w)) {
            return;
        }
        let lower_initial = name.chars().next().is_some_and(|c| c.is_lowercase());
        let id = self.name_id(&folded) as usize;
        let entry = &mut self.names[id];
        if let Some(existing) = entry.places.iter_mut().find(|r| r.place == idx) {
            existing.lower_initial &= lower_initial;
            existing.common &= common;
            existing.primary |= primary;
            existing.curated |= curated;
        } else {
            entry.places.push(NameRef {
                place: idx,
                common,
                lower_initial,
                primary,
                curated,
            });
        }
    }

    /// The hand-written regions, waters, landmarks, cities and aliases, one tab-separated row
    /// each: kind, country, lat, lon, names (`|`-separated, the French display name first),
    /// canonical name.
    fn load_supplement(&mut self, text: &str) {
        for (lineno, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() < 6 {
                continue;
            }
            let (Ok(lat), Ok(lon)) = (f[2].trim().parse::<f64>(), f[3].trim().parse::<f64>())
            else {
                continue;
            };
            let names: Vec<&str> = f[4]
                .split('|')
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .collect();
            if names.is_empty() {
                continue;
            }
            let country = f[1].trim().to_string();
            if f[0] == "alias" {
                self.add_alias(lineno, &f, &names, &country, (lat, lon));
                continue;
            }
            let Some(kind) = parse_kind(f[0]) else {
                continue;
            };
            self.add_supplement_place(lineno, &f, &names, kind, country, (lat, lon));
        }
    }

    /// An `alias` row of the supplement (line `lineno`, fields `f`): its names go to the
    /// nearest GeoNames city of that country carrying the canonical name (or any of the names)
    /// within 40 km; else to a new city.
    fn add_alias(
        &mut self,
        lineno: usize,
        f: &[&str],
        names: &[&str],
        country: &str,
        (lat, lon): (f64, f64),
    ) {
        let first = names[0];
        let target = self.find_city(country, f[5], names, LatLon::new(lat, lon));
        let idx = match target {
            Some(i) => i,
            None => self.push_place(
                Place {
                    gid: SUPPLEMENT_GID + lineno as u32,
                    name: first.to_string(),
                    canonical: f[5].to_string(),
                    kind: PlaceKind::City,
                    country: country.to_string(),
                    lat,
                    lon,
                    population: 0,
                },
                Source::Supplement,
            ),
        };
        if let Some(r) = self.places.get_mut(idx as usize) {
            r.name = first.to_string();
        }
        for n in names {
            self.add_name(n, idx, false, 2, true);
        }
    }

    /// A region, water, landmark or city row of the supplement (line `lineno`, fields `f`).
    fn add_supplement_place(
        &mut self,
        lineno: usize,
        f: &[&str],
        names: &[&str],
        kind: PlaceKind,
        country: String,
        (lat, lon): (f64, f64),
    ) {
        // A first-level region named after its capital (Idlib, Hama, Homs, Donetsk…) is
        // pinned at that city: the seat is where its news happens, and a centroid in the
        // desert (Homs governorate) would put the pin 100 km from anything reported.
        let (lat, lon) = if kind == PlaceKind::Region {
            names
                .iter()
                .find_map(|n| self.seat_of(&country, n, LatLon::new(lat, lon)))
                .unwrap_or((lat, lon))
        } else {
            (lat, lon)
        };
        let idx = self.push_place(
            Place {
                gid: SUPPLEMENT_GID + lineno as u32,
                name: names[0].to_string(),
                canonical: f[5].trim().to_string(),
                kind,
                country,
                lat,
                lon,
                population: 0,
            },
            Source::Supplement,
        );
        for n in names {
            self.add_name(n, idx, false, 2, true);
        }
    }

    /// The biggest city (20 000+ inhabitants) of `country` called `name` within 300 km of `at`.
    fn seat_of(&self, country: &str, name: &str, at: LatLon) -> Option<(f64, f64)> {
        let id = self.name_index(&fold_name(name))?;
        self.names[id as usize]
            .places
            .iter()
            .filter_map(|r| self.places.get(r.place as usize))
            .filter(|p| {
                p.kind == PlaceKind::City
                    && p.country == country
                    && p.population >= 20_000
                    && km(at, LatLon::new(p.lat, p.lon)) <= 300.0
            })
            .max_by_key(|p| p.population)
            .map(|p| (p.lat, p.lon))
    }

    fn find_city(&self, country: &str, canonical: &str, names: &[&str], at: LatLon) -> Option<u32> {
        let mut keys: Vec<String> = vec![fold_name(canonical)];
        keys.extend(names.iter().map(|n| fold_name(n)));
        let mut best: Option<(f64, u32)> = None;
        for k in keys {
            let Some(id) = self.name_index(&k) else {
                continue;
            };
            for r in &self.names[id as usize].places {
                let p = &self.places[r.place as usize];
                if p.kind != PlaceKind::City || p.country != country {
                    continue;
                }
                let d = km(at, LatLon::new(p.lat, p.lon));
                if d <= 40.0 && best.is_none_or(|(bd, _)| d < bd) {
                    best = Some((d, r.place));
                }
            }
        }
        best.map(|b| b.1)
    }

    /// Country rows, tab-separated: code, capital (its GeoNames name), more French names of the
    /// country, its French adjectives (names `|`-separated).
    fn load_countries(&mut self, text: &str) {
        for line in text.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            let Some(code) = f.first().and_then(|c| cc(c)) else {
                continue;
            };
            let country_idx = self.countries.get(&code).copied();
            if let (Some(cap), Some(_)) = (
                f.get(1).map(|s| s.trim()).filter(|s| !s.is_empty()),
                country_idx,
            ) {
                self.set_capital(code, cap);
            }
            if let (Some(names), Some(ci)) = (f.get(2), country_idx) {
                for n in names.split('|').map(str::trim).filter(|n| !n.is_empty()) {
                    self.add_name(n, ci, false, 2, true);
                }
            }
            if let Some(adjs) = f.get(3) {
                self.add_adjectives(code, adjs);
            }
        }
    }

    /// The capital of country `code`: its biggest city called `cap`.
    fn set_capital(&mut self, code: [u8; 2], cap: &str) {
        let code_s = cc_str(code);
        let key = fold_name(cap);
        if let Some(id) = self.name_index(&key) {
            let best = self.names[id as usize]
                .places
                .iter()
                .map(|r| r.place)
                .filter(|&p| {
                    let r = &self.places[p as usize];
                    r.kind == PlaceKind::City && r.country == code_s
                })
                .max_by_key(|&p| self.places[p as usize].population);
            if let Some(b) = best {
                self.capitals.insert(code, b);
            }
        }
    }

    /// The French adjectives `adjs` (`|`-separated) of country `code`, and their plurals.
    fn add_adjectives(&mut self, code: [u8; 2], adjs: &str) {
        for a in adjs.split('|').map(str::trim).filter(|n| !n.is_empty()) {
            let folded = fold_name(a);
            let mut forms = vec![folded.clone()];
            if !folded.ends_with('s') && !folded.ends_with('x') {
                forms.push(format!("{folded}s"));
            }
            for form in forms {
                let id = self.name_id(&form) as usize;
                self.names[id].adjective = Some(code);
            }
        }
    }

    /// Stoplist lines: `stop NAME`, `macro NAME` or `cue NAME`, `#` starting a comment.
    fn load_stoplist(&mut self, text: &str) {
        for line in text.lines() {
            let line = line.split('#').next().unwrap_or("").trim();
            let Some((kind, name)) = line.split_once(' ') else {
                continue;
            };
            let flag = match kind {
                "stop" => NameFlag::Stop,
                "macro" => NameFlag::Macro,
                "cue" => NameFlag::CueOnly,
                _ => continue,
            };
            let folded = fold_name(name);
            if folded.is_empty() {
                continue;
            }
            let id = self.name_id(&folded) as usize;
            self.names[id].flag = flag;
        }
    }
}
