//! Issue 5 (ordering, pay-TV, MIX, email, password) through the app's window-free
//! core (`Core`) against the real reference portal, spawned in-process: every rule is
//! enforced by the server and arrives in the app as the documented error code.

use base64::Engine;
use omahallinta_lib::events::Recorder;
use omahallinta_lib::launch::LaunchOptions;
use omahallinta_lib::state::{Core, Dirs, StoreFactory};
use portal_api::{ErrorCode, OrderBlocker, OrderRequest};
use portal_client::{MemoryStore, SessionStore};
use portal_server::{demo, PasswordHashParams, RunningServer, ServerConfig};
use std::path::Path;
use std::sync::Arc;

async fn portal(tmp: &Path) -> RunningServer {
    let db = tmp.join("portal.db");
    portal_server::spawn(ServerConfig {
        db_path: Some(db.clone()),
        data_dir: Some(db.with_extension("files")),
        password_hash: PasswordHashParams::INSECURE_FAST,
        installer_size: 64 * 1024,
        ..Default::default()
    })
    .await
    .expect("portal starts")
}

/// One app core (its own config/data dirs and session store) against `server`.
fn app(server: &RunningServer, dir: &Path) -> Arc<Core> {
    let launch = LaunchOptions {
        portal_url: Some(server.base_url()),
        portal_key: Some(
            base64::engine::general_purpose::STANDARD.encode(server.public_key_bytes()),
        ),
        ..Default::default()
    };
    let dirs = Dirs::under(dir);
    let store = Arc::new(MemoryStore::new());
    let factory: StoreFactory = Box::new(move |_| store.clone() as Arc<dyn SessionStore>);
    Arc::new(Core::with_store(launch, dirs, Arc::new(Recorder::default()), factory).unwrap())
}

async fn signed_in(server: &RunningServer, dir: &Path, who: demo::DemoAccount) -> Arc<Core> {
    let core = app(server, dir);
    core.sign_in(who.email, who.password.into(), false)
        .await
        .unwrap();
    core
}

fn order(product: &str) -> OrderRequest {
    OrderRequest {
        product_id: product.into(),
        replaces_service_id: None,
        mix_channels: None,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn order_is_listed_and_idempotent() {
    let tmp = tempfile::tempdir().unwrap();
    let server = portal(tmp.path()).await;
    let core = signed_in(&server, &tmp.path().join("a"), demo::FAMILY).await;
    let before = core.services().await.unwrap().data;
    assert!(!before
        .services
        .iter()
        .any(|s| s.product_id == "maksu-urheilu"));
    let customer = core.customer().await.unwrap().data;
    assert!(customer.order_blockers.is_empty());
    let price = core
        .catalogue()
        .await
        .unwrap()
        .data
        .products
        .iter()
        .find(|p| p.id == "maksu-urheilu")
        .expect("in the catalogue")
        .monthly_price_cents;

    let key = "self-service-order-1";
    let receipt = core
        .place_order(&order("maksu-urheilu"), key)
        .await
        .unwrap();
    assert_eq!(receipt.service.product_id, "maksu-urheilu");
    assert_eq!(receipt.service.monthly_price_cents, price);
    assert_eq!(
        receipt.monthly_total_cents,
        before.monthly_total_cents + price,
        "the new monthly total"
    );

    // Listed under ordered services, with the new total.
    let after = core.services().await.unwrap().data;
    let listed = after
        .services
        .iter()
        .find(|s| s.id == receipt.service.id)
        .expect("the ordered service is listed");
    assert_eq!(listed.product_id, "maksu-urheilu");
    assert_eq!(listed.monthly_price_cents, price);
    assert_eq!(after.monthly_total_cents, receipt.monthly_total_cents);
    let billing = core.billing().await.unwrap();
    assert_eq!(billing.monthly_total_cents, receipt.monthly_total_cents);
    assert_eq!(
        billing.groups.iter().map(|g| g.total_cents).sum::<i64>(),
        billing.monthly_total_cents
    );

    // The same key and body (a retry): the same receipt, no second service.
    let again = core
        .place_order(&order("maksu-urheilu"), key)
        .await
        .unwrap();
    assert_eq!(again, receipt);
    let count = core
        .services()
        .await
        .unwrap()
        .data
        .services
        .iter()
        .filter(|s| s.product_id == "maksu-urheilu")
        .count();
    assert_eq!(count, 1, "ordered once");
    // The same key for another order is refused.
    let err = core
        .place_order(&order("maksu-lapset"), key)
        .await
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::IdempotencyKeyReused);
    // A new key for the same product: already subscribed.
    let err = core
        .place_order(&order("maksu-urheilu"), "self-service-order-2")
        .await
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::AlreadySubscribed);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_billing_agreement_blocks_ordering() {
    let tmp = tempfile::tempdir().unwrap();
    let server = portal(tmp.path()).await;
    let core = signed_in(&server, &tmp.path().join("a"), demo::NO_BILLING).await;
    // Known before trying: the customer's blockers say why.
    let customer = core.customer().await.unwrap().data;
    assert!(!customer.billing_agreement_valid);
    assert_eq!(
        customer.order_blockers,
        vec![OrderBlocker::NoBillingAgreement]
    );
    let before = core.services().await.unwrap().data;
    let err = core
        .place_order(&order("tv-dokumentti"), "no-billing-1")
        .await
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::NoBillingAgreement);
    assert_eq!(
        core.services().await.unwrap().data,
        before,
        "nothing ordered"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pay_channels_need_a_pay_tv_card() {
    let tmp = tempfile::tempdir().unwrap();
    let server = portal(tmp.path()).await;
    let core = signed_in(&server, &tmp.path().join("a"), demo::NO_PAY_TV_CARD).await;
    let customer = core.customer().await.unwrap().data;
    assert!(customer.pay_tv_card.is_none());
    assert!(
        customer.order_blockers.is_empty(),
        "may order other products"
    );
    let catalogue = core.catalogue().await.unwrap().data;
    let pay = catalogue
        .products
        .iter()
        .find(|p| p.id == "maksu-lapset")
        .unwrap();
    assert!(pay.requires_pay_tv_card);
    let err = core
        .place_order(&order("maksu-lapset"), "no-card-1")
        .await
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::PayTvCardRequired);
    // A package without the card requirement is fine for the same customer.
    let receipt = core
        .place_order(&order("tv-dokumentti"), "no-card-2")
        .await
        .unwrap();
    assert_eq!(receipt.service.product_id, "tv-dokumentti");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mix_edit_needs_the_exact_count() {
    let tmp = tempfile::tempdir().unwrap();
    let server = portal(tmp.path()).await;
    let core = signed_in(&server, &tmp.path().join("a"), demo::FAMILY).await;
    let list = core.services().await.unwrap().data;
    let svc = list
        .services
        .iter()
        .find(|s| s.mix.is_some())
        .expect("a MIX service");
    let mix = svc.mix.clone().unwrap();
    assert_eq!(mix.selected.len(), mix.channel_count as usize);
    let unchosen: Vec<String> = mix
        .allowed_channels
        .iter()
        .map(|c| c.id.clone())
        .filter(|c| !mix.selected.contains(c))
        .collect();

    // One too many.
    let mut too_many = mix.selected.clone();
    too_many.push(unchosen[0].clone());
    let err = core.edit_mix(svc.id, too_many).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::MixWrongCount);
    assert_eq!(err.body().field.as_deref(), Some("channels"));
    // One too few.
    let err = core
        .edit_mix(svc.id, mix.selected[1..].to_vec())
        .await
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::MixWrongCount);
    assert_eq!(err.body().field.as_deref(), Some("channels"));
    // A channel twice (the right length, but not distinct).
    let mut twice = mix.selected.clone();
    twice[0] = twice[1].clone();
    let err = core.edit_mix(svc.id, twice).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::MixWrongCount);
    // A channel outside the package.
    let mut foreign = mix.selected.clone();
    foreign[0] = "no-such-channel".into();
    let err = core.edit_mix(svc.id, foreign).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::MixChannelNotAllowed);
    assert_eq!(err.body().field.as_deref(), Some("channels"));
    // Unchanged after the refusals.
    let still = core.services().await.unwrap().data;
    let still = still.services.iter().find(|s| s.id == svc.id).unwrap();
    assert_eq!(still.mix.as_ref().unwrap().selected, mix.selected);

    // The right count: saved, and the portal returns it from now on.
    let mut right = mix.selected.clone();
    right[0] = unchosen[0].clone();
    let saved = core.edit_mix(svc.id, right.clone()).await.unwrap();
    let mut got = saved.mix.unwrap().selected;
    got.sort();
    let mut want = right.clone();
    want.sort();
    assert_eq!(got, want);
    let fresh = core.services().await.unwrap().data;
    let mut listed = fresh
        .services
        .iter()
        .find(|s| s.id == svc.id)
        .unwrap()
        .mix
        .clone()
        .unwrap()
        .selected;
    listed.sort();
    assert_eq!(listed, want);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn email_change_validates_then_changes_the_sign_in() {
    let tmp = tempfile::tempdir().unwrap();
    let server = portal(tmp.path()).await;
    let core = signed_in(&server, &tmp.path().join("a"), demo::NO_PAY_TV_CARD).await;
    for bad in [
        "",
        "not-an-email",
        "a@b",
        "two words@example.fi",
        "x@example.fi.",
    ] {
        let err = core.change_email(bad).await.unwrap_err();
        assert_eq!(err.code(), ErrorCode::InvalidEmail, "{bad:?}");
        assert_eq!(err.body().field.as_deref(), Some("email"), "{bad:?}");
    }
    // Someone else's address is refused too.
    let err = core.change_email(demo::FAMILY.email).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::EmailInUse);
    assert_eq!(
        core.customer().await.unwrap().data.email,
        demo::NO_PAY_TV_CARD.email,
        "unchanged after refusals"
    );

    let new = "liisa.uusi@example.fi";
    let details = core.change_email(new).await.unwrap();
    assert_eq!(details.email, new);
    assert_eq!(core.customer().await.unwrap().data.email, new);
    // The new address signs in; the old one no longer does.
    let other = app(&server, &tmp.path().join("b"));
    let err = other
        .sign_in(
            demo::NO_PAY_TV_CARD.email,
            demo::NO_PAY_TV_CARD.password.into(),
            false,
        )
        .await
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidCredentials);
    other
        .sign_in(new, demo::NO_PAY_TV_CARD.password.into(), false)
        .await
        .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn password_change_keeps_this_session_and_signs_out_others() {
    let tmp = tempfile::tempdir().unwrap();
    let server = portal(tmp.path()).await;
    let who = demo::NO_BILLING;
    let this = signed_in(&server, &tmp.path().join("this"), who).await;
    let other = signed_in(&server, &tmp.path().join("other"), who).await;
    other.billing().await.expect("the other session works");

    // Wrong current password.
    let err = this
        .change_password("Wrong-Current-9".into(), "Uusi-Salasana-77".into())
        .await
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::WrongCurrentPassword);
    assert_eq!(err.body().field.as_deref(), Some("current_password"));
    // Weak new passwords.
    for weak in ["short1A", "alllowercaseletters", "1234567890"] {
        let err = this
            .change_password(who.password.into(), weak.into())
            .await
            .unwrap_err();
        assert_eq!(err.code(), ErrorCode::WeakPassword, "{weak:?}");
        assert_eq!(err.body().field.as_deref(), Some("new_password"));
    }
    // Nothing changed yet: the other session still works.
    other.billing().await.expect("still signed in");

    let new = "Uusi-Salasana-77";
    this.change_password(who.password.into(), new.into())
        .await
        .unwrap();
    // This session is kept...
    this.billing().await.expect("this session is kept");
    this.services().await.expect("this session is kept");
    assert!(this.session_info().await.signed_in);
    // ...the other one is signed out.
    let err = other.billing().await.unwrap_err();
    assert!(
        matches!(
            err.code(),
            ErrorCode::Unauthorized
                | ErrorCode::TokenExpired
                | ErrorCode::InvalidGrant
                | ErrorCode::NotSignedIn
        ),
        "{err:?}"
    );
    // The old password no longer signs in, the new one does.
    let third = app(&server, &tmp.path().join("third"));
    let err = third
        .sign_in(who.email, who.password.into(), false)
        .await
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidCredentials);
    third.sign_in(who.email, new.into(), false).await.unwrap();
    third.billing().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn update_of_a_valid_subscription_replaces_it() {
    let tmp = tempfile::tempdir().unwrap();
    let server = portal(tmp.path()).await;
    let core = signed_in(&server, &tmp.path().join("a"), demo::FAMILY).await;
    let before = core.services().await.unwrap().data;
    let old = before
        .services
        .iter()
        .find(|s| s.product_id == "turvapaketti-5")
        .expect("Turvapaketti 5")
        .clone();
    let catalogue = core.catalogue().await.unwrap().data;
    let ten = catalogue
        .products
        .iter()
        .find(|p| p.id == "turvapaketti-10")
        .unwrap();
    assert!(ten.updates.contains(&old.product_id));

    // Not a replacement for an unrelated service.
    let tv = before
        .services
        .iter()
        .find(|s| s.product_id == "tv-perus")
        .unwrap();
    let err = core
        .place_order(
            &OrderRequest {
                replaces_service_id: Some(tv.id),
                ..order("turvapaketti-10")
            },
            "update-1",
        )
        .await
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::UpdateNotAllowed);
    assert_eq!(err.body().field.as_deref(), Some("replaces_service_id"));

    let receipt = core
        .place_order(
            &OrderRequest {
                replaces_service_id: Some(old.id),
                ..order("turvapaketti-10")
            },
            "update-2",
        )
        .await
        .unwrap();
    assert_eq!(
        receipt.monthly_total_cents,
        before.monthly_total_cents - old.monthly_price_cents + ten.monthly_price_cents
    );
    // The key and the protected devices carry over.
    let (old_sec, new_sec) = (
        old.security.as_ref().unwrap(),
        receipt.service.security.as_ref().unwrap(),
    );
    assert_eq!(new_sec.subscription_key, old_sec.subscription_key);
    assert_eq!(new_sec.devices_in_use, old_sec.devices_in_use);
    let after = core.services().await.unwrap().data;
    let replaced = after.services.iter().find(|s| s.id == old.id).unwrap();
    assert_eq!(replaced.status, portal_api::ServiceStatus::Ended);
    assert_eq!(after.monthly_total_cents, receipt.monthly_total_cents);
}
