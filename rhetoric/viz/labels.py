"""Display names: the words a reader sees for the package's lowercase names, in one place.

Device, frame, stance and column names stay lowercase ``snake_case`` strings in code, tables,
HTML classes and JSON (``security_and_defense``); figures, legends and page legends show them
through :func:`display_name` ("Security and defense"). Names not listed here are shown with
their underscores turned into spaces and the first letter capitalised, so a figure never shows
an underscore, whatever a user passes in.
"""

from __future__ import annotations

from collections.abc import Iterable

#: The ten devices.
DEVICE_NAMES: dict[str, str] = {
    "repetition": "Repetition",
    "anaphora": "Anaphora",
    "epistrophe": "Epistrophe",
    "antithesis": "Antithesis",
    "chiasmus": "Chiasmus",
    "tricolon": "Tricolon",
    "alliteration": "Alliteration",
    "rhetorical_question": "Rhetorical question",
    "epizeuxis": "Epizeuxis",
    "polyptoton": "Polyptoton",
}

#: The lexical layers of the highlight page and the span tables.
LAYER_NAMES: dict[str, str] = {
    "devices": "Devices",
    "stance": "Stance",
    "frame": "Frame keywords",
    "frames": "Frame keywords",
}

#: The frames of the Policy Frames Codebook (Boydstun et al.), in the codebook's own wording.
FRAME_NAMES: dict[str, str] = {
    "economic": "Economic",
    "capacity_and_resources": "Capacity and resources",
    "morality": "Morality",
    "fairness_and_equality": "Fairness and equality",
    "legality_constitutionality_jurisprudence": "Legality, constitutionality, jurisprudence",
    "policy_prescription_and_evaluation": "Policy prescription and evaluation",
    "crime_and_punishment": "Crime and punishment",
    "security_and_defense": "Security and defense",
    "health_and_safety": "Health and safety",
    "quality_of_life": "Quality of life",
    "cultural_identity": "Cultural identity",
    "public_opinion": "Public opinion",
    "political": "Political",
    "external_regulation_and_reputation": "External regulation and reputation",
    "other": "Other",
}

#: Kinds of span that have a wording of their own (others: underscores become spaces).
KIND_NAMES: dict[str, str] = {
    "duplicated_paragraph": "Duplicated paragraph",
    "loaded_positive": "Loaded (positive)",
    "loaded_negative": "Loaded (negative)",
    "emphatic_repeat": "Emphatic repeat",
}

#: Stylometric methods (distances of stylo and classifiers), as their authors name them.
METHOD_NAMES: dict[str, str] = {
    "burrows": "Burrows's Delta",
    "argamon": "Argamon's Delta",
    "eder": "Eder's Delta",
    "eder_simple": "Eder's simple Delta",
    "cosine_delta": "Cosine Delta",
    "cosine": "Cosine",
    "manhattan": "Manhattan",
    "euclidean": "Euclidean",
    "canberra": "Canberra",
    "minmax": "Min-max",
    "entropy": "Entropy",
    "svm": "SVM",
    "nsc": "Nearest shrunken centroids",
    "knn": "k-NN",
    "naivebayes": "Naive Bayes",
    "debiased_centroid": "Debiased centroids",
}

#: Column names used as axis, legend or colour-bar titles.
COLUMN_NAMES: dict[str, str] = {
    "doc_id": "Document",
    "n_words": "Words",
    "per_1000": "Per 1,000 words",
    "rate": "Per 1,000 words",
    "log2_ratio": "log2(rate / corpus rate)",
    "word_index": "Word position",
    "corpus_index": "Word offset in corpus",
    "z": "Log-odds z-score",
    "occurrence_recall": "Occurrence recall",
    "violation_rate": "Violated negatives",
    "f1": "F1",
    "mfw": "MFW",
    "PC1": "PC1",
    "PC2": "PC2",
}

_ALL: dict[str, str] = {
    **METHOD_NAMES,
    **COLUMN_NAMES,
    **KIND_NAMES,
    **FRAME_NAMES,
    **LAYER_NAMES,
    **DEVICE_NAMES,
}


def display_name(name: object) -> str:
    """The words a reader sees for a name of the package (a device, frame, kind or column).

    Parameters
    ----------
    name : object
        A label as it appears in code and tables; non-strings are shown with ``str``.

    Returns
    -------
    str
        The listed wording, else the name with underscores as spaces and its first letter
        capitalised (the rest kept, so "UK" or "PC1" stay as they are).

    Examples
    --------
    >>> display_name("security_and_defense"), display_name("duplicated_paragraph")
    ('Security and defense', 'Duplicated paragraph')
    >>> display_name("main refrain"), display_name("per_1000"), display_name(1789)
    ('Main refrain', 'Per 1,000 words', '1789')
    """
    text = str(name)
    if text in _ALL:
        return _ALL[text]
    text = " ".join(text.replace("_", " ").split())
    return text[:1].upper() + text[1:]


def display_names(names: Iterable[object]) -> list[str]:
    """:func:`display_name` of each name, in order.

    >>> display_names(["rhetorical_question", "anaphora"])
    ['Rhetorical question', 'Anaphora']
    """
    return [display_name(name) for name in names]


#: The names a data value may be (a group, a facet, a span's kind): devices, frames and kinds.
#: Column, method and layer names are not among them: a word or a group may be "rate" or
#: "frame", and is then shown as it is.
_VALUE_NAMES: dict[str, str] = {**KIND_NAMES, **FRAME_NAMES, **DEVICE_NAMES}


def display_value(value: object) -> str:
    """A data value (an era, a party, a kind) as shown: device, frame and kind names worded, others kept.

    Unlike :func:`display_name` the case is kept ("main refrain", "1789-1860"); only the
    underscores of a code name become spaces. Column, method and layer names are not looked
    up: a group called "rate" is "rate", not "Per 1,000 words". Words and text names, which are
    never names of the package, go through :func:`display_text`.

    >>> display_value("security_and_defense"), display_value("main refrain"), display_value("New_Deal")
    ('Security and defense', 'main refrain', 'New Deal')
    >>> display_value("rate"), display_value("frames")
    ('rate', 'frames')
    """
    text = str(value)
    return _VALUE_NAMES.get(text, text.replace("_", " "))


def display_text(value: object) -> str:
    """A word or a text name (a term, a zeta word, a document) as shown: as it is.

    Never looked up, so the word "rate" or "anaphora" in a word figure stays a word; only
    underscores become spaces, so that a figure shows none (``Hamilton_01`` is "Hamilton 01").

    >>> display_text("rate"), display_text("economic"), display_text("Hamilton_01")
    ('rate', 'economic', 'Hamilton 01')
    """
    return str(value).replace("_", " ")
