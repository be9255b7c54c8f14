//! Synthetic articles for the frame benchmark and UI tests: deterministic from a seed, with
//! places spread over the world and events over ten years. Not used by the product itself.

use crate::core::model::{
    Actor, Article, DateValue, Event, EventKind, EventSource, Place, PlaceKind, PlaceMention,
    Precision, Span,
};
use chrono::NaiveDate;

/// A tiny deterministic PRNG (xorshift64*), so benches need no extra dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545F4914F6CDD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// `n_articles` articles with `events_per_article` events each, over `n_places` places,
/// published between 2011 and 2021.
pub fn synthetic_articles(
    n_articles: usize,
    events_per_article: usize,
    n_places: usize,
    seed: u64,
) -> Vec<Article> {
    let mut rng = Rng(seed.wrapping_mul(0x9E3779B97F4A7C15) | 1);
    let places = synthetic_places(&mut rng, n_places);
    let base = NaiveDate::from_ymd_opt(2011, 1, 1).unwrap_or_default();
    (0..n_articles)
        .map(|ai| synthetic_article(&mut rng, &places, base, ai, events_per_article))
        .collect()
}

/// `n_places` (at least one) places spread over the world.
fn synthetic_places(rng: &mut Rng, n_places: usize) -> Vec<Place> {
    (0..n_places.max(1))
        .map(|i| Place {
            gid: 1_000_000 + i as u32,
            name: format!("Lieu {i}"),
            canonical: format!("Place {i}"),
            kind: PlaceKind::City,
            country: "ZZ".into(),
            lat: (rng.below(12_000) as f64 / 100.0) - 55.0,
            lon: (rng.below(34_000) as f64 / 100.0) - 170.0,
            population: 0,
        })
        .collect()
}

/// Article number `ai`, published within ten years of `base`.
fn synthetic_article(
    rng: &mut Rng,
    places: &[Place],
    base: NaiveDate,
    ai: usize,
    events_per_article: usize,
) -> Article {
    let day = rng.below(3650) as i64;
    let published = DateValue::day(base + chrono::Duration::days(day));
    let id = format!("synthetic_{ai:06}");
    let mut mentions = Vec::new();
    let mut events = Vec::new();
    for k in 0..events_per_article {
        let (mention, event) = synthetic_event(rng, places, &published, &id, ai, k);
        mentions.push(mention);
        events.push(event);
    }
    Article {
        id: id.clone(),
        path: format!("synthetic/{id}.txt").into(),
        title: format!("Article synthétique {ai}"),
        url: None,
        published: Some(published),
        published_source: None,
        published_confidence: 1.0,
        places: mentions,
        dates: Vec::new(),
        events,
        warnings: Vec::new(),
        text_len: events_per_article * 100,
        content_hash: ai as u64,
    }
}

/// Event number `k` of article `ai` (id `id`) and the mention of its place; most are dated a
/// day up to 60 days before publication, one in ten only by month.
fn synthetic_event(
    rng: &mut Rng,
    places: &[Place],
    published: &DateValue,
    id: &str,
    ai: usize,
    k: usize,
) -> (PlaceMention, Event) {
    let p = places[rng.below(places.len() as u64) as usize].clone();
    let back = rng.below(60) as i64;
    let date = match rng.below(10) {
        0 => DateValue {
            start: published.start.with_day0(0).unwrap_or(published.start),
            precision: Precision::Month,
        },
        _ => DateValue::day(published.start - chrono::Duration::days(back)),
    };
    let kind = EventKind::ALL[rng.below(EventKind::ALL.len() as u64) as usize];
    let span = Span::new(k * 100, k * 100 + 80);
    let mention = PlaceMention {
        span: Span::new(k * 100 + 10, k * 100 + 20),
        surface: p.name.clone(),
        place: p.clone(),
        confidence: 0.9,
        alternatives: Vec::new(),
        furniture: false,
    };
    let event = Event {
        date,
        date_end: None,
        place: Some(p),
        actors: vec![Actor {
            name: format!("Acteur {}", rng.below(500)),
            role: None,
        }],
        kind,
        trigger: kind.as_str().into(),
        sentence: format!("Phrase synthétique {k} de l'article {ai}."),
        span,
        confidence: 0.8,
        sources: vec![EventSource {
            article_id: id.to_string(),
            span,
        }],
    };
    (mention, event)
}

use chrono::Datelike as _;
