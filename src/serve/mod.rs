//! `serve`: the sheets as web pages, for division staff who fill them in with a browser. A
//! division's page is a form in the sheet's own structure with the printed page beside it,
//! rendered as SVG from the same templates and fonts as the PDF as they type; a save writes the
//! division's TOML file in place, keeping its comments (see [`draft`](crate::sheet::draft)).
//!
//! The HTTP contract is in `docs/serve.md`. Everything is served from the binary (pages,
//! script, the fonts as web fonts): it works on a PC without internet. Without accounts only
//! loopback is listened on; with them ([`auth`]) everyone signs in and changes only what is
//! theirs.
//!
//! - [`sheets`]: finding a ward folder and a division file from the names in a URL, never
//!   outside the sheets folder.
//! - [`settings`]: a ward's `ward.toml` as JSON and written back, as a division's file is
//!   ([`crate::sheet::draft`]), with its endpoints; [`users`]: the accounts file.
//! - [`auth`]: accounts, sign-in and what each may change, [`throttle`]: failed sign-ins slowed
//!   down; [`history`]: every version saved.
//! - [`api`]: the JSON, SVG and PDF endpoints; [`pages`]: the HTML; [`events`]: changes on
//!   disk told to open pages.
//! - [`host`]: only requests sent to the server's own names are answered (421 otherwise);
//!   [`plain_errors`]: the HTTP layer's refusals as JSON in the server's words; [`tls`]: the
//!   PEM files checked, and plain HTTP on the HTTPS port told to use `https://`; [`log`]: the
//!   operations log.
//! - [`setup`]: the planning section's year (a new ward, a new division, next year, a year
//!   closed); [`people`]: the accounts through the browser; [`forms`]: the Excel forms
//!   downloaded and uploaded; [`divisions`]: a division renamed or removed;
//!   [`planning_pages`]: their pages.
//! - [`whole`]: a `PUT`'s body with every key (a key left out is 422, not an emptied file);
//!   [`limits`]: a draft past what a sheet holds refused before it is written.

pub mod api;
pub mod approvals;
pub mod auth;
pub mod board;
pub mod divisions;
pub mod error;
pub mod events;
pub mod forms;
pub mod history;
pub mod host;
pub mod http;
pub mod limits;
pub mod log;
pub mod merging;
pub mod pages;
pub mod people;
pub mod plain_errors;
pub mod planning_pages;
pub mod preview;
pub mod read_only;
pub mod report;
pub mod settings;
pub mod setup;
pub mod sheet_words;
pub mod sheets;
pub mod signin;
pub mod throttle;
pub mod tls;
pub mod users;
pub mod whole;

use crate::pdf::render::{Renderer, Resources};
use axum::Router;
use axum::routing::{get, post};
use axum_server::tls_rustls::{RustlsAcceptor, RustlsConfig};
pub use error::Error;
use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::broadcast;

/// What `serve` is asked.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The sheets folder: a ward folder, or a folder of ward folders.
    pub sheets: PathBuf,
    /// Where "build all" writes the PDFs.
    pub out: PathBuf,
    pub listen: SocketAddr,
    /// The pages' and messages' language.
    pub lang: crate::locale::Lang,
    /// The users file: with it, everyone signs in, and the server may listen on the network.
    pub users: Option<PathBuf>,
    /// A certificate and its private key (PEM files): HTTPS instead of HTTP.
    pub tls: Option<(PathBuf, PathBuf)>,
    /// Names the server is reached by besides its own (`--host`): see [`host`].
    pub hosts: Vec<String>,
    /// The operations log (`--log`); `None`: [`log::FILE`] in the sheets folder.
    pub log: Option<PathBuf>,
    /// How long a connection may take to send a request's head: [`HEADER_TIMEOUT`].
    pub header_timeout: Duration,
}

/// How long a connection may take to send a request's head before it is closed: connections
/// left unfinished on purpose would otherwise be held open for ever (slowloris).
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(30);

/// What every request handler shares.
pub struct App {
    /// The sheets folder, made absolute and with its links resolved: every file served or
    /// written is under it.
    root: PathBuf,
    out: PathBuf,
    lang: crate::locale::Lang,
    /// `None`: no accounts, loopback only, whoever is at this PC may do everything.
    accounts: Option<auth::Accounts>,
    /// Served over HTTPS: the session cookie is `Secure`.
    tls: bool,
    renderer: Renderer,
    /// One lock per file: one save or compile at a time for each division, one save of each
    /// `ward.toml`.
    locks: Mutex<HashMap<PathBuf, Arc<tokio::sync::Mutex<()>>>>,
    /// Files changed on disk, for the open pages.
    changes: broadcast::Sender<events::Changed>,
    /// Every version of every division file and `ward.toml`.
    history: history::History,
    /// The names a request may be sent to.
    hosts: host::Hosts,
}

impl App {
    fn lock(&self, file: &Path) -> Arc<tokio::sync::Mutex<()>> {
        let mut locks = self.locks.lock().unwrap_or_else(|e| e.into_inner());
        Arc::clone(locks.entry(file.to_path_buf()).or_default())
    }
}

/// A server running on a thread of its own; stopped when dropped.
pub struct Server {
    pub addr: SocketAddr,
    tls: bool,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
    /// The sheets folder held for this server alone; let go after the thread ends.
    _alone: crate::lock::ServeLock,
}

impl Server {
    /// The address to open in a browser: `http://127.0.0.1:8080/` (`https://` with TLS).
    pub fn url(&self) -> String {
        let scheme = if self.tls { "https" } else { "http" };
        format!("{scheme}://{}/", self.addr)
    }

    /// The addresses to open from other PCs: for a server on every interface, the machine's
    /// name and its network addresses ([`host::colleague_urls`]), not `http://0.0.0.0:8080/`.
    pub fn colleague_urls(&self) -> Vec<String> {
        let scheme = if self.tls { "https" } else { "http" };
        host::colleague_urls(self.addr, scheme)
    }

    /// Waits until the server stops (Ctrl+C).
    pub fn wait(mut self) {
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// The accounts of `--users`, if any. Without accounts only loopback may be listened on:
/// anyone on the network could change every sheet.
fn accounts(options: &ServeOptions) -> Result<Option<auth::Accounts>, Error> {
    let accounts = options
        .users
        .as_deref()
        .map(auth::Accounts::load)
        .transpose()?;
    let no_accounts = accounts.as_ref().is_none_or(auth::Accounts::is_empty);
    if !options.listen.ip().is_loopback() && no_accounts {
        return Err(Error::ServeNotLoopback {
            addr: options.listen.to_string(),
        });
    }
    Ok(accounts)
}

/// Starts serving `options.sheets` on `options.listen` (port 0: any free port). Refuses any
/// address but loopback unless there are accounts. Returns once the address is bound.
pub fn start(options: &ServeOptions, resources: &Resources) -> Result<Server, Error> {
    let accounts = accounts(options)?;
    let root =
        std::fs::canonicalize(&options.sheets).map_err(|source| crate::sheet::Error::Read {
            path: options.sheets.clone(),
            source,
        })?;
    let log = log::Log::new(
        options.log.clone().unwrap_or_else(|| root.join(log::FILE)),
        options.lang,
    );
    let dispatch = tracing::Dispatch::new(log);
    let runtime = runtime(&dispatch)?;
    // Every refusal before anything is created in the folder (its lock, its history): the PEM
    // files first, then another server on it, then the address.
    let tls = match &options.tls {
        Some((cert, key)) => {
            let config =
                crate::locale::with(options.lang, || runtime.block_on(tls_config(cert, key)));
            Some(config?)
        }
        None => None,
    };
    let alone = serve_alone(&root)?;
    let listener = listen(options.listen)?;
    let addr = listener.local_addr().map_err(|source| Error::ServeListen {
        addr: options.listen.to_string(),
        source,
    })?;
    let renderer = Renderer::new(resources)?;
    let history = history::History::open(&root).map_err(|err| Error::History {
        path: root.join(history::FILE),
        reason: history::reason(&err),
    })?;
    let (changes, _) = broadcast::channel(256);
    let watcher = events::watch(&root, changes.clone())?;
    let app = Arc::new(App {
        root,
        out: options.out.clone(),
        lang: options.lang,
        accounts,
        tls: options.tls.is_some(),
        renderer,
        locks: Mutex::default(),
        changes,
        history,
        hosts: host::Hosts::new(addr, &options.hosts),
    });
    let scheme = if options.tls.is_some() {
        "https"
    } else {
        "http"
    };
    // Said for a second server to point at this one; without it, it still refuses.
    let _ = alone.tell(&format!("{scheme}://{addr}/"));
    // Started once nothing can stop it any more (the PEM files checked); the catch-up in its
    // log too.
    tracing::dispatcher::with_default(&dispatch, || {
        tracing::info!(addr = %addr, "log-started");
        catch_up(&app);
    });
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let (lang, header_timeout) = (options.lang, options.header_timeout);
    let thread = std::thread::Builder::new()
        .name("serve".into())
        .spawn(move || {
            let _watcher = watcher;
            log::attach(&dispatch);
            let served = (listener, tls, header_timeout);
            crate::locale::with(lang, || run(runtime, app, served, stopped));
        })
        .map_err(|source| crate::pdf::Error::Thread {
            template: "serve".into(),
            source,
        })?;
    Ok(Server {
        addr,
        tls: options.tls.is_some(),
        stop: Some(stop),
        thread: Some(thread),
        _alone: alone,
    })
}

/// The history brought up to the files: saves made while the server was not running, or cut
/// short by its end (in its log too, when called with the log as the default).
fn catch_up(app: &App) {
    for ward in sheets::wards(&app.root) {
        settings::catch_up(app, &ward);
        for file in sheets::division_files(&app.root, &ward) {
            preview::catch_up(app, &ward, &file);
        }
    }
}

/// The server's tokio runtime. Each server's log is its own (tests run several in one
/// process): every thread of its runtime writes to it.
fn runtime(dispatch: &tracing::Dispatch) -> Result<tokio::runtime::Runtime, Error> {
    let on_thread = dispatch.clone();
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_name("serve")
        .on_thread_start(move || log::attach(&on_thread))
        .build()
        .map_err(|source| {
            Error::from(crate::pdf::Error::Thread {
                template: "serve".into(),
                source,
            })
        })
}

/// The sheets folder for this server alone: two servers on one folder would each keep a
/// history of its own, and each page would see only its own server's saves.
fn serve_alone(root: &Path) -> Result<crate::lock::ServeLock, Error> {
    use crate::lock::NotServed;
    crate::lock::serve(root).map_err(|refused| match refused {
        NotServed::Taken(serving) => Error::ServeRunning {
            folder: root.to_path_buf(),
            serving: serving.map(|s| (s.pid, s.url)),
        },
        NotServed::Failed(failed) => failed.into(),
    })
}

/// The address `listen`, bound: not yet accepting, for the runtime to take over.
fn listen(listen: SocketAddr) -> Result<std::net::TcpListener, Error> {
    let failed = |source| Error::ServeListen {
        addr: listen.to_string(),
        source,
    };
    let listener = std::net::TcpListener::bind(listen).map_err(failed)?;
    listener.set_nonblocking(true).map_err(failed)?;
    Ok(listener)
}

/// The certificate and key of `--tls-cert` and `--tls-key`, read and checked before the
/// server starts: what is wrong with them is said in words of our own ([`tls::check`]).
async fn tls_config(cert: &Path, key: &Path) -> Result<RustlsConfig, Error> {
    // One provider for the whole process: ring, the one built in.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let refused = |reason| Error::Tls {
        cert: cert.to_path_buf(),
        key: key.to_path_buf(),
        reason,
    };
    tls::check(cert, key).map_err(refused)?;
    RustlsConfig::from_pem_file(cert, key)
        .await
        .map_err(|err| refused(tls::TlsFault::Refused(err)))
}

/// The server's life: until `stopped` or Ctrl+C. Open event streams end with it.
fn run(
    runtime: tokio::runtime::Runtime,
    app: Arc<App>,
    (listener, tls, header_timeout): (std::net::TcpListener, Option<RustlsConfig>, Duration),
    stopped: tokio::sync::oneshot::Receiver<()>,
) {
    let (app_lang, server_addr) = (app.lang, listener.local_addr().ok());
    runtime.block_on(async move {
        tokio::spawn(events::follow(Arc::clone(&app)));
        let service = router(app).into_make_service_with_connect_info::<SocketAddr>();
        let served = async move {
            let mut server = axum_server::from_tcp(listener)?;
            // A request's head not sent in time: the connection closed (axum-server's builder
            // has hyper's timer for it).
            server
                .http_builder()
                .http1()
                .header_read_timeout(header_timeout);
            match tls {
                Some(config) => {
                    let acceptor = RustlsAcceptor::new(config).acceptor(tls::PlainRefused {
                        lang: app_lang,
                        addr: server_addr,
                    });
                    server.acceptor(acceptor).serve(service).await
                }
                None => server.serve(service).await,
            }
        };
        tokio::select! {
            _ = served => {}
            _ = stopped => {}
            _ = tokio::signal::ctrl_c() => {}
        }
    });
    runtime.shutdown_timeout(Duration::from_secs(1));
}

/// Every URL the server answers; anything else is 404.
pub fn router(app: Arc<App>) -> Router {
    let division = "/api/wards/{ward}/divisions/{division}";
    Router::new()
        .route("/", get(pages::wards))
        .route("/wards/{ward}", get(pages::ward_settings))
        .route("/wards/{ward}/forms", get(planning_pages::forms))
        .route("/planning", get(planning_pages::year))
        .route("/accounts", get(planning_pages::accounts))
        .route("/wards/{ward}/divisions/{division}", get(pages::division))
        .route("/assets/{name}", get(pages::asset))
        .route("/api/wards", get(api::wards).post(setup::new_ward))
        .route("/api/wards/{ward}", get(settings::get).put(setup::put_ward))
        .route("/api/wards/{ward}/divisions", post(setup::new_division))
        .route("/api/wards/{ward}/next-year", post(setup::next_year))
        .route("/api/wards/{ward}/form.xlsx", get(forms::download))
        .route(
            "/api/wards/{ward}/import",
            post(forms::upload).layer(axum::extract::DefaultBodyLimit::max(forms::UPLOAD_LIMIT)),
        )
        .route("/api/users", get(people::list).post(people::add))
        .route(
            "/api/users/{name}",
            axum::routing::put(people::change).delete(people::remove),
        )
        .route("/api/wards/{ward}/history", get(settings::history))
        .route(division, get(api::division).put(api::save))
        .route(&format!("{division}/rename"), post(divisions::rename))
        .route(&format!("{division}/remove"), post(divisions::remove))
        .route(&format!("{division}/preview"), post(api::preview))
        .route(&format!("{division}/preview.svg"), get(api::saved_preview))
        .route(&format!("{division}/history"), get(api::history))
        .route(
            &format!("{division}/history/{{id}}/restore"),
            post(api::restore),
        )
        .route(&format!("{division}/approval"), get(approvals::status))
        .route(&format!("{division}/submit"), post(approvals::submit))
        .route(&format!("{division}/withdraw"), post(approvals::withdraw))
        .route(&format!("{division}/approve"), post(approvals::approve))
        .route(&format!("{division}/return"), post(approvals::send_back))
        .route("/api/wards/{ward}/status", get(approvals::board))
        .route("/api/wards/{ward}/volume.pdf", get(api::volume_pdf))
        .route("/api/wards/{ward}/summary.xlsx", get(report::xlsx))
        .route("/api/wards/{ward}/summary.csv", get(report::csv))
        .route("/api/build", post(api::build_all))
        .route("/api/events", get(events::stream))
        .route("/signin", get(signin::sign_in_page).post(signin::sign_in))
        .route("/signout", post(signin::sign_out))
        // The layers run from the last to the first: the log sees every answer, the Host is
        // checked before anything else looks at the request, then who is asking.
        .layer(axum::middleware::from_fn(log::carry_signed))
        .layer(axum::middleware::from_fn_with_state(
            Arc::clone(&app),
            auth::guard,
        ))
        .layer(axum::middleware::from_fn_with_state(
            Arc::clone(&app),
            host::check,
        ))
        .layer(axum::middleware::from_fn_with_state(
            Arc::clone(&app),
            plain_errors::as_json,
        ))
        .layer(axum::middleware::from_fn(log::refusals))
        .with_state(app)
}
