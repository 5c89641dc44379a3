"""User-facing texts: Composite index, classes and presets."""

TEXTS: dict[str, dict[str, str]] = {
    "index.rank_note": {
        "de": "Rang 1 = am stärksten benachteiligt",
        "en": "rank 1 = most deprived",
    },
    "index.quintile": {"de": "Quintil", "en": "Quintile"},
    "index.decile": {"de": "Dezil", "en": "Decile"},
    "index.quartile": {"de": "Quartil", "en": "Quartile"},
    "index.quantile_generic": {"de": "Quantil", "en": "Quantile"},
    "index.class": {"de": "Klasse", "en": "Class"},
    "index.most": {"de": " (am stärksten benachteiligt)", "en": " (most deprived)"},
    "index.least": {"de": " (am wenigsten benachteiligt)", "en": " (least deprived)"},
    "index.svi_low": {"de": "unter dem 90. Perzentil", "en": "below the 90th percentile"},
    "index.svi_high": {
        "de": "ab dem 90. Perzentil (hohe Vulnerabilität)",
        "en": "90th percentile or above (high vulnerability)",
    },
    "index.min_population_needs_population": {
        "de": "{what}: min_population = {n} braucht eine Einwohnerspalte (population), sonst "
              "wird die Mindestgröße nicht angewandt. Nennen Sie die Spalte (population=\"EW\") "
              "oder verzichten Sie ausdrücklich auf die Regel (min_population=0).",
        "en": "{what}: min_population = {n} needs a population column (population), otherwise "
              "the threshold is not applied. Name the column (population=\"EW\") or drop the "
              "rule deliberately (min_population=0).",
    },
    "mss.hoch": {"de": "hoch", "en": "high"},
    "mss.mittel": {"de": "mittel", "en": "medium"},
    "mss.niedrig": {"de": "niedrig", "en": "low"},
    "mss.sehr_niedrig": {"de": "sehr niedrig", "en": "very low"},
    "mss.positiv": {"de": "positiv", "en": "positive"},
    "mss.stabil": {"de": "stabil", "en": "stable"},
    "mss.negativ": {"de": "negativ", "en": "negative"},
    "nrw.weit_ueber": {"de": "weit überdurchschnittlich", "en": "far above average"},
    "nrw.ueber": {"de": "überdurchschnittlich", "en": "above average"},
    "nrw.durchschnitt": {"de": "durchschnittlich", "en": "average"},
    "nrw.unter": {"de": "unterdurchschnittlich", "en": "below average"},
    "nrw.weit_unter": {"de": "weit unterdurchschnittlich", "en": "far below average"},
    # ------------------------------------------------------------------ errors: index spec
    "index.direction": {
        "de": "Indikator {column!r}: 'direction' muss 1 oder -1 sein. Angegeben ist {given}.",
        "en": "indicator {column!r}: 'direction' needs to be one of (1, -1). {given} was given instead.",
    },
    "index.weight": {
        "de": "Indikator {column!r}: 'weight' muss >= 0 sein. Angegeben ist {given}.",
        "en": "indicator {column!r}: 'weight' must be >= 0. {given} was given instead.",
    },
    "index.indicator_type": {
        "de": "Ein Indexindikator muss ein Spaltenname, ein dict oder ein Indicator sein. Angegeben ist {given}.",
        "en": "an index indicator must be a column name, a dict or an Indicator. {given} was given instead.",
    },
    "index.no_indicators": {
        "de": "IndexSpec braucht mindestens einen Indikator.",
        "en": "IndexSpec needs at least one indicator.",
    },
    "index.columns_repeated": {
        "de": "IndexSpec: Indikatorspalten mehrfach angegeben: {columns}.",
        "en": "IndexSpec: indicator columns repeated: {columns}.",
    },
    "index.subindex_distance": {
        "de": "subindex_normalisation 'distance' ist nicht definiert (für einen Teilindex gibt es keinen städtischen Vergleichswert).",
        "en": "subindex_normalisation 'distance' is not defined (no city value of a sub-index).",
    },
    "index.explicit_weights": {
        "de": "weighting='explicit' braucht für jeden Indikator ein Gewicht; es fehlt für {columns}.",
        "en": "weighting='explicit' needs a weight for every indicator; missing for {columns}.",
    },
    "index.themes_missing": {
        "de": "combine_themes=True braucht für jeden Indikator ein Thema; es fehlt für {columns}.",
        "en": "combine_themes=True needs a theme for every indicator; missing for {columns}.",
    },
    "index.max_missing": {
        "de": "'max_missing' muss zwischen 0 und {high} liegen. Angegeben ist {given}.",
        "en": "'max_missing' must be between 0 and {high}. {given} was given instead.",
    },
    "index.flag_percentile": {
        "de": "'flag_percentile' muss in (0, 1] liegen.",
        "en": "'flag_percentile' must be in (0, 1].",
    },
    "index.where_toml_text": {"de": "Der TOML-Text", "en": "the TOML text"},
    "index.spec_not_found": {
        "de": "Die Indexdatei '{path}' existiert nicht.",
        "en": "The index spec file '{path}' does not exist.",
    },
    "index.spec_toml": {
        "de": "{where} ist kein gültiges TOML: {detail}",
        "en": "{where} is not valid TOML: {detail}",
    },
    "index.spec_unknown_keys": {
        "de": "{where}: unbekannte Schlüssel {keys}. Bekannt: {known}.",
        "en": "{where}: unknown keys {keys}. Known: {known}.",
    },
    "index.spec_no_indicators": {
        "de": "{where} braucht Einträge [[indicators]] (column = ...).",
        "en": "{where} needs [[indicators]] entries (column = ...).",
    },
    "index.spec_invalid": {"de": "{where}: {detail}", "en": "{where}: {detail}"},
    "index.spec_type": {
        "de": "'spec' muss eine IndexSpec sein. Angegeben ist {given}.",
        "en": "'spec' must be an IndexSpec. {given} was given instead.",
    },
    # ------------------------------------------------------------------ errors: computing
    "index.random_weights": {
        "de": "weighting='random' wird nur innerhalb von sensitivity_analysis verwendet.",
        "en": "weighting='random' is only used inside sensitivity_analysis.",
    },
    "index.weights_zero": {
        "de": "Die Gewichte des Index ergeben in der Summe 0.",
        "en": "the index weights sum to 0.",
    },
    "index.missing_columns": {
        "de": "composite_index ({name}): Spalten fehlen in den Daten: {columns}. Vorhanden: {available}.",
        "en": "composite_index ({name}): columns not in the data: {columns}. Available: {available}.",
    },
    "index.duplicate_keys": {
        "de": "composite_index: doppelte Schlüssel {keys}.",
        "en": "composite_index: duplicate keys {keys}.",
    },
    "index.not_numeric": {
        "de": "composite_index: Spalten sind nicht numerisch: {columns}.",
        "en": "composite_index: columns are not numeric: {columns}.",
    },
    "index.value_missing": {"de": "fehlt", "en": "missing"},
    "index.missing_item": {"de": "{column}: {reason}", "en": "{column}: {reason}"},
    "index.missing_values": {
        "de": "composite_index ({name}): {n} Sozialräume haben fehlende Indikatorwerte: {areas}. Mit missing='reweight' und max_missing=k die übrigen Indikatoren neu gewichten oder die Daten ergänzen.",
        "en": "composite_index ({name}): {n} area(s) have missing indicator values: {areas}. Set missing='reweight' with max_missing=k to re-weight the other indicators, or give the data.",
    },
    "index.too_few_areas": {
        "de": "composite_index ({name}): nach den Ausschlüssen bleiben nur {n} Sozialräume; ein Index braucht mindestens 3.",
        "en": "composite_index ({name}): only {n} area(s) left after exclusions; an index needs at least 3.",
    },
    # ------------------------------------------------------------------ errors: classes, methods
    "index.cuts_ascending": {
        "de": "Die Klassengrenzen müssen aufsteigend sein. Angegeben ist {given}.",
        "en": "class cut points must be ascending. {given} was given.",
    },
    "index.cuts_needed": {
        "de": "Die Klassenmethode {method!r} braucht Klassengrenzen (cuts).",
        "en": "class method {method!r} needs cut points.",
    },
    "index.k_too_small": {
        "de": "'k' muss mindestens 2 sein. Angegeben ist {given}.",
        "en": "'k' must be at least 2. {given} was given instead.",
    },
    "index.labels_count": {
        "de": "classes: {n} {name} nötig, {given} angegeben: {values}.",
        "en": "classes: {n} {name} needed, {given} given: {values}.",
    },
    "index.distance_reference": {
        "de": "Die Normalisierung 'distance' braucht den städtischen Wert jedes Indikators ({example}), nicht 0 und nicht fehlend. Ihn aus den aggregierten Fallzahlen berechnen, nie als Mittelwert von Quoten.",
        "en": "normalisation 'distance' needs the city value of every indicator ({example}), not 0 or missing. Compute it from the aggregated counts, never as a mean of rates.",
    },
    "index.geometric_positive": {
        "de": "Die geometrische Aggregation braucht positive normalisierte Werte.",
        "en": "geometric aggregation needs positive normalised values.",
    },
    "index.pca_too_few": {
        "de": "PCA-Gewichte brauchen mindestens 3 Sozialräume mit vollständigen Werten.",
        "en": "PCA weights need at least 3 areas with complete values.",
    },
    "index.pca_constant": {
        "de": "PCA-Gewichte sind für einen konstanten Indikator nicht definiert.",
        "en": "PCA weights are undefined for a constant indicator.",
    },
    "index.diagnostics_two": {
        "de": "Die Diagnose braucht mindestens 2 Indikatoren.",
        "en": "diagnostics need at least 2 indicators.",
    },
    "index.runs": {
        "de": "'runs' muss eine positive ganze Zahl sein. Angegeben ist {given}.",
        "en": "'runs' must be a positive whole number. {given} was given instead.",
    },
    # ------------------------------------------------------------------ errors: presets
    "index.preset_columns": {
        "de": "{what}: die Indikatorspalten als Liste von Namen angeben. Angegeben ist {given}.",
        "en": "{what}: give the indicator columns as a list of names. {given} was given instead.",
    },
    "index.preset_columns_count": {
        "de": "{what}: erwartet {n} Indikatorspalten. Angegeben ist {given}.",
        "en": "{what}: expects {n} indicator columns. {given} was given instead.",
    },
    "index.mss_areas_differ": {
        "de": "mss_status_dynamics: Status- und Dynamikergebnis haben verschiedene Sozialräume; beide auf demselben Datenindex berechnen.",
        "en": "mss_status_dynamics: status and dynamics results have different areas; compute both on the same data index.",
    },
    "index.imd_no_domains": {
        "de": "{preset}: mindestens eine Domäne {{Name: [Spalten]}} angeben.",
        "en": "{preset}: give at least one domain {{name: [columns]}}.",
    },
    "index.imd_unknown_domains": {
        "de": "imd: Gewichte für unbekannte Domänen {domains}.",
        "en": "imd: weights for unknown domains {domains}.",
    },
    "index.no_themes": {
        "de": "{preset}: mindestens ein Thema {{Name: [Spalten]}} angeben.",
        "en": "{preset}: give at least one theme {{name: [columns]}}.",
    },
    "index.nrw_cuts": {
        "de": "nrw_sozialbericht: 4 Klassengrenzen nötig. Angegeben ist {given}.",
        "en": "nrw_sozialbericht: 4 cut points needed. {given} was given instead.",
    },
    "index.pca_theme_needs": {
        "de": "weighting='pca_theme' braucht Themen (combine_themes=True) und missing='raise'; fehlende Werte vorher ergänzen (z. B. gisd_impute).",
        "en": "weighting='pca_theme' needs themes (combine_themes=True) and missing='raise'; fill missing values first (e.g. gisd_impute).",
    },
    "index.polarity_reference": {
        "de": "polarity_reference {given} ist keine Indikatorspalte des Index ({columns}).",
        "en": "polarity_reference {given} is not an indicator column of the index ({columns}).",
    },
    "index.gisd_direction": {
        "de": "gisd: 'direction' braucht für jeden Indikator +1 oder -1. Ohne Richtung: {lacking}; keine Indikatoren des Index: {unknown}.",
        "en": "gisd: 'direction' needs +1 or -1 for every indicator. Without a direction: {lacking}; not indicators of the index: {unknown}.",
    },
    "index.gisd_log": {
        "de": "gisd_log: Spalte '{column}' hat Werte <= 0, deren Logarithmus nicht definiert ist, in {keys}. Diese Werte vorher ersetzen (das RKI setzt für eine Einkommensteuer von 0 den Wert 0,75).",
        "en": "gisd_log: column '{column}' has values <= 0, whose logarithm is undefined, in {keys}. Replace them first (the RKI puts 0.75 for an income tax of 0).",
    },
    "index.gisd_year": {
        "de": "gisd_impute: die Jahresspalte '{column}' hat fehlende oder nicht numerische Werte.",
        "en": "gisd_impute: the year column '{column}' has missing or non-numeric values.",
    },
    "index.gisd_impute_few": {
        "de": "gisd_impute: für '{column}' gibt es nur {n} Werte; die Regression braucht mindestens 3.",
        "en": "gisd_impute: '{column}' has only {n} values; the regression needs at least 3.",
    },
    "index.gisd_groups": {
        "de": "gisd_aggregate: für {keys} fehlt die übergeordnete Ebene oder die Einwohnerzahl.",
        "en": "gisd_aggregate: {keys} lack the higher level or the population.",
    },
    "index.need_matrix": {
        "de": "Handlungsbedarf: die Matrix braucht {rows} Zeilen (Klassen des Status, von der am wenigsten zur am stärksten benachteiligten) mit je {cols} Feldern (Klassen der Dynamik, von Verbesserung zu Verschlechterung), jedes 'gering', 'mittel' oder 'hoch'. Angegeben ist {given}.",
        "en": "Handlungsbedarf: the matrix needs {rows} rows (status classes, least to most deprived) of {cols} cells each (dynamics classes, improving to worsening), each 'gering', 'mittel' or 'hoch'. {given} was given instead.",
    },
}
