# Työpöytäsovelluksen kuoren tekstit: ilmoitukset ja natiivit ikkunat.

shell-window-title = Omahallinta

# Ilmoitus käynnistyksessä, kun määräaikainen palvelu päättyy 14 päivän sisällä.
# $service: palvelun nimi, $date: päättymisajankohta, $days: päiviä jäljellä.
shell-ending-soon-title = Palvelu päättyy pian
shell-ending-soon-body =
    { $days ->
        [0] { $service } päättyy tänään ({ $date }).
        [one] { $service } päättyy huomenna ({ $date }).
       *[other] { $service } päättyy { $days } päivän kuluttua ({ $date }).
    }
# Kun useampi palvelu päättyy pian. $count: palveluiden määrä.
shell-ending-soon-many =
    { $count ->
        [one] { $count } määräaikainen palvelu päättyy 14 päivän sisällä.
       *[other] { $count } määräaikaista palvelua päättyy 14 päivän sisällä.
    }
