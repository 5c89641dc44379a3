"""Ready-made index methods from German and international social reporting.

Every preset returns an :class:`~sozialraum.IndexSpec`; the column names are
arguments, so the presets work on any city's data that has the indicators.
Sources and deviations are listed in each docstring and in docs/index.md.

* :func:`berlin_mss_status`, :func:`berlin_mss_dynamics`,
  :func:`mss_status_dynamics` -- Berlin "Monitoring Soziale
  Stadtentwicklung" (MSS 2021 method).
* :func:`imd` -- English Indices of Multiple Deprivation style.
* :func:`svi` -- CDC/ATSDR Social Vulnerability Index style.
* :func:`gisd` -- German Index of Socioeconomic Deprivation of the RKI (with
  :func:`gisd_impute`, :func:`gisd_log`, :func:`gisd_aggregate`; module
  :mod:`sozialraum.index.gisd`).
* :func:`nrw_sozialbericht` -- themed sub-indices and an overall index in
  points with five classes, as in NRW municipal social reports
  (Castrop-Rauxel, Sozialbericht 2021).

Missing values: like a bare :class:`~sozialraum.IndexSpec`, the presets raise
by default (``missing="raise"``) with an error naming the areas and
indicators, as the original methods do not re-weight. Rates suppressed for
confidentiality are expected in small areas: pass ``missing="reweight"`` to
allow up to a third of the indicators missing per area (at least one; the
MSS: one of three, or ``max_missing=``); every re-weighted area is listed in
``IndexResult.reweighted`` and in the methods text (the demo config does this).

>>> spec = berlin_mss_status(["S1", "S3", "S4"], population="EW")
>>> spec.classes.class_labels()
('hoch', 'mittel', 'niedrig', 'sehr niedrig')
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from sozialraum._text import text
from sozialraum.errors import ConfigError, InputError
from sozialraum.index.classes import ClassScheme, sd_scheme
from sozialraum.index.composite import PRESET_BUILDERS, IndexIndicator, IndexResult, IndexSpec
from sozialraum.index.gisd import gisd, gisd_aggregate, gisd_classes, gisd_impute, gisd_log
from sozialraum.index.need import HANDLUNGSBEDARF_MSS, handlungsbedarf
from sozialraum.indicators.confidentiality import ConfidentialityPolicy
from sozialraum.indicators.rates import compute_indicators, rate_change
from sozialraum.io.cells import combine_reasons

__all__ = [
    "HANDLUNGSBEDARF_MSS",
    "IMD_2019_WEIGHTS",
    "PRESETS",
    "berlin_mss_dynamics",
    "berlin_mss_status",
    "gisd",
    "gisd_aggregate",
    "gisd_classes",
    "gisd_impute",
    "gisd_log",
    "handlungsbedarf",
    "imd",
    "mss_indicators",
    "mss_status_dynamics",
    "nrw_sozialbericht",
    "svi",
]

PRESETS: tuple[str, ...] = (
    "berlin_mss_status", "berlin_mss_dynamics", "imd", "svi", "nrw_sozialbericht", "gisd",
)

#: Domain weights of the English IMD 2019 (percent).
IMD_2019_WEIGHTS: dict[str, float] = {
    "Income": 22.5, "Employment": 22.5, "Education": 13.5, "Health": 13.5,
    "Crime": 9.3, "Barriers": 9.3, "Living Environment": 9.3,
}

MSS_SOURCE = (
    "Senatsverwaltung für Stadtentwicklung, Bauen und Wohnen Berlin: Monitoring Soziale "
    "Stadtentwicklung (MSS) 2021, Methode: Index-Indikatoren je Planungsraum über die gültigen "
    "Gebiete z-standardisiert (Standardabweichung der Grundgesamtheit), summiert und die Summe "
    "erneut z-standardisiert; Klassen bei -1, +1 und +1,5 Standardabweichungen; Gebiete unter "
    "300 Einwohnern ausgeschlossen."
)


def _max_missing(missing: str, max_missing: int | None, n: int) -> int:
    """Presets' default: re-weight up to a third of the indicators (at least one).

    Rates suppressed for confidentiality are expected in small areas; the
    re-weighting is recorded in ``IndexResult.reweighted`` and ``notes``.
    """
    if max_missing is not None:
        return max_missing
    if missing != "reweight" or n < 2:
        return 0
    return max(1, n // 3)


def _check_columns(columns, n: int | None, what: str) -> list[str]:
    if isinstance(columns, str):
        columns = [columns]
    columns = list(columns)
    if not columns or not all(isinstance(c, str) for c in columns):
        raise ConfigError.from_key("index.preset_columns", what=what, given=repr(columns))
    if n is not None and len(columns) != n:
        raise ConfigError.from_key(
            "index.preset_columns_count", what=what, n=n, given=repr(columns)
        )
    return columns


def _population_rule(population: str | None, min_population: int | None,
                     policy: ConfidentialityPolicy | None, what: str) -> None:
    """The preset's threshold (300 inhabitants) is never skipped for want of a column."""
    n = (policy or ConfidentialityPolicy()).min_population if min_population is None \
        else min_population
    if population is None and n and (policy is None or policy.enabled or min_population):
        raise ConfigError.from_key("index.min_population_needs_population", what=what, n=n)


def berlin_mss_status(
    columns: Sequence[str] = ("S1", "S3", "S4"),
    population: str | None = "EW",
    *,
    min_population: int | None = None,
    missing: str = "raise",
    max_missing: int | None = None,
    policy: ConfidentialityPolicy | None = None,
) -> IndexSpec:
    """Berlin MSS status index (Status-Index, MSS 2021 method).

    Index indicators (all with positive direction: higher = more deprivation):
    S1 Arbeitslosigkeit (unemployed SGB II + III, % of 15- to under-65-year-olds),
    S3 Transferbezug (SGB II/XII recipients, % of residents), S4 Kinderarmut
    (under-15s in SGB II households, % of under-15s). Each is z-standardised
    over the valid areas with the population SD, the z-values are summed and
    the sum is z-standardised again. Because the indicators measure
    deprivation, a **high** index value means **low** social status. Classes
    (named after the social status): 1 "hoch" (< -1), 2 "mittel" (-1 to +1),
    3 "niedrig" (+1 to +1.5), 4 "sehr niedrig" (> +1.5). A value exactly on a
    boundary belongs to the class nearer the average: -1 and +1 are "mittel",
    +1.5 is "niedrig". Areas under 300 inhabitants are excluded before
    standardising.

    Source: Senatsverwaltung für Stadtentwicklung, Bauen und Wohnen Berlin,
    Monitoring Soziale Stadtentwicklung 2021 (method chapter). Deviation: the
    MSS since 2019 counts only SGB II unemployed in S1; pass such a column if
    you have it (the demo city's ``S1`` uses SGB II + III as the issue states).

    Parameters
    ----------
    columns : list of 3 str
        Data columns of S1, S3, S4 (rates in percent).
    population : str or None
        Inhabitants column for the 300 threshold; ``None`` is an error unless
        ``min_population=0`` drops the threshold deliberately.

    Examples
    --------
    >>> berlin_mss_status(["ALO_Q", "TRANSFER_Q", "KINDER_Q"]).columns
    ['ALO_Q', 'TRANSFER_Q', 'KINDER_Q']
    """
    cols = _check_columns(columns, None, "berlin_mss_status")
    _population_rule(population, min_population, policy, "berlin_mss_status")
    labels = [text(f"mss.{k}") for k in ("hoch", "mittel", "niedrig", "sehr_niedrig")]
    labels_en = [text(f"mss.{k}", "en") for k in ("hoch", "mittel", "niedrig", "sehr_niedrig")]
    inds = tuple(IndexIndicator(c, 1) for c in cols)
    return IndexSpec(
        indicators=inds,
        name="MSS Status-Index",
        normalisation="zscore", weighting="equal", aggregation="arithmetic",
        score_normalisation="zscore", population=population, min_population=min_population,
        missing=missing, max_missing=_max_missing(missing, max_missing, len(inds)),
        classes=sd_scheme((-1.0, 1.0, 1.5), labels, labels_en, codes=("1", "2", "3", "4")),
        policy=policy or ConfidentialityPolicy(), source=MSS_SOURCE,
    )


def berlin_mss_dynamics(
    columns: Sequence[str] = ("D1", "D3", "D4"),
    population: str | None = "EW",
    *,
    min_population: int | None = None,
    missing: str = "raise",
    max_missing: int | None = None,
    policy: ConfidentialityPolicy | None = None,
) -> IndexSpec:
    """Berlin MSS dynamics index (Dynamik-Index, MSS 2021 method).

    Built exactly like the status index from the two-year changes D1, D3, D4
    of S1, S3, S4 (percentage points; e.g. :func:`sozialraum.indicators.rate_change`).
    A rising share of deprivation is a *negative* dynamic. Classes:
    "positiv" (< -1, improving), "stabil" (-1 to +1, boundaries included),
    "negativ" (> +1, worsening); codes "+", "+/-", "-" as in the MSS reports
    (e.g. Status/Dynamik-Index "4 -", "4 +/-", "1 +").

    Source: as :func:`berlin_mss_status`.
    """
    cols = _check_columns(columns, None, "berlin_mss_dynamics")
    _population_rule(population, min_population, policy, "berlin_mss_dynamics")
    keys = ("positiv", "stabil", "negativ")
    inds = tuple(IndexIndicator(c, 1) for c in cols)
    return IndexSpec(
        indicators=inds,
        name="MSS Dynamik-Index",
        normalisation="zscore", weighting="equal", aggregation="arithmetic",
        score_normalisation="zscore", population=population, min_population=min_population,
        missing=missing, max_missing=_max_missing(missing, max_missing, len(inds)),
        classes=sd_scheme((-1.0, 1.0), [text(f"mss.{k}") for k in keys],
                          [text(f"mss.{k}", "en") for k in keys], codes=("+", "+/-", "-")),
        policy=policy or ConfidentialityPolicy(), source=MSS_SOURCE,
    )


def mss_status_dynamics(status: IndexResult, dynamics: IndexResult) -> pd.Series:
    """The combined MSS status-dynamics code per area, e.g. ``"2-"`` (mittel, negativ).

    Class number of the status index followed by the dynamics sign: ``+``
    (positiv), ``+/-`` (stabil), ``-`` (negativ); 12 combinations from ``"1+"``
    to ``"4-"``. Missing (``<NA>``) where either index is missing; the reason
    is in ``.attrs["reasons"]``.

    Examples
    --------
    >>> import pandas as pd
    >>> idx = pd.Index(list("abcdefgh"))
    >>> s = pd.DataFrame({"S": [-2., -1., 0., 1., 1.2, 1.5, 2., .5]}, index=idx)
    >>> d = pd.DataFrame({"D": [-2., 0., 2., 0., 0., 0., 2., 0.]}, index=idx)
    >>> ci = __import__("sozialraum").composite_index
    >>> st = ci(s, berlin_mss_status(["S"], None, min_population=0))  # no population column
    >>> dy = ci(d, berlin_mss_dynamics(["D"], None, min_population=0))
    >>> mss_status_dynamics(st, dy).tolist()[:3]
    ['1+', '1+/-', '2-']
    """
    if not status.score.index.equals(dynamics.score.index):
        raise InputError.from_key("index.mss_areas_differ")
    s = status.class_codes()
    d = dynamics.class_codes()
    codes = (s + d).astype("string")
    out = pd.Series(codes, index=status.score.index, name="status_dynamik")
    out.attrs["reasons"] = combine_reasons(status.reasons, dynamics.reasons)
    return out


def mss_indicators(
    counts: pd.DataFrame,
    earlier: pd.DataFrame | None = None,
    *,
    policy: ConfidentialityPolicy | None = None,
    population: str = "EW",
) -> pd.DataFrame:
    """S1, S3, S4 (and D1, D3, D4 from `earlier`, two years before) from demo-city counts.

    Uses :data:`sozialraum.indicators.STANDARD` ("S1", "S3", "S4"); other
    cities build their own :class:`~sozialraum.Indicator` objects.
    """

    now = compute_indicators(counts, ["S1", "S3", "S4"], policy=policy)
    out = now.join(counts[[population]])
    if earlier is not None:
        before = compute_indicators(earlier, ["S1", "S3", "S4"], policy=policy)
        change = rate_change(now, before, ["S1", "S3", "S4"])
        change.columns = [c.replace("S", "D", 1) for c in change.columns]
        out = out.join(change)
    return out


def imd(
    domains: Mapping[str, Sequence[str]],
    weights: Mapping[str, float] | None = None,
    *,
    directions: Mapping[str, int] | None = None,
    population: str | None = None,
    min_population: int | None = None,
    missing: str = "raise",
    max_missing: int | None = None,
    policy: ConfidentialityPolicy | None = None,
) -> IndexSpec:
    """English Indices of Multiple Deprivation (IMD) style index.

    Indicators within a domain are z-standardised and averaged (equal weights)
    into a domain score; each domain score is ranked and exponentially
    transformed, ``X = -23 ln(1 - R (1 - exp(-100/23)))`` with ``R = rank / n``
    (rank n = most deprived, so X runs up to 100); the transformed domains are
    combined with the domain weights (equal if not given; the English IMD 2019
    uses :data:`IMD_2019_WEIGHTS`); areas are ranked (1 = most deprived) and
    put into deciles (decile 1 = most deprived 10 %).

    Source: Ministry of Housing, Communities & Local Government (2019), The
    English Indices of Deprivation 2019, Technical report, ch. 3. Deviation:
    within a domain the IMD combines indicators by factor analysis and
    shrinkage estimation; here by an equal-weight mean of z-scores.
    """
    if not domains:
        raise ConfigError.from_key("index.imd_no_domains", preset="imd")
    directions = directions or {}
    inds = [IndexIndicator(c, directions.get(c, 1), theme=dom)
            for dom, cols in domains.items() for c in _check_columns(cols, None, "imd")]
    if weights is not None:
        unknown = set(weights) - set(domains)
        if unknown:
            raise ConfigError.from_key("index.imd_unknown_domains", domains=repr(sorted(unknown)))
    return IndexSpec(
        indicators=tuple(inds), name="IMD-Index", normalisation="zscore", weighting="equal",
        aggregation="arithmetic", combine_themes=True, subindex_normalisation="imd_exponential",
        theme_weights=dict(weights) if weights else None, population=population,
        min_population=min_population, missing=missing,
        max_missing=_max_missing(missing, max_missing, len(inds)),
        classes=ClassScheme("quantiles", k=10),
        policy=policy or ConfidentialityPolicy(),
        source="MHCLG (2019): The English Indices of Deprivation 2019, Technical report.",
    )


def svi(
    themes: Mapping[str, Sequence[str]],
    *,
    directions: Mapping[str, int] | None = None,
    population: str | None = None,
    min_population: int | None = None,
    missing: str = "raise",
    max_missing: int | None = None,
    policy: ConfidentialityPolicy | None = None,
) -> IndexSpec:
    """CDC/ATSDR Social Vulnerability Index (SVI) style index.

    Every variable is percentile-ranked (``(rank - 1) / (n - 1)``, Excel
    PERCENTRANK.INC); per theme the percentile ranks are summed and the sum is
    percentile-ranked again (``sub_<theme>``); the overall index is the sum of
    all variables' percentile ranks, percentile-ranked. Flags: every variable
    at or above the 90th percentile is flagged (``flag_<column>``,
    ``flags_<theme>``, ``flags_total``); the class is the overall 90th
    percentile flag.

    Source: CDC/ATSDR Social Vulnerability Index 2020 Documentation.
    Deviation: the SVI ranks census tracts of a state or the nation; here the
    areas of one city.
    """
    if not themes:
        raise ConfigError.from_key("index.no_themes", preset="svi")
    directions = directions or {}
    inds = [IndexIndicator(c, directions.get(c, 1), theme=t)
            for t, cols in themes.items() for c in _check_columns(cols, None, "svi")]
    return IndexSpec(
        indicators=tuple(inds), name="SVI", normalisation="percentile", weighting="equal",
        aggregation="arithmetic", combine_themes=False, subindex_normalisation="percentile",
        score_normalisation="percentile", population=population, min_population=min_population,
        missing=missing, max_missing=_max_missing(missing, max_missing, len(inds)),
        classes=ClassScheme("svi_flag", (0.9,)), flag_percentile=0.9,
        policy=policy or ConfidentialityPolicy(),
        source="CDC/ATSDR Social Vulnerability Index (SVI) 2020 Documentation.",
    )


def nrw_sozialbericht(
    themes: Mapping[str, Sequence[str]],
    *,
    directions: Mapping[str, int] | None = None,
    population: str | None = "EW",
    min_population: int | None = None,
    cuts: Sequence[float] = (-1.5, -0.5, 0.5, 1.5),
    missing: str = "raise",
    max_missing: int | None = None,
    policy: ConfidentialityPolicy | None = None,
) -> IndexSpec:
    """NRW municipal social report style: themed sub-indices and an overall index in points.

    Every indicator is z-standardised; per theme (Teilindex, e.g. soziale
    Lage, Bildung, Gesundheit, Zusammenleben) the z-values are averaged and
    the sub-index z-standardised again; the overall index in **points** is the
    sum of the sub-indices, oriented so that **positive points mean
    above-average living conditions** (as Castrop-Rauxel's report: "+4,8
    Punkte" best, "-6,4" worst). Five classes by standard deviations of the
    overall index: "weit überdurchschnittlich" (> +1.5 SD), "über-
    durchschnittlich" (+0.5 to +1.5), "durchschnittlich" (-0.5 to +0.5),
    "unterdurchschnittlich", "weit unterdurchschnittlich" (< -1.5); boundary
    values belong to the class nearer the average. Rank 1 is still the most
    deprived area.

    Source: Stadt Castrop-Rauxel, Sozialbericht 2021 (25 Sozialräume, four
    sub-indices, overall index in points, five classes). Deviation: the
    report's exact class limits are not published in a form we could
    reproduce; the cut points (±0.5, ±1.5 SD) are our choice and a parameter.
    """
    if not themes:
        raise ConfigError.from_key("index.no_themes", preset="nrw_sozialbericht")
    _population_rule(population, min_population, policy, "nrw_sozialbericht")
    directions = directions or {}
    inds = [IndexIndicator(c, directions.get(c, 1), theme=t)
            for t, cols in themes.items() for c in _check_columns(cols, None, "nrw_sozialbericht")]
    keys = ("weit_ueber", "ueber", "durchschnitt", "unter", "weit_unter")
    cuts = tuple(float(c) for c in cuts)
    if len(cuts) != 4:
        raise ConfigError.from_key("index.nrw_cuts", given=repr(cuts))
    return IndexSpec(
        indicators=tuple(inds), name="Sozialindex (NRW-Sozialbericht)", normalisation="zscore",
        weighting="equal", aggregation="arithmetic", combine_themes=True,
        subindex_normalisation="zscore", score_scale=float(len(themes)), higher_is_better=True,
        population=population, min_population=min_population,
        missing=missing, max_missing=_max_missing(missing, max_missing, len(inds)),
        classes=sd_scheme(cuts, [text(f"nrw.{k}") for k in keys],
                          [text(f"nrw.{k}", "en") for k in keys],
                          codes=("1", "2", "3", "4", "5")),
        policy=policy or ConfidentialityPolicy(),
        source="Stadt Castrop-Rauxel: Sozialbericht 2021.",
    )


PRESET_BUILDERS.update({name: globals()[name] for name in PRESETS})
