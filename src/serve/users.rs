//! The accounts `serve` signs people in with: a TOML file of names, argon2 password hashes and
//! what each may change. A password is never written anywhere, only its hash (PHC string,
//! argon2id, a random salt each); the file is written atomically, readable by its owner only
//! (0600 on unix), and every change to it is made holding an advisory lock on `FILE.lock`, so
//! that `mokuhyo user` commands run at once each see the others' changes.
//!
//! ```toml
//! [policy]                      # optional: lock a name after failed sign-ins
//! lockout_attempts = 10
//! lockout_minutes = 15
//!
//! [[users]]
//! name = "chiiki"
//! hash = "$argon2id$v=19$m=19456,t=2,p=1$…"
//! session_key = "…"             # new at add and passwd: the account's sessions end with it
//! divisions = ["地域課"]        # or all = true (the planning section)
//! ```
//!
//! Names locked after failed sign-ins are kept beside it, in `FILE.lockout` ([`Lockouts`]), so
//! that `mokuhyo user unlock` works while the server runs.

use super::Error;
use crate::output::write_atomic_private;
use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The fewest characters a password may have.
pub const MIN_PASSWORD: usize = 8;

/// The longest full name a seal prints at a size that can be read, in characters (a 日付印's
/// name shrinks to fit its box).
pub const FULL_NAME_LIMIT: usize = 16;

/// Everyone who may sign in.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Users {
    #[serde(default, skip_serializing_if = "Policy::is_default")]
    pub policy: Policy,
    #[serde(default)]
    pub users: Vec<User>,
}

/// What the administrator sets for failed sign-ins: after `lockout_attempts` in a row (0: never)
/// a name is locked for `lockout_minutes`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Policy {
    pub lockout_attempts: u32,
    pub lockout_minutes: u32,
}

impl Default for Policy {
    fn default() -> Self {
        Self {
            lockout_attempts: 0,
            lockout_minutes: 15,
        }
    }
}

impl Policy {
    fn is_default(&self) -> bool {
        *self == Self::default()
    }
}

/// One account.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct User {
    pub name: String,
    /// The password's argon2 hash, as a PHC string.
    pub hash: String,
    /// Random, new whenever the password is set: a session is the account's only while its
    /// key is the one it was opened with.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub session_key: String,
    /// May change every division, and build volumes (the planning section).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub all: bool,
    /// The divisions this person may change: `地域課` (in any ward) or `higashi-r5/地域課`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub divisions: Vec<String>,
    /// May approve (and return) the sheets it may change, in the stamp box of its `title`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub approve: bool,
    /// The title of the stamp box it approves in: 課長, 区長.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    /// The name its seal prints: 山田太郎 (else the account's name).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub full_name: String,
}

/// What an account may approve, and the name its seal prints.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Approver {
    pub approve: bool,
    /// The stamp box: 課長.
    pub title: String,
    pub full_name: String,
}

/// What an account may change.
#[derive(Debug, Clone, PartialEq)]
pub enum Access {
    All,
    Divisions(Vec<String>),
}

impl Access {
    /// Whether the division `division` of the ward folder `ward` may be changed. Names are
    /// compared as the ward compares its divisions' (widths, spaces and invisible characters
    /// aside): a stray space typed in a division's name does not take it from its people.
    pub fn may_change(&self, ward: &str, division: &str) -> bool {
        let same = |name: &str| crate::sheet::model::same_division_name(name, division);
        match self {
            Access::All => true,
            Access::Divisions(divisions) => (divisions.iter()).any(|d| {
                let in_ward = d.strip_prefix(ward).and_then(|rest| rest.strip_prefix('/'));
                same(d) || in_ward.is_some_and(same)
            }),
        }
    }
}

impl User {
    /// Whether this person may change the division `division` of the ward folder `ward`.
    pub fn may_change(&self, ward: &str, division: &str) -> bool {
        self.access().may_change(ward, division)
    }

    /// The name its seal prints: the full name, or else the account's name.
    pub fn seal_name(&self) -> &str {
        if self.full_name.is_empty() {
            &self.name
        } else {
            &self.full_name
        }
    }

    /// What the account may change, in words for `user list`.
    pub fn access(&self) -> Access {
        if self.all {
            Access::All
        } else {
            Access::Divisions(self.divisions.clone())
        }
    }
}

impl Users {
    /// Reads the users file; a file that is not there yet has no users.
    pub fn load(path: &Path) -> Result<Self, Error> {
        Self::read(path).map(|(users, _)| users)
    }

    /// Reads the users file, with what is wrong in it that does not stop it being used.
    pub fn read(path: &Path) -> Result<(Self, Vec<Warning>), Error> {
        match std::fs::read_to_string(path) {
            Ok(text) => Self::parse(path, &text),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(Default::default()),
            Err(source) => Err(super::Error::read(path.to_path_buf(), source)),
        }
    }

    /// The users file's text read, with its warnings.
    pub fn parse(path: &Path, text: &str) -> Result<(Self, Vec<Warning>), Error> {
        let users = toml::from_str(text).map_err(|err| Error::UsersFile {
            path: path.to_path_buf(),
            reason: err.message().to_string(),
        })?;
        Ok((users, warnings(path, text)))
    }

    /// Reads, changes and writes back the users file holding its lock: `edit` sees every
    /// change made before, and none is lost to another `mokuhyo user` run at the same time.
    pub fn change<T>(
        path: &Path,
        edit: impl FnOnce(&mut Users) -> Result<T, Error>,
    ) -> Result<T, Error> {
        locked(path, || {
            let mut users = Users::load(path)?;
            let done = edit(&mut users)?;
            users.save(path)?;
            Ok(done)
        })
    }

    /// Writes the users file atomically, readable by its owner only.
    pub fn save(&self, path: &Path) -> Result<(), Error> {
        let text = toml::to_string(self).map_err(|err| Error::UsersFile {
            path: path.to_path_buf(),
            reason: err.to_string(),
        })?;
        let text = format!(
            "# mokuhyo serve の利用者（mokuhyo user で編集します）。パスワードそのものは保存しません。\n{text}"
        );
        write_atomic_private(path, text.as_bytes()).map_err(|source| Error::write(path, source))
    }

    pub fn find(&self, name: &str) -> Option<&User> {
        self.users.iter().find(|u| u.name == name)
    }

    /// Adds an account; a name already taken is refused.
    pub fn add(&mut self, name: &str, password: &str, access: Access) -> Result<(), Error> {
        let name = name.trim();
        // Nor a character that cannot be seen, or that reorders the line it is shown in.
        let unseen = |c: char| c.is_control() || crate::output::is_invisible(c);
        if name.is_empty() || name.contains(':') || name.chars().any(unseen) {
            return Err(Error::BadUserName { name: name.into() });
        }
        if self.find(name).is_some() {
            return Err(Error::UserExists { name: name.into() });
        }
        let (all, divisions) = match access {
            Access::All => (true, Vec::new()),
            Access::Divisions(divisions) => (false, divisions),
        };
        self.users.push(User {
            name: name.to_string(),
            hash: hash(password)?,
            session_key: session_key()?,
            all,
            divisions,
            approve: false,
            title: String::new(),
            full_name: String::new(),
        });
        Ok(())
    }

    /// Gives the account `name` the right to approve in the box `title` (or takes it away),
    /// and the name its seal prints.
    pub fn set_approver(&mut self, name: &str, approver: Approver) -> Result<(), Error> {
        let user = (self.users.iter_mut())
            .find(|u| u.name == name)
            .ok_or_else(|| Error::NoSuchUser { name: name.into() })?;
        check_full_name(&approver.full_name)?;
        user.approve = approver.approve;
        user.title = approver.title.trim().to_string();
        user.full_name = approver.full_name.trim().to_string();
        Ok(())
    }

    pub fn remove(&mut self, name: &str) -> Result<(), Error> {
        let before = self.users.len();
        self.users.retain(|u| u.name != name);
        if self.users.len() == before {
            return Err(Error::NoSuchUser { name: name.into() });
        }
        Ok(())
    }

    pub fn set_password(&mut self, name: &str, password: &str) -> Result<(), Error> {
        let hashed = hash(password)?;
        let key = session_key()?;
        let user = (self.users.iter_mut().find(|u| u.name == name))
            .ok_or_else(|| Error::NoSuchUser { name: name.into() })?;
        user.hash = hashed;
        user.session_key = key;
        Ok(())
    }

    /// The account `name` signs in to with `password`, if it does. Always takes one hash's
    /// time, so that a name that is not there cannot be told from a wrong password.
    pub fn verify(&self, name: &str, password: &str) -> Option<&User> {
        match self.find(name) {
            Some(user) if matches(&user.hash, password) => Some(user),
            Some(_) => None,
            None => {
                let _ = matches(&decoy(), password);
                None
            }
        }
    }
}

/// A new session key: 32 random bytes as hex.
fn session_key() -> Result<String, Error> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|err| Error::Random {
        reason: err.to_string(),
    })?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// A new argon2id hash of `password`, with a random salt.
pub fn hash(password: &str) -> Result<String, Error> {
    if password.chars().count() < MIN_PASSWORD {
        return Err(Error::PasswordTooShort { min: MIN_PASSWORD });
    }
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|err| Error::Random {
        reason: err.to_string(),
    })?;
    let salt = SaltString::encode_b64(&salt).map_err(|err| Error::Random {
        reason: err.to_string(),
    })?;
    let hashed = Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map_err(|err| Error::Random {
            reason: err.to_string(),
        })?;
    Ok(hashed.to_string())
}

fn matches(hash: &str, password: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
}

/// A hash of nothing anyone knows, checked against when the name is unknown.
fn decoy() -> String {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY
        .get_or_init(|| hash("mokuhyo-decoy-password").unwrap_or_default())
        .clone()
}

/// Checks that each division an account is given is one a ward under `sheets` has (`地域課`
/// in any ward, `higashi-r5/地域課` in that one): a name no file gives is refused, with the
/// real name when it only looks like one (full-width for half-width, spaces, invisible
/// characters).
pub fn check_divisions(sheets: &Path, divisions: &[String]) -> Result<(), Error> {
    let known = known_divisions(sheets);
    for division in divisions {
        let (ward, name) = match division.split_once('/') {
            Some((ward, name)) => (Some(ward), name),
            None => (None, division.as_str()),
        };
        let mut candidates =
            (known.iter()).filter(|(folder, _)| ward.is_none_or(|w| w == folder.as_str()));
        if candidates.clone().any(|(_, known)| known.as_str() == name) {
            continue;
        }
        let key = crate::sheet::model::name_key(name);
        let suggestion = (candidates
            .find(|(_, known)| crate::sheet::model::name_key(known) == key))
        .map(|(folder, known)| match ward {
            Some(_) => format!("{folder}/{known}"),
            None => known.clone(),
        });
        return Err(Error::UnknownDivision {
            name: division.clone(),
            sheets: sheets.to_path_buf(),
            suggestion,
        });
    }
    Ok(())
}

/// A full name the seal can print: at most [`FULL_NAME_LIMIT`] characters.
pub fn check_full_name(full_name: &str) -> Result<(), Error> {
    let name = full_name.trim();
    if name.chars().count() > FULL_NAME_LIMIT {
        return Err(Error::FullNameTooLong {
            name: name.into(),
            limit: FULL_NAME_LIMIT,
        });
    }
    Ok(())
}

/// Whether `title` is the title of a stamp box (`approval` in `ward.toml`, or a division's
/// own) of some ward under `sheets`: `Ok(false)` when no ward there can be read, so nothing
/// was checked; an error naming the boxes the wards have when none has it.
pub fn check_title(sheets: &Path, title: &str) -> Result<bool, Error> {
    let Some(titles) = known_titles(sheets) else {
        return Ok(false);
    };
    if titles.iter().any(|t| t == title) {
        return Ok(true);
    }
    Err(Error::UnknownTitle {
        title: title.into(),
        sheets: sheets.to_path_buf(),
        titles,
    })
}

/// The titles of the stamp boxes of the wards under `sheets`, each once (the accounts page's
/// choice of a title).
pub fn stamp_titles(sheets: &Path) -> Vec<String> {
    known_titles(sheets).unwrap_or_default()
}

/// The titles of the stamp boxes of the wards under `sheets`, each once; `None` when no ward
/// can be read.
fn known_titles(sheets: &Path) -> Option<Vec<String>> {
    let root = std::fs::canonicalize(sheets).ok()?;
    let mut titles: Vec<String> = Vec::new();
    let mut read = false;
    for ward in crate::serve::sheets::wards(&root) {
        let (Some(loaded), _) = crate::sheet::model::load_ward(&ward.dir) else {
            continue;
        };
        read = true;
        let own = (loaded.divisions.iter()).flat_map(|d| d.approval.iter().flatten());
        for title in loaded.approval.iter().chain(own) {
            if !titles.contains(title) {
                titles.push(title.clone());
            }
        }
    }
    read.then_some(titles)
}

/// Every ward folder's name under `sheets` with each division its files give.
fn known_divisions(sheets: &Path) -> Vec<(String, String)> {
    use crate::serve::sheets::{division_files, wards};
    let Ok(root) = std::fs::canonicalize(sheets) else {
        return Vec::new();
    };
    (wards(&root).iter())
        .flat_map(|ward| {
            let names = division_files(&root, ward).into_iter().map(|d| d.name);
            names
                .map(|name| (ward.folder.clone(), name))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Something wrong in the users file that does not stop it being read: the account is
/// skipped (a name given twice: the first is the one that signs in) or cannot sign in.
#[derive(Debug, Clone, PartialEq)]
pub struct Warning {
    pub file: PathBuf,
    /// The 1-based line of the `name` or `hash` the warning is about.
    pub line: usize,
    pub name: String,
    pub kind: WarningKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum WarningKind {
    /// The name is given already on line `first`.
    Duplicate {
        first: usize,
    },
    EmptyHash,
    /// Not an argon2 PHC string: nobody can sign in to the account.
    NotArgon2,
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let name = crate::output::visible(&self.name);
        let name = name.as_str();
        let message = match self.kind {
            WarningKind::Duplicate { first } => {
                crate::t!("users-warning-duplicate", name = name, first = first)
            }
            WarningKind::EmptyHash => crate::t!("users-warning-empty-hash", name = name),
            WarningKind::NotArgon2 => crate::t!("users-warning-not-argon2", name = name),
        };
        let file = crate::output::visible(&self.file.display().to_string());
        let warning = crate::t!("severity-warning");
        write!(f, "{file}:{}: {warning}: {message}", self.line)
    }
}

/// The accounts of the users file with their places, for its warnings.
#[derive(Deserialize)]
struct Placed {
    #[serde(default)]
    users: Vec<PlacedUser>,
}

#[derive(Deserialize)]
struct PlacedUser {
    name: toml::Spanned<String>,
    hash: toml::Spanned<String>,
}

/// A name given twice, an empty hash, a hash that is not argon2's: each with its line.
fn warnings(file: &Path, text: &str) -> Vec<Warning> {
    let Ok(placed) = toml::from_str::<Placed>(text) else {
        return Vec::new();
    };
    let line =
        |span: std::ops::Range<usize>| crate::sheet::problem::line_column(text, span.start).0;
    let mut first_lines: BTreeMap<&str, usize> = BTreeMap::new();
    let mut found = Vec::new();
    for user in &placed.users {
        let name = user.name.get_ref().as_str();
        let name_line = line(user.name.span());
        let warn = |line, kind| Warning {
            file: file.to_path_buf(),
            line,
            name: name.to_string(),
            kind,
        };
        if let Some(&first) = first_lines.get(name) {
            found.push(warn(name_line, WarningKind::Duplicate { first }));
            continue;
        }
        first_lines.insert(name, name_line);
        let hash = user.hash.get_ref();
        let hash_line = line(user.hash.span());
        if hash.is_empty() {
            found.push(warn(hash_line, WarningKind::EmptyHash));
        } else if !PasswordHash::new(hash).is_ok_and(|h| h.algorithm.as_str().starts_with("argon2"))
        {
            found.push(warn(hash_line, WarningKind::NotArgon2));
        }
    }
    found
}

/// `path` with `.extension` added: `users.toml.lock`.
fn beside(path: &Path, extension: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(extension);
    PathBuf::from(name)
}

/// Runs `run` holding the advisory lock of the users file `path` (`FILE.lock`, made when it is
/// not there): one change to the users file or its lockouts at a time, across processes.
pub fn locked<T>(path: &Path, run: impl FnOnce() -> Result<T, Error>) -> Result<T, Error> {
    let lock_path = beside(path, "lock");
    let mut options = std::fs::OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let file = (options.open(&lock_path)).map_err(|source| Error::write(&lock_path, source))?;
    file.lock()
        .map_err(|source| Error::write(&lock_path, source))?;
    let done = run();
    // Closing the file lets go of the lock too; unlocking first says so.
    let _ = file.unlock();
    done
}

/// The names locked after too many failed sign-ins, and until when: `FILE.lockout` beside the
/// users file, written by the server, cleared by `mokuhyo user unlock`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lockouts {
    #[serde(default)]
    pub locked: BTreeMap<String, chrono::DateTime<chrono::Utc>>,
}

impl Lockouts {
    /// The lockouts of the users file `users`; none when the file is not there.
    pub fn load(users: &Path) -> Result<Self, Error> {
        let path = beside(users, "lockout");
        match std::fs::read_to_string(&path) {
            Ok(text) => toml::from_str(&text).map_err(|err| Error::UsersFile {
                path,
                reason: err.message().to_string(),
            }),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(Self::default()),
            Err(source) => Err(super::Error::read(path, source)),
        }
    }

    /// Until when `name` is locked, if it is now.
    pub fn until(&self, name: &str) -> Option<chrono::DateTime<chrono::Utc>> {
        (self.locked.get(name).copied()).filter(|until| *until > chrono::Utc::now())
    }

    /// Locks `name` until `until`, holding the users file's lock.
    pub fn lock(
        users: &Path,
        name: &str,
        until: chrono::DateTime<chrono::Utc>,
    ) -> Result<(), Error> {
        Self::change(users, |lockouts| {
            lockouts.locked.insert(name.to_string(), until);
        })
    }

    /// Lets `name` sign in again: whether it was locked.
    pub fn unlock(users: &Path, name: &str) -> Result<bool, Error> {
        let mut was = false;
        Self::change(users, |lockouts| {
            was = lockouts.until(name).is_some();
            lockouts.locked.remove(name);
        })?;
        Ok(was)
    }

    /// Reads, changes and writes the lockouts holding the lock; lockouts over are dropped.
    fn change(users: &Path, edit: impl FnOnce(&mut Lockouts)) -> Result<(), Error> {
        locked(users, || {
            let mut lockouts = Self::load(users)?;
            edit(&mut lockouts);
            let now = chrono::Utc::now();
            lockouts.locked.retain(|_, until| *until > now);
            let path = beside(users, "lockout");
            let text = toml::to_string(&lockouts).map_err(|err| Error::UsersFile {
                path: path.clone(),
                reason: err.to_string(),
            })?;
            write_atomic_private(&path, text.as_bytes())
                .map_err(|source| Error::write(&path, source))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_kept_as_hashes_only() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("users.toml");
        let mut users = Users::load(&path).unwrap();
        users
            .add(
                "chiiki",
                "地域課のパスワード",
                Access::Divisions(vec!["地域課".into()]),
            )
            .unwrap();
        users
            .add("kikaku", "企画係のパスワード", Access::All)
            .unwrap();
        assert!(matches!(
            users.add("chiiki", "another-one", Access::All),
            Err(Error::UserExists { .. })
        ));
        assert!(matches!(
            users.add("x", "short", Access::All),
            Err(Error::PasswordTooShort { .. })
        ));
        assert!(matches!(
            users.add("chiiki\u{202E}", "another-one", Access::All),
            Err(Error::BadUserName { .. })
        ));
        users.save(&path).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            !text.contains("地域課のパスワード") && text.contains("$argon2id$"),
            "{text}"
        );

        let users = Users::load(&path).unwrap();
        let chiiki = users.verify("chiiki", "地域課のパスワード").unwrap();
        assert!(chiiki.may_change("higashi-r5", "地域課"));
        assert!(!chiiki.may_change("higashi-r5", "総務課"));
        assert!(users.verify("chiiki", "企画係のパスワード").is_none());
        assert!(users.verify("nobody", "地域課のパスワード").is_none());
        assert!(
            users
                .verify("kikaku", "企画係のパスワード")
                .unwrap()
                .may_change("w", "総務課")
        );
        // Two hashes of one password differ: each has its own salt.
        assert_ne!(
            hash("同じパスワードです").unwrap(),
            hash("同じパスワードです").unwrap()
        );
    }

    #[test]
    fn a_name_twice_and_hashes_that_cannot_sign_in_are_warned_about_with_their_lines() {
        let mut users = Users::default();
        users
            .add("chiiki", "地域課のパスワード", Access::All)
            .unwrap();
        let good = toml::to_string(&users).unwrap();
        let text = format!(
            "{good}\n[[users]]\nname = \"chiiki\"\nhash = \"x\"\n\n[[users]]\nname = \"a\"\nhash = \"\"\n\n\
             [[users]]\nname = \"b\"\nhash = \"$pbkdf2-sha256$i=1000$c2FsdA$aGFzaA\"\n"
        );
        let (users, warnings) = Users::parse(Path::new("users.toml"), &text).unwrap();
        assert_eq!(users.users.len(), 4);
        let lines: Vec<&str> = text.lines().collect();
        let line = |needle: &str| lines.iter().position(|l| *l == needle).unwrap() + 1;
        let kinds: Vec<_> = (warnings.iter())
            .map(|w| (w.line, w.kind.clone()))
            .collect();
        assert_eq!(
            kinds,
            [
                (
                    lines
                        .iter()
                        .rposition(|l| *l == "name = \"chiiki\"")
                        .unwrap()
                        + 1,
                    WarningKind::Duplicate {
                        first: line("name = \"chiiki\"")
                    }
                ),
                (line("hash = \"\""), WarningKind::EmptyHash),
                (line("name = \"b\"") + 1, WarningKind::NotArgon2),
            ]
        );
        assert!(Users::parse(Path::new("users.toml"), "[[users]\n").is_err());
    }

    #[test]
    fn a_division_may_be_named_with_its_ward() {
        let user = User {
            name: "a".into(),
            hash: String::new(),
            session_key: String::new(),
            all: false,
            divisions: vec!["higashi-r5/地域課".into()],
            approve: false,
            title: String::new(),
            full_name: String::new(),
        };
        assert!(user.may_change("higashi-r5", "地域課"));
        assert!(!user.may_change("minato-r6", "地域課"));
    }
}
