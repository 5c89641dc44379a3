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
    "report.col.extra_bezug": {
        "de": "Bezugsrahmen des Index „{name}“ (Region oder Gemeinde)",
        "en": "frame of reference of the index “{name}” (region or municipality)",
    },
    "report.bezug.municipality": {"de": "Gemeinde", "en": "municipality"},
    # --- Kommunalprofile (report/kommunalprofile.py)
    "report.municipality_not_nested": {
        "de": "Die Gemeindespalte {column!r} passt in keine Stelle der Ebenen ([[inputs.levels]]): jede Einheit einer feineren Ebene muss in genau einer Gemeinde liegen und jede Gemeinde in genau einer Einheit einer gröberen Ebene. Bitte die Gemeindeschlüssel der Gebiete prüfen.",
        "en": "The municipality column {column!r} fits nowhere among the levels ([[inputs.levels]]): every unit of a finer level must lie in exactly one municipality, and every municipality in exactly one unit of a coarser level. Check the municipality keys of the areas.",
    },
    "kprofil.title": {
        "de": "Kommunalprofil",
        "en": "Municipality profile",
    },
    "kprofil.index_title": {
        "de": "Kommunalprofile der Region",
        "en": "Municipality profiles of the region",
    },
    "kprofil.sub": {
        "de": "Eine von {n} Gemeinden der Region · Stichtag {stichtag}",
        "en": "One of {n} municipalities of the region · reference date {stichtag}",
    },
    "kprofil.h.index": {
        "de": "Sozialindex der Sozialräume im Vergleich zur Region",
        "en": "Social index of the Sozialräume compared with the region",
    },
    "kprofil.h.indicators": {
        "de": "Kennzahlen der Gemeinde im Vergleich zur Region",
        "en": "Key indicators of the municipality compared with the region",
    },
    "kprofil.h.population": {
        "de": "Bevölkerungsstruktur",
        "en": "Population structure",
    },
    "kprofil.ags": {
        "de": "Amtlicher Gemeindeschlüssel",
        "en": "Official municipality key (AGS)",
    },
    "kprofil.population": {
        "de": "Einwohnerinnen und Einwohner",
        "en": "Inhabitants",
    },
    "kprofil.share_region": {
        "de": "Anteil an der Bevölkerung der Region",
        "en": "Share of the region’s population",
    },
    "kprofil.area": {
        "de": "Fläche",
        "en": "Area",
    },
    "kprofil.density": {
        "de": "Bevölkerungsdichte",
        "en": "Population density",
    },
    "kprofil.per_km2": {
        "de": "je km²",
        "en": "per km²",
    },
    "kprofil.n_areas": {
        "de": "Anzahl {level}",
        "en": "Number of {level}",
    },
    "kprofil.no_value": {
        "de": "keine Angabe",
        "en": "no value",
    },
    "kprofil.no_index": {
        "de": "Für diese Auswertung wurde kein Index berechnet.",
        "en": "No index was computed for this run.",
    },
    "kprofil.key": {
        "de": "Nr.",
        "en": "No.",
    },
    "kprofil.name": {
        "de": "Name",
        "en": "Name",
    },
    "kprofil.index_value": {
        "de": "Indexwert",
        "en": "Index value",
    },
    "kprofil.index_rank": {
        "de": "Rang in der Region",
        "en": "Rank in the region",
    },
    "kprofil.index_class": {
        "de": "Klasse",
        "en": "Class",
    },
    "kprofil.mean_municipality": {
        "de": "Bevölkerungsgewichtetes Mittel der Gemeinde",
        "en": "Population-weighted mean of the municipality",
    },
    "kprofil.mean_region": {
        "de": "Bevölkerungsgewichtetes Mittel der Region",
        "en": "Population-weighted mean of the region",
    },
    "kprofil.diff": {
        "de": "Abweichung von der Region",
        "en": "Difference from the region",
    },
    "kprofil.index_gemeinde": {
        "de": "Index der Gemeinde (Ebene {level})",
        "en": "Index of the municipality (level {level})",
    },
    "kprofil.rank_of": {
        "de": "Rang {rank} von {n}",
        "en": "rank {rank} of {n}",
    },
    "kprofil.index_intro": {
        "de": "{name}: Rang 1 ist der Sozialraum mit den höchsten Problemlagen unter {n} {level} der Region.",
        "en": "{name}: rank 1 is the Sozialraum with the greatest disadvantage among {n} {level} of the region.",
    },
    "kprofil.mean_note": {
        "de": "Das bevölkerungsgewichtete Mittel ist die Summe von Indexwert mal Einwohnerzahl über die Sozialräume mit veröffentlichtem Wert, geteilt durch deren Einwohnerzahl.",
        "en": "The population-weighted mean is the sum of index value times inhabitants over the Sozialräume with a published value, divided by their inhabitants.",
    },
    "kprofil.indicator": {
        "de": "Kennzahl",
        "en": "Indicator",
    },
    "kprofil.municipality": {
        "de": "Gemeinde",
        "en": "Municipality",
    },
    "kprofil.region": {
        "de": "Region",
        "en": "Region",
    },
    "kprofil.change": {
        "de": "Veränderung seit {since} (Gemeinde, Prozentpunkte)",
        "en": "Change since {since} (municipality, percentage points)",
    },
    "kprofil.indicator_note": {
        "de": "Werte der Gemeinde und der Region sind aus den summierten Zählwerten ihrer Sozialräume neu berechnet (keine gemittelten Quoten); Abweichung und Veränderung in Prozentpunkten.",
        "en": "Values of the municipality and the region are recomputed from the summed counts of their Sozialräume (no averaged rates); difference and change in percentage points.",
    },
    "kprofil.age_group": {
        "de": "Altersgruppe",
        "en": "Age group",
    },
    "kprofil.count": {
        "de": "Anzahl",
        "en": "Count",
    },
    "kprofil.share": {
        "de": "Anteil",
        "en": "Share",
    },
    "kprofil.share_region_col": {
        "de": "Anteil in der Region",
        "en": "Share in the region",
    },
    "kprofil.pyramid_note": {
        "de": "Balken: Anteil jeder Alters- und Geschlechtsgruppe an der Bevölkerung der Gemeinde; schwarze Striche: derselbe Anteil in der Region.",
        "en": "Bars: share of each age and sex group in the municipality’s population; black ticks: the same share in the region.",
    },
    "kprofil.h.bars": {
        "de": "Einwohnerinnen und Einwohner nach Altersgruppe, Geschlecht und Staatsangehörigkeit",
        "en": "Inhabitants by age group, sex and nationality",
    },
    "kprofil.bars_note": {
        "de": "Balken: Anzahl je Altersgruppe, Geschlecht und Staatsangehörigkeit in der Gemeinde (dieselben Zahlen wie in tabellen/untergruppen.xlsx).",
        "en": "Bars: number per age group, sex and nationality in the municipality (the same numbers as in tabellen/untergruppen.xlsx).",
    },
    "kprofil.bars_withheld": {
        "de": "Nicht veröffentlicht (kein Balken, Zeichen statt Zahl): {cells}.",
        "en": "Not published (no bar, a sign instead of the number): {cells}.",
    },
    "kprofil.bars_age": {
        "de": "{age}: {count} ({share} %; Region {region} %)",
        "en": "{age}: {count} ({share} %; region {region} %)",
    },
    "kprofil.men": {
        "de": "Männer",
        "en": "Men",
    },
    "kprofil.women": {
        "de": "Frauen",
        "en": "Women",
    },
    "kprofil.age.U6": {
        "de": "unter 6",
        "en": "under 6",
    },
    "kprofil.age.6_14": {
        "de": "6 bis 14",
        "en": "6 to 14",
    },
    "kprofil.age.15_17": {
        "de": "15 bis 17",
        "en": "15 to 17",
    },
    "kprofil.age.18_64": {
        "de": "18 bis 64",
        "en": "18 to 64",
    },
    "kprofil.age.65U": {
        "de": "65 und älter",
        "en": "65 and over",
    },
    "cli.help.region": {
        "de": "die Demo-Region Landkreis Musterkreis (fiktiv, 6 Gemeinden) statt Musterstadt auswerten, mit Kommunalprofilen",
        "en": "run the demo region Landkreis Musterkreis (fictional, 6 municipalities) instead of Musterstadt, with municipality profiles",
    },
    "kprofil.sign.other": {
        "de": "keine Angabe (nicht geliefert oder nicht berechnet)",
        "en": "no value (not delivered or not computed)",
    },
}
