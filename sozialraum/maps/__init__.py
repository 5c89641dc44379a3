"""Maps: print-ready static maps (matplotlib) and offline interactive maps (folium).

>>> import sozialraum as sr
>>> fig = sr.plot_choropleth(data, "sgb2_quote", scheme="quantiles", k=5)  # doctest: +SKIP
>>> fig = sr.plot_clusters(data, sr.local_moran(data["sgb2_quote"], graph))  # doctest: +SKIP
>>> m = sr.explore(data, columns=["sgb2_quote"], offline=True)  # doctest: +SKIP
>>> m.save("karte.html")  # doctest: +SKIP
"""

from __future__ import annotations

import importlib

__all__ = [
    "Breaks",
    "explore",
    "plot_change",
    "plot_choropleth",
    "plot_clusters",
    "plot_emerging_hotspots",
    "plot_moran_scatter",
    "plot_significance",
    "plot_small_multiples",
    "plot_stichtage",
    "plot_trend",
    "save_figure",
    "save_html",
    "shared_breaks",
]

_WHERE = {
    "Breaks": "style",
    "shared_breaks": "style",
    "plot_choropleth": "static",
    "plot_small_multiples": "static",
    "save_figure": "static",
    "plot_clusters": "clusters",
    "plot_significance": "clusters",
    "plot_moran_scatter": "clusters",
    "plot_change": "monitoring",
    "plot_trend": "monitoring",
    "plot_stichtage": "monitoring",
    "plot_emerging_hotspots": "monitoring",
    "explore": "interactive",
    "save_html": "interactive",
}


def __getattr__(name: str):
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'sozialraum.maps' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
