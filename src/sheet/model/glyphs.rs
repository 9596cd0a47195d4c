//! Characters no font can draw: each is reported where it is written, with the division, goal
//! and key, since it would print as an empty box ("tofu").

use super::shape;
use crate::sheet::problem::CharacterKind;
use crate::sheet::problem::{Kind, Report, TextPlace};
use std::ops::Range;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// Reports the characters of every string in `table` that no font can draw (`covers` says which
/// can), and control characters, which print as nothing. One problem per value, listing its
/// characters, at the first of them.
pub(super) fn check_glyphs(
    report: &mut Report,
    table: &DeTable,
    path: &str,
    division: &str,
    covers: &dyn Fn(char) -> bool,
    strict: bool,
) {
    for (key, value) in table.iter() {
        let key_path = shape::join(path, key.get_ref());
        check_value_glyphs(report, value, &key_path, division, covers, strict);
    }
}

pub(super) fn check_value_glyphs(
    report: &mut Report,
    value: &Spanned<DeValue>,
    key_path: &str,
    division: &str,
    covers: &dyn Fn(char) -> bool,
    strict: bool,
) {
    match value.get_ref() {
        DeValue::Table(table) => check_glyphs(report, table, key_path, division, covers, strict),
        DeValue::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let item_path = format!("{key_path}[{}]", i + 1);
                check_value_glyphs(report, item, &item_path, division, covers, strict);
            }
        }
        DeValue::String(written) => {
            // A rating prints as the mark it looks like (`✕` as `×`): check what is printed.
            let s = match key_path.ends_with(".rating") {
                true => super::normalize_rating(written).unwrap_or(written),
                false => written,
            };
            let mut missing: Vec<char> = Vec::new();
            let mut controls: Vec<char> = Vec::new();
            for c in s.chars() {
                if c.is_control() {
                    if c != '\n' && c != '\t' && !controls.contains(&c) {
                        controls.push(c);
                    }
                } else if needs_glyph(c) && !drawable(c, covers) && !missing.contains(&c) {
                    missing.push(c);
                }
            }
            let place = TextPlace {
                division: division.to_string(),
                goal: crate::sheet::problem::goal_of(key_path),
                key: key_path.to_string(),
            };
            if let Some(&first) = missing.first() {
                let span = char_span(report.spans_of, value.span(), first);
                let kind = Kind::Characters(CharacterKind::NoGlyph {
                    chars: missing,
                    place: place.clone(),
                });
                if strict {
                    report.error(span, key_path, kind);
                } else {
                    report.warning(span, key_path, kind);
                }
            }
            if let Some(&first) = controls.first() {
                let span = char_span(report.spans_of, value.span(), first);
                let kind = Kind::Characters(CharacterKind::Controls {
                    chars: controls,
                    place,
                });
                report.warning(span, key_path, kind);
            }
        }
        _ => {}
    }
}

/// Whether a character is drawn at all: whitespace, controls, the invisible characters of
/// [`is_invisible`](crate::output::is_invisible) (joiners, direction marks) and the other format
/// characters (variation selectors, including the 異体字 selectors of Japanese names) need no
/// glyph of their own.
pub fn needs_glyph(c: char) -> bool {
    !(c.is_whitespace()
        || c.is_control()
        || crate::output::is_invisible(c)
        || matches!(c,
            '\u{034F}' | '\u{115F}'..='\u{1160}' | '\u{17B4}'..='\u{17B5}' | '\u{180B}'..='\u{180F}'
            | '\u{2065}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FFA0}'
            | '\u{1BCA0}'..='\u{1BCA3}' | '\u{1D173}'..='\u{1D17A}' | '\u{E0000}'..='\u{E0FFF}'))
}

/// Whether a character can be drawn: a font has it, or it decomposes into characters the
/// fonts have (Ӂ is drawn as Ж with a breve, as the shaper does when no font has Ӂ itself).
pub(super) fn drawable(c: char, covers: &dyn Fn(char) -> bool) -> bool {
    use unicode_normalization::char::decompose_canonical;
    if covers(c) {
        return true;
    }
    let mut parts = Vec::new();
    decompose_canonical(c, |part| parts.push(part));
    parts.len() > 1 && parts.iter().all(|&part| covers(part))
}

/// Where `c` is written inside the value at `span` (when written as itself, not as an escape);
/// else the value's own place.
pub(super) fn char_span(text: &str, span: Range<usize>, c: char) -> Range<usize> {
    let raw = text.get(span.clone()).unwrap_or_default();
    match raw.find(c) {
        Some(at) => span.start + at..span.start + at + c.len_utf8(),
        None => span,
    }
}
