//! The sheets as one flat table, one row per indicator, the way divisions fill them in Excel:
//! `export` writes a ward (or a city) as CSV, xlsx or JSON; `import` reads such a table back
//! into division files, rows of the same goal or action grouped by their shared cells.
//!
//! A row repeats its division's and goal's cells (部, 課, No., 組織目標, …); a row may also
//! leave them empty, as merged cells come out of Excel, and then continues the row above.
//!
//! [`columns`]: the columns and a row's cells; [`export`]: CSV, xlsx and JSON written; [`read`]:
//! a table file read; [`group`]: its rows grouped into divisions; [`fault`]: why a row is not
//! placed.

pub mod columns;
pub mod export;
pub mod fault;
pub mod group;
pub mod read;

pub use columns::{COLUMNS, Column, ReadRow, Row, headings_of, rows};
pub use export::{csv_of, to_csv, to_json, to_xlsx};
pub use fault::{RowFault, Unplaced};
pub use group::{ImportedWard, Source, group};
pub use read::{Table, UnknownColumn, UnvaluedFormula, read, read_csv};
