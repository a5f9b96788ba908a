"""Word senses in context for stance: modal readings, names, manner adverbs and negation scope.

A stance word is a hedge or a booster only in some of its senses. These functions read a word
of a :class:`~rhetoric.text.Document` in its sentence (the words around it, their capitals and
their part-of-speech tags) and say which sense it has. They are pure functions of the document
and a word index, so they can be tested on hand-made sentences.

Modals (after Palmer 2001, *Mood and Modality*, and Coates 1983, *The Semantics of the Modal
Auxiliaries*):

* ``epistemic``: the writer's judgement of how likely a proposition is ("it may rain", "they
  must have known", "this could be the year"). Only this reading hedges (``may``, ``might``,
  ``could``) or boosts (``must``).
* ``deontic``: obligation or permission ("we must act", "you may leave").
* ``optative``: a wish or prayer ("May God bless you"); ``purpose``: "so that we may live".
* ``hypothetical``: conditional, counterfactual, habitual or volitional ``would`` / ``could``
  ("if we could", "he would walk", "I would like").
* ``dynamic``: ability or root possibility ("we could not see", "which may enable us").
* ``concessive``: a point granted before a "but" ("our tools may be new, but ...").
* ``name``: "May" the name or the month; ``noun``: "military might", "a must".
"""

from __future__ import annotations

import bisect
import re

from rhetoric.text import Document, per_document

#: Readings :func:`modal_reading` returns.
MODAL_READINGS = (
    "epistemic", "deontic", "optative", "purpose", "hypothetical", "dynamic", "concessive", "name", "noun",
)  # fmt: skip

_SUBJECT_PRONOUNS = frozenset({"i", "we", "you", "he", "she", "it", "they", "one"})
_FIRST_SECOND = frozenset({"i", "we", "you"})
#: Subjects of an inference rather than of an obligation ("it must be", "there must be").
_INFERENCE_SUBJECTS = frozenset({"it", "this", "that", "which", "what", "he", "she", "they", "these", "those"})  # fmt: skip
_BE_HAVE = frozenset({"be", "have", "been"})
#: Verbs that, after "would", hedge the writer's own claim ("I would argue", "it would seem").
_HEDGING_AFTER_WOULD = frozenset({
    "seem", "appear", "suggest", "argue", "say", "think", "guess", "imagine", "estimate", "expect", "assume", "venture",
})  # fmt: skip
_CONDITIONAL = frozenset({"if", "unless", "whether", "wish", "wished"})
#: Words that open a relative or comparative clause: a modal after them states what is possible
#: or allowed in it, not how likely the writer thinks it is.
_RELATIVE = frozenset(
    {"which", "that", "who", "whom", "whose", "where", "as", "whatever", "whoever", "wherever"}
)
_CONCESSIVE = frozenset(
    {"whatever", "whoever", "however", "wherever", "whichever", "whenever", "what"}
)
_DETERMINERS = frozenset({
    "a", "an", "the", "our", "their", "his", "her", "its", "my", "your", "all", "with", "military", "economic", "full",
})  # fmt: skip
_OBJECT_PRONOUNS = frozenset({"me", "us", "him", "her", "them", "you", "it", "this", "that"})
_LINKING = frozenset({"be", "is", "are", "was", "were", "been", "being", "am", "seem", "seems", "seemed", "become", "becomes"})  # fmt: skip
_AUXILIARIES = frozenset({
    "do", "does", "did", "have", "has", "had", "will", "would", "shall", "should", "can", "could", "may", "might",
    "must", "'s", "'re", "'ve", "'ll", "'d",
}) | _LINKING  # fmt: skip
_ADVERB_TAGS = frozenset({"RB", "RBR", "RBS"})
#: Predicates of truth or evidence: after "it must be" they make an inference ("it must be
#: true"), where other predicates state a requirement ("it must be fair").
_TRUTH_PREDICATES = frozenset({
    "true", "so", "right", "wrong", "correct", "false", "mistaken", "obvious", "clear", "evident", "apparent",
    "plain", "that",
})  # fmt: skip
#: Subjects that grant a view to others ("some may say", "critics might argue").
_INDEFINITE_SUBJECTS = frozenset({
    "some", "others", "many", "critics", "skeptics", "sceptics", "someone", "anyone", "people", "few", "one",
})  # fmt: skip
#: Verbs of saying and judging after such a subject.
_VIEW_VERBS = frozenset({
    "say", "call", "argue", "think", "object", "claim", "ask", "wonder", "believe", "suggest", "contend", "insist",
    "complain", "see", "view", "regard", "consider", "describe", "dismiss", "label", "feel", "charge", "protest",
})  # fmt: skip
#: Adjectives of certainty after "may be" / "can be": an assurance given to others ("they may be
#: certain that ..."), not the writer's doubt.
_ASSURED = frozenset({"certain", "sure", "assured", "confident"})


def _in_clause(doc: Document, i: int, j: int) -> bool:
    return 0 <= j < len(doc.words) and doc.clause_of[i] == doc.clause_of[j]


def _next_verb(doc: Document, i: int, limit: int = 3) -> int | None:
    """Index of the first word after ``i`` in its clause that is not an adverb or "not"."""
    tags, words = doc.tags, doc.words
    for j in range(i + 1, min(len(words), i + 1 + limit)):
        if not _in_clause(doc, i, j):
            return None
        if tags[j] in _ADVERB_TAGS or words[j].norm in {
            "not",
            "also",
            "well",
            "still",
            "even",
            "only",
        }:
            continue
        return j
    return None


def _previous(doc: Document, i: int) -> int | None:
    """Index of the word before ``i`` in the same sentence, skipping adverbs."""
    sentence = doc.sentence_of[i]
    for j in range(i - 1, max(-1, i - 4), -1):
        if doc.sentence_of[j] != sentence:
            return None
        if doc.tags[j] in _ADVERB_TAGS and doc.words[j].norm not in {"not"}:
            continue
        return j
    return None


def sentence_first(doc: Document, i: int) -> bool:
    """True when ``doc.words[i]`` opens its sentence (or follows an opening quote or bracket)."""
    return i == 0 or doc.sentence_of[i - 1] != doc.sentence_of[i]


def _negated_modal(doc: Document, i: int) -> bool:
    norm = doc.words[i].norm
    if norm.endswith("n't") or norm == "cannot":
        return True
    return i + 1 < len(doc.words) and _in_clause(doc, i, i + 1) and doc.words[i + 1].norm == "not"


def _conditional_before(doc: Document, i: int, limit: int = 25) -> bool:
    """An "if" or "unless" earlier in the sentence of ``doc.words[i]``: the word is in the
    apodosis of a condition ("if I reach that conclusion, I would say")."""
    sentence = doc.sentence_of[i]
    for k in range(i - 1, max(-1, i - limit - 1), -1):
        if doc.sentence_of[k] != sentence:
            return False
        if doc.words[k].norm in {"if", "unless"}:
            return True
    return False


def _past_before(doc: Document, i: int, limit: int = 25) -> bool:
    """A verb in the simple past earlier in the sentence of ``doc.words[i]`` (and no present or
    future verb nearer to it): "could" then tells of past ability or habit, or follows the tense
    of a past main verb ("we found that problems ... could bring"), not the writer's doubt now."""
    sentence = doc.sentence_of[i]
    for k in range(i - 1, max(-1, i - limit - 1), -1):
        if doc.sentence_of[k] != sentence:
            return False
        tag = doc.tags[k]
        if tag in {"VBZ", "VBP", "MD"}:
            return False
        if tag == "VBD":
            return True
    return False


def modal_reading(doc: Document, i: int) -> str:
    """The reading of the modal ``doc.words[i]`` in its sentence (one of :data:`MODAL_READINGS`).

    >>> doc = Document("It may rain. You may leave. May God bless you. We must act. They must have known.")
    >>> [modal_reading(doc, i) for i, w in enumerate(doc.words) if w.norm in {"may", "must"}]
    ['epistemic', 'deontic', 'optative', 'deontic', 'epistemic']
    """
    word = doc.words[i]
    norm = word.norm.replace("n't", "")
    if norm == "ca":
        norm = "can"
    first = sentence_first(doc, i)
    prev = _previous(doc, i)
    prev_norm = doc.words[prev].norm if prev is not None else ""
    following = _next_verb(doc, i)
    next_norm = doc.words[following].norm if following is not None else ""
    clause_words = [
        doc.words[k].norm for k in range(i - 1, max(-1, i - 8), -1) if _in_clause(doc, i, k)
    ]
    if norm == "may":
        if word.text == "May" and (
            not first or (i + 1 < len(doc.words) and doc.words[i + 1].norm.isdigit())
        ):
            return "name"
        if doc.tags[i] in {"NNP", "NNPS"} and not first:
            return "name"
        if first or prev_norm in {"may", "and", "but", "so", "now", "then", "o", "oh"}:
            return "optative"  # "May God ...", "And may He ...", "May I ask ...": a wish, a prayer
        if prev_norm == "you":
            return "deontic"
    if norm in {"may", "might"}:
        if len(clause_words) >= 2 and clause_words[1] == "that" and prev_norm in _SUBJECT_PRONOUNS:
            return "purpose"  # "that we may live"
        if any(
            a in {"so", "order"} and b == "that"
            for b, a in zip(clause_words[:5], clause_words[1:6], strict=False)
        ):
            return "purpose"  # "so that our children may live"
        after = doc.words[i + 1].norm if i + 1 < len(doc.words) else ""
        if any(w in _CONCESSIVE for w in clause_words[:4]) or after == "as":
            return "hypothetical"  # "whatever it may be", "might as well"
    if norm == "might" and (
        prev_norm in _DETERMINERS
        or doc.tags[i].startswith("NN")
        and prev_norm not in _SUBJECT_PRONOUNS
    ):
        return "noun"
    if norm == "must" and prev_norm in {"a", "the"}:
        return "noun"
    if first and norm in {"could", "would", "might", "must", "may", "can", "should"}:
        return "hypothetical"  # a question: "Could you ...?", "Would anyone ...?"
    if norm in {"may", "might", "could"}:
        if prev_norm in _INDEFINITE_SUBJECTS and next_norm in _VIEW_VERBS:
            return "concessive"  # "Some might call this a good record": a view granted to others
        if (
            next_norm == "be"
            and following is not None
            and following + 1 < len(doc.words)
            and (doc.words[following + 1].norm in _ASSURED)
        ):
            return "deontic"  # "They may be certain that ...": an assurance, not a doubt
    if norm == "could" and (prev_norm == "you" or next_norm == "be" and any(
        doc.words[k].norm in {"you", "your", "any", "anyone", "anybody"}
        for k in range(i + 2, min(len(doc.words), i + 6)) if _in_clause(doc, i, k)
    )):  # fmt: skip
        return "hypothetical"  # "it could be you", "they could be from any one of your districts"
    if norm == "could" and next_norm != "have" and _past_before(doc, i):
        return "dynamic"  # "we found that problems ... could bring", "my classmates could do"
    if norm == "must":
        if (
            next_norm in {"have", "'ve"}
            and following is not None
            and following + 1 < len(doc.words)
        ):
            after = doc.tags[following + 1] if _in_clause(doc, i, following + 1) else ""
            if after == "VBN" or doc.words[following + 1].norm == "been":
                return "epistemic"  # "they must have known"
        if next_norm == "be" and prev_norm in _INFERENCE_SUBJECTS and following is not None:
            after = following + 1
            so = prev is not None and prev >= 1 and doc.words[prev - 1].norm == "so"
            relative = (
                prev_norm in {"that", "which"}
                and prev is not None
                and prev > 0
                and (doc.tags[prev - 1].startswith("NN"))
            )  # "difficulties that must be overcome": a relative pronoun, not a subject
            if after < len(doc.words) and _in_clause(doc, i, after) and not so and not relative:
                case = (
                    doc.words[after].norm == "the"
                    and after + 1 < len(doc.words)
                    and (doc.words[after + 1].norm == "case")
                )
                if doc.words[after].norm in _TRUTH_PREDICATES or case:
                    return "epistemic"  # "it must be true", "that must be so", "must be the case"
                if doc.tags[after] == "VBG" and doc.words[after].norm != "going":
                    return "epistemic"  # "he must be joking": an inference about the present
        # "it must be fair", "it must be a land of opportunity", "they must be able to": with any
        # other predicate "must be" states a requirement (Coates 1983: epistemic "must" is marked
        # by a perfect, a progressive or a predicate of truth)
        return "deontic"
    if norm == "would":
        if next_norm in _HEDGING_AFTER_WOULD and _conditional_before(doc, i):
            return "hypothetical"  # "if I reach that conclusion, I would say ...": the apodosis
        if next_norm in _HEDGING_AFTER_WOULD:
            addressed = following + 1 < len(doc.words) and doc.words[following + 1].norm == "to"
            return "hypothetical" if addressed else "epistemic"  # "I would say to you": an address
        return "hypothetical"
    if norm == "could":
        if any(w in _CONDITIONAL for w in clause_words):
            return "hypothetical"
        if _root_passive(doc, i, following):
            return "dynamic"  # "little could be presented": what is possible, not how likely
        if _negated_modal(doc, i) or prev_norm in _FIRST_SECOND and next_norm not in _BE_HAVE:
            return "dynamic"
        if next_norm == "have":
            return "hypothetical"  # "could have been avoided": counterfactual
        if _in_subordinate(doc, i) or any(
            w in {"no", "nothing", "none", "never"} for w in clause_words[:6]
        ):
            return "hypothetical"  # "work that could reduce", "no act could": root or rhetorical
        ahead = [
            doc.words[k].norm
            for k in range(i + 1, min(len(doc.words), i + 5))
            if _in_clause(doc, i, k)
        ]
        if any(
            w in {"more", "less", "possibly", "ever", "no", "greater", "better", "worse"}
            for w in ahead
        ):
            return "hypothetical"  # "could more fittingly", "there could be no greater": emphasis
        if (
            next_norm == "be"
            or prev_norm in _INFERENCE_SUBJECTS
            or (prev is not None and doc.tags[prev] in {"NN", "NNS"})
        ):
            return "epistemic"
        return "dynamic"
    if norm in {"may", "might"}:
        if any(w in {"if", "unless"} for w in clause_words) and norm == "might":
            return "hypothetical"
        if norm == "might" and next_norm == "have" and _negated_modal(doc, i):
            return "hypothetical"  # "might not have been served": counterfactual
        if _in_subordinate(doc, i):
            return "dynamic"  # "till regulars may relieve them", "what the world may require"
        if any(w in _CONDITIONAL for w in clause_words):
            return "hypothetical"  # "if a beachhead may push back"
        if _conceded(doc, i):
            return (
                "concessive"  # "Our challenges may be new. But ...": a point granted, not doubted
            )
        if prev_norm in _RELATIVE or (len(clause_words) > 1 and clause_words[1] in _RELATIVE and prev is not None
                                      and doc.tags[prev].startswith("NN")):  # fmt: skip
            return "dynamic"  # "which may enable us", "as the Congress may build": root possibility
        if _root_passive(doc, i, following):
            return "dynamic"  # "error may be tolerated": what is allowed or possible, not likely
        if prev_norm in _FIRST_SECOND and next_norm not in _BE_HAVE | {"well", "seem", "not"}:
            return "dynamic"  # "we may now restore": permission or ability
        return "epistemic"
    return "deontic"


#: Participles that keep a modal passive epistemic: "it could be argued", "may be seen as".
_EPISTEMIC_PARTICIPLES = frozenset({
    "argued", "said", "seen", "considered", "thought", "called", "described", "expected", "regarded",
    "viewed", "claimed", "true", "right", "wrong",
})  # fmt: skip


def _root_passive(doc: Document, i: int, following: int | None) -> bool:
    """ "may be tolerated", "could be presented": a modal before a passive states what is allowed
    or possible (root modality), unless the participle is one of judging ("could be argued")."""
    if following is None or doc.words[following].norm != "be" or following + 1 >= len(doc.words):
        return False
    after = following + 1
    return (
        _in_clause(doc, i, after)
        and doc.tags[after] == "VBN"
        and doc.words[after].norm not in _EPISTEMIC_PARTICIPLES
    )


#: Words that open a subordinate clause (relative, complement, time, purpose, reason).
_SUBORDINATORS = _RELATIVE | frozenset({
    "till", "until", "when", "before", "after", "lest", "while", "because", "since", "though", "although",
    "whereas", "what", "whether",
})  # fmt: skip


def _conceded(doc: Document, i: int) -> bool:
    """A "but" or "yet" later in the modal's sentence, or opening the next one: the modal grants
    a point the writer is about to answer."""
    sentence = doc.sentence_of[i]
    segment = doc.sentences[sentence]
    later = [w.norm for w in doc.words[i + 1 : min(segment.last_word, i + 41)]]
    if any(w in {"but", "yet"} for w in later):
        return True
    # the answer may come a sentence later: "Our challenges may be new. The instruments ... may
    # be new. But those values ..."
    for ahead in (sentence + 1, sentence + 2):
        if ahead < len(doc.sentences):
            following = doc.sentences[ahead]
            if following.n_words and doc.words[following.first_word].norm in {"but", "yet"}:
                return True
    return False


def _in_subordinate(doc: Document, i: int, limit: int = 10) -> bool:
    """True when the modal ``doc.words[i]`` is the first verb of a subordinate clause: walking
    back in its clause, a subordinator comes before any verb ("till regulars may relieve them",
    "the measures that a stricken world may require"). Such a modal states what is possible,
    allowed or reported in that clause, not the writer's own doubt."""
    for k in range(i - 1, max(-1, i - limit - 1), -1):
        if not _in_clause(doc, i, k):
            return False
        norm = doc.words[k].norm
        if norm in _SUBORDINATORS:
            return True
        adjectival = (doc.tags[k] in {"VBN", "VBG"} and k > 0
                      and doc.words[k - 1].norm in _DETERMINERS | {"the", "a", "an"})  # fmt: skip
        if (doc.tags[k].startswith("VB") and not adjectival) or doc.tags[k] == "MD":
            return False
    return False


def _is_capitalised(text: str) -> bool:
    return text[:1].isupper() and not (len(text) > 1 and text.isupper())


def title_case(doc: Document, sentence: int) -> bool:
    """True when most longer words of a sentence are capitalised (a headline in title case).

    Computed once per document for all its sentences (kept while the document lives)."""
    return sentence in _titled_sentences(doc)


@per_document
def _titled_sentences(doc: Document) -> set[int]:
    titled = set()
    for number, segment in enumerate(doc.sentences):
        words = [w.text for w in doc.words_of(segment) if len(w.text) >= 4 and w.text[:1].isalpha()]
        if len(words) >= 3 and sum(w[:1].isupper() for w in words) >= 0.7 * len(words):
            titled.add(number)
    return titled


def in_name(doc: Document, i: int) -> bool:
    """True when ``doc.words[i]`` is part of a proper name ("Justice Department", "Supreme Court").

    A name is a capitalised word inside a sentence, or a run of two or more capitalised words
    (joined by "of", "the", "for", "and" at most), or a word the tagger reads as a proper noun
    inside a sentence. A sentence-initial word belongs to a name only with a capitalised
    neighbour and a proper-noun tag. In a headline set in title case only runs the tagger reads
    as proper nouns count. All-capital words (emphasis, acronyms) are not names by their capitals.

    >>> doc = Document("Clearly the Supreme Court ruled. Hope grew, as Grace Hope said.")
    >>> [w.text for k, w in enumerate(doc.words) if in_name(doc, k)]
    ['Supreme', 'Court', 'Grace', 'Hope']
    """
    words, tags = doc.words, doc.tags
    text = words[i].text
    if not _is_capitalised(text) or text == "I":
        return False
    sentence = doc.sentence_of[i]
    titled = title_case(doc, sentence)

    def capital(k: int) -> bool:
        if not (0 <= k < len(words)) or doc.sentence_of[k] != sentence:
            return False
        if not _is_capitalised(words[k].text) or words[k].text == "I":
            return False
        if titled or sentence_first(doc, k):
            return tags[k] in {"NNP", "NNPS"}
        return True

    if titled:
        return tags[i] in {"NNP", "NNPS"} and (capital(i - 1) or capital(i + 1))
    if not sentence_first(doc, i):
        return True
    # a sentence-initial word: a name only when it opens a run of capitalised words
    neighbour = i + 1
    while neighbour < len(words) and words[neighbour].norm in {"of", "the", "for", "and"}:
        neighbour += 1
    return tags[i] in {"NNP", "NNPS"} and capital(neighbour) and neighbour - i <= 2


# --- negation ---------------------------------------------------------------------------------

NEGATORS = frozenset({
    "not", "no", "never", "nor", "neither", "none", "nobody", "nothing", "nowhere", "without",
    "hardly", "barely", "scarcely", "cannot", "lack", "lacks", "lacking", "lacked",
})  # fmt: skip
#: Words that may stand between a negator and the word it governs ("not be", "not a", "never so").
_BRIDGE = frozenset({
    "a", "an", "the", "any", "so", "too", "very", "as", "be", "been", "being", "have", "has", "had", "do", "does",
    "did", "is", "are", "was", "were", "get", "got", "feel", "seem", "look", "become", "really", "entirely", "at",
    "all", "much", "more", "that", "quite", "even", "ever", "yet", "always", "particularly", "necessarily",
}) | _AUXILIARIES  # fmt: skip
#: "not only X but also Y", "not just": the negator does not negate what follows.
_NOT_NEGATING_NEXT = frozenset({"only", "just", "merely", "simply", "least", "to", "because"})


def is_negator(norm: str) -> bool:
    """True for a word that negates ("not", "never", "no", "without", "don't", "can't")."""
    return norm in NEGATORS or norm.endswith("n't")


@per_document
def negator_flags(doc: Document) -> list[bool]:
    """Whether each word of ``doc`` is a negator (:func:`is_negator`), computed once per document."""
    return [is_negator(w.norm) for w in doc.words]


def negated(doc: Document, i: int, window: int = 4) -> bool:
    """True when a negator governs ``doc.words[i]``: it comes before it in the same clause with
    only auxiliaries, articles and degree adverbs between ("have not failed", "not be welcome",
    "no real threat", "never so clearly"), and is not "not only" or "not just".

    >>> doc = Document("They have not failed. Nobody doubts the attack failed. Not only brave but wise.")
    >>> [w.text for k, w in enumerate(doc.words) if negated(doc, k)]
    ['failed', 'doubts']
    """
    if True not in negator_flags(doc)[max(0, i - window) : i]:
        return False  # no negator within reach: the common case, decided cheaply
    words = doc.words
    for k in range(i - 1, max(-1, i - window - 1), -1):
        if not _in_clause(doc, i, k):
            return False
        if doc.text[words[k].end : words[k + 1].start].strip(" \t\n\"'\u2019\u201d") not in {
            "",
            "-",
        }:
            return False  # a comma or other mark between: another phrase
        norm = words[k].norm
        if is_negator(norm):
            if k + 1 < len(words) and words[k + 1].norm in _NOT_NEGATING_NEXT:
                return False
            return True
        if norm in _BRIDGE:
            continue
        adverb = doc.tags[k] in _ADVERB_TAGS and norm.endswith("ly")
        adjective = doc.tags[k].startswith("JJ") and doc.tags[i].startswith("NN")
        if not (k == i - 1 and (adverb or adjective)):
            return False
    return False


# --- whose stance: quotation and reported speech ------------------------------------------------

_OPEN_QUOTES, _CLOSE_QUOTES = "\u201c\u201e", "\u201d"
_QUOTE_MARK = re.compile('["\u201c\u201d\u201e]')  # the only characters the scan acts on


@per_document
def quotation_ranges(doc: Document) -> list[tuple[int, int]]:
    """Character ranges of direct quotations: text between double quotation marks (curly pairs,
    or straight marks taken in turns) within a paragraph; a curly closing mark with no opening one
    before it closes a quotation from the paragraph's start, and a curly opening mark left open
    quotes to the paragraph's end (a quotation set over several lines). Computed once per document.

    >>> doc = Document('He said: "We may win." It may rain.')
    >>> [doc.text[s:e] for s, e in quotation_ranges(doc)]
    ['We may win.']
    """
    ranges: list[tuple[int, int]] = []
    text = doc.text
    for paragraph in doc.paragraphs:
        opened = None
        first = True  # before the paragraph's first curly mark
        for mark in _QUOTE_MARK.finditer(text, paragraph.start, paragraph.end):
            k, char = mark.start(), mark.group()
            if char in _OPEN_QUOTES or (char == '"' and opened is None):
                opened = k + 1
                first = False
            elif (char in _CLOSE_QUOTES or char == '"') and opened is not None:
                ranges.append((opened, k))
                opened = None
            elif char in _CLOSE_QUOTES and first:
                # a closing mark with no opening one: a quotation carried over from the
                # paragraph before (news sets one sentence a line)
                ranges.append((paragraph.start, k))
                first = False
        if opened is not None and text[opened - 1] in _OPEN_QUOTES:
            ranges.append((opened, paragraph.end))  # a curly quotation going on past the line
    ranges.sort()
    return ranges


def in_quotation(doc: Document, i: int) -> bool:
    """True when ``doc.words[i]`` lies inside a direct quotation (:func:`quotation_ranges`):
    the words are another speaker's, and so is their stance.

    >>> doc = Document('He said: "We may win." It may rain.')
    >>> [in_quotation(doc, i) for i, w in enumerate(doc.words) if w.norm == "may"]
    [True, False]
    """
    ranges = quotation_ranges(doc)
    start = doc.words[i].start
    k = bisect.bisect_right(ranges, (start, float("inf"))) - 1
    return k >= 0 and ranges[k][0] <= start < ranges[k][1]


#: Verbs that report another's words or thoughts ("she said it may", "officials warned that").
REPORTING_VERBS = frozenset({
    "said", "says", "told", "tells", "warned", "warns", "claimed", "claims", "argued", "argues",
    "insisted", "insists", "stated", "states", "wrote", "writes", "added", "adds", "explained",
    "explains", "reported", "reports", "suggested", "suggests", "alleged", "alleges", "announced",
    "announces", "acknowledged", "acknowledges", "admitted", "admits", "noted", "notes", "according",
    "predicted", "predicts", "testified", "asserted", "asserts", "contended", "contends",
})  # fmt: skip
#: Verbs of belief and report that take an object as often as a clause ("confirmed the charges"):
#: they report only before "that" ("police believe that", "he pointed out that").
THAT_REPORTING_VERBS = frozenset({
    "believe", "believes", "believed", "fear", "fears", "feared", "concluded", "concludes", "revealed",
    "reveals", "confirmed", "confirms", "declared", "declares", "tweeted", "tweets", "speculated", "speculates",
    "observed", "observes", "cautioned", "cautions", "stressed", "stresses", "emphasized", "emphasizes",
    "pointed", "points",
})  # fmt: skip
#: Base forms that report with a plural subject ("experts say the epidemic could worsen"); as a
#: bare infinitive ("let me say") they are the writer's.
PLURAL_REPORTING_VERBS = frozenset({"say", "tell", "warn", "claim", "argue", "insist", "report", "predict", "estimate", "allege"})  # fmt: skip
#: Reporting verbs that report only with a particle ("pointed out that").
_PARTICLE_REPORTING = {"pointed": "out", "points": "out"}
_FIRST_PERSON = frozenset({"i", "we"})


def reported(doc: Document, i: int, window: int = 20) -> bool:
    """True when ``doc.words[i]`` stands in what someone other than the writer is reported to
    have said: a reporting verb comes before it in its sentence ("officials said the virus may
    spread", "the report said it appears", "according to WHO, it may"), with no "but" or
    semicolon between; the verb is a verb (not "the United States"), and its subject is not "I" or
    "we" (the writer's own words) nor a form of "be" ("it may be said": the writer's aside).

    >>> doc = Document("Officials said the virus may spread. We said it may rain. It may rain.")
    >>> [reported(doc, i) for i, w in enumerate(doc.words) if w.norm == "may"]
    [True, False, False]
    """
    sentence = doc.sentence_of[i]
    for k in range(i - 1, max(-1, i - window - 1), -1):
        if doc.sentence_of[k] != sentence:
            return False
        norm = doc.words[k].norm
        if (
            norm in {"but", "yet", "however"}
            or ";" in doc.text[doc.words[k].end : doc.words[k + 1].start]
        ):
            return False
        if norm in PLURAL_REPORTING_VERBS and doc.tags[k] == "VBP":
            if _subject_of(doc, k) in _FIRST_PERSON | {"you", "i"}:
                return False  # "we say", "I tell you": the writer's own
            return True
        if norm in THAT_REPORTING_VERBS:
            particle = _PARTICLE_REPORTING.get(norm)
            that = k + 1 + (particle is not None)
            if particle and (k + 1 >= i or doc.words[k + 1].norm != particle):
                continue  # "points" of a plan, "pointed" without "out"
            if that >= i or doc.words[that].norm != "that" or not doc.tags[k].startswith("VB"):
                continue  # "confirmed the charges": an object, not a reported clause
            if _subject_of(doc, k) in _FIRST_PERSON | _LINKING:
                return False  # "I believe that", "it is feared that": the writer's own
            return True
        if norm in REPORTING_VERBS:
            if norm == "according":
                if k + 1 < i and doc.words[k + 1].norm == "to":
                    return True
                continue
            if not doc.tags[k].startswith("VB") or doc.words[k].text[:1].isupper() and k > 0:
                continue  # a noun ("the United States", "claims to the office")
            subject = doc.words[k - 1].norm if k > 0 and doc.sentence_of[k - 1] == sentence else ""
            # "I said", "we argued": the writer's own words; "it may be said": an impersonal aside
            return subject not in _FIRST_PERSON | _LINKING
    return False


def _subject_of(doc: Document, k: int) -> str:
    """The word before the verb ``doc.words[k]`` in its sentence, skipping adverbs ("I deeply
    believe"): its subject when the verb follows it."""
    sentence = doc.sentence_of[k]
    for j in range(k - 1, max(-1, k - 4), -1):
        if doc.sentence_of[j] != sentence:
            return ""
        if doc.tags[j] not in _ADVERB_TAGS:
            return doc.words[j].norm
    return ""


#: A comma or dash between two words, after which an attribution may follow.
_ATTRIBUTION_MARK = re.compile(",|\u2014|\u2013| - ")


def reported_after(doc: Document, i: int, limit: int = 40) -> bool:
    """True when the sentence of ``doc.words[i]`` is attributed after it: a comma (or dash) later
    in the sentence is followed within three words by a reporting verb whose subject is not "I" or
    "we", near the sentence's end ("... could be due to hit, says the paper.", "... of his
    presidency, he said."), or by "according to".

    >>> doc = Document("The storm may pass, officials said. The storm may pass, as I said before.")
    >>> [reported_after(doc, i) for i, w in enumerate(doc.words) if w.norm == "may"]
    [True, False]
    """
    words, text = doc.words, doc.text
    segment = doc.sentences[doc.sentence_of[i]]
    end = min(segment.last_word, i + limit)
    for k in range(i + 1, end):
        if not _ATTRIBUTION_MARK.search(text, words[k - 1].end, words[k].start):
            continue
        for j in range(k, min(k + 3, end)):
            norm = words[j].norm
            if norm == "according" and j + 1 < end and words[j + 1].norm == "to":
                return True
            if norm in REPORTING_VERBS and doc.tags[j].startswith("VB"):
                subject = words[j - 1].norm if j > k else ""
                # "as I said", "which he said": the writer's own aside, or a relative clause
                if subject in _FIRST_PERSON or (j > k and words[k].norm in {"as", "which", "that"}):
                    return False
                # the attribution closes the sentence: "..., he said." ("tells a dispatcher: ..."
                # opens a quotation, whose speaker the words before it describe)
                tail = text[words[j].end : words[segment.last_word - 1].end]
                return segment.last_word - j <= 10 and not any(m in tail for m in ':"\u201c')
    return False
