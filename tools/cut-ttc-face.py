#!/usr/bin/env python3
"""Cut one face out of a TrueType collection (.ttc) into a stand-alone .ttf.

PDFsharp cannot read .ttc collections, and the app must not depend on the machine's fonts, so the
Chinese font for PDFs is shipped in the repository. It was made once with:

    python3 tools/cut-ttc-face.py /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc 0 \
        src/AfterSales/Infrastructure/Pdf/Fonts/WenQuanYiZenHei.ttf

(Debian package fonts-wqy-zenhei; face 0 is "WenQuanYi Zen Hei", GPL-2 with the font embedding
exception, see Infrastructure/Pdf/Fonts/LICENSE-WenQuanYiZenHei.txt.) Only the tables of the chosen
face are copied; their bytes are unchanged. PDFsharp embeds a subset of the glyphs actually used.
"""
import struct
import sys


def checksum(data: bytes) -> int:
    data += b"\0" * (-len(data) % 4)
    return sum(struct.unpack(f">{len(data) // 4}I", data)) & 0xFFFFFFFF


def cut(ttc: bytes, face: int) -> bytes:
    tag, _version, count = struct.unpack(">4sII", ttc[:12])
    if tag != b"ttcf":
        raise SystemExit("not a TrueType collection")
    if not 0 <= face < count:
        raise SystemExit(f"face {face} not in 0..{count - 1}")
    (offset,) = struct.unpack(">I", ttc[12 + 4 * face:16 + 4 * face])
    sfnt_version, num_tables = struct.unpack(">IH", ttc[offset:offset + 6])
    records = []
    for i in range(num_tables):
        rec = ttc[offset + 12 + 16 * i: offset + 28 + 16 * i]
        t, _sum, off, length = struct.unpack(">4sIII", rec)
        records.append((t, off, length))
    records.sort(key=lambda r: r[0])
    search = 1
    selector = 0
    while search * 2 <= num_tables:
        search *= 2
        selector += 1
    header = struct.pack(">IHHHH", sfnt_version, num_tables, search * 16, selector, num_tables * 16 - search * 16)
    position = 12 + 16 * num_tables
    directory, body = b"", b""
    for t, off, length in records:
        data = ttc[off:off + length]
        if t == b"head":  # checkSumAdjustment is recomputed below
            data = data[:8] + b"\0\0\0\0" + data[12:]
        directory += struct.pack(">4sIII", t, checksum(data), position + len(body), length)
        body += data + b"\0" * (-len(data) % 4)
    font = bytearray(header + directory + body)
    head = next(i for i, r in enumerate(records) if r[0] == b"head")
    (head_offset,) = struct.unpack(">I", directory[16 * head + 8:16 * head + 12])
    struct.pack_into(">I", font, head_offset + 8, (0xB1B0AFBA - checksum(bytes(font))) & 0xFFFFFFFF)
    return bytes(font)


if __name__ == "__main__":
    if len(sys.argv) != 4:
        raise SystemExit("usage: cut-ttc-face.py FONT.ttc FACE OUT.ttf")
    with open(sys.argv[1], "rb") as f:
        data = f.read()
    with open(sys.argv[3], "wb") as f:
        f.write(cut(data, int(sys.argv[2])))
