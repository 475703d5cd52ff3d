"""The evidence web view over the loaded sample corpus: views, page images, 404 for anything
it does not know (never a file outside the landing folder), and a screenshot in Chromium."""

from __future__ import annotations

import io
import subprocess
import sys
import threading
import urllib.error
import urllib.request

import duckdb
import pytest
from PIL import Image

from evidence.render import COLOURS
from evidence.web import make_server
from tests.browser import run_chromium
from tests.paths import REPO


def query(warehouse, sql):
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


@pytest.fixture(scope="module")
def server(sample_warehouse, sample_corpus):
    warehouse, summary = sample_warehouse
    assert summary.run_succeeded, summary.failure
    httpd = make_server(warehouse, sample_corpus[0], port=0)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", warehouse
    httpd.shutdown()
    httpd.server_close()


def get(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers["Content-Type"], err.read()


def failed_check(warehouse) -> tuple[str, str, int]:
    return query(
        warehouse,
        "select identity_check_id, document_id, source_page from marts.fct_identity_check "
        # a check with printed lines on its left: one whose left side is absent (a scan's
        # misread code) has nothing to box in red
        "where not passed and len(lhs_budget_line_ids) > 0 order by 1 limit 1",
    )[0]


def test_views_show_the_figures_and_the_page(server):
    base, warehouse = server
    check_id, document_id, page = failed_check(warehouse)
    status, kind, body = get(f"{base}/identity/{check_id}")
    assert status == 200 and kind.startswith("text/html")
    assert f"/image/identity/{check_id}/{page}.png".encode() in body and "差 difference".encode() in body
    status, kind, png = get(f"{base}/image/identity/{check_id}/{page}.png")
    assert status == 200 and kind == "image/png"
    image = Image.open(io.BytesIO(png)).convert("RGB")
    assert sum(1 for px in image.get_flattened_data() if px == COLOURS["left"]) > 50  # the total boxed in red
    status, _, body = get(f"{base}/document/{document_id}")
    assert status == 200 and f'href="/identity/{check_id}"'.encode() in body
    line_id = query(warehouse, "select budget_line_id from marts.fct_budget_line limit 1")[0][0]
    assert get(f"{base}/line/{line_id}")[0] == 200
    assert document_id.encode() in get(f"{base}/")[2]


@pytest.mark.parametrize(
    "path",
    [
        "/line/does-not-exist",
        "/identity/../../etc/passwd",
        "/document/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "/../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/image/line/x/1.png",
        "/static/../../etc/passwd",
        "/line/x%27%20or%20%271%27=%271",
        "/etc/passwd",
        "/image/document/../../../etc/passwd/1.png",
    ],
)
def test_unknown_and_hostile_paths_are_404(server, path):
    base, _ = server
    status, _, body = get(base + path)
    assert status == 404 and b"root:" not in body


def test_a_page_outside_the_evidence_is_404(server):
    base, warehouse = server
    check_id, _, page = failed_check(warehouse)
    assert get(f"{base}/image/identity/{check_id}/{page + 1000}.png")[0] == 404


def test_screenshot_in_headless_chromium(server, tmp_path):
    base, warehouse = server
    check_id, _, _ = failed_check(warehouse)
    shot = tmp_path / "identity.png"
    run_chromium(f"--screenshot={shot}", "--window-size=1400,1000", f"{base}/identity/{check_id}")
    image = Image.open(shot).convert("RGB")
    # The page image loaded (a white page beside the grey pane) with the left side boxed in red.
    assert sum(1 for px in image.get_flattened_data() if px == (255, 255, 255)) > 200_000
    reds = sum(1 for px in image.get_flattened_data() if abs(px[0] - 214) < 30 and px[1] < 80 and px[2] < 80)
    assert reds > 20


# A child process: PDFium is not thread-safe (pypdfium2's docs: not even on different documents),
# and a request that rendered a page beside another crashed the whole process with SIGSEGV (CI,
# the Chromium screenshot loads a view's page images at once). The child serves and fetches
# many page images at once; a crash is its exit status, not this test process's.
CONCURRENT_IMAGES = """
import sys, threading, urllib.request
from concurrent.futures import ThreadPoolExecutor
from evidence.web import make_server
warehouse, landing, *paths = sys.argv[1:]
httpd = make_server(warehouse, landing, port=0)
threading.Thread(target=httpd.serve_forever, daemon=True).start()
base = f"http://127.0.0.1:{httpd.server_address[1]}"
def fetch(path):
    with urllib.request.urlopen(base + path, timeout=120) as response:
        return response.status
with ThreadPoolExecutor(8) as pool:
    print(sorted(set(pool.map(fetch, paths * 6))))
"""


def test_page_images_rendered_at_once_do_not_crash_the_server(sample_warehouse, sample_corpus):
    warehouse, _ = sample_warehouse
    lines = query(
        warehouse,
        "select min(budget_line_id), source_page from marts.fct_budget_line where document_id = ("
        "  select document_id from marts.fct_budget_line group by 1 order by count(distinct source_page) desc limit 1"
        ") group by source_page order by source_page limit 8",
    )
    paths = [f"/image/line/{line_id}/{page}.png" for line_id, page in lines]
    done = subprocess.run(
        [sys.executable, "-c", CONCURRENT_IMAGES, str(warehouse), str(sample_corpus[0]), *paths],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=REPO,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "[200]"
