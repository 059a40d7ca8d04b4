"""Two nuskha instances, one per library, each harvesting the other over OAI-PMH: the
union catalogue of design.md's deployment model, end to end over HTTP.

Node IR holds the Iranian library's demo records, node KZ the Kazakh library's; both
know the same authorities (agents and works). After each harvests the other, each finds
the other's records through search, lists the other's copy on a shared work's page, and
serves over /oai only its own records. A record deleted at one disappears at the other
after the next harvest.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import pytest
import yaml

from tests.conftest import free_port, wait_until_up

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "nuskha/catalogue/demo/collection.yaml"


@dataclass
class Node:
    name: str
    url: str
    env: dict[str, str]
    process: subprocess.Popen[str] | None = None
    own: set[str] = field(default_factory=set)  # the OAI identifiers of its own records

    def nuskha(self, *arguments: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            [sys.executable, "-m", "nuskha.cli", *arguments],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        if check:
            assert result.returncode == 0, (
                f"{self.name} {arguments}:\n{result.stdout}\n{result.stderr}"
            )
        return result

    def get(self, path: str) -> str:
        with urllib.request.urlopen(self.url + path, timeout=60) as response:
            return response.read().decode("utf-8")

    def search(self, query: str) -> list[dict]:
        return json.loads(self.get(f"api/v1/search?q={quote(query)}"))["hits"]


def demo_subset(institution: str, path: Path) -> Path:
    """The demo collection with only this institution's items (and every authority)."""
    data = yaml.safe_load(DEMO.read_text(encoding="utf-8"))
    data["items"] = [item for item in data["items"] if item["institution"] == institution]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def start_node(name: str, institution: str, folder: Path) -> Node:
    port = free_port()
    folder.mkdir(parents=True)
    env = {
        **os.environ,
        "NUSKHA_DATA_DIR": str(folder / "data"),
        "NUSKHA_DEBUG": "true",
        "NUSKHA_BASE_URL": f"http://127.0.0.1:{port}",
        "NUSKHA_OAI_REPOSITORY_ID": f"{name.lower()}.nuskha.test",
    }
    env.pop("DATABASE_URL", None)
    node = Node(name, f"http://127.0.0.1:{port}/", env)
    node.nuskha("migrate", "--verbosity", "0")
    node.nuskha("load_demo", "--file", str(demo_subset(institution, folder / "demo.yaml")))
    log = folder / "server.log"
    node.process = subprocess.Popen(
        [sys.executable, "-m", "nuskha.cli", "serve", "--bind", f"127.0.0.1:{port}",
         "--workers", "2"],
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        text=True,
    )  # fmt: skip
    wait_until_up(node.url, node.process, log)
    return node


@pytest.fixture(scope="module")
def nodes(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Node, Node]]:
    """Two instances that have harvested each other once. Each test starts from here,
    whichever worker runs it (pytest-xdist may split the module's tests)."""
    base = tmp_path_factory.mktemp("two-nodes")
    iran = start_node("IR", "IR-NLAI", base / "ir")
    kazakh = start_node("KZ", "KZ-NALRK", base / "kz")
    iran.own, kazakh.own = identifiers(iran), identifiers(kazakh)
    iran.nuskha("harvest", kazakh.url + "oai")
    kazakh.nuskha("harvest", iran.url + "oai")
    yield iran, kazakh
    for node in (iran, kazakh):
        assert node.process is not None
        node.process.send_signal(signal.SIGTERM)
        node.process.wait(timeout=60)


def identifiers(node: Node) -> set[str]:
    from sickle import Sickle

    return {header.identifier for header in Sickle(node.url + "oai").ListIdentifiers(
        metadataPrefix="oai_dc", ignore_deleted=True)}  # fmt: skip


def test_each_node_harvests_the_other_and_finds_its_records(nodes) -> None:
    iran, kazakh = nodes
    # Each finds the other's records through search: a Kazakh manuscript at the Iranian
    # node, and a Persian one at the Kazakh node.
    assert "Қ-0214" in {hit["shelfmark"] for hit in iran.search("Диуани хикмет")}
    assert "MS 5-03318" in {hit["shelfmark"] for hit in kazakh.search("گلستان")}

    # Nothing harvested is served back: each node's /oai lists its own records only.
    assert identifiers(iran) == iran.own and identifiers(kazakh) == kazakh.own

    # Harvesting again changes nothing.
    again = iran.nuskha("harvest", kazakh.url + "oai")
    assert "0 created" in again.stdout


def test_a_shared_works_page_lists_the_partners_copy(nodes) -> None:
    # The Bustan: the Iranian library holds LITH 6-01577, the Kazakh one Қ-0118.
    for node in nodes:
        works = json.loads(node.get("api/v1/works?limit=100"))["items"]
        bustan = next(work for work in works if work["identifiers"]["local"] == "bustan")
        page = node.get(f"works/{bustan['id']}")
        assert "LITH 6-01577" in page and "Қ-0118" in page, node.name


def test_a_record_deleted_at_one_node_disappears_at_the_other(nodes) -> None:
    iran, kazakh = nodes
    kazakh.nuskha(
        "shell",
        "-c",
        "from nuskha.catalogue.models import Item; "
        "Item.objects.get(shelfmark='СК-1894-01').delete()",
    )
    assert "СК-1894-01" in {hit["shelfmark"] for hit in iran.search("Қозы Көрпеш")}
    result = iran.nuskha("harvest", kazakh.url + "oai")
    assert "1 deleted" in result.stdout
    assert "СК-1894-01" not in {hit["shelfmark"] for hit in iran.search("Қозы Көрпеш")}
