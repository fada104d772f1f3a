"""Public open-data downloads of the directory (filled in by the import/export work)."""

urlpatterns = []
