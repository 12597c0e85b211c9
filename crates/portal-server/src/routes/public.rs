//! Public endpoints: health, OpenAPI, signing key, contact, catalogue,
//! installers and the "protect another device" page.

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap};
use axum::response::{Html, IntoResponse, Response};
use axum::Json;
use portal_api::{
    Catalogue, ContactChannel, ContactRoute, CustomerServiceContact, ErrorBody, FeedbackTopic,
    Health, LocalizedText, ServiceStatus, SigningKey,
};

use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// Liveness.
#[utoipa::path(get, path = "/api/v1/health", tag = "public", security(()),
    responses((status = 200, description = "The portal is up", body = Health)))]
pub(crate) async fn health() -> Json<Health> {
    Json(Health {
        status: "ok".into(),
        version: env!("CARGO_PKG_VERSION").into(),
    })
}

/// This OpenAPI document.
#[utoipa::path(get, path = "/api/v1/openapi.json", tag = "public", security(()),
    responses((status = 200, description = "OpenAPI 3.1 document", content_type = "application/json")))]
pub(crate) async fn openapi_json() -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        crate::openapi::json(),
    )
        .into_response()
}

/// The Ed25519 public key that signs installer manifests (pin it).
#[utoipa::path(get, path = "/api/v1/signing-key", tag = "public", security(()),
    responses((status = 200, description = "The portal's signing key", body = SigningKey)))]
pub(crate) async fn signing_key(State(state): State<AppState>) -> Json<SigningKey> {
    Json(state.signing_key_info())
}

/// The customer service contact details: where to turn for what.
pub fn contact_details() -> CustomerServiceContact {
    use ContactChannel::*;
    CustomerServiceContact {
        phone: "03 450 51".into(),
        phone_e164: "+358345051".into(),
        web_portal_url: "https://oma.ipp.fi/".into(),
        opening_hours: LocalizedText::new("ma–pe klo 8–18", "Mon–Fri 8 am – 6 pm"),
        routes: vec![
            ContactRoute {
                topic: FeedbackTopic::Billing,
                channel: Phone,
            },
            ContactRoute {
                topic: FeedbackTopic::Termination,
                channel: FeedbackForm,
            },
            ContactRoute {
                topic: FeedbackTopic::Details,
                channel: FeedbackForm,
            },
            ContactRoute {
                topic: FeedbackTopic::Technical,
                channel: Phone,
            },
            ContactRoute {
                topic: FeedbackTopic::Ordering,
                channel: WebPortal,
            },
            ContactRoute {
                topic: FeedbackTopic::General,
                channel: FeedbackForm,
            },
        ],
    }
}

/// Customer service contact ("Asiakaspalvelu").
#[utoipa::path(get, path = "/api/v1/contact", tag = "public", security(()),
    responses((status = 200, description = "Contact details", body = CustomerServiceContact)))]
pub(crate) async fn contact() -> Json<CustomerServiceContact> {
    Json(contact_details())
}

/// The catalogue of orderable products by product group.
#[utoipa::path(get, path = "/api/v1/catalogue", tag = "public", security(()),
    responses((status = 200, description = "The catalogue", body = Catalogue)))]
pub(crate) async fn get_catalogue() -> Json<&'static Catalogue> {
    Json(crate::catalogue::catalogue())
}

/// Downloads an installer. Supports `Range` (one range), `If-Range` with the
/// strong ETag, `If-None-Match`, and HEAD.
#[utoipa::path(get, path = "/api/v1/installers/{file_name}", tag = "public", security(()),
    params(
        ("file_name" = String, Path, description = "Installer file name from the manifest"),
        ("Range" = Option<String>, Header, description = "One byte range, e.g. `bytes=1000-`"),
        ("If-Range" = Option<String>, Header, description = "Serve the range only if the ETag still matches"),
    ),
    responses(
        (status = 200, description = "The whole file", content_type = "application/octet-stream"),
        (status = 206, description = "The requested range", content_type = "application/octet-stream"),
        (status = 304, description = "Not modified (If-None-Match)"),
        (status = 404, description = "No such installer", body = ErrorBody),
        (status = 416, description = "Range not satisfiable; Content-Range: bytes */LEN", body = ErrorBody),
    ))]
pub(crate) async fn download_installer(
    State(state): State<AppState>,
    Path(file_name): Path<String>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    let file = state
        .installers
        .find(&file_name)
        .ok_or_else(|| ApiError::new(portal_api::ErrorCode::NotFound, "no such installer"))?;
    crate::installers::serve(file, &headers).await
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A small public page for another device of the household: the
/// installer links and the subscription key.
#[utoipa::path(get, path = "/d/{code}", tag = "public", security(()),
    params(("code" = String, Path, description = "The device link code of a Turvapaketti subscription")),
    responses(
        (status = 200, description = "HTML page with installer links", content_type = "text/html", body = String),
        (status = 404, description = "Unknown or ended subscription", body = ErrorBody),
    ))]
pub(crate) async fn device_page(
    State(state): State<AppState>,
    Path(code): Path<String>,
) -> ApiResult<Response> {
    if code.is_empty() || code.len() > 64 {
        return Err(ApiError::not_found());
    }
    let row: Option<(String, chrono::NaiveDate, Option<chrono::NaiveDate>, Option<String>)> =
        sqlx::query_as(
            "SELECT product_id, start_date, end_date, subscription_key FROM services WHERE device_code = ?",
        )
        .bind(&code)
        .fetch_optional(&state.db)
        .await?;
    let Some((product_id, start, end, key)) = row else {
        return Err(ApiError::not_found());
    };
    if ServiceStatus::on(state.today(), start, end) == ServiceStatus::Ended {
        return Err(ApiError::not_found());
    }
    let name = crate::catalogue::catalogue()
        .product(&product_id)
        .map(|p| p.name.clone())
        .unwrap_or_else(|| LocalizedText::new(&product_id, &product_id));
    let mut links = String::new();
    for i in &state.installers.list {
        let os = match i.os {
            portal_api::Os::Windows => "Windows",
            portal_api::Os::Macos => "macOS",
            portal_api::Os::Linux => "Linux",
            portal_api::Os::Android => "Android",
            portal_api::Os::Ios => "iOS",
        };
        links.push_str(&format!(
            "<li><a href=\"{}{}\">{os}</a> — {} ({} MB, SHA-256 <code>{}</code>)</li>\n",
            escape(&state.base_url),
            escape(&i.url),
            escape(&i.file_name),
            i.size.div_ceil(1_000_000),
            escape(&i.sha256),
        ));
    }
    let key = escape(key.as_deref().unwrap_or(""));
    let page = Html(format!(
        "<!doctype html>\n<html lang=\"fi\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>{fi} – suojaa lisää laitteita</title></head><body>\
<h1>{fi}: suojaa lisää laitteita / protect more devices</h1>\
<p>Lataa asennusohjelma tälle laitteelle ja syötä tilausavain, kun ohjelma sitä pyytää. \
/ Download the installer for this device and enter the subscription key when asked.</p>\
<p>Tilausavain / Subscription key: <strong><code>{key}</code></strong></p>\n<ul>\n{links}</ul>\
</body></html>\n",
        fi = escape(&name.fi),
    ));
    Ok((
        [
            (
                header::CONTENT_SECURITY_POLICY,
                "default-src 'none'; style-src 'unsafe-inline'",
            ),
            // The code is in the URL: do not hand it to other sites.
            (header::REFERRER_POLICY, "no-referrer"),
        ],
        page,
    )
        .into_response())
}
