"""Every user-facing string, German by default, English available.

Identifiers, docstrings and exception messages are English; what a planner
reads on a map, in a legend, in the methods text or on the command line comes
from here. Look a text up with :func:`text`::

    >>> text("reason.secret")
    'keine Angabe (Geheimhaltung)'
    >>> text("reason.secret", lang="en")
    'not published (confidentiality)'

Keys are grouped by the module that uses them (``reason.*``, ``cluster.*``,
``maps.*`` ...). Placeholders use :meth:`str.format` syntax.
"""

from __future__ import annotations

from typing import Literal

Language = Literal["de", "en"]
LANGUAGES: tuple[str, ...] = ("de", "en")

TEXTS: dict[str, dict[str, str]] = {
    # --- missing-value reasons (_missing.Reason) -------------------------------------------
    "reason.secret": {
        "de": "keine Angabe (Geheimhaltung)",
        "en": "not published (confidentiality)",
    },
    "reason.suppressed": {
        "de": "keine Angabe (Geheimhaltung)",
        "en": "not published (confidentiality)",
    },
    "reason.suppressed_secondary": {
        "de": "keine Angabe (Geheimhaltung)",
        "en": "not published (confidentiality)",
    },
    "reason.below_population": {
        "de": "keine Angabe (zu wenige Einwohner)",
        "en": "not shown (too few inhabitants)",
    },
    "reason.not_meaningful": {
        "de": "Nachweis nicht sinnvoll",
        "en": "not meaningful",
    },
    "reason.not_available": {
        "de": "Angabe fällt später an",
        "en": "not yet available",
    },
    "reason.not_delivered": {
        "de": "keine Daten geliefert",
        "en": "no data delivered",
    },
    "reason.true_zero": {
        "de": "genau null",
        "en": "exactly zero",
    },
    # --- local cluster labels (autocorrelation) --------------------------------------------
    "cluster.HH": {"de": "Hotspot (hoch-hoch)", "en": "Hotspot (high-high)"},
    "cluster.LL": {"de": "Coldspot (niedrig-niedrig)", "en": "Coldspot (low-low)"},
    "cluster.HL": {"de": "Ausreißer hoch (hoch-niedrig)", "en": "High outlier (high-low)"},
    "cluster.LH": {"de": "Ausreißer niedrig (niedrig-hoch)", "en": "Low outlier (low-high)"},
    "cluster.ns": {"de": "nicht signifikant", "en": "not significant"},
    "cluster.untestable": {
        "de": "nicht testbar (zu wenige Gebiete)",
        "en": "not testable (too few areas)",
    },
    "cluster.island": {"de": "keine Nachbarn", "en": "no neighbours"},
    # --- per-module sections: add keys below the module's marker ---------------------------
    # --- io / join ---
    # --- indicators / index ---
    # --- weights / autocorrelation ---
    # --- maps ---
    # --- report / cli ---
}


def text(key: str, lang: Language = "de", /, **values: object) -> str:
    """Look up the user-facing text `key` in `lang` and fill its placeholders.

    Raises
    ------
    KeyError
        If the key does not exist (a programming error, not a user error).
    """
    if lang not in LANGUAGES:
        raise ValueError(f"'lang' needs to be one of ('de', 'en'). {lang!r} was given instead.")
    template = TEXTS[key][lang]
    return template.format(**values) if values else template


def format_number(value: float, decimals: int = 1, lang: Language = "de") -> str:
    """Format a number for display: German ``12.345,6`` or English ``12,345.6``.

    Examples
    --------
    >>> format_number(12345.678, 1)
    '12.345,7'
    >>> format_number(-0.04, 1)
    '0,0'
    """
    rounded = round(float(value), decimals)
    if rounded == 0:
        rounded = 0.0  # no "-0,0"
    english = f"{rounded:,.{decimals}f}"
    if lang == "en":
        return english
    return english.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")
