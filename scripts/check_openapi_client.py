"""Check a client generated from the API's OpenAPI document with openapi-python-client: every operation
was generated, its 200 answer is read into a typed model (a class with named fields, not a dict or Any),
and 400 and 429 are read into the Error model.

    python3 -m venv /tmp/opc && /tmp/opc/bin/pip install openapi-python-client==0.29.1
    .venv/bin/python manage.py spectacular --format openapi-json --file /tmp/schema.json
    /tmp/opc/bin/openapi-python-client generate --path /tmp/schema.json --output-path /tmp/client --meta none
    /tmp/opc/bin/python scripts/check_openapi_client.py /tmp/schema.json /tmp/client

Run it with the Python that generated the client (it imports the client's models, which need attrs).
Prints one line per problem and exits 1 if there is any.
"""

import importlib
import json
import re
import sys
from pathlib import Path

import attrs

ANSWER = re.compile(r"response_(\d{3}) = (\w+)\.from_dict\(")


def operation_ids(document):
    return {
        operation["operationId"]
        for operations in document["paths"].values()
        for operation in operations.values()
        if isinstance(operation, dict) and "operationId" in operation
    }


def problems(document, client):
    """What is wrong with the client generated from `document` in the package folder `client`."""
    sys.path.insert(0, str(client.parent))
    package = client.name
    modules = {path.stem: path for path in client.glob("api/*/*.py") if path.stem != "__init__"}
    found = []
    for missing in sorted(operation_ids(document) - set(modules)):
        found.append(f"{missing}: not generated")
    for name, path in sorted(modules.items()):
        answers = dict(ANSWER.findall(path.read_text()))
        if "200" not in answers:
            found.append(f"{name}: the 200 answer is not read into a model")
            continue
        group = path.parent.name
        module = importlib.import_module(f"{package}.api.{group}.{name}")
        model = getattr(module, answers["200"], None)
        fields = [field.name for field in attrs.fields(model)] if attrs.has(model) else []
        if not [field for field in fields if field != "additional_properties"]:
            found.append(f"{name}: the 200 answer {answers['200']} has no named fields")
        for status in ("400", "429"):
            if answers.get(status) != "Error":
                found.append(f"{name}: {status} is not read into Error")
    return found


def main():
    document = json.loads(Path(sys.argv[1]).read_text())
    client = Path(sys.argv[2]).resolve()
    if not (client / "api").is_dir():  # --meta none puts the package itself there; else it is a folder below
        client = next(path.parent for path in client.glob("*/api") if path.is_dir())
    found = problems(document, client)
    for problem in found:
        print(problem)
    print(f"{len(operation_ids(document))} operations, {len(found)} problems")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
