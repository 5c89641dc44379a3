"""The inference settings shared by every statistic, and the input checks they share.

:class:`Inference` is the one home of ``permutations``, ``seed``, ``alpha``,
``correction`` and ``alternative``: their defaults are the module constants below
(referenced by the statistics, the config and the report, never written again), and
the value checks itself once, in ``__post_init__``. The statistics accept it as
``inference=Inference(...)``; their old keyword arguments build one. Every result
carries the settings it was computed with as ``result.settings`` (an Inference).

>>> Inference()
Inference(permutations=9999, seed=1, alpha=0.05, correction='fdr', alternative='two-sided')
>>> Inference(permutations=-1)  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
sozialraum.errors.ConfigError: 'permutations' needs to be an integer >= 0 and <= 99999 ...
"""

from __future__ import annotations

import dataclasses
import numbers
from dataclasses import dataclass

import numpy as np
import pandas as pd
import scipy.sparse as sp

from sozialraum.errors import (
    ConfigError,
    DuplicateKeyError,
    InputError,
    Listed,
    MissingDataError,
    Phrase,
)
from sozialraum.weights import choice_error, sparse_weights

__all__ = [
    "ALPHA",
    "ALTERNATIVE",
    "ALTERNATIVES",
    "CORRECTION",
    "CORRECTIONS",
    "GLOBAL_ALTERNATIVE",
    "GSTAR_ALPHA",
    "GSTAR_LEVELS",
    "MAX_PERMUTATIONS",
    "PERMUTATIONS",
    "SEED",
    "Inference",
]

#: conditional permutations per area (0: analytical p-values only)
PERMUTATIONS = 9999
#: the largest number of permutations accepted (more adds run time, not precision)
MAX_PERMUTATIONS = 99_999
#: seed of numpy's ``default_rng``: the same seed gives the same result
SEED = 1
#: significance level of LISA, Moran's I and the report
ALPHA = 0.05
#: significance level of Gi* called on its own: all three ArcGIS bins (90/95/99 %) count
GSTAR_ALPHA = 0.10
#: the fixed levels of the Gi* bins (99 / 95 / 90 %), shown as information
GSTAR_LEVELS = (0.01, 0.05, 0.10)
#: multiple-testing correction of the local statistics
CORRECTION = "fdr"
CORRECTIONS = ("none", "bonferroni", "fdr", "spdep")
#: local statistics are two-sided
ALTERNATIVE = "two-sided"
#: global statistics test for positive autocorrelation by default
GLOBAL_ALTERNATIVE = "greater"
ALTERNATIVES = ("greater", "less", "two-sided")


@dataclass(frozen=True)
class Inference:
    """How a statistic is tested: permutations, seed, alpha, correction, alternative.

    Parameters
    ----------
    permutations : int, default 9999
        Permutations for the pseudo p-values, 0 to 99,999 (0: analytical only).
        An integer, not a bool.
    seed : int or None, default 1
        Seed of numpy's ``default_rng`` (an integer >= 0); None draws a fresh start
        each time (not reproducible). Not a bool, text or float.
    alpha : float, default 0.05
        Significance level, 0 < alpha < 1.
    correction : {"none", "bonferroni", "fdr", "spdep"}, default "fdr"
        Multiple-testing correction of the local statistics (global ones are a
        single test: their results record "none").
    alternative : {"two-sided", "greater", "less"}, default "two-sided"
        Local statistics are two-sided only; the global functions default to
        "greater" when called without an Inference.

    Raises
    ------
    ConfigError
        For the first invalid field, built from the key ``stats.<field>``; the field
        name is ``err.field``. :meth:`problems` lists every invalid field.

    Examples
    --------
    >>> inf = Inference(permutations=999, seed=7)
    >>> inf.replace(alpha=0.1).alpha
    0.1
    >>> Inference(correction="fdx")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    sozialraum.errors.ConfigError: 'correction' needs to be one of ... Did you mean 'fdr'?
    """

    permutations: int = PERMUTATIONS
    seed: int | None = SEED
    alpha: float = ALPHA
    correction: str = CORRECTION
    alternative: str = ALTERNATIVE

    def __post_init__(self) -> None:
        errors = self.problems(**dataclasses.asdict(self))
        if errors:
            raise errors[0]
        # numpy integers and floats become plain Python numbers (JSON, repr)
        object.__setattr__(self, "permutations", int(self.permutations))
        object.__setattr__(self, "seed", None if self.seed is None else int(self.seed))
        object.__setattr__(self, "alpha", float(self.alpha))

    @staticmethod
    def problems(**fields: object) -> list[ConfigError]:
        """One ConfigError per invalid field (empty if all are valid); `fields` may be partial."""
        out = []
        for name, value in fields.items():
            err = _check_field(name, value)
            if err is not None:
                err.field = name  # type: ignore[attr-defined]
                out.append(err)
        return out

    def replace(self, **changes: object) -> Inference:
        """A copy with some settings changed (validated again)."""
        return dataclasses.replace(self, **changes)

    def to_dict(self) -> dict:
        """The settings under their field names (as written to provenance.json)."""
        return dataclasses.asdict(self)


def _is_int(value: object) -> bool:
    return isinstance(value, int | np.integer) and not isinstance(value, bool | np.bool_)


def _check_field(name: str, value: object) -> ConfigError | None:
    if name == "permutations":
        if not (_is_int(value) and 0 <= value <= MAX_PERMUTATIONS):
            return ConfigError.from_key(
                "stats.permutations", given=repr(value), max=MAX_PERMUTATIONS
            )
    elif name == "seed":
        if not (value is None or (_is_int(value) and value >= 0)):
            return ConfigError.from_key("stats.seed", given=repr(value))
    elif name == "alpha":
        ok = isinstance(value, numbers.Real) and not isinstance(value, bool | np.bool_)
        if not (ok and 0 < float(value) < 1):
            return ConfigError.from_key("stats.alpha", given=repr(value))
    elif name in ("correction", "alternative"):
        options = CORRECTIONS if name == "correction" else ALTERNATIVES
        if value not in options:
            return choice_error("stats.choice", "stats.choice_hint", name, value, options)
    else:  # a programming error, not a user's
        raise TypeError(f"Inference has no field {name!r}")
    return None


class _Unset:
    """The default of the statistics' keyword arguments: "not given, use the default"."""

    def __repr__(self) -> str:
        return "<default>"


UNSET = _Unset()


def resolve(inference, defaults: Inference, **keywords) -> Inference:
    """The Inference a statistic runs with.

    `inference` (an :class:`Inference` or None) and the keyword arguments that were
    given (not :data:`UNSET`) are exclusive: giving both is a ConfigError, so that no
    setting is silently dropped. Without `inference` the given keywords replace fields
    of `defaults`.
    """
    given = {k: v for k, v in keywords.items() if v is not UNSET}
    if inference is None:
        return defaults.replace(**given) if given else defaults
    if not isinstance(inference, Inference):
        raise ConfigError.from_key("stats.inference_type", given=type(inference).__name__)
    if given:
        raise ConfigError.from_key("stats.inference_and_keywords", names=Listed(sorted(given)))
    return inference


def two_sided_only(inference: Inference, what: str) -> None:
    if inference.alternative != "two-sided":
        raise ConfigError.from_key(
            "stats.two_sided_only", what=what, given=repr(inference.alternative)
        )


class _Settings:
    """The settings of a result as attributes (``.permutations`` ... ``.alternative``).

    Shared by the local and the global results, which keep their :class:`Inference` in
    ``settings``.
    """

    settings: Inference

    @property
    def permutations(self) -> int:
        return self.settings.permutations

    @property
    def seed(self) -> int | None:
        return self.settings.seed

    @property
    def alpha(self) -> float:
        """Nominal significance level (the global results use it in describe())."""
        return self.settings.alpha

    @property
    def correction(self) -> str:
        """Multiple-testing correction ("none" for the global results: a single test)."""
        return self.settings.correction

    @property
    def alternative(self) -> str:
        return self.settings.alternative


# --- input checks -------------------------------------------------------------------------


@dataclass(frozen=True)
class _Prepared:
    index: pd.Index
    x: np.ndarray  # values in graph order
    w: sp.csr_matrix  # weights as given, diagonal removed, zeros eliminated
    card: np.ndarray  # neighbours per area


def _prepare(values, graph, name: str = "values") -> _Prepared:
    ids, matrix = sparse_weights(graph, key="stats.graph_type")
    if not isinstance(values, pd.Series):
        raise InputError.from_key("stats.values_type", name=name, given=type(values).__name__)
    if values.index.has_duplicates:
        dup = values.index[values.index.duplicated()].unique()
        raise DuplicateKeyError.from_key("stats.duplicate_keys", name=name, keys=Listed(dup))
    label = (
        Phrase("stats.label", name=name)
        if values.name is None
        else Phrase("stats.label_column", name=name, column=values.name)
    )
    same = values.index.equals(ids)  # the common case, checked in O(n) without hashing
    missing = ids[:0] if same else ids.difference(values.index, sort=False)
    extra = ids[:0] if same else values.index.difference(ids, sort=False)
    if len(missing) or len(extra):
        key = "stats.keys_both" if len(missing) and len(extra) else (
            "stats.keys_missing" if len(missing) else "stats.keys_extra"
        )
        raise InputError.from_key(
            key,
            label=label,
            n_missing=len(missing),
            missing=Listed(missing),
            n_extra=len(extra),
            extra=Listed(extra),
        )
    aligned = values if same else values.reindex(ids)
    try:
        x = (
            pd.to_numeric(aligned, errors="raise")
            .astype("Float64")
            .to_numpy(dtype=float, na_value=np.nan)
        )
    except (TypeError, ValueError) as err:
        raise InputError.from_key("stats.not_numeric", label=label, dtype=aligned.dtype) from err
    bad = ~np.isfinite(x)
    if bad.any():
        raise MissingDataError.from_key(
            "stats.missing_values", label=label, n=int(bad.sum()), keys=Listed(ids[bad])
        )
    if np.ptp(x) == 0:
        raise InputError.from_key("stats.constant", label=label, value=x[0])
    w = sp.csr_matrix(matrix, dtype=float, copy=True)
    rows = np.repeat(np.arange(w.shape[0]), np.diff(w.indptr))
    keep = (w.indices != rows) & (w.data != 0)  # no diagonal, no explicit zeros
    if not keep.all():
        counts = np.bincount(rows[keep], minlength=w.shape[0])
        indptr = np.concatenate([[0], np.cumsum(counts)])
        w = sp.csr_matrix((w.data[keep], w.indices[keep], indptr), shape=w.shape)
    w.sort_indices()
    # the graph's ids are named 'focal' by libpysal: results carry the user's key name
    index = pd.Index(ids, name=values.index.name)
    return _Prepared(index=index, x=x, w=w, card=np.diff(w.indptr))


def _fmt_alpha(alpha: float, lang: str) -> str:
    s = f"{alpha:g}"
    return s.replace(".", ",") if lang == "de" else s
