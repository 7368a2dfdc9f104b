#!/usr/bin/env python3
"""Draws eng/package/icon.png, the packages' 128 x 128 icon: a skyline of five bars (a ranking) on a rounded tile.

Standard library only (zlib + struct), so that the icon can be redrawn anywhere: python3 eng/package/make-icon.py.
The output is byte-for-byte reproducible.
"""
import os
import struct
import zlib

SIZE = 128
TILE = (22, 78, 130)        # deep blue
BAR = (255, 255, 255)       # white buildings
ACCENT = (255, 183, 3)      # the top-ranked one
WINDOW = (22, 78, 130)


def inside_rounded(x, y, radius=22):
    cx = min(max(x, radius), SIZE - 1 - radius)
    cy = min(max(y, radius), SIZE - 1 - radius)
    return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2


def pixel(x, y):
    if not inside_rounded(x, y):
        return (0, 0, 0, 0)
    base = 104
    bars = [(18, 34, 60), (38, 54, 36), (58, 74, 84, True), (78, 94, 48), (98, 112, 70)]
    for bar in bars:
        left, right, height = bar[0], bar[1], bar[2]
        top = base - height
        if left <= x < right and top <= y < base:
            if (x - left) % 8 in (3, 4) and (y - top) % 10 in (4, 5, 6) and y < base - 6:
                return WINDOW + (255,)
            return (ACCENT if len(bar) > 3 else BAR) + (255,)
    if base + 4 <= y < base + 8 and 14 <= x < 114:
        return BAR + (255,)
    return TILE + (255,)


def main():
    rows = bytearray()
    for y in range(SIZE):
        rows.append(0)
        for x in range(SIZE):
            rows.extend(pixel(x, y))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    png = b"\x89PNG\r\n\x1a\n"
    png += chunk(b"IHDR", struct.pack(">IIBBBBB", SIZE, SIZE, 8, 6, 0, 0, 0))
    png += chunk(b"IDAT", zlib.compress(bytes(rows), 9))
    png += chunk(b"IEND", b"")
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "icon.png")
    with open(out, "wb") as f:
        f.write(png)


if __name__ == "__main__":
    main()
