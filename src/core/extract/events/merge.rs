//! Merging events: within one article, mentions of the same event; across articles, the same
//! event reported by several of them.

use crate::core::extract::places::geodesy::{LatLon, km};
use crate::core::model::{Article, DateValue, Event, KindGroup};
use std::collections::HashMap;

fn same_place(a: &Event, b: &Event) -> bool {
    match (&a.place, &b.place) {
        (Some(p), Some(q)) => {
            p.gid == q.gid || km(LatLon::new(p.lat, p.lon), LatLon::new(q.lat, q.lon)) < 30.0
        }
        (None, None) => true,
        _ => false,
    }
}

fn compatible_dates(a: DateValue, b: DateValue) -> bool {
    let (fine, coarse) = if a.precision >= b.precision {
        (a, b)
    } else {
        (b, a)
    };
    coarse.overlaps(fine.start, fine.end())
        && coarse.start <= fine.start
        && fine.end() <= coarse.end()
}

/// Folds `from` into `into`: the more precise date, every actor and source, the best confidence.
fn absorb(into: &mut Event, from: Event) {
    if from.date.precision > into.date.precision {
        into.date = from.date;
        into.date_end = from.date_end;
    }
    if into.kind.group() != from.kind.group() && from.confidence > into.confidence {
        into.kind = from.kind;
        into.trigger = from.trigger;
    }
    for a in from.actors {
        if !into.actors.iter().any(|x| x.name == a.name) {
            into.actors.push(a);
        }
    }
    for s in from.sources {
        if !into.sources.contains(&s) {
            into.sources.push(s);
        }
    }
    into.confidence = into.confidence.max(from.confidence);
}

/// Within one article, the same place with compatible dates is one event.
pub(super) fn merge_within(events: Vec<Event>) -> Vec<Event> {
    let mut out: Vec<Event> = Vec::new();
    for e in events {
        match out
            .iter_mut()
            .find(|o| same_place(o, &e) && compatible_dates(o.date, e.date))
        {
            Some(o) => absorb(o, e),
            None => out.push(e),
        }
    }
    out
}

/// Merges events of several articles: the same event (same kind group, same place, one date
/// within the other) becomes one with every source listed.
pub fn merge_events<'a>(articles: impl IntoIterator<Item = &'a Article>) -> Vec<Event> {
    let mut by_key: HashMap<(u32, KindGroup), Vec<Event>> = HashMap::new();
    let mut loose: Vec<Event> = Vec::new();
    for a in articles {
        for e in &a.events {
            let Some(p) = &e.place else {
                loose.push(e.clone());
                continue;
            };
            let bucket = by_key.entry((p.gid, e.kind.group())).or_default();
            match bucket.iter_mut().find(|o| compatible_dates(o.date, e.date)) {
                Some(o) => absorb(o, e.clone()),
                None => bucket.push(e.clone()),
            }
        }
    }
    let mut out: Vec<Event> = by_key.into_values().flatten().chain(loose).collect();
    out.sort_by(|a, b| {
        (a.date.start, a.place.as_ref().map(|p| p.gid), a.kind).cmp(&(
            b.date.start,
            b.place.as_ref().map(|p| p.gid),
            b.kind,
        ))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_contains_day_but_not_the_reverse_order_matters_not() {
        let m = DateValue::ym(2019, 2).unwrap();
        let d = DateValue::ymd(2019, 2, 14).unwrap();
        assert!(compatible_dates(m, d));
        assert!(compatible_dates(d, m));
        assert!(!compatible_dates(DateValue::ymd(2019, 2, 15).unwrap(), d));
    }
}
