//! HTML to text: a linear, non-recursive tag scanner.
//!
//! Keeps the prose of a page: drops scripts, styles, navigation, page headers and footers,
//! asides and forms; decodes entities; turns block elements into paragraph breaks; takes the
//! `<title>` and the publication date from `<meta>` or JSON-LD. Nothing in the page is run or
//! fetched. Any nesting depth is fine (no recursion; malformed markup is tolerated).

/// What is kept of an HTML page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HtmlDoc {
    /// The prose, paragraphs separated by blank lines.
    pub text: String,
    /// `<title>` (else `og:title`), entities decoded, whitespace collapsed.
    pub title: Option<String>,
    /// `article:published_time`, `datePublished` (meta, microdata or JSON-LD) or a similar
    /// meta date, as written.
    pub published: Option<String>,
}

/// Elements whose content is never prose (scripts, styles…): skipped up to their end tag.
const RAW: &[&str] = &[
    "script", "style", "noscript", "template", "textarea", "xmp", "iframe", "noembed", "noframes",
    "svg", "math", "select", "button",
];

/// Page furniture: navigation, site header and footer, sidebars. Not `<form>`: some sites
/// wrap the whole page in one (its controls are dropped as raw elements instead).
const FURNITURE: &[&str] = &["nav", "header", "footer", "aside", "dialog", "menu"];

/// Elements that end a paragraph.
const BLOCK: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "table",
    "tr",
    "blockquote",
    "pre",
    "figure",
    "figcaption",
    "hr",
    "address",
    "details",
    "summary",
    "body",
    "center",
    "fieldset",
    "caption",
    "thead",
    "tbody",
    "tfoot",
];

fn is_in(list: &[&str], name: &str) -> bool {
    list.iter().any(|n| n.eq_ignore_ascii_case(name))
}

/// Collects text with HTML whitespace rules and pending breaks.
struct Out {
    s: String,
    /// 0: none, 1: line break, 2: paragraph break.
    pending_break: u8,
    pending_space: bool,
}

impl Out {
    fn text(&mut self, t: &str, pre: bool) {
        for c in t.chars() {
            if !pre && (c.is_whitespace() && c != '\u{a0}') {
                self.pending_space = true;
                continue;
            }
            if pre && c == '\n' {
                self.brk(1);
                continue;
            }
            self.flush();
            self.s.push(if c == '\u{a0}' && !pre { ' ' } else { c });
        }
    }
    fn flush(&mut self) {
        if !self.s.is_empty() {
            match self.pending_break {
                2 => self.s.push_str("\n\n"),
                1 => self.s.push('\n'),
                _ if self.pending_space => self.s.push(' '),
                _ => {}
            }
        }
        self.pending_break = 0;
        self.pending_space = false;
    }
    fn brk(&mut self, n: u8) {
        self.pending_break = self.pending_break.max(n);
    }
}

/// Strips markup from `html`.
pub fn strip_html(html: &str) -> HtmlDoc {
    let full = scan(html, true);
    // A furniture element left open (an unclosed `<nav>` or `<aside>`) would swallow the page:
    // if almost nothing is left, scan again keeping furniture.
    if full.text.chars().filter(|c| c.is_alphanumeric()).count() < 200 {
        let keep = scan(html, false);
        let n_keep = keep.text.chars().filter(|c| c.is_alphanumeric()).count();
        let n_full = full.text.chars().filter(|c| c.is_alphanumeric()).count();
        if n_keep > 4 * n_full.max(25) {
            return HtmlDoc {
                text: keep.text,
                title: full.title,
                published: full.published,
            };
        }
    }
    full
}

/// One tag as scanned.
struct Tag<'a> {
    name: &'a str,
    end: bool,
    self_closing: bool,
    /// Raw attribute text (between the name and `>`).
    attrs: &'a str,
}

/// Finds `needle` (ASCII, lower case) in `hay` from `from`, ignoring ASCII case.
fn find_ci(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || from >= hay.len() {
        return None;
    }
    let first = needle[0];
    let mut i = from;
    while i + needle.len() <= hay.len() {
        if hay[i].to_ascii_lowercase() == first
            && hay[i..i + needle.len()].eq_ignore_ascii_case(needle)
        {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// [`find_ci`] remembering failures: once `needle` is known absent after a position, later
/// searches past it fail at once (a page with thousands of unclosed `<script>` or `<!--`
/// stays linear).
fn find_memo(
    hay: &[u8],
    from: usize,
    needle: &str,
    absent: &mut Vec<(String, usize)>,
) -> Option<usize> {
    if absent
        .iter()
        .any(|(n, after)| n == needle && *after <= from)
    {
        return None;
    }
    let found = find_ci(hay, from, needle.as_bytes());
    if found.is_none() {
        absent.push((needle.to_string(), from));
    }
    found
}

/// Parses a tag starting at `bytes[i] == b'<'`; returns it and the index after its `>`.
fn parse_tag(html: &str, i: usize) -> Option<(Tag<'_>, usize)> {
    let b = html.as_bytes();
    let mut j = i + 1;
    let end = b.get(j) == Some(&b'/');
    if end {
        j += 1;
    }
    if !b.get(j).is_some_and(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let name_start = j;
    while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'>' && b[j] != b'/' {
        j += 1;
    }
    let name = html.get(name_start..j)?;
    let attrs_start = j;
    // Find the closing `>` outside quoted attribute values. A value is never longer than a
    // few KB: a quote not closed within that is taken as a plain character (this also keeps
    // the scan linear on hostile input).
    let mut k = j;
    while k < b.len() {
        let c = b[k];
        if c == b'>' {
            break;
        }
        if c == b'"' || c == b'\'' {
            // Quotes only open a value right after `=`.
            let prev = b[j..k]
                .iter()
                .rev()
                .take(64)
                .find(|x| !x.is_ascii_whitespace());
            if prev == Some(&b'=') {
                let window = &b[k + 1..b.len().min(k + 1 + 4096)];
                if let Some(p) = window.iter().position(|x| *x == c) {
                    k += p + 1;
                }
            }
        }
        k += 1;
    }
    if k >= b.len() {
        return None;
    }
    let close = k;
    let attrs = html.get(attrs_start..close).unwrap_or("");
    let self_closing = attrs.trim_end().ends_with('/');
    Some((
        Tag {
            name,
            end,
            self_closing,
            attrs,
        },
        close + 1,
    ))
}

/// The value of attribute `name` in raw attribute text.
fn attr<'a>(attrs: &'a str, name: &str) -> Option<&'a str> {
    let b = attrs.as_bytes();
    let mut i = 0;
    while i < b.len() {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        let ns = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'=' && b[i] != b'/' {
            i += 1;
        }
        let n = attrs.get(ns..i).unwrap_or("");
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value: Option<&str> = None;
        if i < b.len() && b[i] == b'=' {
            i += 1;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                let q = b[i];
                let vs = i + 1;
                let ve = b[vs..]
                    .iter()
                    .position(|c| *c == q)
                    .map(|p| vs + p)
                    .unwrap_or(b.len());
                value = attrs.get(vs..ve);
                i = (ve + 1).min(b.len());
            } else {
                let vs = i;
                while i < b.len() && !b[i].is_ascii_whitespace() {
                    i += 1;
                }
                value = attrs.get(vs..i);
            }
        }
        if n.eq_ignore_ascii_case(name) {
            return Some(value.unwrap_or(""));
        }
        if ns == i {
            i += 1;
        }
    }
    None
}

/// Meta names that carry a publication date, best first.
const DATE_META: &[&str] = &[
    "article:published_time",
    "datepublished",
    "og:published_time",
    "publishdate",
    "pubdate",
    "date",
    "dc.date.issued",
    "dc.date",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
];

fn meta_rank(key: &str) -> Option<usize> {
    DATE_META
        .iter()
        .position(|k| k.eq_ignore_ascii_case(key.trim()))
}

/// `"datePublished": "…"` in a JSON-LD block, by a tolerant scan (the JSON may be invalid).
fn json_ld_date(script: &str) -> Option<String> {
    let key = "\"datePublished\"";
    let at = script.find(key)?;
    let rest = script[at + key.len()..].trim_start();
    let rest = rest.strip_prefix(':')?.trim_start();
    let rest = rest.strip_prefix('"')?;
    let end = rest.find('"')?;
    let v = rest[..end].trim();
    (!v.is_empty() && v.len() < 64).then(|| v.to_string())
}

fn scan(html: &str, drop_furniture: bool) -> HtmlDoc {
    let mut sc = Scanner::new(html, drop_furniture);
    // No tag can start after the last `>`: stop looking there (keeps hostile input linear).
    let last_gt = html.bytes().rposition(|c| c == b'>').unwrap_or(0);
    while sc.i < last_gt {
        sc.step();
    }
    sc.finish()
}

/// The state of one scan: the text so far, what the head said, and the open elements that
/// decide whether text is kept.
struct Scanner<'a> {
    html: &'a str,
    b: &'a [u8],
    drop_furniture: bool,
    out: Out,
    title: Option<String>,
    og_title: Option<String>,
    /// The best publication date so far, with its rank (lower is better).
    published: Option<(usize, String)>,
    /// Open furniture elements (names), and how many `<article>`/`<main>` are open: a
    /// `<header>` inside an article holds its headline and date, so it is kept.
    furniture: Vec<String>,
    article_depth: usize,
    pre_depth: usize,
    /// Where the scan is.
    i: usize,
    /// Where the text not yet emitted starts.
    text_start: usize,
    /// End tags known to be absent after a position (`</script` searched once, not per tag).
    absent: Vec<(String, usize)>,
}

impl<'a> Scanner<'a> {
    fn new(html: &'a str, drop_furniture: bool) -> Self {
        Self {
            html,
            b: html.as_bytes(),
            drop_furniture,
            out: Out {
                s: String::with_capacity(html.len() / 3),
                pending_break: 0,
                pending_space: false,
            },
            title: None,
            og_title: None,
            published: None,
            furniture: Vec::new(),
            article_depth: 0,
            pre_depth: 0,
            i: 0,
            text_start: 0,
            absent: Vec::new(),
        }
    }

    /// Moves past one byte of text, or one construct starting with `<`.
    fn step(&mut self) {
        let rest = &self.b[self.i..];
        if rest[0] != b'<' {
            self.i += 1;
        } else if rest.starts_with(b"<!--") {
            self.comment();
        } else if rest.starts_with(b"<![CDATA[") {
            self.cdata();
        } else if rest.get(1).is_some_and(|c| *c == b'!' || *c == b'?') {
            self.declaration();
        } else {
            self.tag();
        }
    }

    /// Emits `s` as text, unless inside furniture.
    fn emit(&mut self, s: &str) {
        if self.furniture.is_empty() && !s.is_empty() {
            self.out.text(&decode_entities(s), self.pre_depth > 0);
        }
    }

    /// Emits the text from the end of the last construct up to `end`.
    fn text_up_to(&mut self, end: usize) {
        let html = self.html;
        self.emit(&html[self.text_start..end]);
    }

    /// The index after the first `>` from `from`, or the end of the page.
    fn after_gt(&self, from: usize) -> usize {
        self.b[from..]
            .iter()
            .position(|c| *c == b'>')
            .map(|p| from + p + 1)
            .unwrap_or(self.b.len())
    }

    /// Continues the scan at `at`, the text starting there.
    fn resume_at(&mut self, at: usize) {
        self.i = at;
        self.text_start = at;
    }

    fn comment(&mut self) {
        let i = self.i;
        self.text_up_to(i);
        // An unclosed comment ends at the next `>` rather than swallowing the page.
        let end = find_memo(self.b, i + 4, "-->", &mut self.absent)
            .map(|p| p + 3)
            .unwrap_or_else(|| self.after_gt(i));
        self.resume_at(end);
    }

    fn cdata(&mut self) {
        let i = self.i;
        self.text_up_to(i);
        let end = match find_memo(self.b, i + 9, "]]>", &mut self.absent) {
            Some(end) => {
                if self.furniture.is_empty() {
                    let html = self.html;
                    self.out.text(&html[i + 9..end], self.pre_depth > 0);
                }
                end + 3
            }
            // Unclosed: a bogus comment up to the next `>`, like an unclosed `<!--`
            // (its "content" would be the rest of the page, markup and all).
            None => self.after_gt(i),
        };
        self.resume_at(end);
    }

    /// Doctype and processing instructions.
    fn declaration(&mut self) {
        let i = self.i;
        self.text_up_to(i);
        let end = self.after_gt(i);
        self.resume_at(end);
    }

    fn tag(&mut self) {
        let i = self.i;
        let Some((tag, after)) = parse_tag(self.html, i) else {
            // A `<` that does not start a tag is text.
            self.i += 1;
            return;
        };
        self.text_up_to(i);
        self.resume_at(after);
        let name = tag.name;
        if !tag.end && (is_in(RAW, name) || name.eq_ignore_ascii_case("title")) {
            self.raw_element(&tag);
            return;
        }
        if !tag.end && (name.eq_ignore_ascii_case("meta") || name.eq_ignore_ascii_case("time")) {
            self.meta(&tag);
        }
        if self.drop_furniture && is_in(FURNITURE, name) && !self.furniture_tag(&tag) {
            return;
        }
        if self.furniture.is_empty() {
            self.structure(&tag);
        }
    }

    /// An element whose content is not prose (and `<title>`): skipped up to its end tag,
    /// keeping the title or a JSON-LD date it holds.
    fn raw_element(&mut self, tag: &Tag<'_>) {
        if tag.self_closing {
            return;
        }
        let name = tag.name;
        let close = format!("</{}", name.to_ascii_lowercase());
        let Some(end) = find_memo(self.b, self.i, &close, &mut self.absent) else {
            // Never closed: skip only the tag itself, so the page is not swallowed.
            return;
        };
        let content = &self.html[self.i..end];
        if name.eq_ignore_ascii_case("title") {
            if self.title.is_none() && self.furniture.is_empty() {
                let t = collapse(&decode_entities(content));
                if !t.is_empty() {
                    self.title = Some(t);
                }
            }
        } else if name.eq_ignore_ascii_case("script")
            && attr(tag.attrs, "type")
                .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"))
            && self.published.as_ref().is_none_or(|(r, _)| *r > 1)
            && let Some(d) = json_ld_date(content)
        {
            self.published = Some((1, d));
        }
        let end = self.after_gt(end);
        self.resume_at(end);
    }

    /// `<meta>` or `<time>`: an `og:title` or a publication date.
    fn meta(&mut self, tag: &Tag<'_>) {
        let key = attr(tag.attrs, "property")
            .or_else(|| attr(tag.attrs, "name"))
            .or_else(|| attr(tag.attrs, "itemprop"));
        let value = attr(tag.attrs, "content").or_else(|| attr(tag.attrs, "datetime"));
        let (Some(k), Some(v)) = (key, value) else {
            return;
        };
        if k.eq_ignore_ascii_case("og:title") && self.og_title.is_none() {
            self.og_title = Some(collapse(&decode_entities(v)));
        }
        if let Some(rank) = meta_rank(k) {
            let v = v.trim();
            if !v.is_empty()
                && v.len() < 64
                && self.published.as_ref().is_none_or(|(r, _)| *r > rank)
            {
                self.published = Some((rank, v.to_string()));
            }
        }
    }

    /// Opens or closes a furniture element. True when the tag is a `<header>` inside an
    /// article, which is kept as structure rather than dropped.
    fn furniture_tag(&mut self, tag: &Tag<'_>) -> bool {
        let name = tag.name;
        let kept_header = name.eq_ignore_ascii_case("header") && self.article_depth > 0;
        if tag.end {
            if let Some(pos) = self
                .furniture
                .iter()
                .rposition(|n| n.eq_ignore_ascii_case(name))
            {
                self.furniture.truncate(pos);
                self.out.brk(2);
            }
        } else if !tag.self_closing && !kept_header {
            self.furniture.push(name.to_ascii_lowercase());
        }
        kept_header
    }

    /// A tag outside furniture: article and `<pre>` depths, line and paragraph breaks, the
    /// space a table cell or an image stands for.
    fn structure(&mut self, tag: &Tag<'_>) {
        let name = tag.name;
        if name.eq_ignore_ascii_case("article") || name.eq_ignore_ascii_case("main") {
            if tag.end {
                self.article_depth = self.article_depth.saturating_sub(1);
            } else {
                self.article_depth += 1;
            }
        }
        if name.eq_ignore_ascii_case("pre") {
            if tag.end {
                self.pre_depth = self.pre_depth.saturating_sub(1);
            } else {
                self.pre_depth += 1;
            }
        }
        if name.eq_ignore_ascii_case("br") {
            self.out.brk(1);
        } else if is_in(BLOCK, name) {
            self.out.brk(2);
        } else if name.eq_ignore_ascii_case("td")
            || name.eq_ignore_ascii_case("th")
            || name.eq_ignore_ascii_case("img")
        {
            self.out.pending_space = true;
        }
    }

    /// Emits the text after the last construct and returns what was kept.
    fn finish(mut self) -> HtmlDoc {
        let html = self.html;
        // A tag cut by the end of the file (a page truncated by the size cap) is not text.
        let rest = &html[self.text_start.min(html.len())..];
        let rb = rest.as_bytes();
        let cut = (0..rb.len())
            .find(|&k| {
                rb[k] == b'<'
                    && rb
                        .get(k + 1)
                        .is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, b'/' | b'!'))
            })
            .unwrap_or(rb.len());
        self.emit(&rest[..cut]);
        HtmlDoc {
            text: self.out.s,
            title: self.title.or(self.og_title).filter(|t| !t.is_empty()),
            published: self.published.map(|(_, d)| d),
        }
    }
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Named entities: the Latin-1 set and the typographic ones French pages use.
const ENTITIES: &[(&str, char)] = &[
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("nbsp", '\u{a0}'),
    ("iexcl", '¡'),
    ("cent", '¢'),
    ("pound", '£'),
    ("curren", '¤'),
    ("yen", '¥'),
    ("brvbar", '¦'),
    ("sect", '§'),
    ("uml", '¨'),
    ("copy", '©'),
    ("ordf", 'ª'),
    ("laquo", '«'),
    ("not", '¬'),
    ("shy", '\u{ad}'),
    ("reg", '®'),
    ("macr", '¯'),
    ("deg", '°'),
    ("plusmn", '±'),
    ("sup2", '²'),
    ("sup3", '³'),
    ("acute", '´'),
    ("micro", 'µ'),
    ("para", '¶'),
    ("middot", '·'),
    ("cedil", '¸'),
    ("sup1", '¹'),
    ("ordm", 'º'),
    ("raquo", '»'),
    ("frac14", '¼'),
    ("frac12", '½'),
    ("frac34", '¾'),
    ("iquest", '¿'),
    ("Agrave", 'À'),
    ("Aacute", 'Á'),
    ("Acirc", 'Â'),
    ("Atilde", 'Ã'),
    ("Auml", 'Ä'),
    ("Aring", 'Å'),
    ("AElig", 'Æ'),
    ("Ccedil", 'Ç'),
    ("Egrave", 'È'),
    ("Eacute", 'É'),
    ("Ecirc", 'Ê'),
    ("Euml", 'Ë'),
    ("Igrave", 'Ì'),
    ("Iacute", 'Í'),
    ("Icirc", 'Î'),
    ("Iuml", 'Ï'),
    ("ETH", 'Ð'),
    ("Ntilde", 'Ñ'),
    ("Ograve", 'Ò'),
    ("Oacute", 'Ó'),
    ("Ocirc", 'Ô'),
    ("Otilde", 'Õ'),
    ("Ouml", 'Ö'),
    ("times", '×'),
    ("Oslash", 'Ø'),
    ("Ugrave", 'Ù'),
    ("Uacute", 'Ú'),
    ("Ucirc", 'Û'),
    ("Uuml", 'Ü'),
    ("Yacute", 'Ý'),
    ("THORN", 'Þ'),
    ("szlig", 'ß'),
    ("agrave", 'à'),
    ("aacute", 'á'),
    ("acirc", 'â'),
    ("atilde", 'ã'),
    ("auml", 'ä'),
    ("aring", 'å'),
    ("aelig", 'æ'),
    ("ccedil", 'ç'),
    ("egrave", 'è'),
    ("eacute", 'é'),
    ("ecirc", 'ê'),
    ("euml", 'ë'),
    ("igrave", 'ì'),
    ("iacute", 'í'),
    ("icirc", 'î'),
    ("iuml", 'ï'),
    ("eth", 'ð'),
    ("ntilde", 'ñ'),
    ("ograve", 'ò'),
    ("oacute", 'ó'),
    ("ocirc", 'ô'),
    ("otilde", 'õ'),
    ("ouml", 'ö'),
    ("divide", '÷'),
    ("oslash", 'ø'),
    ("ugrave", 'ù'),
    ("uacute", 'ú'),
    ("ucirc", 'û'),
    ("uuml", 'ü'),
    ("yacute", 'ý'),
    ("thorn", 'þ'),
    ("yuml", 'ÿ'),
    ("OElig", 'Œ'),
    ("oelig", 'œ'),
    ("Scaron", 'Š'),
    ("scaron", 'š'),
    ("Yuml", 'Ÿ'),
    ("circ", 'ˆ'),
    ("tilde", '˜'),
    ("ensp", '\u{2002}'),
    ("emsp", '\u{2003}'),
    ("thinsp", '\u{2009}'),
    ("zwnj", '\u{200c}'),
    ("zwj", '\u{200d}'),
    ("ndash", '–'),
    ("mdash", '—'),
    ("lsquo", '‘'),
    ("rsquo", '’'),
    ("sbquo", '‚'),
    ("ldquo", '“'),
    ("rdquo", '”'),
    ("bdquo", '„'),
    ("dagger", '†'),
    ("Dagger", '‡'),
    ("bull", '•'),
    ("hellip", '…'),
    ("permil", '‰'),
    ("prime", '′'),
    ("lsaquo", '‹'),
    ("rsaquo", '›'),
    ("euro", '€'),
    ("trade", '™'),
    ("larr", '←'),
    ("rarr", '→'),
    ("minus", '−'),
    ("NoBreak", '\u{2060}'),
    ("nnbsp", '\u{202f}'),
];

/// Windows-1252 meanings of numeric references 0x80–0x9F (as browsers read them).
fn c1_remap(n: u32) -> Option<char> {
    let table = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    (0x80..=0x9F)
        .contains(&n)
        .then(|| table[(n - 0x80) as usize])
}

/// Decodes character references (`&eacute;`, `&#233;`, `&#xE9;`); unknown ones stay as written.
pub fn decode_entities(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains('&') {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let semi = after.bytes().take(32).position(|c| c == b';');
        let decoded = semi.and_then(|end| {
            let name = &after[..end];
            let c = if let Some(num) = name.strip_prefix('#') {
                let n = if let Some(hex) = num.strip_prefix(['x', 'X']) {
                    u32::from_str_radix(hex, 16).ok()
                } else {
                    num.parse::<u32>().ok()
                }?;
                Some(
                    c1_remap(n)
                        .or_else(|| char::from_u32(n).filter(|c| *c != '\0'))
                        .unwrap_or('\u{FFFD}'),
                )
            } else {
                ENTITIES.iter().find(|(n, _)| *n == name).map(|(_, c)| *c)
            }?;
            Some((c, end + 1))
        });
        match decoded {
            Some((c, used)) => {
                out.push(c);
                rest = &after[used..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_scripts_styles_nav_keeps_paragraphs() {
        let h = r#"<!DOCTYPE html><html><head><title>Syrie&nbsp;: l&#8217;offensive</title>
<meta property="article:published_time" content="2018-01-21T10:00:00+01:00">
<style>p { color: red }</style><script>var x = "<p>not text</p>";</script></head>
<body><nav><a href="/">Accueil</a> <a>Monde</a></nav><header>Le Journal</header>
<article><header><h1>L'armée turque à Afrine</h1></header>
<p>L&rsquo;armée   turque a lancé
samedi une offensive.</p><p>Les combats &amp; les frappes<br>continuent.</p></article>
<aside>À lire aussi</aside><footer>© 2024</footer><form><input value="x"><button>OK</button><select><option>Paris</option></select></form></body></html>"#;
        let d = strip_html(h);
        assert_eq!(d.title.as_deref(), Some("Syrie : l’offensive"));
        assert_eq!(d.published.as_deref(), Some("2018-01-21T10:00:00+01:00"));
        assert_eq!(
            d.text,
            "L'armée turque à Afrine\n\nL’armée turque a lancé samedi une offensive.\n\nLes combats & les frappes\ncontinuent."
        );
    }

    #[test]
    fn json_ld_date_and_og_title() {
        let h = r#"<meta property="og:title" content="Titre OG"><script type="application/ld+json">{"@type":"NewsArticle", "datePublished" : "2019-02-14"}</script><p>Texte</p>"#;
        let d = strip_html(h);
        assert_eq!(d.published.as_deref(), Some("2019-02-14"));
        assert_eq!(d.title.as_deref(), Some("Titre OG"));
        assert_eq!(d.text, "Texte");
    }

    #[test]
    fn deep_nesting_and_malformed_markup() {
        let mut h = String::new();
        for _ in 0..10_000 {
            h.push_str("<div><span>");
        }
        h.push_str("profond");
        let d = strip_html(&h);
        assert_eq!(d.text, "profond");
        let d = strip_html("a < b et c > d <p class=\"x>y\">suite <b>gras</b> & fin <unclosed");
        assert_eq!(d.text, "a < b et c > d\n\nsuite gras & fin");
    }

    #[test]
    fn unclosed_furniture_does_not_swallow_the_page() {
        let body = "Une phrase de l'article avec assez de texte pour compter. ".repeat(10);
        let d = strip_html(&format!("<nav><a>menu</a><p>{body}</p>"));
        assert!(d.text.contains("Une phrase"));
    }

    #[test]
    fn entities() {
        assert_eq!(
            decode_entities("&eacute;t&#xE9; &#233; &#150; &bogus; & &#0; &#xD800;"),
            "été é – &bogus; & \u{FFFD} \u{FFFD}"
        );
    }
}
