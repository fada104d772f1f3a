"""Public forms of the directory: register an association, report outdated information."""

from django.urls import path

from associations import views

urlpatterns = [
    path("register/", views.register_association, name="association_register"),
    path("register/thanks/", views.register_thanks, name="association_register_thanks"),
    path("<int:page_id>/report/", views.report_outdated, name="association_report_outdated"),
    path("<int:page_id>/report/thanks/", views.report_thanks, name="association_report_outdated_thanks"),
]
