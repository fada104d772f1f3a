"""The directory in Open Referral HSDS 3.0 (Human Services Data Specification) under /api/hsds/.

- `/api/hsds/`: the HSDS version, the profile, the OpenAPI document, the publisher and the list paths.
- `organizations` and `organizations/{id}`: associations, with their identifiers (business ID and
  association register number), location, taxonomy terms and, in the detail, their services.
- `services` and `services/{id}`: the associations' recurring activities, with their weekly schedules.
- `service_at_locations` and `service_at_locations/{id}`: each service at its association's location.
- `taxonomies`, `taxonomies/{id}`, `taxonomy_terms` and `taxonomy_terms/{id}`: municipalities,
  categories and target groups.
- `profile`: how this service uses HSDS (associations/hsds/profile.py).

objects.py writes the HSDS objects, parameters.py reads each path's query parameters as the HSDS API
reference names them, views.py answers (JSON pages or ndjson) and urls.py routes both path forms.
"""

from associations.hsds.urls import urlpatterns

__all__ = ["urlpatterns"]
