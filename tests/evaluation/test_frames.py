"""Frame rankings against judged dominant frames (:mod:`rhetoric.evaluation.frames`)."""

import pandas as pd
import pytest

from rhetoric.evaluation.frames import frame_rankings

#: An address the speech ranker and the profile ranker order differently.
ADDRESS = (
    "Our troops defend the nation; the army and navy are strong. Taxes fall, jobs return, wages "
    "rise and the budget is balanced."
)


def test_by_default_an_address_is_ranked_by_the_speech_ranker_as_the_docstring_says(tmp_path):
    folder = tmp_path / "inaugural" / "texts"
    folder.mkdir(parents=True)
    (folder / "2099-Nobody.txt").write_text(ADDRESS, encoding="utf-8")
    judgements = pd.DataFrame(
        [
            {
                "doc": "inaugural/texts/2099-Nobody.txt",
                "dominant": "economic",
                "present": ["economic"],
            }
        ]
    )
    default = frame_rankings(judgements, tmp_path)
    assert (
        default["top3"].tolist()
        == frame_rankings(judgements, tmp_path, ranker="speech")["top3"].tolist()
    )
    profile = frame_rankings(judgements, tmp_path, ranker="profile")
    assert default["top3"].tolist() != profile["top3"].tolist()  # not the profile ranker


@pytest.mark.parametrize(
    ("line", "said"),
    [
        (
            '{"doc": "a.txt", "dominant": "securty_and_defence", "present": []}',
            "frame 'securty_and_defence' is no label",
        ),
        (
            '{"doc": "a.txt", "dominant": "economic", "present": ["econmy"]}',
            "did you mean 'economic'",
        ),
        (
            '{"doc": "a.txt", "dominant": "economic", "present": "economic"}',
            "present must be a list",
        ),
        ("{not json", "not valid JSON"),
    ],
)
def test_a_frame_judgement_that_cannot_be_one_names_file_and_line(tmp_path, line, said):
    """A misspelt frame read as a ranking that is never right (top-1 0, absent 1), and a bad
    line was a raw JSONDecodeError without file or line."""
    from rhetoric.errors import InputError
    from rhetoric.evaluation.frames import read_frame_judgements

    path = tmp_path / "frames.jsonl"
    path.write_text(
        '{"doc": "b.txt", "dominant": "economic", "present": ["economic"]}\n' + line + "\n"
    )
    with pytest.raises(InputError, match=f"^{path}:2: .*{said}"):
        read_frame_judgements(path)
