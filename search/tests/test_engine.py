"""The search engine's own parts, knowing no content type: word forms (Voikko, Snowball) and typo
tolerance."""

import pytest

from search import morphology
from search.engine import Vocabulary

# --- Morphology ------------------------------------------------------------------------------------------


@pytest.mark.skipif(morphology.voikko() is None, reason="libvoikko is not installed on this machine")
def test_voikko_gives_base_forms_and_compound_parts():
    forms = morphology.word_forms("mielenterveysyhdistykselle", "fi")
    assert {"mielenterveysyhdistys", "mielenterveys", "yhdistys"} <= forms
    assert "iisalmi" in morphology.word_forms("Iisalmessa", "fi")
    assert "siilinjarvi" in morphology.word_forms("Siilinjärvellä", "fi")
    # Unknown words pass through unchanged (folded).
    assert "xyzzyq" in morphology.word_forms("Xyzzyq", "fi")


def test_snowball_stems_swedish_and_folds_accents():
    assert morphology.base_forms("föreningar", "sv") & morphology.base_forms("förening", "sv")
    assert morphology.fold("Siilinjärvellä Ålö") == "siilinjarvella alo"


def test_without_voikko_finnish_falls_back_to_snowball_with_one_warning(monkeypatch, caplog):
    monkeypatch.setattr(morphology, "_voikko", None)
    monkeypatch.setattr(morphology, "_voikko_checked", False)
    monkeypatch.setattr("libvoikko.Voikko", lambda language: (_ for _ in ()).throw(OSError("no libvoikko")))
    morphology.base_forms.cache_clear()
    morphology.word_forms.cache_clear()
    try:
        with caplog.at_level("WARNING", logger="search.morphology"):
            first = morphology.base_forms("omaishoitajille", "fi")
            morphology.base_forms("yhdistyksille", "fi")
        assert morphology.morphology_engine() == "snowball"
        assert first & morphology.base_forms("omaishoitajat", "fi")  # the same Snowball stem
        assert len([record for record in caplog.records if "Voikko is not available" in record.message]) == 1
    finally:
        morphology.base_forms.cache_clear()
        morphology.word_forms.cache_clear()


def test_vocabulary_finds_one_edit():
    vocabulary = Vocabulary(["Iisalmen Omaishoitajat ry", "Kuopion Latu ry"])
    assert vocabulary.corrections("omaishoitajt") == {"omaishoitajat"}  # missing letter
    assert vocabulary.corrections("kuopionn") == {"kuopion"}  # extra letter
    assert vocabulary.corrections("kuopiom") == {"kuopion"}  # different letter
    assert vocabulary.corrections("latu") == set()  # short words are not corrected
