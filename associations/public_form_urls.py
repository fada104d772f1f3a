"""Public forms of the directory: register an association, report outdated information."""

urlpatterns = []
