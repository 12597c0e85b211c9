//! Ordered services: rows → wire types, statuses and totals.

use chrono::NaiveDate;
use portal_api::{MixContent, OrderedService, Product, SecurityInfo, ServiceStatus};
use rand::Rng;
use sqlx::SqliteExecutor;

use crate::catalogue::{catalogue, channel, group};
use crate::state::AppState;

#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct ServiceRow {
    pub id: i64,
    pub product_id: String,
    pub start_date: NaiveDate,
    pub end_date: Option<NaiveDate>,
    pub mix_channels: Option<String>,
    pub subscription_key: Option<String>,
    pub device_code: Option<String>,
    pub devices_in_use: i64,
}

/// `devices_in_use` comes from the device registry: devices not released.
const COLUMNS: &str = "id, product_id, start_date, end_date, mix_channels, subscription_key, device_code, \
    (SELECT COUNT(*) FROM devices d WHERE d.service_id = services.id AND d.released_at IS NULL) AS devices_in_use";

impl ServiceRow {
    pub fn status(&self, today: NaiveDate) -> ServiceStatus {
        ServiceStatus::on(today, self.start_date, self.end_date)
    }

    pub fn product(&self) -> Option<&'static Product> {
        catalogue().product(&self.product_id)
    }

    pub fn selected_channels(&self) -> Vec<String> {
        self.mix_channels
            .as_deref()
            .and_then(|s| serde_json::from_str(s).ok())
            .unwrap_or_default()
    }
}

/// Every service of a customer, oldest first.
pub(crate) async fn list_rows<'e>(
    db: impl SqliteExecutor<'e>,
    customer_id: i64,
) -> Result<Vec<ServiceRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM services WHERE customer_id = ? ORDER BY start_date, id"
    ))
    .bind(customer_id)
    .fetch_all(db)
    .await
}

/// One service, only if it belongs to the customer.
pub(crate) async fn get_row<'e>(
    db: impl SqliteExecutor<'e>,
    customer_id: i64,
    id: i64,
) -> Result<Option<ServiceRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM services WHERE customer_id = ? AND id = ?"
    ))
    .bind(customer_id)
    .bind(id)
    .fetch_optional(db)
    .await
}

/// Sum of the monthly prices of the billed services.
pub(crate) fn monthly_total(rows: &[ServiceRow], today: NaiveDate) -> i64 {
    rows.iter()
        .filter(|r| r.status(today).is_billed())
        .filter_map(|r| r.product())
        .map(|p| p.monthly_price_cents)
        .sum()
}

/// Builds the wire form of a service.
pub(crate) fn to_wire(state: &AppState, row: &ServiceRow, today: NaiveDate) -> OrderedService {
    let product = row.product();
    let status = row.status(today);
    let group_id = product.map(|p| p.group.clone()).unwrap_or_default();
    let group_name = group(&group_id)
        .map(|g| g.name.clone())
        .unwrap_or_else(|| portal_api::LocalizedText::new(&group_id, &group_id));
    let mix = product.and_then(|p| p.mix.as_ref()).map(|spec| MixContent {
        channel_count: spec.channel_count,
        allowed_channels: spec
            .allowed_channels
            .iter()
            .filter_map(|id| channel(id).cloned())
            .collect(),
        selected: row.selected_channels(),
    });
    let security = product
        .and_then(|p| p.devices_allowed)
        .map(|devices_allowed| SecurityInfo {
            subscription_key: row.subscription_key.clone().unwrap_or_default(),
            devices_allowed,
            devices_in_use: row.devices_in_use.max(0) as u32,
            device_link: row
                .device_code
                .as_deref()
                .map(|code| format!("{}/d/{code}", state.base_url))
                .unwrap_or_default(),
            installers: state.installers.list.clone(),
            manifest: state.installers.manifest.clone(),
        });
    let updates_available = if status == ServiceStatus::Ended {
        Vec::new()
    } else {
        catalogue()
            .products
            .iter()
            .filter(|p| p.updates.contains(&row.product_id))
            .map(|p| p.id.clone())
            .collect()
    };
    OrderedService {
        id: row.id,
        product_id: row.product_id.clone(),
        name: product
            .map(|p| p.name.clone())
            .unwrap_or_else(|| portal_api::LocalizedText::new(&row.product_id, &row.product_id)),
        group: group_id,
        group_name,
        start_date: row.start_date,
        end_date: row.end_date,
        validity: product
            .map(|p| p.validity)
            .unwrap_or(portal_api::Validity::UntilFurtherNotice),
        status,
        monthly_price_cents: product.map(|p| p.monthly_price_cents).unwrap_or(0),
        mix,
        security,
        updates_available,
    }
}

/// A Turvapaketti subscription key, e.g. `K7QF-2M9X-WD4T-8HNP-3CJR`.
pub(crate) fn new_subscription_key() -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = rand::rngs::OsRng;
    (0..5)
        .map(|_| {
            (0..4)
                .map(|_| ALPHABET[rng.gen_range(0..ALPHABET.len())] as char)
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("-")
}

/// A random token for the "protect another device" link.
pub(crate) fn new_device_code() -> String {
    let mut bytes = [0u8; 16];
    rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut bytes);
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}
