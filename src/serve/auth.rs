//! Who is asking. With a users file (`serve --users`), every page but the sign-in page wants a
//! signed-in person: a session cookie from the sign-in form (HttpOnly, SameSite=Strict, for
//! eight hours), or HTTP Basic for scripts. Failed sign-ins are slowed down and may lock a name
//! ([`throttle`](super::throttle), the users file's `[policy]`). A session is the account's,
//! not the name's: it ends when the account's password or rights change, or the account is
//! removed (even if one of the same name is added again). A request that changes something
//! must come from mokuhyo's own pages: its `Origin`, when it has one, is this server, and with
//! a session cookie it carries the session's CSRF token (`X-CSRF-Token`, or the `csrf` field
//! of a form).
//!
//! Without a users file the server listens on loopback only, and whoever is at this PC may do
//! everything.

use super::App;
use super::throttle::{Keys, SHORT_WAIT, Throttle};
use crate::serve::users::{Access, Lockouts, Users};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use base64::Engine;
use serde_json::json;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant, SystemTime};

/// The session cookie's name.
pub const COOKIE: &str = "mokuhyo_session";
/// How long a session lasts.
pub const SESSION: Duration = Duration::from_secs(8 * 60 * 60);

/// The person a request is from, and what they may change.
#[derive(Debug, Clone)]
pub struct Signed {
    pub name: String,
    pub access: Access,
    /// The session's CSRF token (pages put it in their forms and requests); `None` without
    /// a session.
    pub csrf: Option<String>,
    /// Signed in with an account (not the one person at this PC).
    pub account: bool,
    /// The account's session key when it signed in: its sessions are its while the key is.
    session_key: String,
}

impl Signed {
    /// Whoever is at this PC, when there are no accounts.
    pub fn anyone(name: &str) -> Self {
        Self {
            name: name.to_string(),
            access: Access::All,
            csrf: None,
            account: false,
            session_key: String::new(),
        }
    }

    pub fn may_change(&self, ward: &str, division: &str) -> bool {
        self.access.may_change(ward, division)
    }

    /// May change every division, and build volumes (the planning section).
    pub fn has_all(&self) -> bool {
        self.access == Access::All
    }
}

/// An open session: whose, with the account's key and rights when it was opened.
struct Session {
    name: String,
    session_key: String,
    access: Access,
    csrf: String,
    expires: Instant,
}

/// What came of a sign-in.
pub enum Attempt {
    Signed(Signed),
    /// A wrong name or password.
    Refused,
    /// Too many failures lately, by this name or from this address: try again after this.
    Wait(Duration),
    /// The name is locked (the users file's `[policy]`) for this long yet.
    Locked(Duration),
}

/// The users file as last read: when it changed on disk, and a digest of its text.
struct Cached {
    stamp: Option<Stamp>,
    digest: [u8; 32],
    users: Users,
    /// The file is missing or empty (0 bytes) while the server runs: said once, the last
    /// accounts kept.
    gone: bool,
}

/// What tells a file's change without reading it: its size and times, and on unix which file
/// it is (every write of the users file is a new file renamed into place).
#[derive(Clone, PartialEq)]
struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
    #[cfg(unix)]
    inode: (u64, u64, i64, i64),
}

impl Stamp {
    fn of(path: &Path) -> Option<Self> {
        let meta = std::fs::metadata(path).ok()?;
        Some(Self {
            len: meta.len(),
            modified: meta.modified().ok(),
            #[cfg(unix)]
            inode: {
                use std::os::unix::fs::MetadataExt;
                (meta.dev(), meta.ino(), meta.ctime(), meta.ctime_nsec())
            },
        })
    }

    /// Changed so lately that another change may yet come with the same times (file systems
    /// keep them to a second, or to a clock tick): the file is read again to be sure.
    fn fresh(&self) -> bool {
        self.modified
            .and_then(|m| m.elapsed().ok())
            .is_none_or(|age| age < Duration::from_secs(2))
    }
}

/// The accounts, the open sessions, and the recent failed sign-ins.
pub struct Accounts {
    path: PathBuf,
    /// Read again when the file changes (`mokuhyo user add` while the server runs); a file
    /// that cannot be read leaves the last accounts read.
    users: Mutex<Cached>,
    /// By the SHA-256 of their cookie: finding one takes no time that depends on how much of
    /// a guessed cookie is right.
    sessions: Mutex<HashMap<[u8; 32], Session>>,
    throttle: Throttle,
    /// When each name, from each address, last had its HTTP Basic sign-in logged.
    basic_logged: Mutex<HashMap<(String, String), Instant>>,
}

/// How often a sign-in by HTTP Basic of one name from one address is logged: a script sends
/// its password with every request, which would be a line each.
const BASIC_LOGGED_EVERY: Duration = Duration::from_secs(60 * 60);

fn locked<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

fn digest(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

impl Accounts {
    /// The accounts of the users file `path`; its warnings said on stderr.
    pub fn load(path: &Path) -> Result<Self, super::Error> {
        let stamp = Stamp::of(path);
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(source) => {
                let path = path.to_path_buf();
                return Err(super::Error::read(path, source));
            }
        };
        let (users, warnings) = Users::parse(path, &text)?;
        for warning in warnings {
            eprintln!("{warning}");
        }
        Ok(Self {
            path: path.to_path_buf(),
            users: Mutex::new(Cached {
                stamp,
                digest: digest(text.as_bytes()),
                users,
                gone: false,
            }),
            sessions: Mutex::default(),
            throttle: Throttle::default(),
            basic_logged: Mutex::default(),
        })
    }

    /// Whether the HTTP Basic sign-in of `name` from `from` is to be logged: the first of
    /// [`BASIC_LOGGED_EVERY`] only.
    fn basic_is_news(&self, name: &str, from: &str) -> bool {
        let now = Instant::now();
        let mut logged = locked(&self.basic_logged);
        logged.retain(|_, at| now.duration_since(*at) < BASIC_LOGGED_EVERY);
        // The hour counted from the line logged, not from the last request: a script at work
        // all day is logged once an hour.
        let key = (name.to_string(), from.to_string());
        let news = !logged.contains_key(&key);
        logged.entry(key).or_insert(now);
        news
    }

    pub fn is_empty(&self) -> bool {
        self.users().users.is_empty()
    }

    /// The account `name` as the users file has it now (its approval right and title).
    pub fn user(&self, name: &str) -> Option<super::users::User> {
        self.users().find(name).cloned()
    }

    /// The users file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn users(&self) -> Users {
        let mut cached = locked(&self.users);
        let stamp = Stamp::of(&self.path);
        if stamp != cached.stamp || stamp.as_ref().is_none_or(Stamp::fresh) {
            cached.stamp = stamp;
            self.read_again(&mut cached);
        }
        cached.users.clone()
    }

    /// The users file read again if its text changed; when it cannot be read, said once on
    /// stderr and the accounts read last kept.
    fn read_again(&self, cached: &mut Cached) {
        let text = match std::fs::read_to_string(&self.path) {
            // Deleted or emptied (a slip, a disk full): not "no accounts", which is a file
            // with its header and no user (`user remove` of the last one).
            Ok(text) if text.is_empty() => return self.gone(cached),
            Ok(text) => text,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return self.gone(cached),
            Err(source) => {
                let error = super::Error::read(self.path.clone(), source);
                tracing::warn!(
                    "{}",
                    crate::t!("serve-users-kept", error = error.to_string())
                );
                return;
            }
        };
        cached.gone = false;
        let now = digest(text.as_bytes());
        if now == cached.digest {
            return;
        }
        cached.digest = now;
        match Users::parse(&self.path, &text) {
            Ok((users, warnings)) => {
                for warning in warnings {
                    tracing::warn!("{warning}");
                }
                cached.users = users;
            }
            Err(error) => {
                tracing::warn!(
                    "{}",
                    crate::t!("serve-users-kept", error = error.to_string())
                );
            }
        }
    }

    /// The users file missing or empty: the accounts read last kept, said once.
    fn gone(&self, cached: &mut Cached) {
        if !cached.gone {
            // An id with its argument: worded by the log, in the server's language.
            tracing::warn!(path = %self.path.display(), "serve-users-gone");
        }
        cached.gone = true;
    }

    /// The account `name` with `password`. Slow (a hash): on a blocking thread. A failure is
    /// counted, and the name locked when the policy says so.
    fn verify(&self, name: &str, password: &str, keys: &Keys) -> Option<Signed> {
        let users = self.users();
        let Some(user) = users.verify(name, password) else {
            let failures = self.throttle.failed(keys);
            self.lock_if_due(&users, name, failures, keys);
            return None;
        };
        self.throttle.succeeded(keys);
        Some(Signed {
            name: user.name.clone(),
            access: user.access(),
            csrf: None,
            account: true,
            session_key: user.session_key.clone(),
        })
    }

    /// After the policy's number of failures in a row, the name locked for its minutes (in
    /// the lockout file beside the users file, where `mokuhyo user unlock` clears it).
    fn lock_if_due(&self, users: &Users, name: &str, failures: u32, keys: &Keys) {
        let policy = &users.policy;
        if policy.lockout_attempts == 0 || failures < policy.lockout_attempts {
            return;
        }
        let until = chrono::Utc::now() + chrono::Duration::minutes(policy.lockout_minutes.into());
        match Lockouts::lock(&self.path, name, until) {
            Ok(()) => self.throttle.forget_name(keys),
            Err(error) => tracing::warn!("{error}"),
        }
    }

    /// Why a sign-in is refused before its password is looked at: the name or the address
    /// must wait longer than `longest` (the waiting is in memory, looked at first), or the name
    /// is locked.
    fn refusal(&self, name: &str, keys: &Keys, longest: Duration) -> Option<Attempt> {
        let wait = self.throttle.wait(keys);
        if wait > longest {
            return Some(Attempt::Wait(wait));
        }
        self.locked_for(name).map(Attempt::Locked)
    }

    /// How long `name` is locked yet, if it is.
    fn locked_for(&self, name: &str) -> Option<Duration> {
        let until = Lockouts::load(&self.path).ok()?.until(name)?;
        (until - chrono::Utc::now()).to_std().ok()
    }

    /// A new session for `signed`: its cookie value.
    pub fn open(&self, signed: &Signed) -> Option<String> {
        let token = random_token()?;
        let csrf = random_token()?;
        let mut sessions = locked(&self.sessions);
        sessions.retain(|_, s| s.expires > Instant::now());
        sessions.insert(
            digest(token.as_bytes()),
            Session {
                name: signed.name.clone(),
                session_key: signed.session_key.clone(),
                access: signed.access.clone(),
                csrf,
                expires: Instant::now() + SESSION,
            },
        );
        Some(token)
    }

    pub fn close(&self, token: &str) {
        locked(&self.sessions).remove(&digest(token.as_bytes()));
    }

    /// The person of a session cookie, while the session lasts and the account is the one it
    /// was opened with: same session key (no new password, not removed and added again) and
    /// same rights.
    fn session(&self, token: &str) -> Option<Signed> {
        let (name, session_key, access, csrf) = {
            let sessions = locked(&self.sessions);
            let session =
                (sessions.get(&digest(token.as_bytes()))).filter(|s| s.expires > Instant::now())?;
            (
                session.name.clone(),
                session.session_key.clone(),
                session.access.clone(),
                session.csrf.clone(),
            )
        };
        let users = self.users();
        let user = users.find(&name)?;
        if user.session_key != session_key || user.access() != access {
            self.close(token);
            return None;
        }
        Some(Signed {
            name,
            access,
            csrf: Some(csrf),
            account: true,
            session_key,
        })
    }
}

/// A sign-in by name and password from the address `from`: refused at once while the name is
/// locked or the name or address has a wait longer than [`SHORT_WAIT`] (a shorter one is
/// waited out on a timer); the password checked when a hashing turn is free.
pub async fn attempt(app: &Arc<App>, name: String, password: String, from: &str) -> Attempt {
    let Some(accounts) = &app.accounts else {
        return Attempt::Refused;
    };
    let keys = Keys::new(&name, from);
    if let Some(refusal) = accounts.refusal(&name, &keys, SHORT_WAIT) {
        return refusal;
    }
    tokio::time::sleep(accounts.throttle.wait(&keys).min(SHORT_WAIT)).await;
    let Ok(_turn) = accounts.throttle.hashing.acquire().await else {
        return Attempt::Refused;
    };
    // Others failed, or locked the name, while this one waited: that counts too.
    if let Some(refusal) = accounts.refusal(&name, &keys, Duration::ZERO) {
        return refusal;
    }
    let work = Arc::clone(app);
    let signed = tokio::task::spawn_blocking(move || {
        let accounts = work.accounts.as_ref()?;
        accounts.verify(&name, &password, &keys)
    })
    .await
    .ok()
    .flatten();
    signed.map_or(Attempt::Refused, Attempt::Signed)
}

/// `a == b`, taking the same time wherever they differ (a secret compared with a guess).
fn same_secret(a: &[u8], b: &[u8]) -> bool {
    let differences = (a.iter().zip(b)).fold(0u8, |acc, (x, y)| acc | (x ^ y));
    a.len() == b.len() && std::hint::black_box(differences) == 0
}

/// 32 random bytes as hex.
fn random_token() -> Option<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).ok()?;
    Some(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// `Retry-After`'s value for `wait`: whole seconds, rounded up, at least one.
pub fn retry_after(wait: Duration) -> String {
    wait.as_secs_f64().ceil().max(1.0).to_string()
}

/// What to say of a sign-in that must wait, and for how many seconds.
pub fn wait_message(app: &App, attempt: &Attempt) -> Option<(String, Duration)> {
    let (id, wait) = match attempt {
        Attempt::Wait(wait) => ("web-sign-in-wait", *wait),
        Attempt::Locked(left) => ("web-sign-in-locked", *left),
        Attempt::Signed(_) | Attempt::Refused => return None,
    };
    let seconds = wait.as_secs_f64().ceil().max(1.0) as u64;
    let minutes = seconds.div_ceil(60);
    let args = [("seconds", seconds.into()), ("minutes", minutes.into())];
    Some((crate::locale::text_in(app.lang, id, &args), wait))
}

/// The value of the cookie `name`.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// The name and password of an `Authorization: Basic` header.
fn basic(headers: &HeaderMap) -> Option<(String, String)> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, encoded) = value.split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .ok()?;
    let text = String::from_utf8(decoded).ok()?;
    let (name, password) = text.split_once(':')?;
    Some((name.to_string(), password.to_string()))
}

/// Whether a request's `Origin`, if it has one, is this server: one of its own names
/// ([`Hosts`](super::host::Hosts)), by the scheme it serves (`https` with TLS, else `http`).
fn same_origin(headers: &HeaderMap, hosts: &super::host::Hosts, tls: bool) -> bool {
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return true;
    };
    let scheme = if tls { "https" } else { "http" };
    let sent_scheme = origin.split_once("://").map(|(scheme, _)| scheme);
    let origin_host = super::host::of_origin(origin);
    sent_scheme.is_some_and(|sent| sent.eq_ignore_ascii_case(scheme))
        && origin_host.is_some_and(|host| hosts.allows(host))
}

/// The address a request came from, for counting failures.
pub fn from(request: &Request) -> String {
    request
        .extensions()
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|c| c.0.ip().to_string())
        .unwrap_or_default()
}

/// 429 with `Retry-After` and what to do, in the server's language.
fn too_many(app: &App, attempt: &Attempt) -> Response {
    let Some((message, wait)) = wait_message(app, attempt) else {
        return refused(StatusCode::UNAUTHORIZED, app, "web-sign-in-needed");
    };
    let mut response = (
        StatusCode::TOO_MANY_REQUESTS,
        axum::Json(json!({ "message": message })),
    )
        .into_response();
    if let Ok(value) = header::HeaderValue::from_str(&retry_after(wait)) {
        response.headers_mut().insert(header::RETRY_AFTER, value);
    }
    response
}

fn refused(status: StatusCode, app: &App, id: &str) -> Response {
    let message = crate::locale::text_in(app.lang, id, &[]);
    let mut response = (status, axum::Json(json!({ "message": message }))).into_response();
    if status == StatusCode::UNAUTHORIZED {
        response.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            header::HeaderValue::from_static("Basic realm=\"mokuhyo\", charset=\"UTF-8\""),
        );
    }
    response
}

/// The guard every request passes: it finds who is asking, refuses who may not, and puts a
/// [`Signed`] in the request for the handlers.
pub async fn guard(State(app): State<Arc<App>>, mut request: Request, next: Next) -> Response {
    let unsafe_method = !matches!(*request.method(), Method::GET | Method::HEAD);
    if unsafe_method && !same_origin(request.headers(), &app.hosts, app.tls) {
        return refused(StatusCode::FORBIDDEN, &app, "web-other-origin");
    }
    let path = request.uri().path();
    let public = path == "/signin" || path.starts_with("/assets/");
    let Some(accounts) = &app.accounts else {
        let anyone = Signed::anyone(&crate::locale::text_in(app.lang, "web-this-pc", &[]));
        request.extensions_mut().insert(anyone);
        return next.run(request).await;
    };
    if public {
        return next.run(request).await;
    }
    let from_session = cookie(request.headers(), COOKIE).and_then(|t| accounts.session(t));
    let signed = match from_session {
        Some(signed) => {
            if unsafe_method && !csrf_matches(&request, &signed) {
                return refused(StatusCode::FORBIDDEN, &app, "web-csrf");
            }
            Some(signed)
        }
        None => match basic(request.headers()) {
            Some((name, password)) => {
                let address = from(&request);
                let who = name.clone();
                let attempt = attempt(&app, name, password, &address).await;
                logged(&attempt, &who, &address, accounts);
                match attempt {
                    Attempt::Signed(signed) => Some(signed),
                    Attempt::Refused => None,
                    waiting => return too_many(&app, &waiting),
                }
            }
            None => None,
        },
    };
    let Some(signed) = signed else {
        let page = request.method() == Method::GET && !path.starts_with("/api/");
        if page {
            let next =
                percent_encoding::utf8_percent_encode(path, percent_encoding::NON_ALPHANUMERIC);
            return axum::response::Redirect::to(&format!("/signin?next={next}")).into_response();
        }
        return refused(StatusCode::UNAUTHORIZED, &app, "web-sign-in-needed");
    };
    request.extensions_mut().insert(signed);
    next.run(request).await
}

/// Whether a request made with a session carries its CSRF token: in `X-CSRF-Token` (the
/// pages' script sends it), or, for the sign-out form (`POST /signout`) only, in the query.
fn csrf_matches(request: &Request, signed: &Signed) -> bool {
    let Some(csrf) = &signed.csrf else {
        return false;
    };
    let header = request
        .headers()
        .get("x-csrf-token")
        .and_then(|v| v.to_str().ok());
    // In the query only for the sign-out form: a token in a URL ends up in logs and history.
    let signing_out = request.method() == Method::POST && request.uri().path() == "/signout";
    let query = (request.uri().query().unwrap_or("").split('&'))
        .find_map(|pair| pair.strip_prefix("csrf="))
        .filter(|_| signing_out);
    let sent =
        |value: Option<&str>| value.is_some_and(|v| same_secret(v.as_bytes(), csrf.as_bytes()));
    // Both looked at, so that the time taken does not tell which was tried.
    sent(header) | sent(query)
}

/// Logs a sign-in (in the operations log, [`super::log`]), done or failed, with the name given and the address it came from.
pub(super) fn sign_in(done: bool, name: &str, from: impl std::fmt::Display) {
    if done {
        tracing::info!(who = name, from = %from, "log-signed-in");
    } else {
        tracing::warn!(who = name, from = %from, "log-sign-in-failed");
    }
}

/// Logs a sign-in through HTTP Basic: done (once an hour by name and address), failed, or put
/// off (the name or address must wait, the name is locked: the password was not looked at, so
/// no failure).
fn logged(attempt: &Attempt, name: &str, from: &str, accounts: &Accounts) {
    match attempt {
        Attempt::Signed(_) => {
            if accounts.basic_is_news(name, from) {
                sign_in(true, name, from);
            }
        }
        Attempt::Refused => sign_in(false, name, from),
        _ => tracing::warn!(who = name, from, "log-sign-in-waiting"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies_and_basic_are_read_as_sent() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            "a=1; mokuhyo_session=abc; b=2".parse().unwrap(),
        );
        assert_eq!(cookie(&headers, COOKIE), Some("abc"));
        assert_eq!(cookie(&headers, "c"), None);
        let encoded = base64::engine::general_purpose::STANDARD.encode("地域:pass:word");
        headers.insert(
            header::AUTHORIZATION,
            format!("Basic {encoded}").parse().unwrap(),
        );
        assert_eq!(basic(&headers), Some(("地域".into(), "pass:word".into())));
    }

    #[test]
    fn another_sites_request_is_not_this_servers() {
        let hosts = crate::serve::host::Hosts::new("127.0.0.1:8080".parse().unwrap(), &[]);
        let mut headers = HeaderMap::new();
        headers.insert(header::HOST, "127.0.0.1:8080".parse().unwrap());
        assert!(same_origin(&headers, &hosts, false), "no Origin: a script");
        headers.insert(header::ORIGIN, "http://127.0.0.1:8080".parse().unwrap());
        assert!(same_origin(&headers, &hosts, false));
        headers.insert(header::ORIGIN, "http://evil.example".parse().unwrap());
        assert!(!same_origin(&headers, &hosts, false));
        // Sent to the other site's name, from its page: not this server either.
        headers.insert(header::HOST, "evil.example:8080".parse().unwrap());
        headers.insert(header::ORIGIN, "http://evil.example:8080".parse().unwrap());
        assert!(!same_origin(&headers, &hosts, false));
    }

    #[test]
    fn secrets_are_the_same_only_when_every_byte_is() {
        assert!(same_secret(b"abcdef", b"abcdef"));
        assert!(!same_secret(b"abcdef", b"abcdeg"));
        assert!(!same_secret(b"abcdef", b"xbcdef"));
        assert!(!same_secret(b"abcdef", b"abcde"));
        assert!(!same_secret(b"", b"a"));
    }
}
