"""Words as the search index holds them, and a text's matches marked in context: pure functions of text.

A word is lower-cased and stemmed in its text's language (Snowball, the stemmers PostgreSQL's own configurations
use), so that "plateformes" finds "plateforme"; Chinese, written without spaces, is indexed as its pairs of
characters (and a character alone where it stands alone), so that any word of two characters or more is found.
The embedded SQLite index (FTS5) holds these words; PostgreSQL stems with its own configuration per language, and
Chinese through these pairs. The highlighting of results uses them for every database.
"""

import functools
import html
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

import snowballstemmer

STEMMERS = {"en": "english", "fr": "french", "es": "spanish", "ru": "russian", "ar": "arabic"}
# PostgreSQL's text search configuration for each language; Chinese goes through the pairs, with no stemming.
POSTGRES_CONFIGS = {"en": "english", "fr": "french", "es": "spanish", "ru": "russian", "ar": "arabic", "zh": "simple"}
MAX_QUERY_LENGTH = 200  # characters of a query looked at; the rest is not searched for
MAX_QUERY_WORDS = 12

_WORD = re.compile(r"[^\W_]+")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af]+")


@functools.cache
def _stemmer(language: str):
    name = STEMMERS.get(language)
    return snowballstemmer.stemmer(name) if name else None


def _fold(word: str) -> str:
    """Lower case, compatibility forms (full-width letters, ligatures) folded, Arabic's short vowels dropped."""
    word = unicodedata.normalize("NFKC", word).casefold()
    return "".join(character for character in word if unicodedata.category(character) != "Mn")


def _pieces(text: str) -> Iterator[tuple[int, int, str]]:
    """Each word of `text` with where it stands: apostrophes and hyphens separate words (French l', qu'), and
    runs of Chinese characters are read as their pairs."""
    for match in _WORD.finditer(text):
        word, begin = match.group(), match.start()
        position = 0
        for run in _CJK.finditer(word):
            if run.start() > position:
                yield begin + position, begin + run.start(), word[position : run.start()]
            chars = run.group()
            if len(chars) == 1:
                yield begin + run.start(), begin + run.end(), chars
            for index in range(len(chars) - 1):
                at = begin + run.start() + index
                yield at, at + 2, chars[index : index + 2]
            position = run.end()
        if position < len(word):
            yield begin + position, begin + len(word), word[position:]


@functools.lru_cache(maxsize=100_000)  # a language has far fewer words than its texts: most are stemmed before
def stem(word: str, language: str) -> str:
    folded = _fold(word)
    stemmer = _stemmer(language)
    return stemmer.stemWord(folded) if stemmer and not _CJK.search(folded) else folded


def words(text: str, language: str) -> list[str]:
    """The index's words for `text` in `language`, in order."""
    return [stem(word, language) for _start, _end, word in _pieces(text)]


def indexed(text: str, language: str) -> str:
    """What the SQLite index and PostgreSQL's Chinese hold for `text`: its words, separated by spaces."""
    return " ".join(words(text, language))


@dataclass(frozen=True)
class Query:
    """What a person typed, read as a search engine's box is: words all required, "a phrase" in quotes, OR between
    two alternatives, -word excluded."""

    required: tuple[tuple[str, ...], ...]  # each a phrase of one or more words; each alternative group below
    alternatives: tuple[tuple[tuple[str, ...], ...], ...]  # groups of phrases of which one is enough
    excluded: tuple[tuple[str, ...], ...]
    text: str  # as typed (within MAX_QUERY_LENGTH), for PostgreSQL's websearch_to_tsquery

    @property
    def empty(self) -> bool:
        return not self.required and not self.alternatives

    def phrases(self) -> list[tuple[str, ...]]:
        """Every phrase asked for (not those excluded)."""
        return [*self.required, *(phrase for group in self.alternatives for phrase in group)]


_QUERY_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')


def parse_query(typed: str) -> Query:
    """The query as typed, its words as they are written (stemmed per language when searched)."""
    text = "".join(c for c in typed[:MAX_QUERY_LENGTH] if unicodedata.category(c)[0] != "C" or c in " \t")
    groups: list[list[tuple[str, ...]]] = []
    excluded: list[tuple[str, ...]] = []
    joining = False
    for match in _QUERY_TOKEN.finditer(text):
        negated, quoted, bare = match.group(1), match.group(2), match.group(3)
        if bare is not None:
            if bare == "OR" and groups:
                joining = True
                continue
            negated, quoted = ("-", bare[1:]) if bare.startswith("-") and len(bare) > 1 else ("", bare)
        phrase = tuple(word for _start, _end, word in _pieces(quoted))
        if not phrase:
            continue
        if negated:
            excluded.append(phrase)
        elif joining:
            groups[-1].append(phrase)
        else:
            groups.append([phrase])
        joining = False
    groups = groups[:MAX_QUERY_WORDS]
    return Query(
        required=tuple(group[0] for group in groups if len(group) == 1),
        alternatives=tuple(tuple(group) for group in groups if len(group) > 1),
        excluded=tuple(excluded[:MAX_QUERY_WORDS]),
        text=text,
    )


def highlighted(text: str, stems: set[str], language: str, *, around: int = 120, symbol: str = "") -> str:
    """HTML of `text` around its first match, the words whose stem is one of `stems` (or the `symbol`) marked,
    everything else escaped; the start of the text when nothing in it matches. Words are read only as far as
    the end of what is shown, and stemmed only where their first letters could match."""
    symbol_at = re.search(re.escape(symbol), text, re.IGNORECASE) if symbol else None
    marks: list[tuple[int, int]] = []
    end = len(text)
    for start, stop, word in _candidates(text, stems):
        if start >= end:
            break
        if stem(word, language) in stems:
            if not marks:
                end = min(len(text), start + around * 2)
            marks.append((start, stop))
    first = min([m[0] for m in marks[:1]] + ([symbol_at.start()] if symbol_at else [])) if marks or symbol_at else 0
    if symbol_at:
        marks += [
            (m.start(), m.end()) for m in re.finditer(re.escape(symbol), text[: first + around * 2], re.IGNORECASE)
        ]
    marks = _merged(sorted(marks))
    begin = max(0, first - around)
    if begin:
        space = text.find(" ", begin)
        begin = space + 1 if 0 <= space < first else begin
    end = min(len(text), max(first + around * 2, begin + around * 2))
    if end < len(text):
        space = text.rfind(" ", begin, end)
        end = space if space > (marks[0][1] if marks else begin) else end
    pieces, position = [], begin
    for start, stop in marks:
        if start < begin or stop > end:
            continue
        pieces += [html.escape(text[position:start]), "<mark>", html.escape(text[start:stop]), "</mark>"]
        position = stop
    pieces.append(html.escape(text[position:end]))
    return ("…" if begin else "") + "".join(pieces) + ("…" if end < len(text) else "")


def _candidates(text: str, stems: set[str]) -> Iterator[tuple[int, int, str]]:
    """The words of `text` that could have one of `stems`: those that begin as one does (found by the regular
    expression engine, not word by word in Python), or every word where a stem is Chinese."""
    if not stems:
        return
    if any(_CJK.search(stem_) for stem_ in stems):
        yield from _pieces(text)
        return
    starts = "|".join(sorted({re.escape(stem_[:2]) for stem_ in stems}))
    for match in re.finditer(rf"(?<![^\W_])(?:{starts})[^\W_]*", text, re.IGNORECASE):
        yield match.start(), match.end(), match.group()


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def normalized_symbol(text: str) -> str:
    """A document symbol as compared: upper case, no spaces ("td/b/ede/1/3" is TD/B/EDE/1/3)."""
    return re.sub(r"\s+", "", text).upper()


def looks_like_symbol(text: str) -> bool:
    """Whether a query is a symbol (or the end of one): one piece, with a slash, as UN symbols are written."""
    text = text.strip()
    return "/" in text and " " not in text and len(text) <= 80
