"""Every user-facing string, German by default, English available.

Identifiers, docstrings and exception messages are English; what a planner
reads on a map, in a legend, in the methods text or on the command line comes
from here. Look a text up with :func:`text`::

    >>> text("reason.secret")
    'keine Angabe (Geheimhaltung)'
    >>> text("reason.secret", "en")
    'not published (confidentiality)'

Keys are grouped by the module that uses them (``reason.*``, ``cluster.*``,
``maps.*`` ...). Placeholders use :meth:`str.format` syntax.
"""

from __future__ import annotations

from typing import Literal

Language = Literal["de", "en"]
LANGUAGES: tuple[str, ...] = ("de", "en")

TEXTS: dict[str, dict[str, str]] = {
    # --- missing-value reasons (_missing.Reason) -------------------------------------------
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
    "reason.not_meaningful": {
        "de": "Nachweis nicht sinnvoll",
        "en": "not meaningful",
    },
    "reason.not_available": {
        "de": "Angabe fällt später an",
        "en": "not yet available",
    },
    "reason.not_delivered": {
        "de": "keine Daten geliefert",
        "en": "no data delivered",
    },
    "reason.true_zero": {
        "de": "genau null",
        "en": "exactly zero",
    },
    # --- local cluster labels (autocorrelation) --------------------------------------------
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
    # --- per-module sections: add keys below the module's marker ---------------------------
    # --- output folders (_common.atomic_dir) ---
    "output.not_a_folder": {
        "de": "'{path}' gibt es schon und ist kein Ordner; --force ersetzt nur einen früheren "
        "Ergebnisordner. Wählen Sie einen anderen Namen (--out).",
        "en": "'{path}' exists and is not a folder; --force replaces only a previous result "
        "folder. Choose another name (--out).",
    },
    "output.is_cwd": {
        "de": "'{path}' ist der aktuelle Ordner oder enthält ihn und kann nicht ersetzt werden. "
        "Wählen Sie einen neuen Ordner für die Ergebnisse (--out).",
        "en": "'{path}' is the current folder or contains it; it cannot be replaced. Choose a "
        "new folder for the results (--out).",
    },
    "output.not_a_bundle": {
        "de": "'{path}' ist kein Ergebnisordner von sozialraum; --force ersetzt nur solche, "
        "damit keine anderen Dateien gelöscht werden. Wählen Sie einen anderen Ordner (--out).",
        "en": "'{path}' is not a result folder of sozialraum; --force replaces only those, so "
        "that no other files are deleted. Choose another folder (--out).",
    },
    "output.holds_inputs": {
        "de": "Der Ergebnisordner '{path}' enthält Eingaben dieses Laufs ({files}); er würde beim "
        "Ersetzen gelöscht. Wählen Sie einen eigenen Ordner für die Ergebnisse (--out).",
        "en": "The output folder '{path}' holds inputs of this run ({files}); replacing it would "
        "delete them. Choose a folder of its own for the results (--out).",
    },
    "output.cannot_create": {
        "de": "Der Ergebnisordner '{path}' kann nicht angelegt werden: {reason}. Wählen Sie einen "
        "Ordner, in den Sie schreiben dürfen (--out).",
        "en": "Cannot create the output folder '{path}': {reason}. Choose a folder you can "
        "write to (--out).",
    },
    # --- io / join ---
    "join.summary": {
        "de": "Verknüpfung über {key}: {n_boundaries} Gebiete, {n_table} Tabellenzeilen, "
        "{n_matched} verknüpft.",
        "en": "Join on {key}: {n_boundaries} districts, {n_table} table rows, {n_matched} joined.",
    },
    "join.only_boundaries": {
        "de": "{n} Gebiete ohne Zeile in der Tabelle (Werte fehlen, Grund: keine Daten "
        "geliefert): {keys}",
        "en": "{n} districts without a table row (values missing, reason: no data delivered): "
        "{keys}",
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
        "de": "Die Schlüssel der Tabelle sehen aus wie Zahlen, die ihre führenden Nullen "
        "verloren haben: als Text einlesen (read_table tut das) oder key_width={width} "
        "(bzw. normalize_keys=True) angeben.",
        "en": "The table's keys look like numbers that lost their leading zeros: read them as "
        "text (read_table does) or pass key_width={width} (or normalize_keys=True).",
    },
    "join.hint.number_format": {
        "de": "Die Schlüssel der Tabelle sehen aus wie Dezimalzahlen ('101.0'): die "
        "Schlüsselspalte als Text einlesen oder normalize_keys=True angeben.",
        "en": "The table's keys look like decimal numbers ('101.0'): read the key column as "
        "text or pass normalize_keys=True.",
    },
    "join.hint.whitespace": {
        "de": "Schlüssel unterscheiden sich nur durch Leerzeichen: normalize_keys=True entfernt "
        "sie.",
        "en": "Keys differ only by spaces: normalize_keys=True strips them.",
    },
    # --- indicators / index ---
    "conf.prefix": {"de": "Geheimhaltung: ", "en": "Confidentiality: "},
    "conf.off": {
        "de": "Geheimhaltung: keine Regeln angewandt (nur für interne Arbeitstabellen).",
        "en": "Confidentiality: no rules applied (internal work tables only).",
    },
    "conf.min_count": {
        "de": "Fallzahlen von 1 bis {max} werden nicht ausgewiesen (0 wird gezeigt), dazu "
        "Sekundärsperrungen, damit kein gesperrter Wert aus Summen errechnet werden kann",
        "en": "counts from 1 to {max} are not published (0 is shown), with secondary "
        "suppression so that no suppressed value can be derived from totals",
    },
    "conf.no_min_count": {
        "de": "keine Sperrung kleiner Fallzahlen",
        "en": "no suppression of small counts",
    },
    "conf.min_population": {
        "de": "Gebiete mit weniger als {n} Einwohnerinnen und Einwohnern gehen nicht in den "
        "Index ein",
        "en": "areas with fewer than {n} inhabitants are not part of the index",
    },
    "conf.round": {
        "de": "Fallzahlen auf Vielfache von {n} gerundet",
        "en": "counts rounded to multiples of {n}",
    },
    "index.rank_note": {
        "de": "Rang 1 = am stärksten benachteiligt",
        "en": "rank 1 = most deprived",
    },
    "index.quintile": {"de": "Quintil", "en": "Quintile"},
    "index.decile": {"de": "Dezil", "en": "Decile"},
    "index.quartile": {"de": "Quartil", "en": "Quartile"},
    "index.quantile_generic": {"de": "Quantil", "en": "Quantile"},
    "index.class": {"de": "Klasse", "en": "Class"},
    "index.most": {"de": " (am stärksten benachteiligt)", "en": " (most deprived)"},
    "index.least": {"de": " (am wenigsten benachteiligt)", "en": " (least deprived)"},
    "index.svi_low": {"de": "unter dem 90. Perzentil", "en": "below the 90th percentile"},
    "index.svi_high": {
        "de": "ab dem 90. Perzentil (hohe Vulnerabilität)",
        "en": "90th percentile or above (high vulnerability)",
    },
    "mss.hoch": {"de": "hoch", "en": "high"},
    "mss.mittel": {"de": "mittel", "en": "medium"},
    "mss.niedrig": {"de": "niedrig", "en": "low"},
    "mss.sehr_niedrig": {"de": "sehr niedrig", "en": "very low"},
    "mss.positiv": {"de": "positiv", "en": "positive"},
    "mss.stabil": {"de": "stabil", "en": "stable"},
    "mss.negativ": {"de": "negativ", "en": "negative"},
    "nrw.weit_ueber": {"de": "weit überdurchschnittlich", "en": "far above average"},
    "nrw.ueber": {"de": "überdurchschnittlich", "en": "above average"},
    "nrw.durchschnitt": {"de": "durchschnittlich", "en": "average"},
    "nrw.unter": {"de": "unterdurchschnittlich", "en": "below average"},
    "nrw.weit_unter": {"de": "weit unterdurchschnittlich", "en": "far below average"},
    # --- weights / autocorrelation ---
    "weights.method.queen": {"de": "Queen-Kontiguität (gemeinsamer Grenzpunkt)",
                             "en": "queen contiguity (shared boundary point)"},
    "weights.method.rook": {"de": "Rook-Kontiguität (gemeinsame Grenzlinie)",
                            "en": "rook contiguity (shared boundary segment)"},
    "weights.method.fuzzy": {"de": "unscharfe Kontiguität (Lücken bis zur Toleranz überbrückt)",
                             "en": "fuzzy contiguity (gaps up to the tolerance bridged)"},
    "weights.method.knn": {"de": "k nächste Nachbarn (Schwerpunkte)",
                           "en": "k nearest neighbours (centroids)"},
    "weights.method.distance": {"de": "Distanzband (Schwerpunkte)",
                                "en": "distance band (centroids)"},
    "weights.transform.R": {"de": "zeilenstandardisiert", "en": "row-standardised"},
    "weights.transform.B": {"de": "binär", "en": "binary"},
    "weights.describe": {
        "de": "Nachbarschaft: {method}; Gewichte {transform}.",
        "en": "Neighbourhood: {method}; weights {transform}.",
    },
    "weights.summary": {
        "de": "{n} Gebiete mit im Mittel {mean} Nachbarn (min. {min}, max. {max}), "
              "{components} zusammenhängende Komponente(n).",
        "en": "{n} areas with on average {mean} neighbours (min {min}, max {max}), "
              "{components} connected component(s).",
    },
    "weights.islands": {
        "de": "Ohne Nachbarn (von lokalen Tests ausgenommen): {keys}.",
        "en": "Without neighbours (left out of local tests): {keys}.",
    },
    "weights.islands_connected": {
        "de": "Gebiete ohne Nachbarn ({keys}) wurden mit den {k} nächstgelegenen Gebieten "
              "verbunden.",
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
    "stats.correction.spdep": {"de": "Bonferroni je Nachbarschaft (spdep p.adjustSP)",
                               "en": "Bonferroni per neighbourhood (spdep p.adjustSP)"},
    "stats.small_sample": {
        "de": "Nur {n} Gebiete: lokale Tests haben wenig Trennschärfe; bei Gebieten mit wenigen "
              "Nachbarn ist die kleinste erreichbare Irrtumswahrscheinlichkeit begrenzt.",
        "en": "Only {n} areas: local tests have little power; for areas with few neighbours the "
              "smallest attainable p-value is bounded.",
    },
    "gstar.hot99": {"de": "Hotspot (99 %)", "en": "Hot spot (99 %)"},
    "gstar.hot95": {"de": "Hotspot (95 %)", "en": "Hot spot (95 %)"},
    "gstar.hot90": {"de": "Hotspot (90 %)", "en": "Hot spot (90 %)"},
    "gstar.cold99": {"de": "Coldspot (99 %)", "en": "Cold spot (99 %)"},
    "gstar.cold95": {"de": "Coldspot (95 %)", "en": "Cold spot (95 %)"},
    "gstar.cold90": {"de": "Coldspot (90 %)", "en": "Cold spot (90 %)"},
    "stats.describe_local": {
        "de": "{statistic}: {inference}, zweiseitig, Signifikanzniveau {alpha}, "
              "Mehrfachtest-Korrektur: {correction}.",
        "en": "{statistic}: {inference}, two-sided, significance level {alpha}, "
              "multiple-testing correction: {correction}.",
    },
    "stats.inference_perm": {
        "de": "bedingte Permutation ({permutations} Permutationen, Startwert {seed}; exakte "
              "Aufzählung bei höchstens 200.000 Nachbarschaftsmengen)",
        "en": "conditional permutation ({permutations} permutations, seed {seed}; exact "
              "enumeration where there are at most 200,000 neighbour sets)",
    },
    "stats.global_perm": {
        "de": "Permutationstest mit {permutations} Permutationen, Startwert {seed}",
        "en": "permutation test with {permutations} permutations, seed {seed}",
    },
    "stats.alternative.greater": {"de": "einseitig (positive Autokorrelation)",
                                  "en": "one-sided (positive autocorrelation)"},
    "stats.alternative.less": {"de": "einseitig (negative Autokorrelation)",
                               "en": "one-sided (negative autocorrelation)"},
    "stats.alternative.two-sided": {"de": "zweiseitig", "en": "two-sided"},
    "stats.describe_global": {
        "de": "{name} = {value} (z = {z}; p = {p}, {alternative}; {inference}).",
        "en": "{name} = {value} (z = {z}; p = {p}, {alternative}; {inference}).",
    },
    "stats.inference_analytical": {
        "de": "analytisch (Normalapproximation)",
        "en": "analytical (normal approximation)",
    },
    # --- maps ---
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
    "maps.scheme.index_classes": {"de": "Klassen der Indexmethode", "en": "classes of the index method"},
    "maps.shared_note": {
        "de": "gleiche Klassen für alle {n} Karten",
        "en": "same classes for all {n} maps",
    },
    "maps.legend.method": {"de": "Klassen: {method}", "en": "Classes: {method}"},
    "maps.legend.count": {"de": "(Anzahl Gebiete)", "en": "(number of areas)"},
    "maps.range_above": {"de": "über {lo} bis {hi}", "en": "above {lo} to {hi}"},
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
    "maps.cluster.note": {
        "de": "{permutations} Permutationen, α = {alpha},\nKorrektur: {correction}",
        "en": "{permutations} permutations, α = {alpha},\ncorrection: {correction}",
    },
    "maps.gstar.note": {
        "de": "{permutations} Permutationen, Stufen 90 / 95 / 99 %,\nKorrektur: {correction}",
        "en": "{permutations} permutations, levels 90 / 95 / 99 %,\ncorrection: {correction}",
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
    # --- report / cli ---
    "cli.description": {
        "de": "Sozialraum-Analyse: Index, Hotspots und Karten aus kommunaler Statistik.",
        "en": "Social-area analysis: index, hotspots and maps from municipal statistics.",
    },
    "cli.help.demo": {
        "de": "vollständige Analyse der Beispielstadt Musterstadt (fiktiv)",
        "en": "full analysis of the demo city Musterstadt (fictional)",
    },
    "cli.help.run": {
        "de": "Analyse nach einer Konfigurationsdatei ausführen",
        "en": "run the analysis described by a config file",
    },
    "cli.help.check": {
        "de": "Konfiguration und Eingabedateien prüfen (schreibt nichts)",
        "en": "validate the config and its input files (writes nothing)",
    },
    "cli.help.init": {
        "de": "kommentierte Konfigurationsvorlage schreiben",
        "en": "write a commented config template",
    },
    "cli.help.out": {"de": "Ergebnisordner", "en": "output folder"},
    "cli.help.out_run": {
        "de": "Ergebnisordner (Vorgabe: [output].folder der Konfiguration)",
        "en": "output folder (default: [output].folder of the config)",
    },
    "cli.help.force": {
        "de": "einen vorhandenen Ergebnisordner ersetzen",
        "en": "replace an existing output folder",
    },
    "cli.help.permutations": {
        "de": "Zahl der Permutationen überschreiben (nur für schnelle Proben; Vorgabe 9999)",
        "en": "override the number of permutations (for quick trials only; default 9999)",
    },
    "cli.help.config": {"de": "Konfigurationsdatei (TOML)", "en": "config file (TOML)"},
    "cli.help.path": {
        "de": "Zieldatei der Vorlage (Vorgabe: sozialraum.toml)",
        "en": "template file to write (default: sozialraum.toml)",
    },
    "cli.help.quiet": {
        "de": "nur Fehler ausgeben",
        "en": "print errors only",
    },
    "cli.help.debug": {
        "de": "bei Fehlern die vollständige Python-Fehlermeldung zeigen",
        "en": "show the full Python traceback on errors",
    },
    "cli.help.lang": {"de": "Sprache der Ausgaben", "en": "language of the outputs"},
    "cli.error": {"de": "Fehler: {message}", "en": "Error: {message}"},
    "cli.interrupted": {"de": "Abgebrochen.", "en": "Interrupted."},
    "cli.usage": {"de": "Aufruf:", "en": "usage:"},
    "cli.meta.folder": {"de": "ORDNER", "en": "FOLDER"},
    "cli.meta.config": {"de": "KONFIG", "en": "CONFIG"},
    "cli.meta.file": {"de": "DATEI", "en": "FILE"},
    "cli.positionals": {"de": "Befehle und Angaben", "en": "commands and arguments"},
    "cli.optionals": {"de": "Optionen", "en": "options"},
    "cli.command": {"de": "BEFEHL", "en": "COMMAND"},
    "cli.help.help": {"de": "diese Hilfe zeigen und beenden", "en": "show this help and exit"},
    "cli.help.version": {"de": "Versionsnummer zeigen und beenden", "en": "show the version and exit"},
    "cli.bad_command": {
        "de": "unbekannter Befehl '{given}'; möglich: {choices}.",
        "en": "unknown command '{given}'; one of: {choices}.",
    },
    "cli.step": {"de": "[{step}/{total}] {label}", "en": "[{step}/{total}] {label}"},
    "cli.init.written": {
        "de": "Vorlage geschrieben: {path}\nPassen Sie die Pfade an und prüfen Sie sie mit: "
        "sozialraum check {path}",
        "en": "Template written: {path}\nAdjust the paths and validate with: "
        "sozialraum check {path}",
    },
    "cli.check.ok": {
        "de": "Konfiguration in Ordnung: {path}\n  {n_areas} Gebiete ({key}), {n_columns} Merkmale, "
        "Stichtag {stichtag}, {n_indicators} Indikatoren, Ausgabe nach {out}",
        "en": "Config is valid: {path}\n  {n_areas} areas ({key}), {n_columns} variables, "
        "reference date {stichtag}, {n_indicators} indicators, output to {out}",
    },
    "step.read": {"de": "Grenzen und Tabellen lesen", "en": "Reading boundaries and tables"},
    "step.join": {"de": "Tabellen mit den Grenzen verknüpfen", "en": "Joining tables to boundaries"},
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
    "step.gpkg": {"de": "GeoPackage mit QGIS-Stilen schreiben", "en": "Writing the styled GeoPackage"},
    "step.tables": {"de": "Tabellen schreiben (CSV, XLSX)", "en": "Writing tables (CSV, XLSX)"},
    "step.profiles": {"de": "Sozialraumprofile schreiben", "en": "Writing area profiles"},
    "step.methods": {"de": "Methodentext schreiben", "en": "Writing the methods text"},
    "step.provenance": {"de": "Herkunftsnachweis schreiben", "en": "Writing provenance"},
    "step.finish": {"de": "Ergebnisordner fertigstellen", "en": "Finishing the output folder"},
    "summary.title": {"de": "Fertig. Ergebnisse in {path}:", "en": "Done. Results in {path}:"},
    "summary.maps": {
        "de": "  {n} Karten als PNG, PDF und SVG, {n_html} interaktive Karte(n) (HTML)   {folder}",
        "en": "  {n} maps as PNG, PDF and SVG, {n_html} interactive map(s) (HTML)   {folder}",
    },
    "summary.gpkg": {
        "de": "  GeoPackage mit QGIS-Stilen ({levels})   {file}",
        "en": "  GeoPackage with QGIS styles ({levels})   {file}",
    },
    "summary.tables": {"de": "  Tabellen (CSV, XLSX)   {folder}", "en": "  Tables (CSV, XLSX)   {folder}"},
    "summary.profiles": {
        "de": "  {n} Sozialraumprofile (HTML)   {folder}",
        "en": "  {n} area profiles (HTML)   {folder}",
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
        "de": "der Index verwendet '{given}', das nicht unter [indicators] berechnet wird; "
        "berechnet: {choices}.",
        "en": "the index uses '{given}', which is not computed in [indicators]; computed: "
        "{choices}.",
    },
    "config.file_missing": {
        "de": "Datei nicht gefunden: {path} (Pfade gelten relativ zur Konfigurationsdatei).",
        "en": "file not found: {path} (paths are relative to the config file).",
    },
    "config.stichtag": {
        "de": "Stichtag {given} nicht lesbar; Beispiel: \"31.12.2024\".",
        "en": "cannot read the Stichtag {given}; example: \"31.12.2024\".",
    },
    "config.knn_needs_k": {
        "de": "method = \"knn\" braucht k (Zahl der Nachbarn), z. B. k = 4.",
        "en": "method = \"knn\" needs k (number of neighbours), e.g. k = 4.",
    },
    "config.permutations": {
        "de": "{given} Permutationen; zulässig sind 99 bis 99999 (empfohlen 9999).",
        "en": "{given} permutations; allowed are 99 to 99999 (9999 recommended).",
    },
    "config.alpha": {
        "de": "Signifikanzniveau {given} ist nicht sinnvoll; üblich: 0.05.",
        "en": "significance level {given} is not sensible; usual: 0.05.",
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
        "de": "preset = \"...\" oder spec = \"index.toml\" angeben.",
        "en": "give preset = \"...\" or spec = \"index.toml\".",
    },
    "config.template_exists": {
        "de": "'{path}' gibt es schon und wird nicht überschrieben; wählen Sie einen anderen "
        "Namen (sozialraum init ANDERER_NAME.toml).",
        "en": "'{path}' exists already and is not overwritten; choose another name "
        "(sozialraum init OTHER_NAME.toml).",
    },
    "config.output_exists": {
        "de": "Der Ergebnisordner '{path}' existiert bereits. Wählen Sie einen anderen Ordner "
        "(--out) oder ersetzen Sie ihn mit --force.",
        "en": "The output folder '{path}' exists already. Choose another folder (--out) or "
        "replace it with --force.",
    },
    "check.read_failed": {"de": "nicht lesbar: {detail}", "en": "cannot be read: {detail}"},
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
    "check.keys_only_boundaries": {
        "de": "{n} Gebiete der Grenzen fehlen in den Tabellen: {keys}.",
        "en": "{n} areas of the boundaries are missing from the tables: {keys}.",
    },
    "check.no_match": {
        "de": "kein Schlüssel der Tabelle passt zu den Grenzen (Tabelle: {table}; Grenzen: "
        "{boundaries}). Stimmt die Schlüsselspalte? Gingen führende Nullen verloren?",
        "en": "no key of the table matches the boundaries (table: {table}; boundaries: "
        "{boundaries}). Is the key column right? Were leading zeros lost?",
    },
    "check.indicator_column": {
        "de": "Indikator {code} braucht die Spalte '{column}', die in keiner Tabelle steht.",
        "en": "indicator {code} needs the column '{column}', which is in no table.",
    },
    "config.extra_name": {
        "de": "name = {given}: ein kurzer Name aus Kleinbuchstaben, Ziffern und _ (z. B. \"nrw\"), "
        "wird Präfix der Spalten (nrw_wert, nrw_rang, nrw_klasse).",
        "en": "name = {given}: a short name of lower-case letters, digits and _ (e.g. \"nrw\"), "
        "used as column prefix (nrw_wert, nrw_rang, nrw_klasse).",
    },
    "config.distance_needs_threshold": {
        "de": "method = \"distance\" braucht threshold (Abstand in Metern).",
        "en": "method = \"distance\" needs threshold (distance in metres).",
    },
    "config.constraint": {
        "de": "erwartet {{ total = \"EW\", parts = [\"EW_M\", \"EW_W\"] }}, angegeben ist {given}.",
        "en": "expected {{ total = \"EW\", parts = [\"EW_M\", \"EW_W\"] }}, {given} was given.",
    },
    "report.notes_sheet": {"de": "Erläuterung", "en": "Notes"},
    "profile.title": {"de": "Sozialraumprofil", "en": "Area profile"},
    "profile.index_title": {"de": "Sozialraumprofile: {level}", "en": "Area profiles: {level}"},
    "profile.stichtag": {"de": "Stand {stichtag}", "en": "as of {stichtag}"},
    "profile.key": {"de": "Schlüssel", "en": "Key"},
    "profile.area": {"de": "Fläche", "en": "Area"},
    "profile.population": {"de": "Einwohnerinnen und Einwohner", "en": "Inhabitants"},
    "profile.density": {"de": "Bevölkerungsdichte", "en": "Population density"},
    "profile.per_km2": {"de": "je km²", "en": "per km²"},
    "profile.h.indicators": {"de": "Indikatoren im Vergleich zur Stadt", "en": "Indicators compared with the city"},
    "profile.indicator": {"de": "Indikator", "en": "Indicator"},
    "profile.value": {"de": "Wert", "en": "Value"},
    "profile.city": {"de": "Gesamtstadt", "en": "City"},
    "profile.diff": {"de": "Differenz (Prozentpunkte)", "en": "Difference (points)"},
    "profile.city_note": {
        "de": "Gesamtstadt: aus den summierten Zählwerten aller Gebiete berechnet (kein Mittelwert "
        "der Anteile).",
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
        "de": "Hotspot-Analyse: {permutations} Permutationen, Startwert {seed}, α = {alpha}, "
        "Korrektur: {corr}; p-Werte nach Korrektur.",
        "en": "Hot spot analysis: {permutations} permutations, seed {seed}, α = {alpha}, "
        "correction: {corr}; p-values after correction.",
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
    "methods.h.notes": {"de": "Hinweise zur Aussagekraft", "en": "Caveats"},
    "methods.h.reproduce": {"de": "Reproduzierbarkeit", "en": "Reproducibility"},
    "methods.data": {
        "de": "Grundlage sind {n} {unit} mit den Zählwerten der Quelle „{source}“ zum Stichtag "
        "{stichtag} und den Gebietsgrenzen „{geometry}“ (Lizenz: {licence}). Ausgewertet "
        "werden die Ebenen {levels}; die Werte übergeordneter Ebenen beruhen auf summierten "
        "Zählwerten.",
        "en": "The analysis covers {n} areas ({unit}) with counts from “{source}” at the "
        "reference date {stichtag} and the boundaries “{geometry}” (licence: {licence}). "
        "Levels: {levels}; values of higher levels are based on summed counts.",
    },
    "methods.ind_head": {
        "de": "| Kürzel | Indikator | Berechnung | Thema | Richtung |",
        "en": "| Code | Indicator | Computation | Theme | Direction |",
    },
    "methods.dir_pos": {"de": "höher = mehr Benachteiligung", "en": "higher = more deprivation"},
    "methods.dir_neg": {"de": "höher = weniger Benachteiligung", "en": "higher = less deprivation"},
    "methods.rates": {
        "de": "Anteile werden je Gebiet aus Zähler und Nenner berechnet; für übergeordnete Ebenen "
        "und die Gesamtstadt werden die Zählwerte summiert und die Anteile neu berechnet "
        "(Anteile werden nie gemittelt). Veröffentlicht werden die Werte auf zwei "
        "Nachkommastellen gerundet.",
        "en": "Rates are computed per area from numerator and denominator; for higher levels and "
        "the whole city the counts are summed and the rates recomputed (rates are never "
        "averaged). Published values are rounded to two decimals.",
    },
    "methods.no_index": {"de": "Es wurde kein Index berechnet.", "en": "No index was computed."},
    "methods.index": {
        "de": "Der Index „{name}“ fasst die Indikatoren {cols} zusammen: Sie werden {norm}, "
        "{weights} gewichtet und {agg} zusammengefasst.",
        "en": "The index “{name}” combines the indicators {cols}: they are {norm}, weighted "
        "{weights} and combined by {agg}.",
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
    "methods.weighting.random": {"de": "zufällig", "en": "randomly"},
    "methods.aggregation.arithmetic": {"de": "als arithmetisches Mittel", "en": "arithmetic mean"},
    "methods.aggregation.geometric": {"de": "als geometrisches Mittel", "en": "geometric mean"},
    "methods.min_pop": {
        "de": "{unit} mit weniger als {n} Einwohnerinnen und Einwohnern gehen nicht in den Index ein.",
        "en": "Areas with fewer than {n} inhabitants are not included in the index.",
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
        "de": "Zuerst wird je Thema ein Teilindex gebildet und erneut standardisiert ({themes}); "
        "der Gesamtindex fasst die Teilindizes zusammen.",
        "en": "First a sub-index is formed per theme and standardised again ({themes}); the "
        "overall index combines the sub-indices.",
    },
    "methods.higher_is_better": {
        "de": "Hier bedeuten höhere Werte bessere Lebenslagen; Rang 1 ist dennoch das am stärksten "
        "benachteiligte Gebiet.",
        "en": "Here higher values mean better living conditions; rank 1 is still the most "
        "deprived area.",
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
        "de": "Räumliche Häufungen des Werts „{variable}“ wurden mit {stats} untersucht. Die "
        "Signifikanz wurde mit {permutations} bedingten Permutationen geprüft (zweiseitig, "
        "Startwert des Zufallsgenerators {seed}, daher reproduzierbar); die p-Werte wurden für "
        "multiples Testen korrigiert ({corr}), Signifikanzniveau α = {alpha}. Zusätzlich "
        "wurde das globale Moran's I berechnet.",
        "en": "Spatial clustering of “{variable}” was examined with {stats}. Significance was "
        "assessed with {permutations} conditional permutations (two-sided, random seed {seed}, "
        "hence reproducible); p-values were corrected for multiple testing ({corr}), "
        "significance level α = {alpha}. The global Moran's I was computed as well.",
    },
    "methods.hotspots_excluded": {
        "de": "Ohne Wert und daher nicht getestet (nicht Teil der Nachbarschaftsmatrix): {areas}.",
        "en": "Without a value and therefore not tested (not part of the weights): {areas}.",
    },
    "methods.suppression": {
        "de": "Zusätzlich wurden Zellen gesperrt, aus denen sich gesperrte Werte über Summen "
        "zurückrechnen ließen (sekundäre Geheimhaltung). Gesperrt: {primary} Zellen primär, "
        "{secondary} sekundär; betroffene Anteile fehlen in allen veröffentlichten Dateien und "
        "sind als „keine Angabe (Geheimhaltung)“ gekennzeichnet.",
        "en": "In addition, cells from which suppressed values could be recovered through totals "
        "were suppressed (secondary suppression). Suppressed: {primary} cells primary, "
        "{secondary} secondary; the affected rates are missing from every published file and "
        "marked “not published (confidentiality)”.",
    },
    "methods.reproduce": {
        "de": "Erstellt mit sozialraum {version}. Prüfsummen und Zeilenzahlen aller Eingaben, die "
        "vollständige Konfiguration, Startwerte und alle Paketversionen stehen in "
        "provenance.json; dieselbe Konfiguration mit denselben Eingaben ergibt dieselben "
        "Tabellen (sozialraum run KONFIGURATION).",
        "en": "Produced with sozialraum {version}. Checksums and row counts of every input, the "
        "full configuration, seeds and all package versions are in provenance.json; the same "
        "configuration with the same inputs gives the same tables (sozialraum run CONFIG).",
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
        "de": "Bei {n} Gebiet(en) fehlte ein Indikator (z. B. wegen Geheimhaltung); ihr Indexwert "
        "beruht auf den übrigen, neu gewichteten Indikatoren: {areas}.",
        "en": "{n} area(s) lacked one indicator (e.g. for confidentiality); their index score "
        "rests on the remaining, re-weighted indicators: {areas}.",
    },
    "methods.note.small_sample": {
        "de": "Die lokalen Tests beruhen auf nur {n} Gebieten (weniger als 30): Jedes Gebiet wird "
        "mit wenigen Nachbarn verglichen, der kleinste erreichbare p-Wert ist begrenzt; "
        "Ergebnisse sind als Hinweise, nicht als Beweise zu lesen.",
        "en": "The local tests rest on only {n} areas (fewer than 30): each area is compared with "
        "few neighbours and the smallest attainable p-value is bounded; read the results as "
        "indications, not proof.",
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
        "de": "{count} {bilden} einen signifikanten Hotspot {what} (LISA hoch-hoch, {corr}, "
        "α = {alpha}): {areas}.",
        "en": "{count} {bilden} a significant hotspot of {what} (LISA high-high, {corr}, "
        "α = {alpha}): {areas}.",
    },
    "methods.f.ll": {
        "de": "{count} {bilden} einen signifikanten Coldspot (LISA niedrig-niedrig, {corr}, "
        "α = {alpha}): {areas}.",
        "en": "{count} {bilden} a significant cold spot (LISA low-low, {corr}, "
        "α = {alpha}): {areas}.",
    },
    "methods.f.outliers": {
        "de": "Signifikante räumliche Ausreißer (hoch-niedrig oder niedrig-hoch): {count}: "
        "{areas}.",
        "en": "Significant spatial outliers (high-low or low-high): {count}: {areas}.",
    },
    "methods.f.lisa_none": {
        "de": "Nach der Korrektur für multiples Testen ({corr}) ist kein LISA-Cluster signifikant "
        "(α = {alpha}); die Daten belegen keine lokale Häufung.",
        "en": "After the multiple-testing correction ({corr}) no LISA cluster is significant "
        "(α = {alpha}); the data show no confirmed local cluster.",
    },
    "methods.f.untestable": {
        "de": "{count} {sind} wegen zu weniger Nachbarn nicht testbar (der kleinste erreichbare "
        "p-Wert liegt über dem Signifikanzniveau): {areas}.",
        "en": "{count} cannot be tested with their number of neighbours (the smallest "
        "attainable p-value exceeds the significance level): {areas}.",
    },
    "methods.f.islands": {
        "de": "Ohne Nachbarn und daher nicht getestet: {areas}.",
        "en": "Without neighbours and therefore not tested: {areas}.",
    },
    "methods.f.gstar": {
        "de": "Getis-Ord Gi* ({corr}, α = {alpha}): signifikante Hotspots: {n_hot} ({hot}); "
        "signifikante Coldspots: {n_cold} ({cold}).",
        "en": "Getis-Ord Gi* ({corr}, α = {alpha}): significant hot spots: {n_hot} ({hot}); "
        "significant cold spots: {n_cold} ({cold}).",
    },
    "methods.f.gstar_weaker": {
        "de": "Nur auf einem schwächeren Niveau als α = {alpha} auffällig und daher hier nicht als "
        "signifikant gezählt (Gi*): {areas}.",
        "en": "Notable only at a weaker level than α = {alpha} and therefore not counted as "
        "significant here (Gi*): {areas}.",
    },
    "methods.f.gstar_none": {
        "de": "Getis-Ord Gi* findet nach der Korrektur ({corr}) keinen signifikanten Hot- oder "
        "Coldspot (α = {alpha}).",
        "en": "Getis-Ord Gi* finds no significant hot or cold spot after the correction ({corr}, "
        "α = {alpha}).",
    },
    "methods.f.moran_sig": {
        "de": "Globales Moran's I = {i} (p = {p}): ähnliche Werte liegen signifikant häufiger "
        "nebeneinander als bei zufälliger Verteilung.",
        "en": "Global Moran's I = {i} (p = {p}): similar values are neighbours significantly "
        "more often than under a random arrangement.",
    },
    "methods.f.moran_ns": {
        "de": "Globales Moran's I = {i} (p = {p}): keine signifikante räumliche Autokorrelation "
        "(α = {alpha}).",
        "en": "Global Moran's I = {i} (p = {p}): no significant spatial autocorrelation "
        "(α = {alpha}).",
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
    "report.col.column": {"de": "Spalte", "en": "Column"},
    "report.col.meaning": {"de": "Bedeutung", "en": "Meaning"},
    "report.col.key": {
        "de": "Gebietsschlüssel (Text, führende Nullen bleiben erhalten)",
        "en": "area key (text, leading zeros kept)",
    },
    "report.col.parent": {"de": "Schlüssel der übergeordneten Ebene", "en": "key of the parent level"},
    "report.col.name": {"de": "Gebietsname", "en": "area name"},
    "report.col.einwohner": {
        "de": "Einwohnerinnen und Einwohner (Hauptwohnsitz) am Stichtag",
        "en": "inhabitants at the reference date",
    },
    "report.col.flaeche_km2": {"de": "Fläche in km²", "en": "area in km²"},
    "report.col.indicator": {
        "de": "{label}: ({num}) / ({den}) × {scale}, in {unit}; auf 2 Nachkommastellen gerundet",
        "en": "{label}: ({num}) / ({den}) × {scale}, in {unit}; rounded to 2 decimals",
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
    "report.col.extra_wert": {"de": "Wert des Index „{name}“", "en": "score of the index “{name}”"},
    "report.col.extra_rang": {
        "de": "Rang im Index „{name}“ (1 = höchste Benachteiligung)",
        "en": "rank in the index “{name}” (1 = most deprived)",
    },
    "report.col.extra_klasse": {"de": "Klasse im Index „{name}“", "en": "class in the index “{name}”"},
    "report.col.extra_hinweis": {
        "de": "Grund, warum kein Wert im Index „{name}“ vorliegt",
        "en": "reason why there is no score in the index “{name}”",
    },
    "report.col.lisa_cluster": {
        "de": "LISA-Cluster (lokales Moran's I): HH, LL, HL, LH, ns (nicht signifikant), "
        "untestable (nicht testbar), island (keine Nachbarn)",
        "en": "LISA cluster (local Moran's I): HH, LL, HL, LH, ns (not significant), "
        "untestable, island (no neighbours)",
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
}


def text(key: str, lang: Language = "de", /, **values: object) -> str:
    """Look up the user-facing text `key` in `lang` and fill its placeholders.

    Raises
    ------
    KeyError
        If the key does not exist (a programming error, not a user error).
    """
    if lang not in LANGUAGES:
        raise ValueError(f"'lang' needs to be one of ('de', 'en'). {lang!r} was given instead.")
    template = TEXTS[key][lang]
    return template.format(**values) if values else template


def format_number(value: float, decimals: int = 1, lang: Language = "de") -> str:
    """Format a number for display: German ``12.345,6`` or English ``12,345.6``.

    Examples
    --------
    >>> format_number(12345.678, 1)
    '12.345,7'
    >>> format_number(-0.04, 1)
    '0,0'
    """
    rounded = round(float(value), decimals)
    if rounded == 0:
        rounded = 0.0  # no "-0,0"
    english = f"{rounded:,.{decimals}f}"
    if lang == "en":
        return english
    return english.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")


def format_plain(value: float, lang: Language = "de") -> str:
    """A short number as written (``0.05`` -> ``'0,05'`` in German), no rounding or grouping.

    Examples
    --------
    >>> format_plain(0.05)
    '0,05'
    >>> format_plain(0.1, "en")
    '0.1'
    """
    out = f"{value:g}"
    return out.replace(".", ",") if lang == "de" else out
