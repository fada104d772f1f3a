"""The statistics page for decision-makers: figures on the association field, the programme and the annual
survey, with a page per municipality for municipal staff and CSV/XLSX downloads of the same numbers."""

from django.db import models
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from associations.directory import TaxonomyNames
from home.indexing import FormsIndexedMixin, forms_fields, page_search_fields
from home.pagination import paginate
from home.translation_links import TRANSLATIONS_FIELD, TranslationLinksMixin
from stats.exports import csv_response, xlsx_response
from stats.figures import cached, municipality_overview, tables

# The municipality pages live at kunta/<code>/ in Finnish and kommun/<code>/ in Swedish.
MUNICIPALITY_SLUGS = {"fi": "kunta", "sv": "kommun"}


class StatisticsPage(RoutablePageMixin, TranslationLinksMixin, FormsIndexedMixin, Page):
    """Tilastot: key figures for decision-makers, computed from the published content (see
    stats/figures.py), each chart with a table of the same numbers and a short summary."""

    introduction = models.TextField(
        _("introduction"),
        blank=True,
        max_length=1000,
        help_text=_("What the figures are for and where they come from, in a few sentences."),
    )

    search_fields = [*page_search_fields(), *forms_fields(), index.SearchField("introduction", boost=2)]
    api_fields = [APIField("introduction"), TRANSLATIONS_FIELD]
    content_panels = [*Page.content_panels, FieldPanel("introduction")]

    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("slug"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        TranslatableField("introduction"),
        SynchronizedField("show_in_menus"),
    ]

    template = "stats/statistics_page.html"
    parent_page_types = ["home.HomePage"]
    subpage_types = []

    ASSOCIATIONS_PER_PAGE = 50

    class Meta:
        verbose_name = _("statistics page")
        verbose_name_plural = _("statistics pages")

    def search_texts(self):
        return [self.introduction]

    def municipality_url(self, code):
        language = self.locale.language_code
        name = f"municipality_{language if language in MUNICIPALITY_SLUGS else 'fi'}"
        return self.url + self.reverse_subpage(name, kwargs={"code": code})

    def export_url(self, extension):
        return self.url + self.reverse_subpage(extension)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        figures = cached(self.locale)
        all_tables = tables(figures)
        sections = []
        for table in all_tables:
            if not sections or sections[-1][0] != table.section:
                sections.append((table.section, []))
            sections[-1][1].append(table)
        names = TaxonomyNames.cached(self.locale)
        context.update(
            {
                "figures": figures,
                "sections": sections,
                "municipalities": [
                    (name, self.municipality_url(code)) for code, name in names.municipality_choices
                ],
                "csv_url": self.export_url("csv"),
                "xlsx_url": self.export_url("xlsx"),
            }
        )
        return context

    @path("csv/", name="csv")
    def csv_view(self, request):
        return csv_response(tables(cached(self.locale)), f"{self.slug}-{self.locale.language_code}.csv")

    @path("xlsx/", name="xlsx")
    def xlsx_view(self, request):
        return xlsx_response(tables(cached(self.locale)), f"{self.slug}-{self.locale.language_code}.xlsx")

    @path("kunta/<str:code>/", name="municipality_fi")
    def municipality_fi(self, request, code):
        return self.municipality_view(request, code, "fi")

    @path("kommun/<str:code>/", name="municipality_sv")
    def municipality_sv(self, request, code):
        return self.municipality_view(request, code, "sv")

    def municipality_view(self, request, code, language):
        """One municipality for municipal staff: its associations with contacts, the programme actions
        involving it and the upcoming events of its associations."""

        if self.locale.language_code != language:
            raise Http404
        names = TaxonomyNames.cached(self.locale)
        name = dict(names.municipality_choices).get(code)
        if name is None:
            raise Http404
        overview = municipality_overview(self.locale, code, names)
        page_of_associations = paginate(request, overview["associations"], self.ASSOCIATIONS_PER_PAGE)
        context = self.get_context_base(request)
        context.update(
            {
                "municipality_name": name,
                "municipality_code": code,
                "overview": overview,
                "results": page_of_associations,
                "associations": [
                    (page, [names.name(term, "categories") for term in page.categories.all()])
                    for page in page_of_associations.object_list
                ],
            }
        )
        return TemplateResponse(request, "stats/municipality.html", context)

    def get_context_base(self, request):
        # Page.get_context without this page's own figures: the municipality page does not need them.
        return Page.get_context(self, request)
