"""Tests of :mod:`sozialraum.errors`.

The error tree (each error is also the built-in a user would catch), the warnings, and
the formatting of offending values.
"""

from __future__ import annotations

import numpy as np
import pytest

import sozialraum as sr
from sozialraum import errors


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


def test_user_errors_are_caught_by_the_builtin_a_user_would_try(tmp_path):
    with pytest.raises(FileNotFoundError, match="does not exist"):
        sr.read_table(tmp_path / "fehlt.csv", key="SR_NR")
    path = tmp_path / "t.csv"
    path.write_text("SR_NR;EW\n0101;5\n", encoding="utf-8")
    with pytest.raises(KeyError) as info:
        sr.read_table(path, key="SR_NUMMER")
    assert str(info.value).startswith(f"'{path}' has no key column 'SR_NUMMER'")  # no extra quotes

