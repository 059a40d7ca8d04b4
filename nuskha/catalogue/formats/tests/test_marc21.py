"""The MARC 21 crosswalk: reading, writing, 880 linking, merging into the source, encodings."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pymarc
import pytest
from lxml import etree
from pymarc import Field, Indicators, Subfield

from nuskha.catalogue.formats import marc21
from nuskha.catalogue.formats.marc21 import (
    marcxml_element,
    read_marc,
    read_marcxml,
    record_encoding,
    record_from_marc,
    to_marc,
    write_marc,
    write_marcxml,
)
from nuskha.catalogue.formats.record import (
    AgentRef,
    Content,
    FormatError,
    Physical,
    Record,
    Text,
    Title,
)
from nuskha.catalogue.formats.xml import parse_xml, safe_parser
from nuskha.conftest import load_xml_schema
from nuskha.text import transliterate

SAMPLES = Path(__file__).parent / "samples" / "marc21"
SLIM = "{http://www.loc.gov/MARC21/slim}"
ZWNJ = "\u200c"


# --- Builders -----------------------------------------------------------------------------

FieldSpec = tuple[str, str] | tuple[str, str, list[tuple[str, str]]]


def marc_record(*specs: FieldSpec, leader: str = "00000ntm a2200000 i 4500") -> pymarc.Record:
    """A MARC record from ("001", data) and ("245", "10", [("a", "...")]) specs."""
    record = pymarc.Record(leader=leader)
    for spec in specs:
        if len(spec) == 2:
            record.add_field(Field(tag=spec[0], data=spec[1]))
        else:
            tag, indicators, subfields = spec
            codes = [Subfield(code, value) for code, value in subfields]
            record.add_field(Field(tag, Indicators(*indicators), codes))
    return record


def read(*specs: FieldSpec, leader: str = "00000ntm a2200000 i 4500") -> Record:
    """The Record for the fields given, with a 245 when they have none."""
    if not any(spec[0] == "245" for spec in specs):
        specs = (*specs, ("245", "00", [("a", "Majmūʿa")]))
    ordered = sorted(specs, key=lambda spec: spec[0])
    return record_from_marc(marc_record(*ordered, leader=leader))


def iso2709(*fields: tuple[str, bytes], leader9: bytes = b"a") -> bytes:
    """A binary record built by hand, so tests do not depend on the code under test."""
    directory = body = b""
    for tag, data in fields:
        data += b"\x1e"
        directory += tag.encode("ascii") + b"%04d%05d" % (len(data), len(body))
        body += data
    base = 24 + len(directory) + 1
    leader = b"%05dntm %s22%05d i 4500" % (base + len(body) + 1, leader9, base)
    return leader + directory + b"\x1e" + body + b"\x1d"


def datafield(indicators: str, *subfields: tuple[str, bytes]) -> bytes:
    return indicators.encode("ascii") + b"".join(b"\x1f" + c.encode() + v for c, v in subfields)


def source_of(record: Record) -> pymarc.Record:
    """The MARC record a Record was read from."""
    [parsed] = pymarc.MARCReader(record.source, to_unicode=True, force_utf8=True)
    return parsed


def fields_of(marc: pymarc.Record) -> list[str]:
    return [str(field) for field in marc.fields]


def xml_fields(record: etree._Element) -> list[tuple[object, ...]]:
    """Every field of a MARCXML record read with plain lxml: tag, indicators, subfields."""
    rows: list[tuple[object, ...]] = []
    for child in record:
        if child.tag == f"{SLIM}controlfield":
            rows.append((child.get("tag"), child.text or ""))
        elif child.tag == f"{SLIM}datafield":
            subfields = tuple((s.get("code"), s.text or "") for s in child)
            rows.append((child.get("tag"), child.get("ind1"), child.get("ind2"), subfields))
    return rows


def sample_records() -> list[tuple[str, int]]:
    found = []
    for path in sorted(SAMPLES.glob("*.xml")):
        root = etree.parse(str(path), parser=safe_parser()).getroot()
        records = [root] if root.tag == f"{SLIM}record" else root.findall(f"{SLIM}record")
        found += [(path.name, index) for index in range(len(records))]
    return found


def sample_element(name: str, index: int) -> etree._Element:
    root = etree.parse(str(SAMPLES / name), parser=safe_parser()).getroot()
    return root if root.tag == f"{SLIM}record" else root.findall(f"{SLIM}record")[index]


def sample(name: str, index: int = 0) -> Record:
    parsed = list(read_marcxml((SAMPLES / name).read_bytes()))[index]
    assert parsed.record is not None, parsed.error
    return parsed.record


SAMPLE_RECORDS = sample_records()
SAMPLE_IDS = [f"{name}#{index + 1}" for name, index in SAMPLE_RECORDS]


@pytest.fixture(scope="module")
def marc21_schema() -> etree.XMLSchema:
    return load_xml_schema("MARC21slim.xsd")


# --- Round trips of the samples -----------------------------------------------------------


def test_the_samples_hold_what_the_round_trip_must_keep() -> None:
    text = "".join(path.read_text(encoding="utf-8") for path in SAMPLES.glob("*.xml"))
    assert ZWNJ in text and "می‌رود" in text
    assert all(letter in text for letter in "يكى")
    for tag in ("035", "040", "880", "9"):
        assert f'tag="{tag}' in text
    assert len(SAMPLE_RECORDS) >= 4


@pytest.mark.parametrize(("name", "index"), SAMPLE_RECORDS, ids=SAMPLE_IDS)
def test_import_then_export_of_marcxml_loses_no_field_and_no_character(
    name: str, index: int
) -> None:
    record = sample(name, index)
    written = parse_xml(write_marcxml([record]))
    assert xml_fields(written[0]) == xml_fields(sample_element(name, index))


@pytest.mark.parametrize(("name", "index"), SAMPLE_RECORDS, ids=SAMPLE_IDS)
def test_import_then_export_through_binary_marc_loses_no_field_and_no_character(
    name: str, index: int
) -> None:
    binary = write_marc([sample(name, index)])
    [parsed] = read_marc(binary)
    assert parsed.record is not None, parsed.error
    written = parse_xml(write_marcxml([parsed.record]))
    assert xml_fields(written[0]) == xml_fields(sample_element(name, index))


@pytest.mark.parametrize(("name", "index"), SAMPLE_RECORDS, ids=SAMPLE_IDS)
def test_binary_marc_and_marcxml_give_the_same_record(name: str, index: int) -> None:
    from_xml = sample(name, index)
    [parsed] = read_marc(write_marc([from_xml]))
    assert parsed.record is not None
    assert replace(parsed.record, source=b"") == replace(from_xml, source=b"")


@pytest.mark.parametrize(("name", "index"), SAMPLE_RECORDS, ids=SAMPLE_IDS)
def test_exported_marcxml_is_valid_marc21_slim(
    name: str, index: int, marc21_schema: etree.XMLSchema
) -> None:
    document = parse_xml(write_marcxml([sample(name, index)]))
    assert marc21_schema.validate(document), marc21_schema.error_log


def test_a_collection_is_read_in_file_order_with_positions_and_labels() -> None:
    parsed = list(read_marcxml((SAMPLES / "arabic-and-chagatai.xml").read_bytes()))
    assert [(p.position, p.label, p.error) for p in parsed] == [
        (1, "NLRK-RK-117", ""),
        (2, "NLRK-RK-242", ""),
    ]


def test_marcxml_element_is_one_record_in_the_slim_namespace() -> None:
    element = marcxml_element(sample("persian-hafiz-divan.xml"))
    assert element.tag == f"{SLIM}record"
    assert element.nsmap == {None: "http://www.loc.gov/MARC21/slim"}
    assert element[0].tag == f"{SLIM}leader" and element[0].text[9] == "a"


# --- 880: the original script --------------------------------------------------------------


def test_880_original_script_becomes_the_preferred_title() -> None:
    titles = sample("persian-hafiz-divan.xml").titles
    assert titles[:2] == [
        Title(f"دیوان حافظ: غزل{ZWNJ}ها", "fa", "Arab", "preferred", "uniform"),
        Title("Dīvān-i Ḥāfiẓ: ghazal'hā", "fa", "Latn", "romanised", "romanised"),
    ]


def test_880_original_script_becomes_the_preferred_agent_name() -> None:
    author = sample("persian-saadi-kulliyat.xml").agents[0]
    assert author.names == [
        Text("سعدى", "fa", "Arab", "preferred"),
        Text("Saʻdī", "fa", "Latn", "romanised"),
    ]


def test_cyrillic_880_of_a_parallel_title_is_a_translated_variant() -> None:
    titles = sample("arabic-and-chagatai.xml", 1).titles
    assert Title("Диуани хикмет", "chg", "Cyrl", "variant", "translated") in titles


def test_arabic_letter_spellings_and_zwnj_are_stored_as_written() -> None:
    saadi = sample("persian-saadi-kulliyat.xml")
    assert saadi.titles[0].text == "كليات شيخ سعدى"
    hafiz = sample("persian-hafiz-divan.xml")
    assert "آغاز: دل می‌رود ز دستم صاحب‌دلان خدا را." in hafiz.notes


def test_an_880_with_no_regular_field_is_read_as_the_field_it_names() -> None:
    assert "حواش كثيرة في الهوامش." in sample("arabic-and-chagatai.xml").notes


def test_an_880_of_a_subject_gives_a_heading_in_its_script() -> None:
    subjects = sample("arabic-and-chagatai.xml").subjects
    assert subjects[1:3] == ["Islamic philosophy -- Early works to 1800", "الفلسفة الإسلامية"]


def test_scripts_come_from_the_880s_when_no_546_names_them() -> None:
    assert sample("arabic-and-chagatai.xml", 1).scripts == ["Arab", "Cyrl"]


PERSIAN_TITLE = Title(f"دیوان غزل{ZWNJ}ها", "fa", "Arab")


def test_export_puts_the_original_script_in_an_880_linked_both_ways() -> None:
    romanised = Title("Dīvān-i ghazalʹhā", "fa", "Latn", "romanised", "romanised")
    marc = to_marc(Record(titles=[PERSIAN_TITLE, romanised], languages=["fa"]))
    assert fields_of(marc)[-2:] == [
        "=245  00$6880-01$aDīvān-i ghazalʹhā",
        f"=880  00$6245-01/(3/r$aدیوان غزل{ZWNJ}ها",
    ]


def test_export_romanises_by_machine_and_says_so_when_there_is_no_romanised_form() -> None:
    marc = to_marc(Record(titles=[PERSIAN_TITLE], languages=["fa"]))
    machine = transliterate(PERSIAN_TITLE.text, "Latn", "fa")
    assert str(marc["245"]) == f"=245  00$6880-01$81\\p$a{machine}"
    assert str(marc["883"]) == (
        "=883  1\\$81\\p$amachine romanisation from the original script$qnuskha"
    )
    titles = record_from_marc(marc).titles
    assert titles == [
        PERSIAN_TITLE,
        Title(machine, "fa", "Latn", "machine_romanised", "romanised"),
    ]


def test_a_machine_romanisation_is_made_again_and_a_cataloguer_one_replaces_it() -> None:
    imported = record_from_marc(to_marc(Record(titles=[PERSIAN_TITLE], languages=["fa"])))
    romanised = Title("Dīvān-i ghazalʹhā", "fa", "Latn", "romanised", "romanised")
    imported.titles[1] = romanised
    marc = to_marc(imported)
    assert str(marc["245"]) == "=245  00$6880-01$aDīvān-i ghazalʹhā"
    assert marc.get("883") is None


def test_export_of_a_cyrillic_original_is_linked_without_right_to_left() -> None:
    title = Title("Абай жолы", "kk", "Cyrl")
    marc = to_marc(Record(titles=[title], languages=["kk"]))
    assert str(marc["245"]) == "=245  00$6880-01$81\\p$aAbai joly"
    assert str(marc["880"]) == "=880  00$6245-01/(N$aАбай жолы"


def test_export_of_a_name_in_arabic_script_links_its_880() -> None:
    author = AgentRef(
        "author",
        [Text("ابن سينا", "ar", "Arab"), Text("Ibn Sīnā", "ar", "Latn", "romanised")],
        dates="980-1037",
        identifiers={"viaf": "95151779", "gnd": "118505653"},
    )
    marc = to_marc(Record(titles=[Title("Kitāb al-shifāʾ", "ar", "Latn")], agents=[author]))
    assert str(marc["100"]) == (
        "=100  0\\$6880-01$aIbn Sīnā$d980-1037$eauthor$4aut"
        "$0(DE-588)118505653$1http://viaf.org/viaf/95151779"
    )
    assert str(marc["880"]) == "=880  0\\$6100-01/(3/r$aابن سينا$d980-1037$eauthor$4aut"
    assert marc["245"].indicator1 == "1"


def test_zwnj_survives_export_to_binary_and_marcxml_and_back() -> None:
    record = Record(titles=[PERSIAN_TITLE], notes=["کتاب می‌رود"], languages=["fa"])
    [from_binary] = read_marc(write_marc([record]))
    [from_xml] = read_marcxml(write_marcxml([record]))
    for parsed in (from_binary, from_xml):
        assert parsed.record is not None
        assert parsed.record.titles[0].text == PERSIAN_TITLE.text
        assert parsed.record.notes == ["کتاب می‌رود"]


# --- Reading each crosswalked field --------------------------------------------------------


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        (("245", "10", [("a", "Dīvān-i Ḥāfiẓ :"), ("b", "ghazalʹhā /"), ("c", "Ḥāfiẓ.")]),
         Title("Dīvān-i Ḥāfiẓ: ghazalʹhā", "", "Latn", "preferred", "uniform")),
        (("245", "10", [("a", "Kitāb al-shifāʾ."), ("n", "al-Juzʾ 3,"), ("p", "al-Ilāhīyāt")]),
         Title("Kitāb al-shifāʾ. al-Juzʾ 3. al-Ilāhīyāt", "", "Latn")),
        (("245", "00", [("a", "[Majmūʿa-i rasāʾil]")]),
         Title("[Majmūʿa-i rasāʾil]", "", "Latn")),
        (("245", "10", [("a", "دیوان حافظ.")]), Title("دیوان حافظ", "", "Arab")),
    ],
)  # fmt: skip
def test_245_is_the_title_proper(spec: FieldSpec, expected: Title) -> None:
    assert read(spec).titles == [expected]


@pytest.mark.parametrize(
    ("spec", "title_type", "form", "text"),
    [
        (("240", "10", [("a", "Shāhnāmah."), ("k", "Selections")]), "uniform", "preferred",
         "Shāhnāmah. Selections"),
        (("130", "0 ", [("a", "Qurʾān.")]), "uniform", "preferred", "Qurʾān"),
        (("246", "3 ", [("a", "Dīvān-i ghazalīyāt")]), "uniform", "variant",
         "Dīvān-i ghazalīyāt"),
        (("246", "31", [("a", "The Book of Healing")]), "translated", "variant",
         "The Book of Healing"),
        (("246", "1 ", [("i", "Title from colophon:"), ("a", "Kitāb-i Gulistān")]), "colophon",
         "variant", "Kitāb-i Gulistān"),
        (("246", "1 ", [("i", "Supplied title:"), ("a", "Risālah dar ʿilm-i nujūm")]),
         "supplied", "variant", "Risālah dar ʿilm-i nujūm"),
    ],
)  # fmt: skip
def test_other_title_fields_are_uniform_titles_and_variants(
    spec: FieldSpec, title_type: str, form: str, text: str
) -> None:
    titles = read(spec).titles
    assert Title(text, "", "Latn", form, title_type) in titles
    assert titles[0].text == "Majmūʿa"  # the title proper comes first, whatever the tags


def test_a_record_without_a_title_is_reported() -> None:
    with pytest.raises(FormatError, match="245"):
        record_from_marc(marc_record(("001", "x"), ("500", "  ", [("a", "Note.")])))


@pytest.mark.parametrize(
    ("subfields", "roles", "relator_term"),
    [
        ([("e", "author.")], ["author"], ""),
        ([("4", "aut")], ["author"], ""),
        ([("e", "scribe.")], ["scribe"], ""),
        ([("4", "scr")], ["scribe"], ""),
        ([("e", "translator")], ["translator"], ""),
        ([("4", "trl")], ["translator"], ""),
        ([("4", "cmm")], ["commentator"], ""),
        ([("e", "commentator for written text")], ["commentator"], ""),
        ([("4", "ill")], ["illuminator"], ""),
        ([("4", "ilu")], ["illuminator"], ""),
        ([("e", "binder")], ["binder"], ""),
        ([("4", "bnd")], ["binder"], ""),
        ([("e", "former owner.")], ["owner"], ""),
        ([("4", "fmo")], ["owner"], ""),
        ([("4", "own")], ["owner"], ""),
        ([("4", "pat")], ["patron"], ""),
        ([("4", "prt")], ["printer"], ""),
        ([("e", "editor,"), ("4", "edt")], ["editor"], ""),
        ([("4", "http://id.loc.gov/vocabulary/relators/trl")], ["translator"], ""),
        ([("e", "author,"), ("e", "scribe."), ("4", "aut"), ("4", "scr")],
         ["author", "scribe"], ""),
        ([("e", "calligrapher.")], [""], "calligrapher"),
        ([("e", "scribe,"), ("e", "calligrapher.")], ["scribe"], "calligrapher"),
        ([("4", "cll")], [""], "cll"),
        ([], [""], ""),
    ],
)  # fmt: skip
def test_relator_terms_and_codes_become_roles(
    subfields: list[tuple[str, str]], roles: list[str], relator_term: str
) -> None:
    agents = read(("700", "0 ", [("a", "Muḥammad Qāsim Tabrīzī,"), *subfields])).agents
    assert [agent.role for agent in agents] == roles
    assert agents[0].relator_term == relator_term


def test_a_main_entry_with_no_relator_is_the_author() -> None:
    [agent] = read(
        ("100", "0 ", [("a", "Niẓāmī Ganjavī,"), ("d", "1140 or 1141-1202 or 1203.")])
    ).agents
    assert agent == AgentRef(
        "author", [Text("Niẓāmī Ganjavī", "", "Latn")], "person", "1140 or 1141-1202 or 1203"
    )


@pytest.mark.parametrize(
    ("value", "identifiers"),
    [
        ("http://viaf.org/viaf/100177757", {"viaf": "100177757"}),
        ("https://viaf.org/viaf/100177757/", {"viaf": "100177757"}),
        ("(viaf)100177757", {"viaf": "100177757"}),
        ("(DE-588)118505653", {"gnd": "118505653"}),
        ("http://id.loc.gov/authorities/names/n79054025", {"lc": "n79054025"}),
        ("http://www.wikidata.org/entity/Q8131", {"wikidata": "Q8131"}),
        ("(IR-ThNL)A-5521", {"ir-thnl": "A-5521"}),
        ("https://example.org/agents/7", {"uri": "https://example.org/agents/7"}),
    ],
)
def test_authority_identifiers_are_read_from_0_and_1(
    value: str, identifiers: dict[str, str]
) -> None:
    [agent] = read(("100", "0 ", [("a", "Ḥāfiẓ,"), ("1", value)])).agents
    assert agent.identifiers == identifiers


def test_corporate_names_are_read_with_their_subordinate_units() -> None:
    [agent] = read(("710", "1 ", [("a", "Iran."), ("b", "Majlis-i Shūrā-yi Millī."),
                                  ("e", "former owner.")])).agents  # fmt: skip
    assert (agent.kind, agent.role, agent.names[0].text) == (
        "corporate",
        "owner",
        "Iran. Majlis-i Shūrā-yi Millī",
    )


def test_a_name_title_added_entry_is_a_work_not_an_agent() -> None:
    record = read(("700", "02", [("a", "Avicenna,"), ("d", "980-1037."), ("t", "Ishārāt.")]))
    assert record.agents == []


@pytest.mark.parametrize(
    ("coded", "years"),
    [
        ("s1601    ", (1601, 1601)),
        ("q15801620", (1580, 1620)),
        ("s16uu    ", (1600, 1699)),
        ("q1uuu18uu", (1000, 1899)),
        ("i17001720", (1700, 1720)),
        ("m1601uuuu", (1601, None)),
        ("e15850312", (1585, 1585)),
        ("nuuuuuuuu", (None, None)),
        ("b        ", (None, None)),
        ("|||||||||", (None, None)),
    ],
)
def test_008_dates_become_gregorian_years(coded: str, years: tuple[int | None, ...]) -> None:
    record = read(("008", f"240312{coded}ir            000 0 per d"))
    assert (record.date_earliest_year, record.date_latest_year) == years


@pytest.mark.parametrize(
    ("code_008", "codes_041", "languages"),
    [
        ("per", [], ["fa"]),
        ("ara", ["ara", "per"], ["ar", "fa"]),
        ("kaz", ["kaz", "rus"], ["kk", "ru"]),
        ("chg", [], ["chg"]),
        ("tur", [], ["tr"]),
        ("eng", [], ["en"]),
        ("uzb", [], ["uz"]),
        ("tat", [], ["tt"]),
        ("ota", [], ["ota"]),
        ("mul", ["perara"], ["fa", "ar"]),
        ("und", [], []),
        ("   ", [], []),
        ("xyz", [], ["xyz"]),
    ],
)
def test_marc_language_codes_become_bcp_47(
    code_008: str, codes_041: list[str], languages: list[str]
) -> None:
    specs: list[FieldSpec] = [("008", f"240312s1601    ir            000 0 {code_008} d")]
    if codes_041:
        specs.append(("041", "0 ", [("a", code) for code in codes_041]))
    assert read(*specs).languages == languages


@pytest.mark.parametrize(
    ("extent", "dimensions", "expected"),
    [
        ("286 leaves ;", "24 x 16 cm", ("286 leaves", 286, None, 240, 160)),
        ("iii, 572 p. ;", "25 cm.", ("iii, 572 p.", None, 572, 250, None)),
        ("1 volume (412 pages) ;", "29 x 18 cm", ("1 volume (412 pages)", None, 412, 290, 180)),
        ("212 ff. ;", "255 x 170 mm.", ("212 ff.", 212, None, 255, 170)),
        ("۲۸۶ برگ", "۲۴٫۵ × ۱۶ cm", ("۲۸۶ برگ", 286, None, 245, 160)),
        ("1 v.", "", ("1 v.", None, None, None, None)),
    ],
)
def test_300_gives_leaves_pages_and_size_in_millimetres(
    extent: str, dimensions: str, expected: tuple[object, ...]
) -> None:
    subfields = [("a", extent)] + ([("c", dimensions)] if dimensions else [])
    physical = read(("300", "  ", subfields)).physical
    assert (
        physical.extent_as_written,
        physical.leaf_count,
        physical.page_count,
        physical.height_mm,
        physical.width_mm,
    ) == expected


@pytest.mark.parametrize(
    ("note", "script_style"),
    [
        ("Persian; nastaʿlīq script.", "nastaliq"),
        ("Persian; nasta'liq.", "nastaliq"),
        ("In Persian, in naskh.", "naskh"),
        ("Chagatai; shikasta-nastaʿlīq.", "shikasta"),
        ("Thuluth headings; text in naskh.", "thuluth"),
        ("Arabic in Maghribī script.", "maghribi"),
        ("Lithographed nastaʿlīq.", "lithographic_nastaliq"),
        ("به خط نستعلیق", "nastaliq"),
        ("به خط نسخ", "naskh"),
        ("خط شکسته", "shikasta"),
    ],
)
def test_546_naming_a_hand_gives_the_script_style(note: str, script_style: str) -> None:
    record = read(("546", "  ", [("a", note)]))
    assert (record.physical.script_style, record.notes) == (script_style, [])


@pytest.mark.parametrize(
    "note", ["In Persian.", "نسخهٔ کهن از دیوان", "Dīvān-i Ḥāfiẓ in several hands."]
)
def test_546_naming_no_hand_is_a_note(note: str) -> None:
    record = read(("546", "  ", [("a", note)]))
    assert (record.physical.script_style, record.notes) == ("", [note])


@pytest.mark.parametrize(
    ("names", "scripts"),
    [(["Arabic."], ["Arab"]), (["Cyrillic", "Arabic"], ["Cyrl", "Arab"]), (["Aran"], ["Aran"])],
)
def test_546_script_names_become_iso_15924(names: list[str], scripts: list[str]) -> None:
    subfields = [("a", "Kazakh;"), *(("b", name) for name in names)]
    assert read(("546", "  ", subfields)).scripts == scripts


@pytest.mark.parametrize(
    ("indicators", "subfields", "contents"),
    [
        ("0 ", [("a", "Ghazalīyāt (ff. 1v-250r) -- Rubāʿīyāt (ff. 270v-286r)")],
         [Content(locus="ff. 1v-250r", title="Ghazalīyāt"),
          Content(locus="ff. 270v-286r", title="Rubāʿīyāt")]),
        ("0 ", [("a", "Sharḥ-i Gulistān / Sūdī -- Risālah-i ʿarūḍ.")],
         [Content(title="Sharḥ-i Gulistān", author="Sūdī"), Content(title="Risālah-i ʿarūḍ")]),
        ("00", [("g", "ff. 1v–45r"), ("t", "al-Ilāhīyāt /"), ("r", "Ibn Sīnā --"),
                ("g", "ff. 46r–50v"), ("t", "Sharḥ.")],
         [Content(locus="ff. 1v–45r", title="al-Ilāhīyāt", author="Ibn Sīnā"),
          Content(locus="ff. 46r–50v", title="Sharḥ")]),
        ("00", [("g", "1."), ("t", "Gulistān --"), ("g", "2."), ("t", "Būstān")],
         [Content(title="Gulistān", note="1"), Content(title="Būstān", note="2")]),
    ],
)  # fmt: skip
def test_505_gives_contents_with_their_loci(
    indicators: str, subfields: list[tuple[str, str]], contents: list[Content]
) -> None:
    assert read(("505", indicators, subfields)).contents == contents


def test_500_and_510_become_notes() -> None:
    record = read(
        ("500", "  ", [("3", "f. 1r:"), ("a", "Seal of Muḥammad Bāqir.")]),
        ("510", "4 ", [("a", "Munzavī, Fihrist-i nuskhahʹhā-yi khaṭṭī-i Fārsī,"),
                       ("c", "vol. 3, p. 2205")]),
    )  # fmt: skip
    assert record.notes == [
        "f. 1r: Seal of Muḥammad Bāqir.",
        "Munzavī, Fihrist-i nuskhahʹhā-yi khaṭṭī-i Fārsī, vol. 3, p. 2205",
    ]


@pytest.mark.parametrize(
    ("spec", "heading"),
    [
        (("650", " 0", [("a", "Persian poetry"), ("y", "747-1500"), ("v", "Manuscripts.")]),
         "Persian poetry -- 747-1500 -- Manuscripts"),
        (("600", "00", [("a", "Ḥāfiẓ,"), ("d", "-1390"), ("x", "Criticism and interpretation.")]),
         "Ḥāfiẓ, -1390 -- Criticism and interpretation"),
        (("610", "20", [("a", "Madrasah-i Sipahsālār"), ("x", "History."), ("0", "n123")]),
         "Madrasah-i Sipahsālār -- History"),
        (("651", " 0", [("a", "Iran"), ("x", "Intellectual life"), ("y", "1500-1800.")]),
         "Iran -- Intellectual life -- 1500-1800"),
    ],
)  # fmt: skip
def test_6xx_headings_are_joined_with_double_dashes(spec: FieldSpec, heading: str) -> None:
    assert read(spec).subjects == [heading]


@pytest.mark.parametrize(
    ("subfields", "institution", "shelfmark"),
    [
        ([("a", "IR-ThNL"), ("b", "Manuscripts"), ("h", "MS 5291")], "IR-ThNL", "MS 5291"),
        ([("a", "KZ-AlNL"), ("h", "Ar."), ("i", "117")], "KZ-AlNL", "Ar. 117"),
        ([("a", "PUL"), ("j", "Islamic Manuscripts, New Series no. 1012")], "PUL",
         "Islamic Manuscripts, New Series no. 1012"),
    ],
)  # fmt: skip
def test_852_gives_the_institution_and_shelfmark(
    subfields: list[tuple[str, str]], institution: str, shelfmark: str
) -> None:
    record = read(("852", "8 ", subfields))
    assert (record.institution, record.shelfmark) == (institution, shelfmark)


def test_001_856_and_264_give_control_number_address_place_and_date() -> None:
    record = read(
        ("001", "IR-NLAI-MS-5291 "),
        ("264", " 1", [("a", "Tihrān :"), ("b", "Chāpkhānah,"), ("c", "1300.")]),
        ("264", " 0", [("a", "[Shīrāz],"), ("c", "1010 [1601 or 1602]")]),
        ("856", "42", [("u", "https://example.org/related")]),
        ("856", "41", [("u", "https://opac.nlai.ir/record/5291")]),
    )
    assert (record.control_number, record.identifier_url) == (
        "IR-NLAI-MS-5291",
        "https://opac.nlai.ir/record/5291",
    )
    assert (record.place_as_written, record.date_as_written) == ("[Shīrāz]", "1010 [1601 or 1602]")


def test_260_gives_place_and_date_when_there_is_no_264() -> None:
    record = read(("260", "  ", [("a", "Tabrīz :"), ("b", "[s.n.],"), ("c", "1265 [1849].")]))
    assert (record.place_as_written, record.date_as_written) == ("Tabrīz", "1265 [1849]")


@pytest.mark.parametrize(
    ("type_of_record", "techniques", "materials", "kind", "material"),
    [
        ("t", [], ["paper"], "manuscript", "paper"),
        ("t", [], ["vellum"], "manuscript", "parchment"),
        ("t", [], ["paper", "parchment"], "manuscript", "mixed"),
        ("d", [], ["birch bark"], "manuscript", "other"),
        ("a", [], [], "printed_book", ""),
        ("a", ["lithography"], ["paper"], "lithograph", "paper"),
        ("p", [], [], "archival_document", ""),
    ],
)
def test_leader_06_and_340_give_the_kind_and_material(
    type_of_record: str, techniques: list[str], materials: list[str], kind: str, material: str
) -> None:
    subfields = [("a", m) for m in materials] + [("d", t) for t in techniques]
    specs: list[FieldSpec] = [("340", "  ", subfields)] if subfields else []
    record = read(*specs, leader=f"00000n{type_of_record}m a2200000 i 4500")
    assert (record.kind, record.physical.material) == (kind, material)


# --- Writing: what new values look like ---------------------------------------------------

TITLE = Title("Dīvān-i Ḥāfiẓ", "fa", "Latn")


@pytest.mark.parametrize(
    ("role", "relator_term", "written"),
    [
        ("author", "", "$eauthor$4aut"),
        ("scribe", "", "$escribe$4scr"),
        ("translator", "", "$etranslator$4trl"),
        ("commentator", "", "$ecommentator$4cmm"),
        ("illuminator", "", "$eilluminator$4ilu"),
        ("binder", "", "$ebinder$4bnd"),
        ("owner", "", "$eformer owner$4fmo"),
        ("patron", "", "$epatron$4pat"),
        ("printer", "", "$eprinter$4prt"),
        ("editor", "", "$eeditor$4edt"),
        ("", "calligrapher", "$ecalligrapher"),
    ],
)
def test_roles_are_written_as_relator_terms_and_codes(
    role: str, relator_term: str, written: str
) -> None:
    agent = AgentRef(role, [Text("Mīr ʿImād", "fa", "Latn")], relator_term=relator_term)
    marc = to_marc(Record(titles=[TITLE], agents=[agent]))
    tag = "100" if role == "author" else "700"
    assert str(marc[tag]) == f"={tag}  0\\$aMīr ʿImād{written}"


def test_roles_of_one_person_share_one_field_and_read_back_as_they_were() -> None:
    names = [Text("میر عماد", "fa", "Arab"), Text("Mīr ʿImād", "fa", "Latn", "romanised")]
    agents = [AgentRef("scribe", names), AgentRef("illuminator", names)]
    marc = to_marc(Record(titles=[TITLE], agents=agents, languages=["fa"]))
    assert str(marc["700"]) == "=700  0\\$6880-01$aMīr ʿImād$escribe$eilluminator$4scr$4ilu"
    assert record_from_marc(marc).agents == agents


@pytest.mark.parametrize(
    ("years", "coded"),
    [
        ((1601, 1601), "s1601    "),
        ((1580, 1620), "q15801620"),
        ((940, 1020), "q09401020"),
        ((1600, None), "q1600uuuu"),
        ((None, None), "nuuuuuuuu"),
    ],
)
def test_years_are_written_to_008(years: tuple[int | None, int | None], coded: str) -> None:
    record = Record(titles=[TITLE], date_earliest_year=years[0], date_latest_year=years[1])
    data = to_marc(record)["008"].data
    assert (len(data), data[6:15]) == (40, coded)


@pytest.mark.parametrize(
    ("languages", "code_008", "codes_041"),
    [
        (["fa"], "per", []),
        (["fa", "ar"], "per", ["per", "ara"]),
        (["kk-Arab", "ru"], "kaz", ["kaz", "rus"]),
        (["chg"], "chg", []),
        ([], "und", []),
        (["xx"], "und", []),
    ],
)
def test_languages_are_written_to_008_and_041(
    languages: list[str], code_008: str, codes_041: list[str]
) -> None:
    marc = to_marc(Record(titles=[TITLE], languages=languages))
    field_041 = marc.get("041")
    assert marc["008"].data[35:38] == code_008
    assert (field_041.get_subfields("a") if field_041 else []) == codes_041


def new_record() -> Record:
    """A record made in the catalogue, with no MARC source."""
    return Record(
        control_number="nuskha-42",
        institution="IR-ThNL",
        shelfmark="MS 7001",
        titles=[TITLE, Title("Shāhnāmah", "fa", "Latn"), Title("Dīvān", "fa", "Latn", "variant")],
        agents=[AgentRef("author", [Text("Ḥāfiẓ", "fa", "Latn")], dates="-1390")],
        languages=["fa", "ar"],
        scripts=["Arab"],
        date_as_written="1010 [1601 or 1602]",
        date_earliest_year=1601,
        date_latest_year=1602,
        place_as_written="Shīrāz",
        physical=Physical(material="paper", height_mm=245, width_mm=160, leaf_count=286,
                          script_style="nastaliq", extent_as_written="286 leaves"),
        contents=[Content(locus="ff. 1v–45r", title="Ghazalīyāt", author="Ḥāfiẓ"),
                  Content(locus="ff. 46r–50v", title="Rubāʿīyāt")],
        subjects=["Persian poetry -- Manuscripts"],
        notes=["Seal on f. 1r."],
        identifier_url="https://example.org/items/42",
    )  # fmt: skip


def test_a_new_record_is_written_in_tag_order_and_reads_back() -> None:
    record = new_record()
    marc = to_marc(record)
    assert [field.tag for field in marc.fields] == [
        "001", "008", "041", "100", "240", "245", "246", "264", "300", "340", "500", "505",
        "546", "650", "852", "856",
    ]  # fmt: skip
    assert str(marc.leader)[5:10] == "ntm a"
    assert replace(record_from_marc(marc), source=b"", source_format="") == record


def test_marcxml_of_new_records_is_valid_marc21_slim(marc21_schema: etree.XMLSchema) -> None:
    machine_made = Record(
        titles=[PERSIAN_TITLE], agents=[AgentRef("scribe", [Text("محمد", "fa", "Arab")])]
    )
    document = parse_xml(write_marcxml([new_record(), machine_made]))
    assert marc21_schema.validate(document), marc21_schema.error_log
    assert len(document.findall(f"{SLIM}record/{SLIM}datafield[@tag='880']")) == 2


def test_a_record_with_no_title_cannot_be_written() -> None:
    with pytest.raises(FormatError, match="245"):
        to_marc(Record(notes=["A note without a title."]))


def test_binary_output_is_utf8_with_leader_09_a() -> None:
    binary = write_marc([Record(titles=[PERSIAN_TITLE], languages=["fa"])] * 2)
    records = binary.split(b"\x1d")[:-1]
    assert len(records) == 2 and all(chunk[9:10] == b"a" for chunk in records)
    assert PERSIAN_TITLE.text.encode("utf-8") in binary


def test_a_character_xml_cannot_carry_is_refused_naming_the_field() -> None:
    with pytest.raises(FormatError, match="500: holds a character XML cannot carry"):
        write_marcxml([Record(titles=[TITLE], notes=["A stray escape \x1b(3 from MARC-8"])])


def test_a_record_too_long_for_iso_2709_is_refused() -> None:
    with pytest.raises(FormatError, match="500"):
        write_marc([Record(titles=[TITLE], notes=["ن" * 6000])])


# --- Writing: merging the catalogue's values into the source ------------------------------


def test_an_unchanged_record_is_written_back_as_it_came() -> None:
    record = sample("persian-hafiz-divan.xml")
    assert fields_of(to_marc(record)) == fields_of(source_of(record))


def test_a_changed_title_replaces_its_fields_and_keeps_the_rest_of_245() -> None:
    record = sample("persian-hafiz-divan.xml")
    record.titles[0] = replace(record.titles[0], text=f"دیوان خواجه شمس{ZWNJ}الدین حافظ")
    marc = to_marc(record)
    assert str(marc["245"]) == (
        "=245  10$6880-02$aDīvān-i Ḥāfiẓ :$bghazal'hā /$cShams al-Dīn Muḥammad Ḥāfiẓ Shīrāzī."
    )
    linked = [str(f) for f in marc.get_fields("880") if f["6"].startswith("245")]
    title = f"دیوان خواجه شمس{ZWNJ}الدین حافظ"
    responsibility = f"شمس{ZWNJ}الدین محمد حافظ شیرازی."
    assert linked == [f"=880  10$6245-02/(3/r$a{title} /$c{responsibility}"]


def test_changed_values_are_merged_and_local_fields_are_kept() -> None:
    record = sample("persian-hafiz-divan.xml")
    source = fields_of(source_of(record))
    record.shelfmark = "MS 5291/2"
    record.place_as_written = "Iṣfahān"
    record.physical.script_style = "shikasta"
    record.notes.append("Rebound in 1998.")
    record.subjects.remove("Persian poetry -- 747-1500 -- Manuscripts")
    marc = to_marc(record)
    written = fields_of(marc)
    kept = [f for f in source if f[1:4] in ("001", "003", "005", "035", "040", "561", "910", "949")]
    assert all(field in written for field in kept)
    assert str(marc["852"]) == "=852  4\\$aIR-ThNL$bManuscripts$jMS 5291/2"
    assert str(marc["264"]) == "=264  \\0$6880-04$aIṣfahān,$c1010 [1601 or 1602]"
    assert str(marc["546"]) == "=546  \\\\$aPersian; shikasta script.$bArabic."
    assert "=500  \\\\$aRebound in 1998." in written
    assert not any(field.startswith("=650") for field in written)
    assert len(written) == len(source)  # one note in, one heading out


def test_a_removed_name_takes_its_880_with_it() -> None:
    record = sample("persian-hafiz-divan.xml")
    record.agents = [agent for agent in record.agents if agent.role != "scribe"]
    written = fields_of(to_marc(record))
    assert not any("Tabrīzī" in field or "700-07" in field for field in written)


def test_a_new_original_script_field_takes_the_next_occurrence_number() -> None:
    record = sample("persian-hafiz-divan.xml")
    record.agents.append(AgentRef("binder", [Text("علی صحاف", "fa", "Arab")]))
    marc = to_marc(record)
    machine = transliterate("علی صحاف", "Latn", "fa")
    assert str(marc.get_fields("700")[-1]) == f"=700  0\\$6880-08$81\\p$a{machine}$ebinder$4bnd"
    assert "=880  0\\$6700-08/(3/r$aعلی صحاف$ebinder$4bnd" in fields_of(marc)


def test_an_883_goes_when_the_fields_it_described_are_replaced() -> None:
    imported = record_from_marc(to_marc(Record(titles=[PERSIAN_TITLE], languages=["fa"])))
    imported.titles = [Title("Kitāb", "fa", "Latn")]
    marc = to_marc(imported)
    assert (marc.get("883"), marc.get("880")) == (None, None)


def test_when_the_title_proper_goes_the_first_title_left_becomes_245() -> None:
    record = sample("persian-saadi-kulliyat.xml")
    record.titles = record.titles[2:]  # the uniform title of the work is all that is left
    marc = to_marc(record)
    assert str(marc["245"]) == "=245  10$aKullīyāt"
    assert (marc.get("240"), [f["6"] for f in marc.get_fields("880")]) == (
        None,
        ["100-01/(3/r", "700-03/(3/r"],
    )


def test_the_same_person_twice_in_one_role_stays_twice() -> None:
    patron = AgentRef("patron", [Text("Shāh ʿAbbās", "fa", "Latn")])
    marc = to_marc(Record(titles=[TITLE], agents=[patron, patron]))
    assert [str(field) for field in marc.get_fields("700")] == [
        "=700  0\\$aShāh ʿAbbās$epatron$4pat"
    ] * 2


def test_a_field_emptied_of_its_values_goes_with_its_880() -> None:
    record = replace(sample("persian-hafiz-divan.xml"), place_as_written="", date_as_written="")
    written = fields_of(to_marc(record))
    assert not any(field[1:4] == "264" or "264-04" in field for field in written)


def test_kind_is_written_to_the_leader_only_when_it_changes() -> None:
    record = sample("persian-saadi-kulliyat.xml")
    assert str(to_marc(record).leader)[6] == "t"
    assert str(to_marc(replace(record, kind="lithograph")).leader)[6] == "a"
    lithograph = to_marc(replace(record, kind="lithograph"))
    assert lithograph["340"].get_subfields("d") == ["lithography"]


# --- Binary MARC: encodings and bad records -----------------------------------------------

PERSIAN_245 = ("245", datafield("10", ("a", "دیوان می‌رود كى".encode())))


@pytest.mark.parametrize(
    ("chunk", "encoding"),
    [
        (iso2709(("001", b"x"), PERSIAN_245, leader9=b"a"), "utf-8"),
        (iso2709(("001", b"x"), PERSIAN_245, leader9=b" "), "utf-8"),
        (iso2709(("001", b"x"), ("245", datafield("10", ("a", b"Divan"))), leader9=b" "), "marc-8"),
        (iso2709(("245", datafield("10", ("a", b"Caf\xe2e"))), leader9=b" "), "marc-8"),
        (iso2709(("245", datafield("10", ("a", b"\x1b(3cJGH\x1b(B"))), leader9=b" "), "marc-8"),
    ],
)  # fmt: skip
def test_record_encoding_is_decided_for_each_record(chunk: bytes, encoding: str) -> None:
    assert record_encoding(chunk) == encoding


def test_a_record_declaring_marc8_but_written_in_utf8_is_read_as_utf8() -> None:
    chunk = iso2709(("001", b"ir-42"), PERSIAN_245, leader9=b" ")
    [parsed] = read_marc(chunk)
    assert parsed.record is not None
    assert parsed.record.titles[0].text == "دیوان می‌رود كى"
    assert parsed.record.source == chunk
    assert to_marc(parsed.record)["245"]["a"] == "دیوان می‌رود كى"


def test_a_genuine_marc8_record_is_decoded_from_marc8() -> None:
    chunk = iso2709(
        ("245", datafield("10", ("a", b"Caf\xe2e :"), ("b", b"\x1b(3cJGH\x1b(B"))),
        leader9=b" ",
    )
    [parsed] = read_marc(chunk)
    assert parsed.record is not None
    assert parsed.record.titles[0].text == "Café: كتاب"
    assert write_marc([parsed.record]).count("Café".encode()) == 1


def test_a_bad_record_in_the_middle_is_reported_and_the_others_are_read() -> None:
    good = iso2709(("001", b"ms-1"), PERSIAN_245)
    bad = iso2709(("001", b"ms-2"), PERSIAN_245)
    bad = b"99999" + bad[5:]  # a stated length far beyond the record
    third = iso2709(("001", b"ms-3"), ("245", datafield("10", ("a", b"Gulistan"))))
    parsed = list(read_marc(good + bad + b"\n" + third))
    assert [(p.position, p.label, p.record is not None) for p in parsed] == [
        (1, "ms-1", True),
        (2, "ms-2", False),
        (3, "ms-3", True),
    ]
    assert parsed[1].error == "leader: the record is shorter than its stated length"


@pytest.mark.parametrize(
    ("chunk", "error"),
    [
        (b"abcde" + iso2709(("001", b"x"), PERSIAN_245)[5:],
         "leader: the record length (bytes 0-4) is not a number"),
        (iso2709(("001", b"x"), PERSIAN_245)[:-1] + b"!\x1d",
         "leader: the stated length does not end at the record terminator"),
        (iso2709(("001", b"x"), ("245", datafield("10", ("a", b"Caf\xe9"))), leader9=b"a"),
         "245: not valid UTF-8 (byte 7 of the field), though Leader/09 says UTF-8"),
        (iso2709(("001", b"x"), ("500", datafield("  ", ("a", b"A note")))),
         "245: no title ($a is empty or the field is missing)"),
    ],
)  # fmt: skip
def test_an_unreadable_record_names_the_field_and_the_reason(chunk: bytes, error: str) -> None:
    [parsed] = read_marc(chunk)
    assert (parsed.record, parsed.error) == (None, error)


# --- MARCXML: hardened reading ------------------------------------------------------------

RECORD_XML = """<record xmlns="http://www.loc.gov/MARC21/slim">
  <leader>00000ntm a2200000 i 4500</leader>
  <datafield tag="245" ind1="0" ind2="0"><subfield code="a">{title}</subfield></datafield>
</record>"""


@pytest.mark.parametrize(
    "document",
    [
        '<!DOCTYPE r [<!ENTITY t "Dīvān">]>' + RECORD_XML.format(title="&t;"),
        '<!DOCTYPE r [<!ENTITY t SYSTEM "file:///etc/passwd">]>' + RECORD_XML.format(title="&t;"),
        '<!DOCTYPE r [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
        + RECORD_XML.format(title="&b;"),
        '<!DOCTYPE record SYSTEM "http://example.org/marc.dtd">' + RECORD_XML.format(title="x"),
        RECORD_XML.format(title="<unclosed>"),
    ],
    ids=["internal-entity", "external-entity", "entity-expansion", "doctype", "not-well-formed"],
)
def test_marcxml_with_a_doctype_or_entity_is_refused(document: str) -> None:
    with pytest.raises(FormatError):
        read_marcxml(document.encode("utf-8"))


def test_marcxml_whose_root_is_not_a_record_is_refused() -> None:
    with pytest.raises(FormatError, match="not a collection or record"):
        read_marcxml(b"<html><body/></html>")


def test_a_bad_record_in_a_marcxml_collection_is_reported_and_the_others_are_read() -> None:
    good = RECORD_XML.format(title="Gulistān")
    no_leader = good.replace("<leader>00000ntm a2200000 i 4500</leader>", "").replace(
        "<datafield", '<controlfield tag="001">ms-2</controlfield><datafield', 1
    )
    bad_tag = good.replace('datafield tag="245"', 'datafield tag="008"')
    document = f'<collection xmlns="http://www.loc.gov/MARC21/slim">{good}{no_leader}{bad_tag}</collection>'
    parsed = list(read_marcxml(document.encode("utf-8")))
    assert [(p.position, p.label, p.error) for p in parsed] == [
        (1, "", ""),
        (2, "ms-2", "leader: 0 characters, not 24"),
        (3, "", "datafield 008: not a data field tag"),
    ]


def test_the_crosswalk_table_names_every_section() -> None:
    documented = " ".join(row[1] for row in marc21.CROSSWALK)
    for name in ("titles", "agents", "contents", "notes", "subjects", "languages", "kind"):
        assert name in documented
