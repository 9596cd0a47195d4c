//! The sheets in other shapes: the flat [`table`] (CSV, xlsx, JSON) out and in, the [`form`]
//! workbook, Excel's number formats ([`numfmt`]), [`import`] back into the TOML files (`target`:
//! which file a division goes to), and the [`summary`] of a ward.

pub mod form;
pub mod import;
pub mod numfmt;
pub mod summary;
pub mod table;

mod error;
mod target;

pub use error::Error;
