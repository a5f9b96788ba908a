from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rhetoric.boilerplate import REASONS, classify_line, find_boilerplate
from rhetoric.text import Document

# Filler prose for the tests: every sentence different, so no sentence is a copy of another.
STORY = " ".join(
    f"The council met on day {n} and heard the {w} report before it adjourned."
    for n, w in enumerate(["harbour", "budget", "school", "water", "roads", "health"] * 6)
)


def removed(text):
    return [(s.kind, s.text) for s in find_boilerplate(text)]


def test_seed_trailer_is_removed_and_the_body_is_not(seed_text):
    doc = Document(seed_text)
    trailer = [
        s
        for s in doc.removed
        if s.kind in {"comment form", "related articles", "teaser of another article"}
    ]
    assert trailer, "the seed article's comment form and teaser trailer must be found"
    first = trailer[0]
    body_end = seed_text.rfind("\n", 0, first.start)
    last_paragraph = seed_text[:body_end].rstrip().rsplit("\n", 1)[-1]
    assert len(last_paragraph.split()) > 30  # a real paragraph of the article stays in the body
    assert seed_text[first.start :].lower().startswith("leave a reply")
    assert trailer[-1].end == len(seed_text.rstrip())
    for before, after in zip(trailer, trailer[1:], strict=False):
        assert not seed_text[before.end : after.start].strip()
    assert all(p.end <= first.start for p in doc.paragraphs)
    assert doc.n_words > 1500


def test_rules_are_general_not_a_list_of_lines():
    assert classify_line("Post a Comment")[0] == "comment form"
    assert classify_line("12 Comments")[0] == "comment form"
    assert classify_line("Related Posts")[0] == "related articles"
    assert classify_line("You may also like")[0] == "related articles"
    assert classify_line("Follow us on Twitter")[0] == "share prompt"
    assert classify_line("Subscribe to our newsletter")[0] == "newsletter widget"
    assert classify_line("Not a subscriber?")[0] == "newsletter widget"
    assert classify_line("Now is the time to subscribe!")[0] == "newsletter widget"
    assert classify_line("Get unlimited access for a dollar a week.")[0] == "newsletter widget"
    # the word alone is not a widget: a sentence about a service's subscribers is prose
    assert classify_line("Subscribers of the service paid more this year.") is None
    assert (
        classify_line("This website uses cookies to improve your experience.")[0] == "cookie notice"
    )
    assert classify_line("Advertisement")[0] == "advertisement"
    assert classify_line("Story continues below")[0] == "continues below"
    assert classify_line("Jane Roe/AFP/Getty Images")[0] == "photo credit"
    assert classify_line("Photo: a crowd outside the hall")[0] == "photo credit"
    assert classify_line("By Jane Roe and John Smith")[0] == "byline"
    assert classify_line("Reprinted with permission from The Example Review.")[0] == "credit line"
    assert classify_line("The Wire Service contributed to this report.")[0] == "credit line"
    assert classify_line("© 2019 Example Media Group, all rights reserved")[0] == "copyright notice"
    assert (
        classify_line("Read more: Ministers clash over harbour plan")[0]
        == "teaser of another article"
    )
    assert classify_line("EXAMPLE/Jane Roe") is None  # not an agency
    assert classify_line("REUTERS/Jane Roe")[0] == "photo credit"
    assert classify_line("(AFP photo: Jane Roe)")[0] == "photo credit"
    assert (
        classify_line("Please help support us with a small monthly gift.")[0] == "donation appeal"
    )
    assert classify_line("(Reporting by Jane Roe; Editing by John Smith)")[0] == "credit line"
    # case matters where a name is expected
    assert classify_line("Research by the harbour board showed a rise in traffic.") is None


def test_article_sentences_mentioning_furniture_words_stay():
    for sentence in [
        "The minister said she would subscribe to the view that trade must be free and fair for all.",
        "Critics read more into the decision than the court intended, and the comments kept coming.",
        "The poll showed that most voters wanted the photo of the meeting released by the council.",
        "By the end of the week the talks had collapsed and both sides blamed the other.",
    ]:
        assert classify_line(sentence) is None, sentence
        assert find_boilerplate(f"{STORY}\n\n{sentence}\n\n{STORY[:200]}") == []


def test_related_heading_early_in_the_text_removes_only_its_line():
    text = "Read more\n\n" + STORY + "\n\nThe end of the story."
    assert removed(text) == [("related articles", "Read more")]


def test_share_prompt_and_cookie_notice_inside_a_page():
    page = (
        "Cookies help us deliver our services. By using them you accept our cookie policy.\n\n"
        + STORY
        + "\n\nShare on Facebook\n\n"
        + STORY.replace("council", "board")
    )
    assert [s.kind for s in find_boilerplate(page)] == ["cookie notice", "share prompt"]


def test_stage_directions_inside_lines_have_exact_offsets():
    text = "We will not fail. (Applause.) And we will not tire. [Laughter] (Cheers and applause)\nThank you."
    spans = find_boilerplate(text)
    assert [(s.kind, s.start, s.end, s.text) for s in spans] == [
        ("stage direction", 18, 29, "(Applause.)"),
        ("stage direction", 52, 62, "[Laughter]"),
        ("stage direction", 63, 84, "(Cheers and applause)"),
    ]


def test_bracketed_words_of_the_speaker_stay():
    text = "The report [of the board] said the plan (in part) would fail. (1) First, the cost."
    assert find_boilerplate(text) == []


def test_speaker_labels_and_closing_marks_of_a_transcript():
    text = "THE PRESIDENT: Thank you all.\nQ: Will you sign it?\nNOTE: The President spoke at 9 p.m. in the Chamber.\nEND 10:03 P.M. EST\n"
    assert removed(text) == [
        ("speaker label", "THE PRESIDENT:"),
        ("speaker label", "Q:"),
        ("editorial note", "NOTE: The President spoke at 9 p.m. in the Chamber."),
        ("stage direction", "END 10:03 P.M. EST"),
    ]
    # A capitalised word with a colon inside a sentence, or a lead-in label, is not a speaker.
    assert find_boilerplate("The order was clear: WAIT: nobody moves.") == []
    assert find_boilerplate("UPDATE: The vote was moved to Friday.") == []


@pytest.mark.parametrize("start", ["", "\ufeff", "\u00a0"])
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_transcript_labels_go_whatever_the_line_ending_and_a_byte_order_mark(newline, start):
    """A transcript saved on Windows (CRLF) kept its labels on their own lines as words, and so
    did a first label after a byte-order mark or a no-break space."""
    text = start + newline.join(
        ["THE PRESIDENT:", "Thank you all.", "", "AUDIENCE MEMBER:", "Four more years!", "",
         "THE PRESIDENT:", "We will win.", "END 12:42 P.M. EST", ""]
    )  # fmt: skip
    assert removed(text) == [
        ("speaker label", "THE PRESIDENT:"),
        ("speaker label", "AUDIENCE MEMBER:"),
        ("speaker label", "THE PRESIDENT:"),
        ("stage direction", "END 12:42 P.M. EST"),
    ]


@pytest.mark.parametrize(
    "line",
    [
        "By Christmas, our troops will be home.",
        "By God, we will not yield.",
        "By America, for America, we will rebuild.",
        "We hold that all rights reserved to the people are sacred, and no king shall rule us.",
        "FREEDOM: that is our promise",
        "(silence that speaks louder than words)",
        "(music of many voices)",
        "Source: our strength comes from the people.",
    ],
)
def test_short_authored_lines_shaped_like_furniture_stay(line):
    """Each of these was removed (byline, copyright notice, speaker label, stage direction,
    credit line) and its words lost to every count."""
    text = f"We will keep our promises to this nation.\n{line}\nAnd we will keep faith with them.\n"
    assert removed(text) == []


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("By John Smith, Associated Press", "byline"),
        ("By JANE DOE", "byline"),
        ("Source: Reuters", "credit line"),
        ("(Music plays)", "stage direction"),
        ("(Pause.)", "stage direction"),
        ("The Daily Ledger. All rights reserved.", "copyright notice"),
        ("OBAMA: We will win.", "speaker label"),
    ],
)
def test_the_furniture_those_lines_resemble_still_goes(line, reason):
    text = f"We will keep our promises to this nation.\n{line}\nAnd we will keep faith with them.\n"
    assert [kind for kind, _ in removed(text)] == [reason]


def test_a_label_before_a_lower_case_word_goes_when_it_opens_other_turns():
    text = "SOLOMON: Yes, I do.\nQ: And the records?\nSOLOMON: yes, listen, we have them.\n"
    assert removed(text) == [
        ("speaker label", "SOLOMON:"),
        ("speaker label", "Q:"),
        ("speaker label", "SOLOMON:"),
    ]


def test_a_poll_box_is_one_span_with_its_repeated_question_and_options():
    question = "Should the city build a second bridge over the river?"
    box = (
        f"Take our poll - story continues below\n{question}\n{question}\n{question}\n"
        "* Yes, it should.\nNo, one bridge is enough.\nEmail *\n"
        "Name This field is for validation purposes and should be left unchanged.\n"
        "Completing this poll grants you access to Example News updates free of charge.\n"
        "You may opt out at anytime.\nYou also agree to this site's Privacy Policy and Terms of Use.\n"
    )
    before = "The mayor spoke to the council on Monday about the crossing.\n"
    after = "The council will vote on the plan next month."
    text = before + box + after
    spans = find_boilerplate(text)
    assert [(s.kind, s.start, s.end) for s in spans] == [
        ("poll widget", len(before), len(before) + len(box) - 1)
    ]
    doc = Document(text)
    assert [doc.text[s.start : s.end] for s in doc.sentences] == [before.strip(), after]


def test_a_poll_opened_inside_a_line():
    text = (
        "The mayor spoke on Monday. Take our poll - story continues below Will the bridge be built?\n"
        "Will the bridge be built?\n* Yes.\nNo.\nEmail *\nYou may opt out at anytime.\n"
        "The council will vote next month."
    )
    (span,) = find_boilerplate(text)
    assert span.kind == "poll widget"
    assert text[: span.start] == "The mayor spoke on Monday. "
    assert text[span.end :] == "\nThe council will vote next month."


def test_newsletter_box_and_embedded_post_credit():
    text = (
        "The bill passed on Tuesday after a long debate in the chamber.\n"
        "Sign up for the Morning Brief and get the latest news in your inbox.\n"
        "Email Sign Up By signing up you agree to receive email newsletters or alerts from Example.\n"
        "You can unsubscribe at any time.\n"
        "We did it! pic.twitter.com/AbC123xyz — Jane Roe (@janeroe) March 3, 2019\n"
        "Opponents said they would try again next year."
    )
    assert removed(text) == [
        (
            "newsletter widget",
            "Sign up for the Morning Brief and get the latest news in your inbox.\n"
            "Email Sign Up By signing up you agree to receive email newsletters or alerts from Example.\n"
            "You can unsubscribe at any time.",
        ),
        ("link", "pic.twitter.com/AbC123xyz"),
        ("embed credit", "— Jane Roe (@janeroe) March 3, 2019"),
    ]


def test_captions_and_credits():
    text = (
        "© Example Agency Ministers leave the building after the vote\n"
        "The vote was held late on Thursday after a day of debate.\n"
        "Jane Roe/AFP/Getty Images\n"
        "The minister arrives at the hall, Tuesday, March 3, 2020. Example photo by Jane RoeThe debate went on.\n"
        "The Wire Service contributed to this report.\n"
        "©2020 Example Times, Distributed by Example Content Agency, LLC."
    )
    kinds = removed(text)
    assert kinds == [
        ("image caption", "© Example Agency Ministers leave the building after the vote"),
        ("photo credit", "Jane Roe/AFP/Getty Images"),
        (
            "image caption",
            "The minister arrives at the hall, Tuesday, March 3, 2020. Example photo by Jane Roe",
        ),
        ("credit line", "The Wire Service contributed to this report."),
        ("copyright notice", "©2020 Example Times, Distributed by Example Content Agency, LLC."),
    ]
    doc = Document(text)
    assert "The debate went on." in [doc.text[s.start : s.end] for s in doc.sentences]


def test_adjacent_copies_go_and_the_authors_repetition_stays():
    line = "The harbour will be rebuilt before the winter storms arrive on the coast."
    # the page printed a paragraph twice, side by side: the second copy is removed
    text = f"{STORY}\n\n{line}\n\n{line}\n\nThe work starts in May."
    assert removed(text) == [("copy of a passage", line)]
    assert Document(text).removed[0].start == text.rindex(line)
    # a bookend: the same passage opens and closes the piece, far apart, and stays
    bookend = f"{line}\n\n" + "\n\n".join(STORY.split(". ")) + f"\n\n{line}"
    assert find_boilerplate(bookend) == []
    # an orator's short repeat stays; so does a refrain that recurs through the text
    assert (
        find_boilerplate("We should not do that. We should not do that.\nNext, the budget.") == []
    )
    refrain = "\n".join(f"{s}. This leads to peace and not to war." for s in STORY.split(". ")[:5])
    assert find_boilerplate(refrain) == []


def test_a_copy_a_paragraph_away_goes_when_long():
    line = "The harbour will be rebuilt before the winter storms arrive on the coast."
    text = f"{STORY}\n\n{line}\n\nThe mayor agreed.\n\n{line}\n\nThe work starts in May."
    assert removed(text) == [("copy of a passage", line)]
    short = "The harbour reopens."
    assert find_boilerplate(f"{STORY}\n\n{short}\n\nThe mayor agreed.\n\n{short}") == []


@pytest.mark.parametrize("marks", ["", " [3]", "[3]", " [3] [14]"])
def test_a_copy_after_a_footnote_number_goes_as_without_it(marks):
    """A footnote number after a sentence's stop is that sentence's reference, as the text
    model's sentences have it: the copy search read it as the first word of the next sentence,
    so a passage printed again after a footnoted sentence was not found to be a copy."""
    line = "The barges stood in the ice until the thaw of that spring came."
    after = "The town waited for the boats all through the long month of March."
    text = f"The canal froze early.{marks} {line}\n\n{line}\n\n{after}"
    assert removed(text) == [("copy of a passage", line)]
    assert Document(text).removed[0].start == text.rindex(line)
    # a sentence printed again right after itself, in one paragraph
    text = f"The canal froze early.{marks} {line} {line}"
    assert removed(text) == [("copy of a passage", line)]
    assert Document(text).removed[0].start == text.rindex(line)


def test_an_embedded_post_that_prints_a_quote_again_goes():
    quote = "Are these really the values the country should be promoting abroad?"
    post = f'The senator then asked, "{quote}"\nThe vote is on Friday.\n{quote}\n'
    post += "https://t.co/abc — Jane Roe (@janeroe) March 13, 2018\nThe debate goes on."
    kinds = removed(post)
    assert ("copy of a passage", quote) in kinds
    assert post.index(quote) not in [s.start for s in find_boilerplate(post)]  # the prose stays
    # the same quotation far from its first use is the author's, and stays
    filler = "\n".join(f"Paragraph {n} of the report says something else." for n in range(6))
    far = f'The senator then asked, "{quote}"\n{filler}\n{quote}\nThe end.'
    assert ("copy of a passage", quote) not in removed(far)


def test_every_reason_is_listed():
    page = (
        "Advertisement\n" + STORY + "\n(Applause.)\nTHE PRESIDENT: Thanks.\n"
        "Story continues below\n#harbour\nBy Jane Roe\n"
    )
    assert {s.kind for s in find_boilerplate(page)} <= set(REASONS)


_PIECES = st.sampled_from(
    [
        "(Applause.)", "[Laughter]", "Advertisement", "THE PRESIDENT:", "Email *",
        "Take our poll - story continues below", "You may opt out at anytime.", "Why?",
        "The council met today.", "We will not fail.", "We will not fail.", " ", "\n", "\n\n",
        "— Jane Roe (@janeroe) March 3, 2019", "https://example.org/a", "Harbour news",
        "What happens now?", "The tide rose over the old wall and into the square.",
        "Updated: March 3, 2019, 6:02 pm",
    ]
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECES, max_size=25).map(" ".join))
def test_removed_spans_slice_back_and_hold_no_word(text):
    doc = Document(text)
    spans = doc.removed
    for span in spans:
        assert span.text == text[span.start : span.end]
        assert span.device == "boilerplate" and span.kind in REASONS
    for before, after in zip(spans, spans[1:], strict=False):
        assert before.end <= after.start
    for word in doc.words:
        assert not any(s.start < word.end and word.start < s.end for s in spans)
    for segment in [*doc.paragraphs, *doc.sentences]:
        assert text[segment.start : segment.end].strip() == text[segment.start : segment.end]
    assert "Applause" not in {w.text for w in doc.words}


@pytest.mark.parametrize(
    "marker", ["(Applause.)", "[Applause]", "(applause)", "(Laughter and applause.)"]
)
def test_applause_is_never_a_word(marker):
    doc = Document(f"We will build. {marker} We will build again. {marker}\n\nAnd again. {marker}")
    assert all("pplause" not in w.text for w in doc.words)
    assert doc.n_words == 9


def test_a_site_navigation_trailer_after_the_text():
    text = (
        STORY
        + "\n\n   WEB RESOURCES >>\n\nSpeech Archives\nVideo and text of past speeches\n\nALL WEB RESOURCES >>\n"
    )
    spans = find_boilerplate(text)
    assert spans[0].text == "WEB RESOURCES >>" and spans[0].kind == "related articles"
    assert spans[-1].end == len(text.rstrip())
    assert all(s.start > len(STORY) for s in spans)


def test_an_embedded_post_credit_without_its_dash():
    text = "The rally went on into the night.\nJane Roe (@janeroe) March 3, 2019\nThe police stayed away."
    assert removed(text) == [("embed credit", "Jane Roe (@janeroe) March 3, 2019")]


def test_the_normalised_text_blanked_is_the_blanked_text_normalised():
    from rhetoric.text import mask, normalize

    text = "İstanbul’s “Mayor” — (Applause.)\r\nSTORY CONTINUES BELOW\u2028Then\u00a0more."
    ranges = [(0, 3), (20, 31), (34, 55)]
    assert mask(normalize(text), ranges) == normalize(mask(text, ranges))
    page = "Body of the story.\n\nShare this article\n\nBody of the story.\n\nMore text here."
    assert find_boilerplate(page, norm=normalize(page)) == find_boilerplate(page)


def test_publication_stamps_go_and_prose_dates_stay():
    text = (
        "Two men were charged on Sunday Published: March 3, 2019, 4:45 pm Updated: March 3, "
        "2019, 6:02 pm SPRINGFIELD (AP) — The police said more.\n"
        "Updated 6:02 PM ET, Sun March 3, 2019\n"
        "The report was published on May 3, 2018, and was updated: later that year.\n"
        "Last Updated: 2019-01-05 10:30 GMT"
    )
    assert removed(text) == [
        ("timestamp", "Published: March 3, 2019, 4:45 pm Updated: March 3, 2019, 6:02 pm"),
        ("timestamp", "Updated 6:02 PM ET, Sun March 3, 2019"),
        ("timestamp", "Last Updated: 2019-01-05 10:30 GMT"),
    ]


@pytest.mark.parametrize(
    ("plain", "interrupted"),
    [
        ("We will fight for jobs, for schools, for justice.\n",
         "We will fight for jobs, (Applause.) for schools, [Laughter] for justice.\n"),
        ("We will build roads, bridges and schools.\n",
         "We will build roads, (Cheers.) bridges and schools.\n"),
    ],
)  # fmt: skip
def test_a_stage_direction_inside_a_sentence_is_no_punctuation_of_the_speaker(plain, interrupted):
    """The rules that cut a sentence at punctuation read the gaps between words from the text
    itself, where "(Applause.)" is a full stop and brackets: the figure around it was lost."""
    import rhetoric

    def figures(text):
        return {(s.device, s.kind) for s in rhetoric.analyze(text, min_score=0).device_spans}

    found = figures(interrupted)
    assert found == figures(plain) and found & {
        ("tricolon", "tricolon"),
        ("chiasmus", "antimetabole"),
    }


@pytest.mark.parametrize("separator", ["\r", "\u2028", "\u2029", "\x85"])
def test_every_line_break_makes_lines_and_paragraphs(separator):
    """Paragraphs and the line rules read only "\\n": a text with CR (old Mac) or U+2028 line
    breaks was one paragraph, its title a sentence, its speaker labels words."""
    title = "A Nation Divided\n\nLet us remember the farmers who feed us every day of the year.\n\nLet us remember the workers who build our homes.\n"
    transcript = "THE PRESIDENT:\nThank you all.\n\nAUDIENCE MEMBER:\nFour more years!\n"
    for text in (title, transcript):
        plain, other = Document(text), Document(text.replace("\n", separator))
        assert [(p.start, p.end, p.heading) for p in other.paragraphs] == [
            (p.start, p.end, p.heading) for p in plain.paragraphs
        ]
        assert [(s.start, s.end, s.kind) for s in other.removed] == [
            (s.start, s.end, s.kind) for s in plain.removed
        ]


def test_invisible_characters_and_ligatures_inside_words_keep_them_one_word():
    """A soft hyphen or zero-width space split a word in two ("cer", "tainly": the booster lost,
    the word count up), and a ligature hid a frame keyword ("ﬁnancial")."""
    from rhetoric import framing

    text = "The military con\ufb02ict raised \ufb01nancial costs. We will cer\u00adtainly win. Per\u200bhaps not."
    doc = Document(text)
    assert [w.text for w in doc.words][-5:] == [
        "will",
        "cer\u00adtainly",
        "win",
        "Per\u200bhaps",
        "not",
    ]
    assert doc.keys[2:6] == ["conflict", "raised", "financial", "costs"]
    stance = {(s.kind, s.text) for s in framing.find_stance(text)}
    assert ("booster", "cer\u00adtainly") in stance and ("hedge", "Per\u200bhaps") in stance
    frames = framing.frame_evidence(text)
    assert {"con\ufb02ict", "\ufb01nancial"} <= set(frames["text"])


def test_encoding_messages_say_where_and_what(tmp_path, capsys):
    """A file UTF-8 but for one stray byte was said "not valid UTF-8" with no place to mend it;
    UTF-16 saved without a byte-order mark read as "binary file"."""
    from rhetoric.cli import main

    stray = tmp_path / "stray.txt"
    stray.write_bytes(b"We will win.\nWe will not fail.\n" + b"Caf\xe9 society.\n")
    assert main(["analyze", str(stray), "--no-frames"]) == 0
    assert "not valid UTF-8 (line 3, byte 0xe9 at offset 34)" in capsys.readouterr().err
    wide = tmp_path / "wide.txt"
    wide.write_bytes("We will win. We will not fail.".encode("utf-16-le"))
    assert main(["analyze", str(wide)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "looks like UTF-16 (little-endian) without a byte-order mark" in err[0]
