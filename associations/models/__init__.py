"""Models of the associations app: the directory (taxonomies, the directory page, profiles) and the annual
association survey."""

from associations.models.directory import (
    SERVICE_LANGUAGES,
    AssociationIndexPage,
    AssociationPage,
    AssociationPageForm,
    Category,
    Municipality,
    OutdatedInfoReport,
    SluggedTerm,
    TargetGroup,
    TaxonomyTerm,
    register_number_validator,
    validate_founding_year,
)
from associations.models.survey import AssociationSurveyPage, SurveyFormField, SurveySubmission

__all__ = [
    "SERVICE_LANGUAGES",
    "AssociationIndexPage",
    "AssociationPage",
    "AssociationPageForm",
    "AssociationSurveyPage",
    "Category",
    "Municipality",
    "OutdatedInfoReport",
    "SluggedTerm",
    "SurveyFormField",
    "SurveySubmission",
    "TargetGroup",
    "TaxonomyTerm",
    "register_number_validator",
    "validate_founding_year",
]
