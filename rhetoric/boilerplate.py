"""Scraped page furniture: find it so that analysis leaves it out, and report what was removed.

A scraper that saves "the article" often saves the page around it. The rules below describe what
that furniture looks like, not any particular page:

``comment form``
    A comment-section heading ("Leave a reply", "Post a comment", "3 comments") and the form
    prompts under it ("Please enter your name", "Save my name, email ...").
``related articles``
    A heading that introduces other stories ("Must read", "Related posts", "Read more", "You may
    also like", "Recommended", "Trending", "Latest news"), **and the teaser lines after it**: once
    such a heading has started the page's trailer, the rest of the text belongs to other articles.
``share prompt``
    A short line inviting to share, follow, subscribe or sign up ("Share this article",
    "Follow us on Twitter", "Subscribe to our newsletter").
``cookie notice``
    A short line about cookies or consent ("We use cookies ...", "Accept all cookies").

Only short lines (at most :data:`MAX_FURNITURE_WORDS` words) are judged, so an article sentence
that mentions cookies or newsletters is never removed. A comment or related-articles heading
starts a *trailer* (everything to the end is removed) only in the last half of the text;
earlier, just the line itself is removed.
"""

from __future__ import annotations

import re

from rhetoric.span import Span

MAX_FURNITURE_WORDS = 14

_HEADING = r"^\W*(?:{})\W*$"
_RULES: list[tuple[str, re.Pattern, bool]] = [
    # (reason, pattern on the stripped line, starts a trailer)
    (
        "comment form",
        re.compile(
            _HEADING.format(
                r"(?:leave|post|add|write|submit) (?:a |your )?(?:reply|comment|response)s?"
                r"|\d+ (?:comments?|responses?|replies)|comments?|discussion"
                r"|(?:no|show|view|load) (?:more )?comments?(?: yet)?"
            ),
            re.I,
        ),
        True,
    ),
    (
        "comment form",
        re.compile(
            r"^\W*(?:please )?(?:enter|type|provide|fill in) your (?:comment|name|e-?mail|website|reply)"
            r"|^\W*save my name,? e-?mail"
            r"|^\W*you have entered an incorrect e-?mail"
            r"|^\W*your e-?mail address will not be published"
            r"|^\W*(?:name|e-?mail|website|comment)\s*\*?\s*:?\s*$",
            re.I,
        ),
        False,
    ),
    (
        "related articles",
        re.compile(
            _HEADING.format(
                r"must[- ]reads?|related(?: posts?| articles?| stories| news| content)?|read (?:more|next|also)"
                r"|also read|you (?:may|might) (?:also )?like|recommended(?: for you| stories)?"
                r"|(?:more|latest|popular|trending|top) (?:from [\w ]+|news|posts|stories|articles)"
                r"|trending(?: now)?|more stories|editor'?s picks?|don'?t miss"
            ),
            re.I,
        ),
        True,
    ),
    (
        "share prompt",
        re.compile(
            r"^\W*(?:share|tweet|pin|email|print)(?: this)?(?: (?:article|story|post|page))?"
            r"(?: on (?:facebook|twitter|x|whatsapp|linkedin|telegram|email))?\W*$"
            r"|^\W*(?:click to share|share (?:this|on)|follow us(?: on)?|subscribe(?: to| now|$)|sign up (?:for|to)"
            r"|join our (?:newsletter|mailing list|channel)|get (?:our|the) (?:newsletter|latest))",
            re.I,
        ),
        False,
    ),
    (
        "cookie notice",
        re.compile(
            r"\bcookies?\b.*\b(?:use|accept|consent|policy|settings|preferences|experience)\b"
            r"|\b(?:accept|reject|manage)(?: all)? cookies\b|^\W*privacy policy\W*$",
            re.I,
        ),
        False,
    ),
]


def _lines(text: str):
    """Yield ``(start, end)`` of every non-blank line, trimmed of surrounding white space."""
    position = 0
    for line in text.splitlines(keepends=True):
        start, end = position, position + len(line.rstrip("\r\n"))
        position += len(line)
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            yield start, end


def classify_line(line: str) -> tuple[str, bool] | None:
    """The furniture rule a short line matches: ``(reason, starts_trailer)``, or ``None``.

    >>> classify_line("LEAVE A REPLY")
    ('comment form', True)
    >>> classify_line("We use cookies to improve your experience.")
    ('cookie notice', False)
    >>> classify_line("The treaty was signed in Vienna.") is None
    True
    """
    if len(line.split()) > MAX_FURNITURE_WORDS:
        return None
    for reason, pattern, starts_trailer in _RULES:
        if pattern.search(line):
            return reason, starts_trailer
    return None


def find_boilerplate(text: str, *, doc_id: str | None = None) -> list[Span]:
    """Spans of page furniture in ``text`` (``device="boilerplate"``, ``kind`` = the reason).

    Adjacent lines removed for the same reason are merged into one span. Teaser lines after a
    related-articles heading get the reason ``"teaser of another article"``.

    Examples
    --------
    >>> page = "Body of the story.\\n\\nShare this article\\n\\nMust Read\\n\\nA headline\\n\\nIts first line."
    >>> [(s.kind, s.text) for s in find_boilerplate(page)]  # doctest: +NORMALIZE_WHITESPACE
    [('share prompt', 'Share this article'), ('related articles', 'Must Read'),
     ('teaser of another article', 'A headline\\n\\nIts first line.')]
    """
    halfway = len(text) // 2
    found: list[tuple[int, int, str]] = []
    trailer_reason = None
    for start, end in _lines(text):
        line = text[start:end]
        rule = classify_line(line)
        if trailer_reason is not None:
            if rule is not None:
                reason = rule[0]
                trailer_reason = (
                    "teaser of another article" if reason == "related articles" else trailer_reason
                )
            else:
                reason = trailer_reason
            found.append((start, end, reason))
            continue
        if rule is None:
            continue
        reason, starts_trailer = rule
        found.append((start, end, reason))
        if starts_trailer and start >= halfway:
            # After a comment heading, further lines are the form; after a related heading, teasers.
            trailer_reason = (
                "comment form" if reason == "comment form" else "teaser of another article"
            )
    merged: list[list] = []
    for start, end, reason in found:
        if merged and merged[-1][2] == reason and not text[merged[-1][1] : start].strip():
            merged[-1][1] = end
        else:
            merged.append([start, end, reason])
    return [
        Span.from_source(
            text,
            start,
            end,
            device="boilerplate",
            kind=reason,
            doc_id=doc_id,
            evidence=f"page furniture: {reason}",
        )
        for start, end, reason in merged
    ]
