"""Opening a PDF without trusting it: the guards that turn a bad file into a rejection.

Two readers are used. PDFium (pypdfium2) opens the document and reads the plain text of
every page in milliseconds: that is the cheap pass that finds the table pages and the
facts. pdfminer (through pdfplumber) lays out only the pages that hold tables, with char
positions and ruling lines. Either one failing on the file is a rejection, never a crash.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import zlib
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdftypes import LITERALS_FLATE_DECODE, PDFStream, resolve1
from pdfminer.psparser import LIT

_PDFIUM_ERR_PASSWORD = 4
_PDFIUM_ERR_SECURITY = 6


class Rejection(Exception):
    """A document that cannot be loaded; ``kind`` is one of ``model.REJECT_KINDS``."""

    def __init__(self, kind: str, reason: str):
        super().__init__(reason)
        self.kind = kind
        self.reason = reason


@dataclass
class OpenedPdf:
    data: bytes
    sha256: str
    page_count: int
    pdfium_doc: pdfium.PdfDocument | None  # None when only pdfminer can read the file
    _plumber: pdfplumber.PDF | None = None

    def plumber(self):
        """The pdfplumber document, opened on first use (only table pages are laid out)."""
        if self._plumber is None:
            try:
                self._plumber = pdfplumber.open(io.BytesIO(self.data))
            except Exception as exc:  # pdfminer raises many unrelated types on damaged files
                raise _classify_pdfminer_error(exc) from exc
        return self._plumber

    def page_text(self, index: int) -> str:
        """Plain text of page ``index`` (0-based); '' when the page has none.

        PDFium reads it in milliseconds; a file only pdfminer can parse falls back to
        pdfminer's (much slower) text.
        """
        if self.pdfium_doc is None:
            return self.plumber().pages[index].extract_text() or ""
        page = self.pdfium_doc[index]
        try:
            textpage = page.get_textpage()
            try:
                return textpage.get_text_range() or ""
            finally:
                textpage.close()
        finally:
            page.close()

    def damaged_pages(self) -> list[int]:
        """The pages (1-based) whose text cannot be read whole: a stream it is drawn from (the
        page's content, a form it draws, a font's program or Unicode map) that is missing or
        whose compressed data breaks off or fails its checksum.

        Both readers go on quietly past such a stream, with what they could inflate of it
        (pdfminer at most logs "Data-loss while decompressing corrupted data"), so a damaged
        page reads as a page with fewer rows, or none, and its document would load
        incomplete. Checked on the raw bytes, before any page is laid out; a stream shared by
        pages (a font) is inflated once.
        """
        verdicts: dict[int, bool] = {}

        def whole(stream: object) -> bool:
            if not isinstance(stream, PDFStream):
                return False
            if id(stream) not in verdicts:
                verdicts[id(stream)] = _inflates_whole(stream)
            return verdicts[id(stream)]

        return [
            n
            for n, page in enumerate(self.plumber().pages, start=1)
            if not all(whole(stream) for stream in _page_streams(page.page_obj))
        ]

    def close(self) -> None:
        if self._plumber is not None:
            with contextlib.suppress(Exception):
                self._plumber.close()
        if self.pdfium_doc is not None:
            with contextlib.suppress(Exception):
                self.pdfium_doc.close()


_FORM = LIT("Form")
_FONT_FILES = ("FontFile", "FontFile2", "FontFile3")


def _page_streams(page) -> list[object]:
    """The streams a page's text is drawn from, resolved: its content, the forms it draws and
    its fonts' programs and Unicode maps (a missing object resolves to None)."""
    streams = list(map(resolve1, page.contents))
    resources = page.resources if isinstance(page.resources, dict) else {}
    xobjects = resolve1(resources.get("XObject"))
    if isinstance(xobjects, dict):
        streams += [
            x for x in map(resolve1, xobjects.values()) if isinstance(x, PDFStream) and x.get("Subtype") is _FORM
        ]
    fonts = resolve1(resources.get("Font"))
    for font in map(resolve1, fonts.values() if isinstance(fonts, dict) else ()):
        if not isinstance(font, dict):
            continue
        descendants = resolve1(font.get("DescendantFonts"))
        for part in [font, *map(resolve1, descendants if isinstance(descendants, list) else ())]:
            if not isinstance(part, dict):
                continue
            if "ToUnicode" in part:
                streams.append(resolve1(part["ToUnicode"]))
            descriptor = resolve1(part.get("FontDescriptor"))
            if isinstance(descriptor, dict):
                streams += [resolve1(descriptor[key]) for key in _FONT_FILES if key in descriptor]
    return streams


def _inflates_whole(stream: PDFStream) -> bool:
    """A Flate stream that inflates to its end and matches its checksum (other filters are not
    checked). No PDF of the real or office corpora has one that does not."""
    filters = [f for f, _ in stream.get_filters()]
    if not filters or filters[0] not in LITERALS_FLATE_DECODE or stream.rawdata is None:
        return True  # rawdata None: decoded already, by pdfminer vouching for a file PDFium could not open
    data = stream.rawdata
    if stream.decipher and stream.objid is not None and stream.genno is not None:  # a stream is an indirect object
        data = stream.decipher(stream.objid, stream.genno, data, stream.attrs)
    inflater = zlib.decompressobj()
    try:
        inflater.decompress(data)
    except zlib.error:
        return False
    return inflater.eof


def read_bytes(path: Path) -> tuple[bytes, str]:
    data = Path(path).read_bytes()
    return data, hashlib.sha256(data).hexdigest()


def _short(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    text = text.splitlines()[0][:120]
    return text.rstrip(" .。!?！？")


def _classify_pdfminer_error(exc: BaseException) -> Rejection:
    # pdfplumber wraps pdfminer's exception (as args[0] and as the context); the original
    # tells a password from damage.
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, (PDFPasswordIncorrect, PDFEncryptionError)):
            return Rejection("encrypted", "The PDF is encrypted and needs a password.")
        wrapped = current.args[0] if current.args and isinstance(current.args[0], BaseException) else None
        current = wrapped or current.__cause__ or current.__context__
    return Rejection("corrupt", f"The PDF is truncated or damaged: {_short(exc)}.")


def _has_encrypt_entry(data: bytes) -> bool:
    tail = data[-4096:]
    return b"/Encrypt" in tail or b"/Encrypt" in data[:4096]


def open_pdf(data: bytes, sha256: str) -> OpenedPdf:
    """Check the bytes and open them, or raise ``Rejection``."""
    if not data:
        raise Rejection("empty_file", "The file is empty.")
    if b"%PDF-" not in data[:1024]:
        raise Rejection("not_pdf", "The file is not a PDF.")
    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code in (_PDFIUM_ERR_PASSWORD, _PDFIUM_ERR_SECURITY):
            raise Rejection("encrypted", "The PDF is encrypted and needs a password.") from exc
        # PDFium could not parse it; pdfminer says whether it is a password or damage, or
        # reads it after all.
        plumber = None
        try:
            plumber = pdfplumber.open(io.BytesIO(data))
            count = len(plumber.pages)
            _ = plumber.pages[0].chars if count else None
        except Exception as exc2:
            if plumber is not None:
                plumber.close()
            raise _classify_pdfminer_error(exc2) from exc2
        if not count:
            plumber.close()
            raise Rejection("corrupt", f"The PDF is truncated or damaged: {_short(exc)}.") from exc
        return OpenedPdf(data, sha256, count, None, plumber)
    except Exception as exc:  # pragma: no cover - PDFium raises PdfiumError only
        raise Rejection("corrupt", f"The PDF is truncated or damaged: {_short(exc)}.") from exc
    if _has_encrypt_entry(data):
        # Opened without a password, so only an owner password is set (printing/copying
        # restrictions): the text is readable. pdfminer confirms that it is.
        try:
            with pdfplumber.open(io.BytesIO(data)) as pdf:
                _ = pdf.pages[0].chars if pdf.pages else None
        except Exception as exc:
            doc.close()
            raise _classify_pdfminer_error(exc) from exc
    count = len(doc)
    if count == 0:
        doc.close()
        raise Rejection("corrupt", "The PDF is truncated or damaged: it has no pages.")
    return OpenedPdf(data, sha256, count, doc)
