"""The evidence web view: a small read-only HTTP server on 127.0.0.1.

    /line/<budget_line_id>        the line's page, its cell boxed, its figures beside it
    /identity/<identity_check_id> the check's page(s), left side red, right side green
    /document/<document_id>       the document's failed checks, each linking to its view
    /                             the loaded documents, with their number of failed checks
    /image/<kind>/<id>/<page>.png the rendered page of one of the views above

Ids are looked up in the published warehouse (a read-only connection per request, so a new
publication is seen at once) and never become paths; the only file read is the PDF the
warehouse names, inside the landing folder (``lookup.pdf_path``). Anything else is a 404.
"""

from __future__ import annotations

import html
import io
import re
from functools import partial
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from . import lookup
from .render import MEASURE_NAMES, cell_marks, render_pdf_page, yuan

DEFAULT_PORT = 8150
_VIEW = re.compile(r"^/(line|identity|document)/([^/]+)$")
_IMAGE = re.compile(r"^/image/(line|identity|document)/([^/]+)/([0-9]{1,5})\.png$")
_LOOKUPS = {"line": lookup.line, "identity": lookup.identity, "document": lookup.failed_checks}

_STYLE = """
body { font-family: sans-serif; margin: 0; display: flex; height: 100vh; }
#page { flex: 3; overflow: auto; background: #666; padding: 8px; }
#page img { display: block; margin: 0 auto 8px; background: white; width: 100%; }
#figures { flex: 1; min-width: 320px; overflow: auto; padding: 12px; font-size: 14px; }
table { border-collapse: collapse; } td, th { border-bottom: 1px solid #ddd; padding: 3px 6px; text-align: left; }
td.amount { text-align: right; font-variant-numeric: tabular-nums; }
.left { color: #d62728; } .right { color: #2ca02c; } .failed { color: #d62728; font-weight: bold; }
"""
# Zoom: the slider sets the page images' width (100% = fit the pane).
_SCRIPT = """
const zoom = document.getElementById('zoom');
zoom.addEventListener('input', () => {
  for (const img of document.querySelectorAll('#page img')) img.style.width = zoom.value + '%';
});
"""


def _esc(value) -> str:
    return html.escape("" if value is None else str(value))


def _figures(kind: str, evidence: lookup.Evidence) -> str:
    doc = evidence.document
    parts = [
        f"<h2>{_esc(doc.department_name or doc.source_file)} {_esc(doc.fiscal_year or '')}</h2>",
        f"<p>{_esc(doc.source_file)}</p>",
        '<p><label>Zoom <input id="zoom" type="range" min="50" max="400" value="100"></label></p>',
    ]
    for check in evidence.checks:
        link = f'<a href="/identity/{quote(check.identity_check_id)}">{_esc(check.identity)}</a>'
        parts.append(
            f'<h3 class="{_esc(check.outcome)}">{link} — {_esc(check.outcome)}</h3>'
            f"<p>{_esc(check.subject)}<br>{_esc(check.description)}</p>"
            f"<table><tr><th>左 left</th><td class=amount>{_esc(yuan(check.lhs_yuan))}</td></tr>"
            f"<tr><th>右 right</th><td class=amount>{_esc(yuan(check.rhs_yuan))}</td></tr>"
            f"<tr><th>差 difference</th><td class=amount>{_esc(yuan(check.diff_yuan))}</td></tr>"
            f"<tr><th>容差 tolerance</th><td class=amount>{_esc(yuan(check.tolerance_yuan))}</td></tr></table>"
        )
    if kind != "document":
        rows = "".join(
            f'<tr class="{_esc(c.side or "")}"><td>{_esc(c.side or "")}</td><td>p.{c.page}</td>'
            f'<td><a href="/line/{quote(c.budget_line_id)}">{_esc(c.code or "")} {_esc(c.line_label)}</a></td>'
            f"<td>{_esc(c.table_kind)}</td><td>{_esc(MEASURE_NAMES.get(c.measure, c.measure))}</td>"
            f"<td class=amount>{_esc(yuan(c.amount_yuan))}</td></tr>"
            for c in evidence.cells
        )
        parts.append(
            f"<table><tr><th></th><th>page</th><th>row</th><th>table</th><th>measure</th>"
            f"<th>amount</th></tr>{rows}</table>"
        )
    elif not evidence.checks:
        parts.append("<p>Every identity of this document holds.</p>")
    return "".join(parts)


def view_html(kind: str, ident: str, evidence: lookup.Evidence) -> str:
    images = "".join(f'<img alt="page {n}" src="/image/{kind}/{quote(ident)}/{n}.png">' for n in evidence.pages)
    return (
        f"<!doctype html><html><head><meta charset=utf-8><title>{_esc(evidence.title)}</title>"
        f"<style>{_STYLE}</style></head><body><div id=page>{images}</div>"
        f"<div id=figures>{_figures(kind, evidence)}</div><script>{_SCRIPT}</script></body></html>"
    )


def page_png(kind: str, evidence: lookup.Evidence, pdf_path: Path, page: int) -> bytes:
    if kind == "document":  # every failed check's cells, by severity
        marks = [
            m
            for check in evidence.checks
            for m in cell_marks([c for c in check.cells if c.page == page], lambda c, s=check.severity: s)
        ]
    else:  # a line in blue, a check's left side red and right side green
        colour = (lambda c: c.side) if kind == "identity" else (lambda c: "line")
        marks = cell_marks([c for c in evidence.cells if c.page == page], colour)
    image = render_pdf_page(pdf_path, page, evidence.document.page_sizes.get(page), marks)
    out = io.BytesIO()
    image.save(out, "PNG", compress_level=3)
    return out.getvalue()


class Handler(BaseHTTPRequestHandler):
    server_version = "budget-etl-evidence"

    def __init__(self, *args, warehouse: Path, landing: Path, **kwargs):
        self.warehouse, self.landing = warehouse, landing
        super().__init__(*args, **kwargs)

    def do_GET(self) -> None:  # http.server's name
        path = unquote(urlsplit(self.path).path)
        try:
            if path == "/":
                self._send(self._index().encode(), "text/html; charset=utf-8")
            elif m := _VIEW.match(path):
                kind, ident = m.groups()
                self._send(view_html(kind, ident, self._evidence(kind, ident)).encode(), "text/html; charset=utf-8")
            elif m := _IMAGE.match(path):
                kind, ident, page = m.group(1), m.group(2), int(m.group(3))
                evidence = self._evidence(kind, ident)
                if page not in evidence.pages:
                    raise lookup.NotFound(f"page {page} is not part of this evidence")
                pdf = lookup.pdf_path(self.landing, evidence.document)
                self._send(page_png(kind, evidence, pdf, page), "image/png")
            else:
                raise lookup.NotFound(path)
        except lookup.NotFound as exc:
            self._send(f"Not found: {_esc(exc)}".encode(), "text/plain; charset=utf-8", HTTPStatus.NOT_FOUND)

    def _index(self) -> str:
        con = lookup.connect(self.warehouse)
        try:
            rows = con.execute(
                """select d.document_id, d.source_file, d.department_name, d.fiscal_year,
                          count(c.identity_check_id) filter (where not c.passed)
                   from marts.dim_document d left join marts.fct_identity_check c using (document_id)
                   where d.status = 'loaded' group by all order by 5 desc, 2"""
            ).fetchall()
        finally:
            con.close()
        items = "".join(
            f'<tr><td><a href="/document/{quote(r[0])}">{_esc(r[1])}</a></td><td>{_esc(r[2])}</td>'
            f"<td>{_esc(r[3])}</td><td class=amount>{r[4]}</td></tr>"
            for r in rows
        )
        return (
            f"<!doctype html><html><head><meta charset=utf-8><title>Evidence</title><style>{_STYLE}</style>"
            f"</head><body><div id=figures><h2>Documents</h2><table><tr><th>file</th><th>department</th>"
            f"<th>year</th><th>failed checks</th></tr>{items}</table></div></body></html>"
        )

    def _evidence(self, kind: str, ident: str) -> lookup.Evidence:
        con = lookup.connect(self.warehouse)
        try:
            return _LOOKUPS[kind](con, ident)
        finally:
            con.close()

    def _send(self, body: bytes, content_type: str, status: HTTPStatus = HTTPStatus.OK) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args) -> None:  # http.server's signature
        pass  # a quiet view; errors reach the client as 404 pages


def make_server(warehouse: Path, landing: Path, port: int = DEFAULT_PORT) -> ThreadingHTTPServer:
    """The server, bound to 127.0.0.1 only (``port`` 0 picks a free one)."""
    handler = partial(Handler, warehouse=Path(warehouse), landing=Path(landing))
    return ThreadingHTTPServer(("127.0.0.1", port), handler)
