#!/usr/bin/env python3
"""Draws the program's icon (the shapes of resources/icons/mlm-backoffice.svg) as PNG and as a Windows .ico, with
nothing but the standard library: python3 installer/tools/make-icons.py"""
import math
import os
import struct
import zlib

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..')
BLUE, WHITE, GREEN = (0x1f, 0x6f, 0xb2), (255, 255, 255), (0x9f, 0xd3, 0x6b)
LINES = [((128, 72), (76, 128)), ((128, 72), (180, 128)), ((76, 128), (50, 186)), ((76, 128), (102, 186)),
         ((180, 128), (154, 186)), ((180, 128), (206, 186))]
WHITE_DOTS = [(128, 66, 22), (76, 128, 17), (180, 128, 17)]
GREEN_DOTS = [(50, 188, 14), (102, 188, 14), (154, 188, 14), (206, 188, 14)]


def in_tile(x, y):
    # a rounded square from 8 to 248 with corners of radius 44
    if not (8 <= x <= 248 and 8 <= y <= 248):
        return False
    cx = min(max(x, 52), 204)
    cy = min(max(y, 52), 204)
    return (x - cx) ** 2 + (y - cy) ** 2 <= 44 ** 2


def near_segment(x, y, a, b, half):
    (ax, ay), (bx, by) = a, b
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)))
    px, py = ax + t * dx, ay + t * dy
    return (x - px) ** 2 + (y - py) ** 2 <= half * half


def colour_at(x, y):
    """The colour at a point of the 256x256 drawing, or None outside it."""
    for cx, cy, r in GREEN_DOTS:
        if (x - cx) ** 2 + (y - cy) ** 2 <= r * r:
            return GREEN
    for cx, cy, r in WHITE_DOTS:
        if (x - cx) ** 2 + (y - cy) ** 2 <= r * r:
            return WHITE
    if any(near_segment(x, y, a, b, 5) for a, b in LINES):
        return WHITE
    return BLUE if in_tile(x, y) else None


def render(size, samples=3):
    rows = []
    scale = 256.0 / size
    for j in range(size):
        row = bytearray()
        for i in range(size):
            r = g = b = a = 0
            for sj in range(samples):
                for si in range(samples):
                    c = colour_at((i + (si + 0.5) / samples) * scale, (j + (sj + 0.5) / samples) * scale)
                    if c:
                        r, g, b, a = r + c[0], g + c[1], b + c[2], a + 1
            n = samples * samples
            row += bytes((r // a, g // a, b // a, 255 * a // n)) if a else bytes(4)
        rows.append(bytes(row))
    return rows


def png(size, rows):
    def chunk(kind, data):
        return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data) & 0xffffffff)
    raw = b''.join(b'\x00' + r for r in rows)
    return (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', size, size, 8, 6, 0, 0, 0)) +
            chunk(b'IDAT', zlib.compress(raw, 9)) + chunk(b'IEND', b''))


def main():
    images = {size: png(size, render(size)) for size in (16, 32, 48, 256)}
    with open(os.path.join(ROOT, 'resources', 'icons', 'mlm-backoffice.png'), 'wb') as f:
        f.write(images[256])
    # An .ico of PNG images (Windows Vista and later read them).
    header = struct.pack('<HHH', 0, 1, len(images))
    offset = 6 + 16 * len(images)
    entries, blobs = b'', b''
    for size, data in images.items():
        entries += struct.pack('<BBBBHHII', size % 256, size % 256, 0, 0, 1, 32, len(data), offset + len(blobs))
        blobs += data
    with open(os.path.join(ROOT, 'installer', 'windows', 'mlm-backoffice.ico'), 'wb') as f:
        f.write(header + entries + blobs)


if __name__ == '__main__':
    main()
