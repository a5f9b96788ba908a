"""Score device detectors against hand-checked gold items (the format of ``shared/gold/README.md``).

A *positive* item names a device and a quote; it is matched when detected spans of that device
overlap at least ``min_hits`` distinct occurrences of the quote (exact, case-sensitive,
non-overlapping). A *negative* item is violated when any detected span of that device overlaps
any occurrence of its ``not_quote``. The gold is sparse, so precision is not computed from it.
"""

from __future__ import annotations

import os
import warnings
from collections import defaultdict
from functools import partial
from pathlib import Path

import pandas as pd

from rhetoric.datahome import get_data_home
from rhetoric.devices import DEVICES, check_devices, find_devices
from rhetoric.errors import InputError, invalid_value
from rhetoric.evaluation.named import document_name, named_text, unknown_label
from rhetoric.files import read_json_lines
from rhetoric.text import Document

#: Detector labels that count as a gold label (the README's "compatible labels").
COMPATIBLE = {"antimetabole": "chiasmus", "list": "tricolon", "correctio": "antithesis"}

GOLD_FILE = "devices_public.jsonl"

RESULT_COLUMNS = [
    "device",
    "positives",
    "matched",
    "negatives",
    "violated",
    "spans",
    "spans_per_1000_words",
]


#: Labels of gold items that name no device the gold evaluation scores (stance words, in a
#: file of missed instances): such items are left out, with a warning saying how many.
NOT_DEVICES = frozenset({"stance", "frame"})


def load_gold(path: str | os.PathLike, data_home: str | os.PathLike | None = None) -> pd.DataFrame:
    """The gold items of a JSON Lines file: ``doc``, ``device``, ``polarity``, ``quote``, ``min_hits``, ``note``.

    A file of no items (empty, or blank lines only), an item whose ``doc``, ``device`` or quote
    is no string (or an empty one), whose ``device`` is no device (a close name suggested) or
    whose ``min_hits`` is not a whole number of at least 1, is an
    :class:`~rhetoric.errors.InputError` (naming file and line). Items of stance words
    (:data:`NOT_DEVICES`) are left out with a warning. ``doc`` is kept as its
    :func:`~rhetoric.evaluation.named.document_name` (``./a/b.txt`` is ``a/b.txt``). The file's
    path is kept in the table's ``attrs["source"]``, for :func:`check_quotes` to name.
    """
    rows, left_out = [], 0
    records = read_json_lines(path, "gold file", required=("doc", "device", ("quote", "not_quote")))
    if not records:  # nothing to score: every recall would be 0 of 0
        raise InputError(f"no gold items in {path}")
    for number, item in records:
        where = f"{path}:{number}"
        positive = "quote" in item
        quote_key = "quote" if positive else "not_quote"
        for key in ("doc", "device", quote_key):
            if not isinstance(item[key], str) or not item[key]:
                raise InputError(f"{where}: {key} must be a non-empty string, got {item[key]!r}")
        if item["device"] in NOT_DEVICES:
            left_out += 1
            continue
        device = COMPATIBLE.get(item["device"], item["device"])
        if device not in DEVICES:
            raise unknown_label(where, item["device"], DEVICES)
        rows.append({
            "doc": document_name(item["doc"], data_home), "device": device,
            "polarity": "positive" if positive else "negative", "quote": item[quote_key],
            "min_hits": _min_hits(item.get("min_hits", 1), where), "note": item.get("note", ""),
        })  # fmt: skip
    if left_out:
        warnings.warn(
            f"{path}: {left_out} item{'s' * (left_out != 1)} of stance words left out: the gold "
            "evaluation scores the devices",
            stacklevel=2,
        )
    if not rows:
        raise InputError(f"no gold items of a device in {path}")
    gold = pd.DataFrame(rows, columns=["doc", "device", "polarity", "quote", "min_hits", "note"])
    gold.attrs["source"] = str(path)
    return gold


def _min_hits(value: object, where: str) -> int:
    """A gold item's ``min_hits`` as an int: a whole number of at least 1 (as a JSON number or a
    string of digits); anything else an :class:`~rhetoric.errors.InputError` naming ``where``."""
    number = None
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    elif isinstance(value, str) and value.strip().isdigit():
        number = int(value)
    if number is None or number < 1:
        raise InputError(f"{where}: min_hits {value!r} is not a whole number of at least 1")
    return number


def occurrences(text: str, quote: str) -> list[tuple[int, int]]:
    """Exact, case-sensitive, non-overlapping occurrences of ``quote`` in ``text``."""
    found, position = [], text.find(quote)
    while position >= 0 and quote:
        found.append((position, position + len(quote)))
        position = text.find(quote, position + len(quote))
    return found


def check_quotes(gold: pd.DataFrame, texts: dict[str, str]) -> None:
    """Refuse gold items that no detector could ever match or violate: a quote (or
    ``not_quote``) that does not occur in its document, or a positive whose quote occurs fewer
    times than its ``min_hits``. Scored, the first would be a silent miss (or a negative silently
    unviolated), the second a miss whatever the detectors find.

    Raises
    ------
    InputError
        A :class:`ValueError` naming the gold file (``gold.attrs["source"]``, when
        :func:`load_gold` read it), the document, the device and the quote: the command line
        reports it in one line, exit code 1.

    Examples
    --------
    >>> gold = pd.DataFrame({"doc": ["d"], "device": ["anaphora"], "polarity": ["positive"],
    ...                      "quote": ["We shall"], "min_hits": [2]})
    >>> check_quotes(gold, {"d": "We shall fight. We shall win."})
    >>> check_quotes(gold, {"d": "We will fight. We will win."})
    Traceback (most recent call last):
    ...
    rhetoric.errors.InputError: d: the quote of a positive anaphora gold item, 'We shall', does not occur in the document (quotes are exact and case-sensitive); correct the quote or the doc
    """
    source = gold.attrs.get("source")
    for item in gold.itertuples(index=False):
        _check_found(item, len(occurrences(texts[item.doc], item.quote)), source)


def _check_found(item, found: int, source: str | None) -> None:
    """Refuse one gold ``item`` whose quote occurs ``found`` times in its document (see
    :func:`check_quotes`, which names the gold file ``source``)."""
    what = "quote" if item.polarity == "positive" else "not_quote"
    if not found:
        problem = "does not occur in the document (quotes are exact and case-sensitive)"
        advice = "correct the quote or the doc"
    elif item.polarity == "positive" and found < item.min_hits:
        problem = f"occurs {found} time{'s' if found != 1 else ''}, fewer than its min_hits {item.min_hits}"
        advice = "correct the quote or min_hits"
    else:
        return
    where = f"{source}: " if source else ""
    raise InputError(
        f"{where}{item.doc}: the {what} of a {item.polarity} {item.device} gold item, "
        f"{item.quote!r}, {problem}; {advice}"
    )


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def shared_items(items: pd.DataFrame, others: pd.DataFrame, texts: dict[str, str]) -> pd.Series:
    """For each positive item of ``items``, whether ``others`` (another annotator's items on the
    same documents) holds a positive item of the same document and device one of whose
    occurrences overlaps one of its own: the two readers marked the same figure.

    Parameters
    ----------
    items, others : DataFrame
        Gold items (:func:`load_gold`).
    texts : dict
        The documents' texts, by ``doc``.

    Returns
    -------
    Series of bool
        Aligned with the positive items of ``items``.

    Examples
    --------
    >>> text = "We shall fight. We shall win. Peace or war."
    >>> a = pd.DataFrame({"doc": ["d", "d"], "device": ["anaphora", "antithesis"],
    ...                   "polarity": "positive", "quote": ["We shall", "Peace or war"]})
    >>> b = pd.DataFrame({"doc": ["d"], "device": ["anaphora"], "polarity": "positive",
    ...                   "quote": ["We shall win"]})
    >>> shared_items(a, b, {"d": text}).tolist()
    [True, False]
    """
    others = others[others["polarity"] == "positive"]
    spans = {}
    for row in others.itertuples():
        spans.setdefault((row.doc, row.device), []).extend(occurrences(texts[row.doc], row.quote))
    positives = items[items["polarity"] == "positive"]
    return pd.Series([
        any(_overlaps(a, b) for a in occurrences(texts[row.doc], row.quote)
            for b in spans.get((row.doc, row.device), []))
        for row in positives.itertuples()
    ], index=positives.index, dtype=bool)  # fmt: skip


def default_gold_path(data_home: str | os.PathLike | None = None) -> Path:
    """The public gold file, which sits beside the data home (``<data home>/../gold/``)."""
    return get_data_home(data_home).parent / "gold" / GOLD_FILE


def gold_documents(gold: pd.DataFrame, data_home: str | os.PathLike | None = None) -> pd.DataFrame:
    """The texts the gold items refer to, read from the data home.

    Parameters
    ----------
    gold : DataFrame
        Gold items (:func:`load_gold`): ``doc`` is a path relative to the data home.

    Returns
    -------
    DataFrame
        ``doc_id`` (the item's ``doc``) and ``text`` (decoded as the evaluation decodes it), one
        row per document in order of first mention.
    """
    if "doc" not in gold.columns:
        raise invalid_value("column", "doc", map(str, gold.columns))
    home = get_data_home(data_home)
    rows = [
        {"doc_id": doc, "text": named_text(doc, home, "gold document")}
        for doc in dict.fromkeys(gold["doc"])
    ]
    return pd.DataFrame(rows, columns=["doc_id", "text"])


def _detect(document, devices, min_score) -> tuple[int, list]:
    """The per-document function of :func:`evaluate_gold`: words and device spans."""
    doc = Document(document.text, document.doc_id)
    return doc.n_words, find_devices(doc, devices, min_score=min_score)


def detect_gold_documents(
    gold: pd.DataFrame,
    data_home: str | os.PathLike | None = None,
    devices=None,
    *,
    min_score: float | None = None,
    n_jobs: int | None = 1,
) -> tuple[dict[str, str], dict[str, int], dict[str, list]]:
    """Run the detectors on every document ``gold`` names (in ``n_jobs`` processes): its
    ``texts``, ``words`` (counted words) and device ``spans``, each by document. A quote not in
    its document is refused first (:func:`check_quotes`), before any detector runs."""
    from rhetoric.documents import iter_corpus
    from rhetoric.runner import map_documents

    devices = check_devices(devices)
    documents = gold_documents(gold, data_home)
    texts = dict(zip(documents["doc_id"], documents["text"], strict=True))
    check_quotes(gold, texts)  # before the detectors run, not after
    spans_by_doc, words_by_doc = {}, {}
    work = partial(_detect, devices=devices, min_score=min_score)
    for outcome in map_documents(work, iter_corpus(documents), n_jobs=n_jobs, total=len(texts)):
        words_by_doc[outcome.doc_id], spans_by_doc[outcome.doc_id] = outcome.unwrap()
    return texts, words_by_doc, spans_by_doc


def evaluate_gold(
    gold_path: str | os.PathLike,
    data_home: str | os.PathLike | None = None,
    devices=None,
    *,
    min_score: float | None = None,
    n_jobs: int | None = 1,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Run the detectors on every gold document and score them (in ``n_jobs`` processes).

    Returns
    -------
    summary : pandas.DataFrame
        One row per device and the pooled row ``all`` (as the precision tables name it): :data:`RESULT_COLUMNS`.
    items : pandas.DataFrame
        One row per gold item: its fields plus ``hits`` (occurrences covered), ``ok`` (matched
        positive / unviolated negative) and ``detail`` (the offending spans of a violation).
    """
    gold = load_gold(gold_path, data_home)
    detected = detect_gold_documents(gold, data_home, devices, min_score=min_score, n_jobs=n_jobs)
    return score_gold(gold, *detected, devices=devices)


def score_gold(
    gold: pd.DataFrame,
    texts: dict[str, str],
    words_by_doc: dict[str, int],
    spans_by_doc: dict[str, list],
    devices=None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Score detected ``spans_by_doc`` against the ``gold`` items (:func:`evaluate_gold`'s
    result), e.g. the candidates of :func:`detect_gold_documents` kept at some score.

    An item whose quote is not in its document is an :class:`~rhetoric.errors.InputError`
    (:func:`check_quotes`), never a silent miss or a silently unviolated negative. Only the
    items of ``devices`` are scored (an item of a device not run is no miss)."""
    devices = check_devices(devices)
    source = gold.attrs.get("source")
    gold = gold[gold["device"].isin(devices)]  # the items of devices not run are not misses

    def spans_of(doc: str, device: str):
        return [s for s in spans_by_doc[doc] if COMPATIBLE.get(s.device, s.device) == device]

    records = []
    for item in gold.itertuples(index=False):
        found = occurrences(texts[item.doc], item.quote)
        _check_found(item, len(found), source)  # the quote's occurrences, searched once
        detected = [(s.start, s.end) for s in spans_of(item.doc, item.device)]
        covered = [o for o in found if any(_overlaps(o, d) for d in detected)]
        if item.polarity == "positive":
            ok, detail = len(covered) >= item.min_hits, ""
        else:
            bad = [
                s
                for s in spans_of(item.doc, item.device)
                if any(_overlaps((s.start, s.end), o) for o in found)
            ]
            ok = not bad
            detail = "; ".join(f"{s.kind} [{s.start}:{s.end}] {s.text[:80]!r}" for s in bad)
        records.append({**item._asdict(), "hits": len(covered), "ok": ok, "detail": detail})
    items = pd.DataFrame(records)

    total_words = sum(words_by_doc.values())
    counts = defaultdict(int)
    for spans in spans_by_doc.values():
        for s in spans:
            counts[COMPATIBLE.get(s.device, s.device)] += 1
    rows = []
    for device in devices:
        mine = items[items["device"] == device] if len(items) else items
        pos, neg = mine[mine["polarity"] == "positive"], mine[mine["polarity"] == "negative"]
        rows.append({
            "device": device, "positives": len(pos), "matched": int(pos["ok"].sum()),
            "negatives": len(neg), "violated": int((~neg["ok"]).sum()), "spans": counts[device],
            "spans_per_1000_words": 1000 * counts[device] / max(total_words, 1),
        })  # fmt: skip
    summary = pd.DataFrame(rows, columns=RESULT_COLUMNS)
    total = summary[["positives", "matched", "negatives", "violated", "spans"]].sum()
    summary.loc[len(summary)] = {
        "device": "all",
        **total.to_dict(),
        "spans_per_1000_words": 1000 * total["spans"] / max(total_words, 1),
    }
    return summary, items
