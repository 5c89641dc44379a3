"""The shared foundation.

Error tree, value formatting, Stichtag parsing, reasons, texts, atomic writes.
"""

from __future__ import annotations

import ast
import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import sozialraum as sr
from sozialraum import _text, errors
from sozialraum._util.choices import check_choice
from sozialraum._util.dates import format_stichtag, parse_stichtag
from sozialraum._util.files import atomic_dir, atomic_path
from sozialraum.io import cells as _missing

# --- error tree ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cls", "builtin"),
    [
        (errors.InputError, ValueError),
        (errors.FileFormatError, ValueError),
        (errors.ColumnError, ValueError),
        (errors.CRSError, ValueError),
        (errors.GeometryError, ValueError),
        (errors.DuplicateKeyError, ValueError),
        (errors.MissingDataError, ValueError),
        (errors.ConfigError, ValueError),
        (errors.ConfidentialityError, ValueError),
        (errors.OutputExistsError, FileExistsError),
        (errors.DependencyError, ImportError),
        (errors.InputFileNotFoundError, FileNotFoundError),
        (errors.InputFileNotFoundError, ValueError),
        (errors.ColumnError, KeyError),
    ],
)
def test_every_error_is_a_sozialraum_error_and_its_builtin(cls, builtin):
    assert issubclass(cls, sr.SozialraumError)
    assert issubclass(cls, builtin)
    with pytest.raises(builtin):
        raise cls("x")


def test_warnings_tree():
    assert issubclass(sr.SmallSampleWarning, sr.SozialraumWarning)
    assert issubclass(sr.SozialraumWarning, UserWarning)


def test_format_values_shows_five_then_counts_the_rest():
    assert errors.format_values(["0101", "0102"]) == "'0101', '0102'"
    assert errors.format_values([f"{i:04d}" for i in range(8)]) == (
        "'0000', '0001', '0002', '0003', '0004' and 3 more"
    )
    # numpy scalars read like Python scalars, text keys keep their zeros
    assert errors.format_values(np.array([1, 2])) == "1, 2"
    assert errors.format_values([]) == ""


# --- choices, Stichtag -----------------------------------------------------------------------


def test_check_choice_suggests_close_spelling():
    assert check_choice("method", "rook", ["queen", "rook"]) == "rook"
    with pytest.raises(sr.ConfigError) as info:
        check_choice("method", "qeen", ["queen", "rook"])
    msg = str(info.value)
    assert "'method' needs to be one of ('queen', 'rook')" in msg
    assert "'qeen' was given instead" in msg
    assert "Did you mean 'queen'?" in msg


def test_check_choice_with_none_among_the_options():
    assert check_choice("tiles", None, ["OpenStreetMap", None]) is None
    with pytest.raises(sr.ConfigError, match="Did you mean 'OpenStreetMap'"):
        check_choice("tiles", "OpenStreetmap", ["OpenStreetMap", None])
    with pytest.raises(sr.ConfigError, match="'osm' was given instead"):
        check_choice("tiles", "osm", ["OpenStreetMap", None])


@pytest.mark.parametrize(
    "given",
    ["31.12.2024", "2024-12-31", 2024, "2024", dt.date(2024, 12, 31), pd.Timestamp("2024-12-31")],
)
def test_parse_stichtag_forms(given):
    assert parse_stichtag(given) == dt.date(2024, 12, 31)
    assert format_stichtag(given) == "31.12.2024"


@pytest.mark.parametrize("bad", ["31.13.2024", "Ende 2024", 12, None])
def test_parse_stichtag_rejects_with_hint(bad):
    with pytest.raises(sr.ConfigError, match="31.12.2024"):
        parse_stichtag(bad)


# --- reasons ---------------------------------------------------------------------------------


def test_combine_reasons_precedence_and_true_zero_not_inherited():
    idx = pd.Index(["0101", "0102", "0103", "0104"], name="SR_NR")
    a = pd.Series(
        pd.Categorical(["secret", None, "true_zero", None], dtype=_missing.REASON_DTYPE), index=idx
    )
    b = pd.Series(
        pd.Categorical(
            ["not_delivered", "not_meaningful", None, None], dtype=_missing.REASON_DTYPE
        ),
        index=idx,
    )
    out = _missing.combine_reasons(a, b)
    assert list(out.astype(object).where(out.notna(), None)) == [
        "secret",
        "not_meaningful",
        None,
        None,
    ]
    assert out.index.equals(idx)


def test_reason_columns_naming_and_roundtrip():
    frame = pd.DataFrame({"EW": [10, 0]}, index=pd.Index(["1", "2"], name="k"))
    assert _missing.reason_column("EW") == "EW__reason"
    assert _missing.get_reasons(frame, "EW").isna().all()
    reasons = pd.Series(["true_zero", None], index=frame.index)
    out = _missing.with_reasons(frame, "EW", reasons)
    assert _missing.value_columns(out) == ["EW"]
    assert out.loc["2", "EW__reason"] is np.nan or pd.isna(out.loc["2", "EW__reason"])
    assert out.loc["1", "EW__reason"] == "true_zero"
    assert "EW__reason" not in frame.columns  # input not modified


# --- texts -----------------------------------------------------------------------------------


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


# --- atomic output ---------------------------------------------------------------------------


def test_atomic_dir_moves_into_place_and_refuses_overwrite(tmp_path):
    target = tmp_path / "bundle"
    with atomic_dir(target) as tmp:
        (tmp / "a.txt").write_text("1")
        assert not target.exists()
    assert (target / "a.txt").read_text() == "1"
    with pytest.raises(sr.OutputExistsError, match="--force"):
        with atomic_dir(target):
            pass
    with atomic_dir(target, force=True) as tmp:
        (tmp / "b.txt").write_text("2")
    # the old folder's files went (all listed in its manifest, unchanged), the new one has its own
    assert sorted(p.name for p in target.iterdir()) == ["b.txt", "manifest.json"]
    assert [p.name for p in tmp_path.iterdir()] == ["bundle"]  # no leftovers, no lock file


def test_atomic_dir_failure_leaves_nothing(tmp_path):
    target = tmp_path / "bundle"
    with pytest.raises(RuntimeError):
        with atomic_dir(target) as tmp:
            (tmp / "half.txt").write_text("x")
            raise RuntimeError("killed")
    assert list(tmp_path.iterdir()) == []


def test_atomic_path_keeps_existing_file_on_failure(tmp_path):
    target = tmp_path / "t.csv"
    target.write_text("old")
    with pytest.raises(sr.OutputExistsError):
        with atomic_path(target):
            pass
    with pytest.raises(RuntimeError):
        with atomic_path(target, force=True) as tmp:
            tmp.write_text("new but broken")
            raise RuntimeError
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["t.csv"]


# --- public surface --------------------------------------------------------------------------


def test_public_surface_is_sorted_and_resolves():
    assert sr.__all__ == sorted(sr.__all__)
    for name in sr.__all__:
        assert getattr(sr, name) is not None, name
    with pytest.raises(AttributeError):
        sr.does_not_exist  # noqa: B018


def test_import_is_light():
    """`import sozialraum` must not pull in matplotlib, folium or esda (CLI start-up time)."""
    code = (
        "import sys, sozialraum; "
        "heavy = [m for m in ('matplotlib', 'folium', 'esda', 'geopandas', 'numba') "
        "if m in sys.modules]; "
        "print(','.join(heavy))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    assert out.stdout.strip() == ""


def test_submodules_reachable_but_not_star_exported():
    import sozialraum.indicators

    assert sr.indicators is sozialraum.indicators
    assert "STANDARD" in dir(sr.indicators)
    namespace: dict[str, object] = {}
    exec("from sozialraum import *", namespace)  # noqa: S102
    assert "io" not in namespace and "index" not in namespace
    assert "read_table" in namespace and "datasets" in namespace


def test_user_errors_are_caught_by_the_builtin_a_user_would_try(tmp_path):
    with pytest.raises(FileNotFoundError, match="does not exist"):
        sr.read_table(tmp_path / "fehlt.csv", key="SR_NR")
    path = tmp_path / "t.csv"
    path.write_text("SR_NR;EW\n0101;5\n", encoding="utf-8")
    with pytest.raises(KeyError) as info:
        sr.read_table(path, key="SR_NUMMER")
    assert str(info.value).startswith(f"'{path}' has no key column 'SR_NUMMER'")  # no extra quotes


# --- one source per message ------------------------------------------------------------------

# The stages converted to catalogue keys so far; each file is listed by name so that a new
# module has to be added here on purpose.
_ONE_SOURCE_FILES = [
    "io/__init__.py",
    "io/boundaries.py",
    "io/cells.py",
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
