"""The OpenAPI document at /api/v1/openapi.json describes every endpoint and its shapes."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

PATHS = [
    "/api/v1/items",
    "/api/v1/items/{item_id}",
    "/api/v1/search",
    "/api/v1/agents",
    "/api/v1/agents/{agent_id}",
    "/api/v1/works",
    "/api/v1/works/{work_id}",
    "/api/v1/institutions",
    "/api/v1/institutions/{code}",
]
SCHEMAS = [
    "ItemSchema", "ItemPage", "DateSchema", "PhysicalSchema", "ContentSchema", "PartSchema",
    "ProvenanceSchema", "AgentSchema", "AgentPage", "WorkSchema", "WorkPage",
    "InstitutionSchema", "InstitutionPage", "SearchResultsSchema", "FacetValueSchema",
    "ErrorSchema",
]  # fmt: skip


@pytest.fixture
def document(client) -> dict:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def test_it_is_a_valid_openapi_3_document(document) -> None:
    assert document["openapi"].startswith("3.")
    assert document["info"]["title"] == "nuskha API"
    try:
        from openapi_spec_validator import validate
    except ImportError:  # not a dependency: check the structure by hand
        for path, operations in document["paths"].items():
            assert path.startswith("/"), path
            for operation in operations.values():
                assert "200" in operation["responses"], path
    else:
        validate(document)


def test_every_endpoint_is_listed_with_its_answers(document) -> None:
    assert sorted(document["paths"]) == sorted(PATHS)
    for path in PATHS:
        responses = document["paths"][path]["get"]["responses"]
        assert {"200", "400", "404"} <= set(responses), path
        assert "$ref" in str(responses["200"]), path


def test_every_response_shape_is_a_named_schema(document) -> None:
    schemas = document["components"]["schemas"]
    assert set(SCHEMAS) <= set(schemas)
    item_fields = schemas["ItemSchema"]["properties"]
    assert "contents" in item_fields and "provenance" in item_fields


def test_the_search_parameters_are_documented(document) -> None:
    parameters = document["paths"]["/api/v1/search"]["get"]["parameters"]
    names = {parameter["name"] for parameter in parameters}
    assert names == {
        "q", "institution", "kind", "language", "script", "century_ah", "century_ce",
        "material", "subject", "date_range", "sort", "lang", "page", "page_size",
    }  # fmt: skip


def test_the_item_list_parameters_are_documented(document) -> None:
    parameters = document["paths"]["/api/v1/items"]["get"]["parameters"]
    assert {parameter["name"] for parameter in parameters} == {
        "institution", "kind", "language", "script", "subject", "status", "cursor", "limit"
    }  # fmt: skip
