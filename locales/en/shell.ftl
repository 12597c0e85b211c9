# Texts of the desktop shell: notifications and native dialogs.

shell-window-title = Omahallinta

# Notification at start-up when a fixed-term service ends within 14 days.
# $service: the service's name, $date: its end date, $days: days left.
shell-ending-soon-title = A service ends soon
shell-ending-soon-body =
    { $days ->
        [0] { $service } ends today ({ $date }).
        [one] { $service } ends tomorrow ({ $date }).
       *[other] { $service } ends in { $days } days ({ $date }).
    }
# When several services end soon. $count: how many.
shell-ending-soon-many =
    { $count ->
        [one] { $count } fixed-term service ends within 14 days.
       *[other] { $count } fixed-term services end within 14 days.
    }

# `omahallinta --help` (printed before any window opens). $version: the app's version.
shell-cli-help =
    Omahallinta { $version } — manage your internet, TV and Turvapaketti services.

    Usage: omahallinta [OPTIONS]

    Options:
      --demo           Use the demo (sample data, no account needed)
      --portal URL     Use this portal instead of the operator's (development)
      -V, --version    Print the version and exit
      -h, --help       Print this help and exit

    Environment: OMAHALLINTA_DEMO=1, OMAHALLINTA_PORTAL_URL, OMAHALLINTA_PORTAL_KEY,
    OMAHALLINTA_DATA_DIR (see docs/COMMANDS.md).
