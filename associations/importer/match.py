"""Matching rows to associations: taxonomy terms by code, slug or name, and associations already in the
directory (or earlier in the file) by business ID, register number or name and home municipality."""

import re
from dataclasses import dataclass

from associations.models import AssociationPage

NAME_SUFFIX = re.compile(r"\s+(ry|r\.y\.|rf|r\.f\.)$")
SPACES = re.compile(r"\s+")


def normalise_name(name):
    """Casefolded name without the "ry" suffix, for matching spellings of the same association."""
    name = SPACES.sub(" ", name.casefold()).strip()
    return NAME_SUFFIX.sub("", name)


class Taxonomy:
    """Finnish terms of one taxonomy, found by key (code or slug) or by Finnish or Swedish name."""

    def __init__(self, model, key_field, finnish):
        terms = list(model.objects.filter(locale__language_code__in=["fi", "sv"]))
        by_translation_key = {term.translation_key: term for term in terms if term.locale_id == finnish.pk}
        self.by_pk = {term.pk: term for term in by_translation_key.values()}
        self.lookup = {}
        for term in terms:
            finnish_term = by_translation_key.get(term.translation_key)
            if finnish_term is None:
                continue
            self.lookup.setdefault(getattr(term, key_field).casefold(), finnish_term)
            self.lookup.setdefault(normalise_name(term.name), finnish_term)

    def get(self, value):
        return self.lookup.get(normalise_name(value))


@dataclass
class Match:
    """An association the row refers to: already in the directory (page_id) or earlier in the file (row)."""

    title: str
    page_id: int | None = None
    row: int | None = None
    business_id: str = ""
    register_number: str = ""


class Directory:
    """What is already in the directory (and earlier in the file), indexed for matching without queries."""

    def __init__(self, finnish):
        self.by_business_id = {}
        self.by_register_number = {}
        self.by_name = {}
        pages = AssociationPage.objects.filter(locale=finnish).values_list(
            "pk", "title", "business_id", "register_number", "home_municipality_id"
        )
        for pk, title, business_id, register_number, municipality_id in pages:
            self.add(Match(title, pk, None, business_id, register_number), municipality_id)

    def add(self, match, municipality_id):
        if match.business_id:
            self.by_business_id.setdefault(match.business_id, match)
        if match.register_number:
            self.by_register_number.setdefault(match.register_number, match)
        self.by_name.setdefault((normalise_name(match.title), municipality_id), match)

    def find(self, business_id, register_number, name, municipality_id):
        """Match by business ID, else register number, else name and home municipality.

        A candidate whose identifiers contradict the row's is a different association with a similar name
        or number, so it does not match.
        """

        def compatible(candidate):
            return (not business_id or candidate.business_id in ("", business_id)) and (
                not register_number or candidate.register_number in ("", register_number)
            )

        for candidate in (
            self.by_business_id.get(business_id) if business_id else None,
            self.by_register_number.get(register_number) if register_number else None,
            self.by_name.get((normalise_name(name), municipality_id)) if name else None,
        ):
            if candidate is not None and compatible(candidate):
                return candidate
        return None
