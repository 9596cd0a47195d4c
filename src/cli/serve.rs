//! `serve`: the sheets as web pages.

use crate::cli::{self, Input, ResourceArgs};
use crate::{Outcome, Status};
use mokuhyo::locale::{self};
use mokuhyo::pdf::render::Resources;
use mokuhyo::{errln, outln, t};
use std::path::PathBuf;

pub(crate) fn serve(
    input: Input,
    out: PathBuf,
    (listen, mut hosts, log): (cli::Listen, Vec<String>, Option<PathBuf>),
    open: bool,
    (users, tls): (Option<PathBuf>, Option<(PathBuf, PathBuf)>),
    resources: ResourceArgs,
) -> Outcome {
    let clear_text = tls.is_none() && !listen.addr.ip().is_loopback();
    // The name listened on is one the server is reached by.
    hosts.extend(listen.name);
    let options = mokuhyo::serve::ServeOptions {
        sheets: input.sheets,
        out,
        listen: listen.addr,
        lang: locale::current(),
        users,
        tls,
        hosts,
        log,
        header_timeout: mokuhyo::serve::HEADER_TIMEOUT,
    };
    let server = mokuhyo::serve::start(&options, &Resources::from(resources))?;
    if clear_text {
        errln!("{}: {}", t!("severity-warning"), t!("serve-clear-text"));
    }
    let url = server.url();
    outln!("{}", t!("serve-listening", url = url.as_str()));
    if open {
        open_browser(&url);
    }
    server.wait();
    errln!("{}", t!("serve-stopped"));
    Ok(Status::Done)
}
/// Opens `url` in the system's browser; if that fails, the printed address is there to open.
pub(crate) fn open_browser(url: &str) {
    let mut command = if cfg!(windows) {
        let mut command = std::process::Command::new("cmd");
        command.args(["/C", "start", ""]);
        command
    } else if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else {
        std::process::Command::new("xdg-open")
    };
    let _ = command
        .arg(url)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
}
