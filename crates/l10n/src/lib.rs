//! Localized text for the `oma` CLI and the desktop app (no Tauri here).
//!
//! * Messages come from `locales/<lang>/*.ftl`, embedded at compile time by
//!   `build.rs` (every `.ftl` file in every language folder).
//! * [`negotiate`] is the one rule for the OS default, shared by the CLI and
//!   the app: Finnish for `fi*`, Swedish for `sv*`, English for everything
//!   else, including `C`/`POSIX` and unknown tags. Its table is
//!   `locales/negotiation.json`, checked here and by the UI's own tests.
//! * Dates and euro amounts are formatted with ICU4X (compiled CLDR data):
//!   the date is CLDR's *medium* year-month-day (fi `24.11.2026`, sv-FI
//!   `24 nov. 2026`, en `Nov 24, 2026`), money is CLDR's currency format
//!   (fi and sv-FI `9,90 €` with a no-break space, en `€9.90`). They are available from Rust
//!   ([`Localizer::date`], [`Localizer::money`]) and inside messages as the
//!   Fluent functions `DATE($iso_date)` and `MONEY($cents)`.
//! * Bidi isolation marks are off: the text goes to terminals and OS
//!   notifications, where the marks show up as garbage.

use chrono::{Datelike, NaiveDate};
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentResource, FluentValue};
use icu_calendar::Date;
use icu_datetime::fieldsets::YMD;
use icu_datetime::DateTimeFormatter;
use icu_experimental::dimension::currency::formatter::CurrencyFormatter;
use icu_experimental::dimension::currency::CurrencyCode;
use icu_locale_core::Locale;
use std::fmt;
use std::str::FromStr;
use unic_langid::LanguageIdentifier;
use writeable::Writeable;

pub use fluent_bundle::FluentArgs;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded_locales.rs"));
}

/// Every embedded Fluent file: (language folder, file name, contents).
pub fn embedded_files() -> &'static [(&'static str, &'static str, &'static str)] {
    embedded::EMBEDDED
}

/// A language the product speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// Finnish, the primary language.
    #[default]
    Fi,
    /// English.
    En,
    /// Swedish as written in Finland (dates and money follow `sv-FI`).
    Sv,
}

impl Lang {
    /// Every supported language.
    pub const ALL: &'static [Lang] = &[Lang::Fi, Lang::En, Lang::Sv];

    /// The folder / BCP 47 name: `fi`, `en` or `sv`.
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Fi => "fi",
            Lang::En => "en",
            Lang::Sv => "sv",
        }
    }

    /// The CLDR locale for dates and money: Swedish follows Finland's
    /// conventions (`sv-FI`), not Sweden's.
    fn cldr_locale(self) -> &'static str {
        match self {
            Lang::Fi => "fi",
            Lang::En => "en",
            Lang::Sv => "sv-FI",
        }
    }

    /// The language of the operating system's locale (via `sys-locale`),
    /// negotiated with [`negotiate`].
    pub fn from_system() -> Lang {
        sys_locale::get_locale()
            .map(|tag| negotiate(&tag))
            .unwrap_or(Lang::En)
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Lang {
    type Err = ();
    /// Strict parse of `fi` / `en` / `sv` (case-insensitive); use
    /// [`negotiate`] for arbitrary tags.
    fn from_str(s: &str) -> Result<Self, ()> {
        let s = s.to_ascii_lowercase();
        Lang::ALL
            .iter()
            .copied()
            .find(|l| l.as_str() == s)
            .ok_or(())
    }
}

/// Pick the product language for a BCP 47 (or POSIX) locale tag:
/// `fi-FI`, `fi_FI.UTF-8` → [`Lang::Fi`]; `sv-FI`, `sv_SE.UTF-8` →
/// [`Lang::Sv`]; `en-GB`, `de`, `C`, `POSIX`, `""` and anything unknown →
/// [`Lang::En`]. The app (`src-tauri`), the CLI and the UI all use this rule.
pub fn negotiate(tag: &str) -> Lang {
    let primary: String = tag
        .trim()
        .split(['-', '_', '.', '@'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    match primary.as_str() {
        "fi" | "fin" => Lang::Fi,
        "sv" | "swe" => Lang::Sv,
        _ => Lang::En,
    }
}

fn icu_locale(lang: Lang) -> Locale {
    Locale::from_str(lang.cldr_locale()).expect("valid locale")
}

/// A date in CLDR's medium year-month-day style: fi `24.11.2026`,
/// sv-FI `24 nov. 2026`, en `Nov 24, 2026`.
pub fn format_date(lang: Lang, date: NaiveDate) -> String {
    let fallback = || date.format("%Y-%m-%d").to_string();
    let Ok(fmt) = DateTimeFormatter::<YMD>::try_new(icu_locale(lang).into(), YMD::medium()) else {
        return fallback();
    };
    match Date::try_new_iso(date.year(), date.month() as u8, date.day() as u8) {
        Ok(d) => fmt.format(&d).write_to_string().into_owned(),
        Err(_) => fallback(),
    }
}

/// Euros from integer cents in CLDR's currency style: fi and sv-FI `9,90 €`
/// (U+00A0 before the sign), en `€9.90`.
pub fn format_money(lang: Lang, cents: i64) -> String {
    let mut value = fixed_decimal::Decimal::from(cents);
    value.multiply_pow10(-2);
    let code = CurrencyCode(tinystr::tinystr!(3, "EUR"));
    match CurrencyFormatter::try_new(icu_locale(lang).into(), Default::default()) {
        Ok(fmt) => fmt
            .format_fixed_decimal(&value, code)
            .write_to_string()
            .into_owned(),
        Err(_) => format!("{value} EUR"),
    }
}

/// Loads the embedded messages of one language and formats them.
///
/// `Send + Sync`: keep one per language in the app state.
pub struct Localizer {
    lang: Lang,
    bundle: FluentBundle<FluentResource>,
    /// What went wrong while building the bundle (logged as well).
    setup_errors: Vec<String>,
}

impl fmt::Debug for Localizer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Localizer")
            .field("lang", &self.lang)
            .finish()
    }
}

impl Localizer {
    /// Every embedded `locales/<lang>/*.ftl` file, with the builtin
    /// `NUMBER()` and our `DATE()` and `MONEY()` functions. A file with a
    /// syntax error contributes the messages that did parse; a duplicate id
    /// keeps its first definition (the parity test reports both).
    pub fn new(lang: Lang) -> Self {
        let langid: LanguageIdentifier = lang.as_str().parse().expect("valid language id");
        let mut bundle = FluentBundle::new_concurrent(vec![langid]);
        bundle.set_use_isolating(false);
        // Registration fails only on a duplicate name (a bug caught by the
        // tests through `setup_errors`); logged, never fatal to the app.
        let mut setup_errors = Vec::new();
        let mut note = |what: &str, r: Result<(), fluent_bundle::FluentError>| {
            if let Err(e) = r {
                tracing::error!(what, error = %e, "Fluent set-up failed");
                setup_errors.push(format!("{what}: {e}"));
            }
        };
        note("builtins", bundle.add_builtins());
        let date =
            bundle.add_function("DATE", move |positional, _named| match positional.first() {
                Some(FluentValue::String(s)) => match s.parse::<NaiveDate>() {
                    Ok(d) => FluentValue::String(format_date(lang, d).into()),
                    Err(_) => FluentValue::String(s.clone()),
                },
                Some(other) => other.clone(),
                None => FluentValue::Error,
            });
        note("DATE", date);
        let money = bundle.add_function("MONEY", move |positional, _named| {
            match positional.first() {
                Some(FluentValue::Number(n)) => {
                    FluentValue::String(format_money(lang, n.value.round() as i64).into())
                }
                Some(FluentValue::String(s)) => match s.parse::<i64>() {
                    Ok(c) => FluentValue::String(format_money(lang, c).into()),
                    Err(_) => FluentValue::String(s.clone()),
                },
                Some(other) => other.clone(),
                None => FluentValue::Error,
            }
        });
        note("MONEY", money);
        for (folder, name, text) in embedded_files() {
            if *folder != lang.as_str() {
                continue;
            }
            let res = match FluentResource::try_new(text.to_string()) {
                Ok(r) => r,
                Err((r, errors)) => {
                    tracing::error!(file = %name, count = errors.len(), "Fluent syntax errors");
                    setup_errors.push(format!("{folder}/{name}: {} syntax errors", errors.len()));
                    r
                }
            };
            bundle.add_resource_overriding(res);
        }
        Self {
            lang,
            bundle,
            setup_errors,
        }
    }

    /// The language of this localizer.
    /// Errors met while building the bundle (a duplicate function, a syntax
    /// error in a file): empty in a correct build, which the tests check.
    pub fn setup_errors(&self) -> &[String] {
        &self.setup_errors
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Whether a message (or `message.attribute`) exists.
    pub fn has(&self, id: &str) -> bool {
        let (msg, attr) = split_id(id);
        match self.bundle.get_message(msg) {
            Some(m) => match attr {
                Some(a) => m.get_attribute(a).is_some(),
                None => m.value().is_some(),
            },
            None => false,
        }
    }

    /// Formats message `id` (or `id.attribute`). A missing message yields
    /// the id itself, so a gap is visible but never fatal.
    pub fn format(&self, id: &str, args: Option<&FluentArgs<'_>>) -> String {
        let (msg, attr) = split_id(id);
        let Some(message) = self.bundle.get_message(msg) else {
            return id.to_string();
        };
        let pattern = match attr {
            Some(a) => message.get_attribute(a).map(|a| a.value()),
            None => message.value(),
        };
        let Some(pattern) = pattern else {
            return id.to_string();
        };
        let mut errors = Vec::new();
        self.bundle
            .format_pattern(pattern, args, &mut errors)
            .into_owned()
    }

    /// Shorthand for [`Localizer::format`] with `(name, value)` pairs.
    pub fn fmt<'a, V>(&self, id: &str, args: &[(&'a str, V)]) -> String
    where
        V: Into<FluentValue<'a>> + Clone,
    {
        let mut fa = FluentArgs::new();
        for (k, v) in args {
            fa.set(*k, v.clone().into());
        }
        self.format(id, Some(&fa))
    }

    /// The user-facing text of an error code: message `error-<code>`.
    pub fn error(&self, code: &str) -> String {
        self.format(&format!("error-{code}"), None)
    }

    /// [`format_date`] in this language.
    pub fn date(&self, date: NaiveDate) -> String {
        format_date(self.lang, date)
    }

    /// [`format_money`] in this language.
    pub fn money(&self, cents: i64) -> String {
        format_money(self.lang, cents)
    }
}

fn split_id(id: &str) -> (&str, Option<&str>) {
    match id.split_once('.') {
        Some((m, a)) => (m, Some(a)),
        None => (id, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn strict_parse_knows_every_language() {
        for &lang in Lang::ALL {
            assert_eq!(lang.as_str().parse::<Lang>(), Ok(lang));
            assert_eq!(lang.as_str().to_uppercase().parse::<Lang>(), Ok(lang));
        }
        assert!("de".parse::<Lang>().is_err());
        assert!("sv-FI".parse::<Lang>().is_err());
    }

    #[test]
    fn every_bundle_builds_without_errors() {
        for &lang in Lang::ALL {
            assert_eq!(Localizer::new(lang).setup_errors(), &[] as &[String]);
        }
    }

    #[test]
    fn dates_are_pinned() {
        assert_eq!(format_date(Lang::Fi, d("2026-11-24")), "24.11.2026");
        assert_eq!(format_date(Lang::En, d("2026-11-24")), "Nov 24, 2026");
        assert_eq!(format_date(Lang::Fi, d("2027-01-05")), "5.1.2027");
        assert_eq!(format_date(Lang::En, d("2027-01-05")), "Jan 5, 2027");
        assert_eq!(format_date(Lang::Sv, d("2026-11-24")), "24 nov. 2026");
        assert_eq!(format_date(Lang::Sv, d("2027-01-05")), "5 jan. 2027");
    }

    #[test]
    fn money_is_pinned() {
        assert_eq!(format_money(Lang::Fi, 990), "9,90\u{a0}€");
        assert_eq!(format_money(Lang::En, 990), "€9.90");
        assert_eq!(format_money(Lang::Fi, 0), "0,00\u{a0}€");
        assert_eq!(format_money(Lang::En, 5), "€0.05");
        assert_eq!(format_money(Lang::Fi, 123_456), "1\u{a0}234,56\u{a0}€");
        assert_eq!(format_money(Lang::En, 123_456), "€1,234.56");
        assert_eq!(format_money(Lang::Sv, 990), "9,90\u{a0}€");
        assert_eq!(format_money(Lang::Sv, 123_456), "1\u{a0}234,56\u{a0}€");
    }

    #[test]
    fn localizer_is_send_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Localizer>();
    }

    #[test]
    fn missing_message_yields_its_id() {
        let l = Localizer::new(Lang::En);
        assert_eq!(l.format("no-such-message-xyz", None), "no-such-message-xyz");
        assert!(!l.has("no-such-message-xyz"));
    }
}
