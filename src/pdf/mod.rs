//! The printed sheets: what a template receives ([`data`]), typst in a small [`world`] with the
//! [`fonts`], [`render`]ed to PDF; [`build`] runs it for every ward, [`schedule`] says when,
//! [`tidy`] removes what no sheet makes any more, [`report`] says what was done, and [`watch`]
//! builds again on every change.

pub mod build;
pub mod data;
pub mod diagnostic;
pub mod fit;
pub mod fonts;
pub mod plan;
pub mod render;
pub mod report;
pub mod schedule;
pub mod tidy;
pub mod watch;
pub mod world;

mod error;

pub use error::Error;
