"""Problems found in a config, collected and raised together with their key paths."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sozialraum._text import text
from sozialraum.errors import ConfigError, user_message

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
        """Record the catalogue text `message` at `where`.

        A value with a ``render(lang)`` method (:class:`~sozialraum.errors.Listed`,
        :class:`~sozialraum.errors.Phrase`, :class:`ByLang`) is written in each language.
        """
        de, en = (text(message, lang, **_rendered(values, lang)) for lang in ("de", "en"))
        if hint:
            de += " " + text("config.did_you_mean", "de", hint=hint)
            en += " " + text("config.did_you_mean", "en", hint=hint)
        self.items.append(Problem(where, de, en))

    def raise_if_any(self) -> None:
        if not self.items:
            return
        raise config_error(self.source, self.items)


class ByLang:
    """A value of a problem message written per language: ``fn(lang) -> str``."""

    def __init__(self, fn: Callable[[str], str]):
        self.fn = fn

    def render(self, lang: str) -> str:
        return self.fn(lang)


def error_detail(exc: BaseException) -> ByLang:
    """The first line of `exc`'s message in each language (German if it has a catalogue key)."""

    def first_line(lang: str) -> str:
        msg = user_message(exc, lang).strip()
        return msg.splitlines()[0] if msg else repr(exc)

    return ByLang(first_line)


def _rendered(values: dict, lang: str) -> dict:
    return {
        k: (v.render(lang) if callable(getattr(v, "render", None)) else v)
        for k, v in values.items()
    }


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
