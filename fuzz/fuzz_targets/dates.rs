//! French date finding and resolution on arbitrary text, against a fixed reference date.
#![no_main]

use chronocarte::core::extract::dates::find_dates;
use chronocarte::core::model::DateValue;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for reference in [DateValue::ymd(2018, 9, 15), DateValue::ym(2020, 2), None] {
        for d in find_dates(text, reference) {
            assert!(d.span.start <= d.span.end && d.span.end <= text.len());
            assert!(text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end));
            assert_eq!(DateValue::parse_iso(&d.value.iso()), Some(d.value));
        }
    }
});
