"""Choices and did-you-mean hints shared by every stage."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from sozialraum.errors import ConfigError


def check_choice(name: str, value: object, choices: Iterable[str]) -> str:
    """Validate a ``Literal`` argument, with a "did you mean" hint on a typo.

    Examples
    --------
    >>> check_choice("method", "queen", ["queen", "rook"])
    'queen'
    """
    options = list(choices)
    if value in options:
        return value  # type: ignore[return-value]
    hint = ""
    if isinstance(value, str):
        words = [o for o in options if isinstance(o, str)]  # options may include None
        close = difflib.get_close_matches(value, words, n=1)
        if close:
            hint = f" Did you mean {close[0]!r}?"
    listed = ", ".join(repr(o) for o in options)
    raise ConfigError(f"{name!r} needs to be one of ({listed}). {value!r} was given instead.{hint}")
