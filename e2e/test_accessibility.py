"""axe-core over every public page type in Finnish and Swedish: no serious or critical violations."""

import json
from pathlib import Path

import pytest

from e2e.public_pages import PUBLIC_PAGES

AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"
FAILING_IMPACTS = {"serious", "critical"}


@pytest.fixture(scope="module")
def axe_page(browser, live_site):
    if not AXE.exists():
        pytest.fail("node_modules/axe-core is missing: run `npm ci` (make check-all does)")
    # axe is injected as an inline script, which the site's Content-Security-Policy (script-src 'self')
    # would block: the policy is bypassed for this context only. The other browser tests keep it.
    context = browser.new_context(base_url=live_site.url, bypass_csp=True, locale="fi-FI")
    yield context.new_page()
    context.close()


@pytest.mark.parametrize(("name", "path", "status"), PUBLIC_PAGES, ids=[p[0] for p in PUBLIC_PAGES])
@pytest.mark.parametrize("width", [1280, 360], ids=["desktop", "mobile"])
def test_no_serious_accessibility_violations(axe_page, name, path, status, width):
    axe_page.set_viewport_size({"width": width, "height": 900})
    response = axe_page.goto(path)
    assert response.status == status, f"{path} answered {response.status}"
    axe_page.add_script_tag(path=str(AXE))
    results = axe_page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    assert results["testEngine"]["name"] == "axe-core"
    violations = [v for v in results["violations"] if v["impact"] in FAILING_IMPACTS]
    report = [
        {
            "rule": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [
                {"target": n["target"], "summary": n.get("failureSummary", "")} for n in v["nodes"][:5]
            ],
        }
        for v in violations
    ]
    assert not report, f"axe on {path}:\n" + json.dumps(report, indent=2, ensure_ascii=False)
