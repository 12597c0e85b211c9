//! The device registry's wire types from arbitrary bytes: decoding never
//! panics, a decoded value round-trips, and the contract's registration
//! check is total and idempotent — what it accepts is trimmed, within the
//! limits, free of control characters, with an upper-case visible-ASCII key.
#![no_main]

use libfuzzer_sys::fuzz_target;
use portal_api::*;

fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(data: &[u8]) {
    if let Ok(v) = serde_json::from_slice::<T>(data) {
        let a = serde_json::to_value(&v).expect("encodes");
        let back: T = serde_json::from_value(a.clone()).expect("decodes");
        assert_eq!(a, serde_json::to_value(&back).expect("encodes again"));
    }
}

fuzz_target!(|data: &[u8]| {
    round_trip::<Device>(data);
    round_trip::<DeviceList>(data);
    round_trip::<DeviceHeartbeat>(data);
    round_trip::<DeviceRegistration>(data);
    let Ok(reg) = serde_json::from_slice::<DeviceRegistration>(data) else {
        return;
    };
    match reg.validated() {
        Ok(ok) => {
            assert_eq!(ok.validated().as_ref(), Ok(&ok), "not idempotent");
            assert!(!ok.name.is_empty() && ok.name.chars().count() <= DEVICE_NAME_MAX_CHARS);
            assert!(!ok.name.chars().any(char::is_control));
            assert_eq!(ok.name.trim(), ok.name);
            assert!(ok.app_version.chars().count() <= APP_VERSION_MAX_CHARS);
            assert!(ok.subscription_key.bytes().all(|b| b.is_ascii_graphic()));
            assert_eq!(ok.subscription_key, ok.subscription_key.to_ascii_uppercase());
        }
        Err(e) => {
            assert_eq!(e.code, ErrorCode::ValidationFailed);
            assert!(e.field.is_some(), "a refusal names its field");
        }
    }
});
