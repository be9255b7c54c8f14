//! Place names as the article writes them.
//!
//! The gazetteer gives a French name to countries, regions and the cities of its exonym
//! table; every other place carries its GeoNames name, usually the English one ("Damascus"
//! where French news writes "Damas"). Such a place is named by the form the article itself
//! uses most, accents kept, so the map, the lists and the exports speak the articles' language.

use crate::core::model::{Event, PlaceKind, PlaceMention};
use rustc_hash::FxHashMap;

/// Renames, in the mentions and in the events, every place that has no French name of its
/// own to the surface the article uses most for it (the first one on a tie). Mentions in page
/// furniture and surfaces that are not written as a name ("la capitale turque", "DAMAS" in a
/// shouting headline) do not vote.
pub fn name_places_as_written(places: &mut [PlaceMention], events: &mut [Event]) {
    let renames = renames(places);
    if renames.is_empty() {
        return;
    }
    for m in places.iter_mut() {
        if let Some(name) = renames.get(&m.place.gid) {
            m.place.name.clone_from(name);
        }
    }
    for p in events.iter_mut().filter_map(|e| e.place.as_mut()) {
        if let Some(name) = renames.get(&p.gid) {
            p.name.clone_from(name);
        }
    }
}

/// The new name of each place that needs one, by gazetteer id.
fn renames(places: &[PlaceMention]) -> FxHashMap<u32, String> {
    // (gid, surface) -> (votes, first position), in mention order.
    let mut votes: Vec<(u32, &str, usize, usize)> = Vec::new();
    for (i, m) in places.iter().enumerate() {
        if m.furniture || !lacks_french_name(m) || !written_as_a_name(&m.surface) {
            continue;
        }
        let surface = m.surface.trim();
        match votes
            .iter_mut()
            .find(|v| v.0 == m.place.gid && v.1 == surface)
        {
            Some(v) => v.2 += 1,
            None => votes.push((m.place.gid, surface, 1, i)),
        }
    }
    let mut best: FxHashMap<u32, (&str, usize, usize)> = FxHashMap::default();
    for &(gid, surface, n, first) in &votes {
        let better = best
            .get(&gid)
            .is_none_or(|&(_, bn, bfirst)| n > bn || (n == bn && first < bfirst));
        if better {
            best.insert(gid, (surface, n, first));
        }
    }
    best.into_iter()
        .filter(|(gid, (surface, _, _))| {
            places
                .iter()
                .find(|m| m.place.gid == *gid)
                .is_some_and(|m| m.place.name != *surface)
        })
        .map(|(gid, (surface, _, _))| (gid, surface.to_string()))
        .collect()
}

/// True when the gazetteer gave the place no French name: its display name is its canonical
/// (GeoNames) one. Countries always have a French name.
fn lacks_french_name(m: &PlaceMention) -> bool {
    m.place.kind != PlaceKind::Country && m.place.name == m.place.canonical
}

/// Lower-case words a place name may hold ("Deir ez-Zor", "Saint-Jean-de-Luz", "Ras al-Aïn").
const NAME_PARTICLES: &[&str] = &[
    "de", "des", "du", "la", "le", "les", "el", "al", "ez", "ed", "ech", "es", "et", "sur", "sous",
    "en", "d", "l", "am", "an", "der", "di", "da", "do", "dos", "del", "y",
];

/// True when `surface` is written as a proper name: it starts with a capital, its other words
/// are capitalised or name particles, and it is not all capitals (a headline's shout).
pub fn written_as_a_name(surface: &str) -> bool {
    let s = surface.trim();
    let Some(first) = s.chars().next() else {
        return false;
    };
    if !first.is_uppercase() {
        return false;
    }
    let letters = s.chars().filter(|c| c.is_alphabetic()).count();
    if letters > 1 && !s.chars().any(|c| c.is_lowercase()) {
        return false;
    }
    s.split([' ', '-', '\''])
        .filter(|w| !w.is_empty())
        .all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                || NAME_PARTICLES.contains(&w.to_lowercase().as_str())
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::{DateValue, EventKind, Place, Span};

    fn place(gid: u32, name: &str, canonical: &str, kind: PlaceKind) -> Place {
        Place {
            gid,
            name: name.into(),
            canonical: canonical.into(),
            kind,
            country: "SY".into(),
            lat: 33.5,
            lon: 36.3,
            population: 1_000_000,
        }
    }

    fn mention(at: usize, surface: &str, p: &Place) -> PlaceMention {
        PlaceMention {
            span: Span::new(at, at + surface.len()),
            surface: surface.into(),
            place: p.clone(),
            confidence: 0.9,
            alternatives: Vec::new(),
            furniture: false,
        }
    }

    #[test]
    fn a_place_without_a_french_name_takes_the_form_the_article_uses_most() {
        let damascus = place(1, "Damascus", "Damascus", PlaceKind::City);
        let mut places = vec![
            mention(0, "Damas", &damascus),
            mention(10, "Dimashq", &damascus),
            mention(20, "Damas", &damascus),
        ];
        let mut events = vec![Event {
            date: DateValue::ymd(2019, 2, 14).unwrap(),
            date_end: None,
            place: Some(damascus.clone()),
            actors: Vec::new(),
            kind: EventKind::Meeting,
            trigger: "rencontre".into(),
            sentence: String::new(),
            span: Span::new(0, 5),
            confidence: 0.8,
            sources: Vec::new(),
        }];
        name_places_as_written(&mut places, &mut events);
        assert!(places.iter().all(|m| m.place.name == "Damas"));
        assert_eq!(places[0].place.canonical, "Damascus");
        assert_eq!(events[0].place.as_ref().unwrap().name, "Damas");
    }

    #[test]
    fn a_french_name_from_the_gazetteer_is_kept() {
        let moscow = place(2, "Moscou", "Moscow", PlaceKind::City);
        let syria = place(3, "Syrie", "Syria", PlaceKind::Country);
        let mut places = vec![mention(0, "Moskva", &moscow), mention(9, "Sham", &syria)];
        name_places_as_written(&mut places, &mut []);
        assert_eq!(places[0].place.name, "Moscou");
        assert_eq!(places[1].place.name, "Syrie");
    }

    #[test]
    fn descriptions_shouts_and_furniture_do_not_name_a_place() {
        let aleppo = place(4, "Aleppo", "Aleppo", PlaceKind::City);
        let mut teaser = mention(40, "Halab", &aleppo);
        teaser.furniture = true;
        let mut places = vec![
            mention(0, "la grande ville du nord", &aleppo),
            mention(20, "ALEP", &aleppo),
            teaser,
        ];
        name_places_as_written(&mut places, &mut []);
        assert!(places.iter().all(|m| m.place.name == "Aleppo"));
    }

    #[test]
    fn a_tie_goes_to_the_first_form_written() {
        let idlib = place(5, "Idlib", "Idlib", PlaceKind::City);
        let mut places = vec![mention(0, "Idleb", &idlib), mention(9, "Idlib", &idlib)];
        name_places_as_written(&mut places, &mut []);
        assert!(places.iter().all(|m| m.place.name == "Idleb"));
    }

    #[test]
    fn names_with_particles_are_names() {
        assert!(written_as_a_name("Deir ez-Zor"));
        assert!(written_as_a_name("Ras al-Aïn"));
        assert!(written_as_a_name("Saint-Jean-de-Luz"));
        assert!(!written_as_a_name("la capitale turque"));
        assert!(!written_as_a_name("DAMAS"));
        assert!(!written_as_a_name(""));
    }
}
