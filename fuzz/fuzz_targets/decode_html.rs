//! Decoding arbitrary bytes (encoding sniffing, binary detection) and stripping HTML.
#![no_main]

use chronocarte::core::io::document_from_bytes;
use chronocarte::core::io::html::strip_html;
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let html = data.first().is_some_and(|b| b & 1 == 1);
    let path = Path::new(if html { "f.html" } else { "f.txt" });
    if let Ok((doc, _warnings)) = document_from_bytes(path, data.to_vec()) {
        assert!(!doc.text.trim().is_empty());
    }
    if let Ok(s) = std::str::from_utf8(data) {
        let d = strip_html(s);
        // Markup never survives as text; `<script>` in the text can only come from an entity
        // (`&lt;script>`) or a closed CDATA section, whose content is literal text.
        if !s.contains('&') && !(s.contains("<![CDATA[") && s.contains("]]>")) {
            assert!(!d.text.contains("<script>"), "{:?} -> {:?}", s, d.text);
        }
        assert!(d.title.as_deref().is_none_or(|t| !t.contains('\n')));
    }
});
