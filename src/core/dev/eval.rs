//! Scoring extraction against gold annotations, with the matching rules of
//! `shared/eval/score.py` (greedy one-to-one matching, distance radii by kind, dates matched
//! at the gold precision).

use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Errors reading gold files.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    /// The gold folder could not be listed.
    #[error("cannot read gold folder {path}: {source}")]
    Folder {
        /// The folder.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// A gold file could not be read or parsed.
    #[error("bad gold file {path}: {reason}")]
    Gold {
        /// The file.
        path: String,
        /// Why.
        reason: String,
    },
    /// No gold file found.
    #[error("no *.json gold file in {0}")]
    Empty(String),
}

/// Precision / recall / F1 with counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize)]
pub struct Prf {
    /// True positives.
    pub tp: usize,
    /// Gold items.
    pub gold: usize,
    /// Predicted items.
    pub pred: usize,
}

impl Prf {
    /// tp / pred.
    pub fn precision(&self) -> f64 {
        if self.pred == 0 {
            0.0
        } else {
            self.tp as f64 / self.pred as f64
        }
    }
    /// tp / gold.
    pub fn recall(&self) -> f64 {
        if self.gold == 0 {
            0.0
        } else {
            self.tp as f64 / self.gold as f64
        }
    }
    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    fn add(&mut self, tp: usize, gold: usize, pred: usize) {
        self.tp += tp;
        self.gold += gold;
        self.pred += pred;
    }
}

/// The scores of one evaluation run.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Scores {
    /// Non-country places.
    pub places: Prf,
    /// Countries.
    pub countries: Prf,
    /// Explicit dates.
    pub dates: Prf,
    /// Events.
    pub events: Prf,
    /// (correct, total) publication dates given by the gold.
    pub published: (usize, usize),
    /// (correct, total) publication dates the gold annotator inferred.
    pub inferred: (usize, usize),
    /// Gold ids with no prediction.
    pub missing: Vec<String>,
    /// Per-article mismatches, for `--verbose`.
    pub details: Vec<String>,
}

impl std::fmt::Display for Scores {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (k, v) in [
            ("places", self.places),
            ("countries", self.countries),
            ("dates", self.dates),
            ("events", self.events),
        ] {
            writeln!(
                f,
                "{k:10} P {:.3}  R {:.3}  F1 {:.3}  (tp {}, gold {}, pred {})",
                v.precision(),
                v.recall(),
                v.f1(),
                v.tp,
                v.gold,
                v.pred
            )?;
        }
        writeln!(
            f,
            "published  {}/{}  inferred {}/{}",
            self.published.0, self.published.1, self.inferred.0, self.inferred.1
        )?;
        if !self.missing.is_empty() {
            writeln!(f, "articles missing from prediction: {:?}", self.missing)?;
        }
        Ok(())
    }
}

use crate::core::extract::places::geodesy::{LatLon, km};

fn radius_km(kind: &str) -> f64 {
    match kind {
        "region" => 150.0,
        "water" => 400.0,
        "country" => 800.0,
        _ => 50.0,
    }
}

/// A predicted date matches when it is at least as precise and agrees at the gold precision.
pub fn date_matches(gold: &str, pred: Option<&str>) -> bool {
    pred.is_some_and(|p| p.len() >= gold.len() && p.starts_with(gold))
}

fn f(v: &Value, k: &str) -> Option<f64> {
    match &v[k] {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.parse().ok(),
        _ => None,
    }
}

fn s<'a>(v: &'a Value, k: &str) -> &'a str {
    v[k].as_str().unwrap_or("")
}

fn place_matches(g: &Value, p: &Value) -> bool {
    let (Some(plat), Some(plon)) = (f(p, "lat"), f(p, "lon")) else {
        return false;
    };
    let (glat, glon) = (f(g, "lat").unwrap_or(0.0), f(g, "lon").unwrap_or(0.0));
    if s(g, "kind") == "country" {
        if s(p, "kind") == "country" && s(p, "country").eq_ignore_ascii_case(s(g, "country")) {
            return true;
        }
        return s(p, "kind") == "country"
            && km(LatLon::new(glat, glon), LatLon::new(plat, plon)) <= radius_km("country");
    }
    if s(p, "kind") == "country" {
        return false;
    }
    km(LatLon::new(glat, glon), LatLon::new(plat, plon)) <= radius_km(s(g, "kind"))
}

fn greedy<G, P>(
    gold: &[G],
    pred: &[P],
    ok: impl Fn(&G, &P) -> bool,
) -> (usize, Vec<usize>, Vec<usize>) {
    let mut used = vec![false; pred.len()];
    let mut missed = Vec::new();
    for (gi, g) in gold.iter().enumerate() {
        match (0..pred.len()).find(|&i| !used[i] && ok(g, &pred[i])) {
            Some(i) => used[i] = true,
            None => missed.push(gi),
        }
    }
    let extra = (0..pred.len()).filter(|&i| !used[i]).collect();
    (gold.len() - missed.len(), missed, extra)
}

fn dedup(v: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    v.into_iter().filter(|x| seen.insert(x.clone())).collect()
}

/// Scores `prediction` (a FORMAT.md document) against every `*.json` in `gold_dir`.
pub fn score(gold_dir: &Path, prediction: &Value) -> Result<Scores, EvalError> {
    let files = gold_files(gold_dir)?;
    let preds = predictions_by_id(prediction);
    let mut sc = Scores::default();
    let empty = Value::Null;
    for path in files {
        let g = read_gold(&path)?;
        let id = s(&g, "id").to_string();
        let p = match preds.get(&id) {
            Some(p) => *p,
            None => {
                sc.missing.push(id.clone());
                &empty
            }
        };
        sc.score_published(&g, p);
        sc.score_places(&id, &g, p);
        sc.score_countries(&id, &g, p);
        sc.score_dates(&id, &g, p);
        sc.score_events(&id, &g, p);
    }
    Ok(sc)
}

/// The `*.json` files of `gold_dir`, sorted.
fn gold_files(gold_dir: &Path) -> Result<Vec<PathBuf>, EvalError> {
    let mut files: Vec<_> = std::fs::read_dir(gold_dir)
        .map_err(|e| EvalError::Folder {
            path: gold_dir.display().to_string(),
            source: e,
        })?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(EvalError::Empty(gold_dir.display().to_string()));
    }
    Ok(files)
}

/// The predicted articles by id (else by file stem).
fn predictions_by_id(prediction: &Value) -> HashMap<String, &Value> {
    let mut preds: HashMap<String, &Value> = HashMap::new();
    for a in prediction["articles"].as_array().into_iter().flatten() {
        let key = match a["id"].as_str() {
            Some(id) => id.to_string(),
            None => Path::new(s(a, "path"))
                .file_stem()
                .map(|x| x.to_string_lossy().into_owned())
                .unwrap_or_default(),
        };
        preds.insert(key, a);
    }
    preds
}

fn read_gold(path: &Path) -> Result<Value, EvalError> {
    let text = std::fs::read_to_string(path).map_err(|e| EvalError::Gold {
        path: path.display().to_string(),
        reason: e.to_string(),
    })?;
    serde_json::from_str(&text).map_err(|e| EvalError::Gold {
        path: path.display().to_string(),
        reason: e.to_string(),
    })
}

/// The objects of array `k` of `v`.
fn objects<'a>(v: &'a Value, k: &str) -> Vec<&'a Value> {
    v[k].as_array()
        .into_iter()
        .flatten()
        .filter(|x| x.is_object())
        .collect()
}

/// Gold `g` and prediction `p` of one article scored field by field.
impl Scores {
    fn score_published(&mut self, g: &Value, p: &Value) {
        let ppub = p["published"].as_str();
        if let Some(gp) = g["published"].as_str() {
            self.published.1 += 1;
            self.published.0 += date_matches(gp, ppub) as usize;
        } else if let Some(gi) = g["published_inferred"].as_str() {
            self.inferred.1 += 1;
            self.inferred.0 += date_matches(gi, ppub) as usize;
        }
    }

    fn score_places(&mut self, id: &str, g: &Value, p: &Value) {
        self.score_place_kind(id, g, p, false);
    }

    fn score_countries(&mut self, id: &str, g: &Value, p: &Value) {
        self.score_place_kind(id, g, p, true);
    }

    /// Countries (when `countries`) or the other places.
    fn score_place_kind(&mut self, id: &str, g: &Value, p: &Value, countries: bool) {
        let gp: Vec<&Value> = g["places"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|x| (s(x, "kind") == "country") == countries)
            .collect();
        let pp: Vec<&Value> = objects(p, "places")
            .into_iter()
            .filter(|x| (s(x, "kind") == "country") == countries)
            .collect();
        let (tp, missed, extra) = greedy(&gp, &pp, |a, b| place_matches(a, b));
        let t = if countries {
            &mut self.countries
        } else {
            &mut self.places
        };
        t.add(tp, gp.len(), pp.len());
        if !missed.is_empty() || !extra.is_empty() {
            self.details.push(format!(
                "{id} {}: missed {:?} extra {:?}",
                if countries { "countries" } else { "places" },
                missed.iter().map(|&i| s(gp[i], "name")).collect::<Vec<_>>(),
                extra.iter().map(|&i| s(pp[i], "name")).collect::<Vec<_>>()
            ));
        }
    }

    fn score_dates(&mut self, id: &str, g: &Value, p: &Value) {
        let gd = dedup(
            g["dates"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|x| x.as_str().map(String::from))
                .collect(),
        );
        let pd = dedup(
            p["dates"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|x| x.as_str().or_else(|| x["value"].as_str()).map(String::from))
                .collect(),
        );
        let (tp, missed, extra) = greedy(&gd, &pd, |a, b| a == b);
        self.dates.add(tp, gd.len(), pd.len());
        if !missed.is_empty() || !extra.is_empty() {
            self.details.push(format!(
                "{id} dates: missed {:?} extra {:?}",
                missed.iter().map(|&i| &gd[i]).collect::<Vec<_>>(),
                extra.iter().map(|&i| &pd[i]).collect::<Vec<_>>()
            ));
        }
    }

    fn score_events(&mut self, id: &str, g: &Value, p: &Value) {
        let ge: Vec<&Value> = g["events"].as_array().into_iter().flatten().collect();
        let pe = objects(p, "events");
        let (tp, missed, extra) = greedy(&ge, &pe, event_matches);
        self.events.add(tp, ge.len(), pe.len());
        if !missed.is_empty() || !extra.is_empty() {
            self.details.push(format!(
                "{id} events: missed {:?} extra {:?}",
                missed
                    .iter()
                    .map(|&i| (s(ge[i], "date"), s(ge[i], "place")))
                    .collect::<Vec<_>>(),
                extra
                    .iter()
                    .map(|&i| (s(pe[i], "date"), s(pe[i], "place")))
                    .collect::<Vec<_>>()
            ));
        }
    }
}

/// A predicted event matches a gold one when its date matches the gold date (or its
/// alternative) and it lies within 60 km.
fn event_matches(g: &&Value, p: &&Value) -> bool {
    let mut dates = vec![s(g, "date")];
    if let Some(alt) = g["date_alt"].as_str() {
        dates.push(alt);
    }
    if !dates.iter().any(|d| date_matches(d, p["date"].as_str())) {
        return false;
    }
    match (f(g, "lat"), f(g, "lon"), f(p, "lat"), f(p, "lon")) {
        (Some(a), Some(b), Some(c), Some(d)) => km(LatLon::new(a, b), LatLon::new(c, d)) <= 60.0,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_match_at_gold_precision_only_when_at_least_as_precise() {
        assert!(date_matches("2019-02", Some("2019-02-14")));
        assert!(!date_matches("2019-02-14", Some("2019-02")));
        assert!(!date_matches("2019-02", Some("2019-03-01")));
        assert!(!date_matches("2019", None));
    }

    #[test]
    fn greedy_matching_is_one_to_one() {
        let (tp, missed, extra) = greedy(&[1, 1, 2], &[1, 3], |a, b| a == b);
        assert_eq!((tp, missed, extra), (1, vec![1, 2], vec![1]));
    }
}
