"""Official municipality keys (AGS/ARS) and combined region keys (io/keys.py)."""

import pandas as pd
import pytest

from sozialraum.errors import InputError
from sozialraum.io.keys import ags_from_ars, check_ags, combine_keys, split_key


def test_check_ags_keeps_leading_zeros_and_index():
    s = pd.Series(["03159001", "03159016"], index=["a", "b"])
    out = check_ags(s)
    assert out.tolist() == ["03159001", "03159016"]
    assert list(out.index) == ["a", "b"]


@pytest.mark.parametrize(
    ("values", "needle"),
    [
        ([3159001], "3159001"),  # read as a number: the leading zero is gone
        (["0315900A"], "0315900A"),
        (["031590"], "031590"),
        (["17159001"], "17159001"),  # no Land 17
        (["00159001"], "00159001"),
    ],
)
def test_check_ags_refuses_bad_keys_naming_file_column_values(values, needle):
    with pytest.raises(InputError) as info:
        check_ags(values, path="gemeinden.csv", column="GKZ")
    de = info.value.message("de")
    assert "gemeinden.csv" in de and "'GKZ'" in de and needle in de


def test_check_ags_kreis_part():
    with pytest.raises(InputError) as info:
        check_ags(["03159001", "03254001"])
    assert "03159" in info.value.message("de") and "03254" in info.value.message("de")
    assert check_ags(["03159001", "03254001"], kreis="").tolist() == ["03159001", "03254001"]
    with pytest.raises(InputError) as info:
        check_ags(["03159001", "03254001"], kreis="03159")
    assert "03254001" in info.value.message("de") and "03159001" not in info.value.message("de")


def test_check_ags_mixed_lengths_and_ars():
    with pytest.raises(InputError):
        check_ags(["03159001", "031590016016"], kreis="")
    assert check_ags(["031590016016"], kind="ARS").tolist() == ["031590016016"]
    with pytest.raises(InputError):
        check_ags(["03159001"], kind="ARS")
    assert ags_from_ars("031590016016") == "03159016"


def test_combine_and_split_are_inverse_and_make_repeats_unique():
    ags = pd.Series(["03159001", "03159002", "03159002"])
    local = pd.Series(["0101", "0101", "0102"])
    keys = combine_keys(ags, local)
    assert keys.tolist() == ["03159001-0101", "03159002-0101", "03159002-0102"]
    assert keys.is_unique and local.duplicated().any()
    a, loc = split_key(keys)
    assert a.tolist() == ags.tolist() and loc.tolist() == local.tolist()
    assert combine_keys("05558012", "0101") == "05558012-0101"
    assert split_key("05558012-0101") == ("05558012", "0101")


def test_combine_and_split_refuse_bad_parts():
    with pytest.raises(InputError):
        combine_keys("03159001", "01-01")
    with pytest.raises(InputError) as info:
        split_key(pd.Series(["03159001-0101", "0101"]))
    assert "'0101'" in info.value.message("de")
