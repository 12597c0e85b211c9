//! Orders ("Tilaa") with idempotency keys.

use axum::extract::State;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{Days, Months};
use portal_api::{ErrorBody, ErrorCode, OrderReceipt, OrderRequest, ServiceStatus};
use serde::Serialize;
use sha2::{Digest, Sha256};
use sqlx::{Sqlite, Transaction};

use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, Auth, IdempotencyKey};
use crate::routes::customer::load_customer;
use crate::routes::services::validate_mix;
use crate::services::{
    get_row, list_rows, monthly_total, new_device_code, new_subscription_key, to_wire,
};
use crate::state::{now_ms, AppState};

/// SHA-256 of the request's canonical JSON (field order fixed by the type).
pub(crate) fn request_hash<T: Serialize>(req: &T) -> String {
    hex::encode(Sha256::digest(serde_json::to_vec(req).unwrap_or_default()))
}

/// A stored answer for `(customer, scope, key)`: the same body replays it,
/// a different body is refused.
pub(crate) async fn idempotency_lookup(
    tx: &mut Transaction<'_, Sqlite>,
    customer_id: i64,
    scope: &str,
    key: &str,
    hash: &str,
) -> Result<Option<Response>, ApiError> {
    let row: Option<(String, i64, String)> = sqlx::query_as(
        "SELECT request_hash, response_status, response_body FROM idempotency_keys
          WHERE customer_id = ? AND scope = ? AND idem_key = ?",
    )
    .bind(customer_id)
    .bind(scope)
    .bind(key)
    .fetch_optional(&mut **tx)
    .await?;
    let Some((stored_hash, status, body)) = row else {
        return Ok(None);
    };
    if stored_hash != hash {
        return Err(ApiError::new(
            ErrorCode::IdempotencyKeyReused,
            "this Idempotency-Key was used for a different request",
        ));
    }
    let status = StatusCode::from_u16(status as u16).unwrap_or(StatusCode::OK);
    let mut resp = (
        status,
        [(axum::http::header::CONTENT_TYPE, "application/json")],
        body,
    )
        .into_response();
    resp.headers_mut()
        .insert("idempotent-replayed", HeaderValue::from_static("true"));
    Ok(Some(resp))
}

pub(crate) async fn idempotency_store(
    tx: &mut Transaction<'_, Sqlite>,
    customer_id: i64,
    scope: &str,
    key: &str,
    hash: &str,
    status: StatusCode,
    body: &str,
) -> Result<(), ApiError> {
    sqlx::query(
        "INSERT INTO idempotency_keys
            (customer_id, scope, idem_key, request_hash, response_status, response_body, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(customer_id)
    .bind(scope)
    .bind(key)
    .bind(hash)
    .bind(status.as_u16() as i64)
    .bind(body)
    .bind(now_ms())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Orders a product, or updates a valid service to a bigger product
/// (`replaces_service_id`). Needs an `Idempotency-Key`: a replay with the
/// same key and body returns the first receipt and creates nothing.
#[utoipa::path(post, path = "/api/v1/orders", tag = "orders",
    security(("bearer" = [])),
    params(("Idempotency-Key" = String, Header, min_length = 1, max_length = 128, pattern = "^[\x21-\x7E]+$", description = "1–128 visible ASCII characters, unique per order")),
    request_body = OrderRequest,
    responses(
        (status = 201, description = "Ordered (or the replayed first receipt)", body = OrderReceipt),
        (status = 400, description = "malformed_request / idempotency_key_required", body = ErrorBody),
        (status = 401, description = "unauthorized / token_expired", body = ErrorBody),
        (status = 403, description = "no_customer_relationship / no_billing_agreement / pay_tv_card_required", body = ErrorBody),
        (status = 404, description = "not_found (replaces_service_id)", body = ErrorBody),
        (status = 409, description = "product_not_orderable / already_subscribed / update_not_allowed / idempotency_key_reused", body = ErrorBody),
        (status = 422, description = "mix_wrong_count / mix_channel_not_allowed", body = ErrorBody),
    ))]
pub(crate) async fn create_order(
    State(state): State<AppState>,
    auth: Auth,
    IdempotencyKey(key): IdempotencyKey,
    ApiJson(req): ApiJson<OrderRequest>,
) -> ApiResult<Response> {
    const SCOPE: &str = "order";
    let hash = request_hash(&req);
    let today = state.today();
    let catalogue = crate::catalogue::catalogue();

    let _guard = state.write_lock.lock().await;
    let mut tx = state.db.begin_with("BEGIN IMMEDIATE").await?;
    if let Some(replay) = idempotency_lookup(&mut tx, auth.customer_id, SCOPE, &key, &hash).await? {
        return Ok(replay);
    }

    let customer = load_customer(&mut *tx, auth.customer_id).await?;
    if !customer.relationship_valid {
        return Err(ApiError::new(
            ErrorCode::NoCustomerRelationship,
            "the customer relationship is not valid",
        ));
    }
    if !customer.billing_agreement_valid {
        return Err(ApiError::new(
            ErrorCode::NoBillingAgreement,
            "ordering needs a valid billing agreement",
        ));
    }
    let product = catalogue.product(&req.product_id).ok_or_else(|| {
        ApiError::new(ErrorCode::ProductNotOrderable, "no such product").field("product_id")
    })?;
    if product.requires_pay_tv_card && !customer.card_valid(today) {
        return Err(ApiError::new(
            ErrorCode::PayTvCardRequired,
            "pay channels need a valid pay-TV card",
        )
        .field("product_id"));
    }
    let mix_channels = match (&product.mix, &req.mix_channels) {
        (Some(spec), Some(channels)) => {
            validate_mix(spec, channels, "mix_channels")?;
            Some(channels.clone())
        }
        (Some(spec), None) => {
            return Err(ApiError::new(
                ErrorCode::MixWrongCount,
                format!("choose exactly {} channels", spec.channel_count),
            )
            .field("mix_channels"))
        }
        (None, Some(channels)) if !channels.is_empty() => {
            return Err(ApiError::new(
                ErrorCode::ValidationFailed,
                "only MIX packages take channels",
            )
            .field("mix_channels"))
        }
        (None, _) => None,
    };

    let rows = list_rows(&mut *tx, auth.customer_id).await?;
    let replaced = match req.replaces_service_id {
        None => None,
        Some(id) => {
            let old = rows
                .iter()
                .find(|r| r.id == id)
                .ok_or_else(|| ApiError::not_found().field("replaces_service_id"))?;
            if old.status(today) == ServiceStatus::Ended
                || !product.updates.contains(&old.product_id)
            {
                return Err(ApiError::new(
                    ErrorCode::UpdateNotAllowed,
                    "this product cannot replace that service",
                )
                .field("replaces_service_id"));
            }
            Some(old.clone())
        }
    };
    if rows
        .iter()
        .any(|r| r.product_id == product.id && r.status(today) != ServiceStatus::Ended)
    {
        return Err(ApiError::new(
            ErrorCode::AlreadySubscribed,
            "you already have this product",
        )
        .field("product_id"));
    }

    let start = today;
    let end = product.term_months.map(|m| start + Months::new(m));
    let security = product.devices_allowed.is_some();
    let (mut sub_key, mut device_code) = (None, None);
    if security {
        sub_key = Some(new_subscription_key());
        device_code = Some(new_device_code());
    }
    if let Some(old) = &replaced {
        // The old service ends yesterday; the new one starts today.
        let old_end = today - Days::new(1);
        let old_start = old.start_date.min(old_end);
        sqlx::query(
            "UPDATE services SET end_date = ?, start_date = ?, device_code = NULL
              WHERE id = ? AND customer_id = ?",
        )
        .bind(old_end)
        .bind(old_start)
        .bind(old.id)
        .bind(auth.customer_id)
        .execute(&mut *tx)
        .await?;
        if security && old.subscription_key.is_some() {
            // An update keeps the subscription key and the protected devices.
            sub_key = old.subscription_key.clone();
            device_code = old.device_code.clone().or(device_code);
        }
    }
    let service_id: i64 = sqlx::query_scalar(
        "INSERT INTO services (customer_id, product_id, start_date, end_date, mix_channels,
            subscription_key, device_code, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(auth.customer_id)
    .bind(&product.id)
    .bind(start)
    .bind(end)
    .bind(mix_channels.map(|m| serde_json::to_string(&m).unwrap_or_default()))
    .bind(sub_key)
    .bind(device_code)
    .bind(now_ms())
    .fetch_one(&mut *tx)
    .await?;
    let created_at = chrono::Utc::now();
    let order_id: i64 = sqlx::query_scalar(
        "INSERT INTO orders (customer_id, service_id, replaced_service_id, created_at)
         VALUES (?, ?, ?, ?) RETURNING id",
    )
    .bind(auth.customer_id)
    .bind(service_id)
    .bind(replaced.as_ref().map(|r| r.id))
    .bind(created_at.timestamp_millis())
    .fetch_one(&mut *tx)
    .await?;
    if let Some(old) = replaced
        .as_ref()
        .filter(|o| security && o.subscription_key.is_some())
    {
        // An update keeps the protected devices: their licences move along.
        sqlx::query("UPDATE devices SET service_id = ? WHERE service_id = ?")
            .bind(service_id)
            .bind(old.id)
            .execute(&mut *tx)
            .await?;
    }
    let row = get_row(&mut *tx, auth.customer_id, service_id)
        .await?
        .ok_or_else(ApiError::internal)?;
    let rows = list_rows(&mut *tx, auth.customer_id).await?;
    let receipt = OrderReceipt {
        order_id,
        service: to_wire(&state, &row, today),
        monthly_total_cents: monthly_total(&rows, today),
        charged_from: start,
        created_at,
    };
    let body = serde_json::to_string(&receipt).map_err(|_| ApiError::internal())?;
    idempotency_store(
        &mut tx,
        auth.customer_id,
        SCOPE,
        &key,
        &hash,
        StatusCode::CREATED,
        &body,
    )
    .await?;
    tx.commit().await?;
    tracing::info!(order_id, "order created");
    Ok((StatusCode::CREATED, Json(receipt)).into_response())
}
