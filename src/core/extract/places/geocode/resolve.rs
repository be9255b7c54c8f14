//! Choosing among homonyms: each distinct name is resolved once per article, from the
//! evidence of all its mentions ("one sense per discourse"): population, kind, the countries
//! of the article and the cues before the mentions.

use super::spot::Cand;
use crate::core::extract::places::gazetteer::{Gazetteer, Source};
use crate::core::model::{Place, PlaceKind, PlaceMention};
use rustc_hash::FxHashMap as HashMap;

/// What the mentions of one name say together.
struct Evidence {
    /// Share of the mentions with a region cue (`province d'Idlib`).
    region_share: f64,
    /// Share of the mentions with a city cue (`à Djibouti`).
    a_share: f64,
    /// The most exact way a mention was found ([`Cand::how`]).
    how: u8,
    /// The candidate places of every mention, sorted, each once.
    all: Vec<u32>,
}

/// The place chosen for a name.
struct Choice<'a> {
    best: &'a Place,
    confidence: f32,
    /// The next best places, three at most.
    alternatives: Vec<Place>,
}

/// The article's candidates and countries, shared by every name resolved.
struct Resolver<'a> {
    gazetteer: &'a Gazetteer,
    cands: &'a [Cand],
    /// Countries the article is about, with their weight.
    context: &'a HashMap<String, u32>,
    /// The biggest weight of `context` (1 at least).
    max_context: f64,
}

/// Step 7: the mentions of `text`, each distinct name of `cands` resolved once from the
/// evidence of all its mentions, in text order.
pub(super) fn resolve_names(
    text: &str,
    gazetteer: &Gazetteer,
    cands: &[Cand],
    context: &HashMap<String, u32>,
) -> Vec<PlaceMention> {
    let mut groups: HashMap<&str, Vec<usize>> = HashMap::default();
    for (ci, c) in cands.iter().enumerate() {
        groups.entry(c.key.as_str()).or_default().push(ci);
    }
    let resolver = Resolver {
        gazetteer,
        cands,
        context,
        max_context: context.values().copied().max().unwrap_or(1).max(1) as f64,
    };
    let mut out: Vec<PlaceMention> = Vec::new();
    for (key, members) in groups {
        let Some(choice) = resolver.choose(key, &members) else {
            continue;
        };
        for &m in &members {
            let c = &cands[m];
            out.push(PlaceMention {
                span: c.span,
                surface: text.get(c.span.start..c.span.end).unwrap_or("").to_string(),
                place: choice.best.clone(),
                confidence: choice.confidence,
                alternatives: choice.alternatives.clone(),
                furniture: false,
            });
        }
    }
    out.sort_by_key(|m| (m.span.start, m.span.end));
    // Overlaps can only come from `la capitale X` over an adjective: keep the first.
    out.dedup_by(|b, a| a.span.overlaps(b.span));
    out
}

impl<'a> Resolver<'a> {
    /// The place for name `key`, whose mentions are the candidates `members`, with the
    /// confidence its lead over the runner-up gives.
    fn choose(&self, key: &str, members: &[usize]) -> Option<Choice<'a>> {
        let evidence = self.evidence(members);
        let scored = self.ranked(key, &evidence);
        let &(best_score, best) = scored.first()?;
        let margin = scored.get(1).map(|s| best_score - s.0).unwrap_or(4.0);
        let mut confidence = (0.5 + margin / 8.0).clamp(0.35, 0.98) as f32;
        if evidence.how == 1 {
            confidence *= 0.85;
        } else if evidence.how == 2 {
            confidence *= 0.6;
        }
        let alternatives: Vec<Place> = scored.iter().skip(1).take(3).map(|s| s.1.clone()).collect();
        Some(Choice {
            best,
            confidence,
            alternatives,
        })
    }

    /// What the candidates `members` of one name say together.
    fn evidence(&self, members: &[usize]) -> Evidence {
        let cands = self.cands;
        let n = members.len() as f64;
        let region_share = members.iter().filter(|&&m| cands[m].region_cue).count() as f64 / n;
        let a_share = members.iter().filter(|&&m| cands[m].a_cue).count() as f64 / n;
        let how = members.iter().map(|&m| cands[m].how).min().unwrap_or(0);
        let mut all: Vec<u32> = members
            .iter()
            .flat_map(|&m| cands[m].places.iter().copied())
            .collect();
        all.sort_unstable();
        all.dedup();
        Evidence {
            region_share,
            a_share,
            how,
            all,
        }
    }

    /// The places of `evidence` with their scores, best first (ties by id).
    fn ranked(&self, key: &str, evidence: &Evidence) -> Vec<(f64, &'a Place)> {
        let gazetteer = self.gazetteer;
        let curated_countries: Vec<&str> = evidence
            .all
            .iter()
            .filter(|&&p| gazetteer.is_curated(key, p))
            .filter_map(|&p| gazetteer.place(p).map(|pl| pl.country.as_str()))
            .collect();
        let mut scored: Vec<(f64, &Place)> = evidence
            .all
            .iter()
            .filter_map(|&p| gazetteer.place(p).map(|pl| (p, pl)))
            .map(|(p, pl)| (self.score(key, p, pl, evidence, &curated_countries), pl))
            .collect();
        scored.sort_by(|a, b| {
            b.0.partial_cmp(&a.0)
                .unwrap_or(std::cmp::Ordering::Equal)
                .then(a.1.gid.cmp(&b.1.gid))
        });
        scored
    }

    /// The score of place `p` (`pl`) for name `key`: size, kind, cues, the article's
    /// countries. `curated_countries` are the countries of the places the hand-written files
    /// give this name.
    fn score(
        &self,
        key: &str,
        p: u32,
        pl: &Place,
        evidence: &Evidence,
        curated_countries: &[&str],
    ) -> f64 {
        let gazetteer = self.gazetteer;
        let src = gazetteer.source(p).unwrap_or(Source::GeoNames);
        let mut s = ((pl.population as f64) + 10.0).log10();
        s += self.kind_score(pl, src, evidence);
        // A French exonym from the hand-written files beats places that share the name
        // through GeoNames alternates only (Genève is Geneva, not Geneva, Illinois); a region and the
        // city it is named after share the name and the country, and both stay.
        if !curated_countries.is_empty()
            && !curated_countries.contains(&pl.country.as_str())
            && !gazetteer.is_curated(key, p)
            && !gazetteer.is_primary(key, p)
        {
            s -= 3.0;
        }
        if pl.kind == PlaceKind::City {
            s += 8.0 * evidence.a_share;
            if evidence.region_share > 0.5 {
                s -= 2.0;
            }
        }
        // Context: a country named or implied by the article helps, the more so the
        // more the article is about it (French adjectives are everywhere in French
        // news: "français" must not pull Vienna to Vienne, Isère).
        if let Some(&c) = self.context.get(&pl.country) {
            s += 3.0 * c as f64 / self.max_context;
        }
        // The press is French: a French place is a priori a little likelier than a
        // foreign one of the same size (`à Orange`).
        if pl.country == "FR" {
            s += 1.0;
        }
        s
    }

    /// What the kind of place `pl` (from `src`) adds to its score.
    fn kind_score(&self, pl: &Place, src: Source, evidence: &Evidence) -> f64 {
        match (pl.kind, src) {
            (PlaceKind::Country, _) => 6.0,
            (PlaceKind::Landmark, _) | (PlaceKind::Water, _) => 5.0,
            (PlaceKind::Region, _) => {
                // A region named like a city of its country wins only when most
                // mentions carry a region cue (`province d'Idlib`).
                if self.has_city(&evidence.all, &pl.country) {
                    3.5 + 8.0 * (evidence.region_share - 0.5)
                } else {
                    4.5
                }
            }
            (PlaceKind::City, Source::Supplement) => 4.0,
            _ => 0.0,
        }
    }

    /// True when one of the places `all` is a city of `country`.
    fn has_city(&self, all: &[u32], country: &str) -> bool {
        all.iter().any(|&p| {
            self.gazetteer
                .place(p)
                .is_some_and(|pl| pl.kind == PlaceKind::City && pl.country == country)
        })
    }
}
