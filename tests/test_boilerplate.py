from __future__ import annotations

from rhetoric.boilerplate import classify_line, find_boilerplate
from rhetoric.text import Document


def test_seed_trailer_is_removed_and_the_body_is_not(seed_text):
    doc = Document(seed_text)
    removed = doc.removed
    assert removed, "the seed article's comment form and teaser trailer must be found"
    first = removed[0]
    # the trailer starts at the comment-form heading, after the article's last paragraph
    body_end = seed_text.rfind("\n", 0, first.start)
    last_paragraph = seed_text[:body_end].rstrip().rsplit("\n", 1)[-1]
    assert len(last_paragraph.split()) > 30  # a real paragraph of the article stays in the body
    assert seed_text[first.start :].lower().startswith("leave a reply")
    # one contiguous trailer through the end of the text
    assert removed[-1].end == len(seed_text.rstrip())
    for before, after in zip(removed, removed[1:], strict=False):
        assert not seed_text[before.end : after.start].strip()
    assert {s.kind for s in removed} == {
        "comment form",
        "related articles",
        "teaser of another article",
    }
    # nothing of the body is removed: every body paragraph is before the trailer
    assert all(p.end <= first.start for p in doc.paragraphs)
    assert doc.n_words > 1500


def test_rules_are_general_not_a_list_of_lines():
    assert classify_line("Post a Comment")[0] == "comment form"
    assert classify_line("12 Comments")[0] == "comment form"
    assert classify_line("Related Posts")[0] == "related articles"
    assert classify_line("You may also like")[0] == "related articles"
    assert classify_line("Follow us on Twitter")[0] == "share prompt"
    assert classify_line("Subscribe to our newsletter")[0] == "share prompt"
    assert (
        classify_line("This website uses cookies to improve your experience.")[0] == "cookie notice"
    )


def test_article_sentences_mentioning_furniture_words_stay():
    assert (
        classify_line(
            "The minister said she would subscribe to the view that trade must be free and fair for all."
        )
        is None
    )
    assert (
        classify_line(
            "Critics read more into the decision than the court intended, and the comments kept coming."
        )
        is None
    )


def test_related_heading_early_in_the_text_removes_only_its_line():
    text = "Read more\n\n" + "The story goes on and on. " * 40 + "\n\nThe end of the story."
    spans = find_boilerplate(text)
    assert [(s.kind, s.text) for s in spans] == [("related articles", "Read more")]


def test_share_prompt_and_cookie_notice_inside_a_page():
    page = (
        "Cookies help us deliver our services. By using them you accept our cookie policy.\n\n"
        + "A long paragraph of the story. " * 30
        + "\n\nShare on Facebook\n\n"
        + "Another paragraph of the story that goes on. " * 30
    )
    kinds = [s.kind for s in find_boilerplate(page)]
    assert kinds == ["cookie notice", "share prompt"]
