"""User-facing texts: The output bundle: tables, methods text, profiles, progress steps, output folders."""

TEXTS: dict[str, dict[str, str]] = {
    "methods.extra_changes": {
        "de": "Der Index {name} misst die Entwicklung: Seine Indikatoren sind die Veränderungen der veröffentlichten Werte vom {base} zum {to} (in Prozentpunkten; beide Stichtage mit derselben Geheimhaltung). Wo ein Wert an einem der beiden Stichtage gesperrt ist, fehlt auch die Veränderung.",
        "en": "The index {name} measures the dynamics: its indicators are the changes of the published values from {base} to {to} (in percentage points; both Stichtage with the same confidentiality). Where a value is withheld on either Stichtag, its change is missing too.",
    },
    "report.map.need": {"de": "Handlungsbedarf", "en": "Need for action"},
    "report.changes_no_previous": {
        "de": "Ein Index mit 'changes = true' braucht einen früheren Stichtag als {stichtag} in den Tabellen; die Tabellen enthalten keinen.",
        "en": "an index with 'changes = true' needs a Stichtag before {stichtag} in the tables; the tables hold none.",
    },
    "report.control_character": {
        "de": "Die Spalte '{column}' enthält Steuerzeichen (etwa NUL), die keine Ausgabe aufnehmen kann: {values}. Bitte in den Eingabedaten entfernen.",
        "en": "column '{column}' holds control characters (such as NUL) that no output can hold: {values}. Please remove them from the input data.",
    },
    "output.not_a_folder": {
        "de": "'{path}' gibt es schon und ist kein Ordner; --force ersetzt nur einen früheren Ergebnisordner. Wählen Sie einen anderen Namen (--out).",
        "en": "'{path}' exists and is not a folder; --force replaces only a previous result folder. Choose another name (--out).",
    },
    "output.is_cwd": {
        "de": "'{path}' ist der aktuelle Ordner oder enthält ihn und kann nicht ersetzt werden. Wählen Sie einen neuen Ordner für die Ergebnisse (--out).",
        "en": "'{path}' is the current folder or contains it; it cannot be replaced. Choose a new folder for the results (--out).",
    },
    "output.not_a_bundle": {
        "de": "'{path}' ist kein Ergebnisordner von sozialraum (es fehlt die Dateiliste manifest.json, die jeder Lauf schreibt); --force ersetzt nur solche, damit keine anderen Dateien gelöscht werden. Wählen Sie einen anderen Ordner (--out).",
        "en": "'{path}' is not a result folder of sozialraum (it lacks the file list manifest.json every run writes); --force replaces only those, so that no other files are deleted. Choose another folder (--out).",
    },
    "output.foreign_files": {
        "de": "Der Ergebnisordner '{path}' enthält Dateien, die nicht von diesem Lauf stammen oder seither verändert wurden: {files}. --force löscht nur die unveränderten Dateien eines Ergebnisordners; nichts wurde gelöscht. Verschieben Sie diese Dateien oder wählen Sie einen anderen Ordner (--out).",
        "en": "The output folder '{path}' holds files that are not from its run or were changed since: {files}. --force deletes only the unchanged files of a result folder; nothing was deleted. Move these files away or choose another folder (--out).",
    },
    "output.appeared": {
        "de": "Der Ergebnisordner '{path}' ist während des Laufs entstanden (von einem anderen Programm); er wurde nicht überschrieben. Wählen Sie einen anderen Ordner (--out) und starten Sie den Lauf erneut.",
        "en": "The output folder '{path}' appeared while the run was working (made by another program); it was not overwritten. Choose another folder (--out) and start the run again.",
    },
    "output.locked": {
        "de": "In den Ergebnisordner '{path}' schreibt gerade ein anderer Lauf von sozialraum (Prozess {pid}, Sperrdatei {lock}). Warten Sie, bis er fertig ist, oder wählen Sie einen anderen Ordner (--out).",
        "en": "Another run of sozialraum is writing the output folder '{path}' (process {pid}, lock file {lock}). Wait until it has finished or choose another folder (--out).",
    },
    "output.leftover": {
        "de": "Vom ersetzten Ergebnisordner ist '{path}' geblieben: Dateien, die während des Ersetzens hinzukamen. Bitte prüfen und von Hand löschen.",
        "en": "'{path}' is left of the replaced output folder: files that arrived while it was replaced. Please check them and delete the folder by hand.",
    },
    "output.reason.no_space": {
        "de": "kein Speicherplatz mehr frei auf dem Datenträger",
        "en": "no space left on the device",
    },
    "output.reason.quota": {
        "de": "Speicherkontingent (Quota) erschöpft",
        "en": "disk quota exceeded",
    },
    "output.reason.permission": {
        "de": "keine Schreibberechtigung",
        "en": "permission denied",
    },
    "output.reason.read_only": {
        "de": "der Datenträger ist schreibgeschützt",
        "en": "the file system is read-only",
    },
    "output.reason.not_a_folder": {
        "de": "ein Teil des Pfads ist eine Datei, kein Ordner",
        "en": "a part of the path is a file, not a folder",
    },
    "output.reason.not_found": {
        "de": "ein Ordner des Pfads existiert nicht",
        "en": "a folder of the path does not exist",
    },
    "output.reason.too_long": {"de": "der Pfad ist zu lang", "en": "the path is too long"},
    "output.reason.exists": {"de": "das Ziel existiert bereits", "en": "the target exists already"},
    "output.holds_inputs": {
        "de": "Der Ergebnisordner '{path}' enthält Eingaben dieses Laufs ({files}); er würde beim Ersetzen gelöscht. Wählen Sie einen eigenen Ordner für die Ergebnisse (--out).",
        "en": "The output folder '{path}' holds inputs of this run ({files}); replacing it would delete them. Choose a folder of its own for the results (--out).",
    },
    "output.cannot_create": {
        "de": "Der Ergebnisordner '{path}' kann nicht angelegt werden: {reason}. Wählen Sie einen Ordner, in den Sie schreiben dürfen (--out).",
        "en": "Cannot create the output folder '{path}': {reason}. Choose a folder you can write to (--out).",
    },
    "report.weights_k_tested": {
        "de": "[weights].k: k = {k} Nachbarn, getestet werden aber nur {n} Gebiete (Gebiete ohne Wert zählen nicht); k muss kleiner als {n} sein.",
        "en": "[weights].k: k = {k} neighbours, but only {n} areas are tested (areas without a value do not count); k must be smaller than {n}.",
    },
    "step.read": {"de": "Grenzen und Tabellen lesen", "en": "Reading boundaries and tables"},
    "step.indicators": {
        "de": "Indikatoren berechnen (mit Geheimhaltung)",
        "en": "Computing indicators (with confidentiality)",
    },
    "step.index": {"de": "Index berechnen", "en": "Computing the index"},
    "step.weights": {"de": "Nachbarschaften bestimmen", "en": "Building spatial weights"},
    "step.hotspots": {
        "de": "Hotspot-Analyse ({permutations} Permutationen)",
        "en": "Hotspot analysis ({permutations} permutations)",
    },
    "step.levels": {"de": "Übergeordnete Ebenen: {levels}", "en": "Higher levels: {levels}"},
    "step.maps": {"de": "Karten zeichnen", "en": "Drawing maps"},
    "step.gpkg": {
        "de": "GeoPackage mit QGIS-Stilen schreiben",
        "en": "Writing the styled GeoPackage",
    },
    "step.tables": {"de": "Tabellen schreiben (CSV, XLSX)", "en": "Writing tables (CSV, XLSX)"},
    "step.profiles": {"de": "Sozialraumprofile schreiben", "en": "Writing area profiles"},
    "step.methods": {"de": "Methodentext schreiben", "en": "Writing the methods text"},
    "step.provenance": {"de": "Herkunftsnachweis schreiben", "en": "Writing provenance"},
    "step.finish": {"de": "Ergebnisordner fertigstellen", "en": "Finishing the output folder"},
    "summary.title": {"de": "Fertig. Ergebnisse in {path}:", "en": "Done. Results in {path}:"},
    "summary.maps": {
        "de": "  {n} Karten als {formats}, interaktive Karten (HTML): {n_html}   {folder}",
        "en": "  {n} maps as {formats}, interactive maps (HTML): {n_html}   {folder}",
    },
    "summary.gpkg": {
        "de": "  GeoPackage mit QGIS-Stilen ({levels})   {file}",
        "en": "  GeoPackage with QGIS styles ({levels})   {file}",
    },
    "summary.tables": {
        "de": "  Tabellen (CSV, XLSX)   {folder}",
        "en": "  Tables (CSV, XLSX)   {folder}",
    },
    "summary.profiles": {
        "de": "  {n} Sozialraumprofile ({formats})   {folder}",
        "en": "  {n} area profiles ({formats})   {folder}",
    },
    "summary.monitoring": {
        "de": "  Zeitreihe: Veränderung, Trend, Hot Spots über die Jahre ({n} Karten, Tabellen)   {folder}",
        "en": "  Time series: change, trend, hot spots over the years ({n} maps, tables)   {folder}",
    },
    "summary.methods": {
        "de": "  Methodentext zum Einfügen in Anträge   {file}",
        "en": "  Methods text for applications   {file}",
    },
    "summary.provenance": {
        "de": "  Herkunftsnachweis (Prüfsummen, Einstellungen, Versionen)   {file}",
        "en": "  Provenance (checksums, settings, versions)   {file}",
    },
    "summary.finding": {"de": "  Befund: {text}", "en": "  Finding: {text}"},
    "report.notes_sheet": {"de": "Erläuterung", "en": "Notes"},
    "profile.title": {"de": "Sozialraumprofil", "en": "Area profile"},
    "profile.index_title": {"de": "Sozialraumprofile: {level}", "en": "Area profiles: {level}"},
    "profile.stichtag": {"de": "Stand {stichtag}", "en": "as of {stichtag}"},
    "profile.key": {"de": "Schlüssel", "en": "Key"},
    "profile.area": {"de": "Fläche", "en": "Area"},
    "profile.population": {"de": "Einwohnerinnen und Einwohner", "en": "Inhabitants"},
    "profile.density": {"de": "Bevölkerungsdichte", "en": "Population density"},
    "profile.per_km2": {"de": "je km²", "en": "per km²"},
    "profile.h.indicators": {
        "de": "Indikatoren im Vergleich zur Stadt",
        "en": "Indicators compared with the city",
    },
    "profile.indicator": {"de": "Indikator", "en": "Indicator"},
    "profile.value": {"de": "Wert", "en": "Value"},
    "profile.city": {"de": "Gesamtstadt", "en": "City"},
    "profile.diff": {"de": "Differenz (Prozentpunkte)", "en": "Difference (points)"},
    "profile.city_note": {
        "de": "Gesamtstadt: aus den summierten Zählwerten aller Gebiete berechnet (kein Mittelwert der Anteile).",
        "en": "City: computed from the summed counts of all areas (not an average of rates).",
    },
    "profile.h.index": {"de": "Index und räumliche Einordnung", "en": "Index and spatial context"},
    "profile.index_score": {"de": "Indexwert", "en": "Index score"},
    "profile.index_rank": {"de": "Rang", "en": "Rank"},
    "profile.rank_of": {
        "de": "{rank} von {n} (1 = höchste Benachteiligung)",
        "en": "{rank} of {n} (1 = most deprived)",
    },
    "profile.index_class": {"de": "Indexklasse", "en": "Index class"},
    "profile.lisa": {"de": "LISA-Cluster", "en": "LISA cluster"},
    "profile.gi": {"de": "Hotspot-Analyse (Gi*)", "en": "Hot spot analysis (Gi*)"},
    "profile.hotspot_note": {
        "de": "Hotspot-Analyse: {permutations} Permutationen, Startwert {seed}, α = {alpha}, Korrektur: {corr}; p-Werte nach Korrektur.",
        "en": "Hot spot analysis: {permutations} permutations, seed {seed}, α = {alpha}, correction: {corr}; p-values after correction.",
    },
    "profile.h.series": {
        "de": "Entwicklung über die Stichtage",
        "en": "Development over the reference dates",
    },
    "profile.series_withheld": {
        "de": "Nicht veröffentlicht (Lücke in der Linie): {items}.",
        "en": "Withheld (gap in the line): {items}.",
    },
    "profile.series_note": {
        "de": "Veröffentlichte Werte je Stichtag wie in monitoring/zeitreihe_lang.csv; ein nicht veröffentlichter Wert ist eine Lücke in der Linie.",
        "en": "Published values per reference date as in monitoring/zeitreihe_lang.csv; a withheld value is a gap in the line.",
    },
    "profile.series_index_note": {
        "de": "Der Index ist an jedem Stichtag für sich standardisiert: seine Linie zeigt die Lage gegenüber den anderen Gebieten, nicht die absolute Entwicklung.",
        "en": "The index is standardised on each reference date on its own: its line shows the position relative to the other areas, not the absolute development.",
    },
    "profile.series_estimated": {
        "de": "Geschätzt: die Werte vom {days} lagen auf einem früheren Gebietsstand und sind nach Flächenanteilen auf die heutigen Grenzen umgerechnet (siehe methodik.md).",
        "en": "Estimated: the values of {days} were on earlier boundaries and are converted onto today's boundaries by area shares (see methods.md).",
    },
    "profile.series_more": {
        "de": "{n} weitere Reihen: monitoring/zeitreihe_lang.csv.",
        "en": "{n} further series: monitoring/zeitreihe_lang.csv.",
    },
    "profile.direction.title": {"de": "Lesehilfe", "en": "How to read the indices"},
    "profile.direction.opposite": {
        "de": "Die Indizes laufen in entgegengesetzte Richtungen:",
        "en": "The indices run in opposite directions:",
    },
    "profile.direction.worse": {
        "de": "{name}: höhere Werte bedeuten eine ungünstigere Lage (mehr Benachteiligung).",
        "en": "{name}: higher values mean a less favourable situation (more deprivation).",
    },
    "profile.direction.better": {
        "de": "{name}: höhere Werte bedeuten eine günstigere Lage (weniger Benachteiligung).",
        "en": "{name}: higher values mean a more favourable situation (less deprivation).",
    },
    "profile.source": {"de": "Quelle: {source}", "en": "Source: {source}"},
    "profile.made_with": {
        "de": "Erstellt mit sozialraum {version}; Methodik: methodik.md",
        "en": "Produced with sozialraum {version}; methods: methods.md",
    },
    "methods.title": {
        "de": "Methodik und Befunde (Stichtag {stichtag})",
        "en": "Methods and findings (reference date {stichtag})",
    },
    "methods.and_more": {"de": "und {n} weitere", "en": "and {n} more"},
    "methods.h.data": {"de": "Daten", "en": "Data"},
    "methods.h.indicators": {"de": "Indikatoren", "en": "Indicators"},
    "methods.h.index": {"de": "Index", "en": "Index"},
    "methods.h.weights": {"de": "Räumliche Nachbarschaft", "en": "Spatial weights"},
    "methods.h.hotspots": {"de": "Hotspot-Analyse", "en": "Hotspot analysis"},
    "methods.h.confidentiality": {"de": "Geheimhaltung", "en": "Confidentiality"},
    "methods.h.findings": {"de": "Zentrale Befunde", "en": "Main findings"},
    "methods.h.monitoring": {
        "de": "Zeitreihe: Veränderung, Trend und Hot Spots über die Jahre",
        "en": "Time series: change, trend and hot spots over the years",
    },
    "methods.mon.data": {
        "de": "Die Zeitreihe umfasst {n} Stichtage ({days}). Basis der Veränderungen ist der {base}; verglichen wird {pairs}. Ausgewertet werden: {columns}.",
        "en": "The time series covers {n} Stichtage ({days}). Changes start from {base}; compared is {pairs}. Analysed: {columns}.",
    },
    "methods.mon.pairs_base": {
        "de": "jeder spätere Stichtag mit der Basis",
        "en": "every later Stichtag with the base",
    },
    "methods.mon.pairs_consecutive": {
        "de": "jeder Stichtag mit dem vorherigen",
        "en": "every Stichtag with the one before",
    },
    "methods.mon.index": {
        "de": "Der Index wird an jedem Stichtag mit derselben Spezifikation berechnet und an jedem Stichtag für sich standardisiert (über die Gebiete dieses Stichtags). Eine Veränderung des Index zeigt daher, wie sich die Lage eines Gebiets gegenüber den anderen verschoben hat, nicht wie sich die Lebenslagen absolut verändert haben; das zeigen die Veränderungen der Indikatoren.",
        "en": "The index is computed on every Stichtag with the same specification and standardised on each Stichtag on its own (over that Stichtag's areas). A change of the index therefore shows how an area's position relative to the others has shifted, not how living conditions changed in absolute terms; the changes of the indicators show that.",
    },
    "methods.mon.confidentiality": {
        "de": "Geheimhaltung über die Jahre: Die Zählwerte jedes Stichtags werden für sich gesperrt (dieselben Regeln wie oben, primär und sekundär); Quoten, Index, Veränderungen und Tests werden nur aus veröffentlichten Zählwerten berechnet. Eine Veränderung wird nur veröffentlicht, wenn der Wert an beiden Stichtagen veröffentlicht ist, sonst ließe sich der gesperrte Wert aus dem anderen und der Differenz zurückrechnen. Deshalb sind {n} Veränderungswerte gesperrt.",
        "en": "Confidentiality over the years: the counts of every Stichtag are suppressed on their own (the rules above, primary and secondary); rates, index, changes and tests are computed from published counts only. A change is published only where the value is published on both Stichtage, else the hidden value could be recovered from the other one and the difference. {n} change values are withheld for this reason.",
    },
    "methods.mon.counts_untested": {
        "de": "{label}, {base} bis {to}: ohne Zufallstest, {hidden} gesperrt; Trend steigend in {t_up}, fallend in {t_down} Gebieten, in {too_few} zu wenige Stichtage für einen Trendtest.",
        "en": "{label}, {base} to {to}: not tested against chance, {hidden} withheld; trend rising in {t_up}, falling in {t_down} areas, too few Stichtage for a trend test in {too_few}.",
    },
    "methods.mon.counts": {
        "de": "{label}, {base} bis {to}: signifikant gestiegen in {up}, signifikant gesunken in {down} Gebieten, {hidden} gesperrt; Trend steigend in {t_up}, fallend in {t_down} Gebieten, in {too_few} zu wenige Stichtage für einen Trendtest.",
        "en": "{label}, {base} to {to}: significantly up in {up}, significantly down in {down} areas, {hidden} withheld; trend rising in {t_up}, falling in {t_down} areas, too few Stichtage for a trend test in {too_few}.",
    },
    "methods.mon.ehsa_on": {
        "de": "Untersucht wird: {label}.",
        "en": "Analysed: {label}.",
    },
    "methods.mon.ehsa_excluded": {
        "de": "Nicht einbezogen, weil an mindestens einem Stichtag ohne veröffentlichten Wert: {areas}.",
        "en": "Not included because without a published value on at least one Stichtag: {areas}.",
    },
    "methods.mon.boundaries_same": {
        "de": "Gebietsstand unverändert: Alle {n} Gebiete der aktuellen Gebietsgrenzen liegen an jedem Stichtag vor; die Reihen werden ohne Umrechnung auf diesen Grenzen ausgewertet.",
        "en": "Boundaries unchanged: all {n} areas of the current boundaries are present on every Stichtag; the series are analysed on these boundaries without conversion.",
    },
    "methods.mon.boundaries_missing": {
        "de": "Gebietsstand: An {n_days} Stichtag(en) fehlen Gebiete der aktuellen Gebietsgrenzen (Stichtag: Anzahl fehlender Gebiete – {details}); dort fehlen ihre Werte in allen Reihen. Eine Umrechnung auf den aktuellen Gebietsstand ist nicht erfolgt.",
        "en": "Boundaries: on {n_days} Stichtag(e) areas of the current boundaries are missing (Stichtag: number of missing areas – {details}); their values are missing there in every series. The series were not converted to the current boundaries.",
    },
    "methods.mon.boundaries_harmonised": {
        "de": "Gebietsstand: Die Stichtage {days} liegen auf einem früheren Gebietsstand ({layers}). Ihre Zählwerte wurden nach Flächenanteilen auf die aktuellen {n} Gebiete umgerechnet (sr.areal_interpolate, mit tobler) und innerhalb der jeweils verbundenen Gebiete auf ganze Zahlen gerundet, ohne deren Summen zu ändern; Quoten und Index sind aus den umgerechneten Zahlen neu berechnet. Für {n_areas} Gebiete ({areas}) sind die Werte vor der Reform daher Schätzungen; die Spalte interpolated_share der Tabellen nennt den geschätzten Anteil (0 = unverändert übernommen).",
        "en": "Boundaries: the Stichtage {days} are on an earlier set of boundaries ({layers}). Their counts were converted by area onto the current {n} areas (sr.areal_interpolate, with tobler) and rounded to whole numbers within each group of linked areas without changing its totals; rates and the index were recomputed from the converted counts. For {n_areas} areas ({areas}) the values before the reform are therefore estimates; the tables' column interpolated_share gives the estimated share (0 = taken over unchanged).",
    },
    "methods.mon.files": {
        "de": "Dateien im Ordner monitoring/: zeitreihe_lang.csv und zeitreihe_breit.csv (die Reihen), veraenderung.csv, trend.csv, hotspots_zeit.csv, monitoring.xlsx (alle Tabellen) und die Karten (Veränderung, die Stichtage {shown} nebeneinander mit gemeinsamen Klassengrenzen, Trend, Hot Spots über die Jahre).",
        "en": "Files in the folder monitoring/: zeitreihe_lang.csv and zeitreihe_breit.csv (the series), veraenderung.csv, trend.csv, hotspots_zeit.csv, monitoring.xlsx (all tables) and the maps (change, the Stichtage {shown} side by side with shared class bounds, trend, hot spots over the years).",
    },
    "report.mon.map.change": {
        "de": "{label}: Veränderung {base} – {to}",
        "en": "{label}: change {base} – {to}",
    },
    "report.mon.map.series": {
        "de": "{label}, {first} bis {last}",
        "en": "{label}, {first} to {last}",
    },
    "report.mon.map.trend": {
        "de": "{label}: Trend {first} – {last}",
        "en": "{label}: trend {first} – {last}",
    },
    "report.mon.map.ehsa": {
        "de": "{label}: Hot Spots über die Jahre {first} – {last}",
        "en": "{label}: hot spots over the years {first} – {last}",
    },
    "report.mon.sheet.zeitreihe_lang": {"de": "Zeitreihe (lang)", "en": "Series (long)"},
    "report.mon.sheet.zeitreihe_breit": {"de": "Zeitreihe (breit)", "en": "Series (wide)"},
    "report.mon.sheet.veraenderung": {"de": "Veränderung", "en": "Change"},
    "report.mon.sheet.trend": {"de": "Trend", "en": "Trend"},
    "report.mon.sheet.hotspots_zeit": {"de": "Hot Spots über die Jahre", "en": "Hot spots over time"},
    "report.mon.col.stichtag": {"de": "Stichtag der Zeile.", "en": "The row's Stichtag."},
    "report.mon.col.merkmal": {"de": "Indikator oder Index (index_wert).", "en": "Indicator or index (index_wert)."},
    "report.mon.col.basis": {"de": "Basis-Stichtag der Veränderung.", "en": "Base Stichtag of the change."},
    "report.mon.col.ziel": {"de": "Stichtag, mit dem verglichen wird.", "en": "The Stichtag compared with the base."},
    "report.mon.col.einheit": {"de": "Einheit der Veränderung (Prozentpunkte bei Quoten in %).", "en": "Unit of the change (percentage points for rates in %)."},
    "report.mon.col.veraenderung": {"de": "Wert am Ziel-Stichtag minus Wert am Basis-Stichtag; gesperrt, wenn einer der beiden Werte gesperrt ist.", "en": "Value on the later Stichtag minus the base value; withheld where either value is withheld."},
    "report.mon.col.veraenderung_prozent": {"de": "Veränderung in % des Basiswerts (leer für den Index, der keinen natürlichen Nullpunkt hat, und wo der Basiswert nicht über 0 liegt).", "en": "Change in % of the base value (empty for the index, which has no natural zero, and where the base value is not above 0)."},
    "report.mon.col.p": {"de": "p-Wert (Veränderung: exakter Test nach Fisher; Trend: Mann-Kendall, exakt).", "en": "p-value (change: Fisher's exact test; trend: Mann-Kendall, exact)."},
    "report.mon.col.p_korr": {"de": "p-Wert nach Korrektur für multiples Testen über die Gebiete.", "en": "p-value corrected for multiple testing over the areas."},
    "report.mon.col.steigung_je_jahr": {"de": "Steigung nach Theil-Sen je Jahr (mit 95-%-Intervall: steigung_unten, steigung_oben).", "en": "Theil-Sen slope per year (95 % interval: steigung_unten, steigung_oben)."},
    "report.mon.col.min_p": {"de": "Kleinster mit diesen Stichtagen erreichbarer p-Wert.", "en": "Smallest p-value attainable with these Stichtage."},
    "report.mon.col.muster": {"de": "Muster der Emerging Hot Spot Analysis (ArcGIS Pro).", "en": "Emerging hot spot pattern (ArcGIS Pro)."},
    "methods.h.notes": {"de": "Hinweise zur Aussagekraft", "en": "Caveats"},
    "methods.h.reproduce": {"de": "Reproduzierbarkeit", "en": "Reproducibility"},
    "methods.left_out": {
        "de": "Aus {file} wurden nicht als Gebiete gelesen: {parts}.",
        "en": "Not read as areas from {file}: {parts}.",
    },
    "methods.reprojected": {
        "de": "Die Gebietsgrenzen lagen im geographischen Koordinatensystem {source} (Grad) vor; für Flächen, Entfernungen und Nachbarschaften wurden sie beim Laden nach {target} (ETRS89 / UTM) umprojiziert.",
        "en": "The area boundaries came in the geographic coordinate system {source} (degrees); for areas, distances and neighbourhoods they were reprojected to {target} (ETRS89 / UTM) on load.",
    },
    "methods.repaired": {
        "de": "Ungültige Gebietsgeometrien (Anzahl: {n}; z. B. Selbstüberschneidungen) wurden beim Laden mit shapely.make_valid repariert; nur der flächige Teil blieb. Fläche laut Datei → nach der Reparatur: {cases}. Bitte die Grenzen im GIS prüfen.",
        "en": "Invalid area geometries (number: {n}; e.g. self-intersections) were repaired on load with shapely.make_valid, keeping only the polygonal part. Area as in the file → after the repair: {cases}. Please check the boundaries in your GIS.",
    },
    "methods.repaired_case": {
        "de": "{key}: {before} → {after} m² ({change} %)",
        "en": "{key}: {before} → {after} m² ({change} %)",
    },
    "methods.data": {
        "de": "Grundlage sind {n} {unit} mit den Daten der Quelle „{source}“ (Lizenz: {licence}) zum Stichtag {stichtag} und den Gebietsgrenzen „{geometry}“ (Lizenz: {geometry_licence}). Ausgewertet werden die Ebenen {levels}.",
        "en": "The analysis covers {n} areas ({unit}) with data from “{source}” (licence: {licence}) at the reference date {stichtag} and the boundaries “{geometry}” (licence: {geometry_licence}). Levels: {levels}.",
    },
    "methods.ind_head": {
        "de": "| Kürzel | Indikator | Berechnung | Thema | Wirkung im Index |",
        "en": "| Code | Indicator | Computation | Theme | Effect in the index |",
    },
    "methods.dir_pos": {
        "de": "ein höherer Wert erhöht den Indexwert",
        "en": "a higher value raises the index score",
    },
    "methods.dir_neg": {
        "de": "ein höherer Wert senkt den Indexwert",
        "en": "a higher value lowers the index score",
    },
    "methods.dir_none": {
        "de": "geht in keinen Index ein",
        "en": "not part of an index",
    },
    "methods.rates": {
        "de": "Anteile aus Zählwerten ({codes}) werden je Gebiet aus Zähler und Nenner berechnet; für übergeordnete Ebenen und die Gesamtstadt werden die Zählwerte summiert und die Anteile neu berechnet (Anteile werden nie gemittelt).",
        "en": "Rates from counts ({codes}) are computed per area from numerator and denominator; for higher levels and the whole city the counts are summed and the rates recomputed (rates are never averaged).",
    },
    "methods.rates_delivered_den": {
        "de": "Wie geliefert übernommen, mit Nenner ({codes}): Die Geheimhaltung prüft die daraus folgenden Fallzahlen (Anteil × Nenner); übergeordnete Ebenen und die Gesamtstadt summieren diese Fallzahlen und die Nenner.",
        "en": "Taken as delivered, with a denominator ({codes}): confidentiality checks the implied counts (rate × denominator); higher levels and the whole city sum these counts and the denominators.",
    },
    "methods.rates_delivered_pop": {
        "de": "Wie geliefert übernommen, ohne Nenner ({codes}): Fallzahlen sind nicht bekannt, die Regel für kleine Fallzahlen kann nicht angewandt werden. Übergeordnete Ebenen und die Gesamtstadt erhalten das mit der Einwohnerzahl ({population}) gewichtete Mittel der Gebiete mit Wert, wo diese mindestens 90 % der Einwohner stellen; das entspricht dem Anteil der summierten Zählwerte, wenn der Nenner eines Gebiets proportional zu seiner Einwohnerzahl ist.",
        "en": "Taken as delivered, without a denominator ({codes}): counts are unknown, so the small-count rule cannot be applied. Higher levels and the whole city get the mean of the areas with a value weighted by population ({population}), where those areas hold at least 90 % of the inhabitants; this equals the rate of the summed counts when each area's denominator is proportional to its population.",
    },
    "methods.rates_delivered_none": {
        "de": "Wie geliefert übernommen, ohne Nenner ({codes}): ohne Einwohnerzahl lassen sich für übergeordnete Ebenen keine Werte bilden; sie bleiben leer.",
        "en": "Taken as delivered, without a denominator ({codes}): without a population column no values can be formed for higher levels; they stay empty.",
    },
    "methods.rounding": {
        "de": "Veröffentlicht werden die Werte auf zwei Nachkommastellen gerundet.",
        "en": "Published values are rounded to two decimals.",
    },
    "methods.no_index": {"de": "Es wurde kein Index berechnet.", "en": "No index was computed."},
    "methods.index": {
        "de": "Der Index „{name}“ fasst die Indikatoren {cols} zusammen: Sie werden {norm}, {weights} gewichtet und {agg} zusammengefasst.",
        "en": "The index “{name}” combines the indicators {cols}: they are {norm}, weighted {weights} and combined by {agg}.",
    },
    "methods.score_norm": {
        "de": "Der Summenwert wird anschließend {norm}.",
        "en": "The combined score is then {norm}.",
    },
    "methods.norm.zscore": {
        "de": "z-standardisiert (Mittelwert 0, Standardabweichung 1 der Grundgesamtheit)",
        "en": "z-standardised (mean 0, population standard deviation 1)",
    },
    "methods.norm.zscore_sample": {
        "de": "z-standardisiert (Stichproben-Standardabweichung)",
        "en": "z-standardised (sample standard deviation)",
    },
    "methods.norm.minmax": {"de": "auf 0 bis 1 skaliert (Min-Max)", "en": "min-max scaled to 0-1"},
    "methods.norm.percentile": {"de": "in Perzentilränge umgerechnet", "en": "percentile-ranked"},
    "methods.norm.rank": {"de": "in Ränge umgerechnet", "en": "ranked"},
    "methods.norm.distance": {
        "de": "als Abstand zum gesamtstädtischen Wert ausgedrückt",
        "en": "expressed as distance to the city value",
    },
    "methods.norm.imd_exponential": {
        "de": "rangbasiert exponentiell transformiert (IMD-Verfahren)",
        "en": "rank-based exponentially transformed (IMD method)",
    },
    "methods.weighting.equal": {"de": "gleich", "en": "equally"},
    "methods.weighting.explicit": {"de": "mit festen Gewichten", "en": "with fixed weights"},
    "methods.weighting.theme": {"de": "gleich je Thema", "en": "equally per theme"},
    "methods.weighting.pca": {
        "de": "nach der Hauptkomponentenanalyse",
        "en": "by principal component analysis",
    },
    "methods.weighting.pca_theme": {
        "de": "je Thema nach der ersten Hauptkomponente (GISD-Verfahren)",
        "en": "per theme by the first principal component (GISD method)",
    },
    "methods.weighting.random": {"de": "zufällig", "en": "randomly"},
    "methods.aggregation.arithmetic": {"de": "als arithmetisches Mittel", "en": "arithmetic mean"},
    "methods.aggregation.geometric": {"de": "als geometrisches Mittel", "en": "geometric mean"},
    "methods.constant_indicator": {
        "de": "Ohne Unterschiede zwischen den Gebieten (überall derselbe Wert): {columns}. Ein solcher Indikator geht mit dem standardisierten Wert 0 in den Index ein, unterscheidet die Gebiete also nicht; seine Karte zeigt „keine Unterschiede“.",
        "en": "Without differences between the areas (the same value everywhere): {columns}. Such an indicator enters the index with the standardised value 0, so it tells the areas nothing apart; its map shows “no differences”.",
    },
    "methods.min_pop": {
        "de": "{unit} mit weniger als {n} Einwohnerinnen und Einwohnern gehen nicht in den Index ein.",
        "en": "Areas ({unit}) with fewer than {n} inhabitants are not included in the index.",
    },
    "methods.classes.sd": {
        "de": "Klassen nach Standardabweichungen mit den Grenzen {cuts}: {labels}.",
        "en": "Classes by standard deviations with cut points {cuts}: {labels}.",
    },
    "methods.classes.fixed": {
        "de": "Klassen mit den festen Grenzen {cuts}: {labels}.",
        "en": "Classes with the fixed cut points {cuts}: {labels}.",
    },
    "methods.classes.other": {
        "de": "{k} Klassen (Verfahren: {method}): {labels}.",
        "en": "{k} classes (method: {method}): {labels}.",
    },
    "methods.themes": {
        "de": "Zuerst wird je Thema ein Teilindex gebildet und erneut standardisiert ({themes}); der Gesamtindex fasst die Teilindizes zusammen.",
        "en": "First a sub-index is formed per theme and standardised again ({themes}); the overall index combines the sub-indices.",
    },
    "methods.themes_norm": {
        "de": "Zuerst wird je Thema ein Teilindex gebildet und {norm} ({themes}); der Gesamtindex fasst die Teilindizes zusammen.",
        "en": "First a sub-index is formed per theme and {norm} ({themes}); the overall index combines the sub-indices.",
    },
    "methods.higher_is_better": {
        "de": "Hier bedeuten höhere Werte bessere Lebenslagen; Rang 1 ist dennoch das am stärksten benachteiligte Gebiet.",
        "en": "Here higher values mean better living conditions; rank 1 is still the most deprived area.",
    },
    "methods.extra_index": {
        "de": "Zusätzlicher Index (Spalten {name}_wert, {name}_rang, {name}_klasse):",
        "en": "Additional index (columns {name}_wert, {name}_rang, {name}_klasse):",
    },
    "methods.f.extra_worst": {
        "de": "{index}: {count} {liegen} in der Klasse „{cls}“ (höchste Benachteiligung): {areas}.",
        "en": "{index}: {count} {liegen} in the class “{cls}” (highest deprivation): {areas}.",
    },
    "methods.rank": {
        "de": "Rang 1 bezeichnet das am stärksten benachteiligte Gebiet.",
        "en": "Rank 1 is the most deprived area.",
    },
    "methods.source": {"de": "Verfahren nach: {source}.", "en": "Method after: {source}."},
    "methods.preset": {
        "de": "Umgesetzt mit der Vorgabe „{preset}“ des Pakets sozialraum.",
        "en": "Implemented with the preset “{preset}” of the sozialraum package.",
    },
    "methods.stat.local_moran": {
        "de": "dem lokalen Moran's I (LISA, Anselin 1995)",
        "en": "local Moran's I (LISA, Anselin 1995)",
    },
    "methods.stat.gstar": {
        "de": "der Getis-Ord-Statistik Gi* (Ord und Getis 1995)",
        "en": "Getis-Ord Gi* (Ord and Getis 1995)",
    },
    "methods.hotspots": {
        "de": "Räumliche Häufungen des Werts „{variable}“ wurden mit {stats} untersucht. {inference} Die p-Werte (zweiseitig) wurden für multiples Testen korrigiert ({corr}), Signifikanzniveau α = {alpha}. Zusätzlich wurde das globale Moran's I berechnet.",
        "en": "Spatial clustering of “{variable}” was examined with {stats}. {inference} The p-values (two-sided) were corrected for multiple testing ({corr}), significance level α = {alpha}. The global Moran's I was computed as well.",
    },
    "methods.inference_exact": {
        "de": "Die Signifikanz wurde bedingt geprüft (der Wert eines Gebiets bleibt fest, die übrigen Werte werden auf seine Nachbarn verteilt), und zwar für alle {exact} getesteten Gebiete durch vollständige Aufzählung aller möglichen Verteilungen: exakt, ohne Zufall.",
        "en": "Significance was tested conditionally (an area's value stays fixed, the other values are distributed over its neighbours), for all {exact} tested areas by enumerating every possible distribution: exact, without chance.",
    },
    "methods.inference_sampled": {
        "de": "Die Signifikanz wurde bedingt geprüft (der Wert eines Gebiets bleibt fest, die übrigen Werte werden auf seine Nachbarn verteilt), mit {permutations} zufälligen Permutationen je Gebiet für {sampled} Gebiete (Startwert des Zufallsgenerators {seed}, daher reproduzierbar).",
        "en": "Significance was tested conditionally (an area's value stays fixed, the other values are distributed over its neighbours), with {permutations} random permutations per area for {sampled} areas (random seed {seed}, hence reproducible).",
    },
    "methods.inference_mixed": {
        "de": "Die Signifikanz wurde bedingt geprüft (der Wert eines Gebiets bleibt fest, die übrigen Werte werden auf seine Nachbarn verteilt): für {exact} Gebiete durch vollständige Aufzählung aller möglichen Verteilungen (exakt, ohne Zufall), für {sampled} Gebiete mit {permutations} zufälligen Permutationen (Startwert des Zufallsgenerators {seed}, daher reproduzierbar).",
        "en": "Significance was tested conditionally (an area's value stays fixed, the other values are distributed over its neighbours): for {exact} areas by enumerating every possible distribution (exact, without chance), for {sampled} areas with {permutations} random permutations (random seed {seed}, hence reproducible).",
    },
    "methods.hotspots_excluded": {
        "de": "Ohne Wert und daher nicht getestet (nicht Teil der Nachbarschaftsmatrix): {areas}.",
        "en": "Without a value and therefore not tested (not part of the weights): {areas}.",
    },
    "methods.suppression": {
        "de": "Gesperrt wurden {primary} Zellen wegen kleiner Fallzahlen und {secondary} weitere, aus denen sie sich über Summen zurückrechnen ließen; die betroffenen Werte fehlen in allen veröffentlichten Dateien und sind als „keine Angabe (Geheimhaltung)“ gekennzeichnet.",
        "en": "{primary} cells were suppressed for small counts and {secondary} more from which they could be recovered through totals; the affected values are missing from every published file and marked “not published (confidentiality)”.",
    },
    "methods.suppression_none": {
        "de": "Keine Zelle musste gesperrt werden.",
        "en": "No cell had to be suppressed.",
    },
    "methods.reproduce": {
        "de": "Erstellt mit sozialraum {version}. Prüfsummen und Zeilenzahlen aller Eingaben, die vollständige Konfiguration, Startwerte und alle Paketversionen stehen in provenance.json; dieselbe Konfiguration mit denselben Eingaben ergibt dieselben Tabellen (sozialraum run KONFIGURATION).",
        "en": "Produced with sozialraum {version}. Checksums and row counts of every input, the full configuration, seeds and all package versions are in provenance.json; the same configuration with the same inputs gives the same tables (sozialraum run CONFIG).",
    },
    "methods.high_deprivation": {"de": "hoher Benachteiligung", "en": "high deprivation"},
    "methods.high_values": {"de": "hoher Werte ({label})", "en": "high values ({label})"},
    "methods.f.index_n": {
        "de": "Der Index liegt für {n_in} der {n} {unit} vor.",
        "en": "The index is available for {n_in} of {n} areas ({unit}).",
    },
    "methods.f.index_excluded": {
        "de": "Ohne Indexwert: {areas}.",
        "en": "Without an index value: {areas}.",
    },
    "methods.f.reweighted": {
        "de": "Bei {n} Gebiet(en) fehlte ein Indikator (z. B. wegen Geheimhaltung); ihr Indexwert beruht auf den übrigen, neu gewichteten Indikatoren: {areas}.",
        "en": "{n} area(s) lacked one indicator (e.g. for confidentiality); their index score rests on the remaining, re-weighted indicators: {areas}.",
    },
    "methods.note.small_sample": {
        "de": "Die lokalen Tests beruhen auf nur {n} Gebieten (weniger als 30): Jedes Gebiet wird mit wenigen Nachbarn verglichen, der kleinste erreichbare p-Wert ist begrenzt; Ergebnisse sind als Hinweise, nicht als Beweise zu lesen.",
        "en": "The local tests rest on only {n} areas (fewer than 30): each area is compared with few neighbours and the smallest attainable p-value is bounded; read the results as indications, not proof.",
    },
    "methods.f.worst_class": {
        "de": "{count} {liegen} in der Klasse „{cls}“ (höchste Benachteiligung): {areas}.",
        "en": "{count} {liegen} in the class “{cls}” (highest deprivation): {areas}.",
    },
    "methods.f.worst_class_empty": {
        "de": "Kein Gebiet liegt in der Klasse „{cls}“.",
        "en": "No area is in the class “{cls}”.",
    },
    "methods.f.hh": {
        "de": "{count} {bilden} einen signifikanten Hotspot {what} (LISA hoch-hoch, {corr}, α = {alpha}): {areas}.",
        "en": "{count} {bilden} a significant hotspot of {what} (LISA high-high, {corr}, α = {alpha}): {areas}.",
    },
    "methods.f.ll": {
        "de": "{count} {bilden} einen signifikanten Coldspot (LISA niedrig-niedrig, {corr}, α = {alpha}): {areas}.",
        "en": "{count} {bilden} a significant cold spot (LISA low-low, {corr}, α = {alpha}): {areas}.",
    },
    "methods.f.outliers": {
        "de": "Signifikante räumliche Ausreißer (hoch-niedrig oder niedrig-hoch): {count}: {areas}.",
        "en": "Significant spatial outliers (high-low or low-high): {count}: {areas}.",
    },
    "methods.f.lisa_none": {
        "de": "Nach der Korrektur für multiples Testen ({corr}) ist kein LISA-Cluster signifikant (α = {alpha}); die Daten belegen keine lokale Häufung.",
        "en": "After the multiple-testing correction ({corr}) no LISA cluster is significant (α = {alpha}); the data show no confirmed local cluster.",
    },
    "methods.f.untestable": {
        "de": "{count} {sind} wegen zu weniger Nachbarn nicht testbar (der kleinste erreichbare p-Wert liegt über dem Signifikanzniveau): {areas}.",
        "en": "{count} {sind} untestable with their number of neighbours (the smallest attainable p-value exceeds the significance level): {areas}.",
    },
    "methods.f.islands": {
        "de": "Ohne Nachbarn und daher nicht getestet: {areas}.",
        "en": "Without neighbours and therefore not tested: {areas}.",
    },
    "methods.f.gstar": {
        "de": "Getis-Ord Gi* ({corr}, α = {alpha}): signifikante Hotspots: {n_hot} ({hot}); signifikante Coldspots: {n_cold} ({cold}).",
        "en": "Getis-Ord Gi* ({corr}, α = {alpha}): significant hot spots: {n_hot} ({hot}); significant cold spots: {n_cold} ({cold}).",
    },
    "methods.f.gstar_weaker": {
        "de": "Nur auf einem schwächeren Niveau als α = {alpha} auffällig und daher hier nicht als signifikant gezählt (Gi*): {areas}.",
        "en": "Notable only at a weaker level than α = {alpha} and therefore not counted as significant here (Gi*): {areas}.",
    },
    "methods.f.gstar_none": {
        "de": "Getis-Ord Gi* findet nach der Korrektur ({corr}) keinen signifikanten Hot- oder Coldspot (α = {alpha}).",
        "en": "Getis-Ord Gi* finds no significant hot or cold spot after the correction ({corr}, α = {alpha}).",
    },
    "methods.f.moran_sig": {
        "de": "Globales Moran's I = {i} (p = {p}): ähnliche Werte liegen signifikant häufiger nebeneinander als bei zufälliger Verteilung.",
        "en": "Global Moran's I = {i} (p = {p}): similar values are neighbours significantly more often than under a random arrangement.",
    },
    "methods.f.moran_ns": {
        "de": "Globales Moran's I = {i} (p = {p}): keine signifikante räumliche Autokorrelation (α = {alpha}).",
        "en": "Global Moran's I = {i} (p = {p}): no significant spatial autocorrelation (α = {alpha}).",
    },
    "report.index": {"de": "Index", "en": "Index"},
    "report.map.lisa": {
        "de": "LISA-Cluster: {variable} – {level}",
        "en": "LISA clusters: {variable} – {level}",
    },
    "report.map.gistar": {
        "de": "Hot- und Coldspots (Getis-Ord Gi*): {variable} – {level}",
        "en": "Hot and cold spots (Getis-Ord Gi*): {variable} – {level}",
    },
    "report.style.missing": {"de": "keine Angabe", "en": "no value"},
    "report.style.index_class": {"de": "Indexklasse", "en": "Index class"},
    "report.style.lisa": {"de": "LISA-Cluster", "en": "LISA clusters"},
    "report.style.gi": {"de": "Hotspots Gi*", "en": "Hot spots Gi*"},
    "report.sign.title": {"de": "Zeichenerklärung", "en": "Signs"},
    "report.sign.secret": {
        "de": "keine Angabe (Geheimhaltung)",
        "en": "not published (confidentiality)",
    },
    "report.sign.below_population": {
        "de": "keine Angabe (zu wenige Einwohner für den Index)",
        "en": "not shown (too few inhabitants for the index)",
    },
    "report.sign.not_meaningful": {
        "de": "Nachweis nicht sinnvoll (z. B. Nenner 0)",
        "en": "not meaningful (e.g. denominator 0)",
    },
    "report.sign.not_available": {"de": "Angabe fällt später an", "en": "not yet available"},
    "report.sign.other": {
        "de": "keine Angabe (keine Daten geliefert oder nicht berechnet; Grund in der Spalte „…_hinweis“ bzw. „…_text“)",
        "en": "no value (no data delivered or not computed; reason in the column “…_hinweis” or “…_text”)",
    },
    "report.sign.zero_sign": {"de": "0", "en": "0"},
    "report.sign.zero": {
        "de": "genau null (das Statistikamt kennzeichnet das mit „–“; hier steht die Zahl 0, damit gerechnet werden kann)",
        "en": "exactly zero (marked “–” by statistics offices; written as the number 0 here so that it can be computed with)",
    },
    "report.sign.page": {"de": "Seite &P von &N", "en": "Page &P of &N"},
    "report.head.key": {"de": "Schlüssel", "en": "Key"},
    "report.head.parent": {"de": "Schlüssel {level}", "en": "Key {level}"},
    "report.head.unit": {"de": "{label} in {unit}", "en": "{label} in {unit}"},
    "report.head.hinweis": {"de": "Hinweis zu {column}", "en": "Note on {column}"},
    "report.head.name": {"de": "Name", "en": "Name"},
    "report.head.einwohner": {"de": "Einwohner", "en": "Inhabitants"},
    "report.head.flaeche_km2": {"de": "Fläche in km²", "en": "Area in km²"},
    "report.head.index_wert": {"de": "Indexwert", "en": "Index score"},
    "report.head.index_rang": {"de": "Indexrang", "en": "Index rank"},
    "report.head.index_klasse": {"de": "Indexklasse", "en": "Index class"},
    "report.head.index_hinweis": {"de": "Hinweis zum Index", "en": "Note on the index"},
    "report.head.extra_wert": {"de": "Wert {name}", "en": "Score {name}"},
    "report.head.extra_rang": {"de": "Rang {name}", "en": "Rank {name}"},
    "report.head.extra_klasse": {"de": "Klasse {name}", "en": "Class {name}"},
    "report.head.extra_hinweis": {"de": "Hinweis {name}", "en": "Note {name}"},
    "report.head.handlungsbedarf": {"de": "Handlungsbedarf", "en": "Need for action"},
    "report.head.lisa_cluster": {"de": "LISA-Cluster", "en": "LISA cluster"},
    "report.head.lisa_text": {"de": "LISA-Cluster in Worten", "en": "LISA cluster in words"},
    "report.head.lisa_I": {"de": "Lokales Moran's I", "en": "Local Moran's I"},
    "report.head.lisa_p": {"de": "p-Wert LISA", "en": "p-value LISA"},
    "report.head.lisa_p_korr": {"de": "p-Wert LISA, korrigiert", "en": "p-value LISA, corrected"},
    "report.head.gi_cluster": {"de": "Gi*-Hotspot", "en": "Gi* hot spot"},
    "report.head.gi_text": {"de": "Gi*-Ergebnis in Worten", "en": "Gi* result in words"},
    "report.head.gi_z": {"de": "Gi*-z-Wert", "en": "Gi* z-score"},
    "report.head.gi_p": {"de": "p-Wert Gi*", "en": "p-value Gi*"},
    "report.head.gi_p_korr": {"de": "p-Wert Gi*, korrigiert", "en": "p-value Gi*, corrected"},
    "report.col.column": {"de": "Spalte", "en": "Column"},
    "report.col.meaning": {"de": "Bedeutung", "en": "Meaning"},
    "report.col.key": {
        "de": "Gebietsschlüssel (Text, führende Nullen bleiben erhalten)",
        "en": "area key (text, leading zeros kept)",
    },
    "report.col.parent": {
        "de": "Schlüssel der übergeordneten Ebene",
        "en": "key of the parent level",
    },
    "report.col.name": {"de": "Gebietsname", "en": "area name"},
    "report.col.einwohner": {
        "de": "Einwohnerinnen und Einwohner (Hauptwohnsitz) am Stichtag",
        "en": "inhabitants at the reference date",
    },
    "report.col.flaeche_km2": {"de": "Fläche in km²", "en": "area in km²"},
    "report.col.indicator": {
        "de": "{label}: {formula}, in {unit}; auf 2 Nachkommastellen gerundet",
        "en": "{label}: {formula}, in {unit}; rounded to 2 decimals",
    },
    "report.col.hinweis": {
        "de": "Grund, warum {column} fehlt (z. B. Geheimhaltung)",
        "en": "reason why {column} is missing (e.g. confidentiality)",
    },
    "report.col.index_wert": {
        "de": "Indexwert (höher = mehr Benachteiligung), 3 Nachkommastellen",
        "en": "index score (higher = more deprivation), 3 decimals",
    },
    "report.col.index_rang": {
        "de": "Rang des Indexwerts (1 = höchste Benachteiligung)",
        "en": "rank of the index score (1 = most deprived)",
    },
    "report.col.index_klasse": {"de": "Indexklasse", "en": "index class"},
    "report.col.index_hinweis": {
        "de": "Grund, warum kein Indexwert vorliegt",
        "en": "reason why there is no index score",
    },
    "report.col.extra_wert": {
        "de": "Wert des Index „{name}“",
        "en": "score of the index “{name}”",
    },
    "report.col.extra_rang": {
        "de": "Rang im Index „{name}“ (1 = höchste Benachteiligung)",
        "en": "rank in the index “{name}” (1 = most deprived)",
    },
    "report.col.handlungsbedarf": {
        "de": "Handlungsbedarf (gering, mittel, hoch) aus Status- und Dynamikklasse, Regel im Methodentext",
        "en": "need for action (low, medium, high) from status and dynamics class, rule in the methods text",
    },
    "need.gering": {"de": "gering", "en": "low"},
    "need.mittel": {"de": "mittel", "en": "medium"},
    "need.hoch": {"de": "hoch", "en": "high"},
    "methods.from_indices": {
        "de": "„{name}“ fasst die Indizes {names} zusammen: jeder wird in Richtung Benachteiligung z-standardisiert, die Summe wird in Punkten veröffentlicht (positive Punkte = überdurchschnittliche Lebenslagen, wie im Sozialbericht Castrop-Rauxel); ein Gebiet ohne Wert in einem der Indizes erhält keinen Gesamtwert.",
        "en": "“{name}” combines the indices {names}: each is z-standardised in the direction of deprivation, the sum is published in points (positive points = above-average living conditions, as in Castrop-Rauxel's social report); an area without a score in one of them gets no overall score.",
    },
    "methods.h.need": {"de": "Handlungsbedarf", "en": "Need for action (Handlungsbedarf)"},
    "methods.need": {
        "de": "Der Handlungsbedarf verbindet die Klasse des Index „{status}“ (Niveau) mit der Klasse des Index „{dynamics}“ (Entwicklung) nach der folgenden Matrix (Zeilen: Niveau, Spalten: Entwicklung). Ein Gebiet ohne Klasse in einem der beiden Indizes erhält keinen Handlungsbedarf.",
        "en": "The need for action combines the class of the index “{status}” (level) with the class of the index “{dynamics}” (change) by the following matrix (rows: level, columns: change). An area without a class in either index gets no value.",
    },
    "methods.need_corner": {"de": "Niveau / Entwicklung", "en": "Level / change"},
    "report.col.extra_klasse": {
        "de": "Klasse im Index „{name}“",
        "en": "class in the index “{name}”",
    },
    "report.col.extra_hinweis": {
        "de": "Grund, warum kein Wert im Index „{name}“ vorliegt",
        "en": "reason why there is no score in the index “{name}”",
    },
    "report.col.lisa_cluster": {
        "de": "LISA-Cluster (lokales Moran's I): HH, LL, HL, LH, ns (nicht signifikant), untestable (nicht testbar), island (keine Nachbarn)",
        "en": "LISA cluster (local Moran's I): HH, LL, HL, LH, ns (not significant), untestable, island (no neighbours)",
    },
    "report.col.lisa_text": {"de": "LISA-Cluster in Worten", "en": "LISA cluster in words"},
    "report.col.lisa_I": {"de": "lokales Moran's I", "en": "local Moran's I"},
    "report.col.lisa_p": {
        "de": "p-Wert (bedingte Permutation, zweiseitig)",
        "en": "p-value (conditional permutation, two-sided)",
    },
    "report.col.lisa_p_korr": {
        "de": "p-Wert nach Korrektur für multiples Testen",
        "en": "p-value after the multiple-testing correction",
    },
    "report.col.gi_cluster": {
        "de": "Getis-Ord Gi*: hot99/hot95/hot90 (Hotspot), cold… (Coldspot), ns, island",
        "en": "Getis-Ord Gi*: hot99/hot95/hot90 (hot spot), cold… (cold spot), ns, island",
    },
    "report.col.gi_text": {"de": "Gi*-Ergebnis in Worten", "en": "Gi* result in words"},
    "report.col.gi_z": {"de": "Gi*-z-Wert", "en": "Gi* z-score"},
    "report.col.gi_p": {"de": "p-Wert von Gi*", "en": "p-value of Gi*"},
    "report.col.gi_p_korr": {
        "de": "p-Wert von Gi* nach Korrektur für multiples Testen",
        "en": "Gi* p-value after the multiple-testing correction",
    },
    "output.outside": {
        "de": "Der Dateiname {name!r} würde außerhalb des Ergebnisordners {folder} schreiben; sozialraum schreibt nur in den Ergebnisordner.",
        "en": "The file name {name!r} would write outside the output folder {folder}; sozialraum writes only into the output folder.",
    },
    "output.file_exists": {
        "de": "Die Datei '{path}' gibt es schon. Wählen Sie einen anderen Namen oder ersetzen Sie sie ausdrücklich (--force, in Python force=True).",
        "en": "The file '{path}' exists already. Choose another name or replace it explicitly (--force, in Python force=True).",
    },
    "report.postgis_exists": {
        "de": "Die Tabelle {table} gibt es in {source} schon; nichts wurde geschrieben. Anderes Schema wählen oder ausdrücklich ersetzen (replace=True, in der Konfiguration [output] postgis_replace = true).",
        "en": "The table {table} exists in {source} already; nothing was written. Choose another schema or replace it explicitly (replace=True; in the config [output] postgis_replace = true).",
    },
    "report.postgis_failed": {
        "de": "Schreiben nach {source} fehlgeschlagen: {detail}",
        "en": "Writing to {source} failed: {detail}",
    },
    "step.postgis": {
        "de": "Ergebnisse nach PostGIS schreiben (Schema {schema})",
        "en": "Writing the results to PostGIS (schema {schema})",
    },
    "report.licences": {
        "de": "Statistik: {stats}; Geometrie: {geo}",
        "en": "statistics: {stats}; geometry: {geo}",
    },
    "sub.head.key": {"de": "Gebiet", "en": "Area"},
    "sub.head.grouping": {"de": "Gruppierung", "en": "Grouping"},
    "sub.head.group": {"de": "Gruppe", "en": "Group"},
    "sub.head.count": {"de": "Anzahl", "en": "Count"},
    "sub.head.share": {"de": "Anteil in %", "en": "Share in %"},
    "sub.pyramid_title": {"de": "Bevölkerung nach Alter und Geschlecht: {key}", "en": "Population by age and sex: {key}"},
}
