//! The one rule for the default language (`locales/negotiation.json`): the
//! same table is checked against the UI's `negotiateLang` in
//! `ui/src/lib/i18n.test.ts`, and the app and the CLI both call
//! [`l10n::negotiate`].

use l10n::{negotiate, Lang};

#[derive(serde::Deserialize)]
struct Table {
    cases: Vec<(String, String)>,
}

#[test]
fn os_locale_picks_the_language_by_one_table() {
    let text = include_str!("../../../locales/negotiation.json");
    let table: Table = serde_json::from_str(text).expect("negotiation.json parses");
    assert!(table.cases.len() > 10);
    let mut wrong = Vec::new();
    for (tag, want) in &table.cases {
        let want: Lang = want.parse().expect("a supported language");
        if negotiate(tag) != want {
            wrong.push(format!("{tag:?} → {} (want {want})", negotiate(tag)));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    // Every supported language is reachable from some OS locale.
    for lang in Lang::ALL {
        assert!(
            table.cases.iter().any(|(_, l)| l == lang.as_str()),
            "{lang}"
        );
    }
}
