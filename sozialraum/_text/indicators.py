"""User-facing texts: Indicators and confidentiality."""

TEXTS: dict[str, dict[str, str]] = {
    "conf.prefix": {"de": "Geheimhaltung: ", "en": "Confidentiality: "},
    "conf.off": {
        "de": "Geheimhaltung: keine Regeln angewandt (nur für interne Arbeitstabellen).",
        "en": "Confidentiality: no rules applied (internal work tables only).",
    },
    "conf.min_count": {
        "de": "Fallzahlen von 1 bis {max} werden nicht ausgewiesen (0 wird gezeigt), dazu Sekundärsperrungen, damit kein gesperrter Wert aus Summen errechnet werden kann",
        "en": "counts from 1 to {max} are not published (0 is shown), with secondary suppression so that no suppressed value can be derived from totals",
    },
    "conf.no_min_count": {
        "de": "keine Sperrung kleiner Fallzahlen",
        "en": "no suppression of small counts",
    },
    "conf.min_population": {
        "de": "Gebiete mit weniger als {n} Einwohnerinnen und Einwohnern gehen nicht in den Index ein",
        "en": "areas with fewer than {n} inhabitants are not part of the index",
    },
    "conf.round": {
        "de": "Fallzahlen auf Vielfache von {n} gerundet",
        "en": "counts rounded to multiples of {n}",
    },
    "indicators.bad_code": {
        "de": "Ein Indikator braucht einen Code (Text), angegeben war {given}.",
        "en": "An indicator needs a code (text); {given} was given instead.",
    },
    "indicators.bad_rate": {
        "de": "Indikator {code!r}: 'rate' muss der Name einer Spalte sein, angegeben war {given}.",
        "en": "Indicator {code!r}: 'rate' must be a column name. {given} was given instead.",
    },
    "indicators.rate_and_numerator": {
        "de": "Indikator {code!r}: entweder 'rate' (eine Spalte mit der fertigen Quote) oder 'numerator' und 'denominator' (Zählwerte) angeben, nicht beides.",
        "en": "Indicator {code!r}: give either 'rate' (a column holding the rate) or 'numerator' and 'denominator' (counts), not both.",
    },
    "indicators.needs_counts_or_rate": {
        "de": "Indikator {code!r}: es fehlt, woraus er berechnet wird. Angeben: 'numerator' und 'denominator' (Zählwerte) oder 'rate' (eine Spalte mit der fertigen Quote oder dem Anteil, optional mit 'denominator').",
        "en": "Indicator {code!r} does not say what it is computed from. Give 'numerator' and 'denominator' (counts) or 'rate' (a column holding the rate or share, optionally with 'denominator').",
    },
    "indicators.bad_columns": {
        "de": "Indikator {code!r}: {name!r} muss ein Spaltenname oder eine Liste von Spaltennamen sein, angegeben war {given}.",
        "en": "Indicator {code!r}: {name!r} must be a column name or a list of column names. {given} was given instead.",
    },
    "indicators.bad_direction": {
        "de": "Indikator {code!r}: 'direction' muss 1 oder -1 sein, angegeben war {given}.",
        "en": "Indicator {code!r}: 'direction' needs to be one of (1, -1). {given} was given instead.",
    },
    "indicators.bad_scale": {
        "de": "Indikator {code!r}: 'scale' muss eine positive Zahl sein, angegeben war {given}.",
        "en": "Indicator {code!r}: 'scale' must be a positive number. {given} was given instead.",
    },
    "indicators.rate_out_of_range": {
        "de": "Indikator {code!r}: die Spalte {column!r} enthält Werte außerhalb von 0 bis {high}: {values} (Gebiete {keys}). Prüfen Sie die Spalte und 'scale' (100 für Prozent, 1 für Anteile).",
        "en": "Indicator {code!r}: column {column!r} holds values outside 0 to {high}: {values} (areas {keys}). Check the column and 'scale' (100 for percent, 1 for proportions).",
    },
    "indicators.numerator_above_denominator": {
        "de": "Indikator {code!r}: der Zähler ({numerator}) ist größer als der Nenner ({denominator}) in {n} Gebiet(en): {cases}. Ein Anteil in % kann 100 nicht übersteigen; prüfen Sie, ob die Spalten stimmen (vertauscht, falsche Altersgruppe, Tippfehler in der Tabelle).",
        "en": "Indicator {code!r}: the numerator ({numerator}) is larger than the denominator ({denominator}) in {n} area(s): {cases}. A share in % cannot exceed 100; check the columns (swapped, wrong age band, a typing error in the table).",
    },
    "indicators.formula_rate_den": {
        "de": "wie geliefert (Spalte {rate}); höhere Ebenen: Summe der implizierten Zählwerte ({rate} / {scale} × {den}) / Summe von {den} × {scale}",
        "en": "as delivered (column {rate}); higher levels: sum of the implied counts ({rate} / {scale} × {den}) / sum of {den} × {scale}",
    },
    "indicators.formula_rate": {
        "de": "wie geliefert (Spalte {rate}, ohne Nenner); höhere Ebenen: mit der Einwohnerzahl gewichtetes Mittel der Gebiete mit Wert (nur wo diese mindestens 90 % der Einwohner stellen)",
        "en": "as delivered (column {rate}, no denominator); higher levels: population-weighted mean of the areas with a value (only where they hold at least 90 % of the inhabitants)",
    },
    # ------------------------------------------------------------------ errors: confidentiality
    "conf.policy_number": {
        "de": "ConfidentialityPolicy: {name!r} muss eine ganze Zahl >= {low} sein. Angegeben ist {given}.",
        "en": "ConfidentialityPolicy: {name!r} must be a whole number >= {low}. {given} was given instead.",
    },
    "conf.policy_round_to": {
        "de": "ConfidentialityPolicy: 'round_to' muss None oder eine ganze Zahl >= 1 sein. Angegeben ist {given}.",
        "en": "ConfidentialityPolicy: 'round_to' must be None or a whole number >= 1. {given} was given instead.",
    },
    "conf.no_count_columns": {
        "de": "suppress: keine Spalten mit Fallzahlen (ganzen Zahlen) gefunden; bitte mit columns=[...] benennen.",
        "en": "suppress: no count columns found (whole numbers); name them with columns=[...].",
    },
    "conf.missing_columns": {
        "de": "suppress: Spalten fehlen in der Tabelle: {columns}. Vorhanden: {available}.",
        "en": "suppress: columns not in the table: {columns}. Available: {available}.",
    },
    "conf.not_numeric": {
        "de": "suppress: Spalten sind keine Fallzahlen (nicht numerisch): {columns}.",
        "en": "suppress: columns are not numeric counts: {columns}.",
    },
    "conf.hierarchy_column": {
        "de": "suppress: die Hierarchiespalte {column!r} fehlt in der Tabelle. Vorhanden: {available}.",
        "en": "suppress: hierarchy column {column!r} is not in the table. Available: {available}.",
    },
    "conf.hierarchy_keys_missing": {
        "de": "suppress: in der Hierarchiespalte {column!r} fehlen Schlüssel für {keys}.",
        "en": "suppress: hierarchy column {column!r} has missing keys for {keys}.",
    },
    "conf.hierarchy_not_nested": {
        "de": "suppress: die Hierarchie ist nicht geschachtelt: die {lower!r}-Einheiten {units} liegen in mehreren {upper!r}-Einheiten.",
        "en": "suppress: the hierarchy is not nested: {lower!r} units {units} lie in several {upper!r} units.",
    },
    "conf.policy_type": {
        "de": "'policy' muss eine ConfidentialityPolicy sein. Angegeben ist {given}.",
        "en": "'policy' must be a ConfidentialityPolicy. {given} was given instead.",
    },
    "conf.duplicate_keys": {
        "de": "suppress: die Tabelle enthält doppelte Schlüssel: {keys}.",
        "en": "suppress: the table has duplicate keys: {keys}.",
    },
    "conf.constraint_columns": {
        "de": "suppress: die Summenbedingungen nennen Spalten, die nicht in der Tabelle stehen: {columns}. Jedes (Summe, Teile) muss Fallzahlspalten der Tabelle verwenden.",
        "en": "suppress: constraints name columns that are not in the table: {columns}. Each (total, parts) must use count columns of the table.",
    },
    "conf.negative": {
        "de": "suppress: Fallzahlen dürfen nicht negativ sein; negative Werte für {cells}.",
        "en": "suppress: counts must not be negative; negative values for {cells}.",
    },
    "conf.no_convergence": {
        "de": "die Sekundärsperrung ist nicht konvergiert",
        "en": "secondary suppression did not converge",
    },
    # ------------------------------------------------------------------ errors: indicators
    "indicators.type": {
        "de": "indicators müssen Indicator-Objekte oder Kürzel aus STANDARD sein. Angegeben ist {given}.",
        "en": "indicators must be Indicator objects or codes of STANDARD. {given} was given instead.",
    },
    "indicators.codes_repeated": {
        "de": "Indikatorkürzel müssen eindeutig sein; mehrfach: {codes}.",
        "en": "indicator codes must be unique; repeated: {codes}.",
    },
    "indicators.missing_columns": {
        "de": "{what}: Spalten fehlen in den Daten: {columns}. Vorhanden: {available}.",
        "en": "{what}: columns not in the data: {columns}. Available: {available}.",
    },
    "indicators.negative": {
        "de": "compute_indicators: Indikator {code!r} hat negative Fallzahlen für {keys}.",
        "en": "compute_indicators: indicator {code!r} has negative counts for {keys}.",
    },
    "indicators.no_parent": {
        "de": "aggregate: Schlüssel ohne übergeordnete Einheit: {keys}. Jeder Schlüssel braucht einen übergeordneten Schlüssel.",
        "en": "aggregate: keys without a parent: {keys}. Every key needs a parent key.",
    },
    "indicators.no_count_columns": {
        "de": "aggregate: die Tabelle hat keine Spalten mit Fallzahlen (ganzen Zahlen). Fallzahlen aggregieren und die Quoten danach neu berechnen (compute_indicators); Quoten werden nie gemittelt. Fallzahlspalten mit Kommazahlen (z. B. FLAECHE_HA) mit columns=[...] benennen.",
        "en": "aggregate: the table has no count columns (whole numbers). Aggregate counts and recompute the rates afterwards (compute_indicators); rates are never averaged. Name float count columns (e.g. FLAECHE_HA) with columns=[...].",
    },
    "indicators.not_numeric": {
        "de": "aggregate: die Spalte {column!r} ist nicht numerisch.",
        "en": "aggregate: column {column!r} is not numeric.",
    },
    "indicators.smooth_incomplete": {
        "de": "smooth_rates: die Glättung braucht vollständige Fallzahlen und Einwohnerzahlen > 0; nicht gegeben für {keys}.",
        "en": "smooth_rates: smoothing needs complete counts and populations > 0; not given for {keys}.",
    },
    "indicators.smooth_panel": {
        "de": "compute_indicators glättet keine Zeitreihe über mehrere Stichtage (das würde die Jahre vermischen). Verwenden Sie sozialraum.panel_indicators(...), das jeden Stichtag für sich glättet.",
        "en": "compute_indicators does not smooth a panel of several Stichtage (that would pool the years). Use sozialraum.panel_indicators(...), which smooths each Stichtag on its own.",
    },
    "indicators.smooth_needs_graph": {
        "de": "smooth_rates: method='spatial' braucht einen Nachbarschaftsgraphen (sozialraum.spatial_weights(...)).",
        "en": "smooth_rates: method='spatial' needs a graph (sozialraum.spatial_weights(...)).",
    },
    "indicators.smooth_graph_ids": {
        "de": "smooth_rates: die Kennungen des Graphen sind nicht die Schlüssel der Daten.",
        "en": "smooth_rates: the graph's ids are not the data's keys.",
    },
    # ------------------------------------------------------------------ subgroup tables
    "sub.sex": {"de": "Geschlecht", "en": "Sex"},
    "sub.nationality": {"de": "Staatsangehörigkeit", "en": "Nationality"},
    "sub.age": {"de": "Alter", "en": "Age"},
    "sub.grouping.age_sex_nat": {
        "de": "Alter × Geschlecht × Staatsangehörigkeit",
        "en": "age × sex × nationality",
    },
    "sub.grouping.age_sex": {"de": "Alter × Geschlecht", "en": "age × sex"},
    "sub.male": {"de": "männlich", "en": "male"},
    "sub.female": {"de": "weiblich", "en": "female"},
    "sub.german": {"de": "deutsch", "en": "German"},
    "sub.non_german": {"de": "nichtdeutsch", "en": "non-German"},
    "sub.age_u6": {"de": "unter 6 Jahre", "en": "under 6"},
    "sub.age_6_14": {"de": "6 bis 14 Jahre", "en": "6 to 14"},
    "sub.age_15_17": {"de": "15 bis 17 Jahre", "en": "15 to 17"},
    "sub.age_18_64": {"de": "18 bis 64 Jahre", "en": "18 to 64"},
    "sub.age_65": {"de": "65 Jahre und älter", "en": "65 and over"},
    "sub.total": {"de": "insgesamt", "en": "total"},
    "sub.no_groups": {
        "de": "subgroup_table: mindestens eine Gruppierung angeben, als Wörterbuch Gruppierung -> Gruppe -> Zählspalte.",
        "en": "subgroup_table: give at least one grouping, as a dictionary grouping -> group -> count column.",
    },
    "sub.columns": {
        "de": "subgroup_table: die Spalten {columns} fehlen in den Zählwerten (vorhanden: {available}).",
        "en": "subgroup_table: the columns {columns} are not in the counts (available: {available}).",
    },
    "sub.not_additive": {
        "de": "subgroup_table: die Gruppen von „{grouping}“ ergeben nicht '{total}' in {keys}; jede Gruppierung muss die Gesamtzahl vollständig aufteilen.",
        "en": "subgroup_table: the groups of “{grouping}” do not add up to '{total}' in {keys}; every grouping must split the total completely.",
    },
}
