//! The app's update feed (see `crate::updates`).

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use portal_api::{ErrorBody, ErrorCode, UpdateRelease};
use serde::Deserialize;

use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::updates::{self, NoUpdate};

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct UpdateQuery {
    /// The caller's bundle type (`deb`, `rpm`, `appimage`, `nsis`, `msi`, `app`),
    /// when known: picks that artifact first.
    bundle: Option<String>,
}

/// The newest release for this platform when it is newer than
/// `current_version` (the JSON Tauri's updater reads, notes in every
/// language), or 204 when the caller is current or nothing is published for
/// its platform.
#[utoipa::path(get, path = "/api/v1/updates/{target}/{arch}/{current_version}", tag = "public", security(()),
    params(
        ("target" = String, Path, description = "`linux`, `windows` or `darwin`"),
        ("arch" = String, Path, description = "`x86_64`, `aarch64`, …"),
        ("current_version" = String, Path, description = "The caller's semantic version, e.g. `0.1.0`"),
        UpdateQuery,
    ),
    responses(
        (status = 200, description = "A newer release", body = UpdateRelease),
        (status = 204, description = "No newer release for this platform"),
        (status = 400, description = "`current_version` is not a semantic version (validation_failed)", body = ErrorBody),
    ))]
pub(crate) async fn check_update(
    State(state): State<AppState>,
    Path((target, arch, current)): Path<(String, String, String)>,
    Query(q): Query<UpdateQuery>,
) -> ApiResult<Response> {
    let current = semver::Version::parse(current.trim_start_matches('v')).map_err(|_| {
        ApiError::new(
            ErrorCode::ValidationFailed,
            "current_version is not a semantic version",
        )
        .field("current_version")
    })?;
    let Some(dir) = state.config.updates_dir.clone() else {
        return Ok(StatusCode::NO_CONTENT.into_response());
    };
    let base = state.base_url.clone();
    let found = tokio::task::spawn_blocking(move || {
        updates::offer(&dir, &target, &arch, q.bundle.as_deref(), &current, &base)
    })
    .await
    .map_err(|_| ApiError::internal())?;
    match found {
        Ok(release) => Ok(Json(release).into_response()),
        Err(NoUpdate::None) => Ok(StatusCode::NO_CONTENT.into_response()),
        Err(NoUpdate::Broken(why)) => {
            tracing::warn!(%why, "update feed: release not offered");
            Ok(StatusCode::NO_CONTENT.into_response())
        }
    }
}

/// Downloads a release artifact. Supports `Range` (one range), `If-Range`
/// with the ETag, `If-None-Match`, and HEAD — like the installers.
#[utoipa::path(get, path = "/api/v1/update-files/{file_name}", tag = "public", security(()),
    params(
        ("file_name" = String, Path, description = "Artifact file name from an update's `url`"),
        ("Range" = Option<String>, Header, description = "One byte range, e.g. `bytes=1000-`"),
        ("If-Range" = Option<String>, Header, description = "Serve the range only if the ETag still matches"),
    ),
    responses(
        (status = 200, description = "The whole file", content_type = "application/octet-stream"),
        (status = 206, description = "The requested range", content_type = "application/octet-stream"),
        (status = 304, description = "Not modified (If-None-Match)"),
        (status = 404, description = "No such artifact", body = ErrorBody),
        (status = 416, description = "Range not satisfiable; Content-Range: bytes */LEN", body = ErrorBody),
    ))]
pub(crate) async fn download_update(
    State(state): State<AppState>,
    Path(file_name): Path<String>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    let not_found = || ApiError::new(ErrorCode::NotFound, "no such update file");
    let dir = state.config.updates_dir.clone().ok_or_else(not_found)?;
    let file = tokio::task::spawn_blocking(move || updates::artifact(&dir, &file_name))
        .await
        .map_err(|_| ApiError::internal())?
        .ok_or_else(not_found)?;
    crate::installers::serve(&file, &headers).await
}
