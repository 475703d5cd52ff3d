"""Characters with positions -> tokens, text lines and ruling lines of one page.

Tables in these PDFs come from spreadsheets and word processors; their text layer glues
neighbouring cells (``1,627.551.工资福利性支出``) and drops empty cells. Positions are the
only reliable structure, so everything downstream works on tokens with boxes:

* a token never crosses a vertical ruling line (a cell border splits glued cells);
* a token never spans a gap wider than a fraction of the font size;
* a token that still glues an amount to a label is cut at the amount (``amounts.split_glued``).
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field

from .amounts import is_amount, split_glued
from .model import Box, PageBox
from .open_sides import open_sides

_SPACE_CHARS = {" ", "\u3000", "\xa0", "\t", "\n", "\r"}


@dataclass
class Token:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float

    @property
    def xc(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def yc(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def is_amount(self) -> bool:
        return is_amount(self.text)


@dataclass
class TextLine:
    tokens: list[Token]

    @property
    def top(self) -> float:
        return min(t.top for t in self.tokens)

    @property
    def bottom(self) -> float:
        return max(t.bottom for t in self.tokens)

    @property
    def yc(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def text(self) -> str:
        return " ".join(t.text for t in self.tokens)

    @property
    def compact(self) -> str:
        return "".join(t.text for t in self.tokens)


@dataclass
class Rule:
    """A ruling segment: vertical (``pos`` = x, span in y) or horizontal (``pos`` = y, span in x)."""

    pos: float
    start: float
    end: float


@dataclass
class PageLayout:
    number: int  # 1-based
    width: float  # of the upright frame the lines are read in
    height: float
    lines: list[TextLine]
    vrules: list[Rule] = field(default_factory=list)
    hrules: list[Rule] = field(default_factory=list)
    # The page as pdfplumber reports it, and how its text was turned upright (see _sideways):
    # boxes handed out of the extractor are in that frame, not the upright one.
    frame: PageBox | None = None
    direction: str | None = None

    def lines_between(self, top: float, bottom: float) -> list[TextLine]:
        return [ln for ln in self.lines if top <= ln.yc < bottom]

    def box(self, tokens: Iterable[Token]) -> Box | None:
        """The box around ``tokens`` in the page's own coordinates (pdfplumber's), or None."""
        tokens = list(tokens)
        if not tokens:
            return None
        x0, x1 = min(t.x0 for t in tokens), max(t.x1 for t in tokens)
        top, bottom = min(t.top for t in tokens), max(t.bottom for t in tokens)
        if self.direction and self.frame is not None:
            w, h = self.frame.width, self.frame.height
            if self.direction == "down":  # inverse of _upright
                x0, top, x1, bottom = w - bottom, x0, w - top, x1
            elif self.direction == "up":
                x0, top, x1, bottom = top, h - x1, bottom, h - x0
            else:
                x0, top, x1, bottom = w - x1, h - bottom, w - x0, h - top
        return (round(x0, 2), round(top, 2), round(x1, 2), round(bottom, 2))


def _merge_segments(segments: list[tuple[float, float, float]], pos_tol: float = 1.0, gap: float = 2.5) -> list[Rule]:
    """Collinear segments (pos, start, end) joined into rules; cells drawn one by one become one line."""
    segments.sort()
    groups: list[list[tuple[float, float, float]]] = []
    for seg in segments:
        if groups and seg[0] - groups[-1][0][0] <= pos_tol:
            groups[-1].append(seg)
        else:
            groups.append([seg])
    rules: list[Rule] = []
    for group in groups:
        pos = sum(s[0] for s in group) / len(group)
        spans = sorted((s[1], s[2]) for s in group)
        cur_start, cur_end = spans[0]
        for start, end in spans[1:]:
            if start <= cur_end + gap:
                cur_end = max(cur_end, end)
            else:
                rules.append(Rule(pos, cur_start, cur_end))
                cur_start, cur_end = start, end
        rules.append(Rule(pos, cur_start, cur_end))
    return rules


# A grid's horizontal rules ending together this far past its last vertical rule end at an
# undrawn border (extract/open_sides.py): a column's width, as OCR's MIN_RULE_PT.
OPEN_SIDE_PT = 24.0
OPEN_SIDE_TOLERANCE_PT = 1.5


def _rules(edges: list[dict]) -> tuple[list[Rule], list[Rule]]:
    vertical: list[tuple[float, float, float]] = []
    horizontal: list[tuple[float, float, float]] = []
    for e in edges:
        if e["orientation"] == "v":
            if e["bottom"] - e["top"] >= 3:
                vertical.append((e["x0"], e["top"], e["bottom"]))
        elif e["x1"] - e["x0"] >= 3:
            horizontal.append((e["top"], e["x0"], e["x1"]))
    vrules, hrules = _merge_segments(vertical), _merge_segments(horizontal)
    sides = open_sides(hrules, vrules, OPEN_SIDE_PT, OPEN_SIDE_TOLERANCE_PT, OPEN_SIDE_TOLERANCE_PT)
    return vrules + [Rule(*side) for side in sides], hrules


def _group_lines(chars: list[dict]) -> list[list[dict]]:
    """Chars clustered into visual lines by their vertical centre."""
    chars = sorted(chars, key=lambda c: (c["top"] + c["bottom"]) / 2)
    lines: list[list[dict]] = []
    centres: list[float] = []
    heights: list[float] = []
    for c in chars:
        yc = (c["top"] + c["bottom"]) / 2
        h = max(c["bottom"] - c["top"], 1.0)
        if lines and abs(yc - centres[-1]) <= 0.45 * min(h, heights[-1]):
            lines[-1].append(c)
            n = len(lines[-1])
            centres[-1] += (yc - centres[-1]) / n
        else:
            lines.append([c])
            centres.append(yc)
            heights.append(h)
    return lines


def _crossing_rules(vrules: list[Rule], top: float, bottom: float) -> list[float]:
    yc = (top + bottom) / 2
    return sorted(r.pos for r in vrules if r.start - 1 <= yc <= r.end + 1)


def _make_token(chars: list[dict]) -> Token:
    return Token(
        text="".join(c["text"] for c in chars),
        x0=min(c["x0"] for c in chars),
        x1=max(c["x1"] for c in chars),
        top=min(c["top"] for c in chars),
        bottom=max(c["bottom"] for c in chars),
        size=max(c.get("size", c["bottom"] - c["top"]) for c in chars),
    )


def _tokens_of_line(chars: list[dict], vrules: list[Rule]) -> list[Token]:
    chars = sorted(chars, key=lambda c: c["x0"])
    top = min(c["top"] for c in chars)
    bottom = max(c["bottom"] for c in chars)
    walls = _crossing_rules(vrules, top, bottom)
    pieces: list[list[dict]] = []
    current: list[dict] = []
    prev = None
    for c in chars:
        if c["text"] in _SPACE_CHARS or not c["text"].strip():
            if current:
                pieces.append(current)
            current, prev = [], None
            continue
        if prev is not None:
            size = min(prev.get("size", 10), c.get("size", 10))
            gap = c["x0"] - prev["x1"]
            pxc = (prev["x0"] + prev["x1"]) / 2
            cxc = (c["x0"] + c["x1"]) / 2
            i = bisect.bisect_right(walls, pxc)
            wall_between = i < len(walls) and walls[i] < cxc
            if gap > 0.3 * size or wall_between:
                pieces.append(current)
                current = []
        current.append(c)
        prev = c
    if current:
        pieces.append(current)
    tokens: list[Token] = []
    for piece in pieces:
        text = "".join(c["text"] for c in piece)
        spans = split_glued(text) if len(text) == len(piece) else [(0, len(piece))]
        for a, b in spans:
            if b > a:
                tokens.append(_make_token(piece[a:b]))
    return tokens


def dedupe_chars(chars: list[dict], tolerance: float = 1.0) -> list[dict]:
    """Drop chars drawn twice at (almost) the same place: the "fake bold" of CJK office exports.

    Same idea as pdfplumber's ``Page.dedupe_chars`` (jsvine/pdfplumber#992), with a grid
    lookup instead of clustering, because this runs on every table page.
    """
    kept: list[dict] = []
    grid: dict[tuple[str, int, int], list[dict]] = {}
    for c in chars:
        text = c.get("text")
        if not text:
            continue
        ix, iy = int(c["x0"] // tolerance), int(c["top"] // tolerance)
        duplicate = False
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                for other in grid.get((text, ix + dx, iy + dy), ()):
                    if (
                        abs(other["x0"] - c["x0"]) <= tolerance
                        and abs(other["top"] - c["top"]) <= tolerance
                        and other.get("size") == c.get("size")
                    ):
                        duplicate = True
                        break
                if duplicate:
                    break
            if duplicate:
                break
        if not duplicate:
            grid.setdefault((text, ix, iy), []).append(c)
            kept.append(c)
    return kept


def _sideways(chars: list[dict]) -> str | None:
    """'down' or 'up' when the page's text runs vertically as displayed, 'flipped' when it
    is upside down, else None.

    A landscape table saved on a portrait page and turned by /Rotate (or the reverse) shows
    its text sideways in pdfplumber's display coordinates; the lines must be read upright.
    """
    if not chars:
        return None
    if sum(1 for c in chars if not c.get("upright", True)) <= len(chars) / 2:
        flipped = sum(1 for c in chars if c.get("matrix") and c["matrix"][0] < 0 and c["matrix"][3] < 0)
        return "flipped" if flipped > len(chars) / 2 else None
    steps = 0.0
    for a, b in itertools.pairwise(chars):
        if abs(a["x0"] - b["x0"]) < 1 and abs(b["top"] - a["top"]) < 2 * max(a.get("size", 10), 1):
            steps += b["top"] - a["top"]
    return "down" if steps >= 0 else "up"


def _upright(obj: dict, direction: str, width: float, height: float) -> dict:
    """``obj``'s box in the frame where the sideways text reads left to right."""
    x0, x1, top, bottom = obj["x0"], obj["x1"], obj["top"], obj["bottom"]
    if direction == "flipped":
        box = {"x0": width - x1, "x1": width - x0, "top": height - bottom, "bottom": height - top}
        out = dict(obj)
        out.update(box)
        return out
    if direction == "down":
        box = {"x0": top, "x1": bottom, "top": width - x1, "bottom": width - x0}
    else:
        box = {"x0": height - bottom, "x1": height - top, "top": x0, "bottom": x1}
    out = dict(obj)
    out.update(box)
    if "orientation" in obj:
        out["orientation"] = "h" if obj["orientation"] == "v" else "v"
    return out


def page_layout(page, number: int) -> PageLayout:
    """Lay out one pdfplumber page: deduplicated chars, tokens, lines and ruling lines."""
    frame = PageBox(number, round(float(page.width), 2), round(float(page.height), 2), int(page.rotation or 0) % 360)
    return layout_from_chars(dedupe_chars(page.chars), page.edges, frame, (float(page.width), float(page.height)))


def layout_from_chars(
    chars: list[dict], edges: list[dict], frame: PageBox, size: tuple[float, float] | None = None
) -> PageLayout:
    """Chars and ruling edges (pdfplumber's dicts, in the frame's coordinates) laid out into
    tokens, lines and rules. The text layer and OCR (extract.ocr) both come through here, so
    one set of table parsers reads both. ``size`` is the page's unrounded (width, height)."""
    width, height = size or (frame.width, frame.height)
    direction = _sideways(chars)
    if direction:
        chars = [_upright(c, direction, width, height) for c in chars]
        edges = [_upright(e, direction, width, height) for e in edges]
        if direction != "flipped":
            width, height = height, width
    vrules, hrules = _rules(edges)
    lines = []
    for group in _group_lines(chars):
        tokens = _tokens_of_line(group, vrules)
        if tokens:
            lines.append(TextLine(tokens))
    lines.sort(key=lambda ln: ln.yc)
    return PageLayout(frame.number, width, height, lines, vrules, hrules, frame, direction)
