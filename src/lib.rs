//! mokuhyo (目標): 組織目標管理シート (organization goal management sheets) of a ward office,
//! from TOML data to PDF.
//!
//! TOML in `sheets/` → [`model`] (read and checked, every problem located) → [`data`] (what a
//! template receives, as JSON) → [`render`] (typst in the small [`world`], with the [`fonts`]) →
//! PDF bytes → [`output`] (safe names, atomic writes). [`build`] runs it for every ward;
//! [`era`] turns dates into 令和 dates and fiscal years.

pub mod build;
pub mod console;
pub mod data;
pub mod encoding;
pub mod era;
pub mod error;
pub mod fonts;
pub mod form;
pub mod import;
pub mod locale;
pub mod lock;
pub mod model;
pub mod next_year;
pub mod numfmt;
pub mod output;
pub mod problem;
pub mod render;
pub mod report;
pub mod scaffold;
pub mod schedule;
pub mod serve;
pub mod summary;
pub mod table;
pub mod tidy;
pub mod users;
pub mod watch;
pub mod world;
