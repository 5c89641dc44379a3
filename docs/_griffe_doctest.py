"""Griffe extension of the docs site (mkdocs.yml); not a page, not part of the package.

The package's docstrings are numpydoc with reStructuredText bits that mkdocstrings renders
as Markdown. Two of those bits would render wrongly, so they are rewritten while the API
reference is built (the source files are not touched):

* doctest lines (``>>>``) outside an ``Examples`` section would become block quotes and,
  worse, their output (``['S1', 'S3']``) Markdown links: they are fenced as ``pycon`` code;
* Sphinx roles (``:func:`read_table```) become inline code, and the reST marker of a
  literal block (``the pipeline::``) a plain colon (the indented block is code anyway).

And a package that imports its public names lazily (``sozialraum.maps``: a module-level
``__getattr__`` reading the dict ``_WHERE`` of name -> submodule) gets those names as
aliases, so ``::: sozialraum.maps`` documents them like the names of any other stage.
"""

from __future__ import annotations

import ast
import re

from griffe import Alias, Extension

_ROLE = re.compile(r":(?:py:)?(?:func|class|meth|attr|mod|data|exc|obj|const):`~?([^`]+)`")
_RULE = re.compile(r"^\s*-{3,}\s*$")


def fence_doctests(text: str) -> str:
    """``>>>`` blocks outside the Examples section as fenced ``pycon`` code, roles as code."""
    lines = text.splitlines()
    out: list[str] = []
    section = ""
    i = 0
    while i < len(lines):
        line = lines[i]
        if i + 1 < len(lines) and line.strip() and _RULE.match(lines[i + 1]):
            section = line.strip()
        stripped = line.lstrip()
        if stripped.startswith(">>>") and section != "Examples":
            indent = line[: len(line) - len(stripped)]
            out.append(f"{indent}```pycon")
            while i < len(lines) and lines[i].strip():
                out.append(lines[i])
                i += 1
            out.append(f"{indent}```")
            continue
        if line.rstrip().endswith("::"):  # reST literal block marker: the block stays code
            line = line.rstrip()[:-2].rstrip()
            line = line + ":" if line.strip() else ""
        out.append(_ROLE.sub(r"`\1`", line))
        i += 1
    return "\n".join(out)


class FenceDoctests(Extension):
    """Applies :func:`fence_doctests` to every docstring griffe loads."""

    def on_instance(self, *, obj, **kwargs) -> None:
        if obj.docstring is not None:
            obj.docstring.value = fence_doctests(obj.docstring.value)

    def on_package(self, *, pkg, **kwargs) -> None:
        modules = [pkg]
        while modules:
            module = modules.pop()
            modules.extend(m for m in module.modules.values() if not m.is_alias)
            where = module.members.get("_WHERE")
            if where is None or where.is_alias or getattr(where, "value", None) is None:
                continue
            try:
                lazy = ast.literal_eval(str(where.value))
            except ValueError:
                continue
            for name, submodule in lazy.items():
                if name not in module.members:
                    target = f"{module.path}.{submodule}.{name}"
                    module.set_member(name, Alias(name, target, parent=module))
