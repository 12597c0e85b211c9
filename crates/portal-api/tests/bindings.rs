//! The UI's TypeScript types are generated from the wire types (ts-rs) and
//! committed under `ui/src/lib/bindings/api/`. This test fails when they are
//! stale; run with `UPDATE_BINDINGS=1` to regenerate. Session types (tokens)
//! are deliberately not exported: tokens never reach the web view.

use portal_api::*;
use std::path::{Path, PathBuf};
use ts_rs::TS;

fn export_all(dir: &Path) {
    macro_rules! export {
        ($($t:ty),* $(,)?) => { $( <$t>::export_all_to(dir).expect(stringify!($t)); )* };
    }
    export!(
        ErrorBody,
        ErrorCode,
        LocalizedText,
        Health,
        Address,
        PayTvCard,
        OrderBlocker,
        CustomerDetails,
        EmailChangeRequest,
        PasswordChangeRequest,
        PasswordStrength,
        Validity,
        ProductKind,
        ProductGroup,
        Channel,
        MixSpec,
        Product,
        Catalogue,
        ServiceStatus,
        MixContent,
        SecurityInfo,
        OrderedService,
        ServiceList,
        BillingGroup,
        BillingSummary,
        MixEditRequest,
        OrderRequest,
        OrderReceipt,
        FeedbackTopic,
        FeedbackRequest,
        FeedbackReceipt,
        ContactChannel,
        ContactRoute,
        CustomerServiceContact,
        Os,
        Installer,
        InstallerManifest,
        SignedManifest,
        SigningKey,
    );
}

fn files(dir: &Path) -> Vec<(String, String)> {
    let mut out: Vec<_> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| {
                    let name = e.file_name().to_string_lossy().into_owned();
                    (name, std::fs::read_to_string(e.path()).unwrap_or_default())
                })
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

#[test]
fn typescript_bindings_are_current() {
    let committed: PathBuf = [env!("CARGO_MANIFEST_DIR"), "../../ui/src/lib/bindings/api"]
        .iter()
        .collect();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        let _ = std::fs::remove_dir_all(&committed);
        std::fs::create_dir_all(&committed).unwrap();
        export_all(&committed);
        return;
    }
    let fresh = std::env::temp_dir().join(format!("portal-api-bindings-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&fresh);
    std::fs::create_dir_all(&fresh).unwrap();
    export_all(&fresh);
    let (a, b) = (files(&fresh), files(&committed));
    let _ = std::fs::remove_dir_all(&fresh);
    assert!(!a.is_empty());
    assert!(
        a == b,
        "ui/src/lib/bindings/api is stale: run `UPDATE_BINDINGS=1 cargo test -p portal-api --test bindings`"
    );
}
