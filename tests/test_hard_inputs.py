"""Hard inputs: arbitrary Unicode never breaks the analysis, pathological texts cost time linear in
their length, and a folder of good and bad files gives a result for every good file and one line
for every bad one.

The timings of large inputs (a 10 MB text, a 200,000-word paragraph) are in
``benchmarks/hard_inputs.py``; here the sizes are small so that the tests stay quick.
"""

from __future__ import annotations

import gc
import gzip
import io
import json
import os
import time
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rhetoric import analyze
from rhetoric.analysis import analyze_text
from rhetoric.cli import main
from rhetoric.text import Document

# --- arbitrary Unicode -------------------------------------------------------------------------

# Words and marks that make the detectors fire, mixed with what breaks naive text handling:
# control characters, every kind of line break, combining marks, emoji (outside the BMP), zero
# widths, right-to-left text, quotes of every shape.
_WORDS = (
    "we shall fight not for peace but war ask what can do you never give in the people "
    "government by of for rather than more less either or from to some others free freedom "
    "free freely hope hoped bold brave bright May why who how is are it"
).split()
_ODD = [
    "\r\n", "\r", "\n", "\n\n", "\u2028", "\u2029", "\x0b", "\x0c", "\x85", "\x00", "\x1b", "\t",
    "\u0301", "e\u0301", "\u200b", "\u200d", "\ufeff", "😀", "👍🏽", "🇺🇳", "\U0001d400", "İ", "ß",
    "ﬁ", "שָׁלוֹם", "مرحبا", "—", "–", "--", "…", "“", "”", "‘", "’", "'", '"', "(", ")", "[", "]",
    "?", "!", ".", ",", ";", ":", " ", "  ", "\u00a0", "Q:", "-", "'s", "n't",
]  # fmt: skip
_PIECES = st.one_of(st.sampled_from(_WORDS), st.sampled_from(_ODD), st.text(max_size=6))
_TEXTS = st.one_of(
    st.lists(_PIECES, max_size=80).map(" ".join),
    st.lists(_PIECES, max_size=80).map("".join),
    st.text(max_size=300),
)


def _slices_back(result) -> None:
    text = result.text
    for span in [*result.device_spans, *result.frame_spans, *result.removed]:
        assert 0 <= span.start <= span.end <= len(text), span
        assert text[span.start : span.end] == span.text, span
    for word in result.doc.words:
        assert text[word.start : word.end] == word.text
    for segment in [*result.doc.sentences, *result.doc.paragraphs]:
        assert 0 <= segment.start <= segment.end <= len(text)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXTS)
def test_analyze_never_raises_and_every_span_slices_back(text):
    result = analyze_text(text)
    _slices_back(result)
    line = result.to_json()
    assert len(line.splitlines()) == 1  # one document, one line of JSON Lines
    assert json.loads(line)["n_words"] == result.n_words


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXTS, st.sampled_from(["utf-8", "utf-16", "utf-32", "utf-8-sig"]))
def test_files_in_any_unicode_encoding_read_back_exactly(tmp_path_factory, text, encoding):
    path = tmp_path_factory.mktemp("enc") / "t.txt"
    data = text.encode(encoding, "surrogatepass")
    if encoding.startswith("utf-8") and ("\x00" in text or data[:2] in (b"\xff\xfe", b"\xfe\xff")):
        return  # NUL bytes mark a binary file in UTF-8; utf-16/32 are read by their mark
    if encoding == "utf-16" and text.startswith("\x00"):
        return  # FF FE 00 00 is also the UTF-32 mark: read as UTF-32, as every BOM sniffer does
    path.write_bytes(data)
    result = analyze(path)
    expected = text if encoding in ("utf-8", "utf-16", "utf-32") else "\ufeff" + text
    assert result.text == expected
    _slices_back(result)


# --- linear time ---------------------------------------------------------------------------------

_VOCABULARY = (
    "people river bridge build strong nation future work hope free land city law power trust "
    "peace war old new small great the of and to we not but"
).split()


def _vocabulary_run(n_words: int, seed: int) -> list[str]:
    import random

    pick = random.Random(seed).choice
    return [pick(_VOCABULARY) for _ in range(n_words)]


def one_sentence_repeated(n: int) -> str:
    return "We will rebuild the old bridge over the river today. " * (n // 10)


def paragraph_without_punctuation(n: int) -> str:
    return " ".join(_vocabulary_run(n, 1))


def many_questions(n: int) -> str:
    words = _vocabulary_run(n // 6, 2)
    return " ".join(f"Why should the {w} not stand?" for w in words)


def punctuation_only(n: int) -> str:
    return ("!?.,;:--()\"'… " * n)[: 5 * n]


def openings_that_almost_repeat(n: int) -> str:
    # every sentence opens with "The", and no two neighbours share a second word
    return " ".join(f"The {_VOCABULARY[i % 15]} stood." for i in range(n // 3))


def a_chant(n: int) -> str:
    # one word said again and again, with commas: a crowd in a transcript, a refrain in lyrics
    return " ".join(["never,"] * n)


def _cpu_seconds(text: str) -> dict[str, float]:
    """CPU seconds of each part of the analysis (the text model, each detector, the frames, all
    detectors with their learned scorers), the better of two runs: a busy machine only ever adds time."""
    from rhetoric.devices import DEVICES

    best: dict[str, float] = {}
    for _ in range(2):
        doc = Document(text)
        for name in ("text model", *DEVICES, "frames", "scored devices"):
            gc.collect()  # the garbage of the parts before is not collected on this part's clock
            started = time.process_time()
            _run_part(doc, name)
            best[name] = min(best.get(name, float("inf")), time.process_time() - started)
    return best


def _run_part(doc: Document, name: str) -> None:
    from rhetoric.devices import find_devices, get_finder
    from rhetoric.framing import analyze_frames

    if name == "text model":
        assert len(doc.clause_of) == len(doc.keys) == doc.n_words  # computes the views
    elif name == "frames":
        analyze_frames(doc)
    elif name == "scored devices":  # every finder again, then the learned scorers
        find_devices(doc)
    else:
        get_finder(name)(doc)


@pytest.mark.parametrize(
    "make",
    [
        one_sentence_repeated,
        paragraph_without_punctuation,
        many_questions,
        punctuation_only,
        openings_that_almost_repeat,
        a_chant,
    ],
)
def test_pathological_texts_take_time_linear_in_their_length(make):
    analyze_text("Warm up: load every resource once. Why not? " + make(200))
    small, large = _cpu_seconds(make(3_000)), _cpu_seconds(make(12_000))
    # Four times the text: linear is 4x the time, quadratic 16x. Each part is checked on its own,
    # so that a quadratic one cannot hide among the others; parts too quick to time reliably at
    # the small size count as taking FLOOR seconds there. The bound is loose for a shared machine.
    floor = 0.03
    ratios = {name: large[name] / max(small[name], floor) for name in small}
    slow = {name: round(r, 1) for name, r in ratios.items() if r > 8}
    assert not slow, f"{make.__name__}: 4x the text took this many times the CPU time: {slow}"


# --- a corpus folder with bad files among good ones ----------------------------------------------


def _zip(members: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


@pytest.fixture
def mixed_folder(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    good = {
        "a_utf8.txt": b"We shall fight on the beaches. We shall fight on the landing grounds.\n",
        "b_utf16.txt": "Ask not what you can get; ask what you can give.\r\n".encode("utf-16"),
        "c_utf32.txt": "Not a truce but a victory, not a pause but peace.".encode("utf-32"),
        "d_crlf_cr.txt": "First line.\r\nSecond line.\rThird\u2028line?\n".encode(),
    }
    warned = {"e_cp1252.txt": "Caf\xe9 talk: we came, we saw, we stayed.".encode("cp1252")}
    empty = {"f_empty.txt": b""}
    bad = {
        "g_report.pdf": b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n",
        "h_letter.docx": _zip({"[Content_Types].xml": "<T/>", "word/document.xml": "<w/>"}),
        "i_picture.png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
        "j_notes.txt.gz": gzip.compress(b"words"),
        "k_records.dat": b"id\x00name\x00\x01\x02",
        "l_broken16.txt": b"\xff\xfe" + "ok".encode("utf-16-le") + b"\x00\xd8",
    }
    for name, data in {**good, **warned, **empty, **bad}.items():
        (folder / name).write_bytes(data)
    return folder, good, warned, empty, bad


def test_a_folder_of_good_and_bad_files(capsys, mixed_folder):
    folder, good, warned, empty, bad = mixed_folder
    paths = sorted(str(p) for p in folder.iterdir())
    status = main(["analyze", "--json", "--no-frames", *paths])
    out, err = capsys.readouterr()
    assert status == 1  # some inputs could not be analysed; the others were
    records = [json.loads(line) for line in out.splitlines()]
    analysed = {os.path.basename(r["doc"]): r for r in records}
    assert set(analysed) == set(good) | set(warned) | set(empty)
    for name in good:
        assert analysed[name]["n_words"] > 0 and name not in err
    assert analysed["f_empty.txt"]["n_words"] == 0
    lines = err.strip().splitlines()
    assert all(line.startswith("rhetoric: ") and "Traceback" not in line for line in lines)
    errors = {os.path.basename(line.split(": ")[2]): line for line in lines if ": error: " in line}
    assert set(errors) == set(bad)
    assert "PDF document" in errors["g_report.pdf"] and "DOCX" in errors["h_letter.docx"]
    assert "PNG image" in errors["i_picture.png"] and "gzip" in errors["j_notes.txt.gz"]
    assert "NUL" in errors["k_records.dat"] and "UTF-16" in errors["l_broken16.txt"]
    warnings = [line for line in lines if ": warning: " in line]
    assert any("e_cp1252.txt" in w and "cp1252" in w for w in warnings)
    assert any("f_empty.txt" in w and "no words" in w for w in warnings)
    # every offset of every good file slices back into the text as read
    from rhetoric.text import read_text

    for name, record in analysed.items():
        text = read_text(folder / name) if name not in warned else warned[name].decode("cp1252")
        for item in record["devices"]:
            assert text[item["start"] : item["end"]] == item["text"]


def test_an_unreadable_file_is_reported_and_the_others_analysed(capsys, mixed_folder):
    folder, good, *_ = mixed_folder
    locked = folder / "m_locked.txt"
    locked.write_text("Words behind a lock.", encoding="utf-8")
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):
            pytest.skip("running as root (or with CAP_DAC_OVERRIDE): chmod 000 leaves it readable")
        status = main(
            ["analyze", "--json", "--no-frames", str(locked), *(str(folder / n) for n in good)]
        )
        out, err = capsys.readouterr()
    finally:
        locked.chmod(0o644)
    assert status == 1
    assert len(out.splitlines()) == len(good)
    assert err.count("\n") == 1 and "m_locked.txt: cannot be read" in err
