//! A small tokenizer for French date expressions: words are classified once (months, weekdays,
//! keywords, number words) so the matchers compare enums, not strings.
//!
//! Tokens keep byte offsets into the original text; the tokenizer allocates one `Vec` per call
//! and a single reusable lower-case buffer.

/// Keywords that matter to date expressions (lower case, accents optional where writers drop them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kw {
    Le,
    La,
    Les,
    L,
    Ce,
    Cet,
    Cette,
    Du,
    De,
    D,
    Des,
    Au,
    Aux,
    En,
    A,
    Et,
    Ou,
    Depuis,
    Des2,
    Debut,
    Fin,
    Mi,
    Courant,
    Mois,
    Dernier,
    Prochain,
    Passe,
    Hier,
    Aujourd,
    Hui,
    Demain,
    Avant,
    Apres,
    Veille,
    Lendemain,
    Semaine,
    Semaines,
    An,
    Ans,
    Annee,
    Annees,
    Jour,
    Jours,
    Il,
    Y,
    Week,
    End,
    Weekend,
    Er,
    Premier,
    Nuit,
    Entre,
    Matin,
    Soir,
    Jusqu,
    Ici,
    Partir,
    Saison,
    Plus,
    Moins,
    Pres,
    Environ,
    Quelque,
    Au2,
    Dans,
    Ci,
    Cours,
}

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum K {
    /// A month name, 1..=12.
    Month(u8),
    /// A month abbreviation (`janv`, `févr`, `déc`), 1..=12; needs a `.` or a year to count.
    Abbr(u8),
    /// A weekday, 0 = Monday.
    Wd(u8),
    /// A number word (`trois`, `dix`). `sept` is also checked as a month abbreviation.
    NumWord(u32),
    /// A keyword.
    Kw(Kw),
    /// Any other word.
    Word,
    /// A run of ASCII digits: value (saturating) and number of digits.
    Num(u32, u8),
    /// Any other non-space character.
    P(char),
}

/// One token with its byte range.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tok {
    pub s: usize,
    pub e: usize,
    pub k: K,
    /// First letter upper case.
    pub cap: bool,
    /// The whitespace before this token contains a line break (or it is the first token).
    pub nl: bool,
}

fn classify(w: &str) -> K {
    use Kw::*;
    let kw = |k| K::Kw(k);
    match w {
        "janvier" => K::Month(1),
        "février" | "fevrier" => K::Month(2),
        "mars" => K::Month(3),
        "avril" => K::Month(4),
        "mai" => K::Month(5),
        "juin" => K::Month(6),
        "juillet" => K::Month(7),
        "août" | "aout" => K::Month(8),
        "septembre" => K::Month(9),
        "octobre" => K::Month(10),
        "novembre" => K::Month(11),
        "décembre" | "decembre" => K::Month(12),
        "janv" => K::Abbr(1),
        "févr" | "fevr" | "fév" | "fev" => K::Abbr(2),
        "avr" => K::Abbr(4),
        "juil" => K::Abbr(7),
        "oct" => K::Abbr(10),
        "nov" => K::Abbr(11),
        "déc" | "dec" => K::Abbr(12),
        "lundi" => K::Wd(0),
        "mardi" => K::Wd(1),
        "mercredi" => K::Wd(2),
        "jeudi" => K::Wd(3),
        "vendredi" => K::Wd(4),
        "samedi" => K::Wd(5),
        "dimanche" => K::Wd(6),
        "un" | "une" => K::NumWord(1),
        "deux" => K::NumWord(2),
        "trois" => K::NumWord(3),
        "quatre" => K::NumWord(4),
        "cinq" => K::NumWord(5),
        "six" => K::NumWord(6),
        "sept" => K::NumWord(7),
        "huit" => K::NumWord(8),
        "neuf" => K::NumWord(9),
        "dix" => K::NumWord(10),
        "onze" => K::NumWord(11),
        "douze" => K::NumWord(12),
        "treize" => K::NumWord(13),
        "quatorze" => K::NumWord(14),
        "quinze" => K::NumWord(15),
        "seize" => K::NumWord(16),
        "vingt" => K::NumWord(20),
        "trente" => K::NumWord(30),
        "quarante" => K::NumWord(40),
        "cinquante" => K::NumWord(50),
        "soixante" => K::NumWord(60),
        "cent" => K::NumWord(100),
        "le" => kw(Le),
        "la" => kw(La),
        "les" => kw(Les),
        "l" => kw(L),
        "ce" => kw(Ce),
        "cet" => kw(Cet),
        "cette" => kw(Cette),
        "du" => kw(Du),
        "de" => kw(De),
        "d" => kw(D),
        "des" => kw(Des),
        "dès" => kw(Des2),
        "au" => kw(Au),
        "aux" => kw(Aux),
        "en" => kw(En),
        "à" | "a" => kw(A),
        "et" => kw(Et),
        "ou" => kw(Ou),
        "depuis" => kw(Depuis),
        "début" | "debut" => kw(Debut),
        "fin" => kw(Fin),
        "mi" => kw(Mi),
        "courant" => kw(Courant),
        "mois" => kw(Mois),
        "dernier" | "dernière" | "derniere" => kw(Dernier),
        "prochain" | "prochaine" => kw(Prochain),
        "passé" | "passée" | "passee" => kw(Passe),
        "hier" => kw(Hier),
        "aujourd" => kw(Aujourd),
        "hui" => kw(Hui),
        "demain" => kw(Demain),
        "avant" => kw(Avant),
        "après" | "apres" => kw(Apres),
        "veille" => kw(Veille),
        "lendemain" => kw(Lendemain),
        "semaine" => kw(Semaine),
        "semaines" => kw(Semaines),
        "an" => kw(An),
        "ans" => kw(Ans),
        "année" | "annee" => kw(Annee),
        "années" | "annees" => kw(Annees),
        "jour" => kw(Jour),
        "jours" => kw(Jours),
        "il" => kw(Il),
        "y" => kw(Y),
        "week" => kw(Week),
        "end" => kw(End),
        "weekend" => kw(Weekend),
        "er" => kw(Er),
        "premier" => kw(Premier),
        "nuit" => kw(Nuit),
        "entre" => kw(Entre),
        "matin" => kw(Matin),
        "soir" => kw(Soir),
        "jusqu" => kw(Jusqu),
        "ici" => kw(Ici),
        "partir" => kw(Partir),
        "printemps" | "été" | "automne" | "hiver" => kw(Saison),
        "plus" => kw(Plus),
        "moins" => kw(Moins),
        "près" | "pres" => kw(Pres),
        "environ" => kw(Environ),
        "quelque" => kw(Quelque),
        "aussi" => kw(Au2),
        "dans" => kw(Dans),
        "ci" => kw(Ci),
        "cours" => kw(Cours),
        _ => K::Word,
    }
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’' || c == 'ʼ'
}

/// Splits `text` into tokens. Letters (with inner apostrophes split off), digit runs, and single
/// punctuation characters; whitespace is skipped but line breaks are remembered.
pub(crate) fn tokenize(text: &str) -> Vec<Tok> {
    let mut out = Vec::with_capacity(text.len() / 5 + 4);
    let mut buf = String::with_capacity(32);
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut nl = true;
    while i < text.len() {
        let b = bytes[i];
        if b.is_ascii_digit() {
            let s = i;
            let mut v: u32 = 0;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                v = v
                    .saturating_mul(10)
                    .saturating_add((bytes[i] - b'0') as u32);
                i += 1;
            }
            let nd = (i - s).min(255) as u8;
            out.push(Tok {
                s,
                e: i,
                k: K::Num(v, nd),
                cap: false,
                nl,
            });
            nl = false;
            continue;
        }
        if b < 0x80 {
            if b == b'\n' || b == b'\r' {
                nl = true;
                i += 1;
                continue;
            }
            if b.is_ascii_whitespace() {
                i += 1;
                continue;
            }
            if b.is_ascii_alphabetic() {
                i = word(text, i, &mut buf, &mut out, &mut nl);
                continue;
            }
            out.push(Tok {
                s: i,
                e: i + 1,
                k: K::P(b as char),
                cap: false,
                nl,
            });
            nl = false;
            i += 1;
            continue;
        }
        // Non-ASCII: decode one char.
        let c = match text[i..].chars().next() {
            Some(c) => c,
            None => break,
        };
        let l = c.len_utf8();
        if c.is_alphabetic() {
            i = word(text, i, &mut buf, &mut out, &mut nl);
        } else if c.is_whitespace() {
            if c == '\u{2028}' || c == '\u{2029}' || c == '\u{85}' {
                nl = true;
            }
            i += l;
        } else {
            out.push(Tok {
                s: i,
                e: i + l,
                k: K::P(c),
                cap: false,
                nl,
            });
            nl = false;
            i += l;
        }
    }
    out
}

/// Reads one word starting at `start` (an alphabetic char) and pushes its token.
fn word(text: &str, start: usize, buf: &mut String, out: &mut Vec<Tok>, nl: &mut bool) -> usize {
    let mut end = start;
    let mut cap = false;
    buf.clear();
    for (k, c) in text[start..].char_indices() {
        if !c.is_alphabetic() {
            break;
        }
        if k == 0 {
            cap = c.is_uppercase();
        }
        end = start + k + c.len_utf8();
        if buf.len() < 24 {
            for lc in c.to_lowercase() {
                buf.push(lc);
            }
        }
    }
    let k = if buf.len() < 24 {
        classify(buf)
    } else {
        K::Word
    };
    out.push(Tok {
        s: start,
        e: end,
        k,
        cap,
        nl: *nl,
    });
    *nl = false;
    end
}

/// True when the char is an apostrophe (straight or typographic).
pub(crate) fn apostrophe(c: char) -> bool {
    is_apostrophe(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_keep_offsets_and_classes() {
        let t = tokenize("Le 1er février 2019, aujourd’hui à 15h30");
        let kinds: Vec<K> = t.iter().map(|t| t.k).collect();
        assert_eq!(kinds[0], K::Kw(Kw::Le));
        assert_eq!(kinds[1], K::Num(1, 1));
        assert_eq!(kinds[2], K::Kw(Kw::Er));
        assert_eq!(kinds[3], K::Month(2));
        assert_eq!(kinds[4], K::Num(2019, 4));
        assert_eq!(kinds[6], K::Kw(Kw::Aujourd));
        assert_eq!(kinds[7], K::P('’'));
        assert_eq!(kinds[8], K::Kw(Kw::Hui));
        for tok in &t {
            assert!("Le 1er février 2019, aujourd’hui à 15h30".is_char_boundary(tok.s));
        }
        assert!(t[0].cap && t[0].nl && !t[1].nl);
    }

    #[test]
    fn huge_numbers_saturate() {
        let t = tokenize("99999999999999999999");
        assert_eq!(t.len(), 1);
        assert!(matches!(t[0].k, K::Num(u32::MAX, 20)));
    }
}
