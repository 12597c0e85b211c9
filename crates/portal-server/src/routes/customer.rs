//! Customer details, email and password change.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, State};
use axum::http::StatusCode;
use axum::Json;
use chrono::NaiveDate;
use portal_api::{
    password_strength, Address, CustomerDetails, EmailChangeRequest, ErrorBody, ErrorCode,
    OrderBlocker, PasswordChangeRequest, PayTvCard, PASSWORD_MAX_LEN,
};

use crate::auth;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, Auth};
use crate::state::AppState;

#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct CustomerRow {
    #[allow(dead_code)]
    pub id: i64,
    pub customer_number: String,
    pub name: String,
    pub email: String,
    pub phone: String,
    pub street: String,
    pub postal_code: String,
    pub city: String,
    pub relationship_valid: bool,
    pub billing_agreement_valid: bool,
    pub pay_tv_card_number: Option<String>,
    pub pay_tv_card_valid_until: Option<NaiveDate>,
}

impl CustomerRow {
    pub fn card_valid(&self, today: NaiveDate) -> bool {
        self.pay_tv_card_number.is_some()
            && self.pay_tv_card_valid_until.is_some_and(|d| d >= today)
    }

    pub fn blockers(&self) -> Vec<OrderBlocker> {
        let mut b = Vec::new();
        if !self.relationship_valid {
            b.push(OrderBlocker::NoCustomerRelationship);
        }
        if !self.billing_agreement_valid {
            b.push(OrderBlocker::NoBillingAgreement);
        }
        b
    }

    pub fn to_wire(&self, today: NaiveDate) -> CustomerDetails {
        CustomerDetails {
            customer_number: self.customer_number.clone(),
            name: self.name.clone(),
            email: self.email.clone(),
            phone: self.phone.clone(),
            address: Address {
                street: self.street.clone(),
                postal_code: self.postal_code.clone(),
                city: self.city.clone(),
            },
            customer_relationship_valid: self.relationship_valid,
            billing_agreement_valid: self.billing_agreement_valid,
            pay_tv_card: match (&self.pay_tv_card_number, self.pay_tv_card_valid_until) {
                (Some(number), Some(valid_until)) => Some(PayTvCard {
                    number: number.clone(),
                    valid_until,
                    valid: valid_until >= today,
                }),
                _ => None,
            },
            order_blockers: self.blockers(),
        }
    }
}

pub(crate) async fn load_customer<'e>(
    db: impl sqlx::SqliteExecutor<'e>,
    id: i64,
) -> Result<CustomerRow, ApiError> {
    sqlx::query_as(
        "SELECT id, customer_number, name, email, phone, street, postal_code, city,
                relationship_valid, billing_agreement_valid, pay_tv_card_number,
                pay_tv_card_valid_until
           FROM customers WHERE id = ?",
    )
    .bind(id)
    .fetch_optional(db)
    .await?
    .ok_or_else(ApiError::unauthorized)
}

/// The signed-in customer's details ("Käyttäjätiedot").
#[utoipa::path(get, path = "/api/v1/customer", tag = "customer",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Customer details", body = CustomerDetails),
        (status = 401, description = "unauthorized / token_expired", body = ErrorBody),
    ))]
pub(crate) async fn get_customer(
    State(state): State<AppState>,
    auth: Auth,
) -> ApiResult<Json<CustomerDetails>> {
    let c = load_customer(&state.db, auth.customer_id).await?;
    Ok(Json(c.to_wire(state.today())))
}

/// Changes the email address (the only detail the customer edits).
#[utoipa::path(put, path = "/api/v1/customer/email", tag = "customer",
    security(("bearer" = [])),
    request_body = EmailChangeRequest,
    responses(
        (status = 200, description = "Updated details", body = CustomerDetails),
        (status = 401, description = "unauthorized / token_expired", body = ErrorBody),
        (status = 409, description = "email_in_use", body = ErrorBody),
        (status = 422, description = "invalid_email", body = ErrorBody),
    ))]
pub(crate) async fn change_email(
    State(state): State<AppState>,
    auth: Auth,
    ApiJson(req): ApiJson<EmailChangeRequest>,
) -> ApiResult<Json<CustomerDetails>> {
    let email = portal_api::validate::email(&req.email, "email")?;
    let _guard = state.write_lock.lock().await;
    let mut tx = state.db.begin_with("BEGIN IMMEDIATE").await?;
    let taken: Option<i64> =
        sqlx::query_scalar("SELECT id FROM customers WHERE email = ? AND id <> ?")
            .bind(&email)
            .bind(auth.customer_id)
            .fetch_optional(&mut *tx)
            .await?;
    if taken.is_some() {
        return Err(ApiError::new(
            ErrorCode::EmailInUse,
            "the email address is used by another account",
        )
        .field("email"));
    }
    sqlx::query("UPDATE customers SET email = ? WHERE id = ?")
        .bind(&email)
        .bind(auth.customer_id)
        .execute(&mut *tx)
        .await
        .map_err(|e| {
            // The unique index is the last word (e.g. another process).
            if e.as_database_error()
                .is_some_and(|d| d.is_unique_violation())
            {
                ApiError::new(
                    ErrorCode::EmailInUse,
                    "the email address is used by another account",
                )
                .field("email")
            } else {
                ApiError::from(e)
            }
        })?;
    let c = load_customer(&mut *tx, auth.customer_id).await?;
    tx.commit().await?;
    Ok(Json(c.to_wire(state.today())))
}

/// Changes the password; every other session of the customer is signed
/// out, the current one stays.
#[utoipa::path(put, path = "/api/v1/customer/password", tag = "customer",
    security(("bearer" = [])),
    request_body = PasswordChangeRequest,
    responses(
        (status = 204, description = "Password changed; other sessions signed out"),
        (status = 401, description = "unauthorized / token_expired", body = ErrorBody),
        (status = 403, description = "wrong_current_password", body = ErrorBody),
        (status = 422, description = "weak_password", body = ErrorBody),
        (status = 429, description = "rate_limited (Retry-After header)", body = ErrorBody),
    ))]
pub(crate) async fn change_password(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    auth: Auth,
    ApiJson(req): ApiJson<PasswordChangeRequest>,
) -> ApiResult<StatusCode> {
    let (hash, email): (String, String) =
        sqlx::query_as("SELECT password_hash, email FROM customers WHERE id = ?")
            .bind(auth.customer_id)
            .fetch_optional(&state.db)
            .await?
            .ok_or_else(ApiError::unauthorized)?;
    // Guessing the current password with a stolen access token is throttled
    // like sign-in, sharing its per-account and per-address counters.
    let account = email.to_lowercase();
    if let Err(secs) = state.limiter.check(&account, peer.ip()) {
        return Err(ApiError::new(
            ErrorCode::RateLimited,
            "too many wrong passwords; try again later",
        )
        .retry_after(secs));
    }
    let current_ok = req.current_password.chars().count() <= PASSWORD_MAX_LEN
        && auth::verify_password_blocking(&state, req.current_password.clone(), hash).await;
    if !current_ok {
        state.limiter.record_failure(&account, peer.ip());
        return Err(ApiError::new(
            ErrorCode::WrongCurrentPassword,
            "the current password is wrong",
        )
        .field("current_password"));
    }
    if !password_strength(&req.new_password).acceptable() {
        return Err(ApiError::weak_password());
    }
    let new_hash = auth::hash_password_blocking(&state, req.new_password.clone()).await?;
    let _guard = state.write_lock.lock().await;
    let mut tx = state.db.begin_with("BEGIN IMMEDIATE").await?;
    sqlx::query("UPDATE customers SET password_hash = ? WHERE id = ?")
        .bind(new_hash)
        .bind(auth.customer_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "UPDATE session_families SET revoked_at = ?
          WHERE customer_id = ? AND id <> ? AND revoked_at IS NULL",
    )
    .bind(crate::state::now_ms())
    .bind(auth.customer_id)
    .bind(auth.family_id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
