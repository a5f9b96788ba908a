"""The sampling weights of the scorers' training script, and the score-banded annotation round."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BENCHMARKS = ROOT / "benchmarks"
ANNOTATIONS = ROOT / "corpus" / "annotations"


@pytest.fixture(scope="module")
def scripts(benchmarks):
    return benchmarks("train_scorers"), benchmarks("candidate_sheets"), benchmarks("heldout_recall")


def test_a_banded_record_is_weighted_by_its_band_size_over_the_judged_figures_of_its_band(scripts):
    train, _, _ = scripts
    doc = "inaugural/texts/1801-Jefferson.txt"
    top = {"kind": "clause", "stratum": "score-top", "cell_size": 40}
    below = {"kind": "clause", "stratum": "score-below", "cell_size": 900}
    plain = {"kind": "clause"}
    strata = [train.stratum_of("epistrophe", doc, r) for r in (top, top, below, plain, plain)]
    strata.append(None)  # a gold-style candidate: trained on, never measured
    population = Counter({("epistrophe", "speech", "clause"): 300})
    weights = train.sample_weights(strata, population)
    assert strata[0] == ("epistrophe", "band", "score-top", 40)
    assert strata[3] == ("epistrophe", "speech", "clause")
    assert weights[:2] == [40 / 2, 40 / 2]
    assert weights[2] == 900 / 1
    assert weights[3:5] == [300 / 2, 300 / 2]
    assert weights[5] == 0.0
    # each stratum's weights add up to its size in the pool
    assert sum(weights[:2]) == 40 and sum(weights[3:5]) == 300


def test_an_empty_stratum_in_the_pool_still_weighs_its_judged_figures(scripts):
    train, _, _ = scripts
    strata = [("chiasmus", "news", "chiasmus")] * 4
    assert train.sample_weights(strata, Counter()) == [0.25] * 4


def test_score_bands_split_every_figure_once_at_the_threshold_minus_the_width(scripts):
    _, sheets, _ = scripts
    records = [{"score": s} for s in (0.0, 0.39, 0.4, 0.41, 0.6, 0.95)]
    bands = sheets.score_bands(records, threshold=0.6, width=0.2)
    assert [r["score"] for r in bands["score-top"]] == [0.4, 0.41, 0.6, 0.95]
    assert [r["score"] for r in bands["score-below"]] == [0.0, 0.39]
    assert len(bands["score-top"]) + len(bands["score-below"]) == len(records)


def test_a_banded_round_of_one_genre_is_a_stratum_of_its_own(scripts):
    """A news-only round's band ("news/score-top") counts its size in news only, so it weighs
    its figures apart from a band of both genres drawn at the same score."""
    train, _, _ = scripts
    doc = "ptc/train-articles/article111111111.txt"
    both = {"kind": "question", "stratum": "score-top", "cell_size": 600}
    news = {"kind": "question", "stratum": "news/score-top", "cell_size": 500}
    strata = [train.stratum_of("rhetorical_question", doc, r) for r in (both, news, news)]
    assert len(set(strata)) == 2
    assert train.sample_weights(strata, Counter()) == [600.0, 250.0, 250.0]


def test_weights_post_stratified_by_genre_add_up_to_each_genre_s_pool(scripts):
    """Two rounds drew news figures and one drew addresses: given the genres, each genre's
    weights add up to its candidates in the pool, in the same ratios within the genre."""
    train, _, _ = scripts
    population = Counter({("rhetorical_question", "news", "question"): 700,
                          ("rhetorical_question", "speech", "question"): 300})  # fmt: skip
    strata = [("rhetorical_question", "news", "question")] * 2 + [
        ("rhetorical_question", "band", "news/score-top", 600),
        ("rhetorical_question", "band", "news/score-top", 600),
        ("rhetorical_question", "band", "news/score-top", 600),
        ("rhetorical_question", "speech", "question"),
        None,  # a gold-style candidate stays at 0
    ]
    genres = ["news"] * 5 + ["speech", "speech"]
    plain = train.sample_weights(strata, population)
    assert sum(plain[:5]) == 700 + 600  # two rounds describe news, one the addresses
    weights = train.sample_weights(strata, population, genres)
    assert sum(weights[:5]) == pytest.approx(700) and weights[5] == pytest.approx(300)
    assert weights[6] == 0.0
    assert weights[0] / weights[2] == pytest.approx(plain[0] / plain[2])


def test_a_population_cache_of_the_other_pool_is_refused(scripts, tmp_path):
    """The whole pool and the pool without the held-out folds' addresses weigh the judged figures
    differently: a cache file written for one is never read as the other (an old file, without
    the marker, counted the whole pool)."""
    train, _, _ = scripts
    whole, without = tmp_path / "whole.json", tmp_path / "without.json"
    code = {train.CODE_KEY: train.code_fingerprint()}
    whole.write_text(json.dumps({**code, "anaphora|speech|sentence": 7}), encoding="utf-8")
    without.write_text(
        json.dumps({train.WITHOUT_HELD_OUT_KEY: True, **code, "anaphora|speech|sentence": 5}),
        encoding="utf-8",
    )
    assert train.load_population(tmp_path, str(whole)) == {("anaphora", "speech", "sentence"): 7}
    assert train.load_population(tmp_path, str(without), without_held_out=True) == {
        ("anaphora", "speech", "sentence"): 5
    }
    with pytest.raises(SystemExit, match="counts the whole pool"):
        train.load_population(tmp_path, str(whole), without_held_out=True)
    with pytest.raises(SystemExit, match="without the held-out folds"):
        train.load_population(tmp_path, str(without))


def test_the_banded_annotation_rounds_are_consistent(scripts):
    """Every record of a score-banded round names its band and the band's size in the pool; a
    band (stratum and size: each round drew its own) is no smaller than its judged figures, and
    no record lies in a document of a fold held out when it was drawn (heldout-5 for the first
    round, the measured-only folds for later ones)."""
    _, _, heldout = scripts
    from rhetoric.devices import DEVICES

    # the folds each round left out: the first (judge-recall-14) heldout-5, later ones the
    # measured-only folds of their time (candidate_sheets.py --exclude-fold's default)
    first_round = {d for d, fold in heldout.FOLDS.items() if fold == "heldout-5"}
    # heldout-9 was annotated after the fifth round, from addresses that round had sampled
    later_rounds = {d for d, fold in heldout.FOLDS.items() if fold in ("heldout-7", "heldout-8")}
    banded = 0
    rounds = set()
    for path in [
        ANNOTATIONS / f"{d}.jsonl" for d in DEVICES if (ANNOTATIONS / f"{d}.jsonl").exists()
    ]:
        drawn: Counter = Counter()
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line) if line.strip() else {}
            if "cell_size" not in record:
                continue
            drawn[record["stratum"], record["cell_size"]] += 1
            if record["stratum"].startswith("census-"):
                # every candidate of a new rule judged: a stratum of its own, weighing 1 each
                # (session s39's census of the led tricolon series: judge-tri-39a; session
                # s40's census of the default figures no judgement covered: judge-au-40)
                assert record["annotator"].startswith(
                    ("judge-new-", "judge-tri-39", "judge-au-40")
                ), path.name
                continue
            drawn[record["stratum"], record["cell_size"]] -= 1
            banded += 1
            genres, _, band = record["stratum"].rpartition("/")
            assert band in {"score-top", "score-below"}, path.name
            # a round of one genre (--genres news) names it in its bands: "news/score-top"
            assert not genres or record["genre"] in genres.split("+"), path.name
            assert record["annotator"] and record["reason"], path.name
            held = first_round if record["annotator"] == "judge-recall-14" else later_rounds
            assert record["doc"] not in held, (path.name, record["doc"])
            if record["genre"] == "news":
                assert "text" not in record  # PTC text is not redistributable
            drawn[record["stratum"], record["cell_size"]] += 1
            rounds.add(record["annotator"])
        for (stratum, size), n in drawn.items():
            assert size >= n, (path.name, stratum, size)
            if stratum.startswith("census-"):
                assert size == n, (path.name, stratum)  # a census judges all it counts
    assert banded > 0 and len(rounds) > 1


def test_the_held_out_folds_are_kept_apart_from_training(scripts, monkeypatch):
    """Every gold-style item has a fold; the measured-only folds are not training folds (the
    training script refuses them), and the second annotators' items lie in those folds' documents
    only, each quote in its document as often as its min_hits asks."""
    train, _, heldout = scripts
    from rhetoric.evaluation.gold import gold_documents, load_gold, occurrences

    folds = heldout.split_items()
    measured_folds = {"heldout-7", "heldout-8", "heldout-9", "heldout-10", "heldout-12"}
    assert all(folds[name] for name in measured_folds)
    assert set(heldout.MEASURED_ONLY) == measured_folds
    assert not set(heldout.MEASURED_ONLY) & set(heldout.TRAINING_FOLDS)
    measured = {d for d, fold in heldout.FOLDS.items() if fold in heldout.MEASURED_ONLY}
    second = load_gold(heldout.SECOND)
    assert set(second["doc"]) <= measured and len(second) >= 100
    records = [json.loads(line) for line in heldout.SECOND.read_text().splitlines() if line.strip()]
    assert {r["annotator"] for r in records} == {"helper-recall-7c", "helper-recall-7d"}
    texts = dict(gold_documents(second).pipe(lambda t: zip(t["doc_id"], t["text"], strict=True)))
    for item in second.itertuples():
        assert len(occurrences(texts[item.doc], item.quote)) >= item.min_hits, item.quote
    monkeypatch.setattr(sys, "argv", ["train_scorers.py", "--gold-folds", "develop,heldout-7"])
    with pytest.raises(SystemExit, match="heldout-7: held-out"):
        train.main()  # refused before any document is read


def test_parts_share_is_the_characters_two_sets_of_parts_hold_in_common(scripts):
    train, _, _ = scripts
    assert train.parts_share([(0, 10)], [(0, 10)]) == 1.0
    assert train.parts_share([(0, 10), (20, 30)], [(0, 10)]) == 0.5
    assert train.parts_share([(0, 10)], [(5, 15)]) == 5 / 15
    assert train.parts_share([(0, 10)], [(10, 20)]) == 0.0
    assert train.parts_share([], []) == 0.0


def test_a_judgement_lends_its_verdict_only_to_a_candidate_sharing_half_its_parts(
    scripts, data_home
):
    """A judged figure whose exact parts no candidate has is matched to the candidate that
    overlaps it most, but only when they share at least ``MIN_PARTS_SHARE`` of their parts'
    characters: a judgement of one figure does not label another that merely overlaps it."""
    train, _, _ = scripts
    from rhetoric.devices import get_finder
    from rhetoric.evaluation.pool import pool_texts_as_unseen
    from rhetoric.figures import figure_parts
    from rhetoric.text import Document, decode

    doc_path = "inaugural/texts/1817-Monroe.txt"  # a training-pool address
    text, _ = decode((data_home / doc_path).read_bytes())
    with pool_texts_as_unseen(data_home):
        figures = figure_parts(get_finder("tricolon")(Document(text, doc_path)))
    parts = [(s.start, s.end) for s in max(figures, key=len)]
    start, end = parts[0][0], parts[-1][1]

    def record(judged_parts):
        return {"doc": doc_path, "device": "tricolon", "kind": "tricolon", "start": start,
                "end": end, "parts": [list(p) for p in judged_parts], "verdict": "TRUE",
                "genre": "speech"}  # fmt: skip

    # the same figure with its last part a little longer: matched by overlap
    near = [*parts[:-1], (parts[-1][0], parts[-1][1] + 3)]
    # a judged figure of one character inside the first part, though its extent is the figure's:
    # another figure, not matched
    far = [(start, start + 1)]
    records, labels, _, unmatched, _ = train.training_records(
        "tricolon", [record(near), record(far)], data_home
    )
    assert len(records) == 1 and list(labels) == [1.0] and unmatched == 1


def test_a_population_cache_counted_with_other_code_is_counted_again(
    scripts, tmp_path, monkeypatch
):
    """A cache outlives a change of the finders (and a git pull): read as it was, it weighted
    the judged figures by another code's candidates and the rebuilt scorer differed, unsaid."""
    train, _, _ = scripts
    stale = tmp_path / "stale.json"
    stale.write_text(json.dumps({train.CODE_KEY: "0" * 40, "anaphora|speech|sentence": 7}))
    monkeypatch.setattr(
        train, "population_counts", lambda home, without: {("tricolon", "news", "x"): 3}
    )
    assert train.load_population(tmp_path, str(stale)) == {("tricolon", "news", "x"): 3}
    assert json.loads(stale.read_text())[train.CODE_KEY] == train.code_fingerprint()
