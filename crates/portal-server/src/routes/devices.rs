//! The Turvapaketti device registry: the installer registers a device with
//! the subscription key (public: the installer has no sign-in), the security
//! client reports in; the signed-in customer lists the devices of a service
//! and releases a licence. Never more devices than licences.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{DateTime, Utc};
use portal_api::{
    normalize_subscription_key, Device, DeviceHeartbeat, DeviceList, DeviceRegistration, ErrorBody,
    ErrorCode, Os, ServiceStatus,
};

use crate::error::{ApiError, ApiResult};
use crate::extract::{parse_id, ApiJson, Auth};
use crate::services::{get_row, ServiceRow};
use crate::state::{now_ms, AppState};

#[derive(Debug, sqlx::FromRow)]
struct DeviceRow {
    id: i64,
    service_id: i64,
    name: String,
    os: String,
    app_version: String,
    registered_at: i64,
    last_seen: i64,
}

const DEVICE_COLUMNS: &str = "id, service_id, name, os, app_version, registered_at, last_seen";

fn instant(ms: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(ms).unwrap_or_default()
}

fn os_name(os: Os) -> String {
    serde_json::to_value(os)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

impl DeviceRow {
    fn to_wire(&self) -> Device {
        Device {
            id: self.id,
            service_id: self.service_id,
            name: self.name.clone(),
            os: serde_json::from_value(serde_json::Value::String(self.os.clone()))
                .unwrap_or(Os::Windows),
            app_version: self.app_version.clone(),
            registered_at: instant(self.registered_at),
            last_seen: instant(self.last_seen),
        }
    }
}

async fn device<'e>(
    db: impl sqlx::SqliteExecutor<'e>,
    id: i64,
) -> Result<Option<DeviceRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {DEVICE_COLUMNS} FROM devices WHERE id = ? AND released_at IS NULL"
    ))
    .bind(id)
    .fetch_optional(db)
    .await
}

/// The security service a subscription key belongs to: the newest one with
/// that key (an update keeps the key), or `not_found` naming the field.
async fn service_by_key(
    db: &mut sqlx::SqliteConnection,
    key: &str,
) -> Result<(i64, ServiceRow), ApiError> {
    let found: Option<(i64, i64)> = sqlx::query_as(
        "SELECT customer_id, id FROM services WHERE subscription_key = ? ORDER BY id DESC LIMIT 1",
    )
    .bind(key)
    .fetch_optional(&mut *db)
    .await?;
    let unknown = || {
        ApiError::new(ErrorCode::NotFound, "no subscription has this key").field("subscription_key")
    };
    let (customer_id, id) = found.ok_or_else(unknown)?;
    let row = get_row(&mut *db, customer_id, id)
        .await?
        .ok_or_else(unknown)?;
    Ok((customer_id, row))
}

/// Registers a device with the subscription key (sent by the installer).
/// The same `machine_id` again returns its existing device (200) without
/// taking another licence.
#[utoipa::path(post, path = "/api/v1/devices", tag = "devices", security(()),
    request_body = DeviceRegistration,
    responses(
        (status = 201, description = "Registered: the device holds one licence", body = Device),
        (status = 200, description = "This machine was registered already", body = Device),
        (status = 400, description = "validation_failed (with field)", body = ErrorBody),
        (status = 404, description = "not_found: no subscription has this key (field subscription_key)", body = ErrorBody),
        (status = 409, description = "device_limit_reached (field devices_allowed; the message names the limit) / update_not_allowed (the subscription has ended)", body = ErrorBody),
    ))]
pub(crate) async fn register_device(
    State(state): State<AppState>,
    ApiJson(req): ApiJson<DeviceRegistration>,
) -> ApiResult<Response> {
    let req = req.validated().map_err(ApiError::from)?;
    let today = state.today();
    let _guard = state.write_lock.lock().await;
    let mut tx = state.db.begin_with("BEGIN IMMEDIATE").await?;
    let (_, service) = service_by_key(&mut tx, &req.subscription_key).await?;
    let Some(allowed) = service.product().and_then(|p| p.devices_allowed) else {
        return Err(ApiError::not_found().field("subscription_key"));
    };
    if service.status(today) == ServiceStatus::Ended {
        return Err(ApiError::new(
            ErrorCode::UpdateNotAllowed,
            "the subscription has ended",
        ));
    }
    let now = now_ms();
    if let Some(machine) = &req.machine_id {
        let existing: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM devices WHERE service_id = ? AND machine_id = ? AND released_at IS NULL",
        )
        .bind(service.id)
        .bind(machine)
        .fetch_optional(&mut *tx)
        .await?;
        if let Some(id) = existing {
            sqlx::query(
                "UPDATE devices SET name = ?, os = ?, app_version = ?, last_seen = ? WHERE id = ?",
            )
            .bind(&req.name)
            .bind(os_name(req.os))
            .bind(&req.app_version)
            .bind(now)
            .bind(id)
            .execute(&mut *tx)
            .await?;
            let row = device(&mut *tx, id).await?.ok_or_else(ApiError::internal)?;
            tx.commit().await?;
            return Ok((StatusCode::OK, Json(row.to_wire())).into_response());
        }
    }
    if service.devices_in_use >= i64::from(allowed) {
        return Err(ApiError::new(
            ErrorCode::DeviceLimitReached,
            format!(
                "all {allowed} licences of this Turvapaketti are in use: release one from a device \
                 that is no longer used, or order a package with more devices"
            ),
        )
        .field("devices_allowed"));
    }
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO devices (service_id, name, os, app_version, machine_id, registered_at, last_seen)
         VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(service.id)
    .bind(&req.name)
    .bind(os_name(req.os))
    .bind(&req.app_version)
    .bind(&req.machine_id)
    .bind(now)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    let row = device(&mut *tx, id).await?.ok_or_else(ApiError::internal)?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(row.to_wire())).into_response())
}

/// The security client reports in: updates "last seen". A released device,
/// or a key that is not the device's subscription's, is `not_found`.
#[utoipa::path(post, path = "/api/v1/devices/{id}/heartbeat", tag = "devices", security(()),
    params(("id" = i64, Path, description = "Device id")),
    request_body = DeviceHeartbeat,
    responses(
        (status = 200, description = "The device", body = Device),
        (status = 400, description = "validation_failed", body = ErrorBody),
        (status = 404, description = "not_found (unknown or released device, or another subscription's key)", body = ErrorBody),
    ))]
pub(crate) async fn device_heartbeat(
    State(state): State<AppState>,
    Path(id): Path<String>,
    ApiJson(req): ApiJson<DeviceHeartbeat>,
) -> ApiResult<Json<Device>> {
    let id = parse_id(&id)?;
    let key = normalize_subscription_key(&req.subscription_key).map_err(ApiError::from)?;
    let _guard = state.write_lock.lock().await;
    let done = sqlx::query(
        "UPDATE devices SET last_seen = ?
          WHERE id = ? AND released_at IS NULL
            AND service_id IN (SELECT id FROM services WHERE subscription_key = ?)",
    )
    .bind(now_ms())
    .bind(id)
    .bind(&key)
    .execute(&state.db)
    .await?;
    if done.rows_affected() == 0 {
        return Err(ApiError::not_found());
    }
    let row = device(&state.db, id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    Ok(Json(row.to_wire()))
}

/// The devices holding the licences of one of the customer's Turvapaketti
/// services, most recently seen first (404 for another customer's service
/// or a service without devices).
#[utoipa::path(get, path = "/api/v1/services/{id}/devices", tag = "devices",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Service id of a Turvapaketti")),
    responses(
        (status = 200, description = "The devices", body = DeviceList),
        (status = 401, description = "unauthorized / token_expired", body = ErrorBody),
        (status = 404, description = "not_found", body = ErrorBody),
    ))]
pub(crate) async fn list_devices(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<Json<DeviceList>> {
    let id = parse_id(&id)?;
    let service = get_row(&state.db, auth.customer_id, id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let allowed = service
        .product()
        .and_then(|p| p.devices_allowed)
        .ok_or_else(ApiError::not_found)?;
    let rows: Vec<DeviceRow> = sqlx::query_as(&format!(
        "SELECT {DEVICE_COLUMNS} FROM devices WHERE service_id = ? AND released_at IS NULL
          ORDER BY last_seen DESC, id"
    ))
    .bind(id)
    .fetch_all(&state.db)
    .await?;
    Ok(Json(DeviceList {
        service_id: id,
        devices_allowed: allowed,
        devices: rows.iter().map(DeviceRow::to_wire).collect(),
    }))
}

/// Releases a device's licence (the slot becomes free). Idempotent: an
/// already released device of the customer answers 204 again; another
/// customer's or an unknown device is `not_found`.
#[utoipa::path(delete, path = "/api/v1/devices/{id}", tag = "devices",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Device id")),
    responses(
        (status = 204, description = "Released (or released before)"),
        (status = 401, description = "unauthorized / token_expired", body = ErrorBody),
        (status = 404, description = "not_found", body = ErrorBody),
    ))]
pub(crate) async fn release_device(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    let id = parse_id(&id)?;
    let _guard = state.write_lock.lock().await;
    let owned: Option<i64> = sqlx::query_scalar(
        "SELECT d.id FROM devices d JOIN services s ON s.id = d.service_id
          WHERE d.id = ? AND s.customer_id = ?",
    )
    .bind(id)
    .bind(auth.customer_id)
    .fetch_optional(&state.db)
    .await?;
    if owned.is_none() {
        return Err(ApiError::not_found());
    }
    sqlx::query("UPDATE devices SET released_at = ? WHERE id = ? AND released_at IS NULL")
        .bind(now_ms())
        .bind(id)
        .execute(&state.db)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
