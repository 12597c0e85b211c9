//! "Unohtuiko salasana?": a single-use, short-lived link by email, and
//! setting the new password with it. The activation email's first-password
//! link is the same kind of token with a longer life.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, State};
use axum::http::StatusCode;
use portal_api::{
    is_reset_token_shape, password_strength, ErrorBody, ErrorCode, PasswordResetConfirm,
    PasswordResetRequest,
};

use crate::auth::{new_token, token_hash};
use crate::error::{ApiError, ApiResult};
use crate::extract::ApiJson;
use crate::mail::{self, MailKind, Outgoing};
use crate::state::{now_ms, AppState};

/// Asks for a password reset link by email. The answer is the same (202)
/// whether the address belongs to a customer or not, and so is the work
/// done before answering; the email is sent in the background. Requests are
/// limited per address and per client address (429 with `Retry-After`).
#[utoipa::path(post, path = "/api/v1/password-reset", tag = "session", security(()),
    request_body = PasswordResetRequest,
    responses(
        (status = 202, description = "If the address belongs to a customer, a reset link is on its way"),
        (status = 400, description = "malformed_request", body = ErrorBody),
        (status = 422, description = "invalid_email", body = ErrorBody),
        (status = 429, description = "rate_limited (Retry-After header)", body = ErrorBody),
    ))]
pub(crate) async fn request_password_reset(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    ApiJson(req): ApiJson<PasswordResetRequest>,
) -> ApiResult<StatusCode> {
    let email = portal_api::validate::email(&req.email, "email")?;
    let account = email.to_lowercase();
    let ip = peer.ip();
    if let Err(secs) = state.reset_limiter.check(&account, ip) {
        return Err(ApiError::new(
            ErrorCode::RateLimited,
            "too many password reset requests; try again later",
        )
        .retry_after(secs));
    }
    // Every request counts, known address or not: the limit says nothing.
    state.reset_limiter.record_failure(&account, ip);
    let customer: Option<(i64,)> = sqlx::query_as("SELECT id FROM customers WHERE email = ?")
        .bind(&email)
        .fetch_optional(&state.db)
        .await?;
    let language = req.language.filter(|l| l.len() <= 16);
    // Both paths spawn a task and answer at once.
    let task_state = state.clone();
    tokio::spawn(async move {
        if let Some((customer_id,)) = customer {
            if let Err(e) = issue_and_send(
                &task_state,
                customer_id,
                MailKind::Reset,
                language.as_deref(),
            )
            .await
            {
                tracing::warn!(code = %e.code(), "could not issue a password reset link");
            }
        }
    });
    Ok(StatusCode::ACCEPTED)
}

/// Creates a token for `customer_id` and sends its email (activation or
/// reset), in `language` when templates exist for it, else the customer's.
pub(crate) async fn issue_and_send(
    state: &AppState,
    customer_id: i64,
    kind: MailKind,
    language: Option<&str>,
) -> Result<(), ApiError> {
    let (name, email, own_language): (String, String, String) =
        sqlx::query_as("SELECT name, email, language FROM customers WHERE id = ?")
            .bind(customer_id)
            .fetch_optional(&state.db)
            .await?
            .ok_or_else(ApiError::not_found)?;
    let (purpose, ttl) = match kind {
        MailKind::Reset => ("reset", state.config.reset_token_ttl),
        MailKind::Activation => ("activation", state.config.activation_token_ttl),
    };
    let token = new_token();
    let now = now_ms();
    {
        let _guard = state.write_lock.lock().await;
        sqlx::query(
            "INSERT INTO password_reset_tokens (customer_id, token_hash, purpose, created_at, expires_at)
             VALUES (?, ?, ?, ?, ?)",
        )
        .bind(customer_id)
        .bind(token_hash(&token))
        .bind(purpose)
        .bind(now)
        .bind(now.saturating_add(ttl.as_millis() as i64))
        .execute(&state.db)
        .await?;
    }
    let lang = mail::pick_language(language, &own_language);
    let link = mail::reset_link(&token);
    let open_app = mail::activate_link(&email);
    let minutes = ttl.as_secs().div_ceil(60).to_string();
    let days = ttl.as_secs().div_ceil(24 * 3600).to_string();
    let content = mail::render(
        kind,
        lang,
        &[
            ("name", &name),
            ("email", &email),
            ("reset_link", &link),
            ("set_password_link", &link),
            ("open_app_link", &open_app),
            ("valid_minutes", &minutes),
            ("valid_days", &days),
        ],
    );
    mail::send(
        state,
        Outgoing {
            customer_id,
            to_name: name,
            to_email: email,
            kind,
            content,
        },
    )
    .await;
    Ok(())
}

/// Sets a new password with the token from a reset (or activation) email.
/// The token works once and only until it expires; the new password follows
/// the password change's rules. Every session of the customer is signed out.
#[utoipa::path(post, path = "/api/v1/password-reset/confirm", tag = "session", security(()),
    request_body = PasswordResetConfirm,
    responses(
        (status = 204, description = "Password set; every session signed out"),
        (status = 400, description = "malformed_request / reset_token_invalid", body = ErrorBody),
        (status = 410, description = "reset_token_expired / reset_token_used", body = ErrorBody),
        (status = 422, description = "weak_password", body = ErrorBody),
    ))]
pub(crate) async fn confirm_password_reset(
    State(state): State<AppState>,
    ApiJson(req): ApiJson<PasswordResetConfirm>,
) -> ApiResult<StatusCode> {
    let invalid = || ApiError::new(ErrorCode::ResetTokenInvalid, "unknown reset token");
    if !is_reset_token_shape(&req.token) {
        return Err(invalid().field("token"));
    }
    let hash = token_hash(&req.token);
    // Checked before the password, so a weak password never burns the
    // token, and the token's state is reported first.
    token_state(&state.db, &hash).await?;
    if !password_strength(&req.new_password).acceptable() {
        return Err(ApiError::weak_password());
    }
    let new_hash = crate::auth::hash_password_blocking(&state, req.new_password.clone()).await?;
    let _guard = state.write_lock.lock().await;
    let mut tx = state.db.begin_with("BEGIN IMMEDIATE").await?;
    // Again inside the transaction: two uses at the same time, one wins.
    let (token_id, customer_id) = token_state(&mut *tx, &hash).await?;
    let now = now_ms();
    sqlx::query("UPDATE password_reset_tokens SET used_at = ? WHERE id = ?")
        .bind(now)
        .bind(token_id)
        .execute(&mut *tx)
        .await?;
    // The customer's other links die with the old password.
    sqlx::query(
        "UPDATE password_reset_tokens SET used_at = ?
          WHERE customer_id = ? AND used_at IS NULL",
    )
    .bind(now)
    .bind(customer_id)
    .execute(&mut *tx)
    .await?;
    sqlx::query("UPDATE customers SET password_hash = ? WHERE id = ?")
        .bind(new_hash)
        .bind(customer_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "UPDATE session_families SET revoked_at = ? WHERE customer_id = ? AND revoked_at IS NULL",
    )
    .bind(now)
    .bind(customer_id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `(token id, customer id)` of a usable token, or why it is not usable.
async fn token_state<'e>(
    db: impl sqlx::SqliteExecutor<'e>,
    hash: &[u8],
) -> Result<(i64, i64), ApiError> {
    let row: Option<(i64, i64, i64, Option<i64>)> = sqlx::query_as(
        "SELECT id, customer_id, expires_at, used_at FROM password_reset_tokens WHERE token_hash = ?",
    )
    .bind(hash)
    .fetch_optional(db)
    .await?;
    let Some((id, customer_id, expires_at, used_at)) = row else {
        return Err(
            ApiError::new(ErrorCode::ResetTokenInvalid, "unknown reset token").field("token"),
        );
    };
    if used_at.is_some() {
        return Err(
            ApiError::new(ErrorCode::ResetTokenUsed, "the reset link was used already")
                .field("token"),
        );
    }
    if now_ms() >= expires_at {
        return Err(
            ApiError::new(ErrorCode::ResetTokenExpired, "the reset link has expired")
                .field("token"),
        );
    }
    Ok((id, customer_id))
}
