//! The OpenAPI 3.1 document, generated from the handlers and the
//! `portal-api` schemas. Committed as `crates/portal-server/openapi.json`.

use std::sync::OnceLock;

use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::routes::*;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "Opaque access token from POST /api/v1/session or /api/v1/session/refresh",
                    ))
                    .build(),
            ),
        );
    }
}

/// Every operation can also answer with the error envelope (400 malformed
/// JSON, 413, 415, 405, 503 …): document that once as the `default` response.
struct ErrorEnvelopeDefault;

impl Modify for ErrorEnvelopeDefault {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::{ContentBuilder, Ref, RefOr, ResponseBuilder};
        let response = ResponseBuilder::new()
            .description(
                "Any other failure, as the error envelope with the code's HTTP status \
                 (malformed_request 400, payload_too_large 413, unsupported_media_type 415, \
                 method_not_allowed 405, unavailable 503, …)",
            )
            .content(
                "application/json",
                ContentBuilder::new()
                    .schema(Some(Ref::from_schema_name("ErrorBody")))
                    .build(),
            )
            .build();
        for item in openapi.paths.paths.values_mut() {
            for op in [
                &mut item.get,
                &mut item.put,
                &mut item.post,
                &mut item.delete,
                &mut item.patch,
                &mut item.head,
            ]
            .into_iter()
            .flatten()
            {
                op.responses
                    .responses
                    .entry("default".to_string())
                    .or_insert_with(|| RefOr::T(response.clone()));
            }
        }
    }
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Omahallinta portal API",
        version = "1.0.0",
        description = "Self-service portal of a Finnish operator: ordered services, Turvapaketti installers, orders, billing, feedback. Every error is the envelope {code, message, field?, retry_after?}.",
        license(name = "MIT OR Apache-2.0"),
    ),
    paths(
        health, openapi_json, signing_key, contact, get_catalogue, download_installer, device_page,
        check_update, download_update,
        sign_in, refresh, sign_out, request_password_reset, confirm_password_reset,
        get_customer, change_email, change_password,
        list_services, get_service, edit_mix, billing,
        create_order, send_feedback,
        register_device, device_heartbeat, list_devices, release_device,
    ),
    components(schemas(
        portal_api::ErrorBody, portal_api::ErrorCode, portal_api::LocalizedText, portal_api::Health,
        portal_api::Validity, portal_api::ProductKind, portal_api::ProductGroup, portal_api::Channel,
        portal_api::MixSpec, portal_api::Product, portal_api::Catalogue,
        portal_api::ContactChannel, portal_api::ContactRoute, portal_api::CustomerServiceContact,
        portal_api::Address, portal_api::PayTvCard, portal_api::OrderBlocker, portal_api::CustomerDetails,
        portal_api::EmailChangeRequest, portal_api::PasswordChangeRequest, portal_api::PasswordStrength,
        portal_api::FeedbackTopic, portal_api::FeedbackRequest, portal_api::FeedbackReceipt,
        portal_api::Os, portal_api::Installer, portal_api::InstallerManifest, portal_api::SignedManifest,
        portal_api::SigningKey, portal_api::UpdateRelease,
        portal_api::OrderRequest, portal_api::OrderReceipt,
        portal_api::ServiceStatus, portal_api::MixContent, portal_api::SecurityInfo,
        portal_api::OrderedService, portal_api::ServiceList, portal_api::BillingGroup,
        portal_api::BillingSummary, portal_api::MixEditRequest,
        portal_api::Device, portal_api::DeviceList, portal_api::DeviceRegistration,
        portal_api::DeviceHeartbeat,
        portal_api::SignInRequest, portal_api::RefreshRequest, portal_api::TokenPair,
        portal_api::PasswordResetRequest, portal_api::PasswordResetConfirm,
    )),
    modifiers(&BearerAuth, &ErrorEnvelopeDefault),
    tags(
        (name = "public", description = "No sign-in needed"),
        (name = "session", description = "Sign-in, refresh, sign-out, forgotten password"),
        (name = "customer", description = "Customer details"),
        (name = "services", description = "Ordered services and billing"),
        (name = "orders", description = "Orders (idempotent)"),
        (name = "feedback", description = "Customer feedback (idempotent)"),
        (name = "devices", description = "Turvapaketti device registry: registration by the installer, listing and releasing licences"),
    )
)]
pub struct ApiDoc;

/// The document.
pub fn document() -> utoipa::openapi::OpenApi {
    ApiDoc::openapi()
}

/// The document as pretty JSON with a trailing newline (the committed form).
pub fn json() -> &'static str {
    static JSON: OnceLock<String> = OnceLock::new();
    JSON.get_or_init(|| {
        let mut s = document()
            .to_pretty_json()
            .unwrap_or_else(|_| "{}".to_string());
        s.push('\n');
        s
    })
}
