"""Data Docs work without internet: every asset comes from the site itself, no tracking
pixel, the validation results render in headless Chromium with all hosts unreachable, and
failed identities link to the evidence view."""

from __future__ import annotations

import re

import pytest

from expectations import context
from expectations.context import default_data_docs_dir
from expectations.offline_docs import ASSETS, EVIDENCE_URL
from expectations.suites import SUITES
from expectations.validate import validate_warehouse
from tests.browser import run_chromium

# What a browser would fetch: scripts, images, stylesheets, CSS url()s. Plain <a href> links
# (greatexpectations.io, the evidence view) load nothing until clicked.
_LOADS = re.compile(r'<(?:script|img|link)\b[^>]*?(?:src|href)="(https?://[^"]+)"|url\([\'"]?(https?://[^\'")]+)')


@pytest.fixture(scope="module")
def data_docs(sample_warehouse, tmp_path_factory):
    warehouse, summary = sample_warehouse
    assert summary.run_succeeded, summary.failure
    site = tmp_path_factory.mktemp("data_docs")
    validate_warehouse(warehouse, site)
    return site


def _remote_loads(site):
    return {m.group(1) or m.group(2) for page in site.rglob("*.html") for m in _LOADS.finditer(page.read_text("utf-8"))}


def test_pages_load_nothing_from_the_internet(data_docs):
    pages = list(data_docs.rglob("*.html"))
    assert len(pages) > 5
    assert _remote_loads(data_docs) == set()
    text = "".join(page.read_text(encoding="utf-8") for page in pages)
    assert "great-expectations-web-assets" not in text and "dataContextId" not in text  # the tracking pixel
    assert not any(url in text for url in ASSETS)
    assert list((data_docs / "vendor").rglob("LICENSE*"))


def test_every_vendored_asset_a_page_loads_is_in_the_site(data_docs):
    local = re.compile(r'<(?:script|link)\b[^>]*?(?:src|href)="((?:\.\./)*vendor/[^"]+)"')
    missing = set()
    for page in data_docs.rglob("*.html"):
        for m in local.finditer(page.read_text(encoding="utf-8")):
            if not (page.parent / m.group(1)).resolve().is_file():
                missing.add(m.group(1).lstrip("./"))
    assert missing == set()


def test_failed_identities_link_to_their_evidence(data_docs):
    (page,) = data_docs.glob("validations/accounting_identities/*/*/*.html")
    assert re.search(rf'<a href="{re.escape(EVIDENCE_URL)}/identity/[0-9a-f]{{16}}">', page.read_text(encoding="utf-8"))


def test_validation_results_render_in_chromium_without_network(data_docs):
    (page,) = data_docs.glob("validations/accounting_identities/*/*/*.html")
    run = run_chromium(
        "--host-resolver-rules=MAP * ~NOTFOUND",  # no host resolves: offline
        "--virtual-time-budget=5000",
        "--dump-dom",
        page.as_uri(),
    )
    dom = run.stdout
    # bootstrap-table (jQuery + Bootstrap) ran: it wraps each results table in its own div.
    assert 'class="bootstrap-table bootstrap4"' in dom, run.stderr[-2000:]
    assert "expect_column_values_to_be_in_set" in dom or "passed" in dom
    assert f"{EVIDENCE_URL}/identity/" in dom


def test_the_data_docs_a_load_renders_are_offline_too(sample_warehouse):
    """`budget-etl load` renders them in its Dagster checks, one suite a step."""
    site = default_data_docs_dir(sample_warehouse[0])
    assert len(list(site.glob("validations/*/*/*/*.html"))) >= len(SUITES)
    assert _remote_loads(site) == set()
    assert "dataContextId" not in (site / "index.html").read_text(encoding="utf-8")


def test_a_site_keeps_the_newest_results_of_each_suite(sample_warehouse, tmp_path, monkeypatch):
    monkeypatch.setattr(context, "KEPT_VALIDATIONS", 2)
    (suite,) = [s for s in SUITES if s.name == "document_structure"]
    for _ in range(3):
        validate_warehouse(sample_warehouse[0], tmp_path, suites=(suite,))
    pages = sorted(tmp_path.glob("validations/document_structure/*/*/*.html"))
    stored = sorted(context.store_dir(tmp_path).glob("validations/document_structure/*/*/*.json"))
    assert len(pages) == len(stored) == 2
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    linked = re.findall(r"validations/document_structure/[^\"']+?\.html", index)
    assert linked and all((tmp_path / link).exists() for link in linked)
