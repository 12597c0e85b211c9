//! The Turvapaketti device registry: every device the security client
//! protects holds one licence of the subscription. The installer registers
//! the device with the subscription key; the signed-in customer lists the
//! devices and releases a licence from an old one.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use utoipa::ToSchema;

use crate::{ErrorBody, ErrorCode, Os};

/// Longest accepted device name, in characters.
pub const DEVICE_NAME_MAX_CHARS: usize = 64;
/// Longest accepted app version, in characters.
pub const APP_VERSION_MAX_CHARS: usize = 32;
/// Longest accepted subscription key or machine id, in characters.
pub const DEVICE_KEY_MAX_CHARS: usize = 64;

/// One protected device.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema, TS)]
pub struct Device {
    #[ts(type = "number")]
    pub id: i64,
    /// The Turvapaketti service whose licence the device holds.
    #[ts(type = "number")]
    pub service_id: i64,
    pub name: String,
    pub os: Os,
    /// Version of the security client on the device.
    pub app_version: String,
    pub registered_at: DateTime<Utc>,
    /// Last registration or heartbeat.
    pub last_seen: DateTime<Utc>,
}

/// `GET /api/v1/services/{id}/devices`: the devices holding the service's
/// licences (released ones are not listed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema, TS)]
pub struct DeviceList {
    #[ts(type = "number")]
    pub service_id: i64,
    pub devices_allowed: u32,
    pub devices: Vec<Device>,
}

/// `POST /api/v1/devices` (public, sent by the installer): registers a
/// device with the subscription key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema, TS)]
pub struct DeviceRegistration {
    pub subscription_key: String,
    pub name: String,
    pub os: Os,
    pub app_version: String,
    /// An opaque, stable id of the machine (e.g. a hash of its machine id):
    /// registering the same machine again returns its existing device
    /// instead of taking another licence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub machine_id: Option<String>,
}

/// `POST /api/v1/devices/{id}/heartbeat` (public, sent by the security
/// client): "still here".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema, TS)]
pub struct DeviceHeartbeat {
    pub subscription_key: String,
}

fn text(raw: &str, field: &str, max: usize) -> Result<String, ErrorBody> {
    let s = raw.trim();
    if s.is_empty() || s.chars().count() > max || s.chars().any(char::is_control) {
        return Err(ErrorBody::new(
            ErrorCode::ValidationFailed,
            format!("{field} must be 1 to {max} characters without control characters"),
        )
        .with_field(field));
    }
    Ok(s.to_string())
}

/// A subscription key as typed: trimmed, upper-cased; 1..=64 visible ASCII.
pub fn normalize_subscription_key(raw: &str) -> Result<String, ErrorBody> {
    let s = raw.trim();
    if s.is_empty() || s.len() > DEVICE_KEY_MAX_CHARS || !s.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(ErrorBody::new(
            ErrorCode::ValidationFailed,
            "the subscription key is not valid",
        )
        .with_field("subscription_key"));
    }
    Ok(s.to_ascii_uppercase())
}

impl DeviceRegistration {
    /// The registration with its fields checked and trimmed; the first bad
    /// field → `validation_failed` naming it.
    pub fn validated(&self) -> Result<DeviceRegistration, ErrorBody> {
        Ok(DeviceRegistration {
            subscription_key: normalize_subscription_key(&self.subscription_key)?,
            name: text(&self.name, "name", DEVICE_NAME_MAX_CHARS)?,
            os: self.os,
            app_version: text(&self.app_version, "app_version", APP_VERSION_MAX_CHARS)?,
            machine_id: self
                .machine_id
                .as_deref()
                .map(|m| text(m, "machine_id", DEVICE_KEY_MAX_CHARS))
                .transpose()?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reg() -> DeviceRegistration {
        DeviceRegistration {
            subscription_key: " k7qf-2m9x ".into(),
            name: " kone ".into(),
            os: Os::Linux,
            app_version: "19.4".into(),
            machine_id: None,
        }
    }

    #[test]
    fn registration_is_trimmed_and_checked_field_by_field() {
        let ok = reg().validated().unwrap();
        assert_eq!(ok.subscription_key, "K7QF-2M9X");
        assert_eq!(ok.name, "kone");
        for (mut r, field) in [
            (reg(), "subscription_key"),
            (reg(), "name"),
            (reg(), "app_version"),
            (reg(), "machine_id"),
        ] {
            match field {
                "subscription_key" => r.subscription_key = "a b".into(),
                "name" => r.name = "x".repeat(DEVICE_NAME_MAX_CHARS + 1),
                "app_version" => r.app_version = "1\n2".into(),
                _ => r.machine_id = Some(String::new()),
            }
            let e = r.validated().unwrap_err();
            assert_eq!(e.code, ErrorCode::ValidationFailed);
            assert_eq!(e.field.as_deref(), Some(field));
        }
    }

    #[test]
    fn wire_shape() {
        let json = serde_json::to_value(reg()).unwrap();
        assert!(json.get("machine_id").is_none());
        assert_eq!(json["os"], "linux");
    }
}
