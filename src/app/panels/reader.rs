//! The reader: an article's full text (read on demand) with dates and places highlighted —
//! hover shows the resolved value, clicking a place flies the map, clicking a date moves the
//! cursor — and the article's events.

use crate::app::command::Command;
use crate::app::state::AppState;
use crate::app::time_control::TimeCommand;
use crate::core::model::{Article, DateMention, PlaceMention, Span};
use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, FontId};

/// What a highlighted span stands for.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Mark {
    Date(usize),
    Place(usize),
}

/// Highlighted spans of the text, sorted and non-overlapping (earlier and longer wins).
fn marks(a: &Article, text_len: usize) -> Vec<(Span, Mark)> {
    let mut v: Vec<(Span, Mark)> = Vec::new();
    v.extend(
        a.dates
            .iter()
            .enumerate()
            .map(|(i, d)| (d.span, Mark::Date(i))),
    );
    v.extend(
        a.places
            .iter()
            .enumerate()
            .map(|(i, p)| (p.span, Mark::Place(i))),
    );
    v.retain(|(s, _)| s.start < s.end && s.end <= text_len);
    v.sort_by_key(|(s, _)| (s.start, std::cmp::Reverse(s.end)));
    let mut out: Vec<(Span, Mark)> = Vec::with_capacity(v.len());
    for (s, m) in v {
        if out.last().is_some_and(|(p, _)| p.end > s.start) {
            continue;
        }
        out.push((s, m));
    }
    out
}

/// The reader tab.
pub fn reader_ui(ui: &mut egui::Ui, state: &mut AppState) {
    let Some(reader) = state.rt.window.reader.clone() else {
        return;
    };
    let Some(la) = state.rt.library.articles.get(reader.article) else {
        return;
    };
    let a = reader.detail.clone();
    let collection = state
        .rt
        .library
        .collection(la.collection)
        .map(|c| c.name.clone())
        .unwrap_or_default();
    ui.horizontal(|ui| {
        if ui.button("<- Articles").clicked() {
            state.emit(Command::OpenArticle(None));
        }
        ui.weak(a.path.display().to_string());
    });
    ui.heading(&a.title);
    // The web address from a metadata table beside the article, to read it at its source.
    if let Some(url) = a.url.as_deref() {
        ui.hyperlink_to(url, url);
    }
    let published = a
        .published
        .map(|p| {
            format!(
                "published {} ({})",
                p.iso(),
                a.published_source.map(|s| s.as_str()).unwrap_or("?")
            )
        })
        .unwrap_or_else(|| "publication date unknown".into());
    ui.label(egui::RichText::new(format!("{published} · {collection}")).small());
    ui.horizontal(|ui| {
        legend_chip(ui, date_bg(ui), "date");
        legend_chip(ui, place_bg(ui), "place");
        ui.weak("hover for details · click to follow");
    });
    ui.separator();
    let mut cmds = Vec::new();
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .id_salt("reader_scroll")
        .show(ui, |ui| {
            match &*reader.text {
                Ok(text) => text_ui(ui, &a, text, &mut cmds),
                Err(e) => {
                    ui.colored_label(
                        ui.visuals().warn_fg_color,
                        format!("The text could not be read: {e}"),
                    );
                }
            }
            ui.add_space(8.0);
            ui.separator();
            events_ui(ui, &a, &mut cmds);
            if !a.warnings.is_empty() {
                ui.separator();
                ui.strong("Notes");
                for w in &a.warnings {
                    ui.weak(w);
                }
            }
        });
    for c in cmds {
        state.emit(c);
    }
}

fn legend_chip(ui: &mut egui::Ui, bg: Color32, label: &str) {
    ui.label(egui::RichText::new(label).background_color(bg));
}

fn date_bg(ui: &egui::Ui) -> Color32 {
    crate::app::palette::date_highlight(ui.visuals().dark_mode)
}

fn place_bg(ui: &egui::Ui) -> Color32 {
    crate::app::palette::place_highlight(ui.visuals().dark_mode)
}

/// Byte range of a section of the laid-out text, and the mark it highlights (if any).
type Section = (usize, usize, Option<Mark>);

fn text_ui(ui: &mut egui::Ui, a: &Article, text: &str, cmds: &mut Vec<Command>) {
    let (job, sections) = highlighted_job(ui, a, text);
    let resp = ui.add(egui::Label::new(job.clone()).sense(egui::Sense::click()));
    resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, "Article text"));
    let Some(mark) = mark_under_pointer(ui, &resp, job, text, &sections) else {
        return;
    };
    ui.ctx().set_cursor_icon(egui::CursorIcon::PointingHand);
    let clicked = resp.clicked();
    match mark {
        Mark::Date(i) => {
            let Some(d) = a.dates.get(i) else { return };
            resp.on_hover_text_at_pointer(date_tip(d));
            if clicked {
                cmds.push(Command::Time(TimeCommand::SetCursor(d.value.start)));
            }
        }
        Mark::Place(i) => {
            let Some(p) = a.places.get(i) else { return };
            resp.on_hover_text_at_pointer(place_tip(p));
            if clicked {
                cmds.push(Command::FlyTo {
                    lat: p.place.lat,
                    lon: p.place.lon,
                });
                cmds.push(Command::SelectPlace(Some(p.place.gid)));
            }
        }
    }
}

/// The text as one layout job with dates and places on their backgrounds, and where each
/// section starts (to map a hovered character back to a mark).
fn highlighted_job(ui: &egui::Ui, a: &Article, text: &str) -> (LayoutJob, Vec<Section>) {
    let marks = marks(a, text.len());
    let font = FontId::proportional(14.0);
    let colour = ui.visuals().text_color();
    let plain = TextFormat {
        font_id: font.clone(),
        color: colour,
        ..Default::default()
    };
    let (dbg, pbg) = (date_bg(ui), place_bg(ui));
    let mut job = LayoutJob {
        wrap: egui::text::TextWrapping::default(),
        ..Default::default()
    };
    job.wrap.max_width = ui.available_width();
    let mut pos = 0;
    let mut sections: Vec<Section> = Vec::new();
    for (s, m) in &marks {
        if !text.is_char_boundary(s.start) || !text.is_char_boundary(s.end) || s.start < pos {
            continue;
        }
        if s.start > pos {
            job.append(&text[pos..s.start], 0.0, plain.clone());
            sections.push((pos, s.start, None));
        }
        let bg = if matches!(m, Mark::Date(_)) { dbg } else { pbg };
        job.append(
            &text[s.start..s.end],
            0.0,
            TextFormat {
                background: bg,
                ..plain.clone()
            },
        );
        sections.push((s.start, s.end, Some(*m)));
        pos = s.end;
    }
    if pos < text.len() {
        job.append(&text[pos..], 0.0, plain.clone());
    }
    (job, sections)
}

/// The mark under the pointer, if the label is hovered over one.
fn mark_under_pointer(
    ui: &egui::Ui,
    resp: &egui::Response,
    job: LayoutJob,
    text: &str,
    sections: &[Section],
) -> Option<Mark> {
    let pointer = resp.hover_pos()?;
    // Find the character under the pointer by laying the same job out again (cached by egui).
    let galley = ui.fonts_mut(|f| f.layout_job(job));
    let cursor = galley.cursor_from_pos(pointer - resp.rect.min);
    let char_idx = cursor.index.0;
    let (byte, _) = text.char_indices().nth(char_idx)?;
    let &(_, _, mark) = sections.iter().find(|(a, b, _)| *a <= byte && byte < *b)?;
    mark
}

/// Hover text of a date: what was read, its value and kind.
fn date_tip(d: &DateMention) -> String {
    let mut tip = format!("{} → {}", d.text, d.value);
    if let Some(e) = d.end {
        tip.push_str(&format!(" – {e}"));
    }
    tip.push_str(&format!(
        "\n{:?}{}",
        d.kind,
        if d.furniture {
            " · page furniture"
        } else {
            ""
        }
    ));
    tip.push_str("\nclick: move the time cursor here");
    tip
}

/// Hover text of a place: what was read, the place it resolved to and the alternatives.
fn place_tip(p: &PlaceMention) -> String {
    let canonical = if p.place.canonical.is_empty() || p.place.canonical == p.place.name {
        String::new()
    } else {
        format!("{}, ", p.place.canonical)
    };
    let mut tip = format!(
        "{} → {} ({canonical}{}, {})\n{:.2}°, {:.2}° · confidence {:.0}%",
        p.surface,
        p.place.name,
        p.place.kind.as_str(),
        p.place.country,
        p.place.lat,
        p.place.lon,
        p.confidence * 100.0
    );
    if !p.alternatives.is_empty() {
        let alts: Vec<String> = p
            .alternatives
            .iter()
            .take(3)
            .map(|x| format!("{} ({})", x.name, x.country))
            .collect();
        tip.push_str(&format!("\nalso possible: {}", alts.join(", ")));
    }
    tip.push_str("\nclick: show on the map");
    tip
}

fn events_ui(ui: &mut egui::Ui, a: &Article, cmds: &mut Vec<Command>) {
    ui.strong(format!("Events ({})", a.events.len()));
    if a.events.is_empty() {
        ui.weak("No event found in this article.");
    }
    for e in &a.events {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                super::swatch_ui(ui, super::group_colour(e.kind.group()), false);
                ui.strong(e.kind.as_str());
                let date = match e.date_end {
                    Some(end) => format!("{} – {}", e.date, end),
                    None => e.date.to_string(),
                };
                if ui
                    .link(&date)
                    .on_hover_text("Move the time cursor to this date")
                    .clicked()
                {
                    cmds.push(Command::Time(TimeCommand::SetCursor(e.date.start)));
                }
                if let Some(p) = &e.place {
                    if ui
                        .link(p.name.to_string())
                        .on_hover_text("Show on the map")
                        .clicked()
                    {
                        cmds.push(Command::FlyTo {
                            lat: p.lat,
                            lon: p.lon,
                        });
                        cmds.push(Command::SelectPlace(Some(p.gid)));
                    }
                } else {
                    ui.weak("no place");
                }
                ui.weak(format!("confidence {:.0}%", e.confidence * 100.0));
                if let Some(d) = crate::app::lag::lag_between(a.published, e.date) {
                    ui.weak(crate::app::lag::lag_phrase(d))
                        .on_hover_text("Publication date minus event date");
                }
            });
            if !e.actors.is_empty() {
                let actors: Vec<String> = e
                    .actors
                    .iter()
                    .map(|x| match &x.role {
                        Some(r) => format!("{} ({r})", x.name),
                        None => x.name.clone(),
                    })
                    .collect();
                ui.label(format!("Who: {}", actors.join(", ")));
            }
            ui.label(egui::RichText::new(format!("“{}”", e.sentence.trim())).italics());
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::{DateKind, DateMention, DateValue};

    #[test]
    fn overlapping_marks_keep_the_first_longest() {
        let d = |s, e| DateMention {
            span: Span::new(s, e),
            text: String::new(),
            value: DateValue::y(2019).unwrap(),
            end: None,
            kind: DateKind::Explicit,
            furniture: false,
        };
        let a = Article {
            id: "x".into(),
            path: "x".into(),
            title: String::new(),
            url: None,
            published: None,
            published_source: None,
            published_confidence: 0.0,
            places: vec![],
            dates: vec![d(0, 10), d(2, 5), d(12, 14), d(20, 99)],
            events: vec![],
            warnings: vec![],
            text_len: 30,
            content_hash: 0,
        };
        let m = marks(&a, 30);
        let spans: Vec<(usize, usize)> = m.iter().map(|(s, _)| (s.start, s.end)).collect();
        assert_eq!(spans, vec![(0, 10), (12, 14)]);
    }
}
