"""User-facing texts: Zensus grid tables (reading, checking, aggregating to districts)."""

TEXTS: dict[str, dict[str, str]] = {
    "io.grid.no_id_column": {
        "de": "'{path}' hat keine Gitter-ID-Spalte (GITTER_ID_100m, GITTER_ID_1km oder GITTER_ID_10km). Spalten in der Datei: {columns}. Ist das eine Gittertabelle des Zensus 2022? Die Spalte mit id_column=... angeben.",
        "en": "'{path}' has no grid id column (GITTER_ID_100m, GITTER_ID_1km or GITTER_ID_10km). Columns in the file: {columns}. Is this a Zensus 2022 grid table? Pass the column with id_column=...",
    },
    "io.grid.no_coordinate": {
        "de": "'{path}' hat keine Mittelpunktspalte {column!r} zur Spalte {id_column!r}. Spalten in der Datei: {columns}. Zensus-Gittertabellen haben x_mp_<Auflösung> und y_mp_<Auflösung>.",
        "en": "'{path}' has no midpoint column {column!r} for the column {id_column!r}. Columns in the file: {columns}. Zensus grid tables have x_mp_<resolution> and y_mp_<resolution>.",
    },
    "io.grid.bad_coordinates": {
        "de": "'{path}', Spalte {column!r}: {n} Zellen sind keine ganzzahligen Meterkoordinaten (EPSG:3035): {cells}.",
        "en": "'{path}', column {column!r}: {n} cells are not whole-metre coordinates (EPSG:3035): {cells}.",
    },
    "io.grid.bad_values": {
        "de": "'{path}', Spalte {column!r}: {n} Zellen sind weder Zahlen noch Zeichen der Statistikämter: {cells}. Gelesen mit Dezimaltrennzeichen {decimal!r}. Die Zellen korrigieren oder die Spalte mit columns=[...] weglassen.",
        "en": "'{path}', column {column!r}: {n} cells are neither numbers nor statistics-office markers: {cells}. Read with decimal {decimal!r}. Fix the cells or leave the column out with columns=[...].",
    },
    "io.grid.derived_names": {
        "de": "'{path}': die Spalte(n) {columns} heißen wie die Spalten, die das Einlesen für Zeile und Spalte der Gitterzelle anlegt (row, col), und würden überschrieben. Die Spalte(n) in der Datei umbenennen oder mit columns=[...] weglassen.",
        "en": "'{path}': the column(s) {columns} have the names of the columns reading adds for the grid cell's row and column (row, col) and would be overwritten. Rename the column in the file or leave it out with columns=[...].",
    },
    "io.grid.bad_id": {
        "de": "'{path}', Spalte {column!r}: {n} Gitter-IDs haben nicht die Form CRS3035RES{res}mN<Nord>E<Ost>: {cells}.",
        "en": "'{path}', column {column!r}: {n} grid ids are not of the form CRS3035RES{res}mN<north>E<east>: {cells}.",
    },
    "io.grid.id_resolution": {
        "de": "'{path}', Spalte {column!r}: {n} Gitter-IDs nennen eine andere Auflösung als die Spalte ({res} m): {cells}. Sind Tabellen verschiedener Gitter zusammengefügt worden?",
        "en": "'{path}', column {column!r}: {n} grid ids name another resolution than the column ({res} m): {cells}. Were tables of different grids put together?",
    },
    "io.grid.off_lattice": {
        "de": "'{path}', Spalte {column!r}: {n} Gitter-IDs liegen nicht auf dem {res}-m-Gitter (Nord- und Ostwert müssen Vielfache von {res} sein): {cells}.",
        "en": "'{path}', column {column!r}: {n} grid ids are not on the {res} m grid (northing and easting must be multiples of {res}): {cells}.",
    },
    "io.grid.midpoint_mismatch": {
        "de": "'{path}': In {n} Zeilen passen die Mittelpunkte {x!r}/{y!r} nicht zur Gitter-ID {column!r} (erwartet: linke untere Ecke aus der ID plus {half} m): {cells}.",
        "en": "'{path}': in {n} rows the midpoints {x!r}/{y!r} do not agree with the grid id {column!r} (expected: the lower left corner from the id plus {half} m): {cells}.",
    },
    "io.grid.duplicate_ids": {
        "de": "'{path}', Spalte {column!r}: {n} Gitter-IDs kommen mehrfach vor: {keys}. Jede Gitterzelle darf nur einmal vorkommen.",
        "en": "'{path}', column {column!r}: {n} grid ids occur more than once: {keys}. Each grid cell may occur only once.",
    },
    "io.grid.no_grid": {
        "de": "Die Tabelle hat keine Mittelpunktspalten x_mp_<Auflösung>/y_mp_<Auflösung> (Spalten: {columns}). Mit sr.read_zensus_grid(...) einlesen oder resolution=... angeben.",
        "en": "The table has no midpoint columns x_mp_<resolution>/y_mp_<resolution> (columns: {columns}). Read it with sr.read_zensus_grid(...) or pass resolution=...",
    },
    "io.grid.no_crs": {
        "de": "Die Gebiete haben kein Koordinatensystem; sie werden für die Zuordnung nach EPSG:3035 umprojiziert. Das Koordinatensystem setzen (z. B. EPSG:25832).",
        "en": "The districts have no CRS; they are reprojected to EPSG:3035 for the assignment. Set their CRS (e.g. EPSG:25832).",
    },
    "io.grid.invalid_areas": {
        "de": "{n} Gebiete haben ungültige Geometrien (nach der Umprojektion nach EPSG:3035): {keys}. Mit sr.read_boundaries(..., repair=True) einlesen oder mit shapely.make_valid reparieren.",
        "en": "{n} districts have invalid geometries (after reprojection to EPSG:3035): {keys}. Read them with sr.read_boundaries(..., repair=True) or repair them with shapely.make_valid.",
    },
    "io.grid.not_counts": {
        "de": "Spalte {column!r} des Gitters ist keine Zahlenspalte (Typ {dtype}). Nur Anzahlen lassen sich aufsummieren; Quoten und Durchschnitte aus Anzahlen neu berechnen.",
        "en": "Grid column {column!r} is not numeric (type {dtype}). Only counts can be summed; recompute rates and averages from counts.",
    },
    "io.grid.note_parentheses": {
        "de": "{column}: {n} Werte in Klammern (Aussagewert eingeschränkt) als Zahl gelesen.",
        "en": "{column}: {n} values in parentheses (limited reliability) read as numbers.",
    },
    "io.grid.note_dash": {
        "de": "{column}: {n} Striche (–) als {how} gelesen.",
        "en": "{column}: {n} dashes (–) read as {how}.",
    },
    "io.grid.dash_missing": {"de": "fehlend (Grund true_zero)", "en": "missing (reason true_zero)"},
    "io.grid.dash_zero": {"de": "0", "en": "0"},
    "html.grid.method": {"de": "Verfahren", "en": "method"},
    "html.grid.method_centroid": {"de": "Zellmittelpunkt", "en": "cell centroid"},
    "html.grid.method_area": {"de": "Flächenanteile", "en": "area shares"},
    "html.grid.cells": {"de": "Gitterzellen", "en": "grid cells"},
    "html.grid.used": {"de": "zugeordnet", "en": "assigned"},
    "html.grid.outside": {"de": "außerhalb aller Gebiete", "en": "outside every district"},
    "html.grid.split": {"de": "auf mehrere Gebiete aufgeteilt", "en": "split across districts"},
    "html.grid.on_boundary": {
        "de": "Mittelpunkt auf einer Gebietsgrenze (dem ersten Gebiet zugeordnet)",
        "en": "midpoint on a district boundary (assigned to the first district)",
    },
    "html.grid.share": {"de": "Anteil zugeordnet: {column}", "en": "share assigned: {column}"},
    "html.grid.missing": {"de": "fehlende Zellen: {column}", "en": "missing cells: {column}"},
}
