//! mokuhyo (目標): 組織目標管理シート (organization goal management sheets) of a ward office,
//! from TOML data to PDF.
//!
//! The code is laid out in wings around a core; arrows run one way, binary → [`serve`] →
//! [`pdf`] / [`exchange`] → [`sheet`] → the ground (see `docs/ARCHITECTURE.md`):
//!
//! - [`sheet`]: the core: TOML in `sheets/` read and checked (every problem located), the
//!   era, the encodings, the files `new` and `next-year` write, the file edited in place.
//! - [`pdf`]: what a template receives, typst in a small world with the fonts, the PDFs of
//!   every ward, the schedule, `tidy`, the report and `watch`.
//! - [`exchange`]: the flat table (CSV, xlsx, JSON) out and in, the form workbook, Excel's
//!   number formats, `import`, the summary.
//! - [`serve`]: the sheets as web pages.
//! - the ground: [`locale`] (the words), [`console`] (where output goes), [`output`] (safe
//!   names, claims, atomic writes), [`lock`] (one writer per ward).

#[cfg(test)]
mod architecture;
pub mod console;
pub mod exchange;
pub mod locale;
pub mod lock;
pub mod output;
pub mod pdf;
pub mod serve;
pub mod sheet;
