//! One writer at a time for a ward folder, across processes: `serve` (each of its saves),
//! `import`, `next-year` and `new` hold an advisory lock on the ward folder from the moment
//! they read what they check (a version, a file that must not exist) to the moment their files
//! are in place. A save can then never be checked against one version and written over another
//! that a second program put there in between.
//!
//! On Linux and macOS the folder itself is locked (`flock`): nothing is written for it, and a
//! folder that cannot be written to can still be held for reading. Windows cannot lock a
//! folder, so there the lock is on a file in it, `.mokuhyo.lock`.
//!
//! And one `serve` for a sheets folder: the first holds [`SERVE_LOCK`] for its life and says
//! where it listens in [`SERVE_INFO`], for a second to tell the person where to go.
//!
//! The locks are the operating system's (`flock`, `LockFileEx`): they end with the process,
//! however it ends, so a killed run never leaves a folder locked. They bind only programs that
//! take them; an editor saving a file by hand is seen by the version check, as before.

use std::fs::{File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};

/// The lock file in each ward folder, on Windows. Empty; kept, so that no one ever locks a file
/// another has just removed.
#[cfg(windows)]
pub const WARD_LOCK: &str = ".mokuhyo.lock";

/// The lock file a running `serve` holds in its sheets folder.
pub const SERVE_LOCK: &str = ".mokuhyo-serve.lock";

/// Beside [`SERVE_LOCK`]: the running server's process id and address (a locked file cannot be
/// read on Windows, so they are kept in a file of their own).
pub const SERVE_INFO: &str = ".mokuhyo-serve.json";

/// A lock held until dropped.
#[derive(Debug)]
pub struct Held {
    _file: File,
}

/// A ward folder's lock could not be taken.
#[derive(Debug)]
pub struct Failed {
    pub path: PathBuf,
    pub source: io::Error,
}

fn open(path: &Path) -> io::Result<File> {
    OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
}

/// What is locked for the ward folder `dir`: the folder itself, or on Windows its lock file.
#[cfg(not(windows))]
fn ward_handle(dir: &Path) -> (PathBuf, io::Result<File>) {
    (dir.to_path_buf(), File::open(dir))
}

#[cfg(windows)]
fn ward_handle(dir: &Path) -> (PathBuf, io::Result<File>) {
    let path = dir.join(WARD_LOCK);
    let file = open(&path).or_else(|_| File::open(&path));
    (path, file)
}

/// The ward folder `dir`'s lock, waited for while another holds it.
pub fn ward(dir: &Path) -> Result<Held, Failed> {
    let (path, file) = ward_handle(dir);
    let failed = |source| Failed {
        path: path.clone(),
        source,
    };
    let file = file.map_err(failed)?;
    file.lock().map_err(failed)?;
    Ok(Held { _file: file })
}

/// The locks of several ward folders, taken in one order (by path) so that two programs
/// locking the same folders never wait for each other.
pub fn wards<'a>(dirs: impl IntoIterator<Item = &'a Path>) -> Result<Vec<Held>, Failed> {
    let mut dirs: Vec<&Path> = dirs.into_iter().collect();
    dirs.sort();
    dirs.dedup();
    dirs.into_iter().map(ward).collect()
}

/// The ward folder `dir` held for reading only: no one writes while it is read. `None` when the
/// folder cannot have a lock file (read-only, last year's folder on a read-only share): it is
/// read all the same, as nothing of it is written.
pub fn ward_for_reading(dir: &Path) -> Option<Held> {
    let file = ward_handle(dir).1.ok()?;
    file.lock_shared().ok()?;
    Some(Held { _file: file })
}

/// Who holds a sheets folder's [`SERVE_LOCK`]: its process id and address.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Serving {
    pub pid: u32,
    pub url: String,
}

/// The lock of the one `serve` of the sheets folder `root`, held for the server's life.
pub struct ServeLock {
    _file: File,
    info: PathBuf,
}

impl ServeLock {
    /// Tells a second server who this one is.
    pub fn tell(&self, url: &str) -> io::Result<()> {
        let serving = Serving {
            pid: std::process::id(),
            url: url.to_string(),
        };
        let text = serde_json::to_string(&serving).map_err(io::Error::other)?;
        crate::output::write_atomic(&self.info, text.as_bytes())
    }
}

impl Drop for ServeLock {
    fn drop(&mut self) {
        // Gone before the lock is let go: the next server finds none but its own.
        let _ = std::fs::remove_file(&self.info);
    }
}

/// Why a server cannot have a sheets folder.
#[derive(Debug)]
pub enum NotServed {
    /// Another `serve` has it (who, when it has said).
    Taken(Option<Serving>),
    Failed(Failed),
}

/// The sheets folder `root` for this server alone, or who has it.
pub fn serve(root: &Path) -> Result<ServeLock, NotServed> {
    let path = root.join(SERVE_LOCK);
    let failed = |source| {
        NotServed::Failed(Failed {
            path: path.clone(),
            source,
        })
    };
    let file = open(&path).map_err(failed)?;
    match file.try_lock() {
        Ok(()) => Ok(ServeLock {
            _file: file,
            info: root.join(SERVE_INFO),
        }),
        Err(std::fs::TryLockError::WouldBlock) => Err(NotServed::Taken(serving(root))),
        Err(std::fs::TryLockError::Error(source)) => Err(failed(source)),
    }
}

/// What the server holding `root` says of itself; it says it as soon as it listens, so a
/// moment is waited for a server that is just starting.
fn serving(root: &Path) -> Option<Serving> {
    for _ in 0..20 {
        let said = std::fs::read(root.join(SERVE_INFO)).ok();
        if let Some(serving) = said.and_then(|text| serde_json::from_slice(&text).ok()) {
            return Some(serving);
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ward_is_held_by_one_at_a_time() {
        let dir = tempfile::tempdir().unwrap();
        let held = ward(dir.path()).unwrap();
        let (sender, received) = std::sync::mpsc::channel();
        let path = dir.path().to_path_buf();
        let waiting = std::thread::spawn(move || {
            let second = ward(&path).unwrap();
            sender.send(()).unwrap();
            drop(second);
        });
        let timeout = std::time::Duration::from_millis(300);
        assert!(received.recv_timeout(timeout).is_err(), "waits while held");
        drop(held);
        received
            .recv_timeout(std::time::Duration::from_secs(10))
            .unwrap();
        waiting.join().unwrap();
    }
}
