"""``python -m sozialraum``: the same as the ``sozialraum`` command."""

from sozialraum.cli import main

raise SystemExit(main())
