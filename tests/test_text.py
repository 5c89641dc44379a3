"""The text catalogue (``sozialraum/_text``): complete, consistent and without dead entries.

One source per message: every user-facing text is a catalogue entry with its German and English
wording side by side. These tests keep the catalogue honest: both languages, the same
placeholders, no key defined twice (the merge in ``_text/__init__.py`` would silently keep the
last one) and no key that nothing uses.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
import string
from pathlib import Path

import pytest

import sozialraum as sr
import sozialraum._text as catalogue
from sozialraum import _text, errors
from sozialraum._text import LANGUAGES, TEXTS

PACKAGE = Path(catalogue.__file__).parent.parent  # sozialraum/

# Keys built at run time with an f-string, e.g. ``text(f"reason.{reason}")``: a key that starts
# with one of these counts as used. Each prefix is the literal start of such an f-string in the
# package (the last test checks that it still is), found with
#   grep -rnE 'f"[a-z_]+\.[a-z_.]*\{' sozialraum
DYNAMIC_PREFIXES: tuple[str, ...] = (
    "reason.",  # maps/style.py, report/frames.py: text(f"reason.{reason}")
    "maps.scheme.",  # maps/style.py: the classification scheme's name
    "maps.correction.",  # maps/clusters.py: f"maps.correction.{correction}"
    "maps.bound.",  # report/maps.py: f"maps.bound.{lower}_{upper}" (in/ex), the class bounds
    "maps.meaning.",  # maps/clusters.py: f"maps.meaning.{spot}", f"maps.meaning.{end}.{values}"
    "report.style.",  # report/maps.py: the QGIS style's title
    "report.map.",  # report/maps.py: f"report.map.{stem}" (lisa, gistar)
    "report.head.",  # report/tables.py: f"report.head.{col}", f"report.head.extra_{part}"
    "report.col.",  # report/tables.py: f"report.col.{col}", f"report.col.extra_{part}"
    "methods.norm.",  # report/methods.py: the index's normalisation
    "methods.weighting.",  # report/methods.py: the index's weighting
    "methods.aggregation.",  # report/methods.py: the index's aggregation
    "methods.classes.",  # report/methods.py: the index's classes
    "methods.stat.",  # report/methods.py: the local statistics named in the methods text
    "stats.correction.",  # autocorrelation, report: the multiple-testing correction
    "stats.alternative.",  # autocorrelation/global_.py: the alternative hypothesis
    "cluster.",  # autocorrelation/local.py: text(f"cluster.{code}"), text(f"{family}.{code}")
    "gstar.",  # autocorrelation/local.py: text(f"{family}.{code}") with family "gstar"
    "mss.",  # index/presets.py: the MSS preset's texts
    "nrw.",  # index/presets.py: the NRW preset's texts
    "weights.method.",  # weights.py: the contiguity or distance method
    "weights.transform.",  # weights.py: the weights' transformation
    "io.column_kind_",  # io/keys.py: the kind of a column (key, value ...) in error messages
    "io.place_",  # io/keys.py: "line 3" / "feature 7" in each language
    "join.side_",  # join.py: which side of a join a key came from
    "join.positional_index.",  # join.py: f"join.positional_index.{side}" (boundaries, table)
    "html.load.",  # io/report.py: LoadReport._repr_html_, one row label per field
    "html.weights.policy_",  # weights.py: the island policy in _repr_html_
)

# prefixes put together from a variable and a literal, not the literal start of an f-string
_BUILT_FROM_A_VARIABLE = {"gstar."}  # f"{family}.{code}" in autocorrelation/local.py


def _catalogue_files() -> dict[str, dict[str, dict[str, str]]]:
    files = {}
    for info in pkgutil.iter_modules(catalogue.__path__):
        module = importlib.import_module(f"sozialraum._text.{info.name}")
        files[info.name] = module.TEXTS
    return files


def _placeholders(template: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(template) if field is not None}


def _package_sources() -> list[Path]:
    return [p for p in PACKAGE.rglob("*.py") if "_text" not in p.relative_to(PACKAGE).parts]


def _literals() -> tuple[set[str], set[str]]:
    """Every string constant of the package (outside the catalogue), and the literal start of
    every f-string."""
    constants: set[str] = set()
    fstring_starts: set[str] = set()
    for path in _package_sources():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                constants.add(node.value)
            elif isinstance(node, ast.JoinedStr) and node.values:
                first = node.values[0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    fstring_starts.add(first.value)
    return constants, fstring_starts


def test_every_key_has_german_and_english():
    incomplete = {
        key: sorted(entry)
        for key, entry in TEXTS.items()
        if set(entry) != set(LANGUAGES) or not all(isinstance(entry[la], str) for la in entry)
    }
    assert not incomplete, f"entries without exactly 'de' and 'en': {incomplete}"
    empty = [key for key, entry in TEXTS.items() if not all(entry[la].strip() for la in LANGUAGES)]
    assert not empty, f"empty texts: {empty}"


def test_both_languages_have_the_same_placeholders():
    differing = {}
    for key, entry in TEXTS.items():
        de, en = _placeholders(entry["de"]), _placeholders(entry["en"])
        if de != en:
            differing[key] = {"de only": sorted(de - en), "en only": sorted(en - de)}
    assert not differing, f"placeholders differ between German and English: {differing}"


def test_keys_are_unique_across_the_catalogue_files():
    seen: dict[str, str] = {}
    twice = []
    for name, texts in _catalogue_files().items():
        for key in texts:
            if key in seen:
                twice.append(f"{key!r} in {seen[key]}.py and {name}.py")
            seen[key] = name
    assert not twice, "keys defined in more than one catalogue file: " + "; ".join(twice)
    # and the merged catalogue holds exactly the union of the files
    assert set(seen) == set(TEXTS)


def test_every_key_is_used():
    constants, _ = _literals()
    unused = sorted(
        key for key in TEXTS if key not in constants and not key.startswith(DYNAMIC_PREFIXES)
    )
    assert not unused, f"{len(unused)} catalogue keys are used nowhere: {unused}"


@pytest.mark.parametrize("prefix", DYNAMIC_PREFIXES)
def test_dynamic_prefixes_are_still_built_in_the_code(prefix):
    """A prefix no f-string starts with any more would hide unused keys: drop it from the list."""
    _, starts = _literals()
    if prefix in _BUILT_FROM_A_VARIABLE:
        assert any(key.startswith(prefix) for key in TEXTS)
        return
    assert any(start.startswith(prefix) for start in starts), f"no f-string starts {prefix!r}"
    assert any(key.startswith(prefix) for key in TEXTS), f"no key starts with {prefix!r}"


def test_every_key_looked_up_exists():
    """A misspelt key fails only when its error is raised: check every literal one at once."""
    missing = []
    for path in _package_sources():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name not in {"from_key", "Phrase", "text", "with_messages"}:
                continue
            first = node.args[1] if name == "with_messages" and len(node.args) > 1 else node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                if first.value not in TEXTS:
                    missing.append(f"{path.relative_to(PACKAGE)}:{node.lineno} {first.value!r}")
    assert not missing, "keys not in the catalogue: " + "; ".join(missing)


def test_every_text_has_german_and_english():
    for key, entry in _text.TEXTS.items():
        assert set(entry) == {"de", "en"}, key
        assert entry["de"].strip() and entry["en"].strip(), key


def test_german_number_format():
    assert _text.format_number(12345.678, 1) == "12.345,7"
    assert _text.format_number(12345.678, 1, lang="en") == "12,345.7"
    assert _text.format_number(-0.04, 1) == "0,0"
    assert _text.format_number(0.375, 2) == "0,38"


def test_text_lookup_and_language_check():
    assert _text.text("cluster.island") == "keine Nachbarn"
    assert _text.text("cluster.island", "en") == "no neighbours"
    with pytest.raises(ValueError, match="'lang' needs to be one of"):
        _text.text("cluster.island", "fr")


# The stages converted to catalogue keys so far; each file is listed by name so that a new
# module has to be added here on purpose.
_ONE_SOURCE_FILES = [
    "io/__init__.py",
    "io/boundaries.py",
    "io/cells.py",
    "io/grid.py",
    "io/grid_aggregate.py",
    "io/keys.py",
    "io/numbers.py",
    "io/report.py",
    "io/tables.py",
    "join.py",
    "datasets.py",
    "indicators/__init__.py",
    "indicators/confidentiality.py",
    "indicators/rates.py",
    "index/__init__.py",
    "index/classes.py",
    "index/composite.py",
    "index/normalise.py",
    "index/presets.py",
    "index/sensitivity.py",
]


def _error_classes() -> set[str]:
    return {
        name for name in dir(errors)
        if isinstance(getattr(errors, name), type)
        and issubclass(getattr(errors, name), errors.SozialraumError)
    }


def _direct_error_calls(source: str, classes: set[str]) -> list[int]:
    """Lines where a sozialraum error is built by calling its class (not ``.from_key``)."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else (
            func.attr if isinstance(func, ast.Attribute) else None
        )
        if name in classes:
            lines.append(node.lineno)
    return lines


def test_errors_of_converted_stages_come_from_catalogue_keys():
    """io, join, datasets, indicators and index build every error with ``XError.from_key``.

    A ``raise ColumnError(f"...")`` (or a helper returning one) would give the
    German command line an English message; the key's entry holds both texts.
    """
    root = Path(sr.__file__).parent
    classes = _error_classes()
    assert {"ColumnError", "ConfigError", "InputFileNotFoundError"} <= classes
    offenders = []
    for rel in _ONE_SOURCE_FILES:
        for line in _direct_error_calls((root / rel).read_text(encoding="utf-8"), classes):
            offenders.append(f"sozialraum/{rel}:{line}")
    assert offenders == [], "build these errors with XError.from_key(...): " + ", ".join(offenders)
    # every key those files name exists in the catalogue, in German and English alike
    for rel in _ONE_SOURCE_FILES:
        tree = ast.parse((root / rel).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "from_key" and node.args
                    and isinstance(node.args[0], ast.Constant)):
                key = node.args[0].value
                assert key in _text.TEXTS, f"sozialraum/{rel}:{node.lineno}: no entry {key!r}"


def test_the_scan_sees_a_string_built_error():
    classes = _error_classes()
    bad = 'from x import ColumnError\nraise ColumnError(f"no column {c!r}")\n'
    also_bad = "raise errors.ConfigError('plain')\n"
    good = 'raise ColumnError.from_key("io.missing_column", path=p)\n'
    assert _direct_error_calls(bad, classes) == [2]
    assert _direct_error_calls(also_bad, classes) == [1]
    assert _direct_error_calls(good, classes) == []


def test_catalogue_entries_of_converted_stages_share_placeholders():
    import string

    def fields(template):
        return {f[1].split("!")[0].split(".")[0].split("[")[0]
                for f in string.Formatter().parse(template) if f[1] is not None}

    prefixes = ("io.", "join.", "datasets.", "conf.", "indicators.", "index.")
    for key, entry in _text.TEXTS.items():
        if key.startswith(prefixes):
            assert fields(entry["de"]) == fields(entry["en"]), key

