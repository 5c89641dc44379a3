"""Class schemes of an index: fixed cuts, quantiles, natural breaks, SD classes."""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from sozialraum._text import text
from sozialraum._util.choices import check_choice
from sozialraum.errors import ConfigError
from sozialraum.index.normalise import CLASS_METHODS, _ranks, normalise


@dataclass(frozen=True)
class ClassScheme:
    """How scores are put into classes.

    Parameters
    ----------
    method : {"sd", "quantiles", "svi_flag", "natural_breaks", "fixed", "quantile_breaks"}
        ``sd``: cut points in standard deviations of the (deprivation) score
        over the included areas; a value exactly on a cut point belongs to the
        class nearer the average (z is compared after rounding to 10
        decimals). ``quantiles``: k groups of equal size counted by rank from
        the most deprived area (class 1 = most deprived, IMD convention:
        ``class = floor((rank - 1) * k / n) + 1``; ties share the better rank).
        ``svi_flag``: flag at the 90th
        percentile (PERCENTRANK.INC >= 0.9). ``natural_breaks``: Fisher-Jenks
        optimal breaks (deterministic; mapclassify), class 1 = most deprived.
        ``fixed``: absolute cut points on the published score (after
        ``score_scale`` and ``higher_is_better``), intervals closed on the right.
        ``quantile_breaks`` (GISD): cut at the sample quantiles ``1/k .. (k-1)/k``
        of the score (Hyndman & Fan type 9, R ``quantile(type = 9)``, numpy
        ``method="median_unbiased"``); a value equal to a break belongs to the
        upper class (R ``findInterval``); class 1 = **least** deprived.
    cuts : tuple of float
        Cut points (``sd``, ``fixed``) or the flag percentile (``svi_flag``).
    k : int
        Number of classes for ``quantiles`` / ``natural_breaks``.
    labels, labels_en : tuple of str, optional
        Class labels ordered from least to most deprived.
    codes : tuple of str, optional
        Short class codes (e.g. ``("1", "2", "3", "4")`` for the MSS), same order.
    """

    method: str = "quantiles"
    cuts: tuple[float, ...] = ()
    k: int = 5
    labels: tuple[str, ...] | None = None
    labels_en: tuple[str, ...] | None = None
    codes: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        check_choice("classes.method", self.method, CLASS_METHODS)
        object.__setattr__(self, "cuts", tuple(float(c) for c in self.cuts))
        if list(self.cuts) != sorted(self.cuts):
            raise ConfigError.from_key("index.cuts_ascending", given=repr(self.cuts))
        if self.method in ("sd", "fixed") and not self.cuts:
            raise ConfigError.from_key("index.cuts_needed", method=self.method)
        if self.method == "svi_flag" and not self.cuts:
            object.__setattr__(self, "cuts", (0.9,))
        if self.method in ("quantiles", "natural_breaks", "quantile_breaks") and self.k < 2:
            raise ConfigError.from_key("index.k_too_small", given=repr(self.k))
        for name in ("labels", "labels_en", "codes"):
            val = getattr(self, name)
            if val is not None:
                val = tuple(val)
                object.__setattr__(self, name, val)
                if len(val) != self.n_classes:
                    raise ConfigError.from_key(
                        "index.labels_count", n=self.n_classes, name=name, given=len(val),
                        values=repr(val),
                    )

    @property
    def n_classes(self) -> int:
        if self.method in ("sd", "fixed"):
            return len(self.cuts) + 1
        if self.method == "svi_flag":
            return 2
        return self.k

    def class_labels(self, lang: str = "de") -> tuple[str, ...]:
        """Labels ordered from least to most deprived."""
        given = self.labels if lang == "de" else (self.labels_en or self.labels)
        if given is not None:
            return given
        k = self.n_classes
        if self.method == "svi_flag":
            return (text("index.svi_low", lang), text("index.svi_high", lang))
        if self.method in ("quantiles", "quantile_breaks"):
            word = {4: "index.quartile", 5: "index.quintile", 10: "index.decile"}.get(
                k, "index.quantile_generic")
            name = text(word, lang)
        else:
            name = text("index.class", lang)
        out = []
        if self.method == "quantile_breaks":  # GISD numbering: 1 = least deprived
            for level in range(k):
                extra = (text("index.least", lang) if level == 0
                         else text("index.most", lang) if level == k - 1 else "")
                out.append(f"{name} {level + 1}{extra}")
            return tuple(out)
        for level in range(k):
            number = k - level  # 1 = most deprived
            extra = (text("index.most", lang) if number == 1
                     else text("index.least", lang) if number == k else "")
            out.append(f"{name} {number}{extra}")
        return tuple(out)

    def classify(self, d: np.ndarray, *, published_scale: float = 1.0) -> np.ndarray:
        """Class level 0..K-1 (ascending deprivation) per value of the deprivation score.

        `published_scale` turns the deprivation score into the published one
        (``score_scale``, negative for ``higher_is_better``); ``fixed`` cut
        points are compared with the published score.
        """
        d = np.asarray(d, dtype=float)
        ok = ~np.isnan(d)
        out = np.full(d.shape, -1, dtype=int)
        if not ok.any():
            return out
        v = d[ok]
        if self.method == "sd":
            sd = v.std()
            z = np.round((v - v.mean()) / sd, 10) if sd > 0 else np.zeros_like(v)
            lev = np.zeros(len(v), dtype=int)
            for c in self.cuts:
                lev += (z >= c) if c < 0 else (z > c)
            out[ok] = lev
        elif self.method == "fixed":
            lev = np.searchsorted(np.asarray(self.cuts), v * published_scale, side="left")
            out[ok] = lev if published_scale >= 0 else len(self.cuts) - lev
        elif self.method == "svi_flag":
            p = normalise(v, "percentile")
            out[ok] = (np.round(p, 10) >= self.cuts[0]).astype(int)
        elif self.method == "quantile_breaks":
            breaks = np.quantile(v, np.arange(1, self.k) / self.k, method="median_unbiased")
            out[ok] = (v[:, None] >= breaks[None, :]).sum(axis=1)
        elif self.method == "quantiles":
            r = _ranks(-v, "min")  # 1 = most deprived
            number = np.minimum((r - 1) * self.k // len(v), self.k - 1).astype(int)  # 0-based
            out[ok] = self.k - 1 - number
        else:  # natural breaks
            k = min(self.k, len(np.unique(v)))
            if k < 2:
                out[ok] = 0
            else:
                fj = fisher_jenks(v, k)
                out[ok] = np.asarray(fj.yb, dtype=int)
        return out


def sd_scheme(cuts: Sequence[float], labels, labels_en=None, codes=None) -> ClassScheme:
    """Shortcut for a standard-deviation class scheme."""
    return ClassScheme("sd", tuple(cuts), labels=tuple(labels),
                       labels_en=tuple(labels_en) if labels_en else None,
                       codes=tuple(codes) if codes else None)


def fisher_jenks(values, k: int):
    """``mapclassify.FisherJenks`` without its "Numba not installed" notice.

    Without numba mapclassify falls back to pure Python and says so on every
    call; for the few hundred districts of a city that is fast enough, and the
    notice would only confuse a planner (and fail tests run with warnings as
    errors). Natural breaks for many thousands of areas are faster with numba
    installed (``pip install numba``).
    """

    import mapclassify  # lazy: mapclassify (and scikit-learn) only when classifying

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Numba not installed", category=UserWarning)
        return mapclassify.FisherJenks(values, k=k)
