//! Decoding every portal-api wire type from arbitrary bytes (what the
//! client does with each response body, and the server with each request
//! body): never a panic. A value that decodes must survive a round trip:
//! encode → decode → encode gives the same JSON.
#![no_main]

use libfuzzer_sys::fuzz_target;
use portal_api::*;
use serde::de::DeserializeOwned;
use serde::Serialize;

fn check<T: DeserializeOwned + Serialize>(data: &[u8]) {
    if let Ok(v) = serde_json::from_slice::<T>(data) {
        let a = serde_json::to_value(&v).expect("a decoded value encodes");
        let again: T = serde_json::from_value(a.clone()).expect("its encoding decodes");
        let b = serde_json::to_value(&again).expect("encodes again");
        assert_eq!(a, b, "round trip changed the value");
    }
}

macro_rules! all {
    ($data:expr, $($t:ty),* $(,)?) => {{
        // The first byte picks a type (so each gets focused inputs); the
        // rest is the body. Every type also sees every input.
        let (sel, body) = match $data.split_first() { Some((s, b)) => (*s, b), None => (0, &[][..]) };
        let fns: &[fn(&[u8])] = &[$(check::<$t>),*];
        fns[sel as usize % fns.len()](body);
        $( check::<$t>($data); )*
    }};
}

fuzz_target!(|data: &[u8]| {
    all!(
        data,
        // catalogue
        Validity,
        ProductKind,
        ProductGroup,
        Channel,
        MixSpec,
        Product,
        Catalogue,
        // contact
        ContactChannel,
        ContactRoute,
        CustomerServiceContact,
        // customer
        Address,
        PayTvCard,
        OrderBlocker,
        CustomerDetails,
        EmailChangeRequest,
        PasswordChangeRequest,
        // error
        ErrorCode,
        ErrorBody,
        // feedback
        FeedbackTopic,
        FeedbackRequest,
        FeedbackReceipt,
        // devices
        Device,
        DeviceList,
        DeviceRegistration,
        DeviceHeartbeat,
        // installers
        Os,
        Installer,
        InstallerManifest,
        SignedManifest,
        SigningKey,
        // lib
        LocalizedText,
        Health,
        // orders
        OrderRequest,
        OrderReceipt,
        // services
        ServiceStatus,
        MixContent,
        SecurityInfo,
        OrderedService,
        ServiceList,
        BillingGroup,
        BillingSummary,
        MixEditRequest,
        // session
        SignInRequest,
        RefreshRequest,
        TokenPair,
    );
    // Free functions of the contract that take user input.
    if let Ok(s) = std::str::from_utf8(data) {
        let _ = password_strength(s).acceptable();
        let _ = LocalizedText::new(s, s).get(s).len();
        if let Ok(code) =
            serde_json::from_value::<ErrorCode>(serde_json::Value::String(s.to_owned()))
        {
            assert_eq!(code.as_str(), s);
            let status = code.http_status();
            assert!((100..600).contains(&status));
        }
    }
});
