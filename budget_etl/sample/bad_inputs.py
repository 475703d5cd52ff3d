"""Files a landing folder also receives and the pipeline must reject, each for its own reason.

All of them are derived from real-looking material (a valid disclosure underneath the
password, the first half of one, a scan of one) so that a reader that gets past the first
check would find something plausible, not noise.
"""

from __future__ import annotations

import io
import random

import pdfplumber
from PIL import Image, ImageDraw, ImageFilter
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from budget_etl.sample.document import Disclosure, render
from budget_etl.sample.grid import RIGHT
from budget_etl.sample.render import PdfWriter

PASSWORD = "budget2023"
SCAN_DPI = 100


def empty() -> bytes:
    return b""


def encrypted(disclosure: Disclosure) -> tuple[bytes, int]:
    """A complete disclosure behind a user password (RC4-128: deterministic, unlike AES's random IV)."""
    rendered = render(disclosure, encrypt=StandardEncryption(PASSWORD, strength=128))
    return rendered.pdf, rendered.page_count


def truncated(pdf: bytes) -> bytes:
    """The first half of a valid disclosure, as an interrupted download leaves it: no xref, no trailer."""
    return pdf[: len(pdf) // 2]


def scanned(pdf: bytes) -> tuple[bytes, int]:
    """Every page of ``pdf`` as a grey raster image and nothing else, like a scanned print-out.

    The raster is drawn from the page's own geometry (ruling lines, and a dark block where each
    character sits) rather than by a PDF renderer: no font is needed, so the bytes do not depend
    on the fonts installed on the machine.
    """
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1)
    with pdfplumber.open(io.BytesIO(pdf)) as source:
        for page in source.pages:
            canvas.setPageSize((page.width, page.height))
            image = _raster(page)
            jpeg = io.BytesIO()
            image.save(jpeg, format="JPEG", quality=60)
            canvas.drawImage(ImageReader(io.BytesIO(jpeg.getvalue())), 0, 0, page.width, page.height)
            canvas.showPage()
        pages = len(source.pages)
    canvas.save()
    return buffer.getvalue(), pages


def _raster(page) -> Image.Image:
    scale = SCAN_DPI / 72
    image = Image.new("L", (round(page.width * scale), round(page.height * scale)), 255)
    draw = ImageDraw.Draw(image)
    for rect in page.rects:
        draw.rectangle(
            [rect["x0"] * scale, rect["top"] * scale, rect["x1"] * scale, rect["bottom"] * scale], outline=40
        )
    for char in page.chars:
        if char["text"].strip():
            _glyph(draw, char, scale)
    # A scanner's slight blur and skew.
    return image.filter(ImageFilter.GaussianBlur(0.8)).rotate(0.4, resample=Image.Resampling.BICUBIC, fillcolor=255)


def _glyph(draw: ImageDraw.ImageDraw, char: dict, scale: float) -> None:
    """A few strokes inside the character's box, the same for the same character: at scan
    resolution that reads as smudged print."""
    rng = random.Random(ord(char["text"][0]))
    x0, x1 = char["x0"] * scale, char["x1"] * scale
    top, bottom = (char["top"] + char["size"] * 0.1) * scale, (char["bottom"] - char["size"] * 0.1) * scale
    for _ in range(rng.randint(3, 6)):
        if rng.random() < 0.5:
            y = rng.uniform(top, bottom)
            draw.line([(rng.uniform(x0, (x0 + x1) / 2), y), (rng.uniform((x0 + x1) / 2, x1), y)], fill=50)
        else:
            x = rng.uniform(x0, x1)
            draw.line(
                [(x, rng.uniform(top, (top + bottom) / 2)), (x, rng.uniform((top + bottom) / 2, bottom))], fill=50
            )


def meeting_notice() -> tuple[bytes, int]:
    """A readable PDF that is no budget disclosure: a 会议通知, with dates, a phone number and a
    list of attendees, but no budget table."""
    writer = PdfWriter()
    writer.new_page()
    writer.heading("关于召开2023年第三季度安全生产工作会议的通知", size=18)
    writer.paragraph("各街道办事处、区直有关单位：", indent=False)
    for text in (
        "为贯彻落实上级关于安全生产工作的部署要求，分析研判当前安全生产形势，部署下阶段重点工作，"
        "经研究，决定召开2023年第三季度安全生产工作会议。现将有关事项通知如下：",
        "一、会议时间：2023年9月26日（星期二）上午9:00，会期半天。",
        "二、会议地点：区行政中心三楼第二会议室。",
        "三、参会人员：各街道办事处分管负责同志，区应急管理局、区市场监督管理局、区住房和城乡建设局、"
        "区交通运输局主要负责同志。",
        "四、会议议程：（一）通报第三季度全区安全生产形势；（二）部署国庆期间安全防范工作；（三）区政府分管领导讲话。",
        "五、有关要求：请参会人员提前10分钟到场签到，会议期间手机调至静音状态。"
        "请各单位于9月22日前将参会人员名单报区应急管理局办公室。",
        "联系人：王明，联系电话：83426517。",
    ):
        writer.paragraph(text)
    writer.spacer(40)
    writer.heading("区安全生产委员会办公室", size=12, align=RIGHT, space=2)
    writer.heading("2023年9月18日", size=12, align=RIGHT, space=2)
    pdf = writer.finish()
    return pdf, writer.page
