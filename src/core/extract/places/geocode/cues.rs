//! The word lists of the spotter and what the words before a name say about it. Words are
//! folded (`text::fold_words`): lower case, no accents, so `à` is `a`.

use rustc_hash::FxHashSet;

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
#[inline]
pub(super) fn is_function_word(w: &str) -> bool {
    FUNCTION_WORD_SET.contains(w)
}

/// Words between two names that still make one name (`Bachar el-Assad`, `Abou Bakr al-Baghdadi`).
pub(super) const NAME_PARTICLES: &[&str] = &[
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
pub(super) const ARTICLES_IN_NAMES: &[&str] =
    &["le", "la", "les", "l", "el", "al", "de", "du", "des", "d"];

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
pub(super) const TRANSLIT_PARTICLES: &[&str] = &[
    "al", "el", "ash", "ach", "as", "ad", "ar", "at", "az", "an", "ech", "ez", "es", "ed", "er",
    "ibn", "bin", "ben", "abou", "abu", "jisr", "tell", "tal", "ras", "deir", "khan", "kafr",
    "bab", "ain", "ayn",
];

/// `à X`, `la ville de X`: X is a locality rather than a country or a region.
#[inline]
pub(super) fn is_city_cue(prev: &str, prev2: &str) -> bool {
    prev == "a"
        || (matches!(prev, "de" | "d")
            && matches!(prev2, "ville" | "localite" | "village" | "cite" | "commune"))
}

/// `province d'Idlib`, `gouvernorat Idlib`: the name after `prev2 prev` is a first-level region.
#[inline]
pub(super) fn is_region_cue(prev: &str, prev2: &str) -> bool {
    REGION_CUES.contains(&prev)
        || (matches!(prev, "d" | "de" | "du") && REGION_CUES.contains(&prev2))
}

/// `à Orange`, `vers Tours`, `les environs de X`: a cue that a name which is also a French word
/// is a place here.
#[inline]
pub(super) fn is_locative_cue(prev: &str, prev2: &str) -> bool {
    LOCATIVE_CUES.contains(&prev)
        || is_city_cue(prev, prev2)
        || (matches!(prev, "de" | "d" | "du") && PLACE_NOUNS.contains(&prev2))
}

/// `à Minbej`, `la région de Minbej`, `près de …`: the syntax asks for a place, so a consonant
/// skeleton is trusted there. Not after a neighbourhood noun (`le quartier de Jobar`): a
/// district is no town of the gazetteer, and its skeleton would find one miles away.
#[inline]
pub(super) fn is_locative_slot(prev: &str, prev2: &str) -> bool {
    matches!(prev, "a" | "vers" | "depuis" | "jusqu")
        || (matches!(prev, "de" | "d" | "du")
            && (REGION_CUES.contains(&prev2)
                || (PLACE_NOUNS.contains(&prev2)
                    && !matches!(prev2, "quartier" | "secteur" | "faubourg"))))
}
