//! Metadata tables beside the articles: a CSV or TSV file in an article folder (`SOURCES.tsv`,
//! `metadata.csv`, `sources.csv`…) that gives each article file its URL, title, publication
//! date and site.
//!
//! A table is recognised by its content, not its name: a header naming a file column (`file`,
//! `fichier`, `filename`, `path`…) beside any of url / date / title / source columns, in French
//! or English; or no header at all and two columns, a file name then a URL. The delimiter
//! (tab, semicolon, comma, pipe) is detected from the first line.
//!
//! The walker hands each folder's tables to [`refresh_folder`], which parses them once per load
//! (its warnings name the table and the line) and keeps the rows in a process-wide index;
//! reading an article then looks its row up ([`meta_for`]). A table is consumed, never read as
//! an article; a malformed one gives warnings and the articles load all the same.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock, Mutex};

use super::decode::decode;
use super::warning::{LoadWarning, WarningKind};
use crate::core::model::Document;

/// Largest table read (a row is a few hundred bytes: this is millions of articles).
const MAX_TABLE_BYTES: u64 = 64 << 20;

/// What a metadata table says about one article file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleMeta {
    /// Where the article was published on the web.
    pub url: Option<String>,
    /// Its headline.
    pub title: Option<String>,
    /// Its publication date, as written in the table (ISO or a French date).
    pub date: Option<String>,
    /// The site or outlet (`Le Monde`, `rfi.fr`).
    pub site: Option<String>,
}

impl ArticleMeta {
    fn is_empty(&self) -> bool {
        self.url.is_none() && self.title.is_none() && self.date.is_none() && self.site.is_none()
    }

    /// Fills the fields `self` lacks from `other` (an earlier table wins field by field).
    fn fill_from(&mut self, other: &ArticleMeta) {
        fn fill(a: &mut Option<String>, b: &Option<String>) {
            if a.is_none() {
                a.clone_from(b);
            }
        }
        fill(&mut self.url, &other.url);
        fill(&mut self.title, &other.title);
        fill(&mut self.date, &other.date);
        fill(&mut self.site, &other.site);
    }

    /// Puts the table's fields on `doc`: the table's title and date win over the page's own
    /// (`<title>`, `datePublished`), since someone chose them for this corpus.
    pub fn apply_to(&self, doc: &mut Document) {
        if self.title.is_some() {
            doc.title.clone_from(&self.title);
        }
        if self.date.is_some() {
            doc.meta_published.clone_from(&self.date);
        }
        doc.url.clone_from(&self.url);
        doc.site.clone_from(&self.site);
    }
}

/// What a column of a table holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    File,
    Url,
    Date,
    Title,
    Site,
}

/// The role a header cell names, in French or English; `None` for any other column.
fn role_of_header(cell: &str) -> Option<Role> {
    let key = header_key(cell);
    let role = match key.as_str() {
        "file" | "files" | "fichier" | "fichiers" | "filename" | "file_name" | "nom_fichier"
        | "nom_de_fichier" | "nom_du_fichier" | "path" | "filepath" | "file_path" | "chemin"
        | "id" | "doc" | "document" | "article" => Role::File,
        "url" | "urls" | "lien" | "liens" | "link" | "links" | "uri" | "href" | "adresse"
        | "permalink" | "permalien" | "source_url" | "url_source" | "article_url" => Role::Url,
        "date"
        | "dates"
        | "published"
        | "publie"
        | "publiee"
        | "publication"
        | "pubdate"
        | "published_at"
        | "publication_date"
        | "date_publication"
        | "date_de_publication"
        | "date_published"
        | "datetime"
        | "jour" => Role::Date,
        "title" | "titre" | "headline" | "titre_article" | "titre_de_l_article" | "intitule" => {
            Role::Title
        }
        "source" | "sources" | "site" | "site_web" | "website" | "media" | "medias" | "journal"
        | "outlet" | "publisher" | "editeur" | "publication_name" => Role::Site,
        _ => return None,
    };
    Some(role)
}

/// A header cell as a key: lower case, accents dropped, runs of other characters as `_`.
fn header_key(cell: &str) -> String {
    let mut out = String::with_capacity(cell.len());
    for c in cell.trim().trim_start_matches('\u{feff}').chars() {
        let c = match c {
            'à' | 'â' | 'ä' | 'À' | 'Â' | 'Ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => 'e',
            'î' | 'ï' | 'Î' | 'Ï' => 'i',
            'ô' | 'ö' | 'Ô' | 'Ö' => 'o',
            'ù' | 'û' | 'ü' | 'Ù' | 'Û' | 'Ü' => 'u',
            'ç' | 'Ç' => 'c',
            c if c.is_alphanumeric() => c.to_ascii_lowercase(),
            _ => '_',
        };
        if c != '_' || !out.ends_with('_') {
            out.push(c);
        }
    }
    out.trim_matches('_').to_string()
}

/// Which column holds what, and whether the first row is a header.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Layout {
    header: bool,
    file: usize,
    url: Option<usize>,
    date: Option<usize>,
    title: Option<usize>,
    site: Option<usize>,
}

/// The layout of a table whose first row is `first`; `None` when it is not a metadata table.
fn layout_of(first: &[String]) -> Option<Layout> {
    let mut l = Layout {
        header: true,
        file: usize::MAX,
        url: None,
        date: None,
        title: None,
        site: None,
    };
    let mut other_roles = 0;
    for (i, cell) in first.iter().enumerate() {
        let slot = match role_of_header(cell) {
            Some(Role::File) if l.file == usize::MAX => {
                l.file = i;
                continue;
            }
            Some(Role::Url) => &mut l.url,
            Some(Role::Date) => &mut l.date,
            Some(Role::Title) => &mut l.title,
            Some(Role::Site) => &mut l.site,
            _ => continue,
        };
        if slot.is_none() {
            *slot = Some(i);
            other_roles += 1;
        }
    }
    if l.file != usize::MAX && other_roles > 0 {
        return Some(l);
    }
    // No header: `name.txt <TAB> https://…`, the file first and the URL second.
    let (file, url) = (first.first()?, first.get(1)?);
    (looks_like_file_name(file) && looks_like_url(url)).then_some(Layout {
        header: false,
        file: 0,
        url: Some(1),
        date: None,
        title: None,
        site: None,
    })
}

fn looks_like_file_name(s: &str) -> bool {
    let s = s.trim();
    !s.is_empty() && !s.contains(char::is_whitespace) && !looks_like_url(s)
}

fn looks_like_url(s: &str) -> bool {
    let s = s.trim().to_ascii_lowercase();
    (s.starts_with("http://") || s.starts_with("https://") || s.starts_with("www.")) && s.len() > 10
}

/// The delimiter of a table, from its first non-blank line: a tab if there is one, else the
/// most frequent of `;`, `,` and `|` (a French spreadsheet writes `;`).
fn detect_delimiter(text: &str) -> u8 {
    let line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    if line.contains('\t') {
        return b'\t';
    }
    [b';', b',', b'|']
        .into_iter()
        .map(|d| (line.bytes().filter(|b| *b == d).count(), d))
        .filter(|(n, _)| *n > 0)
        .max_by_key(|(n, d)| (*n, *d == b','))
        .map_or(b',', |(_, d)| d)
}

/// The rows of a parsed table, keyed by the file cell as written.
#[derive(Debug, Default)]
pub struct ParsedTable {
    /// `(file cell, what the row says)`, in table order.
    pub rows: Vec<(String, ArticleMeta)>,
    /// Lines that could not be used, naming the table and the line.
    pub warnings: Vec<LoadWarning>,
}

/// Parses a metadata table read from `path`; `None` when the bytes are not a metadata table
/// (some other CSV: it stays an unsupported file). Never panics, whatever the bytes.
pub fn parse_table(path: &Path, bytes: Vec<u8>) -> Option<ParsedTable> {
    let text = decode(bytes).ok()?.text;
    let delimiter = detect_delimiter(&text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut layout = None;
    let mut out = ParsedTable::default();
    let warn = |line: u64, msg: String| {
        LoadWarning::new(path, WarningKind::Metadata, format!("line {line}: {msg}"))
    };
    for rec in reader.records() {
        let line = rec
            .as_ref()
            .ok()
            .and_then(|r| r.position())
            .map_or(0, |p| p.line());
        let cells: Vec<String> = match rec {
            Ok(r) => r.iter().map(|c| c.trim().to_string()).collect(),
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                out.warnings
                    .push(warn(line, format!("unreadable row ({e})")));
                continue;
            }
        };
        if cells.iter().all(|c| c.is_empty()) {
            continue;
        }
        let l = match &layout {
            Some(l) => l,
            None => {
                let l = layout_of(&cells)?;
                let header = l.header;
                layout = Some(l);
                if header {
                    continue;
                }
                layout.as_ref()?
            }
        };
        match row_meta(l, &cells) {
            Ok(row) => out.rows.push(row),
            Err(msg) => out.warnings.push(warn(line, msg)),
        }
    }
    layout.map(|_| out)
}

/// One row of a table: the file cell and what it says, or why the row is unusable.
fn row_meta(l: &Layout, cells: &[String]) -> Result<(String, ArticleMeta), String> {
    let get = |i: Option<usize>| {
        i.and_then(|i| cells.get(i))
            .filter(|c| !c.is_empty())
            .cloned()
    };
    let file = get(Some(l.file)).ok_or_else(|| "no file name: row ignored".to_string())?;
    let mut meta = ArticleMeta {
        url: get(l.url),
        title: get(l.title),
        date: get(l.date),
        site: get(l.site),
    };
    // Many tables call the URL column `source`: a site cell that is a URL is the URL.
    if meta.url.is_none() && meta.site.as_deref().is_some_and(looks_like_url) {
        meta.url = meta.site.take();
    }
    if let Some(u) = &meta.url
        && !looks_like_url(u)
    {
        return Err(format!("'{}' is not a web address: row ignored", clip(u)));
    }
    if let Some(d) = &meta.date
        && !has_year(d)
    {
        return Err(format!(
            "'{}' is not a date with a year: row ignored",
            clip(d)
        ));
    }
    if meta.is_empty() {
        return Err(format!(
            "nothing but the file name '{}': row ignored",
            clip(&file)
        ));
    }
    Ok((file, meta))
}

/// A cell shortened for a warning.
fn clip(s: &str) -> String {
    match s.char_indices().nth(60) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// True when `s` holds a plausible year (four digits, 1800-2199, standing alone).
fn has_year(s: &str) -> bool {
    s.split(|c: char| !c.is_ascii_digit()).any(|run| {
        run.len() == 4
            && matches!(
                run.as_bytes(),
                [b'1', b'8' | b'9', ..] | [b'2', b'0' | b'1', ..]
            )
    })
}

/// The rows of one folder's tables, looked up by file name.
#[derive(Debug, Default)]
pub struct FolderMeta {
    by_name: HashMap<String, ArticleMeta>,
}

impl FolderMeta {
    /// Builds the index from parsed tables; the first table (in path order) wins field by field.
    fn from_tables(tables: &[ParsedTable]) -> Self {
        let mut by_name: HashMap<String, ArticleMeta> = HashMap::new();
        for t in tables {
            for (file, meta) in &t.rows {
                // A file cell may be a path (`corpus/a.txt`, `C:\corpus\a.txt`): its last part names it.
                let name = file.rsplit(['/', '\\']).next().unwrap_or(file);
                by_name
                    .entry(name.to_lowercase())
                    .or_default()
                    .fill_from(meta);
            }
        }
        Self { by_name }
    }

    /// What the tables say about the file called `name`: by its full name, else by its stem
    /// (a table may list `article-12` for `article-12.txt`), ignoring case.
    pub fn get(&self, name: &str) -> Option<&ArticleMeta> {
        if self.by_name.is_empty() {
            return None;
        }
        let lower = name.to_lowercase();
        self.by_name.get(&lower).or_else(|| {
            let stem = Path::new(&lower).file_stem()?.to_str()?;
            self.by_name.get(stem)
        })
    }
}

/// Each folder's tables, as of the last listing of that folder (or first lookup).
static FOLDERS: LazyLock<Mutex<HashMap<PathBuf, Arc<FolderMeta>>>> =
    LazyLock::new(|| Mutex::new(HashMap::new()));

fn folders() -> std::sync::MutexGuard<'static, HashMap<PathBuf, Arc<FolderMeta>>> {
    FOLDERS.lock().unwrap_or_else(|p| p.into_inner())
}

/// True when the extension is one a metadata table may have.
pub fn is_table_candidate(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("csv") || e.eq_ignore_ascii_case("tsv"))
}

/// Reads the candidate tables of the folder `dir` (its CSV and TSV files), keeps their rows
/// for [`meta_for`] and returns the paths that were metadata tables, with their warnings.
/// The others are ordinary data files for the caller to report.
pub fn refresh_folder(dir: &Path, candidates: &[PathBuf]) -> (Vec<PathBuf>, Vec<LoadWarning>) {
    let mut tables = Vec::new();
    let mut used = Vec::new();
    let mut warnings = Vec::new();
    let mut sorted: Vec<&PathBuf> = candidates.iter().collect();
    sorted.sort();
    for p in sorted {
        let Some(bytes) = read_capped(p) else {
            continue;
        };
        if let Some(mut t) = parse_table(p, bytes) {
            warnings.append(&mut t.warnings);
            used.push(p.clone());
            tables.push(t);
        }
    }
    folders().insert(
        dir.to_path_buf(),
        Arc::new(FolderMeta::from_tables(&tables)),
    );
    (used, warnings)
}

fn read_capped(path: &Path) -> Option<Vec<u8>> {
    use std::io::Read;
    let f = std::fs::File::open(path).ok()?;
    let mut bytes = Vec::new();
    f.take(MAX_TABLE_BYTES).read_to_end(&mut bytes).ok()?;
    Some(bytes)
}

/// The table of the folder of `path`, listing that folder the first time (a file opened on
/// its own, without a walk of its folder).
fn folder_of(path: &Path) -> Option<Arc<FolderMeta>> {
    let dir = path.parent()?;
    if let Some(f) = folders().get(dir) {
        return Some(f.clone());
    }
    let candidates: Vec<PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| is_table_candidate(p) && p.is_file())
        .collect();
    refresh_folder(dir, &candidates);
    folders().get(dir).cloned()
}

/// What the metadata tables beside `path` say about it, if anything.
pub fn meta_for(path: &Path) -> Option<ArticleMeta> {
    let name = path.file_name()?.to_str()?;
    folder_of(path)?.get(name).cloned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Option<ParsedTable> {
        parse_table(Path::new("t/SOURCES.tsv"), text.as_bytes().to_vec())
    }

    fn row<'a>(t: &'a ParsedTable, file: &str) -> &'a ArticleMeta {
        &t.rows.iter().find(|(f, _)| f == file).expect("row").1
    }

    #[test]
    fn headed_tsv_of_files_and_urls() {
        let t = parse("file\turl\na.txt\thttps://ex.com/2018/06/08/a\nb.txt\thttps://ex.com/b\n")
            .expect("a table");
        assert_eq!(t.rows.len(), 2);
        assert_eq!(
            row(&t, "a.txt").url.as_deref(),
            Some("https://ex.com/2018/06/08/a")
        );
        assert!(t.warnings.is_empty());
    }

    #[test]
    fn headerless_two_columns() {
        let t = parse("a.txt\thttps://ex.com/a\nb.txt\thttps://ex.com/b\n").expect("a table");
        assert_eq!(t.rows.len(), 2);
        assert_eq!(row(&t, "a.txt").url.as_deref(), Some("https://ex.com/a"));
    }

    #[test]
    fn french_headers_and_delimiters() {
        let cases = [
            "Fichier;Lien;Titre;Date de publication;Média\na.txt;https://ex.com/a;Un titre; 8 juin 2018;Le Journal\n",
            "fichier,lien,titre,publié,site\na.txt,https://ex.com/a,Un titre,8 juin 2018,Le Journal\n",
            "\u{feff}Nom du fichier|URL|Titre|Date|Source\na.txt|https://ex.com/a|Un titre|8 juin 2018|Le Journal\n",
            "filename,link,headline,published,outlet\na.txt,https://ex.com/a,\"Un titre\",8 juin 2018,Le Journal\n",
        ];
        for c in cases {
            let t = parse(c).unwrap_or_else(|| panic!("a table: {c}"));
            let m = row(&t, "a.txt");
            assert_eq!(m.url.as_deref(), Some("https://ex.com/a"), "{c}");
            assert_eq!(m.title.as_deref(), Some("Un titre"), "{c}");
            assert_eq!(m.date.as_deref(), Some("8 juin 2018"), "{c}");
            assert_eq!(m.site.as_deref(), Some("Le Journal"), "{c}");
        }
    }

    #[test]
    fn a_source_column_of_urls_is_the_url() {
        let t = parse("id,source\nv1,https://ex.com/a\n").expect("a table");
        assert_eq!(row(&t, "v1").url.as_deref(), Some("https://ex.com/a"));
        assert_eq!(row(&t, "v1").site, None);
    }

    #[test]
    fn other_csv_files_are_not_tables() {
        for c in [
            "ville,population\nParis,2100000\n",
            "a,b\n1,2\n",
            "",
            "\n\n",
            "just some text\n",
        ] {
            assert!(parse(c).is_none(), "{c:?}");
        }
        assert!(parse_table(Path::new("x.csv"), vec![0, 159, 146, 150, 0, 0]).is_none());
    }

    #[test]
    fn bad_rows_give_warnings_with_lines_and_the_rest_loads() {
        let t = parse(
            "file\turl\tdate\na.txt\thttps://ex.com/a\t2018-06-08\n\tpas de fichier\nc.txt\tpas une adresse\nd.txt\thttps://ex.com/d\thier\ne.txt\n\"f.txt\thttps://ex.com/f\n",
        )
        .expect("a table");
        assert!(t.rows.iter().any(|(f, _)| f == "a.txt"));
        let lines: Vec<String> = t.warnings.iter().map(|w| w.message.clone()).collect();
        for n in [3, 4, 5, 6] {
            assert!(
                lines.iter().any(|m| m.starts_with(&format!("line {n}:"))),
                "line {n}: {lines:?}"
            );
        }
        assert!(
            t.warnings
                .iter()
                .all(|w| w.path == Path::new("t/SOURCES.tsv"))
        );
        assert!(t.warnings.iter().all(|w| w.kind == WarningKind::Metadata));
    }

    #[test]
    fn lookup_by_name_path_or_stem_ignoring_case() {
        let t = parse("file,url\nsub/A.txt,https://ex.com/a\nb,https://ex.com/b\n").expect("table");
        let f = FolderMeta::from_tables(&[t]);
        assert!(f.get("a.txt").is_some());
        assert!(f.get("b.txt").is_some());
        assert!(f.get("c.txt").is_none());
    }

    #[test]
    fn header_keys_fold_case_accents_and_spaces() {
        assert_eq!(header_key(" Date de Publication "), "date_de_publication");
        assert_eq!(header_key("Publié"), "publie");
        assert_eq!(role_of_header("Média"), Some(Role::Site));
        assert_eq!(role_of_header("population"), None);
    }

    #[test]
    fn delimiter_from_the_first_line() {
        assert_eq!(detect_delimiter("a\tb,c\n"), b'\t');
        assert_eq!(detect_delimiter("a;b;c,d\n"), b';');
        assert_eq!(detect_delimiter("a,b\n"), b',');
        assert_eq!(detect_delimiter("a|b\n"), b'|');
        assert_eq!(detect_delimiter(""), b',');
    }

    #[test]
    fn arbitrary_bytes_never_panic() {
        let mut seed = 7u64;
        for n in 0..300 {
            let mut bytes = b"file\turl\n".to_vec();
            for _ in 0..(n % 60) {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                let alphabet = b"a.t\t\n\",;|h:/\xc3\xa9\xff";
                bytes.push(alphabet[(seed >> 33) as usize % alphabet.len()]);
            }
            let _ = parse_table(Path::new("x.tsv"), bytes);
        }
    }
}
