//! Decoding bytes to text: UTF-8 (with or without BOM), UTF-16, Windows-1252; binary
//! content is refused.

/// Text decoded from bytes, with a note when it had to be repaired.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text.
    pub text: String,
    /// `Some(reason)` when the bytes were not clean UTF-8 (other encoding, invalid sequences,
    /// control bytes removed).
    pub repair: Option<String>,
}

/// Known binary formats by their first bytes.
fn magic(bytes: &[u8]) -> Option<&'static str> {
    const MAGICS: &[(&[u8], &str)] = &[
        (b"%PDF", "a PDF document"),
        (b"\x89PNG", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"PK\x03\x04", "a ZIP archive (or office document)"),
        (b"\x1F\x8B", "a gzip archive"),
        (b"7z\xBC\xAF", "a 7-Zip archive"),
        (b"Rar!", "a RAR archive"),
        (b"\x7FELF", "an executable"),
        (b"MZ", "a Windows executable"),
        (b"\xD0\xCF\x11\xE0", "an old Office document"),
        (b"SQLite format 3", "an SQLite database"),
        (b"BZh", "a bzip2 archive"),
        (b"\xFD7zXZ", "an xz archive"),
        (b"\x28\xB5\x2F\xFD", "a zstd archive"),
        (b"OggS", "an audio file"),
        (b"ID3", "an MP3 file"),
        (b"RIFF", "a RIFF media file"),
        (b"wOFF", "a font"),
    ];
    let (m, what) = MAGICS.iter().find(|(m, _)| bytes.starts_with(m))?;
    // Magics made of letters (`ID3`, `RIFF`, `MZ`…) can also start a sentence: trust them only
    // with NUL or control bytes nearby, as real headers have. `%PDF` is trusted as is.
    let textual = m.iter().all(|b| b.is_ascii_graphic() || *b == b' ') && *what != "a PDF document";
    if textual
        && !bytes
            .iter()
            .take(256)
            .any(|b| *b == 0 || is_bad_control(*b))
    {
        return None;
    }
    Some(*what)
}

/// Byte is a C0 control character that text files do not contain (tab, newlines, form feed
/// and escape excepted), or DEL.
fn is_bad_control(b: u8) -> bool {
    (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1B)) || b == 0x7F
}

/// If `bytes` look like UTF-16 without a BOM (many zero bytes, all on the same parity), the
/// byte order.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 8 {
        return None;
    }
    let half = sample.len() / 2;
    let even_zero = sample.iter().step_by(2).filter(|b| **b == 0).count();
    let odd_zero = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|b| **b == 0)
        .count();
    // Latin text in UTF-16: the high byte of nearly every unit is zero, the low byte almost
    // never.
    if odd_zero * 10 >= half * 7 && even_zero * 50 <= half {
        Some(encoding_rs::UTF_16LE)
    } else if even_zero * 10 >= half * 7 && odd_zero * 50 <= half {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// Decodes bytes: UTF-8 (with or without BOM), UTF-16 with BOM (or clearly UTF-16 without),
/// otherwise Windows-1252, or lossy UTF-8 when the bytes are mostly UTF-8 with a few invalid
/// sequences. `Err(reason)` when the bytes look binary.
///
/// The text keeps the file's byte layout where it can (offsets of the evaluation point into
/// it): only stray control bytes are replaced by spaces, lone carriage returns become line
/// feeds, and decomposed accents are composed (NFC).
pub fn decode(bytes: Vec<u8>) -> Result<Decoded, String> {
    let mut notes: Vec<String> = Vec::new();
    let text: String = if bytes.starts_with(b"\xEF\xBB\xBF") {
        utf8_after_bom(bytes, &mut notes)
    } else if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        utf16_after_bom(&bytes, &mut notes)?
    } else if let Some(enc) = utf16_without_bom(&bytes) {
        let body = &bytes[..bytes.len() & !1];
        let (s, _) = enc.decode_without_bom_handling(body);
        check_decoded_text(&s)?;
        notes.push(format!("no byte order mark: decoded as {}", enc.name()));
        s.into_owned()
    } else {
        refuse_binary(&bytes)?;
        utf8_or_windows_1252(bytes, &mut notes)
    };
    let (text, cleaned) = clean_text(text);
    if cleaned > 0 {
        notes.push(format!(
            "{cleaned} control byte(s) (NUL…) replaced by spaces"
        ));
    }
    let text = if unicode_normalization::is_nfc_quick(text.chars())
        == unicode_normalization::IsNormalized::Yes
    {
        text
    } else {
        use unicode_normalization::UnicodeNormalization;
        text.nfc().collect()
    };
    Ok(Decoded {
        text,
        repair: if notes.is_empty() {
            None
        } else {
            Some(notes.join("; "))
        },
    })
}

/// UTF-8 bytes starting with a byte order mark, invalid sequences replaced.
fn utf8_after_bom(bytes: Vec<u8>, notes: &mut Vec<String>) -> String {
    match String::from_utf8(bytes) {
        Ok(mut s) => {
            s.drain(..3);
            s
        }
        Err(e) => {
            let bytes = e.into_bytes();
            let (s, _) = decode_utf8_tail_aware(&bytes[3..]);
            notes.push("invalid UTF-8 sequences replaced by \u{FFFD}".into());
            s
        }
    }
}

/// UTF-16 bytes starting with a byte order mark (a final odd byte is dropped).
fn utf16_after_bom(bytes: &[u8], notes: &mut Vec<String>) -> Result<String, String> {
    let enc = if bytes[0] == 0xFF {
        encoding_rs::UTF_16LE
    } else {
        encoding_rs::UTF_16BE
    };
    let body = &bytes[2..];
    let body = &body[..body.len() & !1];
    let (s, had_errors) = enc.decode_without_bom_handling(body);
    if had_errors {
        notes.push(format!(
            "{} with invalid sequences, replaced by \u{FFFD}",
            enc.name()
        ));
    }
    check_decoded_text(&s)?;
    Ok(s.into_owned())
}

/// Refuses bytes with no byte order mark that start like a known binary format or hold too
/// many control bytes.
fn refuse_binary(bytes: &[u8]) -> Result<(), String> {
    if let Some(what) = magic(bytes) {
        return Err(format!("binary file ({what}): skipped"));
    }
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    let bad = sample.iter().filter(|b| is_bad_control(**b)).count();
    // Random or compressed bytes have ~11 % control bytes, text has none: 5 % is a safe
    // line between them (a few stray NULs in a text file pass and are cleaned below).
    if bad * 20 > sample.len() {
        return Err(format!(
            "binary file ({}% control bytes): skipped",
            (bad * 100).div_ceil(sample.len().max(1))
        ));
    }
    Ok(())
}

/// Text bytes with no byte order mark: UTF-8, lossy UTF-8 when only a few sequences are
/// invalid, else Windows-1252.
fn utf8_or_windows_1252(bytes: Vec<u8>, notes: &mut Vec<String>) -> String {
    let bytes = match String::from_utf8(bytes) {
        Ok(s) => return s,
        Err(e) => e.into_bytes(),
    };
    let (valid_multi, invalid) = utf8_census(&bytes);
    if invalid == 0 {
        // Only a sequence cut at the end (a file truncated by the size cap).
        let (s, _) = decode_utf8_tail_aware(&bytes);
        s
    } else if valid_multi > invalid * 4 {
        let (s, _) = decode_utf8_tail_aware(&bytes);
        notes.push(format!(
            "not valid UTF-8: {invalid} invalid byte sequence(s) replaced by \u{FFFD}"
        ));
        s
    } else {
        let (s, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&bytes);
        notes.push("not valid UTF-8: decoded as Windows-1252".into());
        s.into_owned()
    }
}

/// Refuses decoded text that is mostly control characters or replacement characters (binary
/// data that happened to look like UTF-16).
fn check_decoded_text(s: &str) -> Result<(), String> {
    let (mut n, mut bad) = (0usize, 0usize);
    for c in s.chars().take(32 * 1024) {
        n += 1;
        if c == '\u{FFFD}' || (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{0C}')) {
            bad += 1;
        }
    }
    if bad * 20 > n {
        return Err(format!(
            "binary file ({}% control or invalid characters): skipped",
            (bad * 100).div_ceil(n.max(1))
        ));
    }
    Ok(())
}

/// Counts valid multi-byte UTF-8 sequences and invalid sequences (a sequence cut by the end of
/// the buffer is neither).
fn utf8_census(mut bytes: &[u8]) -> (usize, usize) {
    let (mut multi, mut invalid) = (0usize, 0usize);
    loop {
        match std::str::from_utf8(bytes) {
            Ok(s) => {
                multi += s.chars().filter(|c| !c.is_ascii()).count();
                return (multi, invalid);
            }
            Err(e) => {
                let good = e.valid_up_to();
                multi += std::str::from_utf8(&bytes[..good])
                    .map(|s| s.chars().filter(|c| !c.is_ascii()).count())
                    .unwrap_or(0);
                match e.error_len() {
                    Some(n) => {
                        invalid += 1;
                        bytes = &bytes[good + n..];
                    }
                    None => return (multi, invalid),
                }
            }
        }
    }
}

/// Lossy UTF-8 decoding that drops (rather than replaces) a sequence cut by the end.
fn decode_utf8_tail_aware(bytes: &[u8]) -> (String, bool) {
    let end = match std::str::from_utf8(bytes) {
        Ok(_) => bytes.len(),
        Err(e) if e.error_len().is_none() => e.valid_up_to(),
        Err(_) => {
            // Find a cut sequence at the very end (at most 3 bytes of a started character).
            let mut end = bytes.len();
            for back in 1..=3.min(bytes.len()) {
                let b = bytes[bytes.len() - back];
                if (0xC2..=0xF4).contains(&b) {
                    let need = if b >= 0xF0 {
                        4
                    } else if b >= 0xE0 {
                        3
                    } else {
                        2
                    };
                    if need > back {
                        end = bytes.len() - back;
                    }
                    break;
                }
                if b & 0xC0 != 0x80 {
                    break;
                }
            }
            end
        }
    };
    let s = String::from_utf8_lossy(&bytes[..end]);
    let lossy = matches!(s, std::borrow::Cow::Owned(_));
    (s.into_owned(), lossy)
}

/// Replaces stray control characters by spaces and lone CRs by LFs, keeping byte offsets.
fn clean_text(text: String) -> (String, usize) {
    let needs = text.bytes().any(|b| is_bad_control(b) || b == b'\r');
    if !needs {
        return (text, 0);
    }
    let mut bytes = text.into_bytes();
    let mut cleaned = 0;
    for i in 0..bytes.len() {
        let b = bytes[i];
        if is_bad_control(b) {
            bytes[i] = b' ';
            cleaned += 1;
        } else if b == b'\r' && bytes.get(i + 1) != Some(&b'\n') {
            bytes[i] = b'\n';
        }
    }
    // Only ASCII bytes were replaced by ASCII bytes: still valid UTF-8.
    let text = String::from_utf8(bytes)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    (text, cleaned)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(b: &[u8]) -> Decoded {
        decode(b.to_vec()).expect("decodes")
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(dec("été".as_bytes()).text, "été");
        assert_eq!(dec("été".as_bytes()).repair, None);
        assert_eq!(dec(b"\xEF\xBB\xBFet\xC3\xA9").text, "eté");
    }

    #[test]
    fn utf16_both_orders_with_bom_and_le_without() {
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Idleb, été".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("Idleb, été".encode_utf16().flat_map(|u| u.to_be_bytes()))
            .collect();
        assert_eq!(dec(&le).text, "Idleb, été");
        assert_eq!(dec(&be).text, "Idleb, été");
        let nobom: Vec<u8> = "Le 28 septembre à Ankara"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        let d = dec(&nobom);
        assert_eq!(d.text, "Le 28 septembre à Ankara");
        assert!(d.repair.is_some());
    }

    #[test]
    fn windows_1252_and_lossy_utf8() {
        let d = dec(b"L\x92arm\xE9e turque \x96 Afrine");
        assert_eq!(d.text, "L\u{2019}armée turque \u{2013} Afrine");
        assert!(d.repair.unwrap().contains("Windows-1252"));
        // Mostly UTF-8 with one bad byte: stays UTF-8.
        let d = dec("é à è ç ô û î ê â "
            .repeat(3)
            .as_bytes()
            .iter()
            .copied()
            .chain([0xFF])
            .collect::<Vec<_>>()
            .as_slice());
        assert!(d.text.starts_with("é à"));
        assert!(d.text.ends_with('\u{FFFD}'));
    }

    #[test]
    fn binary_is_refused_and_stray_nuls_are_cleaned() {
        assert!(
            decode(b"%PDF-1.4 ...".to_vec())
                .unwrap_err()
                .contains("PDF")
        );
        let noise: Vec<u8> = (0..4096u32)
            .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
            .collect();
        assert!(decode(noise).is_err());
        let mut text = "Une phrase assez longue pour un article de presse. "
            .repeat(20)
            .into_bytes();
        text[10] = 0;
        let d = dec(&text);
        assert_eq!(d.text.len(), text.len());
        assert_eq!(d.text.as_bytes()[10], b' ');
        assert!(d.repair.is_some());
    }

    #[test]
    fn cut_utf8_at_the_end_is_dropped_quietly() {
        let mut b = "Un été".as_bytes().to_vec();
        b.pop();
        let d = dec(&b);
        assert_eq!(d.text, "Un ét");
        assert_eq!(d.repair, None);
    }

    #[test]
    fn nfd_is_composed() {
        assert_eq!(dec("e\u{301}te\u{301}".as_bytes()).text, "été");
    }
}
