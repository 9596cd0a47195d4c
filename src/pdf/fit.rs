//! Compiling one PDF: a sheet at the largest text size at which it fits on one page
//! ([`fit_sheet`], also the browser's preview), any target to PDF bytes, and typst's warnings
//! about it.

use super::Error;
use crate::pdf::data::SheetData;
use crate::pdf::plan::{BuildOptions, Target};
use crate::pdf::render::{Diagnostic, Rendered, Renderer, SHEET_SIZES};
use crate::pdf::report::{BreakAt, Warning};
use std::path::Path;
use typst_layout::PagedDocument;

/// Where a sheet over one page breaks, for the warning; `None` for a sheet on one page.
pub(super) fn breaks_at(rendered: &Rendered) -> Option<BreakAt> {
    if rendered.pages <= 1 {
        return None;
    }
    Some(
        match rendered.goal_pages.iter().find(|(_, page)| *page > 1) {
            // The break falls before this goal, or inside the one before it.
            Some((no, _)) if *no > 1 => BreakAt::Between(no - 1, *no),
            Some((no, _)) => BreakAt::Goal(*no),
            None => match rendered.goal_pages.last() {
                Some((no, _)) => BreakAt::Goal(*no),
                None => BreakAt::Sheet,
            },
        },
    )
}

/// Compiles a target to PDF bytes; typst's warnings come with the path they are about.
pub(super) fn compile(
    renderer: &Renderer,
    options: &BuildOptions,
    target: &Target,
    data: &impl serde::Serialize,
    date: chrono::NaiveDate,
) -> Result<(Rendered, Vec<Warning>), Error> {
    let (rendered, warnings) =
        renderer.pdf(target.template, data, date, &target.ident, &options.pdf)?;
    Ok((rendered, about(&target.path, warnings)))
}

/// typst's warnings about the PDF at `path`.
pub(super) fn about(path: &Path, diagnostics: Vec<Diagnostic>) -> Vec<Warning> {
    let pdf = |diagnostic| Warning::Template {
        pdf: path.to_path_buf(),
        diagnostic,
    };
    diagnostics.into_iter().map(pdf).collect()
}

/// Compiles a sheet at the largest of [`SHEET_SIZES`] from index `largest` on at which it fits
/// on one page (typst's page count says: smaller text never takes more pages), found by
/// bisection; at the smallest, over more pages, when none fits. Most sheets take one compile;
/// `largest` skips the sizes already known not to fit.
pub fn fit_sheet(
    renderer: &Renderer,
    data: &mut SheetData,
    date: chrono::NaiveDate,
    largest: usize,
) -> Result<(PagedDocument, Vec<Diagnostic>, f64), Error> {
    let mut compile_at = |i: usize| {
        data.size = Some(SHEET_SIZES[i]);
        renderer
            .compile("sheet.typ", &*data, date)
            .map(|(document, warnings)| (document, warnings, SHEET_SIZES[i]))
    };
    let (mut lo, mut hi) = (largest.min(SHEET_SIZES.len() - 1), SHEET_SIZES.len() - 1);
    if lo == 0 {
        let first = compile_at(0)?;
        if first.0.pages().len() <= 1 {
            return Ok(first);
        }
        lo = 1;
    }
    // The answer is the first index in lo..=hi that fits; hi = the smallest size, taken
    // whether it fits or not.
    let mut best = None;
    while lo < hi {
        let mid = (lo + hi) / 2;
        let attempt = compile_at(mid)?;
        if attempt.0.pages().len() <= 1 {
            best = Some(attempt);
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    match best {
        Some(found) if found.2 == SHEET_SIZES[lo] => Ok(found),
        _ => compile_at(lo),
    }
}
