//! The trigger lexicon: the French words that announce an event, the kind each announces, and
//! how the trigger words of one sentence group into clusters.

use crate::core::model::{EventKind, Span};
use crate::core::text::{self, FoldedWord, starts_with_caseless};
use aho_corasick::AhoCorasick;
use std::sync::LazyLock;

/// Trigger stems, most specific first; a word is a trigger when it starts with one of them.
const TRIGGERS: &[(&str, EventKind)] = &[
    ("téléphon", EventKind::Call),
    ("entretien téléphonique", EventKind::Call),
    ("conversation téléphonique", EventKind::Call),
    ("appel téléphonique", EventKind::Call),
    ("sommet", EventKind::Summit),
    ("tête-à-tête", EventKind::Meeting),
    ("poignée de main", EventKind::Meeting),
    ("rencontr", EventKind::Meeting),
    ("réunion", EventKind::Meeting),
    ("rendez-vous", EventKind::Meeting),
    ("réuni", EventKind::Meeting),
    ("entretien", EventKind::Meeting),
    ("entretenu", EventKind::Meeting),
    ("visite", EventKind::Meeting),
    // `doit se tenir le 5 mars`, `s'est tenue à Genève`: a gathering held somewhere.
    ("se tient", EventKind::Meeting),
    ("se tiendr", EventKind::Meeting),
    ("se tenir", EventKind::Meeting),
    ("se tenait", EventKind::Meeting),
    ("s'est tenu", EventKind::Meeting),
    ("s’est tenu", EventKind::Meeting),
    ("reçu", EventKind::Meeting),
    ("pourparlers", EventKind::Talks),
    ("processus de paix", EventKind::Talks),
    ("négociation", EventKind::Talks),
    ("négocié", EventKind::Talks),
    ("discussion", EventKind::Talks),
    ("discuté", EventKind::Talks),
    ("conférence", EventKind::Talks),
    ("accord", EventKind::Agreement),
    ("convenu", EventKind::Agreement),
    ("conclu", EventKind::Agreement),
    ("signé", EventKind::Agreement),
    ("signature", EventKind::Agreement),
    ("cessez-le-feu", EventKind::Agreement),
    ("trêve", EventKind::Agreement),
    ("attaqu", EventKind::Attack),
    ("attentat", EventKind::Attack),
    ("frappe", EventKind::Attack),
    ("frappé", EventKind::Attack),
    ("bombard", EventKind::Attack),
    ("raid", EventKind::Attack),
    ("embuscade", EventKind::Attack),
    ("tirs", EventKind::Attack),
    ("roquette", EventKind::Attack),
    ("missile", EventKind::Attack),
    ("explosion", EventKind::Attack),
    ("destruction", EventKind::Attack),
    ("abattu", EventKind::Attack),
    ("tué", EventKind::Attack),
    ("offensive", EventKind::Offensive),
    ("contre-offensive", EventKind::Offensive),
    ("assaut", EventKind::Offensive),
    ("entrée", EventKind::Offensive),
    ("entré", EventKind::Offensive),
    ("reprise", EventKind::Offensive),
    ("repris", EventKind::Offensive),
    ("progression", EventKind::Offensive),
    ("invasion", EventKind::Offensive),
    ("emparé", EventKind::Offensive),
    ("libération", EventKind::Offensive),
    ("libéré", EventKind::Offensive),
    ("chassé", EventKind::Offensive),
    ("captur", EventKind::Offensive),
    ("occupé", EventKind::Offensive),
    ("conquête", EventKind::Offensive),
    ("conquis", EventKind::Offensive),
    ("reconquête", EventKind::Offensive),
    ("reconquis", EventKind::Offensive),
    ("pris la ville", EventKind::Offensive),
    ("pris le village", EventKind::Offensive),
    ("pris la localité", EventKind::Offensive),
    ("tombé aux mains", EventKind::Offensive),
    ("tombée aux mains", EventKind::Offensive),
    ("tombée sous le contrôle", EventKind::Offensive),
    ("retournée sous le contrôle", EventKind::Offensive),
    ("retourné sous le contrôle", EventKind::Offensive),
    ("passée sous le contrôle", EventKind::Offensive),
    ("passé sous le contrôle", EventKind::Offensive),
    ("pris le contrôle", EventKind::Offensive),
    ("repris le contrôle", EventKind::Offensive),
    ("prenant le contrôle", EventKind::Offensive),
    ("encerclé", EventKind::Offensive),
    ("envahi", EventKind::Offensive),
    ("combat", EventKind::Fighting),
    ("affrontement", EventKind::Fighting),
    ("affronté", EventKind::Fighting),
    ("heurts", EventKind::Fighting),
    ("accrochage", EventKind::Fighting),
    ("bataille", EventKind::Fighting),
    ("retrait", EventKind::Withdrawal),
    // `se retirent`, `se retireraient de Manbij`, `retiré`: every form of the verb.
    ("retir", EventKind::Withdrawal),
    ("évacu", EventKind::Withdrawal),
    ("quitt", EventKind::Withdrawal),
    ("départ", EventKind::Withdrawal),
    ("reddition", EventKind::Withdrawal),
    ("capitul", EventKind::Withdrawal),
    ("remis leurs armes", EventKind::Withdrawal),
    ("remis les armes", EventKind::Withdrawal),
    ("rendu leurs armes", EventKind::Withdrawal),
    ("rendu les armes", EventKind::Withdrawal),
    ("déposé les armes", EventKind::Withdrawal),
    ("déployé", EventKind::Other),
    ("arrivée", EventKind::Other),
    ("déplacés", EventKind::Displacement),
    ("exode", EventKind::Displacement),
    ("fui", EventKind::Displacement),
    ("manifest", EventKind::Other),
    ("patrouill", EventKind::Other),
    ("élection", EventKind::Other),
    ("déclaré", EventKind::Statement),
    ("annoncé", EventKind::Statement),
    ("communiqué", EventKind::Statement),
];

/// Words that start with a trigger stem but announce nothing (`département` is no `départ`,
/// `les combattants` are people, not a fight).
const NOT_TRIGGERS: &[&str] = &["département", "départemental", "conquistador", "combattant"];

/// The trigger stems, for substring tests ([`place_role`](super::place_role::place_role)).
pub(super) static TRIGGER_AC: LazyLock<AhoCorasick> =
    LazyLock::new(|| text::caseless_automaton(TRIGGERS.iter().map(|(s, _)| *s)));

/// The trigger stems, tested at word starts ([`trigger_words`]).
static TRIGGER_STEMS: LazyLock<text::CaselessStems> =
    LazyLock::new(|| text::CaselessStems::new(TRIGGERS.iter().map(|(s, _)| *s)));

/// Trigger words of `text`, whose words are `words`: byte ranges of whole words that start with
/// a stem (the longest stem that starts there, then the rest of its word, hyphens included). A
/// stem inside a word (`préaccord`) is no trigger; after a hyphen it is (`pré-accord`).
pub(super) fn trigger_words(text: &str, words: &[FoldedWord]) -> Vec<Span> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    // Where the last trigger word ended: a stem found inside it starts no other.
    let mut resume = 0;
    for w in words {
        if w.os < resume {
            continue;
        }
        let Some(len) = TRIGGER_STEMS.longest_at(bytes, w.os) else {
            continue;
        };
        let stem_end = w.os + len;
        let end = stem_end
            + text[stem_end..]
                .char_indices()
                .find(|&(_, c)| !(text::is_alphabetic(c) || c == '-'))
                .map_or(text.len() - stem_end, |(i, _)| i);
        out.push(Span::new(w.os, end));
        resume = end;
    }
    out
}

/// The kind of the trigger `word` (the longest stem it starts with); `None` if it is none.
pub(super) fn kind_of(word: &str) -> Option<EventKind> {
    // Lower case, every run of white space one space (`entretien\u{a0}téléphonique`).
    let mut w = String::with_capacity(word.len());
    let mut gap = false;
    for c in word.chars() {
        if c.is_whitespace() {
            gap = true;
            continue;
        }
        if std::mem::take(&mut gap) && !w.is_empty() {
            w.push(' ');
        }
        text::push_lowercase_char(&mut w, c);
    }
    if NOT_TRIGGERS.iter().any(|n| w.starts_with(n)) {
        return None;
    }
    // Longest stem first so "contre-offensive" and "conversation téléphonique" win.
    TRIGGERS
        .iter()
        // The first byte turns most stems away without a string compare.
        .filter(|(s, _)| w.as_bytes().first() == s.as_bytes().first() && w.starts_with(s))
        .max_by_key(|(s, _)| s.len())
        .map(|(_, k)| *k)
}

/// Plural agreement nouns name agreements made earlier (`les accords de Sotchi`); an
/// occupation is a state more often than a happening (`la ville occupée par l'EI`): both make
/// an event only with a date of their own (`occupée en mai 2015`).
fn is_background(word: &str) -> bool {
    starts_with_caseless(word, "accords") || starts_with_caseless(word, "occupé")
}

/// Kinds that only count when nothing more specific is in the sentence.
pub(super) fn is_weak(kind: EventKind) -> bool {
    matches!(kind, EventKind::Statement)
}

/// A date mention lies between the byte offsets `from` and `to`: two trigger words on either
/// side of it tell two happenings (`occupée en mai 2015, chassée en mars 2016`).
fn date_between(dates: &[Span], from: usize, to: usize) -> bool {
    dates.iter().any(|d| d.start >= from && d.end <= to)
}

/// A run of trigger words of the same kind group, close together in one sentence.
#[derive(Debug, Clone)]
pub(super) struct Cluster {
    pub(super) span: Span,
    pub(super) kind: EventKind,
    pub(super) trigger: String,
    /// Only background triggers (`les accords`): they refer to something earlier, so they
    /// make an event only with a date of their own.
    pub(super) background: bool,
}

/// Clusters of the trigger words `words` (spans in `text`, all in one sentence), whose date
/// mentions are `dates` (spans, in text order).
pub(super) fn clusters_in(text: &str, words: &[Span], dates: &[Span]) -> Vec<Cluster> {
    let mut out: Vec<Cluster> = Vec::new();
    for &span in words {
        let word = &text[span.start..span.end];
        let Some(kind) = kind_of(word) else {
            continue;
        };
        if let Some(last) = out.last_mut()
            && last.kind.group() == kind.group()
            && span.start.saturating_sub(last.span.end) < 60
            && !date_between(dates, last.span.end, span.start)
        {
            last.span.end = span.end;
            last.background &= is_background(word);
            if kind == EventKind::Summit || kind == EventKind::Call {
                last.kind = kind;
                last.trigger = word.to_string();
            }
            continue;
        }
        out.push(Cluster {
            span,
            kind,
            trigger: word.to_string(),
            background: is_background(word),
        });
    }
    if out.iter().any(|c| !is_weak(c.kind)) {
        out.retain(|c| !is_weak(c.kind));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn triggers(t: &str) -> Vec<Span> {
        trigger_words(t, &text::fold_words(t).words)
    }

    #[test]
    fn triggers_map_to_kinds() {
        assert_eq!(kind_of("sommet"), Some(EventKind::Summit));
        assert_eq!(kind_of("contre-offensive"), Some(EventKind::Offensive));
        assert_eq!(kind_of("rencontré"), Some(EventKind::Meeting));
        assert_eq!(kind_of("téléphonique"), Some(EventKind::Call));
        assert_eq!(kind_of("pourparlers"), Some(EventKind::Talks));
        assert_eq!(kind_of("maison"), None);
    }

    #[test]
    fn same_group_triggers_close_together_form_one_cluster() {
        let clusters = |t: &str| clusters_in(t, &triggers(t), &[]);
        let c = clusters("ont conclu le 15 septembre un accord pour déployer");
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].kind, EventKind::Agreement);
        let c = clusters("La rencontre a eu lieu après la destruction d'un avion");
        assert_eq!(c.len(), 2);
    }

    /// Takings, surrenders, departures and scheduled gatherings told with verbs the first
    /// lexicon missed; words that only start like a trigger stay out.
    #[test]
    fn new_trigger_words_and_their_kinds() {
        let cases: &[(&str, Option<EventKind>)] = &[
            ("capturée", Some(EventKind::Offensive)),
            ("reconquête", Some(EventKind::Offensive)),
            ("pris la ville", Some(EventKind::Offensive)),
            ("tombée aux mains", Some(EventKind::Offensive)),
            ("quittent", Some(EventKind::Withdrawal)),
            ("retireraient", Some(EventKind::Withdrawal)),
            ("retirent", Some(EventKind::Withdrawal)),
            ("retirée", Some(EventKind::Withdrawal)),
            ("départ", Some(EventKind::Withdrawal)),
            ("remis leurs armes", Some(EventKind::Withdrawal)),
            ("se tiendra", Some(EventKind::Meeting)),
            ("patrouiller", Some(EventKind::Other)),
            ("département", None),
            ("départemental", None),
            ("combattants", None),
            ("combattante", None),
            ("combat", Some(EventKind::Fighting)),
            ("combattu", Some(EventKind::Fighting)),
        ];
        for (word, kind) in cases {
            assert_eq!(kind_of(word), *kind, "{word}");
        }
    }

    /// Two triggers of one group with a date between them tell two happenings.
    #[test]
    fn a_date_between_two_triggers_splits_their_cluster() {
        let cases: &[(&str, &str, usize)] = &[
            (
                "occupée en mai 2015 puis chassée en mars 2016",
                "mai 2015",
                2,
            ),
            (
                "chassée en mars 2016, mais reprise en décembre",
                "mars 2016",
                2,
            ),
            ("ont conclu un accord le 15 septembre", "15 septembre", 1),
        ];
        for (t, date, n) in cases {
            let at = t.find(date).unwrap_or(0);
            let dates = [Span::new(at, at + date.len())];
            assert_eq!(clusters_in(t, &triggers(t), &dates).len(), *n, "{t}");
        }
    }

    #[test]
    fn occupation_is_background() {
        let t = "la ville occupée par les rebelles";
        let c = clusters_in(t, &triggers(t), &[]);
        assert!(c.len() == 1 && c[0].background);
    }

    #[test]
    fn trigger_words_are_whole_words_in_any_case() {
        let t = "SOMMET à Sotchi ; Entretien\u{a0}téléphonique ; préaccord ; Évacuations, re-négociation";
        let words: Vec<&str> = triggers(t).iter().map(|s| &t[s.start..s.end]).collect();
        assert_eq!(
            words,
            vec![
                "SOMMET",
                "Entretien\u{a0}téléphonique",
                "Évacuations",
                "négociation"
            ]
        );
        assert_eq!(kind_of(words[1]), Some(EventKind::Call));
    }
}
