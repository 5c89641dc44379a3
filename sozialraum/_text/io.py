"""User-facing texts: Loading and joining: missing-value reasons, join reports."""

TEXTS: dict[str, dict[str, str]] = {
    "html.yes": {"de": "ja", "en": "yes"},
    "html.load.file": {"de": "Datei", "en": "file"},
    "html.load.kind": {"de": "Art", "en": "kind"},
    "html.load.kind_boundaries": {"de": "Gebietsgrenzen", "en": "boundaries"},
    "html.load.kind_table": {"de": "Tabelle", "en": "table"},
    "html.load.kind_grid": {"de": "Gittertabelle (Zensus)", "en": "grid table (Zensus)"},
    "html.load.key": {"de": "Schlüssel", "en": "key"},
    "html.load.rows": {"de": "Zeilen", "en": "rows"},
    "html.load.layer": {"de": "Ebene (Layer)", "en": "layer"},
    "html.load.sheet": {"de": "Tabellenblatt", "en": "sheet"},
    "html.load.crs": {"de": "Koordinatensystem", "en": "CRS"},
    "html.load.encoding": {"de": "Kodierung", "en": "encoding"},
    "html.load.sep": {"de": "Trennzeichen", "en": "separator"},
    "html.load.decimal": {"de": "Dezimalzeichen", "en": "decimal mark"},
    "html.load.thousands": {"de": "Tausendertrennzeichen", "en": "thousands separator"},
    "html.load.layout": {"de": "Format (wide/long)", "en": "layout (wide/long)"},
    "html.load.stichtage": {"de": "Stichtage", "en": "reference dates"},
    "html.load.key_from_numbers": {
        "de": "Schlüssel waren Zahlen (führende Nullen prüfen)",
        "en": "keys were numbers (check leading zeros)",
    },
    "html.load.repaired": {"de": "reparierte Geometrien", "en": "repaired geometries"},
    "html.load.markers": {"de": "Kennzeichen in {column}", "en": "markers in {column}"},
    "html.load.note": {"de": "Hinweis", "en": "note"},
    "reason.secret": {
        "de": "keine Angabe (Geheimhaltung)",
        "en": "not published (confidentiality)",
    },
    "reason.suppressed": {
        "de": "keine Angabe (Geheimhaltung)",
        "en": "not published (confidentiality)",
    },
    "reason.suppressed_secondary": {
        "de": "keine Angabe (Geheimhaltung)",
        "en": "not published (confidentiality)",
    },
    "reason.below_population": {
        "de": "keine Angabe (zu wenige Einwohner)",
        "en": "not shown (too few inhabitants)",
    },
    "reason.not_meaningful": {"de": "Nachweis nicht sinnvoll", "en": "not meaningful"},
    "reason.not_available": {"de": "Angabe fällt später an", "en": "not yet available"},
    "reason.not_delivered": {"de": "keine Daten geliefert", "en": "no data delivered"},
    "reason.true_zero": {"de": "genau null", "en": "exactly zero"},
    "join.summary": {
        "de": "Verknüpfung über {key}: {n_boundaries} Gebiete, {n_table} Tabellenzeilen, {n_matched} verknüpft.",
        "en": "Join on {key}: {n_boundaries} districts, {n_table} table rows, {n_matched} joined.",
    },
    "join.only_boundaries": {
        "de": "{n} Gebiete ohne Zeile in der Tabelle (Werte fehlen, Grund: keine Daten geliefert): {keys}",
        "en": "{n} districts without a table row (values missing, reason: no data delivered): {keys}",
    },
    "join.only_table": {
        "de": "{n} Schlüssel nur in der Tabelle (ohne Geometrie, nicht übernommen): {keys}",
        "en": "{n} keys only in the table (no geometry, not added): {keys}",
    },
    "join.near": {
        "de": "{n} Schlüssel passen erst nach Normalisierung und wurden NICHT verknüpft: {pairs}",
        "en": "{n} keys match only after normalising and were NOT joined: {pairs}",
    },
    "join.normalized": {
        "de": "{n} Tabellenschlüssel normalisiert ({how}): {pairs}",
        "en": "{n} table keys normalised ({how}): {pairs}",
    },
    "join.shared": {
        "de": "Spalten in beiden Eingaben mit gleichen Werten, einmal übernommen: {columns}",
        "en": "Columns in both inputs with equal values, taken once: {columns}",
    },
    "join.suffixed": {
        "de": "Spalten in beiden Eingaben mit verschiedenen Werten, umbenannt: {columns}",
        "en": "Columns in both inputs with different values, renamed: {columns}",
    },
    "join.complete": {"de": "Alle Schlüssel passen.", "en": "All keys match."},
    "join.hint.leading_zeros": {
        "de": "Die Schlüssel der Tabelle sehen aus wie Zahlen, die ihre führenden Nullen verloren haben: als Text einlesen (read_table tut das) oder key_width={width} (bzw. normalize_keys=True) angeben.",
        "en": "The table's keys look like numbers that lost their leading zeros: read them as text (read_table does) or pass key_width={width} (or normalize_keys=True).",
    },
    "join.hint.leading_zeros_boundaries": {
        "de": "Die Schlüssel der Grenzen sehen aus wie Zahlen, die ihre führenden Nullen verloren haben (z. B. eine Ganzzahlspalte in der Datenbank): als Text einlesen oder key_width={width} angeben (füllt beide Seiten auf).",
        "en": "The boundaries' keys look like numbers that lost their leading zeros (e.g. an integer column in the database): read them as text or pass key_width={width} (pads both sides).",
    },
    "join.boundary_keys_collide": {
        "de": "Nach der Normalisierung ({how}) fallen Schlüssel der Grenzen zusammen: {keys} werden zum selben Schlüssel. Bitte die Schlüssel der Grenzen vor dem Verknüpfen bereinigen.",
        "en": "After normalising ({how}) boundary keys collide: {keys} become the same key. Clean up the boundaries' keys before joining.",
    },
    "join.positional_index.boundaries": {
        "de": "Die Grenzen haben einen fortlaufenden RangeIndex (0, 1, 2, …) statt der Gebietsschlüssel (so liefert sie z. B. geopandas.read_postgis); so passt kein Schlüssel. Über die Schlüsselspalte verknüpfen: on={on} (oder vorher .set_index({on})).",
        "en": "The boundaries have a RangeIndex (0, 1, 2, ...) instead of the district keys (as geopandas.read_postgis returns them); no key can match. Join on the key column: on={on} (or .set_index({on}) first).",
    },
    "join.positional_index.table": {
        "de": "Die Tabelle hat einen fortlaufenden RangeIndex (0, 1, 2, …) statt der Gebietsschlüssel; so passt kein Schlüssel. Über die Schlüsselspalte verknüpfen: on={on} (oder vorher .set_index({on}); read_table(..., key=...) macht den Schlüssel zum Index).",
        "en": "The table has a RangeIndex (0, 1, 2, ...) instead of the district keys; no key can match. Join on the key column: on={on} (or .set_index({on}) first; read_table(..., key=...) makes the key the index).",
    },
    "join.hint.number_format": {
        "de": "Die Schlüssel der Tabelle sehen aus wie Dezimalzahlen ('101.0'): die Schlüsselspalte als Text einlesen oder normalize_keys=True angeben.",
        "en": "The table's keys look like decimal numbers ('101.0'): read the key column as text or pass normalize_keys=True.",
    },
    "join.hint.whitespace": {
        "de": "Schlüssel unterscheiden sich nur durch Leerzeichen: normalize_keys=True entfernt sie.",
        "en": "Keys differ only by spaces: normalize_keys=True strips them.",
    },

    # ------------------------------------------------------------------ errors: shared parts
    "io.and_more": {"de": "{shown} und {n} weitere", "en": "{shown} and {n} more"},
    "io.place_line": {"de": "Zeile {n}", "en": "line {n}"},
    "io.place_row": {"de": "Zeile {n}", "en": "row {n}"},
    "io.place_feature": {"de": "Objekt {n}", "en": "feature {n}"},
    "io.hint_did_you_mean": {"de": " Meinten Sie {hint}?", "en": " Did you mean {hint}?"},
    "io.column_kind_key": {"de": "Schlüsselspalte", "en": "key column"},
    "io.column_kind_text": {"de": "Textspalte", "en": "text column"},
    "io.column_kind_merkmal": {"de": "Merkmalsspalte", "en": "Merkmal column"},
    "io.column_kind_value": {"de": "Wertespalte", "en": "value column"},
    "io.key_at": {"de": "{key} ({rows})", "en": "{key} ({rows})"},
    # ------------------------------------------------------------------ errors: files and keys
    "io.file_not_found": {
        "de": "Die Datei '{path}' existiert nicht.{hint} Bitte den Pfad prüfen (relative Pfade beginnen in '{cwd}').",
        "en": "The file '{path}' does not exist.{hint} Check the path (relative paths start in '{cwd}').",
    },
    "io.path_is_folder": {
        "de": "'{path}' ist ein Ordner, keine Datei. Bitte den Pfad der Datei selbst angeben.",
        "en": "'{path}' is a folder, not a file. Give the path of the file itself.",
    },
    "io.missing_column": {
        "de": "'{path}' hat keine {what} {column!r}.{hint} Spalten in der Datei: {columns}. Den richtigen Namen mit {argument}=... angeben.",
        "en": "'{path}' has no {what} {column!r}.{hint} Columns in the file: {columns}. Pass the right name with {argument}=...",
    },
    "io.keys_blank": {
        "de": "'{path}', Spalte {column!r}: {n} Zeilen haben keinen Schlüssel: {rows}. Jeder Sozialraum braucht einen Schlüssel; bitte ergänzen oder die Zeilen entfernen.",
        "en": "'{path}', column {column!r}: {n} rows have no key: {rows}. Every district needs a key; fill them in or remove the rows.",
    },
    "io.keys_duplicate": {
        "de": "'{path}', Spalte {column!r}: {n} Schlüssel kommen mehrfach vor: {keys}. Schlüssel müssen eindeutig sein; bitte die doppelten Zeilen entfernen oder die richtige Schlüsselspalte wählen.",
        "en": "'{path}', column {column!r}: {n} keys occur more than once: {keys}. Keys must be unique; remove the duplicate rows or choose the right key column.",
    },
    # ------------------------------------------------------------------ errors: boundaries
    "io.vector_unreadable": {
        "de": "'{path}' lässt sich nicht als Geodatei lesen ({error}: {detail}). Unterstützt werden GeoPackage, Shapefile, GeoJSON, FlatGeobuf und andere GDAL-Formate.",
        "en": "'{path}' cannot be read as a vector file ({error}: {detail}). Supported are GeoPackage, Shapefile, GeoJSON, FlatGeobuf and other GDAL formats.",
    },
    "io.no_layers": {
        "de": "'{path}' enthält keine Layer: die Datei ist leer.",
        "en": "'{path}' contains no layers: the file is empty.",
    },
    "io.layer_choose": {
        "de": "'{path}' hat {n} Layer: {layers}. Bitte einen mit layer=... wählen.",
        "en": "'{path}' has {n} layers: {layers}. Choose one with layer=...",
    },
    "io.layer_position": {
        "de": "'{path}' hat {n} Layer (0 bis {last}); angegeben ist layer={layer}. Layer: {layers}.",
        "en": "'{path}' has {n} layers (0 to {last}); layer={layer} was given. Layers: {layers}.",
    },
    "io.layer_unknown": {
        "de": "'{path}' hat keinen Layer {layer!r}.{hint} Layer: {layers}.",
        "en": "'{path}' has no layer {layer!r}.{hint} Layers: {layers}.",
    },
    "io.layer_unreadable": {
        "de": "'{path}' (Layer {layer!r}) lässt sich nicht lesen: {error}: {detail}",
        "en": "'{path}' (layer {layer!r}) cannot be read: {error}: {detail}",
    },
    "io.layer_no_geometry": {
        "de": "'{path}' (Layer {layer!r}) hat keine Geometriespalte: es ist eine Tabelle.",
        "en": "'{path}' (layer {layer!r}) has no geometry column: it is a table.",
    },
    "io.layer_empty": {
        "de": "'{path}' (Layer {layer!r}) enthält keine Objekte: die Datei ist leer.",
        "en": "'{path}' (layer {layer!r}) has no features: the file is empty.",
    },
    "io.crs_conflict": {
        "de": "'{path}' liegt in {crs} vor, angegeben ist aber crs={declared!r}. crs= legt nur für Dateien ohne Koordinatenbezugssystem eines fest. Zum Umprojizieren ohne crs= laden und .to_crs({target!r}) aufrufen.",
        "en": "'{path}' is in {crs}, but crs={declared!r} was given. crs= only declares a CRS for files without one. To reproject, load without crs= and call .to_crs({target!r}).",
    },
    "io.crs_missing": {
        "de": "'{path}' hat kein Koordinatenbezugssystem (CRS). Beim Laden mit read_boundaries(..., crs='EPSG:25832') oder an einem GeoDataFrame mit gdf.set_crs('EPSG:25832') festlegen (das CRS, mit dem Ihre GIS-Stelle arbeitet; in Deutschland meist ETRS89 / UTM: EPSG:25832 oder EPSG:25833).",
        "en": "'{path}' has no coordinate reference system (CRS). Declare it when loading with read_boundaries(..., crs='EPSG:25832') or on a GeoDataFrame with gdf.set_crs('EPSG:25832') (use the CRS your GIS department works in; in Germany usually ETRS89 / UTM: EPSG:25832 or EPSG:25833).",
    },
    "io.crs_degrees_but_metres": {
        "de": "'{path}' gibt als CRS {crs} an (Länge/Breite in Grad), die Koordinaten reichen aber bis {x:.0f}, {y:.0f}: es sind projizierte Meter. Das tatsächliche CRS mit crs='EPSG:25832' (oder dem Ihres GIS) festlegen.",
        "en": "'{path}' says its CRS is {crs} (longitude/latitude in degrees), but the coordinates reach {x:.0f}, {y:.0f}: they are projected metres. Declare the real CRS with crs='EPSG:25832' (or the one your GIS uses).",
    },
    "io.crs_geographic": {
        "de": "'{path}' liegt im geographischen CRS {crs} (Grad) vor. Flächen, Entfernungen und Nachbarschaften brauchen ein projiziertes CRS in Metern. Mit read_boundaries(..., reproject=True) laden (umprojiziert nach EPSG:25832 = ETRS89 / UTM 32N, östlich von 12° O nach EPSG:25833) oder im GIS umprojizieren. Nur für die Anzeige: allow_geographic=True angeben.",
        "en": "'{path}' is in the geographic CRS {crs} (degrees). Areas, distances and neighbourhoods need a projected CRS in metres. Load it with read_boundaries(..., reproject=True) (reprojected to EPSG:25832 = ETRS89 / UTM 32N, east of 12° E to EPSG:25833) or reproject it in your GIS. For display only, pass allow_geographic=True.",
    },
    "io.crs_metres_but_degrees": {
        "de": "'{path}' gibt als CRS {crs} an (Meter), alle Koordinaten liegen aber zwischen {x0:.4f}, {y0:.4f} und {x1:.4f}, {y1:.4f}: sie sehen aus wie Länge/Breite in Grad. Die Datei ohne crs= laden und das tatsächliche CRS im GIS festlegen (EPSG:4326 für Grad), dann nach EPSG:25832 umprojizieren: gdf.set_crs(4326, allow_override=True).to_crs(25832).",
        "en": "'{path}' says its CRS is {crs} (metres), but all coordinates lie between {x0:.4f}, {y0:.4f} and {x1:.4f}, {y1:.4f}: they look like longitude/latitude in degrees. Load the file with crs= left out and declare the real CRS in your GIS (EPSG:4326 for degrees), then reproject to EPSG:25832: gdf.set_crs(4326, allow_override=True).to_crs(25832).",
    },
    "io.crs_eastings": {
        "de": "'{path}' liegt in {crs} vor, die x-Koordinaten ({xmin:.0f} bis {xmax:.0f}) passen aber nicht zu diesem CRS (erwartet etwa {low:.0f} bis {high:.0f}). {fix}",
        "en": "'{path}' is in {crs}, but its x coordinates ({xmin:.0f} to {xmax:.0f}) do not fit that CRS (expected roughly {low:.0f} to {high:.0f}). {fix}",
    },
    "io.crs_fix_zone_prefix": {
        "de": "Die Rechtswerte tragen die Zonennummer {zone} als Präfix ({x:.0f}). Entweder im GIS {offset} von jeder x-Koordinate abziehen oder das CRS mit Zonenpräfix festlegen (EPSG:4647 für Zone 32, EPSG:5650 für Zone 33) und umprojizieren: gdf.set_crs(4647, allow_override=True).to_crs(25832).",
        "en": "The eastings carry the zone number {zone} as a prefix ({x:.0f}). Either subtract {offset} from every x coordinate in your GIS, or declare the zone-prefixed CRS (EPSG:4647 for zone 32, EPSG:5650 for zone 33) and reproject: gdf.set_crs(4647, allow_override=True).to_crs(25832).",
    },
    "io.crs_fix_gauss_krueger": {
        "de": "x = {x:.0f} sieht aus wie Gauß-Krüger (Zone {zone}, EPSG:{epsg}). Dieses CRS festlegen und umprojizieren: gdf.set_crs({epsg}, allow_override=True).to_crs(25832).",
        "en": "x = {x:.0f} looks like Gauss-Krüger (zone {zone}, EPSG:{epsg}). Declare that CRS and reproject: gdf.set_crs({epsg}, allow_override=True).to_crs(25832).",
    },
    "io.crs_fix_unknown": {
        "de": "Bitte prüfen, in welchem CRS die Koordinaten wirklich vorliegen, und dieses festlegen.",
        "en": "Check which CRS the coordinates are really in and declare it.",
    },
    "io.geometry_empty": {
        "de": "'{path}': {n} Sozialräume haben keine Geometrie (leer oder null): {keys}. Bitte im GIS zeichnen oder die Zeilen entfernen.",
        "en": "'{path}': {n} districts have no geometry (null or empty): {keys}. Draw them in your GIS or remove the rows.",
    },
    "io.geometry_not_polygon": {
        "de": "'{path}': {n} Geometrien sind keine Flächen ({kinds}): Schlüssel {keys}. Sozialräume müssen Flächen sein (Polygon oder MultiPolygon); wurde ein Layer mit Punkten oder Linien geladen? Den Flächen-Layer mit layer=... wählen.",
        "en": "'{path}': {n} geometries are not polygons ({kinds}): keys {keys}. Districts must be areas (Polygon or MultiPolygon); did you load a layer of points or lines? Choose the polygon layer with layer=...",
    },
    "io.geometry_invalid": {
        "de": "'{path}': {n} Geometrien sind ungültig: {problems}. Mit repair=True (Voreinstellung) laden, um sie mit shapely.make_valid zu reparieren, oder im GIS korrigieren.",
        "en": "'{path}': {n} geometries are invalid: {problems}. Load with repair=True (the default) to repair them with shapely.make_valid, or fix them in your GIS.",
    },
    "io.geometry_unrepairable": {
        "de": "'{path}': die Geometrie von {key!r} ist ungültig ({reason}) und hat nach der Reparatur keine Fläche mehr. Bitte im GIS korrigieren.",
        "en": "'{path}': the geometry of {key!r} is invalid ({reason}) and has no area left after repair. Fix it in your GIS.",
    },
    # ------------------------------------------------------------------ errors: tables
    "io.sep_tab": {"de": "Tabulator", "en": "tab"},
    "io.label_column": {"de": "Spalte {column!r}", "en": "column {column!r}"},
    "io.label_column_merkmal": {
        "de": "Spalte {column!r} (Merkmal {merkmal!r})",
        "en": "column {column!r} (Merkmal {merkmal!r})",
    },
    "io.read_thousands": {
        "de": " und Tausendertrennzeichen {thousands!r}",
        "en": " and thousands {thousands!r}",
    },
    "io.csv_encoding": {
        "de": "'{path}' lässt sich nicht als {encoding!r} lesen: {detail}. Versuchen Sie encoding='utf-8-sig' oder 'cp1252' (Excel unter Windows).",
        "en": "'{path}' cannot be decoded as {encoding!r}: {detail}. Try encoding='utf-8-sig' or 'cp1252' (Excel on Windows).",
    },
    "io.csv_not_text": {
        "de": "'{path}' ist weder UTF-8- noch cp1252-Text (Windows): {detail}. Ist es eine CSV-Datei? Die Zeichenkodierung mit encoding=... angeben.",
        "en": "'{path}' is neither UTF-8 nor cp1252 (Windows) text: {detail}. Is it a CSV file? Declare the encoding with encoding=...",
    },
    "io.csv_empty": {
        "de": "'{path}' ist leer: keine Kopfzeile, keine Daten.",
        "en": "'{path}' is empty: no header, no data.",
    },
    "io.csv_too_many_fields": {
        "de": "'{path}', {line} hat {n} Felder, die Kopfzeile {n_header} (Trennzeichen {sep}). Ist ein Wert falsch in Anführungszeichen gesetzt oder ist das Trennzeichen ein anderes? Es mit sep=... angeben.",
        "en": "'{path}', {line} has {n} fields, the header has {n_header} (separator {sep}). Is a value quoted wrongly, or is the separator different? Declare it with sep=...",
    },
    "io.csv_too_few_fields": {
        "de": "'{path}', {line} hat {n} Felder, die Kopfzeile {n_header} (Trennzeichen {sep}). Die Zeile vervollständigen oder das Trennzeichen mit sep=... angeben.",
        "en": "'{path}', {line} has {n} fields, the header has {n_header} (separator {sep}). Complete the row or declare the separator with sep=...",
    },
    "io.xlsx_unreadable": {
        "de": "'{path}' lässt sich nicht als Excel-Arbeitsmappe (.xlsx) lesen: {error}: {detail}",
        "en": "'{path}' cannot be read as an Excel workbook (.xlsx): {error}: {detail}",
    },
    "io.sheet_choose": {
        "de": "'{path}' hat {n} Tabellenblätter: {sheets}. Bitte eines mit sheet=... wählen (Name oder Position ab 0).",
        "en": "'{path}' has {n} sheets: {sheets}. Choose one with sheet=... (name or position from 0).",
    },
    "io.sheet_position": {
        "de": "'{path}' hat {n} Tabellenblätter (0 bis {last}); angegeben ist sheet={sheet}. Tabellenblätter: {sheets}.",
        "en": "'{path}' has {n} sheets (0 to {last}); sheet={sheet} was given. Sheets: {sheets}.",
    },
    "io.sheet_unknown": {
        "de": "'{path}' hat kein Tabellenblatt {sheet!r}.{hint} Tabellenblätter: {sheets}.",
        "en": "'{path}' has no sheet {sheet!r}.{hint} Sheets: {sheets}.",
    },
    "io.sheet_empty": {
        "de": "'{path}', Tabellenblatt {sheet!r} ist leer: keine Kopfzeile, keine Daten.",
        "en": "'{path}', sheet {sheet!r} is empty: no header, no data.",
    },
    "io.stichtag_cells": {
        "de": "'{path}', Spalte {column!r}: {n} Zellen sind kein Datum: {cells}. Bitte als '31.12.2024', '2024-12-31' oder als Jahr schreiben.",
        "en": "'{path}', column {column!r}: {n} cells are not dates: {cells}. Write them as '31.12.2024', '2024-12-31' or a year.",
    },
    "io.bad_values": {
        "de": "'{path}', {label}: {n} Zellen sind weder Zahlen noch Zeichen der Statistikstelle: {cells}. Gelesen mit Dezimaltrennzeichen {decimal!r}{thousands}. Die Zellen korrigieren, sie mit na_values=[...] als fehlend erklären oder die Spalte mit text_columns=[{column!r}] als Text behalten.",
        "en": "'{path}', {label}: {n} cells are neither numbers nor statistics-office markers: {cells}. Read with decimal {decimal!r}{thousands}. Fix the cells, declare them missing with na_values=[...], or keep the column as text with text_columns=[{column!r}].",
    },
    "io.decimal_mixed": {
        "de": "'{path}' mischt Dezimalkommas und Dezimalpunkte: {comma!r} in Spalte {comma_column!r}, {point!r} in Spalte {point_column!r}. Das Trennzeichen mit decimal=',' oder decimal='.' angeben (und die übrigen Zellen korrigieren).",
        "en": "'{path}' mixes decimal commas and decimal points: {comma!r} in column {comma_column!r}, {point!r} in column {point_column!r}. Declare the separator with decimal=',' or decimal='.' (and fix the other cells).",
    },
    "io.decimal_ambiguous": {
        "de": "'{path}': Werte wie {value!r} (Spalte {column!r}) lassen sich mit Tausendertrennzeichen oder mit Nachkommastellen lesen. Bitte angeben: decimal=',' (dann trennt '.' die Tausender) oder decimal='.' (dann trennt ',' die Tausender).",
        "en": "'{path}': values like {value!r} (column {column!r}) can be read as a thousands separator or as decimals. Declare it: decimal=',' (then '.' separates thousands) or decimal='.' (then ',' separates thousands).",
    },
    "io.xls_old": {
        "de": "'{path}' ist eine alte Excel-Datei (.xls). Bitte als .xlsx (Excel: Speichern unter > Excel-Arbeitsmappe) oder als CSV speichern.",
        "en": "'{path}' is an old Excel file (.xls). Save it as .xlsx (Excel: Save as > Excel workbook) or as CSV.",
    },
    "io.table_format": {
        "de": "'{path}': unbekanntes Tabellenformat {suffix!r}. Unterstützt: .csv, .txt, .tsv, .xlsx.",
        "en": "'{path}': unknown table format {suffix!r}. Supported: .csv, .txt, .tsv, .xlsx.",
    },
    "io.header_duplicate": {
        "de": "'{path}': die Kopfzeile nennt Spalten mehrfach: {columns}. Bitte so umbenennen, dass jede Spalte einen eigenen Namen hat.",
        "en": "'{path}': the header names columns more than once: {columns}. Rename them so every column has its own name.",
    },
    "io.no_rows": {
        "de": "'{path}' hat eine Kopfzeile ({columns}), aber keine Datenzeilen.",
        "en": "'{path}' has a header ({columns}) but no data rows.",
    },
    "io.long_columns": {
        "de": "'{path}': layout='long' braucht eine Merkmalsspalte und eine Wertespalte; keine {missing} gefunden unter {columns}. Sie mit variable=... und value=... benennen.",
        "en": "'{path}': layout='long' needs a Merkmal column and a value column; no {missing} found among {columns}. Name them with variable=... and value=...",
    },
    "io.long_no_merkmal": {
        "de": "'{path}', Spalte {column!r}: {n} Zeilen nennen kein Merkmal: {rows}. Bitte ergänzen oder die Zeilen entfernen.",
        "en": "'{path}', column {column!r}: {n} rows name no Merkmal: {rows}. Fill them in or remove the rows.",
    },
    "io.long_duplicate": {
        "de": "{key}, {merkmal} ({first} und {second})",
        "en": "{key}, {merkmal} ({first} and {second})",
    },
    "io.long_duplicate_at": {
        "de": "{key} am {day:%d.%m.%Y}, {merkmal} ({first} und {second})",
        "en": "{key} at {day:%d.%m.%Y}, {merkmal} ({first} and {second})",
    },
    "io.long_duplicates": {
        "de": "'{path}': {n} Zeilen wiederholen eine Kombination aus Schlüssel und Merkmal: {rows}. Jede Kombination darf nur einmal vorkommen; bitte die doppelten Zeilen entfernen.",
        "en": "'{path}': {n} rows repeat a key and Merkmal combination: {rows}. Each combination must occur once; remove the duplicate rows.",
    },
    "io.long_duplicates_stichtag": {
        "de": "'{path}': {n} Zeilen wiederholen eine Kombination aus Schlüssel, Stichtag und Merkmal: {rows}. Jede Kombination darf nur einmal vorkommen; bitte die doppelten Zeilen entfernen.",
        "en": "'{path}': {n} rows repeat a key, Stichtag and Merkmal combination: {rows}. Each combination must occur once; remove the duplicate rows.",
    },
    "io.stichtag_all_without_column": {
        "de": "'{path}' hat keine Stichtagsspalte, stichtag='all' hat also nichts auszuwählen. Stattdessen den Stichtag der Tabelle angeben, z. B. stichtag='31.12.2024'.",
        "en": "'{path}' has no Stichtag column, so stichtag='all' has nothing to select. Give the Stichtag of the table instead, e.g. stichtag='31.12.2024'.",
    },
    "io.stichtag_not_in_file": {
        "de": "'{path}' hat keine Daten zum Stichtag {day:%d.%m.%Y}. Stichtage in der Datei: {stichtage}.",
        "en": "'{path}' has no data for the Stichtag {day:%d.%m.%Y}. Stichtage in the file: {stichtage}.",
    },
    # ------------------------------------------------------------------ errors: join
    "join.side_boundaries": {"de": "Der Gebietsdatensatz", "en": "boundaries"},
    "join.side_table": {"de": "Die Tabelle", "en": "table"},
    "join.the_index": {"de": "den Index", "en": "'the index'"},
    "join.unmatched_boundaries": {
        "de": "{n} Sozialräume haben keine Zeile in der Tabelle: {keys}",
        "en": "{n} districts have no row in the table: {keys}",
    },
    "join.unmatched_table": {
        "de": "{n} Tabellenschlüssel haben keinen Sozialraum: {keys}",
        "en": "{n} table keys have no district: {keys}",
    },
    "join.unmatched": {
        "de": "Verknüpfung über {key}: {parts}.{hint}",
        "en": "Join on {key}: {parts}.{hint}",
    },
    "join.multiindex": {
        "de": "{side} hat einen MultiIndex ({levels}); die Verknüpfung braucht genau einen Schlüssel je Sozialraum. Bitte zuerst einen Stichtag auswählen, z. B. read_table(..., stichtag='31.12.2024').",
        "en": "The {side} has a MultiIndex ({levels}); join needs one key per district. Select one Stichtag first, e.g. read_table(..., stichtag='31.12.2024').",
    },
    "join.keys_missing": {
        "de": "{side} hat {n} Zeilen ohne Schlüssel (Zeile {rows}). Jeder Sozialraum braucht einen Schlüssel.",
        "en": "The {side} has {n} rows without a key (row {rows}). Every district needs a key.",
    },
    "join.keys_duplicate": {
        "de": "{side} enthält {n} Schlüssel mehrfach: {keys}. Schlüssel müssen eindeutig sein; bitte die Dubletten vor dem Verknüpfen entfernen (oder einen Stichtag auswählen).",
        "en": "The {side} has {n} keys more than once: {keys}. Keys must be unique; remove the duplicates (or select one Stichtag) before joining.",
    },
    "join.missing_column": {
        "de": "{side} hat keine Spalte {column!r}. Spalten: {columns}.",
        "en": "The {side} has no column {column!r}. Columns: {columns}.",
    },
    "join.boundaries_type": {
        "de": "boundaries muss ein GeoDataFrame sein (aus read_boundaries); angegeben ist {given}.",
        "en": "boundaries must be a GeoDataFrame (from read_boundaries); {given} was given.",
    },
    "join.table_type": {
        "de": "table muss ein DataFrame sein (aus read_table); angegeben ist {given}.",
        "en": "table must be a DataFrame (from read_table); {given} was given.",
    },
    "join.key_width": {
        "de": "key_width muss eine positive ganze Zahl sein; angegeben ist {given}.",
        "en": "key_width must be a positive whole number; {given} was given.",
    },
    "join.keys_collide": {
        "de": "Nach der Normalisierung ({how}) fallen Tabellenschlüssel zusammen: {keys} werden zum selben Schlüssel. Bitte die Schlüssel der Tabelle vor dem Verknüpfen bereinigen.",
        "en": "After normalising ({how}) table keys collide: {keys} become the same key. Clean up the table's keys before joining.",
    },
    "join.column_example": {
        "de": "{column} (z. B. {key}: {left} gegenüber {right})",
        "en": "{column} (e.g. {key}: {left} vs {right})",
    },
    "join.examples": {"de": "; {examples}", "en": "; {examples}"},
    "join.columns_differ": {
        "de": "Spalten gibt es im Gebietsdatensatz und in der Tabelle mit verschiedenen Werten: {columns}{examples}. Vor dem Verknüpfen eine davon entfernen oder suffixes=('', '_tabelle') angeben.",
        "en": "Columns exist in both the boundaries and the table with different values: {columns}{examples}. Drop one of them before joining or pass suffixes=('', '_tabelle').",
    },
    # ------------------------------------------------------------------ errors: datasets
    "datasets.file_missing": {
        "de": "Die Demodatei {name!r} fehlt in der Installation ({path}). Bitte sozialraum neu installieren oder die Datei mit 'python boundaries/generate.py --force' neu erzeugen.",
        "en": "The demo file {name!r} is missing from the installation ({path}). Reinstall sozialraum, or regenerate it with 'python boundaries/generate.py --force'.",
    },
    "datasets.stichtag": {
        "de": "Für die Demostadt gibt es keine Statistik zum {day:%d.%m.%Y}. Stichtage: {stichtage}.",
        "en": "The demo city has no statistics for {day:%d.%m.%Y}. Stichtage: {stichtage}.",
    },
    "io.postgis_missing": {
        "de": "Für PostGIS fehlen Pakete. Installieren Sie sie mit: pip install \"sozialraum[postgis]\"",
        "en": "PostGIS needs extra packages. Install them with: pip install \"sozialraum[postgis]\"",
    },
    "io.postgis_bad_url": {
        "de": "Die Datenbankadresse {source} ist nicht lesbar ({detail}). Form: postgresql://benutzer@host:5432/datenbank",
        "en": "The database address {source} cannot be read ({detail}). Form: postgresql://user@host:5432/database",
    },
    "io.postgis_password": {
        "de": "Die Datenbankadresse {source} enthält ein Passwort. Passwörter gehören nicht in Adressen oder Konfigurationen: setzen Sie PGPASSWORD oder tragen Sie es in ~/.pgpass ein.",
        "en": "The database address {source} contains a password. Passwords do not belong in addresses or configs: set PGPASSWORD or put it in ~/.pgpass.",
    },
    "io.postgis_no_layer": {
        "de": "Für eine PostGIS-Datenbank fehlt die Tabelle: layer = \"schema.tabelle\" angeben (angegeben war {given}).",
        "en": "A PostGIS database needs the table: give layer = \"schema.table\" ({given} was given).",
    },
    "io.postgis_no_table": {
        "de": "{source} hat keine Tabelle {layer} mit Geometrie. Tabellen mit Geometrie: {tables}.",
        "en": "{source} has no table {layer} with a geometry. Tables with a geometry: {tables}.",
    },
    "io.postgis_unreadable": {
        "de": "Die Tabelle {layer} in {source} kann nicht gelesen werden: {detail}",
        "en": "The table {layer} in {source} cannot be read: {detail}",
    },
}
