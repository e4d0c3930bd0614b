"""Write articles/static/articles/favicon.ico: the mark of favicon.svg beside it (a white tick
on a rounded blue square) drawn at 16 and 32 pixels, for browsers that ask for /favicon.ico.

Run it after changing the SVG's shapes here too: python bin/favicon.py
"""

import itertools
import math
import struct
import zlib
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "articles" / "static" / "articles" / "favicon.ico"
BLUE = (0x0B, 0x5C, 0xAD)
WHITE = (0xFF, 0xFF, 0xFF)
# In the SVG's 32-unit square: the corner radius, the tick's points and its width.
RADIUS = 7.0
TICK = [(8.5, 16.5), (13.5, 21.5), (23.5, 10.5)]
TICK_WIDTH = 3.6
SAMPLES = 4  # per pixel side


def _inside_square(x: float, y: float) -> bool:
    cx = min(max(x, RADIUS), 32 - RADIUS)
    cy = min(max(y, RADIUS), 32 - RADIUS)
    return (x - cx) ** 2 + (y - cy) ** 2 <= RADIUS**2


def _on_tick(x: float, y: float) -> bool:
    for (ax, ay), (bx, by) in itertools.pairwise(TICK):
        dx, dy = bx - ax, by - ay
        t = max(0.0, min(1.0, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)))
        if math.hypot(x - ax - t * dx, y - ay - t * dy) <= TICK_WIDTH / 2:
            return True
    return False


def _pixel(px: int, py: int, size: int) -> bytes:
    square = tick = 0
    for i in range(SAMPLES):
        for j in range(SAMPLES):
            x = (px + (i + 0.5) / SAMPLES) * 32 / size
            y = (py + (j + 0.5) / SAMPLES) * 32 / size
            if _inside_square(x, y):
                square += 1
                tick += _on_tick(x, y)
    if not square:
        return bytes(4)
    share = tick / square
    rgb = (round(b + (w - b) * share) for b, w in zip(BLUE, WHITE, strict=True))
    return bytes((*rgb, round(255 * square / SAMPLES**2)))


def _png(size: int) -> bytes:
    rows = b"".join(
        b"\x00" + b"".join(_pixel(x, y, size) for x in range(size)) for y in range(size)
    )

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 9))
        + chunk(b"IEND", b"")
    )


def ico(sizes: tuple[int, ...] = (16, 32)) -> bytes:
    """An ICO file holding one PNG image per size."""
    images = [_png(size) for size in sizes]
    offset = 6 + 16 * len(images)
    entries = b""
    for size, image in zip(sizes, images, strict=True):
        entries += struct.pack("<BBBBHHII", size, size, 0, 0, 1, 32, len(image), offset)
        offset += len(image)
    return struct.pack("<HHH", 0, 1, len(images)) + entries + b"".join(images)


if __name__ == "__main__":
    OUT.write_bytes(ico())
