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
}
