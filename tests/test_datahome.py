from __future__ import annotations

from pathlib import Path

import nltk
import pytest

from rhetoric.datahome import corpus_dir, get_data_home, require_nltk, use_nltk_data
from rhetoric.errors import DataNotFoundError


def test_argument_beats_environment_beats_user_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("RHETORIC_DATA", str(tmp_path / "env"))
    assert get_data_home(tmp_path / "arg") == (tmp_path / "arg").resolve()
    assert get_data_home() == (tmp_path / "env").resolve()
    monkeypatch.delenv("RHETORIC_DATA")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert get_data_home() == tmp_path / "home" / "rhetoric_data"


def test_missing_corpus_lists_places_and_the_fetch_command(monkeypatch, tmp_path):
    monkeypatch.setenv("RHETORIC_DATA", str(tmp_path))
    with pytest.raises(DataNotFoundError) as error:
        corpus_dir("federalist")
    message = str(error.value)
    assert (
        "RHETORIC_DATA" in message and str(tmp_path) in message and "rhetoric data fetch" in message
    )


def test_a_missing_corpus_names_the_fetch_that_brings_it_and_the_ptc_where_to_put_it(
    capsys, tmp_path
):
    # `rhetoric data fetch` (without --all) brings no corpus, and the PTC cannot be fetched at
    # all: the hints said `rhetoric data fetch` for both
    from rhetoric.cli import main

    home = tmp_path / "home"
    assert main(["attribute", "federalist", "--data-home", str(home)]) == 3
    err = capsys.readouterr().err
    assert "run `rhetoric data fetch --all`" in err and len(err.splitlines()) == 1
    assert main(["evaluate", "ptc", "--data-home", str(home)]) == 3
    err = capsys.readouterr().err
    assert "rhetoric data fetch" not in err and len(err.splitlines()) == 1
    assert "request it from the SemEval-2020 Task 11 organisers" in err
    assert "train-articles/, dev-articles/ and test-articles/ folders" in err
    assert f"into {home.resolve() / 'ptc'}" in err
    # a PTC folder without the split asked for: missing data, not a bug (it was exit 70)
    (home / "ptc" / "train-articles").mkdir(parents=True)
    assert main(["evaluate", "ptc", "--data-home", str(home)]) == 3
    err = capsys.readouterr().err
    assert err.startswith(f"rhetoric: error: {home.resolve() / 'ptc'}: the PTC's dev split is not")
    assert "(no dev-articles/ and no dev-task-flc-tc.labels)" in err and "organisers" in err
    # the chiasmus benchmarks are not fetched either: the hint said `rhetoric data fetch --all`,
    # which then reported everything present
    assert main(["evaluate", "chiasmus", "--data-home", str(home)]) == 3
    err = capsys.readouterr().err
    assert "rhetoric data fetch" not in err and len(err.splitlines()) == 1
    assert "the chiasmus benchmarks are not fetched" in err
    assert f"into {home.resolve() / 'chiasmus'}" in err


def test_nltk_path_is_appended_after_the_users_own(data_home, monkeypatch):
    monkeypatch.setattr(nltk.data, "path", ["/user/own/nltk_data"])
    folder = use_nltk_data()
    assert nltk.data.path == ["/user/own/nltk_data", str(folder)]
    use_nltk_data()
    assert nltk.data.path.count(str(folder)) == 1


def test_missing_nltk_resource_names_the_data_home(tmp_path, monkeypatch):
    monkeypatch.setattr(nltk.data, "path", [])
    with pytest.raises(DataNotFoundError, match="data_home argument"):
        require_nltk("corpora/no_such_corpus", data_home=tmp_path)


def test_data_home_has_the_shared_layout(data_home):
    for name in ("seed", "federalist", "inaugural", "state_union", "ptc", "nltk_data"):
        assert (Path(data_home) / name).is_dir()
