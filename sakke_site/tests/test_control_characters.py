"""The middleware that strips control characters from the JSON bodies of API writes (home.text_input)."""

import json

from sakke_site.middleware import ControlCharacterMiddleware


def test_json_bodies_of_api_writes_lose_control_characters(rf):
    seen = {}

    def view(request):
        seen["data"] = json.loads(request.body)
        seen["stream"] = json.loads(request.read() or b"null")
        seen["length"] = request.META["CONTENT_LENGTH"]
        return None

    body = json.dumps({"title": "Otsikko\x01", "body": [{"value": "x\by"}]})
    for method in ("post", "put", "patch"):
        request = getattr(rf, method)("/api/v3-preview/pages/1/", body, content_type="application/json")
        ControlCharacterMiddleware(view)(request)
        assert seen["data"] == {"title": "Otsikko", "body": [{"value": "xy"}]}
        assert seen["stream"] == seen["data"]
        assert seen["length"] == str(len(request.body))
