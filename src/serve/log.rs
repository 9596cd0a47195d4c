//! The operations log: what an administrator reads to know who did what, and what was
//! refused. Every sign-in (done or failed), every save and restore, every file changed outside
//! the browser (an editor, `import`), and every refusal (403, 409, 412, 413, 421, 428, 429),
//! one line each, on stderr and appended to the log file (`--log`, else [`FILE`] in the
//! sheets folder). The file is only ever appended to: offices keep operation logs for years.
//!
//! The places that do something say so with `tracing` events whose message is a catalogue id
//! (`log-saved`) and whose fields are its arguments; [`Log`] turns them into words in the
//! server's language, where they are written.

use super::auth::Signed;
use crate::locale::{Arg, Lang};
use axum::extract::Request;
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::Response;
use fluent_bundle::FluentValue;
use std::io::Write;
use std::path::PathBuf;
use tracing::field::{Field, Visit};
use tracing::span;
use tracing::{Event, Level, Metadata};

/// The log's file name, in the sheets folder, when `--log` gives none.
pub const FILE: &str = ".mokuhyo-serve.log";

/// The refusals an administrator wants to see. Not 401: it is the everyday answer before a
/// sign-in, and a failed sign-in has its own line.
const REFUSALS: [StatusCode; 7] = [
    StatusCode::FORBIDDEN,
    StatusCode::CONFLICT,
    StatusCode::PRECONDITION_FAILED,
    StatusCode::MISDIRECTED_REQUEST,
    StatusCode::PRECONDITION_REQUIRED,
    StatusCode::TOO_MANY_REQUESTS,
    StatusCode::PAYLOAD_TOO_LARGE,
];

/// A server's log: its file and its language. A `tracing` subscriber for mokuhyo's own
/// events.
pub struct Log {
    file: PathBuf,
    lang: Lang,
}

impl Log {
    pub fn new(file: PathBuf, lang: Lang) -> Self {
        Self { file, lang }
    }

    /// One line: the time, the severity (warnings and errors), the words.
    fn line(&self, level: Level, words: &str) -> String {
        let severity = match level {
            Level::ERROR => Some("severity-error"),
            Level::WARN => Some("severity-warning"),
            _ => None,
        };
        let severity = severity
            .map(|id| format!("{}: ", crate::locale::text_in(self.lang, id, &[])))
            .unwrap_or_default();
        // One event, one line, whatever its arguments hold.
        let words = words.replace(['\r', '\n'], " ");
        format!("{} {severity}{words}\n", super::history::now())
    }

    fn write(&self, line: &str) {
        crate::console::write_stderr(line);
        let appended = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.file)
            .and_then(|mut file| file.write_all(line.as_bytes()));
        if let Err(err) = appended {
            let words = crate::locale::with(self.lang, || {
                super::Error::write(&self.file, err).to_string()
            });
            crate::console::write_stderr(&self.line(Level::WARN, &words));
        }
    }
}

/// An event's message (a catalogue id) and its other fields (the message's arguments).
#[derive(Default)]
struct Fields {
    message: String,
    args: Vec<(&'static str, String)>,
}

impl Visit for Fields {
    fn record_str(&mut self, field: &Field, value: &str) {
        self.record(field, value.to_string());
    }

    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.record(field, format!("{value:?}"));
    }
}

impl Fields {
    fn record(&mut self, field: &Field, value: String) {
        if field.name() == "message" {
            self.message = value;
        } else {
            self.args.push((field.name(), value));
        }
    }

    /// The words in `lang`: the catalogue's message with its arguments, or the message as it
    /// is when it is no id of the catalogue.
    fn words(&self, lang: Lang) -> String {
        if !crate::locale::has(lang, &self.message) {
            return self.message.clone();
        }
        let args: Vec<Arg> = (self.args.iter())
            .map(|(name, value)| (*name, FluentValue::from(value.as_str())))
            .collect();
        crate::locale::text_in(lang, &self.message, &args)
    }
}

impl tracing::Subscriber for Log {
    fn enabled(&self, metadata: &Metadata<'_>) -> bool {
        metadata.target().starts_with("mokuhyo") && metadata.is_event()
    }

    fn new_span(&self, _: &span::Attributes<'_>) -> span::Id {
        span::Id::from_u64(1)
    }

    fn record(&self, _: &span::Id, _: &span::Record<'_>) {}

    fn record_follows_from(&self, _: &span::Id, _: &span::Id) {}

    fn event(&self, event: &Event<'_>) {
        let mut fields = Fields::default();
        event.record(&mut fields);
        let line = self.line(*event.metadata().level(), &fields.words(self.lang));
        self.write(&line);
    }

    fn enter(&self, _: &span::Id) {}

    fn exit(&self, _: &span::Id) {}
}

/// Makes `dispatch` the log of this thread, for as long as the thread lives (a thread of a
/// server's runtime).
pub fn attach(dispatch: &tracing::Dispatch) {
    std::mem::forget(tracing::dispatcher::set_default(dispatch));
}

/// Who a request was from, carried from the request (where [`super::auth::guard`] put it) to
/// its answer, for [`refusals`].
pub async fn carry_signed(request: Request, next: Next) -> Response {
    let signed = request.extensions().get::<Signed>().cloned();
    let mut response = next.run(request).await;
    if let Some(signed) = signed {
        response.extensions_mut().insert(signed);
    }
    response
}

/// Logs every refusal: its status, method, path, who (when known) and address.
pub async fn refusals(request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let path = request.uri().path().to_string();
    let from = super::auth::from(&request);
    let response = next.run(request).await;
    let status = response.status();
    if REFUSALS.contains(&status) {
        let who = (response.extensions().get::<Signed>()).map_or("-", |s| s.name.as_str());
        tracing::warn!(
            status = status.as_u16(),
            method = %method,
            path = %percent_encoding::percent_decode_str(&path).decode_utf8_lossy(),
            who,
            from = %from,
            "log-refused"
        );
    }
    response
}
