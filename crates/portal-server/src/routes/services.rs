//! Ordered services, MIX editing and the billing summary.

use axum::extract::{Path, State};
use axum::Json;
use chrono::{Datelike, Months, NaiveDate};
use portal_api::{
    BillingGroup, BillingSummary, ErrorBody, ErrorCode, MixEditRequest, MixSpec, OrderedService,
    ServiceList, ServiceStatus,
};

use crate::error::{ApiError, ApiResult};
use crate::extract::{parse_id, ApiJson, Auth};
use crate::services::{get_row, list_rows, monthly_total, to_wire};
use crate::state::AppState;

/// Checks a MIX selection against the package's rule.
pub(crate) fn validate_mix(
    spec: &MixSpec,
    channels: &[String],
    field: &str,
) -> Result<(), ApiError> {
    if let Some(bad) = channels.iter().find(|c| !spec.allowed_channels.contains(c)) {
        let shown: String = bad.chars().take(64).collect();
        return Err(ApiError::new(
            ErrorCode::MixChannelNotAllowed,
            format!("channel {shown:?} is not one of the package's channels"),
        )
        .field(field));
    }
    let mut distinct = channels.to_vec();
    distinct.sort();
    distinct.dedup();
    if distinct.len() != channels.len() {
        return Err(ApiError::new(
            ErrorCode::MixWrongCount,
            "each channel can be chosen only once",
        )
        .field(field));
    }
    if channels.len() != spec.channel_count as usize {
        return Err(ApiError::new(
            ErrorCode::MixWrongCount,
            format!("choose exactly {} channels", spec.channel_count),
        )
        .field(field));
    }
    Ok(())
}

/// Every ordered service of the customer with status and the monthly total.
#[utoipa::path(get, path = "/api/v1/services", tag = "services",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Ordered services", body = ServiceList),
        (status = 401, description = "unauthorized / token_expired", body = ErrorBody),
    ))]
pub(crate) async fn list_services(
    State(state): State<AppState>,
    auth: Auth,
) -> ApiResult<Json<ServiceList>> {
    let today = state.today();
    let rows = list_rows(&state.db, auth.customer_id).await?;
    Ok(Json(ServiceList {
        services: rows.iter().map(|r| to_wire(&state, r, today)).collect(),
        monthly_total_cents: monthly_total(&rows, today),
        as_of: today,
    }))
}

/// One ordered service (404 for another customer's service).
#[utoipa::path(get, path = "/api/v1/services/{id}", tag = "services",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Service id")),
    responses(
        (status = 200, description = "The service", body = OrderedService),
        (status = 401, description = "unauthorized / token_expired", body = ErrorBody),
        (status = 404, description = "not_found", body = ErrorBody),
    ))]
pub(crate) async fn get_service(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<Json<OrderedService>> {
    let id = parse_id(&id)?;
    let row = get_row(&state.db, auth.customer_id, id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    Ok(Json(to_wire(&state, &row, state.today())))
}

/// Changes the channels of a MIX package: exactly the package's count, from
/// its allowed set, each once.
#[utoipa::path(put, path = "/api/v1/services/{id}/mix", tag = "services",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Service id of a MIX package")),
    request_body = MixEditRequest,
    responses(
        (status = 200, description = "The updated service", body = OrderedService),
        (status = 401, description = "unauthorized / token_expired", body = ErrorBody),
        (status = 404, description = "not_found", body = ErrorBody),
        (status = 409, description = "update_not_allowed (not a MIX package, or ended)", body = ErrorBody),
        (status = 422, description = "mix_wrong_count / mix_channel_not_allowed", body = ErrorBody),
    ))]
pub(crate) async fn edit_mix(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    ApiJson(req): ApiJson<MixEditRequest>,
) -> ApiResult<Json<OrderedService>> {
    let id = parse_id(&id)?;
    let today = state.today();
    let _guard = state.write_lock.lock().await;
    let mut tx = state.db.begin_with("BEGIN IMMEDIATE").await?;
    let row = get_row(&mut *tx, auth.customer_id, id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let Some(spec) = row.product().and_then(|p| p.mix.as_ref()) else {
        return Err(ApiError::new(
            ErrorCode::UpdateNotAllowed,
            "this service is not a MIX package",
        ));
    };
    if row.status(today) == ServiceStatus::Ended {
        return Err(ApiError::new(
            ErrorCode::UpdateNotAllowed,
            "the service has ended",
        ));
    }
    validate_mix(spec, &req.channels, "channels")?;
    sqlx::query("UPDATE services SET mix_channels = ? WHERE id = ? AND customer_id = ?")
        .bind(serde_json::to_string(&req.channels).map_err(|_| ApiError::internal())?)
        .bind(id)
        .bind(auth.customer_id)
        .execute(&mut *tx)
        .await?;
    let row = get_row(&mut *tx, auth.customer_id, id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    tx.commit().await?;
    Ok(Json(to_wire(&state, &row, today)))
}

/// First day of the month after `today`.
pub(crate) fn next_invoice_date(today: NaiveDate) -> NaiveDate {
    let first = today.with_day(1).unwrap_or(today);
    first + Months::new(1)
}

/// What the monthly invoice holds, per product group.
#[utoipa::path(get, path = "/api/v1/billing", tag = "services",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Billing summary", body = BillingSummary),
        (status = 401, description = "unauthorized / token_expired", body = ErrorBody),
    ))]
pub(crate) async fn billing(
    State(state): State<AppState>,
    auth: Auth,
) -> ApiResult<Json<BillingSummary>> {
    let today = state.today();
    let rows = list_rows(&state.db, auth.customer_id).await?;
    let catalogue = crate::catalogue::catalogue();
    let mut groups = Vec::new();
    for g in &catalogue.groups {
        let billed: Vec<_> = rows
            .iter()
            .filter(|r| r.status(today).is_billed())
            .filter_map(|r| r.product())
            .filter(|p| p.group == g.id)
            .collect();
        if billed.is_empty() {
            continue;
        }
        groups.push(BillingGroup {
            group: g.id.clone(),
            name: g.name.clone(),
            total_cents: billed.iter().map(|p| p.monthly_price_cents).sum(),
            service_count: billed.len() as u32,
        });
    }
    Ok(Json(BillingSummary {
        monthly_total_cents: monthly_total(&rows, today),
        groups,
        next_invoice_date: next_invoice_date(today),
        generated_at: chrono::Utc::now(),
    }))
}
