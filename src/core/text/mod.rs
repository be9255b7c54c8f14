//! Text normalisation: case and accent folding with a map back to original byte offsets,
//! and sentence splitting.
//!
//! Folding turns `Saint-Pétersbourg, l’Élysée` into ` saint petersbourg l elysee`: letters
//! lower-cased and stripped of diacritics (NFD, combining marks dropped, a few letters without a
//! decomposition such as `ø`, `ł`, `ı`, `œ` spelled out), every run of non-alphanumeric
//! characters (spaces, hyphens, apostrophes, punctuation) turned into one space, and one leading
//! space. Place names are folded the same way, so a pattern ` name` found in the folded text
//! always starts on a word boundary, elisions (`d'Idleb`) and hyphenation (`Tel-Aviv`) included.

//!
//! By job: `folding` (with the offset map, and names), `words` (folding and cutting into words
//! in one pass), `sentences`, `caseless` (search whatever the case) and `lowercase`.

mod caseless;
mod folding;
mod lowercase;
mod sentences;
mod words;

pub use caseless::{CaselessStems, caseless_automaton, ends_with_caseless, starts_with_caseless};
pub use folding::{Folded, fold, fold_name};
pub use lowercase::{is_alphabetic, push_lowercase, push_lowercase_char};
pub use sentences::sentences;
pub use words::{FoldedWord, FoldedWords, fold_words};
