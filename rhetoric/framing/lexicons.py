"""Dictionaries of terms by category, and the matcher that finds their occurrences in a text.

A :class:`Lexicon` maps categories (frames, moral foundations, hedges...) to terms. It is built
from a dict, a CSV, a LIWC-style ``.dic`` file, or a folder of the package's own ``.txt`` files,
and every source is matched the same way:

* **Single words** match their inflections through WordNet base forms: ``tax`` finds "taxes"
  and "taxed", ``attack`` finds "attacked". Write entries in their base form.
* **A final ``*``** matches any ending (LIWC convention): ``terror*`` finds "terror",
  "terrorist", "terrorism"; ``counterterror*`` also finds "counter-terrorism", because a hyphen
  inside a word is ignored when a word is compared with an entry. The package's own lexicons
  (``wildcards="forms"``) ask more where the part before the ``*`` is a word itself: the
  ending must make a form of that word (:func:`extends_stem`), so that ``war*`` finds
  "warfare", "warring" and "wartime" but not "warning", "warm" or "Warsaw", and ``islam*``
  finds "Islamic" but not "Islamabad". A lexicon read from a file or a dict keeps LIWC's rule
  unless asked (``wildcards="forms"``), so that its counts stay comparable with LIWC's.
* **Several words** make a multiword term (``interest rate``); each word matches as above and
  the words must be adjacent (only spaces, a line break or a hyphen between them). The longest
  term wins: where ``social security`` is a term, its "security" is not also a hit.
* **An entry with capitals** matches case-sensitively (``AIDS`` the disease, not "aids" the verb).
* **An exclusion** (``!pay attention``) is a phrase inside which the category's terms do not
  count: "pay" is an economic word, but not in "pay attention".
* A hyphenated word that matches nothing as a whole is looked at part by part, so "ISIS-led"
  yields a hit on its "ISIS".

Possessive ``'s`` is ignored. Curly quotes and dashes are folded by :func:`rhetoric.text.normalize`
before matching, and every hit carries offsets into the original text.
"""

from __future__ import annotations

import csv
import io
import math
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import compress
from operator import itemgetter
from pathlib import Path

import pandas as pd

from rhetoric.errors import InputError, UsageError, invalid_value
from rhetoric.text import Document, Token, per_document, word_key

#: Columns of :attr:`Lexicon.table`.
TERM_COLUMNS = ["category", "term", "weight", "source"]

_SECTION = re.compile(r"^\[([\w\- ]+)\]$")
_HYPHEN = "-"


@dataclass(frozen=True)
class Term:
    """One lexicon entry: its words (patterns), category, weight and where it came from."""

    category: str
    text: str
    weight: float = 1.0
    source: str = ""
    exclusion: bool = False

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(self.text.split())


@dataclass(frozen=True)
class Hit:
    """An occurrence of a lexicon term: character offsets, token range and the term matched.

    ``weight`` is the term's weight divided by the number of categories that claim the same
    stretch of text (its *specificity*): a word listed under two frames counts half to each.
    """

    start: int
    end: int
    category: str
    term: str
    weight: float
    n_words: int
    first: int  # index of the first matching token
    last: int  # exclusive


def _clean_entry(text: str) -> str:
    """Normalise an entry as written by a user: folded quotes, single spaces, lower case unless capitals."""
    from rhetoric.text import normalize

    words = text.strip().split()
    out = []
    for word in words:
        folded = normalize(word)
        out.append(
            word.translate(str.maketrans("\u2019\u2018", "''")) if word != word.lower() else folded
        )
    return " ".join(out)


class Lexicon:
    """Terms by category, matched on word forms, wildcards and multiword phrases.

    Parameters
    ----------
    terms : iterable of Term
        The entries, exclusions included. Build lexicons with :meth:`from_dict`,
        :meth:`from_csv`, :meth:`from_dic`, :meth:`read` or :meth:`policy_frames` rather than by
        hand.
    name : str, default "custom"
        A label for messages and tables.
    wildcards : {"any", "forms"}, default "any"
        What a final ``*`` matches: any ending (``"any"``, LIWC's convention), or, where the
        part before the ``*`` is a word, only the endings that make a form of it (``"forms"``,
        :func:`extends_stem`; the package's own lexicons).

    Examples
    --------
    >>> lex = Lexicon.from_dict({"care": ["care", "protect*", "!take care of"], "harm": ["hurt*", "cruel"]})
    >>> lex.categories
    ('care', 'harm')
    >>> [(h.category, h.term) for h in lex.match("They protected the weak and hurt no one.")]
    [('care', 'protect*'), ('harm', 'hurt*')]
    """

    def __init__(self, terms: Iterable[Term], *, name: str = "custom", wildcards: str = "any"):
        if wildcards not in WILDCARDS:
            raise invalid_value("wildcards", wildcards, WILDCARDS)
        self.terms = tuple(terms)
        self.name = name
        self.wildcards = wildcards
        self._compiled: _Compiled | None = None

    def __getstate__(self) -> dict:
        """Pickled without its compiled patterns, which each process compiles from the terms:
        of two terms of one frame equally heavy on the same words (``dollar*``, ``dollars``) the
        first in the order of their compiled sets counts, and sets unpickled in another order
        would make frame scores depend on ``n_jobs`` and on what ran before."""
        return {**self.__dict__, "_compiled": None}

    def __repr__(self) -> str:
        n = sum(not t.exclusion for t in self.terms)
        return f"Lexicon({self.name!r}, {len(self.categories)} categories, {n} terms)"

    def __len__(self) -> int:
        return sum(not t.exclusion for t in self.terms)

    @property
    def categories(self) -> tuple[str, ...]:
        """The categories with at least one term, in order of first appearance."""
        return tuple(dict.fromkeys(t.category for t in self.terms if not t.exclusion))

    @property
    def table(self) -> pd.DataFrame:
        """The terms as a table (exclusions shown with a leading ``!``).

        Returns
        -------
        pandas.DataFrame
            Columns ``category`` (str), ``term`` (str), ``weight`` (float), ``source`` (str).
        """
        rows = [
            (t.category, ("!" if t.exclusion else "") + t.text, t.weight, t.source)
            for t in self.terms
        ]
        return pd.DataFrame(rows, columns=TERM_COLUMNS)

    # --- constructors -------------------------------------------------------------------------

    @classmethod
    def from_dict(
        cls,
        mapping: Mapping[str, Iterable[str] | Mapping[str, float]],
        *,
        name: str = "custom",
        wildcards: str = "any",
    ) -> Lexicon:
        """Build from ``{category: [term, ...]}`` or ``{category: {term: weight}}``.

        A term that starts with ``!`` is an exclusion for its category. A weight that is not a
        finite number raises :class:`~rhetoric.errors.UsageError` naming the category and term.
        """
        if not isinstance(mapping, Mapping):
            raise TypeError(
                f"lexicon must be a dict of category -> terms, not {type(mapping).__name__}"
            )
        terms = []
        for category, entries in mapping.items():
            if isinstance(entries, str):
                raise TypeError(
                    f"the terms of category {category!r} must be a list of str, not a single str; "
                    f"wrap it in a list: [{entries!r}]"
                )
            items = entries.items() if isinstance(entries, Mapping) else ((e, 1.0) for e in entries)
            for entry, weight in items:
                value = _weight(weight)
                if value is None:
                    raise UsageError(
                        f"lexicon category {category!r}, term {entry!r}: weight {weight!r} is not "
                        "a number"
                    )
                term = _make_term(str(category), str(entry), value, "dict")
                if term is not None:
                    terms.append(term)
        return cls(terms, name=name, wildcards=wildcards)

    @classmethod
    def from_csv(
        cls, path: str | os.PathLike, *, name: str | None = None, wildcards: str = "any"
    ) -> Lexicon:
        """Read a CSV with columns ``category`` (or ``frame``), ``term``, optional ``weight``.

        Lines starting with ``#`` are comments (provenance notes). A row without a category or
        term, or with a weight that is not a number, raises :class:`~rhetoric.errors.InputError`
        naming the file, line and field.
        """
        path = Path(path)
        text = _read(path)
        numbered = [
            (number, line)
            for number, line in enumerate(text.splitlines(), 1)
            if line.strip() and not line.lstrip().startswith("#")
        ]
        reader = csv.DictReader(io.StringIO("\n".join(line for _, line in numbered)))
        fields = {f.strip().lower(): f for f in reader.fieldnames or []}
        category_field = fields.get("category") or fields.get("frame")
        if category_field is None or "term" not in fields:
            raise InputError(
                f"{path}: a lexicon CSV needs columns 'category' (or 'frame') and 'term', found {list(fields)}"
            )
        terms = []
        for row in reader:
            where = f"{path}, line {numbered[reader.line_num - 1][0]}"
            for field in (category_field, fields["term"]):
                if row[field] is None:
                    raise InputError(f"{where}: no {field!r} field (the row is too short)")
                if not row[field].strip():
                    raise InputError(f"{where}: the {field!r} field is empty")
            value = row.get(fields.get("weight", "")) or "1"
            weight = _weight(value)
            if weight is None:
                raise InputError(f"{where}: field {fields['weight']!r}: {value!r} is not a number")
            term = _make_term(row[category_field].strip(), row[fields["term"]], weight, path.name)
            if term is not None:
                terms.append(term)
        return cls(terms, name=name or path.stem, wildcards=wildcards)

    @classmethod
    def from_dic(
        cls, path: str | os.PathLike, *, name: str | None = None, wildcards: str = "any"
    ) -> Lexicon:
        """Read a LIWC-style ``.dic`` file (as used by the Moral Foundations Dictionary).

        The file has a header between two ``%`` lines numbering the categories
        (``1<TAB>HarmVirtue``), then one entry per line followed by its category numbers
        (``safe*<TAB>1``). An entry may belong to several categories.
        """
        path = Path(path)
        lines = _read(path).splitlines()
        marks = [i for i, line in enumerate(lines) if line.strip() == "%"]
        if len(marks) < 2:
            raise InputError(
                f"{path}: not a LIWC-style .dic file (no '%' header with the category numbers)"
            )
        numbers = {}
        for line in lines[marks[0] + 1 : marks[1]]:
            parts = line.split()
            if len(parts) >= 2:
                numbers[parts[0]] = " ".join(parts[1:])
        by_code: dict[str, list[Term]] = {code: [] for code in numbers}
        for line in lines[marks[1] + 1 :]:
            if "\t" in line:  # entry, then its category numbers (in one or several fields)
                entry, _, rest = line.partition("\t")
                codes = rest.split()
            else:  # entry words, then the trailing category numbers
                words = line.split()
                cut = len(words)
                while cut > 1 and words[cut - 1] in numbers:
                    cut -= 1
                entry, codes = " ".join(words[:cut]), words[cut:]
            entry = entry.strip()
            codes = [code for code in codes if code in numbers]
            if not entry or not codes:
                continue
            for code in codes:
                term = _make_term(numbers[code], entry, 1.0, path.name)
                if term is not None:
                    by_code[code].append(term)
        terms = [term for code in numbers for term in by_code[code]]  # header order
        return cls(terms, name=name or path.stem, wildcards=wildcards)

    @classmethod
    def from_folder(
        cls, folder: str | os.PathLike, *, name: str | None = None, wildcards: str = "any"
    ) -> Lexicon:
        """Read a folder of ``<category>.txt`` files in the package's own format (see the README of
        ``rhetoric/resources/frames``): comments start with ``#``, ``[section]`` lines name the
        provenance of the terms below them, ``term<TAB>weight`` sets a weight. Its wildcards
        follow ``wildcards`` (LIWC's any ending unless ``"forms"``, the rule the package's own
        lexicons are matched with)."""
        folder = Path(folder)
        files = sorted(folder.glob("*.txt"))
        if not files:
            raise InputError(f"{folder}: no <category>.txt lexicon files")
        return cls(
            [t for f in files for t in _read_txt(f.stem, _read(f), f.name, f)],
            name=name or folder.name,
            wildcards=wildcards,
        )

    @classmethod
    def read(
        cls, path: str | os.PathLike, *, name: str | None = None, wildcards: str = "any"
    ) -> Lexicon:
        """Read a lexicon file or folder, choosing the reader by suffix (``.csv``, ``.dic``, ``.txt``).

        A path that does not exist raises :class:`~rhetoric.errors.InputError`."""
        path = Path(path)
        if not path.exists():
            raise InputError(
                f"{path}: no such file or folder (a lexicon is a .csv, .dic or .txt file, or a "
                "folder of <category>.txt files)"
            )
        if path.is_dir():
            return cls.from_folder(path, name=name, wildcards=wildcards)
        suffix = path.suffix.lower()
        if suffix == ".csv":
            return cls.from_csv(path, name=name, wildcards=wildcards)
        if suffix == ".dic":
            return cls.from_dic(path, name=name, wildcards=wildcards)
        if suffix == ".txt":
            return cls(
                _read_txt(path.stem, _read(path), path.name, path),
                name=name or path.stem,
                wildcards=wildcards,
            )
        raise invalid_value("lexicon file suffix", suffix, [".csv", ".dic", ".txt"])

    @classmethod
    def policy_frames(cls) -> Lexicon:
        """The built-in lexicon of the 14 Policy Frames Codebook frames that have one.

        The files live in ``rhetoric/resources/frames/``; each documents its provenance in its
        header. Loaded once per process.
        """
        return _builtin("frames", "policy_frames")

    # --- matching -----------------------------------------------------------------------------

    def match(self, text_or_doc: str | Document) -> list[Hit]:
        """Every occurrence of the lexicon's terms, leftmost-longest, in text order.

        Returns
        -------
        list of Hit
            One hit per category per matched stretch (a stretch claimed by two categories gives
            two hits, each with half the weight).
        """
        from rhetoric.text import as_document

        doc = as_document(text_or_doc)
        if self._compiled is None:
            self._compiled = _Compiled(self.terms, forms_only=self.wildcards == "forms")
        return self._compiled.match(doc)


def _make_term(category: str, entry: str, weight: float, source: str) -> Term | None:
    entry = entry.strip()
    if not entry or not category:
        return None
    exclusion = entry.startswith("!")
    text = _clean_entry(entry.lstrip("!"))
    if not text:
        return None
    return Term(category, text, weight, source, exclusion)


def _weight(value: object) -> float | None:
    """``value`` as a finite float, or ``None`` when it is not a number."""
    try:
        weight = float(value)
    except (TypeError, ValueError):
        return None
    return weight if math.isfinite(weight) else None


def _read(path: Path) -> str:
    from rhetoric.text import read_text

    # a byte-order mark (a CSV saved as "CSV UTF-8" by Excel) is no part of the first field
    return read_text(path).removeprefix("\ufeff")


def _read_txt(category: str, text: str, filename: str, path: Path | None = None) -> list[Term]:
    """Parse one ``<category>.txt`` file: comments, ``[section]`` provenance, ``term<TAB>weight``.

    A weight that is not a number raises :class:`~rhetoric.errors.InputError` naming the file
    (``path``, else ``filename``) and line."""
    terms, section = [], "unsectioned"
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.split(" #", 1)[0].strip() if not raw.lstrip().startswith("#") else ""
        if not line:
            continue
        heading = _SECTION.match(line)
        if heading:
            section = heading.group(1).strip()
            continue
        entry, weight = line, 1.0
        if "\t" in line:
            entry, _, value = line.partition("\t")
            weight = _weight(value.strip() or "1")
            if weight is None:
                raise InputError(
                    f"{path or filename}, line {number}: the weight {value.strip()!r} of "
                    f"{entry.strip()!r} is not a number"
                )
        term = _make_term(category, entry, weight, f"{filename}:{section}")
        if term is not None:
            terms.append(term)
    return terms


@lru_cache(maxsize=8)
def _builtin(folder: str, name: str) -> Lexicon:
    root = resources.files("rhetoric").joinpath("resources", folder)
    terms = []
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".txt"):
            text = entry.read_text(encoding="utf-8")
            terms.extend(_read_txt(entry.name.removesuffix(".txt"), text, entry.name))
    return Lexicon(terms, name=name, wildcards="forms")


# --- what a wildcard's ending may be ---------------------------------------------------------

#: What a final ``*`` may match (:class:`Lexicon`'s ``wildcards``).
WILDCARDS = ("any", "forms")

#: Endings of inflection and derivation, matched alone or chained ("-ic" + "-al" + "-ly").
_ENDINGS = (
    "s es ed ing er ers or ors ee ees ist ists ism isms an ans ian ians ic ics al als ly ful fully less "
    "ness ment ments ship ships hood dom y ies ied ier iest ily ity ities ty ties ive ives ion "
    "ions ation ations ize izes ized izing ization izations ise ises ised ising isation able ably "
    "ability ible ous ious ously ry ery ary ant ants ance ences ence ent ents ency cy ure ures ulent "
    "ate ates arian arians ine ines inal eer eers eering "
    "ophobia ophobic ophobe ophobes"
).split()
_ENDING_CHAIN = re.compile("(?:" + "|".join(sorted(_ENDINGS, key=len, reverse=True)) + ")+")
#: Shortest part of a compound that counts as a word of its own ("war" + "ship").
_MIN_COMPOUND_PART = 3


@lru_cache(maxsize=4096)
def _is_word(norm: str, common: bool = False) -> bool:
    """A lower-case word that WordNet lists, in any inflection; with ``common``, only as a
    common word (WordNet writes names such as "Warsaw" with capitals)."""
    from rhetoric.lexicon import synset_entry, synset_offsets

    for pos in ("n", "v", "a", "r"):
        for offset in synset_offsets(norm, pos):
            if not common or any(w.lower() == w for w in synset_entry(pos, offset).words):
                return True
    return False


@lru_cache(maxsize=65536)
def extends_stem(stem: str, word: str, lowercase: bool = True) -> bool:
    """Whether the lower-case ``word``, which begins with a wildcard's ``stem``, is a form of it.

    A stem that is not a word ("senat*", "milit*") keeps the LIWC convention: any ending. A
    stem that is a word ("war*", "law*", "islam*") is extended only by an ending of inflection
    or derivation (:data:`_ENDINGS`, chained, after a doubled consonant or a dropped "e"), by a
    hyphen, by a word of its own (a compound, "warfare"), or into a word WordNet derives from it
    ("warrior"), or whose WordNet base form is the stem ("forgiven"). A capitalised compound
    (``lowercase`` false) must not be one WordNet lists only as a name ("Warsaw", "Churchill").

    A rule of spelling, not a morphological analysis: it still lets through some words that only
    look like a form ("wary" for ``war*``, "Protestant" for ``protest*``, "ganglion" for
    ``gang*``), and misses derivations with endings it does not list ("sickened" for ``sick*``);
    a capitalised name made of the stem and a word ("Lawson") passes when WordNet does not list
    it as a name.

    >>> [w for w in ("wars", "warring", "warfare", "warning", "warm") if extends_stem("war", w)]
    ['wars', 'warring', 'warfare']
    >>> extends_stem("war", "warsaw", lowercase=False), extends_stem("war", "warfare", lowercase=False)
    (False, True)
    >>> extends_stem("islam", "islamic"), extends_stem("islam", "islamabad")
    (True, False)
    >>> extends_stem("senat", "senate"), extends_stem("forgive", "forgiven")
    (True, True)
    """
    rest = word[len(stem) :]
    if not rest or not _is_word(stem):
        return True
    if rest[0] in "-‐‑" or _ENDING_CHAIN.fullmatch(rest):
        return True
    if rest[0] == stem[-1] and _ENDING_CHAIN.fullmatch(rest[1:]):  # war-r-ing
        return True
    if stem.endswith("e") and _ENDING_CHAIN.fullmatch("e" + rest):  # judge-d
        return True
    from rhetoric.lexicon import lemma, linked_lemma_names

    base = lemma(word)
    if base == stem or stem in linked_lemma_names(word) or stem in linked_lemma_names(base):
        return True  # an irregular form ("forgiven") or a derivation WordNet records
    if len(rest) >= _MIN_COMPOUND_PART and _is_word(rest, common=True):
        # a capitalised compound is a name when WordNet lists it only as one ("Warsaw"); one it
        # does not list is taken as a compound at the start of a sentence ("Schoolchildren")
        return lowercase or _is_word(word, common=True) or not _is_word(word)
    return False


# --- the compiled matcher ---------------------------------------------------------------------


#: How many word forms a compiled lexicon remembers before it begins again (bounded memory).
_CACHED_WORDS = 200_000


class _Compiled:
    """Patterns indexed for matching: each distinct word pattern gets an id; a token type is
    resolved once to the set of pattern ids it satisfies (cached across documents)."""

    def __init__(self, terms: Iterable[Term], *, forms_only: bool = False):
        self.forms_only = forms_only
        self.pattern_ids: dict[str, int] = {}
        self.literal: dict[str, list[int]] = {}  # lower-case literal -> ids
        self.exact: dict[str, list[int]] = {}  # case-sensitive literal -> ids
        self.prefix: dict[str, list[int]] = {}  # lower-case prefix -> ids
        self.unigrams: dict[int, list[Term]] = {}
        self.multi: dict[int, list[tuple[tuple[int, ...], Term]]] = {}
        self.excl_unigrams: dict[int, list[Term]] = {}
        self.excl_multi: dict[int, list[tuple[tuple[int, ...], Term]]] = {}
        for term in terms:
            ids = tuple(self._pattern(w) for w in term.words)
            if len(ids) == 1:
                target = self.excl_unigrams if term.exclusion else self.unigrams
                target.setdefault(ids[0], []).append(term)
            else:
                target = self.excl_multi if term.exclusion else self.multi
                target.setdefault(ids[0], []).append((ids, term))
        self.min_prefix = min((len(p) for p in self.prefix), default=1)
        self.max_multi = max(
            (len(ids) for group in self.multi.values() for ids, _ in group), default=1
        )
        self._cache: dict[tuple[str, bool], frozenset[int]] = {}
        self._words: dict[tuple[str, str], frozenset[int]] = {}

    def _pattern(self, word: str) -> int:
        if word in self.pattern_ids:
            return self.pattern_ids[word]
        pid = len(self.pattern_ids)
        self.pattern_ids[word] = pid
        if word.endswith("*") and len(word) > 1:
            self.prefix.setdefault(word[:-1].lower().replace(_HYPHEN, ""), []).append(pid)
        elif word != word.lower():
            self.exact.setdefault(word, []).append(pid)
        else:
            self.literal.setdefault(word, []).append(pid)
            if _HYPHEN in word:
                self.literal.setdefault(word.replace(_HYPHEN, ""), []).append(pid)
        return pid

    def resolve(self, text: str, norm: str) -> frozenset[int]:
        """The ids of the patterns a word satisfies (kept per spelling: a corpus repeats words)."""
        key = (text, norm)
        ids = self._words.get(key)
        if ids is None:
            if len(self._words) >= _CACHED_WORDS:
                self._words.clear()
            ids = self._words[key] = self._resolve_word(text, norm)
        return ids

    def _resolve_word(self, text: str, norm: str) -> frozenset[int]:
        if not norm.isascii():  # a ligature, a soft hyphen inside: the plain letters
            norm, text = word_key(norm), word_key(text) if text.islower() else text
        # the case of the spelling matters only to a wildcard's compounds (extends_stem)
        key = (norm, not self.forms_only or text.islower())
        ids = self._cache.get(key)
        if ids is None:
            if len(self._cache) >= _CACHED_WORDS:
                self._cache.clear()
            ids = self._cache[key] = self._resolve_norm(*key)
        if self.exact:
            base = text[:-2] if norm.endswith("'s") else text
            extra = self.exact.get(base) or self.exact.get(
                base.replace("-", "").replace("\u2010", "")
            )
            if extra:
                ids = ids | frozenset(extra)
        return ids

    def _resolve_norm(self, norm: str, lowercase: bool = True) -> frozenset[int]:
        from rhetoric.lexicon import lemma

        base = norm[:-2] if norm.endswith("'s") else norm.rstrip("'")
        forms = {norm, base}
        if _HYPHEN in base:
            forms.add(base.replace(_HYPHEN, ""))
        found: set[int] = set()
        for form in forms:
            found.update(self.literal.get(form, ()))
            for length in range(self.min_prefix, len(form) + 1):
                ids = self.prefix.get(form[:length])
                if ids and (not self.forms_only or extends_stem(form[:length], form, lowercase)):
                    found.update(ids)
        if base.isalpha():
            for pos in ("n", "v", "a"):
                base_form = lemma(base, pos)
                if base_form != base:
                    found.update(self.literal.get(base_form, ()))
        return frozenset(found)

    def _pieces(
        self, doc: Document
    ) -> tuple[list[Token], list[frozenset[int]], list[int], list[frozenset[int]]]:
        """The units of matching (words, or the parts of a hyphenated word that matched nothing
        whole) and the pattern ids of each; and the same ids as each piece's number among the
        distinct pieces, with the ids of those (so that a test of the ids is made once per
        distinct piece)."""
        types, codes, hyphenated = _word_types(doc)
        resolve = self.resolve
        found = [resolve(text, norm) for text, norm in types]  # each distinct word once
        words = doc.words
        split = [i for i in hyphenated if not found[codes[i]]]
        if split:
            pieces: list[Token] = []
            piece_codes: list[int] = []
            last = 0
            for i in split:
                pieces += words[last:i]
                piece_codes += codes[last:i]
                for part in _split_hyphenated(words[i]):
                    pieces.append(part)
                    piece_codes.append(len(found))
                    found.append(resolve(part.text, part.norm))
                last = i + 1
            pieces += words[last:]
            piece_codes += codes[last:]
            words, codes = pieces, piece_codes
        return words, list(map(found.__getitem__, codes)), codes, found

    def match(self, doc: Document) -> list[Hit]:
        if not doc.text or not (self.unigrams or self.multi):
            return []
        pieces, ids, codes, found = self._pieces(doc)
        joined = _Joined(doc.text, pieces)
        excluded = self._excluded(ids, joined, codes, found)
        hits: list[Hit] = []
        i, n = 0, len(pieces)
        # only a piece whose patterns begin a term can start a hit; the others are stepped over
        for start_at in _positions(codes, found, frozenset(self.multi).union(self.unigrams)):
            if start_at < i:
                continue  # inside the hit just found
            i = start_at
            here = ids[i]
            best_len, best_terms = 0, []
            following = ids[i + 1] if i + 1 < n else frozenset()
            for pid in here:
                for pattern, term in self.multi.get(pid, ()):
                    length = len(pattern)
                    # the second word first: most patterns fail there
                    if (
                        length >= best_len
                        and pattern[1] in following
                        and _matches_at(pattern, ids, joined, i)
                    ):
                        if length > best_len:
                            best_len, best_terms = length, []
                        best_terms.append(term)
            if best_len <= 1:
                for pid in here:
                    if pid in self.unigrams:
                        if best_len == 0:
                            best_len = 1
                        best_terms.extend(self.unigrams[pid])
            if not best_terms:
                i += 1
                continue
            by_category: dict[str, Term] = {}
            for term in best_terms:
                if all((term.category, k) in excluded for k in range(i, i + best_len)):
                    continue
                kept = by_category.get(term.category)
                if kept is None or term.weight > kept.weight:
                    by_category[term.category] = term
            if not by_category:
                i += 1
                continue
            start, end = pieces[i].start, pieces[i + best_len - 1].end
            share = 1.0 / len(by_category)
            for category, term in by_category.items():
                hits.append(
                    Hit(
                        start,
                        end,
                        category,
                        term.text,
                        term.weight * share,
                        best_len,
                        i,
                        i + best_len,
                    )
                )
            i += best_len
        return hits

    def _excluded(
        self,
        ids: list[frozenset[int]],
        joined: _Joined,
        codes: list[int],
        found: list[frozenset[int]],
    ) -> set[tuple[str, int]]:
        """(category, piece index) pairs that lie inside an exclusion phrase of that category."""
        if not (self.excl_multi or self.excl_unigrams):
            return set()
        excluded = set()
        n = len(ids)
        first = frozenset(self.excl_multi).union(self.excl_unigrams)
        for i in _positions(codes, found, first):
            here = ids[i]
            following = ids[i + 1] if i + 1 < n else frozenset()
            for pid in here:
                for term in self.excl_unigrams.get(pid, ()):
                    excluded.add((term.category, i))
                for pattern, term in self.excl_multi.get(pid, ()):
                    if pattern[1] in following and _matches_at(pattern, ids, joined, i):
                        excluded.update((term.category, k) for k in range(i, i + len(pattern)))
        return excluded


def _positions(codes: list[int], found: list[frozenset[int]], first: frozenset[int]) -> list[int]:
    """The indices of the pieces whose pattern ids (``found[code]``) share one with ``first``, in
    order."""
    shares = [not first.isdisjoint(ids) for ids in found]
    return list(compress(range(len(codes)), map(shares.__getitem__, codes)))


@per_document
def _word_types(doc: Document) -> tuple[list[tuple[str, str]], list[int], list[int]]:
    """The distinct ``(text, norm)`` of the document's words, each word's number among them, and
    the indices of the words with a hyphen in their normalised form (shared by the lexicons
    matched on one document)."""
    words = doc.words
    if "\u03a3" in doc.text:
        # capital sigma: its lower case depends on its neighbours, so one spelling may have two
        # normalised forms
        keys = list(map(itemgetter(2, 3), words))  # (text, norm)
        numbers = dict.fromkeys(keys, 0)
        for number, key in enumerate(numbers):
            numbers[key] = number
        types = list(numbers)
    else:
        # a word's normalised form is its text folded and lower-cased character by character
        # (normalize): one spelling, one normalised form
        keys = list(map(itemgetter(2), words))  # text
        numbers = dict.fromkeys(keys, 0)
        for number, key in enumerate(numbers):
            numbers[key] = number
        norm_of = dict(zip(keys, map(itemgetter(3), words), strict=True))
        types = [(text, norm_of[text]) for text in numbers]
    hyphen = [_HYPHEN in norm for _, norm in types]
    codes = list(map(numbers.__getitem__, keys))
    return types, codes, list(compress(range(len(codes)), map(hyphen.__getitem__, codes)))


class _Joined:
    """Whether word ``i`` and word ``i + 1`` are adjacent (computed on demand, then kept)."""

    def __init__(self, text: str, pieces: list[Token]):
        self.text, self.pieces, self.known = text, pieces, {}

    def __getitem__(self, i: int) -> bool:
        value = self.known.get(i)
        if value is None:
            value = i + 1 < len(self.pieces) and _adjacent(
                self.text, self.pieces[i], self.pieces[i + 1]
            )
            self.known[i] = value
        return value


def _matches_at(
    pattern: tuple[int, ...], ids: list[frozenset[int]], joined: _Joined, i: int
) -> bool:
    end = i + len(pattern)
    if end > len(ids):
        return False
    # every word's pattern first (set lookups), then the gaps between the words
    if not all(pid in here for pid, here in zip(pattern, ids[i:end], strict=True)):
        return False
    return all(joined[k] for k in range(i, end - 1))


_GAP = re.compile(r"[ \t\u00a0]*(?:\r?\n[ \t\u00a0]*)?|[ \t]*[-\u2010\u2011][ \t]*")


def _adjacent(text: str, left: Token, right: Token) -> bool:
    """Two words belong to one phrase when only spaces, one line break or a hyphen lie between."""
    return _GAP.fullmatch(text, left.end, right.start) is not None


def _split_hyphenated(token: Token) -> list[Token]:
    """The parts of a hyphenated word (the normalised view has ASCII hyphens at the same places)."""
    return [
        Token(
            token.start + m.start(),
            token.start + m.end(),
            token.text[m.start() : m.end()],
            m.group(),
        )
        for m in re.finditer(r"[^-]+", token.norm)
    ]


def as_lexicon(lexicon: Lexicon | Mapping | str | os.PathLike | None) -> Lexicon:
    """Accept a :class:`Lexicon`, a dict, a path (CSV, ``.dic``, ``.txt``, folder) or ``None``
    (the built-in Policy Frames lexicon)."""
    if lexicon is None:
        return Lexicon.policy_frames()
    if isinstance(lexicon, Lexicon):
        return lexicon
    if isinstance(lexicon, Mapping):
        return Lexicon.from_dict(lexicon)
    if isinstance(lexicon, str | os.PathLike):
        return Lexicon.read(lexicon)
    raise TypeError(
        f"lexicon must be a Lexicon, a dict of category -> terms, or a path, not {type(lexicon).__name__}"
    )
