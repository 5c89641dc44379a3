"""Every user-facing string, German by default, English available.

Identifiers, docstrings and exception messages are English; what a planner
reads on a map, in a legend, in the methods text or on the command line comes
from here. Look a text up with :func:`text`::

    >>> text("reason.secret")
    'keine Angabe (Geheimhaltung)'
    >>> text("reason.secret", "en")
    'not published (confidentiality)'

Keys are grouped by the stage that uses them, one catalogue file per stage
(``_text/io.py``, ``_text/maps.py`` ...). Placeholders use :meth:`str.format` syntax.
"""

from __future__ import annotations

from html import escape
from typing import Literal

from sozialraum._text.autocorrelation import TEXTS as _AUTOCORRELATION
from sozialraum._text.cli import TEXTS as _CLI
from sozialraum._text.config import TEXTS as _CONFIG
from sozialraum._text.grid import TEXTS as _GRID
from sozialraum._text.harmonise import TEXTS as _HARMONISE
from sozialraum._text.index import TEXTS as _INDEX
from sozialraum._text.indicators import TEXTS as _INDICATORS
from sozialraum._text.io import TEXTS as _IO
from sozialraum._text.maps import TEXTS as _MAPS
from sozialraum._text.monitoring import TEXTS as _MONITORING
from sozialraum._text.region import TEXTS as _REGION
from sozialraum._text.report import TEXTS as _REPORT

Language = Literal["de", "en"]
LANGUAGES: tuple[str, ...] = ("de", "en")


# one catalogue file per stage; keys are unique across them (a test checks)
TEXTS: dict[str, dict[str, str]] = {
    **_IO,
    **_GRID,
    **_HARMONISE,
    **_INDICATORS,
    **_INDEX,
    **_AUTOCORRELATION,
    **_MONITORING,
    **_MAPS,
    **_CONFIG,
    **_REPORT,
    **_REGION,
    **_CLI,
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


def format_plain(value: float, lang: Language = "de") -> str:
    """A short number as written (``0.05`` -> ``'0,05'`` in German), no rounding or grouping.

    Examples
    --------
    >>> format_plain(0.05)
    '0,05'
    >>> format_plain(0.1, "en")
    '0.1'
    """
    out = f"{value:g}"
    return out.replace(".", ",") if lang == "de" else out


def html_table(caption: str, rows, css: str = "sozialraum") -> str:
    """A small two-column HTML table (label, value) for ``_repr_html_``; every value escaped.

    Examples
    --------
    >>> html_table("Bericht", [("Schlüssel", "<SR_NR>")])  # doctest: +NORMALIZE_WHITESPACE
    "<table class='sozialraum'><caption>Bericht</caption><tr><th
    style='text-align:left'>Schlüssel</th><td style='text-align:left'>&lt;SR_NR&gt;</td></tr></table>"
    """
    body = "".join(
        f"<tr><th style='text-align:left'>{escape(str(label))}</th>"
        f"<td style='text-align:left'>{escape(str(value))}</td></tr>"
        for label, value in rows
    )
    return f"<table class='{escape(css)}'><caption>{escape(caption)}</caption>{body}</table>"
