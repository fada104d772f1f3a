"""Fixtures shared by every app's tests: locales, a site with a Finnish home page, users."""

import pytest
from wagtail.models import Locale, Page, Site

from home.factories import HomePageFactory


@pytest.fixture
def finnish(db):
    return Locale.objects.get(language_code="fi")


@pytest.fixture
def swedish(db):
    return Locale.objects.get(language_code="sv")


@pytest.fixture
def home_page(finnish):
    """A live Finnish home page as the root of the default site (Wagtail's welcome page removed)."""
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root, locale=finnish, slug="etusivu")
    site = Site.objects.get(is_default_site=True)
    welcome = site.root_page
    site.root_page = home
    site.save()
    welcome.delete()
    return home


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("paakayttaja", "admin@example.fi", "salasana-123")


@pytest.fixture
def association_index(home_page):
    """The Finnish association directory under the home page."""
    from associations.factories import AssociationIndexPageFactory

    return AssociationIndexPageFactory(parent=home_page)


@pytest.fixture
def coordinator(django_user_model):
    """A member of the coordinators' group (Koordinaattorit) created by the associations migration."""
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user(
        "koordinaattori", "koordinaattori@example.fi", "salasana-123"
    )
    user.groups.add(Group.objects.get(name="Koordinaattorit"))
    return user
