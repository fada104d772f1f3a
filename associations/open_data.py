"""Open-data downloads of the directory: every published association as CSV or JSON (CC BY 4.0).

The files have the same columns as `import_associations` reads, so the data can be analysed, shown on
other sites or imported into another instance of the service. Both name the licence in a `Link` header
(rel="license"); the JSON also carries it in the document.
"""

import datetime

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from associations.importer import LICENCE_NAME, LICENCE_URL, export_rows, json_ready, write_csv

FILE_NAME = "associations"


def _with_licence(response, extension):
    response["Content-Disposition"] = f'attachment; filename="{FILE_NAME}.{extension}"'
    response["Link"] = f'<{LICENCE_URL}>; rel="license"; title="{LICENCE_NAME}"'
    return response


@require_safe
@cache_control(public=True, max_age=15 * 60)
def open_data_csv(request):
    """The published associations as CSV with a header row, as spreadsheet programs read it right
    (write_csv: a UTF-8 byte order mark, CRLF line breaks, no cell taken for a formula)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    write_csv(export_rows(), response)
    return _with_licence(response, "csv")


@require_safe
@cache_control(public=True, max_age=15 * 60)
def open_data_json(request):
    """The published associations as JSON, with the licence and attribution in the document."""
    document = {
        "license": {"name": LICENCE_NAME, "url": LICENCE_URL},
        "attribution": settings.WAGTAIL_SITE_NAME,
        "generated_at": timezone.now().astimezone(datetime.UTC).isoformat(timespec="seconds"),
        "associations": json_ready(export_rows()),
    }
    response = JsonResponse(document, json_dumps_params={"ensure_ascii": False})
    return _with_licence(response, "json")
