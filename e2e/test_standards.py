"""Every public output through a validator or parser nobody here wrote (`make check-standards`, and part of
`make check-all`), over HTTP from the live demo site, in Finnish and Swedish. The run ends with a table
of what was checked, with which tool, and whether it passed.

- HSDS 3.0: every object of every list and detail against the official JSON Schemas
  (`../shared/standards/hsds-3.0`, jsonschema, draft 2020-12 with format checks), and every path of the
  spec's own openapi.json requested literally.
- OpenAPI: the document at /api/schema/ through openapi-spec-validator; a Python client generated from it
  by openapi-python-client (in var/standards-venv, scripts/standards/requirements.txt) without warnings,
  every operation typed (scripts/check_openapi_client.py), and used against the site in both languages
  (scripts/standards/use_openapi_client.py).
- iCalendar: the calendars through ical.js (what web calendar widgets use; scripts/check_ical.mjs), whose
  times must agree with the tz database and with the icalendar package.
- Sitemap: libxml2 (lxml) against the sitemaps.org XSD (npm package `sitemap`) with a schema of the
  xhtml:link alternates; robots.txt names it.
- RSS 2.0 and Atom: feedparser, which flags any feed that is not well formed.
- schema.org: the JSON-LD of the pages parses as JSON and uses schema.org's context, and type-checks with
  TypeScript (`tsc --strict`) against schema-dts, Google's types of the schema.org vocabulary.
- Open-data CSV: Python's csv reader, UTF-8 with a byte order mark and CRLF.
"""

import csv
import io
import json
import os
import re
import shutil
import subprocess
import tempfile
from urllib.error import HTTPError
from urllib.request import Request, urlopen

import pytest

from e2e.conftest import ROOT

pytestmark = pytest.mark.standards

LOCALES = ("fi", "sv")
NODE = shutil.which("node")
ICAL_JS = ROOT / "node_modules" / "ical.js"
SITEMAP_XSD = ROOT / "node_modules" / "sitemap" / "schema" / "sitemap.xsd"
XHTML = "http://www.w3.org/1999/xhtml"
XHTML_LINK_XSD = ROOT / "scripts" / "standards" / "xhtml-link.xsd"
STANDARDS_VENV = ROOT / "var" / "standards-venv"
OPENAPI_PYTHON_CLIENT = STANDARDS_VENV / "bin" / "openapi-python-client"
TSC = ROOT / "node_modules" / "typescript" / "bin" / "tsc"
SCHEMA_DTS = ROOT / "node_modules" / "schema-dts"


def get(live_site, path, accept=None):
    """(status, headers, body) of a GET to the live site; 4xx and 5xx are answers too."""
    url = path if path.startswith("http") else live_site.url + path
    request = Request(url, headers={"Accept": accept} if accept else {})
    try:
        with urlopen(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except HTTPError as error:
        return error.code, error.headers, error.read()


def get_ok(live_site, path, accept=None):
    """The body of a GET that must answer 200."""
    status, _headers, body = get(live_site, path, accept)
    assert status == 200, f"{path}: {status} {body[:300]!r}"
    return body


def page_urls(live_site, model):
    """The live, public pages of `model` ("app_label.ModelName") in both languages: [(locale, url)]."""
    code = (
        "import json\n"
        "from django.apps import apps\n"
        f"model = apps.get_model({model!r})\n"
        "pages = model.objects.live().public().select_related('locale')\n"
        "print(json.dumps([(p.locale.language_code, p.get_url()) for p in pages]))\n"
    )
    return [(locale, url) for locale, url in json.loads(live_site.python(code).strip().splitlines()[-1])]


# --- OpenAPI --------------------------------------------------------------------------------------------


@pytest.mark.standard("OpenAPI 3", "openapi-spec-validator")
def test_openapi_document_is_valid(live_site):
    from openapi_spec_validator import validate

    body = get_ok(live_site, "/api/schema/?format=json")
    validate(json.loads(body))


def run_checked(command, name, **options):
    """Run `command`; its output, or a failure with all it printed."""
    result = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False, **options)
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"{name} exited with {result.returncode}:\n{output}"
    return output


@pytest.mark.standard("OpenAPI 3", "openapi-python-client 0.29.1: generated, typed, used")
def test_client_generated_from_the_openapi_document(live_site, tmp_path):
    if not OPENAPI_PYTHON_CLIENT.is_file():
        pytest.fail(
            "needs openapi-python-client in var/standards-venv: run `make var/standards-venv/.installed` "
            "(make check-standards does)"
        )
    document = tmp_path / "schema.json"
    document.write_bytes(get_ok(live_site, "/api/schema/?format=json"))
    client = tmp_path / "sakke_client"
    # The generator formats its output with the ruff it depends on, which it looks for on PATH.
    path = f"{STANDARDS_VENV / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}"
    generate = [OPENAPI_PYTHON_CLIENT, "generate", "--path", document, "--output-path", client]
    generate += ["--meta", "none"]  # the package alone, no pyproject.toml around it
    output = run_checked(generate, "openapi-python-client", env={**os.environ, "PATH": path}, cwd=tmp_path)
    assert "warning" not in output.lower(), f"openapi-python-client warned:\n{output}"
    python = STANDARDS_VENV / "bin" / "python"
    # Every operation generated, its answers read into models; then a consumer's calls to the live site.
    check = [python, ROOT / "scripts" / "check_openapi_client.py", document, client]
    print(run_checked(check, "check_openapi_client.py"))
    use = [python, ROOT / "scripts" / "standards" / "use_openapi_client.py", client, live_site.url]
    print(run_checked(use, "use_openapi_client.py"))


# --- iCalendar -------------------------------------------------------------------------------------------


def calendars(live_site):
    """The calendar feeds of both languages and one event's own calendar: [(name, bytes)]."""
    found = []
    for locale, url in page_urls(live_site, "news.EventIndexPage"):
        found.append((f"events {locale}", get_ok(live_site, url + "ical/")))
    events = page_urls(live_site, "news.EventPage")
    assert events, "the demo has no events"
    locale, url = events[0]
    found.append((f"one event {locale}", get_ok(live_site, url + "ical/")))
    return found


@pytest.mark.standard("iCalendar", "ical.js 2 (scripts/check_ical.mjs) and the tz database")
def test_calendars_read_right_in_ical_js(live_site):
    if not NODE or not ICAL_JS.is_dir():
        pytest.fail("needs node and node_modules/ical.js: run `npm ci` (make check-standards does)")
    for name, body in calendars(live_site):
        with tempfile.NamedTemporaryFile(suffix=".ics") as file:
            file.write(body)
            file.flush()
            result = subprocess.run(
                [NODE, ROOT / "scripts" / "check_ical.mjs", "--json", file.name],
                capture_output=True,
                text=True,
                timeout=60,
                check=False,
            )
        assert result.returncode == 0, f"{name}: {result.stdout}\n{result.stderr}"


@pytest.mark.standard("iCalendar", "ical.js and icalendar agree on every start")
def test_two_parsers_agree_on_calendar_times(live_site):
    import datetime

    import icalendar

    if not NODE or not ICAL_JS.is_dir():
        pytest.fail("needs node and node_modules/ical.js: run `npm ci` (make check-standards does)")
    name, body = calendars(live_site)[0]
    result = subprocess.run(
        [NODE, ROOT / "scripts" / "check_ical.mjs", "--json", "--occurrences", "0", "-"],
        input=body.decode(),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    read_by_ical_js = json.loads(result.stdout)
    read_by_icalendar = {}
    for event in icalendar.Calendar.from_ical(body).walk("VEVENT"):
        start = event.decoded("DTSTART")
        if isinstance(start, datetime.datetime):
            read_by_icalendar[str(event["UID"])] = start.astimezone(datetime.UTC)
    events = [event for file in read_by_ical_js for event in file["events"]]
    assert events
    for event in events:
        if event["uid"] in read_by_icalendar:
            read = datetime.datetime.fromisoformat(event["start_utc"].replace("Z", "+00:00"))
            assert read == read_by_icalendar[event["uid"]], name


# --- Sitemap and robots.txt ---------------------------------------------------------------------------


@pytest.mark.standard("Sitemaps 0.9", "libxml2 (lxml) with the sitemaps.org XSD")
def test_sitemap_is_valid_against_the_xsd(live_site):
    from lxml import etree

    if not SITEMAP_XSD.is_file():
        pytest.fail("needs node_modules/sitemap (the sitemaps.org XSD): run `npm ci` (check-standards does)")
    # The sitemaps.org schema checks elements of other namespaces strictly: it gets a schema for those too.
    imports = [("http://www.sitemaps.org/schemas/sitemap/0.9", SITEMAP_XSD), (XHTML, XHTML_LINK_XSD)]
    imported = "".join(f'<xs:import namespace="{n}" schemaLocation="{x.as_uri()}"/>' for n, x in imports)
    wrapper = f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">{imported}</xs:schema>'
    schema = etree.XMLSchema(etree.fromstring(wrapper.encode()))
    body = get_ok(live_site, "/sitemap.xml")
    document = etree.fromstring(body)
    assert schema.validate(document), "\n".join(str(error) for error in schema.error_log)
    namespaces = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": XHTML}
    locations = document.xpath("//s:url/s:loc/text()", namespaces=namespaces)
    assert any("/sv/" in location for location in locations), "no Swedish page in the sitemap"
    for location in locations[:10]:
        assert location.startswith(live_site.url), location
        assert get(live_site, location)[0] == 200, location


@pytest.mark.standard("robots.txt", "the Sitemap line leads to the sitemap")
def test_robots_names_the_sitemap(live_site):
    status, headers, body = get(live_site, "/robots.txt")
    assert status == 200
    assert headers["Content-Type"].startswith("text/plain")
    sitemaps = re.findall(r"^Sitemap:\s*(\S+)", body.decode(), re.MULTILINE | re.IGNORECASE)
    assert sitemaps == [live_site.url + "/sitemap.xml"]
    get_ok(live_site, sitemaps[0])


# --- Feeds ------------------------------------------------------------------------------------------------


@pytest.mark.standard("RSS 2.0 and Atom 1.0", "feedparser")
def test_news_feeds_parse(live_site):
    import feedparser

    listings = page_urls(live_site, "news.NewsIndexPage")
    assert {locale for locale, _ in listings} == set(LOCALES)
    for _locale, url in listings:
        for kind, version in (("rss", "rss20"), ("atom", "atom10")):
            body = get_ok(live_site, f"{url}{kind}/")
            feed = feedparser.parse(body)
            assert not feed.bozo, f"{url}{kind}/: {feed.get('bozo_exception')}"
            assert feed.version == version
            assert feed.entries, f"{url}{kind}/ has no entries"
            assert all(entry.link.startswith(live_site.url) for entry in feed.entries)


# --- schema.org ---------------------------------------------------------------------------------------------

SCHEMA_TYPES = {
    "associations.AssociationPage": "NGO",
    "news.NewsPage": "NewsArticle",
    "news.EventPage": "Event",
}
JSON_LD = re.compile(rb'<script type="application/ld\+json"[^>]*>(.*?)</script>', re.DOTALL)


@pytest.mark.standard("schema.org JSON-LD", "json parser; absolute URLs; schema.org context")
def test_json_ld_of_pages(live_site):
    for model in ("associations.AssociationPage", "news.NewsPage", "news.EventPage"):
        pages = page_urls(live_site, model)
        assert {locale for locale, _ in pages} == set(LOCALES), model
        for _locale, url in pages[:4]:
            body = get_ok(live_site, url)
            blocks = [json.loads(block) for block in JSON_LD.findall(body)]
            assert blocks, f"{url} has no JSON-LD"
            for block in blocks:
                assert block["@context"] in ("https://schema.org", "https://schema.org/")
                assert block["url"].startswith(live_site.url), url


def schema_dts_errors(blocks, folder):
    """What TypeScript says of JSON-LD `blocks`, [(where, data)], each assigned to schema-dts's
    `WithContext<its @type>` in a .ts file in `folder` and checked by `tsc --noEmit --strict`; "" if all pass.

    An object literal assigned to a type may hold no property the type lacks, so a property schema.org does
    not give that type fails, as do a wrong kind of value and a misspelt enumeration member."""
    types = sorted({data["@type"] for _where, data in blocks})
    lines = [f'import type {{ WithContext, {", ".join(types)} }} from "schema-dts";']
    starts = []  # (first line, where) of each block
    for index, (where, data) in enumerate(blocks):
        starts.append((len(lines) + 1, where))
        literal = json.dumps(data, ensure_ascii=False, indent=2)
        lines += f"export const block{index}: WithContext<{data['@type']}> = {literal};".splitlines()
    (folder / "json_ld.ts").write_text("\n".join(lines) + "\n")
    # tsc finds schema-dts the way a project would, in a node_modules beside the file.
    (folder / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    flags = ["--noEmit", "--strict", "--pretty", "false", "--target", "es2022", "--module", "nodenext"]
    flags.append("--skipLibCheck")  # schema-dts's own declarations are not what is checked; saves a minute
    result = subprocess.run(
        [NODE, TSC, *flags, "json_ld.ts"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if result.returncode == 0:
        return ""
    # Each message names the page its line came from, and the line itself.
    messages = []
    for message in (result.stdout + result.stderr).splitlines():
        found = re.match(r"json_ld\.ts\((\d+),\d+\)", message)
        if found:
            line = int(found[1])
            where = next((where for start, where in reversed(starts) if start <= line), "the import")
            message = f"{where}: {message}\n    {lines[line - 1].strip()}"
        messages.append(message)
    return "\n".join(messages) or f"tsc exited with {result.returncode}"


def require_schema_dts():
    if not NODE or not TSC.is_file() or not SCHEMA_DTS.is_dir():
        pytest.fail("needs node, node_modules/typescript and schema-dts: run `npm ci` (check-standards does)")


@pytest.mark.standard("schema.org JSON-LD", "schema-dts 2.1 types, tsc --strict")
def test_json_ld_type_checks_against_schema_dts(live_site, tmp_path):
    require_schema_dts()
    blocks = []
    for model, schema_type in SCHEMA_TYPES.items():
        pages = page_urls(live_site, model)
        for locale in LOCALES:
            for url in [url for page_locale, url in pages if page_locale == locale][:3]:
                found = [json.loads(block) for block in JSON_LD.findall(get_ok(live_site, url))]
                types = [data.get("@type") for data in found]
                assert schema_type in types, f"{url}: no {schema_type} JSON-LD, only {types}"
                for data in found:
                    assert re.fullmatch(r"[A-Z]\w*", str(data.get("@type"))), f"{url}: {data.get('@type')!r}"
                    blocks.append((url, data))
    assert not (errors := schema_dts_errors(blocks, tmp_path)), errors


def test_schema_dts_check_catches_a_property_of_another_type(tmp_path):
    """The check above can fail: inLanguage belongs to creative works and events, not to an organisation."""
    require_schema_dts()
    ngo = {
        "@context": "https://schema.org",
        "@type": "NGO",
        "name": "Yhdistys ry",
        "url": "https://example.org/",
    }
    blocks = [("a right NGO", ngo), ("a wrong NGO", {**ngo, "inLanguage": "fi"}), ("another right NGO", ngo)]
    errors = schema_dts_errors(blocks, tmp_path).splitlines()
    assert len(errors) == 2, errors  # the message and the line it is about
    assert errors[0].startswith("a wrong NGO: json_ld.ts(") and "TS2353" in errors[0], errors
    assert """'"inLanguage"' does not exist in type 'NGOLeaf""" in errors[0], errors
    assert errors[1].strip() == '"inLanguage": "fi"', errors


# --- Open data ----------------------------------------------------------------------------------------------


@pytest.mark.standard("CSV (RFC 4180) for spreadsheets", "Python csv reader; BOM, CRLF")
def test_open_data_csv(live_site):
    body = get_ok(live_site, "/fi/associations/open-data.csv")
    assert body.startswith(b"\xef\xbb\xbf"), "no UTF-8 byte order mark"
    text = body.decode("utf-8-sig")
    assert "\r\n" in text and not re.search(r"(?<!\r)\n", text), "lines do not all end with CRLF"
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert len(rows) > 5
    assert len({len(row) for row in rows}) == 1, "rows have different numbers of cells"
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "@")), f"a cell a spreadsheet runs as a formula: {cell!r}"
