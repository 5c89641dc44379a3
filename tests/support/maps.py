"""Helpers shared by the map tests (tests/maps/, tests/report/test_maps.py): legend texts,
the bundle's figures, visible labels.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pandas as pd

from sozialraum import maps as sr_maps
from sozialraum.report import maps as bundle_maps


def _legend_texts(fig) -> list[str]:
    """The legend entries as text (an entry wrapped onto two lines read as one)."""
    return [t.get_text().replace("\n", " ") for leg in fig.legends for t in leg.get_texts()]


def _legend_title(fig) -> str:
    return fig.legends[0].get_title().get_text()


def _collections(fig) -> dict[str, object]:
    ax = fig.axes[0]
    return {c.get_gid(): c for c in ax.collections if c.get_gid()}


def _cluster_frame(index) -> pd.DataFrame:
    codes = ["HH"] * 3 + ["LL"] * 2 + ["HL"] + ["island"] + ["ns"] * (len(index) - 7)
    f = pd.DataFrame(
        {
            "cluster": codes,
            "p_value": [0.0005, 0.005, 0.03, 0.01, 0.02, 0.04, np.nan] + [0.5] * (len(index) - 7),
        },
        index=index,
    )
    f["p_adjusted"] = f["p_value"]
    f.attrs.update(permutations=999, alpha=0.05, correction="fdr", seed=7, alternative="two-sided")
    return f


LAYOUTS = ("A4 landscape", "A4 portrait")


def _figure(demo, stem: str, layout: str = "A4 landscape"):
    """Draw the bundle's map `stem` (e.g. 'sozialraeume_index_klasse') without saving it."""
    cfg, results = demo
    cfg = cfg.replace(maps=dataclasses.replace(cfg.maps, layout=layout))
    for job in bundle_maps.map_jobs(cfg, results, Path("unused")):
        if job.func is bundle_maps._static and job.args[-1].name == stem:
            _, plot, args, kwargs, _ = job.args  # plot: the name of a sozialraum.maps function
            return getattr(sr_maps, plot)(*args, **kwargs), args[0]
    raise AssertionError(f"no map {stem}")


def _labels(fig) -> list[str]:
    """Visible district labels as one line each (a name split 'Bahnhofs-/viertel' read whole;
    a break after a name's own hyphen, before a capital as in 'Buchenhagen-/Nord', keeps it)."""
    import re

    return [
        re.sub(r"-\n(?=[a-zäöüß])", "", t.get_text()).replace("-\n", "-").replace("\n", " ")
        for t in fig.axes[0].texts
        if t.get_gid() == "district_label" and t.get_visible()
    ]

