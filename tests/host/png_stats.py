#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Pixel statistics of a PNG screenshot, without third-party modules.

usage: png_stats.py FILE.png [#rrggbb ...]
Prints "size=WxH nonwhite=FRACTION" and, per color given, "#rrggbb=COUNT"
(pixels within 8 of it on every channel).  8-bit RGB or RGBA, not interlaced.
"""
import struct
import sys
import zlib


def decode(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        sys.exit("png_stats: %s is not a PNG" % path)
    pos, idat, ihdr = 8, b"", None
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            ihdr = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    w, h, depth, ctype, _, _, interlace = ihdr
    if depth != 8 or ctype not in (2, 6) or interlace:
        sys.exit("png_stats: unsupported PNG (depth %d, color type %d)" % (depth, ctype))
    bpp = 3 if ctype == 2 else 4
    raw, stride, rows, prev = zlib.decompress(idat), w * bpp, [], bytearray(w * bpp)
    for y in range(h):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b, c = prev[x], prev[x - bpp] if x >= bpp else 0
            if f == 1:
                line[x] = (line[x] + a) & 255
            elif f == 2:
                line[x] = (line[x] + b) & 255
            elif f == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line)
        prev = line
    return w, h, bpp, rows


def main():
    w, h, bpp, rows = decode(sys.argv[1])
    want = [tuple(int(c[i:i + 2], 16) for i in (1, 3, 5)) for c in sys.argv[2:]]
    nonwhite, hits = 0, [0] * len(want)
    for line in rows:
        for x in range(0, w * bpp, bpp):
            px = line[x:x + 3]
            if min(px) < 240:
                nonwhite += 1
            for i, c in enumerate(want):
                if all(abs(px[j] - c[j]) <= 8 for j in range(3)):
                    hits[i] += 1
    print("size=%dx%d nonwhite=%.4f" % (w, h, nonwhite / (w * h)))
    for c, n in zip(sys.argv[2:], hits):
        print("%s=%d" % (c, n))


if __name__ == "__main__":
    main()
