"""User-facing texts: Spatial weights, Moran's I, LISA and Gi*."""

TEXTS: dict[str, dict[str, str]] = {
    "html.weights.method": {"de": "Nachbarschaft", "en": "neighbourhood"},
    "html.weights.transform": {"de": "Gewichtung", "en": "transformation"},
    "html.weights.policy": {
        "de": "Umgang mit Gebieten ohne Nachbarn",
        "en": "areas without neighbours are",
    },
    "html.weights.policy_keep": {
        "de": "behalten (ohne Nachbarn)",
        "en": "kept (without neighbours)",
    },
    "html.weights.policy_knn": {
        "de": "mit den nächsten Gebieten verbunden",
        "en": "connected to the nearest areas",
    },
    "html.weights.areas": {"de": "Gebiete", "en": "areas"},
    "html.weights.links": {"de": "Verbindungen", "en": "links"},
    "html.weights.neighbours": {"de": "Nachbarn je Gebiet", "en": "neighbours per area"},
    "html.weights.neighbours_value": {
        "de": "Mittel {mean}, min. {min}, max. {max}",
        "en": "mean {mean}, min {min}, max {max}",
    },
    "html.weights.islands": {"de": "Gebiete ohne Nachbarn", "en": "areas without neighbours"},
    "html.weights.components": {
        "de": "zusammenhängende Teile (Größen)",
        "en": "connected components (sizes)",
    },
    "html.weights.connected": {"de": "verbunden (knn)", "en": "connected (knn)"},
    "html.global.expected": {"de": "Erwartungswert", "en": "expected value"},
    "html.global.z": {"de": "z-Wert", "en": "z-score"},
    "html.global.p_perm": {"de": "p-Wert (Permutation)", "en": "p-value (permutation)"},
    "html.global.p_analytical": {"de": "p-Wert (analytisch)", "en": "p-value (analytical)"},
    "html.global.alternative": {"de": "Test", "en": "test"},
    "html.global.permutations": {"de": "Permutationen", "en": "permutations"},
    "html.global.seed": {"de": "Startwert", "en": "seed"},
    "html.global.n": {"de": "Gebiete", "en": "areas"},
    "html.global.islands": {"de": "Gebiete ohne Nachbarn", "en": "areas without neighbours"},
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
        "de": "{n} Gebiete mit im Mittel {mean} Nachbarn (min. {min}, max. {max}), zusammenhängende Komponenten: {components}.",
        "en": "{n} areas with on average {mean} neighbours (min {min}, max {max}), connected components: {components}.",
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

    # --- errors: inference settings (sozialraum.autocorrelation.Inference) ---------------------
    "stats.permutations": {
        "de": "'permutations' muss eine ganze Zahl von 0 bis {max} sein (0: nur analytische p-Werte). Angegeben wurde {given}.",
        "en": "'permutations' needs to be an integer >= 0 and <= {max} (0: analytical p-values only). {given} was given instead.",
    },
    "stats.seed": {
        "de": "'seed' muss eine ganze Zahl >= 0 sein (oder None: jedes Mal ein anderer Zufallsstart, nicht reproduzierbar). Angegeben wurde {given}.",
        "en": "'seed' needs to be an integer >= 0 (or None: a fresh random start each time, not reproducible). {given} was given instead.",
    },
    "stats.alpha": {
        "de": "'alpha' (Signifikanzniveau) muss eine Zahl zwischen 0 und 1 sein, üblich ist 0.05. Angegeben wurde {given}.",
        "en": "'alpha' needs to be between 0 and 1 (the significance level, usually 0.05). {given} was given instead.",
    },
    "stats.choice": {
        "de": "'{name}' muss einer der Werte ({choices}) sein. Angegeben wurde {given}.",
        "en": "'{name}' needs to be one of ({choices}). {given} was given instead.",
    },
    "stats.choice_hint": {
        "de": "'{name}' muss einer der Werte ({choices}) sein. Angegeben wurde {given}. Meinten Sie {hint!r}?",
        "en": "'{name}' needs to be one of ({choices}). {given} was given instead. Did you mean {hint!r}?",
    },
    "stats.inference_type": {
        "de": "'inference' muss ein sozialraum.Inference sein, angegeben wurde {given}. Beispiel: sr.Inference(permutations=999, seed=1).",
        "en": "'inference' needs to be a sozialraum.Inference, {given} was given. Example: sr.Inference(permutations=999, seed=1).",
    },
    "stats.inference_and_keywords": {
        "de": "Entweder 'inference' oder die Einzelangaben ({names}) übergeben, nicht beides. Beispiel: inference=inf.replace(seed=2).",
        "en": "Give either 'inference' or the keyword arguments ({names}), not both. Example: inference=inf.replace(seed=2).",
    },
    "stats.two_sided_only": {
        "de": "{what} testet nur zweiseitig; alternative = {given} ist nicht möglich. Inference(alternative='two-sided') verwenden.",
        "en": "{what} is tested two-sided only; alternative = {given} is not supported. Use Inference(alternative='two-sided').",
    },
    # --- errors: inputs of the statistics -------------------------------------------------------
    "stats.graph_type": {
        "de": "'graph' muss eine Nachbarschaft aus sr.spatial_weights (oder ein libpysal.graph.Graph) sein, angegeben wurde {given}.",
        "en": "'graph' needs to be a libpysal.graph.Graph (from sr.spatial_weights), {given} was given instead.",
    },
    "stats.values_type": {
        "de": "{name!r} muss eine pandas-Series mit dem Gebietsschlüssel als Index sein, angegeben wurde {given}. Beispiel: data['SGB2_QUOTE'].",
        "en": "{name!r} needs to be a pandas Series indexed by the district key, {given} was given. Example: data['SGB2_QUOTE'].",
    },
    "stats.label": {"de": "{name!r}", "en": "{name!r}"},
    "stats.label_column": {"de": "{name!r} (Spalte {column!r})", "en": "{name!r} (column {column!r})"},
    "stats.duplicate_keys": {
        "de": "{name!r} hat doppelte Schlüssel: {keys}.",
        "en": "{name!r} has duplicate keys: {keys}.",
    },
    "stats.keys_missing": {
        "de": "{label} und die Nachbarschaft haben nicht dieselben Schlüssel: {n_missing} Schlüssel der Nachbarschaft fehlen: {missing}. Gingen führende Nullen verloren? Die Nachbarschaft aus denselben Gebieten bauen.",
        "en": "{label} and the weights do not have the same keys: {n_missing} key(s) of the weights are missing: {missing}. Were leading zeros lost? Build the weights from the same districts.",
    },
    "stats.keys_extra": {
        "de": "{label} und die Nachbarschaft haben nicht dieselben Schlüssel: {n_extra} Schlüssel sind nicht in der Nachbarschaft: {extra}. Gingen führende Nullen verloren? Die Nachbarschaft aus denselben Gebieten bauen.",
        "en": "{label} and the weights do not have the same keys: {n_extra} key(s) are not in the weights: {extra}. Were leading zeros lost? Build the weights from the same districts.",
    },
    "stats.keys_both": {
        "de": "{label} und die Nachbarschaft haben nicht dieselben Schlüssel: {n_missing} Schlüssel der Nachbarschaft fehlen: {missing}; {n_extra} Schlüssel sind nicht in der Nachbarschaft: {extra}. Gingen führende Nullen verloren? Die Nachbarschaft aus denselben Gebieten bauen.",
        "en": "{label} and the weights do not have the same keys: {n_missing} key(s) of the weights are missing: {missing}; {n_extra} key(s) are not in the weights: {extra}. Were leading zeros lost? Build the weights from the same districts.",
    },
    "stats.not_numeric": {
        "de": "{label} muss Zahlen enthalten (Datentyp {dtype}).",
        "en": "{label} must be numeric ({dtype} given).",
    },
    "stats.missing_values": {
        "de": "{label} hat {n} fehlende oder unendliche Werte bei den Schlüsseln {keys}. Räumliche Statistiken brauchen einen Wert für jedes Gebiet: diese Gebiete *vor* dem Bau der Nachbarschaft aus den Gebieten entfernen oder bewusst auffüllen.",
        "en": "{label} has {n} missing or infinite value(s) at the keys {keys}. Spatial statistics need a value for every area: drop those areas from the districts *before* building the weights, or fill them deliberately.",
    },
    "stats.constant": {
        "de": "{label} ist konstant ({value!r}); Autokorrelation ist dann nicht definiert.",
        "en": "{label} is constant ({value!r}); autocorrelation is undefined.",
    },
    "stats.too_few_global": {
        "de": "{what} braucht mindestens 4 Gebiete mit Nachbarn, angegeben: {n}.",
        "en": "{what} needs at least 4 areas with neighbours, {n} given.",
    },
    "stats.too_few_local": {
        "de": "{what} braucht mindestens 3 Gebiete, angegeben: {n}.",
        "en": "{what} needs at least 3 areas, {n} given.",
    },
    "stats.population_positive": {
        "de": "'population' muss > 0 sein; das ist nicht der Fall bei {keys}.",
        "en": "'population' must be > 0; it is not at {keys}.",
    },
    "stats.events_negative": {
        "de": "'events' muss >= 0 sein; negativ bei {keys}.",
        "en": "'events' must be >= 0; negative at {keys}.",
    },
    # --- errors: spatial weights ---------------------------------------------------------------
    "weights.choice": {
        "de": "'{name}' muss einer der Werte ({choices}) sein. Angegeben wurde {given}.",
        "en": "'{name}' needs to be one of ({choices}). {given} was given instead.",
    },
    "weights.choice_hint": {
        "de": "'{name}' muss einer der Werte ({choices}) sein. Angegeben wurde {given}. Meinten Sie {hint!r}?",
        "en": "'{name}' needs to be one of ({choices}). {given} was given instead. Did you mean {hint!r}?",
    },
    "weights.order": {
        "de": "'order' muss eine ganze Zahl >= 1 sein. Angegeben wurde {given!r}.",
        "en": "'order' needs to be an integer >= 1. {given!r} was given instead.",
    },
    "weights.tolerance": {
        "de": "'tolerance' muss >= 0 sein (Meter). Angegeben wurde {given!r}.",
        "en": "'tolerance' needs to be >= 0 (metres). {given!r} was given.",
    },
    "weights.k": {
        "de": "'k' muss eine ganze Zahl zwischen 1 und n-1 = {max} sein. Angegeben wurde {given!r}.",
        "en": "'k' needs to be an integer between 1 and n-1 = {max}. {given!r} was given instead.",
    },
    "weights.threshold": {
        "de": "Die Methode 'distance' braucht einen 'threshold' > 0 in Einheiten des Koordinatensystems (Meter), angegeben wurde {given!r}. Beispiel: spatial_weights(d, 'distance', threshold=1500).",
        "en": "method 'distance' needs a 'threshold' > 0 in CRS units (metres), {given!r} was given. Example: spatial_weights(d, 'distance', threshold=1500).",
    },
    "weights.islands_k": {
        "de": "'islands_k' muss zwischen 1 und n-1 liegen. Angegeben wurde {given!r}.",
        "en": "'islands_k' needs to be between 1 and n-1. {given!r} was given instead.",
    },
    "weights.districts_type": {
        "de": "spatial_weights braucht einen GeoDataFrame oder eine GeoSeries mit den Gebietsflächen, angegeben wurde {given}. Grenzen mit sr.read_boundaries() einlesen.",
        "en": "spatial_weights needs a GeoDataFrame or GeoSeries of district polygons, {given} was given. Read boundaries with sr.read_boundaries().",
    },
    "weights.no_crs": {
        "de": "Die Gebiete haben kein Koordinatensystem. Abstände und Nachbarschaft brauchen ein projiziertes System in Metern; bitte angeben, z. B. districts.set_crs('EPSG:25832') (oder set_crs(..., allow_override=True) bei Daten mit undefiniertem System).",
        "en": "The districts have no CRS. Distances and contiguity need a projected CRS in metres; state it, e.g. districts.set_crs('EPSG:25832') (or set_crs(..., allow_override=True) for data with an undefined CRS).",
    },
    "weights.crs_geographic": {
        "de": "Das Koordinatensystem der Gebiete {name!r} ist geografisch (Grad). Nachbarschaften brauchen ein projiziertes System in Metern: districts.to_crs('EPSG:25832') verwenden (oder 25833 östlich von 12° O); bei Daten mit undefiniertem System eines mit set_crs(..., allow_override=True) angeben.",
        "en": "The districts' CRS {name!r} is geographic (degrees). Spatial weights need a projected CRS in metres: use districts.to_crs('EPSG:25832') (or 25833 east of 12°E); for data with an undefined CRS state one with set_crs(..., allow_override=True).",
    },
    "weights.crs_not_projected": {
        "de": "Das Koordinatensystem der Gebiete {name!r} ist kein projiziertes System. Nachbarschaften brauchen ein projiziertes System in Metern: districts.to_crs('EPSG:25832') verwenden (oder 25833 östlich von 12° O); bei Daten mit undefiniertem System eines mit set_crs(..., allow_override=True) angeben.",
        "en": "The districts' CRS {name!r} is not a projected CRS. Spatial weights need a projected CRS in metres: use districts.to_crs('EPSG:25832') (or 25833 east of 12°E); for data with an undefined CRS state one with set_crs(..., allow_override=True).",
    },
    "weights.duplicate_keys": {
        "de": "Der Gebietsschlüssel {name!r} hat {n} doppelte Werte: {keys}. Jedes Gebiet darf nur einmal vorkommen.",
        "en": "The district key {name!r} has {n} duplicate value(s): {keys}. Each district must occur once.",
    },
    "weights.too_few": {
        "de": "Eine Nachbarschaft braucht mindestens 2 Gebiete, angegeben: {n}.",
        "en": "Spatial weights need at least 2 districts, {n} given.",
    },
    "weights.empty_geometry": {
        "de": "{n} Gebiete haben eine fehlende oder leere Geometrie: {keys}.",
        "en": "{n} district(s) have a missing or empty geometry: {keys}.",
    },
    "weights.not_polygons": {
        "de": "Kontiguität braucht Flächen; {n} Gebiete sind keine (Multi-)Polygone: {keys}. Für Punkte method='knn' oder 'distance' verwenden.",
        "en": "Contiguity needs polygons; {n} district(s) are not (Multi)Polygons: {keys}. Use method='knn' or 'distance' for points.",
    },
    "weights.graph_type": {
        "de": "Erwartet wurde eine Nachbarschaft aus sr.spatial_weights (oder ein libpysal.graph.Graph), angegeben wurde {given}.",
        "en": "Expected spatial weights from sr.spatial_weights (or a libpysal.graph.Graph), {given} was given.",
    },
}
