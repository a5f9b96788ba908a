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
