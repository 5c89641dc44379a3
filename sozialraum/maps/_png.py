"""Private: write an opaque map page as a PNG file, unfiltered, in one pass of deflate.

Written by hand because Pillow's PNG encoder was the largest single cost of a map page
(measured on the demo city, 23 pages of 3,507 x 2,481 pixels at 300 dpi): it chooses a
filter per row by trying all five (adaptive filtering, not selectable from Python), which
took 0.13 s of its 0.22 s per page. A map page is large areas of one colour with
anti-aliased edges, which compress best without any filter.

Per page, measured on the demo's maps (3 December 2026, 2-core x86_64):

- the rows are laid out by copying each colour channel on its own (16 ms; one strided
  copy of the three channels together took 40 ms);
- zlib-ng (the ``zlib-ng`` package, a maintained drop-in for :mod:`zlib`) compresses them
  at level 3 in 15 ms into 542 KB on average; the standard library's zlib took 42 ms for
  600 KB at level 3 and 41 ms for 628 KB at level 1 (libdeflate: 36 ms, 536 KB; ISA-L
  level 1: 6 ms, 654 KB). Without zlib-ng the standard zlib is used, with the same
  pixels; the bytes differ, not the image (deflate promises no particular bytes, zlib-ng
  not even across processor types: a bundle's hashes are reproducible on one machine).

The same pixels either way (a test decodes the file with Pillow). Pages with transparency
still go through Pillow.

The format: PNG specification (ISO/IEC 15948, W3C PNG 3rd edition): signature, IHDR
(8-bit truecolour), pHYs (the resolution in pixels per metre), tEXt/iTXt (metadata),
one IDAT, IEND; every chunk with its CRC-32.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Mapping

import numpy as np

try:  # zlib-ng: the same format (deflate) about three times as fast (see above)
    from zlib_ng import zlib_ng as _deflate
except ImportError:  # pragma: no cover - installed without its dependencies
    _deflate = zlib

_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _chunk(kind: bytes, data: bytes) -> bytes:
    return (struct.pack(">I", len(data)) + kind + data
            + struct.pack(">I", zlib.crc32(data, zlib.crc32(kind)) & 0xFFFFFFFF))


def _text_chunk(key: str, value: str) -> bytes:
    k = key.encode("latin-1")[:79]
    try:
        return _chunk(b"tEXt", k + b"\0" + value.encode("latin-1"))
    except UnicodeEncodeError:  # international text: iTXt, UTF-8, uncompressed
        return _chunk(b"iTXt", k + b"\0\0\0\0\0" + value.encode("utf-8"))


def png_bytes(rgb: np.ndarray, dpi: float, texts: Mapping[str, str] = (),
              level: int = 3) -> bytes:
    """A PNG file of an RGB (or RGBX/RGBA, alpha ignored) uint8 image of shape (h, w, c).

    Parameters
    ----------
    rgb : numpy.ndarray
        Pixels, rows top to bottom; only the first three channels are written.
    dpi : float
        Resolution stored in the pHYs chunk (pixels per metre, rounded).
    texts : mapping of str to str
        Metadata as tEXt chunks (iTXt where a value is not Latin-1).
    level : int
        Deflate compression level (zlib's scale, 0-9).

    Examples
    --------
    >>> import io
    >>> import numpy as np
    >>> from PIL import Image
    >>> page = np.zeros((2, 3, 4), dtype=np.uint8)
    >>> page[..., 0] = 255
    >>> im = Image.open(io.BytesIO(png_bytes(page, 300)))
    >>> im.mode, im.size, im.getpixel((2, 1))
    ('RGB', (3, 2), (255, 0, 0))
    """
    pixels = np.asarray(rgb)
    if pixels.dtype != np.uint8 or pixels.ndim != 3 or pixels.shape[2] < 3:
        raise ValueError("png_bytes: an (h, w, 3 or 4) uint8 array is needed")
    h, w = pixels.shape[:2]
    rows = np.empty((h, 1 + 3 * w), dtype=np.uint8)
    rows[:, 0] = 0  # filter type 0 (None) on every row
    channels = rows[:, 1:].reshape(h, w, 3)  # a view of the rows without the filter bytes
    for c in range(3):  # channel by channel: 2.5x faster than one copy of all three
        channels[..., c] = pixels[..., c]
    ppm = round(dpi / 0.0254)
    out = [
        _SIGNATURE,
        _chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)),
        _chunk(b"pHYs", struct.pack(">IIB", ppm, ppm, 1)),
        *(_text_chunk(k, v) for k, v in dict(texts).items()),
        _chunk(b"IDAT", _deflate.compress(rows, level)),
        _chunk(b"IEND", b""),
    ]
    return b"".join(out)
