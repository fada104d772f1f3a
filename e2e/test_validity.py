"""The Nu HTML Checker (vnu-jar) over every public page type in Finnish and Swedish: no errors."""

import json
import shutil
import subprocess
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import quote
from urllib.request import Request, urlopen

import pytest

from e2e.public_pages import PUBLIC_PAGES

VNU = Path(__file__).resolve().parent.parent / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def fetch(url):
    request = Request(quote(url, safe=":/?=&"), headers={"Accept-Language": "fi"})
    try:
        with urlopen(request, timeout=30) as response:
            return response.status, response.read()
    except HTTPError as error:
        return error.code, error.read()


def test_public_pages_are_valid_html(live_site, tmp_path):
    if not VNU.exists():
        pytest.fail("node_modules/vnu-jar is missing: run `npm ci` (make check-all does)")
    java = shutil.which("java")
    if java is None:
        pytest.fail("java (17 or newer) is needed for the Nu HTML Checker")
    files = {}
    for name, path, expected in PUBLIC_PAGES:
        status, body = fetch(live_site.url + path)
        assert status == expected, f"{path} answered {status}"
        file = tmp_path / f"{name}.html"
        file.write_bytes(body)
        files[file.resolve().as_uri()] = path
    result = subprocess.run(
        [
            java,
            "-jar",
            str(VNU),
            "--errors-only",
            "--format",
            "json",
            *(str(p) for p in sorted(tmp_path.iterdir())),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [m for m in messages if m["type"] in ("error", "non-document-error")]
    lines = [
        f"{files.get(m.get('url'), m.get('url'))}:{m.get('lastLine', '?')}: {m['message']}"
        f" [{(m.get('extract') or '').strip()[:120]}]"
        for m in errors
    ]
    print(f"The Nu HTML Checker read {len(files)} pages")
    assert not errors, f"{len(errors)} HTML errors:\n" + "\n".join(lines)
