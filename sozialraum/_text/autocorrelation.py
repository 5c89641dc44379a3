"""User-facing texts: Spatial weights, Moran's I, LISA and Gi*."""

TEXTS: dict[str, dict[str, str]] = {
    "cluster.HH": {"de": "Hotspot (hoch-hoch)", "en": "Hotspot (high-high)"},
    "cluster.LL": {"de": "Coldspot (niedrig-niedrig)", "en": "Coldspot (low-low)"},
    "cluster.HL": {"de": "Ausreißer hoch (hoch-niedrig)", "en": "High outlier (high-low)"},
    "cluster.LH": {"de": "Ausreißer niedrig (niedrig-hoch)", "en": "Low outlier (low-high)"},
    "cluster.ns": {"de": "nicht signifikant", "en": "not significant"},
    "cluster.untestable": {
        "de": "nicht testbar (zu wenige Gebiete)",
        "en": "not testable (too few areas)",
    },
    "cluster.island": {"de": "keine Nachbarn", "en": "no neighbours"},
    "weights.method.queen": {
        "de": "Queen-Kontiguität (gemeinsamer Grenzpunkt)",
        "en": "queen contiguity (shared boundary point)",
    },
    "weights.method.rook": {
        "de": "Rook-Kontiguität (gemeinsame Grenzlinie)",
        "en": "rook contiguity (shared boundary segment)",
    },
    "weights.method.fuzzy": {
        "de": "unscharfe Kontiguität (Lücken bis zur Toleranz überbrückt)",
        "en": "fuzzy contiguity (gaps up to the tolerance bridged)",
    },
    "weights.method.knn": {
        "de": "k nächste Nachbarn (Schwerpunkte)",
        "en": "k nearest neighbours (centroids)",
    },
    "weights.method.distance": {
        "de": "Distanzband (Schwerpunkte)",
        "en": "distance band (centroids)",
    },
    "weights.transform.R": {"de": "zeilenstandardisiert", "en": "row-standardised"},
    "weights.transform.B": {"de": "binär", "en": "binary"},
    "weights.describe": {
        "de": "Nachbarschaft: {method}; Gewichte {transform}.",
        "en": "Neighbourhood: {method}; weights {transform}.",
    },
    "weights.summary": {
        "de": "{n} Gebiete mit im Mittel {mean} Nachbarn (min. {min}, max. {max}), {components} zusammenhängende Komponente(n).",
        "en": "{n} areas with on average {mean} neighbours (min {min}, max {max}), {components} connected component(s).",
    },
    "weights.islands": {
        "de": "Ohne Nachbarn (von lokalen Tests ausgenommen): {keys}.",
        "en": "Without neighbours (left out of local tests): {keys}.",
    },
    "weights.islands_connected": {
        "de": "Gebiete ohne Nachbarn ({keys}) wurden mit den {k} nächstgelegenen Gebieten verbunden.",
        "en": "Areas without neighbours ({keys}) were connected to their {k} nearest areas.",
    },
    "stats.significant_suffix": {
        "de": "{label}, p ≤ {alpha} ({correction})",
        "en": "{label}, p ≤ {alpha} ({correction})",
    },
    "stats.ns_suffix": {
        "de": "{label}, p > {alpha} ({correction})",
        "en": "{label}, p > {alpha} ({correction})",
    },
    "stats.correction.none": {"de": "ohne Korrektur", "en": "uncorrected"},
    "stats.correction.bonferroni": {"de": "Bonferroni", "en": "Bonferroni"},
    "stats.correction.fdr": {"de": "FDR (Benjamini-Hochberg)", "en": "FDR (Benjamini-Hochberg)"},
    "stats.correction.spdep": {
        "de": "Bonferroni je Nachbarschaft (spdep p.adjustSP)",
        "en": "Bonferroni per neighbourhood (spdep p.adjustSP)",
    },
    "gstar.hot99": {"de": "Hotspot (99 %)", "en": "Hot spot (99 %)"},
    "gstar.hot95": {"de": "Hotspot (95 %)", "en": "Hot spot (95 %)"},
    "gstar.hot90": {"de": "Hotspot (90 %)", "en": "Hot spot (90 %)"},
    "gstar.cold99": {"de": "Coldspot (99 %)", "en": "Cold spot (99 %)"},
    "gstar.cold95": {"de": "Coldspot (95 %)", "en": "Cold spot (95 %)"},
    "gstar.cold90": {"de": "Coldspot (90 %)", "en": "Cold spot (90 %)"},
    "stats.describe_local": {
        "de": "{statistic}: {inference}, zweiseitig, Signifikanzniveau {alpha}, Mehrfachtest-Korrektur: {correction}.",
        "en": "{statistic}: {inference}, two-sided, significance level {alpha}, multiple-testing correction: {correction}.",
    },
    "stats.inference_perm": {
        "de": "bedingte Permutation ({permutations} Permutationen, Startwert {seed}; exakte Aufzählung bei höchstens 200.000 Nachbarschaftsmengen)",
        "en": "conditional permutation ({permutations} permutations, seed {seed}; exact enumeration where there are at most 200,000 neighbour sets)",
    },
    "stats.global_perm": {
        "de": "Permutationstest mit {permutations} Permutationen, Startwert {seed}",
        "en": "permutation test with {permutations} permutations, seed {seed}",
    },
    "stats.alternative.greater": {
        "de": "einseitig (positive Autokorrelation)",
        "en": "one-sided (positive autocorrelation)",
    },
    "stats.alternative.less": {
        "de": "einseitig (negative Autokorrelation)",
        "en": "one-sided (negative autocorrelation)",
    },
    "stats.alternative.two-sided": {"de": "zweiseitig", "en": "two-sided"},
    "stats.describe_global": {
        "de": "{name} = {value} (z = {z}; p = {p}, {alternative}; {inference}).",
        "en": "{name} = {value} (z = {z}; p = {p}, {alternative}; {inference}).",
    },
    "stats.inference_analytical": {
        "de": "analytisch (Normalapproximation)",
        "en": "analytical (normal approximation)",
    },
}
