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
}
