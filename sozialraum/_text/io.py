"""User-facing texts: Loading and joining: missing-value reasons, join reports."""

TEXTS: dict[str, dict[str, str]] = {
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
}
