from __future__ import annotations

import warnings

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rhetoric.errors import InputError
from rhetoric.text import (
    ASCII_BIG5_PUNCTUATION,
    Document,
    EncodingFallbackWarning,
    decode,
    normalize,
    paragraph_bounds,
    read_text,
)


def test_read_text_keeps_crlf_and_curly_quotes(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("It’s here.\r\nNext line.\r\n".encode())
    assert read_text(path) == "It’s here.\r\nNext line.\r\n"


def test_invalid_utf8_falls_back_with_a_warning(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes(b"caf\xe9 and na\xefve")
    with pytest.warns(EncodingFallbackWarning, match="not valid UTF-8"):
        text = read_text(path)
    assert text == "café and naïve"


def test_big5_punctuation_in_ascii_text_is_read_as_the_punctuation_meant(tmp_path):
    """NLTK's State of the Union addresses of 1970-1974 write dashes and quotes as Big5 byte
    pairs: read one byte per character they were glued letters ("choices¡Xchoices")."""
    path = tmp_path / "sotu.txt"
    path.write_bytes(b"clear choices\xa1Xchoices; the Nation\xa1\xa6s \xa1\xa7hope\xa1\xa8\xa1K")
    with pytest.warns(EncodingFallbackWarning, match="ASCII with Big5 punctuation"):
        text = read_text(path)
    assert text == "clear choices\u2014choices; the Nation\u2019s \u201chope\u201d\u2026"
    doc = Document(text)
    assert [w.text for w in doc.words][:4] == ["clear", "choices", "choices", "the"]
    assert "Nation\u2019s" in [w.text for w in doc.words]


@pytest.mark.parametrize("data", [b"\xa1Hola, amigos", b"caf\xe9 \xa1X", b"\xa1\xa6 and \x81"])
def test_other_bytes_beside_a_big5_pair_keep_the_single_byte_fallback(data):
    text, encoding = decode(data)
    assert encoding in ("cp1252", "latin-1") and len(text) == len(data)


@pytest.mark.parametrize(
    "text",
    [
        'The crowd chanted "\u00a1Viva Zapata!" all night.',
        "\u00a1Kaboom! went the cannon.",
        "A trip to \u00a1Xochimilco! and back.",
        "Write to us at \u00a1@home.",
    ],
)
def test_an_inverted_exclamation_mark_before_a_letter_stays_windows_1252(text):
    # "¡V" is also Big5's dash: read as one only where it is unambiguous (glued to the word
    # before it, or beside Big5 quotes); a Spanish "¡" stands at a word's start
    assert decode(text.encode("cp1252")) == (text, "cp1252")


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (b"choices\xa1Xchoices", "choices\u2014choices"),
        (b"two\xa1Vthree", "two\u2013three"),
        (b"\n\xa1@\xa1@The Nation\xa1\xa6s hope", "\n\u3000\u3000The Nation\u2019s hope"),
        (b"So \xa1K\xa1\xa7Go\xa1\xa8", "So \u2026\u201cGo\u201d"),
    ],
)
def test_big5_punctuation_is_read_where_it_is_unambiguous(data, text):
    assert decode(data) == (text, ASCII_BIG5_PUNCTUATION)


def test_undefined_cp1252_bytes_fall_back_to_latin1():
    text, encoding = decode(b"a\x81b")
    assert (text, encoding) == ("a\x81b", "latin-1")


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p / "missing.txt", "no such file"),
        (lambda p: p, "is a folder, not a text file"),
    ],
)
def test_missing_path_and_directory(tmp_path, make, message):
    with pytest.raises(InputError, match=message):
        read_text(make(tmp_path))


def test_binary_file_is_refused(tmp_path):
    path = tmp_path / "image.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(InputError, match="PNG image, not a text file"):
        read_text(path)
    path = tmp_path / "data.bin"
    path.write_bytes(b"records\x00\x01\x02")
    with pytest.raises(InputError, match="binary file \\(contains NUL bytes\\)"):
        read_text(path)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-be"])
def test_utf16_and_utf32_with_a_byte_order_mark_are_decoded(tmp_path, encoding):
    text = "Ask not, ask — “now”.\r\nCafé 😀 naïve.\n"
    mark = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff", "utf-32-be": b"\x00\x00\xfe\xff"}
    path = tmp_path / "wide.txt"
    path.write_bytes(mark.get(encoding, b"") + text.encode(encoding))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no fallback warning
        decoded = read_text(path)
    assert decoded == text  # the mark is dropped, as open(path, encoding="utf-16") drops it
    with open(path, encoding=encoding[:6], newline="") as handle:  # "utf-16" / "utf-32"
        assert decoded == handle.read()
    # offsets are str indices into the decoded text
    doc = Document(decoded)
    assert [decoded[w.start : w.end] for w in doc.words][:3] == ["Ask", "not", "ask"]
    assert decoded[doc.words[-2].start : doc.words[-2].end] == "Café"


def test_a_broken_utf16_file_is_refused(tmp_path):
    path = tmp_path / "broken.txt"
    path.write_bytes(b"\xff\xfe" + "ok".encode("utf-16-le") + b"\x00\xd8")  # a lone surrogate
    with pytest.raises(InputError, match="UTF-16 byte-order mark but is not valid UTF-16"):
        read_text(path)


def test_utf8_byte_order_mark_is_kept():
    assert decode(b"\xef\xbb\xbfHello") == ("\ufeffHello", "utf-8")


def test_a_very_long_sentence_is_cut_into_pieces_at_commas():
    from rhetoric.text import MAX_SENTENCE_WORDS

    clause = "we build the road and the bridge together"  # 8 words
    text = ", ".join([clause] * 300) + "."  # one sentence of 2,400 words
    doc = Document(text)
    assert doc.n_words == 2400
    pieces = doc.sentences
    assert len(pieces) == 3 and all(p.n_words <= MAX_SENTENCE_WORDS for p in pieces)
    # the pieces tile the sentence's words, and each but the last ends at a comma
    assert [p.first_word for p in pieces] == [0, pieces[0].last_word, pieces[1].last_word]
    assert pieces[-1].last_word == 2400 and pieces[0].start == 0 and pieces[-1].end == len(text)
    assert all(text[p.end] == "," and p.n_words % 8 == 0 for p in pieces[:-1])


def test_a_sentence_without_any_break_is_cut_at_the_limit():
    from rhetoric.text import MAX_SENTENCE_WORDS

    text = " ".join(["word"] * (2 * MAX_SENTENCE_WORDS + 5))
    sizes = [p.n_words for p in Document(text).sentences]
    assert sizes == [MAX_SENTENCE_WORDS, MAX_SENTENCE_WORDS, 5]
    assert [s.n_words for s in Document(" ".join(["word"] * MAX_SENTENCE_WORDS)).sentences] == [
        MAX_SENTENCE_WORDS
    ]


def test_huge_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"word " * 300_000)  # 1.5 MB
    with pytest.raises(InputError, match="above the 1 MB limit"):
        read_text(path, max_bytes=1_000_000)
    assert len(read_text(path, max_bytes=None)) == 1_500_000


def test_empty_file_gives_an_empty_document(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    doc = Document(read_text(path))
    assert (doc.words, doc.sentences, doc.paragraphs, doc.removed) == ([], [], [], [])


def test_normalize_keeps_length_and_folds_typography():
    text = "İstanbul’s “Deal” — done\u00a0now"
    view = normalize(text)
    assert len(view) == len(text)
    assert view[11:17] == '"deal"' and view[18] == "-" and view[24] == " " and view[0] == "İ"


def test_paragraphs_split_on_blank_lines_and_sentence_final_lines():
    text = "A wrapped\nparagraph here.\n\nOne per line.\nAnother one.\r\n\r\nLast"
    bounds = paragraph_bounds(text)
    assert [text[s:e] for s, e in bounds] == [
        "A wrapped\nparagraph here.",
        "One per line.",
        "Another one.",
        "Last",
    ]


def test_sentences_and_words_have_exact_offsets():
    text = "Mr. Smith came.  He said “no”—twice.\n\nThen left."
    doc = Document(text)
    assert [text[s.start : s.end] for s in doc.sentences] == [
        "Mr. Smith came.",
        "He said “no”—twice.",
        "Then left.",
    ]
    assert [w.text for w in doc.words_of(doc.sentences[1])] == ["He", "said", "no", "twice"]
    assert all(text[w.start : w.end] == w.text for w in doc.words)


def test_tags_align_with_words(data_home):
    doc = Document("We choose to go. They stay home.")
    assert len(doc.tags) == len(doc.words)
    assert doc.tags[1].startswith("VB")


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_every_span_slices_back_and_is_ordered(text):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        doc = Document(text)
        pieces = [*doc.removed, *doc.paragraphs, *doc.sentences]
    for span in doc.removed:
        assert span.text == text[span.start : span.end]
    for token in doc.words:
        assert token.text == text[token.start : token.end]
        assert doc.norm[token.start : token.end] == token.norm
    for group in (doc.removed, doc.paragraphs, doc.sentences, doc.words):
        starts = [p.start for p in group]
        assert starts == sorted(starts)
        assert all(0 <= p.start <= p.end <= len(text) for p in group)
    assert all(0 <= p.start <= p.end <= len(text) for p in pieces)


def test_an_inline_removal_leaves_its_paragraph_whole_and_offsets_exact():
    text = "We will not fail. (Applause.) We will not tire.\n\nThank you."
    doc = Document(text)
    assert [(s.kind, s.start, s.end) for s in doc.removed] == [("stage direction", 18, 29)]
    assert doc.body == [(0, 18), (29, len(text))]
    assert [(p.start, p.end) for p in doc.paragraphs] == [(0, 47), (49, 59)]
    assert [text[s.start : s.end] for s in doc.sentences] == [
        "We will not fail.",
        "We will not tire.",
        "Thank you.",
    ]
    assert [w.text for w in doc.words] == "We will not fail We will not tire Thank you".split()
    assert doc.clean[18:29] == " " * 11 and len(doc.clean) == len(text)
    assert doc.clause_of[3] != doc.clause_of[4]


def test_headings_are_kept_flagged_and_left_out_of_prose():
    text = (
        "Harbour plan approved\n\n"
        "The council approved the harbour plan on Monday after a long debate.\n\n"
        "What is in the plan?\n"
        "A new pier, a sea wall and a ferry terminal, all to be built by 2030.\n\n"
        "What happens now?\n"
        "Work starts in May, and the first ferries sail the following spring.\n\n"
        "Cost and funding\n"
        "The state pays half of the cost and the city pays the rest of it.\n\n"
        "It is a good plan."
    )
    doc = Document(text)
    headings = [text[h.start : h.end] for h in doc.headings]
    assert headings == [
        "Harbour plan approved",
        "What is in the plan?",
        "What happens now?",
        "Cost and funding",
    ]
    assert [text[s.start : s.end] for s in doc.sentences if s.heading] == headings
    assert all(not s.heading for s in doc.prose)
    assert len(doc.prose) == len(doc.sentences) - 4
    assert sum(doc.in_heading) == 3 + 5 + 3 + 3
    # headings stay words of the document: they are shown, just not treated as sentences
    assert doc.n_words == len(doc.words) and doc.words[0].text == "Harbour"


def test_a_lone_question_line_in_prose_is_not_a_heading():
    # one question set off like a heading is not an explainer: it may be the author's question
    text = "The plan was approved.\n\nWhat happens now?\nWork starts in May, and the ferries sail in spring.\n\nIt is good."
    assert Document(text).headings == []
    # nor is an unpunctuated last line or a text of one line
    assert Document("The harbour is open.\n\nand we won").headings == []
    assert Document("to build bravely, to build wisely, to build together").headings == []


def test_a_heading_line_above_its_paragraph_is_its_own_paragraph():
    text = "Intro line of the story here.\n\n'Right call'\nThe minister said the decision was right and that she would not change it."
    doc = Document(text)
    assert [text[p.start : p.end] for p in doc.paragraphs][1] == "'Right call'"
    assert doc.paragraphs[1].heading


def test_sentence_detectors_skip_headings():
    from rhetoric.devices import find_devices

    text = (
        "Talks on trade\n\n"
        "The ministers met for the third time this year and agreed on very little.\n\n"
        "Why did the talks fail?\n"
        "The two sides could not agree on tariffs, on quotas, or on the timetable for them.\n\n"
        "Farmers, fishermen and foresters\n"
        "The farmers, the fishermen and the foresters all lose if the talks stay stuck.\n\n"
        "What comes next?\n"
        "A fourth round of talks is planned for the spring, in the capital."
    )
    doc = Document(text)
    assert len(doc.headings) == 4
    spans = find_devices(doc, min_score=0.0)  # every candidate, not only those above threshold
    assert {s.device for s in spans} >= {"tricolon", "alliteration"}  # found in the prose
    for span in spans:
        assert not any(h.start < span.end and span.start < h.end for h in doc.headings), span
    # the same lines as prose: the questions and the heading's alliteration are found
    plain = text.replace("?\n", "?\n\n").replace("foresters\n", "foresters.\n")
    found = find_devices(Document(plain), min_score=0.0)
    assert [s.text for s in found if s.device == "rhetorical_question"] == [
        "Why did the talks fail?",
        "What comes next?",
    ]
    assert "Farmers, fishermen and foresters" in [s.text for s in found]


def test_a_speaker_label_starts_a_new_paragraph():
    text = "HOST: So you were there when it\nGUEST: I was there, yes.\nHOST: And what did you see?"
    doc = Document(text)
    assert [s.kind for s in doc.removed] == ["speaker label"] * 3
    assert [text[p.start : p.end] for p in doc.paragraphs] == [
        "So you were there when it",
        "I was there, yes.",
        "And what did you see?",
    ]


def test_a_decomposed_accent_stays_in_its_word():
    # NFD text writes "é" as "e" and a combining acute: the mark belongs to the word, which is
    # neither split there nor cut short (offsets index the text as given, nothing normalised)
    import unicodedata

    composed = "The na\u00efve caf\u00e9 owner said: d\u00e9j\u00e0 vu."
    decomposed = unicodedata.normalize("NFD", composed)
    nfc, nfd = Document(composed), Document(decomposed)
    assert len(nfd.words) == len(nfc.words) == 7
    assert [unicodedata.normalize("NFC", w.text) for w in nfd.words] == [w.text for w in nfc.words]
    assert all(decomposed[w.start : w.end] == w.text for w in nfd.words)
    assert nfd.words[2].text == "cafe\u0301" and nfd.words[5].text == "de\u0301ja\u0300"
    # a mark after a word's letters ends the word with it; one with no letter before is no word
    assert [w.text for w in Document("x\u0308 \u0301 well-be\u0327ing").words] == [
        "x\u0308",
        "well-be\u0327ing",
    ]


def test_a_decomposed_accent_gives_the_composed_key():
    # matching keys (refrains, repeated words, document frequencies) read "é" the same whether
    # the text composes it or writes "e" and U+0301; the words keep the text's own characters
    import unicodedata

    composed = Document("C\u00f3rdoba, C\u00f3rdoba")
    decomposed = Document(unicodedata.normalize("NFD", "C\u00f3rdoba, C\u00f3rdoba"))
    assert decomposed.keys == composed.keys == ["c\u00f3rdoba", "c\u00f3rdoba"]
    assert decomposed.words[0].text == "Co\u0301rdoba"


@pytest.mark.parametrize(
    "text",
    [
        "The canal froze early. [3] Can the barges wait for spring? They cannot.",
        "The canal froze early.[3] Can the barges wait for spring? They cannot.",
        "The canal froze early. [3] [14]\nCan the barges wait for spring? They cannot.",
    ],
)
def test_a_footnote_marker_after_a_full_stop_ends_the_sentence_before_it(text):
    """Punkt reads a bracketed footnote number after the final stop as the opening of the next
    sentence; it is the reference of the sentence before it, which keeps it, and the next
    sentence (so a figure on it) opens at its first word. Offsets stay exact."""
    from rhetoric.devices.questions import find_rhetorical_questions

    doc = Document(text)
    sentences = [text[s.start : s.end] for s in doc.sentences]
    assert sentences[1] == "Can the barges wait for spring?"
    assert sentences[0].startswith("The canal froze early.") and sentences[0].endswith("]")
    assert [w.text for s in doc.sentences for w in doc.words_of(s)] == [w.text for w in doc.words]
    assert [s.text for s in find_rhetorical_questions(doc)] == ["Can the barges wait for spring?"]


def test_a_paragraph_that_opens_with_a_footnote_number_keeps_it():
    """A footnote's own text ("[3] See ...") has no sentence before it in its paragraph."""
    text = "The canal froze early.\n\n[3] See the harbour records of that winter."
    doc = Document(text)
    assert [text[s.start : s.end] for s in doc.sentences][1].startswith("[3] See")


@pytest.mark.parametrize(
    "text",
    [
        "The canal froze early. [3] [14]\nCan the barges wait for spring? They cannot.",
        # a paragraph per line copied from an encyclopedia, its footnote numbers glued on, the
        # longest line of the block the one that carries them
        "In the winter of 1709 the canal froze early, and the barges that carried the grain of"
        " the province to the city stood in the ice until the spring thaw of that year.[3][14]\n"
        "Can the barges wait for spring? They cannot.",
    ],
)
def test_a_line_ending_in_footnote_numbers_ends_its_paragraph(text):
    # in text with a paragraph per line, a sentence's footnote numbers after its stop kept the
    # line from ending its paragraph, so the next line's question joined it
    first, second = text.split("\n")
    assert [text[s:e] for s, e in paragraph_bounds(text)] == [first, second]


def test_a_line_ending_in_footnote_numbers_splits_as_the_line_without_them():
    """Footnote numbers after a line's stop ("powers.”[2]") change nothing: the line ends its
    paragraph where the same line without them does, in hard-wrapped text as in text with a
    paragraph per line (hard-wrapped lines ending a sentence end a paragraph either way)."""
    text = (
        "proceed from the courts of justice, the general liberty of the people\n"
        "can never be endangered from that quarter; I mean so long as the\n"
        "judiciary remains truly distinct from both the legislature and the\n"
        "Executive. For I agree, that “there is no liberty, if the power of\n"
        "judging be not separated from the legislative and executive powers.”[2]\n"
        "And it proves, in the last place, that as liberty can have nothing to\n"
        "fear from the judiciary alone, but would have every thing to fear from\n"
        "its union with either of the other departments."
    )
    plain = text.replace("[2]", "")
    assert len(paragraph_bounds(text)) == len(paragraph_bounds(plain)) == 2
    # two footnoted paragraphs of one line each, about as long as each other
    lines = [
        "The canal froze early in the winter of that year, and the barges stood in the ice.[3]",
        "The grain of the province waited in the barns until the thaw came late in spring.[4]",
        "Can the barges wait for spring? They cannot.",
    ]
    per_line = "\n".join(lines)
    assert [per_line[s:e] for s, e in paragraph_bounds(per_line)] == lines


def test_a_sentence_tagged_alone_gets_the_tags_of_the_whole_document():
    text = "We choose the moon. They built a fine new mill, and the town grew rich. Why not?"
    alone = Document(text)
    first = [alone.sentence_tags(s) for s in alone.sentences]
    assert "tags" not in alone.__dict__  # no sentence asked for the whole document's tags
    whole = Document(text)
    assert first == [whole.tags[s.first_word : s.last_word] for s in whole.sentences]
    assert first[0] == ["PRP", "VBP", "DT", "NN", "."][: len(first[0])]
