//! The downloader's header handling: Content-Range (resume offset and
//! total), Retry-After (seconds and HTTP date), and the signed manifest
//! (ETag/size/sha256 come only from a verified payload). Never a panic; a
//! parsed Content-Range is consistent with its text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use portal_client::download::parse_content_range;
use portal_client::retry::parse_retry_after;
use std::time::{Duration, SystemTime};

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    if let Some((start, total)) = parse_content_range(s) {
        assert!(s.trim().starts_with("bytes "));
        // Re-rendering a parsed value parses to the same value.
        let text = match total {
            Some(t) => format!("bytes {start}-0/{t}"),
            None => format!("bytes {start}-0/*"),
        };
        assert_eq!(parse_content_range(&text), Some((start, total)));
    }
    for now in [
        SystemTime::UNIX_EPOCH,
        SystemTime::now(),
        SystemTime::UNIX_EPOCH + Duration::from_secs(u32::MAX as u64),
    ] {
        let _ = parse_retry_after(s, now);
    }
    // The manifest path: a public key and a signed manifest from the wire.
    let _ = portal_client::decode_public_key(s);
    if let Ok(m) = serde_json::from_slice::<portal_api::SignedManifest>(data) {
        let _ = portal_client::verify_manifest(&m, &[[0u8; 32]]);
        let _ = portal_client::verified_installer(&m, &[[9u8; 32]], portal_api::Os::Linux);
    }
});
