"""PostGIS in and out, against a real PostgreSQL + PostGIS server.

``.ci/run`` installs Debian's postgresql-15 and postgresql-15-postgis-3, starts a server on
127.0.0.1 (``.ci/postgis.sh``) and sets ``SOZIALRAUM_TEST_PG_URL``; with
``SOZIALRAUM_REQUIRE_POSTGIS=1`` (set by ``.ci/run``) a missing server fails the run instead
of skipping. Locally: ``export SOZIALRAUM_TEST_PG_URL=$(.ci/postgis.sh)``.
"""

from __future__ import annotations

import json
import os
import uuid

import numpy as np
import pytest

import sozialraum as sr
from sozialraum.cli import main
from sozialraum.config import TEMPLATE_DIR
from sozialraum.errors import ConfigError, OutputExistsError
from sozialraum.io.postgis import connect, redact

URL = os.environ.get("SOZIALRAUM_TEST_PG_URL")


def test_password_in_the_address_is_refused_without_contacting_a_server():
    with pytest.raises(ConfigError) as info:
        sr.read_boundaries("postgresql://planer:geheim@127.0.0.1:1/db", layer="t", key="SR_NR")
    assert "PGPASSWORD" in info.value.message("de") and "geheim" not in str(info.value)
    assert redact("postgresql://planer:geheim@host/db") == "postgresql://planer@host/db"
    assert redact("PG:dbname=db password=geheim") == "PG:dbname=db password=***"


pytestmark_server = pytest.mark.skipif(
    URL is None and os.environ.get("SOZIALRAUM_REQUIRE_POSTGIS") != "1",
    reason="no PostgreSQL server (export SOZIALRAUM_TEST_PG_URL=$(.ci/postgis.sh))",
)


@pytest.fixture
def url():
    assert URL, "SOZIALRAUM_TEST_PG_URL is not set although the PostGIS tests are required"
    return URL


@pytest.fixture
def schema(url):
    name = f"t_{uuid.uuid4().hex[:10]}"
    yield name
    from sqlalchemy import text

    engine = connect(url)
    with engine.begin() as con:
        con.execute(text(f'DROP SCHEMA IF EXISTS "{name}" CASCADE'))
        con.execute(text("DELETE FROM public.layer_styles WHERE f_table_schema = :s"), {"s": name})
    engine.dispose()


@pytestmark_server
def test_boundaries_round_trip_through_postgis(url, schema):
    g = sr.datasets.musterstadt()[["name", "ST_NR", "EW", "geometry"]]
    written = sr.write_postgis(g, url, f"{schema}.grenzen")
    assert written == [f"{schema}.grenzen"]
    back = sr.read_boundaries(url, layer=f"{schema}.grenzen", key="SR_NR")
    assert list(back.index) == list(g.index) and back.crs.to_epsg() == 25832
    np.testing.assert_allclose(back.geometry.area.to_numpy(), g.geometry.area.to_numpy(),
                               rtol=1e-12)
    assert back.attrs["load_report"].layer == f"{schema}.grenzen"
    # an existing table is never replaced without being asked
    with pytest.raises(OutputExistsError) as info:
        sr.write_postgis(g, url, f"{schema}.grenzen")
    assert "gibt es" in info.value.message("de")
    sr.write_postgis(g.iloc[:3], url, f"{schema}.grenzen", replace=True)
    assert len(sr.read_boundaries(url, layer=f"{schema}.grenzen", key="SR_NR")) == 3


@pytestmark_server
def test_missing_table_lists_the_tables_there_are(url, schema):
    with pytest.raises(sr.GeometryError) as info:
        sr.read_boundaries(url, layer=f"{schema}.fehlt", key="SR_NR")
    assert f"{schema}.fehlt" in info.value.message("de")


@pytestmark_server
def test_config_reads_postgis_and_writes_results_with_qgis_styles(url, schema, tmp_path):
    """A run whose boundaries come from PostGIS and whose results go back there, with the
    bundle's QGIS styles in public.layer_styles (one default per table), and no password
    or absolute URL with credentials in provenance.json."""
    g = sr.datasets.musterstadt()
    sr.write_postgis(g[["name", "ST_NR", "geometry"]], url, f"{schema}.grenzen")
    # the demo's earlier Gebietsstand (before its reform) as a second table
    old = sr.datasets.musterstadt(stichtag=sr.datasets.STICHTAGE[0])
    sr.write_postgis(old[["name", "ST_NR", "geometry"]], url, f"{schema}.grenzen_2019")
    demo = (TEMPLATE_DIR / "demo.toml").read_text(encoding="utf-8")
    data = sr.datasets.get_path("musterstadt_statistik.csv")
    text = demo.replace('boundaries = "musterstadt.gpkg"', f'boundaries = "{url}"')
    text = text.replace('layer = "sozialraeume"', f'layer = "{schema}.grenzen"', 1)
    text = text.replace('path = "musterstadt_statistik.csv"', f'path = "{data}"')
    # the Stadtteile are dissolved from the Sozialräume (no second layer in the database)
    text = text.replace('key = "ST_NR"\nlayer = "stadtteile"', 'key = "ST_NR"')
    text = text.replace('[output]\nfolder = "musterstadt-ergebnis"',
                        f'[output]\nfolder = "ergebnis"\npostgis = "{url}"\n'
                        f'postgis_schema = "{schema}"')
    text = text.replace('earlier_boundaries = ["sozialraeume_2019"]',
                        f'earlier_boundaries = ["{schema}.grenzen_2019"]')
    assert f"{schema}.grenzen_2019" in text
    text = text.replace("permutations = 9999", "permutations = 99")
    text = text.replace('formats = ["png", "pdf"]', 'formats = ["png"]')
    config = tmp_path / "sozialraum.toml"
    config.write_text(text, encoding="utf-8")
    assert main(["check", str(config), "-q"]) == 0
    assert main(["run", str(config), "-q"]) == 0
    from sqlalchemy import text as sql

    engine = connect(url)
    with engine.connect() as con:
        tables = {r[0] for r in con.execute(sql(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = :s"),
            {"s": schema})}
        styles = con.execute(sql(
            "SELECT f_table_name, stylename, useasdefault, styleqml::text FROM layer_styles "
            "WHERE f_table_schema = :s ORDER BY f_table_name, id"), {"s": schema}).fetchall()
        n = con.execute(sql(f'SELECT count(*) FROM "{schema}"."sozialraeume"')).scalar()
    engine.dispose()
    assert {"sozialraeume", "stadtteile"} <= tables and n == len(g)  # the current Sozialräume
    for table in ("sozialraeume", "stadtteile"):
        mine = [s for s in styles if s[0] == table]
        assert sum(s[2] for s in mine) == 1, mine
        assert all(s[3].startswith("<!DOCTYPE qgis") or "<qgis" in s[3] for s in mine)
    prov = json.loads((tmp_path / "ergebnis" / "provenance.json").read_text(encoding="utf-8"))
    boundaries = next(i for i in prov["inputs"] if i["role"] == "boundaries")
    assert boundaries["path"] == url and len(boundaries["sha256"]) == 64
    # a second run does not replace the tables silently
    out2 = tmp_path / "zweiter"
    assert main(["run", str(config), "--out", str(out2), "-q"]) == 2
    assert not out2.exists()  # refused before any work
