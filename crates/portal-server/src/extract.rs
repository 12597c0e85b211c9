//! Extractors that turn every bad input into the error envelope.

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{header, StatusCode};
use portal_api::{ErrorCode, IDEMPOTENCY_KEY_HEADER, IDEMPOTENCY_KEY_MAX_LEN};
use serde::de::DeserializeOwned;

use crate::auth;
use crate::error::ApiError;
use crate::state::AppState;

/// A JSON body: wrong content type → 415, too large → 413, syntax errors,
/// missing fields and wrong types → 400 `malformed_request` (with `field`).
pub(crate) struct ApiJson<T>(pub T);

impl<T, S> FromRequest<S> for ApiJson<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let is_json = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .map(|mime| {
                let mime = mime.trim().to_ascii_lowercase();
                mime == "application/json"
                    || (mime.starts_with("application/") && mime.ends_with("+json"))
            })
            .unwrap_or(false);
        if !is_json {
            return Err(ApiError::new(
                ErrorCode::UnsupportedMediaType,
                "expected a body with Content-Type: application/json",
            ));
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|rejection| {
            if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                ApiError::new(ErrorCode::PayloadTooLarge, "request body is too large")
            } else {
                ApiError::new(
                    ErrorCode::MalformedRequest,
                    "could not read the request body",
                )
            }
        })?;
        let mut de = serde_json::Deserializer::from_slice(&bytes);
        let value = serde_path_to_error::deserialize(&mut de).map_err(|e| {
            let path = e.path().to_string();
            let inner = e.into_inner();
            let message = match inner.classify() {
                serde_json::error::Category::Syntax | serde_json::error::Category::Eof => {
                    "the body is not valid JSON".to_string()
                }
                _ => format!("invalid request body: {inner}"),
            };
            let mut err = ApiError::new(ErrorCode::MalformedRequest, message);
            if path != "." && !path.is_empty() {
                err = err.field(path);
            } else if let Some(field) = missing_field(&inner.to_string()) {
                err = err.field(field);
            }
            err
        })?;
        // Nothing but whitespace may follow the value.
        de.end().map_err(|_| {
            ApiError::new(ErrorCode::MalformedRequest, "the body is not valid JSON")
        })?;
        Ok(ApiJson(value))
    }
}

fn missing_field(msg: &str) -> Option<String> {
    let rest = msg.strip_prefix("missing field `")?;
    Some(rest.split('`').next()?.to_string())
}

/// The authenticated customer behind a bearer access token.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Auth {
    pub customer_id: i64,
    pub family_id: i64,
}

impl FromRequestParts<AppState> for Auth {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let token = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| {
                let (scheme, rest) = v.trim().split_once(' ')?;
                scheme.eq_ignore_ascii_case("bearer").then(|| rest.trim())
            })
            .filter(|t| !t.is_empty() && t.len() <= 256)
            .ok_or_else(ApiError::unauthorized)?;
        auth::authenticate(state, token).await
    }
}

/// The `Idempotency-Key` header (required, 1..=128 visible ASCII chars).
pub(crate) struct IdempotencyKey(pub String);

impl<S: Send + Sync> FromRequestParts<S> for IdempotencyKey {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, ApiError> {
        let Some(value) = parts.headers.get(IDEMPOTENCY_KEY_HEADER) else {
            return Err(ApiError::new(
                ErrorCode::IdempotencyKeyRequired,
                "an Idempotency-Key header is required",
            )
            .field(IDEMPOTENCY_KEY_HEADER));
        };
        let key = value.to_str().map(str::trim).unwrap_or("");
        if key.is_empty() {
            return Err(ApiError::new(
                ErrorCode::IdempotencyKeyRequired,
                "the Idempotency-Key header is empty or not visible ASCII",
            )
            .field(IDEMPOTENCY_KEY_HEADER));
        }
        if key.len() > IDEMPOTENCY_KEY_MAX_LEN || !key.bytes().all(|b| b.is_ascii_graphic()) {
            return Err(ApiError::new(
                ErrorCode::ValidationFailed,
                format!(
                    "the Idempotency-Key must be 1 to {IDEMPOTENCY_KEY_MAX_LEN} visible ASCII characters"
                ),
            )
            .field(IDEMPOTENCY_KEY_HEADER));
        }
        Ok(IdempotencyKey(key.to_string()))
    }
}

/// A numeric id from the path; anything else is simply not found.
pub(crate) fn parse_id(raw: &str) -> Result<i64, ApiError> {
    raw.parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or_else(ApiError::not_found)
}
