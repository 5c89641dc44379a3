"""Stichtag parsing and formatting (31.12.2024, 2024-12-31, 2024)."""

from __future__ import annotations

import datetime as _dt
import re

from sozialraum.errors import ConfigError

_DE_DATE = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*$")


def parse_stichtag(value: object) -> _dt.date:
    """Parse a Stichtag given as a date, ``"31.12.2024"``, ``"2024-12-31"`` or a year.

    A bare year means 31 December of that year (the usual Stichtag).

    Examples
    --------
    >>> parse_stichtag("31.12.2024")
    datetime.date(2024, 12, 31)
    >>> parse_stichtag(2023)
    datetime.date(2023, 12, 31)
    """
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if hasattr(value, "to_pydatetime"):
        return value.to_pydatetime().date()  # pandas Timestamp
    if isinstance(value, int) and 1900 <= value <= 2200:
        return _dt.date(value, 12, 31)
    if isinstance(value, str):
        text = value.strip()
        if re.fullmatch(r"\d{4}", text):
            return _dt.date(int(text), 12, 31)
        m = _DE_DATE.match(text)
        try:
            if m:
                return _dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            return _dt.date.fromisoformat(text[:10])
        except ValueError:
            pass
    raise ConfigError.from_key("config.stichtag_value", given=repr(value))


def format_stichtag(value: object) -> str:
    """Format a Stichtag the German way: ``31.12.2024``."""
    return parse_stichtag(value).strftime("%d.%m.%Y")
