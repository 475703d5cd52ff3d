"""`budget-etl evidence` on the loaded sample corpus: the page rendered, the printed cell boxed
where the warehouse says it is, and nothing read from outside the landing folder."""

from __future__ import annotations

import dataclasses
import shutil

import duckdb
import pypdfium2 as pdfium
import pytest
from PIL import Image

from evidence import lookup
from evidence.render import COLOURS, DPI
from tests.test_cli import budget_etl


def query(warehouse, sql, params=()):
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


@pytest.fixture(scope="module")
def loaded(sample_warehouse, sample_corpus):
    warehouse, summary = sample_warehouse
    assert summary.run_succeeded, summary.failure
    return warehouse, sample_corpus[0]


def _outline_pixels(image: Image.Image, box, colour) -> int:
    """Pixels of ``colour`` on the outline drawn around ``box`` (PDF points) in ``image``."""
    scale = DPI / 72
    x0, top, x1, bottom = (round(v * scale) for v in box)
    ring = [(x, y) for x in range(x0 - 4, x1 + 5) for y in (top - 4, top - 3, top - 2, bottom + 2, bottom + 3)]
    return sum(1 for xy in ring if image.getpixel(xy) == colour)


def test_a_line_is_rendered_with_its_cell_boxed(loaded, tmp_path):
    warehouse, landing = loaded
    line_id, box = next(
        (r[0], r[1:])
        for r in query(
            warehouse,
            "select budget_line_id, bbox_x0, bbox_top, bbox_x1, bbox_bottom from marts.fct_budget_line "
            "where table_kind = 'expenditure_summary' and code is not null order by 1 limit 1",
        )
    )
    run = budget_etl(
        "evidence", "--warehouse", str(warehouse), "--landing", str(landing), "--line", line_id, "--out", str(tmp_path)
    )
    assert run.returncode == 0, run.stderr
    (png,) = tmp_path.glob("*.png")
    image = Image.open(png).convert("RGB")
    assert _outline_pixels(image, box, COLOURS["line"]) > 20


def test_a_document_becomes_an_annotated_pdf_with_a_legend(loaded, tmp_path):
    warehouse, landing = loaded
    document_id, _source_file, page_count = query(
        warehouse,
        "select document_id, source_file, page_count from marts.dim_document d "
        "where exists (select 1 from marts.fct_identity_check c where c.document_id = d.document_id "
        "and not c.passed) order by 1 limit 1",
    )[0]
    run = budget_etl(
        "evidence",
        "--warehouse",
        str(warehouse),
        "--landing",
        str(landing),
        "--document",
        document_id,
        "--out",
        str(tmp_path),
    )
    assert run.returncode == 0, run.stderr
    (pdf,) = tmp_path.glob("*.pdf")
    assert len(pdfium.PdfDocument(str(pdf))) == page_count + 1  # the legend first


@pytest.mark.parametrize("hostile", ["../../../etc/passwd", "/etc/passwd", "x' or '1'='1", "%2e%2e%2f"])
def test_hostile_ids_are_not_found(loaded, tmp_path, hostile):
    warehouse, landing = loaded
    for option in ("--line", "--identity", "--document"):
        run = budget_etl(
            "evidence",
            "--warehouse",
            str(warehouse),
            "--landing",
            str(landing),
            option,
            hostile,
            "--out",
            str(tmp_path),
        )
        assert run.returncode == 2 and "Traceback" not in run.stderr, run.stderr
    assert not any(tmp_path.iterdir())


def test_the_pdf_path_never_leaves_the_landing_folder(loaded, tmp_path):
    warehouse, landing = loaded
    con = lookup.connect(warehouse)
    try:
        document_id = query(warehouse, "select document_id from marts.fct_budget_line limit 1")[0][0]
        doc = lookup.document(con, document_id)
    finally:
        con.close()
    assert lookup.pdf_path(landing, doc).parent == landing.resolve()
    outside = tmp_path / "outside.pdf"
    shutil.copy(landing / doc.source_file, outside)
    for name in (f"../{outside.name}", str(outside), f"sub/../../{outside.name}"):
        with pytest.raises(lookup.NotFound):
            lookup.pdf_path(landing, dataclasses.replace(doc, source_file=name))
    # A file of the same name whose bytes changed since the load is not the evidence either.
    moved = tmp_path / "landing"
    moved.mkdir()
    (moved / doc.source_file).write_bytes(b"%PDF-1.4 other bytes")
    with pytest.raises(lookup.NotFound):
        lookup.pdf_path(moved, doc)


def test_boxes_land_on_their_cell_on_a_rotated_page():
    """A Jiangsu table printed landscape on a portrait page turned by /Rotate 90: PDFium
    renders it turned, and the boxes (in pdfplumber's turned frame) land on the cell."""
    from evidence.render import Mark, render_page
    from extract import extract_document
    from tests.paths import shared_path

    path = shared_path("corpus", "real", "js_npc_office_2019_budget_tables.pdf")
    extraction = extract_document(path)
    frames = {p.number: p for p in extraction.pages}
    lines = [ln for ln in extraction.lines if frames[ln.source_page].rotation == 90 and ln.amount_box]
    assert lines
    pdf = pdfium.PdfDocument(str(path))
    try:
        for ln in lines[:10]:
            frame = frames[ln.source_page]
            image = render_page(pdf, ln.source_page, (frame.width, frame.height), [Mark(ln.amount_box, "left")])
            assert image.width > image.height  # shown turned, as pdfplumber's frame is
            assert _outline_pixels(image, ln.amount_box, COLOURS["left"]) > 20
            # Inside the box, dark ink: the printed amount, not an empty cell beside it.
            scale = DPI / 72
            x0, top, x1, bottom = (round(v * scale) for v in ln.amount_box)
            inside = image.crop((x0, top, x1, bottom)).convert("L")
            assert min(inside.get_flattened_data()) < 100
    finally:
        pdf.close()
