//! Customer feedback ("Asiakaspalaute"), also the written termination route.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use portal_api::{ErrorBody, FeedbackReceipt, FeedbackRequest};

use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, Auth, IdempotencyKey};
use crate::routes::orders::{idempotency_lookup, idempotency_store, request_hash};
use crate::services::get_row;
use crate::state::AppState;

/// Sends feedback (or a written termination notice). Needs an
/// `Idempotency-Key`: a replay returns the first receipt.
#[utoipa::path(post, path = "/api/v1/feedback", tag = "feedback",
    security(("bearer" = [])),
    params(("Idempotency-Key" = String, Header, min_length = 1, max_length = 128, pattern = "^[\x21-\x7E]+$", description = "1–128 visible ASCII characters, unique per message")),
    request_body = FeedbackRequest,
    responses(
        (status = 201, description = "Received (or the replayed first receipt)", body = FeedbackReceipt),
        (status = 400, description = "malformed_request / idempotency_key_required", body = ErrorBody),
        (status = 401, description = "unauthorized / token_expired", body = ErrorBody),
        (status = 404, description = "not_found (service_id)", body = ErrorBody),
        (status = 409, description = "idempotency_key_reused", body = ErrorBody),
        (status = 422, description = "message_length / invalid_email / invalid_phone", body = ErrorBody),
    ))]
pub(crate) async fn send_feedback(
    State(state): State<AppState>,
    auth: Auth,
    IdempotencyKey(key): IdempotencyKey,
    ApiJson(req): ApiJson<FeedbackRequest>,
) -> ApiResult<Response> {
    const SCOPE: &str = "feedback";
    // The contract's one set of rules (the client checks the same before queueing).
    let valid = portal_api::validate::feedback(&req)?;
    let hash = request_hash(&req);

    let _guard = state.write_lock.lock().await;
    let mut tx = state.db.begin_with("BEGIN IMMEDIATE").await?;
    if let Some(replay) = idempotency_lookup(&mut tx, auth.customer_id, SCOPE, &key, &hash).await? {
        return Ok(replay);
    }
    if let Some(id) = req.service_id {
        if get_row(&mut *tx, auth.customer_id, id).await?.is_none() {
            return Err(ApiError::not_found().field("service_id"));
        }
    }
    let received_at = chrono::Utc::now();
    let topic = serde_json::to_value(req.topic)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO feedback (customer_id, topic, message, contact_me, contact_email,
            contact_phone, service_id, received_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(auth.customer_id)
    .bind(topic)
    .bind(&valid.message)
    .bind(req.contact_me)
    .bind(&valid.contact_email)
    .bind(&valid.contact_phone)
    .bind(req.service_id)
    .bind(received_at.timestamp_millis())
    .fetch_one(&mut *tx)
    .await?;
    let receipt = FeedbackReceipt {
        id,
        topic: req.topic,
        received_at,
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
    Ok((StatusCode::CREATED, Json(receipt)).into_response())
}
