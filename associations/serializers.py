"""API representations of the directory's taxonomy terms."""

from rest_framework import serializers


class TaxonomyTermField(serializers.Field):
    """A term as its stable identifier (`code` or `slug`) and the name stored with the association.

    Pages of both languages refer to the same terms, so the identifier is what consumers should match
    on; the names of a term in each language come from the taxonomy endpoints.
    """

    def __init__(self, key, **kwargs):
        self.key = key
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        value = super().get_attribute(instance)
        # Many-to-many managers are serialised as lists of terms.
        return list(value.all()) if hasattr(value, "all") else value

    def to_representation(self, value):
        if isinstance(value, list):
            return [self.to_representation(term) for term in value]
        return {self.key: getattr(value, self.key), "name": value.name}
