//! The HTTP surface: one table of routes (used by the router, and by the
//! test that checks the OpenAPI document lists every route).

mod customer;
mod devices;
mod feedback;
mod orders;
mod password_reset;
mod public;
mod services;
mod session;
mod updates;

pub(crate) use customer::*;
pub(crate) use devices::*;
pub(crate) use feedback::*;
pub(crate) use orders::*;
pub(crate) use password_reset::*;
pub(crate) use public::*;
pub(crate) use services::*;
pub(crate) use session::*;
pub(crate) use updates::*;

use axum::extract::{DefaultBodyLimit, MatchedPath, Request};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post, put, MethodRouter};
use axum::Router;
use portal_api::ErrorCode;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};

use crate::error::ApiError;
use crate::state::AppState;

/// One route of the portal, as the router serves it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RouteInfo {
    /// axum path syntax, e.g. `/api/v1/services/{id}`.
    pub path: &'static str,
    /// Upper-case HTTP methods.
    pub methods: &'static [&'static str],
    /// The methods that need no bearer token.
    pub public: &'static [&'static str],
}

fn routes() -> Vec<(RouteInfo, MethodRouter<AppState>)> {
    fn r(
        path: &'static str,
        methods: &'static [&'static str],
        public: &'static [&'static str],
        router: MethodRouter<AppState>,
    ) -> (RouteInfo, MethodRouter<AppState>) {
        (
            RouteInfo {
                path,
                methods,
                public,
            },
            router,
        )
    }
    vec![
        r("/api/v1/health", &["GET"], &["GET"], get(health)),
        r(
            "/api/v1/openapi.json",
            &["GET"],
            &["GET"],
            get(openapi_json),
        ),
        r("/api/v1/signing-key", &["GET"], &["GET"], get(signing_key)),
        r("/api/v1/contact", &["GET"], &["GET"], get(contact)),
        r("/api/v1/catalogue", &["GET"], &["GET"], get(get_catalogue)),
        r(
            "/api/v1/installers/{file_name}",
            &["GET"],
            &["GET"],
            get(download_installer),
        ),
        r(
            "/api/v1/updates/{target}/{arch}/{current_version}",
            &["GET"],
            &["GET"],
            get(check_update),
        ),
        r(
            "/api/v1/update-files/{file_name}",
            &["GET"],
            &["GET"],
            get(download_update),
        ),
        r(
            "/api/v1/session",
            &["POST", "DELETE"],
            &["POST"],
            post(sign_in).delete(sign_out),
        ),
        r(
            "/api/v1/session/refresh",
            &["POST"],
            &["POST"],
            post(refresh),
        ),
        r(
            "/api/v1/password-reset",
            &["POST"],
            &["POST"],
            post(request_password_reset),
        ),
        r(
            "/api/v1/password-reset/confirm",
            &["POST"],
            &["POST"],
            post(confirm_password_reset),
        ),
        r("/api/v1/customer", &["GET"], &[], get(get_customer)),
        r("/api/v1/customer/email", &["PUT"], &[], put(change_email)),
        r(
            "/api/v1/customer/password",
            &["PUT"],
            &[],
            put(change_password),
        ),
        r("/api/v1/services", &["GET"], &[], get(list_services)),
        r("/api/v1/services/{id}", &["GET"], &[], get(get_service)),
        r("/api/v1/services/{id}/mix", &["PUT"], &[], put(edit_mix)),
        r(
            "/api/v1/services/{id}/devices",
            &["GET"],
            &[],
            get(list_devices),
        ),
        r(
            "/api/v1/devices",
            &["POST"],
            &["POST"],
            post(register_device),
        ),
        r(
            "/api/v1/devices/{id}",
            &["DELETE"],
            &[],
            delete(release_device),
        ),
        r(
            "/api/v1/devices/{id}/heartbeat",
            &["POST"],
            &["POST"],
            post(device_heartbeat),
        ),
        r("/api/v1/orders", &["POST"], &[], post(create_order)),
        r("/api/v1/billing", &["GET"], &[], get(billing)),
        r("/api/v1/feedback", &["POST"], &[], post(send_feedback)),
        r("/d/{code}", &["GET"], &["GET"], get(device_page)),
    ]
}

/// Every route the router serves.
pub fn route_table() -> Vec<RouteInfo> {
    routes().into_iter().map(|(info, _)| info).collect()
}

async fn not_found() -> ApiError {
    ApiError::new(ErrorCode::NotFound, "no such endpoint")
}

async fn method_not_allowed() -> ApiError {
    ApiError::new(
        ErrorCode::MethodNotAllowed,
        "this method is not allowed on this path",
    )
}

/// Turns any error response that is not already the JSON envelope (a
/// timeout, a panic, a rejection from a layer) into the envelope.
async fn ensure_envelope(resp: Response) -> Response {
    let mut resp = envelope(resp);
    let h = resp.headers_mut();
    h.entry(header::X_CONTENT_TYPE_OPTIONS)
        .or_insert(HeaderValue::from_static("nosniff"));
    // API answers carry personal data and tokens: never cache them.
    h.entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static("no-store"));
    resp
}

fn envelope(resp: Response) -> Response {
    let status = resp.status();
    if status.as_u16() < 400 {
        return resp;
    }
    let is_json = resp
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if is_json {
        return resp;
    }
    let err = match status {
        StatusCode::NOT_FOUND => ApiError::not_found(),
        StatusCode::METHOD_NOT_ALLOWED => {
            ApiError::new(ErrorCode::MethodNotAllowed, "method not allowed")
        }
        StatusCode::PAYLOAD_TOO_LARGE => {
            ApiError::new(ErrorCode::PayloadTooLarge, "request body is too large")
        }
        StatusCode::UNSUPPORTED_MEDIA_TYPE => ApiError::new(
            ErrorCode::UnsupportedMediaType,
            "expected Content-Type: application/json",
        ),
        StatusCode::REQUEST_TIMEOUT | StatusCode::SERVICE_UNAVAILABLE => {
            ApiError::new(ErrorCode::Unavailable, "the portal is busy, try again").retry_after(1)
        }
        s if s.is_client_error() => ApiError::new(
            ErrorCode::MalformedRequest,
            "the request could not be understood",
        ),
        _ => ApiError::internal(),
    };
    let mut new = err.into_response();
    // Keep headers such as Allow.
    if let Some(allow) = resp.headers().get(header::ALLOW) {
        new.headers_mut().insert(header::ALLOW, allow.clone());
    }
    new
}

/// The complete application.
pub(crate) fn router(state: AppState) -> Router {
    let mut router = Router::new();
    for (info, method_router) in routes() {
        router = router.route(info.path, method_router);
    }
    let body_limit = state.config.body_limit;
    let timeout = state.config.request_timeout;
    router
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(DefaultBodyLimit::max(body_limit))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            timeout,
        ))
        .layer(CatchPanicLayer::new())
        .layer(axum::middleware::map_response(ensure_envelope))
        .layer(
            // Logs method, matched route and status only: never headers,
            // bodies, query strings or path parameters (tokens, codes).
            TraceLayer::new_for_http()
                .make_span_with(|req: &Request| {
                    let route = req
                        .extensions()
                        .get::<MatchedPath>()
                        .map(|p| p.as_str().to_owned())
                        .unwrap_or_else(|| "<unmatched>".to_owned());
                    tracing::info_span!("request", method = %req.method(), route = %route)
                })
                .on_request(())
                .on_response(
                    DefaultOnResponse::new()
                        .level(tracing::Level::INFO)
                        .latency_unit(tower_http::LatencyUnit::Millis),
                )
                .on_failure(()),
        )
        .with_state(state)
}
