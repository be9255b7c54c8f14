//! Events: sentences x dates x places x actors -> `Event`, and merging the same event reported
//! by several articles.
//!
//! Per sentence: trigger words (a French lexicon) are grouped into clusters of the same kind
//! group; each cluster takes the place it governs (a locative `à X`, `dans X`, `région de X`
//! is preferred; a bare subject like `Moscou et Ankara ont convenu` is a government, not a
//! location) and the date nearest to it (a date goes to its nearest cluster). A cluster with no
//! date of its own falls back to the publication date only for past or present reporting with
//! a locative place. Place-less clusters with an explicit date lend their date to a same-kind
//! event of the article that only had the fallback date.

use crate::core::extract::dates::{MONTHS_FR, WEEKDAYS_FR};
use crate::core::extract::places::geodesy::{LatLon, km};
use crate::core::model::{
    Actor, Article, DateKind, DateMention, DateValue, Event, EventKind, EventSource, PlaceKind,
    PlaceMention, Precision, Span, overlapping,
};
use crate::core::text::{self, FoldedWord, ends_with_caseless, starts_with_caseless};
use aho_corasick::AhoCorasick;
use regex::Regex;
use std::collections::HashMap;
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
    ("retiré", EventKind::Withdrawal),
    ("évacu", EventKind::Withdrawal),
    ("quitté", EventKind::Withdrawal),
    ("déployé", EventKind::Other),
    ("arrivée", EventKind::Other),
    ("déplacés", EventKind::Displacement),
    ("exode", EventKind::Displacement),
    ("fui", EventKind::Displacement),
    ("manifest", EventKind::Other),
    ("élection", EventKind::Other),
    ("déclaré", EventKind::Statement),
    ("annoncé", EventKind::Statement),
    ("communiqué", EventKind::Statement),
];

/// The trigger stems, for substring tests ([`place_role`]).
static TRIGGER_AC: LazyLock<AhoCorasick> =
    LazyLock::new(|| text::caseless_automaton(TRIGGERS.iter().map(|(s, _)| *s)));

/// The trigger stems, tested at word starts ([`trigger_words`]).
static TRIGGER_STEMS: LazyLock<text::CaselessStems> =
    LazyLock::new(|| text::CaselessStems::new(TRIGGERS.iter().map(|(s, _)| *s)));

/// Trigger words of `text`, whose words are `words`: byte ranges of whole words that start with
/// a stem (the longest stem that starts there, then the rest of its word, hyphens included). A
/// stem inside a word (`préaccord`) is no trigger; after a hyphen it is (`pré-accord`).
fn trigger_words(text: &str, words: &[FoldedWord]) -> Vec<Span> {
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

/// Words that announce the future or a hypothesis: such a sentence does not report something
/// that happened on the publication date.
static FUTURE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:^|[^\p{L}\p{N}_])(?:se tiendra|aura lieu|auront lieu|devrait|devraient|pourrait|pourraient|prévue?s?|organiser(?:a|ont)|va|vont|envisag\p{L}*|projet\p{L}*|si)(?:$|[^\p{L}\p{N}_])|\p{L}{3,}(?:era|eront|ira|iront)(?:$|[^\p{L}\p{N}_])")
        .expect("future regex")
});

/// The text just before a place that makes it a location rather than a subject or a name.
static LOCATIVE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:(?:^|[\s'’(])(?:à|au|aux|dans|en|près\sde|près\sd['’]|vers|sur|depuis|devant)\s(?:la\s|le\s|les\s|l['’])?$)|(?:(?:ville|région|province|gouvernorat|capitale|localité|village|banlieue|périphérie|environs|enclave|bastion|poche|secteur|district|cité|port|base|camp|aéroport)(?:\s[\p{Ll}-]+){0,3}\s(?:d['’]|de\s|du\s)$)")
        .expect("locative regex")
});

static NAME_RE: LazyLock<Regex> = LazyLock::new(|| {
    let word = r"(?:\p{Lu}[\p{Ll}\p{Lu}’'-]*\p{Ll}[\p{Ll}’'-]*|\p{Lu}\.)";
    let particle = r"(?:(?:al|el|ben|bin|ibn|de|du|von|van|der|Le|La|Al|El|Ben)[-\s])?";
    Regex::new(&format!(r"{word}(?:\s+{particle}{word})+")).expect("name regex")
});

/// The role nouns of [`ROLE_RE`]: a window without any cannot hold a role, and the
/// end-anchored role pattern is costly (its reverse automaton is big), so it runs only after
/// this cheap test.
static ROLE_WORDS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    text::caseless_automaton(
        [
            "président",
            "ministre",
            "chef",
            "porte-parole",
            "secrétaire",
            "homologue",
            "roi",
            "reine",
            "émir",
            "prince",
            "général",
            "maréchal",
            "chancelier",
            "pape",
            "dirigeant",
            "leader",
            "ambassadeur",
            "émissaire",
            "envoyé",
            "patron",
            "maire",
            "gouverneur",
        ]
        .into_iter(),
    )
});

static ROLE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:^|\s)(?:le|la|les|son|sa|leur|du|de la|l['’])\s*((?:vice-|ex-)?(?:président|présidente|présidents|ministre|ministres|premier ministre|chef|cheffe|porte-parole|secrétaire général|secrétaire d'état|homologue|roi|reine|émir|prince|général|maréchal|chancelier|chancelière|pape|dirigeant|leader|ambassadeur|émissaire|envoyé spécial|patron|maire|gouverneur)(?:\s+(?:[\p{Ll}’'-]+|\p{Lu}[\p{Ll}]+)){0,5}),?\s*$")
        .expect("role regex")
});

const NOT_NAME_START: &[&str] = &[
    "Le",
    "La",
    "Les",
    "L",
    "Un",
    "Une",
    "Des",
    "De",
    "Du",
    "Ce",
    "Ces",
    "Cet",
    "Cette",
    "Après",
    "Avant",
    "Selon",
    "Pour",
    "Dans",
    "En",
    "Au",
    "Aux",
    "A",
    "À",
    "Et",
    "Mais",
    "Ou",
    "Si",
    "Son",
    "Sa",
    "Ses",
    "Leur",
    "Leurs",
    "Nous",
    "Vous",
    "Il",
    "Elle",
    "Ils",
    "Elles",
    "On",
    "Lors",
    "Depuis",
    "Par",
    "Sur",
    "Sous",
    "Avec",
    "Sans",
    "Entre",
    "Contre",
    "Alors",
    "Comme",
    "Quand",
    "Lire",
    "Publié",
    "Mis",
    "Photo",
    "Crédits",
    "Image",
    "Source",
    "Conseil",
    "Union",
    "Nations",
    "Organisation",
    "Agence",
    "Etat",
    "État",
    "Etats",
    "États",
    "Forces",
    "Front",
    "Armée",
    "Parti",
    "Maison",
    "Assemblée",
    "Cour",
    "Ministère",
    "Commission",
    "Parlement",
    "Sénat",
    "Croix",
    "Moyen",
    "Proche",
    "Golfe",
    "Mer",
];

/// [`NOT_NAME_START`] as a set: every word of every name candidate is looked up.
static NOT_NAME_START_SET: LazyLock<rustc_hash::FxHashSet<&'static str>> =
    LazyLock::new(|| NOT_NAME_START.iter().copied().collect());

const HONORIFICS: &[&str] = &[
    "M.", "MM.", "Mme", "Mmes", "Mlle", "Dr", "Pr", "Me", "Mgr", "Sir", "Lord",
];

fn kind_of(word: &str) -> Option<EventKind> {
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
    // Longest stem first so "contre-offensive" and "conversation téléphonique" win.
    TRIGGERS
        .iter()
        // The first byte turns most stems away without a string compare.
        .filter(|(s, _)| w.as_bytes().first() == s.as_bytes().first() && w.starts_with(s))
        .max_by_key(|(s, _)| s.len())
        .map(|(_, k)| *k)
}

/// Plural agreement nouns name agreements made earlier (`les accords de Sotchi`).
fn is_background(word: &str) -> bool {
    starts_with_caseless(word, "accords")
}

/// Kinds that only count when nothing more specific is in the sentence.
fn is_weak(kind: EventKind) -> bool {
    matches!(kind, EventKind::Statement)
}

#[derive(Debug, Clone)]
struct Cluster {
    span: Span,
    kind: EventKind,
    trigger: String,
    /// Only background triggers (`les accords`): they refer to something earlier, so they
    /// make an event only with a date of their own.
    background: bool,
}

/// Clusters of the trigger words `words` (spans in `text`, all in one sentence).
fn clusters_in(text: &str, words: &[Span]) -> Vec<Cluster> {
    let mut out: Vec<Cluster> = Vec::new();
    for &span in words {
        let word = &text[span.start..span.end];
        let Some(kind) = kind_of(word) else {
            continue;
        };
        if let Some(last) = out.last_mut()
            && last.kind.group() == kind.group()
            && span.start.saturating_sub(last.span.end) < 60
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

fn distance(a: Span, b: Span) -> usize {
    if a.end <= b.start {
        b.start - a.end
    } else {
        a.start.saturating_sub(b.end)
    }
}

/// How a place mention relates to its sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Role {
    /// Neither locative nor naming: a subject or a government by metonymy.
    Bare,
    /// `accords de Sotchi`, `processus d'Astana`: names an event, locates it only with a date.
    Naming,
    /// `à Ankara`, `dans la région de Minbej`.
    Locative,
}

fn place_role(text: &str, sentence: Span, m: &PlaceMention) -> Role {
    let from = text.floor_char_boundary(m.span.start.saturating_sub(80).max(sentence.start));
    let before = &text[from..m.span.start];
    let clause = match before
        .char_indices()
        .rev()
        .find(|(_, c)| matches!(c, ',' | ';' | ':' | '(' | ')' | '«' | '»' | '"' | '–'))
    {
        Some((i, c)) => &before[i + c.len_utf8()..],
        None => before,
    };
    if starts_with_caseless(&m.surface, "la capitale") || LOCATIVE_RE.is_match(clause) {
        return Role::Locative;
    }
    let tail = clause.trim_end();
    let genitive = [" de", " d'", " d’", " du"]
        .iter()
        .any(|g| ends_with_caseless(tail, g));
    // `accords de Sotchi`, `processus de paix d'Astana`: the place names the event right after
    // its trigger; `implication de Washington` does not.
    let near = &clause[clause.floor_char_boundary(clause.len().saturating_sub(30))..];
    if genitive && TRIGGER_AC.is_match(near) {
        return Role::Naming;
    }
    Role::Bare
}

fn usable_date(d: &DateMention) -> bool {
    !d.furniture && d.value.precision != Precision::Year
}

fn place_for_event(m: &PlaceMention) -> bool {
    !m.furniture && m.place.kind != PlaceKind::Country
}

/// A full name seen in the article, with a searcher for its surname alone.
struct FullName {
    name: String,
    /// The surname (last word), when it has 3 characters or more.
    surname: Option<memchr::memmem::Finder<'static>>,
}

impl FullName {
    fn new(name: String) -> FullName {
        let surname = name
            .split_whitespace()
            .last()
            .filter(|last| last.chars().count() >= 3)
            .map(|last| memchr::memmem::Finder::new(last.as_bytes()).into_owned());
        FullName { name, surname }
    }
}

/// Person names in `sentence` with their roles, mapped to the fullest form seen in the article.
/// With `roles` false, only the names are found (what a sentence without an event lends to
/// the later ones): the role lookup is most of the cost.
fn actors_in(
    text: &str,
    sentence: Span,
    places: &[&PlaceMention],
    full_names: &[FullName],
    roles: bool,
) -> Vec<Actor> {
    let s = &text[sentence.start..sentence.end];
    let mut out: Vec<Actor> = Vec::new();
    fn push(out: &mut Vec<Actor>, name: String, role: Option<String>) {
        if let Some(a) = out.iter_mut().find(|a| a.name == name) {
            if a.role.is_none() {
                a.role = role;
            }
        } else {
            out.push(Actor { name, role });
        }
    }
    for m in NAME_RE.find_iter(s) {
        if s[..m.start()]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
        {
            continue;
        }
        let span = Span::new(sentence.start + m.start(), sentence.start + m.end());
        if places.iter().any(|p| p.span.overlaps(span)) {
            continue;
        }
        let Some(name) = clean_name(m.as_str()) else {
            continue;
        };
        // The role phrase ends right before the name: look only at a short window so the
        // end-anchored regex stays linear in the sentence length.
        let role = if roles {
            let window = &s[s.floor_char_boundary(m.start().saturating_sub(120))..m.start()];
            Some(window)
                .filter(|w| ROLE_WORDS.is_match(*w))
                .and_then(|w| ROLE_RE.captures(w))
                .and_then(|c| c.get(1))
                .map(|r| r.as_str().trim().to_lowercase())
        } else {
            None
        };
        push(&mut out, name, role);
    }
    if !roles {
        return out;
    }
    // Surnames alone ("Poutine", "M. Lavrov") map to a full name seen in the article.
    for full in full_names {
        let Some(surname) = &full.surname else {
            continue;
        };
        if word_in(s, surname) && !out.iter().any(|a| a.name == full.name) {
            push(&mut out, full.name.clone(), None);
        }
    }
    out
}

/// The needle of `finder` is in `hay` as a whole word (no letter or digit on either side).
fn word_in(hay: &str, finder: &memchr::memmem::Finder) -> bool {
    let len = finder.needle().len();
    finder.find_iter(hay.as_bytes()).any(|i| {
        let before = hay[..i].chars().next_back();
        let after = hay[i + len..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

fn clean_name(raw: &str) -> Option<String> {
    let mut tokens: Vec<&str> = raw.split_whitespace().collect();
    while let Some(first) = tokens.first() {
        let bare = first.trim_end_matches(['\'', '’']);
        if NOT_NAME_START_SET.contains(bare)
            || HONORIFICS.contains(&bare)
            || first.contains('\'')
            || first.contains('’')
        {
            tokens.remove(0);
        } else {
            break;
        }
    }
    if tokens.len() < 2 {
        return None;
    }
    if tokens.iter().any(|t| {
        let lower = t.to_lowercase();
        MONTHS_FR.contains(&lower.as_str())
            || WEEKDAYS_FR.contains(&lower.as_str())
            || NOT_NAME_START_SET.contains(t)
    }) {
        return None;
    }
    Some(tokens.join(" "))
}

/// The items of `items` that start inside `sentence`, found by binary search when `sorted`
/// (by span start); all of them otherwise. Callers still check containment.
fn starting_in<T>(items: &[T], sorted: bool, span: impl Fn(&T) -> Span, sentence: Span) -> &[T] {
    if !sorted {
        return items;
    }
    let a = items.partition_point(|x| span(x).start < sentence.start);
    let b = a + items[a..].partition_point(|x| span(x).start < sentence.end);
    &items[a..b]
}

/// Events of one article, from its text and its already-extracted dates and places.
/// `furniture` are the page-furniture ranges: nothing in them makes an event.
pub fn find_events(text: &str, article: &Article, furniture: &[Span]) -> Vec<Event> {
    find_events_in(text, &text::fold_words(text).words, article, furniture)
}

/// [`find_events`], given the words of `text` ([`text::fold_words`], which the place spotter
/// also reads: [`extract`](crate::core::extract::extract) cuts them once for both).
pub fn find_events_in(
    text: &str,
    words: &[FoldedWord],
    article: &Article,
    furniture: &[Span],
) -> Vec<Event> {
    let mut full_names: Vec<FullName> = Vec::new();
    // Per-sentence lists, reused from one sentence to the next.
    let mut places: Vec<&PlaceMention> = Vec::new();
    let mut dates: Vec<&DateMention> = Vec::new();
    let mut candidates: Vec<(Event, bool)> = Vec::new(); // (event, date is a fallback)
    let mut placeless: Vec<Event> = Vec::new();
    // The extractor lists mentions in text order; then each sentence looks only at its own.
    let places_sorted = article.places.is_sorted_by_key(|p| p.span.start);
    let dates_sorted = article.dates.is_sorted_by_key(|d| d.span.start);
    let triggers = trigger_words(text, words);
    let mut next_trigger = 0;
    for sentence in text::sentences(text) {
        // Sentences and trigger words are both in text order.
        let first =
            next_trigger + triggers[next_trigger..].partition_point(|t| t.start < sentence.start);
        let last = first + triggers[first..].partition_point(|t| t.end <= sentence.end);
        next_trigger = last;
        let sentence_triggers = &triggers[first..last];
        if overlapping(furniture, sentence)
            .iter()
            .any(|f| f.len() * 2 >= sentence.len())
        {
            continue;
        }
        let stext = &text[sentence.start..sentence.end];
        places.clear();
        places.extend(
            starting_in(&article.places, places_sorted, |p| p.span, sentence)
                .iter()
                .filter(|p| sentence.contains(p.span)),
        );
        dates.clear();
        dates.extend(
            starting_in(&article.dates, dates_sorted, |d| d.span, sentence)
                .iter()
                .filter(|d| sentence.contains(d.span) && usable_date(d)),
        );
        let mut clusters = clusters_in(text, sentence_triggers);
        // Without a trigger or a date the sentence makes no event: it only lends its full
        // names to the later ones, and the costly role lookup is skipped.
        let has_event = !clusters.is_empty() || !dates.is_empty();
        let actors = actors_in(text, sentence, &places, &full_names, has_event);
        for a in &actors {
            if a.name.split_whitespace().count() >= 2
                && !full_names.iter().any(|f| f.name == a.name)
            {
                full_names.push(FullName::new(a.name.clone()));
            }
        }
        if !has_event {
            continue;
        }
        let event_places: Vec<(&PlaceMention, Role)> = places
            .iter()
            .copied()
            .filter(|p| place_for_event(p))
            .map(|p| (p, place_role(text, sentence, p)))
            .collect();
        if clusters.is_empty() {
            // A caption or dateline: "X, le 28 novembre 2018 à Genève".
            let day = dates
                .iter()
                .find(|d| d.kind == DateKind::Explicit && d.value.precision == Precision::Day);
            let loc = event_places.iter().find(|(p, r)| {
                *r == Role::Locative
                    && p.place.kind == PlaceKind::City
                    && day.is_some_and(|d| distance(d.span, p.span) < 40)
            });
            if let (Some(d), Some(_)) = (day, loc) {
                clusters.push(Cluster {
                    span: d.span,
                    kind: EventKind::Other,
                    trigger: String::new(),
                    background: false,
                });
            } else {
                continue;
            }
        }
        let nearest_cluster = |s: Span| {
            (0..clusters.len())
                .min_by_key(|&i| distance(clusters[i].span, s))
                .unwrap_or(0)
        };
        // Only a fallback date asks whether the sentence speaks of the future.
        let future = std::cell::OnceCell::new();
        let future = || *future.get_or_init(|| FUTURE_RE.is_match(stext));
        for (ci, c) in clusters.iter().enumerate() {
            let mine_dates: Vec<&&DateMention> = dates
                .iter()
                .filter(|d| nearest_cluster(d.span) == ci)
                .collect();
            let date = mine_dates
                .iter()
                .min_by_key(|d| (d.kind != DateKind::Explicit, distance(d.span, c.span)));
            let mine_places: Vec<&(&PlaceMention, Role)> = event_places
                .iter()
                .filter(|(p, r)| {
                    *r != Role::Bare && (nearest_cluster(p.span) == ci || clusters.len() == 1)
                })
                .collect();
            let place = mine_places
                .iter()
                .filter(|(_, r)| {
                    *r == Role::Locative || date.is_some_and(|d| d.kind == DateKind::Explicit)
                })
                .min_by_key(|(p, r)| (std::cmp::Reverse(*r), distance(p.span, c.span)));
            let (value, end, fallback) = match date {
                Some(d) => (d.value, d.end, false),
                None => match (article.published, place) {
                    (Some(p), Some((_, Role::Locative))) if !c.background && !future() => {
                        (p, None, true)
                    }
                    _ => {
                        continue;
                    }
                },
            };
            let mut confidence = 0.45;
            if !fallback {
                confidence += 0.25;
            }
            if place.is_some_and(|(_, r)| *r == Role::Locative) {
                confidence += 0.15;
            }
            if !actors.is_empty() {
                confidence += 0.1;
            }
            let ev = Event {
                date: value,
                date_end: end,
                place: place.map(|(p, _)| p.place.clone()),
                actors: actors.clone(),
                kind: c.kind,
                trigger: c.trigger.clone(),
                sentence: stext.trim().to_string(),
                span: sentence,
                confidence: f32::min(confidence, 0.95),
                sources: vec![EventSource {
                    article_id: article.id.clone(),
                    span: sentence,
                }],
            };
            if ev.place.is_some() {
                candidates.push((ev, fallback));
            } else if !fallback {
                placeless.push(ev);
            }
        }
    }
    // A place-less event with its own date refines a same-kind event that only had the fallback.
    for p in placeless {
        if let Some((ev, fb)) = candidates.iter_mut().find(|(e, fb)| {
            *fb && e.kind.group() == p.kind.group()
                && e.date.overlaps(p.date.start, p.date.end())
                && p.date.precision >= e.date.precision
        }) {
            ev.date = p.date;
            ev.date_end = p.date_end;
            ev.confidence = (ev.confidence + 0.15).min(0.95);
            for a in p.actors {
                if !ev.actors.contains(&a) {
                    ev.actors.push(a);
                }
            }
            *fb = false;
        }
    }
    merge_within(candidates.into_iter().map(|(e, _)| e).collect())
}

fn same_place(a: &Event, b: &Event) -> bool {
    match (&a.place, &b.place) {
        (Some(p), Some(q)) => {
            p.gid == q.gid || km(LatLon::new(p.lat, p.lon), LatLon::new(q.lat, q.lon)) < 30.0
        }
        (None, None) => true,
        _ => false,
    }
}

fn compatible_dates(a: DateValue, b: DateValue) -> bool {
    let (fine, coarse) = if a.precision >= b.precision {
        (a, b)
    } else {
        (b, a)
    };
    coarse.overlaps(fine.start, fine.end())
        && coarse.start <= fine.start
        && fine.end() <= coarse.end()
}

/// Folds `from` into `into`: the more precise date, every actor and source, the best confidence.
fn absorb(into: &mut Event, from: Event) {
    if from.date.precision > into.date.precision {
        into.date = from.date;
        into.date_end = from.date_end;
    }
    if into.kind.group() != from.kind.group() && from.confidence > into.confidence {
        into.kind = from.kind;
        into.trigger = from.trigger;
    }
    for a in from.actors {
        if !into.actors.iter().any(|x| x.name == a.name) {
            into.actors.push(a);
        }
    }
    for s in from.sources {
        if !into.sources.contains(&s) {
            into.sources.push(s);
        }
    }
    into.confidence = into.confidence.max(from.confidence);
}

/// Within one article, the same place with compatible dates is one event.
fn merge_within(events: Vec<Event>) -> Vec<Event> {
    let mut out: Vec<Event> = Vec::new();
    for e in events {
        match out
            .iter_mut()
            .find(|o| same_place(o, &e) && compatible_dates(o.date, e.date))
        {
            Some(o) => absorb(o, e),
            None => out.push(e),
        }
    }
    out
}

/// Merges events of several articles: the same event (same kind group, same place, one date
/// within the other) becomes one with every source listed.
pub fn merge_events<'a>(articles: impl IntoIterator<Item = &'a Article>) -> Vec<Event> {
    let mut by_key: HashMap<(u32, crate::core::model::KindGroup), Vec<Event>> = HashMap::new();
    let mut loose: Vec<Event> = Vec::new();
    for a in articles {
        for e in &a.events {
            let Some(p) = &e.place else {
                loose.push(e.clone());
                continue;
            };
            let bucket = by_key.entry((p.gid, e.kind.group())).or_default();
            match bucket.iter_mut().find(|o| compatible_dates(o.date, e.date)) {
                Some(o) => absorb(o, e.clone()),
                None => bucket.push(e.clone()),
            }
        }
    }
    let mut out: Vec<Event> = by_key.into_values().flatten().chain(loose).collect();
    out.sort_by(|a, b| {
        (a.date.start, a.place.as_ref().map(|p| p.gid), a.kind).cmp(&(
            b.date.start,
            b.place.as_ref().map(|p| p.gid),
            b.kind,
        ))
    });
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
        let clusters = |t: &str| clusters_in(t, &triggers(t));
        let c = clusters("ont conclu le 15 septembre un accord pour déployer");
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].kind, EventKind::Agreement);
        let c = clusters("La rencontre a eu lieu après la destruction d'un avion");
        assert_eq!(c.len(), 2);
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

    #[test]
    fn names_with_particles_and_roles() {
        let text = "Le président russe Vladimir Poutine a reçu Bachar al-Assad.";
        let actors = actors_in(text, Span::new(0, text.len()), &[], &[], true);
        let names: Vec<&str> = actors.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(names, vec!["Vladimir Poutine", "Bachar al-Assad"]);
        assert_eq!(actors[0].role.as_deref(), Some("président russe"));
    }

    #[test]
    fn surname_alone_maps_to_full_name_seen_before() {
        let text = "M. Lavrov s'est dit optimiste.";
        let actors = actors_in(
            text,
            Span::new(0, text.len()),
            &[],
            &[FullName::new("Sergueï Lavrov".to_string())],
            true,
        );
        assert_eq!(actors.len(), 1);
        assert_eq!(actors[0].name, "Sergueï Lavrov");
    }

    #[test]
    fn future_sentences_are_detected() {
        assert!(FUTURE_RE.is_match("Le sommet se tiendra à Sotchi"));
        assert!(FUTURE_RE.is_match("ils organiseront un sommet"));
        assert!(!FUTURE_RE.is_match("ils ont organisé un sommet"));
    }

    #[test]
    fn month_contains_day_but_not_the_reverse_order_matters_not() {
        let m = DateValue::ym(2019, 2).unwrap();
        let d = DateValue::ymd(2019, 2, 14).unwrap();
        assert!(compatible_dates(m, d));
        assert!(compatible_dates(d, m));
        assert!(!compatible_dates(DateValue::ymd(2019, 2, 15).unwrap(), d));
    }
}
