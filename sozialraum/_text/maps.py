"""User-facing texts: Static and interactive maps."""

TEXTS: dict[str, dict[str, str]] = {
    "maps.scheme.quantiles": {"de": "Quantile", "en": "Quantiles"},
    "maps.scheme.fisher_jenks": {
        "de": "Natürliche Unterbrechungen (Fisher-Jenks)",
        "en": "Natural breaks (Fisher-Jenks)",
    },
    "maps.scheme.equal_interval": {"de": "Gleiche Intervalle", "en": "Equal intervals"},
    "maps.scheme.std_mean": {
        "de": "Mittelwert und Standardabweichung",
        "en": "Mean and standard deviation",
    },
    "maps.scheme.user_defined": {"de": "Vorgegebene Klassengrenzen", "en": "User-defined breaks"},
    "maps.scheme.index_classes": {
        "de": "Klassen der Indexmethode",
        "en": "classes of the index method",
    },
    "maps.shared_note": {
        "de": "gleiche Klassen für alle {n} Karten",
        "en": "same classes for all {n} maps",
    },
    "maps.legend.method": {"de": "Klassen: {method}", "en": "Classes: {method}"},
    "maps.legend.count": {"de": "(Anzahl Gebiete)", "en": "(number of areas)"},
    "maps.range_above": {"de": "über {lo} bis {hi}", "en": "above {lo} to {hi}"},
    "maps.missing": {"de": "keine Angabe", "en": "no data"},
    "maps.stand": {"de": "Stand: {stichtag}", "en": "As of {stichtag}"},
    "maps.source": {
        "de": "Datenquelle: {source}, Stand {stichtag}",
        "en": "Data source: {source}, as of {stichtag}",
    },
    "maps.source_nodate": {"de": "Datenquelle: {source}", "en": "Data source: {source}"},
    "maps.geometry": {"de": "Geometrie: {geometry}", "en": "Geometry: {geometry}"},
    "maps.overlay": {"de": "Grenzen {name}", "en": "{name} boundaries"},
    "maps.overlay_default": {"de": "übergeordnete Ebene", "en": "higher level"},
    "maps.north": {"de": "N", "en": "N"},
    "maps.gstar.hot99": {"de": "Hotspot (99 % Konfidenz)", "en": "Hot spot (99 % confidence)"},
    "maps.gstar.hot95": {"de": "Hotspot (95 % Konfidenz)", "en": "Hot spot (95 % confidence)"},
    "maps.gstar.hot90": {"de": "Hotspot (90 % Konfidenz)", "en": "Hot spot (90 % confidence)"},
    "maps.gstar.cold90": {"de": "Coldspot (90 % Konfidenz)", "en": "Cold spot (90 % confidence)"},
    "maps.gstar.cold95": {"de": "Coldspot (95 % Konfidenz)", "en": "Cold spot (95 % confidence)"},
    "maps.gstar.cold99": {"de": "Coldspot (99 % Konfidenz)", "en": "Cold spot (99 % confidence)"},
    "maps.cluster.title": {
        "de": "Lokale räumliche Cluster (LISA)",
        "en": "Local spatial clusters (LISA)",
    },
    "maps.gstar.title": {
        "de": "Hot- und Coldspots (Getis-Ord Gi*)",
        "en": "Hot and cold spots (Getis-Ord Gi*)",
    },
    "maps.cluster.note": {
        "de": "{permutations} Permutationen, α = {alpha},\nKorrektur: {correction}",
        "en": "{permutations} permutations, α = {alpha},\ncorrection: {correction}",
    },
    "maps.gstar.note": {
        "de": "{permutations} Permutationen, Stufen 90 / 95 / 99 %,\nKorrektur: {correction}",
        "en": "{permutations} permutations, levels 90 / 95 / 99 %,\ncorrection: {correction}",
    },
    "maps.cluster.seed": {"de": "Startwert (seed) {seed}", "en": "seed {seed}"},
    "maps.correction.fdr": {"de": "FDR (Benjamini-Hochberg)", "en": "FDR (Benjamini-Hochberg)"},
    "maps.correction.bonferroni": {"de": "Bonferroni", "en": "Bonferroni"},
    "maps.correction.none": {"de": "keine", "en": "none"},
    "maps.unknown": {"de": "unbekannt", "en": "unknown"},
    "maps.sig.title": {"de": "Signifikanz ({pname})", "en": "Significance ({pname})"},
    "maps.sig.p_raw": {"de": "Pseudo-p-Wert", "en": "pseudo p-value"},
    "maps.sig.p_adjusted": {"de": "p-Wert nach Korrektur", "en": "adjusted p-value"},
    "maps.sig.p001": {"de": "p < 0,001", "en": "p < 0.001"},
    "maps.sig.p01": {"de": "p < 0,01", "en": "p < 0.01"},
    "maps.sig.p05": {"de": "p < 0,05", "en": "p < 0.05"},
    "maps.scatter.title": {
        "de": "Moran-Streudiagramm: {column}",
        "en": "Moran scatterplot: {column}",
    },
    "maps.scatter.x": {"de": "{column} (standardisiert)", "en": "{column} (standardised)"},
    "maps.scatter.y": {
        "de": "Mittel der Nachbarn (räumlich verzögert, standardisiert)",
        "en": "mean of the neighbours (spatial lag, standardised)",
    },
    "maps.scatter.slope": {"de": "Moran's I = {value}", "en": "Moran's I = {value}"},
    "maps.scatter.islands": {
        "de": "ohne Nachbarn, nicht dargestellt: {n}",
        "en": "without neighbours, not shown: {n}",
    },
}
