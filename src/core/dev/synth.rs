//! A deterministic corpus generator for benchmarks and scale tests.
//!
//! Builds articles by recombining sentences of given French source texts (the seeds, or any
//! folder of articles) with built-in French sentence templates, shifting the dates and varying
//! the places, so that extraction has realistic work to do. Same seed, same sources: same
//! bytes. About 2.5 KB an article (100 000 articles ≈ 250 MB).

use regex::Regex;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

/// A small, fast, deterministic PRNG (SplitMix64): no dependency, same numbers everywhere.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Self {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }
    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next_u64() % n as u64) as usize
        }
    }
    /// One element of a non-empty slice.
    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

use crate::core::extract::dates::MONTHS_FR as MONTHS;

const WEEKDAYS: [&str; 7] = [
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
];

/// Places the generator writes, in French, from around the world.
pub const PLACES: &[&str] = &[
    "Alep",
    "Damas",
    "Homs",
    "Hama",
    "Idleb",
    "Raqqa",
    "Deir ez-Zor",
    "Palmyre",
    "Lattaquié",
    "Tartous",
    "Manbij",
    "Afrine",
    "Kobané",
    "Qamichli",
    "Mossoul",
    "Bagdad",
    "Kirkouk",
    "Erbil",
    "Bassora",
    "Fallouja",
    "Beyrouth",
    "Tripoli",
    "Benghazi",
    "Tunis",
    "Alger",
    "Rabat",
    "Le Caire",
    "Khartoum",
    "Addis-Abeba",
    "Nairobi",
    "Mogadiscio",
    "Bamako",
    "Gao",
    "Tombouctou",
    "Niamey",
    "Ouagadougou",
    "Dakar",
    "Abidjan",
    "Lagos",
    "Maiduguri",
    "Kinshasa",
    "Goma",
    "Bangui",
    "N'Djamena",
    "Ankara",
    "Istanbul",
    "Moscou",
    "Saint-Pétersbourg",
    "Sotchi",
    "Kiev",
    "Donetsk",
    "Marioupol",
    "Kharkiv",
    "Odessa",
    "Minsk",
    "Varsovie",
    "Berlin",
    "Paris",
    "Marseille",
    "Lyon",
    "Bruxelles",
    "Genève",
    "Vienne",
    "Rome",
    "Madrid",
    "Londres",
    "Washington",
    "New York",
    "Téhéran",
    "Riyad",
    "Doha",
    "Abou Dhabi",
    "Sanaa",
    "Aden",
    "Amman",
    "Jérusalem",
    "Gaza",
    "Tel-Aviv",
    "Kaboul",
    "Kandahar",
    "Islamabad",
    "New Delhi",
    "Pékin",
    "Tokyo",
    "Séoul",
    "Astana",
    "Bakou",
    "Erevan",
    "Tbilissi",
    "Charm el-Cheikh",
];

/// Country names as written after `en`/`au`.
const COUNTRIES: &[&str] = &[
    "en Syrie",
    "en Irak",
    "en Turquie",
    "en Russie",
    "en Ukraine",
    "au Liban",
    "en Libye",
    "au Mali",
    "au Niger",
    "au Yémen",
    "en Iran",
    "en Afghanistan",
    "au Soudan",
    "en Éthiopie",
    "en Somalie",
    "au Nigeria",
    "en Égypte",
    "en Jordanie",
    "en Israël",
    "en France",
    "en Allemagne",
    "aux États-Unis",
    "en Arabie saoudite",
    "au Qatar",
];

const ACTORS: &[&str] = &[
    "le président russe Vladimir Poutine",
    "le président turc Recep Tayyip Erdogan",
    "le chef de la diplomatie française",
    "le secrétaire général de l'ONU",
    "la chancelière allemande",
    "le Premier ministre irakien",
    "le ministre iranien des Affaires étrangères",
    "l'envoyé spécial des Nations unies",
    "le président américain",
    "le porte-parole de l'armée",
    "le gouverneur de la province",
    "une délégation de l'opposition",
];

const KINDS: &[&str] = &[
    "a rencontré son homologue",
    "s'est entretenu par téléphone avec son homologue",
    "a participé à un sommet consacré à la sécurité régionale",
    "a signé un accord de cessez-le-feu",
    "a annoncé le retrait d'une partie des troupes",
    "a condamné les frappes aériennes",
    "a ouvert des pourparlers de paix",
    "a déclaré que l'offensive se poursuivrait",
];

/// Built-in French sentence templates: `{date}`, `{place}`, `{place2}`, `{country}`,
/// `{actor}`, `{kind}`, `{weekday}` and `{n}` are filled in.
const TEMPLATES: &[&str] = &[
    "{actor} {kind} {date} à {place}.",
    "Selon l'Observatoire syrien des droits de l'homme, au moins {n} civils ont été tués {date} dans des bombardements sur {place}.",
    "Des combats ont éclaté {weekday} près de {place}, à une trentaine de kilomètres de {place2}.",
    "Les discussions doivent reprendre {date} à {place}, a indiqué un diplomate sous couvert d'anonymat.",
    "Plus de {n} 000 personnes ont fui {place} depuis le début de l'offensive {country}.",
    "{actor} est arrivé {weekday} soir à {place} pour une visite de deux jours.",
    "La réunion, prévue {date} à {place}, a été reportée à une date ultérieure.",
    "Un attentat à la voiture piégée a fait {n} morts {date} à {place}, selon un bilan officiel.",
    "Les forces gouvernementales ont repris le contrôle de {place} {date}, après des semaines de siège.",
    "{actor} a appelé à un cessez-le-feu immédiat {country}, lors d'une conférence de presse à {place}.",
    "Le convoi humanitaire a quitté {place} {weekday} matin en direction de {place2}.",
    "Les ministres se retrouveront {date} à {place} pour préparer le sommet.",
    "Depuis {year}, le conflit {country} a fait plus de {n} 000 morts.",
    "{actor} {kind} {weekday} dernier, à {place}.",
];

static DATE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        \b(?:1er|[12]?[0-9]|3[01])\s(?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)(?:\s(?:19|20)[0-9]{2})?\b
        | \b(?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)\s(?:19|20)[0-9]{2}\b
        | \b(?:en|depuis|fin|début)\s(?:19|20)[0-9]{2}\b
        | \b[0-3]?[0-9]/[01]?[0-9]/(?:19|20)[0-9]{2}\b",
    )
    .expect("valid date pattern")
});

static PLACE_RE: LazyLock<Regex> = LazyLock::new(|| {
    let mut names: Vec<&str> = PLACES.to_vec();
    // Longest first, so `Saint-Pétersbourg` wins over a shorter name inside it.
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    let alts: Vec<String> = names.iter().map(|n| regex::escape(n)).collect();
    Regex::new(&format!(r"\b(?:{})\b", alts.join("|"))).expect("valid place pattern")
});

/// A day in 2011–2024, as (year, month 1-12, day 1-28).
fn random_day(rng: &mut Rng) -> (i32, usize, usize) {
    (
        2011 + rng.below(14) as i32,
        1 + rng.below(12),
        1 + rng.below(28),
    )
}

/// Rewrites the dates of a source sentence around the article's date.
fn shift_dates(s: &str, base: (i32, usize, usize), rng: &mut Rng) -> String {
    DATE_RE
        .replace_all(s, |caps: &regex::Captures<'_>| {
            let m = &caps[0];
            let (y, mo, _) = base;
            let d = 1 + rng.below(28);
            let mo2 = ((mo - 1 + 12 - rng.below(3)) % 12) + 1;
            let month = MONTHS[mo2 - 1];
            if m.contains('/') {
                format!("{d:02}/{mo2:02}/{y}")
            } else if m.starts_with(|c: char| c.is_ascii_digit()) {
                if m.chars().filter(|c| c.is_ascii_digit()).count() > 2 {
                    format!("{d} {month} {y}")
                } else {
                    format!("{d} {month}")
                }
            } else if let Some(word) = ["en", "depuis", "fin", "début"]
                .iter()
                .find(|w| m.starts_with(*w))
            {
                format!("{word} {}", y - rng.below(6) as i32)
            } else {
                format!("{month} {y}")
            }
        })
        .into_owned()
}

fn vary_places(s: &str, rng: &mut Rng) -> String {
    PLACE_RE
        .replace_all(s, |_: &regex::Captures<'_>| {
            rng.pick::<&str>(PLACES).to_string()
        })
        .into_owned()
}

fn fill_template(t: &str, base: (i32, usize, usize), rng: &mut Rng) -> String {
    let mut out = String::with_capacity(t.len() + 64);
    let mut rest = t;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        let slot = &rest[open + 1..open + close];
        let (y, mo, _) = base;
        match slot {
            "date" => {
                let d = 1 + rng.below(28);
                match rng.below(4) {
                    0 => out.push_str(&format!("le {d} {} {y}", MONTHS[mo - 1])),
                    1 => out.push_str(&format!(
                        "le {} {d} {}",
                        WEEKDAYS[rng.below(7)],
                        MONTHS[mo - 1]
                    )),
                    2 => out.push_str(&format!("le {d} {}", MONTHS[mo - 1])),
                    _ => out.push_str(&format!("en {} {y}", MONTHS[mo - 1])),
                }
            }
            "weekday" => out.push_str(WEEKDAYS[rng.below(7)]),
            "place" | "place2" => out.push_str(rng.pick::<&str>(PLACES)),
            "country" => out.push_str(rng.pick::<&str>(COUNTRIES)),
            "actor" => {
                let a = rng.pick::<&str>(ACTORS);
                if out.is_empty() || out.ends_with(". ") {
                    let mut c = a.chars();
                    if let Some(f) = c.next() {
                        out.extend(f.to_uppercase());
                        out.push_str(c.as_str());
                    }
                } else {
                    out.push_str(a);
                }
            }
            "kind" => out.push_str(rng.pick::<&str>(KINDS)),
            "year" => out.push_str(&(y - 1 - rng.below(8) as i32).to_string()),
            "n" => out.push_str(&(2 + rng.below(300)).to_string()),
            other => out.push_str(other),
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    out
}

/// Sentences of the source texts usable for recombination (marker lines, titles and very
/// short or very long fragments left out).
pub fn sentence_pool<S: AsRef<str>>(sources: &[S]) -> Vec<String> {
    let mut pool = Vec::new();
    for src in sources {
        let body = crate::core::extract::marker::strip_marker(src.as_ref());
        for para in body.split('\n') {
            let mut start = 0;
            let b = para.as_bytes();
            for (i, c) in para.char_indices() {
                let end_of_sentence = matches!(c, '.' | '!' | '?')
                    && (i + 1 == b.len() || b.get(i + 1) == Some(&b' '));
                if end_of_sentence {
                    let s = para[start..=i].trim();
                    if (40..=400).contains(&s.len())
                        && s.chars()
                            .next()
                            .is_some_and(|c| c.is_uppercase() || c == '«')
                    {
                        pool.push(s.to_string());
                    }
                    start = i + 1;
                }
            }
        }
    }
    pool
}

/// One generated article: `(relative path, contents)`.
pub fn article(index: usize, seed: u64, pool: &[String]) -> (PathBuf, String) {
    let mut rng = Rng::new(seed ^ (index as u64).wrapping_mul(0xD6E8_FEB8_6659_FD93));
    let base = random_day(&mut rng);
    let (y, mo, d) = base;
    let mut text = String::with_capacity(3000);
    let html = rng.below(20) == 0;
    let title = fill_template("{actor} {kind} à {place}", base, &mut rng);
    let mut body = String::with_capacity(2800);
    // A dateline one time out of three, the marker otherwise.
    let dateline = rng.below(3) == 0;
    if dateline {
        body.push_str(&format!(
            "Publié le {} {d} {} {y} à {:02}h{:02}\n\n",
            WEEKDAYS[rng.below(7)],
            MONTHS[mo - 1],
            6 + rng.below(14),
            rng.below(60)
        ));
    }
    let target = 2200 + rng.below(800);
    let mut para_len = 0;
    while body.len() < target {
        let s = if !pool.is_empty() && rng.below(3) != 0 {
            let s = rng.pick(pool);
            vary_places(&shift_dates(s, base, &mut rng), &mut rng)
        } else {
            fill_template(rng.pick::<&str>(TEMPLATES), base, &mut rng)
        };
        if para_len > 0 {
            body.push(' ');
        }
        body.push_str(&s);
        para_len += 1;
        if para_len >= 2 + rng.below(3) {
            body.push_str("\n\n");
            para_len = 0;
        }
    }
    let name = format!("{:03}/synth-{index:07}", index / 1000);
    if html {
        let paras: String = body
            .split("\n\n")
            .filter(|p| !p.trim().is_empty())
            .map(|p| {
                format!(
                    "<p>{}</p>\n",
                    p.trim().replace('&', "&amp;").replace('<', "&lt;")
                )
            })
            .collect();
        text.push_str(&format!(
            "<!DOCTYPE html>\n<html lang=\"fr\"><head><meta charset=\"utf-8\"><title>{title}</title>\n\
             <meta property=\"article:published_time\" content=\"{y}-{mo:02}-{d:02}T08:00:00+01:00\">\n\
             <script>window.dataLayer=[];</script><style>p{{margin:0}}</style></head>\n\
             <body><nav><a href=\"/\">Accueil</a> <a href=\"/monde\">Monde</a></nav>\n<article><h1>{title}</h1>\n{paras}</article>\n\
             <footer>Tous droits réservés</footer></body></html>\n"
        ));
        (PathBuf::from(format!("{name}.html")), text)
    } else {
        if !dateline {
            text.push_str(&format!(" date {y}-{mo:02} "));
        }
        text.push_str(&title);
        text.push_str("\n\n");
        text.push_str(&body);
        (PathBuf::from(format!("{name}.txt")), text)
    }
}

/// What `write_corpus` wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SynthStats {
    /// Files written.
    pub files: usize,
    /// Bytes written.
    pub bytes: u64,
}

/// Writes `n` articles under `dir` (1000 per subfolder), deterministic from `seed` and the
/// sources. Existing files of the same name are overwritten.
pub fn write_corpus<S: AsRef<str>>(
    dir: &Path,
    n: usize,
    seed: u64,
    sources: &[S],
) -> std::io::Result<SynthStats> {
    let pool = sentence_pool(sources);
    let mut stats = SynthStats::default();
    let mut made_dir = usize::MAX;
    for i in 0..n {
        let (rel, text) = article(i, seed, &pool);
        if i / 1000 != made_dir {
            if let Some(parent) = rel.parent() {
                std::fs::create_dir_all(dir.join(parent))?;
            }
            made_dir = i / 1000;
        }
        let mut f = std::io::BufWriter::new(std::fs::File::create(dir.join(&rel))?);
        f.write_all(text.as_bytes())?;
        f.flush()?;
        stats.files += 1;
        stats.bytes += text.len() as u64;
    }
    Ok(stats)
}

/// Reads the `.txt` files of a folder (not recursive) as generator sources, sorted by name.
pub fn read_sources(dir: &Path) -> Vec<String> {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = rd
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SRC: &str = " date 2017-09 Le président a rencontré son homologue à Ankara le 28 septembre 2017. \
        Les combats ont repris en 2011 près de Damas, selon des sources locales.\n\nDeuxième paragraphe sans date ni lieu connus ici.";

    #[test]
    fn deterministic_and_sized() {
        let pool = sentence_pool(&[SRC]);
        assert_eq!(pool.len(), 3);
        let a = article(42, 7, &pool);
        assert_eq!(a, article(42, 7, &pool));
        assert_ne!(a.1, article(43, 7, &pool).1);
        assert_ne!(a.1, article(42, 8, &pool).1);
        let total: usize = (0..200).map(|i| article(i, 1, &pool).1.len()).sum();
        let avg = total / 200;
        assert!((2000..3500).contains(&avg), "average {avg} bytes");
    }

    #[test]
    fn dates_are_shifted_and_places_varied() {
        let mut rng = Rng::new(3);
        let s = shift_dates(
            "le 28 septembre 2017 et en 2011 puis le 03/04/2012",
            (2020, 5, 1),
            &mut rng,
        );
        assert!(
            !s.contains("2017") && !s.contains("2011") && !s.contains("2012"),
            "{s}"
        );
        assert!(s.contains("2020"), "{s}");
        let mut seen = std::collections::HashSet::new();
        for _ in 0..50 {
            seen.insert(vary_places("à Ankara", &mut rng));
        }
        assert!(seen.len() > 10);
    }
}
