//! The whole pipeline on one file's bytes: decode, strip, extract.
#![no_main]

use chronocarte::core::io::document_from_bytes;
use chronocarte::core::extract::extract;
use chronocarte::core::extract::places::gazetteer::Gazetteer;
use chronocarte::core::model::Span;
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(
    // The embedded gazetteer (360 000 names in one automaton) is built once, before the first
    // input: under the sanitizers that takes longer than `-timeout`, which would otherwise be
    // reported as a hang of whichever input comes first.
    init: {
        let g = Gazetteer::global();
        assert!(g.error.is_none(), "gazetteer: {:?}", g.error);
    },
    |data: &[u8]| {
        let Ok((doc, _)) = document_from_bytes(Path::new("f.txt"), data.to_vec()) else {
            return;
        };
        let a = extract(&doc, Gazetteer::global());
        let text = doc.text.as_str();
        let ok = |s: Span| {
            s.start <= s.end
                && s.end <= text.len()
                && text.is_char_boundary(s.start)
                && text.is_char_boundary(s.end)
        };
        assert!(a.dates.iter().all(|d| ok(d.span)));
        assert!(a.places.iter().all(|p| ok(p.span)
            && (-90.0..=90.0).contains(&p.place.lat)
            && (-180.0..=180.0).contains(&p.place.lon)));
        assert!(a.events.iter().all(|e| ok(e.span)));
    }
);
