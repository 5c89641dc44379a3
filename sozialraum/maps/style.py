"""Palettes, classification and legend texts shared by the static and the interactive maps.

Both :mod:`sozialraum.maps.static` and :mod:`sozialraum.maps.interactive`
classify a column with :func:`classify` and colour it with :func:`class_colors`,
so the printed map and the browser map of the same inputs show the same classes
in the same colours with the same legend texts.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from sozialraum._text import format_number, text
from sozialraum._util.choices import check_choice
from sozialraum._util.dates import format_stichtag
from sozialraum.errors import ColumnError, ConfigError, InputError, Listed, Number, Phrase
from sozialraum.index.classes import fisher_jenks
from sozialraum.io.cells import Reason, get_reasons

__all__ = [
    "CLUSTER_STYLES",
    "GSTAR_STYLES",
    "MISSING_STYLE",
    "PALETTES",
    "SCHEMES",
    "Breaks",
    "CategoryStyle",
    "Classification",
    "class_colors",
    "classification_colors",
    "classify",
    "display_values",
    "shared_breaks",
]

#: Classification schemes (mapclassify) by their public spelling.
SCHEMES: tuple[str, ...] = (
    "quantiles",
    "fisher_jenks",
    "equal_interval",
    "std_mean",
    "user_defined",
)

#: ColorBrewer palettes (Cynthia Brewer, colorbrewer2.org; all colour-blind safe) by number of
#: classes, taken from branca's copy of the ColorBrewer tables at run time (see _brewer).
PALETTES: tuple[str, ...] = (
    "YlOrRd",
    "Reds",
    "Blues",
    "Greens",
    "Purples",
    "OrRd",
    "RdBu",
    "RdBu_r",
)

#: Diverging palettes: the middle class is the neutral one.
DIVERGING: frozenset[str] = frozenset({"RdBu", "RdBu_r"})
#: Most classes of a diverging ColorBrewer palette (odd, so it has a neutral middle).
MAX_DIVERGING = 11

#: Colour of districts without a value (neutral, drawn with a hatch as second cue).
MISSING_COLOR = "#f0f0f0"
MISSING_HATCHES: tuple[str, ...] = ("xxxx", "\\\\\\\\", "++", "oo")
#: Hatch of the worst class (colour is never the only cue).
WORST_HATCH = "///"
EDGE_COLOR = "#636363"


@dataclass(frozen=True)
class CategoryStyle:
    """How one category (a cluster code, a significance level) is drawn."""

    code: str
    color: str
    hatch: str | None = None
    text_key: str | None = None


MISSING_STYLE = CategoryStyle("missing", MISSING_COLOR, "xxxx", "maps.missing")

#: LISA clusters: fixed colours (ColorBrewer RdBu, 4 classes) in legend order.
CLUSTER_STYLES: tuple[CategoryStyle, ...] = (
    CategoryStyle("HH", "#ca0020", "///", "cluster.HH"),
    CategoryStyle("HL", "#f4a582", None, "cluster.HL"),
    CategoryStyle("LH", "#92c5de", None, "cluster.LH"),
    CategoryStyle("LL", "#0571b0", None, "cluster.LL"),
    CategoryStyle("ns", "#d9d9d9", None, "cluster.ns"),
    CategoryStyle("untestable", "#f7f7f7", "...", "cluster.untestable"),
    CategoryStyle("island", "#ffffff", "////", "cluster.island"),
)

#: Getis-Ord Gi* classes: red / blue ramps by confidence (ColorBrewer RdBu, 7 classes).
GSTAR_STYLES: tuple[CategoryStyle, ...] = (
    CategoryStyle("hot99", "#b2182b", "///", "maps.gstar.hot99"),
    CategoryStyle("hot95", "#ef8a62", None, "maps.gstar.hot95"),
    CategoryStyle("hot90", "#fddbc7", None, "maps.gstar.hot90"),
    CategoryStyle("ns", "#d9d9d9", None, "cluster.ns"),
    CategoryStyle("cold90", "#d1e5f0", None, "maps.gstar.cold90"),
    CategoryStyle("cold95", "#67a9cf", None, "maps.gstar.cold95"),
    CategoryStyle("cold99", "#2166ac", None, "maps.gstar.cold99"),
    CategoryStyle("untestable", "#f7f7f7", "...", "cluster.untestable"),
    CategoryStyle("island", "#ffffff", "////", "cluster.island"),
)

#: Significance levels of a local statistic (ColorBrewer Greens) in legend order.
SIGNIFICANCE_STYLES: tuple[CategoryStyle, ...] = (
    CategoryStyle("p001", "#006d2c", "///", "maps.sig.p001"),
    CategoryStyle("p01", "#31a354", None, "maps.sig.p01"),
    CategoryStyle("p05", "#a1d99b", None, "maps.sig.p05"),
    CategoryStyle("ns", "#d9d9d9", None, "cluster.ns"),
    CategoryStyle("untestable", "#f7f7f7", "...", "cluster.untestable"),
    CategoryStyle("island", "#ffffff", "////", "cluster.island"),
)


def _brewer(name: str, k: int) -> list[str]:
    """The ColorBrewer palette `name` with `k` classes (hex colours, light to dark)."""
    from branca.utilities import color_brewer  # folium's dependency ships the tables

    reverse = name.endswith("_r")
    base = name[:-2] if reverse else name
    colors = [c.lower() for c in color_brewer(base, k)]
    return colors[::-1] if reverse else colors


def class_colors(palette: str, k: int) -> list[str]:
    """Colours for `k` classes from a ColorBrewer `palette`, lowest class first.

    Names follow matplotlib: ``"RdBu"`` runs from red (low) to blue (high),
    ``"RdBu_r"`` from blue (low) to red (high), the default for z-values.

    Examples
    --------
    >>> class_colors("YlOrRd", 3)
    ['#ffeda0', '#feb24c', '#f03b20']
    """
    check_choice("palette", palette, PALETTES)
    if not 2 <= k <= 9:
        raise ConfigError.from_key("maps.palette_k", k=k)
    if k == 2:  # ColorBrewer starts at 3 classes: use the outer two of three
        three = _brewer(palette, 3)
        return [three[0], three[2]]
    return _brewer(palette, k)


def classification_colors(palette: str, c: Classification) -> list[str]:
    """Colours of the classes of `c`; a diverging palette is centred on ``c.center``.

    The class that holds the neutral value (0 for index points, z-values and changes; the
    mean for ``std_mean``) gets the palette's neutral middle colour, the classes below and
    above it the colours next to it, however many classes each side has. Without a neutral
    value inside the data range (or with a sequential palette) the colours run as
    :func:`class_colors` gives them.

    Examples
    --------
    >>> c = classify(pd.Series([-3.0, -1.0, 0.5, 1.0, 2.0, 3.0]), breaks=[-1.0, 1.0, 2.0, 3.0])
    >>> classification_colors("RdBu", c)[1] == neutral_color("RdBu")
    True
    """
    if c.scheme == "uniform":  # no differences to colour: one neutral grey, or none
        return [UNIFORM_COLOR] * c.k
    colors = class_colors(palette, c.k)
    if palette not in DIVERGING or c.center is None:
        return colors
    bounds = [c.lower, *c.upper]
    # the class holding the centre (closed on the right, the first one also on the left)
    mid = next(
        (i for i in range(c.k) if c.center <= bounds[i + 1] and (i == 0 or c.center > bounds[i])),
        None,
    )
    if mid is None:
        return colors
    side = max(mid, c.k - 1 - mid)
    if 2 * side + 1 > MAX_DIVERGING:
        return colors
    full = _brewer(palette, max(2 * side + 1, 3))
    centre = len(full) // 2
    # how strong each side's colours are follows the distance from the centre on one scale
    # for both sides, so one wide class of very low values is not drawn paler than a narrow
    # class just above the centre; each side still runs strictly from light to dark
    reach = max(abs(bounds[0] - c.center), abs(bounds[-1] - c.center)) or 1.0
    steps = [0] * c.k
    for outward in (range(mid - 1, -1, -1), range(mid + 1, c.k)):
        classes = list(outward)
        last = 0
        for j, i in enumerate(classes):
            far = max(abs(bounds[i] - c.center), abs(bounds[i + 1] - c.center))
            level = max(round(side * far / reach), last + 1)
            level = min(level, side - (len(classes) - 1 - j))
            steps[i] = last = level
    return [full[centre + (steps[i] if i > mid else -steps[i])] for i in range(c.k)]


def neutral_color(palette: str) -> str:
    """The neutral middle colour of a diverging palette (``#f7f7f7`` for RdBu)."""
    full = _brewer(palette, 3)
    return full[1]


def default_palette(scheme: str, palette: str | None = None) -> str:
    """The palette to use: `palette`, else diverging RdBu_r for ``std_mean``, else YlOrRd."""
    if palette is not None:
        return check_choice("palette", palette, PALETTES)
    return "RdBu_r" if scheme == "std_mean" else "YlOrRd"


@dataclass(frozen=True)
class Breaks:
    """Class bounds fixed in advance, e.g. shared by the maps of several Stichtage.

    ``lower`` is the lower bound of the first class, ``upper`` the upper bound of
    every class (intervals are closed on the right, like mapclassify).
    """

    lower: float
    upper: tuple[float, ...]
    scheme: str = "user_defined"
    note: str | None = None
    #: legend texts of the classes (e.g. the index's class names) instead of the bounds
    labels: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        if self.labels is not None and len(self.labels) != len(self.upper):
            raise ConfigError.from_key(
                "maps.breaks_labels", n_classes=len(self.upper), n_labels=len(self.labels)
            )
        bounds = [self.lower, *self.upper]
        if any(not math.isfinite(b) for b in bounds) or any(
            b >= c for b, c in zip(bounds[1:], bounds[2:], strict=False)
        ):
            raise ConfigError.from_key("maps.bounds_increasing", bounds=Listed(bounds))


@dataclass(frozen=True)
class Classification:
    """A classified column: one class per district (``-1`` where there is no value).

    ``labels`` are the legend texts of the classes (German number format by
    default), ``counts`` the number of districts per class.
    """

    scheme: str
    method: str
    lower: float
    upper: tuple[float, ...]
    classes: pd.Series
    counts: tuple[int, ...]
    labels: tuple[str, ...]
    decimals: int
    unit: str | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)
    #: the neutral value a diverging palette is centred on (0 when the values have both
    #: signs, the mean for ``std_mean``), None when there is none
    center: float | None = None

    @property
    def k(self) -> int:
        """Number of classes."""
        return len(self.upper)

    def __repr__(self) -> str:
        rows = ", ".join(f"{lab!r}: {n}" for lab, n in zip(self.labels, self.counts, strict=True))
        missing = int((self.classes < 0).sum())
        return f"Classification({self.method}; {rows}; without value: {missing})"

    def legend_labels(self, lang: str = "de") -> list[str]:
        """Legend texts with the number of districts: ``'12,5 – 18,0 % (5)'``."""
        return [f"{label} ({count})" for label, count in zip(self.labels, self.counts, strict=True)]


def display_values(
    data: pd.DataFrame, column: str, *, source: Phrase | None = None
) -> tuple[pd.Series, pd.Series]:
    """The values of `column` that may be shown, and the reason of every hidden one.

    A value is hidden when it is missing or when its ``__reason`` column says
    why it must not be shown (anything but ``true_zero``): a suppressed value
    that is still present in the frame is never drawn or written.

    Returns
    -------
    values : pandas.Series (float, NaN where hidden)
    reasons : pandas.Series (object: reason value, "missing" or None)
    """
    source = source or Phrase("maps.the_data")
    if column not in data.columns:
        raise ColumnError.from_key(
            "maps.source_no_column",
            source=source,
            column=repr(column),
            columns=Listed(data.columns, 12),
        )
    raw = data[column]
    try:
        values = pd.to_numeric(raw, errors="raise").astype("Float64").astype(float)
    except (TypeError, ValueError) as exc:
        bad = [v for v in raw.dropna().unique() if _not_number(v)]
        raise InputError.from_key(
            "maps.not_numeric", column=repr(column), source=source, values=Listed(bad)
        ) from exc
    values = values.replace([np.inf, -np.inf], np.nan)
    reasons = get_reasons(data, column).astype(object)
    hide = reasons.notna() & (reasons != Reason.TRUE_ZERO.value)
    values = values.where(~hide)
    out_reasons = pd.Series(None, index=data.index, dtype=object)
    out_reasons[values.isna()] = "missing"
    out_reasons[hide] = reasons[hide]
    return values, out_reasons


def _not_number(value: object) -> bool:
    try:
        float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return True
    return False


def reason_text(reason: str, lang: str = "de") -> str:
    """Legend text for a hidden value's reason (``'missing'`` = no reason given)."""
    if reason == "missing":
        return text("maps.missing", lang)
    return text(f"reason.{reason}", lang)


def _score_at_percentile(ordered: np.ndarray, per: float) -> float:
    """``scipy.stats.scoreatpercentile`` (what mapclassify uses), in the same arithmetic, so
    a bound on a rounding edge is printed as mapclassify's would be (numpy's percentile
    differs in the last bit)."""
    idx = per / 100.0 * (len(ordered) - 1)
    i = int(idx)
    if i == idx:
        return float(ordered[i])
    weights = np.array([(i + 1 - idx), (idx - i)], float)
    return float(np.add.reduce(ordered[i : i + 2] * weights) / weights.sum())


def _scheme_bins(values: np.ndarray, scheme: str, k: int) -> np.ndarray:
    """Upper class bounds of `values` by `scheme`, as mapclassify computes them.

    Natural breaks come from mapclassify (:func:`~sozialraum.index.classes.fisher_jenks`).
    Quantiles, equal intervals and mean/standard deviation are written out here, line by
    line as in mapclassify 2.10 (``quantile``, ``EqualInterval._set_bins``,
    ``StdMean._set_bins``), because importing mapclassify compiles a numba kernel at once:
    3 s of CPU per process on the demo machine, paid again in every map worker; a test
    checks these bounds against mapclassify's.
    """
    values = np.asarray(values, dtype=float)
    if scheme == "quantiles":  # mapclassify.Quantiles (its warning on ties: classify() says it)
        w = 100.0 / k
        p = np.arange(w, 100 + w, w)
        if p[-1] > 100.0:
            p[-1] = 100.0
        return np.unique([_score_at_percentile(np.sort(values), pct) for pct in p])
    if scheme == "fisher_jenks":
        return np.asarray(fisher_jenks(values, k).bins, dtype=float)
    if scheme == "equal_interval":  # mapclassify.EqualInterval
        lo, hi = values.min(), values.max()
        width = (hi - lo) / k
        cuts = np.arange(lo + width, hi + width, width)[:k]
        cuts[-1] = hi
        return cuts
    # std_mean: cut points at mean -2, -1, +1, +2 standard deviations (mapclassify.StdMean with
    # multiples [-2, -1, 1, 2]), only those inside the data
    m, sd = values.mean(), values.std(ddof=1)
    bins = np.array([m + sd * w for w in (-2, -1, 1, 2)])
    if bins[-1] < values.max():
        bins = np.append(bins, values.max())
    inside = bins[(bins > values.min()) & (bins < values.max())]
    return np.append(inside, values.max())


#: The one colour of a map without differences (every area the same value).
UNIFORM_COLOR = "#d9d9d9"


def _uniform(values: pd.Series, valid: np.ndarray, unit: str | None, lang: str) -> Classification:
    """The classification of a column without differences: one value or none at all.

    A constant column (every area the same value) is one grey class labelled "keine
    Unterschiede" with its value; a column without any value (all missing or hidden) has
    no class, every area is drawn as "no value" with its reason. Neither is an error: a
    planner's table may hold such an indicator in one year, and the map says so.
    """
    classes = pd.Series(-1, index=values.index, dtype=int)
    if valid.size == 0:
        return Classification(
            scheme="uniform", method=text("maps.uniform.no_data", lang), lower=float("nan"),
            upper=(), classes=classes, counts=(), labels=(), decimals=0, unit=unit,
        )
    v = float(valid[0])
    decimals = 0 if v == round(v) else 2
    shown = format_number(v, decimals, lang) + (f" {unit}" if unit else "")
    classes[values.notna()] = 0
    return Classification(
        scheme="uniform", method=text("maps.uniform.constant", lang), lower=v, upper=(v,),
        classes=classes, counts=(int(valid.size),),
        labels=(text("maps.uniform.label", lang, value=shown),), decimals=decimals, unit=unit,
    )


def classify(
    values: pd.Series,
    scheme: str = "quantiles",
    k: int = 5,
    *,
    breaks: Breaks | Sequence[float] | None = None,
    unit: str | None = None,
    lang: str = "de",
    column: str = "value",
) -> Classification:
    """Classify the valid values of a series with a mapclassify scheme.

    Missing values get class ``-1``; only the valid values are classified.

    Parameters
    ----------
    values : pandas.Series
        Numeric values (NaN where there is no value to show).
    scheme : {"quantiles", "fisher_jenks", "equal_interval", "std_mean", "user_defined"}
    k : int
        Number of classes (ignored for ``std_mean`` and given breaks).
    breaks : Breaks or sequence of float, optional
        Fixed class bounds: upper bounds of the classes, or a :class:`Breaks`
        from :func:`shared_breaks`. Implies ``scheme="user_defined"``.
    unit : str, optional
        Appended to the class bounds (``"%"``).

    Examples
    --------
    >>> s = pd.Series([1.0, 2.0, 3.0, 4.0, 5.0, 6.0])
    >>> classify(s, "equal_interval", k=2, unit="%").labels
    ('1,0 – 3,5 %', '3,5 – 6,0 %')
    """
    scheme = check_choice("scheme", scheme, SCHEMES)
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or not 2 <= k <= 9:
        raise ConfigError.from_key("maps.k_range", k=repr(k))
    valid = values.dropna().to_numpy(dtype=float)
    if breaks is None and scheme != "user_defined" and np.unique(valid).size <= 1:
        return _uniform(values, valid, unit, lang)
    notes: list[str] = []
    if breaks is not None:
        if isinstance(breaks, Breaks):
            lower, upper = breaks.lower, np.asarray(breaks.upper, dtype=float)
            method = text(f"maps.scheme.{breaks.scheme}", lang)
            if breaks.note:
                notes.append(breaks.note)
            scheme = breaks.scheme
            # a panel without any value (every cell withheld) fits any bounds
            if valid.size and (valid.min() < lower or valid.max() > upper[-1]):
                raise InputError.from_key(
                    "maps.outside_shared",
                    column=repr(column),
                    lo=Number(lower, 3),
                    hi=Number(upper[-1], 3),
                    values=Listed(sorted(valid[(valid < lower) | (valid > upper[-1])])),
                )
        else:
            upper = np.asarray([float(b) for b in breaks], dtype=float)
            if upper.size == 0 or np.any(np.diff(upper) <= 0) or not np.all(np.isfinite(upper)):
                raise ConfigError.from_key("maps.breaks_increasing", breaks=Listed(breaks))
            if valid.size and valid.max() > upper[-1]:
                upper = np.append(upper, valid.max())  # a last class up to the maximum
            lower = min(float(valid.min()), float(upper[0]))
            scheme = "user_defined"
            method = text("maps.scheme.user_defined", lang)
    else:
        if scheme == "user_defined":
            raise ConfigError.from_key("maps.user_defined_needs_breaks")
        distinct = np.unique(valid).size
        if scheme != "std_mean" and distinct < k:
            raise InputError.from_key(
                "maps.too_few_values",
                column=repr(column),
                distinct=distinct,
                k=k,
                scheme=repr(scheme),
                k_max=max(distinct, 2),
            )
        upper = _snap(_scheme_bins(valid, scheme, k), valid)
        lower = float(valid.min())
        method = text(f"maps.scheme.{scheme}", lang)
        if len(upper) < 2:  # e.g. quantiles of values that are mostly equal collapse to one class
            raise InputError.from_key(
                "maps.scheme_collapses",
                column=repr(column),
                scheme=repr(scheme),
                distinct=distinct,
                k=k,
            )
        if np.any(np.diff(upper) <= 0) or upper[0] < lower:
            raise InputError.from_key(
                "maps.scheme_not_distinct",
                column=repr(column),
                scheme=repr(scheme),
                bounds=Listed(upper.tolist()),
                k=k,
            )
    # intervals closed on the right, as in mapclassify: class i holds upper[i-1] < v <= upper[i]
    codes = np.searchsorted(upper, valid, side="left")
    codes = np.minimum(codes, len(upper) - 1)
    classes = pd.Series(-1, index=values.index, dtype=int)
    classes[values.notna()] = codes
    counts = tuple(int((codes == i).sum()) for i in range(len(upper)))
    decimals = _choose_decimals(lower, upper, valid)
    labels = _class_labels(lower, upper, decimals, unit, lang, counts, valid)
    if isinstance(breaks, Breaks) and breaks.labels is not None:
        labels = tuple(breaks.labels)
    if valid.size and valid.min() < 0 < valid.max():
        center: float | None = 0.0
    elif scheme == "std_mean":
        center = float(valid.mean())
    else:
        center = None
    return Classification(
        center=center,
        scheme=scheme,
        method=method,
        lower=float(lower),
        upper=tuple(float(u) for u in upper),
        classes=classes,
        counts=counts,
        labels=labels,
        decimals=decimals,
        unit=unit,
        notes=tuple(notes),
    )


def _snap(bins: np.ndarray, valid: np.ndarray) -> np.ndarray:
    """Snap bounds that differ from a data value only by float noise onto that value."""
    scale = float(np.ptp(valid)) or 1.0
    uniq = np.unique(valid)
    idx = (
        np.clip(np.searchsorted(uniq, bins), 1, len(uniq) - 1)
        if len(uniq) > 1
        else np.zeros(len(bins), int)
    )
    out = bins.copy()
    for j, b in enumerate(bins):
        for cand in uniq[max(idx[j] - 1, 0) : idx[j] + 1]:
            if abs(cand - b) <= 1e-9 * scale:
                out[j] = cand
    return out


def _choose_decimals(lower: float, upper: np.ndarray, valid: np.ndarray) -> int:
    """Fewest decimals (at least one unless everything is whole) that keep all bounds apart."""
    first_single = math.isclose(lower, upper[0], rel_tol=0, abs_tol=1e-12)
    bounds = upper if first_single else np.concatenate([[lower], upper])
    whole = np.all(np.mod(bounds, 1) == 0) and np.all(np.mod(valid, 1) == 0)
    start = 0 if whole else 1
    for d in range(start, 7):
        rounded = np.round(bounds, d)
        if np.all(np.diff(rounded) > 0):
            return d
    return 6


def _class_labels(
    lower: float,
    upper: np.ndarray,
    decimals: int,
    unit: str | None,
    lang: str,
    counts: tuple[int, ...],
    valid: np.ndarray,
) -> tuple[str, ...]:
    suffix = f" {unit}" if unit else ""
    labels = []
    for i, hi in enumerate(upper):
        lo = lower if i == 0 else upper[i - 1]
        f_lo, f_hi = format_number(lo, decimals, lang), format_number(hi, decimals, lang)
        if i == 0 and math.isclose(lo, hi, rel_tol=0, abs_tol=1e-12):
            # the first class holds exactly one value (e.g. many zeros): show it alone
            labels.append(f"{f_hi}{suffix}")
        elif i == 1 and math.isclose(lower, upper[0], rel_tol=0, abs_tol=1e-12):
            # after a single-value class, say that this class starts above it
            labels.append(text("maps.range_above", lang, lo=f_lo, hi=f_hi) + suffix)
        else:
            labels.append(f"{f_lo} – {f_hi}{suffix}")
    return tuple(labels)


def shared_breaks(
    frames: Sequence[pd.DataFrame] | Mapping[str, pd.DataFrame],
    column: str,
    scheme: str = "quantiles",
    k: int = 5,
    *,
    lang: str = "de",
) -> Breaks:
    """Class bounds computed from several frames together, e.g. all Stichtage.

    Maps drawn with ``breaks=shared_breaks(...)`` use the same classes, so a
    district that changes colour between the years really changed its value.

    Examples
    --------
    >>> a = pd.DataFrame({"q": [1.0, 2.0, 3.0]})
    >>> b = pd.DataFrame({"q": [4.0, 5.0, 6.0]})
    >>> shared_breaks([a, b], "q", "equal_interval", k=2).upper
    (3.5, 6.0)
    """
    items = list(frames.values()) if isinstance(frames, Mapping) else list(frames)
    if not items:
        raise ConfigError.from_key("maps.shared_needs_frame")
    pooled = pd.concat(
        [
            display_values(f, column, source=Phrase("maps.frame_n", n=i + 1))[0]
            for i, f in enumerate(items)
        ],
        ignore_index=True,
    )
    c = classify(pooled, scheme, k, lang=lang, column=column)
    note = text("maps.shared_note", lang, n=len(items))
    return Breaks(lower=c.lower, upper=c.upper, scheme=c.scheme, note=note)


def stichtag_text(data: pd.DataFrame, stichtag: object = None) -> str | None:
    """The Stichtag to print: the argument, else the single value of a ``Stichtag`` column."""
    if stichtag is not None:
        return format_stichtag(stichtag)
    if "Stichtag" in getattr(data, "columns", ()):
        unique = pd.Series(data["Stichtag"]).dropna().unique()
        if len(unique) == 1:
            return format_stichtag(unique[0])
    return None


def source_line(
    source: str | None,
    stichtag: str | None,
    geometry: str | None,
    licence: str | None,
    lang: str = "de",
) -> str | None:
    """The source and licence line printed under a map (None if nothing is known)."""
    parts = []
    if source:
        key = "maps.source" if stichtag else "maps.source_nodate"
        parts.append(text(key, lang, source=source, stichtag=stichtag))
    if geometry or licence:
        geo = ", ".join(p for p in (geometry, licence) if p)
        parts.append(text("maps.geometry", lang, geometry=geo))
    return "; ".join(parts) if parts else None
