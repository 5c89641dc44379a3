"""Tests of :mod:`sozialraum.config.model`.

The Config dataclass: its dict form.
"""

from __future__ import annotations

from support.config import _demo_copy

import sozialraum as sr


def test_to_dict_is_json_and_complete(tmp_path):
    import json

    cfg = sr.load_config(_demo_copy(tmp_path))
    d = json.loads(json.dumps(cfg.to_dict()))
    assert d["hotspots"]["permutations"] == 9999
    assert d["hotspots"]["seed"] == 1
    assert d["confidentiality"]["min_count"] == 3
    assert d["index"]["preset"] == "berlin_mss_status"
    assert d["index_spec"]["classes"]["cuts"] == [-1.0, 1.0, 1.5]
    assert d["indicators"][0]["numerator"] == "ALO"
    assert d["inputs"]["stichtag"] == "2024-12-31"

