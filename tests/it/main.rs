//! The integration tests, in one binary (as ripgrep's `tests/` are): every test binary links
//! typst, so one link instead of sixteen. A module per area; `common` holds what they share.
//! The tests run as threads of one process: none may set the environment, the current folder
//! or the locale of the process; one that counts something process-wide (`file_ids`) runs
//! itself again in a process of its own.

mod common;

mod accounts;
mod approval;
mod archive;
mod browser;
mod browser_drafts;
mod browser_page;
mod cut;
mod evaluation;
mod exchange;
mod file_ids;
mod form;
mod higashi;
mod hostile;
mod japanese;
mod merge;
mod planning;
mod reference;
mod render;
mod robust;
mod serve;
mod year;
