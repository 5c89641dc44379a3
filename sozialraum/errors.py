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

One source per message: an error is built from a key of the text catalogue
(:mod:`sozialraum._text`), which holds its German and English wording side by
side. ``str(err)`` is the English text (the library's language for exceptions);
``err.message("de")`` is the German one, which the command line prints::

    >>> err = OutputExistsError.from_key("config.output_exists", path="ergebnis")
    >>> err.message("de")  # doctest: +ELLIPSIS
    "Der Ergebnisordner 'ergebnis' existiert bereits. ..."
    >>> err.key
    'config.output_exists'

Offending values are passed as :class:`Listed`, so that each language writes
its own "and 3 more" / "und 3 weitere".
"""

from __future__ import annotations

from collections.abc import Iterable

from sozialraum._text import format_number, text

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
    "Listed",
    "Number",
    "Phrase",
    "format_values",
    "user_message",
    "with_messages",
]


class SozialraumError(Exception):
    """Base class of every error raised by sozialraum.

    Build one with :meth:`from_key` from a catalogue key; ``message(lang)`` gives
    the text in German (``"de"``, the default) or English (``"en"``).
    """

    key: str | None = None
    values: dict | None = None

    @classmethod
    def from_key(cls, key: str, /, **values: object):
        """The error whose message is the catalogue entry `key` filled with `values`."""
        err = cls(_fill(key, "en", values))
        err.key, err.values = key, values
        return err

    def message(self, lang: str = "de") -> str:
        """The message in `lang` (``"de"`` or ``"en"``)."""
        return user_message(self, lang)

    def __reduce__(self):
        # keep the catalogue key and both texts when the error crosses a process boundary
        # (a map drawn in a worker process)
        return (_rebuild, (type(self), self.args, self.__dict__))


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
    """Inference on few areas: results need the caveats stated in the message.

    ``n`` is the number of areas (None if the issuer did not give it), so that a
    report can write its own sentence without reading the message.
    """

    def __init__(self, message: object = "", n: int | None = None):
        super().__init__(message)
        self.n = n


def _rebuild(cls, args, state):
    err = cls(*args)
    err.__dict__.update(state)
    return err


class Listed:
    """Offending values for a message, shown as :func:`format_values` does in each language."""

    def __init__(self, values: Iterable[object], limit: int = 5):
        self.items, self.limit = list(values), limit

    def __len__(self) -> int:
        return len(self.items)

    def render(self, lang: str) -> str:
        return format_values(self.items, self.limit, lang=lang)

    def __str__(self) -> str:
        return self.render("en")


class Phrase:
    """A catalogue text used as a value of another message, written in that message's language.

    >>> Phrase("maps.the_data").render("de")
    'den Daten'
    """

    def __init__(self, key: str, /, **values: object):
        self.key, self.values = key, values

    def render(self, lang: str) -> str:
        return _fill(self.key, lang, self.values)

    def __str__(self) -> str:
        return self.render("en")


class Number:
    """A number for a message, written ``12.345,6`` in German and ``12,345.6`` in English."""

    def __init__(self, value: float, decimals: int = 1):
        self.value, self.decimals = value, decimals

    def render(self, lang: str) -> str:
        return format_number(self.value, self.decimals, lang)  # type: ignore[arg-type]

    def __str__(self) -> str:
        return self.render("en")


def _fill(key: str, lang: str, values: dict) -> str:
    rendered = {
        k: (v.render(lang) if isinstance(v, (Listed, Phrase, Number)) else v)
        for k, v in values.items()
    }
    return text(key, lang, **rendered)


def user_message(exc: BaseException, lang: str = "de") -> str:
    """The message of `exc` in `lang`.

    An error built from a catalogue key (:meth:`SozialraumError.from_key`) or
    carrying both texts (``exc.localized``, as a ConfigError listing several
    problems does) speaks `lang`; any other exception gives ``str(exc)``.
    """
    key = getattr(exc, "key", None)
    if key is not None:
        return _fill(key, lang, exc.values or {})
    localized = getattr(exc, "localized", None)
    if isinstance(localized, dict) and lang in localized:
        return str(localized[lang])
    return str(exc)


def with_messages(err: Exception, key: str, **values: object) -> Exception:
    """Give a built-in exception (not ours) the catalogue texts of `key`; returns `err`."""
    err.localized = {lang: _fill(key, lang, values) for lang in ("de", "en")}  # type: ignore[attr-defined]
    return err


def format_values(values: Iterable[object], limit: int = 5, *, lang: str = "en") -> str:
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
    if rest <= 0:
        return shown
    return f"{shown} und {rest} weitere" if lang == "de" else f"{shown} and {rest} more"


def _plain(value: object) -> object:
    """Turn numpy scalars into Python scalars so repr() reads naturally."""
    item = getattr(value, "item", None)
    if callable(item):
        try:
            return item()
        except (TypeError, ValueError):
            return value
    return value
