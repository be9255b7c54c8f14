//! Spotting place names in text and resolving them to gazetteer places.
//!
//! 1. The text is folded (`text::fold_words`) and cut into words; at each word the gazetteer gives
//!    the longest name made of whole words starting there (one hash lookup per word).
//! 2. Each match is checked against the written text: capitals (`Iran`, not `iran`), person
//!    names (`Vladimir Poutine`: a city name glued to another capitalised word is a name),
//!    stoplist, country adjectives (`turque` is not a place, it gives context), names that are
//!    also French words (`Orange`, `Tours` need `à` before them or a big population).
//! 3. Capitalised words the gazetteer did not know are looked up by transliteration key
//!    (`Qamichli` → Al Qamishli), then by consonant skeleton (`Minbej` → Manbij) when a
//!    candidate lies in a country the article is about.
//! 4. Each distinct name is resolved once per article ("one sense per discourse") by
//!    population, the countries of the article (named countries, adjectives, unambiguous
//!    cities) and cues (`province d'Idlib` → the region, `à Djibouti` → the city).
//! 5. `la capitale turque` becomes a mention of the capital.

use crate::core::extract::places::gazetteer::{Gazetteer, NameFlag, NameInfo, Source};
use crate::core::model::{Place, PlaceKind, PlaceMention, Span};
use crate::core::text::{FoldedWord, FoldedWords, fold_words};
use rustc_hash::{FxHashMap as HashMap, FxHashSet};

/// Capitalised words that start sentences or precede names without being names themselves.
const FUNCTION_WORDS: &[&str] = &[
    "le",
    "la",
    "les",
    "l",
    "un",
    "une",
    "des",
    "du",
    "de",
    "d",
    "au",
    "aux",
    "a",
    "en",
    "dans",
    "vers",
    "sur",
    "sous",
    "par",
    "pour",
    "avec",
    "sans",
    "selon",
    "apres",
    "avant",
    "depuis",
    "pendant",
    "entre",
    "contre",
    "chez",
    "mais",
    "et",
    "ou",
    "donc",
    "or",
    "ni",
    "car",
    "si",
    "quand",
    "lorsque",
    "alors",
    "ainsi",
    "puis",
    "ensuite",
    "enfin",
    "outre",
    "malgre",
    "hier",
    "aujourd",
    "demain",
    "ce",
    "cet",
    "cette",
    "ces",
    "son",
    "sa",
    "ses",
    "leur",
    "leurs",
    "il",
    "elle",
    "ils",
    "elles",
    "on",
    "nous",
    "vous",
    "je",
    "tout",
    "tous",
    "toute",
    "toutes",
    "pres",
    "face",
    "direction",
    "lire",
    "voir",
    "aussi",
    "comme",
    "qui",
    "que",
    "quoi",
    "dont",
    "c",
    "qu",
    "s",
    "n",
    "j",
    "y",
    "est",
    "sont",
    "a",
    "ont",
    "fut",
    "sera",
    "nord",
    "sud",
    "est",
    "ouest",
    "centre",
    "a",
    "via",
    "pres",
    "jusqu",
    "desormais",
    "encore",
    "deja",
    "meme",
    "plus",
    "moins",
    "tres",
    "bien",
    "non",
    "oui",
    "parmi",
    "lors",
    "afin",
    "notamment",
    "surtout",
    "seulement",
    "pourtant",
    "cependant",
    "toutefois",
    "neanmoins",
    "certes",
    "ici",
    "la",
    "photo",
    "image",
    "video",
    "credits",
    "source",
    "sources",
    "auteur",
    "par",
    "publie",
    "mis",
    "jour",
    "mise",
    "region",
    "province",
    "ville",
    "capitale",
    "village",
    "gouvernorat",
    "saint",
    "sainte",
];

/// [`FUNCTION_WORDS`] as a set: the spotter asks about most capitalised words, and a scan of
/// the list is over a hundred string compares.
static FUNCTION_WORD_SET: std::sync::LazyLock<FxHashSet<&'static str>> =
    std::sync::LazyLock::new(|| FUNCTION_WORDS.iter().copied().collect());

/// `w` (folded) is one of [`FUNCTION_WORDS`].
fn is_function_word(w: &str) -> bool {
    FUNCTION_WORD_SET.contains(w)
}

/// Words between two names that still make one name (`Bachar el-Assad`, `Abou Bakr al-Baghdadi`).
const NAME_PARTICLES: &[&str] = &[
    "al", "el", "ben", "bin", "ibn", "abou", "abu", "van", "von", "ould",
];

/// Folded words before a name that mark a first-level region.
const REGION_CUES: &[&str] = &[
    "province",
    "gouvernorat",
    "region",
    "oblast",
    "etat",
    "land",
    "wilaya",
    "prefecture",
    "canton",
    "departement",
    "republique",
    "territoire",
];

/// Folded words right before a name that mark a locality (`à Orange`, `vers Tours`).
const LOCATIVE_CUES: &[&str] = &[
    "a", "au", "vers", "depuis", "pres", "jusqu", "ville", "village", "localite", "commune", "cite",
];

/// Articles that may start a gazetteer name (`La Haye`, `Le Caire`, `El Hermel`).
const ARTICLES_IN_NAMES: &[&str] = &["le", "la", "les", "l", "el", "al", "de", "du", "des", "d"];

/// Nouns that introduce a locality with `de` (`la ville de`, `les environs de`).
const PLACE_NOUNS: &[&str] = &[
    "ville",
    "village",
    "localite",
    "cite",
    "commune",
    "quartier",
    "secteur",
    "environs",
    "abords",
    "pres",
    "peripherie",
    "banlieue",
    "faubourg",
    "route",
    "frontiere",
    "poste",
    "base",
    "aeroport",
    "camp",
    "zone",
];

/// Articles and particles that transliterated names carry between capitalised words.
const TRANSLIT_PARTICLES: &[&str] = &[
    "al", "el", "ash", "ach", "as", "ad", "ar", "at", "az", "an", "ech", "ez", "es", "ed", "er",
    "ibn", "bin", "ben", "abou", "abu", "jisr", "tell", "tal", "ras", "deir", "khan", "kafr",
    "bab", "ain", "ayn",
];

/// A word of the folded text (see [`FoldedWord`]).
type Tok = FoldedWord;

#[derive(Debug, Clone)]
struct Cand {
    /// Token range `[t0, t1)`.
    t0: usize,
    t1: usize,
    span: Span,
    /// Name key used to group mentions (the folded name, or the matched key).
    key: String,
    /// Candidate place indices.
    places: Vec<u32>,
    /// How the name was found: 0 exact, 1 transliteration key, 2 skeleton.
    how: u8,
    region_cue: bool,
    a_cue: bool,
}

fn word<'a>(f: &'a FoldedWords, t: &Tok) -> &'a str {
    f.text.get(t.fs..t.fe).unwrap_or("")
}

/// True for a capitalised word in proper case (`Poutine`, not `AFP`).
fn proper(t: &Tok) -> bool {
    t.cap && t.lower_rest
}

/// `à X`, `la ville de X`: X is a locality rather than a country or a region.
fn is_city_cue(prev: &str, prev2: &str) -> bool {
    prev == "a"
        || (matches!(prev, "de" | "d")
            && matches!(prev2, "ville" | "localite" | "village" | "cite" | "commune"))
}

/// True when only plain spaces separate two tokens in the original text (no punctuation).
fn glued(text: &str, a: &Tok, b: &Tok) -> bool {
    text.get(a.oe..b.os)
        .is_some_and(|g| !g.is_empty() && g.chars().all(|c| c == ' ' || c == '\u{a0}'))
}

/// True when a space or a hyphen (no other punctuation) separates two tokens: the parts of a
/// person's name (`Vladimir Poutine`, `Jean-Yves`).
fn name_glued(text: &str, a: &Tok, b: &Tok) -> bool {
    text.get(a.oe..b.os)
        .is_some_and(|g| matches!(g, " " | "\u{a0}" | "-"))
}

/// True when the tokens after `t` are a name particle and a capitalised word
/// (`Bachar el-Assad`, `Abou Bakr al-Baghdadi`).
fn particle_follows(text: &str, f: &FoldedWords, toks: &[Tok], t: usize) -> bool {
    match (toks.get(t), toks.get(t + 1), toks.get(t + 2)) {
        (Some(a), Some(p), Some(b)) => {
            NAME_PARTICLES.contains(&word(f, p))
                && !p.cap
                && joined(text, a, p)
                && joined(text, p, b)
                && proper(b)
        }
        _ => false,
    }
}

/// True when the tokens before `t` are a capitalised word and a name particle: `t` ends a
/// longer name (`Mouadamyat al-Cham`, `Bachar al-Assad`).
fn particle_precedes(text: &str, f: &FoldedWords, toks: &[Tok], t: usize) -> bool {
    if t < 2 {
        return false;
    }
    let (a, p, b) = (&toks[t - 2], &toks[t - 1], &toks[t]);
    NAME_PARTICLES.contains(&word(f, p))
        && !p.cap
        && joined(text, a, p)
        && joined(text, p, b)
        && proper(a)
}

/// True when only spaces, hyphens or apostrophes separate two tokens (parts of one name).
fn joined(text: &str, a: &Tok, b: &Tok) -> bool {
    text.get(a.oe..b.os).is_some_and(|g| {
        !g.is_empty()
            && g.len() <= 3
            && g.chars()
                .all(|c| matches!(c, ' ' | '\u{a0}' | '-' | '\'' | '’'))
    })
}

/// Every place mention in `text`, resolved and disambiguated (furniture flag left false:
/// the caller marks it).
pub fn spot_places(text: &str, gazetteer: &Gazetteer) -> Vec<PlaceMention> {
    spot_places_in(text, &fold_words(text), gazetteer)
}

/// [`spot_places`], given the folded words of `text` ([`fold_words`]).
pub fn spot_places_in(text: &str, f: &FoldedWords, gazetteer: &Gazetteer) -> Vec<PlaceMention> {
    if gazetteer.names.is_empty() {
        return Vec::new();
    }
    let toks = &f.words;
    if toks.is_empty() {
        return Vec::new();
    }
    // The longest name made of whole words from token `t0`: (last token, name id).
    let longest_at = |t0: usize| {
        let start = toks.get(t0)?.fs;
        gazetteer
            .longest_name(
                &f.text,
                start,
                toks[t0..].iter().map(|t| t.fe),
                !toks[t0].cap,
            )
            .map(|(n, id)| (t0 + n - 1, id as usize))
    };

    // 1. Names of the gazetteer, longest first, left to right, never overlapping.
    let mut raw: Vec<(usize, usize, usize)> = Vec::new(); // (t0, t1, name id)
    let mut covered = vec![false; toks.len()];
    let mut next = 0;
    while next < toks.len() {
        let here = next;
        next += 1;
        let Some((t1, pat)) = longest_at(here) else {
            continue;
        };
        let (mut t0, mut t1, mut m_pat) = (here, t1, pat);
        // A name that starts with an article (`La Maison`, a hamlet) must not swallow the
        // start of a longer name (`la Maison-Blanche`): a lower-case article cannot start a
        // capitalised name, and a longer match from the next word wins.
        let is_stop = gazetteer
            .name_info(m_pat)
            .is_some_and(|n| n.flag != NameFlag::Place);
        if t1 > t0 && !is_stop && ARTICLES_IN_NAMES.contains(&word(f, &toks[t0])) {
            let lower = !toks[t0].cap;
            let lower_ok = gazetteer
                .name_info(m_pat)
                .is_some_and(|n| n.places.iter().any(|r| r.lower_initial) || n.adjective.is_some());
            let alt = longest_at(t0 + 1).filter(|&(a1, _)| lower || a1 > t1);
            if let Some((a1, a_pat)) = alt {
                m_pat = a_pat;
                t0 += 1;
                t1 = a1;
            } else if lower && !lower_ok {
                continue;
            }
        }
        next = t1 + 1;
        // Lower-case words match some village somewhere most of the time: keep only what can
        // matter (capitalised names, lower-case names like `mer Noire`, adjectives).
        let keep = toks[t0].cap
            || gazetteer
                .name_info(m_pat)
                .is_some_and(|n| n.adjective.is_some() || n.places.iter().any(|r| r.lower_initial));
        if !keep {
            continue;
        }
        raw.push((t0, t1 + 1, m_pat));
        for c in covered.iter_mut().take(t1 + 1).skip(t0) {
            *c = true;
        }
    }

    // 2. Person names: a capitalised word glued to a preceding capitalised word that is not a
    //    function word is a surname; remember it for the whole article.
    let starts_place: HashMap<usize, usize> = raw.iter().map(|&(t0, _, p)| (t0, p)).collect();
    let is_place_start = |ti: usize| {
        starts_place
            .get(&ti)
            .and_then(|&p| gazetteer.name_info(p))
            .is_some_and(|n| n.flag == NameFlag::Place && !n.places.is_empty())
    };
    let mut surnames: FxHashSet<&str> = FxHashSet::default();
    for i in 1..toks.len() {
        let (a, b) = (&toks[i - 1], &toks[i]);
        if proper(a)
            && b.cap
            && !b.initial
            && glued(text, a, b)
            && !is_function_word(word(f, a))
            && !is_place_start(i)
        {
            surnames.insert(word(f, b));
        }
        // "M. Lavrov": a title abbreviation before a capitalised word.
        if b.cap
            && matches!(word(f, a), "m" | "mm" | "mme" | "dr" | "pr" | "me" | "mgr")
            && text.get(a.oe..b.os) == Some(". ")
        {
            surnames.insert(word(f, b));
        }
    }

    // 3. Context countries: named countries, adjectives, and unambiguous big places.
    let mut context: HashMap<String, u32> = HashMap::default();
    for &(t0, t1, p) in &raw {
        let Some(info) = gazetteer.name_info(p) else {
            continue;
        };
        if let Some(adj) = info.adjective {
            *context
                .entry(String::from_utf8_lossy(&adj).into_owned())
                .or_default() += 1;
        }
        if info.flag != NameFlag::Place || !toks[t0].cap {
            continue;
        }
        let _ = t1;
        for r in &info.places {
            if let Some(pl) = gazetteer.place(r.place)
                && pl.kind == PlaceKind::Country
            {
                *context.entry(pl.country.clone()).or_default() += 2;
            }
        }
        if info.places.len() == 1
            && let Some(pl) = gazetteer.place(info.places[0].place)
            && pl.kind != PlaceKind::Country
            && pl.population >= 500_000
        {
            *context.entry(pl.country.clone()).or_default() += 1;
        }
    }

    // 4. Candidates from gazetteer names.
    let mut cands: Vec<Cand> = Vec::new();
    for &(t0, t1, p) in &raw {
        let Some(info) = gazetteer.name_info(p) else {
            continue;
        };
        if info.flag == NameFlag::Stop || info.flag == NameFlag::Macro || info.places.is_empty() {
            continue;
        }
        let first = &toks[t0];
        let last = &toks[t1 - 1];
        let surface = text.get(first.os..last.oe).unwrap_or("");
        let any_upper = surface.chars().any(char::is_uppercase);
        if !any_upper {
            continue;
        }
        // An adjective written with a capital is a demonym noun (`les Russes`), except when
        // the same name is also a country (`la Suisse`).
        let prev = t0.checked_sub(1).map(|i| word(f, &toks[i])).unwrap_or("");
        let prev2 = t0.checked_sub(2).map(|i| word(f, &toks[i])).unwrap_or("");
        let region_cue = REGION_CUES.contains(&prev)
            || (matches!(prev, "d" | "de" | "du") && REGION_CUES.contains(&prev2));
        let a_cue = LOCATIVE_CUES.contains(&prev)
            || is_city_cue(prev, prev2)
            || (matches!(prev, "de" | "d" | "du") && PLACE_NOUNS.contains(&prev2));
        let city_cue = is_city_cue(prev, prev2);
        let next = toks.get(t1);
        let before = t0.checked_sub(1).map(|i| &toks[i]);
        let single = t1 - t0 == 1;
        let mut keep: Vec<u32> = Vec::new();
        for r in &info.places {
            let Some(pl) = gazetteer.place(r.place) else {
                continue;
            };
            let src = gazetteer.source(r.place).unwrap_or(Source::GeoNames);
            if r.lower_initial {
                // "mer Noire": the capitals of the name must be there; any capital will do.
            } else if !first.cap {
                continue;
            }
            if info.adjective.is_some() && pl.kind != PlaceKind::Country {
                continue;
            }
            if src == Source::GeoNames || pl.kind == PlaceKind::Country {
                // Person and organisation names: glued to another capitalised word that is not
                // a place (`Vladimir Poutine`, `Agence France Presse`).
                if let Some(n) = next {
                    let nw = word(f, n);
                    if proper(n)
                        && name_glued(text, last, n)
                        && !is_place_start(t1)
                        && !is_function_word(nw)
                    {
                        continue;
                    }
                }
                if particle_follows(text, f, toks, t1 - 1) || particle_precedes(text, f, toks, t0) {
                    continue;
                }
                if let Some(b) = before {
                    let bw = word(f, b);
                    if proper(b)
                        && name_glued(text, b, first)
                        && !is_function_word(bw)
                        && !covered[t0 - 1]
                    {
                        continue;
                    }
                }
                if single && surnames.contains(word(f, first)) {
                    continue;
                }
            }
            if src == Source::GeoNames {
                let pop = pl.population;
                let in_context = context.contains_key(&pl.country);
                // A French word is a place name when a cue says so, when the place is very
                // big (Damas), or when it is the place's main name (not one of the many
                // alternates: `Observatoire` is a Paris district) and size or context back it.
                let accept_common = a_cue
                    || pop >= 1_000_000
                    || (r.primary
                        && ((!first.initial && (pop >= 100_000 || (in_context && pop >= 15_000)))
                            || (in_context && pop >= 100_000)));
                if r.common && !accept_common {
                    continue;
                }
                // Small places need the article to be about their country, or a locative cue.
                if pop < 50_000 && !in_context && !(a_cue && (pl.country == "FR" || pop >= 15_000))
                {
                    continue;
                }
                // GeoNames gives 0 for "unknown": such towns (Tall Abyad) are treated like
                // small ones, not like hamlets.
                if pop > 0 && pop < 1_000 && !(in_context && a_cue) {
                    continue;
                }
            }
            if info.flag == NameFlag::CueOnly && !a_cue {
                continue;
            }
            keep.push(r.place);
        }
        if info.adjective.is_some() && !first.cap {
            keep.clear();
        }
        if keep.is_empty() {
            continue;
        }
        cands.push(Cand {
            t0,
            t1,
            span: Span::new(first.os, last.oe),
            key: info.folded.clone(),
            places: keep,
            how: 0,
            region_cue,
            a_cue: city_cue,
        });
    }

    // Tokens taken by accepted names, stoplist entries and adjectives; the rest may still be
    // a transliterated name (`Jisr` alone is a village in Israel, `Jisr al-Choughour` a town).
    let mut taken = vec![false; toks.len()];
    for c in &cands {
        for t in taken.iter_mut().take(c.t1).skip(c.t0) {
            *t = true;
        }
    }
    for &(t0, t1, p) in &raw {
        if gazetteer
            .name_info(p)
            .is_some_and(|n| n.flag != NameFlag::Place || n.adjective.is_some())
        {
            for t in taken.iter_mut().take(t1).skip(t0) {
                *t = true;
            }
        }
    }

    // 5. Transliteration fallback for unknown capitalised words.
    // Candidates by transliteration key, filtered by the article's countries; memoised
    // because names repeat through an article.
    let pick = |v: &[u32], need_context: bool, min_pop: u64| -> Vec<u32> {
        v.iter()
            .copied()
            .filter(|&p| {
                gazetteer.place(p).is_some_and(|pl| {
                    let ctx = context.contains_key(&pl.country);
                    pl.kind != PlaceKind::Country
                        && (ctx || (!need_context && pl.population >= min_pop))
                        && (pl.population >= 5_000
                            || (pl.population == 0 && ctx)
                            || gazetteer.source(p) != Some(Source::GeoNames))
                })
            })
            .collect()
    };
    let mut key_memo: HashMap<&str, Vec<u32>> = HashMap::default();
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        let w = word(f, t);
        // Cheapest tests first (`proper` turns lower-case words away at once).
        if taken[i]
            || w.len() < 4
            || !proper(t)
            || particle_precedes(text, f, toks, i)
            || is_function_word(w)
            || surnames.contains(w)
            || w.bytes().any(|c| c.is_ascii_digit())
        {
            i += 1;
            continue;
        }
        // Longest run of capitalised words and particles joined by spaces/hyphens/apostrophes.
        let mut j = i + 1;
        while j < toks.len() && j - i < 4 && !taken[j] && joined(text, &toks[j - 1], &toks[j]) {
            let wj = word(f, &toks[j]);
            if toks[j].cap || TRANSLIT_PARTICLES.contains(&wj) {
                j += 1;
            } else {
                break;
            }
        }
        while j > i + 1 && !toks[j - 1].cap {
            j -= 1;
        }
        // A run cut short before `particle + Capitalised` is a compound personal name.
        if particle_follows(text, f, toks, j - 1) {
            i = j;
            continue;
        }
        let prev_w = i.checked_sub(1).map(|k| word(f, &toks[k])).unwrap_or("");
        let prev_w2 = i.checked_sub(2).map(|k| word(f, &toks[k])).unwrap_or("");
        // The consonant skeleton is only trusted where the syntax asks for a place:
        // `à Minbej`, `la région de Minbej`, `près de …`.
        let locative_slot = matches!(prev_w, "a" | "vers" | "depuis" | "jusqu")
            || (matches!(prev_w, "de" | "d" | "du")
                && (REGION_CUES.contains(&prev_w2) || PLACE_NOUNS.contains(&prev_w2)));
        let mut found = None;
        for end in (i + 1..=j).rev() {
            let folded = f.text.get(toks[i].fs..toks[end - 1].fe).unwrap_or("");
            let c = key_memo
                .entry(folded)
                .or_insert_with(|| pick(gazetteer.by_translit(folded), false, 100_000))
                .clone();
            if !c.is_empty() {
                found = Some((
                    end,
                    c,
                    1u8,
                    crate::core::extract::places::gazetteer::translit_key(folded),
                ));
                break;
            }
            if !locative_slot {
                continue;
            }
            let c = pick(gazetteer.by_skeleton(folded), true, u64::MAX);
            let c: Vec<u32> = c
                .into_iter()
                .filter(|&p| {
                    gazetteer.place(p).is_some_and(|pl| {
                        pl.population >= 20_000 || gazetteer.source(p) != Some(Source::GeoNames)
                    })
                })
                .collect();
            if !c.is_empty() && c.len() <= 3 {
                found = Some((
                    end,
                    c,
                    2u8,
                    crate::core::extract::places::gazetteer::skeleton_key(
                        &crate::core::extract::places::gazetteer::translit_key(folded),
                    ),
                ));
                break;
            }
        }
        let Some((end, places, how, key)) = found else {
            i += 1;
            continue;
        };
        // Person names: glued to capitalised words on either side.
        let last = &toks[end - 1];
        let glued_next = toks.get(end).is_some_and(|n| {
            proper(n) && name_glued(text, last, n) && !is_function_word(word(f, n))
        });
        let glued_prev = i > 0
            && proper(&toks[i - 1])
            && name_glued(text, &toks[i - 1], t)
            && !is_function_word(word(f, &toks[i - 1]));
        if glued_next || glued_prev || (t.initial && end == i + 1 && how == 2) {
            i = end;
            continue;
        }
        let prev = i.checked_sub(1).map(|k| word(f, &toks[k])).unwrap_or("");
        let prev2 = i.checked_sub(2).map(|k| word(f, &toks[k])).unwrap_or("");
        cands.push(Cand {
            t0: i,
            t1: end,
            span: Span::new(t.os, last.oe),
            key,
            places,
            how,
            region_cue: REGION_CUES.contains(&prev)
                || (matches!(prev, "d" | "de" | "du") && REGION_CUES.contains(&prev2)),
            a_cue: is_city_cue(prev, prev2),
        });
        i = end;
    }

    // 6. `la capitale turque` → the capital of that country.
    for k in 0..toks.len().saturating_sub(1) {
        if word(f, &toks[k]) != "capitale" {
            continue;
        }
        let adj_tok = &toks[k + 1];
        let Some(info) = gazetteer.lookup(word(f, adj_tok)) else {
            continue;
        };
        let (Some(code), false) = (info.adjective, adj_tok.cap) else {
            continue;
        };
        let Some(cap_idx) = gazetteer.capital_index(code) else {
            continue;
        };
        let the = k.checked_sub(1).map(|i| word(f, &toks[i])).unwrap_or("");
        let t0 = if matches!(the, "la" | "l") { k - 1 } else { k };
        cands.push(Cand {
            t0,
            t1: k + 2,
            span: Span::new(toks[t0].os, adj_tok.oe),
            key: format!("#capital {}", String::from_utf8_lossy(&code)),
            places: vec![cap_idx],
            how: 0,
            region_cue: false,
            a_cue: false,
        });
    }

    // 7. Resolve each distinct name once, from the evidence of all its mentions.
    let mut groups: HashMap<&str, Vec<usize>> = HashMap::default();
    for (ci, c) in cands.iter().enumerate() {
        groups.entry(c.key.as_str()).or_default().push(ci);
    }
    let max_context = context.values().copied().max().unwrap_or(1).max(1) as f64;
    let mut out: Vec<PlaceMention> = Vec::new();
    for (key, members) in groups {
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
        let curated_countries: Vec<&str> = all
            .iter()
            .filter(|&&p| gazetteer.is_curated(key, p))
            .filter_map(|&p| gazetteer.place(p).map(|pl| pl.country.as_str()))
            .collect();
        let has_city = |country: &str| {
            all.iter().any(|&p| {
                gazetteer
                    .place(p)
                    .is_some_and(|pl| pl.kind == PlaceKind::City && pl.country == country)
            })
        };
        let mut scored: Vec<(f64, &Place)> = all
            .iter()
            .filter_map(|&p| gazetteer.place(p).map(|pl| (p, pl)))
            .map(|(p, pl)| {
                let src = gazetteer.source(p).unwrap_or(Source::GeoNames);
                let mut s = ((pl.population as f64) + 10.0).log10();
                s += match (pl.kind, src) {
                    (PlaceKind::Country, _) => 6.0,
                    (PlaceKind::Landmark, _) | (PlaceKind::Water, _) => 5.0,
                    (PlaceKind::Region, _) => {
                        // A region named like a city of its country wins only when most
                        // mentions carry a region cue (`province d'Idlib`).
                        if has_city(&pl.country) {
                            3.5 + 8.0 * (region_share - 0.5)
                        } else {
                            4.5
                        }
                    }
                    (PlaceKind::City, Source::Supplement) => 4.0,
                    _ => 0.0,
                };
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
                    s += 8.0 * a_share;
                    if region_share > 0.5 {
                        s -= 2.0;
                    }
                }
                // Context: a country named or implied by the article helps, the more so the
                // more the article is about it (French adjectives are everywhere in French
                // news: "français" must not pull Vienna to Vienne, Isère).
                if let Some(&c) = context.get(&pl.country) {
                    s += 3.0 * c as f64 / max_context;
                }
                // The press is French: a French place is a priori a little likelier than a
                // foreign one of the same size (`à Orange`).
                if pl.country == "FR" {
                    s += 1.0;
                }
                (s, pl)
            })
            .collect();
        scored.sort_by(|a, b| {
            b.0.partial_cmp(&a.0)
                .unwrap_or(std::cmp::Ordering::Equal)
                .then(a.1.gid.cmp(&b.1.gid))
        });
        let Some(&(best_score, best)) = scored.first() else {
            continue;
        };
        let margin = scored.get(1).map(|s| best_score - s.0).unwrap_or(4.0);
        let mut confidence = (0.5 + margin / 8.0).clamp(0.35, 0.98) as f32;
        if how == 1 {
            confidence *= 0.85;
        } else if how == 2 {
            confidence *= 0.6;
        }
        let alternatives: Vec<Place> = scored.iter().skip(1).take(3).map(|s| s.1.clone()).collect();
        for &m in &members {
            let c = &cands[m];
            out.push(PlaceMention {
                span: c.span,
                surface: text.get(c.span.start..c.span.end).unwrap_or("").to_string(),
                place: best.clone(),
                confidence,
                alternatives: alternatives.clone(),
                furniture: false,
            });
        }
    }
    out.sort_by_key(|m| (m.span.start, m.span.end));
    // Overlaps can only come from `la capitale X` over an adjective: keep the first.
    out.dedup_by(|b, a| a.span.overlaps(b.span));
    out
}

/// Convenience: the gazetteer entry behind a pattern id (for debugging tools).
pub fn describe(gazetteer: &Gazetteer, info: &NameInfo) -> String {
    let places: Vec<String> = info
        .places
        .iter()
        .filter_map(|r| gazetteer.place(r.place))
        .map(|p| {
            format!(
                "{} ({}, {}, {})",
                p.name,
                p.kind.as_str(),
                p.country,
                p.population
            )
        })
        .collect();
    format!("{} → {}", info.folded, places.join("; "))
}
