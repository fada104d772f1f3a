"""Fixtures of the programme tests: the Swedish site (`latu`, `tanssi` and `translate` are in the root
conftest)."""

import pytest


@pytest.fixture
def swedish_site(home_page, association_index, translate):
    """The Swedish home page (/sv/) and association directory (/sv/foreningar/)."""
    translate(home_page, {"Etusivu": "Startsida", "etusivu": "startsida"})
    index = translate(association_index, {"Yhdistykset": "Föreningar", "yhdistykset": "foreningar"})
    return index
