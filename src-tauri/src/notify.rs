//! The start-up reminder: a native notification when a fixed-term service
//! ends within [`REMIND_DAYS`] days. Texts come from `locales/*/shell.ftl`.

use crate::types::Lang;
use chrono::NaiveDate;
use portal_api::{OrderedService, ServiceList, Validity};

/// Remind this many days (inclusive) before a fixed-term service ends.
pub const REMIND_DAYS: i64 = 14;

/// Fixed-term services ending between `today` and `today + REMIND_DAYS`.
pub fn ending_soon(list: &ServiceList, today: NaiveDate) -> Vec<&OrderedService> {
    let mut out: Vec<_> = list
        .services
        .iter()
        .filter(|s| s.validity == Validity::FixedTerm)
        .filter(|s| {
            s.end_date
                .map(|end| (0..=REMIND_DAYS).contains(&(end - today).num_days()))
                .unwrap_or(false)
        })
        .collect();
    out.sort_by_key(|s| s.end_date);
    out
}

/// Title and body of the reminder, or `None` when nothing ends soon.
pub fn reminder(list: &ServiceList, today: NaiveDate, lang: Lang) -> Option<(String, String)> {
    let soon = ending_soon(list, today);
    let first = soon.first()?;
    let l = l10n::Localizer::new(match lang {
        Lang::Fi => l10n::Lang::Fi,
        Lang::En => l10n::Lang::En,
    });
    let title = l.format("shell-ending-soon-title", None);
    let body = if soon.len() == 1 {
        let end = first.end_date.expect("filtered");
        let mut args = l10n::FluentArgs::new();
        args.set("service", first.name.get(lang.as_str()).to_string());
        args.set("date", l.date(end));
        args.set("days", (end - today).num_days());
        l.format("shell-ending-soon-body", Some(&args))
    } else {
        let mut args = l10n::FluentArgs::new();
        args.set("count", soon.len() as i64);
        l.format("shell-ending-soon-many", Some(&args))
    };
    Some((title, body))
}
