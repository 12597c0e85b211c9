//! Reminders that reach people: one policy, tested on a clock the caller
//! controls. A fixed-term service is reminded of 45, 14, 7 and 1 days before
//! it ends, each once (a later milestone replaces the ones the app missed
//! while it was not running); a service that ended within the last
//! [`ENDED_WITHIN_DAYS`] days once. What was shown is remembered per account
//! and service in the app's data dir ([`ShownStore`]) and removed at
//! sign-out. Texts come from `locales/*/shell.ftl`.

use crate::types::Lang;
use chrono::NaiveDate;
use portal_api::{OrderedService, ServiceList, Validity};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Days before the end of a fixed-term service at which to remind.
pub const MILESTONES: [i64; 4] = [45, 14, 7, 1];
/// An ended service is reminded of once, if it ended at most this long ago.
pub const ENDED_WITHIN_DAYS: i64 = 30;

/// One reminder that is due.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Due<'a> {
    pub service: &'a OrderedService,
    /// `Some(days left)` for "ends soon", `None` for "has ended".
    pub days_left: Option<i64>,
    /// Which reminder: `"45"`, `"14"`, `"7"`, `"1"` or `"ended"`.
    pub key: String,
}

/// Which reminders were shown: service id → keys.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shown(pub BTreeMap<i64, BTreeSet<String>>);

impl Shown {
    fn has(&self, id: i64, key: &str) -> bool {
        self.0.get(&id).is_some_and(|k| k.contains(key))
    }

    /// Marks `due` shown; a milestone also marks every earlier (longer) one.
    pub fn mark(&mut self, due: &Due<'_>) {
        let keys = self.0.entry(due.service.id).or_default();
        keys.insert(due.key.clone());
        if let Ok(m) = due.key.parse::<i64>() {
            for bigger in MILESTONES.iter().filter(|b| **b > m) {
                keys.insert(bigger.to_string());
            }
        }
    }
}

/// Days from `today` to the end of a fixed-term service (negative: ended),
/// when it is inside the policy's window: at most the first milestone ahead,
/// or ended at most [`ENDED_WITHIN_DAYS`] ago.
fn days_left(s: &OrderedService, today: NaiveDate) -> Option<i64> {
    let end = s.end_date.filter(|_| s.validity == Validity::FixedTerm)?;
    let left = (end - today).num_days();
    (-ENDED_WITHIN_DAYS..=MILESTONES[0])
        .contains(&left)
        .then_some(left)
}

/// How many services need attention on `today` (the tray's count): the
/// fixed-term ones inside the reminder window, whether or not their
/// reminder was shown already.
pub fn needing_attention(list: &ServiceList, today: NaiveDate) -> usize {
    list.services
        .iter()
        .filter(|s| days_left(s, today).is_some())
        .count()
}

/// The reminders due on `today`, soonest end first.
pub fn due<'a>(list: &'a ServiceList, today: NaiveDate, shown: &Shown) -> Vec<Due<'a>> {
    let mut out = Vec::new();
    for s in &list.services {
        let Some(left) = days_left(s, today) else {
            continue;
        };
        if left < 0 {
            if !shown.has(s.id, "ended") {
                out.push(Due {
                    service: s,
                    days_left: None,
                    key: "ended".into(),
                });
            }
            continue;
        }
        // The nearest milestone not yet passed; shown already, or a nearer
        // one shown, means nothing to say.
        let Some(m) = MILESTONES.iter().rev().find(|m| left <= **m) else {
            continue; // unreachable: days_left is within the first milestone
        };
        let nearer_shown = MILESTONES
            .iter()
            .filter(|n| **n <= *m)
            .any(|n| shown.has(s.id, &n.to_string()));
        if !nearer_shown {
            out.push(Due {
                service: s,
                days_left: Some(left),
                key: m.to_string(),
            });
        }
    }
    out.sort_by_key(|d| d.service.end_date);
    out
}

/// The shell's messages (`locales/*/shell.ftl`) in the UI's language.
pub(crate) fn localizer(lang: Lang) -> l10n::Localizer {
    l10n::Localizer::new(lang.into())
}

/// Title and body of one notification for `due` (empty: `None`).
pub fn notification(due: &[Due<'_>], lang: Lang) -> Option<(String, String)> {
    let first = due.first()?;
    let l = localizer(lang);
    let mut args = l10n::FluentArgs::new();
    if due.len() > 1 {
        args.set("count", due.len() as i64);
        return Some((
            l.format("shell-reminder-title", None),
            l.format("shell-reminder-many", Some(&args)),
        ));
    }
    let end = first.service.end_date.expect("fixed term");
    args.set("service", first.service.name.get(lang.as_str()).to_string());
    args.set("date", l.date(end));
    Some(match first.days_left {
        Some(days) => {
            args.set("days", days);
            (
                l.format("shell-ending-soon-title", None),
                l.format("shell-ending-soon-body", Some(&args)),
            )
        }
        None => (
            l.format("shell-ended-title", None),
            l.format("shell-ended-body", Some(&args)),
        ),
    })
}

/// The shown reminders of one account on one portal, as a JSON file under
/// `<data>/reminders/` named by `portal_client::cache::account_key` (no
/// email in the name). Removed at sign-out.
pub struct ShownStore {
    path: PathBuf,
}

impl ShownStore {
    pub fn new(data_dir: &Path, portal: &str, email: &str) -> Self {
        let key = portal_client::cache::account_key(portal, email);
        Self {
            path: data_dir.join("reminders").join(format!("{key}.json")),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// What was shown; a missing or unreadable file is "nothing yet".
    pub fn load(&self) -> Shown {
        std::fs::read(&self.path)
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default()
    }

    pub fn save(&self, shown: &Shown) -> std::io::Result<()> {
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let tmp = self.path.with_extension("tmp");
        std::fs::write(
            &tmp,
            serde_json::to_vec(shown).map_err(std::io::Error::other)?,
        )?;
        std::fs::rename(&tmp, &self.path)
    }

    pub fn remove(&self) -> std::io::Result<()> {
        match std::fs::remove_file(&self.path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use portal_api::{LocalizedText, ServiceStatus};

    pub(crate) fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    pub(crate) fn service(id: i64, end: &str, validity: Validity) -> OrderedService {
        OrderedService {
            id,
            product_id: format!("p{id}"),
            name: LocalizedText::new(format!("Palvelu {id}"), format!("Service {id}")),
            group: "tv".into(),
            group_name: LocalizedText::new("TV", "TV"),
            start_date: d("2026-01-01"),
            end_date: Some(d(end)),
            validity,
            status: ServiceStatus::Active,
            monthly_price_cents: 100,
            mix: None,
            security: None,
            updates_available: vec![],
        }
    }

    pub(crate) fn list(services: Vec<OrderedService>) -> ServiceList {
        ServiceList {
            services,
            monthly_total_cents: 0,
            as_of: d("2026-11-01"),
        }
    }

    /// Runs the policy day by day from `from` for `days`, showing and
    /// remembering what is due; returns (day, key) of every reminder shown.
    fn run(
        list: &ServiceList,
        from: NaiveDate,
        days: i64,
        shown: &mut Shown,
    ) -> Vec<(i64, String)> {
        let mut out = Vec::new();
        for i in 0..days {
            let today = from + chrono::Days::new(i as u64);
            for due in due(list, today, shown) {
                out.push((
                    (due.service.end_date.unwrap() - today).num_days(),
                    due.key.clone(),
                ));
                shown.mark(&due);
            }
        }
        out
    }

    #[test]
    fn every_milestone_once_then_ended_once() {
        let l = list(vec![service(1, "2026-12-31", Validity::FixedTerm)]);
        let mut shown = Shown::default();
        let got = run(&l, d("2026-10-01"), 150, &mut shown);
        assert_eq!(
            got,
            vec![
                (45, "45".to_string()),
                (14, "14".to_string()),
                (7, "7".to_string()),
                (1, "1".to_string()),
                (-1, "ended".to_string()),
            ]
        );
    }

    #[test]
    fn a_missed_milestone_is_replaced_by_the_current_one_only() {
        let l = list(vec![service(1, "2026-12-31", Validity::FixedTerm)]);
        // The app first runs 10 days before the end: only "14" (not 45).
        let mut shown = Shown::default();
        let got = run(&l, d("2026-12-21"), 3, &mut shown);
        assert_eq!(got, vec![(10, "14".to_string())]);
        // Started again 3 days before the end: "7" once, not "14" again.
        let got = run(&l, d("2026-12-28"), 2, &mut shown);
        assert_eq!(got, vec![(3, "7".to_string())]);
    }

    #[test]
    fn attention_counts_the_window_whether_or_not_reminded() {
        let mut open = service(1, "2026-12-31", Validity::UntilFurtherNotice);
        open.end_date = None;
        let l = list(vec![
            open,
            service(2, "2027-01-15", Validity::FixedTerm), // 45 days left
            service(3, "2027-01-16", Validity::FixedTerm), // 46: not yet
            service(4, "2026-11-01", Validity::FixedTerm), // ended 30 days ago
            service(5, "2026-10-31", Validity::FixedTerm), // 31: long gone
            service(6, "2026-12-01", Validity::FixedTerm), // ends today
        ]);
        let today = d("2026-12-01");
        assert_eq!(needing_attention(&l, today), 3);
        // Shown reminders still count: the tray says what needs attention.
        let mut shown = Shown::default();
        for due in due(&l, today, &Shown::default()) {
            shown.mark(&due);
        }
        assert!(due(&l, today, &shown).is_empty());
        assert_eq!(needing_attention(&l, today), 3);
        assert_eq!(needing_attention(&list(vec![]), today), 0);
    }

    #[test]
    fn until_further_notice_and_long_ended_are_never_reminded() {
        let mut open = service(1, "2026-12-31", Validity::UntilFurtherNotice);
        open.end_date = None;
        let old = service(2, "2025-01-01", Validity::FixedTerm);
        let l = list(vec![open, old]);
        assert!(due(&l, d("2026-11-01"), &Shown::default()).is_empty());
    }

    #[test]
    fn texts_in_every_language() {
        let l = list(vec![
            service(1, "2026-11-06", Validity::FixedTerm),
            service(2, "2026-10-30", Validity::FixedTerm),
        ]);
        let today = d("2026-11-01");
        let all = due(&l, today, &Shown::default());
        assert_eq!(all.len(), 2);
        let (title, body) = notification(&all, Lang::Fi).unwrap();
        assert!(!title.is_empty() && body.contains('2'), "{body}");
        let (_, body) = notification(&all[1..], Lang::Fi).unwrap();
        assert!(body.contains("Palvelu 1") && body.contains('5'), "{body}");
        let (title, body) = notification(&all[..1], Lang::En).unwrap();
        assert!(body.contains("Service 2") && !title.is_empty(), "{body}");
        assert!(notification(&[], Lang::En).is_none());
        // Swedish: the shell's words and CLDR sv-FI dates; the portal's name in Finnish.
        let (title, body) = notification(&all[1..], Lang::Sv).unwrap();
        assert_eq!(title, "En tjänst upphör snart");
        assert_eq!(body, "Palvelu 1 upphör om 5 dagar (6 nov. 2026).");
    }

    #[test]
    fn the_store_remembers_and_is_removed() {
        let dir = tempfile::tempdir().unwrap();
        let store = ShownStore::new(dir.path(), "http://p", "Anna@Example.fi");
        assert_eq!(store.load(), Shown::default());
        let l = list(vec![service(1, "2026-11-06", Validity::FixedTerm)]);
        let mut shown = Shown::default();
        for due in due(&l, d("2026-11-01"), &shown.clone()) {
            shown.mark(&due);
        }
        store.save(&shown).unwrap();
        assert!(!store
            .path()
            .to_string_lossy()
            .to_lowercase()
            .contains("anna"));
        assert_eq!(store.load(), shown);
        assert!(due(&l, d("2026-11-02"), &store.load()).is_empty());
        store.remove().unwrap();
        store.remove().unwrap();
        assert!(!store.path().exists());
    }
}
