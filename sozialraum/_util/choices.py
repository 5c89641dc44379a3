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
    listed = ", ".join(repr(o) for o in options)
    given = dict(name=repr(name), choices=listed, given=repr(value))
    if isinstance(value, str):
        words = [o for o in options if isinstance(o, str)]  # options may include None
        close = difflib.get_close_matches(value, words, n=1)
        if close:
            raise ConfigError.from_key("config.choice_hint", **given, hint=repr(close[0]))
    raise ConfigError.from_key("config.choice", **given)
