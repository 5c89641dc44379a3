"""Regenerate the pictures of docs/maps.md from the demo city (python docs/make_map_images.py).

Writes PNGs (120 dpi, small enough for the docs) into docs/img/ and replaces
existing ones: these files are generated, not hand-made.
"""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

import sozialraum as sr
from sozialraum.errors import SmallSampleWarning
from sozialraum.maps import (
    plot_moran_scatter,
    plot_significance,
    plot_small_multiples,
    save_figure,
    shared_breaks,
)

OUT = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent / "img"
SOURCE = dict(
    source="Kommunalstatistik Musterstadt",
    geometry_source="Musterstadt (fiktiv)",
    licence="dl-de/by-2-0",
)


def with_rates(level: str, stichtag=None):
    """Rates from the counts (sr.compute_indicators), joined to the boundaries."""
    g = sr.datasets.musterstadt(level=level, stichtag=stichtag)
    rates = sr.compute_indicators(g, ["SGB2_QUOTE", "ALTERSARMUT"])
    data = g[["name", "geometry", "Stichtag"]].join(rates)
    data["anteil_65u"] = 100 * g["EW_65U"].astype(float) / g["EW"].astype(float)
    return data.rename(columns={"SGB2_QUOTE": "sgb2_quote"})


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    st = sr.datasets.musterstadt(level="stadtteile")
    for level, labels, overlay in (
        ("sozialraeume", "name", st),
        ("stadtteile", "name", sr.datasets.musterstadt(level="stadtbezirke")),
        ("stadtbezirke", "name", None),
    ):
        g = with_rates(level)
        fig = sr.plot_choropleth(
            g,
            "sgb2_quote",
            "quantiles",
            5 if len(g) > 10 else 2,
            unit="%",
            title="SGB-II-Quote (Anteil an der Bevölkerung unter 65 Jahren)",
            legend_title="SGB-II-Quote",
            labels=labels,
            overlay=overlay,
            overlay_name="Stadtbezirke" if level == "stadtteile" else "Stadtteile",
            **SOURCE,
        )
        save_figure(fig, OUT / f"choropleth_{level}.png", dpi=120, force=True)
    g = with_rates("sozialraeume")
    fig = sr.plot_choropleth(
        g,
        "ALTERSARMUT",
        "quantiles",
        4,
        unit="%",
        title="Altersarmut: Grundsicherung im Alter (65+)",
        legend_title="Anteil an den Einwohnern 65+",
        overlay=st,
        overlay_name="Stadtteile",
        **SOURCE,
    )
    save_figure(fig, OUT / "choropleth_suppressed.png", dpi=120, force=True)
    fig = sr.plot_choropleth(
        g,
        "sgb2_quote",
        "fisher_jenks",
        4,
        unit="%",
        layout="A4 portrait",
        title="SGB-II-Quote",
        legend_title="SGB-II-Quote",
        labels="key",
        **SOURCE,
    )
    save_figure(fig, OUT / "choropleth_portrait.png", dpi=120, force=True)
    graph = sr.spatial_weights(g)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SmallSampleWarning)  # 26 areas: the demo city is small
        lisa = sr.local_moran(g["sgb2_quote"], graph, permutations=9999, seed=1, correction="none")
        gstar = sr.local_gstar(g["sgb2_quote"], graph, permutations=9999, seed=1, correction="none")
    fig = sr.plot_clusters(
        g,
        lisa,
        title="Lokale Cluster der SGB-II-Quote (LISA)",
        overlay=st,
        overlay_name="Stadtteile",
        **SOURCE,
    )
    save_figure(fig, OUT / "clusters_lisa.png", dpi=120, force=True)
    fig = sr.plot_clusters(g, gstar, title="Hot- und Coldspots der SGB-II-Quote (Gi*)", **SOURCE)
    save_figure(fig, OUT / "clusters_gstar.png", dpi=120, force=True)
    fig = plot_significance(g, lisa, **SOURCE)
    save_figure(fig, OUT / "significance.png", dpi=120, force=True)
    fig = plot_moran_scatter(g, "sgb2_quote", graph, local_result=lisa)
    save_figure(fig, OUT / "moran_scatter.png", dpi=120, force=True)
    years = {s: with_rates("sozialraeume", s) for s in ("31.12.2019", "31.12.2024")}
    fig = plot_small_multiples(
        years,
        "sgb2_quote",
        "quantiles",
        5,
        unit="%",
        title="SGB-II-Quote 2019 und 2024 (gleiche Klassen)",
        **SOURCE,
    )
    save_figure(fig, OUT / "small_multiples_years.png", dpi=120, force=True)
    fig = plot_small_multiples(
        g, ["sgb2_quote", "anteil_65u"], unit="%", title="SGB-II-Quote und Anteil 65+", **SOURCE
    )
    save_figure(fig, OUT / "small_multiples_indicators.png", dpi=120, force=True)
    assert shared_breaks(list(years.values()), "sgb2_quote").upper


if __name__ == "__main__":
    main()
