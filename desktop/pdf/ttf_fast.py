"""reportlab's TrueType font, with its character map and metrics read in bulk.

Why: reportlab reads a CJK font's cmap, hmtx and loca tables one short integer at a time (≈ 150,000
`struct.unpack` calls for WenQuanYi's 34,600 characters): 0.25 s of CPU at the start of every process
that prints a PDF, more than a 100-project checklist's own drawing of its tables. Here the same tables
are read with one `struct.unpack_from` per segment or table and the same dictionaries are built, in the
same order, with the same values (tests/pdf/test_ttf_fast.py compares every attribute with reportlab's
own parse for each font the machine offers). Nothing is cached between processes: the file is parsed
each time, only faster. A cmap format other than 4 or 12 takes reportlab's own path.
"""
from __future__ import annotations

from fnmatch import fnmatch
from struct import unpack_from
from weakref import WeakKeyDictionary

from reportlab import rl_config
from reportlab.pdfbase.ttfonts import TTEncoding, TTFError, TTFont, TTFontFace, TTFontFile


class FastTTFontFace(TTFontFace):
    """TTFontFace whose extractInfo reads cmap (formats 4 and 12), hmtx and loca in bulk."""

    def extractInfo(self, charInfo=1):
        TTFontFile.extractInfo(self, 0)  # names, head, OS/2, post, hhea, maxp: cheap, reportlab's own
        if not charInfo:
            return
        data = self._ttf_data
        head = self.get_table_pos("head")[0]
        index_to_loc, glyph_format = unpack_from(">HH", data, head + 50)
        if glyph_format != 0:
            raise TTFError("Unknown glyph data format (%d)" % glyph_format)
        n_hmetrics = unpack_from(">H", data, self.get_table_pos("hhea")[0] + 34)[0]
        encoffs = self._cmap_offset()
        fmt = unpack_from(">H", data, encoffs)[0]
        if fmt == 4:
            self._cmap4(data, encoffs)
        elif fmt == 12:
            self._cmap12(data, encoffs)
        else:  # rare formats: reportlab's reader, start to end
            TTFontFile.extractInfo(self, charInfo)
            return
        self._hmtx(data, n_hmetrics)
        if "loca" not in self.table:
            raise TTFError("missing location table")
        loca, n = self.get_table_pos("loca")[0], self.numGlyphs + 1
        if index_to_loc == 0:
            self.glyphPos = [v << 1 for v in unpack_from(">%dH" % n, data, loca)]
            self._pos = loca + 2 * n  # where reportlab's reader stops
        elif index_to_loc == 1:
            self.glyphPos = list(unpack_from(">%dL" % n, data, loca))
            self._pos = loca + 4 * n
        else:
            raise TTFError("Unknown location table format (%d)" % index_to_loc)
        char_to_glyph, widths = self.charToGlyph, self.charWidths
        if 0x20 in char_to_glyph:
            char_to_glyph[0xA0] = char_to_glyph[0x20]
            widths[0xA0] = widths[0x20]
        elif 0xA0 in char_to_glyph:
            char_to_glyph[0x20] = char_to_glyph[0xA0]
            widths[0x20] = widths[0xA0]

    def _cmap_offset(self) -> int:
        """The chosen subtable's offset: the last Unicode one, as reportlab chooses."""
        data, cmap = self._ttf_data, self.get_table_pos("cmap")[0]
        version, count = unpack_from(">HH", data, cmap)
        if count == 0 and version != 0:
            count = version
        encoffs, enc = None, 0
        for n in range(count):
            platform, encoding, offset = unpack_from(">HHL", data, cmap + 4 + 8 * n)
            if platform == 3 or (platform == 1 and encoding == 1) or (platform == 0 and encoding != 5):
                enc, encoffs = 1, offset
            elif platform == 1 and encoding == 0 and enc != 1:
                enc, encoffs = 2, offset
        if encoffs is None:
            raise TTFError("could not find a suitable cmap encoding")
        return encoffs + cmap

    def _cmap4(self, data, encoffs: int) -> None:
        length = unpack_from(">H", data, encoffs + 2)[0]
        limit = encoffs + length
        seg = unpack_from(">H", data, encoffs + 6)[0] // 2
        ends = unpack_from(">%dH" % seg, data, encoffs + 14)
        starts = unpack_from(">%dH" % seg, data, encoffs + 16 + 2 * seg)
        deltas = unpack_from(">%dh" % seg, data, encoffs + 16 + 4 * seg)
        ro_start = encoffs + 16 + 6 * seg
        range_offsets = unpack_from(">%dH" % seg, data, ro_start)
        self.charToGlyph = char_to_glyph = {}
        self.glyphToChar = glyph_to_char = {}
        for n in range(seg):
            start, end, delta, ro = starts[n], ends[n], deltas[n], range_offsets[n]
            if end < start:
                continue
            chars = range(start, end + 1)
            if ro == 0:
                glyphs = [(u + delta) & 0xFFFF for u in chars]
            else:
                base = ro_start + 2 * n + ro
                count = end - start + 1
                inside = max(0, min(count, (limit - base + 1) // 2))  # offsets past the table read as glyph 0
                raw = list(unpack_from(">%dH" % inside, data, base)) + [0] * (count - inside)
                glyphs = [(g + delta) & 0xFFFF if g else 0 for g in raw]
            for u, g in zip(chars, glyphs):
                char_to_glyph[u] = g
                have = glyph_to_char.get(g)
                if have is None:
                    glyph_to_char[g] = [u]
                else:
                    have.append(u)

    def _cmap12(self, data, encoffs: int) -> None:
        seg = unpack_from(">L", data, encoffs + 12)[0]
        groups = unpack_from(">%dL" % (3 * seg), data, encoffs + 16)
        self.charToGlyph = char_to_glyph = {}
        self.glyphToChar = glyph_to_char = {}
        for n in range(seg):
            start, end, first = groups[3 * n], groups[3 * n + 1], groups[3 * n + 2]
            if end < start:
                continue
            chars, glyphs = range(start, end + 1), range(first, first + end - start + 1)
            char_to_glyph.update(zip(chars, glyphs))
            for u, g in zip(chars, glyphs):
                have = glyph_to_char.get(g)
                if have is None:
                    glyph_to_char[g] = [u]
                else:
                    have.append(u)

    def _hmtx(self, data, n_hmetrics: int) -> None:
        """hmetrics and charWidths exactly as reportlab leaves them (advance widths past the last full
        metric are the last one's, already scaled: reportlab's own quirk, kept)."""
        scale, glyph_to_char, n_glyphs = self._pdfScale, self.glyphToChar, self.numGlyphs
        off = self.get_table_pos("hmtx")[0]
        pairs = unpack_from(">%dH" % (2 * n_hmetrics), data, off)
        advances, bearings = pairs[0::2], pairs[1::2]
        self.hmetrics = list(zip(advances, bearings))
        scaled = {a: scale(a) for a in set(advances)}  # a CJK font has a handful of distinct advances
        self.defaultWidth = scaled[advances[0]]
        last = scaled[advances[-1]]
        rest = max(0, n_glyphs - n_hmetrics)
        if rest:
            self.hmetrics += [(last, lsb) for lsb in unpack_from(">%dH" % rest, data, off + 4 * n_hmetrics)]
        self.charWidths = widths = {}
        bound = max(n_glyphs, n_hmetrics)
        width_of = [scaled[a] for a in advances]
        for glyph, chars in sorted(glyph_to_char.items()):
            if glyph >= bound:
                break
            aw = width_of[glyph] if glyph < n_hmetrics else last
            if len(chars) == 1:
                widths[chars[0]] = aw
            else:
                for char in chars:
                    widths[char] = aw


class FastTTFont(TTFont):
    """TTFont built on FastTTFontFace; everything else is reportlab's (its __init__, spelled out)."""

    def __init__(self, name, filename, validate=0, subfontIndex=0, asciiReadable=None, shapable=True):
        self.fontName = name
        self.face = FastTTFontFace(filename, validate=validate, subfontIndex=subfontIndex)
        self.encoding = TTEncoding()
        self.state = WeakKeyDictionary()
        self._asciiReadable = rl_config.ttfAsciiReadable if asciiReadable is None else asciiReadable
        self.shapable = shapable and not any(fnmatch(name, g) for g in rl_config.unShapedFontGlob)
