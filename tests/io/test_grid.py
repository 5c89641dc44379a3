"""Tests of :mod:`sozialraum.io.grid`: Zensus 2022 grid tables as published.

The files are generated (tests/support/zensus.py) in the published layout; expected values
are written out by hand from the cells put in.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from libpysal.graph import Graph
from support.zensus import write_zensus_grid

import sozialraum as sr
from sozialraum.errors import ColumnError, DuplicateKeyError, InputError
from sozialraum.io import load_report

HEADER = "GITTER_ID_100m;x_mp_100m;y_mp_100m;Einwohner\n"


def _file(tmp_path, body, name="Zensus2022_Bevoelkerungszahl_100m-Gitter.csv", **kw):
    path = tmp_path / name
    path.write_text(body, **({"encoding": "utf-8"} | kw))
    return path


def test_reads_the_published_100m_layout(tmp_path):
    f = _file(tmp_path, HEADER
              + "CRS3035RES100mN2689100E4337000;4337050;2689150;4\n"
              + "CRS3035RES100mN2689100E4337100;4337150;2689150;17\n"
              + "CRS3035RES100mN2689200E4337000;4337050;2689250;3\n")
    g = sr.read_zensus_grid(f)
    assert isinstance(g, pd.DataFrame) and not hasattr(g, "geometry")  # no polygons yet
    assert g.index.name == "GITTER_ID_100m"
    assert list(g.index) == ["CRS3035RES100mN2689100E4337000", "CRS3035RES100mN2689100E4337100",
                             "CRS3035RES100mN2689200E4337000"]
    assert str(g["Einwohner"].dtype) == "Int64"
    assert g["Einwohner"].tolist() == [4, 17, 3]
    assert g["x_mp_100m"].tolist() == [4337050, 4337150, 4337050]
    # row = northing of the lower left corner / 100, col = easting / 100
    assert g["row"].tolist() == [26891, 26891, 26892]
    assert g["col"].tolist() == [43370, 43371, 43370]
    assert g.attrs["zensus_grid"]["resolution"] == 100
    report = load_report(g)
    assert (report.kind, report.crs, report.key, report.n_rows) == (
        "grid", "EPSG:3035", "GITTER_ID_100m", 3)
    assert "Gittertabelle" in report._repr_html_()


@pytest.mark.parametrize(("suffix", "res"), [("1km", 1000), ("10km", 10000)])
def test_reads_the_1km_and_10km_variants(tmp_path, suffix, res):
    n, e = 2_680_000, 4_330_000  # on the 10 km lattice too
    body = (f"GITTER_ID_{suffix};x_mp_{suffix};y_mp_{suffix};Einwohner\n"
            f"CRS3035RES{res}mN{n}E{e};{e + res // 2};{n + res // 2};1234\n")
    g = sr.read_zensus_grid(_file(tmp_path, body, name=f"z_{suffix}.csv"))
    assert g["Einwohner"].tolist() == [1234]
    assert g["row"].tolist() == [n // res] and g["col"].tolist() == [e // res]
    assert g.attrs["zensus_grid"] == {"resolution": res, "x": f"x_mp_{suffix}",
                                      "y": f"y_mp_{suffix}", "id": f"GITTER_ID_{suffix}",
                                      "crs": "EPSG:3035"}


def test_markers_decimal_commas_and_parentheses(tmp_path):
    rows = [0, 0, 0, 0, 1, 1, 1]
    cols = [0, 1, 2, 3, 0, 1, 2]
    f = write_zensus_grid(tmp_path / "m.csv", rows, cols, {
        "Einwohner": ["12", "\u2013", "-", ".", "/", "(3)", ""],
        "Anteil": ["12,5", "0,25", "(7,5)", "x", "1,0", "3,75", "2"],
        "werterlaeuternde_Zeichen": ["", "", "KLAMMERN", "", "", "KLAMMERN", ""],
    })
    g = sr.read_zensus_grid(f)
    assert g["Einwohner"].tolist()[:1] == [12] and g["Einwohner"].iloc[5] == 3
    assert g["Einwohner"].isna().tolist() == [False, True, True, True, True, False, True]
    reasons = [r if isinstance(r, str) else None for r in g["Einwohner__reason"]]
    assert reasons == [None, "true_zero", "true_zero", "secret", "not_meaningful", None,
                       "not_delivered"]
    assert g["Anteil"].tolist()[:3] == [12.5, 0.25, 7.5]
    assert np.isnan(g["Anteil"].iloc[3]) and g["Anteil__reason"].iloc[3] == "secret"
    assert g["werterlaeuternde_Zeichen"].tolist()[2] == "KLAMMERN"  # text passes through
    notes = " ".join(load_report(g).notes)
    assert "Einwohner: 1 values in parentheses" in notes
    assert "Anteil: 1 values in parentheses" in notes
    assert "Einwohner: 2 dashes" in notes and "missing" in notes
    zero = sr.read_zensus_grid(f, dash="zero")
    assert zero["Einwohner"].tolist()[1:3] == [0, 0]
    assert zero["Einwohner__reason"].iloc[1] == "true_zero"  # where the 0 came from


def test_cp1252_file_and_columns_selection(tmp_path):
    body = ("GITTER_ID_1km;x_mp_1km;y_mp_1km;Einwohner;Ausländer\n"
            "CRS3035RES1000mN2689000E4337000;4337500;2689500;100;7\n")
    f = _file(tmp_path, body, name="c.csv", encoding="cp1252")
    g = sr.read_zensus_grid(f, columns=["Ausländer"])
    assert list(g.columns) == ["x_mp_1km", "y_mp_1km", "Ausländer", "row", "col"]
    with pytest.raises(ColumnError) as err:
        sr.read_zensus_grid(f, columns=["Auslaender"])
    assert "'Auslaender'" in err.value.message("de") and "c.csv" in err.value.message("de")


def test_a_value_column_named_like_the_grid_row_is_refused_not_overwritten(tmp_path):
    body = ("GITTER_ID_1km;x_mp_1km;y_mp_1km;Einwohner;row\n"
            "CRS3035RES1000mN2689000E4337000;4337500;2689500;100;7\n")
    f = _file(tmp_path, body, name="r.csv")
    with pytest.raises(ColumnError) as err:
        sr.read_zensus_grid(f)
    de = err.value.message("de")
    assert "r.csv" in de and "'row'" in de and "überschrieben" in de
    g = sr.read_zensus_grid(f, columns=["Einwohner"])  # left out: read as before
    assert g["row"].tolist() == [2689] and g["Einwohner"].tolist() == [100]


def test_midpoints_that_disagree_with_the_id_are_named(tmp_path):
    f = _file(tmp_path, HEADER
              + "CRS3035RES100mN2689100E4337000;4337050;2689150;4\n"
              + "CRS3035RES100mN2689100E4337100;4337100;2689150;5\n"   # x is the corner
              + "CRS3035RES100mN2689200E4337000;4337050;2689150;6\n")  # y of another row
    with pytest.raises(InputError) as err:
        sr.read_zensus_grid(f)
    de = err.value.message("de")
    assert "Zensus2022_Bevoelkerungszahl_100m-Gitter.csv" in de
    assert "'x_mp_100m'/'y_mp_100m'" in de and "'GITTER_ID_100m'" in de
    assert "In 2 Zeilen" in de and "Zeile 3" in de and "Zeile 4" in de
    assert "CRS3035RES100mN2689100E4337100 4337100/2689150" in de


def test_ids_of_another_resolution_or_form(tmp_path):
    f = _file(tmp_path, HEADER + "CRS3035RES1000mN2689000E4337000;4337050;2689050;4\n")
    with pytest.raises(InputError, match="another resolution") as err:
        sr.read_zensus_grid(f)
    assert "(100 m)" in err.value.message("de") and "Zeile 2" in err.value.message("de")
    f = _file(tmp_path, HEADER + "CRS3035RES100mN2689150E4337000;4337050;2689200;4\n")
    with pytest.raises(InputError, match="not on the 100 m grid") as err:
        sr.read_zensus_grid(f)
    assert "'CRS3035RES100mN2689150E4337000' (Zeile 2)" in err.value.message("de")
    f = _file(tmp_path, HEADER + "100mN26891E43370;4337050;2689150;4\n")
    with pytest.raises(InputError, match="not of the form CRS3035RES100m") as err:
        sr.read_zensus_grid(f)
    assert "'100mN26891E43370' (Zeile 2)" in err.value.message("de")


def test_duplicate_ids_bad_coordinates_bad_values_missing_columns(tmp_path):
    row = "CRS3035RES100mN2689100E4337000;4337050;2689150;4\n"
    with pytest.raises(DuplicateKeyError, match="occur more than once"):
        sr.read_zensus_grid(_file(tmp_path, HEADER + row + row))
    with pytest.raises(InputError, match="not whole-metre coordinates") as err:
        sr.read_zensus_grid(_file(tmp_path, HEADER + row.replace("4337050", "4337050,5")))
    assert "'x_mp_100m'" in err.value.message("de")
    with pytest.raises(InputError, match="neither numbers nor") as err:
        sr.read_zensus_grid(_file(tmp_path, HEADER + row + row.replace(
            "E4337000;4337050", "E4337100;4337150").replace(";4\n", ";vier\n")))
    assert "'vier' (Zeile 3)" in err.value.message("de")
    with pytest.raises(ColumnError, match="no grid id column"):
        sr.read_zensus_grid(_file(tmp_path, "ID;x;y;Einwohner\n1;2;3;4\n"))
    with pytest.raises(ColumnError, match="no midpoint column 'y_mp_100m'"):
        sr.read_zensus_grid(_file(tmp_path, "GITTER_ID_100m;x_mp_100m;Einwohner\n"
                                            "CRS3035RES100mN2689100E4337000;4337050;4\n"))


def test_grid_cells_are_squares_around_the_midpoints(tmp_path):
    f = write_zensus_grid(tmp_path / "g.csv", [10, 10, 11], [20, 21, 20], {"Einwohner": [1, 2, 3]},
                          resolution=1000)
    g = sr.read_zensus_grid(f)
    cells = sr.grid_cells(g)
    assert cells.crs.to_epsg() == 3035
    assert list(cells.index) == list(g.index) and cells["Einwohner"].tolist() == [1, 2, 3]
    assert cells.geometry.iloc[0].bounds == (20000.0, 10000.0, 21000.0, 11000.0)
    assert cells.geometry.area.tolist() == [1e6] * 3
    assert "geometry" not in g.columns  # the input is not changed


def _patch():
    """A 6 x 7 patch of 100 m cells with 4 cells absent (as unpopulated cells are)."""
    rr, cc = np.meshgrid(np.arange(6), np.arange(7), indexing="ij")
    keep = np.ones(rr.shape, dtype=bool)
    keep[[0, 2, 3, 5], [6, 3, 0, 2]] = False
    return rr[keep] + 26000, cc[keep] + 43000


@pytest.mark.parametrize("method", ["rook", "queen"])
def test_grid_weights_from_the_file_equal_libpysal_contiguity_of_the_cells(tmp_path, method):
    rows, cols = _patch()
    counts = np.random.default_rng(7).integers(0, 90, len(rows))
    f = write_zensus_grid(tmp_path / "p.csv", rows, cols, {"Einwohner": counts})
    g = sr.read_zensus_grid(f)
    w = sr.grid_weights(g["row"], g["col"], index=g.index, method=method, transform="B")
    reference = Graph.build_contiguity(sr.grid_cells(g), rook=method == "rook")
    for key in g.index:
        assert set(w.neighbors[key]) == set(reference[key].index), key


def test_local_moran_on_a_grid_equals_esda_with_lattice_weights(tmp_path):
    import esda  # the reference implementation

    rows, cols = _patch()
    rng = np.random.default_rng(11)
    values = rng.integers(0, 120, len(rows)) + 40 * (cols < 43003)
    f = write_zensus_grid(tmp_path / "p.csv", rows, cols, {"Einwohner": values})
    g = sr.read_zensus_grid(f)
    w = sr.grid_weights(g["row"], g["col"], index=g.index, method="queen")
    y = g["Einwohner"].astype(float)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sr.SmallSampleWarning)
        lm = sr.local_moran(y, w, permutations=0, correction="none")
    reference_graph = Graph.build_contiguity(sr.grid_cells(g), rook=False).transform("R")
    reference = esda.Moran_Local(y.loc[reference_graph.unique_ids].to_numpy(), reference_graph,
                                 permutations=0)
    ours = lm.statistic.loc[reference_graph.unique_ids].to_numpy()
    # ours is spdep's Ii, esda's Is is (n-1)/n of it (tests/data/spdep/MANIFEST.json)
    n = len(y)
    np.testing.assert_allclose(ours, reference.Is * n / (n - 1), rtol=1e-10)


def test_local_gstar_on_a_grid_equals_esda_g_local_star(tmp_path):
    import esda  # the reference implementation

    rows, cols = _patch()
    values = np.random.default_rng(3).integers(0, 100, len(rows))
    g = sr.read_zensus_grid(write_zensus_grid(tmp_path / "p.csv", rows, cols, {"E": values}))
    w = sr.grid_weights(g["row"], g["col"], index=g.index, method="queen", transform="B")
    y = g["E"].astype(float)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sr.SmallSampleWarning)
        gs = sr.local_gstar(y, w, permutations=0, correction="none")
    rg = Graph.build_contiguity(sr.grid_cells(g), rook=False)
    ref = esda.G_Local(y.loc[rg.unique_ids].to_numpy(), rg, star=True, transform="B",
                       permutations=0)
    np.testing.assert_allclose(gs.statistic.loc[rg.unique_ids].to_numpy(), ref.Gs, rtol=1e-10)
    np.testing.assert_allclose(gs.z_score.loc[rg.unique_ids].to_numpy(), ref.Zs, rtol=1e-10)
