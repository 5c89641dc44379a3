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
