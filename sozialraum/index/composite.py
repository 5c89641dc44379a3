"""The composite deprivation index: IndexSpec (also from TOML), composite_index, IndexResult.

Conventions (stated in every result and in docs/index.md):

* Every indicator is first *oriented*: multiplied by its direction, so that a
  higher value always means more deprivation.
* The index score is therefore a deprivation score (higher = more deprived),
  unless the spec says ``higher_is_better=True`` (the NRW "points" preset),
  in which case the published score is the negated deprivation score.
* Rank 1 = the most deprived area (ties share the smaller rank).
* Classes are ordered from least to most deprived internally
  (``class_level`` 0 .. K-1); labels come from the class scheme.
* Areas below the population threshold (``min_population``, default from the
  confidentiality policy: 300) are excluded *before* standardising; their
  score, rank and class are missing with reason ``below_population``.

>>> import pandas as pd
>>> data = pd.DataFrame({"A": [1.0, 2.0, 3.0, 4.0], "B": [1.0, 4.0, 2.0, 3.0]},
...                     index=pd.Index(["01", "02", "03", "04"], name="SR_NR"))
>>> res = composite_index(data, IndexSpec(["A", "B"]))
>>> res.to_frame()["rank"].tolist()
[4, 2, 3, 1]
"""

from __future__ import annotations

import html
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path

import numpy as np
import pandas as pd

from sozialraum._text import text
from sozialraum._util.choices import check_choice
from sozialraum.errors import (
    ColumnError,
    ConfigError,
    DuplicateKeyError,
    Listed,
    MissingDataError,
    Phrase,
)
from sozialraum.index.classes import ClassScheme
from sozialraum.index.frames import (
    classify_within,
    core_within,
    municipality_keys,
    rank_desc_within,
)
from sozialraum.index.normalise import (
    AGGREGATIONS,
    NON_POSITIVE,
    NORMALISATIONS,
    REFERENCE_TEXTS,
    REFERENCES,
    WEIGHTINGS,
    _ranks,
    aggregate_values,
    first_component,
    normalise,
    normalise_within,
    pca_weights,
    rescale_positive,
)
from sozialraum.indicators.confidentiality import ConfidentialityPolicy
from sozialraum.io.cells import REASON_DTYPE, Reason, get_reasons, reason_column
from sozialraum.io.keys import PerLanguage, Phrases

__all__ = [
    "ClassScheme",
    "IndexIndicator",
    "IndexResult",
    "IndexSpec",
    "composite_index",
]

#: Preset name -> function building its IndexSpec. ``index.presets`` fills this when it is
#: imported (the ``sozialraum.index`` package imports it), so this module never imports
#: the presets, which build on it.
PRESET_BUILDERS: dict[str, Callable[..., IndexSpec]] = {}

SCORE_NORMALISATIONS = (None, "zscore", "zscore_sample", "percentile", "minmax", "rank")


@dataclass(frozen=True)
class IndexIndicator:
    """One indicator column of an index.

    Parameters
    ----------
    column : str
        Column of the data (a rate, already computed).
    direction : {1, -1}
        +1 if higher means more deprivation.
    weight : float, optional
        Explicit weight (``weighting="explicit"``).
    theme : str, optional
        Theme / domain for sub-indices.
    label : str, optional
    """

    column: str
    direction: int = 1
    weight: float | None = None
    theme: str | None = None
    label: str | None = None

    def __post_init__(self) -> None:
        if self.direction not in (1, -1):
            raise ConfigError.from_key(
                "index.direction", column=self.column, given=repr(self.direction)
            )
        if self.weight is not None and not (np.isfinite(self.weight) and self.weight >= 0):
            raise ConfigError.from_key("index.weight", column=self.column, given=repr(self.weight))


def _as_index_indicator(item) -> IndexIndicator:
    if isinstance(item, IndexIndicator):
        return item
    if isinstance(item, str):
        return IndexIndicator(item)
    if isinstance(item, Mapping):
        return IndexIndicator(**dict(item))
    code = getattr(item, "code", None)  # an indicators.Indicator
    if code is not None:
        return IndexIndicator(code, item.direction, None, item.theme, item.label)
    raise ConfigError.from_key("index.indicator_type", given=repr(item))


@dataclass(frozen=True)
class IndexSpec:
    """Declarative description of a composite index.

    Parameters
    ----------
    indicators : list of str, IndexIndicator, dict or Indicator
        The indicator columns (rates) with direction, weight and theme.
    name : str
    normalisation : str
        One of ``zscore`` (population SD), ``zscore_sample``, ``minmax``,
        ``percentile``, ``rank``, ``distance`` (percent deviation from the city
        value in `reference`), ``imd_exponential``.
    weighting : {"equal", "explicit", "theme", "pca", "pca_theme", "random"}
        ``theme``: every theme gets the same weight, shared equally by its
        indicators; ``pca``: squared loadings of the first principal component;
        ``pca_theme`` (GISD): per theme the sub-index is the score of the first
        principal component of the theme's standardised indicators (the
        coefficients are the eigenvector, polarised by `polarity_reference`);
        needs themes and ``missing="raise"``.
    aggregation : {"arithmetic", "geometric"}
        Geometric means need positive values: normalisations that can give
        values <= 0 (z-scores, min-max, percentile, distance) are linearly
        rescaled to [1, 100] per indicator first (recorded in the notes).
    combine_themes : bool
        Build one sub-index per theme first, then the overall index from the
        sub-indices (weighted by `theme_weights`, equal by default).
    subindex_normalisation : str, optional
        Normalisation of each sub-index before combining (e.g. ``zscore``,
        ``imd_exponential``, ``percentile``).
    theme_weights : dict, optional
    score_normalisation : {None, "zscore", "zscore_sample", "percentile", "minmax", "rank"}
        Applied to the aggregated score (the MSS z-standardises the sum again).
    score_scale : float
        Multiplies the final score (e.g. the number of themes for a sum).
    higher_is_better : bool
        Publish the negated deprivation score (ranks and classes unchanged).
    population : str, optional
        Population column for the exclusion threshold. Without it no area is
        excluded for its size (and the methods text claims no threshold).
    min_population : int, optional
        Default: ``policy.min_population`` (300) when the policy is enabled and
        `population` is named. A positive value without `population` is an
        error (the threshold cannot be applied); the presets that define the
        300 rule (MSS, NRW) raise without `population` unless
        ``min_population=0``.
    missing : {"raise", "reweight"}
        ``raise`` (default): any missing indicator value of an included area
        is an error naming the areas. ``reweight``: up to `max_missing`
        missing values per area, the weights of the others rescaled; areas with
        more are excluded with the reason of their missing values.
    max_missing : int
    classes : ClassScheme, optional
        Default: quintiles.
    reference : dict, optional
        City value per indicator column (for ``distance``).
    flag_percentile : float, optional
        If given (SVI: 0.9), flag every indicator value at or above this percentile.
    policy : ConfidentialityPolicy
    source : str
        Where the method comes from (presets), for the methods text.
    polarity_reference : str, optional
        For ``weighting="pca_theme"``: the column every theme's component is
        made to correlate positively with (the GISD: unemployment). Default:
        the coefficients of each theme sum to a positive number.
    """

    indicators: tuple[IndexIndicator, ...]
    name: str = "Index"
    normalisation: str = "zscore"
    weighting: str = "equal"
    aggregation: str = "arithmetic"
    combine_themes: bool = False
    subindex_normalisation: str | None = None
    theme_weights: Mapping[str, float] | None = None
    score_normalisation: str | None = None
    score_scale: float = 1.0
    higher_is_better: bool = False
    population: str | None = None
    min_population: int | None = None
    missing: str = "raise"
    max_missing: int = 0
    classes: ClassScheme | None = field(default_factory=ClassScheme)
    reference: Mapping[str, float] | None = None
    flag_percentile: float | None = None
    policy: ConfidentialityPolicy = field(default_factory=ConfidentialityPolicy)
    source: str = ""
    polarity_reference: str | None = None

    def __post_init__(self) -> None:
        inds = self.indicators
        if isinstance(inds, (str, IndexIndicator)) or isinstance(inds, Mapping):
            inds = [inds]
        inds = tuple(_as_index_indicator(i) for i in inds)
        if not inds:
            raise ConfigError.from_key("index.no_indicators")
        cols = [i.column for i in inds]
        dup = sorted({c for c in cols if cols.count(c) > 1})
        if dup:
            raise ConfigError.from_key("index.columns_repeated", columns=Listed(dup))
        object.__setattr__(self, "indicators", inds)
        check_choice("normalisation", self.normalisation, NORMALISATIONS)
        check_choice("weighting", self.weighting, WEIGHTINGS)
        check_choice("aggregation", self.aggregation, AGGREGATIONS)
        check_choice("missing", self.missing, ["raise", "reweight"])
        check_choice("score_normalisation", self.score_normalisation, SCORE_NORMALISATIONS)
        if self.subindex_normalisation is not None:
            check_choice("subindex_normalisation", self.subindex_normalisation, NORMALISATIONS)
            if self.subindex_normalisation == "distance":
                raise ConfigError.from_key("index.subindex_distance")
        if self.weighting == "explicit":
            none = [i.column for i in inds if i.weight is None]
            if none:
                raise ConfigError.from_key("index.explicit_weights", columns=Listed(none))
        if self.combine_themes:
            none = [i.column for i in inds if i.theme is None]
            if none:
                raise ConfigError.from_key("index.themes_missing", columns=Listed(none))
        if self.weighting == "pca_theme":
            if not self.combine_themes or self.missing != "raise":
                raise ConfigError.from_key("index.pca_theme_needs")
        if self.polarity_reference is not None and self.polarity_reference not in cols:
            raise ConfigError.from_key("index.polarity_reference", given=repr(
                self.polarity_reference), columns=Listed(cols))
        if self.classes is not None and not isinstance(self.classes, ClassScheme):
            object.__setattr__(self, "classes", ClassScheme(**dict(self.classes)))
        if isinstance(self.policy, Mapping):
            object.__setattr__(self, "policy", ConfidentialityPolicy(**dict(self.policy)))
        if self.max_missing < 0 or self.max_missing >= len(inds) and self.missing == "reweight":
            raise ConfigError.from_key(
                "index.max_missing", high=len(inds) - 1, given=repr(self.max_missing)
            )
        if self.flag_percentile is not None and not 0 < self.flag_percentile <= 1:
            raise ConfigError.from_key("index.flag_percentile")
        if self.population is None and self.min_population:
            raise ConfigError.from_key("index.min_population_needs_population",
                                       what=self.name, n=self.min_population)
        if self.theme_weights is not None:
            object.__setattr__(self, "theme_weights", dict(self.theme_weights))
        if self.reference is not None:
            object.__setattr__(self, "reference", dict(self.reference))

    @property
    def columns(self) -> list[str]:
        """The indicator columns, in order."""
        return [i.column for i in self.indicators]

    @property
    def themes(self) -> list[str]:
        """Themes in first-seen order (empty if no indicator has a theme)."""
        return list(dict.fromkeys(i.theme for i in self.indicators if i.theme is not None))

    @property
    def effective_min_population(self) -> int:
        if self.population is None:
            return 0  # no column, no threshold (an explicit one is refused above)
        if self.min_population is not None:
            return self.min_population
        return self.policy.min_population if self.policy.enabled else 0

    @classmethod
    def from_toml(cls, source: str | Path) -> IndexSpec:
        """Read a spec from a TOML file or TOML text.

        Examples
        --------
        >>> spec = IndexSpec.from_toml('''
        ... name = "Sozialindex"
        ... normalisation = "zscore"
        ... population = "EW"
        ... [classes]
        ... method = "sd"
        ... cuts = [-1, 1, 1.5]
        ... [[indicators]]
        ... column = "S1"
        ... [[indicators]]
        ... column = "S3"
        ... direction = 1
        ... ''')
        >>> spec.columns, spec.classes.cuts
        (['S1', 'S3'], (-1.0, 1.0, 1.5))
        """
        is_text = isinstance(source, str) and ("\n" in source or "=" in source)
        where = Phrase("index.where_toml_text") if is_text else f"'{source}'"
        try:
            raw = tomllib.loads(source) if is_text else tomllib.loads(
                Path(source).read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise ConfigError.from_key("index.spec_not_found", path=source) from exc
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError.from_key("index.spec_toml", where=where, detail=exc) from exc
        if "preset" in raw:
            name = check_choice("preset", raw.pop("preset"), sorted(PRESET_BUILDERS))
            return PRESET_BUILDERS[name](**raw)
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(raw) - known)
        if unknown:
            raise ConfigError.from_key(
                "index.spec_unknown_keys", where=where, keys=Listed(unknown),
                known=Listed(sorted(known), limit=30),
            )
        if "indicators" not in raw:
            raise ConfigError.from_key("index.spec_no_indicators", where=where)
        try:
            return cls(**raw)
        except TypeError as exc:
            raise ConfigError.from_key("index.spec_invalid", where=where, detail=exc) from exc


@dataclass(frozen=True, repr=False)
class IndexResult:
    """Result of :func:`composite_index`.

    Attributes
    ----------
    score : Series
        Index score (deprivation orientation unless ``spec.higher_is_better``).
    rank : Series (Int64)
        1 = most deprived.
    class_level : Series (Int64)
        0 .. K-1 from least to most deprived.
    reasons : Series
        Why score, rank and class are missing (``below_population``, ...).
    normalised : DataFrame
        Normalised, oriented value of every indicator.
    contributions : DataFrame
        Each indicator's (or, with ``combine_themes``, each sub-index's) share
        of the aggregated score before score normalisation: weight times value
        (arithmetic; they sum to the aggregated score) or weight times log value
        (geometric; they sum to its log).
    subindices : DataFrame or None
    weights : Series
    excluded : DataFrame
        Excluded areas with ``reason`` and ``detail``.
    reweighted : DataFrame
        Areas whose missing indicators were re-weighted, with the indicators.
    flags : DataFrame or None
    spec, policy, notes
    reference : {"region", "municipality"}
        The frame the values were standardised, ranked and classified against: the
        whole region (all areas together) or each municipality alone.
    municipality : Series or None
        The municipality key of every area (None if no municipality was named).
    """

    score: pd.Series
    rank: pd.Series
    class_level: pd.Series
    reasons: pd.Series
    normalised: pd.DataFrame
    contributions: pd.DataFrame
    subindices: pd.DataFrame | None
    weights: pd.Series
    excluded: pd.DataFrame
    reweighted: pd.DataFrame
    flags: pd.DataFrame | None
    spec: IndexSpec
    policy: ConfidentialityPolicy
    notes: tuple[str, ...] = ()
    normalised_reasons: pd.DataFrame | None = None
    reference: str = "region"
    municipality: pd.Series | None = None

    def describe_reference(self, lang: str = "de") -> str:
        """One sentence for the methods text: against which frame the index was computed."""
        if self.municipality is None:
            return ""
        n = int(self.municipality.nunique())
        return text(REFERENCE_TEXTS[self.reference], lang, n=n)

    def classes(self, lang: str = "de") -> pd.Series:
        """Class labels (ordered categorical), missing for excluded areas."""
        labels = list(self.spec.classes.class_labels(lang)) if self.spec.classes else []
        vals = [labels[int(v)] if pd.notna(v) else None for v in self.class_level]
        return pd.Series(pd.Categorical(vals, categories=labels, ordered=True),
                         index=self.score.index, name="class")

    def class_codes(self) -> pd.Series:
        """Short class codes (scheme codes, else the class number as text)."""
        sch = self.spec.classes
        if sch is None:
            return pd.Series(pd.NA, index=self.score.index, dtype="string")
        codes = sch.codes or tuple(
            str(sch.n_classes - i) if sch.method in ("quantiles", "natural_breaks") else str(i + 1)
            for i in range(sch.n_classes))
        return pd.Series([codes[int(v)] if pd.notna(v) else pd.NA for v in self.class_level],
                         index=self.score.index, dtype="string")

    def to_frame(self, lang: str = "de", *, details: bool = True) -> pd.DataFrame:
        """One row per area: score, rank, class (label), class_code, reasons and details.

        Detail columns: ``norm_<column>``, ``contrib_<column>``, ``sub_<theme>``
        and, with flags, ``flag_<column>`` and ``flags_total``.
        """
        out = pd.DataFrame(index=self.score.index)
        out["score"] = self.score
        out["rank"] = self.rank
        out["class"] = self.classes(lang)
        out["class_code"] = self.class_codes()
        out["class_level"] = self.class_level
        if self.reasons.notna().any():
            out[reason_column("score")] = self.reasons
            out[reason_column("class")] = self.reasons
        if details:
            for c in self.normalised.columns:
                out[f"norm_{c}"] = self.normalised[c]
                if self.normalised_reasons is not None and \
                        self.normalised_reasons[c].notna().any():
                    out[reason_column(f"norm_{c}")] = self.normalised_reasons[c]
            for c in self.contributions.columns:
                out[f"contrib_{c}"] = self.contributions[c]
            if self.subindices is not None:
                for c in self.subindices.columns:
                    out[f"sub_{c}"] = self.subindices[c]
            if self.flags is not None:
                for c in self.flags.columns:
                    out[c if c.startswith("flags") else f"flag_{c}"] = self.flags[c]
        if self.municipality is not None:
            out["municipality"] = self.municipality
            out["reference"] = self.reference
        out.attrs["policy"] = self.policy
        out.attrs["spec"] = self.spec
        out.attrs["reference"] = self.reference
        return out

    @property
    def n_included(self) -> int:
        return int(self.score.notna().sum())

    def __repr__(self) -> str:
        top = self.rank.dropna().sort_values().index[:3].tolist()
        return (f"IndexResult({self.spec.name!r}: {self.n_included} areas, "
                f"{len(self.excluded)} excluded, normalisation={self.spec.normalisation!r}, "
                f"weighting={self.spec.weighting!r}, aggregation={self.spec.aggregation!r}, "
                f"most deprived={top})")

    def _repr_html_(self) -> str:
        head = (f"<p><b>{html.escape(str(self.spec.name))}</b> – "
                f"{html.escape(text('index.rank_note'))}. "
                f"{html.escape(self.policy.description())}</p>")
        return head + self.to_frame(details=False).sort_values("rank").to_html()


# --------------------------------------------------------------------------------------------


def _weights(spec: IndexSpec, normalised: np.ndarray, weighting: str,
             rng: np.random.Generator | None) -> np.ndarray:
    m = len(spec.indicators)
    if weighting == "equal":
        w = np.ones(m)
    elif weighting == "explicit":
        w = np.array([i.weight for i in spec.indicators], dtype=float)
    elif weighting == "theme":
        themes = [i.theme or i.column for i in spec.indicators]
        counts = {t: themes.count(t) for t in themes}
        w = np.array([1.0 / counts[t] for t in themes])
    elif weighting == "pca":
        w = pca_weights(normalised)
    elif weighting == "pca_theme":  # unit eigenvector per theme, not rescaled to sum 1
        w = np.zeros(m)
        ref = (normalised[:, spec.columns.index(spec.polarity_reference)]
               if spec.polarity_reference else None)
        for t in spec.themes:
            idx = [j for j, i in enumerate(spec.indicators) if i.theme == t]
            w[idx] = first_component(normalised[:, idx], ref)
        return w
    else:  # random: the spec's own weights perturbed by +-50 %
        base = _weights(spec, normalised, "explicit" if spec.weighting == "explicit"
                        else "equal", None)
        if rng is None:
            raise ConfigError.from_key("index.random_weights")
        w = base * rng.uniform(0.5, 1.5, size=m)
    if w.sum() <= 0:
        raise ConfigError.from_key("index.weights_zero")
    return w / w.sum()


def _core(spec: IndexSpec, x: np.ndarray, normalisation: str, weighting: str,
          aggregation: str, rng=None) -> dict:
    """Numpy core: oriented values of the included areas -> scores and parts."""
    m = x.shape[1]
    refs = [None] * m
    if normalisation == "distance":
        ref = spec.reference or {}
        refs = [ref.get(i.column) for i in spec.indicators]
        refs = [None if r is None else r * i.direction for r, i in zip(refs, spec.indicators,
                                                                        strict=True)]
    norm = np.column_stack([normalise(x[:, j], normalisation, refs[j]) for j in range(m)])
    w = _weights(spec, norm, weighting, rng)
    notes = []
    if weighting == "pca_theme":
        against = [i.column for i, v in zip(spec.indicators, w, strict=True) if v < 0]
        if against:
            notes.append("pca_theme: coefficient against the stated direction for "
                         + ", ".join(against))
    vals = norm
    if aggregation == "geometric" and normalisation in NON_POSITIVE:
        vals = np.column_stack([rescale_positive(norm[:, j]) for j in range(m)])
        notes.append("geometric: normalised values rescaled to [1, 100] per indicator")
    themes = spec.themes
    sub = None
    if themes:
        cols = []
        for t in themes:
            idx = [j for j, i in enumerate(spec.indicators) if i.theme == t]
            if weighting == "pca_theme":  # the component score: standardised values @ vector
                s = vals[:, idx] @ w[idx]
            else:
                s = aggregate_values(vals[:, idx], w[idx], aggregation)
            if spec.subindex_normalisation:
                s = normalise(s, spec.subindex_normalisation)
            cols.append(s)
        sub = np.column_stack(cols)
    if spec.combine_themes:
        tw = np.array([(spec.theme_weights or {}).get(t, 1.0) for t in themes], dtype=float)
        tw = tw / tw.sum()
        svals = sub
        subnorm = spec.subindex_normalisation or normalisation
        if aggregation == "geometric" and (subnorm in NON_POSITIVE or np.nanmin(sub) <= 0):
            svals = np.column_stack([rescale_positive(sub[:, j]) for j in range(len(themes))])
        raw = aggregate_values(svals, tw, aggregation)
        parts, pw = svals, tw
    else:
        raw = aggregate_values(vals, w, aggregation)
        parts, pw = vals, w
    ok = ~np.isnan(parts)
    wsum = np.where(ok, pw, 0.0).sum(axis=1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        if aggregation == "arithmetic":
            contrib = np.where(ok, pw * parts, np.nan) / wsum
        else:
            contrib = np.where(ok, pw * np.log(np.where(ok, parts, 1.0)), np.nan) / wsum
    d = normalise(raw, spec.score_normalisation) if spec.score_normalisation else raw
    return {"normalised": norm, "weights": w, "subindices": sub, "raw": raw,
            "deprivation": d, "contributions": contrib, "notes": notes,
            "theme_weights": pw if spec.combine_themes else None}


def _rank_desc(d: np.ndarray) -> np.ndarray:
    """Rank 1 = largest value; ties share the smaller rank ('min')."""
    ok = ~np.isnan(d)
    r = np.full(d.shape, np.nan)
    r[ok] = _ranks(-d[ok], "min")
    return r


def _reason_de(code: str) -> str:
    """A reason code in German words ("not_delivered" -> "keine Daten geliefert")."""
    try:
        return text(f"reason.{code}", "de")
    except KeyError:
        return code


def _prepare(data: pd.DataFrame, spec: IndexSpec):
    """Validate, exclude areas and orient the values of the included areas."""
    if not isinstance(spec, IndexSpec):
        raise ConfigError.from_key("index.spec_type", given=type(spec).__name__)
    needed = spec.columns + ([spec.population] if spec.population else [])
    missing_cols = [c for c in needed if c not in data.columns]
    if missing_cols:
        raise ColumnError.from_key(
            "index.missing_columns", name=spec.name, columns=Listed(missing_cols),
            available=Listed([c for c in data.columns if "__" not in str(c)], 12),
        )
    if data.index.has_duplicates:
        raise DuplicateKeyError.from_key(
            "index.duplicate_keys", keys=Listed(data.index[data.index.duplicated()].unique())
        )
    idx = data.index
    values = pd.DataFrame({c: pd.to_numeric(data[c], errors="coerce").astype(float)
                           for c in spec.columns}, index=idx)
    bad_text = [c for c in spec.columns if data[c].notna().sum() != values[c].notna().sum()]
    if bad_text:
        raise ColumnError.from_key("index.not_numeric", columns=Listed(bad_text))
    excluded_reason = pd.Series(None, index=idx, dtype=object)
    detail = pd.Series("", index=idx, dtype=object)
    if spec.population:
        pop = pd.to_numeric(data[spec.population], errors="coerce").astype(float)
        minpop = spec.effective_min_population
        small = (pop < minpop).to_numpy()
        na = pop.isna().to_numpy()
        excluded_reason[small] = Reason.BELOW_POPULATION.value
        detail[small] = [f"{spec.population} = {int(p)} < {minpop}" for p in pop[small]]
        excluded_reason[na] = Reason.NOT_DELIVERED.value
        detail[na] = f"{spec.population} missing"
    candidates = excluded_reason.isna().to_numpy()
    isna = values.isna().to_numpy()
    nmiss = isna.sum(axis=1)
    problem = candidates & (nmiss > 0)
    rank_of = {r.value: i for i, r in enumerate(Reason)}

    def reason_text(i):
        items = []
        for j, c in enumerate(spec.columns):
            if isna[i, j]:
                r = get_reasons(data, c).iloc[i]
                items.append(f"{c}: {r if isinstance(r, str) else 'missing'}")
        return ", ".join(items)

    def reason_phrase(i):
        """reason_text(i) for a message: the reasons in words in German, as codes in English."""
        items = []
        for j, c in enumerate(spec.columns):
            if isna[i, j]:
                r = get_reasons(data, c).iloc[i]
                reason = (PerLanguage(de=_reason_de(r), en=r) if isinstance(r, str)
                          else Phrase("index.value_missing"))
                items.append(Phrase("index.missing_item", column=c, reason=reason))
        return Phrases(items, limit=len(items))

    if problem.any() and spec.missing == "raise":
        keys = idx[problem]
        areas: list[object] = [
            Phrase("io.key_at", key=repr(k), rows=reason_phrase(i))
            for i, k in zip(np.flatnonzero(problem)[:5], keys[:5], strict=False)
        ]
        raise MissingDataError.from_key(
            "index.missing_values", name=spec.name, n=len(keys),
            areas=Phrases(areas + list(keys[5:]), sep="; "),
        )
    too_many = candidates & (nmiss > spec.max_missing) if spec.missing == "reweight" else \
        np.zeros(len(idx), dtype=bool)
    too_many |= candidates & (nmiss == len(spec.columns))
    for i in np.flatnonzero(too_many):
        rs = [get_reasons(data, c).iloc[i] for j, c in enumerate(spec.columns) if isna[i, j]]
        rs = [r for r in rs if isinstance(r, str)]
        excluded_reason.iloc[i] = min(rs, key=rank_of.__getitem__) if rs else \
            Reason.NOT_DELIVERED.value
        detail.iloc[i] = reason_text(i)
    included = excluded_reason.isna().to_numpy()
    if included.sum() < 3:
        raise MissingDataError.from_key(
            "index.too_few_areas", name=spec.name, n=int(included.sum())
        )
    rew = included & (nmiss > 0)
    reweighted = pd.DataFrame({"n_missing": nmiss[rew],
                               "indicators": [reason_text(i) for i in np.flatnonzero(rew)]},
                              index=idx[rew])
    excluded = pd.DataFrame({"reason": pd.Categorical(excluded_reason[~included].tolist(),
                                                      dtype=REASON_DTYPE),
                             "detail": detail[~included].tolist()}, index=idx[~included])
    direction = np.array([i.direction for i in spec.indicators], dtype=float)
    x = values.to_numpy()[included] * direction
    return included, x, excluded, reweighted, excluded_reason


def composite_index(data: pd.DataFrame, spec: IndexSpec, *, reference: str = "region",
                    municipality: str | pd.Series | None = None) -> IndexResult:
    """Compute a composite index.

    Parameters
    ----------
    data : pandas.DataFrame or GeoDataFrame
        Rates indexed by the district key (e.g. from
        :func:`~sozialraum.compute_indicators`), plus the population column if
        the spec names one. ``X__reason`` columns explain missing values.
    spec : IndexSpec
    reference : {"region", "municipality"}, default "region"
        The frame of comparison in a region of several municipalities: ``region``
        standardises, ranks and classifies every area against all areas of the
        region; ``municipality`` against the areas of its own municipality only
        (each needs at least three included areas). Recorded in
        ``IndexResult.reference`` and in the ``reference`` column of ``to_frame()``.
    municipality : str or Series, optional
        The municipality key of every area: a column of `data` or a Series on its
        index. Default: the column ``"AGS"`` when ``reference="municipality"``;
        with ``reference="region"`` it is only recorded (``to_frame()`` then says
        ``reference = "region"``).

    Returns
    -------
    IndexResult
        ``.to_frame()`` has ``score``, ``rank`` (1 = most deprived) and
        ``class`` (German label); the input is not modified.

    Raises
    ------
    MissingDataError
        If an included area has missing indicator values and
        ``spec.missing == "raise"`` (the message names areas and indicators).
    ColumnError
        If a column of the spec is not in the data.

    Examples
    --------
    >>> import sozialraum as sr
    >>> g = sr.datasets.musterstadt(stichtag="31.12.2024")
    >>> rates = sr.compute_indicators(g, ["S1", "S3", "S4"]).join(g["EW"])
    >>> spec = sr.presets.berlin_mss_status(["S1", "S3", "S4"], population="EW",
    ...                                     missing="reweight")  # suppressed rates in 1103
    >>> res = sr.composite_index(rates, spec)
    >>> res.to_frame().sort_values("rank")["class"].iloc[0]
    'sehr niedrig'
    >>> "below_population" in set(res.excluded["reason"])  # the industrial area
    True
    """
    reference = check_choice("reference", reference, REFERENCES)
    groups_all = municipality_keys(data, municipality, reference)
    included, x, excluded, reweighted, excl_reason = _prepare(data, spec)
    groups = None if groups_all is None or reference == "region" else \
        groups_all.to_numpy(dtype=object)[included]
    core = core_within(_core, spec, x, groups)
    idx = data.index
    n = len(idx)

    def full(arr):
        out = np.full((n,) + arr.shape[1:], np.nan)
        out[included] = arr
        return out

    d = full(core["deprivation"])
    published_scale = spec.score_scale * (-1.0 if spec.higher_is_better else 1.0)
    score = d * published_scale
    rank = full(rank_desc_within(core["deprivation"], groups))
    if spec.classes is not None:
        lev = np.full(n, -1)
        lev[included] = classify_within(spec, core["deprivation"], groups,
                                                      published_scale)
        class_level = pd.array([int(v) if v >= 0 else None for v in lev], dtype="Int64")
    else:
        class_level = pd.array([None] * n, dtype="Int64")
    cols = spec.columns
    normalised = pd.DataFrame(full(core["normalised"]), index=idx, columns=cols)
    part_names = spec.themes if spec.combine_themes else cols
    contributions = pd.DataFrame(full(core["contributions"]), index=idx, columns=part_names)
    sub = (pd.DataFrame(full(core["subindices"]), index=idx, columns=spec.themes)
           if core["subindices"] is not None else None)
    weights = pd.Series(core["weights"], index=cols, name="weight")
    flags = None
    if spec.flag_percentile is not None:
        pct = np.column_stack([normalise_within(x[:, j], "percentile", groups)
                               for j in range(x.shape[1])])
        fl = full((np.round(pct, 10) >= spec.flag_percentile).astype(float))
        flags = pd.DataFrame({c: pd.array([bool(v) if not np.isnan(v) else None
                                           for v in fl[:, j]], dtype="boolean")
                              for j, c in enumerate(cols)}, index=idx)
        for t in spec.themes:
            tcols = [i.column for i in spec.indicators if i.theme == t]
            flags[f"flags_{t}"] = flags[tcols].astype("Int64").sum(axis=1, min_count=1)
        flags["flags_total"] = flags[cols].astype("Int64").sum(axis=1, min_count=1)
    notes = list(core["notes"])
    if len(reweighted):
        notes.append(f"{len(reweighted)} area(s) with missing indicators re-weighted")
    reasons = pd.Series(pd.Categorical(excl_reason.tolist(), dtype=REASON_DTYPE), index=idx)
    # why each normalised value is missing: the area's exclusion, else the indicator's own reason
    norm_reasons = {}
    for c in cols:
        own = get_reasons(data, c).astype(object)
        own = own.where(own.notna() | data[c].notna(), Reason.NOT_DELIVERED.value)
        norm_reasons[c] = pd.Categorical(
            [e if isinstance(e, str) else (o if isinstance(o, str) else None)
             for e, o in zip(excl_reason, own, strict=True)], dtype=REASON_DTYPE)
    norm_reasons = pd.DataFrame(norm_reasons, index=idx)
    return IndexResult(
        score=pd.Series(score, index=idx, name="score"),
        rank=pd.Series(pd.array([int(r) if not np.isnan(r) else None for r in rank],
                                dtype="Int64"), index=idx, name="rank"),
        class_level=pd.Series(class_level, index=idx, name="class_level"),
        reasons=reasons, normalised=normalised, contributions=contributions, subindices=sub,
        weights=weights, excluded=excluded, reweighted=reweighted, flags=flags, spec=spec,
        policy=spec.policy, notes=tuple(notes), normalised_reasons=norm_reasons,
        reference=reference, municipality=groups_all,
    )

