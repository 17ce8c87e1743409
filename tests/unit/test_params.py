"""params.yaml is validated once, strictly: unknown keys get a did-you-mean, types are checked."""

from pathlib import Path

import pytest
import yaml

from pipeline.errors import ConfigError
from pipeline.params import load_params, resolve_jobs

REPO = Path(__file__).resolve().parents[2]


def _write(tmp_path: Path, mutate) -> Path:
    data = yaml.safe_load((REPO / "params.yaml").read_text(encoding="utf-8"))
    mutate(data)
    path = tmp_path / "params.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_params_repo_file_loads():
    params = load_params(REPO / "params.yaml")
    assert params.ocr.lang == "vie"
    assert params.rasterize.dpi >= 150


def test_params_unknown_key_suggests_nearest(tmp_path):
    path = _write(tmp_path, lambda d: d["ocr"].__setitem__("timout_s", 5))
    with pytest.raises(ConfigError, match=r"ocr\.timout_s.*did you mean .*ocr\.timeout_s"):
        load_params(path)


def test_params_missing_key_is_named(tmp_path):
    path = _write(tmp_path, lambda d: d["ocr"].pop("psm"))
    with pytest.raises(ConfigError, match=r"missing key params\.ocr\.psm"):
        load_params(path)


@pytest.mark.parametrize("key,value", [("psm", "three"), ("deskew", 1)])
def test_params_wrong_type_rejected(tmp_path, key, value):
    path = _write(tmp_path, lambda d: d["ocr"].__setitem__(key, value))
    with pytest.raises(ConfigError, match=key):
        load_params(path)


def test_params_missing_file(tmp_path):
    with pytest.raises(ConfigError, match="not found"):
        load_params(tmp_path / "nope.yaml")


@pytest.mark.parametrize("jobs,expected_min", [(1, 1), (3, 3), (0, 1)])
def test_params_resolve_jobs(jobs, expected_min):
    params = load_params(REPO / "params.yaml")
    n = resolve_jobs(jobs, params)
    assert n >= expected_min
    if jobs:
        assert n == jobs


def test_params_found_from_any_folder(tmp_path, monkeypatch):
    """Outside the project folder, vanban falls back to the project's own params.yaml."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("VANBAN_PARAMS", raising=False)
    assert load_params().ocr.lang == "vie"


def test_params_bad_yaml_is_one_line(tmp_path):
    path = tmp_path / "params.yaml"
    path.write_text("ocr: [\n", encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_params(path)
    assert "\n" not in str(err.value) and "line 2" in str(err.value)
