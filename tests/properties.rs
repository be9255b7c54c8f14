//! Property tests on the engine (issue 4, item 2): for any text, and any bytes after decoding,
//! extraction never panics, every span lies on char boundaries inside the text and matches the
//! text it claims, every date is a real calendar date at its precision, every coordinate is in
//! range.

use chrono::Datelike;
use chronocarte::core::extract::extract;
use chronocarte::core::extract::places::gazetteer::Gazetteer;
use chronocarte::core::io;
use chronocarte::core::io::html::strip_html;
use chronocarte::core::model::Document;
use chronocarte::core::model::{Article, DateValue, Place, Precision, Span};
use proptest::prelude::*;
use std::path::PathBuf;

fn check_span(text: &str, s: Span, what: &str) {
    assert!(
        s.start <= s.end && s.end <= text.len(),
        "{what}: span {s:?} outside text of {} bytes",
        text.len()
    );
    assert!(
        text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
        "{what}: span {s:?} not on char boundaries"
    );
}

fn check_date(d: &DateValue, what: &str) {
    match d.precision {
        Precision::Day => {}
        Precision::Month => assert_eq!(
            d.start.day(),
            1,
            "{what}: month precision starts on the 1st"
        ),
        Precision::Year => {
            assert_eq!(
                (d.start.month(), d.start.day()),
                (1, 1),
                "{what}: year precision starts on 1 Jan"
            )
        }
    }
    assert!(
        DateValue::parse_iso(&d.iso()) == Some(*d),
        "{what}: {} round-trips through ISO",
        d.iso()
    );
    assert!(d.end() >= d.start);
}

fn check_place(p: &Place, what: &str) {
    assert!(
        p.lat.is_finite() && (-90.0..=90.0).contains(&p.lat),
        "{what}: latitude {}",
        p.lat
    );
    assert!(
        p.lon.is_finite() && (-180.0..=180.0).contains(&p.lon),
        "{what}: longitude {}",
        p.lon
    );
}

fn check_article(text: &str, a: &Article) {
    assert_eq!(a.text_len, text.len());
    for d in &a.dates {
        check_span(text, d.span, "date");
        assert_eq!(
            &text[d.span.start..d.span.end],
            d.text,
            "date text is the text of its span"
        );
        check_date(&d.value, "date");
        if let Some(e) = &d.end {
            check_date(e, "date range end");
            assert!(
                e.end() >= d.value.start,
                "range ends after it starts: {:?}",
                d
            );
        }
    }
    for p in &a.places {
        check_span(text, p.span, "place");
        assert_eq!(
            &text[p.span.start..p.span.end],
            p.surface,
            "place surface is the text of its span"
        );
        check_place(&p.place, "place");
        p.alternatives
            .iter()
            .for_each(|alt| check_place(alt, "alternative"));
        assert!(
            (0.0..=1.0).contains(&p.confidence),
            "confidence {}",
            p.confidence
        );
    }
    for e in &a.events {
        check_span(text, e.span, "event");
        check_date(&e.date, "event date");
        if let Some(end) = &e.date_end {
            check_date(end, "event end");
        }
        if let Some(p) = &e.place {
            check_place(p, "event place");
        }
        for s in &e.sources {
            check_span(text, s.span, "event source");
        }
        assert!(
            (0.0..=1.0).contains(&e.confidence),
            "confidence {}",
            e.confidence
        );
    }
    if let Some(p) = &a.published {
        check_date(p, "published");
    }
    assert!((0.0..=1.0).contains(&a.published_confidence));
}

fn run(text: String) {
    let doc = Document {
        id: "p".into(),
        path: PathBuf::from("p.txt"),
        title: None,
        text,
        meta_published: None,
        url: None,
        site: None,
    };
    let a = extract(&doc, Gazetteer::global());
    check_article(&doc.text, &a);
}

/// French-looking text: date words, numbers, places, elisions and punctuation in any order,
/// which reaches the parsers' interesting paths far more often than random strings.
fn frenchish() -> impl Strategy<Value = String> {
    let tokens = prop::sample::select(vec![
        "le",
        "la",
        "du",
        "au",
        "en",
        "1er",
        "28",
        "31",
        "29",
        "0",
        "00",
        "2017",
        "1999",
        "9999",
        "septembre",
        "février",
        "mars",
        "août",
        "décembre",
        "hier",
        "aujourd'hui",
        "demain",
        "samedi",
        "mercredi",
        "dernier",
        "prochain",
        "la veille",
        "le lendemain",
        "il y a",
        "trois",
        "ans",
        "semaine",
        "début",
        "fin",
        "mi-2017",
        "/",
        "-",
        ".",
        ",",
        "28/09/2017",
        "2017-09-28",
        "31/02/2019",
        "15-20 km",
        "sa",
        "France-Soir",
        "à",
        "Ankara",
        "d'Idleb",
        "l'Iran",
        "Saint-Pétersbourg",
        "Charm el-Cheikh",
        "Vladimir Poutine",
        "Moscou",
        "Alep",
        "province",
        "capitale turque",
        "nuit du 5 au 6 janvier",
        "du 26 au 29 août",
        "Publié le",
        " date 2018-02",
        "\n",
        "\n\n",
        "«",
        "»",
        "’",
        "é",
        "\u{0301}",
        "\u{a0}",
        "🙂",
        "Ω",
        "\t",
        "10h30",
        "2 000",
        "XIXe",
        "an",
        "dernière",
        "l'an dernier",
    ]);
    prop::collection::vec(
        (
            tokens,
            prop::sample::select(vec![" ", "", "  ", "\u{a0}", "\n"]),
        ),
        0..60,
    )
    .prop_map(|v| {
        v.into_iter()
            .flat_map(|(t, sep)| [t, sep])
            .collect::<String>()
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn extraction_never_panics_on_any_string(s in any::<String>()) {
        run(s);
    }

    #[test]
    fn extraction_holds_on_frenchish_text(s in frenchish()) {
        run(s);
    }

    #[test]
    fn decoding_any_bytes_then_extracting_holds(bytes in prop::collection::vec(any::<u8>(), 0..2048), html in any::<bool>()) {
        let path = PathBuf::from(if html { "x.html" } else { "x.txt" });
        if let Ok((doc, _)) = io::document_from_bytes(&path, bytes) {
            prop_assert!(!doc.text.trim().is_empty());
            let a = extract(&doc, Gazetteer::global());
            check_article(&doc.text, &a);
        }
    }

    #[test]
    fn utf8_text_decodes_to_itself(s in "[^\u{0}-\u{8}\u{b}\u{e}-\u{1f}\u{7f}\r\u{feff}]{1,300}") {
        // Any UTF-8 text without control characters (and already NFC) comes back unchanged:
        // offsets into the decoded text are offsets into the file.
        use unicode_normalization::UnicodeNormalization;
        let s: String = s.nfc().collect();
        let d = io::decode(s.clone().into_bytes());
        if let Ok(d) = d {
            prop_assert_eq!(d.text, s);
        }
    }

    #[test]
    fn html_stripping_never_panics(parts in prop::collection::vec(prop::sample::select(vec![
        "<p>", "</p>", "<div>", "</div>", "<script>", "</script>", "<style>", "</style>", "<nav>", "</nav>",
        "<title>", "</title>", "<!--", "-->", "<br/>", "<a href=\"x>y\">", "</a>", "&amp;",
        "&#x1F600;", "&#0;", "&#xD800;", "&eacute;", "&", "<", ">", "\"", "'", "texte", "é", "<title>x", "<header>", "</header>",
        "<article>", "</article>", "<meta property=\"article:published_time\" content=\"2018-01-01\">",
        "<script type=\"application/ld+json\">{\"datePublished\":\"2019-02-14\"}</script>", "<pre>", "</pre>", "\n",
    ]), 0..80)) {
        let html: String = parts.concat();
        let d = strip_html(&html);
        // Whatever the nesting or breakage, no markup survives as text and the title is one line.
        for tag in ["<p>", "</p>", "<div>", "</div>", "<nav>", "<br/>", "<script>", "</script>", "<title>", "<header>"] {
            prop_assert!(!d.text.contains(tag), "{:?} left in {:?} from {:?}", tag, d.text, html);
        }
        prop_assert!(d.title.as_deref().is_none_or(|t| !t.contains('\n') && !t.is_empty()));
    }
}

// Regression inputs found by the fuzz targets (fuzz/README.md), inlined.

/// fuzz `decode_html`: an unclosed `<![CDATA[` took the whole rest of the page as literal
/// text, markup and all (`<script>` tags and their code ended up in the prose).
#[test]
fn fuzz_unclosed_cdata_does_not_dump_the_page_as_text() {
    let minimal = strip_html("<![CDATA[<script>");
    assert!(!minimal.text.contains("<script>"), "{:?}", minimal.text);
    let found = "AL pppppppppp<![CDATA[ppppanabouL<script> anu#<e> ip anabouL<spppppppppppppanabouL<script> anu#<e> ip anabouL<script> anu#<e> ipt> ip#<set> ip#<serit> en";
    let d = strip_html(found);
    assert!(!d.text.contains('<'), "{:?}", d.text);
    assert!(d.text.starts_with("AL pppppppppp"), "{:?}", d.text);
    // Like an unclosed comment, it ends at the next `>`; the page after it is read as usual.
    let d = strip_html("<![CDATA[ ouvert > <p>Texte gardé.</p><script>var x = 1;</script>");
    assert_eq!(d.text, "Texte gardé.");
    // A closed CDATA section is still literal text.
    assert_eq!(strip_html("<p>a<![CDATA[x < y]]>b</p>").text, "ax < yb");
    // Through the whole engine too.
    let doc = io::document_from_bytes(&PathBuf::from("f.html"), found.as_bytes().to_vec());
    if let Ok((doc, _)) = doc {
        assert!(!doc.text.contains("<script>"), "{:?}", doc.text);
        check_article(&doc.text, &extract(&doc, Gazetteer::global()));
    }
}
