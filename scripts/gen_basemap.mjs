#!/usr/bin/env node
// Generates assets/basemap.bin.zst, the offline vector basemap bundled in the viewer.
//
// Sources (fetched with `npm pack`, checked against the sha256 recorded below):
//   - world-atlas@2.0.2: Natural Earth 4.1 countries as TopoJSON (public domain).
//     countries-110m.json for the low zooms, countries-50m.json above. Each file carries a
//     `countries` object and a `land` object built on the same arcs, so coastlines and borders
//     meet exactly (land-50m.json is the same land outline; it is not needed separately).
//   - i18n-iso-countries@7.14.0: French country names (langs/fr.json) and the ISO numeric ->
//     alpha-2 table (codes.json), MIT.
//
// Output format (little-endian, unsigned LEB128 varints, then zstd -19):
//   magic "CCBM", version u8 = 2
//   varint n_lods; per LOD:
//     u8 min_zoom
//     varint n_polygons; per polygon: varint n_rings; per ring: points
//     varint n_borders;  per border line: points
//   varint n_labels; per label:
//     u8 kind (0 = country, 1 = sea), str code (alpha-2, may be empty), str name (French),
//     points(1) = label anchor, varint extent_x, varint extent_y (size of the country's
//     largest polygon, same units), varint rank (bigger = more important)
//   points = varint n, then n (x, y) zigzag pairs: the first absolute, the rest deltas.
//   Coordinates are Web Mercator normalised to [0, 1] and quantised to 2^24 steps (rings that
//   cross the antimeridian are unwrapped, so x can be a little outside, and come twice).
//   str = varint byte length + UTF-8.
//
// Usage: node scripts/gen_basemap.mjs   (needs npm, tar and the zstd CLI on PATH)

import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

// sha256 of the tarballs `npm pack` returned when this asset was generated; a mismatch stops
// the script (set CHRONOCARTE_ACCEPT_NEW_SHA=1 to regenerate from a republished tarball).
const EXPECTED_SHA256 = {
  "world-atlas@2.0.2": "032e7765f2ce00edaeafec23ff22bc3b77e42987c257da944cc585b452c05b97",
  "i18n-iso-countries@7.14.0": "bb418ebfb965789fcfbcce7dee59888d901ef64b03601da78b2e224cd6f5825c",
};

const Q = 1 << 24;
const MAX_LAT = 85.0511287798066;

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "..");
const work = fs.mkdtempSync(path.join(os.tmpdir(), "chronocarte-basemap-"));

function fetchPackage(spec) {
  const out = execFileSync("npm", ["pack", spec, "--pack-destination", work, "--silent"], {
    encoding: "utf8",
  }).trim();
  const tgz = path.join(work, out.split("\n").pop());
  const sha = createHash("sha256").update(fs.readFileSync(tgz)).digest("hex");
  if (EXPECTED_SHA256[spec] !== sha && !process.env.CHRONOCARTE_ACCEPT_NEW_SHA)
    throw new Error(`${spec}: sha256 ${sha}, expected ${EXPECTED_SHA256[spec]}`);
  const dir = path.join(work, spec.replace(/[@/]/g, "_"));
  fs.mkdirSync(dir);
  execFileSync("tar", ["xzf", tgz, "-C", dir]);
  return { spec, sha, dir: path.join(dir, "package") };
}

const readJson = (p) => JSON.parse(fs.readFileSync(p, "utf8"));

// ---------------------------------------------------------------- TopoJSON decoding

function decodeArcs(topo) {
  const [sx, sy] = topo.transform.scale;
  const [tx, ty] = topo.transform.translate;
  return topo.arcs.map((arc) => {
    let x = 0;
    let y = 0;
    return arc.map(([dx, dy]) => {
      x += dx;
      y += dy;
      return [x * sx + tx, y * sy + ty];
    });
  });
}

function ringFromArcs(arcIdx, arcs) {
  const ring = [];
  for (const i of arcIdx) {
    let a = i >= 0 ? arcs[i] : arcs[~i].slice().reverse();
    if (ring.length) a = a.slice(1);
    for (const p of a) ring.push(p);
  }
  return ring;
}

function polygonsOf(geom, arcs) {
  if (geom.type === "Polygon") return [geom.arcs.map((r) => ringFromArcs(r, arcs))];
  if (geom.type === "MultiPolygon")
    return geom.arcs.map((poly) => poly.map((r) => ringFromArcs(r, arcs)));
  return [];
}

function mercator([lon, lat]) {
  const la = Math.max(-MAX_LAT, Math.min(MAX_LAT, lat));
  const x = (lon + 180) / 360;
  const y = (1 - Math.log(Math.tan(Math.PI / 4 + (la * Math.PI) / 360)) / Math.PI) / 2;
  return [x, y];
}

const quant = ([x, y]) => [
  Math.max(0, Math.min(Q, Math.round(x * Q))),
  Math.max(0, Math.min(Q, Math.round(y * Q))),
];

function quantLine(line) {
  const out = [];
  for (const p of line) {
    const q = quant(mercator(p));
    const last = out[out.length - 1];
    if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q);
  }
  return out;
}

// Natural Earth cuts Chukotka and Fiji at the antimeridian, but the TopoJSON ring still jumps
// from +180 to -180: drawn flat, that jump is a line across the world. Unwrap such rings to be
// continuous (x beyond [0, Q]) and emit them twice, once on each side.
function unwrap(ring) {
  let off = 0;
  let crossed = false;
  const out = ring.map(([x, y], i) => {
    if (i > 0) {
      const d = x + off - (ring[i - 1][0] + off);
      if (d > Q / 2) { off -= Q; crossed = true; } else if (d < -Q / 2) { off += Q; crossed = true; }
    }
    return [x + off, y];
  });
  return { out, crossed };
}

function wrapCopies(rings) {
  const u = rings.map(unwrap);
  if (!u.some((r) => r.crossed)) return [rings];
  const a = u.map((r) => r.out);
  const minX = Math.min(...a.flat().map((p) => p[0]));
  const shift = minX < 0 ? Q : -Q;
  return [a, a.map((r) => r.map(([x, y]) => [x + shift, y]))];
}

// ---------------------------------------------------------------- geometry helpers (mercator units)

function ringArea(r) {
  let a = 0;
  for (let i = 0, j = r.length - 1; i < r.length; j = i++) a += (r[j][0] - r[i][0]) * (r[j][1] + r[i][1]);
  return Math.abs(a) / 2;
}

function bbox(r) {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of r) {
    x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x); y1 = Math.max(y1, y);
  }
  return [x0, y0, x1, y1];
}

function insidePolygon(p, rings) {
  let inside = false;
  for (const r of rings)
    for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
      const [xi, yi] = r[i];
      const [xj, yj] = r[j];
      if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
    }
  return inside;
}

function segDist2(p, a, b) {
  let [x, y] = a;
  let dx = b[0] - x;
  let dy = b[1] - y;
  if (dx !== 0 || dy !== 0) {
    const t = ((p[0] - x) * dx + (p[1] - y) * dy) / (dx * dx + dy * dy);
    if (t > 1) { x = b[0]; y = b[1]; } else if (t > 0) { x += dx * t; y += dy * t; }
  }
  dx = p[0] - x;
  dy = p[1] - y;
  return dx * dx + dy * dy;
}

function edgeDistance(p, rings) {
  let best = Infinity;
  for (const r of rings) for (let i = 0, j = r.length - 1; i < r.length; j = i++) best = Math.min(best, segDist2(p, r[i], r[j]));
  return Math.sqrt(best);
}

// A label anchor well inside the polygon (pole of inaccessibility, by refining grids), so that a
// name sits in the body of a country rather than at the centroid of a crescent.
function labelPoint(rings) {
  let [x0, y0, x1, y1] = bbox(rings[0]);
  let best = null;
  let bestD = -1;
  const N = 24;
  for (let pass = 0; pass < 4; pass++) {
    const w = (x1 - x0) / N;
    const h = (y1 - y0) / N;
    for (let i = 0; i <= N; i++)
      for (let j = 0; j <= N; j++) {
        const p = [x0 + i * w, y0 + j * h];
        if (!insidePolygon(p, rings)) continue;
        const d = edgeDistance(p, rings);
        if (d > bestD) { bestD = d; best = p; }
      }
    if (!best) break;
    [x0, y0, x1, y1] = [best[0] - 2 * w, best[1] - 2 * h, best[0] + 2 * w, best[1] + 2 * h];
  }
  if (best) return best;
  const [a, b, c, d] = bbox(rings[0]);
  return [(a + c) / 2, (b + d) / 2];
}

// ---------------------------------------------------------------- binary writer

class Writer {
  constructor() { this.bytes = []; }
  u8(v) { this.bytes.push(v & 0xff); }
  varint(v) {
    if (!Number.isInteger(v) || v < 0) throw new Error(`bad varint ${v}`);
    while (v >= 0x80) { this.bytes.push((v % 0x80) | 0x80); v = Math.floor(v / 0x80); }
    this.bytes.push(v);
  }
  zigzag(v) { this.varint(v >= 0 ? v * 2 : -v * 2 - 1); }
  str(s) { const b = Buffer.from(s, "utf8"); this.varint(b.length); for (const x of b) this.bytes.push(x); }
  points(pts) {
    this.varint(pts.length);
    let px = 0;
    let py = 0;
    pts.forEach(([x, y], i) => {
      if (i === 0) { this.zigzag(x); this.zigzag(y); } else { this.zigzag(x - px); this.zigzag(y - py); }
      px = x;
      py = y;
    });
  }
}

// ---------------------------------------------------------------- French names

// Shorter forms for a map label, where the ISO list gives the long official form.
const SHORT_FR = {
  US: "États-Unis", CD: "RD Congo", CG: "Congo", CF: "Centrafrique", CZ: "Tchéquie",
  TZ: "Tanzanie", DO: "Rép. dominicaine", SZ: "Eswatini", VA: "Vatican", BN: "Brunei",
  AE: "Émirats arabes unis", SA: "Arabie saoudite", GS: "Géorgie du Sud", CI: "Côte d'Ivoire",
  IO: "Terr. brit. de l'océan Indien", MF: "Saint-Martin", SX: "Sint Maarten",
  VG: "Îles Vierges brit.", VI: "Îles Vierges amér.", TF: "Terres australes fr.",
  HM: "Îles Heard-et-MacDonald", BA: "Bosnie-Herzégovine", VC: "Saint-Vincent-et-les-Grenadines",
};

// Features of Natural Earth that have no ISO numeric code.
const NO_CODE_FR = {
  Somaliland: ["", "Somaliland"],
  Kosovo: ["XK", "Kosovo"],
  "N. Cyprus": ["", "Chypre du Nord"],
  "Indian Ocean Ter.": ["", "Terr. australiens de l'océan Indien"],
  "Siachen Glacier": ["", "Glacier de Siachen"],
};

// Seas and oceans, placed by hand (general geography), with their French names.
// [name, lon, lat, rank]: rank plays the role of the country extent when choosing the zoom.
const SEAS = [
  ["Océan Pacifique", -150, 5, 9], ["Océan Pacifique", 165, 25, 9],
  ["Océan Atlantique", -38, 30, 9], ["Atlantique Sud", -18, -25, 8],
  ["Océan Indien", 78, -20, 9], ["Océan Arctique", 0, 82, 7], ["Océan Austral", 60, -60, 7],
  ["Mer Méditerranée", 17.5, 34.5, 6], ["Mer Noire", 34.5, 43.3, 5], ["Mer Caspienne", 50.8, 41.5, 4],
  ["Mer Rouge", 38.8, 20.5, 4], ["Golfe Persique", 51.5, 27.1, 4], ["Mer d'Arabie", 64, 15, 6],
  ["Golfe du Bengale", 88, 15, 6], ["Mer de Chine méridionale", 114, 13, 6],
  ["Mer du Japon", 135, 40.5, 5], ["Mer Baltique", 19.5, 56.5, 5], ["Mer du Nord", 3.5, 56, 5],
  ["Golfe du Mexique", -90.5, 25.5, 5], ["Mer des Caraïbes", -75, 15, 5], ["Mer de Barents", 40, 73, 5],
  ["Mer de Béring", -178, 58, 5], ["Mer de Tasman", 160, -38, 5], ["Manche", -2.5, 50.1, 3],
  ["Mer Adriatique", 15.5, 42.8, 3], ["Mer Égée", 25.0, 38.5, 3], ["Baie d'Hudson", -85, 59, 5],
  ["Mer de Corail", 155, -16, 5], ["Golfe d'Aden", 48, 12.3, 3],
];

// ---------------------------------------------------------------- main

function main() {
  const atlas = fetchPackage("world-atlas@2.0.2");
  const i18n = fetchPackage("i18n-iso-countries@7.14.0");
  for (const p of [atlas, i18n]) console.error(`${p.spec} sha256 ${p.sha}`);

  const fr = readJson(path.join(i18n.dir, "langs/fr.json")).countries;
  const num2alpha = {};
  for (const [a2, , num] of readJson(path.join(i18n.dir, "codes.json"))) num2alpha[num] = a2;
  const frName = (a2) => {
    if (SHORT_FR[a2]) return SHORT_FR[a2];
    const n = fr[a2];
    return Array.isArray(n) ? n[0] : n;
  };

  const w = new Writer();
  for (const c of "CCBM") w.u8(c.charCodeAt(0));
  w.u8(2);

  const lods = [
    { file: "countries-110m.json", minZoom: 0 },
    { file: "countries-50m.json", minZoom: 3 },
  ];
  w.varint(lods.length);
  const stats = [];
  for (const lod of lods) {
    const topo = readJson(path.join(atlas.dir, lod.file));
    const arcs = decodeArcs(topo);
    w.u8(lod.minZoom);

    const land = [];
    for (const g of topo.objects.land.geometries)
      for (const poly of polygonsOf(g, arcs)) {
        const rings = poly.map(quantLine).filter((r) => r.length >= 3);
        if (rings.length) for (const copy of wrapCopies(rings)) land.push(copy);
      }
    w.varint(land.length);
    let pts = 0;
    for (const rings of land) {
      w.varint(rings.length);
      for (const r of rings) { w.points(r); pts += r.length; }
    }

    // An arc used by two different countries is a land border; one used by a single country
    // is coast (drawn from the land outline instead).
    const users = new Map();
    topo.objects.countries.geometries.forEach((g, fi) => {
      const polys = g.type === "Polygon" ? [g.arcs] : g.type === "MultiPolygon" ? g.arcs : [];
      for (const poly of polys)
        for (const ring of poly)
          for (const i of ring) {
            const k = i >= 0 ? i : ~i;
            if (!users.has(k)) users.set(k, new Set());
            users.get(k).add(fi);
          }
    });
    const borders = [];
    for (const [k, s] of users) if (s.size >= 2) {
      const line = quantLine(arcs[k]);
      if (line.length >= 2) for (const [copy] of wrapCopies([line])) borders.push(copy);
    }
    w.varint(borders.length);
    for (const b of borders) { w.points(b); pts += b.length; }
    stats.push(`${lod.file}: ${land.length} land polygons, ${borders.length} border lines, ${pts} points`);
  }

  // Labels, from the 50m countries.
  const topo = readJson(path.join(atlas.dir, "countries-50m.json"));
  const arcs = decodeArcs(topo);
  const labels = [];
  for (const g of topo.objects.countries.geometries) {
    let code = g.id ? num2alpha[g.id] : undefined;
    let name = code ? frName(code) : undefined;
    if (!g.id) [code, name] = NO_CODE_FR[g.properties.name] ?? ["", undefined];
    if (!name) {
      console.error(`no French name for ${g.id} ${g.properties.name}, skipped`);
      continue;
    }
    let best = null;
    let bestArea = -1;
    for (const poly of polygonsOf(g, arcs)) {
      const rings = poly.map((r) => r.map(mercator));
      const a = ringArea(rings[0]);
      if (a > bestArea) { bestArea = a; best = rings; }
    }
    if (!best) continue;
    const [x0, y0, x1, y1] = bbox(best[0]);
    labels.push({ kind: 0, code, name, at: labelPoint(best), ex: x1 - x0, ey: y1 - y0, rank: Math.sqrt(bestArea) });
  }
  // Several features can share a code (Australia and its Ashmore islands): keep the largest.
  const seen = new Set();
  labels.sort((a, b) => b.rank - a.rank);
  const countryLabels = labels.filter((l) => {
    const k = l.code || l.name;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  const seaLabels = SEAS.map(([name, lon, lat, rank]) => {
    // A sea's "extent" is what a country of that rank would have: it appears at a similar zoom.
    const e = 0.0025 * 2 ** rank;
    return { kind: 1, code: "", name, at: mercator([lon, lat]), ex: e, ey: e / 2, rank: e };
  });
  const all = [...countryLabels, ...seaLabels];
  w.varint(all.length);
  for (const l of all) {
    w.u8(l.kind);
    w.str(l.code);
    w.str(l.name);
    w.points([quant(l.at)]);
    w.varint(Math.round(l.ex * Q));
    w.varint(Math.round(l.ey * Q));
    w.varint(Math.round(l.rank * Q));
  }

  const raw = Buffer.from(w.bytes);
  const assets = path.join(repo, "assets");
  fs.mkdirSync(assets, { recursive: true });
  const rawPath = path.join(work, "basemap.bin");
  fs.writeFileSync(rawPath, raw);
  const out = path.join(assets, "basemap.bin.zst");
  execFileSync("zstd", ["-19", "-q", "-f", rawPath, "-o", out]);
  const sha = createHash("sha256").update(fs.readFileSync(out)).digest("hex");

  const provenance = {
    generator: "scripts/gen_basemap.mjs",
    packages: Object.fromEntries([atlas, i18n].map((p) => [p.spec, { sha256_tgz: p.sha }])),
    output: { file: "assets/basemap.bin.zst", bytes: fs.statSync(out).size, raw_bytes: raw.length, sha256: sha },
    lods: stats,
    labels: { countries: countryLabels.length, seas: seaLabels.length },
  };
  fs.writeFileSync(path.join(assets, "basemap.provenance.json"), JSON.stringify(provenance, null, 2) + "\n");
  for (const s of stats) console.error(s);
  console.error(`wrote ${out}: ${provenance.output.bytes} bytes (raw ${raw.length}), ${all.length} labels`);
  fs.rmSync(work, { recursive: true, force: true });
}

main();
