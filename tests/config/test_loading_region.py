"""Region settings: [inputs] municipality, [index] reference, [weights] cross_border."""

import pytest

import sozialraum as sr
from sozialraum.config.checking import check_inputs
from sozialraum.config.loading import loads
from sozialraum.config.template import TEMPLATE_DIR, demo_config

BASE = sr.datasets.get_path("musterkreis.gpkg").parent


def _region(replace: tuple[str, str] | None = None):
    source = (TEMPLATE_DIR / "demo_region.toml").read_text(encoding="utf-8")
    if replace:
        assert replace[0] in source
        source = source.replace(*replace)
    return loads(source, base=BASE, source="demo_region.toml")


def test_demo_region_config_reads_the_region_settings():
    cfg = demo_config(region=True)
    assert cfg.inputs.municipality == "AGS"
    assert cfg.inputs.key == "SR_ID"
    assert cfg.index_reference == "region"
    assert cfg.weights.cross_border == "keep"
    assert cfg.to_dict()["index_reference"] == "region"
    assert cfg.to_dict()["weights"]["cross_border"] == "keep"
    assert cfg.to_dict()["inputs"]["municipality"] == "AGS"


def test_bad_reference_and_cross_border_values_are_refused():
    with pytest.raises(sr.ConfigError) as info:
        _region(('reference = "region"', 'reference = "kreis"'))
    assert "[index].reference" in info.value.message("de") and "'kreis'" in info.value.message("de")
    with pytest.raises(sr.ConfigError) as info:
        _region(('cross_border = "keep"', 'cross_border = "kappen"'))
    assert "[weights].cross_border" in info.value.message("de")
    # without the column the region frame is fine; "cut" and the municipality frame are not
    cfg = _region(('municipality = "AGS"\n', ""))
    assert cfg.inputs.municipality is None
    source = (TEMPLATE_DIR / "demo_region.toml").read_text(encoding="utf-8")
    source = source.replace('municipality = "AGS"\n', "").replace(
        'cross_border = "keep"', 'cross_border = "cut"').replace(
        'reference = "region"', 'reference = "municipality"')
    with pytest.raises(sr.ConfigError) as info:
        loads(source, base=BASE, source="demo_region.toml")
    msg = info.value.message("de")
    assert "[weights].cross_border" in msg and "[index].reference" in msg


def test_check_names_a_missing_municipality_column():
    cfg = _region(('municipality = "AGS"', 'municipality = "GKZ"'))
    with pytest.raises(sr.ConfigError) as info:
        check_inputs(cfg)
    msg = info.value.message("de")
    assert "[inputs].municipality" in msg and "'GKZ'" in msg
