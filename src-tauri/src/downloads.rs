//! Installer downloads, addressed by service id. The file's path stays here;
//! the UI sees only [`DownloadStatus`] (and `download-progress` events). The
//! transfer itself — signed manifest check, resume, SHA-256 — is
//! portal-client's `download_installer`; a file is "verified" only when that
//! returned its final path.

use crate::error::{Error, Result};
use crate::events::{self, Events};
use crate::types::{DownloadState, DownloadStatus};
use portal_api::{ErrorCode, OrderedService, Os};
use portal_client::{CancellationToken, PortalClient};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

struct Entry {
    /// Which start() the running task belongs to.
    gen: u64,
    status: DownloadStatus,
    cancel: Option<CancellationToken>,
    path: Option<PathBuf>,
}

#[derive(Clone)]
pub struct Downloads {
    dir: PathBuf,
    os: Option<Os>,
    entries: Arc<Mutex<HashMap<i64, Entry>>>,
    /// Source of `DownloadStatus::seq`; bumped under the `entries` lock, so
    /// `seq` order is the order of the changes.
    seq: Arc<AtomicU64>,
}

impl Downloads {
    /// Downloads of this OS's installers into `dir`.
    pub fn new(dir: PathBuf) -> Self {
        Self {
            dir,
            os: Os::current(),
            entries: Arc::default(),
            seq: Arc::default(),
        }
    }

    /// The next `seq`; call with the `entries` lock held.
    fn next_seq(&self) -> u64 {
        self.seq.fetch_add(1, Ordering::Relaxed) + 1
    }

    fn os(&self) -> Result<Os> {
        self.os
            .ok_or_else(|| Error::new(ErrorCode::NoInstallerForOs, "no installer for this system"))
    }

    /// The installer this OS would download for `service` (display data; the
    /// download itself trusts only the verified manifest).
    fn listed(&self, service: &OrderedService) -> Result<(Os, String, u64)> {
        let os = self.os()?;
        let sec = service
            .security
            .as_ref()
            .ok_or_else(|| Error::new(ErrorCode::NotFound, "not a security service"))?;
        let inst = portal_api::pick_installer(&sec.installers, os, portal_api::Arch::current())
            .ok_or_else(|| {
                Error::new(ErrorCode::NoInstallerForOs, "no installer for this system")
            })?;
        Ok((os, inst.file_name.clone(), inst.size))
    }

    pub fn status(&self, service_id: i64) -> Option<DownloadStatus> {
        self.entries
            .lock()
            .unwrap()
            .get(&service_id)
            .map(|e| e.status.clone())
    }

    /// `idle` status of a service nothing was downloaded for yet.
    pub fn idle_status(&self, service: &OrderedService) -> Result<DownloadStatus> {
        let (os, file_name, total) = self.listed(service)?;
        Ok(DownloadStatus {
            service_id: service.id,
            os,
            file_name,
            received: 0,
            total,
            state: DownloadState::Idle,
            error: None,
            seq: 0,
        })
    }

    /// Starts (or resumes) the download in the background; returns at once.
    /// A running or verified download is left as it is.
    pub async fn start(
        &self,
        client: PortalClient,
        service: &OrderedService,
        events: Arc<dyn Events>,
    ) -> Result<DownloadStatus> {
        let (os, _, _) = self.listed(service)?;
        let manifest = service
            .security
            .as_ref()
            .map(|s| s.manifest.clone())
            .expect("listed checked security");
        let id = service.id;
        let cancel = CancellationToken::new();
        let status = {
            let mut map = self.entries.lock().unwrap();
            if let Some(e) = map.get(&id) {
                let busy = matches!(
                    e.status.state,
                    DownloadState::Downloading | DownloadState::Verifying
                );
                let done = e.status.state == DownloadState::Verified
                    && e.path.as_ref().is_some_and(|p| p.exists());
                if busy || done {
                    return Ok(e.status.clone());
                }
            }
            let mut status = match map.get(&id) {
                Some(e) => e.status.clone(),
                None => self.idle_status(service)?,
            };
            status.state = DownloadState::Downloading;
            status.error = None;
            status.seq = self.next_seq();
            let gen = map.get(&id).map_or(0, |e| e.gen + 1);
            map.insert(
                id,
                Entry {
                    gen,
                    status: status.clone(),
                    cancel: Some(cancel.clone()),
                    path: None,
                },
            );
            (status, gen)
        };
        let (status, gen) = status;
        events::emit(&*events, events::DOWNLOAD_PROGRESS, &status);
        let this = self.clone();
        let dest = self.dir.join(id.to_string());
        tokio::spawn(async move {
            let progress = {
                let this = this.clone();
                let events = events.clone();
                move |p: portal_client::Progress| {
                    let state = if p.downloaded >= p.total {
                        DownloadState::Verifying
                    } else {
                        DownloadState::Downloading
                    };
                    if let Some(s) = this.update(id, gen, |s| {
                        s.received = p.downloaded;
                        s.total = p.total;
                        s.state = state;
                    }) {
                        events::emit(&*events, events::DOWNLOAD_PROGRESS, &s);
                    }
                }
            };
            let result = client
                .download_installer(&manifest, os, &dest, progress, cancel)
                .await;
            let finished = {
                let mut map = this.entries.lock().unwrap();
                let seq = this.next_seq();
                map.get_mut(&id).filter(|e| e.gen == gen).map(|e| {
                    e.cancel = None;
                    e.status.seq = seq;
                    match result {
                        Ok(path) => {
                            e.status.received = e.status.total;
                            e.status.state = DownloadState::Verified;
                            e.path = Some(path);
                        }
                        Err(err) if err.code == ErrorCode::Cancelled => {
                            e.status.state = DownloadState::Paused;
                        }
                        Err(err) => {
                            tracing::warn!("download failed: {}", err.code);
                            e.status.state = DownloadState::Failed;
                            e.status.error = Some(err.to_body());
                        }
                    }
                    e.status.clone()
                })
            };
            if let Some(s) = finished {
                events::emit(&*events, events::DOWNLOAD_PROGRESS, &s);
            }
        });
        Ok(status)
    }

    fn update(
        &self,
        id: i64,
        gen: u64,
        f: impl FnOnce(&mut DownloadStatus),
    ) -> Option<DownloadStatus> {
        let mut map = self.entries.lock().unwrap();
        let e = map.get_mut(&id)?;
        if e.gen != gen || e.cancel.is_none() {
            return None;
        }
        f(&mut e.status);
        e.status.seq = self.next_seq();
        Some(e.status.clone())
    }

    /// Pauses a running download (its `.part` stays for a resume).
    pub async fn pause(&self, service_id: i64) -> Result<DownloadStatus> {
        let mut map = self.entries.lock().unwrap();
        let e = map
            .get_mut(&service_id)
            .ok_or_else(|| Error::new(ErrorCode::NotFound, "no download for this service"))?;
        if let Some(c) = e.cancel.take() {
            c.cancel();
            e.status.state = DownloadState::Paused;
            e.status.seq = self.next_seq();
        }
        Ok(e.status.clone())
    }

    pub fn pause_all(&self) {
        for e in self.entries.lock().unwrap().values_mut() {
            if let Some(c) = e.cancel.take() {
                c.cancel();
                e.status.state = DownloadState::Paused;
                e.status.seq = self.next_seq();
            }
        }
    }

    /// Sign-out: stops every download and deletes every installer and partial
    /// download of the account (they are fetched again after a sign-in).
    pub fn forget_all(&self) -> Result<()> {
        self.pause_all();
        self.entries.lock().unwrap().clear();
        match std::fs::remove_dir_all(&self.dir) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(e.into()),
        }
    }

    /// The verified installer's path; refuses unless verified.
    pub fn verified_path(&self, service_id: i64) -> Result<PathBuf> {
        let map = self.entries.lock().unwrap();
        map.get(&service_id)
            .filter(|e| e.status.state == DownloadState::Verified)
            .and_then(|e| e.path.clone())
            .filter(|p| p.exists())
            .ok_or_else(|| {
                Error::new(
                    ErrorCode::VerificationFailed,
                    "the installer is not downloaded and verified",
                )
            })
    }
}
