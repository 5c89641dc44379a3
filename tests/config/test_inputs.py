"""Tests of :mod:`sozialraum.config.inputs`: the inputs a config names, and its CRS advice."""

from __future__ import annotations

import geopandas as gpd
import pytest
from shapely.geometry import box

import sozialraum as sr
from sozialraum.config.inputs import config_crs_error
from sozialraum.errors import user_message


def _eastings_error(tmp_path, x0: float) -> sr.CRSError:
    """read_boundaries' error for two 1 km squares starting at easting x0, declared EPSG:25832."""
    y0 = 5_600_000.0
    squares = [box(x0, y0, x0 + 1000, y0 + 1000), box(x0 + 1000, y0, x0 + 2000, y0 + 1000)]
    path = tmp_path / "grenzen.gpkg"
    gpd.GeoDataFrame({"SR_NR": ["01", "02"]}, geometry=squares, crs="EPSG:25832").to_file(
        path, layer="sozialraeume"
    )
    with pytest.raises(sr.CRSError) as info:
        sr.read_boundaries(path, key="SR_NR")
    assert info.value.key == "io.crs_eastings"
    return info.value


@pytest.mark.parametrize(
    ("x0", "python_fix", "config_fix_de", "config_fix_en"),
    [
        # UTM eastings with the zone number 32 in front (32 400 000 instead of 400 000)
        (32_400_000.0, "gdf.set_crs(4647, allow_override=True)",
         "Ziehen Sie im GIS 32.000.000 von jeder x-Koordinate ab",
         "Subtract 32,000,000 from every x coordinate in your GIS"),
        # Gauss-Krüger zone 3 (EPSG:31467) declared as UTM
        (3_500_000.0, "gdf.set_crs(31467, allow_override=True)",
         "Legen Sie im GIS dieses CRS fest",
         "Declare that CRS in your GIS"),
    ],
)
def test_a_config_user_gets_the_gis_advice_not_the_python_call(
    tmp_path, x0, python_fix, config_fix_de, config_fix_en
):
    """Defect: the fix was swapped only for errors.Phrase, while io built its own Phrase class,
    so `sozialraum check` told a planner to call gdf.set_crs(...)."""
    exc = _eastings_error(tmp_path, x0)
    # the Python user keeps the Python call
    assert python_fix in user_message(exc, "de") and python_fix in user_message(exc, "en")
    # the config user gets the same diagnosis with the advice for the GIS
    converted = config_crs_error(exc)
    assert isinstance(converted, sr.CRSError)
    de, en = user_message(converted, "de"), user_message(converted, "en")
    assert f"x-Koordinaten ({x0:.0f} bis {x0 + 2000:.0f})" in de  # the same diagnosis
    assert config_fix_de in de and config_fix_en in en
    assert "gdf.set_crs" not in de and "gdf.set_crs" not in en


def test_other_errors_pass_through_unchanged():
    err = ValueError("not a CRS problem")
    assert config_crs_error(err) is err


def test_every_layer_lands_in_the_zone_of_the_areas(tmp_path):
    """A file in degrees near 12° E: the areas west of it (zone 32N) and an earlier
    Gebietsstand whose bounds lie east of it are reprojected to the same zone, so that the
    two can be compared (each by its own bounds, they would land in 32N and 33N)."""
    from types import SimpleNamespace

    from sozialraum.config.inputs import boundaries_of

    def squares(lon0):
        return gpd.GeoDataFrame(
            {"SR_NR": ["01", "02"]},
            geometry=[box(lon0, 50.0, lon0 + 0.01, 50.01), box(lon0 + 0.01, 50.0, lon0 + 0.02,
                                                              50.01)],
            crs="EPSG:4326")

    path = tmp_path / "grenzen.gpkg"
    squares(11.95).to_file(path, layer="gebiete")
    squares(12.05).to_file(path, layer="gebiete_2020")
    inputs = SimpleNamespace(boundaries=path, layer="gebiete", key="SR_NR", crs=None,
                             key_width=None)
    cfg = SimpleNamespace(inputs=inputs)
    now = boundaries_of(cfg, "gebiete", "SR_NR")
    earlier = boundaries_of(cfg, "gebiete_2020", "SR_NR")
    assert now.crs.to_epsg() == earlier.crs.to_epsg() == 25832
    # read alone, the earlier layer would be put into zone 33N
    assert sr.read_boundaries(path, layer="gebiete_2020", reproject=True).crs.to_epsg() == 25833
    assert sr.load_report(earlier).reprojected_from == "EPSG:4326"
