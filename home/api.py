"""What every API view of the project shares: reading query parameters (a clear 400 or 404 with a
message for anything odd) and the OpenAPI shape of those errors.

Wagtail's API v2 views answer BadRequestError with 400 and Http404 with 404, both as {"message": ...}.
"""

from django.http import Http404
from drf_spectacular.utils import inline_serializer
from rest_framework import serializers
from wagtail.api.v2.utils import BadRequestError
from wagtail.models import Locale

from home.parameters import MAX_OFFSET, MAX_TEXT_LENGTH, InvalidNumber, whole_number

ERROR = inline_serializer("Error", {"message": serializers.CharField()})
ERRORS = {400: ERROR, 404: ERROR}


def api_locale(request):
    """The Locale named by ?locale= (Finnish without it); 404 with the known codes for an unknown one."""
    code = request.GET.get("locale", "fi")
    locale = Locale.objects.filter(language_code=code).first()
    if locale is None:
        # An unknown locale is a resource that does not exist, not a malformed request.
        codes = ", ".join(Locale.objects.values_list("language_code", flat=True))
        raise Http404(f"Unknown locale '{code}': use one of {codes}.")
    return locale


def api_number(request, name, default, maximum=MAX_OFFSET):
    """The whole number in ?name= (ASCII digits, 0 to `maximum`: home.parameters), `default` when it is
    left out; 400 with a message for anything else, an empty value too (the document says integer)."""
    value = request.GET.get(name)
    if value is None:
        return default
    if value == "":
        raise BadRequestError(f"'{name}' cannot be empty: give a value or leave the parameter out.")
    try:
        return whole_number(value, name, maximum=maximum)
    except InvalidNumber as error:
        raise BadRequestError(str(error)) from None


def api_text(request, name, required=False, minimum=0):
    """The parameter as given is checked for length; what is left of it without spaces is returned (only
    spaces find nothing, with 200)."""
    # A NUL or other control character never gets here: ControlCharacterMiddleware answers 400.
    text = request.GET.get(name, "")
    if len(text) > MAX_TEXT_LENGTH:
        raise BadRequestError(f"'{name}' can be at most {MAX_TEXT_LENGTH} characters.")
    if required and len(text) < max(minimum, 1):
        raise BadRequestError(f"'{name}' needs at least {max(minimum, 1)} characters.")
    return text.strip()


def check_parameters(request, known):
    """400 naming the unknown parameters: a misspelt filter must not silently return everything."""
    unknown = sorted(set(request.GET) - set(known))
    if unknown:
        raise BadRequestError(
            f"Unknown query parameters: {', '.join(unknown)}. Known: {', '.join(sorted(known))}."
        )
