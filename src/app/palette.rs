//! Every colour of the app in one place: event kinds, collections, the basemap, the map's
//! markers and labels, and the reader's highlights. Light and dark variants sit side by side so
//! that a change to one theme is made with the other in view.

use crate::core::model::KindGroup;
use egui::Color32;

/// The egui colour of an RGB triple.
pub fn rgb(c: [u8; 3]) -> Color32 {
    Color32::from_rgb(c[0], c[1], c[2])
}

/// The colour of an event-kind group: Okabe–Ito, colour-blind safe (the triples are
/// [`KindGroup::rgb`], shared with the exports); used by the markers, the legend, the
/// timeline, the filters and the reader.
pub fn group_colour(g: KindGroup) -> Color32 {
    rgb(g.rgb())
}

/// Colours given to collections in turn (distinct from the event-kind palette).
pub const COLLECTION_COLOURS: [[u8; 3]; 8] = [
    [86, 180, 233],
    [240, 228, 66],
    [0, 0, 0],
    [153, 102, 204],
    [102, 153, 51],
    [204, 51, 51],
    [51, 153, 153],
    [170, 120, 60],
];

/// Colours of the basemap and of its names, in one theme.
#[derive(Debug, Clone, Copy)]
pub struct BasemapPalette {
    /// Sea fill.
    pub sea: [u8; 3],
    /// Land fill.
    pub land: [u8; 3],
    /// Coastline stroke.
    pub coast: [u8; 3],
    /// Country border stroke.
    pub border: [u8; 3],
    /// Country label text.
    pub country_text: [u8; 3],
    /// Sea label text.
    pub sea_text: [u8; 3],
    /// Halo behind label text (close to the land colour).
    pub halo: [u8; 3],
}

/// The basemap palette for the light or dark theme.
pub fn basemap_palette(dark: bool) -> BasemapPalette {
    if dark {
        BasemapPalette {
            sea: [0x1a, 0x23, 0x2e],
            land: [0x2f, 0x33, 0x38],
            coast: [0x46, 0x55, 0x63],
            border: [0x6a, 0x6f, 0x78],
            country_text: [0xb4, 0xb9, 0xc0],
            sea_text: [0x6f, 0x8b, 0xa6],
            halo: [0x22, 0x27, 0x2d],
        }
    } else {
        BasemapPalette {
            sea: [0xc4, 0xdc, 0xe9],
            land: [0xf4, 0xf1, 0xe8],
            coast: [0x9c, 0xb8, 0xc8],
            border: [0xb0, 0x9a, 0xa8],
            country_text: [0x5e, 0x57, 0x52],
            sea_text: [0x5b, 0x80, 0x9c],
            halo: [0xf7, 0xf5, 0xef],
        }
    }
}

/// The halo drawn around country names: the basemap's halo colour, partly transparent.
pub fn label_halo(dark: bool) -> Color32 {
    let [r, g, b] = basemap_palette(dark).halo;
    Color32::from_rgba_unmultiplied(r, g, b, 170)
}

/// Colours of the map markers in one theme (the fills are [`group_colour`]).
#[derive(Debug, Clone, Copy)]
pub struct MarkerColours {
    /// Ring around a filled marker, and the outer ring of the selection.
    pub outline: Color32,
    /// Ring of a place only mentioned (no event in the window).
    pub hollow: Color32,
    /// Place names and the count of a hollow cluster.
    pub text: Color32,
    /// Backdrop of the place names (and, faded, the inside of a hollow marker).
    pub halo: Color32,
    /// Count written on a filled cluster.
    pub count_on_fill: Color32,
    /// Ring around the selected place.
    pub selection: Color32,
}

/// The marker colours for the light or dark theme.
pub fn marker_colours(dark: bool) -> MarkerColours {
    MarkerColours {
        outline: if dark {
            Color32::from_gray(20)
        } else {
            Color32::WHITE
        },
        hollow: if dark {
            Color32::from_gray(220)
        } else {
            Color32::from_gray(60)
        },
        text: if dark {
            Color32::WHITE
        } else {
            Color32::from_gray(15)
        },
        halo: if dark {
            Color32::from_black_alpha(200)
        } else {
            Color32::from_white_alpha(220)
        },
        count_on_fill: Color32::WHITE,
        selection: Color32::from_rgb(255, 215, 0),
    }
}

/// Background of a date mention highlighted in the reader.
pub fn date_highlight(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(90, 70, 20)
    } else {
        Color32::from_rgb(255, 226, 150)
    }
}

/// Background of a place mention highlighted in the reader.
pub fn place_highlight(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(25, 70, 95)
    } else {
        Color32::from_rgb(180, 225, 250)
    }
}
