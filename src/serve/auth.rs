//! Who is asking. With a users file (`serve --users`), every page but the sign-in page wants a
//! signed-in person: a session cookie from the sign-in form (HttpOnly, SameSite=Strict, for
//! eight hours), or HTTP Basic for scripts. Wrong names or passwords are answered more slowly
//! each time. A request that changes something must come from mokuhyo's own pages: its
//! `Origin`, when it has one, is this server, and with a session cookie it carries the session's
//! CSRF token (`X-CSRF-Token`, or the `csrf` field of a form).
//!
//! Without a users file the server listens on loopback only, and whoever is at this PC may do
//! everything.

use super::App;
use crate::users::{Access, Users};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use base64::Engine;
use serde_json::json;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
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
}

impl Signed {
    /// Whoever is at this PC, when there are no accounts.
    pub fn anyone(name: &str) -> Self {
        Self {
            name: name.to_string(),
            access: Access::All,
            csrf: None,
            account: false,
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

struct Session {
    name: String,
    csrf: String,
    expires: Instant,
}

/// The accounts, the open sessions, and the recent failed sign-ins.
pub struct Accounts {
    path: PathBuf,
    /// The users file as last read, with its modification time: read again when it changes
    /// (`mokuhyo user add` while the server runs).
    users: Mutex<(Option<SystemTime>, Users)>,
    sessions: Mutex<HashMap<String, Session>>,
    /// Failed sign-ins by name and by address: how many, and when the last was.
    failures: Mutex<HashMap<String, (u32, Instant)>>,
}

impl Accounts {
    pub fn load(path: &Path) -> Result<Self, crate::error::Error> {
        let users = Users::load(path)?;
        Ok(Self {
            path: path.to_path_buf(),
            users: Mutex::new((modified(path), users)),
            sessions: Mutex::default(),
            failures: Mutex::default(),
        })
    }

    pub fn is_empty(&self) -> bool {
        self.users().users.is_empty()
    }

    fn users(&self) -> Users {
        let mut cached = self.users.lock().unwrap_or_else(|e| e.into_inner());
        let now = modified(&self.path);
        if now != cached.0
            && let Ok(users) = Users::load(&self.path)
        {
            *cached = (now, users);
        }
        cached.1.clone()
    }

    /// The account `name` with `password`, after the wait its earlier failures call for; a
    /// failure is counted against the name and the address. Slow (a hash): on a blocking thread.
    pub fn verify(&self, name: &str, password: &str, from: &str) -> Option<Signed> {
        let keys = [format!("name:{name}"), format!("from:{from}")];
        std::thread::sleep(self.delay(&keys));
        let users = self.users();
        match users.verify(name, password) {
            Some(user) => {
                let mut failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
                failures.remove(&keys[0]);
                Some(Signed {
                    name: user.name.clone(),
                    access: user.access(),
                    csrf: None,
                    account: true,
                })
            }
            None => {
                let mut failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
                for key in keys {
                    let entry = failures.entry(key).or_insert((0, Instant::now()));
                    *entry = (entry.0 + 1, Instant::now());
                }
                None
            }
        }
    }

    /// Half a second after the third failure in a row, doubling with each one more, at most
    /// ten seconds; forgotten a quarter of an hour after the last.
    fn delay(&self, keys: &[String]) -> Duration {
        let mut failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        failures.retain(|_, (_, last)| last.elapsed() < Duration::from_secs(15 * 60));
        let count = (keys.iter())
            .filter_map(|k| failures.get(k).map(|(n, _)| *n))
            .max()
            .unwrap_or(0);
        match count {
            0..=2 => Duration::ZERO,
            n => Duration::from_millis(500u64 << (n - 3).min(5)).min(Duration::from_secs(10)),
        }
    }

    /// A new session for `signed`: its cookie value.
    pub fn open(&self, signed: &Signed) -> Option<String> {
        let token = random_token()?;
        let csrf = random_token()?;
        let mut sessions = self.sessions.lock().unwrap_or_else(|e| e.into_inner());
        sessions.retain(|_, s| s.expires > Instant::now());
        sessions.insert(
            token.clone(),
            Session {
                name: signed.name.clone(),
                csrf,
                expires: Instant::now() + SESSION,
            },
        );
        Some(token)
    }

    pub fn close(&self, token: &str) {
        let mut sessions = self.sessions.lock().unwrap_or_else(|e| e.into_inner());
        sessions.remove(token);
    }

    /// The person of a session cookie, while the session lasts and the account is there.
    fn session(&self, token: &str) -> Option<Signed> {
        let (name, csrf) = {
            let sessions = self.sessions.lock().unwrap_or_else(|e| e.into_inner());
            let session = sessions.get(token).filter(|s| s.expires > Instant::now())?;
            (session.name.clone(), session.csrf.clone())
        };
        let users = self.users();
        let user = users.find(&name)?;
        Some(Signed {
            name,
            access: user.access(),
            csrf: Some(csrf),
            account: true,
        })
    }
}

fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// 32 random bytes as hex.
fn random_token() -> Option<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).ok()?;
    Some(bytes.iter().map(|b| format!("{b:02x}")).collect())
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
/// ([`Hosts`](super::host::Hosts)), and the `Host` the request was sent to.
fn same_origin(headers: &HeaderMap, hosts: &super::host::Hosts) -> bool {
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return true;
    };
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    let origin_host = super::host::of_origin(origin);
    matches!((origin_host, host), (Some(o), Some(h)) if o == h && hosts.allows(o))
}

/// The address a request came from, for counting failures.
pub fn from(request: &Request) -> String {
    request
        .extensions()
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|c| c.0.ip().to_string())
        .unwrap_or_default()
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
    if unsafe_method && !same_origin(request.headers(), &app.hosts) {
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
                let (work, who, at) = (Arc::clone(&app), name.clone(), address.clone());
                let signed = tokio::task::spawn_blocking(move || {
                    let accounts = work.accounts.as_ref()?;
                    accounts.verify(&name, &password, &address)
                })
                .await
                .ok()
                .flatten();
                super::log::sign_in(signed.is_some(), &who, at);
                signed
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
/// pages' script sends it), or, for the sign-out form, in the query.
fn csrf_matches(request: &Request, signed: &Signed) -> bool {
    let Some(csrf) = &signed.csrf else {
        return false;
    };
    let header = request
        .headers()
        .get("x-csrf-token")
        .and_then(|v| v.to_str().ok());
    let query = (request.uri().query().unwrap_or("").split('&'))
        .find_map(|pair| pair.strip_prefix("csrf="));
    header == Some(csrf.as_str()) || query == Some(csrf.as_str())
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
        assert!(same_origin(&headers, &hosts), "no Origin: a script");
        headers.insert(header::ORIGIN, "http://127.0.0.1:8080".parse().unwrap());
        assert!(same_origin(&headers, &hosts));
        headers.insert(header::ORIGIN, "http://evil.example".parse().unwrap());
        assert!(!same_origin(&headers, &hosts));
        // Sent to the other site's name, from its page: not this server either.
        headers.insert(header::HOST, "evil.example:8080".parse().unwrap());
        headers.insert(header::ORIGIN, "http://evil.example:8080".parse().unwrap());
        assert!(!same_origin(&headers, &hosts));
    }
}
