//! The core: a ward's sheets as data. The [`model`] (the TOML files read and checked into
//! wards and divisions), its [`problem`]s, the [`era`] (令和 dates, fiscal years), the files'
//! [`encoding`]s, the files `new` writes ([`scaffold`]) and `next-year` ([`next_year`]), and a
//! division's file edited in place keeping its comments ([`draft`], [`uncomment`]), its items'
//! ids ([`identity`]), their tables moved with them ([`rearrange`]) and two saves of it
//! merged field by field ([`merge`]).

pub mod approval;
pub mod board;
pub mod draft;
pub mod encoding;
pub mod era;
pub mod fields;
pub mod identity;
pub mod merge;
pub mod model;
pub mod next_year;
pub mod problem;
pub mod rearrange;
pub mod scaffold;
pub mod uncomment;

mod error;

pub use error::Error;
