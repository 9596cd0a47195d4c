//! The accounts `serve` signs people in with: a TOML file of names, argon2 password hashes and
//! what each may change. A password is never written anywhere, only its hash (PHC string,
//! argon2id, a random salt each); the file is written atomically.
//!
//! ```toml
//! [[users]]
//! name = "chiiki"
//! hash = "$argon2id$v=19$m=19456,t=2,p=1$…"
//! divisions = ["地域課"]        # or all = true (the planning section)
//! ```

use crate::error::Error;
use crate::output::write_atomic;
use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The fewest characters a password may have.
pub const MIN_PASSWORD: usize = 8;

/// Everyone who may sign in.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Users {
    #[serde(default)]
    pub users: Vec<User>,
}

/// One account.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct User {
    pub name: String,
    /// The password's argon2 hash, as a PHC string.
    pub hash: String,
    /// May change every division, and build volumes (the planning section).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub all: bool,
    /// The divisions this person may change: `地域課` (in any ward) or `higashi-r5/地域課`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub divisions: Vec<String>,
}

/// What an account may change.
#[derive(Debug, Clone, PartialEq)]
pub enum Access {
    All,
    Divisions(Vec<String>),
}

impl Access {
    /// Whether the division `division` of the ward folder `ward` may be changed.
    pub fn may_change(&self, ward: &str, division: &str) -> bool {
        match self {
            Access::All => true,
            Access::Divisions(divisions) => {
                (divisions.iter()).any(|d| d == division || *d == format!("{ward}/{division}"))
            }
        }
    }
}

impl User {
    /// Whether this person may change the division `division` of the ward folder `ward`.
    pub fn may_change(&self, ward: &str, division: &str) -> bool {
        self.access().may_change(ward, division)
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
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(Self::default()),
            Err(source) => {
                return Err(Error::Read {
                    path: path.to_path_buf(),
                    source,
                });
            }
        };
        toml::from_str(&text).map_err(|err| Error::UsersFile {
            path: path.to_path_buf(),
            reason: err.message().to_string(),
        })
    }

    /// Writes the users file atomically.
    pub fn save(&self, path: &Path) -> Result<(), Error> {
        let text = toml::to_string(self).map_err(|err| Error::UsersFile {
            path: path.to_path_buf(),
            reason: err.to_string(),
        })?;
        let text = format!(
            "# mokuhyo serve の利用者（mokuhyo user で編集します）。パスワードそのものは保存しません。\n{text}"
        );
        write_atomic(path, text.as_bytes()).map_err(|source| Error::write(path, source))
    }

    pub fn find(&self, name: &str) -> Option<&User> {
        self.users.iter().find(|u| u.name == name)
    }

    /// Adds an account; a name already taken is refused.
    pub fn add(&mut self, name: &str, password: &str, access: Access) -> Result<(), Error> {
        let name = name.trim();
        if name.is_empty() || name.contains(':') || name.chars().any(char::is_control) {
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
            all,
            divisions,
        });
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
        let user = (self.users.iter_mut().find(|u| u.name == name))
            .ok_or_else(|| Error::NoSuchUser { name: name.into() })?;
        user.hash = hashed;
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
    fn a_division_may_be_named_with_its_ward() {
        let user = User {
            name: "a".into(),
            hash: String::new(),
            all: false,
            divisions: vec!["higashi-r5/地域課".into()],
        };
        assert!(user.may_change("higashi-r5", "地域課"));
        assert!(!user.may_change("minato-r6", "地域課"));
    }
}
