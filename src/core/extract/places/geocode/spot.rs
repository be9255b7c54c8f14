//! Finding the candidate mentions of one article: the gazetteer's names checked against the
//! written text, capitalised words the gazetteer spells differently (transliterations), and
//! `la capitale turque`. Each step is a method of [`Spotter`], run in order by
//! [`super::spot_places_in`].

use super::cues::{
    ARTICLES_IN_NAMES, NAME_PARTICLES, TRANSLIT_PARTICLES, is_city_cue, is_function_word,
    is_locative_cue, is_locative_slot, is_region_cue,
};
use super::frames::Frames;
use crate::core::extract::places::gazetteer::{
    Gazetteer, NameFlag, NameInfo, NameRef, Source, skeleton_key, translit_key,
};
use crate::core::model::{Place, PlaceKind, Span};
use crate::core::text::{FoldedWord, FoldedWords};
use rustc_hash::{FxHashMap as HashMap, FxHashSet};

/// A word of the folded text (see [`FoldedWord`]).
type Tok = FoldedWord;

/// One mention found in the text, with the places it may name.
#[derive(Debug, Clone)]
pub(super) struct Cand {
    /// Token range `[t0, t1)`.
    pub(super) t0: usize,
    pub(super) t1: usize,
    pub(super) span: Span,
    /// Name key used to group mentions (the folded name, or the matched key).
    pub(super) key: String,
    /// Candidate place indices.
    pub(super) places: Vec<u32>,
    /// How the name was found: 0 exact, 1 transliteration key, 2 skeleton.
    pub(super) how: u8,
    pub(super) region_cue: bool,
    pub(super) a_cue: bool,
}

/// A name found by transliteration key or consonant skeleton, ending before token `end`.
struct TranslitMatch {
    end: usize,
    places: Vec<u32>,
    /// As [`Cand::how`]: 1 transliteration key, 2 skeleton.
    how: u8,
    key: String,
}

/// One article being spotted: its text, its folded words and the gazetteer, and what each
/// step leaves for the next ones.
pub(super) struct Spotter<'a> {
    text: &'a str,
    f: &'a FoldedWords,
    toks: &'a [Tok],
    gazetteer: &'a Gazetteer,
    /// Names of the gazetteer met in the text: (t0, t1, name id), tokens `[t0, t1)`.
    raw: Vec<(usize, usize, usize)>,
    /// Tokens inside a name of `raw`.
    covered: Vec<bool>,
    /// The name id of `raw` starting at each token.
    starts_place: HashMap<usize, usize>,
    /// Words met as surnames anywhere in the article.
    surnames: FxHashSet<&'a str>,
    /// Countries the article is about, by code, with their weight.
    pub(super) context: HashMap<String, u32>,
    /// The mentions found so far.
    pub(super) cands: Vec<Cand>,
}

/// True for a capitalised word in proper case (`Poutine`, not `AFP`).
#[inline]
fn proper(t: &Tok) -> bool {
    t.cap && t.lower_rest
}

/// True when only plain spaces separate two tokens in the original text (no punctuation).
#[inline]
fn glued(text: &str, a: &Tok, b: &Tok) -> bool {
    text.get(a.oe..b.os)
        .is_some_and(|g| !g.is_empty() && g.chars().all(|c| c == ' ' || c == '\u{a0}'))
}

/// True when a space or a hyphen (no other punctuation) separates two tokens: the parts of a
/// person's name (`Vladimir Poutine`, `Jean-Yves`).
#[inline]
fn name_glued(text: &str, a: &Tok, b: &Tok) -> bool {
    text.get(a.oe..b.os)
        .is_some_and(|g| matches!(g, " " | "\u{a0}" | "-"))
}

/// True when only spaces, hyphens or apostrophes separate two tokens (parts of one name).
#[inline]
fn joined(text: &str, a: &Tok, b: &Tok) -> bool {
    text.get(a.oe..b.os).is_some_and(|g| {
        !g.is_empty()
            && g.len() <= 3
            && g.chars()
                .all(|c| matches!(c, ' ' | '\u{a0}' | '-' | '\'' | '’'))
    })
}

impl<'a> Spotter<'a> {
    /// A spotter for `text`, whose folded words are `f` (at least one word).
    pub(super) fn new(text: &'a str, f: &'a FoldedWords, gazetteer: &'a Gazetteer) -> Self {
        Spotter {
            text,
            f,
            toks: &f.words,
            gazetteer,
            raw: Vec::new(),
            covered: vec![false; f.words.len()],
            starts_place: HashMap::default(),
            surnames: FxHashSet::default(),
            context: HashMap::default(),
            cands: Vec::new(),
        }
    }

    /// The folded word of token `t`.
    #[inline]
    fn word(&self, t: &Tok) -> &'a str {
        self.f.text.get(t.fs..t.fe).unwrap_or("")
    }

    /// The two folded words before token `t` (`""` before the first word).
    #[inline]
    fn words_before(&self, t: usize) -> (&'a str, &'a str) {
        let prev = t
            .checked_sub(1)
            .map(|i| self.word(&self.toks[i]))
            .unwrap_or("");
        let prev2 = t
            .checked_sub(2)
            .map(|i| self.word(&self.toks[i]))
            .unwrap_or("");
        (prev, prev2)
    }

    /// True when the tokens after `t` are a name particle and a capitalised word
    /// (`Bachar el-Assad`, `Abou Bakr al-Baghdadi`).
    fn particle_follows(&self, t: usize) -> bool {
        let (text, toks) = (self.text, self.toks);
        match (toks.get(t), toks.get(t + 1), toks.get(t + 2)) {
            (Some(a), Some(p), Some(b)) => {
                NAME_PARTICLES.contains(&self.word(p))
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
    fn particle_precedes(&self, t: usize) -> bool {
        if t < 2 {
            return false;
        }
        let (text, toks) = (self.text, self.toks);
        let (a, p, b) = (&toks[t - 2], &toks[t - 1], &toks[t]);
        NAME_PARTICLES.contains(&self.word(p))
            && !p.cap
            && joined(text, a, p)
            && joined(text, p, b)
            && proper(a)
    }

    /// The longest name of the gazetteer made of whole words from token `t0`: (last token,
    /// name id).
    #[inline]
    fn longest_at(&self, t0: usize) -> Option<(usize, usize)> {
        let toks = self.toks;
        let start = toks.get(t0)?.fs;
        self.gazetteer
            .longest_name(
                &self.f.text,
                start,
                toks[t0..].iter().map(|t| t.fe),
                !toks[t0].cap,
            )
            .map(|(n, id)| (t0 + n - 1, id as usize))
    }

    /// Step 1: the names of the gazetteer, longest first, left to right, never overlapping.
    pub(super) fn find_gazetteer_names(&mut self) {
        let mut next = 0;
        while next < self.toks.len() {
            let here = next;
            next += 1;
            let Some((t1, pat)) = self.longest_at(here) else {
                continue;
            };
            let Some((t0, t1, m_pat)) = self.prefer_name_after_article(here, t1, pat) else {
                continue;
            };
            next = t1 + 1;
            if !self.can_matter(t0, m_pat) {
                continue;
            }
            self.raw.push((t0, t1 + 1, m_pat));
            for c in self.covered.iter_mut().take(t1 + 1).skip(t0) {
                *c = true;
            }
        }
        self.starts_place = self.raw.iter().map(|&(t0, _, p)| (t0, p)).collect();
    }

    /// The match `(t0, last token t1, name id)` to keep for name `pat` at tokens `t0..=t1`, or
    /// `None` to drop it. A name that starts with an article (`La Maison`, a hamlet) must not
    /// swallow the start of a longer name (`la Maison-Blanche`): a lower-case article cannot
    /// start a capitalised name, and a longer match from the next word wins.
    fn prefer_name_after_article(
        &self,
        t0: usize,
        t1: usize,
        pat: usize,
    ) -> Option<(usize, usize, usize)> {
        let gazetteer = self.gazetteer;
        let is_stop = gazetteer
            .name_info(pat)
            .is_some_and(|n| n.flag != NameFlag::Place);
        if t1 > t0 && !is_stop && ARTICLES_IN_NAMES.contains(&self.word(&self.toks[t0])) {
            let lower = !self.toks[t0].cap;
            let lower_ok = gazetteer
                .name_info(pat)
                .is_some_and(|n| n.places.iter().any(|r| r.lower_initial) || n.adjective.is_some());
            let alt = self.longest_at(t0 + 1).filter(|&(a1, _)| lower || a1 > t1);
            if let Some((a1, a_pat)) = alt {
                return Some((t0 + 1, a1, a_pat));
            } else if lower && !lower_ok {
                return None;
            }
        }
        Some((t0, t1, pat))
    }

    /// Lower-case words match some village somewhere most of the time: only what can matter
    /// is kept (capitalised names, lower-case names like `mer Noire`, adjectives).
    #[inline]
    fn can_matter(&self, t0: usize, pat: usize) -> bool {
        self.toks[t0].cap
            || self
                .gazetteer
                .name_info(pat)
                .is_some_and(|n| n.adjective.is_some() || n.places.iter().any(|r| r.lower_initial))
    }

    /// True when a place name of the gazetteer (not a stop or macro name) starts at token `ti`.
    fn is_place_start(&self, ti: usize) -> bool {
        self.starts_place
            .get(&ti)
            .and_then(|&p| self.gazetteer.name_info(p))
            .is_some_and(|n| n.flag == NameFlag::Place && !n.places.is_empty())
    }

    /// Step 2: person names. A capitalised word glued to a preceding capitalised word that is
    /// not a function word is a surname; it is remembered for the whole article.
    pub(super) fn find_surnames(&mut self) {
        let (text, toks) = (self.text, self.toks);
        let mut surnames: FxHashSet<&'a str> = FxHashSet::default();
        for i in 1..toks.len() {
            let (a, b) = (&toks[i - 1], &toks[i]);
            if proper(a)
                && b.cap
                && !b.initial
                && glued(text, a, b)
                && !is_function_word(self.word(a))
                && !self.is_place_start(i)
            {
                surnames.insert(self.word(b));
            }
            // "M. Lavrov": a title abbreviation before a capitalised word.
            if b.cap
                && matches!(
                    self.word(a),
                    "m" | "mm" | "mme" | "dr" | "pr" | "me" | "mgr"
                )
                && text.get(a.oe..b.os) == Some(". ")
            {
                surnames.insert(self.word(b));
            }
        }
        self.surnames = surnames;
    }

    /// Step 3: the countries the article is about: named countries, adjectives, and
    /// unambiguous big places.
    pub(super) fn count_context_countries(&mut self) {
        let gazetteer = self.gazetteer;
        let mut context: HashMap<String, u32> = HashMap::default();
        for &(t0, _, p) in &self.raw {
            let Some(info) = gazetteer.name_info(p) else {
                continue;
            };
            if let Some(adj) = info.adjective {
                *context
                    .entry(String::from_utf8_lossy(&adj).into_owned())
                    .or_default() += 1;
            }
            if info.flag != NameFlag::Place || !self.toks[t0].cap {
                continue;
            }
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
        self.context = context;
    }

    /// Step 4: candidates from the names of the gazetteer.
    pub(super) fn add_gazetteer_candidates(&mut self) {
        let mut cands: Vec<Cand> = Vec::new();
        for &(t0, t1, p) in &self.raw {
            if let Some(c) = self.name_candidate(t0, t1, p) {
                cands.push(c);
            }
        }
        self.cands = cands;
    }

    /// The candidate for name id `p` at tokens `[t0, t1)`: its places that fit the way it is
    /// written and the words around it, if any.
    fn name_candidate(&self, t0: usize, t1: usize, p: usize) -> Option<Cand> {
        let info = self.gazetteer.name_info(p)?;
        if info.flag == NameFlag::Stop || info.flag == NameFlag::Macro || info.places.is_empty() {
            return None;
        }
        let first = &self.toks[t0];
        let last = &self.toks[t1 - 1];
        let surface = self.text.get(first.os..last.oe).unwrap_or("");
        let any_upper = surface.chars().any(char::is_uppercase);
        if !any_upper || self.inside_other_name(t0, t1) {
            return None;
        }
        let (prev, prev2) = self.words_before(t0);
        let region_cue = is_region_cue(prev, prev2);
        let a_cue = is_locative_cue(prev, prev2);
        let city_cue = is_city_cue(prev, prev2);
        let mut keep: Vec<u32> = Vec::new();
        for r in &info.places {
            if self.place_fits(info, r, t0, t1, a_cue) {
                keep.push(r.place);
            }
        }
        if info.adjective.is_some() && !first.cap {
            keep.clear();
        }
        if keep.is_empty() {
            return None;
        }
        Some(Cand {
            t0,
            t1,
            span: Span::new(first.os, last.oe),
            key: info.folded.clone(),
            places: keep,
            how: 0,
            region_cue,
            a_cue: city_cue,
        })
    }

    /// True when place `r` of name `info`, met at tokens `[t0, t1)`, fits the way the name is
    /// written and the words around it (`a_cue`: a locative cue before it).
    fn place_fits(&self, info: &NameInfo, r: &NameRef, t0: usize, t1: usize, a_cue: bool) -> bool {
        let Some(pl) = self.gazetteer.place(r.place) else {
            return false;
        };
        let src = self.gazetteer.source(r.place).unwrap_or(Source::GeoNames);
        // "mer Noire": the capitals of the name must be there; any capital will do.
        if !r.lower_initial && !self.toks[t0].cap {
            return false;
        }
        // An adjective written with a capital is a demonym noun (`les Russes`), except when
        // the same name is also a country (`la Suisse`).
        if info.adjective.is_some() && pl.kind != PlaceKind::Country {
            return false;
        }
        if (src == Source::GeoNames || pl.kind == PlaceKind::Country)
            && self.is_in_person_name(t0, t1)
        {
            return false;
        }
        if src == Source::GeoNames && !self.is_likely_geonames_place(r, pl, t0, a_cue) {
            return false;
        }
        if info.flag == NameFlag::CueOnly && !a_cue {
            return false;
        }
        true
    }

    /// Person and organisation names: the name at tokens `[t0, t1)` is glued to another
    /// capitalised word that is not a place (`Vladimir Poutine`, `Agence France Presse`), to a
    /// name particle, or is one word met as a surname.
    fn is_in_person_name(&self, t0: usize, t1: usize) -> bool {
        let (text, toks) = (self.text, self.toks);
        let (first, last) = (&toks[t0], &toks[t1 - 1]);
        if let Some(n) = toks.get(t1) {
            let nw = self.word(n);
            if proper(n)
                && name_glued(text, last, n)
                && !self.is_place_start(t1)
                && !is_function_word(nw)
            {
                return true;
            }
        }
        if self.particle_follows(t1 - 1) || self.particle_precedes(t0) {
            return true;
        }
        if let Some(b) = t0.checked_sub(1).map(|i| &toks[i]) {
            let bw = self.word(b);
            if proper(b)
                && name_glued(text, b, first)
                && !is_function_word(bw)
                && !self.covered[t0 - 1]
            {
                return true;
            }
        }
        t1 - t0 == 1 && self.surnames.contains(self.word(first))
    }

    /// True when the name at tokens `[t0, t1)` is a part of another name: an organisation,
    /// an operation or unit, an outlet, a rubric (see [`Frames`]).
    fn inside_other_name(&self, t0: usize, t1: usize) -> bool {
        let is_place = |i: usize| self.is_place_start(i);
        let is_adjective = |i: usize| {
            self.starts_place
                .get(&i)
                .and_then(|&p| self.gazetteer.name_info(p))
                .is_some_and(|n| n.adjective.is_some())
        };
        Frames::new(self.text, self.f, &is_place, &is_adjective).inside_other_name(t0, t1)
    }

    /// True when GeoNames place `pl` (name `r`, first token `t0`) is big enough, or backed
    /// enough by the article's countries or a locative cue (`a_cue`), to be meant here.
    fn is_likely_geonames_place(&self, r: &NameRef, pl: &Place, t0: usize, a_cue: bool) -> bool {
        let first = &self.toks[t0];
        let pop = pl.population;
        let in_context = self.context.contains_key(&pl.country);
        // A French word is a place name when a cue says so, when the place is very
        // big (Damas), or when it is the place's main name (not one of the many
        // alternates: `Observatoire` is a Paris district) and size or context back it.
        let accept_common = a_cue
            || pop >= 1_000_000
            || (r.primary
                && ((!first.initial && (pop >= 100_000 || (in_context && pop >= 15_000)))
                    || (in_context && pop >= 100_000)));
        if r.common && !accept_common {
            return false;
        }
        // Small places need the article to be about their country, or a locative cue.
        if pop < 50_000 && !in_context && !(a_cue && (pl.country == "FR" || pop >= 15_000)) {
            return false;
        }
        // GeoNames gives 0 for "unknown": such towns (Tall Abyad) are treated like
        // small ones, not like hamlets.
        !(pop > 0 && pop < 1_000 && !(in_context && a_cue))
    }

    /// Tokens taken by accepted names, stoplist entries and adjectives; the rest may still be
    /// a transliterated name (`Jisr` alone is a village in Israel, `Jisr al-Choughour` a town).
    fn taken_tokens(&self) -> Vec<bool> {
        let mut taken = vec![false; self.toks.len()];
        for c in &self.cands {
            for t in taken.iter_mut().take(c.t1).skip(c.t0) {
                *t = true;
            }
        }
        for &(t0, t1, p) in &self.raw {
            if self
                .gazetteer
                .name_info(p)
                .is_some_and(|n| n.flag != NameFlag::Place || n.adjective.is_some())
            {
                for t in taken.iter_mut().take(t1).skip(t0) {
                    *t = true;
                }
            }
        }
        taken
    }

    /// Step 5: the transliteration fallback for unknown capitalised words.
    pub(super) fn add_transliterated_candidates(&mut self) {
        let taken = self.taken_tokens();
        let exact: FxHashSet<u32> = self
            .cands
            .iter()
            .flat_map(|c| c.places.iter().copied())
            .collect();
        // Memoised because names repeat through an article.
        let mut key_memo: HashMap<&'a str, Vec<u32>> = HashMap::default();
        let mut i = 0;
        while i < self.toks.len() {
            if !self.may_start_translit(i, &taken) {
                i += 1;
                continue;
            }
            let (next, cand) = self.transliterated_from(i, &taken, &mut key_memo);
            if let Some(mut c) = cand {
                self.keep_strong_translit(&mut c, &exact);
                if !c.places.is_empty() {
                    self.cands.push(c);
                }
            }
            i = next;
        }
    }

    /// Drops the places of transliterated candidate `c` that only weak evidence backs: one
    /// sentence-initial word without a cue (`There`, `More`: any capitalised word there);
    /// a place under 50 000 inhabitants whose country is not among the article's main ones
    /// (half the weight of the first at least) and that no locative cue asks for; by consonant
    /// skeleton, a place the article already names under its own spelling (`Yabroud` named,
    /// so `Jobar` is another place). `exact` holds the places of the exact candidates.
    fn keep_strong_translit(&self, c: &mut Cand, exact: &FxHashSet<u32>) {
        let (prev, prev2) = self.words_before(c.t0);
        let cue = is_locative_cue(prev, prev2);
        if c.t1 == c.t0 + 1 && self.toks[c.t0].initial && !cue {
            c.places.clear();
            return;
        }
        let top = self.context.values().copied().max().unwrap_or(0);
        let gazetteer = self.gazetteer;
        c.places.retain(|&p| {
            let Some(pl) = gazetteer.place(p) else {
                return false;
            };
            let weight = self.context.get(&pl.country).copied().unwrap_or(0);
            let main_country = weight > 0 && 2 * weight >= top;
            let small = pl.population < 50_000 && gazetteer.source(p) == Some(Source::GeoNames);
            let weak = small && !cue && !main_country;
            let renamed = c.how == 2 && exact.contains(&p);
            !(weak || renamed)
        });
    }

    /// True when token `i` may start a transliterated name: a capitalised word of four
    /// letters or more that nothing else took and that is no function word, surname or
    /// number. Cheapest tests first (`proper` turns lower-case words away at once).
    #[inline]
    fn may_start_translit(&self, i: usize, taken: &[bool]) -> bool {
        let t = &self.toks[i];
        let w = self.word(t);
        !(taken[i]
            || w.len() < 4
            || !proper(t)
            || self.particle_precedes(i)
            || is_function_word(w)
            || self.surnames.contains(w)
            || w.bytes().any(|c| c.is_ascii_digit()))
    }

    /// The candidate of a transliterated name starting at token `i`, if any, and the token
    /// to look at next.
    fn transliterated_from(
        &self,
        i: usize,
        taken: &[bool],
        key_memo: &mut HashMap<&'a str, Vec<u32>>,
    ) -> (usize, Option<Cand>) {
        let j = self.capitalised_run_end(i, taken);
        // A run cut short before `particle + Capitalised` is a compound personal name.
        if self.particle_follows(j - 1) {
            return (j, None);
        }
        let Some(found) = self.translit_lookup(i, j, key_memo) else {
            return (i + 1, None);
        };
        let end = found.end;
        if self.is_person_name_around(i, end, found.how) || self.inside_other_name(i, end) {
            return (end, None);
        }
        let (prev, prev2) = self.words_before(i);
        let cand = Cand {
            t0: i,
            t1: end,
            span: Span::new(self.toks[i].os, self.toks[end - 1].oe),
            key: found.key,
            places: found.places,
            how: found.how,
            region_cue: is_region_cue(prev, prev2),
            a_cue: is_city_cue(prev, prev2),
        };
        (end, Some(cand))
    }

    /// The end of the longest run from token `i` of capitalised words and particles joined by
    /// spaces, hyphens or apostrophes (four words at most, the last one capitalised).
    fn capitalised_run_end(&self, i: usize, taken: &[bool]) -> usize {
        let (text, toks) = (self.text, self.toks);
        let mut j = i + 1;
        while j < toks.len() && j - i < 4 && !taken[j] && joined(text, &toks[j - 1], &toks[j]) {
            let wj = self.word(&toks[j]);
            if toks[j].cap || TRANSLIT_PARTICLES.contains(&wj) {
                j += 1;
            } else {
                break;
            }
        }
        while j > i + 1 && !toks[j - 1].cap {
            j -= 1;
        }
        j
    }

    /// The longest name from token `i` to token `j` at most that the gazetteer knows by its
    /// transliteration key or, where the syntax asks for a place, by its consonant skeleton.
    fn translit_lookup(
        &self,
        i: usize,
        j: usize,
        key_memo: &mut HashMap<&'a str, Vec<u32>>,
    ) -> Option<TranslitMatch> {
        let gazetteer = self.gazetteer;
        let (prev, prev2) = self.words_before(i);
        // The consonant skeleton is only trusted where the syntax asks for a place.
        let locative_slot = is_locative_slot(prev, prev2);
        for end in (i + 1..=j).rev() {
            let folded = self
                .f
                .text
                .get(self.toks[i].fs..self.toks[end - 1].fe)
                .unwrap_or("");
            let c = key_memo
                .entry(folded)
                .or_insert_with(|| self.pick(gazetteer.by_translit(folded), false, 100_000))
                .clone();
            if !c.is_empty() {
                let key = translit_key(folded);
                return Some(TranslitMatch {
                    end,
                    places: c,
                    how: 1,
                    key,
                });
            }
            if !locative_slot {
                continue;
            }
            let c = self.big_by_skeleton(folded);
            if !c.is_empty() && c.len() <= 3 {
                let key = skeleton_key(&translit_key(folded));
                return Some(TranslitMatch {
                    end,
                    places: c,
                    how: 2,
                    key,
                });
            }
        }
        None
    }

    /// The places of `v` a transliterated name may stand for, given the article's countries:
    /// never a country; in a country of the article or, without `need_context`, of
    /// `min_pop` inhabitants; small GeoNames places only with context.
    fn pick(&self, v: &[u32], need_context: bool, min_pop: u64) -> Vec<u32> {
        let gazetteer = self.gazetteer;
        v.iter()
            .copied()
            .filter(|&p| {
                gazetteer.place(p).is_some_and(|pl| {
                    let ctx = self.context.contains_key(&pl.country);
                    pl.kind != PlaceKind::Country
                        && (ctx || (!need_context && pl.population >= min_pop))
                        && (pl.population >= 5_000
                            || (pl.population == 0 && ctx)
                            || gazetteer.source(p) != Some(Source::GeoNames))
                })
            })
            .collect()
    }

    /// Places whose consonant skeleton is that of `folded`, in a country of the article, with
    /// 20 000 inhabitants or more unless they come from the hand-written files.
    fn big_by_skeleton(&self, folded: &str) -> Vec<u32> {
        let gazetteer = self.gazetteer;
        let c = self.pick(gazetteer.by_skeleton(folded), true, u64::MAX);
        c.into_iter()
            .filter(|&p| {
                gazetteer.place(p).is_some_and(|pl| {
                    pl.population >= 20_000 || gazetteer.source(p) != Some(Source::GeoNames)
                })
            })
            .collect()
    }

    /// Person names: the transliterated name at tokens `[i, end)` is glued to capitalised
    /// words on either side, or is one sentence-initial word found by its skeleton only.
    fn is_person_name_around(&self, i: usize, end: usize, how: u8) -> bool {
        let (text, toks) = (self.text, self.toks);
        let (t, last) = (&toks[i], &toks[end - 1]);
        let glued_next = toks.get(end).is_some_and(|n| {
            proper(n) && name_glued(text, last, n) && !is_function_word(self.word(n))
        });
        let glued_prev = i > 0
            && proper(&toks[i - 1])
            && name_glued(text, &toks[i - 1], t)
            && !is_function_word(self.word(&toks[i - 1]));
        glued_next || glued_prev || (t.initial && end == i + 1 && how == 2)
    }

    /// Step 6: `la capitale turque` → the capital of that country.
    pub(super) fn add_capital_candidates(&mut self) {
        for k in 0..self.toks.len().saturating_sub(1) {
            if self.word(&self.toks[k]) != "capitale" {
                continue;
            }
            if let Some(c) = self.capital_after(k) {
                self.cands.push(c);
            }
        }
    }

    /// True when `capitale <adjective>` at tokens `t0..=adj` is not the country's capital:
    /// set in apposition to a name (`Raqqa, capitale syrienne du groupe`: the named place is
    /// meant) or completed by `de` (`la capitale syrienne de l'organisation`).
    fn capital_of_something_else(&self, t0: usize, adj: usize) -> bool {
        let toks = self.toks;
        let completed = toks.get(adj + 1).is_some_and(|n| {
            matches!(self.word(n), "de" | "du" | "des" | "d") && glued(self.text, &toks[adj], n)
        });
        let apposed = t0.checked_sub(1).is_some_and(|p| {
            toks[p].cap
                && self
                    .text
                    .get(toks[p].oe..toks[t0].os)
                    .is_some_and(|g| g.trim() == ",")
        });
        completed || apposed
    }

    /// The mention of a capital for `capitale` at token `k` followed by a lower-case country
    /// adjective, with the article before it (`la capitale turque`).
    fn capital_after(&self, k: usize) -> Option<Cand> {
        let toks = self.toks;
        let adj_tok = &toks[k + 1];
        let info = self.gazetteer.lookup(self.word(adj_tok))?;
        let (Some(code), false) = (info.adjective, adj_tok.cap) else {
            return None;
        };
        let cap_idx = self.gazetteer.capital_index(code)?;
        let the = k.checked_sub(1).map(|i| self.word(&toks[i])).unwrap_or("");
        let t0 = if matches!(the, "la" | "l") { k - 1 } else { k };
        if self.capital_of_something_else(t0, k + 1) {
            return None;
        }
        Some(Cand {
            t0,
            t1: k + 2,
            span: Span::new(toks[t0].os, adj_tok.oe),
            key: format!("#capital {}", String::from_utf8_lossy(&code)),
            places: vec![cap_idx],
            how: 0,
            region_cue: false,
            a_cue: false,
        })
    }
}
