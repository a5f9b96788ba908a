"""Train the rankers of emphatic repeats on the PTC train split, and choose their thresholds there.

Writes two files of the package (``rhetoric/resources/repetition/``):

``ptc_train_df.tsv``
    For every word (its :attr:`~rhetoric.text.Document.keys` form) found in at least
    three train articles, the number of train articles holding it. A feature says how common a
    repeated word is in news; uncommon words repeated are the likelier emphasis.
``ptc_train_marked.tsv``
    For every word found in at least three train articles, its occurrences and those inside
    "Repetition" spans, and the two totals over every word: the counts behind the
    ``marked_rate`` feature (:func:`~rhetoric.devices.repetition.marked_rates`).
``emphatic_model.json``
    Two rankers, stored as plain numbers (scikit-learn logistic regressions, standardised
    features, ``C=1``), each with its threshold and rate, the cross-validated scores behind them
    and this provenance:

    ``news``
        Two regressions. ``phrase``, over :data:`~rhetoric.devices.repetition.PHRASE_FEATURES`
        (the mean, largest, smallest value and standard deviation of each mention feature over a
        phrase's mentions), trained on every repeated phrase of every article, positive when one
        of its mentions is; and ``mention``, over the features of
        :func:`~rhetoric.devices.repetition.emphatic_candidates`, trained on the mentions of the
        positive phrases only. A mention's score is the product of the two probabilities.
    ``address``
        One regression over the mention features, trained on every mention (the ranker shipped
        before the phrase model), used for texts that read as addresses
        (:func:`~rhetoric.devices.repetition.is_address`).

Only the train split is read. A candidate mention is a positive when at least half of its
characters lie inside "Repetition" gold spans.

Why two regressions for news: annotators mark few of the phrases an article repeats, and of a
marked phrase often one mention, most often a later one. One regression over all mentions mixes
the two questions (is the phrase emphatic; is this the mention marked); split, the
cross-validated span F1 rose from 0.120 to 0.129 on the same folds, and to 0.138 when the
phrase features take the smallest value and the spread over the mentions besides the mean and
the largest (tried on the same folds, before the fix below, and not better: the phrase probability squared or its square
root; a mention model also given each feature's difference from its phrase's mean; ``C=0.3``;
the features of the phrase's last mention). A spread is exactly 0 for a feature every mention of
the phrase shares: computed naively, its rounding noise (about 1e-9), standardised by a scale of
the same size, became a feature of its own (cross-validated 0.146 with it; not kept, since
it hangs on the order of floating-point sums).
Why the marked rate and the word classes: studied on train, the news ranker's top was flat (out of
fold, about 0.12-0.16 of the mentions scoring above 0.1 were marked, whatever the score), and
its surest false picks were topic nouns and names. How often annotators marked a word as
Repetition elsewhere (smoothed toward the overall rate by
:data:`~rhetoric.devices.repetition.MARKED_PRIOR` occurrences; 2 and 10 cross-validate alike) and
whether the phrase holds an adjective, a verb, an adverb or only nouns raised the
cross-validated span F1 from 0.138 to 0.153 on the folds below. The rates of an article are
never counted from its own annotations: in cross-validation they are counted on the training
folds alone (a training article's own counts subtracted), and as shipped each article's own
counts are subtracted. Stories that PTC holds in several near-copies could still leak through
a word-level count, so the same comparison was run with folds grouped by story (articles
sharing more than a quarter of their 8-word shingles; 329 groups): 0.140 -> 0.170. Tried on
the same folds and not better: a gate on the article (even an oracle one that knows which
articles have any Repetition span reaches only 0.18), one or two mentions per phrase, spans
grown along the words the two mentions share, a cut relative to the article's best score,
lower rates, gradient-boosted trees for the phrase model, the rate of any technique's spans,
short quotes, hyphens and words WordNet does not know.
Tried in session 34 on these folds (the shipped ranker: span P 0.130, R 0.224, F1 0.164; the
three repeats 0.167, 0.156, 0.170) and not kept, none clearly beyond that spread:
gradient-boosted trees (scikit-learn's HistGradientBoostingClassifier, depth 3, 100 iterations,
learning rate 0.1, L2 10, at least 50 rows a leaf, unweighted classes) for the phrase and the
mention model, F1 0.137; for the mention model alone 0.162 (0.165, 0.148, 0.172); for the
phrase model alone 0.142, 0.129 with smaller trees (depth 2, rate 0.05, 200 rows a leaf, L2 50)
and 0.149 (0.167, 0.143, 0.137) with more (300 iterations, 100 rows a leaf; these two with
thresholds down to 0.01): the logistic phrase model's many small additive effects are what
trees of this size miss. Phrase rows weighted so that each article weighs alike (n^-1, n
phrases) or less unequally (n^-0.5): 0.155, 0.160. A mention positive when any of it lies
inside a gold span: 0.161. Candidates are not what is missing: 578 of the 613 gold Repetition
spans (0.94) touch a candidate, and every candidate taken together reaches span recall 0.83; of
the 35 untouched (23 of one word) many are a word said again in another inflection (a noun and
its verb, singular and plural) or a repeated function word, too few to pay for a wider net. Nor
the extent: out of fold (first repeat, news articles), replacing every kept span that touches a
gold span by that gold span raises F1 only from 0.170 to 0.177. Nor the cut (out of fold, news
articles, each rule at its best threshold): 16, 20, 28 or 32 mentions per 1000 words
0.167-0.168 against 0.168 at 24, no limit 0.164, at most 8 an article 0.170 (0.171, 0.160,
0.178), a few an article plus some per 1000 words or a limit growing with the square root of
the length 0.154-0.167. The ranking itself is what bounds the figure: out of fold (first
repeat) it keeps about 3.8 mentions a news article for 1.5 gold spans, and 0.11 of the one-word
and 0.17 of the two-word mentions kept touch one.
Why the address ranker: in speeches a phrase-and-mention ranker (the earlier branch
``emphatic``) kept one, later, mention of a repeated phrase, as PTC's annotators do, and lost
judged figures of the public speeches; even refitting the one regression moved one of them.
Addresses keep the ranker whose output there was
judged. The cue (:func:`~rhetoric.devices.repetition.is_address`) was set on training texts:
every one of the 91 inaugural and State of the Union addresses of the training pool (neither
reserved nor public gold) passes it, and 17 of the 371 PTC train articles (the script prints
the PTC count).

Thresholds and the most mentions kept per 1000 words are the pairs with the best mean span F1
(SemEval-2020 Task 11 partial overlap, :func:`rhetoric.evaluation.ptc.span_scores`) over 5-fold
cross-validation grouped by article, repeated with three shuffles; the out-of-fold mentions are
chosen exactly as :func:`~rhetoric.devices.repetition.find_repetition` chooses them (words of
duplicated sentences and paragraphs left out). The news pair is chosen over the whole split as
shipped (address-like articles by the address ranker, the rest by the news ranker), which is the
cross-validated score stored. The address ranker is kept as it is in the model file (its figures
in speeches were judged; a refit moves them): it is the one regression over every mention that
the package shipped before, fitted on this split by this script's earlier version; in
cross-validation the address-like articles are scored by that regression refitted out of fold,
at the kept threshold and rate. ``--refit-address`` refits it, its pair chosen over every
article. Document frequencies leave each article's own words out when its features are
computed. The dev split is never read: score it afterwards with
``rhetoric evaluate ptc --split dev``. The six train articles of the judged public news set
(development documents: measured on, never trained on) are left out of everything here, the
counts included (since 2026-12-06; the rankers were refitted then, the address ranker too).
Scoring a PTC train article of the pool later (training the device scorers, drawing judging
sheets) leaves its own labels out of its rates as here
(:func:`rhetoric.evaluation.pool.pool_texts_as_unseen`).

Run from the repository root::

    RHETORIC_DATA=../shared/data python benchmarks/train_emphatic_repeats.py
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression

from rhetoric.corpora import load_ptc
from rhetoric.devices.repetition import (
    ADDRESS_FEATURES,
    EMPHATIC_FEATURES,
    PHRASE_FEATURES,
    EmphaticCandidates,
    _choose,
    _copies,
    _GroupCounter,
    copied_words,
    emphatic_candidates,
    emphatic_limit,
    is_address,
    label_counts,
    marked_rates,
    phrase_features,
    phrase_maximum,
    score_emphatic,
    standardise,
)
from rhetoric.evaluation.pool import PTC_TRAIN_FOLDER, training_documents
from rhetoric.evaluation.ptc import covered, gold_spans, merge_intervals, span_scores
from rhetoric.text import Document

OUT = Path("rhetoric/resources/repetition")
MIN_DOCUMENTS = 3
POSITIVE_COVER = 0.5
C = 1.0
#: Features are clipped to their CLIP and 100 - CLIP percentiles in training (no extrapolation).
CLIP = 0.5
FOLDS, REPEATS = 5, 3
THRESHOLDS = np.round(np.arange(0.04, 0.20, 0.005), 3)
#: Most mentions kept per 1000 words of an article (inf: no limit).
RATES = (8.0, 12.0, 16.0, 24.0, float("inf"))


def fit_part(features: np.ndarray, labels: np.ndarray) -> dict:
    """One logistic regression, as plain numbers: clipping range, scaling, weights, intercept."""
    low, high = np.percentile(features, [CLIP, 100 - CLIP], axis=0)
    clipped = np.clip(features, low, high)
    mean, scale = clipped.mean(axis=0), clipped.std(axis=0)
    part = {
        "low": low.tolist(),
        "high": high.tolist(),
        "mean": mean.tolist(),
        "scale": np.where(scale > 0, scale, 1.0).tolist(),
    }
    regression = LogisticRegression(C=C, max_iter=5000).fit(standardise(features, part), labels)
    return {
        **part,
        "coef": regression.coef_[0].tolist(),
        "intercept": float(regression.intercept_[0]),
    }


def fit(candidates: list[EmphaticCandidates], labels: list[np.ndarray]) -> dict:
    """Both rankers fitted on the candidates of some articles (``news``: the phrase and the
    mention regressions; ``address``: one regression over every mention)."""
    phrase_rows, phrase_labels, mention_rows, mention_labels = [], [], [], []
    for found, positive in zip(candidates, labels, strict=True):
        if not len(found.first):
            continue
        rows, row = phrase_features(found)
        emphatic = np.bincount(row, weights=positive, minlength=len(rows)) > 0
        phrase_rows.append(rows)
        phrase_labels.append(emphatic)
        mention_rows.append(found.features[emphatic[row]])
        mention_labels.append(positive[emphatic[row]])
    return {
        "news": {
            "phrase": fit_part(np.vstack(phrase_rows), np.concatenate(phrase_labels)),
            "mention": fit_part(np.vstack(mention_rows), np.concatenate(mention_labels)),
        },
        "address": {
            "mention": fit_part(
                np.vstack([c.features[:, : len(ADDRESS_FEATURES)] for c in candidates]),
                np.concatenate(labels),
            )
        },
    }


def chosen_spans(doc, found, probability, skip, rate, threshold) -> list[tuple[int, int]]:
    """The spans :func:`~rhetoric.devices.repetition.find_emphatic_repeats` would keep."""
    limit = None if np.isinf(rate) else emphatic_limit(len(doc.words), rate)
    chosen = _choose(doc, found, probability, threshold, skip, limit)
    first, n_words = found.first, found.n_words
    return [(doc.words[first[k]].start, doc.words[first[k] + n_words[k] - 1].end) for k in chosen]


def grid_scores(docs, candidates, probability, skips, gold, fixed=None) -> np.ndarray:
    """Span P, R, F1 at every (rate, threshold) of the grid; ``fixed`` maps an article
    index to its spans chosen otherwise (scored with every grid point unchanged)."""
    fixed = fixed or {}
    grid = [(rate, threshold) for rate in RATES for threshold in THRESHOLDS]
    scores = np.zeros((len(grid), 3))
    for g, (rate, threshold) in enumerate(grid):
        predicted = {
            doc.doc_id: fixed[k]
            if k in fixed
            else chosen_spans(doc, candidates[k], probability[k], skips[k], rate, threshold)
            for k, doc in enumerate(docs)
        }
        result = span_scores(predicted, gold)
        scores[g] = result["precision"], result["recall"], result["f1"]
    return scores


def report(name: str, mean: np.ndarray, best: int) -> None:
    grid = [(rate, threshold) for rate in RATES for threshold in THRESHOLDS]
    for rate in RATES:
        g = max((g for g in range(len(grid)) if grid[g][0] == rate), key=lambda g: mean[g, 2])
        print(
            f"{name} per 1000 words {rate:5}: best threshold {grid[g][1]:.3f}  P {mean[g, 0]:.4f}  "
            f"R {mean[g, 1]:.4f}  F1 {mean[g, 2]:.4f}{'  <- chosen' if g == best else ''}"
        )


def cross_validation(mean: np.ndarray, best: int) -> dict:
    return {
        "folds": FOLDS, "repeats": REPEATS, "grouped_by": "article",
        "precision": round(float(mean[best, 0]), 4), "recall": round(float(mean[best, 1]), 4),
        "f1": round(float(mean[best, 2]), 4),
    }  # fmt: skip


def shipped_address_ranker() -> dict | None:
    """The address ranker of the model file now in the package, or None when there is none.

    A file of the one-regression format (before the news ranker) is read as an address ranker:
    its regression, threshold, rate and cross-validated scores.
    """
    path = OUT / "emphatic_model.json"
    if not path.exists():
        return None
    model = json.loads(path.read_text(encoding="utf-8"))
    if model.get("address_features", model["features"]) != list(ADDRESS_FEATURES):
        return None
    if "address" in model:
        return model["address"]
    part = ("low", "high", "mean", "scale", "coef", "intercept")
    return {
        "mention": {k: model[k] for k in part},
        **{k: model[k] for k in ("threshold", "per_1000_words", "cross_validation")},
    }


def counts_over(counts: list[dict]) -> tuple[dict[str, tuple[int, int]], int, int]:
    """The marked counts of some articles (:data:`~rhetoric.devices.repetition.MarkedCounts`):
    words in at least :data:`MIN_DOCUMENTS` of them, and the totals over every word."""
    occurrences, marked, documents = Counter(), Counter(), Counter()
    for article in counts:
        for key, (a, b) in article.items():
            occurrences[key] += a
            marked[key] += b
            documents[key] += 1
    table = {
        k: (occurrences[k], marked[k]) for k in sorted(documents) if documents[k] >= MIN_DOCUMENTS
    }
    return table, sum(occurrences.values()), sum(marked.values())


def set_marked_rates(found: EmphaticCandidates, keys: list[str], counts, own=None) -> None:
    """Fill the ``marked_rate`` column of ``found`` from ``counts`` (less the article's ``own``
    counts when it is one of the articles counted), as the package computes it."""
    if len(found.first):
        values = marked_rates(keys, counts, own=own)
        found.features[:, MARKED] = phrase_maximum(values, found.first, found.n_words)


MARKED = EMPHATIC_FEATURES.index("marked_rate")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-home", default=None)
    parser.add_argument(
        "--refit-address",
        action="store_true",
        help="refit the address ranker too (default: keep the one in the model file, whose "
        "figures in speeches were judged)",
    )
    args = parser.parse_args(argv)
    kept_address = None if args.refit_address else shipped_address_ranker()

    articles, spans = load_ptc("train", args.data_home)
    pool = set(training_documents(args.data_home))
    in_pool = [f"{PTC_TRAIN_FOLDER}/article{d}.txt" in pool for d in articles["doc_id"]]
    print(f"{len(in_pool) - sum(in_pool)} PTC train articles left out (development documents: "
          "measured on, never trained on)")  # fmt: skip
    articles = articles[in_pool].reset_index(drop=True)
    spans = spans[spans["doc_id"].isin(set(articles["doc_id"]))].reset_index(drop=True)
    docs = [
        Document(text, doc_id, remove_boilerplate=False)
        for doc_id, text in zip(articles["doc_id"], articles["text"], strict=True)
    ]
    keys = [doc.keys for doc in docs]
    frequency = Counter(k for doc_keys in keys for k in set(doc_keys))
    table = {k: v for k, v in sorted(frequency.items()) if v >= MIN_DOCUMENTS}
    OUT.mkdir(parents=True, exist_ok=True)
    with open(OUT / "ptc_train_df.tsv", "w", encoding="utf-8", newline="\n") as handle:
        handle.write(f"#articles\t{len(docs)}\n")
        handle.writelines(f"{k}\t{v}\n" for k, v in table.items())

    gold = gold_spans(spans)
    own = [
        label_counts(doc, doc_keys, merge_intervals(gold.get(doc.doc_id, [])))
        for doc, doc_keys in zip(docs, keys, strict=True)
    ]
    marked = counts_over(own)
    with open(OUT / "ptc_train_marked.tsv", "w", encoding="utf-8", newline="\n") as handle:
        handle.write(f"#all\t{marked[1]}\t{marked[2]}\n")
        handle.writelines(f"{k}\t{a}\t{b}\n" for k, (a, b) in marked[0].items())
    candidates, labels, skips = [], [], []
    for doc, doc_keys in zip(docs, keys, strict=True):
        skips.append(
            copied_words(doc, _copies(doc, doc_keys, [False] * len(doc_keys), _GroupCounter()))
        )
        found = emphatic_candidates(
            doc, doc_keys, frequencies=(table, len(docs)), exclude_self=True, marked=marked
        )
        truth = merge_intervals(gold.get(doc.doc_id, []))
        cover = [
            covered((doc.words[i].start, doc.words[i + n - 1].end), truth)
            / (doc.words[i + n - 1].end - doc.words[i].start)
            for i, n in zip(found.first.tolist(), found.n_words.tolist(), strict=True)
        ]
        candidates.append(found)
        labels.append(np.array(cover) >= POSITIVE_COVER)
    address = [is_address(doc) for doc in docs]
    print(f"{sum(address)} of {len(docs)} train articles read as addresses (address ranker)")

    grid = [(rate, threshold) for rate in RATES for threshold in THRESHOLDS]
    out_of_fold = []  # per repeat: (news probabilities, address probabilities) of every article
    for repeat in range(REPEATS):
        folds = np.array_split(np.random.RandomState(repeat).permutation(len(docs)), FOLDS)
        news, speech = [None] * len(docs), [None] * len(docs)
        for fold in folds:
            train = np.setdiff1d(np.arange(len(docs)), fold)
            counts = counts_over([own[k] for k in train])  # the fold's own marked rates
            for k in train:
                set_marked_rates(candidates[k], keys[k], counts, own[k])
            for k in fold:
                set_marked_rates(candidates[k], keys[k], counts)
            model = fit([candidates[k] for k in train], [labels[k] for k in train])
            for k in fold:
                news[k] = score_emphatic(candidates[k], model)
                speech[k] = score_emphatic(candidates[k], model, address=True)
        out_of_fold.append((news, speech))
    # the address ranker: its pair chosen over every article, as the single ranker always was
    address_scores = np.mean(
        [grid_scores(docs, candidates, speech, skips, gold) for _, speech in out_of_fold], axis=0
    )
    best_address = int(np.argmax(address_scores[:, 2]))
    report("address", address_scores, best_address)
    address_rate, address_threshold = grid[best_address]
    if kept_address is not None:  # kept: its own pair
        address_threshold = kept_address["threshold"]
        address_rate = kept_address["per_1000_words"] or float("inf")
        print(
            f"address ranker kept from {OUT / 'emphatic_model.json'} (threshold {address_threshold}, "
            f"at most {address_rate} per 1000 words; --refit-address refits it)"
        )
    # the news ranker: its pair chosen over the split as shipped (address-like articles fixed)
    shipped = []
    for news, speech in out_of_fold:
        fixed = {
            k: chosen_spans(
                docs[k], candidates[k], speech[k], skips[k], address_rate, address_threshold
            )
            for k in range(len(docs))
            if address[k]
        }
        shipped.append(grid_scores(docs, candidates, news, skips, gold, fixed))
    news_scores = np.mean(shipped, axis=0)
    best = int(np.argmax(news_scores[:, 2]))
    report("news", news_scores, best)
    news_rate, news_threshold = grid[best]

    for k in range(len(docs)):  # as shipped: every article's rates without its own annotations
        set_marked_rates(candidates[k], keys[k], marked, own[k])
    model = fit(candidates, labels)
    if kept_address is not None:
        model["address"] = kept_address
    model["news"].update(
        threshold=float(news_threshold),
        per_1000_words=None if np.isinf(news_rate) else news_rate,
        cross_validation=cross_validation(news_scores, best),
    )
    if kept_address is None:
        model["address"].update(
            threshold=float(address_threshold),
            per_1000_words=None if np.isinf(address_rate) else address_rate,
            cross_validation=cross_validation(address_scores, best_address),
        )
    model = {
        "features": list(EMPHATIC_FEATURES), "phrase_features": list(PHRASE_FEATURES),
        "address_features": list(ADDRESS_FEATURES), **model,
        "cross_validation": cross_validation(news_scores, best),
        "provenance": (
            "Logistic regressions (scikit-learn " + sklearn.__version__ + f", C={C}, features clipped to their {CLIP}-{100 - CLIP} percentiles, standardised) "
            f"trained by benchmarks/train_emphatic_repeats.py on the PTC train split only, its articles of the training pool ({len(docs)}: the development articles left out; "
            f"{sum(len(y) for y in labels)} candidate mentions, {int(sum(y.sum() for y in labels))} positives: "
            f"at least {POSITIVE_COVER:.0%} of the mention inside a 'Repetition' span). news: a phrase regression "
            "(positive when a mention is) times a mention regression (fitted on the mentions of positive phrases); "
            "address: one regression over every mention, for texts that read as addresses. Thresholds and most "
            f"mentions per 1000 words: best mean span F1 over {REPEATS}x{FOLDS}-fold cross-validation grouped "
            "by article, on train (cross_validation: the split as shipped, each article by its ranker)."
        ),
    }  # fmt: skip
    (OUT / "emphatic_model.json").write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print(
        f"news: threshold {news_threshold:.3f}, at most {news_rate} per 1000 words; address: threshold "
        f"{address_threshold:.3f}, at most {address_rate}; cross-validated F1 as shipped "
        f"{news_scores[best, 2]:.4f}; wrote {OUT}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
