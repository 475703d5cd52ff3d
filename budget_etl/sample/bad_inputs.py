"""Files a landing folder also receives and the pipeline must reject, each for its own reason.

All of them are derived from real-looking material (a valid disclosure underneath the
password, the first half of one, a scan of one) so that a reader that gets past the first
check would find something plausible, not noise.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageFilter
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from budget_etl.sample.document import Disclosure, render
from budget_etl.sample.grid import RIGHT
from budget_etl.sample.render import PdfWriter

PASSWORD = "budget2023"


@dataclass(frozen=True)
class ScanQuality:
    dpi: int
    skew_degrees: float
    noise_sigma: float  # grey levels of the sensor's noise
    jpeg_quality: int


# A poor office scan (issue 15's degraded scan): 150 dpi, skewed 2°, grainy, saved as a
# low-quality JPEG. OCR reads it whole.
DEGRADED = ScanQuality(dpi=150, skew_degrees=-2.0, noise_sigma=15, jpeg_quality=50)
# Past what OCR reads whole (100 dpi, heavier grain, JPEG at 30): dozens of misread amounts,
# for the tests that hold every misread to be flagged.
TOO_POOR = ScanQuality(dpi=100, skew_degrees=-2.0, noise_sigma=25, jpeg_quality=30)


def empty() -> bytes:
    return b""


def encrypted(disclosure: Disclosure) -> tuple[bytes, int]:
    """A complete disclosure behind a user password (RC4-128: deterministic, unlike AES's random IV)."""
    rendered = render(disclosure, encrypt=StandardEncryption(PASSWORD, strength=128))
    return rendered.pdf, rendered.page_count


def truncated(pdf: bytes) -> bytes:
    """The first half of a valid disclosure, as an interrupted download leaves it: no xref, no trailer."""
    return pdf[: len(pdf) // 2]


def scanned(pdf: bytes, quality: ScanQuality = DEGRADED) -> tuple[bytes, int]:
    """Every page of ``pdf`` as a grey raster image and nothing else, like a scanned print-out.

    PDFium renders each page as a printer would (its Chinese in the CJK font the system has:
    Debian's fonts-wqy-microhei, which .ci/run installs), then the scan gets a scanner's slight
    blur, skew and grain and JPEG compression. Its numbers are the disclosure's: OCR must read
    them back. The grain is seeded per page: the same disclosure gives the same bytes.
    """
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1)
    document = pdfium.PdfDocument(pdf)
    try:
        for index in range(len(document)):
            page = document[index]
            width, height = page.get_size()
            bitmap = page.render(scale=quality.dpi / 72, grayscale=True)
            image = bitmap.to_pil().convert("L")
            bitmap.close()
            page.close()
            image = image.filter(ImageFilter.GaussianBlur(0.6)).rotate(
                quality.skew_degrees, resample=Image.Resampling.BICUBIC, fillcolor=255
            )
            grain = np.random.default_rng(index).normal(0, quality.noise_sigma, (image.height, image.width))
            image = Image.fromarray(np.clip(np.asarray(image, dtype=np.float32) + grain, 0, 255).astype(np.uint8))
            jpeg = io.BytesIO()
            image.save(jpeg, format="JPEG", quality=quality.jpeg_quality)
            canvas.setPageSize((width, height))
            canvas.drawImage(ImageReader(io.BytesIO(jpeg.getvalue())), 0, 0, width, height)
            canvas.showPage()
        pages = len(document)
    finally:
        document.close()
    canvas.save()
    return buffer.getvalue(), pages


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
