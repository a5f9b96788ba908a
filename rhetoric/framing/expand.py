"""Widening a lexicon from a corpus: candidate terms ranked by association with a category's terms.

The candidates are *proposals for review*, never added automatically: a word can co-occur with
a frame's terms without naming the frame ("year", "ask"). The built-in Policy Frames lexicons
were widened this way (see ``rhetoric/resources/frames/README.md``).
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable, Mapping

import pandas as pd

from rhetoric.errors import check_documents, invalid_value
from rhetoric.framing.lexicons import Lexicon, as_lexicon
from rhetoric.lexicon import is_content_word, lemma
from rhetoric.stats import log_odds_ratio
from rhetoric.text import Document

#: Columns of :func:`suggest_terms`.
SUGGEST_COLUMNS = ["term", "in_frame", "elsewhere", "z", "listed_under"]


def suggest_terms(
    documents: pd.DataFrame | Iterable[str | Document],
    category: str,
    lexicon: Lexicon | Mapping | str | None = None,
    *,
    n: int = 50,
    min_count: int = 5,
    text: str = "text",
) -> pd.DataFrame:
    """Content words typical of the sentences that contain a category's terms.

    Every sentence of the corpus is marked *in frame* when it holds at least one hit of
    ``category``. Each content word (as its WordNet base form, hits of the category itself left
    out) is counted in the in-frame and the other sentences, and ranked by the weighted log-odds
    z-score with an informative Dirichlet prior (Monroe, Colaresi and Quinn 2008;
    :func:`rhetoric.stats.log_odds_ratio`).

    Parameters
    ----------
    documents : DataFrame or list of str / Document
        The corpus (a DataFrame's ``text`` column is read).
    category : str
        The lexicon category (frame) to widen.
    lexicon : Lexicon, dict, path or None
        Default: the built-in Policy Frames lexicon.
    n : int, default 50
        How many candidates to return.
    min_count : int, default 5
        Ignore words seen fewer times than this in in-frame sentences.

    Returns
    -------
    pandas.DataFrame
        ``term`` (str, base form), ``in_frame`` (int, occurrences in in-frame sentences),
        ``elsewhere`` (int, in other sentences), ``z`` (float, log-odds z-score, descending),
        ``listed_under`` (str, categories whose terms already match the word, comma-separated,
        or ""). Empty when no sentence holds the category.

    Examples
    --------
    >>> texts = ["Taxes rose and wages fell. The river is wide."] * 5
    >>> suggest_terms(texts, "economic", min_count=1)["term"].tolist()
    ['fell', 'rose']
    """
    lex = as_lexicon(lexicon)
    if category not in lex.categories:
        raise invalid_value("category", category, lex.categories)
    if isinstance(documents, pd.DataFrame):
        docs = [Document(t, str(i)) for i, t in enumerate(documents[text]) if isinstance(t, str)]
    else:
        docs = [
            d if isinstance(d, Document) else Document(d)
            for d in check_documents("documents", documents)
        ]
    inside: Counter[str] = Counter()
    outside: Counter[str] = Counter()
    for doc in docs:
        hits = lex.match(doc)
        starts = [s.start for s in doc.sentences]
        framed, covered = set(), set()
        for hit in hits:
            if hit.category == category:
                framed.add(bisect.bisect_right(starts, hit.start) - 1)
                covered.update(range(hit.start, hit.end))
        for index, sentence in enumerate(doc.sentences):
            target = inside if index in framed else outside
            for word in doc.words_of(sentence):
                if (
                    word.start in covered
                    or not is_content_word(word.norm)
                    or not word.norm.isalpha()
                ):
                    continue
                target[lemma(word.norm)] += 1
    columns = SUGGEST_COLUMNS
    if not inside:
        return pd.DataFrame(columns=columns)
    table = log_odds_ratio(inside, outside)
    table = table[table["count_a"] >= min_count].head(n)
    listed = [", ".join(sorted({h.category for h in lex.match(term)})) for term in table["term"]]
    return pd.DataFrame({
        "term": table["term"].to_numpy(),
        "in_frame": table["count_a"].astype(int).to_numpy(),
        "elsewhere": table["count_b"].astype(int).to_numpy(),
        "z": table["z"].to_numpy(),
        "listed_under": listed,
    }, columns=columns)  # fmt: skip
