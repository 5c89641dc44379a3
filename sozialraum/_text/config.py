"""User-facing texts: The config file and ``sozialraum check``."""

TEXTS: dict[str, dict[str, str]] = {
    "config.problems": {
        "de": "{n} Problem(e) in der Konfiguration {source}:",
        "en": "{n} problem(s) in the config {source}:",
    },
    "config.did_you_mean": {"de": "Meinten Sie '{hint}'?", "en": "Did you mean '{hint}'?"},
    "config.not_found": {
        "de": "Konfigurationsdatei nicht gefunden. Eine Vorlage schreibt: sozialraum init {path}",
        "en": "config file not found. Write a template with: sozialraum init {path}",
    },
    "config.syntax": {
        "de": "TOML-Syntaxfehler in Zeile {line}, Spalte {col}: {detail}",
        "en": "TOML syntax error at line {line}, column {col}: {detail}",
    },
    "config.unknown_key": {
        "de": "unbekannter Schlüssel '{key}' (erlaubt: {allowed}).",
        "en": "unknown key '{key}' (allowed: {allowed}).",
    },
    "config.missing": {"de": "Angabe fehlt.", "en": "missing."},
    "config.missing_section": {"de": "Abschnitt fehlt.", "en": "section missing."},
    "config.control_character": {
        "de": "enthält das Steuerzeichen {code} ({given}); Steuerzeichen (außer Tabulator und Zeilenumbruch) sind in Texten nicht erlaubt.",
        "en": "contains the control character {code} ({given}); control characters (other than tab and line break) are not allowed in texts.",
    },
    "config.wrong_type": {
        "de": "erwartet {expected}, angegeben ist {given}.",
        "en": "expected {expected}, {given} was given.",
    },
    "config.bad_choice": {
        "de": "{given} ist nicht zulässig; möglich: {choices}.",
        "en": "{given} is not allowed; one of: {choices}.",
    },
    "config.unknown_column": {
        "de": "'{given}' ist kein berechneter Indikator; möglich: {choices}.",
        "en": "'{given}' is not a computed indicator; one of: {choices}.",
    },
    "config.index_column": {
        "de": "der Index verwendet '{given}', das nicht unter [indicators] berechnet wird; berechnet: {choices}.",
        "en": "the index uses '{given}', which is not computed in [indicators]; computed: {choices}.",
    },
    "config.file_missing": {
        "de": "Datei nicht gefunden: {path} (Pfade gelten relativ zur Konfigurationsdatei).",
        "en": "file not found: {path} (paths are relative to the config file).",
    },
    "config.monitoring_too_few": {
        "de": "{n} Stichtag(e) gewählt; für Veränderung und Trend sind mindestens 2 nötig.",
        "en": "{n} Stichtag(e) chosen; change and trend need at least 2.",
    },
    "config.monitoring_stichtage": {
        "de": 'erwartet "all" oder eine Liste von Stichtagen (z. B. ["31.12.2019", "31.12.2024"]), angegeben ist {given}.',
        "en": 'expected "all" or a list of Stichtage (e.g. ["31.12.2019", "31.12.2024"]), {given} was given.',
    },
    "config.monitoring_missing_day": {
        "de": "Stichtag {given} ist nicht in der Statistik; vorhanden: {choices}.",
        "en": "the Stichtag {given} is not in the statistics; available: {choices}.",
    },
    "config.monitoring_base_last": {
        "de": "Basis-Stichtag {given} ist der letzte gewählte Stichtag; eine Veränderung braucht einen späteren.",
        "en": "the base Stichtag {given} is the last chosen Stichtag; a change needs a later one.",
    },
    "check.monitoring_read": {
        "de": "Zeitreihe nicht lesbar (alle Stichtage der Tabellen): {detail}",
        "en": "cannot read the time series (every Stichtag of the tables): {detail}",
    },
    "config.monitoring_base": {
        "de": "Basis-Stichtag {given} ist nicht unter den gewählten Stichtagen ({choices}).",
        "en": "the base Stichtag {given} is not among the chosen Stichtage ({choices}).",
    },
    "config.stichtag": {
        "de": 'Stichtag {given} nicht lesbar; Beispiel: "31.12.2024".',
        "en": 'cannot read the Stichtag {given}; example: "31.12.2024".',
    },
    "config.knn_needs_k": {
        "de": 'method = "knn" braucht k (Zahl der Nachbarn), z. B. k = 4.',
        "en": 'method = "knn" needs k (number of neighbours), e.g. k = 4.',
    },
    "config.permutations": {
        "de": "{given} Permutationen; zulässig sind 99 bis 99999 (empfohlen 9999).",
        "en": "{given} permutations; allowed are 99 to 99999 (9999 recommended).",
    },
    "config.alpha": {
        "de": "Signifikanzniveau {given} ist nicht sinnvoll; üblich: 0.05.",
        "en": "significance level {given} is not sensible; usual: 0.05.",
    },
    "config.weights_k": {
        "de": "{given} Nachbarn; k muss eine ganze Zahl ab 1 sein (z. B. k = 4).",
        "en": "{given} neighbours; k must be a whole number of at least 1 (e.g. k = 4).",
    },
    "config.weights_k_areas": {
        "de": "k = {k} Nachbarn, es gibt aber nur {n} Gebiete; k muss kleiner als die Zahl der Gebiete sein (z. B. k = 4).",
        "en": "k = {k} neighbours, but there are only {n} areas; k must be smaller than the number of areas (e.g. k = 4).",
    },
    "config.threshold": {
        "de": "Abstand {given}; threshold muss eine Zahl größer als 0 sein (Meter, z. B. threshold = 1500).",
        "en": "distance {given}; threshold must be a number greater than 0 (metres, e.g. threshold = 1500).",
    },
    "config.dpi": {
        "de": "{given} dpi; zulässig sind ganze Zahlen von {low} bis {high} (üblich: 300 für den Druck).",
        "en": "{given} dpi; allowed are whole numbers from {low} to {high} (usual: 300 for print).",
    },
    "config.table_sep": {
        "de": "{given} ist kein Trennzeichen für CSV; zulässig sind \";\", \",\", \"\\t\" (Tabulator) und \"|\".",
        "en": "{given} is not a CSV separator; allowed are \";\", \",\", \"\\t\" (tab) and \"|\".",
    },
    "config.table_encoding": {
        "de": "{given} ist keine bekannte Zeichenkodierung; z. B. \"utf-8\", \"cp1252\" (Windows) oder \"latin-1\".",
        "en": "{given} is not a known encoding; e.g. \"utf-8\", \"cp1252\" (Windows) or \"latin-1\".",
    },
    "config.table_decimal": {
        "de": "{given} ist kein Dezimaltrennzeichen; zulässig sind \",\" und \".\".",
        "en": "{given} is not a decimal separator; allowed are \",\" and \".\".",
    },
    "config.table_thousands": {
        "de": "{given} ist kein Tausendertrennzeichen; zulässig sind \".\", \",\", \" \", \"'\" und \"\" (keines).",
        "en": "{given} is not a thousands separator; allowed are \".\", \",\", \" \", \"'\" and \"\" (none).",
    },
    "config.table_text_columns": {
        "de": "{given}: eine Liste von Spaltennamen angeben, z. B. text_columns = [\"PLZ\"].",
        "en": "{given}: give a list of column names, e.g. text_columns = [\"PLZ\"].",
    },
    "config.key_width": {
        "de": "{given} ist keine Schlüssellänge; eine ganze Zahl von 1 bis 20 angeben (die Zahl der Ziffern der Schlüssel mit führenden Nullen, z. B. key_width = 4 für \"0101\").",
        "en": "{given} is not a key length; give a whole number from 1 to 20 (the number of digits of the keys with leading zeros, e.g. key_width = 4 for \"0101\").",
    },
    "config.crs_invalid": {
        "de": "{given} ist kein bekanntes Koordinatenbezugssystem; z. B. crs = \"EPSG:25832\" (ETRS89 / UTM 32N) oder \"EPSG:25833\".",
        "en": "{given} is not a known coordinate reference system; e.g. crs = \"EPSG:25832\" (ETRS89 / UTM 32N) or \"EPSG:25833\".",
    },
    "config.crs_geographic": {
        "de": "{given} misst in Grad; Flächen und Nachbarschaften brauchen ein CRS in Metern, z. B. crs = \"EPSG:25832\". Liegen die Grenzen in Grad vor, bitte im GIS umprojizieren.",
        "en": "{given} measures in degrees; areas and neighbourhoods need a CRS in metres, e.g. crs = \"EPSG:25832\". If the boundaries are in degrees, reproject them in your GIS.",
    },
    "config.k_range": {
        "de": "{given} Klassen; zulässig sind 2 bis 9.",
        "en": "{given} classes; allowed are 2 to 9.",
    },
    "config.invalid": {"de": "ungültig: {detail}", "en": "invalid: {detail}"},
    "config.duplicate_codes": {
        "de": "Indikator-Kürzel mehrfach vergeben: {codes}.",
        "en": "indicator codes used more than once: {codes}.",
    },
    "config.no_indicators": {
        "de": "keine Indikatoren angegeben (standard = [...] oder [[indicators.custom]]).",
        "en": "no indicators given (standard = [...] or [[indicators.custom]]).",
    },
    "config.index_needs": {
        "de": 'preset = "..." oder spec = "index.toml" angeben.',
        "en": 'give preset = "..." or spec = "index.toml".',
    },
    "config.template_exists": {
        "de": "'{path}' gibt es schon und wird nicht überschrieben; wählen Sie einen anderen Namen (sozialraum init ANDERER_NAME.toml).",
        "en": "'{path}' exists already and is not overwritten; choose another name (sozialraum init OTHER_NAME.toml).",
    },
    "config.output_exists": {
        "de": "Der Ergebnisordner '{path}' existiert bereits. Wählen Sie einen anderen Ordner (--out) oder ersetzen Sie ihn mit --force.",
        "en": "The output folder '{path}' exists already. Choose another folder (--out) or replace it with --force.",
    },
    "check.read_failed": {"de": "nicht lesbar: {detail}", "en": "cannot be read: {detail}"},
    "check.negative_counts": {
        "de": "Spalte '{column}' ist ein Zählwert, hat aber negative Werte in {n} Gebiet(en): {keys}. Zählwerte (Zähler, Nenner, Einwohner) müssen 0 oder größer sein; bitte die Tabelle korrigieren.",
        "en": "column '{column}' is a count but is negative in {n} area(s): {keys}. Counts (numerators, denominators, population) must be 0 or more; please correct the table.",
    },
    # the CRS errors of read_boundaries, with the advice a config can follow ([inputs].crs)
    "check.crs_missing": {
        "de": "'{path}' hat kein Koordinatenbezugssystem (CRS). Legen Sie es in der Konfiguration fest: [inputs].crs, z. B. crs = \"EPSG:25832\" (das CRS, mit dem Ihre GIS-Stelle arbeitet; in Deutschland meist ETRS89 / UTM: EPSG:25832 oder EPSG:25833).",
        "en": "'{path}' has no coordinate reference system (CRS). Declare it in the config: [inputs].crs, e.g. crs = \"EPSG:25832\" (use the CRS your GIS department works in; in Germany usually ETRS89 / UTM: EPSG:25832 or EPSG:25833).",
    },
    "check.crs_degrees_but_metres": {
        "de": "'{path}' gibt als CRS {crs} an (Länge/Breite in Grad), die Koordinaten reichen aber bis {x:.0f}, {y:.0f}: es sind projizierte Meter. Legen Sie das tatsächliche CRS in der Konfiguration fest: [inputs].crs, z. B. crs = \"EPSG:25832\" (oder das CRS Ihres GIS).",
        "en": "'{path}' says its CRS is {crs} (longitude/latitude in degrees), but the coordinates reach {x:.0f}, {y:.0f}: they are projected metres. Declare the real CRS in the config: [inputs].crs, e.g. crs = \"EPSG:25832\" (or the one your GIS uses).",
    },
    "check.crs_metres_but_degrees": {
        "de": "'{path}' gibt als CRS {crs} an (Meter), alle Koordinaten liegen aber zwischen {x0:.4f}, {y0:.4f} und {x1:.4f}, {y1:.4f}: sie sehen aus wie Länge/Breite in Grad. Entfernen Sie [inputs].crs, falls angegeben, und projizieren Sie die Datei im GIS um (tatsächliches CRS EPSG:4326 festlegen, dann nach EPSG:25832 umprojizieren).",
        "en": "'{path}' says its CRS is {crs} (metres), but all coordinates lie between {x0:.4f}, {y0:.4f} and {x1:.4f}, {y1:.4f}: they look like longitude/latitude in degrees. Remove [inputs].crs if given and reproject the file in your GIS (declare the real CRS EPSG:4326, then reproject to EPSG:25832).",
    },
    "check.crs_conflict": {
        "de": "'{path}' liegt in {crs} vor, in der Konfiguration steht aber [inputs].crs = {declared!r}. [inputs].crs legt nur für Dateien ohne Koordinatenbezugssystem eines fest: entfernen Sie den Eintrag, oder projizieren Sie die Datei im GIS nach {declared} um.",
        "en": "'{path}' is in {crs}, but the config says [inputs].crs = {declared!r}. [inputs].crs only declares a CRS for files without one: remove the entry, or reproject the file to {declared} in your GIS.",
    },
    "check.crs_geographic": {
        "de": "'{path}' liegt im geographischen CRS {crs} (Grad) vor. Flächen, Entfernungen und Nachbarschaften brauchen ein projiziertes CRS in Metern: projizieren Sie die Datei im GIS nach EPSG:25832 um (ETRS89 / UTM 32N; östlich von 12° O EPSG:25833). [inputs].crs hilft hier nicht, es legt nur für Dateien ohne CRS eines fest.",
        "en": "'{path}' is in the geographic CRS {crs} (degrees). Areas, distances and neighbourhoods need a projected CRS in metres: reproject the file to EPSG:25832 in your GIS (ETRS89 / UTM 32N; east of 12° E EPSG:25833). [inputs].crs does not help here; it only declares a CRS for files without one.",
    },
    "check.crs_fix_zone_prefix": {
        "de": "Die Rechtswerte tragen die Zonennummer {zone} als Präfix ({x:.0f}). Ziehen Sie im GIS {offset} von jeder x-Koordinate ab, oder legen Sie dort das CRS mit Zonenpräfix fest (EPSG:4647 für Zone 32, EPSG:5650 für Zone 33) und projizieren Sie nach EPSG:25832 um.",
        "en": "The eastings carry the zone number {zone} as a prefix ({x:.0f}). Subtract {offset} from every x coordinate in your GIS, or declare the zone-prefixed CRS there (EPSG:4647 for zone 32, EPSG:5650 for zone 33) and reproject to EPSG:25832.",
    },
    "check.crs_fix_gauss_krueger": {
        "de": "x = {x:.0f} sieht aus wie Gauß-Krüger (Zone {zone}, EPSG:{epsg}). Legen Sie im GIS dieses CRS fest und projizieren Sie nach EPSG:25832 um.",
        "en": "x = {x:.0f} looks like Gauss-Krüger (zone {zone}, EPSG:{epsg}). Declare that CRS in your GIS and reproject to EPSG:25832.",
    },
    "check.column_missing": {
        "de": "Spalte '{column}' fehlt in {file}; vorhanden: {columns}.",
        "en": "column '{column}' is missing in {file}; available: {columns}.",
    },
    "check.layer_missing": {
        "de": "Ebene '{layer}' fehlt in {file}; vorhanden: {layers}.",
        "en": "layer '{layer}' is missing in {file}; available: {layers}.",
    },
    "check.keys_only_table": {
        "de": "{n} Schlüssel der Tabelle fehlen in den Grenzen: {keys}.",
        "en": "{n} keys of the table are not in the boundaries: {keys}.",
    },
    "check.keys_only_table_zeros": {
        "de": "{n} Schlüssel der Tabelle fehlen in den Grenzen: {keys}; ohne führende Nullen passen sie (als Zahl gespeichert). key_width = {width} unter [inputs] ergänzt sie auf beiden Seiten.",
        "en": "{n} keys of the table are not in the boundaries: {keys}; without leading zeros they match (stored as numbers). key_width = {width} under [inputs] restores them on both sides.",
    },
    "check.keys_only_boundaries": {
        "de": "{n} Gebiete der Grenzen fehlen in den Tabellen: {keys}.",
        "en": "{n} areas of the boundaries are missing from the tables: {keys}.",
    },
    "check.no_match_zeros": {
        "de": "kein Schlüssel der Tabelle passt zu den Grenzen (Tabelle: {table}; Grenzen: {boundaries}), ohne führende Nullen aber {n}: einer der Dateien gingen die Nullen verloren (als Zahl gespeichert). key_width = {width} unter [inputs] ergänzt sie auf beiden Seiten.",
        "en": "no key of the table matches the boundaries (table: {table}; boundaries: {boundaries}), but {n} do without leading zeros: one of the files lost its zeros (stored as numbers). key_width = {width} under [inputs] restores them on both sides.",
    },
    "check.keys_collide_width": {
        "de": "'{path}': mit key_width = {width} werden Schlüssel gleich: {keys}. Die Schlüssellänge prüfen.",
        "en": "'{path}': with key_width = {width} keys become equal: {keys}. Check the key length.",
    },
    "check.columns_differ": {
        "de": "Zahlenspalten gibt es in den Grenzen und in der Tabelle (oder in zwei Tabellen) mit verschiedenen Werten: {columns}{examples}. Welche gilt, ist nicht zu entscheiden: die Spalte in einer der Dateien umbenennen (eine Kopie bearbeiten) oder dort entfernen.",
        "en": "Number columns exist in the boundaries and in the table (or in two tables) with different values: {columns}{examples}. Which one holds cannot be decided: rename the column in one of the files (edit a copy) or remove it there.",
    },
    "check.join_failed": {"de": "passt nicht zu den Grenzen: {detail}", "en": "does not fit the boundaries: {detail}"},
    "check.left_out": {
        "de": "Hinweis: {file}: {parts} nicht als Gebiete gelesen.",
        "en": "Note: {file}: {parts} not read as areas.",
    },
    "check.left_out_titles": {"de": "{n} Titelzeile(n) über der Kopfzeile", "en": "{n} title row(s) above the header"},
    "check.left_out_totals": {"de": "Summenzeile(n) {rows}", "en": "totals row(s) {rows}"},
    "check.left_out_total": {"de": "'{label}' ({where})", "en": "'{label}' ({where})"},
    "check.left_out_total_many": {"de": "'{label}' ({n}-mal, zuerst {where})", "en": "'{label}' ({n} times, first {where})"},
    "check.left_out_footnotes": {"de": "{n} Fußnotenzeile(n) ab {where}", "en": "{n} footnote row(s) from {where}"},
    "cfg.io.missing_column": {
        "de": "'{path}' hat keine {what} {column!r}.{hint} Spalten in der Datei: {columns}. Den richtigen Namen in der Konfiguration als {argument} angeben.",
        "en": "'{path}' has no {what} {column!r}.{hint} Columns in the file: {columns}. Give the right name in the config as {argument}.",
    },
    "cfg.io.csv_encoding": {
        "de": "'{path}' lässt sich nicht als {encoding!r} lesen: {detail}. Beim Eintrag der Tabelle unter [[inputs.tables]] encoding = \"utf-8-sig\" oder encoding = \"cp1252\" (Excel unter Windows) angeben, oder den Eintrag weglassen (dann wird erkannt).",
        "en": "'{path}' cannot be decoded as {encoding!r}: {detail}. Set encoding = \"utf-8-sig\" or encoding = \"cp1252\" (Excel on Windows) in the table's [[inputs.tables]] entry, or leave it out (then it is detected).",
    },
    "cfg.io.decimal_mixed": {
        "de": "'{path}' mischt Dezimalkommas und Dezimalpunkte: {comma!r} in Spalte {comma_column!r}, {point!r} in Spalte {point_column!r}. Das Dezimaltrennzeichen beim Eintrag der Tabelle unter [[inputs.tables]] angeben, decimal = \",\" oder decimal = \".\" (und die übrigen Zellen in einer Kopie korrigieren).",
        "en": "'{path}' mixes decimal commas and decimal points: {comma!r} in column {comma_column!r}, {point!r} in column {point_column!r}. Set the decimal separator in the table's [[inputs.tables]] entry, decimal = \",\" or decimal = \".\" (and fix the other cells in a copy).",
    },
    "cfg.io.decimal_ambiguous": {
        "de": "'{path}': Werte wie {value!r} (Spalte {column!r}) lassen sich mit Tausendertrennzeichen oder mit Nachkommastellen lesen. Beim Eintrag der Tabelle unter [[inputs.tables]] angeben: decimal = \",\" (dann trennt \".\" die Tausender) oder decimal = \".\" (dann trennt \",\" die Tausender).",
        "en": "'{path}': values like {value!r} (column {column!r}) can be read as a thousands separator or as decimals. Declare it in the table's [[inputs.tables]] entry: decimal = \",\" (then \".\" separates thousands) or decimal = \".\" (then \",\" separates thousands).",
    },
    "config.table_decimal_thousands": {
        "de": "decimal und thousands sind beide {given}; das Tausendertrennzeichen muss ein anderes sein.",
        "en": "decimal and thousands are both {given}; the thousands separator must differ.",
    },
    "cfg.io.bad_values": {
        "de": "'{path}', {label}: {n} Zellen sind weder Zahlen noch Zeichen der Statistikstelle: {cells}. Gelesen mit Dezimaltrennzeichen {decimal!r}{thousands}. Die Zellen in einer Kopie korrigieren, sie beim Eintrag der Tabelle unter [[inputs.tables]] mit na_values = [\"...\"] als fehlend erklären oder die Spalte mit text_columns = [{column!r}] als Text behalten.",
        "en": "'{path}', {label}: {n} cells are neither numbers nor statistics-office markers: {cells}. Read with decimal {decimal!r}{thousands}. Fix the cells in a copy, declare them missing with na_values = [\"...\"] in the table's [[inputs.tables]] entry, or keep the column as text with text_columns = [{column!r}].",
    },
    "cfg.io.csv_not_text": {
        "de": "'{path}' ist weder UTF-8- noch cp1252-Text (Windows): {detail}. Ist es eine CSV-Datei? Die Zeichenkodierung beim Eintrag der Tabelle unter [[inputs.tables]] angeben, z. B. encoding = \"latin-1\".",
        "en": "'{path}' is neither UTF-8 nor cp1252 (Windows) text: {detail}. Is it a CSV file? Declare the encoding in the table's [[inputs.tables]] entry, e.g. encoding = \"latin-1\".",
    },
    "cfg.io.csv_too_many_fields": {
        "de": "'{path}', {line} hat {n} Felder, die Kopfzeile {n_header} (Trennzeichen {sep}). Ist ein Wert falsch in Anführungszeichen gesetzt oder ist das Trennzeichen ein anderes? Dann das richtige beim Eintrag der Tabelle unter [[inputs.tables]] angeben: sep = \";\", \",\", \"\\t\" (Tabulator) oder \"|\".",
        "en": "'{path}', {line} has {n} fields, the header has {n_header} (separator {sep}). Is a value quoted wrongly, or is the separator different? Then declare the right one in the table's [[inputs.tables]] entry: sep = \";\", \",\", \"\\t\" (tab) or \"|\".",
    },
    "cfg.io.csv_too_few_fields": {
        "de": "'{path}', {line} hat {n} Felder, die Kopfzeile {n_header} (Trennzeichen {sep}). Die Zeile in einer Kopie vervollständigen oder, ist es ein anderes, das Trennzeichen beim Eintrag der Tabelle unter [[inputs.tables]] angeben: sep = \";\", \",\", \"\\t\" (Tabulator) oder \"|\".",
        "en": "'{path}', {line} has {n} fields, the header has {n_header} (separator {sep}). Complete the row in a copy or, if it is another one, declare the separator in the table's [[inputs.tables]] entry: sep = \";\", \",\", \"\\t\" (tab) or \"|\".",
    },
    "cfg.io.sheet_choose": {
        "de": "'{path}' hat {n} Tabellenblätter: {sheets}. Eines beim Eintrag der Tabelle unter [[inputs.tables]] wählen: sheet = \"Name\" oder die Position ab 0.",
        "en": "'{path}' has {n} sheets: {sheets}. Choose one in the table's [[inputs.tables]] entry: sheet = \"name\" or the position from 0.",
    },
    "cfg.io.sheet_position": {
        "de": "'{path}' hat {n} Tabellenblätter (0 bis {last}); angegeben ist sheet = {sheet}. Tabellenblätter: {sheets}.",
        "en": "'{path}' has {n} sheets (0 to {last}); sheet = {sheet} was given. Sheets: {sheets}.",
    },
    "cfg.io.layer_choose": {
        "de": "'{path}' hat {n} Layer: {layers}. Einen unter [inputs] mit layer = \"...\" wählen.",
        "en": "'{path}' has {n} layers: {layers}. Choose one under [inputs] with layer = \"...\".",
    },
    "cfg.io.layer_position": {
        "de": "'{path}' hat {n} Layer (0 bis {last}); angegeben ist layer = {layer}. Layer: {layers}.",
        "en": "'{path}' has {n} layers (0 to {last}); layer = {layer} was given. Layers: {layers}.",
    },
    "cfg.io.geometry_not_polygon": {
        "de": "'{path}': {n} Geometrien sind keine Flächen ({kinds}): Schlüssel {keys}. Sozialräume müssen Flächen sein (Polygon oder MultiPolygon); ist es ein Layer mit Punkten oder Linien? Den Flächen-Layer unter [inputs] mit layer = \"...\" wählen.",
        "en": "'{path}': {n} geometries are not polygons ({kinds}): keys {keys}. Districts must be areas (Polygon or MultiPolygon); is it a layer of points or lines? Choose the polygon layer under [inputs] with layer = \"...\".",
    },
    "cfg.io.long_columns": {
        "de": "'{path}': eine lange Tabelle (layout = \"long\") braucht eine Merkmalsspalte und eine Wertespalte; keine {missing} gefunden unter {columns}. Sie beim Eintrag der Tabelle unter [[inputs.tables]] mit variable = \"...\" und value = \"...\" benennen.",
        "en": "'{path}': a long table (layout = \"long\") needs a Merkmal column and a value column; no {missing} found among {columns}. Name them in the table's [[inputs.tables]] entry with variable = \"...\" and value = \"...\".",
    },
    "check.no_match": {
        "de": "kein Schlüssel der Tabelle passt zu den Grenzen (Tabelle: {table}; Grenzen: {boundaries}). Stimmt die Schlüsselspalte? Gingen führende Nullen verloren?",
        "en": "no key of the table matches the boundaries (table: {table}; boundaries: {boundaries}). Is the key column right? Were leading zeros lost?",
    },
    "check.constraint_column": {
        "de": "die Beziehung {total} = {parts} nennt die Spalte '{column}', die in keiner Tabelle "
              "steht; ihr Schutz (sekundäre Geheimhaltung) entfiele sonst stillschweigend.",
        "en": "the relation {total} = {parts} names the column '{column}', which is in no "
              "table; its protection (secondary suppression) would otherwise be dropped silently.",
    },
    "check.numerator_above_denominator": {
        "de": "{file}: Indikator {code}: der Zähler ({numerator}) ist größer als der Nenner ({denominator}) in {n} Gebiet(en): {cases}. Ein Anteil in % kann 100 nicht übersteigen; bitte die Spalten prüfen.",
        "en": "{file}: indicator {code}: the numerator ({numerator}) is larger than the denominator ({denominator}) in {n} area(s): {cases}. A share in % cannot exceed 100; please check the columns.",
    },
    "check.indicator_shadows_column": {
        "de": "Der Indikator-Code '{code}' ist zugleich der Name einer Spalte der Eingangsdaten; seine Werte würden die Spalte verdecken. Bitte dem Indikator einen eigenen Code geben (z. B. '{code}_QUOTE').",
        "en": "the indicator code '{code}' is also the name of an input column; its values would hide that column. Please give the indicator a code of its own (e.g. '{code}_QUOTE').",
    },
    "check.indicator_column": {
        "de": "Indikator {code} braucht die Spalte '{column}', die in keiner Tabelle steht.",
        "en": "indicator {code} needs the column '{column}', which is in no table.",
    },
    "config.from_indices": {
        "de": "from = {given}: eine Liste von mindestens 2 verschiedenen Namen vorher definierter Indizes ({known}).",
        "en": "from = {given}: a list of at least 2 different names of indices defined before ({known}).",
    },
    "config.from_unknown": {
        "de": "{given}: kein vorher definierter Index; bekannt sind {known}.",
        "en": "{given}: not an index defined before; known are {known}.",
    },
    "config.extra_name": {
        "de": 'name = {given}: ein kurzer Name aus Kleinbuchstaben, Ziffern und _ (z. B. "nrw"), wird Präfix der Spalten (nrw_wert, nrw_rang, nrw_klasse).',
        "en": 'name = {given}: a short name of lower-case letters, digits and _ (e.g. "nrw"), used as column prefix (nrw_wert, nrw_rang, nrw_klasse).',
    },
    "config.distance_needs_threshold": {
        "de": 'method = "distance" braucht threshold (Abstand in Metern).',
        "en": 'method = "distance" needs threshold (distance in metres).',
    },
    "config.constraint": {
        "de": 'erwartet {{ total = "EW", parts = ["EW_M", "EW_W"] }}, angegeben ist {given}.',
        "en": 'expected {{ total = "EW", parts = ["EW_M", "EW_W"] }}, {given} was given.',
    },
    "init.unreadable": {
        "de": "{path} kann nicht gelesen werden: {detail}",
        "en": "{path} cannot be read: {detail}",
    },
    "init.no_key": {
        "de": "In {table} passt keine Spalte zu einer Schlüsselspalte von {boundaries} (eindeutige Werte je Gebiet). Prüfen Sie, ob Tabelle und Grenzen dieselben Gebiete beschreiben.",
        "en": "No column of {table} matches a key column of {boundaries} (distinct values per area). Check that the table and the boundaries describe the same areas.",
    },
    # --- argument values (sozialraum._util: choices and Stichtag, used by every stage) ------
    "config.choice": {
        "de": "{name} muss einer dieser Werte sein: {choices}. Angegeben ist {given}.",
        "en": "{name} needs to be one of ({choices}). {given} was given instead.",
    },
    "config.choice_hint": {
        "de": "{name} muss einer dieser Werte sein: {choices}. Angegeben ist {given}. Meinten Sie {hint}?",
        "en": "{name} needs to be one of ({choices}). {given} was given instead. Did you mean {hint}?",
    },
    "config.stichtag_value": {
        "de": "Der Stichtag {given} ist nicht lesbar. Geben Sie ihn als '31.12.2024', '2024-12-31' oder als Jahr an.",
        "en": "Cannot read the Stichtag {given}. Give it as '31.12.2024', '2024-12-31' or a year.",
    },
    "config.hotspots_needs_index": {
        "de": "[hotspots].variable = 'index' braucht einen Abschnitt [index].",
        "en": "[hotspots].variable = 'index' needs an [index] section.",
    },
    # kinds of value named by "config.wrong_type"
    "config.type.text": {"de": "Text", "en": "text"},
    "config.type.number": {"de": "Zahl", "en": "number"},
    "config.type.integer": {"de": "ganze Zahl", "en": "whole number"},
    "config.type.bool": {"de": "true/false", "en": "true/false"},
    "config.type.list": {"de": "Liste", "en": "list"},
    "config.type.table": {"de": "Tabelle", "en": "table"},
    "check.the_tables": {"de": "den Tabellen", "en": "the tables"},
    # the detail of "config.syntax": tomllib's messages, as far as we know them
    "config.toml.unterminated_string": {
        "de": "Text nicht abgeschlossen (das schließende Anführungszeichen fehlt)",
        "en": "Unterminated string",
    },
    "config.toml.illegal_character": {
        "de": "unzulässiges Zeichen {char}",
        "en": "Illegal character {char}",
    },
    "config.toml.invalid_character": {
        "de": "ungültiges Zeichen {char}",
        "en": "Found invalid character {char}",
    },
    "config.toml.expected_equals": {
        "de": "nach dem Schlüssel fehlt '=' (Schreibweise: schluessel = wert)",
        "en": "Expected '=' after a key in a key/value pair",
    },
    "config.toml.invalid_value": {
        "de": "ungültiger Wert (Text gehört in Anführungszeichen)",
        "en": "Invalid value",
    },
    "config.toml.invalid_statement": {"de": "ungültige Anweisung", "en": "Invalid statement"},
    "config.toml.unclosed_array": {
        "de": "Liste nicht geschlossen (die schließende ']' fehlt)",
        "en": "Unclosed array",
    },
    "config.toml.unclosed_table": {
        "de": "Tabelle nicht geschlossen (die schließende geschweifte Klammer fehlt)",
        "en": "Unclosed inline table",
    },
    "config.toml.table_bracket": {
        "de": "am Ende der Abschnittsüberschrift fehlt ']'",
        "en": "Expected ']' at the end of a table declaration",
    },
    "config.toml.key_character": {
        "de": "ein Schlüssel beginnt mit einem unzulässigen Zeichen",
        "en": "Invalid initial character for a key part",
    },
    "config.toml.twice": {
        "de": "ein Schlüssel oder Abschnitt ist doppelt angegeben",
        "en": "Cannot overwrite a value",
    },
    "config.toml.declared_twice": {
        "de": "'{name}' ist doppelt angegeben",
        "en": "Cannot declare '{name}' twice",
    },
    "config.toml.newline_in_string": {
        "de": "Zeilenende mitten in einem Text (fehlt das schließende Anführungszeichen?)",
        "en": "Illegal character '\\n'",
    },
    "config.toml.expected_newline": {
        "de": "nach einem Eintrag muss eine neue Zeile beginnen",
        "en": "Expected newline or end of document after a statement",
    },
    "config.toml.date": {"de": "ungültiges Datum", "en": "Invalid date or datetime"},
    "config.toml.backslash": {
        "de": "ein '\\' im Text leitet ein Sonderzeichen ein; schreiben Sie Pfade mit '/' oder in einfachen Anführungszeichen",
        "en": "a '\\' in a string starts an escape sequence; write paths with '/' or in single quotes",
    },
    "config.postgis_url": {
        "de": "Erwartet wird eine Datenbankadresse wie \"postgresql://benutzer@host:5432/datenbank\", angegeben war {given}.",
        "en": "Expected a database address such as \"postgresql://user@host:5432/database\"; {given} was given.",
    },
    "config.postgis_password": {
        "de": "Die Adresse enthält ein Passwort; Passwörter gehören nicht in die Konfiguration. Setzen Sie PGPASSWORD oder tragen Sie es in ~/.pgpass ein.",
        "en": "The address contains a password; passwords do not belong in the config. Set PGPASSWORD or put it in ~/.pgpass.",
    },
    "config.not_utf8": {
        "de": "Die Datei ist nicht in UTF-8 gespeichert (erstes fremdes Zeichen in Zeile {line}); Umlaute würden verfälscht. Speichern Sie sie im Editor als UTF-8.",
        "en": "The file is not saved as UTF-8 (first foreign byte in line {line}); umlauts would be garbled. Save it as UTF-8 in your editor.",
    },
}
