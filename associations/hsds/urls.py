"""The HSDS paths under /api/hsds/, each with and without the trailing slash (the HSDS API reference writes
them without, the rest of this API with): one pattern each, so both forms are the same route."""

from django.urls import re_path

from associations.hsds import views

# Letters, digits, hyphens: what an id may be written with (the view says whether it is a UUID). No "^"
# inside: the routes are compared as text with their anchors taken out (sakke_site/tests).
ID = r"(?P<{}>[-\w]+)"

urlpatterns = [
    re_path(r"^$", views.RootView.as_view(), name="hsds_root"),
    re_path(r"^profile/?$", views.ProfileView.as_view(), name="hsds_profile"),
    re_path(r"^organizations/?$", views.OrganizationsView.as_view(), name="hsds_organizations"),
    re_path(
        rf"^organizations/{ID.format('org_id')}/?$",
        views.OrganizationView.as_view(),
        name="hsds_organization",
    ),
    re_path(r"^services/?$", views.ServicesView.as_view(), name="hsds_services"),
    re_path(rf"^services/{ID.format('service_id')}/?$", views.ServiceView.as_view(), name="hsds_service"),
    re_path(
        r"^service_at_locations/?$", views.ServiceAtLocationsView.as_view(), name="hsds_service_at_locations"
    ),
    re_path(
        rf"^service_at_locations/{ID.format('service_at_location_id')}/?$",
        views.ServiceAtLocationView.as_view(),
        name="hsds_service_at_location",
    ),
    re_path(r"^taxonomies/?$", views.TaxonomiesView.as_view(), name="hsds_taxonomies"),
    re_path(
        rf"^taxonomies/{ID.format('taxonomy_id')}/?$", views.TaxonomyView.as_view(), name="hsds_taxonomy"
    ),
    re_path(r"^taxonomy_terms/?$", views.TaxonomyTermsView.as_view(), name="hsds_taxonomy_terms"),
    re_path(
        rf"^taxonomy_terms/{ID.format('term_id')}/?$",
        views.TaxonomyTermView.as_view(),
        name="hsds_taxonomy_term",
    ),
]
