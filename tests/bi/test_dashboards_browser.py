"""Each dashboard opened in headless Chromium (Debian's, driven by Playwright) after logging in
through Superset's login form: every chart query the page itself sends succeeds with rows,
every chart draws something, no error banner shows. A screenshot of each is kept in the
test's temporary folder (and written to $BUDGET_BI_SCREENSHOTS when set: docs/screenshots/)."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
import yaml

from bi.assets import ASSETS_DIR

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is installed by the [dev] extra")

SLUGS = sorted(yaml.safe_load(p.read_text())["slug"] for p in (ASSETS_DIR / "dashboards").glob("*.yaml"))
ERROR_TEXTS = ("No results", "Unexpected error", "Error:", "DB engine Error", "无结果")
DRAWN = "canvas, svg, table, .header-line"


@pytest.fixture(scope="module")
def page(superset, chromium):
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium, args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]
        )
        page = browser.new_page(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
        page.goto(f"{superset.url}/login/")
        page.fill("#username", "admin")
        page.fill("#password", superset.password)
        page.keyboard.press("Enter")
        page.wait_for_url("**/superset/welcome/**", timeout=60_000)
        yield page
        browser.close()


@pytest.mark.parametrize("slug", SLUGS)
def test_dashboard_renders_every_chart_without_error(page, superset, slug, tmp_path):
    answers = []

    def record(response):
        if "/api/v1/chart/data" in response.url:
            try:
                body = response.json()
            except Exception:  # an HTML error page: the status says enough
                body = None
            answers.append((response.status, body))

    position = yaml.safe_load((ASSETS_DIR / "dashboards" / f"{slug}.yaml").read_text())["position"]
    expected = sum(1 for key in position if key.startswith("CHART-"))
    page.on("response", record)
    try:
        # Superset may re-render a dashboard on its first view (it saves the label colours), and
        # on a busy machine the first views after start-up have been seen to stay a blank frame
        # (twice in a row, in CI on 9005437): wait until every chart holder is there and has
        # drawn; if not, open the page again, up to twice more (a fresh view, its queries counted
        # afresh), then report below whatever is missing.
        for _ in range(3):
            answers.clear()
            page.goto(f"{superset.url}/superset/dashboard/{slug}/")
            page.wait_for_load_state("networkidle", timeout=120_000)
            try:
                page.wait_for_function(
                    """([expected, drawn]) => {
                        const holders = document.querySelectorAll('.dashboard-component-chart-holder');
                        return holders.length === expected && [...holders].every(h => h.querySelector(drawn));
                    }""",
                    arg=[expected, DRAWN],
                    timeout=90_000,
                )
                break
            except sync_api.TimeoutError:
                continue
        page.wait_for_load_state("networkidle", timeout=120_000)
        page.wait_for_timeout(1500)  # let the charts finish their animation before the screenshot
    finally:
        page.remove_listener("response", record)
    shot = tmp_path / f"{slug}.png"
    page.screenshot(path=str(shot), full_page=True)
    if os.environ.get("BUDGET_BI_SCREENSHOTS"):
        target = Path(os.environ["BUDGET_BI_SCREENSHOTS"])
        target.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shot, target / shot.name)

    holders = page.locator(".dashboard-component-chart-holder")
    charts = holders.count()
    assert charts == expected, (page.url, page.locator("body").inner_text()[:500])

    assert len(answers) >= charts, f"{len(answers)} chart queries for {charts} charts"
    for status, body in answers:
        assert status == 200, (status, json.dumps(body, ensure_ascii=False)[:500])
        for result in body["result"]:
            assert not result.get("error") and result["rowcount"] > 0, json.dumps(result, ensure_ascii=False)[:500]

    assert page.locator("[role=alert], .ant-alert-error").count() == 0, page.locator("[role=alert]").all_inner_texts()
    for i in range(charts):
        holder = holders.nth(i)
        title = holder.locator(".editable-title, [data-test=editable-title]").first.inner_text()
        text = holder.inner_text()
        assert not any(e in text for e in ERROR_TEXTS), (slug, title, text[:300])
        assert holder.locator(DRAWN).count() > 0, (slug, title, "draws nothing")
