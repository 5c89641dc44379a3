"""``python -m sozialraum``: the same as the ``sozialraum`` command."""

from .cli import main

raise SystemExit(main())
