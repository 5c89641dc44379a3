"""``python -m sozialraum``: the same as the ``sozialraum`` command."""

from sozialraum.cli import entry

raise SystemExit(entry())
