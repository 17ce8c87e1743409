"""The package's public names resolve to the stage functions the CLI uses."""

import pytest

import pipeline


@pytest.mark.parametrize("name", ["rasterize_document", "ocr_page", "restore_text", "extract_fields",
                                  "build_dataset", "load_params"])
def test_api_public_names_are_callables(name):
    assert callable(getattr(pipeline, name))


def test_api_unknown_name_raises():
    with pytest.raises(AttributeError):
        pipeline.no_such_thing  # noqa: B018
