"""User-facing texts: harmonise (boundary crosswalks, areal interpolation)."""

TEXTS: dict[str, dict[str, str]] = {
    "crosswalk.type": {
        "de": "{role} muss ein GeoDataFrame mit Flächen sein, übergeben wurde {given}. Grenzen mit sr.read_boundaries(...) laden.",
        "en": "{role} must be a GeoDataFrame of polygons, a {given} was given. Load boundaries with sr.read_boundaries(...).",
    },
    "crosswalk.no_crs": {
        "de": "{role} hat kein Koordinatenbezugssystem (CRS). Mit .set_crs('EPSG:25832') das CRS angeben, in dem die Koordinaten vorliegen.",
        "en": "{role} has no coordinate reference system (CRS). State the CRS the coordinates are in with .set_crs('EPSG:25832').",
    },
    "crosswalk.crs_not_projected": {
        "de": "{role} liegt im CRS {name!r} vor, das nicht projiziert ist (Grad). Flächenanteile brauchen ein projiziertes CRS in Metern: .to_crs('EPSG:25832') (östlich von 12° O 25833).",
        "en": "{role} is in the CRS {name!r}, which is not projected (degrees). Area shares need a projected CRS in metres: .to_crs('EPSG:25832') (east of 12°E 25833).",
    },
    "crosswalk.crs_differ": {
        "de": "{a} und {b} liegen in verschiedenen Koordinatensystemen ({crs_a} und {crs_b}). Beide in dasselbe projizieren, z. B. {b}.to_crs({epsg!r}).",
        "en": "{a} and {b} are in different coordinate reference systems ({crs_a} and {crs_b}). Project both into the same one, e.g. {b}.to_crs({epsg!r}).",
    },
    "crosswalk.missing_keys": {
        "de": "{role} hat {n} Zeilen ohne Schlüssel im Index. Jede Fläche braucht ihren Schlüssel (z. B. SR_NR) als Index.",
        "en": "{role} has {n} rows without a key in the index. Every area needs its key (e.g. SR_NR) as the index.",
    },
    "crosswalk.duplicate_keys": {
        "de": "{role} hat {n} doppelte Schlüssel im Index: {keys}. Jede Fläche braucht einen eindeutigen Schlüssel; Teilflächen vorher mit .dissolve() zusammenfassen.",
        "en": "{role} has {n} duplicate keys in the index: {keys}. Every area needs a unique key; combine parts first with .dissolve().",
    },
    "crosswalk.not_polygons": {
        "de": "{role} hat {n} leere oder nicht flächenhafte Geometrien: {keys}. Nur Polygone und Multipolygone lassen sich verschneiden.",
        "en": "{role} has {n} empty or non-polygonal geometries: {keys}. Only polygons and multipolygons can be intersected.",
    },
    "crosswalk.weight_column_choose": {
        "de": "Die Gewichtungsebene hat {n} Zahlenspalten ({columns}). Die Spalte mit der Einwohnerzahl mit weight_column='...' angeben.",
        "en": "The weights layer has {n} numeric columns ({columns}). Name the population column with weight_column='...'.",
    },
    "crosswalk.weight_column_missing": {
        "de": "Die Gewichtungsebene hat keine Spalte {column!r}. Zahlenspalten: {available}.",
        "en": "The weights layer has no column {column!r}. Numeric columns: {available}.",
    },
    "crosswalk.weight_values": {
        "de": "Die Spalte {column!r} der Gewichtungsebene hat {n} fehlende oder negative Werte (Zeilen {rows}). Gewichte müssen Anzahlen >= 0 sein.",
        "en": "The column {column!r} of the weights layer has {n} missing or negative values (rows {rows}). Weights must be counts >= 0.",
    },
    "crosswalk.weight_geometry": {
        "de": "Die Gewichtungsebene hat {n} Geometrien, die weder Punkte noch Flächen sind (Zeilen {rows}).",
        "en": "The weights layer has {n} geometries that are neither points nor polygons (rows {rows}).",
    },
    "crosswalk.missing_columns": {
        "de": "Die Quellflächen haben keine Spalte {columns}. Vorhanden: {available}.",
        "en": "The source areas have no column {columns}. Available: {available}.",
    },
    "crosswalk.no_columns": {
        "de": "Keine Spalte zum Übertragen angegeben: extensive=[...] (Anzahlen) oder intensive=[...] (Quoten, Mittelwerte) nennen.",
        "en": "No column to interpolate: name extensive=[...] (counts) or intensive=[...] (rates, means).",
    },
    "crosswalk.not_numeric": {
        "de": "Die Spalte {column!r} ist keine Zahlenspalte (Typ {dtype}); nur Zahlen lassen sich auf andere Flächen übertragen.",
        "en": "The column {column!r} is not numeric (dtype {dtype}); only numbers can be interpolated onto other areas.",
    },
    "crosswalk.partly_covered": {
        "de": "{n} Quellflächen liegen zum Teil außerhalb der Zielflächen (Abdeckung ab {share:.1%}): {keys}. Ihr ganzer Wert geht an die Zielflächen, die sie berühren.",
        "en": "{n} source areas lie partly outside the target areas (covered from {share:.1%}): {keys}. Their whole value goes to the target areas they overlap.",
    },
}
