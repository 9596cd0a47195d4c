//! Every version of every division file and `ward.toml`, kept in SQLite beside the sheets
//! (`.mokuhyo-history.sqlite` in the sheets folder, WAL mode): who saved it, when, and the
//! file's keys as they were (a [`Draft`], or a ward's
//! [`WardDraft`](super::settings::WardDraft)). The TOML files stay the source of truth; the
//! history only ever follows them.
//!
//! A save through the server is recorded as *pending* before its file is replaced, and confirmed
//! after: killed in between, the next look at the file (a save, a change seen on disk, the
//! server's start) keeps the pending version if the file has it, and drops it if not. A version
//! that reached the file any other way (an editor, `import`) is recorded when it is seen, as
//! saved outside the browser (`saved_by` empty).

use crate::sheet::draft::Draft;
use crate::sheet::fields::{FIELDS, Level};
use crate::sheet::identity;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The history database's file name, in the sheets folder.
pub const FILE: &str = ".mokuhyo-history.sqlite";

pub struct History {
    /// The database file: looked for at each use, made again when it has been deleted.
    path: PathBuf,
    connection: Mutex<Connection>,
}

/// One version of a file: of a division, or (`Version<WardDraft>`) of `ward.toml`.
#[derive(Debug, Clone, Serialize)]
pub struct Version<T = Draft> {
    pub id: i64,
    /// Who saved it through the server; `None` when it was saved outside the browser.
    pub saved_by: Option<String>,
    /// `2026-04-10T09:30:12+09:00`
    pub saved_at: String,
    pub etag: String,
    pub data: T,
}

/// A file as it is on disk now.
pub struct Seen<'a, T: Serialize> {
    pub ward: &'a str,
    pub file: &'a str,
    pub etag: &'a str,
    pub data: &'a T,
    /// When the file was last written.
    pub modified: String,
}

impl History {
    pub fn open(root: &Path) -> rusqlite::Result<Self> {
        let path = root.join(FILE);
        Ok(Self {
            connection: Mutex::new(connect(&path)?),
            path,
        })
    }

    /// The connection, to a database made again (with a warning in the log) when its file
    /// was deleted: an open connection would go on writing into the deleted file, and every
    /// version saved from then on would be lost with it.
    fn connection(&self) -> std::sync::MutexGuard<'_, Connection> {
        let mut connection = self.connection.lock().unwrap_or_else(|e| e.into_inner());
        if !self.path.exists() {
            let path = self.path.display().to_string();
            match connect(&self.path) {
                Ok(made) => {
                    *connection = made;
                    tracing::warn!(path = %path, "log-history-made-again");
                }
                Err(err) => {
                    tracing::error!(path = %path, reason = %reason(&err), "log-history-failed");
                }
            }
        }
        connection
    }

    /// Brings the history up to the file as `seen`: a pending version the file has is
    /// confirmed, one it has not is dropped, and a version it has that the history has not is
    /// recorded as saved outside the browser.
    pub fn catch_up<T: Serialize>(&self, seen: &Seen<T>) -> rusqlite::Result<()> {
        let mut connection = self.connection();
        let transaction = connection.transaction()?;
        transaction.execute(
            "UPDATE versions SET pending = 0
             WHERE ward = ?1 AND file = ?2 AND pending = 1 AND etag = ?3",
            params![seen.ward, seen.file, seen.etag],
        )?;
        transaction.execute(
            "DELETE FROM versions WHERE ward = ?1 AND file = ?2 AND pending = 1",
            params![seen.ward, seen.file],
        )?;
        let latest: Option<String> = transaction
            .query_row(
                "SELECT etag FROM versions WHERE ward = ?1 AND file = ?2
                 ORDER BY id DESC LIMIT 1",
                params![seen.ward, seen.file],
                |row| row.get(0),
            )
            .optional()?;
        let outside = latest.as_deref() != Some(seen.etag);
        if outside {
            transaction.execute(
                "INSERT INTO versions (ward, file, etag, saved_by, saved_at, data)
                 VALUES (?1, ?2, ?3, NULL, ?4, ?5)",
                params![
                    seen.ward,
                    seen.file,
                    seen.etag,
                    seen.modified,
                    json(seen.data)
                ],
            )?;
        }
        transaction.commit()?;
        // A file seen for the first time is no change.
        if outside && latest.is_some() {
            let (ward, file) = (seen.ward, seen.file);
            tracing::info!(ward, file, "log-changed-outside");
        }
        Ok(())
    }

    /// Records a save about to be written: pending until [`History::confirm`].
    pub fn record(
        &self,
        (ward, file): (&str, &str),
        etag: &str,
        saved_by: &str,
        data: &impl Serialize,
    ) -> rusqlite::Result<i64> {
        let connection = self.connection();
        connection.execute(
            "INSERT INTO versions (ward, file, etag, saved_by, saved_at, data, pending)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1)",
            params![ward, file, etag, saved_by, now(), json(data)],
        )?;
        Ok(connection.last_insert_rowid())
    }

    /// The save `id` is in its file.
    /// Every version of the file `from` of `ward` from now on the versions of `to`: a
    /// division renamed keeps its history under its new file's name.
    pub fn rename_file(&self, ward: &str, from: &str, to: &str) -> rusqlite::Result<()> {
        let connection = self.connection();
        connection.execute(
            "UPDATE versions SET file = ?3 WHERE ward = ?1 AND file = ?2",
            params![ward, from, to],
        )?;
        Ok(())
    }

    pub fn confirm(&self, id: i64) -> rusqlite::Result<()> {
        self.connection()
            .execute("UPDATE versions SET pending = 0 WHERE id = ?1", params![id])?;
        Ok(())
    }

    /// The save `id` never reached its file.
    pub fn drop_pending(&self, id: i64) -> rusqlite::Result<()> {
        self.connection().execute(
            "DELETE FROM versions WHERE id = ?1 AND pending = 1",
            params![id],
        )?;
        Ok(())
    }

    /// The versions of a file, newest first.
    pub fn versions<T: DeserializeOwned + Default>(
        &self,
        ward: &str,
        file: &str,
    ) -> rusqlite::Result<Vec<Version<T>>> {
        let connection = self.connection();
        let mut statement = connection.prepare(
            "SELECT id, saved_by, saved_at, etag, data FROM versions
             WHERE ward = ?1 AND file = ?2 AND pending = 0 ORDER BY id DESC",
        )?;
        let rows = statement.query_map(params![ward, file], version)?;
        rows.collect()
    }

    /// The newest version of each file of a ward (its name in the ward folder): who saved it
    /// (`None` outside the browser) and when. For the board, without the versions' data.
    pub fn latest_by_file(
        &self,
        ward: &str,
    ) -> rusqlite::Result<HashMap<String, (Option<String>, String)>> {
        let connection = self.connection();
        let mut statement = connection.prepare(
            "SELECT file, saved_by, saved_at FROM versions
             WHERE id IN (SELECT MAX(id) FROM versions WHERE ward = ?1 AND pending = 0
                          GROUP BY file)",
        )?;
        let rows = statement.query_map(params![ward], |row| {
            Ok((row.get(0)?, (row.get(1)?, row.get(2)?)))
        })?;
        rows.collect()
    }

    /// `data`, a version of the file `place` whose ETag is `etag`, with its items' ids: those
    /// kept with that version, else given from the newest version kept
    /// ([`identity`](crate::sheet::identity)'s rule).
    pub fn identified(&self, place: (&str, &str), etag: &str, data: &impl Serialize) -> Value {
        let mut data = serde_json::to_value(data).unwrap_or_default();
        let kept = match self.by_etag::<Value>(place, etag) {
            Ok(Some(version)) => Some(version),
            _ => self.latest::<Value>(place).ok().flatten(),
        };
        let previous = kept.map(|version| version.data);
        identity::identify(FIELDS, Level::Division, previous.as_ref(), &mut data);
        data
    }

    /// The newest version of a file with the ETag `etag` (what an `If-Match` names).
    pub fn by_etag<T: DeserializeOwned + Default>(
        &self,
        (ward, file): (&str, &str),
        etag: &str,
    ) -> rusqlite::Result<Option<Version<T>>> {
        self.connection()
            .query_row(
                "SELECT id, saved_by, saved_at, etag, data FROM versions
                 WHERE ward = ?1 AND file = ?2 AND etag = ?3 AND pending = 0
                 ORDER BY id DESC LIMIT 1",
                params![ward, file, etag],
                version,
            )
            .optional()
    }

    /// The newest version of a file.
    pub fn latest<T: DeserializeOwned + Default>(
        &self,
        (ward, file): (&str, &str),
    ) -> rusqlite::Result<Option<Version<T>>> {
        self.connection()
            .query_row(
                "SELECT id, saved_by, saved_at, etag, data FROM versions
                 WHERE ward = ?1 AND file = ?2 AND pending = 0 ORDER BY id DESC LIMIT 1",
                params![ward, file],
                version,
            )
            .optional()
    }

    /// One version of a file.
    pub fn version<T: DeserializeOwned + Default>(
        &self,
        ward: &str,
        file: &str,
        id: i64,
    ) -> rusqlite::Result<Option<Version<T>>> {
        self.connection()
            .query_row(
                "SELECT id, saved_by, saved_at, etag, data FROM versions
                 WHERE ward = ?1 AND file = ?2 AND id = ?3 AND pending = 0",
                params![ward, file, id],
                version,
            )
            .optional()
    }
}

/// A connection to the history at `path`, its table made when it is new.
fn connect(path: &Path) -> rusqlite::Result<Connection> {
    // Made private before SQLite makes it: its `-wal` and `-shm` take the file's mode. The
    // history holds every version and who saved it.
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create(true).truncate(false).mode(0o600);
        let _ = options.open(path);
    }
    let connection = Connection::open(path)?;
    connection.busy_timeout(std::time::Duration::from_secs(10))?;
    connection.pragma_update(None, "journal_mode", "WAL")?;
    connection.pragma_update(None, "synchronous", "FULL")?;
    connection.execute_batch(
        "CREATE TABLE IF NOT EXISTS versions (
             id INTEGER PRIMARY KEY,
             ward TEXT NOT NULL,
             file TEXT NOT NULL,
             etag TEXT NOT NULL,
             saved_by TEXT,
             saved_at TEXT NOT NULL,
             data TEXT NOT NULL,
             pending INTEGER NOT NULL DEFAULT 0
         );
         CREATE INDEX IF NOT EXISTS versions_by_file ON versions (ward, file, id);",
    )?;
    Ok(connection)
}

/// What went wrong with the history, in words: a database another program holds, a full
/// disk, a folder that cannot be written, or SQLite's own words.
pub fn reason(err: &rusqlite::Error) -> String {
    use rusqlite::ErrorCode;
    let id = match err.sqlite_error_code() {
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => "history-locked",
        Some(ErrorCode::DiskFull) => "history-disk-full",
        Some(ErrorCode::ReadOnly | ErrorCode::CannotOpen | ErrorCode::PermissionDenied) => {
            "history-not-writable"
        }
        _ => return crate::t!("history-other", reason = err.to_string()),
    };
    crate::t!(id)
}

fn version<T: DeserializeOwned + Default>(row: &rusqlite::Row) -> rusqlite::Result<Version<T>> {
    let data: String = row.get(4)?;
    Ok(Version {
        id: row.get(0)?,
        saved_by: row.get(1)?,
        saved_at: row.get(2)?,
        etag: row.get(3)?,
        data: serde_json::from_str(&data).unwrap_or_default(),
    })
}

fn json(data: &impl Serialize) -> String {
    serde_json::to_string(data).unwrap_or_default()
}

/// Now, in local time with its offset.
pub fn now() -> String {
    chrono::Local::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

/// When a file was last written, as [`now`] gives times.
pub fn modified(path: &Path) -> String {
    std::fs::metadata(path)
        .and_then(|m| m.modified())
        .map(|t| {
            let local: chrono::DateTime<chrono::Local> = t.into();
            local.to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
        })
        .unwrap_or_else(|_| now())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(text: &str) -> Draft {
        Draft {
            division: text.into(),
            ..Draft::default()
        }
    }

    #[test]
    fn a_locked_history_and_a_full_disk_are_said_as_such() {
        let dir = tempfile::tempdir().unwrap();
        let history = History::open(dir.path()).unwrap();
        // Another program holds the database.
        let other = Connection::open(dir.path().join(FILE)).unwrap();
        other.execute_batch("BEGIN EXCLUSIVE").unwrap();
        history
            .connection()
            .busy_timeout(std::time::Duration::ZERO)
            .unwrap();
        let err = (history.record(("w", "01.toml"), "\"1\"", "chiiki", &draft("一"))).unwrap_err();
        let words = crate::locale::with(crate::locale::Lang::En, || reason(&err));
        assert_eq!(words, "the history is locked by another program");
        let full = rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_FULL),
            None,
        );
        let words = crate::locale::with(crate::locale::Lang::Ja, || reason(&full));
        assert_eq!(words, "ディスクがいっぱいです");
    }

    #[test]
    fn a_save_killed_before_its_file_was_written_leaves_no_version() {
        let dir = tempfile::tempdir().unwrap();
        let history = History::open(dir.path()).unwrap();
        let seen = |etag: &'static str, data: &'static Draft| Seen {
            ward: "w",
            file: "01.toml",
            etag,
            data,
            modified: now(),
        };
        let first = Box::leak(Box::new(draft("一")));
        history.catch_up(&seen("\"1\"", first)).unwrap();
        history.catch_up(&seen("\"1\"", first)).unwrap();
        assert_eq!(
            history.versions::<Draft>("w", "01.toml").unwrap().len(),
            1,
            "seen once"
        );

        // Pending and not in the file: dropped when the file is next seen.
        let second = Box::leak(Box::new(draft("二")));
        history
            .record(("w", "01.toml"), "\"2\"", "chiiki", second)
            .unwrap();
        assert_eq!(history.versions::<Draft>("w", "01.toml").unwrap().len(), 1);
        history.catch_up(&seen("\"1\"", first)).unwrap();
        // Pending and in the file: kept, with who saved it.
        history
            .record(("w", "01.toml"), "\"2\"", "chiiki", second)
            .unwrap();
        history.catch_up(&seen("\"2\"", second)).unwrap();
        let versions = history.versions::<Draft>("w", "01.toml").unwrap();
        assert_eq!(versions.len(), 2);
        assert_eq!(versions[0].saved_by.as_deref(), Some("chiiki"));
        assert_eq!(versions[0].data, *second);
        // Saved by an editor: recorded as saved outside the browser.
        let third = Box::leak(Box::new(draft("三")));
        history.catch_up(&seen("\"3\"", third)).unwrap();
        let versions = history.versions::<Draft>("w", "01.toml").unwrap();
        assert_eq!(versions.len(), 3);
        assert_eq!(versions[0].saved_by, None);
        assert_eq!(
            history
                .version::<Draft>("w", "01.toml", versions[2].id)
                .unwrap()
                .unwrap()
                .data,
            *first
        );
    }
}
