"""Problems found in a config, collected and raised together with their key paths."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

from sozialraum._text import text
from sozialraum.errors import ConfigError

# --- problems ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """One problem found in a config: the key path and the message in both languages."""

    where: str
    de: str
    en: str

    def message(self, lang: str = "de") -> str:
        return f"{self.where}: {self.de if lang == 'de' else self.en}"


class _Problems:
    def __init__(self, source: str):
        self.source = source
        self.items: list[Problem] = []

    def add(self, where: str, message: str, /, *, hint: str = "", **values: Any) -> None:
        de, en = text(message, "de", **values), text(message, "en", **values)
        if hint:
            de += " " + text("config.did_you_mean", "de", hint=hint)
            en += " " + text("config.did_you_mean", "en", hint=hint)
        self.items.append(Problem(where, de, en))

    def raise_if_any(self) -> None:
        if not self.items:
            return
        raise config_error(self.source, self.items)


def config_error(source: str, problems: list[Problem]) -> ConfigError:
    """One ConfigError listing every problem; ``.localized`` holds the German text for the CLI."""
    n = len(problems)
    localized = {}
    for lang in ("de", "en"):
        head = text("config.problems", lang, n=n, source=source)
        localized[lang] = head + "".join(f"\n  - {p.message(lang)}" for p in problems)
    err = ConfigError(localized["en"])
    err.localized = localized  # read by sozialraum.cli for the German message
    err.problems = tuple(problems)
    return err


def _did_you_mean(value: str, options: list[str]) -> str:
    close = difflib.get_close_matches(str(value), options, n=1, cutoff=0.6)
    return close[0] if close else ""
