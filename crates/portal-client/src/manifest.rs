//! Verification of the portal's Ed25519-signed installer manifest.

use crate::error::{ClientError, Result};
use base64::Engine;
use ed25519_dalek::{Signature, VerifyingKey};
use portal_api::{InstallerManifest, SignedManifest};

/// Decodes a standard-base64 32-byte public key (as in `GET /signing-key`).
pub fn decode_public_key(b64: &str) -> Result<[u8; 32]> {
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(b64.trim())
        .map_err(|_| ClientError::verification("the public key is not base64"))?;
    bytes
        .try_into()
        .map_err(|_| ClientError::verification("the public key is not 32 bytes"))
}

/// The key id of a public key as the portal names it in `SignedManifest::key_id`
/// and `GET /signing-key`: the first 16 hex digits of its SHA-256. Also the
/// fingerprint the app shows for a pinned key.
pub fn key_id(public_key: &[u8; 32]) -> String {
    use sha2::{Digest, Sha256};
    hex::encode(Sha256::digest(public_key))[..16].to_string()
}

/// Verifies the signature over the exact payload bytes with one of the pinned
/// keys (several may be pinned while an operator rotates its key) and only
/// then parses the payload. Everything a download uses (URL, size, SHA-256)
/// must come from the returned manifest.
///
/// The manifest names its key (`key_id`): a key that is pinned must verify
/// (`verification_failed` otherwise); a manifest signed by a key that is not
/// pinned is refused with `untrusted_key`.
pub fn verify_manifest(
    signed: &SignedManifest,
    pinned_keys: &[[u8; 32]],
) -> Result<InstallerManifest> {
    if pinned_keys.is_empty() {
        return Err(ClientError::verification(
            "no pinned portal key is configured",
        ));
    }
    let b64 = base64::engine::general_purpose::STANDARD;
    let payload = b64
        .decode(signed.payload.as_bytes())
        .map_err(|_| ClientError::verification("the manifest payload is not base64"))?;
    let sig_bytes: [u8; 64] = b64
        .decode(signed.signature.as_bytes())
        .ok()
        .and_then(|v| v.try_into().ok())
        .ok_or_else(|| {
            ClientError::verification("the manifest signature is not 64 bytes of base64")
        })?;
    let sig = Signature::from_bytes(&sig_bytes);
    let verifies = |k: &[u8; 32]| {
        VerifyingKey::from_bytes(k)
            .map(|key| key.verify_strict(&payload, &sig).is_ok())
            .unwrap_or(false)
    };
    let named = pinned_keys.iter().find(|k| key_id(k) == signed.key_id);
    let ok = match named {
        Some(k) => verifies(k),
        // A portal that names its keys differently: any pinned key will do,
        // and none verifying means the signer is not trusted.
        None => {
            if !pinned_keys.iter().any(verifies) {
                return Err(ClientError::new(
                    portal_api::ErrorCode::UntrustedKey,
                    format!(
                        "the manifest is signed by key {:?}, which is not pinned",
                        signed.key_id
                    ),
                ));
            }
            true
        }
    };
    if !ok {
        return Err(ClientError::verification(
            "the manifest signature does not verify",
        ));
    }
    serde_json::from_slice(&payload)
        .map_err(|_| ClientError::verification("the signed manifest is not a valid manifest"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ed25519_dalek::{Signer, SigningKey};
    use portal_api::{ErrorCode, Installer, Os};

    fn signed(key: &SigningKey, manifest: &InstallerManifest) -> SignedManifest {
        let b64 = base64::engine::general_purpose::STANDARD;
        let payload = serde_json::to_vec(manifest).unwrap();
        SignedManifest {
            key_id: key_id(&key.verifying_key().to_bytes()),
            payload: b64.encode(&payload),
            signature: b64.encode(key.sign(&payload).to_bytes()),
        }
    }

    fn manifest() -> InstallerManifest {
        InstallerManifest {
            product: "Turvapaketti".into(),
            issued_at: "2026-11-26T10:00:00Z".parse().unwrap(),
            installers: vec![Installer {
                os: Os::Linux,
                version: "1".into(),
                file_name: "a.bin".into(),
                url: "/api/v1/installers/a.bin".into(),
                size: 3,
                sha256: "00".into(),
            }],
        }
    }

    #[test]
    fn good_signature_verifies_and_tampering_fails() {
        let key = SigningKey::from_bytes(&[7u8; 32]);
        let pk = key.verifying_key().to_bytes();
        let s = signed(&key, &manifest());
        assert_eq!(verify_manifest(&s, &[pk]).unwrap(), manifest());

        // Tampered payload.
        let mut m2 = manifest();
        m2.installers[0].size = 4;
        let mut t = s.clone();
        t.payload =
            base64::engine::general_purpose::STANDARD.encode(serde_json::to_vec(&m2).unwrap());
        assert_eq!(
            verify_manifest(&t, &[pk]).unwrap_err().code,
            ErrorCode::VerificationFailed
        );
        // Signed by a key that is not pinned.
        let other = SigningKey::from_bytes(&[8u8; 32])
            .verifying_key()
            .to_bytes();
        assert_eq!(
            verify_manifest(&s, &[other]).unwrap_err().code,
            ErrorCode::UntrustedKey
        );
        // Nothing pinned.
        assert_eq!(
            verify_manifest(&s, &[]).unwrap_err().code,
            ErrorCode::VerificationFailed
        );
        // Garbage signature.
        let mut g = s.clone();
        g.signature = "AAAA".into();
        assert!(verify_manifest(&g, &[pk]).is_err());
    }

    #[test]
    fn key_rotation_any_pinned_key_verifies_its_own_manifests() {
        let old = SigningKey::from_bytes(&[7u8; 32]);
        let new = SigningKey::from_bytes(&[8u8; 32]);
        let pinned = [
            old.verifying_key().to_bytes(),
            new.verifying_key().to_bytes(),
        ];
        for key in [&old, &new] {
            assert_eq!(
                verify_manifest(&signed(key, &manifest()), &pinned).unwrap(),
                manifest()
            );
        }
        // A key named as a pinned one but signing with another fails, it is
        // not "untrusted".
        let mut s = signed(&new, &manifest());
        s.key_id = key_id(&pinned[0]);
        assert_eq!(
            verify_manifest(&s, &pinned).unwrap_err().code,
            ErrorCode::VerificationFailed
        );
        let stranger = SigningKey::from_bytes(&[9u8; 32]);
        assert_eq!(
            verify_manifest(&signed(&stranger, &manifest()), &pinned)
                .unwrap_err()
                .code,
            ErrorCode::UntrustedKey
        );
    }
}
