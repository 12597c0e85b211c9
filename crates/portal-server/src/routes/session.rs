//! Sign-in, refresh and sign-out.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, State};
use axum::http::StatusCode;
use axum::Json;
use portal_api::{
    ErrorBody, ErrorCode, RefreshRequest, SignInRequest, TokenPair, PASSWORD_MAX_LEN,
};

use crate::auth;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, Auth};
use crate::state::AppState;

/// Signs in with email and password. Wrong password and unknown email give
/// the same answer. Too many failures per account or per client address
/// give 429 with `Retry-After`.
#[utoipa::path(post, path = "/api/v1/session", tag = "session", security(()),
    request_body = SignInRequest,
    responses(
        (status = 201, description = "Signed in", body = TokenPair),
        (status = 400, description = "malformed_request", body = ErrorBody),
        (status = 401, description = "invalid_credentials", body = ErrorBody),
        (status = 403, description = "no_customer_relationship", body = ErrorBody),
        (status = 429, description = "rate_limited (Retry-After header)", body = ErrorBody),
    ))]
pub(crate) async fn sign_in(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    ApiJson(req): ApiJson<SignInRequest>,
) -> ApiResult<(StatusCode, Json<TokenPair>)> {
    let email = req.email.trim();
    let account = email.to_lowercase();
    let ip = peer.ip();
    if let Err(secs) = state.limiter.check(&account, ip) {
        return Err(ApiError::new(
            ErrorCode::RateLimited,
            "too many failed sign-ins; try again later",
        )
        .retry_after(secs));
    }
    let invalid = || ApiError::new(ErrorCode::InvalidCredentials, "wrong email or password");

    let row: Option<(i64, String, bool)> =
        if email.is_empty() || email.len() > 254 || req.password.chars().count() > PASSWORD_MAX_LEN
        {
            None
        } else {
            sqlx::query_as(
                "SELECT id, password_hash, relationship_valid FROM customers WHERE email = ?",
            )
            .bind(email)
            .fetch_optional(&state.db)
            .await?
        };
    // Verify against a dummy hash for unknown emails: same cost either way.
    let hash = row
        .as_ref()
        .map(|(_, h, _)| h.clone())
        .unwrap_or_else(|| state.dummy_hash.clone());
    let password: String = req.password.chars().take(PASSWORD_MAX_LEN).collect();
    let ok = auth::verify_password_blocking(&state, password, hash).await && row.is_some();
    let Some((customer_id, _, relationship_valid)) = row.filter(|_| ok) else {
        state.limiter.record_failure(&account, ip);
        return Err(invalid());
    };
    if !relationship_valid {
        return Err(ApiError::new(
            ErrorCode::NoCustomerRelationship,
            "the customer relationship is not valid",
        ));
    }
    state.limiter.clear_account(&account);
    let pair = auth::create_session(&state, customer_id).await?;
    Ok((StatusCode::CREATED, Json(pair)))
}

/// Trades a refresh token for a new pair (rotation). Reusing a rotated
/// token revokes the whole session.
#[utoipa::path(post, path = "/api/v1/session/refresh", tag = "session", security(()),
    request_body = RefreshRequest,
    responses(
        (status = 200, description = "A new token pair", body = TokenPair),
        (status = 400, description = "malformed_request", body = ErrorBody),
        (status = 401, description = "invalid_grant: sign in again", body = ErrorBody),
    ))]
pub(crate) async fn refresh(
    State(state): State<AppState>,
    ApiJson(req): ApiJson<RefreshRequest>,
) -> ApiResult<Json<TokenPair>> {
    Ok(Json(auth::refresh(&state, &req.refresh_token).await?))
}

/// Signs out: revokes the session (its access and refresh tokens).
#[utoipa::path(delete, path = "/api/v1/session", tag = "session",
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Signed out"),
        (status = 401, description = "unauthorized / token_expired", body = ErrorBody),
    ))]
pub(crate) async fn sign_out(State(state): State<AppState>, auth: Auth) -> ApiResult<StatusCode> {
    auth::revoke_family(&state, auth.family_id).await?;
    Ok(StatusCode::NO_CONTENT)
}
