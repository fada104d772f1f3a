"""Validating rows: taxonomy terms are looked up, values go through the model fields' own validators
(`clean_fields`), identifiers are checked against the rest of the file and the directory, and each row is
matched to an existing association. The result is a report of what each row would do; nothing is written.
"""

import uuid
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from associations.importer.match import Directory, Match, Taxonomy
from associations.importer.read import DECIMAL_COLUMNS, RowError, split_list
from associations.importer.text import description_blocks, text_to_paragraphs
from associations.models import SERVICE_LANGUAGES, AssociationPage, Category, Municipality, TargetGroup
from associations.ytunnus import normalise_business_id

# Two-letter ISO 639-1 codes. Service languages other than Finnish, Swedish and English are stored as "other".
ISO_639_1_CODES = (
    "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv "
    "dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig "
    "ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh "
    "mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru "
    "rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug "
    "uk ur uz ve vi vo wa wo xh yi yo za zh zu"
)
ISO_639_1 = frozenset(ISO_639_1_CODES.split())
LANGUAGE_ORDER = [code for code, _label in SERVICE_LANGUAGES]

# Model fields filled straight from a column of the same meaning; errors on them are reported on that column.
FIELD_COLUMNS = {
    "title": "name_fi",
    "summary": "summary_fi",
    "description": "description_fi",
    "business_id": "business_id",
    "register_number": "register_number",
    "email": "email",
    "phone": "phone",
    "website": "website",
    "street_address": "street_address",
    "postal_code": "postal_code",
    "post_office": "post_office",
    "founded_year": "founded_year",
    "member_count": "member_count",
    "latitude": "latitude",
    "longitude": "longitude",
    "service_languages": "languages",
    "activities": "activities",
}
COLUMN_FIELDS = {column: name for name, column in FIELD_COLUMNS.items()}
SWEDISH_FIELD_COLUMNS = {"title": "name_sv", "summary": "summary_sv"}
ALL_FIELD_NAMES = frozenset(f.name for f in AssociationPage._meta.fields)


@dataclass
class CleanRow:
    """A validated row: model field values, taxonomy terms and the Swedish texts."""

    fields: dict
    municipality: Municipality | None
    categories: list | None
    target_groups: list | None
    name_sv: str
    summary_sv: str
    description_sv: list | None
    activities_sv: list | None


@dataclass
class RowResult:
    """What one row did (or, in a dry run, would do)."""

    CREATE = "create"
    UPDATE = "update"
    SKIP = "skip"
    ERROR = "error"

    number: int
    name: str
    action: str = ""
    errors: list = field(default_factory=list)
    page_id: int | None = None
    matched_title: str = ""
    clean: CleanRow | None = None

    @property
    def action_label(self):
        return {
            self.CREATE: gettext_lazy("New"),
            self.UPDATE: gettext_lazy("Update"),
            self.SKIP: gettext_lazy("Already in the directory, skipped"),
            self.ERROR: gettext_lazy("Error"),
        }[self.action]


@dataclass
class ImportReport:
    """Per-row results of an import or a dry run."""

    results: list
    dry_run: bool
    written: bool = False
    translations_queued: int = 0  # pages whose Swedish translation waits for the background worker

    def count(self, action):
        return sum(1 for result in self.results if result.action == action)

    @property
    def created(self):
        return self.count(RowResult.CREATE)

    @property
    def updated(self):
        return self.count(RowResult.UPDATE)

    @property
    def skipped(self):
        return self.count(RowResult.SKIP)

    @property
    def failed(self):
        return self.count(RowResult.ERROR)

    @property
    def errors(self):
        """(row number, column, message) of every problem, in file order."""
        return [
            (result.number, error.column, error.message) for result in self.results for error in result.errors
        ]


def _decimal(value):
    """A coordinate rounded to the six decimals the model stores; a decimal comma is accepted."""
    try:
        return Decimal(value.replace(",", ".")).quantize(Decimal("0.000001"), rounding=ROUND_HALF_UP)
    except (InvalidOperation, ValueError):
        return value  # the model field reports that it is not a number


def _website(value):
    # A bare domain gets https://, as the admin's URL field does.
    try:
        return forms.URLField(assume_scheme="https").to_python(value)
    except ValidationError:
        return value


class RowValidator:
    """Checks rows against the model, the taxonomies, each other and the Finnish directory.

    `update`: rows that match an existing association update it instead of being skipped.
    """

    def __init__(self, finnish, *, update=False):
        self.update = update
        self.municipalities = Taxonomy(Municipality, "code", finnish)
        self.categories = Taxonomy(Category, "slug", finnish)
        self.target_groups = Taxonomy(TargetGroup, "slug", finnish)
        self.directory = Directory(finnish)

    def validate(self, rows):
        """A report saying what each row would do; nothing is written."""
        seen = {"business_id": {}, "register_number": {}}
        return ImportReport([self._validate_row(row, seen) for row in rows], dry_run=True)

    def _validate_row(self, row, seen):
        result = RowResult(row.number, row.values.get("name_fi", ""), errors=list(row.errors))
        errors = result.errors
        result.clean = clean = self._clean(row, errors)
        business_id = clean.fields.get("business_id", "")
        register_number = clean.fields.get("register_number", "")
        municipality_id = clean.municipality.pk if clean.municipality else None
        self._check_unique_in_file(row.number, business_id, register_number, seen, errors)
        match = self._match(row, clean, municipality_id, errors)
        if errors:
            result.action = RowResult.ERROR
        elif match is not None:
            result.page_id = match.page_id
            result.matched_title = match.title
            result.action = RowResult.UPDATE if self.update else RowResult.SKIP
        else:
            result.action = RowResult.CREATE
            planned = Match(clean.fields.get("title", ""), None, row.number, business_id, register_number)
            self.directory.add(planned, municipality_id)
        return result

    def _match(self, row, clean, municipality_id, errors):
        """The association already in the directory that the row refers to, if any."""
        business_id = clean.fields.get("business_id", "")
        register_number = clean.fields.get("register_number", "")
        title = clean.fields.get("title", "")
        match = self.directory.find(business_id, register_number, title, municipality_id)
        if match is not None and match.row is not None:
            message = _("The same association is already on row %(row)s.") % {"row": match.row}
            errors.append(RowError("name_fi", message))
            return None
        self._check_identifiers_free(match, business_id, register_number, errors)
        # A new association needs what the model requires; an update keeps what a row leaves out.
        summary_reported = any(error.column == "summary_fi" for error in errors)
        if match is None and not row.values["summary_fi"] and not summary_reported:
            errors.append(RowError("summary_fi", _("The summary in Finnish is missing.")))
        return match

    def _check_unique_in_file(self, number, business_id, register_number, seen, errors):
        """The same business ID or register number twice in one file: the later row is the error."""
        for column, value, message in (
            ("business_id", business_id, _("The business ID %(value)s is already on row %(row)s.")),
            (
                "register_number",
                register_number,
                _("The register number %(value)s is already on row %(row)s."),
            ),
        ):
            if not value:
                continue
            if value in seen[column]:
                errors.append(RowError(column, message % {"value": value, "row": seen[column][value]}))
            else:
                seen[column][value] = number

    def _check_identifiers_free(self, match, business_id, register_number, errors):
        """A business ID or register number may belong to one association only (the model's rule too)."""
        for value, index, column, message in (
            (
                business_id,
                self.directory.by_business_id,
                "business_id",
                _("Another association already has this business ID."),
            ),
            (
                register_number,
                self.directory.by_register_number,
                "register_number",
                _("Another association already has this register number."),
            ),
        ):
            owner = index.get(value) if value else None
            if owner is not None and owner is not match and owner.row is None:
                errors.append(RowError(column, message))

    def _clean(self, row, errors):
        """Convert and validate one row, adding a RowError for every problem."""
        values = row.values
        if not values["name_fi"]:
            errors.append(RowError("name_fi", _("The name in Finnish is missing.")))
        municipality = self._municipality(values["municipality"], errors)
        categories = self._terms(
            values, "categories", self.categories, errors, _("Unknown category: %(values)s.")
        )
        target_groups = self._terms(
            values, "target_groups", self.target_groups, errors, _("Unknown target group: %(values)s.")
        )
        fields = self._fields(row, errors)
        activities, activities_sv = self._activities(row, errors)
        if activities is not None:
            fields["activities"] = activities

        self._validate_fields(AssociationPage(**fields), fields, FIELD_COLUMNS, errors)
        swedish = {"title": values["name_sv"], "summary": values["summary_sv"]}
        swedish = {name: value for name, value in swedish.items() if value}
        self._validate_fields(AssociationPage(**swedish), swedish, SWEDISH_FIELD_COLUMNS, errors)

        return CleanRow(
            fields=fields,
            municipality=municipality,
            categories=categories,
            target_groups=target_groups,
            name_sv=values["name_sv"],
            summary_sv=values["summary_sv"],
            description_sv=text_to_paragraphs(values["description_sv"]) or None,
            activities_sv=activities_sv,
        )

    def _municipality(self, value, errors):
        if not value:
            errors.append(RowError("municipality", _("The home municipality is missing.")))
            return None
        municipality = self.municipalities.get(value)
        if municipality is None:
            message = _(
                "Unknown municipality “%(value)s”: give a Statistics Finland code such as 297 "
                "or a municipality name."
            )
            errors.append(RowError("municipality", message % {"value": value}))
        return municipality

    def _fields(self, row, errors):
        """The model field values of the columns the row gives, converted as the admin's form would."""
        values = row.values
        given = {column for column, value in values.items() if value}
        fields = {COLUMN_FIELDS[column]: values[column] for column in given & set(COLUMN_FIELDS)}
        if "business_id" in fields:
            fields["business_id"] = normalise_business_id(fields["business_id"])
        if "website" in fields:
            fields["website"] = _website(fields["website"])
        for column in DECIMAL_COLUMNS:
            if column in fields:
                fields[column] = _decimal(fields[column])
        if ("latitude" in given) != ("longitude" in given):
            missing = "longitude" if "latitude" in given else "latitude"
            errors.append(RowError(missing, _("Give both latitude and longitude, or neither.")))
        if "languages" in given:
            fields["service_languages"] = self._languages(values["languages"], errors)
        description_fi = text_to_paragraphs(values["description_fi"])
        if description_fi:
            fields["description"] = description_blocks(description_fi)
        return fields

    def _validate_fields(self, instance, fields, columns, errors):
        """Run the model fields' own validators on the given values and report errors on their columns."""
        try:
            instance.clean_fields(exclude=ALL_FIELD_NAMES - set(fields))
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                for message in messages:
                    errors.append(RowError(columns.get(name, name), message))
            return
        # clean_fields converted the values (text to numbers, decimals); keep the converted ones.
        for name in fields:
            fields[name] = getattr(instance, name)

    def _terms(self, values, column, taxonomy, errors, message):
        if not values[column]:
            return None
        terms, unknown = [], []
        for item in split_list(values[column]):
            term = taxonomy.get(item)
            if term is None:
                unknown.append(item)
            elif term not in terms:
                terms.append(term)
        if unknown:
            errors.append(RowError(column, message % {"values": ", ".join(unknown)}))
        return terms

    def _languages(self, value, errors):
        codes, unknown = set(), []
        for item in split_list(value):
            code = item.lower()
            if code in LANGUAGE_ORDER:
                codes.add(code)
            elif code in ISO_639_1:
                codes.add("other")
            else:
                unknown.append(item)
        if unknown:
            errors.append(
                RowError(
                    "languages",
                    _("Unknown language code: %(values)s. Use two-letter codes such as fi, sv or en.")
                    % {"values": ", ".join(unknown)},
                )
            )
        return [code for code in LANGUAGE_ORDER if code in codes]

    def _activities(self, row, errors):
        """Recurring activities of a generated row, with the target group's slug turned into its id."""
        activities = row.extras.get("activities")
        if not activities:
            return None, None
        blocks = []
        for activity in activities:
            value = dict(activity)
            target_group = value.get("target_group")
            if isinstance(target_group, str):
                term = self.target_groups.get(target_group)
                if term is None:
                    errors.append(
                        RowError(
                            "activities", _("Unknown target group: %(values)s.") % {"values": target_group}
                        )
                    )
                value["target_group"] = term.pk if term else None
            blocks.append({"type": "activity", "value": value, "id": str(uuid.uuid4())})
        return blocks, row.extras.get("activities_sv")
