//! `serve`: the sheets as web pages.

use super::{Listen, listen_address};
use crate::cli::{self, Input, ResourceArgs};
use crate::{Outcome, Status};
use mokuhyo::locale::{self};
use mokuhyo::pdf::render::Resources;
use mokuhyo::{errln, outln, t};
use std::path::PathBuf;

/// `mokuhyo serve`'s arguments.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub(crate) input: Input,
    /// Where "make every PDF" writes: OUT/<ward folder>/…
    #[arg(long, default_value = "output")]
    pub(crate) out: PathBuf,
    /// The address to listen on (this PC only: 127.0.0.1), or a name and port
    /// (localhost:8080).
    #[arg(long, default_value = "127.0.0.1:8080", value_parser = listen_address)]
    pub(crate) listen: Listen,
    /// Another name the server is reached by (its DNS name); may be repeated.
    #[arg(long = "host", value_name = "NAME")]
    pub(crate) hosts: Vec<String>,
    /// The operations log, appended to (default: .mokuhyo-serve.log in the sheets folder).
    #[arg(long, value_name = "FILE")]
    pub(crate) log: Option<PathBuf>,
    /// Opens the page in the browser.
    #[arg(long)]
    pub(crate) open: bool,
    /// The users file (mokuhyo user): everyone signs in, and the network may be listened on.
    #[arg(long, value_name = "FILE")]
    pub(crate) users: Option<PathBuf>,
    /// The server's certificate (PEM): HTTPS, with --tls-key.
    #[arg(long, value_name = "FILE", requires = "tls_key")]
    pub(crate) tls_cert: Option<PathBuf>,
    /// The certificate's private key (PEM).
    #[arg(long, value_name = "FILE", requires = "tls_cert")]
    pub(crate) tls_key: Option<PathBuf>,
    #[command(flatten)]
    pub(crate) resources: ResourceArgs,
}

/// Runs the command.
pub(crate) fn run(args: Args) -> Outcome {
    let Args {
        input,
        out,
        listen,
        hosts,
        log,
        open,
        users,
        tls_cert,
        tls_key,
        resources,
    } = args;
    serve(
        input,
        out,
        (listen, hosts, log),
        open,
        (users, tls_cert.zip(tls_key)),
        resources,
    )
}

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
    let mut url = server.url();
    if server.addr.ip().is_unspecified() {
        // Listening on the network: the addresses colleagues open, one a line.
        let urls = server.colleague_urls();
        outln!("{}", t!("serve-listening-network"));
        for colleague in &urls {
            outln!("  {colleague}");
        }
        // This PC opens it by loopback, in its own browser.
        let (scheme, port) = (url.split(':').next().unwrap_or("http"), server.addr.port());
        url = format!("{scheme}://localhost:{port}/");
    } else {
        outln!("{}", t!("serve-listening", url = url.as_str()));
    }
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
