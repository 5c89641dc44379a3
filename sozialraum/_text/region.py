"""User-facing texts: a region of several municipalities (keys, reference frames, profiles)."""

TEXTS: dict[str, dict[str, str]] = {
    # --- official municipality keys (io/keys.py)
    "io.ags_kind": {
        "de": "Die Art des Gemeindeschlüssels muss 'auto', 'AGS' oder 'ARS' sein; angegeben war {given}.",
        "en": "The kind of municipality key must be 'auto', 'AGS' or 'ARS'; {given} was given.",
    },
    "io.ags_format": {
        "de": "'{path}', Spalte {column!r}: {n} Schlüssel sind keine amtlichen Gemeindeschlüssel aus {expected} Ziffern: {values}. Wurden führende Nullen abgeschnitten (Spalte als Zahl gelesen)? Schlüssel bitte als Text speichern, z. B. '03159016'.",
        "en": "'{path}', column {column!r}: {n} key(s) are not official municipality keys of {expected} digits: {values}. Were leading zeros lost (column read as numbers)? Store the keys as text, e.g. '03159016'.",
    },
    "io.ags_mixed": {
        "de": "'{path}', Spalte {column!r}: 8-stellige (AGS) und 12-stellige (ARS) Schlüssel gemischt: {values}. Bitte eine Schlüsselart verwenden.",
        "en": "'{path}', column {column!r}: 8-digit (AGS) and 12-digit (ARS) keys are mixed: {values}. Use one kind of key.",
    },
    "io.ags_land": {
        "de": "'{path}', Spalte {column!r}: {n} Schlüssel haben keine gültige Landesnummer (01 bis 16) in den ersten beiden Ziffern: {values}.",
        "en": "'{path}', column {column!r}: {n} key(s) have no valid Land code (01 to 16) in their first two digits: {values}.",
    },
    "io.ags_kreis_mixed": {
        "de": "'{path}', Spalte {column!r}: Die Gemeinden liegen in verschiedenen Kreisen (erste fünf Ziffern): {kreise}. Eine Region ist ein Kreis; für mehrere Kreise bitte kreis=\"\" angeben.",
        "en": "'{path}', column {column!r}: the municipalities lie in different Kreise (first five digits): {kreise}. A region is one Kreis; pass kreis=\"\" to allow several.",
    },
    "io.ags_kreis_given": {
        "de": "Der Kreisschlüssel muss aus 5 Ziffern bestehen (Land, Regierungsbezirk, Kreis), z. B. '03159'; angegeben war {given}.",
        "en": "The Kreis key must have 5 digits (Land, Regierungsbezirk, Kreis), e.g. '03159'; {given} was given.",
    },
    "io.ags_kreis_outside": {
        "de": "'{path}', Spalte {column!r}: {n} Schlüssel liegen nicht im Kreis {kreis}: {values}.",
        "en": "'{path}', column {column!r}: {n} key(s) do not lie in the Kreis {kreis}: {values}.",
    },
    "io.local_key_bad": {
        "de": "Sozialraumnummern dürfen nicht leer sein und das Trennzeichen {sep!r} nicht enthalten: {values}.",
        "en": "Sozialraum numbers must not be empty nor contain the separator {sep!r}: {values}.",
    },
    "io.combined_key_bad": {
        "de": "Diese Schlüssel bestehen nicht aus Gemeindeschlüssel, {sep!r} und Sozialraumnummer: {values}.",
        "en": "These keys are not a municipality key, {sep!r} and a Sozialraum number: {values}.",
    },
    # --- reference frames of the index (index/frames.py, composite.py)
    "index.reference.region": {
        "de": "Bezugsrahmen: die ganze Region ({n} Gemeinden); jeder Sozialraum wird mit allen Sozialräumen der Region verglichen (Standardisierung, Rang und Klasse).",
        "en": "Frame of reference: the whole region ({n} municipalities); every Sozialraum is compared with all Sozialräume of the region (standardisation, rank and class).",
    },
    "index.reference.municipality": {
        "de": "Bezugsrahmen: die eigene Gemeinde ({n} Gemeinden getrennt); jeder Sozialraum wird nur mit den Sozialräumen seiner Gemeinde verglichen (Standardisierung, Rang und Klasse je Gemeinde), Werte verschiedener Gemeinden sind daher nicht direkt vergleichbar.",
        "en": "Frame of reference: the own municipality ({n} municipalities separately); every Sozialraum is compared only with the Sozialräume of its municipality (standardisation, rank and class per municipality), so values of different municipalities are not directly comparable.",
    },
    "index.municipality_column": {
        "de": "Die Gemeindespalte {column!r} fehlt in den Daten. Vorhanden: {available}. Bitte municipality= (bzw. [inputs] municipality) auf die Spalte mit dem Gemeindeschlüssel setzen.",
        "en": "The municipality column {column!r} is not in the data. Available: {available}. Set municipality= (or [inputs] municipality) to the column holding the municipality key.",
    },
    "index.municipality_missing": {
        "de": "Für diese Gebiete fehlt der Gemeindeschlüssel: {keys}.",
        "en": "These areas have no municipality key: {keys}.",
    },
    "index.reference_weighting": {
        "de": "Die Gewichtung {weighting!r} hängt von den Daten ab und ist je Gemeinde verschieden; mit reference=\"municipality\" bitte eine feste Gewichtung (equal, explicit, theme) wählen.",
        "en": "The weighting {weighting!r} depends on the data and would differ between municipalities; with reference=\"municipality\" choose a fixed weighting (equal, explicit, theme).",
    },
    "index.reference_too_few": {
        "de": "{name}: Mit dem Bezugsrahmen Gemeinde braucht jede Gemeinde mindestens 3 einbezogene Gebiete; zu wenige haben: {municipalities}. Bitte reference=\"region\" verwenden.",
        "en": "{name}: with the municipality frame each municipality needs at least 3 included areas; too few in: {municipalities}. Use reference=\"region\".",
    },
    # --- neighbours across municipal borders (weights.py)
    "weights.cross_border.keep": {
        "de": "Nachbarschaften über Gemeindegrenzen hinweg ({n} Gemeinden) wurden beibehalten: Sozialräume beiderseits einer Gemeindegrenze gelten als Nachbarn, ein Hotspot kann mehrere Gemeinden umfassen.",
        "en": "Neighbours across municipal borders ({n} municipalities) were kept: Sozialräume on both sides of a municipal border are neighbours, a hotspot may span several municipalities.",
    },
    "weights.cross_border.cut": {
        "de": "Nachbarschaften über Gemeindegrenzen hinweg ({n} Gemeinden) wurden gekappt ({cut} gerichtete Verbindungen entfernt): Nachbarn sind nur Sozialräume derselben Gemeinde.",
        "en": "Neighbours across municipal borders ({n} municipalities) were cut ({cut} directed links removed): only Sozialräume of the same municipality are neighbours.",
    },
    "weights.cross_border_needs": {
        "de": "cross_border=\"cut\" braucht den Gemeindeschlüssel jedes Gebiets: bitte municipality= (eine Spalte, z. B. \"AGS\") angeben.",
        "en": "cross_border=\"cut\" needs the municipality key of every area: pass municipality= (a column, e.g. \"AGS\").",
    },
    "weights.municipality_column": {
        "de": "Die Gemeindespalte {column!r} fehlt in den Gebieten. Vorhanden: {available}.",
        "en": "The municipality column {column!r} is not in the districts. Available: {available}.",
    },
    "weights.municipality_missing": {
        "de": "Für diese Gebiete fehlt der Gemeindeschlüssel: {keys}.",
        "en": "These areas have no municipality key: {keys}.",
    },
    # --- config (config/loading.py)
    "config.reference_needs_municipality": {
        "de": "reference = \"municipality\" braucht die Gemeindespalte: bitte unter [inputs] municipality = \"AGS\" (die Spalte mit dem Gemeindeschlüssel) angeben.",
        "en": "reference = \"municipality\" needs the municipality column: set [inputs] municipality = \"AGS\" (the column holding the municipality key).",
    },
    "config.cross_border_needs_municipality": {
        "de": "cross_border = \"cut\" braucht die Gemeindespalte: bitte unter [inputs] municipality = \"AGS\" angeben.",
        "en": "cross_border = \"cut\" needs the municipality column: set [inputs] municipality = \"AGS\".",
    },
    "config.municipality_column": {
        "de": "'{path}': Die Gemeindespalte {column!r} ([inputs] municipality) fehlt in den Gebietsgrenzen. Vorhanden: {available}.",
        "en": "'{path}': the municipality column {column!r} ([inputs] municipality) is not in the boundaries. Available: {available}.",
    },
    "methods.reference_levels": {
        "de": "Höhere Ebenen (z. B. die Gemeinden) werden mit allen Gebieten ihrer Ebene in der Region verglichen.",
        "en": "Higher levels (e.g. the municipalities) are compared with all areas of their level in the region.",
    },
    "report.bezug.region": {"de": "Region", "en": "region"},
    "report.bezug.municipality": {"de": "Gemeinde", "en": "municipality"},
}
