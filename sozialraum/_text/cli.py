"""User-facing texts: The command line."""

TEXTS: dict[str, dict[str, str]] = {
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
    "cli.help.quiet": {"de": "nur Fehler ausgeben", "en": "print errors only"},
    "cli.help.debug": {
        "de": "bei Fehlern die vollständige Python-Fehlermeldung zeigen",
        "en": "show the full Python traceback on errors",
    },
    "cli.help.lang": {"de": "Sprache der Ausgaben", "en": "language of the outputs"},
    "cli.error": {"de": "Fehler: {message}", "en": "Error: {message}"},
    "cli.interrupted": {"de": "Abgebrochen.", "en": "Interrupted."},
    # failures of the operating system, GDAL, sqlite or matplotlib, as one line (cli.main)
    "cli.disk_full": {
        "de": "Kein Speicherplatz mehr frei{where}. Schaffen Sie Platz oder wählen Sie einen Ordner auf einem anderen Datenträger (--out); ein halbfertiger Ergebnisordner bleibt nicht zurück.",
        "en": "No space left{where}. Free some space or choose a folder on another drive (--out); no half-written output folder is left behind.",
    },
    "cli.out_of_memory": {
        "de": "Nicht genug Arbeitsspeicher für diesen Lauf. Verringern Sie die Auflösung der Karten ([maps].dpi, üblich 300) oder die Zahl der Karten ([maps].columns, [maps].levels), oder schließen Sie andere Programme.",
        "en": "Not enough memory for this run. Lower the resolution of the maps ([maps].dpi, usually 300) or the number of maps ([maps].columns, [maps].levels), or close other programs.",
    },
    "cli.os_error": {
        "de": "Eine Datei oder ein Ordner kann nicht gelesen oder geschrieben werden{where}: {reason}. Prüfen Sie den Pfad und die Rechte oder wählen Sie einen anderen Ordner (--out).",
        "en": "A file or folder cannot be read or written{where}: {reason}. Check the path and the permissions or choose another folder (--out).",
    },
    "cli.sqlite_error": {
        "de": "Die GeoPackage-Datei kann nicht geschrieben werden (SQLite: {detail}). Prüfen Sie Speicherplatz und Schreibrechte des Ergebnisordners.",
        "en": "The GeoPackage file cannot be written (SQLite: {detail}). Check the free space and the write permissions of the output folder.",
    },
    "cli.gdal_error": {
        "de": "GDAL kann eine Geodatei nicht lesen oder schreiben: {detail}.",
        "en": "GDAL cannot read or write a geodata file: {detail}.",
    },
    "cli.usage": {"de": "Aufruf:", "en": "usage:"},
    "cli.meta.folder": {"de": "ORDNER", "en": "FOLDER"},
    "cli.meta.config": {"de": "KONFIG", "en": "CONFIG"},
    "cli.meta.file": {"de": "DATEI", "en": "FILE"},
    "cli.positionals": {"de": "Befehle und Angaben", "en": "commands and arguments"},
    "cli.optionals": {"de": "Optionen", "en": "options"},
    "cli.command": {"de": "BEFEHL", "en": "COMMAND"},
    "cli.help.help": {"de": "diese Hilfe zeigen und beenden", "en": "show this help and exit"},
    "cli.help.version": {
        "de": "Versionsnummer zeigen und beenden",
        "en": "show the version and exit",
    },
    "cli.bad_command": {
        "de": "unbekannter Befehl '{given}'; möglich: {choices}.",
        "en": "unknown command '{given}'; one of: {choices}.",
    },
    "cli.step": {"de": "[{step}/{total}] {label}", "en": "[{step}/{total}] {label}"},
    "cli.init.written": {
        "de": "Vorlage geschrieben: {path}\nPassen Sie die Pfade an und prüfen Sie sie mit: sozialraum check {path}",
        "en": "Template written: {path}\nAdjust the paths and validate with: sozialraum check {path}",
    },
    "cli.check.ok": {
        "de": "Konfiguration in Ordnung: {path}\n  {n_areas} Gebiete ({key}), {n_columns} Merkmale, Stichtag {stichtag}, {n_indicators} Indikatoren, Ausgabe nach {out}",
        "en": "Config is valid: {path}\n  {n_areas} areas ({key}), {n_columns} variables, reference date {stichtag}, {n_indicators} indicators, output to {out}",
    },
    "cli.meta.from": {"de": "GRENZEN TABELLE", "en": "BOUNDARIES TABLE"},
    "cli.help.from": {
        "de": "Konfiguration aus Ihren Dateien erzeugen: zuerst die Grenzen, dann eine oder mehrere Tabellen",
        "en": "write the config from your files: the boundaries first, then one or more tables",
    },
    "cli.init.from_needs_two": {
        "de": "--from braucht die Grenzen und mindestens eine Tabelle, z. B.: sozialraum init --from grenzen.gpkg statistik.csv",
        "en": "--from needs the boundaries and at least one table, e.g.: sozialraum init --from grenzen.gpkg statistik.csv",
    },
    "cli.init.from_written": {
        "de": "Konfiguration aus Ihren Dateien geschrieben: {path}. Prüfen Sie die mit \"Annahme:\" kommentierten Zeilen, vor allem Indikatoren und Richtung; dann: sozialraum check {path}",
        "en": "Config written from your files: {path}. Review the lines commented \"Annahme:\", above all the indicators and their direction; then: sozialraum check {path}",
    },
    # argparse's usage errors, in the catalogue's words
    "cli.bad_value": {
        "de": "{argument}: '{given}' ist nicht zulässig; möglich: {choices}.",
        "en": "{argument}: '{given}' is not allowed; one of: {choices}.",
    },
    "cli.missing_arguments": {
        "de": "Es fehlt die Angabe {names}.",
        "en": "the following arguments are required: {names}",
    },
    "cli.unrecognized": {
        "de": "nicht erkannt: {args}",
        "en": "unrecognized arguments: {args}",
    },
    "cli.invalid_int": {
        "de": "{argument}: '{given}' ist keine ganze Zahl.",
        "en": "argument {argument}: invalid int value: '{given}'",
    },
    "cli.expected_one": {
        "de": "{argument} braucht einen Wert.",
        "en": "argument {argument}: expected one argument",
    },
}
