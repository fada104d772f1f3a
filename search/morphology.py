"""Finnish and Swedish word forms for search, the same way at index time and at query time.

Finnish inflects and compounds: "omaishoitajille" is a form of "omaishoitaja", and
"mielenterveysyhdistykselle" is "mielenterveysyhdistys", made of "mielenterveys" and "yhdistys". The
search engines see words only as they are written, so every indexed text also gets a field of its
*forms*: for each word its base forms and the base forms of its compound parts, folded to lower case
without accents. A query is reduced the same way, and each query word then matches any of its forms.
Because the work happens here rather than in an engine's analyser, it works with every search backend,
the database one included.

- Finnish: Voikko (Debian's libvoikko1 and voikko-fi, Python's libvoikko). Where Voikko is missing (a
  plain `make run` machine) Finnish words go through the Snowball Finnish stemmer instead, and one
  warning is logged.
- Swedish: the Snowball Swedish stemmer.

Words are analysed once per process (an LRU cache), because the same words come back in every text.
"""

import logging
import re
import unicodedata
from functools import lru_cache

import snowballstemmer

logger = logging.getLogger(__name__)

WORD = re.compile(r"\w+(?:[-']\w+)*", re.UNICODE)
MIN_PART_LENGTH = 3  # shorter compound parts ("ja", "ns") are suffixes, not words
CACHE_SIZE = 200_000

_voikko = None
_voikko_checked = False


def fold(text):
    """Lower case without accents: "Siilinjärvellä" → "siilinjarvella" (ä, ö and å lose their dots)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def words(text):
    return WORD.findall(text or "")


def voikko():
    """The Finnish Voikko analyser, or None (with one warning) when libvoikko is not installed."""
    global _voikko, _voikko_checked
    if not _voikko_checked:
        _voikko_checked = True
        try:
            import libvoikko

            _voikko = libvoikko.Voikko("fi")
        except (ImportError, OSError) as error:
            logger.warning(
                "Voikko is not available (%s): Finnish search uses the Snowball stemmer instead. "
                "Install Debian's libvoikko1 and voikko-fi for base forms and compound words.",
                error,
            )
            _voikko = None
    return _voikko


def morphology_engine():
    """ "voikko" or "snowball": what Finnish words go through on this machine."""
    return "voikko" if voikko() is not None else "snowball"


@lru_cache(maxsize=8)
def _stemmer(language):
    return snowballstemmer.stemmer({"fi": "finnish", "sv": "swedish"}[language])


@lru_cache(maxsize=CACHE_SIZE)
def base_forms(word, language):
    """The word itself and its base forms (Voikko) or its stem (Snowball), folded.

    An unknown word passes through as itself, so names and codes are still found.
    """
    forms = {fold(word)}
    if language == "fi" and (analyser := voikko()) is not None:
        forms.update(
            fold(analysis["BASEFORM"]) for analysis in analyser.analyze(word) if analysis.get("BASEFORM")
        )
        if len(forms) == 1:
            # Voikko does not know the word (a name, a typo): the stem still matches its other forms.
            forms.add(fold(_stemmer("fi").stemWord(word.casefold())))
    elif language in ("fi", "sv"):
        forms.add(fold(_stemmer(language).stemWord(word.casefold())))
    return frozenset(form for form in forms if form)


@lru_cache(maxsize=CACHE_SIZE)
def word_forms(word, language):
    """What an indexed word is found by: its base forms and, for Finnish compounds, their parts."""
    forms = set(base_forms(word, language))
    if language == "fi" and (analyser := voikko()) is not None:
        for analysis in analyser.analyze(word):
            if base := analysis.get("BASEFORM"):
                forms.update(fold(part) for part in _compound_parts(analyser, base, analysis))
    return frozenset(form for form in forms if form)


def _compound_parts(analyser, base, analysis):
    """The base forms of the parts of a compound word, and of its longer tails and heads.

    Voikko's STRUCTURE marks where the parts of the written word begin ("=" before each part). Cutting
    the base form at the same places gives its heads and tails: "mielenterveysyhdistys" gives
    "mielenterveys" + "yhdistys" and "mielen" + "terveysyhdistys". Each piece is kept in its base form
    when Voikko knows it as a word of its own.
    """
    structure = analysis.get("STRUCTURE", "")
    cuts, position = [], 0
    for char in structure:
        if char == "=":
            if position:
                cuts.append(position)
            continue
        position += 1
    parts = []
    for cut in cuts:
        if cut >= len(base):
            continue
        for piece in (base[:cut], base[cut:]):
            if len(piece) < MIN_PART_LENGTH:
                continue
            known = analyser.analyze(piece)
            if known:
                parts.extend(result["BASEFORM"] for result in known if result.get("BASEFORM"))
    return parts


def index_text(text, language):
    """All forms of all words of `text`, space-separated, for a search field of the forms."""
    seen, forms = set(), []
    for word in words(text):
        for form in sorted(word_forms(word, language)):
            if form not in seen:
                seen.add(form)
                forms.append(form)
    return " ".join(forms)


def query_words(text, language):
    """The words of a query, each with its base forms: a query word matches an indexed word when
    one of these is among the indexed word's forms (so "yhdistykset" finds "mielenterveysyhdistys")."""
    return [(fold(word), sorted(base_forms(word, language))) for word in words(text)]
