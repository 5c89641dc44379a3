"""Tests of :mod:`sozialraum.maps._png`: the hand-written PNG of an opaque map page.

Checked against Pillow (decoding) and matplotlib's own PNG writer (the same figure), not
against an earlier output of ours."""

from __future__ import annotations

import io
import struct
import zlib

import numpy as np
import pytest
from PIL import Image

from sozialraum.maps._png import png_bytes


def test_an_opaque_page_png_has_the_pixels_resolution_and_metadata_of_matplotlib(tmp_path):
    """The hand-written PNG of an opaque page (maps/_png.py) against matplotlib's own
    writer (Pillow) on the same figure: same pixels, 300 dpi, the metadata given."""
    from sozialraum.maps._furniture import agg_figure

    fig = agg_figure((4.0, 3.0))
    ax = fig.add_axes((0.1, 0.1, 0.8, 0.8))
    ax.fill([0, 1, 1], [0, 0, 1], color="#b2182b")
    ax.text(0.2, 0.6, "Südstadt – Ölmühle", fontsize=14)
    ours = tmp_path / "ours.png"
    fig.savefig(ours, format="png", dpi=300, metadata={"Title": "Karte ä", "Software": None})
    theirs = tmp_path / "theirs.png"
    # pil_kwargs: the caller chose Pillow's encoding, so the canvas takes matplotlib's way
    fig.savefig(theirs, format="png", dpi=300, metadata={"Software": None}, pil_kwargs={})
    a, b = Image.open(ours), Image.open(theirs)
    assert a.mode == "RGB" and a.size == (1200, 900) == b.size
    np.testing.assert_array_equal(np.asarray(a), np.asarray(b.convert("RGB")))
    assert a.info["dpi"] == pytest.approx((300, 300), abs=0.01)
    assert a.info["Title"] == "Karte ä" and "Software" not in a.info
    # what the file says of itself: 8-bit RGB, one image chunk, nothing after IEND
    data = ours.read_bytes()
    assert data[12:16] == b"IHDR" and data[24:26] == bytes([8, 2])
    assert data.count(b"IDAT") == 1 and data.endswith(b"IEND\xaeB`\x82")


def test_chunks_resolution_and_text_as_the_specification_says():
    rng = np.random.default_rng(3)
    pixels = rng.integers(0, 256, size=(7, 5, 4), dtype=np.uint8)
    data = png_bytes(pixels, 150, {"Title": "Sozialräume", "Author": "Stadt ▲ Nord"})
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    chunks, pos = [], 8
    while pos < len(data):
        (n,) = struct.unpack(">I", data[pos:pos + 4])
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + n]
        (crc,) = struct.unpack(">I", data[pos + 8 + n:pos + 12 + n])
        assert crc == zlib.crc32(kind + body)  # every chunk's CRC over type and data
        chunks.append((kind, body))
        pos += 12 + n
    kinds = [k for k, _ in chunks]
    assert kinds == [b"IHDR", b"pHYs", b"tEXt", b"iTXt", b"IDAT", b"IEND"]
    assert struct.unpack(">IIBBBBB", chunks[0][1]) == (5, 7, 8, 2, 0, 0, 0)
    assert struct.unpack(">IIB", chunks[1][1]) == (5906, 5906, 1)  # 150 dpi in px per metre
    assert chunks[2][1] == "Title\0Sozialräume".encode("latin-1")
    assert chunks[3][1] == b"Author\0\0\0\0\0" + "Stadt ▲ Nord".encode()
    im = Image.open(io.BytesIO(data))
    np.testing.assert_array_equal(np.asarray(im), pixels[..., :3])  # alpha dropped
    assert im.info["Title"] == "Sozialräume" and im.info["Author"] == "Stadt ▲ Nord"


def test_refuses_what_is_not_an_image():
    with pytest.raises(ValueError, match="uint8"):
        png_bytes(np.zeros((2, 2, 3), dtype=float), 300)
    with pytest.raises(ValueError, match="uint8"):
        png_bytes(np.zeros((2, 2), dtype=np.uint8), 300)


@pytest.mark.parametrize("where", [(0, 0), (-1, -1), (17, 3)])
def test_a_page_with_one_transparent_pixel_keeps_its_alpha(where):
    """Only an opaque page is written as RGB: one pixel with alpha < 255 anywhere (first,
    last, inside) sends the page to Pillow as RGBA, alpha kept."""
    from sozialraum.maps._furniture import _opaque

    page = np.full((40, 30, 4), 255, dtype=np.uint8)
    assert _opaque(page)
    page[where[0], where[1], 3] = 254
    assert not _opaque(page)
    assert not _opaque(page[:, ::-1])  # a view that is not contiguous: the channel's minimum
    page[where[0], where[1], 3] = 255
    page[where[0], where[1], 0] = 0  # a colour, not the alpha: still opaque
    assert _opaque(page) and _opaque(page[:, ::-1])


def test_a_figure_with_transparency_is_written_as_rgba(tmp_path):
    from sozialraum.maps._furniture import agg_figure

    fig = agg_figure((2.0, 1.0))
    fig.patch.set_alpha(0.0)  # a transparent page
    ax = fig.add_axes((0.1, 0.1, 0.8, 0.8))
    ax.set_axis_off()
    ax.fill([0, 1, 1], [0, 0, 1], color="#2166ac")
    target = tmp_path / "t.png"
    fig.savefig(target, format="png", dpi=100, metadata={"Software": None})
    im = Image.open(target)
    assert im.mode == "RGBA"
    alpha = np.asarray(im)[..., 3]
    assert alpha.min() == 0 and alpha.max() == 255
