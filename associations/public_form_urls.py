"""Public forms of the directory: register an association, report outdated information."""

from django.urls import path, register_converter

from associations import views
from home.parameters import IdConverter

# <id:...> rather than <int:...>: 99999999999999999999 would overflow the database's integer (a 500).
register_converter(IdConverter, "id")

urlpatterns = [
    path("register/", views.register_association, name="association_register"),
    path("register/thanks/", views.register_thanks, name="association_register_thanks"),
    path("<id:page_id>/report/", views.report_outdated, name="association_report_outdated"),
    path("<id:page_id>/report/thanks/", views.report_thanks, name="association_report_outdated_thanks"),
]
