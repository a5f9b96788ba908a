"""Frame rankings against judged dominant frames (:mod:`rhetoric.evaluation.frames`)."""

import pandas as pd

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
