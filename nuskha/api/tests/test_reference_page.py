"""docs/reference/api.md stays true: it names every path, parameter and record field the
OpenAPI document names."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from nuskha.api.schemas import AgentSchema, InstitutionSchema, ItemSchema, WorkSchema
from nuskha.api.urls import api

PAGE = Path(__file__).resolve().parents[3] / "docs" / "reference" / "api.md"


@pytest.fixture(scope="module")
def page() -> str:
    return PAGE.read_text()


@pytest.fixture(scope="module")
def document() -> dict:
    return api.get_openapi_schema(path_prefix="/api/v1/")


def test_every_path_is_documented(page: str, document: dict) -> None:
    def without_names(text: str) -> str:  # the page writes {id} where the code has {item_id}
        return re.sub(r"\{[a-z_]+\}", "{}", text)

    for path in document["paths"]:
        assert f"`GET {without_names(path)}`" in without_names(page), path
    assert "`GET /items/{id}/record.json`" in page


def test_every_parameter_is_documented(page: str, document: dict) -> None:
    for path, operations in document["paths"].items():
        for parameter in operations["get"].get("parameters", []):
            if parameter["in"] == "query":
                assert f"`{parameter['name']}`" in page, (path, parameter["name"])


@pytest.mark.parametrize("schema", [ItemSchema, AgentSchema, WorkSchema, InstitutionSchema])
def test_every_field_is_documented(page: str, schema: type) -> None:
    missing = [name for name in schema.model_fields if f"`{name}`" not in page]
    assert not missing, f"docs/reference/api.md does not describe {missing}"
