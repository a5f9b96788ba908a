"""The lexicon reader and matcher: sources, inflections, wildcards, phrases, exclusions, offsets."""

from __future__ import annotations

import json
import re
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rhetoric.errors import InputError, UsageError
from rhetoric.evaluation.gold import default_gold_path
from rhetoric.framing import FRAMES, Lexicon, as_lexicon, stance_lexicon
from rhetoric.text import Document, normalize


def _found(lexicon: Lexicon, text: str) -> list[tuple[str, int, int, str]]:
    return [(h.category, h.start, h.end, text[h.start : h.end]) for h in lexicon.match(text)]


# --- matching rules, on hand-made sentences -----------------------------------------------------


def test_inflections_match_the_base_form():
    lex = Lexicon.from_dict({"money": ["tax", "spend"]})
    text = "They taxed us, spent it, and the taxes kept spending."
    assert _found(lex, text) == [
        ("money", 5, 10, "taxed"),
        ("money", 15, 20, "spent"),
        ("money", 33, 38, "taxes"),
        ("money", 44, 52, "spending"),
    ]


def test_wildcard_matches_any_ending_and_hyphenated_compounds():
    lex = Lexicon.from_dict({"security": ["terror*", "counterterror*"]})
    text = "Terror, terrorists and terrorism met counter-terrorism and counterterrorism."
    assert [f[3] for f in _found(lex, text)] == [
        "Terror", "terrorists", "terrorism", "counter-terrorism", "counterterrorism",
    ]  # fmt: skip


def test_forms_wildcard_keeps_a_words_forms_and_leaves_other_words_and_names():
    words = {"war": ["war*"], "faith": ["islam*"], "senate": ["senat*"]}
    text = (
        "Wars, warring armies and wartime warfare; a warning, a warm day, Warsaw and Warren. "
        "Islam and Islamic schools in Islamabad. The Senate and senators."
    )
    liwc = [f[3] for f in _found(Lexicon.from_dict(words), text)]
    forms = [f[3] for f in _found(Lexicon(Lexicon.from_dict(words).terms, wildcards="forms"), text)]
    # LIWC's convention, kept for a user's lexicon: any ending
    assert {"warning", "warm", "Warsaw", "Warren", "Islamabad"} <= set(liwc)
    # the package's own rule: a stem that is a word takes its inflections, derivations and
    # compounds; a stem that is not a word ("senat") still takes any ending
    assert forms == [
        "Wars", "warring", "wartime", "warfare", "Islam", "Islamic", "Senate", "senators",
    ]  # fmt: skip


def test_builtin_frames_do_not_read_names_into_a_wildcard():
    lexicon = Lexicon.policy_frames()
    assert lexicon.wildcards == "forms"
    text = "Talks in Islamabad and Warsaw ended with a warning about Islamic militants at war."
    found = {(f[0], f[3]) for f in _found(lexicon, text)}
    assert ("cultural_identity", "Islamic") in found
    assert ("security_and_defense", "war") in found
    assert not {word for _, word in found} & {"Islamabad", "Warsaw", "warning"}


def test_wildcards_setting_is_checked():
    from rhetoric.errors import UsageError

    with pytest.raises(UsageError, match="wildcards"):
        Lexicon([], wildcards="stems")


def test_longest_term_wins_and_blocks_its_parts():
    lex = Lexicon.from_dict({"welfare": ["social security"], "defense": ["security"]})
    text = "Social security is not border security."
    assert _found(lex, text) == [
        ("welfare", 0, 15, "Social security"),
        ("defense", 30, 38, "security"),
    ]


def test_multiword_terms_need_adjacent_words():
    lex = Lexicon.from_dict({"economy": ["interest rate"]})
    assert _found(lex, "The interest\nrates rose.") == [("economy", 4, 18, "interest\nrates")]
    assert _found(lex, "Of interest. Rates rose.") == []


def test_exclusion_removes_the_sense_inside_the_phrase_only():
    lex = Lexicon.from_dict({"economic": ["pay", "!pay attention"]})
    text = "Pay attention: we pay the bill."
    assert _found(lex, text) == [("economic", 18, 21, "pay")]


def test_capitalised_entry_is_case_sensitive():
    lex = Lexicon.from_dict({"health": ["AIDS"], "org": ["NATO"]})
    assert _found(lex, "Aid aids recovery; AIDS does not.") == [("health", 19, 23, "AIDS")]
    assert _found(lex, "nato or NATO?") == [("org", 8, 12, "NATO")]


def test_hyphenated_word_is_matched_part_by_part_when_whole_fails():
    lex = Lexicon.from_dict({"security": ["ISIS", "border"]})
    text = "ISIS-led raids crossed the cross-border line."
    assert _found(lex, text) == [("security", 0, 4, "ISIS"), ("security", 33, 39, "border")]


def test_possessive_and_curly_quotes():
    lex = Lexicon.from_dict({"security": ["army"], "belief": ["people's will"]})
    text = "The army’s plan and the people’s will."
    assert _found(lex, text) == [("security", 4, 10, "army’s"), ("belief", 24, 37, "people’s will")]


def test_term_in_two_categories_counts_half_to_each():
    lex = Lexicon.from_dict({"a": ["trade"], "b": ["trade"]})
    hits = lex.match("Free trade.")
    assert [(h.category, h.weight) for h in hits] == [("a", 0.5), ("b", 0.5)]


def test_weights_from_dict_of_weights():
    lex = Lexicon.from_dict({"a": {"war": 1.0, "peace": 0.25}})
    assert [h.weight for h in lex.match("War, then peace.")] == [1.0, 0.25]


def test_empty_and_wordless_inputs_give_no_hits():
    lex = Lexicon.from_dict({"a": ["war"]})
    assert lex.match("") == []
    assert lex.match("  ... !!! ") == []
    assert Lexicon.from_dict({}).match("war") == []


# --- sources ------------------------------------------------------------------------------------


def test_csv_lexicon(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text(
        "# my own frames\nframe,term,weight\nharbour,dock*,1\nharbour,!dock the pay,1\nsky,cloud,0.5\n"
    )
    lex = Lexicon.read(path)
    assert lex.categories == ("harbour", "sky")
    text = "Docks and clouds; they dock the pay."
    assert _found(lex, text) == [("harbour", 0, 5, "Docks"), ("sky", 10, 16, "clouds")]
    assert lex.table.loc[lex.table.term == "cloud", "weight"].tolist() == [0.5]


def test_csv_without_the_needed_columns_is_refused(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("word,score\nwar,1\n")
    with pytest.raises(ValueError, match="needs columns 'category'"):
        Lexicon.read(path)


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("heavy.csv", "# note\ncategory,term,weight\neconomic,tax,1\neconomic,levy,heavy\n",
         r"heavy\.csv, line 4: field 'weight': 'heavy' is not a number"),
        ("short.csv", "category,term\neconomic,tax\neconomic\n",
         r"short\.csv, line 3: no 'term' field"),
        ("economic.txt", "# economic\n[mine]\ntax\nlevy\theavy\n",
         r"economic\.txt, line 4: the weight 'heavy' of 'levy' is not a number"),
        ("infinite.csv", "category,term,weight\neconomic,tax,inf\n",
         r"infinite\.csv, line 2: field 'weight': 'inf' is not a number"),
    ],
)  # fmt: skip
def test_a_bad_lexicon_row_is_an_input_error_naming_file_line_and_field(
    tmp_path, name, text, message
):
    path = tmp_path / name
    path.write_text(text)
    with pytest.raises(InputError, match=message):
        Lexicon.read(path)
    if name.endswith(".txt"):  # in a folder of <category>.txt files too
        with pytest.raises(InputError, match=message):
            Lexicon.read(tmp_path)


def test_a_bad_weight_in_a_dict_names_its_category_and_term():
    with pytest.raises(
        UsageError, match="category 'a', term 'tax': weight 'heavy' is not a number"
    ):
        Lexicon.from_dict({"a": {"tax": "heavy"}})


def test_a_missing_lexicon_path_says_no_such_file_or_folder(tmp_path):
    for path in (tmp_path / "missing.csv", tmp_path / "missing", "policy_frames"):
        with pytest.raises(InputError, match="no such file or folder"):
            as_lexicon(path)


MORAL_DIC = """%
1\tCareVirtue
2\tHarmVice
3\tFairnessVirtue
%
safe*\t1
shelter\t1
protect*\t1\t3
hurt*\t2
cruel*\t2
kill\t2
fair\t3
justice\t3
take care of\t1
equal 3
"""


def test_moral_foundations_style_dic_file_works_like_the_builtin(tmp_path):
    path = tmp_path / "moral.dic"
    path.write_text(MORAL_DIC)
    lex = Lexicon.read(path)
    assert lex.categories == ("CareVirtue", "HarmVice", "FairnessVirtue")
    assert lex.table.groupby("category").size().to_dict() == {
        "CareVirtue": 4,
        "FairnessVirtue": 4,
        "HarmVice": 3,
    }
    assert _found(lex, "Take care of equals.") == [
        ("CareVirtue", 0, 12, "Take care of"),
        ("FairnessVirtue", 13, 19, "equals"),
    ]
    text = "They sheltered the weak, killed none, and protected fair courts."
    assert _found(lex, text) == [
        ("CareVirtue", 5, 14, "sheltered"),
        ("HarmVice", 25, 31, "killed"),
        ("CareVirtue", 42, 51, "protected"),
        ("FairnessVirtue", 42, 51, "protected"),
        ("FairnessVirtue", 52, 56, "fair"),
    ]
    from rhetoric.framing import corpus_frame_table, frame_profile

    profile = frame_profile(text, lexicon=path).set_index("frame")
    assert set(profile.index) == {"CareVirtue", "HarmVice", "FairnessVirtue"}
    assert profile.loc["CareVirtue", "hits"] == 2
    assert profile.loc["CareVirtue", "dominant"]
    table = corpus_frame_table([text, "Cruelty hurts."], lexicon=lex)
    assert table.loc[table.dominant, "frame"].tolist() == ["CareVirtue", "HarmVice"]


def test_dic_without_header_is_refused(tmp_path):
    path = tmp_path / "plain.dic"
    path.write_text("safe*\t1\n")
    with pytest.raises(ValueError, match="LIWC-style"):
        Lexicon.read(path)


def test_unknown_suffix_names_the_valid_ones(tmp_path):
    path = tmp_path / "lex.json"
    path.write_text("{}")
    with pytest.raises(ValueError, match=r"'\.csv', '\.dic', '\.txt'"):
        Lexicon.read(path)


def test_a_single_string_instead_of_a_list_is_explained():
    with pytest.raises(TypeError, match="wrap it in a list"):
        Lexicon.from_dict({"a": "war"})


def test_as_lexicon_accepts_the_usual_forms(tmp_path):
    assert as_lexicon(None) is Lexicon.policy_frames()
    assert as_lexicon({"a": ["b"]}).categories == ("a",)
    with pytest.raises(TypeError, match="must be a Lexicon"):
        as_lexicon(3)


# --- the built-in lexicons ----------------------------------------------------------------------


def test_builtin_has_one_lexicon_per_frame_but_other():
    lex = Lexicon.policy_frames()
    assert FRAMES[-1] == "other" and len(FRAMES) == 15
    assert set(lex.categories) == set(FRAMES[:-1])
    sizes = lex.table[~lex.table.term.str.startswith("!")].groupby("category").size()
    assert sizes.min() >= 40


def test_every_lexicon_file_documents_its_provenance():
    folder = resources.files("rhetoric").joinpath("resources", "frames")
    for frame in FRAMES[:-1]:
        text = folder.joinpath(f"{frame}.txt").read_text(encoding="utf-8")
        head = text.split("[seed]")[0]
        assert f"# frame: {frame}" in head
        assert "Codebook definition" in head and "Provenance" in head
        assert "[expanded]" in text
    stance = resources.files("rhetoric").joinpath("resources", "stance")
    for kind in ("hedge", "booster"):
        assert "Provenance" in stance.joinpath(f"{kind}.txt").read_text(encoding="utf-8")


def test_sources_are_kept_per_term():
    table = Lexicon.policy_frames().table
    sources = set(table["source"].str.split(":").str[1])
    assert sources == {"seed", "expanded", "news", "incidental", "exclusions"}


def _phrases(lexicon: Lexicon) -> list[str]:
    return [t.text for t in lexicon.terms if " " in t.text]


def test_no_multiword_term_is_taken_from_evaluation_texts(seed_text, data_home):
    """Terms must generalise: no phrase of the seed article or the gold files is in a word list."""
    texts = [normalize(seed_text)]
    gold = default_gold_path(data_home)
    assert gold.is_file(), f"gold file expected next to the data home at {gold}"
    for line in gold.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        texts.append(normalize(item.get("quote") or item.get("not_quote") or ""))
    offending = []
    for phrase in _phrases(Lexicon.policy_frames()) + _phrases(stance_lexicon()):
        pattern = re.compile(r"\b" + re.escape(phrase.lower()).replace(r"\*", r"\w*") + r"\b")
        offending.extend(phrase for text in texts if pattern.search(text))
    assert offending == []


# --- invariants ---------------------------------------------------------------------------------

_words = st.sampled_from(
    ["war", "Wars", "tax-cut", "taxes", "ISIS-K", "health care", "the", "court’s", "pay attention",
     "counter-terrorism", "\u00a0", "—", "\n", "\n\n", "é", "İ", "interest", "rates", ",", "."]
)  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(st.lists(_words, max_size=25).map(" ".join))
def test_hits_always_slice_the_original_text(text):
    doc = Document(text, remove_boilerplate=False)
    for hit in Lexicon.policy_frames().match(doc):
        assert 0 <= hit.start < hit.end <= len(text)
        assert text[hit.start : hit.end].strip() == text[hit.start : hit.end]
        assert hit.category in FRAMES


def test_every_reader_takes_the_wildcard_rule(tmp_path):
    folder = tmp_path / "lex"
    folder.mkdir()
    (folder / "war.txt").write_text("war*\n", encoding="utf-8")
    text = "A warning of war."
    assert [h.term for h in Lexicon.read(folder).match(text)] == ["war*", "war*"]
    assert [h.term for h in Lexicon.read(folder, wildcards="forms").match(text)] == ["war*"]
    forms = Lexicon.from_dict({"war": ["war*"]}, wildcards="forms")
    assert [text[h.start : h.end] for h in forms.match(text)] == ["war"]


def test_forms_wildcard_takes_irregular_forms_and_a_compound_opening_a_sentence():
    lex = Lexicon.from_dict(
        {"a": ["forgive*", "school*", "parliament*", "war*"]}, wildcards="forms"
    )
    text = "Schoolchildren have forgiven the parliamentarians. Warsaw was calm."
    assert [text[h.start : h.end] for h in lex.match(text)] == [
        "Schoolchildren", "forgiven", "parliamentarians",
    ]  # fmt: skip


def test_a_lexicon_csv_with_a_byte_order_mark_or_an_empty_field(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_bytes("\ufeffcategory,term\ncare,protect*\nharm,hurt*\n".encode())
    assert list(Lexicon.read(path).categories) == ["care", "harm"]
    path.write_text("category,term\ncare,protect*\ncare,\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"line 3: the 'term' field is empty"):
        Lexicon.read(path)


def test_a_lexicon_sent_to_another_process_matches_as_it_does_here():
    import pickle

    lexicon = Lexicon.policy_frames()
    text = "Billions of dollars, a dollar a day: the budget of the dollar-hungry."
    here = [(h.start, h.category, h.term) for h in lexicon.match(text)]  # compiled here
    there = pickle.loads(pickle.dumps(lexicon))
    assert [(h.start, h.category, h.term) for h in there.match(text)] == here
