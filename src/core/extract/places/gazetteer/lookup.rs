//! Looking places and names up.

use super::{Gazetteer, NameFlag, NameInfo, Source, cc, cc_str};
use crate::core::model::{Place, PlaceKind};
use crate::core::text::fold_name;
use std::collections::HashSet;

impl Gazetteer {
    /// Number of places.
    pub fn len(&self) -> usize {
        self.places.len()
    }

    /// True when nothing is loaded.
    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }

    /// Place by index.
    pub fn place(&self, idx: u32) -> Option<&Place> {
        self.places.get(idx as usize)
    }

    /// Source of a place by index.
    pub fn source(&self, idx: u32) -> Option<Source> {
        self.sources.get(idx as usize).copied()
    }

    /// Place by its stable id.
    pub fn by_gid(&self, gid: u32) -> Option<&Place> {
        self.by_gid.get(&gid).and_then(|&i| self.place(i))
    }

    /// Everything known about a name (any case and accents).
    pub fn lookup(&self, name: &str) -> Option<&NameInfo> {
        self.name_index(&fold_name(name))
            .map(|i| &self.names[i as usize])
    }

    /// Places called `name` (any case and accents), most populous first.
    pub fn by_name(&self, name: &str) -> Vec<&Place> {
        let mut v: Vec<&Place> = self
            .lookup(name)
            .map(|n| {
                n.places
                    .iter()
                    .filter_map(|r| self.place(r.place))
                    .collect()
            })
            .unwrap_or_default();
        v.sort_by_key(|p| std::cmp::Reverse(p.population));
        v
    }

    /// True when `folded` names `place` in the hand-written files (a French exonym).
    pub fn is_curated(&self, folded: &str, place: u32) -> bool {
        self.name_index(folded).is_some_and(|i| {
            self.names[i as usize]
                .places
                .iter()
                .any(|r| r.place == place && r.curated)
        })
    }

    /// True when `folded` is the main name of `place` (not one of its alternates).
    pub fn is_primary(&self, folded: &str, place: u32) -> bool {
        self.name_index(folded).is_some_and(|i| {
            self.names[i as usize]
                .places
                .iter()
                .any(|r| r.place == place && r.primary)
        })
    }

    /// Name info by pattern id.
    pub fn name_info(&self, id: usize) -> Option<&NameInfo> {
        self.names.get(id)
    }

    /// The capital city of a country (`TR` → Ankara).
    pub fn capital_of(&self, country: &str) -> Option<&Place> {
        cc(country)
            .and_then(|c| self.capitals.get(&c))
            .and_then(|&i| self.place(i))
    }

    /// Index of the capital city of a country.
    pub fn capital_index(&self, country: [u8; 2]) -> Option<u32> {
        self.capitals.get(&country).copied()
    }

    /// The country place for a code.
    pub fn country(&self, country: &str) -> Option<&Place> {
        cc(country)
            .and_then(|c| self.countries.get(&c))
            .and_then(|&i| self.place(i))
    }

    /// The country code a French adjective points to (`turque` → `TR`, `syriens` → `SY`).
    pub fn adjective_country(&self, adjective: &str) -> Option<String> {
        self.lookup(adjective).and_then(|n| n.adjective).map(cc_str)
    }

    /// Up to `limit` places whose name starts with `prefix` (folded), most populous first:
    /// for the app's place filter.
    pub fn search(&self, prefix: &str, limit: usize) -> Vec<&Place> {
        let p = fold_name(prefix);
        if p.is_empty() {
            return Vec::new();
        }
        let sorted = self.sorted.get_or_init(|| {
            let mut v: Vec<(String, u32)> = Vec::new();
            for n in &self.names {
                if n.flag != NameFlag::Place {
                    continue;
                }
                for r in &n.places {
                    v.push((n.folded.clone(), r.place));
                }
            }
            v.sort();
            v.dedup();
            v
        });
        let start = sorted.partition_point(|(n, _)| n.as_str() < p.as_str());
        let mut seen = HashSet::new();
        let mut out: Vec<&Place> = Vec::new();
        for (n, idx) in &sorted[start..] {
            if !n.starts_with(&p) {
                break;
            }
            if seen.insert(*idx)
                && let Some(pl) = self.place(*idx)
            {
                out.push(pl);
            }
            if out.len() >= 5000 {
                break;
            }
        }
        out.sort_by(|a, b| {
            (b.kind == PlaceKind::Country)
                .cmp(&(a.kind == PlaceKind::Country))
                .then(b.population.cmp(&a.population))
        });
        out.truncate(limit);
        out
    }
}
