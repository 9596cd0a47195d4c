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
use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::{Duration, Instant};
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

/// The lines anyone who reaches the port can cause (refusals, failed sign-ins): at most
/// [`PER_MINUTE`] a minute from one address, so that no one fills the disk through the log.
const FROM_ANYONE: [&str; 3] = ["log-refused", "log-sign-in-failed", "log-sign-in-waiting"];
const PER_MINUTE: u32 = 30;
const MINUTE: Duration = Duration::from_secs(60);
/// The most of an argument (a path, a name given) a line holds, in characters.
const ARGUMENT_CHARS: usize = 200;

/// A server's log: its file and its language. A `tracing` subscriber for mokuhyo's own
/// events.
pub struct Log {
    file: PathBuf,
    lang: Lang,
    flood: Flood,
}

impl Log {
    pub fn new(file: PathBuf, lang: Lang) -> Self {
        let flood = Flood::default();
        Self { file, lang, flood }
    }

    /// Whether `fields` are written: a line anyone can cause, past its address's minute, is
    /// not. The lines left out of minutes that ended are counted in a line each, first.
    fn admitted(&self, fields: &Fields) -> bool {
        if !FROM_ANYONE.contains(&fields.message.as_str()) {
            return true;
        }
        let from = (fields.args.iter()).find(|(name, _)| *name == "from");
        let from = from.map_or("", |(_, value)| value.as_str());
        let (admitted, ended) = self.flood.admit(from, Instant::now());
        for (from, count) in ended {
            let args = [("count", count.into()), ("from", from.into())];
            let words = crate::locale::text_in(self.lang, "log-more-refused", &args);
            self.write(&self.line(Level::WARN, &words));
        }
        admitted
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
        let mut options = std::fs::OpenOptions::new();
        options.create(true).append(true);
        // Who signed in from where, and the names tried: for the administrator only.
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let appended =
            (options.open(&self.file)).and_then(|mut file| file.write_all(line.as_bytes()));
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
            self.args.push((field.name(), capped(value)));
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

/// `value` cut to [`ARGUMENT_CHARS`] characters, `…` saying it was, its control and
/// invisible characters written out (`<U+001B>`): a name sent by anyone cannot colour, move
/// or reorder the administrator's terminal, nor start a line of its own.
fn capped(value: String) -> String {
    let value = crate::output::visible(&value)
        .replace('\u{2028}', "<U+2028>")
        .replace('\u{2029}', "<U+2029>");
    match value.char_indices().nth(ARGUMENT_CHARS) {
        Some((end, _)) => format!("{}…", &value[..end]),
        None => value,
    }
}

/// The lines anyone can cause, counted per address over a minute from its first.
#[derive(Default)]
struct Flood {
    minutes: Mutex<HashMap<String, Minute>>,
}

struct Minute {
    began: Instant,
    written: u32,
    left_out: u64,
}

impl Flood {
    /// Whether a line from `from` at `now` is written; and the addresses whose minute has
    /// ended with lines left out, with how many (the minutes ended are forgotten).
    fn admit(&self, from: &str, now: Instant) -> (bool, Vec<(String, u64)>) {
        let mut minutes = self.minutes.lock().unwrap_or_else(|e| e.into_inner());
        let mut ended = Vec::new();
        minutes.retain(|address, minute| {
            let over = now.duration_since(minute.began) >= MINUTE;
            if over && minute.left_out > 0 {
                ended.push((address.clone(), minute.left_out));
            }
            !over
        });
        let minute = minutes.entry(from.to_string()).or_insert(Minute {
            began: now,
            written: 0,
            left_out: 0,
        });
        let admitted = minute.written < PER_MINUTE;
        if admitted {
            minute.written += 1;
        } else {
            minute.left_out += 1;
        }
        (admitted, ended)
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
        if !self.admitted(&fields) {
            return;
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_argument_cannot_steer_the_terminal() {
        let sent = "red\u{1b}[31m\u{202e}evil\u{2028}line\nnext".to_string();
        let logged = capped(sent);
        assert_eq!(
            logged, "red<U+001B>[31m<U+202E>evil<U+2028>line<U+000A>next",
            "{logged}"
        );
    }

    #[test]
    fn an_address_gets_its_minutes_lines_and_the_rest_are_counted_when_it_ends() {
        let flood = Flood::default();
        let start = Instant::now();
        for _ in 0..PER_MINUTE {
            assert_eq!(flood.admit("10.0.0.9", start), (true, vec![]));
        }
        for _ in 0..5 {
            assert_eq!(flood.admit("10.0.0.9", start), (false, vec![]));
        }
        // Another address has its own minute.
        assert_eq!(flood.admit("10.0.0.7", start), (true, vec![]));
        let later = start + MINUTE;
        let (admitted, ended) = flood.admit("10.0.0.7", later);
        assert!(admitted);
        assert_eq!(ended, vec![("10.0.0.9".to_string(), 5)]);
        assert_eq!(flood.admit("10.0.0.9", later), (true, vec![]));
    }

    #[test]
    fn a_long_argument_is_cut_with_a_mark() {
        assert_eq!(capped("短い".into()), "短い");
        let long = capped("あ".repeat(60_000));
        assert_eq!(long.chars().count(), ARGUMENT_CHARS + 1);
        assert!(long.ends_with('…'));
    }
}
