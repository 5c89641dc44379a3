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
        "de": "nach der Indexmethode",
        "en": "by the index method",
    },
    "maps.shared_note": {
        "de": "gleiche Klassen für alle {n} Karten",
        "en": "same classes for all {n} maps",
    },
    "maps.legend.method": {"de": "Klassen: {method}", "en": "Classes: {method}"},
    "maps.legend.count": {"de": "(Anzahl Gebiete)", "en": "(number of areas)"},
    "maps.legend.count_panels": {
        "de": "(Anzahl Gebiete: {panels})",
        "en": "(number of areas: {panels})",
    },
    "maps.legend.count_order": {
        "de": "(Anzahl Gebiete je Karte, in der Reihenfolge der Karten)",
        "en": "(number of areas per map, in the order of the maps)",
    },
    "maps.range_above": {"de": "über {lo} bis {hi}", "en": "above {lo} to {hi}"},
    "maps.class_bounds": {"de": "{name}: {bounds}", "en": "{name}: {bounds}"},
    "maps.bound.below": {"de": "unter {hi}", "en": "below {hi}"},
    "maps.bound.upto": {"de": "bis {hi}", "en": "up to {hi}"},
    "maps.bound.above": {"de": "über {lo}", "en": "above {lo}"},
    "maps.bound.from": {"de": "ab {lo}", "en": "{lo} and above"},
    "maps.bound.in_in": {"de": "{lo} bis {hi}", "en": "{lo} to {hi}"},
    "maps.bound.ex_in": {"de": "über {lo} bis {hi}", "en": "above {lo} to {hi}"},
    "maps.bound.in_ex": {"de": "{lo} bis unter {hi}", "en": "{lo} to below {hi}"},
    "maps.bound.ex_ex": {"de": "über {lo} bis unter {hi}", "en": "above {lo} to below {hi}"},
    "maps.bound.sd_note": {
        "de": "Grenzen in Standardabweichungen",
        "en": "bounds in standard deviations",
    },
    "maps.bound.observed_note": {
        "de": "kleinster bis größter Indexwert der Klasse",
        "en": "lowest to highest index value of the class",
    },
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
    "maps.meaning.hot": {"de": "Hotspot: {what}", "en": "Hot spot: {what}"},
    "maps.meaning.cold": {"de": "Coldspot: {what}", "en": "Cold spot: {what}"},
    "maps.meaning.high.index_more": {
        "de": "hohe Indexwerte (mehr Benachteiligung)",
        "en": "high index values (more deprivation)",
    },
    "maps.meaning.low.index_more": {
        "de": "niedrige Indexwerte (weniger Benachteiligung)",
        "en": "low index values (less deprivation)",
    },
    "maps.meaning.high.index_less": {
        "de": "hohe Indexwerte (weniger Benachteiligung)",
        "en": "high index values (less deprivation)",
    },
    "maps.meaning.low.index_less": {
        "de": "niedrige Indexwerte (mehr Benachteiligung)",
        "en": "low index values (more deprivation)",
    },
    "maps.meaning.high.values": {"de": "hohe Werte", "en": "high values"},
    "maps.meaning.low.values": {"de": "niedrige Werte", "en": "low values"},
    "maps.cluster.note": {
        "de": "{inference}, α = {alpha},\nKorrektur: {correction}",
        "en": "{inference}, α = {alpha},\ncorrection: {correction}",
    },
    "maps.gstar.note": {
        "de": "{inference}, Stufen 90 / 95 / 99 %,\nKorrektur: {correction}",
        "en": "{inference}, levels 90 / 95 / 99 %,\ncorrection: {correction}",
    },
    "maps.inference.sampled": {
        "de": "{permutations} Permutationen",
        "en": "{permutations} permutations",
    },
    "maps.inference.exact": {
        "de": "exakt für alle {exact} Gebiete (aufgezählt)",
        "en": "exact for all {exact} areas (enumerated)",
    },
    "maps.inference.mixed": {
        "de": "Gebiete: {sampled} mit {permutations} Permutationen,\n{exact} exakt (aufgezählt)",
        "en": "areas: {sampled} with {permutations} permutations,\n{exact} exact (enumerated)",
    },
    "maps.mon.estimated_day": {
        "de": "{day} (auf heutige Grenzen umgerechnet)",
        "en": "{day} (converted onto today's boundaries)",
    },
    "maps.mon.estimated": {
        "de": "{days}: {n} Gebiete ({areas}) flächenanteilig auf heutige Grenzen umgerechnet (Schätzung)",
        "en": "{days}: {n} areas ({areas}) converted onto today's boundaries by area shares (estimates)",
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
    # --- errors -----------------------------------------------------------------------------
    "maps.the_data": {"de": "den Daten", "en": "the data"},  # dative: "fehlt in den Daten"
    "maps.frame_n": {"de": "Tabelle {n}", "en": "frame {n}"},
    "maps.not_geodataframe": {
        "de": "Die Daten sind ein {type}, kein GeoDataFrame: Karten brauchen Geometrien. Verknüpfen Sie die Tabelle zuerst mit den Grenzen (sr.join_indicators).",
        "en": "The data is a {type}, not a GeoDataFrame: maps need geometries. Join the table to the boundaries first (sr.join_indicators).",
    },
    "maps.no_crs": {
        "de": "Die Daten haben kein Koordinatenbezugssystem. Legen Sie es fest, z. B. data.set_crs('EPSG:25832').",
        "en": "The data has no CRS. Set it, e.g. data.set_crs('EPSG:25832').",
    },
    "maps.geographic_crs": {
        "de": "Die Daten liegen in geografischen Koordinaten ({crs}); der Maßstab braucht Meter. Projizieren Sie sie um, z. B. data.to_crs('EPSG:25832').",
        "en": "The data is in a geographic CRS ({crs}); the scale bar needs metres. Reproject it, e.g. data.to_crs('EPSG:25832').",
    },
    "maps.crs_not_metres": {
        "de": "Das Koordinatenbezugssystem {crs} der Daten misst nicht in Metern (Einheit {unit}).",
        "en": "The data CRS {crs} is not in metres (unit {unit}).",
    },
    "maps.duplicate_keys": {
        "de": "Die Daten enthalten doppelte Schlüssel {keys}: eine Zeile je Gebiet.",
        "en": "The data has duplicate keys {keys}: one row per district.",
    },
    "maps.empty_geometries": {
        "de": "Die Daten haben leere Geometrien bei den Schlüsseln {keys}.",
        "en": "The data has empty geometries for the keys {keys}.",
    },
    "maps.overlay_no_crs": {
        "de": "Die übergeordnete Ebene hat kein Koordinatenbezugssystem. Legen Sie es fest, z. B. overlay.set_crs('EPSG:25832').",
        "en": "The overlay has no CRS. Set it, e.g. overlay.set_crs('EPSG:25832').",
    },
    "maps.leaflet_missing": {
        "de": "Die Offline-Karte braucht Leaflet aus dem Paket 'xstatic-leaflet'. Installieren mit: pip install xstatic-leaflet",
        "en": "The offline map needs Leaflet from the package 'xstatic-leaflet'. Install it with: pip install xstatic-leaflet",
    },
    "maps.leaflet_closing_tag": {
        "de": "Die Leaflet-Dateien enthalten ein schließendes Tag und können nicht eingebettet werden.",
        "en": "Leaflet's files contain a closing tag and cannot be inlined.",
    },
    "maps.not_a_result": {
        "de": "Erwartet ist ein Ergebnis von sr.local_moran / sr.local_gstar oder ein DataFrame mit der Spalte 'cluster'; übergeben: {type}.",
        "en": "Expected a result of sr.local_moran / sr.local_gstar or a DataFrame with a 'cluster' column; got {type}.",
    },
    "maps.no_cluster_column": {
        "de": "Dem lokalen Ergebnis fehlt die Spalte 'cluster'; Spalten: {columns}.",
        "en": "The local result has no 'cluster' column; columns: {columns}.",
    },
    "maps.unknown_codes": {
        "de": "Unbekannte Cluster-Codes {codes}; erwartet: {allowed}.",
        "en": "Unknown cluster codes {codes}; expected one of {allowed}.",
    },
    "maps.result_keys": {
        "de": "Das lokale Ergebnis hat Schlüssel, die in den Kartendaten fehlen: {keys}. Verwenden Sie für Statistik und Karte dieselben Gebiete (und dieselbe Schlüsselspalte).",
        "en": "The local result has keys that are not in the map data: {keys}. Use the same districts (and key column) for the statistic and the map.",
    },
    "maps.result_no_column": {
        "de": "Dem lokalen Ergebnis fehlt die Spalte {column}; Spalten: {columns}.",
        "en": "The local result has no column {column}; columns: {columns}.",
    },
    "maps.scatter_missing": {
        "de": "Das Moran-Streudiagramm braucht für jedes Gebiet einen Wert; es fehlt bei {keys}.",
        "en": "The Moran scatterplot needs a value for every district; missing for {keys}.",
    },
    "maps.no_column": {
        "de": "Den Daten fehlt die Spalte {column}.",
        "en": "data has no column {column}.",
    },
    "maps.explore_needs_geodataframe": {
        "de": "explore() braucht einen GeoDataFrame (Gebiete mit Geometrien).",
        "en": "explore() needs a GeoDataFrame (districts with geometries).",
    },
    "maps.simplify_needs_projected": {
        "de": "simplify wird in Metern angegeben und braucht ein projiziertes Koordinatenbezugssystem (EPSG:25832).",
        "en": "simplify is given in metres and needs a projected CRS (EPSG:25832).",
    },
    "maps.explore_nothing": {
        "de": "explore() braucht mindestens eine Spalte oder ein Ergebnis zum Anzeigen.",
        "en": "explore() needs at least one column or one result to show.",
    },
    "maps.explore_missing_columns": {
        "de": "In den Daten fehlt: {missing}. Vorhandene Spalten: {columns}.",
        "en": "missing from the data: {missing}. Columns: {columns}.",
    },
    "maps.explore_result_keys": {
        "de": "Das Ergebnis {label} hat Schlüssel, die in den Daten fehlen: {keys}.",
        "en": "The result {label} has keys not in the data: {keys}.",
    },
    "maps.layer_titles": {
        "de": "Die Titel der Ebenen müssen verschieden sein; angegeben: {names}. Vergeben Sie eigene mit titles={{...}}.",
        "en": "Layer titles must be unique; got {names}. Use titles={{...}}.",
    },
    "maps.one_column": {
        "de": "Bei mehreren Tabellen geben Sie einen Spaltennamen an (einen str), keine Liste.",
        "en": "With several frames give one column name (a str), not a list.",
    },
    "maps.no_panels": {
        "de": "plot_small_multiples braucht mindestens eine Teilkarte.",
        "en": "plot_small_multiples needs at least one panel.",
    },
    "maps.titles_count": {
        "de": "{n_titles} Titel für {n_panels} Teilkarten angegeben.",
        "en": "{n_titles} titles were given for {n_panels} panels.",
    },
    "maps.file_exists": {
        "de": "{paths} gibt es schon. Wählen Sie einen anderen Namen oder ersetzen Sie mit force=True.",
        "en": "{paths} exist(s) already. Choose another name or pass force=True to replace.",
    },
    "maps.palette_k": {
        "de": "Farbpaletten haben 2 bis 9 Klassen; angegeben ist k={k}. Wählen Sie k zwischen 3 und 7.",
        "en": "Palettes have 2 to 9 classes; k={k} was given. Choose k between 3 and 7.",
    },
    "maps.breaks_labels": {
        "de": "Breaks hat {n_classes} Klassen, aber {n_labels} Beschriftungen; geben Sie eine je Klasse an.",
        "en": "Breaks has {n_classes} classes but {n_labels} labels; give one label per class.",
    },
    "maps.bounds_increasing": {
        "de": "Klassengrenzen müssen endlich und streng aufsteigend sein; angegeben: {bounds}.",
        "en": "Class bounds must be finite and strictly increasing; got {bounds}.",
    },
    "maps.source_no_column": {
        "de": "Die Spalte {column} fehlt in {source}. Spalten: {columns}.",
        "en": "{source} has no column {column}. Columns: {columns}.",
    },
    "maps.not_numeric": {
        "de": "Spalte {column} in {source} ist nicht numerisch; betroffene Werte: {values}. Stellen Sie eine Zahlenspalte dar (Anteile, Indexwert) oder verwenden Sie plot_clusters für Cluster-Codes.",
        "en": "Column {column} of {source} is not numeric; offending values: {values}. Map a numeric column (rates, index score) or use plot_clusters for cluster codes.",
    },
    "maps.k_range": {
        "de": "k (Zahl der Klassen) muss eine ganze Zahl von 2 bis 9 sein; angegeben: {k}.",
        "en": "k (number of classes) must be a whole number from 2 to 9; got {k}.",
    },
    "maps.uniform.no_data": {
        "de": "keine Daten (kein Gebiet hat einen Wert)",
        "en": "no data (no area has a value)",
    },
    "maps.uniform.constant": {
        "de": "keine Unterschiede (alle Gebiete gleich)",
        "en": "no differences (every area the same)",
    },
    "maps.uniform.label": {
        "de": "keine Unterschiede: {value}",
        "en": "no differences: {value}",
    },
    "maps.outside_shared": {
        "de": "Spalte {column} hat Werte außerhalb der gemeinsamen Klassengrenzen ({lo} bis {hi}): {values}. Berechnen Sie die gemeinsamen Grenzen aus allen Tabellen, die damit dargestellt werden.",
        "en": "Column {column} has values outside the shared class bounds ({lo} to {hi}): {values}. Compute the shared breaks from all frames that are mapped with them.",
    },
    "maps.breaks_increasing": {
        "de": "breaks müssen endlich und streng aufsteigend sein; angegeben: {breaks}.",
        "en": "breaks must be finite and strictly increasing; got {breaks}.",
    },
    "maps.user_defined_needs_breaks": {
        "de": "scheme='user_defined' braucht breaks=[...] (die oberen Klassengrenzen).",
        "en": "scheme='user_defined' needs breaks=[...] (the upper class bounds).",
    },
    "maps.too_few_values": {
        "de": "Spalte {column} hat nur {distinct} verschiedene Werte, weniger als die {k} gewünschten Klassen (Verfahren {scheme}). Wählen Sie weniger Klassen (k={k_max}), scheme='fisher_jenks' oder geben Sie die Klassengrenzen mit breaks=[...] vor.",
        "en": "Column {column} has only {distinct} distinct values, fewer than the {k} classes asked for (scheme {scheme}). Use fewer classes (k={k_max}), scheme='fisher_jenks' or give the class bounds with breaks=[...].",
    },
    "maps.scheme_collapses": {
        "de": "Spalte {column}: Das Verfahren {scheme} kann ihre {distinct} verschiedenen Werte nicht in {k} Klassen teilen (zu viele Gebiete haben denselben Wert). Verwenden Sie scheme='fisher_jenks' oder geben Sie die Klassengrenzen mit breaks=[...] vor.",
        "en": "Column {column}: the {scheme} scheme cannot split its {distinct} distinct values into {k} classes (too many districts share the same value). Use scheme='fisher_jenks' or give the class bounds with breaks=[...].",
    },
    "maps.scheme_not_distinct": {
        "de": "Spalte {column}: Das Verfahren {scheme} ergibt keine verschiedenen Klassen (Grenzen {bounds}), weil viele Gebiete denselben Wert haben. Verwenden Sie weniger Klassen als k={k}, scheme='fisher_jenks' oder breaks=[...].",
        "en": "Column {column}: the {scheme} scheme gives classes that are not distinct (bounds {bounds}) because many districts share the same value. Use fewer classes than k={k}, scheme='fisher_jenks' or breaks=[...].",
    },
    "maps.shared_needs_frame": {
        "de": "shared_breaks braucht mindestens eine Tabelle.",
        "en": "shared_breaks needs at least one frame.",
    },
}
