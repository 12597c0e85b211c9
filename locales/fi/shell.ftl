# Työpöytäsovelluksen kuoren tekstit: ilmoitukset ja natiivit ikkunat.

shell-window-title = Omahallinta

# Muistutus 45, 14, 7 ja 1 päivää ennen määräaikaisen palvelun päättymistä (kukin kerran).
# $service: palvelun nimi, $date: päättymisajankohta, $days: päiviä jäljellä.
shell-ending-soon-title = Palvelu päättyy pian
shell-ending-soon-body =
    { $days ->
        [0] { $service } päättyy tänään ({ $date }).
        [one] { $service } päättyy huomenna ({ $date }).
       *[other] { $service } päättyy { $days } päivän kuluttua ({ $date }).
    }
# Kun useampi muistutus on ajankohtainen. $count: palveluiden määrä.
shell-reminder-many =
    { $count ->
        [one] { $count } määräaikainen palvelu vaatii huomiotasi.
       *[other] { $count } määräaikaista palvelua vaatii huomiotasi: katso Tilatut palvelut.
    }
shell-reminder-title = Muistutus palveluistasi
# Kerran, kun määräaikainen palvelu on päättynyt. $service, $date.
shell-ended-title = Palvelu on päättynyt
shell-ended-body = { $service } päättyi { $date }. Voit tilata sen uudelleen Omahallinnassa.

# Ilmoitusalueen kuvake (tray). $count: huomiota vaativien asioiden määrä:
# 45 päivän sisällä päättyvät tai päättyneet määräaikaiset palvelut ja palautteet,
# joita portaali ei ottanut vastaan.
shell-tray-tooltip =
    { $count ->
        [0] Omahallinta
        [one] Omahallinta: { $count } asia vaatii huomiotasi
       *[other] Omahallinta: { $count } asiaa vaatii huomiotasi
    }
# Valikon ensimmäinen rivi (ei valittavissa).
shell-tray-status =
    { $count ->
        [0] Ei huomioitavaa
        [one] { $count } asia vaatii huomiotasi
       *[other] { $count } asiaa vaatii huomiotasi
    }
shell-tray-open = Avaa Omahallinta
# $count: päättyvien tai päättyneiden palveluiden määrä.
shell-tray-services = Tilatut palvelut ({ $count })
# $count: palautteet, jotka odottavat käyttäjän päätöstä.
shell-tray-feedback = Asiakaspalaute ({ $count })
shell-tray-quit = Lopeta

# `omahallinta --help` (printed before any window opens). $version: the app's version.
shell-cli-help =
    Omahallinta { $version } — internet-, TV- ja Turvapaketti-palveluidesi hallinta.

    Käyttö: omahallinta [VALITSIMET]

    Valitsimet:
      --demo           Käytä demoa (esimerkkitiedot, tiliä ei tarvita)
      --portal URL     Käytä tätä palvelua operaattorin palvelun sijaan (kehityskäyttö)
      --minimized      Käynnisty ilmoitusalueelle näyttämättä ikkunaa
      -V, --version    Näytä versio ja lopeta
      -h, --help       Näytä tämä ohje ja lopeta

    Ympäristömuuttujat: OMAHALLINTA_DEMO=1, OMAHALLINTA_PORTAL_URL, OMAHALLINTA_PORTAL_KEY,
    OMAHALLINTA_DATA_DIR (katso docs/COMMANDS.md).
