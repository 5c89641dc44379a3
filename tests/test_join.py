"""Tests of :mod:`sozialraum.join`.

join_indicators and JoinReport (examples and properties).
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import box

import sozialraum as sr
from sozialraum.io.cells import REASON_DTYPE


def _boundaries(keys, name="SR_NR"):
    geoms = [box(i * 100.0, 0.0, (i + 1) * 100.0, 100.0) for i in range(len(keys))]
    return gpd.GeoDataFrame(
        {"name": [f"Gebiet {k}" for k in keys]},
        geometry=geoms,
        crs="EPSG:25832",
        index=pd.Index(list(keys), name=name, dtype="str"),
    )


def _table(keys, values, name="SR_NR", reasons=None):
    t = pd.DataFrame(
        {"EW": pd.array(values, dtype="Int64")}, index=pd.Index(list(keys), name=name)
    )
    if reasons is not None:
        t["EW__reason"] = pd.Categorical(reasons, dtype=REASON_DTYPE)
    return t


def test_basic_join_keeps_boundaries_order_index_and_values():
    b = _boundaries(["0101", "0102", "0201"])
    t = _table(["0201", "0101", "0102"], [30, 10, 20])
    b_before, t_before = b.copy(), t.copy()
    joined, report = sr.join_indicators(b, t)
    assert isinstance(joined, gpd.GeoDataFrame) and joined.crs == b.crs
    assert list(joined.index) == ["0101", "0102", "0201"] and joined.index.name == "SR_NR"
    assert joined["EW"].tolist() == [10, 20, 30]
    assert joined.geometry.equals(b.geometry)
    assert "EW__reason" not in joined.columns
    assert (report.n_boundaries, report.n_table, report.n_matched) == (3, 3, 3)
    assert report.complete and report.only_in_table == () and report.only_in_boundaries == ()
    pd.testing.assert_frame_equal(b, b_before)  # inputs untouched
    pd.testing.assert_frame_equal(t, t_before)


def test_unmatched_keys_are_kept_and_reported():
    b = _boundaries(["0101", "0102", "0201"])
    t = _table(["0101", "0201", "0999"], [10, None, 99], reasons=[None, "secret", None])
    joined, report = sr.join_indicators(b, t)
    assert list(joined.index) == ["0101", "0102", "0201"]  # nothing dropped, nothing added
    assert joined["EW"].isna().tolist() == [False, True, True]
    assert [None if pd.isna(r) else r for r in joined["EW__reason"]] == [
        None, "not_delivered", "secret"
    ]
    assert report.only_in_boundaries == ("0102",) and report.only_in_table == ("0999",)
    assert report.n_matched == 2 and not report.complete
    assert report.near_matches == ()
    frame = report.to_frame()
    assert frame.loc["0102", "status"] == "only_in_boundaries"
    assert frame.loc["0999", "status"] == "only_in_table"
    summary = report.summary()
    assert "1 Gebiete ohne Zeile in der Tabelle" in summary and "'0102'" in summary
    assert "1 Schlüssel nur in der Tabelle" in summary and "'0999'" in summary
    assert "1 keys only in the table" in report.summary(lang="en")
    with pytest.raises(sr.MissingDataError, match=r"'0102'.*'0999'"):
        report.raise_if_unmatched()
    with pytest.raises(sr.MissingDataError, match=r"1 districts have no row"):
        sr.join_indicators(b, t, strict=True)


@pytest.mark.parametrize("side", ["boundaries", "table"])
def test_duplicate_keys_raise(side):
    keys = ["0101", "0102", "0101"]
    b = _boundaries(keys if side == "boundaries" else ["0101", "0102"])
    t = _table(keys if side == "table" else ["0101", "0102"], [1] * (3 if side == "table" else 2))
    pattern = rf"The {side} has 1 keys more than once: '0101'"
    with pytest.raises(sr.DuplicateKeyError, match=pattern):
        sr.join_indicators(b, t)


def test_lost_leading_zeros_are_reported_not_guessed():
    b = _boundaries(["0101", "0102", "1001"])
    t = _table([101, 102, 1001], [1, 2, 3])  # int keys: leading zeros gone
    joined, report = sr.join_indicators(b, t)
    assert joined["EW"].isna().tolist() == [True, True, False]  # only the exact match joined
    assert report.near_matches == (
        ("101", "0101", "leading_zeros"),
        ("102", "0102", "leading_zeros"),
    )
    assert "key_width=4" in report.suggestion and "leading zeros" in report.suggestion
    assert "key_width=4" in repr(report)
    assert "führenden Nullen" in report.summary()
    assert any("numbers" in n for n in report.notes)
    html = report._repr_html_()
    assert html.startswith("<table") and "&#x27;101&#x27; ~ &#x27;0101&#x27;" in html
    for kwargs in ({"key_width": 4}, {"normalize_keys": True}):
        fixed, rep = sr.join_indicators(b, t, **kwargs)
        assert fixed["EW"].tolist() == [1, 2, 3] and rep.complete
        assert set(rep.normalized) >= {("101", "0101"), ("102", "0102")}
        assert rep.normalization in ("key_width=4", "normalize_keys")


def test_whitespace_and_float_keys():
    b = _boundaries(["0101", "0102"])
    t = _table([" 0101", "0102 "], [1, 2])
    _, report = sr.join_indicators(b, t)
    assert {k for *_, k in report.near_matches} == {"whitespace"}
    assert "normalize_keys=True" in report.suggestion
    fixed, rep = sr.join_indicators(b, t, normalize_keys=True)
    assert fixed["EW"].tolist() == [1, 2] and rep.n_matched == 2
    b2 = _boundaries(["101", "102"])
    # numeric float keys are numbers: 101.0 is compared as "101" (and noted) ...
    numeric = pd.DataFrame({"EW": [1.0, 2.0]}, index=pd.Index([101.0, 102.0]))
    joined, rep_num = sr.join_indicators(b2, numeric)
    assert rep_num.n_matched == 2 and any("numbers (float64)" in n for n in rep_num.notes)
    # ... but the text "101.0" is a different key: reported, not joined
    t2 = pd.DataFrame({"EW": [1.0, 2.0]}, index=pd.Index(["101.0", "102.0"]))
    _, report2 = sr.join_indicators(b2, t2)
    assert report2.n_matched == 0
    assert {k for *_, k in report2.near_matches} == {"number_format"}
    fixed2, _ = sr.join_indicators(b2, t2, normalize_keys=True)
    assert fixed2["EW"].tolist() == [1.0, 2.0]


def test_normalisation_collision_raises():
    b = _boundaries(["0101", "0102"])
    t = _table(["0101", "101"], [1, 2])
    with pytest.raises(sr.DuplicateKeyError, match=r"key_width=4.*'0101', '101'"):
        sr.join_indicators(b, t, key_width=4)


def test_join_on_columns():
    b = _boundaries(["0101", "0102"]).reset_index()
    t = _table(["0102", "0101"], [2, 1]).reset_index().rename(columns={"SR_NR": "Gebiet"})
    joined, report = sr.join_indicators(b, t, on=("SR_NR", "Gebiet"))
    assert joined.index.name == "SR_NR" and list(joined.index) == ["0101", "0102"]
    assert joined["EW"].tolist() == [1, 2] and report.complete
    with pytest.raises(sr.ColumnError, match=r"table has no column 'SR_NR'.*'Gebiet'"):
        sr.join_indicators(b, t, on="SR_NR")


def test_shared_columns():
    b = _boundaries(["0101", "0102"])
    same = _table(["0101", "0102"], [1, 2]).assign(name=["Gebiet 0101", "Gebiet 0102"])
    joined, report = sr.join_indicators(b, same)
    assert report.shared_columns == ("name",)
    assert list(joined.columns) == ["name", "geometry", "EW"]
    other = same.assign(name=["Nord", "Gebiet 0102"])
    with pytest.raises(sr.ColumnError, match=r"'name'.*'0101': 'Gebiet 0101' vs 'Nord'.*suffixes"):
        sr.join_indicators(b, other)
    joined, report = sr.join_indicators(b, other, suffixes=("", "_tabelle"))
    assert joined["name_tabelle"].tolist() == ["Nord", "Gebiet 0102"]
    assert joined["name"].tolist() == ["Gebiet 0101", "Gebiet 0102"]
    assert report.suffixed_columns == ("name",)


def test_bad_inputs():
    b = _boundaries(["0101"])
    with pytest.raises(sr.InputError, match="GeoDataFrame"):
        sr.join_indicators(pd.DataFrame(b.drop(columns="geometry")), _table(["0101"], [1]))
    multi = _table(["0101", "0101"], [1, 2])
    multi.index = pd.MultiIndex.from_arrays(
        [["0101", "0101"], pd.to_datetime(["2023-12-31", "2024-12-31"])],
        names=["SR_NR", "Stichtag"],
    )
    with pytest.raises(sr.InputError, match=r"MultiIndex.*stichtag="):
        sr.join_indicators(b, multi)
    with pytest.raises(sr.MissingDataError, match="without a key"):
        sr.join_indicators(b, _table(["0101", None], [1, 2]))


KEYS = st.lists(
    st.integers(min_value=1, max_value=9999).map(lambda i: f"{i:04d}"),
    min_size=1, max_size=30, unique=True,
)


@settings(max_examples=60, deadline=None)
@given(keys=KEYS, data=st.data())
def test_property_never_loses_or_duplicates_a_district(keys, data):
    in_table = data.draw(st.lists(st.sampled_from(keys), unique=True))
    extra = data.draw(st.lists(st.sampled_from(["A1", "B2", "C3"]), unique=True))
    b_order = data.draw(st.permutations(keys))
    t_keys = data.draw(st.permutations(in_table + extra))
    values = {k: int(k) if k.isdigit() else -1 for k in t_keys}
    b = _boundaries(b_order, name=data.draw(st.sampled_from(["SR_NR", "key", None])))
    t = _table(t_keys, [values[k] for k in t_keys],
               name=data.draw(st.sampled_from(["SR_NR", "Gebiet", None])))
    joined, report = sr.join_indicators(b, t)
    assert list(joined.index) == list(b_order)  # boundaries' order, no loss, no duplicates
    assert joined.index.name == b.index.name
    for k in b_order:
        expected = values.get(k)
        got = joined.loc[k, "EW"]
        assert (pd.isna(got) and expected is None) or got == expected
    assert report.n_matched == len(in_table)
    assert set(report.only_in_boundaries) == set(keys) - set(in_table)
    assert set(report.only_in_table) == set(extra)
    missing = joined["EW"].isna()
    if missing.any():
        assert (joined.loc[missing, "EW__reason"] == "not_delivered").all()


@settings(max_examples=60, deadline=None)
@given(keys=KEYS, data=st.data())
def test_property_int_keys_detected_and_joined_with_opt_in(keys, data):
    b = _boundaries(data.draw(st.permutations(keys)))
    t_keys = data.draw(st.permutations(keys))
    t = _table(np.array([int(k) for k in t_keys], dtype="int64"), [int(k) for k in t_keys])
    joined, report = sr.join_indicators(b, t)
    lost = {k for k in keys if k.startswith("0")}
    # only keys without leading zeros match exactly; the others are near matches, not joined
    assert report.n_matched == len(keys) - len(lost)
    assert {bk for _, bk, _ in report.near_matches} == lost
    if lost:
        assert "key_width=4" in report.suggestion
    fixed, rep = sr.join_indicators(b, t, key_width=4)
    assert rep.complete and list(fixed.index) == list(b.index)
    assert fixed["EW"].tolist() == [int(k) for k in b.index]
    fixed2, rep2 = sr.join_indicators(b, t, normalize_keys=True)
    assert rep2.complete and fixed2["EW"].tolist() == [int(k) for k in b.index]


def test_join_errors_speak_german_and_english():
    b = _boundaries(["0101", "0102", "0201"])
    t = _table(["101", "0201", "0999"], [10, 20, 99])
    _, report = sr.join_indicators(b, t)
    with pytest.raises(sr.MissingDataError) as info:
        report.raise_if_unmatched()
    de, en = info.value.message("de"), str(info.value)
    assert de.startswith("Verknüpfung über 'SR_NR': 2 Sozialräume haben keine Zeile in der "
                         "Tabelle: '0101', '0102'; 2 Tabellenschlüssel haben keinen Sozialraum: "
                         "'101', '0999'. Die Schlüssel der Tabelle sehen aus wie Zahlen")
    assert "key_width=4" in de and "lost their leading zeros" not in de
    assert en.startswith("Join on 'SR_NR': 2 districts have no row in the table: '0101', '0102';")
    assert "lost their leading zeros" in en

    with pytest.raises(sr.DuplicateKeyError) as info:
        sr.join_indicators(b, _table(["0101", "0101"], [1, 2]))
    assert info.value.message("de").startswith(
        "Die Tabelle enthält 1 Schlüssel mehrfach: '0101'. Schlüssel müssen eindeutig sein"
    )
    with pytest.raises(sr.ColumnError) as info:
        sr.join_indicators(b, _table(["0101"], [1]), on="GEBIET")
    assert info.value.message("de") == (
        "Der Gebietsdatensatz hat keine Spalte 'GEBIET'. Spalten: 'name', 'geometry'."
    )
    assert str(info.value) == "The boundaries has no column 'GEBIET'. Columns: 'name', 'geometry'."
    t2 = _table(["0101", "0102", "0201"], [1, 2, 3])
    t2["name"] = ["anders", "Gebiet 0102", "Gebiet 0201"]
    with pytest.raises(sr.ColumnError) as info:
        sr.join_indicators(b, t2)
    assert "mit verschiedenen Werten: 'name'; 'name' (z. B. '0101': 'Gebiet 0101' gegenüber " \
        "'anders')" in info.value.message("de")
    assert "'name' (e.g. '0101': 'Gebiet 0101' vs 'anders')" in str(info.value)


def test_positional_index_is_refused_with_the_key_column_to_use():
    # geopandas.read_postgis returns a RangeIndex; the key is an ordinary column
    b = _boundaries(["0101", "0102", "0201"]).reset_index()
    t = _table(["0201", "0101", "0102"], [30, 10, 20])  # keyed, as from read_table
    with pytest.raises(sr.InputError, match=r"boundaries.*RangeIndex.*on='SR_NR'") as info:
        sr.join_indicators(b, t)
    assert "on='SR_NR'" in info.value.message("de")
    # on="SR_NR" works although read_table already made SR_NR the table's index
    joined, report = sr.join_indicators(b, t, on="SR_NR")
    assert joined["EW"].tolist() == [10, 20, 30] and report.complete
    # the same for a table with a RangeIndex
    with pytest.raises(sr.InputError, match=r"table.*RangeIndex.*on='SR_NR'"):
        sr.join_indicators(_boundaries(["0101", "0102", "0201"]), t.reset_index())


def test_key_width_pads_both_sides_and_the_hint_names_the_side():
    # integer keys in the boundaries (e.g. a PostGIS integer column), text in the table
    b = _boundaries(["0101", "0102", "1001"])
    b.index = pd.Index([101, 102, 1001], name="SR_NR")
    t = _table(["0101", "0102", "1001"], [1, 2, 3])
    _, report = sr.join_indicators(b, t)
    assert report.n_matched == 1
    assert "boundaries' keys" in report.suggestion and "table's keys" not in report.suggestion
    assert "Schlüssel der Grenzen" in report.summary()
    fixed, rep = sr.join_indicators(b, t, key_width=4)
    assert fixed["EW"].tolist() == [1, 2, 3] and rep.complete
    assert list(fixed.index) == [101, 102, 1001]  # the boundaries' own index is kept
    # the table's keys lost their zeros: the hint says so
    _, rep_t = sr.join_indicators(_boundaries(["0101", "0102"]), _table([101, 102], [1, 2]))
    assert "table's keys" in rep_t.suggestion
    # the hint's width comes from the side that kept its zeros
    b3 = _boundaries(["0101", "0102"])
    b3.index = pd.Index([101, 102], name="SR_NR")
    _, rep_b = sr.join_indicators(b3, _table(["0101", "0102"], [1, 2]))
    assert "key_width=4" in rep_b.suggestion
    # padding both sides may make two boundary keys one: refused, in both languages
    b4 = _boundaries(["0101", "101"])
    with pytest.raises(sr.DuplicateKeyError, match=r"key_width=4.*boundary keys.*'0101', '101'"):
        sr.join_indicators(b4, _table(["0101"], [1]), key_width=4)

