# Texts of the desktop shell: notifications and native dialogs.

shell-window-title = Omahallinta

# Reminder 45, 14, 7 and 1 days before a fixed-term service ends (each once).
# $service: the service's name, $date: its end date, $days: days left.
shell-ending-soon-title = A service ends soon
shell-ending-soon-body =
    { $days ->
        [0] { $service } ends today ({ $date }).
        [one] { $service } ends tomorrow ({ $date }).
       *[other] { $service } ends in { $days } days ({ $date }).
    }
# When several services end soon. $count: how many.
shell-reminder-many =
    { $count ->
        [one] { $count } fixed-term service needs your attention.
       *[other] { $count } fixed-term services need your attention: see Ordered services.
    }
shell-reminder-title = A reminder about your services
shell-ended-title = A service has ended
shell-ended-body = { $service } ended on { $date }. You can order it again in Omahallinta.

# The tray icon (the system tray, or the panel's indicator area). $count: how many
# things need attention: fixed-term services ending within 45 days or ended, and
# feedback the portal refused.
shell-tray-tooltip =
    { $count ->
        [0] Omahallinta
        [one] Omahallinta: { $count } thing needs your attention
       *[other] Omahallinta: { $count } things need your attention
    }
# The first line of the tray menu (not clickable).
shell-tray-status =
    { $count ->
        [0] Nothing needs your attention
        [one] { $count } thing needs your attention
       *[other] { $count } things need your attention
    }
shell-tray-open = Open Omahallinta
# $count: services ending soon or ended.
shell-tray-services = Ordered services ({ $count })
# $count: feedback waiting for the user's decision.
shell-tray-feedback = Customer feedback ({ $count })
shell-tray-quit = Quit

# `omahallinta --help` (printed before any window opens). $version: the app's version.
shell-cli-help =
    Omahallinta { $version } — manage your internet, TV and Turvapaketti services.

    Usage: omahallinta [OPTIONS]

    Options:
      --demo           Use the demo (sample data, no account needed)
      --portal URL     Use this portal instead of the operator's (development)
      --minimized      Start in the tray without showing the window
      -V, --version    Print the version and exit
      -h, --help       Print this help and exit

    Environment: OMAHALLINTA_DEMO=1, OMAHALLINTA_PORTAL_URL, OMAHALLINTA_PORTAL_KEY,
    OMAHALLINTA_DATA_DIR (see docs/COMMANDS.md).
