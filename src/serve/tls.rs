//! HTTPS (`--tls-cert`, `--tls-key`): the PEM files read first, to say which is wrong in our
//! own words (rustls says only "invalid"), and plain HTTP sent to the HTTPS port answered with
//! a page that says to use `https://` (a browser otherwise shows only "the connection was
//! reset").

use crate::locale::{Lang, text_in};
use axum_server::accept::Accept;
use fluent_bundle::FluentValue;
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, PrivateKeyDer};
use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Why the certificate and key files cannot serve HTTPS: data, put in words by
/// [`TlsFault::message`] only where it is shown.
#[derive(Debug)]
pub enum TlsFault {
    /// A file that cannot be read at all.
    Unreadable { path: PathBuf, source: io::Error },
    /// No `BEGIN CERTIFICATE` in the certificate file.
    NoCertificate { file: PathBuf },
    /// The key is encrypted with a passphrase, which a server has nobody to ask for.
    KeyEncrypted { file: PathBuf },
    /// No private key in the key file.
    NoKey { file: PathBuf },
    /// The key is not the certificate's (a certificate renewed with a new key).
    KeyMismatch { key: PathBuf, cert: PathBuf },
    /// What rustls refused after our own checks, as it says it.
    Refused(io::Error),
}

impl TlsFault {
    /// The fault in the chosen language's words.
    pub fn message(&self) -> String {
        let shown = |path: &Path| FluentValue::from(crate::output::shown(path));
        match self {
            TlsFault::Unreadable { path, source } => {
                let reason = crate::locale::io_reason(source);
                crate::t!("error-read", path = shown(path), reason = reason)
            }
            TlsFault::NoCertificate { file } => crate::t!("tls-no-certificate", file = shown(file)),
            TlsFault::KeyEncrypted { file } => crate::t!("tls-key-encrypted", file = shown(file)),
            TlsFault::NoKey { file } => crate::t!("tls-no-key", file = shown(file)),
            TlsFault::KeyMismatch { key, cert } => {
                crate::t!("tls-key-mismatch", key = shown(key), cert = shown(cert))
            }
            TlsFault::Refused(error) => crate::locale::io_reason(error),
        }
    }
}

/// What is wrong with the certificate file `cert` or the key file `key`; `Ok` when each holds
/// what it should and the key is the certificate's.
pub fn check(cert: &Path, key: &Path) -> Result<(), TlsFault> {
    let read = |path: &Path| {
        std::fs::read(path).map_err(|source| TlsFault::Unreadable {
            path: path.to_path_buf(),
            source,
        })
    };
    let certificate = read(cert)?;
    if !CertificateDer::pem_slice_iter(&certificate).any(|c| c.is_ok()) {
        return Err(TlsFault::NoCertificate { file: cert.into() });
    }
    let private = read(key)?;
    let text = String::from_utf8_lossy(&private);
    // PKCS#8 encrypted (`ENCRYPTED PRIVATE KEY`), or the old OpenSSL way (`Proc-Type:
    // 4,ENCRYPTED` in a `RSA PRIVATE KEY`): the server has nobody to ask for the passphrase.
    if text.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----") || text.contains("4,ENCRYPTED") {
        return Err(TlsFault::KeyEncrypted { file: key.into() });
    }
    let Ok(private) = PrivateKeyDer::from_pem_slice(&private) else {
        return Err(TlsFault::NoKey { file: key.into() });
    };
    if is_another_certificates(&certificate, private) {
        return Err(TlsFault::KeyMismatch {
            key: key.into(),
            cert: cert.into(),
        });
    }
    Ok(())
}

/// Whether the key `private` is that of another certificate than the first of `certificate`
/// (a certificate renewed with a new key, and the old key kept): rustls would say only
/// "keys may not be consistent: KeyMismatch". A key it cannot judge is left to rustls.
fn is_another_certificates(certificate: &[u8], private: PrivateKeyDer<'static>) -> bool {
    use rustls::{Error, InconsistentKeys};
    let chain: Vec<CertificateDer<'static>> = CertificateDer::pem_slice_iter(certificate)
        .filter_map(Result::ok)
        .collect();
    let provider = rustls::crypto::ring::default_provider();
    matches!(
        rustls::sign::CertifiedKey::from_der(chain, private, &provider),
        Err(Error::InconsistentKeys(InconsistentKeys::KeyMismatch))
    )
}

/// The first byte of every TLS connection: a handshake record.
const HANDSHAKE: u8 = 0x16;

/// Before the TLS handshake: a connection that starts with anything else (plain HTTP) is
/// answered in plain HTTP, 400 with a sentence that says to open the `https://` address, and
/// closed.
#[derive(Debug, Clone, Copy)]
pub struct PlainRefused {
    pub lang: Lang,
    /// The address listened on, for the sentence when the connection's own is unknown.
    pub addr: Option<SocketAddr>,
}

type Accepted<S> = Pin<Box<dyn Future<Output = io::Result<(TcpStream, S)>> + Send>>;

impl<S: Send + 'static> Accept<TcpStream, S> for PlainRefused {
    type Stream = TcpStream;
    type Service = S;
    type Future = Accepted<S>;

    fn accept(&self, stream: TcpStream, service: S) -> Self::Future {
        let this = *self;
        Box::pin(async move {
            let mut first = [0u8; 1];
            // A connection that says nothing is let go as the handshake would be.
            let peeked = tokio::time::timeout(Duration::from_secs(10), stream.peek(&mut first))
                .await
                .map_err(|_| io::Error::from(io::ErrorKind::TimedOut))??;
            if peeked == 1 && first[0] != HANDSHAKE {
                this.answer(stream).await;
                return Err(io::Error::new(io::ErrorKind::InvalidData, "plain HTTP"));
            }
            Ok((stream, service))
        })
    }
}

impl PlainRefused {
    async fn answer(self, mut stream: TcpStream) {
        let addr = stream.local_addr().ok().or(self.addr);
        let url = addr.map_or_else(String::new, |a| format!("https://{a}/"));
        let message = text_in(self.lang, "web-use-https", &[("url", url.as_str().into())]);
        let response = format!(
            "HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain; charset=utf-8\r\n\
             Content-Length: {}\r\nConnection: close\r\n\r\n{message}",
            message.len()
        );
        // The request read first (its head, a little of it): a socket closed with unread bytes
        // is reset, and the client would see the reset instead of the answer.
        let mut head = [0u8; 8192];
        let _ = tokio::time::timeout(Duration::from_secs(2), stream.read(&mut head)).await;
        let _ = stream.write_all(response.as_bytes()).await;
        let _ = stream.shutdown().await;
    }
}
