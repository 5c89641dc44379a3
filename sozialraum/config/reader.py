"""Typed reading of one config section (keys, types, ranges, paths)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sozialraum._text import text
from sozialraum.config.problems import ByLang, _did_you_mean, _Problems

# --- reading --------------------------------------------------------------------------------

_SECTIONS = {
    "language",
    "inputs",
    "indicators",
    "index",
    "confidentiality",
    "weights",
    "hotspots",
    "maps",
    "profiles",
    "subgroups",
    "monitoring",
    "output",
}
_INPUT_KEYS = {
    "boundaries",
    "layer",
    "key",
    "name",
    "level",
    "level_label",
    "population",
    "area",
    "stichtag",
    "source",
    "licence",
    "geometry_source",
    "geometry_licence",
    "crs",
    "key_width",
    "municipality",
    "tables",
    "levels",
}
_TABLE_KEYS = {"path", "key", "sheet", "layout", "na_values", "sep", "encoding", "decimal",
               "thousands", "text_columns", "variable", "value"}
_LEVEL_KEYS = {"name", "key", "label", "layer"}
_STATISTICS = ("local_moran", "gstar")
_CORRECTIONS = ("fdr", "bonferroni", "spdep", "none")
_SCHEMES = ("quantiles", "fisher_jenks", "equal_interval", "std_mean")
_FORMATS = ("png", "pdf", "svg")
_LAYOUTS = ("auto", "wide", "long")


class _Reader:
    """Typed access to one TOML table that records problems instead of raising."""

    def __init__(self, data: dict, where: str, problems: _Problems, allowed: set[str]):
        self.data = data if isinstance(data, dict) else {}
        self.where = where
        self.problems = problems
        for key in self.data:
            if key not in allowed:
                hint = _did_you_mean(key, sorted(allowed))
                self.problems.add(
                    f"[{where}]" if where else key,
                    "config.unknown_key",
                    key=key,
                    hint=hint,
                    allowed=", ".join(sorted(allowed)),
                )

    def path(self, key: str) -> str:
        return f"[{self.where}].{key}" if self.where else key

    def get(self, key: str, kind: type | tuple, default: Any = None, *, required: bool = False):
        if key not in self.data:
            if required:
                self.problems.add(self.path(key), "config.missing")
            return default
        value = self.data[key]
        kinds = kind if isinstance(kind, tuple) else (kind,)
        ok = isinstance(value, kinds) and not (isinstance(value, bool) and bool not in kinds)
        if int in kinds and float in kinds and isinstance(value, int):
            ok = not isinstance(value, bool)
        if not ok:
            if int in kinds and float not in kinds and isinstance(value, float):
                kinds = (_WHOLE_NUMBER,)  # 150.5 for an int: "expected whole number"
            names = ByLang(lambda lang: _type_names(kinds, lang))
            self.problems.add(
                self.path(key), "config.wrong_type", expected=names, given=repr(value)
            )
            return default
        return value

    def choice(self, key: str, choices: tuple[str, ...], default: str) -> str:
        value = self.get(key, str, default)
        if value not in choices:
            self._bad_choice(key, value, choices)
            return default
        return value

    def choices(self, key: str, choices: tuple[str, ...], default: tuple[str, ...]):
        values = self.get(key, list, list(default))
        good = []
        for v in values:
            if v in choices:
                good.append(v)
            else:
                self._bad_choice(key, v, choices)
        return tuple(good)

    def _bad_choice(self, key, value, choices):
        hint = _did_you_mean(str(value), list(choices))
        self.problems.add(
            self.path(key),
            "config.bad_choice",
            given=repr(value),
            choices=", ".join(repr(c) for c in choices),
            hint=hint,
        )


_WHOLE_NUMBER = "whole number"  # an int where a float was given

_TYPE_KEYS = {
    _WHOLE_NUMBER: "config.type.integer",
    str: "config.type.text",
    int: "config.type.number",
    float: "config.type.number",
    bool: "config.type.bool",
    list: "config.type.list",
    dict: "config.type.table",
}


def _type_names(kinds: tuple, lang: str) -> str:
    names = [
        text(_TYPE_KEYS[k], lang) if k in _TYPE_KEYS else getattr(k, "__name__", str(k))
        for k in kinds
    ]
    return " / ".join(dict.fromkeys(names))


def _resolve(base: Path, value: str) -> Path:
    path = Path(value).expanduser()
    return path if path.is_absolute() else (base / path)
