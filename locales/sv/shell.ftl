# Skrivbordsappens texter: aviseringar och systemets dialogrutor.

shell-window-title = Omahallinta

# Påminnelse 45, 14, 7 och 1 dag innan en tidsbunden tjänst upphör (var och en en gång).
# $service: tjänstens namn, $date: slutdatum, $days: dagar kvar.
shell-ending-soon-title = En tjänst upphör snart
shell-ending-soon-body =
    { $days ->
        [0] { $service } upphör i dag ({ $date }).
        [one] { $service } upphör i morgon ({ $date }).
       *[other] { $service } upphör om { $days } dagar ({ $date }).
    }
# När flera tjänster upphör snart. $count: hur många.
shell-reminder-many =
    { $count ->
        [one] { $count } tidsbunden tjänst behöver din uppmärksamhet.
       *[other] { $count } tidsbundna tjänster behöver din uppmärksamhet: se Beställda tjänster.
    }
shell-reminder-title = En påminnelse om dina tjänster
# En gång, när en tidsbunden tjänst har upphört. $service, $date.
shell-ended-title = En tjänst har upphört
shell-ended-body = { $service } upphörde { $date }. Du kan beställa den igen i Omahallinta.

# `omahallinta --help` (skrivs ut innan något fönster öppnas). $version: appens version.
shell-cli-help =
    Omahallinta { $version } — hantera dina internet-, tv- och Turvapaketti-tjänster.

    Användning: omahallinta [ALTERNATIV]

    Alternativ:
      --demo           Använd demon (exempeldata, inget konto behövs)
      --portal URL     Använd den här portalen i stället för operatörens (utveckling)
      --minimized      Starta i meddelandefältet utan att visa fönstret
      -V, --version    Skriv ut versionen och avsluta
      -h, --help       Skriv ut den här hjälpen och avsluta

    Miljövariabler: OMAHALLINTA_DEMO=1, OMAHALLINTA_PORTAL_URL, OMAHALLINTA_PORTAL_KEY,
    OMAHALLINTA_DATA_DIR (se docs/COMMANDS.md).

## Tray (the system tray icon and its menu)
shell-tray-tooltip =
    { $count ->
        [0] Omahallinta
        [one] Omahallinta: { $count } sak behöver din uppmärksamhet
       *[other] Omahallinta: { $count } saker behöver din uppmärksamhet
    }
# The first line of the tray menu (not clickable).
shell-tray-status =
    { $count ->
        [0] Inget behöver din uppmärksamhet
        [one] { $count } sak behöver din uppmärksamhet
       *[other] { $count } saker behöver din uppmärksamhet
    }
shell-tray-open = Öppna Omahallinta
shell-tray-services = Beställda tjänster ({ $count })
shell-tray-feedback = Kundrespons ({ $count })
shell-tray-quit = Avsluta
