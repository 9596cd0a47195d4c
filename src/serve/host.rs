//! The names the server answers to. A page of another site can make a browser send requests
//! to this server under the site's own name (DNS rebinding: `evil.example` made to resolve to
//! 127.0.0.1), and the browser then treats the server's answers as that site's. Such a request
//! carries the other name in its `Host`: every request whose `Host` is not one of the server's
//! own names is refused with **421** before anything else looks at it.
//!
//! The server's own names: the address it listens on, `localhost` and the loopback addresses,
//! the machine's name, and, listening on every interface (`0.0.0.0`, `::`), the addresses of
//! the machine's interfaces (as they are when asked: DHCP may change them); and the names
//! given with `--host` (a DNS name of the server, a reverse proxy's). With a port, it is the
//! port listened on.

use super::App;
use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

/// The names and addresses a request's `Host` may give.
#[derive(Debug, Clone)]
pub struct Hosts {
    /// Lower case, without a trailing dot.
    names: Vec<String>,
    addresses: Vec<IpAddr>,
    /// Listening on every interface: an address an interface has now is the server's too.
    every_interface: bool,
    port: u16,
}

impl Hosts {
    /// The names of a server listening on `listen` (the address bound, its port the one
    /// given), with the names given by `--host`.
    pub fn new(listen: SocketAddr, given: &[String]) -> Self {
        let mut names = vec!["localhost".to_string()];
        let machine = gethostname::gethostname().to_string_lossy().to_lowercase();
        if !machine.is_empty() {
            // `pc01.ward.local` is also reached as `pc01`.
            let short = machine.split('.').next().unwrap_or_default().to_string();
            names.extend([machine, short]);
        }
        names.extend(given.iter().map(|name| normal(name)));
        let every_interface = listen.ip().is_unspecified();
        let mut addresses = vec![listen.ip()];
        if every_interface {
            addresses.extend(interface_addresses());
        }
        Self {
            names,
            addresses,
            every_interface,
            port: listen.port(),
        }
    }

    /// Whether `authority` (a `Host` header: `name`, `name:port`, `[::1]:port`) is this
    /// server.
    pub fn allows(&self, authority: &str) -> bool {
        let Some((host, port)) = split(authority) else {
            return false;
        };
        if port.is_some_and(|port| port != self.port) {
            return false;
        }
        match host.parse::<IpAddr>() {
            Ok(ip) => {
                ip.is_loopback()
                    || self.addresses.contains(&ip)
                    // An address given since the start (DHCP, a new network).
                    || (self.every_interface && interface_addresses().contains(&ip))
            }
            Err(_) => self.names.contains(&normal(host)),
        }
    }
}

/// The addresses colleagues open, for a server listening on `listen` with `scheme`: on
/// every interface (`0.0.0.0`, `::`), the machine's name and each address of its network
/// interfaces (loopback and link-local left out: no other PC reaches them; IPv6 only when
/// listening on `::`); on one address, that address.
pub fn colleague_urls(listen: SocketAddr, scheme: &str) -> Vec<String> {
    let port = listen.port();
    if !listen.ip().is_unspecified() {
        return vec![format!("{scheme}://{listen}/")];
    }
    let mut urls = Vec::new();
    let machine = gethostname::gethostname().to_string_lossy().into_owned();
    if !machine.is_empty() {
        urls.push(format!("{scheme}://{machine}:{port}/"));
    }
    let reachable = |ip: &IpAddr| match ip {
        IpAddr::V4(v4) => !v4.is_loopback() && !v4.is_link_local(),
        IpAddr::V6(v6) => {
            listen.is_ipv6() && !v6.is_loopback() && (v6.segments()[0] & 0xffc0) != 0xfe80
        }
    };
    for ip in interface_addresses().iter().filter(|ip| reachable(ip)) {
        let url = format!("{scheme}://{}/", SocketAddr::new(*ip, port));
        if !urls.contains(&url) {
            urls.push(url);
        }
    }
    urls
}

/// The addresses of the machine's interfaces now.
fn interface_addresses() -> Vec<IpAddr> {
    let interfaces = if_addrs::get_if_addrs().unwrap_or_default();
    interfaces.iter().map(|interface| interface.ip()).collect()
}

fn normal(name: &str) -> String {
    name.trim().trim_end_matches('.').to_lowercase()
}

/// The host and the port of an authority; `None` when it is none.
fn split(authority: &str) -> Option<(&str, Option<u16>)> {
    let (host, port) = match authority.strip_prefix('[') {
        Some(bracketed) => {
            let (host, rest) = bracketed.split_once(']')?;
            (host, rest.strip_prefix(':'))
        }
        None => match authority.rsplit_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        },
    };
    if host.is_empty() {
        return None;
    }
    let port = match port {
        Some(port) => Some(port.parse().ok()?),
        None => None,
    };
    Some((host, port))
}

/// The host of an `Origin` header (`http://name:port`), as a `Host` header gives it.
pub fn of_origin(origin: &str) -> Option<&str> {
    let (_, rest) = origin.split_once("://")?;
    Some(rest.trim_end_matches('/'))
}

/// The check every request passes first: a `Host` (or an absolute URL's authority) that is
/// not this server is answered 421, whatever the method and path; two `Host`s, 400.
pub async fn check(State(app): State<Arc<App>>, request: Request, next: Next) -> Response {
    // Two `Host`s: which one a proxy or the server looked at is anyone's guess.
    if request.headers().get_all(header::HOST).iter().count() > 1 {
        return super::http::refusal(StatusCode::BAD_REQUEST, app.lang, "web-bad-request");
    }
    let authority = match request.uri().authority() {
        Some(authority) => Some(authority.as_str()),
        None => (request.headers().get(header::HOST)).and_then(|v| v.to_str().ok()),
    };
    if authority.is_some_and(|a| app.hosts.allows(a)) {
        return next.run(request).await;
    }
    super::http::refusal(StatusCode::MISDIRECTED_REQUEST, app.lang, "web-other-host")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_servers_own_names_are_answered() {
        let hosts = Hosts::new(
            "127.0.0.1:8080".parse().unwrap(),
            &["Mokuhyo.Ward.Local".into()],
        );
        for host in [
            "127.0.0.1:8080",
            "127.0.0.1",
            "127.1.2.3:8080",
            "localhost:8080",
            "LOCALHOST.",
            "[::1]:8080",
            "mokuhyo.ward.local:8080",
        ] {
            assert!(hosts.allows(host), "{host}");
        }
        for host in [
            "evil.example:8080",
            "evil.example",
            "127.0.0.1:8081",
            "localhost:80",
            "192.0.2.1:8080",
            "[::1",
            ":8080",
            "localhost:port",
            "",
        ] {
            assert!(!hosts.allows(host), "{host}");
        }
        assert_eq!(of_origin("http://127.0.0.1:8080"), Some("127.0.0.1:8080"));
        // On every interface: each of the machine's addresses.
        let hosts = Hosts::new("0.0.0.0:8080".parse().unwrap(), &[]);
        for ip in interface_addresses() {
            let host = match ip {
                IpAddr::V4(ip) => format!("{ip}:8080"),
                IpAddr::V6(ip) => format!("[{ip}]:8080"),
            };
            assert!(hosts.allows(&host), "{host}");
        }
        assert!(
            !hosts.allows("192.0.2.1:8080"),
            "an address of none of them"
        );
        assert_eq!(of_origin("null"), None);
    }
}
