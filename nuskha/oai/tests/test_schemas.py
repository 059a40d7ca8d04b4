"""The validating tests read the published schemas offline, and say why when they cannot."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from nuskha import conftest


def test_without_the_schemas_the_tests_skip_locally_and_fail_in_ci(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(conftest, "SHARED_SCHEMAS", tmp_path)
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="schemas are not in reach"):
        conftest.shared_schema("oai-validate-all.xsd")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI must validate"):
        conftest.shared_schema("oai-validate-all.xsd")


def test_an_import_the_folder_lacks_is_never_fetched(tmp_path: Path) -> None:
    schema = tmp_path / "driver.xsd"
    schema.write_text(
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">'
        '<xs:import namespace="urn:x" schemaLocation="https://example.org/remote.xsd"/>'
        "</xs:schema>"
    )
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(conftest.LocalSchemas(tmp_path))
    with pytest.raises((AssertionError, etree.XMLSchemaParseError)):
        etree.XMLSchema(etree.parse(str(schema), parser))


def test_the_schema_refuses_a_datestamp_without_z(oai_schema: etree.XMLSchema) -> None:
    document = etree.fromstring(
        '<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">'
        "<responseDate>2024-05-01T10:00:00Z</responseDate>"
        '<request verb="GetRecord">http://127.0.0.1:8000/oai</request><GetRecord><record>'
        '<header status="deleted"><identifier>oai:nuskha.localhost:IR-NLAI:1</identifier>'
        "<datestamp>2024-05-01T10:00:00</datestamp></header></record></GetRecord></OAI-PMH>"
    )
    assert not oai_schema.validate(document)
    document.find(".//{*}datestamp").text = "2024-05-01T10:00:00Z"
    assert oai_schema.validate(document), oai_schema.error_log
