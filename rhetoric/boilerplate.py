"""Page furniture and transcript markers: find them so that analysis leaves them out.

A scraper that saves "the article" often saves the page around it, and a transcript carries the
stenographer's notes. The rules below describe what that material looks like, not any
particular page. Every removal is a :class:`~rhetoric.span.Span` with ``device="boilerplate"``
and ``kind`` = the reason (:data:`REASONS`).

Whole lines (a line of at most :data:`MAX_FURNITURE_WORDS` words, unless a rule allows more):

``comment form``
    A comment-section heading ("Leave a reply", "3 comments"), the form prompts under it, and an
    invitation to comment ("Let us know in the comments").
``related articles`` / ``teaser of another article``
    A heading that introduces other stories ("Must read", "Related posts", "You may also like"),
    a "Read more: <headline>" line, a gallery or slideshow prompt. In the last half of the text
    such a heading starts a *trailer*: everything after it belongs to other articles.
``share prompt``
    An invitation to share, follow or subscribe ("Share this article", "Follow us on Twitter",
    "Subscribe today!"), a line of hashtags, a social-network address line.
``cookie notice``
    A short line about cookies or consent.
``newsletter widget`` / ``poll widget``
    A sign-up or poll box: its opener ("Sign up for ...", "take our poll"), its form fields
    ("Email *"), a paywall's prompts ("Already a subscriber?", "get full access"), its consent lines ("You may opt out at any time", "Privacy Policy and Terms of
    Use"), and every short line between two of these (the poll question, however often it is
    printed, and its answer options).
``continues below``
    "Story continues below" and its variants, wherever they stand.
``advertisement``
    "Advertisement", "Sponsored content".
``image caption`` / ``photo credit``
    A line that credits an image ("Name/AFP/Getty Images", "Photo: ..."), a caption that starts
    with a copyright sign or a bar and an agency credit, a caption ending in a bracketed
    ``[Name/Agency]`` credit, and a caption sentence that runs into "<Org> photo by <Name>".
``byline`` / ``credit line`` / ``author bio`` / ``copyright notice``
    "By <Name>", a signature line "— <Name>"; "Article posted with permission from ...",
    "... contributed to this report", "Reporting by ..."; in the last lines, "<Name> is a
    columnist ..."; "© 2018 ...", "All rights reserved".

Inside a line, wherever they stand:

``stage direction``
    An audience reaction or stage direction in brackets or parentheses: "(Applause.)",
    "[Laughter]", "(Cheers and applause)", "[At this point, ...]"; a closing "END <time>".
``speaker label``
    A transcript's capitalised speaker name with a colon at the start of a line
    ("THE PRESIDENT:", "Q:").
``editorial note``
    A bracketed correction ("[* White House correction.]"), a page marker ("(Pg. 7)"), a
    transcript's closing "Note: The President spoke at ...".
``embed credit`` / ``link``
    The attribution line of an embedded post ("— Name (@handle) May 8, 2018"), a bare web
    address or picture link.
``timestamp``
    A page's publication stamp: "Published: February 11, 2018, 4:45 pm", "Updated 6:02 PM ET,
    Sun February 11, 2018", "Posted on 02/11/2018". The label is capitalised and a date follows
    it at once, so that prose ("the report was published on May 3, 2018") stays.

And, after all of those:

``copy of a passage``
    A paragraph that repeats, word for word, a paragraph or sentence of the previous
    :data:`COPY_WINDOW` paragraphs, or a sentence that repeats the sentence just before it
    (the page printed it twice). A copy further away is the
    author's own repetition (a bookend, a refrain) and stays, and so does a near copy of a
    passage that also recurs far away (a formula the author repeats through the text). Short sentences stay too (fewer
    than :data:`MIN_COPY_WORDS` words, :data:`MIN_NEAR_COPY_WORDS` when a paragraph lies
    between), so "I have a dream today!" printed twice is kept.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterator

from rhetoric.span import Span
from rhetoric.text import FOOTNOTE_MARK, line_view

MAX_FURNITURE_WORDS = 14
#: A copy is removed when the earlier one lies at most this many paragraphs before it.
COPY_WINDOW = 3
#: The fewest words of a removed copy that directly follows its original.
MIN_COPY_WORDS = 5
#: The fewest words of a removed copy with a paragraph or two between it and its original.
MIN_NEAR_COPY_WORDS = 8
#: Lines at most this many words long may stand between two widget lines and be part of the box.
MAX_WIDGET_GAP_WORDS = 30
#: At most this many such lines in a row.
MAX_WIDGET_GAP_LINES = 4

#: Every reason a span is removed for (the ``kind`` of a boilerplate span).
REASONS = (
    "comment form", "related articles", "teaser of another article", "share prompt",
    "donation appeal", "cookie notice", "newsletter widget", "poll widget", "continues below", "advertisement",
    "image caption", "photo credit", "byline", "credit line", "author bio", "copyright notice",
    "stage direction", "speaker label", "editorial note", "embed credit", "link", "timestamp",
    "copy of a passage",
)  # fmt: skip

_WIDGETS = frozenset({"newsletter widget", "poll widget"})
_WIDGET_PIECES = _WIDGETS | {"continues below", "copy of a passage"}
_MONTH = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?"
    r"|Aug(?:ust|\.)?|Sep(?:tember|t?\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
_TIME = r"\d{1,2}:\d{2}(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s+(?-i:[A-Z]{2,4})\b)?"
_NAME = r"(?-i:[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|van|von|da|al|bin))*)"  # case counts
_AGENCY = (
    r"(?:AP|AFP|Reuters|Getty(?: Images)?|EPA|Bloomberg|Shutterstock|iStock(?:photo)?|Pool"
    r"|Corbis|Alamy|Wikimedia(?: Commons)?|Flickr|Xinhua|Sputnik|TASS|UPI|PA|dpa|NurPhoto)"
)
_HEADING = r"^\W*(?:{})\W*$"

# (reason, pattern on the stripped line, starts a trailer, most words of a line it may judge)
_RULES: list[tuple[str, re.Pattern, bool, int]] = [
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
        MAX_FURNITURE_WORDS,
    ),
    (
        "comment form",
        re.compile(
            r"^\W*(?:please )?(?:enter|type|provide|fill in) your (?:comment|name|e-?mail|website|reply)"
            r"|^\W*save my name,? e-?mail"
            r"|^\W*you have entered an incorrect e-?mail"
            r"|^\W*your e-?mail address will not be published"
            r"|^\W*(?:let us|tell us|let me) know (?:what you think )?(?:in|below in) the comments"
            r"|^\W*(?:leave|post|share) (?:us )?(?:a comment|your (?:comments|thoughts))"
            r"|[•|·]\s*\d+ (?:seconds?|minutes?|hours?|days?|weeks?|months?|years?) ago\W*$",
            re.I,
        ),
        False,
        MAX_FURNITURE_WORDS,
    ),
    (
        "related articles",
        re.compile(
            _HEADING.format(
                r"must[- ]reads?|related(?: posts?| articles?| stories| news| content| coverage)?"
                r"|read (?:more|next|also)|also read|you (?:may|might) (?:also )?like"
                r"|recommended(?: for you| stories)?|further reading|more on this(?: story)?"
                r"|(?:more|latest|popular|trending|top) (?:from [\w ]+|news|posts|stories|articles)"
                r"|trending(?: now)?|more stories|editor'?s picks?|don'?t miss"
                r"|the best of (?-i:[A-Z])[\w.'’ -]+"
                r"|(?:all |more )?(?:web |online )?resources|(?:useful|external|quick|related) links|site ?map"
            ),
            re.I,
        ),
        True,
        MAX_FURNITURE_WORDS,
    ),
    (
        "teaser of another article",
        re.compile(
            r"^\W*(?:read more|read next|read also|also read|related|see also|more|watch|listen"
            r"|recommended|further reading|don'?t miss|must read)\s*:\s*\S"
            r"|\b(?:slideshows?|photo galler(?:y|ies)|in pictures)\W*$",
            re.I,
        ),
        False,
        25,
    ),
    (
        "continues below",
        re.compile(
            _HEADING.format(
                r"(?:the )?(?:story|article|text|post) continues? (?:below|after (?:the )?(?:ad|advertisement))"
                r"|(?:the )?(?:story|article) continued below|continue reading(?: below| the main story)?"
            ),
            re.I,
        ),
        False,
        MAX_FURNITURE_WORDS,
    ),
    (
        "advertisement",
        re.compile(
            _HEADING.format(
                r"advertisements?|advertising|ad|sponsored(?: content| links?| stories)?"
                r"|promoted(?: content| stories)?|paid content|skip ad"
            ),
            re.I,
        ),
        False,
        MAX_FURNITURE_WORDS,
    ),
    (
        "poll widget",
        re.compile(
            r"^\W*(?:take|answer|join) (?:our|the|this|today'?s) (?:quick )?(?:poll|survey)\b"
            r"|^\W*(?:reader |daily |quick |weekly )?poll\W*$|\bpoll\b.*\b(?:vote|right to vote)\b"
            r"|\b(?:cast your vote|vote now|exercise your right to vote)\b"
            r"|\bcompleting this (?:poll|survey|quiz)\b|^\*\s+\S",
            re.I,
        ),
        False,
        20,
    ),
    (
        "newsletter widget",
        re.compile(
            r"\bnewsletters?\b|\bsign[- ]up\b|\bsigning up\b|\bunsubscribe\b|\bopt[- ]out\b"
            r"|\bprivacy policy\b|\bterms (?:of|and conditions of) (?:use|service)\b"
            r"|\bthis field is for validation\b|\bin your inbox\b|\bget (?:our|the) latest\b"
            r"|\bsubscrib(?:e|ing) (?:now|today)\b|\bby subscribing\b|\bsubscribe\b.{0,30}\b(?:updates|alerts|newsletters?)\b"
            # a paywall's prompt: "Not a subscriber?", "consider subscribing", "get full access"
            r"|^\W*(?:already|not yet|not) an? (?:paid |digital )?(?:subscriber|member)\b"
            r"|\btime (?:for you )?to subscribe\b|\bconsider subscribing\b"
            r"|\b(?:get|unlock|enjoy) (?:full|unlimited) (?:digital )?access\b"
            r"|^\W*(?:e-?mail(?: address)?|(?:first |last |full |your )?name|comments?|zip(?: code)?"
            r"|country|phone)\s*\*\s*$",
            re.I,
        ),
        False,
        30,
    ),
    (
        "share prompt",
        re.compile(
            r"^\W*(?:share|tweet|pin|email|print)(?: this)?(?: (?:article|story|post|page))?"
            r"(?: on (?:facebook|twitter|x|whatsapp|linkedin|telegram|email))?\W*$"
            r"|^\W*(?:click to share|share (?:this|on)|follow (?:us|me|him|her|them|on)\b|subscribe(?: to| now| on|$)"
            r"|sign up (?:for|to)|join our (?:newsletter|mailing list|channel)|get (?:our|the) (?:newsletter|latest))"
            r"|^\W*(?:facebook|twitter|instagram|youtube|telegram|gab|parler|rumble|bitchute|minds)\s*:"
            r"|^(?:#\w+\W*)+$|^\W*\d[\d,.]*k? shares?\b",
            re.I,
        ),
        False,
        MAX_FURNITURE_WORDS,
    ),
    (
        "donation appeal",
        re.compile(
            r"^\W*(?:please )?(?:help )?support (?:us|our work|this (?:site|blog|channel))\b"
            r"|\bplease (?:consider )?(?:a donation|donating|hitting the donate)\b|\bdonate (?:now|today|button)\b",
            re.I,
        ),
        False,
        30,
    ),
    (
        "cookie notice",
        re.compile(
            r"\bcookies?\b.*\b(?:use|accept|consent|policy|settings|preferences|experience)\b"
            r"|\b(?:accept|reject|manage)(?: all)? cookies\b",
            re.I,
        ),
        False,
        MAX_FURNITURE_WORDS,
    ),
    (
        "photo credit",
        re.compile(
            rf"^\W*(?:{_NAME}\s*/\s*)?(?:{_NAME}\s*/\s*)*{_AGENCY}(?:\s*/\s*{_AGENCY})*(?: Photos?| Images)?\W*$"
            rf"|^\W*{_AGENCY}\s*/\s*{_NAME}\W*$"
            r"|^\W*\(?(?:[A-Z]\w+ )?(?:photo|image|picture|pic|photograph|video|illustration|graphic)s?"
            r"(?: credits?)?\s*(?::|by\b|courtesy\b|via\b)"
            r"|^\W*(?:credit|courtesy(?: of)?)\s*:",
            re.I,
        ),
        False,
        MAX_FURNITURE_WORDS,
    ),
    (
        "image caption",
        re.compile(
            r"^\W*(?:image|photo|picture|video) (?:caption|copyright)\b"
            r"|^\s*©\s*(?!\s*\d{4})(?:provided by\b|[A-Z])"
            rf"|^\s*\|\s*.*/\s*{_AGENCY}"
            rf"|\[[^\]\n]{{0,60}}/\s*{_AGENCY}[^\]\n]{{0,20}}\]\s*$"
            r"|^\W*(?:pictured|above|below|top|file photo|in this (?:file )?photo)\s*[:,]",
            re.I,
        ),
        False,
        45,
    ),
    (
        "copyright notice",
        re.compile(
            r"^\s*(?:©|\(c\)|copyright\b)\s*(?:\d{4}|[^\n]*\brights reserved\b|[^\n]*\bdistributed by\b)"
            # "all rights reserved" alone is a notice where it closes its line ("... Press. All
            # rights reserved."), not inside a sentence ("that all rights reserved to the people")
            r"|(?:^|[.;|]\s*)all rights reserved\W*$|^\W*distributed by (?-i:[A-Z])|^\W*privacy policy\W*$",
            re.I,
        ),
        False,
        30,
    ),
    (
        "credit line",
        re.compile(
            r"^\W*(?:this |the )?(?:article|story|post|piece|column|essay|op-ed)?\s*"
            r"(?:was )?(?:originally |first )?(?:posted|reprinted|republished|published|reproduced|cross-posted|shared)"
            r" (?:here )?(?:with (?:the )?(?:kind )?permission|by permission|courtesy)"
            r"|^\W*(?:this |the )(?:article|story|post|piece|column|essay|op-ed|report) (?:was )?(?:originally |first )"
            r"(?:appeared|published|posted|ran)\b"
            r"|^\W*(?:originally )?(?:appeared|published) (?:originally |first )?(?:in|on|at) (?-i:[A-Z])"
            r"|^\W*(?:this|it) (?:first|originally) (?:appeared|ran|was published)\b"
            r"|^\W*originally (?:published|appeared|posted)\b"
            r"|\bcontributed (?:to )?(?:this|the) (?:report|story|article)\W*$"
            r"|^\W*(?:additional )?(?:reporting|writing|editing|research) by (?-i:[A-Z])"
            r"|^\W*(?:source|via|h/t|hat tip)\s*:(?!\s*(?-i:[a-z]))"  # a source is named, not a clause
            r"|^\W*our standards\s*:"
            rf"|^\W*{_NAME} (?:reported|wrote) from {_NAME}\W*$",
            re.I,
        ),
        False,
        25,
    ),
    (
        "byline",
        re.compile(
            rf"^\W*(?:by|written by|posted by|author:?)\s+{_NAME}(?:\s*(?:,|and|&)\s*{_NAME})*"
            r"(?:\s*[|,–—-]\s*(?-i:[A-Z0-9])[\w .,'’-]{0,40})?\s*$"
            rf"|^\s*[—–]\s*{_NAME}\s*$",
            re.I,
        ),
        False,
        10,
    ),
]

#: Rules judged only on the last lines of a text (a short biography after the article).
_AUTHOR_BIO = re.compile(
    rf"^\W*{_NAME},? is (?:a|an|the)\b[^.;]{{0,80}}?\b(?:author|editor|columnist|writer"
    r"|contributor|correspondent|fellow|host|founder|director|professor|journalist|blogger"
    r"|commentator|reporter|analyst)s?\b"
    r"|^\W*(?:his|her|their) (?:latest |new |most recent )?book\b"
    rf"|^\W*{_NAME} is the author of\b"
)
_AUTHOR_BIO_LINES = 4

_INLINE: list[tuple[str, re.Pattern]] = [
    (
        "stage direction",
        re.compile(
            r"[(\[]\s*(?:(?:loud|prolonged|sustained|extended|more|some|scattered|mixed|long|continued"
            r"|standing|big|brief)\s+)*"
            r"(?:applause|laughter|laughs|cheers|cheering|boos|booing|groans|gasps|crosstalk|inaudible"
            r"|indiscernible|unintelligible|ovation|chanting|chants|interruption"
            r"|audience(?: members?)?(?: responds?| respond| reacts?| chants?| members?)?)\b"
            r"[^()\[\]\n]{0,60}[)\]]"
            # music, silence and a pause are stage directions only as short markers ("(Music
            # plays)", "(Pause.)"), not the opening of a parenthesis ("(silence that speaks ...)")
            r"|[(\[]\s*(?:music|silence|pause)\b\W*(?:\w+\W*){0,2}[)\]]"
            r"|\[\s*(?:at this point|the president|the audience|audience members?)\b[^\[\]\n]{0,200}\]"
            r"|(?<=[.!?] )(?:applause|laughter)\.?[)\]]"  # a marker that lost its opening bracket
            r"|(?m:^[ \t\ufeff\u00a0]*END[ \t]+\d{1,2}:\d{2}[ \t]*[AP]\.?M\.?(?:[ \t]+[A-Z]{2,4})?[ \t]*(?=\r?$))",
            re.I,
        ),
    ),
    (
        "speaker label",
        re.compile(
            r"(?m:^[ \t\ufeff\u00a0]*(?!(?:NOTES?|UPDATED?|BREAKING(?: NEWS)?|EDITOR'?S NOTE|WARNING|SOURCES?|PHOTO|VIDEO"
            r"|WATCH|RELATED|READ(?: MORE)?|ALERT|EXCLUSIVE|CORRECTION|ADVERTISEMENT|FACT|QUESTION|ANSWER)[ \t]*:)"
            r"(?:(?:THE|MR\.?|MRS\.?|MS\.?|DR\.?|SEN\.?|SENATOR|REP\.?|GOV\.?|VICE)[ \t]+)?"
            r"(?:[A-Z][A-Z'’.\-]+(?:[ \t]+[A-Z][A-Z'’.\-]+){0,2}|Q|A)[ \t]*:(?=[ \t]|\r?$))"
        ),
    ),
    (
        "editorial note",
        re.compile(
            r"\[\s*\*?[^\[\]\n]{0,60}\bcorrection\b[^\[\]\n]{0,60}\]"
            r"|\(\s*[A-Z][^()\n]{0,40}\bcorrection\s*:[^()\n]{0,60}\)"
            r"|[(\[]\s*(?:pg\.?|page)\s*\d+\s*[)\]]"
            r"|(?m:^[ \t]*NOTE:[^\n]*\b(?:spoke|delivered|was broadcast|introduced|address|message)\b[^\n]*$)",
            re.I,
        ),
    ),
    (
        "embed credit",
        re.compile(
            rf"[—–]\s*[^\n()—–]{{1,60}}\(@\w{{1,30}}\)\s*{_MONTH}\s+\d{{1,2}},\s+\d{{4}}"
            rf"|(?m:^[ \t]*[^\n()—–]{{1,60}}\(@\w{{1,30}}\)\s*{_MONTH}\s+\d{{1,2}},\s+\d{{4}}[ \t]*$)"
        ),
    ),
    ("link", re.compile(r"(?:https?://|www\.|pic\.twitter\.com/)[^\s<>\"“”]+")),
    (
        "timestamp",
        # a capitalised label, then at once a date (a time may stand before or after it)
        re.compile(
            rf"\b(?-i:(?:First |Last )?(?:Published|Updated|Posted|Modified)(?: (?:on|at))?)\s*:?\s*"
            rf"(?:{_TIME}\s*,?\s*)?(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?\s+)?"
            rf"(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH}\s+\d{{4}}"
            rf"|\d{{1,2}}/\d{{1,2}}/\d{{2,4}}|\d{{4}}-\d{{2}}-\d{{2}})"
            rf"(?:\s*(?:,|at|\||-)?\s*{_TIME})?"
        ),
    ),
    (
        "continues below",
        re.compile(
            r"\b(?:take (?:our|the|this) poll\s*[-–—:]\s*)?(?:the )?(?:story|article) continue[sd]? below\b",
            re.I,
        ),
    ),
    (
        "image caption",
        # A caption sentence that runs into an "<Org> photo by <Name>" credit (often glued to
        # the next word of the text: "... photo by Jane DoeThe speech went on").
        re.compile(
            r"(?m:^[ \t]*[A-Z][^\n]{10,400}?\b\d{4}\b[^\n]{0,200}?"
            r"(?:[A-Z][\w.]*[ \t]+){0,3}(?:photo|photograph|image|picture)s?[ \t]+by[ \t]+"
            r"[A-Z][a-z'’.-]+(?:[ \t]+[A-Z][a-z'’.-]+)?)"
        ),
    ),
]


_POLL_OPENER = re.compile(
    r"\b(?:take|answer|join) (?:our|the|this|today'?s) (?:quick )?(?:poll|survey)\b", re.I
)


def _labels_of_turns(text: str, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The speaker labels among ``found`` that open a turn: a label before a lower-case word
    ("FREEDOM: that is our promise") is one only when the same label opens another turn of the
    text ("SOLOMON: yes listen" in an interview where "SOLOMON:" recurs)."""
    labels = [(start, end) for start, end, reason in found if reason == "speaker label"]
    if not labels:
        return found

    def name(start: int, end: int) -> str:
        return " ".join(text[start:end].rstrip(": \t").split())

    def lower_after(end: int) -> bool:
        following = _NOT_SPACE_ON_LINE.match(text, end)
        return following is not None and following.group(1).islower()

    counts = Counter(name(*label) for label in labels)
    return [
        (start, end, reason)
        for start, end, reason in found
        if reason != "speaker label" or not lower_after(end) or counts[name(start, end)] > 1
    ]


_NOT_SPACE_ON_LINE = re.compile(r"[ \t]*(\S)")


def _lines(text: str) -> Iterator[tuple[int, int]]:
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
    """The furniture rule a line matches: ``(reason, starts_trailer)``, or ``None``.

    >>> classify_line("LEAVE A REPLY")
    ('comment form', True)
    >>> classify_line("We use cookies to improve your experience.")
    ('cookie notice', False)
    >>> classify_line("You may opt out at any time.")
    ('newsletter widget', False)
    >>> classify_line("The treaty was signed in Vienna.") is None
    True
    """
    n_words = len(line.split())
    for reason, pattern, starts_trailer, max_words in _RULES:
        if n_words <= max_words and pattern.search(line):
            return reason, starts_trailer
    return None


def find_boilerplate(
    text: str,
    *,
    doc_id: str | None = None,
    sentence_cache: dict | None = None,
    norm: str | None = None,
) -> list[Span]:
    """Spans of page furniture and transcript markers in ``text``, sorted and not overlapping.

    ``device="boilerplate"``, ``kind`` = the reason (one of :data:`REASONS`). Adjacent lines
    removed for the same reason are merged into one span. ``norm``, when given, is
    :func:`rhetoric.text.normalize` of ``text`` (a document has it already). ``sentence_cache`` (see
    :func:`rhetoric.text.sentence_bounds`) keeps the sentences of the paragraphs the search for
    page copies splits, for the document to reuse.

    Examples
    --------
    >>> page = "Body of the story.\\n\\nShare this article\\n\\nMust Read\\n\\nA headline\\n\\nIts first line."
    >>> [(s.kind, s.text) for s in find_boilerplate(page)]  # doctest: +NORMALIZE_WHITESPACE
    [('share prompt', 'Share this article'), ('related articles', 'Must Read'),
     ('teaser of another article', 'A headline\\n\\nIts first line.')]
    >>> [(s.kind, s.text) for s in find_boilerplate("We will not fail. (Applause.)")]
    [('stage direction', '(Applause.)')]
    """
    view = line_view(text)  # every line break a "\n" (CR, U+2028...): same length, same offsets
    found = _line_furniture(view) + _inline_markers(view)
    found = _flatten(found)
    found = _flatten(found + _copies(view, found, sentence_cache, norm))
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
        for start, end, reason in _merge(text, found)
    ]


def _line_furniture(text: str) -> list[tuple[int, int, str]]:
    """Whole lines of furniture, widget boxes, the trailer after a late related/comment heading."""
    lines = list(_lines(text))
    rules = [classify_line(text[s:e]) for s, e in lines]
    halfway = len(text) // 2
    found: list[tuple[int, int, str]] = []
    trailer_reason = None
    for index, ((start, end), rule) in enumerate(zip(lines, rules, strict=True)):
        if trailer_reason is not None:
            if rule is not None:
                reason = rule[0]
                if reason == "related articles":
                    trailer_reason = "teaser of another article"
            else:
                reason = trailer_reason
            found.append((start, end, reason))
            continue
        if rule is None:
            if index >= len(lines) - _AUTHOR_BIO_LINES and _AUTHOR_BIO.search(text[start:end]):
                found.append((start, end, "author bio"))
            continue
        reason, starts_trailer = rule
        found.append((start, end, reason))
        if starts_trailer and start >= halfway:
            # After a comment heading, further lines are the form; after a related heading, teasers.
            trailer_reason = (
                "comment form" if reason == "comment form" else "teaser of another article"
            )
    found.extend(_widget_gaps(text, lines, rules))
    return found


def _widget_gaps(text, lines, rules) -> list[tuple[int, int, str]]:
    """Short lines between two lines of one widget box (its question, its answer options)."""
    found = []
    rules = [
        ("poll widget", False) if rule is None and _POLL_OPENER.search(text[slice(*line)]) else rule
        for line, rule in zip(lines, rules, strict=True)
    ]  # a poll opened inside a line (the inline rules remove the opener and its question)
    widget_lines = [i for i, rule in enumerate(rules) if rule and rule[0] in _WIDGETS]
    for before, after in zip(widget_lines, widget_lines[1:], strict=False):
        gap = range(before + 1, after)
        if not 0 < len(gap) <= MAX_WIDGET_GAP_LINES:
            continue
        if all(len(text[slice(*lines[i])].split()) <= MAX_WIDGET_GAP_WORDS for i in gap):
            reason = rules[before][0]
            found.extend((*lines[i], reason) for i in gap if rules[i] is None)
    # The poll question printed right after the box's opener (and the copies of it).
    for i in widget_lines:
        if rules[i][0] != "poll widget":
            continue
        j = i + 1
        while j < len(lines) and rules[j] is None and _is_short_question(text[slice(*lines[j])]):
            found.append((*lines[j], "poll widget"))
            j += 1
    return found


def _is_short_question(line: str) -> bool:
    return line.rstrip("\"'”’ ").endswith("?") and len(line.split()) <= MAX_WIDGET_GAP_WORDS


#: Words without which an inline rule cannot match (it is not run on a text without one).
_TRIGGERS = {
    "editorial note": ("correction", "pg", "page", "note:"),
    "embed credit": ("(@",),
    "link": ("http", "www.", "pic.twitter"),
    "continues below": ("below",),
    "image caption": ("photo", "image", "picture"),
    "timestamp": ("published", "updated", "posted", "modified"),
}


#: Pieces that every match of an inline rule holds, each a pattern of its own that opens with a
#: literal (so that the search for it is fast), under the rule's own case rules: a rule is not
#: run on a text in which none is found. Stage directions and editorial notes hold a bracket,
#: but for "END 4:15 PM" and "NOTE: ...".
_NEEDS = {
    "stage direction": (re.compile(r"[()\[\]]"), re.compile(r":(?<=\d:)\d\d")),
    "editorial note": (re.compile(r"[()\[\]]"), re.compile(r":(?<=note:)", re.I)),
    "timestamp": tuple(map(re.compile, ("Published", "Updated", "Posted", "Modified"))),
    "continues below": (re.compile(r"continue[sd]? below", re.I),),
    "image caption": tuple(
        re.compile(word + r"s?[ \t]+by[ \t]") for word in ("photo(?:graph)?", "image", "picture")
    ),
}


def _inline_markers(text: str) -> list[tuple[int, int, str]]:
    found = []
    lowered = text.lower()
    for reason, pattern in _INLINE:
        if reason in _TRIGGERS and not any(word in lowered for word in _TRIGGERS[reason]):
            continue
        if reason in _NEEDS and not any(need.search(text) for need in _NEEDS[reason]):
            continue
        for match in pattern.finditer(text):
            start, end = match.span()
            while start < end and (text[start].isspace() or text[start] == "\ufeff"):
                start += 1  # a label's line may open with a byte-order mark: not the label's
            if start < end:
                found.append((start, end, reason))
    found = _labels_of_turns(text, found)
    # A poll box opened inside a line: the question after the opener, to the end of the line.
    for start, end, reason in list(found):
        if reason == "continues below" and _POLL_OPENER.search(text, start, end):
            line_end = text.find("\n", end)
            line_end = len(text) if line_end < 0 else line_end
            rest = text[end:line_end]
            if rest.strip() and _is_short_question(rest.strip()):
                found.append(
                    (
                        end + len(rest) - len(rest.lstrip()),
                        line_end - (len(rest) - len(rest.rstrip())),
                        "poll widget",
                    )
                )
    return found


def _flatten(found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Sorted, non-overlapping ranges: a range inside or overlapping an earlier one joins it."""
    out: list[list] = []
    for start, end, reason in sorted(found, key=lambda r: (r[0], -r[1])):
        if out and start < out[-1][1]:
            out[-1][1] = max(out[-1][1], end)
        else:
            out.append([start, end, reason])
    return [tuple(r) for r in out]


def _merge(text: str, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Join neighbouring ranges (white space between) of one reason; a run of widget pieces
    (form lines, "story continues below", copies of its question) with a poll in it becomes
    one ``poll widget``."""
    merged: list[list] = []
    for start, end, reason in found:
        if merged and reason != "stage direction" and not text[merged[-1][1] : start].strip():
            last = merged[-1][2]
            if last == reason or (
                {last, reason} <= _WIDGET_PIECES and "poll widget" in {last, reason}
            ):
                merged[-1][1] = end
                merged[-1][2] = reason if last == reason else "poll widget"
                continue
        merged.append([start, end, reason])
    return [tuple(r) for r in merged]


#: A sentence's end in the normalised text: its stop, and the footnote numbers after it
#: ("froze early. [3] [14]", "powers.”[2]"), which are that sentence's references.
_SENTENCE_END = re.compile(rf"""[.?!](?:["')\]]*\s*{FOOTNOTE_MARK})*""")
# In the normalised text every double quotation mark is '"': one that follows a space, a
# bracket or the paragraph's start opens a quotation, one that follows a word or a mark closes it.
_OPENING_QUOTE = re.compile(r'(?:(?<=[\s(\[])|^)"(?=\w)', re.M)
_CLOSING_QUOTE = re.compile(r'(?<=[\w.?!,;])"')


def _copies(
    text: str,
    removed: list[tuple[int, int, str]],
    sentence_cache: dict | None = None,
    norm: str | None = None,
) -> list[tuple[int, int, str]]:
    """Paragraphs that repeat a passage of the previous :data:`COPY_WINDOW` paragraphs (a whole
    paragraph, one of its sentences, or a quotation in it of ``MIN_NEAR_COPY_WORDS`` or more
    words: an embedded post or pull quote printing again what the prose quoted), and sentences
    that repeat the sentence just before them.

    A repeated passage of ``MIN_COPY_WORDS`` or more words shares its first word sequence of that
    length with its original, and a passage starts a paragraph or follows a sentence end (Punkt
    ends sentences only at ``.``, ``?`` and ``!``; footnote numbers after the stop belong to the
    sentence before, as in the text model's sentences); so only the sequences that start there are
    indexed, and only paragraphs that share one with a near paragraph are split into sentences.
    """
    from rhetoric.text import WORD_PATTERN, mask, normalize, paragraph_bounds, paragraph_sentences

    ranges = [(s, e) for s, e, _ in removed]
    clean = mask(text, ranges)
    # normalising is character by character, so the normalised text with the same stretches
    # blanked is the normalised blanked text
    norm = normalize(clean) if norm is None else mask(norm, ranges)
    n_gram = MIN_COPY_WORDS

    def key(start: int, end: int) -> tuple[str, ...]:
        return tuple(WORD_PATTERN.findall(norm, start, end))

    paragraphs, openings = [], []
    quoted: dict[int, list[int]] = {}  # paragraph -> indices of words that open a quotation
    for start, end in paragraph_bounds(clean):
        matches = list(WORD_PATTERN.finditer(norm, start, end))
        paragraphs.append((start, end, tuple(m.group() for m in matches)))
        # the words that follow a sentence end (and its footnote numbers): a mark lies between
        # words (no word holds one), before the first word that starts after it
        starts = [m.start() for m in matches]
        after_ends = {
            bisect.bisect_left(starts, m.end()) for m in _SENTENCE_END.finditer(norm, start, end)
        }
        # and the words that open a quotation: a pull quote or an embedded post prints again
        # what the prose quoted ("Snowden asked, "Are these ...?" ... Are these ...?")
        after_quotes = {
            bisect.bisect_left(starts, m.end()) for m in _OPENING_QUOTE.finditer(norm, start, end)
        }
        if after_quotes:
            quoted[len(paragraphs) - 1] = sorted(after_quotes)
        openings.append(
            [0] + sorted(i for i in after_ends | after_quotes if 1 <= i <= len(matches) - n_gram)
        )
    holding: dict[tuple[str, ...], list[int]] = {}  # opening words -> paragraphs that hold them
    candidates: set[int] = set()
    for number, (*_, words) in enumerate(paragraphs):
        seen: set[tuple[str, ...]] = set()
        for i in openings[number]:
            gram = words[i : i + n_gram]
            if len(gram) < n_gram:
                continue
            if gram in seen:
                candidates.add(number)  # a sequence repeated inside the paragraph
                continue
            seen.add(gram)
            numbers = holding.setdefault(gram, [])
            if numbers and number - numbers[-1] <= COPY_WINDOW:
                candidates.add(number)
            numbers.append(number)

    units_cache: dict[int, list[tuple[int, int, tuple[str, ...]]]] = {}

    def units(number: int) -> list[tuple[int, int, tuple[str, ...]]]:
        """The sentences of a paragraph (the paragraph itself when it is one sentence)."""
        if number not in units_cache:
            p_start, p_end, _ = paragraphs[number]
            bounds = paragraph_sentences(clean, p_start, p_end, cache=sentence_cache)
            units_cache[number] = (
                [(s, e, key(s, e)) for s, e in bounds] if len(bounds) > 1 else [paragraphs[number]]
            )
        return units_cache[number]

    def quotations(number: int) -> list[tuple[str, ...]]:
        """The words of a paragraph from each opening quotation mark to the next closing one (or
        the paragraph's end): what a pull quote or an embedded post would print again."""
        if not quoted.get(number):
            return []
        p_start, p_end, words = paragraphs[number]
        starts = [m.start() for m in WORD_PATTERN.finditer(norm, p_start, p_end)]
        found = []
        for i in quoted[number]:
            if i >= len(words):
                continue
            close = _CLOSING_QUOTE.search(norm, starts[i], p_end)
            stop = bisect.bisect_left(starts, close.start()) if close else len(words)
            if stop - i >= MIN_NEAR_COPY_WORDS:
                found.append(words[i:stop])
        return found

    # Whole paragraphs and sentences -> the paragraphs that hold them, filled for the paragraphs
    # of one opening sequence the first time a passage with that opening is looked up: each
    # paragraph is indexed once, so a common opening (thousands of paragraphs in a long text)
    # costs its list's length once, not once per lookup.
    passages: dict[tuple[str, ...], list[int]] = {}
    indexed_openings: set[tuple[str, ...]] = set()
    indexed: set[int] = set()

    def occurs_in(k: tuple[str, ...]) -> list[int]:
        """The paragraphs in which ``k`` is the whole paragraph or one of its sentences, in order."""
        opening = k[:n_gram]
        if opening not in indexed_openings:
            indexed_openings.add(opening)
            for n in holding.get(opening, []):
                if n in indexed:
                    continue
                indexed.add(n)
                for held in {paragraphs[n][2], *(u[2] for u in units(n)), *quotations(n)}:
                    passages.setdefault(held, []).append(n)
        return sorted(passages.get(k, []))

    def far_too(numbers: list[int], number: int) -> bool:
        """A passage that also recurs far from here, or three times with other text between, is
        the author's refrain, not a page copy (a page prints its copies side by side)."""
        spread = len(numbers) >= 3 and numbers[-1] - numbers[0] >= len(numbers)
        return spread or any(abs(other - number) > COPY_WINDOW for other in numbers)

    found = []
    for number in sorted(candidates):
        p_start, p_end, p_key = paragraphs[number]
        window = range(number - COPY_WINDOW, number)
        if len(p_key) >= MIN_COPY_WORDS:
            numbers = occurs_in(p_key)
            near = [n for n in numbers if n in window]
            if near and not far_too(numbers, number):
                # a paragraph printed again right after itself, or a longer passage near it
                adjacent = number - 1 in near and paragraphs[number - 1][2] == p_key
                if adjacent or len(p_key) >= MIN_NEAR_COPY_WORDS:
                    found.append((p_start, p_end, "copy of a passage"))
                    continue
        previous = units(number - 1)[-1][2] if number else None
        for start, end, k in units(number):
            if (
                k == previous
                and len(k) >= MIN_NEAR_COPY_WORDS
                and (start, end) != (p_start, p_end)
                and not far_too(occurs_in(k), number)
            ):
                found.append((start, end, "copy of a passage"))
            previous = k
    return found
