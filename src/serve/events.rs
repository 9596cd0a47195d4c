//! Files changed on disk, told to the open pages as server-sent events: a save from another
//! browser, an editor, `import`. A page whose division changed fetches it again (and, when its
//! person has unsaved text, shows both).

use super::App;
use super::Error;
use axum::extract::State;
use axum::response::sse::{Event, KeepAlive, Sse};
use notify::{RecursiveMode, Watcher};
use serde::Serialize;
use std::convert::Infallible;
use std::path::Path;
use std::sync::Arc;
use tokio::sync::broadcast;
use tokio_stream::StreamExt;
use tokio_stream::wrappers::BroadcastStream;

/// A file of a ward folder changed.
#[derive(Debug, Clone, Serialize)]
pub struct Changed {
    /// The ward folder's name.
    pub ward: String,
    /// The file's name in it: `01_地域課.toml`, `ward.toml`.
    pub file: String,
}

/// Watches the sheets folder `root`; each change to a `.toml` file is sent on `changes`. The
/// watch lasts as long as the watcher returned.
pub fn watch(
    root: &Path,
    changes: broadcast::Sender<Changed>,
) -> Result<notify::RecommendedWatcher, Error> {
    let base = root.to_path_buf();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        let Ok(event) = event else { return };
        if matches!(event.kind, notify::EventKind::Access(_)) {
            return;
        }
        for path in &event.paths {
            if let Some(changed) = changed(&base, path) {
                // No page open: nobody to tell.
                let _ = changes.send(changed);
            }
        }
    })
    .map_err(|source| crate::pdf::Error::Watch {
        path: root.to_path_buf(),
        source,
    })?;
    watcher
        .watch(root, RecursiveMode::Recursive)
        .map_err(|source| crate::pdf::Error::Watch {
            path: root.to_path_buf(),
            source,
        })?;
    Ok(watcher)
}

/// The ward and file a changed path is, when it is a TOML file of a ward folder (the sheets
/// folder itself, or one below it).
fn changed(root: &Path, path: &Path) -> Option<Changed> {
    let name = path.file_name()?.to_string_lossy().into_owned();
    let ward = path.parent().filter(|dir| dir.starts_with(root))?;
    if !name.to_lowercase().contains(".toml") {
        return None;
    }
    Some(Changed {
        ward: ward.file_name()?.to_string_lossy().into_owned(),
        file: name,
    })
}

/// How long a file must be quiet before it is caught up with: an editor that writes a file in
/// place (truncated, then written) is not taken at its empty moment.
const SETTLE: std::time::Duration = std::time::Duration::from_millis(300);

/// Follows the changes for the history: each changed division file or `ward.toml`, once
/// quiet, is caught up with under its lock. Runs as long as the server.
pub async fn follow(app: Arc<App>) {
    let mut changes = app.changes.subscribe();
    loop {
        let mut changed = std::collections::BTreeSet::new();
        match changes.recv().await {
            Ok(first) => changed.insert((first.ward, first.file)),
            Err(broadcast::error::RecvError::Lagged(_)) => continue,
            Err(broadcast::error::RecvError::Closed) => return,
        };
        loop {
            match tokio::time::timeout(SETTLE, changes.recv()).await {
                Ok(Ok(more)) => {
                    changed.insert((more.ward, more.file));
                }
                Ok(Err(broadcast::error::RecvError::Lagged(_))) => {}
                Ok(Err(broadcast::error::RecvError::Closed)) => return,
                Err(_quiet) => break,
            }
        }
        for (ward, name) in changed {
            catch_up(&app, &ward, &name).await;
        }
    }
}

async fn catch_up(app: &Arc<App>, ward: &str, name: &str) {
    use super::http::{blocking, find_ward, locked_at};
    let Some(ward) = find_ward(app, ward).await else {
        return;
    };
    if name == crate::sheet::model::WARD_FILE {
        let path = ward.dir.join(name);
        locked_at(app, &path, move |app| super::settings::catch_up(app, &ward)).await;
        return;
    }
    let (root, listed, name) = (app.root.clone(), ward.clone(), name.to_string());
    let find = move || {
        let files = super::sheets::division_files(&root, &listed);
        files.into_iter().find(|f| f.path.ends_with(&name))
    };
    let Some(file) = blocking(find).await.flatten() else {
        return;
    };
    let path = file.path.clone();
    locked_at(app, &path, move |app| {
        super::preview::catch_up(app, &ward, &file)
    })
    .await;
}

/// `GET /api/events`: a `changed` event with `{"ward", "file"}` for each change.
pub async fn stream(
    State(app): State<Arc<App>>,
) -> Sse<impl tokio_stream::Stream<Item = Result<Event, Infallible>>> {
    let changes = BroadcastStream::new(app.changes.subscribe()).filter_map(|changed| {
        let changed = changed.ok()?;
        let event = Event::default().event("changed").json_data(changed).ok()?;
        Some(Ok(event))
    });
    Sse::new(changes).keep_alive(KeepAlive::default())
}
