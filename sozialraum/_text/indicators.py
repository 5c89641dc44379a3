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
    "indicators.formula_rate_den": {
        "de": "wie geliefert (Spalte {rate}); höhere Ebenen: Summe der implizierten Zählwerte ({rate} / {scale} × {den}) / Summe von {den} × {scale}",
        "en": "as delivered (column {rate}); higher levels: sum of the implied counts ({rate} / {scale} × {den}) / sum of {den} × {scale}",
    },
    "indicators.formula_rate": {
        "de": "wie geliefert (Spalte {rate}, ohne Nenner); höhere Ebenen: mit der Einwohnerzahl gewichtetes Mittel der Gebiete mit Wert (nur wo diese mindestens 90 % der Einwohner stellen)",
        "en": "as delivered (column {rate}, no denominator); higher levels: population-weighted mean of the areas with a value (only where they hold at least 90 % of the inhabitants)",
    },
}
