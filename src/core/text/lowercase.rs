//! Lower-casing, and telling letters: `str::to_lowercase`, `char::to_lowercase` and
//! `char::is_alphabetic` with the characters of French text answered without the Unicode
//! tables.

/// Appends `s` lower-cased to `out`: the same as `str::to_lowercase`, without its temporary
/// and with Latin-1 letters (French accents) handled without the Unicode case tables.
pub fn push_lowercase(out: &mut String, s: &str) {
    let from = out.len();
    out.reserve(s.len());
    let mut rest = s;
    while !rest.is_empty() {
        // Runs of ASCII are copied and lower-cased in bulk; most of French text is ASCII.
        let ascii = rest.bytes().position(|b| b >= 0x80).unwrap_or(rest.len());
        if ascii > 0 {
            let at = out.len();
            out.push_str(&rest[..ascii]);
            out[at..].make_ascii_lowercase();
            rest = &rest[ascii..];
            continue;
        }
        let Some(c) = rest.chars().next() else { break };
        // A capital sigma lower-cases by its context (final `ς`): leave it all to std.
        if c == 'Σ' {
            out.truncate(from);
            out.push_str(&s.to_lowercase());
            return;
        }
        push_lowercase_char(out, c);
        rest = &rest[c.len_utf8()..];
    }
}

/// `char::is_alphabetic`, with the answers for ASCII, Latin-1 and general punctuation (the
/// typographic apostrophe and quotes of French text) given without the Unicode tables.
pub fn is_alphabetic(c: char) -> bool {
    match c {
        '\0'..='\u{7f}' => c.is_ascii_alphabetic(),
        'ª' | 'µ' | 'º' => true,
        '×' | '÷' => false,
        '\u{c0}'..='\u{ff}' => true,
        '\u{80}'..='\u{bf}' | '\u{2000}'..='\u{206f}' => false,
        _ => c.is_alphabetic(),
    }
}

/// Appends the lower case of `c` to `out`: `char::to_lowercase` with Latin-1 handled without
/// the Unicode tables (see [`push_lowercase`] for whole strings).
pub fn push_lowercase_char(out: &mut String, c: char) {
    match c {
        'A'..='Z' => out.push(c.to_ascii_lowercase()),
        '\0'..='\u{7f}' | '\u{df}'..='\u{ff}' | '\u{d7}' => out.push(c),
        '\u{c0}'..='\u{de}' => out.push(char::from_u32(c as u32 + 0x20).unwrap_or(c)),
        _ => out.extend(c.to_lowercase()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn push_lowercase_matches_std_to_lowercase() {
        let samples = [
            "Élysée À Ÿ ÀÉÎÕÜ ×÷ ß Straße İstanbul ΣΑΣ Ǆ",
            "Recep Tayyip ERDOĞAN, Kyiv, ÇA VA, Øresund",
            "ASCII RUNS Between Accents: Évry, MOSCOU, ÎLE-de-FRANCE.",
            "ends in Σ",
            "",
        ];
        for s in samples {
            let mut out = String::from("x");
            push_lowercase(&mut out, s);
            assert_eq!(out, format!("x{}", s.to_lowercase()), "{s}");
        }
        // Every char of Latin-1 and Latin Extended-A.
        let all: String = (0u32..0x180).filter_map(char::from_u32).collect();
        let mut out = String::new();
        push_lowercase(&mut out, &all);
        assert_eq!(out, all.to_lowercase());
    }

    #[test]
    fn fast_char_classes_agree_with_std() {
        for c in ('\0'..='\u{3000}').chain(['œ', 'Œ', 'ſ', 'ǅ', '\u{10400}']) {
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{c:?}");
            let mut fast = String::new();
            push_lowercase_char(&mut fast, c);
            assert_eq!(fast, c.to_lowercase().collect::<String>(), "{c:?}");
        }
    }
}
