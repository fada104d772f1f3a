"""Use a client generated from the API's OpenAPI document (openapi-python-client) the way a consumer would:
call a few operations of a running site in both languages and read the answers into the client's models.

    make var/standards-venv/.installed    # openapi-python-client, scripts/standards/requirements.txt
    curl -o /tmp/schema.json 'http://127.0.0.1:8000/api/schema/?format=json'
    PATH=var/standards-venv/bin:$PATH openapi-python-client generate --path /tmp/schema.json \\
        --output-path /tmp/sakke_client --meta none
    var/standards-venv/bin/python scripts/standards/use_openapi_client.py /tmp/sakke_client http://127.0.0.1:8000

Each answer must be the model the document names for it (not Error, not None), hold data, and carry no
field the document does not name (the client keeps those in `additional_properties`). A bad parameter
must come back as the Error model with a message. Prints one line per problem and exits 1 if there is any.
"""

import importlib
import sys
from pathlib import Path

import attrs


def undocumented_fields(value, where):
    """Fields of the answer that the document does not name, anywhere in `value`: ["where: names"]."""
    found = []
    if attrs.has(type(value)):
        named = [field.name for field in attrs.fields(type(value)) if field.name != "additional_properties"]
        extra = getattr(value, "additional_properties", {})
        if named and extra:  # a model with no named fields is a map, where every key is "additional"
            found.append(f"{where}: fields the document does not name: {', '.join(sorted(extra))}")
        for name in named:
            found += undocumented_fields(getattr(value, name), f"{where}.{name}")
    elif isinstance(value, list):
        for index, item in enumerate(value[:20]):
            found += undocumented_fields(item, f"{where}[{index}]")
    return found


class Consumer:
    """Calls operations of the generated package `package` against `base_url` and notes what is wrong."""

    def __init__(self, package, base_url):
        self.package = package
        self.client = importlib.import_module(f"{package}.client").Client(
            base_url=base_url, raise_on_unexpected_status=True
        )
        self.problems = []

    def model(self, module, name):
        return getattr(importlib.import_module(f"{self.package}.models.{module}"), name)

    def operation(self, operation):
        """The module of `operation` ("group.name"); None, noted, when the client lacks it."""
        try:
            return importlib.import_module(f"{self.package}.api.{operation}")
        except ModuleNotFoundError:
            self.problems.append(f"{operation}: not generated")
            return None

    def call(self, operation, expected, **parameters):
        """The parsed answer of `operation` ("group.name"), which must be the model `expected`; else None."""
        module = self.operation(operation)
        if module is None:
            return None
        name = operation.split(".")[1]
        try:
            response = module.sync_detailed(client=self.client, **parameters)
        except Exception as error:  # the client could not read the answer: that is what this checks
            self.problems.append(f"{name}({parameters}): {type(error).__name__}: {error}")
            return None
        parsed = response.parsed
        if response.status_code != 200 or type(parsed).__name__ != expected:
            self.problems.append(
                f"{name}({parameters}): {response.status_code}, read as {type(parsed).__name__}, "
                f"not {expected}: {response.content[:300]!r}"
            )
            return None
        self.problems += undocumented_fields(parsed, name)
        return parsed

    def listing(self, operation, expected, **parameters):
        """The items of a listing answer, which must not be empty."""
        parsed = self.call(operation, expected, **parameters)
        if parsed is None:
            return []
        if not parsed.items:
            self.problems.append(f"{operation}({parameters}): no items")
        return parsed.items


def main():
    folder = Path(sys.argv[1]).resolve()
    sys.path.insert(0, str(folder.parent))
    consumer = Consumer(folder.name, sys.argv[2])
    checked = 0
    for language in ("fi", "sv"):
        locale = consumer.model("associations_listing_locale", "AssociationsListingLocale")(language)
        associations = consumer.listing(
            "v2.associations_listing", "AssociationListing", locale=locale, limit=5
        )
        for association in associations:
            if not (isinstance(association.id, int) and association.title.strip()):
                consumer.problems.append(f"associations_listing: an item without id or title: {association}")
        if associations:
            first = associations[0]
            detail_locale = consumer.model("associations_detail_locale", "AssociationsDetailLocale")(language)
            detail = consumer.call("v2.associations_detail", "Association", id=first.id, locale=detail_locale)
            if detail is not None and detail.title != first.title:
                consumer.problems.append(
                    f"associations_detail({first.id}): {detail.title!r} != {first.title!r}"
                )
            # Search for a word of a title the listing gave, as a consumer's search box would.
            word = max(first.title.split(), key=len)
            search_locale = consumer.model("search_listing_locale", "SearchListingLocale")(language)
            consumer.listing("v2.search_listing", "SearchResults", q=word, locale=search_locale)
        events_locale = consumer.model("events_listing_locale", "EventsListingLocale")(language)
        for event in consumer.listing("v2.events_listing", "EventListing", locale=events_locale):
            if event.end < event.start:
                consumer.problems.append(f"events_listing: {event.title} ends before it starts")
        news_locale = consumer.model("news_listing_locale", "NewsListingLocale")(language)
        consumer.listing("v2.news_listing", "NewsListing", locale=news_locale)
        checked += 1
    # A parameter out of range: the document says 400 with {"message": ...}, read into Error.
    if listing := consumer.operation("v2.associations_listing"):
        error = listing.sync(client=consumer.client, limit=-1)
        if type(error).__name__ != "Error" or not error.message:
            consumer.problems.append(
                f"associations_listing(limit=-1): read as {type(error).__name__}, not Error"
            )
    for problem in consumer.problems:
        print(problem)
    print(f"{checked} languages, {len(consumer.problems)} problems")
    return 1 if consumer.problems else 0


if __name__ == "__main__":
    sys.exit(main())
