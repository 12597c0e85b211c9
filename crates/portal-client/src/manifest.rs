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

/// Verifies the signature over the exact payload bytes with the pinned key
/// and only then parses the payload. Everything a download uses (URL, size,
/// SHA-256) must come from the returned manifest.
pub fn verify_manifest(
    signed: &SignedManifest,
    public_key: &[u8; 32],
) -> Result<InstallerManifest> {
    let b64 = base64::engine::general_purpose::STANDARD;
    let key = VerifyingKey::from_bytes(public_key)
        .map_err(|_| ClientError::verification("the pinned key is not a valid Ed25519 key"))?;
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
    key.verify_strict(&payload, &sig)
        .map_err(|_| ClientError::verification("the manifest signature does not verify"))?;
    serde_json::from_slice(&payload)
        .map_err(|_| ClientError::verification("the signed manifest is not a valid manifest"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ed25519_dalek::{Signer, SigningKey};
    use portal_api::{Installer, Os};

    fn signed(key: &SigningKey, manifest: &InstallerManifest) -> SignedManifest {
        let b64 = base64::engine::general_purpose::STANDARD;
        let payload = serde_json::to_vec(manifest).unwrap();
        SignedManifest {
            key_id: "k1".into(),
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
        assert_eq!(verify_manifest(&s, &pk).unwrap(), manifest());

        // Tampered payload.
        let mut m2 = manifest();
        m2.installers[0].size = 4;
        let mut t = s.clone();
        t.payload =
            base64::engine::general_purpose::STANDARD.encode(serde_json::to_vec(&m2).unwrap());
        assert!(verify_manifest(&t, &pk).is_err());
        // Wrong key.
        let other = SigningKey::from_bytes(&[8u8; 32])
            .verifying_key()
            .to_bytes();
        assert!(verify_manifest(&s, &other).is_err());
        // Garbage signature.
        let mut g = s.clone();
        g.signature = "AAAA".into();
        assert!(verify_manifest(&g, &pk).is_err());
    }
}
