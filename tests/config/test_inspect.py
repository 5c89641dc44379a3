"""Tests of :mod:`sozialraum.config.inspect`.

``sozialraum init --from``: a config from a city's own files that ``check`` accepts.

The city here is synthetic (tests/synthetic.py ``synthetic_city``): 500 areas with detailed
boundaries, keys with leading zeros, a name column in both files, 12 Bezirke, and a table
of percentages as many statistics offices publish it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from synthetic import synthetic_city

from sozialraum.cli import main
from sozialraum.config import load_config
from sozialraum.config.inspect import inspect_inputs


@pytest.fixture(scope="module")
def city(tmp_path_factory):
    folder = tmp_path_factory.mktemp("stadt")
    return folder, synthetic_city(folder, 500, percentages=True)


def test_inspect_finds_key_name_level_population_and_rates(city):
    folder, files = city
    f = inspect_inputs(files["boundaries"], [files["table"]])
    assert (f.key, f.name, f.population) == ("GEB_NR", "GEB_NAME", "EW")
    assert f.levels == ["BEZ_NR"]
    assert f.tables[0].rates == ["ALO_ANT", "SGB2_ANT", "NDEU_ANT", "EW65_ANT"]
    assert f.tables[0].counts == ["EW"]
    assert f.crs == "EPSG:25832"


def test_lost_leading_zeros_are_found_and_noted(tmp_path, city):
    _, files = city
    table = files["table"].read_text(encoding="utf-8").splitlines()
    # the office's export dropped the zeros: 0001 -> 1
    stripped = [table[0]] + [row.lstrip("0") for row in table[1:]]
    path = tmp_path / "ohne_nullen.csv"
    path.write_text("\n".join(stripped) + "\n", encoding="utf-8")
    f = inspect_inputs(files["boundaries"], [path])
    assert f.key == "GEB_NR" and f.tables[0].key == "GEB_NR"
    assert f.key_width == 4
    assert any("In ohne_nullen.csv fehlen führende Nullen" in n for n in f.tables[0].notes)


def _open_data_city(folder: Path, n: int = 60) -> dict:
    """The city as an open-data portal and a GIS export deliver it: the boundaries as
    GeoJSON (always EPSG:4326), their keys stored as numbers (1 for "0001"), their names
    spelled otherwise than the statistics office's table (which keeps its zeros)."""
    files = synthetic_city(folder, n, percentages=True)
    g = gpd.read_file(files["boundaries"], layer="gebiete")
    g["GEB_NR"] = g["GEB_NR"].astype(int)
    g["GEB_NAME"] = g["GEB_NAME"].str.replace("Quartier", "Viertel Süd-Öst")
    path = folder / "gebiete.geojson"
    g.to_crs(4326).to_file(path, driver="GeoJSON")
    return {**files, "boundaries": path}


def test_open_data_boundaries_run_from_the_init_config(tmp_path, capsys):
    """GeoJSON in degrees with integer keys: init --from writes key_width, check accepts it,
    run reprojects (the methods text says so), keeps the office's keys and the boundaries'
    names (check and run agreed before only where the two name columns were equal)."""
    files = _open_data_city(tmp_path / "in")
    config = tmp_path / "stadt.toml"
    assert main(["init", str(config), "--from", str(files["boundaries"]),
                 str(files["table"])]) == 0
    data = tomllib.loads(config.read_text(encoding="utf-8"))
    assert data["inputs"]["key_width"] == 4
    text = config.read_text(encoding="utf-8")
    assert "EPSG:4326 (Grad) vor; jeder Lauf projiziert sie nach EPSG:25832" in text
    capsys.readouterr()
    assert main(["check", str(config)]) == 0, capsys.readouterr().err
    out = tmp_path / "ergebnis"
    assert main(["-q", "run", str(config), "--out", str(out), "--permutations", "99"]) == 0
    areas = pd.read_csv(out / "tabellen" / "gebiete.csv", sep=";", decimal=",",
                        dtype={"GEB_NR": str})
    assert len(areas) == 60 and list(areas["GEB_NR"][:3]) == ["0001", "0002", "0003"]
    assert areas["name"].str.startswith("Viertel Süd-Öst ").all()  # the boundaries' names
    methods = (out / "methodik.md").read_text(encoding="utf-8")
    assert ("im geographischen Koordinatensystem EPSG:4326 (Grad) vor; für Flächen, "
            "Entfernungen und Nachbarschaften wurden sie beim Laden nach EPSG:25832") in methods
    layer = gpd.read_file(out / "geodaten" / "ergebnisse.gpkg", layer="gebiete")
    assert layer.crs.to_epsg() == 25832


def test_check_names_the_key_width_and_refuses_what_run_would(tmp_path, capsys):
    files = _open_data_city(tmp_path / "in", 30)
    config = tmp_path / "stadt.toml"
    assert main(["init", str(config), "--from", str(files["boundaries"]),
                 str(files["table"])]) == 0
    text = config.read_text(encoding="utf-8")
    # without key_width no key matches: check says which width restores the zeros
    config.write_text(text.replace("key_width = 4", ""), encoding="utf-8")
    capsys.readouterr()
    assert main(["check", str(config)]) == 2
    err = capsys.readouterr().err
    assert "ohne führende Nullen aber 30" in err and "key_width = 4 unter [inputs]" in err
    assert "and 27 more" not in err and "und 27 weitere" in err  # German lists
    # a number column in both files with other values: check refuses it, as run would
    g = gpd.read_file(files["boundaries"])
    g["EW"] = 1
    g.to_file(files["boundaries"], driver="GeoJSON")
    config.write_text(text, encoding="utf-8")
    assert main(["check", str(config)]) == 2
    err = capsys.readouterr().err
    assert "[inputs.tables[0]]: passt nicht zu den Grenzen: Zahlenspalten" in err
    assert "'EW'" in err and "suffixes" not in err
    assert main(["run", str(config), "--out", str(tmp_path / "e")]) == 2
    assert "Zahlenspalten gibt es in den Grenzen und in der Tabelle" in capsys.readouterr().err


def test_init_from_writes_a_config_check_accepts_as_it_stands(city, tmp_path, capsys):
    folder, files = city
    target = folder / "sozialraum.toml"
    code = main(["init", str(target), "--from", str(files["boundaries"]), str(files["table"])])
    out = capsys.readouterr().out
    assert code == 0 and "Annahme:" in out
    text = target.read_text(encoding="utf-8")
    data = tomllib.loads(text)
    assert data["inputs"]["key"] == "GEB_NR" and data["inputs"]["name"] == "GEB_NAME"
    assert [i["rate"] for i in data["indicators"]["custom"]] == [
        "ALO_ANT", "SGB2_ANT", "NDEU_ANT", "EW65_ANT"]
    assert text.count("# Annahme:") >= 5
    assert main(["check", str(target)]) == 0
    assert "500 Gebiete" in capsys.readouterr().out
    # never overwritten without being asked
    assert main(["init", str(target), "--from", str(files["boundaries"]),
                 str(files["table"])]) == 2
    assert "gibt es schon" in capsys.readouterr().err


def test_init_from_needs_boundaries_and_a_table(capsys):
    assert main(["init", "x.toml", "--from", "grenzen.gpkg"]) == 2
    assert "mindestens eine Tabelle" in capsys.readouterr().err


@pytest.mark.slow
def test_percentage_city_runs_from_init_config_with_the_documented_edits(city, tmp_path):
    """The real-city path of issue 10: init --from, choose the index indicators (the
    documented edit), run the CLI; every area kept, Bezirk values population-weighted,
    the methods text says what was given, profiles small, the bundle far below 150 MB."""
    folder, files = city
    config = tmp_path / "stadt.toml"
    assert main(["init", str(config), "--from", str(files["boundaries"]),
                 str(files["table"])]) == 0
    text = config.read_text(encoding="utf-8")
    # the documented edits: the index over the deprivation rates only; fewer permutations
    text = text.replace('columns = ["ALO_ANT", "SGB2_ANT", "NDEU_ANT", "EW65_ANT"]',
                        'columns = ["ALO_ANT", "SGB2_ANT"]')
    text = text.replace("permutations = 9999", "permutations = 999")
    config.write_text(text, encoding="utf-8")
    out = tmp_path / "ergebnis"
    env = dict(os.environ, PYTHONWARNINGS="ignore")
    r = subprocess.run([sys.executable, "-m", "sozialraum", "run", str(config), "--out", str(out)],
                       capture_output=True, text=True, env=env, timeout=600)
    assert r.returncode == 0, r.stderr
    areas = pd.read_csv(out / "tabellen" / "gebiete.csv", sep=";", decimal=",",
                        dtype={"GEB_NR": str})
    assert len(areas) == 500 and areas["GEB_NR"].str.len().eq(4).all()
    # Bezirk values: population-weighted means of the delivered shares, by hand
    raw = pd.read_csv(files["table"], sep=";", decimal=",", dtype={"GEB_NR": str})
    geo = gpd.read_file(files["boundaries"])[["GEB_NR", "BEZ_NR"]]
    raw = raw.merge(geo, on="GEB_NR")
    raw["w"] = raw["ALO_ANT"] * raw["EW"]
    by_hand = raw.groupby("BEZ_NR")["w"].sum() / raw.groupby("BEZ_NR")["EW"].sum()
    bez = pd.read_csv(out / "tabellen" / "bez_nr.csv", sep=";", decimal=",",
                      dtype={"BEZ_NR": str}).set_index("BEZ_NR")
    assert len(bez) == 12 and bez["ALO_ANT"].notna().all()
    np.testing.assert_allclose(bez["ALO_ANT"], by_hand.reindex(bez.index).round(2), atol=0.006)
    methods = (out / "methodik.md").read_text(encoding="utf-8")
    assert "wie geliefert (Spalte ALO_ANT, ohne Nenner)" in methods
    assert "Zählwerten der Quelle" not in methods and "summierten Zählwerten" not in methods
    assert "gewichtete Mittel" in methods
    profiles = list((out / "profile").glob("*.html"))
    assert len(profiles) == 501 and max(p.stat().st_size for p in profiles) <= 300_000
    size = sum(p.stat().st_size for p in Path(out).rglob("*") if p.is_file())
    assert size <= 150_000_000
    assert oct(out.stat().st_mode & 0o777) != oct(0o700)
    assert load_config(config).inputs.key == "GEB_NR"



def test_the_tables_numbers_replace_a_text_column_of_the_boundaries(tmp_path, capsys):
    """A GeoJSON may carry EW as text: the run uses the table's EW (check agrees)."""
    files = _open_data_city(tmp_path / "in", 30)
    g = gpd.read_file(files["boundaries"])
    g["EW"] = "1"  # text: 1 inhabitant each, which would make every share absurd
    g.to_file(files["boundaries"], driver="GeoJSON")
    config = tmp_path / "stadt.toml"
    assert main(["init", str(config), "--from", str(files["boundaries"]),
                 str(files["table"])]) == 0
    capsys.readouterr()
    assert main(["check", str(config)]) == 0, capsys.readouterr().err
    out = tmp_path / "e"
    assert main(["-q", "run", str(config), "--out", str(out), "--permutations", "99"]) == 0
    areas = pd.read_csv(out / "tabellen" / "gebiete.csv", sep=";", decimal=",",
                        dtype={"GEB_NR": str}).set_index("GEB_NR")
    table = pd.read_csv(files["table"], sep=";", decimal=",", dtype={"GEB_NR": str})
    assert (areas["einwohner"] == table.set_index("GEB_NR")["EW"].reindex(areas.index)).all()
