"""German Index of Socioeconomic Deprivation (GISD) of the Robert Koch-Institut, as a preset.

What the RKI does, read from its own script ``Kontextmaterialien/Syntax/GISD_Generate_Release.R``
(repository robert-koch-institut/German_Index_of_Socioeconomic_Deprivation_GISD, commit
29ee5a6 of 2025-01-31, "Revision: 2025.v1"); section numbers are the script's:

* **Indicators, three domains** (municipalities, 1998-2021): *Arbeitswelt* --
  Arbeitslosigkeit (unemployed per working-age inhabitant), Beschäftigtenquote
  (capped at 80), ln Bruttoverdienst; *Einkommen* -- ln Einkommensteuer,
  ln Haushaltseinkommen, Schuldnerquote; *Bildung* -- Beschäftigte mit
  akademischem Abschluss, Beschäftigte ohne Abschluss, Schulabgänger ohne
  Abschluss (the last three adjusted for the G8/G9 reforms, East/West and a
  change of measurement by regression).
* **Transformations** (III.1): the money amounts are deflated by the consumer
  price index and log-transformed (``log``); an income tax of 0 becomes 0.75,
  a negative one 0.25 (as if 2.12 and 1.28 Euro).
* **Imputation** (IV, ``reg_impute``): per indicator an OLS regression over
  all municipality-years, ``x ~ Jahr² · MEAN + Jahr · MEAN`` with MEAN the
  municipality's mean over its years; a missing value is replaced by the
  prediction, negative values are set to 0.
* **Factor analysis** (V): per domain a principal component analysis of the
  standardised indicators (``prcomp(center = TRUE, scale. = TRUE, rank. = 1)``,
  pooled over the last 20 years); the domain score is the first component's
  score, i.e. the standardised indicators times the first eigenvector. The
  RKI reports the squared eigenvector as "Anteil am Teilscore" and a third of
  it as "Anteil am GISD". Each domain score is polarised so that it correlates
  positively with Arbeitslosigkeit (deprivation).
* **Scaling and domain weights**: per year each domain score is rescaled to
  0..1 (``scales::rescale``, min-max), the three are **summed with equal
  weight** and the sum is rescaled to 0..1 again: the GISD score, higher = more
  deprived (rounded to 5 decimals for publication). Section VI then replaces
  hand-picked outlier years of single Länder by the mean of the neighbouring
  years.
* **Classes** (VII): quintiles ``gisd_5`` and deciles ``gisd_10`` cut at the
  type-9 sample quantiles (``findInterval(score, quantile(score, 0:5/5, type = 9))``),
  1 = least deprived, and ``gisd_k`` (1 = quintile 1, 2 = quintiles 2-4,
  3 = quintile 5).
* **Higher levels** (VII): Kreise, Gemeindeverbände, Raumordnungsregionen,
  NUTS 2 and postcode areas get the population-weighted mean of the
  municipalities' scores (``weighted.mean(gisd_score, population)``),
  rescaled to 0..1 again at that level, with quintiles and deciles recomputed.

Here (our own code, same recipe): :func:`gisd` builds the
:class:`~sozialraum.IndexSpec` (indicators oriented by `direction`,
standardised with the sample SD as ``prcomp``, per domain the first-component
score with numpy's ``eigh`` of the correlation matrix, min-max per domain,
equal-weight sum, min-max, type-9 quintiles); :func:`gisd_impute` is the
RKI's regression imputation on a panel; :func:`gisd_log` the log step;
:func:`gisd_aggregate` the population-weighted aggregation. Deviations: one
cross-section (one Stichtag) instead of the PCA pooled over 20 years, so the
weights are those of the city's areas; no reform/East-West adjustments and
no manual outlier correction (they are specific to the RKI's municipal
data); observed negative values are never changed (the RKI sets them to 0,
its indicators cannot be negative); the score is not rounded; areas below the
confidentiality policy's population threshold (300) are excluded when
`population` is named (``min_population=1`` drops only empty areas, as the
RKI does).

>>> spec = gisd(income=["HHEK"], employment=["ALQ", "BQ"], education=["OHNE"],
...             direction={"HHEK": -1, "ALQ": 1, "BQ": -1, "OHNE": 1})
>>> spec.themes, spec.polarity_reference
(['Arbeitswelt', 'Einkommen', 'Bildung'], 'ALQ')
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from sozialraum.errors import ColumnError, ConfigError, InputError, Listed
from sozialraum.index.classes import ClassScheme
from sozialraum.index.composite import IndexIndicator, IndexResult, IndexSpec
from sozialraum.index.normalise import normalise
from sozialraum.indicators.confidentiality import ConfidentialityPolicy

__all__ = ["GISDImputation", "gisd", "gisd_aggregate", "gisd_classes", "gisd_impute", "gisd_log"]

GISD_SOURCE = (
    "Robert Koch-Institut: German Index of Socioeconomic Deprivation (GISD), Release 2025 "
    "(Skript GISD_Generate_Release.R, Revision 2025.v1): je Dimension (Arbeitswelt, Einkommen, "
    "Bildung) erste Hauptkomponente der standardisierten Indikatoren, Teilscores auf 0 bis 1 "
    "normiert, gleich gewichtet summiert und erneut auf 0 bis 1 normiert; Quintile nach "
    "Stichprobenquantilen (Typ 9)."
)

#: The RKI's domain names, in the order of its script.
DOMAINS = ("Arbeitswelt", "Einkommen", "Bildung")


def _columns(given, what: str) -> list[str]:
    cols = [given] if isinstance(given, str) else list(given or [])
    if not cols or not all(isinstance(c, str) for c in cols):
        raise ConfigError.from_key("index.preset_columns", what=what, given=repr(given))
    return cols


def gisd(
    income: Sequence[str],
    employment: Sequence[str],
    education: Sequence[str],
    direction: Mapping[str, int],
    population: str | None = None,
    *,
    reference: str | None = None,
    min_population: int | None = None,
    policy: ConfidentialityPolicy | None = None,
) -> IndexSpec:
    """GISD-style index (RKI German Index of Socioeconomic Deprivation).

    Per domain (Arbeitswelt = `employment`, Einkommen = `income`, Bildung =
    `education`) the indicators are oriented by `direction` and standardised
    (sample SD, as R's ``prcomp(scale. = TRUE)``); the domain score is the
    score of their first principal component (eigenvector of the correlation
    matrix), polarised to correlate positively with `reference` (default: the
    first `employment` column, as the RKI uses unemployment), and rescaled to
    0..1; the score is the equal-weight sum of the three domain scores,
    rescaled to 0..1 (higher = more deprived). Classes: quintiles at the
    type-9 sample quantiles, "Quintil 1" = least, "Quintil 5" = most deprived
    (codes "1" .. "5"). The full recipe of the RKI and our deviations are in
    the module docstring of :mod:`sozialraum.index.gisd` and docs/index.md.

    Missing values are an error (the RKI imputes them beforehand; use
    :func:`gisd_impute` on a panel of several years). Log-transform money
    amounts first with :func:`gisd_log`.

    Parameters
    ----------
    income, employment, education : list of str
        Indicator columns of each domain (at least one each).
    direction : dict
        Column -> +1 (higher = more deprived) or -1, for every indicator. The
        principal component does not need it (a sign flip of one indicator
        flips its coefficient), but the polarity reference does, and an
        indicator whose coefficient comes out against its direction is
        reported in ``IndexResult.notes``.
    population : str, optional
        Inhabitants column: the confidentiality threshold and the weights of
        :func:`gisd_aggregate`.
    reference : str, optional
        Column the domain scores are polarised by.

    Examples
    --------
    >>> import sozialraum as sr
    >>> g = sr.datasets.musterstadt(stichtag="31.12.2024")
    >>> rates = sr.compute_indicators(g, ["S1", "S3", "S4"]).join(g["EW"])
    >>> rates = rates.dropna(subset=["S1", "S3", "S4"])  # suppressed rates: no imputation
    >>> spec = sr.presets.gisd(income=["S3"], employment=["S1"], education=["S4"],
    ...                        direction={"S1": 1, "S3": 1, "S4": 1})
    >>> res = sr.composite_index(rates, spec)
    >>> float(res.score.min()), float(res.score.max())
    (0.0, 1.0)
    """
    domains = {"Arbeitswelt": _columns(employment, "gisd employment"),
               "Einkommen": _columns(income, "gisd income"),
               "Bildung": _columns(education, "gisd education")}
    cols = [c for d in DOMAINS for c in domains[d]]
    direction = dict(direction or {})
    lacking = [c for c in cols if c not in direction]
    unknown = sorted(set(direction) - set(cols))
    if lacking or unknown:
        raise ConfigError.from_key("index.gisd_direction", lacking=Listed(lacking),
                                   unknown=Listed(unknown))
    inds = tuple(IndexIndicator(c, direction[c], theme=d) for d in DOMAINS for c in domains[d])
    ref = reference if reference is not None else domains["Arbeitswelt"][0]
    return IndexSpec(
        indicators=inds, name="GISD", normalisation="zscore_sample", weighting="pca_theme",
        aggregation="arithmetic", combine_themes=True, subindex_normalisation="minmax",
        score_normalisation="minmax", population=population, min_population=min_population,
        missing="raise", classes=ClassScheme("quantile_breaks", k=5, codes=tuple("12345")),
        policy=policy or ConfidentialityPolicy(), source=GISD_SOURCE, polarity_reference=ref,
    )


def gisd_log(data: pd.DataFrame, columns: Sequence[str], suffix: str = "_ln") -> pd.DataFrame:
    """A copy of `data` with the natural log of `columns` added as ``<column>_ln``.

    The RKI log-transforms its money amounts (gross earnings, household income,
    income tax). Values <= 0 have no logarithm: they are refused with the
    areas named (the RKI puts 0.75 for an income tax of 0 and 0.25 for a
    negative one; decide and replace such values yourself).

    Examples
    --------
    >>> gisd_log(pd.DataFrame({"HHEK": [1.0, np.e]}), ["HHEK"])["HHEK_ln"].tolist()
    [0.0, 1.0]
    """
    out = data.copy()
    for c in columns:
        if c not in data.columns:
            raise ColumnError.from_key("index.missing_columns", name="gisd_log",
                                       columns=Listed([c]), available=Listed(list(data.columns)))
        v = pd.to_numeric(data[c], errors="coerce").astype(float)
        bad = v.index[(v <= 0).to_numpy()]
        if len(bad):
            raise InputError.from_key("index.gisd_log", column=c, keys=Listed(list(bad)))
        out[f"{c}{suffix}"] = np.log(v)
    return out


@dataclass(frozen=True, repr=False)
class GISDImputation:
    """Result of :func:`gisd_impute`.

    Attributes
    ----------
    data : DataFrame
        The panel with missing values replaced (a new frame; the input is unchanged).
    imputed : DataFrame
        True where a value was imputed (same index, the indicator columns).
    models : DataFrame
        Per indicator the OLS coefficients ``intercept``, ``year2_mean``,
        ``year_mean`` and ``n`` (rows used), of ``x ~ year² · MEAN + year · MEAN``.
    """

    data: pd.DataFrame
    imputed: pd.DataFrame
    models: pd.DataFrame

    def __repr__(self) -> str:
        return (f"GISDImputation({int(self.imputed.to_numpy().sum())} values imputed in "
                f"{len(self.imputed.columns)} indicators)")


def gisd_impute(panel: pd.DataFrame, columns: Sequence[str], *, area: str,
                year: str) -> GISDImputation:
    """The RKI's regression imputation of missing indicator values in a panel.

    For every indicator: MEAN = the area's mean over its non-missing years;
    an OLS regression ``x ~ 1 + year² · MEAN + year · MEAN`` over all
    area-years with a value (R ``lm``; here ``numpy.linalg.lstsq``); every
    missing value of an area with at least one value is replaced by the
    prediction, an imputed value below 0 by 0. Areas without any value stay
    missing. Observed values are never changed (the RKI also sets observed
    negative values to 0; its indicators cannot be negative).

    Parameters
    ----------
    panel : DataFrame
        Long format: one row per area and year.
    columns : list of str
        Indicator columns to impute.
    area, year : str
        Columns with the area key and the (numeric) year.

    Examples
    --------
    >>> p = pd.DataFrame({"gkz": ["a"] * 3 + ["b"] * 3, "jahr": [2019, 2020, 2021] * 2,
    ...                   "ALQ": [5.0, 6.0, None, 2.0, 2.5, 3.0]})
    >>> res = gisd_impute(p, ["ALQ"], area="gkz", year="jahr")
    >>> bool(res.imputed["ALQ"].iloc[2]), bool(res.data["ALQ"].notna().all())
    (True, True)
    """
    need = [area, year, *columns]
    lacking = [c for c in need if c not in panel.columns]
    if lacking:
        raise ColumnError.from_key("index.missing_columns", name="gisd_impute",
                                   columns=Listed(lacking), available=Listed(list(panel.columns)))
    yr = pd.to_numeric(panel[year], errors="coerce").astype(float).to_numpy()
    if np.isnan(yr).any():
        raise InputError.from_key("index.gisd_year", column=year)
    out = panel.copy()
    flags, models = {}, {}
    for c in columns:
        x = pd.to_numeric(panel[c], errors="coerce").astype(float)
        x = x.where(np.isfinite(x))
        mean = x.groupby(panel[area].to_numpy()).transform("mean").to_numpy()
        design = np.column_stack([np.ones(len(x)), yr * yr * mean, yr * mean])
        fit = x.notna().to_numpy() & ~np.isnan(mean)
        if fit.sum() < 3:
            raise InputError.from_key("index.gisd_impute_few", column=c, n=int(fit.sum()))
        coef = np.linalg.lstsq(design[fit], x.to_numpy()[fit], rcond=None)[0]
        pred = np.maximum(design @ coef, 0.0)
        fill = x.isna().to_numpy() & ~np.isnan(mean)
        out[c] = np.where(fill, pred, x.to_numpy())
        flags[c] = fill
        models[c] = {"intercept": coef[0], "year2_mean": coef[1], "year_mean": coef[2],
                     "n": int(fit.sum())}
    return GISDImputation(data=out, imputed=pd.DataFrame(flags, index=panel.index),
                          models=pd.DataFrame(models).T)


def gisd_classes(score: pd.Series) -> pd.DataFrame:
    """The RKI's classes of a GISD score: ``gisd_5``, ``gisd_10`` (1 = least deprived), ``gisd_k``.

    Quintiles and deciles cut at the type-9 sample quantiles of the non-missing
    scores (a score equal to a break goes up); ``gisd_k``: 1 = quintile 1,
    2 = quintiles 2-4, 3 = quintile 5.

    Examples
    --------
    >>> gisd_classes(pd.Series(np.arange(10.0)))["gisd_5"].tolist()
    [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
    """
    d = score.to_numpy(dtype=float)
    out = pd.DataFrame(index=score.index)
    for k in (5, 10):
        lev = ClassScheme("quantile_breaks", k=k).classify(d)
        out[f"gisd_{k}"] = pd.array([v + 1 if v >= 0 else None for v in lev], dtype="Int64")
    out["gisd_k"] = pd.array([None if pd.isna(q) else 1 if q == 1 else 3 if q == 5 else 2
                              for q in out["gisd_5"]], dtype="Int64")
    return out


def gisd_aggregate(result: IndexResult, groups: pd.Series | Mapping,
                   population: pd.Series) -> pd.DataFrame:
    """GISD of higher-level areas: the population-weighted mean score, rescaled to 0..1.

    As the RKI aggregates municipalities to Kreise and regions: per group
    ``score = sum(population * score) / sum(population)`` over its areas with
    a score, then min-max rescaled over the groups; ``gisd_5``, ``gisd_10``,
    ``gisd_k`` recomputed at this level (see :func:`gisd_classes`); the domain
    scores ``sub_<domain>`` as population-weighted means (not rescaled).

    Parameters
    ----------
    result : IndexResult
        From :func:`~sozialraum.composite_index` with a :func:`gisd` spec.
    groups : Series or dict
        Area key -> key of the higher level (e.g. Sozialraum -> Stadtteil).
    population : Series
        Inhabitants per area (the weights).

    Returns
    -------
    DataFrame
        Indexed by the higher key: ``score``, ``gisd_5``, ``gisd_10``,
        ``gisd_k``, ``sub_<domain>``, ``population`` (of the scored areas),
        ``n_areas``.
    """
    keys = result.score.index
    grp = pd.Series(groups) if isinstance(groups, Mapping) else groups
    grp = grp.reindex(keys)
    pop = pd.to_numeric(population.reindex(keys), errors="coerce").astype(float)
    lacking = list(keys[(grp.isna() | pop.isna()).to_numpy()])
    if lacking:
        raise InputError.from_key("index.gisd_groups", keys=Listed(lacking))
    parts = pd.DataFrame({"score": result.score})
    if result.subindices is not None:
        for c in result.subindices.columns:
            parts[f"sub_{c}"] = result.subindices[c]
    ok = result.score.notna().to_numpy()
    parts, pop, grp = parts[ok], pop[ok], grp[ok]
    g = grp.to_numpy()
    w_sum = pop.groupby(g).sum()
    out = parts.mul(pop, axis=0).groupby(g).sum().div(w_sum, axis=0)
    out["score"] = normalise(out["score"].to_numpy(), "minmax")
    out = out[["score"]].join(gisd_classes(out["score"])).join(out.drop(columns="score"))
    out["population"] = w_sum
    out["n_areas"] = pop.groupby(g).size()
    out.index.name = grp.name
    return out
