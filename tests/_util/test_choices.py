"""Tests of :mod:`sozialraum._util.choices`.

Choices with a did-you-mean hint.
"""

from __future__ import annotations

import pytest

import sozialraum as sr
from sozialraum._util.choices import check_choice


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

