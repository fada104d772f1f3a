"""Sections that apps above this one add to an association's profile page.

The profile shows the association's news, events, programme actions (and later its networks and
volunteer tasks), but those apps sit above associations, so the page cannot import them. Each of them
registers a Wagtail hook instead::

    @hooks.register(PROFILE_SECTIONS_HOOK)
    def my_section(page):
        items = ...
        return ProfileSection("myapp/association_profile_section.html", order=30, items=items)

The hook gets the (live) AssociationPage and returns a ProfileSection, or None when it has nothing to
show. The profile renders the sections by `order`, each template with the page's context plus `section`.
"""

from wagtail import hooks

PROFILE_SECTIONS_HOOK = "association_profile_sections"


class ProfileSection:
    """A template and the values it shows; templates read the values as attributes (section.events)."""

    def __init__(self, template, order=100, **values):
        self.template = template
        self.order = order
        self.__dict__.update(values)


def profile_sections(page):
    """The sections registered for `page`, in their order (sections with nothing to show are left out)."""
    sections = [section for hook in hooks.get_hooks(PROFILE_SECTIONS_HOOK) if (section := hook(page))]
    return sorted(sections, key=lambda section: section.order)
