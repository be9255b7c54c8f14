//! Sentence splitting.

use crate::core::model::Span;

/// Common French abbreviations that end with a period without ending a sentence.
const ABBREVIATIONS: &[&str] = &[
    "M", "MM", "Mme", "Mmes", "Mlle", "Dr", "Pr", "Me", "Mgr", "St", "Ste", "av", "cf", "etc", "p",
    "n", "no", "vol", "art", "env", "ex", "Gal", "Gén", "Col", "Cdt", "Lt", "Sgt", "J.-C", "apr",
    "janv", "févr", "avr", "juil", "sept", "oct", "nov", "déc",
];

/// Bytes where a sentence can end: `\n . ! ?` and the lead byte of `…`.
static SPLIT_BYTES: [bool; 256] = {
    let mut t = [false; 256];
    t[b'\n' as usize] = true;
    t[b'.' as usize] = true;
    t[b'!' as usize] = true;
    t[b'?' as usize] = true;
    t[0xE2] = true;
    t
};

/// Sentence spans of `text` (byte offsets), in order.
///
/// Splits at line breaks and at `.`, `!`, `?`, `…` followed by a space (or a closing quote and a
/// space), except after abbreviations (`M.`, `St.`, `etc.` before a lower-case word) and single
/// capital initials (`Recep T. Erdogan`).
pub fn sentences(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    // Every split character but `…` is ASCII: look at bytes, decode only at candidates.
    let mut i = 0;
    while i < bytes.len() {
        // Skip to the next byte that can split (a table test a byte, no branch per kind).
        match bytes[i..].iter().position(|&b| SPLIT_BYTES[b as usize]) {
            Some(k) => i += k,
            None => break,
        }
        let c = match bytes[i] {
            b'\n' => '\n',
            b'.' => '.',
            b'!' => '!',
            b'?' => '?',
            0xE2 if bytes[i + 1..].starts_with(&[0x80, 0xA6]) => '…',
            _ => {
                i += 1;
                continue;
            }
        };
        let end = i + c.len_utf8();
        let split = if c == '\n' {
            true
        } else if matches!(c, '.' | '!' | '?' | '…') {
            let rest = &text[end..];
            let rest_trim = rest.trim_start_matches(['»', '"', '”', ')', '\u{a0}', '\u{202f}']);
            let followed_by_space =
                rest_trim.is_empty() || rest_trim.starts_with([' ', '\n', '\t']);
            (followed_by_space || (c == '.' && is_glued_start(text, i, rest_trim)))
                && !(c == '.' && is_abbreviation_before(text, i, rest_trim))
        } else {
            false
        };
        if split {
            // Take closing quotes with the sentence.
            let mut e = end;
            while e < bytes.len() {
                let next = text[e..].chars().next();
                match next {
                    Some(q @ ('»' | '"' | '”' | ')')) if c != '\n' => e += q.len_utf8(),
                    _ => break,
                }
            }
            if e > start && !text[start..e].trim().is_empty() {
                out.push(Span::new(start, e));
                start = e;
            } else if e > start {
                start = e;
            }
        }
        i = end;
    }
    if start < text.len() && !text[start..].trim().is_empty() {
        out.push(Span::new(start, text.len()));
    }
    // Split points inside a closing-quote run may leave `start` mid-run: spans stay ordered
    // and disjoint because `start` only moves forward.
    out
}

/// True when the period at byte `dot`, with no space after it, still ends a sentence: text
/// pasted from web pages loses the space between sentences (`a indiqué une ONG.Les
/// combattants`). The word before has three letters or more and `rest` (what follows the dot
/// and its closing quotes) starts with a capital then a lower-case letter, so neither
/// numbers (`2.5`), web addresses (`rfi.fr`) nor initials (`U.S.`) split.
fn is_glued_start(text: &str, dot: usize, rest: &str) -> bool {
    let rest = rest.trim_start_matches(['«', '“']);
    let mut next = rest.chars();
    // `Il`, `Le`, or the one-letter `A`/`À` of `A Moscou, l'armée…`.
    let capital_word = match (next.next(), next.next()) {
        (Some(a), Some(b)) if a.is_uppercase() => {
            b.is_lowercase() || (matches!(a, 'A' | 'À') && b == ' ')
        }
        _ => false,
    };
    // A closing quote may end the sentence before the dot (`« la Ghouta ».Le`).
    let before = text[..dot].trim_end_matches(['"', '»', '”', '\u{a0}', ' ']);
    let letters_before = before
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .take(3)
        .count();
    capital_word && letters_before == 3
}

/// True when the period at byte `dot` ends an abbreviation or an initial rather than a sentence.
fn is_abbreviation_before(text: &str, dot: usize, rest: &str) -> bool {
    let before = &text[..dot];
    let word_start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_whitespace() || c == '(' || c == '«')
        .map(|(p, c)| p + c.len_utf8())
        .unwrap_or(0);
    let word = before[word_start..].trim_start_matches(['(', '«', '"', '\'']);
    if word.is_empty() {
        return false;
    }
    let next_lower = rest
        .trim_start()
        .chars()
        .next()
        .is_some_and(|c| c.is_lowercase());
    // A single capital letter: an initial (`Recep T. Erdogan`, `J. Biden`).
    let mut chars = word.chars();
    if let (Some(first), None) = (chars.next(), chars.next())
        && first.is_uppercase()
    {
        return true;
    }
    if ABBREVIATIONS.contains(&word) {
        // `M.` and titles never end sentences; lower-case abbreviations only when the next word
        // is lower case.
        return word.chars().next().is_some_and(|c| c.is_uppercase()) || next_lower;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sentences glued by a lost space, and the dots that must not split.
    #[test]
    fn glued_sentences_split_at_a_capital_word() {
        let cases: &[(&str, usize)] = &[
            ("Les rebelles sont partis.Les soldats sont entrés.", 2),
            (
                "a indiqué une ONG.\"Les combattants ont fui\", selon l'OSDH.",
                2,
            ),
            (
                "Le porte-parole a parlé jeudi.En vertu de cet accord, rien.",
                2,
            ),
            ("Le taux est de 2.5 pour cent.", 1),
            ("Lisez rfi.fr chaque jour.", 1),
            ("Les U.S.Army sont là.", 1),
            ("Il a vu M.Kerry hier.", 1),
            ("selon le ministère.A Moscou, l'armée a parlé.", 2),
            ("selon le ministère.À Moscou, l'armée a parlé.", 2),
            (
                "la totalité de la \"Ghouta orientale\".Le régime a parlé.",
                2,
            ),
            ("Le plan B.A la fin, rien.", 1),
            ("Le sigle T.A est connu.", 1),
        ];
        for (t, n) in cases {
            assert_eq!(sentences(t).len(), *n, "{t}");
        }
    }

    #[test]
    fn sentences_skip_abbreviations_and_initials() {
        let t = "M. Lavrov a parlé. Recep T. Erdogan est venu à Ankara. Fin";
        let s: Vec<&str> = sentences(t).iter().map(|s| &t[s.start..s.end]).collect();
        assert_eq!(
            s,
            vec![
                "M. Lavrov a parlé.",
                " Recep T. Erdogan est venu à Ankara.",
                " Fin"
            ]
        );
    }

    #[test]
    fn sentences_keep_closing_quotes() {
        let t = "Il a dit «non.» Puis il est parti.";
        let s: Vec<&str> = sentences(t).iter().map(|s| &t[s.start..s.end]).collect();
        assert_eq!(s, vec!["Il a dit «non.»", " Puis il est parti."]);
    }
}
