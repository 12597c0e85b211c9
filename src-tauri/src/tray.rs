//! The tray icon: how many things need attention (fixed-term services inside
//! the reminder window of `notify`, feedback the portal refused), and a menu
//! to open the app, the view that needs attention, or quit. The count and the
//! menu model are plain Rust ([`Attention`], [`model`], [`Action`]), tested
//! without a window; [`install`] puts them on Tauri's tray and keeps them
//! current when the count or the language changes. Texts come from
//! `locales/*/shell.ftl`.

use crate::state::Core;
use crate::types::{Lang, Navigate, OutboxSummary, TrayView};
use portal_api::ServiceList;
use std::sync::Arc;
use std::time::Duration;

/// What needs the user's attention.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Attention {
    /// Fixed-term services ending within the reminder window, or ended.
    pub services: u32,
    /// Queued feedback the portal refused, waiting for the user's decision.
    pub feedback: u32,
}

impl Attention {
    /// The one count, from the services as the portal last listed them (on
    /// its date) and the feedback outbox; nothing known counts as nothing.
    pub fn of(services: Option<&ServiceList>, outbox: Option<&OutboxSummary>) -> Self {
        Attention {
            services: services.map_or(0, |l| crate::notify::needing_attention(l, l.as_of) as u32),
            feedback: outbox.map_or(0, |o| o.attention),
        }
    }

    pub fn total(self) -> u32 {
        self.services + self.feedback
    }
}

/// What a menu item does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Shows and focuses the window.
    Open,
    /// Shows the window on that view.
    Show(TrayView),
    Quit,
}

impl Action {
    const ALL: [Action; 4] = [
        Action::Open,
        Action::Show(TrayView::Services),
        Action::Show(TrayView::Feedback),
        Action::Quit,
    ];

    /// The menu item's id.
    pub fn id(self) -> &'static str {
        match self {
            Action::Open => "open",
            Action::Show(TrayView::Services) => "show-services",
            Action::Show(TrayView::Feedback) => "show-feedback",
            Action::Quit => "quit",
        }
    }

    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.id() == id)
    }
}

/// One line of the menu.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    /// What needs attention, not clickable (tray tooltips don't exist on Linux).
    Status(String),
    Item {
        action: Action,
        label: String,
    },
    Separator,
}

/// The id of the [`Entry::Status`] line.
pub const STATUS_ID: &str = "status";

/// The tray's texts and menu.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Model {
    pub tooltip: String,
    /// Beside the icon (Linux panels, macOS menu bar): the count, none at 0.
    pub title: Option<String>,
    pub entries: Vec<Entry>,
}

/// The tray for `attention` in `lang`: a view's item only when it needs attention.
pub fn model(attention: Attention, lang: Lang) -> Model {
    let l = crate::notify::localizer(lang);
    let count = |id: &str, n: u32| l.fmt(id, &[("count", n)]);
    let total = attention.total();
    let mut entries = vec![
        Entry::Status(count("shell-tray-status", total)),
        Entry::Separator,
        Entry::Item {
            action: Action::Open,
            label: l.format("shell-tray-open", None),
        },
    ];
    for (view, n, id) in [
        (
            TrayView::Services,
            attention.services,
            "shell-tray-services",
        ),
        (
            TrayView::Feedback,
            attention.feedback,
            "shell-tray-feedback",
        ),
    ] {
        if n > 0 {
            entries.push(Entry::Item {
                action: Action::Show(view),
                label: count(id, n),
            });
        }
    }
    entries.push(Entry::Separator);
    entries.push(Entry::Item {
        action: Action::Quit,
        label: l.format("shell-tray-quit", None),
    });
    Model {
        tooltip: count("shell-tray-tooltip", total),
        title: (total > 0).then(|| total.to_string()),
        entries,
    }
}

const TRAY_ID: &str = "main";
/// Besides the changes `Core` reports, the count is looked at this often
/// (a service crosses into the window with the date).
const REFRESH: Duration = Duration::from_secs(60);

/// Creates the tray icon and keeps it current.
pub fn install(app: &tauri::App, core: Arc<Core>) -> tauri::Result<()> {
    use tauri::tray::TrayIconBuilder;
    let first = model(Attention::default(), core.settings().lang);
    let mut tray = TrayIconBuilder::with_id(TRAY_ID)
        .menu(&menu(app.handle(), &first)?)
        .tooltip(&first.tooltip)
        .on_menu_event(|app, event| {
            if let Some(action) = Action::from_id(event.id().as_ref()) {
                perform(app, action);
            }
        });
    if let Some(icon) = app.default_window_icon() {
        tray = tray.icon(icon.clone());
    }
    tray.build(app)?;
    let handle = app.handle().clone();
    tauri::async_runtime::spawn(async move {
        let mut shown = (Attention::default(), first);
        loop {
            let attention = core.attention().await;
            let next = model(attention, core.settings().lang);
            if (attention, &next) != (shown.0, &shown.1) {
                if let Err(e) = apply(&handle, &next) {
                    tracing::warn!("tray not updated: {e}");
                }
                shown = (attention, next);
            }
            tokio::select! {
                _ = core.attention_changed() => {}
                _ = tokio::time::sleep(REFRESH) => {}
            }
        }
    });
    Ok(())
}

fn menu(app: &tauri::AppHandle, model: &Model) -> tauri::Result<tauri::menu::Menu<tauri::Wry>> {
    use tauri::menu::{Menu, MenuItem, PredefinedMenuItem};
    let menu = Menu::new(app)?;
    for entry in &model.entries {
        match entry {
            Entry::Status(label) => menu.append(&MenuItem::with_id(
                app,
                STATUS_ID,
                label,
                false,
                None::<&str>,
            )?)?,
            Entry::Item { action, label } => menu.append(&MenuItem::with_id(
                app,
                action.id(),
                label,
                true,
                None::<&str>,
            )?)?,
            Entry::Separator => menu.append(&PredefinedMenuItem::separator(app)?)?,
        }
    }
    Ok(menu)
}

fn apply(app: &tauri::AppHandle, model: &Model) -> tauri::Result<()> {
    let Some(tray) = app.tray_by_id(TRAY_ID) else {
        return Ok(());
    };
    tray.set_menu(Some(menu(app, model)?))?;
    tray.set_tooltip(Some(&model.tooltip))?;
    tray.set_title(model.title.as_deref())
}

fn perform(app: &tauri::AppHandle, action: Action) {
    use tauri::Manager;
    if action == Action::Quit {
        app.exit(0);
        return;
    }
    if let Some(w) = app.get_webview_window("main") {
        let _ = w.unminimize();
        let _ = w.show();
        let _ = w.set_focus();
    }
    if let (Action::Show(view), Some(core)) = (action, app.try_state::<Arc<Core>>()) {
        crate::events::emit(core.events(), crate::events::NAVIGATE, &Navigate { view });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::notify::tests::{d, list, service};
    use portal_api::Validity;

    /// The demo household on the portal's date: Turvapaketti in 20 days, the
    /// season pass in 5, broadband until further notice, one ended long ago.
    fn demo_like() -> ServiceList {
        let mut open = service(3, "2026-12-31", Validity::UntilFurtherNotice);
        open.end_date = None;
        let mut l = list(vec![
            service(1, "2026-12-21", Validity::FixedTerm),
            service(2, "2026-12-06", Validity::FixedTerm),
            open,
            service(4, "2025-01-01", Validity::FixedTerm),
        ]);
        l.as_of = d("2026-12-01");
        l
    }

    #[test]
    fn the_count_is_services_in_the_window_plus_refused_feedback() {
        let outbox = OutboxSummary {
            queued: 4,
            attention: 1,
        };
        let a = Attention::of(Some(&demo_like()), Some(&outbox));
        assert_eq!(
            a,
            Attention {
                services: 2,
                feedback: 1
            }
        );
        assert_eq!(a.total(), 3);
        // Queued feedback is on its way, not the user's problem.
        let queued_only = OutboxSummary {
            queued: 2,
            attention: 0,
        };
        assert_eq!(Attention::of(None, Some(&queued_only)).total(), 0);
        assert_eq!(Attention::of(None, None), Attention::default());
    }

    #[test]
    fn ids_and_actions_round_trip() {
        for a in Action::ALL {
            assert_eq!(Action::from_id(a.id()), Some(a));
        }
        assert_eq!(Action::from_id(STATUS_ID), None);
        assert_eq!(Action::from_id("nope"), None);
    }

    fn items(m: &Model) -> Vec<(Action, &str)> {
        m.entries
            .iter()
            .filter_map(|e| match e {
                Entry::Item { action, label } => Some((*action, label.as_str())),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn the_menu_offers_what_needs_attention_in_the_users_language() {
        let two = Attention {
            services: 2,
            feedback: 0,
        };
        let m = model(two, Lang::En);
        assert_eq!(m.title.as_deref(), Some("2"));
        assert_eq!(m.tooltip, "Omahallinta: 2 things need your attention");
        assert_eq!(
            m.entries[0],
            Entry::Status("2 things need your attention".into())
        );
        assert_eq!(
            items(&m),
            vec![
                (Action::Open, "Open Omahallinta"),
                (Action::Show(TrayView::Services), "Ordered services (2)"),
                (Action::Quit, "Quit"),
            ]
        );

        let one_feedback = Attention {
            services: 0,
            feedback: 1,
        };
        let m = model(one_feedback, Lang::Fi);
        assert_eq!(m.tooltip, "Omahallinta: 1 asia vaatii huomiotasi");
        assert_eq!(
            items(&m),
            vec![
                (Action::Open, "Avaa Omahallinta"),
                (Action::Show(TrayView::Feedback), "Asiakaspalaute (1)"),
                (Action::Quit, "Lopeta"),
            ]
        );

        let m = model(Attention::default(), Lang::Fi);
        assert_eq!(m.title, None);
        assert_eq!(m.tooltip, "Omahallinta");
        assert_eq!(m.entries[0], Entry::Status("Ei huomioitavaa".into()));
        assert_eq!(items(&m).len(), 2);
    }
}
