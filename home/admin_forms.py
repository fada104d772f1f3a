"""Admin forms that offer translatable choices (categories, municipalities, target groups) in one language.

Categories, municipalities and target groups exist once per language. Wagtail's form would list every
language's rows in the same checkbox list ("Kuopio" twice, "Muut" next to "Övriga"), so an editor of a
Finnish page could tick a Swedish category by mistake. These forms keep only the rows in the language of
the page being edited; wagtail-localize then links the Swedish translation to the Swedish rows.
"""

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Page, TranslatableMixin


def limit_choices_to_locale(form):
    locale_id = getattr(form.instance, "locale_id", None)
    if locale_id is None:
        return
    for field in form.fields.values():
        queryset = getattr(field, "queryset", None)
        if queryset is None:
            continue
        model = queryset.model
        # Pages are chosen with the page chooser, which has its own language switch.
        if issubclass(model, TranslatableMixin) and not issubclass(model, Page):
            field.queryset = queryset.filter(locale_id=locale_id)


class LocalisedChoicesPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit_choices_to_locale(self)
