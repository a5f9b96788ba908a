"""Frame spans, profiles and corpus tables: hand-made sentences, then the real corpora."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import rhetoric
from rhetoric.framing import (
    CORPUS_COLUMNS,
    FRAMES,
    PART_WEIGHT,
    PROFILE_COLUMNS,
    WAR_YEARS,
    address_month,
    analyze_frames,
    corpus_frame_table,
    dominant_frame,
    find_frames,
    frame_evidence,
    frame_profile,
    recession_within,
)
from rhetoric.framing.frames import MIN_SHARE_OF_TOP
from rhetoric.text import Document

SENTENCE = "The Senate voted to cut taxes. Troops crossed the border, and the court heard the case."


def test_frame_spans_with_offsets():
    spans = find_frames(SENTENCE, doc_id="s1")
    assert [(s.kind, s.start, s.end, s.text, s.score) for s in spans] == [
        ("political", 4, 10, "Senate", 1.0),
        ("political", 11, 16, "voted", 1.0),
        ("economic", 24, 29, "taxes", 1.0),
        ("security_and_defense", 31, 37, "Troops", 1.0),
        ("security_and_defense", 50, 56, "border", 0.5),  # a weak cue: weight 0.5 in the lexicon
        ("legality_constitutionality_jurisprudence", 66, 71, "court", 1.0),
    ]
    assert {s.device for s in spans} == {"frame"} and {s.doc_id for s in spans} == {"s1"}


def test_sense_changing_phrases():
    # "pay attention" is not economic; "social security" is not defense; "health care" is one term
    text = "Pay attention to social security and to health care."
    assert [(s.kind, s.text) for s in find_frames(text)] == [
        ("quality_of_life", "social security"),
        ("health_and_safety", "health care"),
    ]


def test_profile_counts_rates_shares_and_scores():
    profile = frame_profile(SENTENCE).set_index("frame")
    assert profile.index.tolist()[:2] == ["political", "security_and_defense"]
    political = profile.loc["political"]
    assert political["hits"] == 2 and political["keywords"] == ["senate", "voted"]
    assert political["per_1000"] == pytest.approx(1000 * 2 / 16)
    assert political["share"] == pytest.approx(2 / 6)
    # the weak "border" (0.5) makes security score lower than its hit count suggests; the
    # first sentences are the lead, where a hit counts PART_WEIGHT["lead"] times
    lead = PART_WEIGHT["lead"]
    assert profile.loc["security_and_defense", "score"] == pytest.approx(1000 * 1.5 * lead / 16)
    assert profile["share"].sum() == pytest.approx(1.0)
    assert profile["dominant"].sum() == 1 and profile.loc["political", "dominant"]


def test_multiword_terms_weigh_more():
    one = frame_profile("Health matters.").set_index("frame").loc["health_and_safety", "score"]
    two = frame_profile("Health care matters.").set_index("frame").loc["health_and_safety", "score"]
    assert two == pytest.approx(one * 1.5 * 2 / 3)  # weight 1.5, over 3 words instead of 2


def test_a_term_broken_over_a_line_is_one_keyword():
    profile = frame_profile("Health\ncare matters. Health care is a right.").set_index("frame")
    keywords = profile.loc["health_and_safety", "keywords"]
    assert list(keywords) == ["health care"]  # one keyword, counted twice; no line break in it


def test_profile_schema_and_empty_text():
    profile = frame_profile("")
    assert profile.columns.tolist() == PROFILE_COLUMNS
    assert sorted(profile["frame"]) == sorted(FRAMES[:-1])
    assert profile[["hits", "per_1000", "share", "score"]].to_numpy().sum() == 0
    assert not profile["dominant"].any()
    assert dominant_frame("Nothing to see here.") is None


def test_corpus_table_from_texts_and_from_a_frame():
    table = corpus_frame_table(["The troops and the army.", "Taxes, wages and jobs.", ""])
    assert table.columns.tolist() == CORPUS_COLUMNS
    assert len(table) == 3 * 14
    assert table.loc[table.dominant, ["doc_id", "frame"]].values.tolist() == [
        ["doc0", "security_and_defense"], ["doc1", "economic"],
    ]  # fmt: skip
    frame = pd.DataFrame({"doc_id": ["a", "b"], "text": ["War.", "Taxes."], "year": [1951, 1982],
                          "path": ["x", "y"]})  # fmt: skip
    table = corpus_frame_table(frame)
    assert table.columns.tolist() == CORPUS_COLUMNS + ["year"]
    assert table.groupby("doc_id")["year"].first().to_dict() == {"a": 1951, "b": 1982}
    assert corpus_frame_table(frame, metadata=None).columns.tolist() == CORPUS_COLUMNS


def test_corpus_table_errors_and_empty_input():
    assert corpus_frame_table([]).columns.tolist() == CORPUS_COLUMNS
    with pytest.raises(TypeError, match="wrap one text in a list"):
        corpus_frame_table("War and peace.")
    frame = pd.DataFrame({"doc_id": ["a"], "text": ["War."]})
    with pytest.raises(ValueError, match="did you mean 'text'"):
        corpus_frame_table(frame, text="txt")
    with pytest.raises(ValueError, match="metadata column='year'"):
        corpus_frame_table(frame, metadata=["year"])


def test_analyze_frames_contract_and_analyze_integration():
    text = "Clearly we will cut taxes. Perhaps the troops will come home."
    spans, rows = analyze_frames(Document(text))
    assert {(s.device, s.kind) for s in spans} >= {("frame", "economic"), ("stance", "booster"),
                                                   ("stance", "hedge")}  # fmt: skip
    assert all(s.text == text[s.start : s.end] for s in spans)
    assert [r["frame"] for r in rows] == ["economic", "security_and_defense", "quality_of_life"]
    assert all(
        set(r) == {"frame", "score", "hits", "rank", "keywords"} and r["hits"] > 0 for r in rows
    )
    ranked = [r["rank"] for r in rows if r["rank"]]
    assert ranked == list(range(1, len(ranked) + 1)) and rows[0]["rank"] == 1
    result = rhetoric.analyze(text, devices=[]).to_dict()
    assert [f["frame"] for f in result["frames"]] == [r["frame"] for r in rows]
    assert result["devices"] == []  # stance spans have their own key
    assert {d["kind"] for d in result["stance"]} == {"booster", "hedge"}


def test_periods():
    assert recession_within(1975, 1) and recession_within(2001, 9) and not recession_within(1966, 1)
    assert {1951, 1967, 2003} <= WAR_YEARS and 1960 not in WAR_YEARS
    assert address_month("TITLE\n\nMarch 6, 1991\n\nText", 1991) == 3


def test_war_years_are_the_januaries_of_the_large_us_ground_wars_since_1941():
    # the list left out 1945 (January 1945: the Second World War) and ended Vietnam in 1968,
    # though US troop strength peaked in 1969 and ground combat units fought until August 1972
    second_world_war, korea = {1942, 1943, 1944, 1945}, {1951, 1952, 1953}
    vietnam, afghanistan_and_iraq = set(range(1966, 1973)), set(range(2002, 2015))
    assert WAR_YEARS == second_world_war | korea | vietnam | afghanistan_and_iraq
    # no ground war in the January: before Pearl Harbor, before the Korean and Vietnam
    # deployments, after the last US ground combat unit left Vietnam, the Gulf War's January
    # (air war; the ground war was 24-28 February 1991), before October 2001
    assert not {1941, 1946, 1950, 1965, 1973, 1991, 2001, 2015} & WAR_YEARS


def test_recession_within_looks_back_exactly_the_months_given():
    """Twelve months up to and including October 1946 are November 1945 to October 1946: the
    1945 recession's trough (October 1945) is 13 months before, outside them."""
    assert recession_within(1946, 9) and not recession_within(1946, 10)
    assert recession_within(1945, 10, months=1) and not recession_within(1945, 11, months=1)
    assert recession_within(1982, 1, months=6) and not recession_within(1981, 1, months=6)


# --- the targets on real texts ------------------------------------------------------------------


def test_seed_article_is_framed_as_security_with_foreign_relations_second(seed_text):
    doc = Document(seed_text, "seed")
    profile = frame_profile(doc)
    assert profile["frame"].iloc[0] == "security_and_defense" and profile["rank"].iloc[0] == 1
    assert "external_regulation_and_reputation" in profile["frame"].iloc[:3].tolist()
    # keyword spans fall on the passages about terrorism, ISIS-K, the TTP and counterterrorism
    spans = [s for s in find_frames(doc) if s.kind == "security_and_defense"]
    for marker in ("terrorism", "ISIS-K", "TTP", "counterterrorism"):
        sentences = [s for s in doc.sentences if marker in seed_text[s.start : s.end]]
        assert sentences, marker
        covered = [s for s in sentences if any(s.start <= span.start < s.end for span in spans)]
        assert len(covered) >= len(sentences) / 2, marker
    assert all(span.text == seed_text[span.start : span.end] for span in spans)


def test_seed_spans_stay_out_of_removed_boilerplate(seed_text):
    doc = Document(seed_text)
    spans, _ = analyze_frames(doc)
    for span in spans:
        assert not any(r.start <= span.start < r.end for r in doc.removed)


@pytest.fixture(scope="module")
def state_union_table(data_home) -> pd.DataFrame:
    from rhetoric.corpora import load_state_union

    corpus = load_state_union(data_home)
    corpus["month"] = [
        address_month(t, int(y)) for t, y in zip(corpus["text"], corpus["year"], strict=True)
    ]
    table = corpus_frame_table(corpus, text="clean_text")
    table["year"] = table["year"].astype(int)
    return table


def test_2002_state_of_the_union_is_dominated_by_security(state_union_table):
    row = state_union_table[
        (state_union_table.doc_id == "2002-GWBush") & state_union_table.dominant
    ]
    assert row["frame"].tolist() == ["security_and_defense"]


def test_security_share_is_higher_in_war_years(state_union_table):
    security = state_union_table[state_union_table.frame == "security_and_defense"]
    assert security.doc_id.nunique() == 65
    war = security.year.isin(WAR_YEARS)
    assert war.sum() == 15  # 1945, 1951, 1953, 1966-1972, 2002-2006 (no address file for 1952)
    assert security.loc[war, "share"].mean() > 1.3 * security.loc[~war, "share"].mean()


def test_economic_share_is_higher_after_recessions(state_union_table):
    """Recession addresses: an NBER recession under way in the 12 months before the address."""
    economic = state_union_table[state_union_table.frame == "economic"]
    recession = [recession_within(y, m) for y, m in zip(economic.year, economic.month, strict=True)]
    economic = economic.assign(recession=recession)
    means = economic.groupby("recession")["share"].mean()
    assert means[True] > means[False]
    # the peak of economic framing falls in a recession address
    assert economic.sort_values("score").iloc[-1]["recession"]


_pieces = st.sampled_from(
    ["war", "taxes", "the court", "pay attention", "social security", "God", "troops", "—", ",",
     ".", "\n\n", "health care", "ISIS-led", "’s", "poll", "vote", "  "]
)  # fmt: skip


@settings(max_examples=40, deadline=None)
@given(st.lists(_pieces, max_size=30).map(" ".join))
def test_profile_invariants(text):
    profile = frame_profile(text)
    assert len(profile) == 14
    total = profile["hits"].sum()
    assert profile["share"].sum() == pytest.approx(1.0 if total else 0.0)
    assert profile["dominant"].sum() == (1 if total else 0)
    assert (profile["score"] >= 0).all()
    # ranked frames first, in rank order and by falling ranking strength; the rest by score
    ranked, rest = profile[profile["rank"] > 0], profile[profile["rank"] == 0]
    assert ranked.index.tolist() == list(range(len(ranked)))
    assert ranked["rank"].tolist() == list(range(1, len(ranked) + 1))
    assert ranked["rank_score"].is_monotonic_decreasing and rest["score"].is_monotonic_decreasing
    assert (profile["rank_score"].between(0, 1)).all()
    assert (ranked["rank_score"].iloc[:1] == 1.0).all() and (ranked["supported"]).all()
    for span in find_frames(text):
        assert span.text == text[span.start : span.end] and span.kind in FRAMES


def test_inaugural_known_groups(data_home):
    """Addresses whose subject history records: secession, the Depression, the Cold War."""
    from rhetoric.corpora import load_inaugural

    corpus = load_inaugural(data_home)
    corpus = corpus[corpus.doc_id.isin(["1861-Lincoln", "1933-Roosevelt", "1961-Kennedy"])]
    table = corpus_frame_table(corpus)  # addresses: the speech ranker
    dominant = dict(table.loc[table.dominant, ["doc_id", "frame"]].values.tolist())
    assert dominant["1861-Lincoln"] == "legality_constitutionality_jurisprudence"
    assert dominant["1933-Roosevelt"] == "economic"
    # the Cold War address: relations with other nations and defence, ranked nearly level
    kennedy = frame_profile(corpus.set_index("doc_id").loc["1961-Kennedy", "text"], ranker="speech")
    first_two = kennedy.loc[kennedy["rank"].between(1, 2), "frame"].tolist()
    assert set(first_two) == {"external_regulation_and_reputation", "security_and_defense"}
    # the profile ranker, never fitted on addresses, puts defence first
    assert dominant_frame_of(corpus, "1961-Kennedy", "profile") == "security_and_defense"


def dominant_frame_of(corpus, doc_id: str, ranker: str) -> str:
    profile = frame_profile(corpus.set_index("doc_id").loc[doc_id, "text"], ranker=ranker)
    return profile.loc[profile["rank"] == 1, "frame"].item()


# --- news: headline and lead, distinct terms, incidental words -----------------------------------


def test_headline_and_lead_count_more_and_evidence_says_where():
    text = (
        "Troops Leave Town\n\nThe army left. " + "Nothing happened that day. " * 30 + "Taxes rose."
    )
    evidence = frame_evidence(Document(text, remove_boilerplate=False))
    assert evidence[["frame", "text", "part"]].values.tolist() == [
        ["security_and_defense", "Troops", "headline"],
        ["security_and_defense", "army", "lead"],
        ["economic", "Taxes", "body"],
    ]
    assert all(text[r.start : r.end] == r.text for r in evidence.itertuples())
    assert evidence["weight"].tolist() == [PART_WEIGHT["headline"], PART_WEIGHT["lead"], 1.0]


def test_the_score_is_the_documented_sum_of_part_weighted_discounted_hits():
    """The module notes' formula: each hit's weight times its part's weight, a term's repeats
    counting 1, 1/sqrt 2, ... heaviest first, per 1,000 words (and the notes say so)."""
    import rhetoric.framing.frames as frames

    text = "Troops Leave Town\n\nThe troops left. " + "Nothing happened that day. " * 30 + "Troops."
    doc = Document(text, remove_boilerplate=False)
    evidence = frame_evidence(doc)
    troops = evidence[
        (evidence["frame"] == "security_and_defense") & (evidence["term"] == "troop*")
    ]
    assert troops["part"].tolist() == ["headline", "lead", "body"]
    weights = sorted(troops["weight"], reverse=True)
    expected = sum(w / (k + 1) ** 0.5 for k, w in enumerate(weights))
    others = evidence[
        (evidence["frame"] == "security_and_defense") & (evidence["term"] != "troop*")
    ]
    assert others.empty
    score = frame_profile(doc).set_index("frame").loc["security_and_defense", "score"]
    assert score == pytest.approx(1000 * expected / doc.n_words)
    notes = " ".join(frames.__doc__.split())
    assert "PART_WEIGHT" in notes and "1/sqrt 2" in notes


def test_money_words_alone_do_not_make_a_story_economic():
    filler = "The committee met again on the matter that week. " * 12
    text = (
        "Gang Leader Sentenced\n\nA gang leader was convicted of murder and sent to prison. "
        + filler
        + "He paid a fine of one million dollars, money from a fund, and the price rose."
    )
    doc = Document(text, remove_boilerplate=False)  # the filler would be set aside as a copy
    profile = frame_profile(doc).set_index("frame")
    assert profile.loc["economic", "hits"] >= 4 and not profile.loc["economic", "supported"]
    assert profile.loc["economic", "rank"] == 0
    assert profile["rank"].idxmax() != "economic"
    assert dominant_frame(doc) == "crime_and_punishment"


def test_a_frame_needs_several_distinct_terms_in_a_story():
    filler = "The officials met again on the matter that week. " * 25
    text = (
        "Budget Talks Resume\n\nThe budget talks on taxes resumed. "
        + filler
        + "A soldier spoke. " * 4
    )
    profile = frame_profile(Document(text, remove_boilerplate=False)).set_index("frame")
    # one term repeated in the body is one piece of evidence: not enough in a 300-word story
    assert profile.loc["security_and_defense", "n_terms"] == 1
    assert not profile.loc["security_and_defense", "supported"]
    assert profile.loc["economic", "rank"] == 1


def test_weak_cues_count_as_part_of_a_term():
    filler = "The officials met again on the matter that week. " * 25
    # three weak security cues (weight 0.5 each: "danger", "border", "conflict") in the body
    text = (
        "Budget Talks Resume\n\nThe budget talks on taxes and spending resumed. "
        + filler
        + "There was danger at the border. The conflict went on."
    )
    profile = frame_profile(Document(text, remove_boilerplate=False)).set_index("frame")
    security = profile.loc["security_and_defense"]
    assert security["n_terms"] == 3 and security["term_weight"] == pytest.approx(1.5)
    assert not security["supported"] and security["rank"] == 0
    # whole terms are counted whole
    economic = profile.loc["economic"]
    assert economic["term_weight"] == pytest.approx(economic["n_terms"])
    assert profile["rank"].idxmax() == "economic"


def test_a_word_of_two_frames_takes_the_sense_of_the_story():
    # "massacre" is listed under crime and under security: the story decides which
    crime = "Police arrested the gunman after the shooting; he was charged with murder."
    war = "The army and its troops fought the war; soldiers and weapons were everywhere."
    for context, frame, other in (
        (crime, "crime_and_punishment", "security_and_defense"),
        (war, "security_and_defense", "crime_and_punishment"),
    ):
        text = context + " The massacre shocked the town."
        evidence = frame_evidence(text)
        massacre = evidence[evidence["text"] == "massacre"]
        assert massacre["frame"].tolist() == [frame]
        # whole, at the term's own weight (the sentence lies in the lead)
        assert massacre["weight"].item() == pytest.approx(PART_WEIGHT["lead"])
        profile = frame_profile(text).set_index("frame")
        assert "massacre" not in profile.loc[other, "keywords"]
    # with no other evidence, the word stays split between its frames
    alone = frame_evidence("The massacre shocked the town.")
    assert sorted(alone["frame"]) == ["crime_and_punishment", "security_and_defense"]
    assert alone["weight"].tolist() == pytest.approx([0.5 * PART_WEIGHT["lead"]] * 2)


def test_news_frame_rankings_against_the_judged_ptc_articles(data_home):
    """Regression floors on the judged PTC train articles (see benchmarks/frames_news.py)."""
    from pathlib import Path

    from rhetoric.evaluation.frames import frame_agreement, frame_rankings, read_frame_judgements

    path = Path(__file__).resolve().parents[2] / "corpus" / "annotations" / "frames_ptc_train.jsonl"
    judgements = read_frame_judgements(path)
    sizes = judgements["split"].value_counts().to_dict()
    assert sizes == {
        "tune": 20, "heldout": 20, "new": 20, "train": 40, "fresh": 40, "train2": 64, "fresh2": 40,
        "fresh3": 40, "train3": 81,
    }  # fmt: skip
    # later splits were judged by other annotators, on articles no earlier split holds
    annotators = judgements.groupby("split")["annotator"].agg(set).to_dict()
    assert annotators["new"] == {"judge-12"}
    assert annotators["train"] == annotators["fresh"] == {"judge-frames-3"}
    assert annotators["train2"] == {"judge-frames-14"}
    assert annotators["fresh2"] == {"judge-frames-14f"}
    assert annotators["fresh3"] == {"judge-frames-14g"}
    assert annotators["train3"] == {"judge-frames-15g", "judge-frames-15h", "judge-frames-15i"}
    assert judgements["doc"].is_unique
    assert all(row["dominant"] in row["present"] for row in judgements.to_dict("records"))
    # the profile ranker (the ranker of speeches), on the PTC train articles: floors a little under
    # its figures on the 204 articles it was developed and trained on (0.67 / 0.04) and on fresh2
    # and fresh3, 40 each, judged by two more annotators and each measured once (0.775 / 0.025 and
    # 0.575 / 0.075; pooled 0.675 / 0.050): a change that loses an article's dominant frame shows
    agreement = frame_agreement(frame_rankings(judgements, data_home, ranker="profile"))
    agreement = agreement.set_index("split")
    assert agreement.loc["developed", "n"] == 204
    assert agreement.loc["developed", "top1"] >= 0.64
    assert agreement.loc["developed", "absent_top3"] <= 0.06
    assert agreement.loc["fresh2", "top1"] >= 0.72
    assert agreement.loc["fresh2", "absent_top3"] <= 0.075
    assert agreement.loc["fresh2+fresh3", "n"] == 80
    assert agreement.loc["fresh2+fresh3", "top1"] >= 0.63
    assert agreement.loc["fresh2+fresh3", "absent_top3"] <= 0.07


def test_the_news_frame_model_on_the_judged_ptc_dev_articles(data_home):
    """The clean set of the news frame model: 75 PTC dev articles, judged by three annotators
    before the model was built and never trained on; read twice (the first model 0.613 / 0.053,
    the shipped one 0.627 / 0.040; the profile ranker 0.600 / 0.080). Floors a little under."""
    from rhetoric.evaluation.frames import (
        frame_agreement,
        frame_rankings,
        project_frame_judgements,
    )

    judgements = project_frame_judgements()
    dev = judgements[judgements["split"] == "dev"]
    assert len(dev) == 75 and dev["doc"].is_unique
    assert dev["doc"].str.startswith("ptc/dev-articles/").all()
    assert dev["annotator"].value_counts().to_dict() == {
        "judge-frames-15a": 25, "judge-frames-15b": 25, "judge-frames-15c": 25,
    }  # fmt: skip
    assert not set(dev["doc"]) & set(judgements.loc[judgements["split"] != "dev", "doc"])
    rankings = frame_rankings(dev, data_home)  # PTC articles are news: the news frame model
    news = frame_agreement(rankings).set_index("split").loc["dev"]
    assert news["top1"] >= 0.60 and news["absent_top3"] <= 0.06
    profile = frame_agreement(frame_rankings(dev, data_home, ranker="profile")).iloc[0]
    assert news["top1"] >= profile["top1"] and news["absent_top3"] <= profile["absent_top3"]


def test_the_news_ranker_is_a_small_general_model_with_provenance():
    from rhetoric.framing.frames import RANKER_FEATURES, news_ranker

    model = news_ranker()
    assert model["features"] and set(model["features"]) <= set(RANKER_FEATURES)
    assert len(model["coef"]) == len(model["features"])
    # no per-frame prior: only the profile's own evidence orders the frames
    assert not any(model["bias"].values())
    # more evidence never ranks a frame lower
    assert all(c > 0 for c in model["coef"])
    provenance = model["provenance"]
    assert provenance["held_out_splits"] == ["fresh2"] and "fresh2" not in provenance["splits"]
    assert "fresh3" not in provenance["splits"]  # judged after the ranker was trained
    assert provenance["script"] == "benchmarks/train_frame_ranker.py"
    assert provenance["cv"]["n"] == provenance["articles"] >= 100


def test_the_ranker_orders_supported_frames_and_can_be_switched_off():
    from rhetoric.framing.frames import news_ranker

    filler = "The officials met again on the matter that week. " * 10
    text = (
        "Court Weighs Budget\n\nThe court heard the case on the law. "
        + filler
        + "Taxes, taxes and more taxes, the budget, the deficit and spending were argued. "
        + "The judge ruled on the constitution."
    )
    doc = Document(text, remove_boilerplate=False)
    learned, by_score = frame_profile(doc), frame_profile(doc, ranker=False)
    for profile in (learned, by_score):
        ranked = profile[profile["rank"] > 0]
        assert ranked["supported"].all() and ranked["rank_score"].iloc[0] == 1.0
    # the score ranking is the old one: ranked frames by falling score, within 0.7 of the top
    ranked = by_score[by_score["rank"] > 0]
    assert ranked["score"].is_monotonic_decreasing
    assert (ranked["score"] >= MIN_SHARE_OF_TOP * ranked["score"].iloc[0]).all()
    # the learned strength follows the model's formula on the profile's own columns
    model = news_ranker()
    rows = learned[learned["supported"] & (learned["score"] > 0)].set_index("frame")
    strength = (
        model["coef"][0] * np.log1p(rows["score"])
        + model["coef"][1] * np.log1p(rows["term_weight"])
        + model["coef"][2] * (rows["lead_hits"] > 0)
    )
    assert model["features"] == ["log_score", "log_term_weight", "in_lead"]
    assert np.allclose(rows["rank_score"], np.exp(strength - strength.max()))
    assert learned.loc[learned["rank"] == 1, "frame"].item() == strength.idxmax()
    # another lexicon is always ranked by score
    custom = frame_profile(text, {"law": ["court", "judge", "law"], "money": ["tax", "budget"]})
    top = custom[custom["rank"] > 0]
    assert top["score"].is_monotonic_decreasing and top["rank_score"].iloc[0] == 1.0


def test_frame_agreement_pools_the_first_forty_apart_from_a_later_split():
    import pandas as pd

    from rhetoric.evaluation.frames import frame_agreement

    rankings = pd.DataFrame({
        "split": ["tune", "heldout", "new", "new"],
        "top1": [True, False, True, True],
        "absent_top3": [False, True, False, True],
    })  # fmt: skip
    table = frame_agreement(rankings).set_index("split")
    assert table.index.tolist() == ["tune", "heldout", "new", "tune+heldout", "all"]
    assert table.loc["tune+heldout", "n"] == 2 and table.loc["tune+heldout", "top1"] == 0.5
    assert table.loc["new", "absent_top3"] == 0.5 and table.loc["all", "n"] == 4
    # without a later split there is no separate pool of the first forty
    assert "tune+heldout" not in set(frame_agreement(rankings[rankings.split != "new"])["split"])


def test_the_second_coder_judged_clean_articles_blind_and_is_compared_not_trained_on(data_home):
    from pathlib import Path

    from rhetoric.evaluation.frames import (
        SECOND_CODER,
        coder_agreement,
        frame_rankings,
        project_frame_judgements,
        read_frame_judgements,
    )

    folder = Path(__file__).resolve().parents[2] / "corpus" / "annotations"
    first = project_frame_judgements()
    second = read_frame_judgements(folder / SECOND_CODER)
    assert len(second) == 115 and second["doc"].is_unique
    assert second["annotator"].value_counts().to_dict() == {
        "judge-frames-15d": 25, "judge-frames-15e": 25, "judge-frames-15f": 25,
        "judge-frames-14h": 40,
    }  # fmt: skip
    # only articles of the clean sets: the profile ranker's (fresh2, fresh3) and the news frame
    # model's (dev)
    splits = dict(zip(first["doc"], first["split"], strict=True))
    assert {splits[d] for d in second["doc"]} == {"fresh2", "fresh3", "dev"}
    assert all(row["dominant"] in row["present"] for row in second.to_dict("records"))
    # the coders agree far more often than a ranker matches either: on fresh2 and fresh3 (the
    # profile ranker's clean sets) 0.95 against 0.70, on dev (the news frame model's) 0.92
    # against 0.63
    for splits_, ranker, n in ((("fresh2", "fresh3"), "profile", 40), (("dev",), True, 75)):
        both = first[first["split"].isin(splits_)]
        rankings = frame_rankings(both, data_home, ranker=ranker)
        table = coder_agreement(both, second, rankings).set_index("comparison")
        assert table["n"].eq(n).all()
        assert table.loc["first coder vs second coder", "agreement"] >= 0.9
        assert 0.6 <= table.loc["profiler vs first coder", "agreement"] <= 0.8


def test_the_news_frame_model_reads_words_as_scikit_learn_does():
    from sklearn.feature_extraction.text import TfidfVectorizer

    from rhetoric.framing.frame_model import export_vectorizer, word_vector

    texts = ["The court ruled on the tax law.", "Taxes, taxes and the budget rose.", "Troops left."]
    vectorizer = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit(texts)
    data = export_vectorizer(vectorizer)
    vocabulary = {w: i for i, w in enumerate(data["vocabulary"])}
    probe = "The budget: taxes rose, the court's law ruled; troops and taxes again."
    expected = vectorizer.transform([probe]).toarray()[0]
    assert np.allclose(word_vector(probe, vocabulary, np.array(data["idf"])), expected, atol=1e-6)


def test_the_news_frame_model_ranks_news_and_says_why():
    from rhetoric.framing.frame_model import news_frame_model
    from rhetoric.framing.frames import frame_model_evidence, ranked_frames

    model = news_frame_model()
    assert "other" in model.classes and len(model.frames) == 14
    provenance = model.provenance
    assert provenance["script"] == "benchmarks/train_news_frame_model.py"
    assert provenance["class_weight"] == "balanced"
    assert provenance["cv"]["n"] == provenance["articles"] >= 360
    # folds by story: several PTC articles tell one story
    assert provenance["cv"]["stories"] < provenance["articles"]
    assert not any("dev" in split for split in provenance["splits"])  # dev is the clean set
    text = (
        "Police Arrest Suspect in Shooting\n\nPolice arrested a man on Friday after a shooting "
        "outside a bar; prosecutors charged him with murder and he was held without bail. "
        "The victim's family asked the court for justice, and detectives searched his home."
    )
    news = frame_profile(Document(text, metadata={"genre": "news"}))
    assert news.equals(frame_profile(text, ranker="news"))
    assert ranked_frames(news)[0] == "crime_and_punishment"
    ranked = news[news["rank"] > 0].sort_values("rank")
    # probabilities relative to the most probable class: 1 for the first frame
    assert ranked["rank_score"].iloc[0] == pytest.approx(1.0)
    assert (ranked["rank_score"] >= model.min_share_of_top - 1e-9).all()
    # without a genre a document is ranked by the profile ranker, as before
    assert frame_profile(text).equals(frame_profile(text, ranker="profile"))
    # why: the words and profile features that raised each frame
    evidence = frame_model_evidence(text)
    crime = evidence[evidence["frame"] == "crime_and_punishment"]
    assert not crime.empty and (crime["contribution"] > 0).all()
    assert set(crime["kind"]) <= {"word", "profile"}
    with pytest.raises(ValueError, match="ranker"):
        frame_profile(text, ranker="newsy")


def test_other_first_leaves_no_frame_dominant(monkeypatch):
    import rhetoric.framing.frames as frames
    from rhetoric.framing.frames import _rank_rows, _rows_to_frame, ranked_frames

    rows = [
        {"frame": "political", "score": 2.0, "supported": True},
        {"frame": "economic", "score": 1.0, "supported": True},
    ]
    # the news frame model's probabilities, other most probable: ranks start at 2
    probabilities = {"other": 0.5, "political": 0.4, "economic": 0.1}
    monkeypatch.setattr(
        frames, "frame_probabilities", lambda doc, parts, rows, model: probabilities
    )
    model = object.__new__(frames.FrameModel)
    model.min_share_of_top = 0.7
    _rank_rows(rows, None, [], model)
    assert [r["rank"] for r in rows] == [2, 0] and not any(r["dominant"] for r in rows)
    assert rows[0]["rank_score"] == pytest.approx(0.8)
    table = _rows_to_frame([
        {**r, "hits": 1, "per_1000": 1.0, "share": 0.5, "keywords": [], "n_terms": 1,
         "term_weight": 1.0, "lead_hits": 0} for r in rows
    ])  # fmt: skip
    assert ranked_frames(table) == ["other", "political"]


def test_the_news_models_first_frame_comes_first_though_it_has_no_hit(monkeypatch):
    """When the news frame model's most probable class is a codebook frame without lexicon hits
    (article697063039: quality_of_life, p 0.997), that frame is first, not ``other``: ``other``
    comes first only when the model judges it most probable."""
    import rhetoric.framing.frames as frames
    from rhetoric.framing.frames import _rank_rows, _rows_to_frame, ranked_frames

    rows = [
        {"frame": "political", "score": 2.0, "supported": True},
        {"frame": "economic", "score": 1.0, "supported": False},
        {"frame": "quality_of_life", "score": 0.0, "supported": False},
        {"frame": "morality", "score": 0.0, "supported": False},
    ]
    probabilities = {"quality_of_life": 0.9, "political": 0.07, "other": 0.02, "economic": 0.01}
    monkeypatch.setattr(
        frames, "frame_probabilities", lambda doc, parts, rows, model: probabilities
    )
    model = object.__new__(frames.FrameModel)
    model.min_share_of_top = 0.7
    _rank_rows(rows, None, [], model)
    assert [r["rank"] for r in rows] == [0, 0, 1, 0]
    assert rows[2]["dominant"] and rows[2]["rank_score"] == 1.0
    assert rows[0]["rank_score"] == pytest.approx(0.07 / 0.9) and rows[3]["rank_score"] == 0.0
    table = _rows_to_frame([
        {**r, "hits": int(r["score"]), "per_1000": r["score"], "share": 0.5, "keywords": [],
         "n_terms": 1, "term_weight": 1.0, "lead_hits": 0} for r in rows
    ])  # fmt: skip
    assert ranked_frames(table) == ["quality_of_life"]
    # an article with no frame word at all is still not ranked
    empty = [{"frame": "quality_of_life", "score": 0.0, "supported": False}]
    _rank_rows(empty, None, [], model)
    assert empty[0]["rank"] == 0 and not empty[0]["dominant"]


def test_the_speech_ranker_on_judged_addresses(data_home):
    """Dominant frames of 91 training-pool addresses: 51 fitted the speech ranker
    (``speech_train``), 40 judged first are its evaluation set (``speech``), read once: top-1
    0.575 and absent-in-top-three 0.050, where the profile ranker, never fitted on addresses,
    gives 0.300 and 0.000 (its first frame is ``economic`` in 24 of the 40). Floors a little
    under."""
    from pathlib import Path

    from rhetoric.evaluation.frames import frame_agreement, frame_rankings, read_frame_judgements
    from rhetoric.evaluation.pool import development_documents, reserved_documents
    from rhetoric.framing.frames import speech_ranker

    path = Path(__file__).resolve().parents[2] / "corpus" / "annotations" / "frames_speeches.jsonl"
    judgements = read_frame_judgements(path)
    assert judgements["doc"].is_unique
    assert judgements["split"].value_counts().to_dict() == {"speech_train": 51, "speech": 40}
    assert not set(judgements["doc"]) & (
        reserved_documents(data_home) | development_documents(data_home)
    )
    assert judgements["doc"].str.match(r"(inaugural|state_union)/texts/").all()
    provenance = speech_ranker()["provenance"]
    assert provenance["splits"] == ["speech_train"] and provenance["held_out_splits"] == ["speech"]
    assert provenance["cv"]["top1"] > provenance["profile_ranker"]["top1"]
    clean = judgements[judgements["split"] == "speech"]
    speech = frame_agreement(frame_rankings(clean, data_home)).iloc[0]  # genre: speech
    profile = frame_agreement(frame_rankings(clean, data_home, ranker="profile")).iloc[0]
    assert speech["top1"] >= 0.55 and speech["absent_top3"] <= 0.075
    assert profile["top1"] <= 0.35 < speech["top1"]


def test_frame_spans_are_the_hits_the_profile_counts(seed_text):
    """A word listed under two frames ("attack": crime and security) is one span, in the sense
    the document gives it, as the profile counts it (it was a span under each frame)."""
    import rhetoric

    result = rhetoric.analyze(seed_text)
    frame_spans = [s for s in result.frame_spans if s.device == "frame"]
    assert len(frame_spans) == result.frames["hits"].sum()
    assert set(s.kind for s in frame_spans) <= set(result.frames["frame"])
    from rhetoric.framing import find_frames

    found = [(s.start, s.end, s.kind) for s in find_frames(seed_text)]
    assert found == [(s.start, s.end, s.kind) for s in sorted(frame_spans)]  # the public finder


def test_the_genre_is_read_as_written_loosely_and_an_empty_cell_names_none():
    from rhetoric.analysis import Options, analyze_text
    from rhetoric.framing.frames import _ranking_model, news_frame_model, speech_ranker
    from rhetoric.framing.lexicons import Lexicon
    from rhetoric.text import Document

    lexicon = Lexicon.policy_frames()
    assert (
        _ranking_model(lexicon, "auto", Document("x", metadata={"genre": " News"}))
        is news_frame_model()
    )
    assert (
        _ranking_model(lexicon, "auto", Document("x", metadata={"genre": "SPEECH"}))
        is speech_ranker()
    )
    text = "We will defend our nation and keep our soldiers ready for war."
    for empty in (None, float("nan"), "", "  "):
        result = analyze_text(text, Options(genre="speech"), metadata={"genre": empty})
        assert result.doc.metadata["genre"] == "speech"


def test_dominant_frame_takes_the_ranker_that_frame_profile_takes():
    from rhetoric.framing import dominant_frame, frame_profile, ranked_frames

    text = "Police arrested the suspect after the attack; the court will hear the case."
    assert (
        dominant_frame(text, ranker="news") == ranked_frames(frame_profile(text, ranker="news"))[0]
    )


def test_a_frame_table_keeps_its_good_documents_and_refuses_a_name_given_twice():
    from rhetoric.errors import InputError
    from rhetoric.framing import corpus_frame_table

    table = pd.DataFrame({"doc_id": ["a", "b", "c"], "text": ["War and troops.", None, "Taxes."]})
    with pytest.warns(UserWarning, match="left out 1 document"):
        frames = corpus_frame_table(table)
    assert frames["doc_id"].unique().tolist() == ["a", "c"]
    twice = pd.DataFrame({"doc_id": ["a", "a"], "text": ["War and troops.", "Taxes."]})
    with pytest.raises(InputError, match="doc_id 'a' names two documents"):
        corpus_frame_table(twice)


def test_a_frame_table_says_a_genre_that_picks_no_ranker():
    from rhetoric.framing import corpus_frame_table

    table = pd.DataFrame({"doc_id": ["a"], "text": ["War and troops."], "genre": ["speeches"]})
    with pytest.warns(UserWarning, match="genre 'speeches' is neither 'news' nor 'speech'"):
        corpus_frame_table(table)


def test_stance_min_score_must_be_a_probability():
    from rhetoric.errors import UsageError
    from rhetoric.framing import find_stance

    with pytest.raises(UsageError, match="min_score='0.5' is not valid"):
        find_stance("It may be so.", min_score="0.5")
