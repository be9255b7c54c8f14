//! Why each place, date and event of an article was kept or rejected: the rule that decided,
//! the evidence in the text, the confidence and the alternatives considered. It is how a user
//! or a developer understands a wrong dot on the map (`chronocarte extract --explain FILE`),
//! and what an evidence view reads.
//!
//! The explanation is built from the article the pipeline produced, so it can never disagree
//! with what the map shows; the only extra pass finds the event trigger words that made no
//! event, to say why.

use crate::core::extract::events::trigger_spans;
use crate::core::model::{Article, DateKind, DateMention, Event, Place, PlaceMention, Span};
use crate::core::text;
use serde::Serialize;

/// What the pipeline decided about one item, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Decision {
    /// "date", "place" or "event".
    pub stage: &'static str,
    /// Kept (shown on the map / timeline) or rejected.
    pub kept: bool,
    /// The text it is about, as written.
    pub text: String,
    /// Byte span in the article text.
    pub span: Span,
    /// What it resolved to ("2019-02-14", "Damas (Damascus, city, SY)", "meeting on …").
    pub value: String,
    /// The rule that decided, in words.
    pub rule: String,
    /// The words of the text that support it.
    pub evidence: Vec<String>,
    /// 0..1, when the stage gives one.
    pub confidence: Option<f32>,
    /// Other readings considered, best first.
    pub alternatives: Vec<String>,
}

/// The explanation of one article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Explanation {
    /// Article id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// The publication date, how it was found, and the warnings of that step.
    pub published: String,
    /// One decision per date mention, place mention, event and event word left without one.
    pub decisions: Vec<Decision>,
}

/// Explains `article`, extracted from `text`.
pub fn explain(text: &str, article: &Article) -> Explanation {
    let reference = article.published.map(|p| p.iso());
    let mut decisions: Vec<Decision> = Vec::new();
    decisions.extend(
        article
            .dates
            .iter()
            .map(|d| date_decision(d, reference.as_deref())),
    );
    decisions.extend(place_decisions(&article.places));
    decisions.extend(article.events.iter().map(|e| event_decision(e, article)));
    decisions.extend(idle_triggers(text, article));
    Explanation {
        id: article.id.clone(),
        title: article.title.clone(),
        published: published_line(article),
        decisions,
    }
}

fn published_line(a: &Article) -> String {
    let mut line = match (a.published, a.published_source) {
        (Some(p), Some(s)) => format!(
            "{} (source: {}, confidence {:.2})",
            p.iso(),
            s.as_str(),
            a.published_confidence
        ),
        (Some(p), None) => p.iso(),
        (None, _) => {
            "unknown: relative dates and day-month dates without a year stay unplaced".to_string()
        }
    };
    for w in &a.warnings {
        line.push_str(&format!("\n  warning: {w}"));
    }
    line
}

fn date_decision(d: &DateMention, reference: Option<&str>) -> Decision {
    let against = reference.unwrap_or("the article's dates");
    let rule = if d.furniture {
        "rejected: in page furniture (menu, teaser, stamp), kept out of events and the timeline"
            .to_string()
    } else {
        match d.kind {
            DateKind::Explicit if has_year(&d.text) => "explicit date, year written".to_string(),
            DateKind::Explicit => format!("explicit date without a year: year from {against}"),
            DateKind::Relative => format!("relative date, counted from {against}"),
            DateKind::Weekday => format!(
                "weekday: the nearest such day before {against}; dates events, not listed itself"
            ),
        }
    };
    let value = match d.end {
        Some(end) => format!(
            "{} to {} ({:?})",
            d.value.iso(),
            end.iso(),
            d.value.precision
        ),
        None => format!("{} ({:?})", d.value.iso(), d.value.precision),
    };
    Decision {
        stage: "date",
        kept: !d.furniture,
        text: d.text.clone(),
        span: d.span,
        value,
        rule,
        evidence: vec![d.text.clone()],
        confidence: None,
        alternatives: Vec::new(),
    }
}

fn has_year(s: &str) -> bool {
    s.as_bytes()
        .windows(4)
        .any(|w| w.iter().all(u8::is_ascii_digit) && matches!(w[0], b'1' | b'2'))
}

/// One decision per written form, place and verdict (an article names Idlib ten times: one
/// line, with the other positions as evidence).
fn place_decisions(mentions: &[PlaceMention]) -> Vec<Decision> {
    let mut out: Vec<(Decision, u32, bool)> = Vec::new();
    for m in mentions {
        let same = out.iter_mut().find(|(d, gid, furniture)| {
            *gid == m.place.gid && *furniture == m.furniture && d.text == m.surface
        });
        match same {
            Some((d, _, _)) => d.evidence.push(format!("again at @{}", m.span.start)),
            None => out.push((place_decision(m), m.place.gid, m.furniture)),
        }
    }
    out.into_iter().map(|(d, _, _)| d).collect()
}

fn place_decision(m: &PlaceMention) -> Decision {
    let rule = if m.furniture {
        "rejected: in page furniture, not drawn"
    } else if !crate::core::extract::names::written_as_a_name(&m.surface) {
        "a description (\"la capitale turque\") resolved to the place it designates"
    } else if m.alternatives.is_empty() {
        "no homonym: the one place of this name in the gazetteer (or the only one in context)"
    } else {
        "chosen among homonyms by the article's countries, cues (\"province de\", \"à\") and population"
    };
    Decision {
        stage: "place",
        kept: !m.furniture,
        text: m.surface.clone(),
        span: m.span,
        value: describe_place(&m.place),
        rule: rule.to_string(),
        evidence: Vec::new(),
        confidence: Some(m.confidence),
        alternatives: m.alternatives.iter().map(describe_place).collect(),
    }
}

/// "Damas (Damascus, city, SY, population 1 569 394, 33.51°, 36.29°)".
pub fn describe_place(p: &Place) -> String {
    let canonical = if p.canonical.is_empty() || p.canonical == p.name {
        String::new()
    } else {
        format!("{}, ", p.canonical)
    };
    format!(
        "{} ({canonical}{}, {}, population {}, {:.2}°, {:.2}°)",
        p.name,
        p.kind.as_str(),
        p.country,
        p.population,
        p.lat,
        p.lon
    )
}

fn event_decision(e: &Event, a: &Article) -> Decision {
    let inside = |s: Span| s.start >= e.span.start && s.end <= e.span.end;
    let mut evidence = vec![format!("trigger: {}", e.trigger)];
    let date_written = a
        .dates
        .iter()
        .find(|d| inside(d.span) && !d.furniture && d.value == e.date);
    evidence.push(match date_written {
        Some(d) => format!("date in the sentence: {}", d.text),
        None => format!(
            "date {} from the context (an earlier sentence or the publication date)",
            e.date.iso()
        ),
    });
    if let Some(p) = &e.place {
        let written = a
            .places
            .iter()
            .find(|m| inside(m.span) && m.place.gid == p.gid);
        evidence.push(match written {
            Some(m) => format!("place in the sentence: {}", m.surface),
            None => format!("place {} from the context", p.name),
        });
    }
    for actor in &e.actors {
        evidence.push(format!("actor: {}", actor.name));
    }
    let value = format!(
        "{} on {}{} at {}",
        e.kind.as_str(),
        e.date.iso(),
        e.date_end
            .map(|d| format!(" to {}", d.iso()))
            .unwrap_or_default(),
        e.place.as_ref().map_or("no place", |p| p.name.as_str())
    );
    Decision {
        stage: "event",
        kept: true,
        text: e.sentence.clone(),
        span: e.span,
        value,
        rule: "a trigger word with a date (and a place) in its sentence or its context".into(),
        evidence,
        confidence: Some(e.confidence),
        alternatives: Vec::new(),
    }
}

/// The event words that made no event, with the likely reason.
fn idle_triggers(text: &str, a: &Article) -> Vec<Decision> {
    let words = text::fold_words(text);
    let sentences = text::sentences(text);
    let furniture = crate::core::extract::furniture::furniture_ranges(text);
    trigger_spans(text, &words.words)
        .into_iter()
        .filter(|t| {
            !a.events
                .iter()
                .any(|e| e.span.start <= t.start && t.end <= e.span.end)
        })
        .map(|t| {
            let sentence = sentences
                .iter()
                .find(|s| s.start <= t.start && t.end <= s.end)
                .copied()
                .unwrap_or(t);
            let in_sentence = |s: Span| s.start >= sentence.start && s.end <= sentence.end;
            let has_date = a.dates.iter().any(|d| in_sentence(d.span) && !d.furniture);
            let has_place = a.places.iter().any(|m| in_sentence(m.span) && !m.furniture);
            let rule = match (has_date, has_place) {
                _ if crate::core::model::inside_any(&furniture, t) => {
                    "rejected: in page furniture (a teaser, a menu, a related link)"
                }
                (false, _) => {
                    "rejected: no date in the sentence; the publication date stands in only for \
                     a happening reported in the past or present at a place (à X, dans X)"
                }
                (true, false) => "rejected: a date but no place for it",
                (true, true) => {
                    "rejected: the date or place did not attach (background, negation, \
                     another event's, or merged with a stronger event)"
                }
            };
            Decision {
                stage: "event",
                kept: false,
                text: text.get(t.start..t.end).unwrap_or_default().to_string(),
                span: t,
                value: String::new(),
                rule: rule.into(),
                evidence: vec![
                    text.get(sentence.start..sentence.end)
                        .unwrap_or_default()
                        .trim()
                        .to_string(),
                ],
                confidence: None,
                alternatives: Vec::new(),
            }
        })
        .collect()
}

impl std::fmt::Display for Explanation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "{}: {}", self.id, self.title)?;
        writeln!(f, "published: {}", self.published)?;
        for stage in ["date", "place", "event"] {
            let of_stage: Vec<&Decision> =
                self.decisions.iter().filter(|d| d.stage == stage).collect();
            let kept = of_stage.iter().filter(|d| d.kept).count();
            writeln!(
                f,
                "\n{}S: {kept} kept, {} rejected",
                stage.to_uppercase(),
                of_stage.len() - kept
            )?;
            for d in of_stage {
                write!(f, "{d}")?;
            }
        }
        Ok(())
    }
}

impl std::fmt::Display for Decision {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let verdict = if self.kept { "kept" } else { "REJECTED" };
        let text = crate::core::model::snippet(&self.text, 70);
        write!(f, "  {verdict:<8} \"{text}\" @{}", self.span.start)?;
        if !self.value.is_empty() {
            write!(f, " → {}", self.value)?;
        }
        if let Some(c) = self.confidence {
            write!(f, "  [confidence {c:.2}]")?;
        }
        writeln!(f, "\n           rule: {}", self.rule)?;
        for e in self.evidence.iter().filter(|e| **e != self.text) {
            writeln!(
                f,
                "           evidence: {}",
                crate::core::model::snippet(e, 110)
            )?;
        }
        for a in &self.alternatives {
            writeln!(f, "           also considered: {a}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::extract::{extract, places::gazetteer::Gazetteer};
    use crate::core::model::Document;

    fn explained(text: &str) -> (Article, Explanation) {
        let doc = Document {
            id: "t".into(),
            path: "t.txt".into(),
            text: text.into(),
            ..Document::default()
        };
        let a = extract(&doc, Gazetteer::global());
        let e = explain(text, &a);
        (a, e)
    }

    const TEXT: &str = "Combats à Alep\n\n\
        Beyrouth, 3 mars 2016 (AFP) - De violents combats ont opposé mardi 1er mars 2016 \
        l'armée aux rebelles à Alep, selon une ONG. Les négociations restent une piste, \
        estiment les diplomates.\n";

    #[test]
    fn every_date_place_and_event_is_accounted_for() {
        let (a, e) = explained(TEXT);
        let of = |stage: &str, kept: bool| {
            e.decisions
                .iter()
                .filter(|d| d.stage == stage && d.kept == kept)
                .count()
        };
        assert!(!a.events.is_empty(), "the fixture has an event");
        assert_eq!(of("event", true), a.events.len());
        assert_eq!(
            of("date", true),
            a.dates.iter().filter(|d| !d.furniture).count()
        );
        let kept_forms = a.places.iter().filter(|m| !m.furniture).count();
        assert!(of("place", true) >= 1 && of("place", true) <= kept_forms);
        let aleppo = e
            .decisions
            .iter()
            .find(|d| d.stage == "place" && d.text == "Alep")
            .expect("Alep explained");
        assert!(
            aleppo.value.contains("Aleppo") && aleppo.value.contains("SY"),
            "{aleppo:?}"
        );
        assert!(
            aleppo.evidence.iter().any(|x| x.starts_with("again at @")),
            "{aleppo:?}"
        );
        let dated_in_sentence = e.decisions.iter().any(|d| {
            d.stage == "event"
                && d.kept
                && d.evidence
                    .iter()
                    .any(|x| x == "date in the sentence: mardi 1er mars 2016")
        });
        assert!(dated_in_sentence, "{:#?}", e.decisions);
    }

    #[test]
    fn an_event_word_without_a_date_is_rejected_with_a_reason() {
        let (_, e) = explained(TEXT);
        let idle = e
            .decisions
            .iter()
            .find(|d| {
                d.stage == "event" && !d.kept && d.text.to_lowercase().starts_with("négociation")
            })
            .expect("the undated word is explained");
        assert!(idle.rule.contains("no date"), "{idle:?}");
        assert!(
            idle.evidence[0].contains("diplomates"),
            "its sentence is the evidence"
        );
    }

    #[test]
    fn the_text_rendering_names_verdicts_rules_and_the_publication_date() {
        let (_, e) = explained(TEXT);
        let s = e.to_string();
        assert!(s.contains("published: 2016-03-03"), "{s}");
        assert!(
            s.contains("kept") && s.contains("REJECTED") && s.contains("rule:"),
            "{s}"
        );
    }

    #[test]
    fn an_empty_text_explains_nothing_without_failing() {
        let (_, e) = explained("");
        assert!(e.decisions.is_empty());
        assert!(e.published.starts_with("unknown"));
    }
}
