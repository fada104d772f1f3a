"""Public open-data downloads of the directory (CSV and JSON, CC BY 4.0)."""

from django.urls import path

from associations import open_data

urlpatterns = [
    path("open-data.csv", open_data.open_data_csv, name="associations_open_data_csv"),
    path("open-data.json", open_data.open_data_json, name="associations_open_data_json"),
]
