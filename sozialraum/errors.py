"""Exceptions and warnings raised by sozialraum.

Every error we raise derives from :class:`SozialraumError` *and* from the
matching built-in, so ``except ValueError`` keeps working in user code::

    SozialraumError (Exception)
    ├── InputError (ValueError)            bad input data: file, column, values
    │   ├── FileFormatError                unreadable file, wrong layout, empty file
    │   │   └── InputFileNotFoundError (FileNotFoundError)  the file does not exist
    │   ├── ColumnError (KeyError)         a named column does not exist
    │   ├── CRSError                       missing, geographic or zone-prefixed CRS
    │   ├── GeometryError                  empty or non-polygonal geometries
    │   ├── DuplicateKeyError              a district key occurs twice
    │   └── MissingDataError               missing values where the method needs data
    ├── ConfigError (ValueError)           invalid config file or argument value
    ├── ConfidentialityError (ValueError)  an output would reveal a suppressed value
    ├── OutputExistsError (FileExistsError)  refusing to overwrite a result
    ├── OutputError (OSError)              the output folder cannot be written
    └── DependencyError (ImportError)      an optional component is missing

    SozialraumWarning (UserWarning)
    └── SmallSampleWarning                 inference on few areas (n < 30)

Messages follow one pattern: what is wrong, what was given (at most five
offending values, then "and N more") and how to fix it.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = [
    "ColumnError",
    "ConfidentialityError",
    "ConfigError",
    "CRSError",
    "DependencyError",
    "DuplicateKeyError",
    "FileFormatError",
    "GeometryError",
    "InputError",
    "InputFileNotFoundError",
    "MissingDataError",
    "OutputError",
    "OutputExistsError",
    "SmallSampleWarning",
    "SozialraumError",
    "SozialraumWarning",
    "format_values",
]


class SozialraumError(Exception):
    """Base class of every error raised by sozialraum."""


class InputError(SozialraumError, ValueError):
    """Input data (a file, a frame, a column) is not usable as given."""


class FileFormatError(InputError):
    """A file cannot be read, is empty or has an unexpected layout."""


class InputFileNotFoundError(FileFormatError, FileNotFoundError):
    """An input file does not exist (also a :class:`FileNotFoundError`)."""


class ColumnError(InputError, KeyError):
    """A column named by the user does not exist (the message lists what exists).

    Also a :class:`KeyError`, as pandas raises for a missing column; the message
    reads as written (no extra quotes).
    """

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class CRSError(InputError):
    """The coordinate reference system is missing, geographic or zone-prefixed."""


class GeometryError(InputError):
    """Geometries are empty, not polygonal or cannot be repaired."""


class DuplicateKeyError(InputError):
    """A district key occurs more than once where keys must be unique."""


class MissingDataError(InputError):
    """Values are missing where the method needs complete data."""


class ConfigError(SozialraumError, ValueError):
    """A configuration file or an argument value is invalid."""


class ConfidentialityError(SozialraumError, ValueError):
    """An output would reveal a value that the confidentiality policy suppresses."""


class OutputExistsError(SozialraumError, FileExistsError):
    """An output exists already and overwriting was not requested."""


class OutputError(SozialraumError, OSError):
    """The output location cannot be created or written (bad path, no permission)."""


class DependencyError(SozialraumError, ImportError):
    """An optional dependency or external program is missing."""


class SozialraumWarning(UserWarning):
    """Base class of every warning issued by sozialraum."""


class SmallSampleWarning(SozialraumWarning):
    """Inference on few areas: results need the caveats stated in the message."""


def format_values(values: Iterable[object], limit: int = 5) -> str:
    """Format offending values for an error message.

    Shows at most `limit` values (``repr`` of each, so text keys keep their
    quotes and leading zeros) followed by "and N more".

    Parameters
    ----------
    values : iterable
        The offending values, in the order they should be reported.
    limit : int, default 5
        How many values to show.

    Returns
    -------
    str

    Examples
    --------
    >>> format_values(["0101", "0102"])
    "'0101', '0102'"
    >>> format_values(range(8))
    '0, 1, 2, 3, 4 and 3 more'
    """
    items = list(values)
    shown = ", ".join(repr(_plain(v)) for v in items[:limit])
    rest = len(items) - limit
    return f"{shown} and {rest} more" if rest > 0 else shown


def _plain(value: object) -> object:
    """Turn numpy scalars into Python scalars so repr() reads naturally."""
    item = getattr(value, "item", None)
    if callable(item):
        try:
            return item()
        except (TypeError, ValueError):
            return value
    return value
