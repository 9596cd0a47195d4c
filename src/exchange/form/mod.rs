//! The sheet as an Excel workbook laid out like the printed form, both ways: a worksheet per
//! division (the title, the header block, the two-level table header with the year's own
//! labels, one row per indicator with the goal and action cells merged over their rows, the
//! legend) and a cover worksheet (はじめに) with what to do and where each worksheet belongs;
//! and such a worksheet read back as the rows of the flat table ([`crate::exchange::table`]), so that
//! import groups it as it groups any table.

//!
//! [`write`]: the workbook written; [`read`]: a form worksheet and its cover read back.

pub mod read;
pub mod write;

pub use read::{
    Cover, CoverCell, Listed, SheetDate, column_of, heading, is_form, parse_date, rows, sheet_dates,
};
pub use write::{COVER, columns_of, every_division, to_form, to_form_noted};
