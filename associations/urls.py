"""Public non-page URLs of the directory, mounted under the language prefix."""

from associations.open_data_urls import urlpatterns as open_data_urlpatterns
from associations.public_form_urls import urlpatterns as public_form_urlpatterns

urlpatterns = [*open_data_urlpatterns, *public_form_urlpatterns]
