"""User-facing texts: Monitoring over the years (panels, change, trend, emerging hot spots)."""

TEXTS: dict[str, dict[str, str]] = {
    # --- panels --------------------------------------------------------------------------
    "monitoring.not_panel": {
        "de": "{what} ist keine Zeitreihe: erwartet wird ein Index aus (Gebietsschlüssel, Stichtag), wie ihn read_table(..., stichtag='all') liefert. Gegeben war der Index {given}.",
        "en": "{what} is not a panel: expected an index of (area key, Stichtag), as read_table(..., stichtag='all') returns it. The index {given} was given instead.",
    },
    "monitoring.duplicates": {
        "de": "{what} enthält Gebiete mehrfach zum selben Stichtag: {keys}.",
        "en": "{what} holds areas more than once on the same Stichtag: {keys}.",
    },
    "monitoring.stichtag_missing": {
        "de": "Der Stichtag {day} ist nicht in {what}. Vorhanden: {stichtage}.",
        "en": "The Stichtag {day} is not in {what}. Available: {stichtage}.",
    },
    "monitoring.same_stichtag": {
        "de": "Basis und Vergleich sind derselbe Stichtag ({day}); eine Veränderung braucht zwei verschiedene Stichtage.",
        "en": "Base and comparison are the same Stichtag ({day}); a change needs two different Stichtage.",
    },
    "monitoring.base_after": {
        "de": "Der Basis-Stichtag {base} liegt nach dem Vergleichs-Stichtag {to}. Tauschen Sie base und to.",
        "en": "The base Stichtag {base} is after the comparison Stichtag {to}. Swap base and to.",
    },
    "monitoring.missing_column": {
        "de": "Die Spalte {column!r} fehlt in {what}. Vorhanden: {available}.",
        "en": "The column {column!r} is missing from {what}. Available: {available}.",
    },
    "monitoring.not_numeric": {
        "de": "Die Spalte {column!r} in {what} enthält keine Zahlen (Typ {dtype}).",
        "en": "The column {column!r} in {what} does not hold numbers (type {dtype}).",
    },
    "monitoring.values_type": {
        "de": "{what} muss eine Tabelle (DataFrame) sein, gegeben war {given}.",
        "en": "{what} must be a table (DataFrame); {given} was given instead.",
    },
    "monitoring.wide_columns": {
        "de": "Die Spalten von {what} müssen Stichtage sein (Datum, 31.12.2024 oder Jahr), in zeitlicher Reihenfolge und ohne Wiederholung. Gegeben: {columns}.",
        "en": "The columns of {what} must be Stichtage (a date, 31.12.2024 or a year), in time order and without repetition. Given: {columns}.",
    },
    "monitoring.needs_column": {
        "de": "{what} ist eine Zeitreihe im Langformat: geben Sie die Spalte an, z. B. trend(panel, 'SGB2_QUOTE').",
        "en": "{what} is a panel in long format: name the column, e.g. trend(panel, 'SGB2_QUOTE').",
    },
    "monitoring.too_few_stichtage": {
        "de": "{what} braucht mindestens {min} Stichtage, vorhanden sind {n}.",
        "en": "{what} needs at least {min} Stichtage; {n} were given.",
    },
    "monitoring.changes_pairs": {
        "de": "'changes' muss 'consecutive', 'base', 'all' oder eine Liste von Paaren (Basis, Vergleich) sein, gegeben war {given}.",
        "en": "'changes' needs to be 'consecutive', 'base', 'all' or a list of (base, to) pairs. {given} was given instead.",
    },
    "monitoring.not_a_rate": {
        "de": "{column!r} ist keine Spalte der Zeitreihe und kein Indikator, dessen Zählwerte ({needed}) in ihr stehen.",
        "en": "{column!r} is neither a column of the panel nor an indicator whose counts ({needed}) are in it.",
    },
    "monitoring.keys_differ": {
        "de": "Die Gebiete der Zeitreihe und der Nachbarschaften stimmen nicht überein: {n_missing} fehlen in der Zeitreihe ({missing}), {n_extra} sind zu viel ({extra}). Wurden Gebietsgrenzen geändert? Dann erst auf einen Gebietsstand umrechnen.",
        "en": "The areas of the panel and of the neighbourhoods differ: {n_missing} missing from the panel ({missing}), {n_extra} extra ({extra}). Were boundaries changed? Convert to one boundary version first.",
    },
    "monitoring.incomplete": {
        "de": "{what}: {n} Werte fehlen (Gebiete {keys}). Die Hot-Spot-Analyse über die Jahre braucht jeden Wert zu jedem Stichtag; gesperrte oder fehlende Werte werden nicht geschätzt.",
        "en": "{what}: {n} values are missing (areas {keys}). Emerging hot spot analysis needs every value on every Stichtag; suppressed or missing values are not imputed.",
    },
    # --- change ---------------------------------------------------------------------------
    "change.up": {"de": "signifikant gestiegen", "en": "significantly increased"},
    "change.down": {"de": "signifikant gesunken", "en": "significantly decreased"},
    "change.chance": {"de": "im Rahmen des Zufalls", "en": "within chance"},
    "change.untested": {
        "de": "nicht getestet (keine Zählwerte)",
        "en": "not tested (no counts)",
    },
    "change.untested_index": {
        "de": "nicht getestet (Indexwert)",
        "en": "not tested (index value)",
    },
    "change.untested_no_share": {
        "de": "nicht getestet (kein Anteil)",
        "en": "not tested (not a proportion)",
    },
    "change.unit_pp": {"de": "Prozentpunkte", "en": "percentage points"},
    "change.describe": {
        "de": "Veränderung {column} vom {base} zum {to}: absolut{pp}, relativ in %. Test je Gebiet: exakter Test nach Fisher für zwei Anteile (bedingt auf die Randsummen, zweiseitig), Signifikanzniveau {alpha}, {correction}. Er prüft, ob die Veränderung größer ist als die zufällige Schwankung, die bei der Größe des Gebiets zu erwarten ist; gesperrte Werte werden nicht verglichen.",
        "en": "Change of {column} from {base} to {to}: absolute{pp}, relative in %. Test per area: Fisher's exact test of two proportions (conditional on the margins, two-sided), significance level {alpha}, {correction}. It asks whether the change exceeds the random fluctuation expected for an area of its size; suppressed values are not compared.",
    },
    "change.describe_untested": {
        "de": "Veränderung {column} vom {base} zum {to}: absolut{pp}, relativ in %. Kein Zufallstest, weil Zähler und Nenner nicht als Zählwerte vorliegen; gesperrte Werte werden nicht verglichen.",
        "en": "Change of {column} from {base} to {to}: absolute{pp}, relative in %. No test against chance, because numerator and denominator are not available as counts; suppressed values are not compared.",
    },
    "change.describe_value": {
        "de": "Veränderung {column} vom {base} zum {to}: absolut, relativ in % (wo der Basiswert über 0 liegt). Kein Zufallstest, weil der Wert nicht als Anteil aus Zählwerten vorliegt; gesperrte Werte werden nicht verglichen.",
        "en": "Change of {column} from {base} to {to}: absolute, relative in % (where the base value is above 0). No test against chance, because the value is not given as a proportion of counts; suppressed values are not compared.",
    },
    "change.describe_count": {
        "de": "Veränderung {column} vom {base} zum {to}: absolut, relativ in %. Kein Zufallstest: Der Test vergleicht zwei Anteile, eine Anzahl allein hat aber keinen Nenner; gesperrte Werte werden nicht verglichen.",
        "en": "Change of {column} from {base} to {to}: absolute, relative in %. No test against chance: it compares two proportions, and a count alone has no denominator; suppressed values are not compared.",
    },
    "change.describe_index": {
        "de": "Veränderung {column} vom {base} zum {to}: absolut, als Differenz der Werte. Keine relative Veränderung in %, weil ein Index keinen natürlichen Nullpunkt hat (er kann um 0 liegen und das Vorzeichen wechseln), und kein Zufallstest, weil ein Index weder Anteil noch Anzahl ist; gesperrte Werte werden nicht verglichen.",
        "en": "Change of {column} from {base} to {to}: absolute, as the difference of the values. No relative change in %, because an index has no natural zero (it can lie around 0 and change its sign), and no test against chance, because an index is neither a proportion nor a count; suppressed values are not compared.",
    },
    "change.pp_suffix": {"de": " in Prozentpunkten", "en": " in percentage points"},
    # --- trend ----------------------------------------------------------------------------
    "trend.up": {"de": "steigend", "en": "increasing"},
    "trend.down": {"de": "fallend", "en": "decreasing"},
    "trend.none": {"de": "kein klarer Trend", "en": "no clear trend"},
    "trend.too_few": {
        "de": "zu wenige Stichtage für einen Trendtest",
        "en": "too few Stichtage for a trend test",
    },
    "trend.describe": {
        "de": "Trend über {n} Stichtage ({first} bis {last}): Steigung nach Theil-Sen (Median der paarweisen Steigungen, je Jahr), Test nach Mann-Kendall (Kendalls tau gegen die Zeit, zweiseitig, exakt über alle Reihenfolgen, auch bei Bindungen), Signifikanzniveau {alpha}, {correction}. Mit {n} Stichtagen ist der kleinste erreichbare p-Wert {min_p}.",
        "en": "Trend over {n} Stichtage ({first} to {last}): Theil-Sen slope (median of the pairwise slopes, per year), Mann-Kendall test (Kendall's tau against time, two-sided, exact over all orderings, also with ties), significance level {alpha}, {correction}. With {n} Stichtage the smallest attainable p-value is {min_p}.",
    },
    "trend.asymptotic": {
        "de": " Normalapproximation mit Bindungskorrektur statt exakt: Gebiete mit gleichen Werten und mehr als {max} Stichtagen (Anzahl: {n}).",
        "en": " Normal approximation with the tie correction instead of exact: areas with tied values and more than {max} Stichtage (number: {n}).",
    },
    # --- emerging hot spots ---------------------------------------------------------------
    "ehsa.no_pattern": {"de": "kein Muster", "en": "no pattern detected"},
    "ehsa.new_hot": {"de": "neuer Hot Spot", "en": "new hot spot"},
    "ehsa.consecutive_hot": {"de": "fortlaufender Hot Spot", "en": "consecutive hot spot"},
    "ehsa.intensifying_hot": {"de": "zunehmender Hot Spot", "en": "intensifying hot spot"},
    "ehsa.persistent_hot": {"de": "fortbestehender Hot Spot", "en": "persistent hot spot"},
    "ehsa.diminishing_hot": {"de": "abnehmender Hot Spot", "en": "diminishing hot spot"},
    "ehsa.sporadic_hot": {"de": "sporadischer Hot Spot", "en": "sporadic hot spot"},
    "ehsa.oscillating_hot": {"de": "oszillierender Hot Spot", "en": "oscillating hot spot"},
    "ehsa.historical_hot": {"de": "historischer Hot Spot", "en": "historical hot spot"},
    "ehsa.new_cold": {"de": "neuer Cold Spot", "en": "new cold spot"},
    "ehsa.consecutive_cold": {"de": "fortlaufender Cold Spot", "en": "consecutive cold spot"},
    "ehsa.intensifying_cold": {"de": "zunehmender Cold Spot", "en": "intensifying cold spot"},
    "ehsa.persistent_cold": {"de": "fortbestehender Cold Spot", "en": "persistent cold spot"},
    "ehsa.diminishing_cold": {"de": "abnehmender Cold Spot", "en": "diminishing cold spot"},
    "ehsa.sporadic_cold": {"de": "sporadischer Cold Spot", "en": "sporadic cold spot"},
    "ehsa.oscillating_cold": {"de": "oszillierender Cold Spot", "en": "oscillating cold spot"},
    "ehsa.historical_cold": {"de": "historischer Cold Spot", "en": "historical cold spot"},
    "ehsa.describe": {
        "de": "Hot Spots über die Jahre (Emerging Hot Spot Analysis nach ArcGIS Pro): Getis-Ord Gi* je Stichtag ({inference}, Signifikanzniveau {alpha}, {correction} je Stichtag), dann Trend der z-Werte jedes Gebiets nach Mann-Kendall (exakt, Signifikanzniveau {trend_alpha}). {n} Stichtage ({first} bis {last}).",
        "en": "Hot spots over the years (emerging hot spot analysis as in ArcGIS Pro): Getis-Ord Gi* per Stichtag ({inference}, significance level {alpha}, {correction} per Stichtag), then the Mann-Kendall trend of each area's z-scores (exact, significance level {trend_alpha}). {n} Stichtage ({first} to {last}).",
    },
    "ehsa.few_stichtage": {
        "de": "Achtung: nur {n} Stichtage. ArcGIS verlangt für den Trendtest mindestens 10. Mit weniger als 10 Stichtagen heißt \u201e90 % der Stichtage\u201c alle {n}, daher kann kein Gebiet historischer Hot oder Cold Spot sein, und zunehmend, fortbestehend und abnehmend verlangen, dass das Gebiet zu jedem Stichtag signifikant war.",
        "en": "Note: only {n} Stichtage. ArcGIS requires at least 10 for the trend test. With fewer than 10 Stichtage, \u201c90 % of the Stichtage\u201d means all {n}, so no area can be a historical hot or cold spot, and intensifying, persistent and diminishing require the area to be significant on every Stichtag.",
    },
    "ehsa.no_trend_test": {
        "de": " Mit {n} Stichtagen erreicht der Trendtest das Signifikanzniveau nicht (kleinster p-Wert {min_p}): zunehmend und abnehmend sind nicht feststellbar.",
        "en": " With {n} Stichtage the trend test cannot reach the significance level (smallest p-value {min_p}): intensifying and diminishing cannot be detected.",
    },
    # --- maps of monitoring (used by maps/monitoring.py) --------------------------------
    "maps.monitoring.change_title": {
        "de": "Veränderung {column} {base} bis {to}",
        "en": "Change in {column}, {base} to {to}",
    },
    "maps.monitoring.significant": {
        "de": "der Gebiete mit Veränderung über den Zufall hinaus (Fisher-Test, {alpha})",
        "en": "areas changed beyond chance (Fisher test, {alpha}):",
    },
    "maps.monitoring.trend_title": {
        "de": "Trend {first} bis {last} ({n} Stichtage)",
        "en": "Trend {first} to {last} ({n} Stichtage)",
    },
    "maps.monitoring.trend_note": {
        "de": "Mann-Kendall exakt, Signifikanzniveau {alpha}, {correction}",
        "en": "Mann-Kendall exact, significance level {alpha}, {correction}",
    },
    "maps.monitoring.ehsa_title": {
        "de": "Hot Spots über die Jahre {first} bis {last} ({n} Stichtage)",
        "en": "Hot spots over the years, {first} to {last} ({n} Stichtage)",
    },
    "maps.monitoring.ehsa_note": {
        "de": "Gi* je Stichtag, {permutations} Permutationen (Seed {seed}), Signifikanzniveau {alpha}, {correction}",
        "en": "Gi* per Stichtag, {permutations} permutations (seed {seed}), significance level {alpha}, {correction}",
    },
    "maps.monitoring.ehsa_few": {
        "de": "nur {n} Stichtage (ArcGIS verlangt 10), siehe Methodentext",
        "en": "only {n} Stichtage (ArcGIS requires 10), see the methods text",
    },
    "maps.monitoring.odd_k": {
        "de": "Eine Karte der Veränderung braucht eine ungerade Zahl von Klassen ab 3 (die mittlere liegt um 0), angegeben war {given}.",
        "en": "A map of change needs an odd number of classes from 3 (the middle one around 0); {given} was given instead.",
    },
    "maps.monitoring.result_type": {
        "de": "Erwartet wird ein {what} (aus sozialraum.monitoring), gegeben war {given}.",
        "en": "Expected a {what} (from sozialraum.monitoring); {given} was given instead.",
    },
}
