"""TEI msDesc: exports validate against the msDesc schema, read back as the same record,
keep text exactly as written, and bad documents and descriptions are reported."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree

from nuskha.catalogue.formats.record import (
    AgentRef,
    Content,
    FormatError,
    Part,
    Physical,
    ProvenanceMark,
    Record,
    Text,
    Title,
)
from nuskha.catalogue.formats.tei import (
    TEI_NS,
    language_tag,
    read_tei,
    record_from_msdesc,
    split_language_tag,
    tei_element,
    write_tei,
)
from nuskha.conftest import load_relax_ng

ZWNJ = "\u200c"
SAMPLES = Path(__file__).parent / "samples" / "tei"


@pytest.fixture(scope="module")
def msdesc_schema() -> etree.RelaxNG:
    return load_relax_ng("msdesc.rng")


# Records, drawn from the demo collection -------------------------------------------------


def shahnama() -> Record:
    """A rich Persian manuscript: every field the crosswalk carries."""
    return Record(
        control_number="IR-NLAI 000512",
        institution="IR-NLAI",
        shelfmark="MS 5-10234",
        former_shelfmarks=["Old inv. 1/3456"],
        kind="manuscript",
        titles=[
            Title("شاهنامه", "fa", "Arab", title_type="uniform"),
            Title("Shāhnāma", "fa", "Latn", "romanised", "romanised"),
            Title("کتاب شاهنامه", "fa", "Arab", title_type="colophon"),
            Title("Шахнама", "kk", "Cyrl", "translated", "translated"),
            Title("The Book of Kings", "en", "Latn", "translated", "translated"),
        ],
        agents=[
            AgentRef(
                "author",
                [
                    Text("ابوالقاسم فردوسی", "fa", "Arab"),
                    Text("Firdawsī, Abū al-Qāsim", "fa", "Latn", "romanised"),
                    Text("Фирдауси", "kk", "Cyrl", "variant"),
                ],
                dates="329–411 AH / 940–1019/1025",
                identifiers={"local": "ferdowsi", "viaf": "100185495"},
            ),
            AgentRef("scribe", [Text("حسن بن محمدحسین الکاتب الاصفهانی", "fa", "Arab")]),
            AgentRef("illuminator", [Text("عبدالوهاب مذهب", "fa", "Arab")]),
            AgentRef("owner", [Text("عباس الصفوی", "fa", "Arab")], relator_term="endower"),
        ],
        languages=["fa"],
        scripts=["Arab"],
        date_as_written="ربیع الاول ۱۰۱۰ ق",
        date_earliest_year=1601,
        date_latest_year=1601,
        place_as_written="دار السلطنه اصفهان",
        physical=Physical(
            material="paper",
            height_mm=340,
            width_mm=220,
            leaf_count=512,
            lines_per_page=25,
            script_style="nastaliq",
            decoration="Illuminated double-page opening (ff. 1v–2r) in gold, lapis and carmine.",
            binding="Safavid brown morocco, stamped and gilt; flap lost; rebacked.",
        ),
        contents=[
            Content(
                locus="ff. 1v–511r",
                title="شاهنامه حکیم فردوسی",
                language="fa",
                author="فردوسی",
                incipit="به نام خداوند جان و خرد / کزین برتر اندیشه برنگذرد",
                explicit=f"نمیرم از این پس که من زنده{ZWNJ}ام / که تخم سخن را پراکنده{ZWNJ}ام",
                colophon="تمت الکتاب بعون الملک الوهاب فی شهر ربیع الاول سنه ۱۰۱۰",
                date_as_written="ربیع الاول ۱۰۱۰ ق",
                scribe="حسن بن محمدحسین الکاتب الاصفهانی",
            ),
            Content(
                locus="ff. 511v–512v",
                title="هجونامه",
                language="fa",
                incipit="ایا شاه محمود کشورگشای / ز کس گر نترسی بترس از خدای",
                note="The satire attributed to Ferdowsi, copied by the same hand.",
            ),
        ],
        provenance=[
            ProvenanceMark(
                "waqf",
                f"وقف نمود این کتاب را کلب آستان علی بن ابی{ZWNJ}طالب عباس الصفوی",
                "۱۰۱۷",
                "اردبیل",
                "f. 1r",
                "Shah Abbas I's endowment to the Ardabil shrine (1017 AH / 1608–09).",
            ),
            ProvenanceMark("seal", "بنده شاه ولایت عباس", locus="f. 1r", note="Oval seal."),
            ProvenanceMark(
                "acquisition",
                "Purchased from a private collection in Tehran.",
                "۱۳۴۸ ش",
                "تهران",
                note="Acquisition register entry 48/112.",
            ),
        ],
        subjects=["Poetry", "Epic"],
        notes=["Shahnama completed by Ferdowsi in 400 AH / 1010.", "Foliated in Persian."],
        identifier_url="https://nuskha.example.org/items/17",
        source_format="marc21",
        source=b"00000nam a2200000 a 4500",
    )


def majmua() -> Record:
    """A composite volume (majmūʿa): three contents and two parts, each dated apart."""
    return Record(
        institution="IR-NLAI",
        shelfmark="MS 5-09907",
        titles=[
            Title("مجموعة في أقسام العلوم", "ar", "Arab", title_type="supplied"),
            Title("Majmūʿa fī aqsām al-ʿulūm", "ar", "Latn", "romanised", "romanised"),
            Title("إحصاء العلوم", "ar", "Arab"),
        ],
        agents=[
            AgentRef("author", [Text("المعلم الثاني أبو نصر الفارابي", "ar", "Arab")]),
            AgentRef("author", [Text("الشيخ الرئيس", "ar", "Arab")]),
            AgentRef("scribe", [Text("إبراهيم بن علي الجيلاني", "ar", "Arab")]),
        ],
        languages=["ar"],
        scripts=["Arab"],
        date_as_written="late 10th century AH – ۱۰۸۵ ق",
        date_earliest_year=1559,
        date_latest_year=1675,
        physical=Physical(
            material="paper",
            height_mm=210,
            width_mm=145,
            leaf_count=76,
            script_style="naskh",
            decoration="Headings in red; no illumination.",
            binding="Persian brown leather of the 12th century AH, binding both parts.",
        ),
        contents=[
            Content(locus="f. 1r", title="فهرست", language="fa", note="A later table of contents."),
            Content(
                locus="ff. 1r–76v",
                title="مجموعه",
                language="ar",
                incipit="قصدنا في هذا الكتاب أن نحصي العلوم المشهورة علما علما",
                explicit="تمت الرسالة في أقسام العلوم العقلية",
            ),
            Content(locus="f. 76v", title="دعاء", language="ar", note="A prayer added later."),
        ],
        parts=[
            Part(
                "Part I",
                "ff. 1r–48v",
                "late 10th century AH",
                "گیلان",
                Physical("paper", 210, 145, 48, None, 19, "naskh", "Headings in red."),
                [
                    Content(
                        locus="ff. 1r–48v",
                        title="كتاب إحصاء العلوم لأبي نصر الفارابي",
                        language="ar",
                        colophon="تم كتاب إحصاء العلوم والحمد لله وحده "
                        "كتبه إبراهيم بن علي الجيلاني",
                        scribe="إبراهيم بن علي الجيلاني",
                    )
                ],
            ),
            Part(
                "Part II",
                "ff. 49r–76v",
                "صفر ۱۰۸۵ ق",
                "یزد",
                Physical("paper", 205, 140, 28, None, 17, "naskh"),
                [
                    Content(
                        locus="ff. 49r–76v",
                        title="رسالة في أقسام العلوم العقلية للشيخ الرئيس",
                        language="ar",
                        date_as_written="صفر سنة ١٠٨٥",
                    )
                ],
            ),
        ],
        provenance=[
            ProvenanceMark("ownership_note", "انتقل إلي بالبيع الشرعي", "۱۱۴۲", locus="f. 1r"),
            ProvenanceMark("acquisition", "Purchased.", "۱۳۸۸ ش"),
        ],
        subjects=["Classification of the sciences"],
        notes=["Composite volume (majmūʿa) of two Arabic treatises."],
    )


def kazakh_chrestomathy() -> Record:
    """A Kazakh printed book in Cyrillic type, counted in pages."""
    return Record(
        control_number="KZ-NALRK 1879-01",
        institution="KZ-NALRK",
        shelfmark="СК-1879-01",
        kind="printed_book",
        titles=[
            Title("Киргизская хрестоматія", "ru", "Cyrl"),
            Title("Kirgizskai͡a khrestomatīi͡a", "ru", "Latn", "romanised", "romanised"),
            Title("Қазақ хрестоматиясы", "kk", "Cyrl", "translated", "translated"),
        ],
        agents=[
            AgentRef(
                "author",
                [
                    Text("И. Алтынсаринъ", "ru", "Cyrl"),
                    Text("Ыбырай Алтынсарин", "kk", "Cyrl", "variant"),
                    Text("Altynsarin, Ibrai", "kk", "Latn", "romanised"),
                ],
                dates="1841–1889",
            ),
            AgentRef("printer", [Text("Типографія Б. Бреслина", "ru", "Cyrl")], "corporate"),
        ],
        languages=["kk", "ru"],
        scripts=["Cyrl"],
        date_as_written="1879",
        date_earliest_year=1879,
        date_latest_year=1879,
        place_as_written="Оренбургъ",
        physical=Physical(
            material="paper",
            height_mm=210,
            width_mm=140,
            page_count=160,
            script_style="cyrillic_type",
            decoration="Typographic title page; no illustrations.",
            binding="Contemporary half-leather with marbled boards.",
            extent_as_written="160 с.",
        ),
        contents=[
            Content("pp. 1–40", "Ұсақ әңгімелер (балалар турасында)", "kk"),
            Content("pp. 41–96", "Үлкен кісілер турасындағы әңгімелер", "kk"),
            Content("pp. 97–140", "Қазақ өлеңдері", "kk", incipit="Кел, балалар, оқылық!"),
            Content("pp. 141–160", "Мақал һәм мәтелдер", "kk", incipit="Өнер алды – қызыл тіл"),
        ],
        provenance=[
            ProvenanceMark(
                "bookplate",
                "Библіотека Тургайскаго двухкласснаго русско-киргизскаго училища",
                locus="p. 1",
            ),
            ProvenanceMark("acquisition", "Transferred from the Kostanay museum.", "2001"),
        ],
        subjects=["Education", "Folklore"],
        notes=["The first Kazakh reader in the Cyrillic-based alphabet."],
    )


def minimal() -> Record:
    """Only a shelfmark and a title."""
    return Record(shelfmark="MS 5-00001", titles=[Title("گلستان", "fa", "Arab")])


def farman() -> Record:
    """An archival document: a sheet, not a codex."""
    return Record(
        institution="IR-NLAI",
        shelfmark="DOC 9-00042",
        kind="archival_document",
        titles=[Title("فرمان فتحعلی شاه قاجار", "fa", "Arab", title_type="supplied")],
        languages=["fa"],
        date_as_written="شوال ۱۲۳۴ ق",
        date_earliest_year=1819,
        physical=Physical(material="paper", height_mm=520, width_mm=330, script_style="shikasta"),
    )


def hafez_as_written() -> Record:
    """Arabic-letter spellings (ي ك ى) and zero-width non-joiners, stored as written."""
    return Record(
        institution="IR-NLAI",
        shelfmark="MS 5-07781",
        titles=[
            Title("ديوان خواجه حافظ شيرازي", "fa", "Arab"),
            Title("دیوان حافظ", "fa", "Arab", title_type="supplied"),
        ],
        agents=[AgentRef("author", [Text(f"لسان{ZWNJ}الغیب حافظ شیرازی", "fa", "Arab")])],
        contents=[
            Content(
                locus="ff. 1v–268v",
                title="غزلیات",
                language="fa",
                incipit="الا یا ایها الساقی ادر کأسا و ناولها / "
                f"که عشق آسان نمود اول ولی افتاد مشکل{ZWNJ}ها",
                explicit="كتبه العبد على الكاتب",
            )
        ],
    )


RECORDS = [shahnama, majmua, kazakh_chrestomathy, minimal, farman, hafez_as_written]


def normalised(record: Record) -> Record:
    """The record as TEI gives it back: read from TEI, with its TEI as source."""
    return replace(record, source_format="", source=b"")


def only(data: bytes) -> Record:
    [parsed] = list(read_tei(data))
    assert parsed.error == ""
    assert parsed.record is not None
    return parsed.record


def xpath(root: etree._Element, path: str) -> object:
    return root.xpath(path, namespaces={"tei": TEI_NS})


def tei_document(description: str) -> bytes:
    """A TEI document around an msDesc written by hand."""
    return f"""<TEI xmlns="{TEI_NS}"><teiHeader><fileDesc>
      <titleStmt><title>Test</title></titleStmt><publicationStmt><p>Test</p></publicationStmt>
      <sourceDesc>{description}</sourceDesc></fileDesc></teiHeader>
      <text><body><p/></body></text></TEI>""".encode()


# Validation --------------------------------------------------------------------------------


@pytest.mark.parametrize("build", RECORDS, ids=lambda build: build.__name__)
def test_every_export_validates_against_the_msdesc_schema(
    build: Callable[[], Record], msdesc_schema: etree.RelaxNG
) -> None:
    document = etree.fromstring(write_tei([build()]))
    assert msdesc_schema.validate(document), msdesc_schema.error_log


def test_several_records_are_one_tei_holding_a_tei_each(msdesc_schema: etree.RelaxNG) -> None:
    document = etree.fromstring(write_tei(build() for build in RECORDS))
    assert msdesc_schema.validate(document), msdesc_schema.error_log
    assert document.tag == f"{{{TEI_NS}}}TEI"
    assert len(xpath(document, "tei:TEI")) == len(RECORDS)


def test_an_empty_export_is_a_valid_tei_with_nothing_to_read(
    msdesc_schema: etree.RelaxNG,
) -> None:
    data = write_tei([])
    assert msdesc_schema.validate(etree.fromstring(data)), msdesc_schema.error_log
    assert list(read_tei(data)) == []


def test_tei_element_is_a_whole_tei_document() -> None:
    document = tei_element(minimal())
    assert document.tag == f"{{{TEI_NS}}}TEI"
    assert [etree.QName(child).localname for child in document] == ["teiHeader", "text"]
    assert xpath(document, "string(//tei:fileDesc/tei:titleStmt/tei:title)") == "گلستان"
    assert len(xpath(document, "//tei:fileDesc/tei:sourceDesc/tei:msDesc")) == 1


# Round trip --------------------------------------------------------------------------------


@pytest.mark.parametrize("build", RECORDS, ids=lambda build: build.__name__)
def test_an_export_reads_back_as_the_same_record(build: Callable[[], Record]) -> None:
    record = build()
    assert normalised(only(write_tei([record]))) == normalised(record)


def test_a_record_read_keeps_its_tei_as_source() -> None:
    data = write_tei([shahnama()])
    record = only(data)
    assert record.source_format == "tei"
    assert record.source == etree.tostring(etree.fromstring(data), encoding="UTF-8")


def test_several_records_read_back_in_order_each_with_its_own_subjects() -> None:
    records = [build() for build in RECORDS]
    parsed = list(read_tei(write_tei(records)))
    assert [p.position for p in parsed] == list(range(1, len(RECORDS) + 1))
    assert [p.label for p in parsed] == [r.shelfmark for r in records]
    assert [normalised(p.record) for p in parsed if p.record] == [normalised(r) for r in records]


@pytest.mark.parametrize(
    "text",
    [
        f"می{ZWNJ}رود",  # a zero-width non-joiner inside a Persian word
        "ديوان خواجه حافظ شيرازي",  # Arabic yeh (U+064A), as US catalogues write Persian
        "كتاب",  # Arabic kaf (U+0643)
        "على",  # alef maksura (U+0649)
        "قزاق حالی نه بولادی",  # Kazakh in Arabic script, right to left
    ],
)
def test_text_survives_exactly(text: str) -> None:
    record = Record(
        shelfmark="MS 1",
        titles=[Title(text, "fa", "Arab")],
        agents=[AgentRef("author", [Text(text, "fa", "Arab")])],
        contents=[Content(locus="f. 1r", title=text, incipit=text, colophon=text)],
        provenance=[ProvenanceMark("seal", text)],
    )
    data = write_tei([record])
    back = only(data)
    assert text.encode() in data  # written as characters, not escaped or normalised
    assert [back.titles[0].text, back.agents[0].names[0].text] == [text, text]
    assert [back.contents[0].title, back.contents[0].incipit] == [text, text]
    assert [back.contents[0].colophon, back.provenance[0].text] == [text, text]


# The crosswalk, element by element --------------------------------------------------------


@pytest.mark.parametrize(
    "path, expected",
    [
        ("string(//tei:msDesc/@type)", "manuscript"),
        ("string(//tei:msIdentifier/tei:country/@key)", "IR"),
        ("string(//tei:msIdentifier/tei:settlement)", "Tehran"),
        ("string(//tei:msIdentifier/tei:repository)", "IR-NLAI"),
        ("string(//tei:msIdentifier/tei:idno[@type='shelfmark'])", "MS 5-10234"),
        ("string(//tei:altIdentifier[@type='former']/tei:idno)", "Old inv. 1/3456"),
        ("string(//tei:altIdentifier[@type='control']/tei:idno)", "IR-NLAI 000512"),
        ("string(//tei:altIdentifier[@type='permalink']/tei:idno[@type='URI'])", "https://nuskha.example.org/items/17"),
        ("string(//tei:head/tei:title[1]/@xml:lang)", "fa"),
        ("string(//tei:head/tei:title[2]/@xml:lang)", "fa-Latn"),
        ("string(//tei:head/tei:title[2]/@subtype)", "romanised"),
        ("string(//tei:head/tei:title[3]/@type)", "colophon"),
        ("string(//tei:head/tei:title[4]/@xml:lang)", "kk"),
        ("string(//tei:head/tei:name[@role='author']/tei:persName[2]/@xml:lang)", "fa-Latn"),
        ("string(//tei:head/tei:name[@role='author']/tei:idno[@type='viaf'])", "100185495"),
        ("string(//tei:head/tei:name[@role='owner']/tei:note[@type='relator'])", "endower"),
        ("string(//tei:msContents/tei:textLang/@mainLang)", "fa"),
        ("count(//tei:msContents/tei:msItem)", 2),
        ("string(//tei:msItem[1]/tei:locus/@from)", "1v"),
        ("string(//tei:msItem[1]/tei:locus/@to)", "511r"),
        ("string(//tei:msItem[1]/tei:locus)", "ff. 1v–511r"),
        ("string(//tei:msItem[1]/tei:respStmt[tei:resp='scribe']/tei:persName)",
         "حسن بن محمدحسین الکاتب الاصفهانی"),
        ("string(//tei:msItem[1]/tei:incipit/@xml:lang)", "fa"),
        ("string(//tei:msItem[1]/tei:note[@type='date']/tei:origDate)", "ربیع الاول ۱۰۱۰ ق"),
        ("string(//tei:msItem[1]/tei:textLang/@mainLang)", "fa"),
        ("string(//tei:objectDesc/@form)", "codex"),
        ("string(//tei:supportDesc/@material)", "chart"),
        ("string(//tei:extent/tei:measure[@type='leaves']/@quantity)", "512"),
        ("string(//tei:extent/tei:dimensions[@unit='mm']/tei:height)", "340"),
        ("string(//tei:extent/tei:dimensions[@unit='mm']/tei:width)", "220"),
        ("string(//tei:layoutDesc/tei:layout/@writtenLines)", "25"),
        ("string(//tei:handDesc/tei:handNote/@script)", "nastaliq"),
        ("string(//tei:scriptDesc/tei:scriptNote/@script)", "Arab"),
        ("string(//tei:origin/tei:origDate/@when)", "1601"),
        ("string(//tei:origin/tei:origDate)", "ربیع الاول ۱۰۱۰ ق"),
        ("string(//tei:origin/tei:origPlace)", "دار السلطنه اصفهان"),
        ("string(//tei:history/tei:provenance[1]/@type)", "waqf"),
        ("string(//tei:history/tei:provenance[1]/tei:placeName)", "اردبیل"),
        ("string(//tei:history/tei:provenance[2]/tei:locus/@from)", "1r"),
        ("string(//tei:history/tei:acquisition/tei:date)", "۱۳۴۸ ش"),
        ("string(//tei:recordHist/tei:source)",
         "Converted by nuskha from the holding library's MARC 21 record."),
        ("string(//tei:profileDesc//tei:keywords/tei:term[2])", "Epic"),
    ],
)  # fmt: skip
def test_the_shahnama_is_written_where_tei_readers_look(path: str, expected: object) -> None:
    assert xpath(tei_element(shahnama()), path) == expected


@pytest.mark.parametrize(
    "locus, first, last",
    [
        ("ff. 1v–45r", "1v", "45r"),
        ("f. 12r", "12r", "12r"),
        ("pp. 3–120", "3", "120"),
        ("fols. 1b-45a", "1b", "45a"),  # a and b for recto and verso, as Persian catalogues
        ("ff. ۱v–۴۵r", "1v", "45r"),  # Persian digits
        ("inside front cover", None, None),  # kept as text, without a range
    ],
)
def test_a_locus_gives_its_range_and_keeps_its_text(
    locus: str, first: str | None, last: str | None
) -> None:
    record = Record(shelfmark="MS 1", contents=[Content(locus=locus, title="x")])
    [element] = xpath(tei_element(record), "//tei:msItem/tei:locus")
    assert (element.text, element.get("from"), element.get("to")) == (locus, first, last)


@pytest.mark.parametrize(
    "attributes, locus",
    [
        ('from="1v" to="98r"', "ff. 1v–98r"),
        ('from="12r"', "f. 12r"),
        ('from="3" to="120"', "pp. 3–120"),
        ('from="5" to="5"', "p. 5"),
    ],
)
def test_a_partner_locus_given_only_as_a_range_is_written_out(attributes: str, locus: str) -> None:
    description = f"""<msDesc><msIdentifier><idno>MS 1</idno></msIdentifier>
      <msContents><msItem><locus {attributes}/><title>x</title></msItem></msContents></msDesc>"""
    assert only(tei_document(description)).contents[0].locus == locus


@pytest.mark.parametrize(
    "earliest, latest, attributes",
    [
        (1601, 1601, {"when": "1601"}),
        (940, 1020, {"notBefore": "0940", "notAfter": "1020"}),  # xsd:gYear: four digits
        (1592, None, {"notBefore": "1592"}),
        (None, 1689, {"notAfter": "1689"}),
        (None, None, {}),
    ],
)
def test_years_are_written_as_gregorian_attributes_beside_the_date_as_written(
    earliest: int | None, latest: int | None, attributes: dict[str, str]
) -> None:
    record = replace(minimal(), date_as_written="قرن ۱۱ ق")
    record.date_earliest_year, record.date_latest_year = earliest, latest
    [date] = xpath(tei_element(record), "//tei:origin/tei:origDate")
    assert (date.text, dict(date.attrib)) == ("قرن ۱۱ ق", attributes)
    back = only(write_tei([record]))
    assert (back.date_earliest_year, back.date_latest_year) == (earliest, latest)


@pytest.mark.parametrize(
    "language, script, tag",
    [
        ("fa", "Arab", "fa"),  # Arabic is Persian's usual script: no subtag
        ("fa", "Latn", "fa-Latn"),  # a romanised form
        ("ar", "Arab", "ar"),
        ("kk", "Cyrl", "kk"),
        ("kk", "Arab", "kk-Arab"),
        ("chg", "Arab", "chg-Arab"),  # no usual script known: always said
        ("kk-Arab", "Arab", "kk-Arab"),  # the language already carries it
        ("fa-IR", "Latn", "fa-Latn-IR"),
        ("fa", "", "fa"),
        ("", "Latn", "und-Latn"),
        ("", "", ""),
    ],
)
def test_language_tags_name_the_script_where_it_is_not_the_usual_one(
    language: str, script: str, tag: str
) -> None:
    assert language_tag(language, script) == tag


@pytest.mark.parametrize(
    "tag, text, expected",
    [
        ("fa", "شاهنامه", ("fa", "Arab")),
        ("fa-Latn", "Shāhnāma", ("fa", "Latn")),
        ("kk-Arab", "", ("kk", "Arab")),
        ("kk", "", ("kk", "Cyrl")),  # the usual script
        ("en", "شاهنامه", ("en", "Arab")),  # a tag inherited from the document: the letters win
        ("chg", "", ("chg", "")),
        ("und-Latn", "", ("", "Latn")),
        ("ar-Latn-x-lc", "", ("ar-x-lc", "Latn")),
        ("", "", ("", "")),
    ],
)
def test_language_tags_split_into_language_and_script(
    tag: str, text: str, expected: tuple[str, str]
) -> None:
    assert split_language_tag(tag, text) == expected


def test_a_language_that_carries_its_script_reads_back_split() -> None:
    record = replace(minimal(), titles=[Title("Dīvān-i Ḥāfiẓ", "fa-Latn", "Latn", "romanised")])
    assert only(write_tei([record])).titles == [Title("Dīvān-i Ḥāfiẓ", "fa", "Latn", "romanised")]


@pytest.mark.parametrize(
    "style, path",
    [
        ("nastaliq", "tei:handDesc/tei:handNote"),
        ("lithographic_nastaliq", "tei:handDesc/tei:handNote"),  # a hand, lithographed
        ("cyrillic_type", "tei:typeDesc/tei:typeNote"),
        ("arabic_type", "tei:typeDesc/tei:typeNote"),
    ],
)
def test_hands_go_in_hand_description_and_type_in_type_description(style: str, path: str) -> None:
    record = replace(minimal(), physical=Physical(script_style=style))
    assert xpath(tei_element(record), f"string(//tei:physDesc/{path}/@script)") == style
    assert only(write_tei([record])).physical.script_style == style


@pytest.mark.parametrize(
    "material, tei_material",
    [
        ("paper", "chart"),
        ("parchment", "perg"),
        ("palm_leaf", "palm"),
        ("silk", "silk"),
        ("mixed", "mixed"),
        ("other", "other"),
    ],
)
def test_materials_use_the_schemas_values(material: str, tei_material: str) -> None:
    record = replace(minimal(), physical=Physical(material=material))
    assert xpath(tei_element(record), "string(//tei:supportDesc/@material)") == tei_material
    assert only(write_tei([record])).physical.material == material


@pytest.mark.parametrize(
    "build, form",
    [(shahnama, "codex"), (kazakh_chrestomathy, "codex"), (farman, None)],
)
def test_bound_volumes_are_codices_and_documents_say_no_form(
    build: Callable[[], Record], form: str | None
) -> None:
    [description] = xpath(tei_element(build()), "//tei:msDesc/tei:physDesc/tei:objectDesc")
    assert description.get("form") == form


def test_only_a_last_acquisition_becomes_the_acquisition_element() -> None:
    marks = [
        ProvenanceMark("acquisition", "Bought by the Majlis Library.", "۱۳۱۰ ش"),
        ProvenanceMark("seal", "وقف کتابخانه مجلس"),
        ProvenanceMark("acquisition", "Transferred to NLAI.", "۱۳۵۲ ش"),
    ]
    record = replace(minimal(), provenance=marks)
    history = xpath(tei_element(record), "//tei:msDesc/tei:history/*")
    assert [(etree.QName(e).localname, e.get("type")) for e in history] == [
        ("provenance", "acquisition"),
        ("provenance", "seal"),
        ("acquisition", None),
    ]
    assert only(write_tei([record])).provenance == marks


def test_parts_carry_their_own_identifier_contents_physical_description_and_origin() -> None:
    [first, second] = xpath(tei_element(majmua()), "//tei:msDesc/tei:msPart")
    part = {
        "label": xpath(first, "string(tei:msIdentifier/tei:altIdentifier[@type='partial'])"),
        "locus": xpath(first, "string(tei:head/tei:locus)"),
        "items": xpath(first, "count(tei:msContents/tei:msItem)"),
        "leaves": xpath(first, "string(.//tei:measure[@type='leaves']/@quantity)"),
        "date": xpath(first, "string(tei:history/tei:origin/tei:origDate)"),
        "place": xpath(second, "string(tei:history/tei:origin/tei:origPlace)"),
    }
    assert part == {
        "label": "Part I",
        "locus": "ff. 1r–48v",
        "items": 1,
        "leaves": "48",
        "date": "late 10th century AH",
        "place": "یزد",
    }


# Reading what partners write --------------------------------------------------------------


def test_a_partners_tei_is_read_with_its_own_conventions() -> None:
    record = only((SAMPLES / "partner_divan_i_hikmat.xml").read_bytes())
    assert (record.institution, record.shelfmark, record.former_shelfmarks) == (
        "KZ-NALRK",
        "Қ-112",
        ["Inv. 3312"],
    )
    # The head is prose; its language is the document's.
    assert record.titles == [Title("Dīvān-i ḥikmat; Central Asia, 19th century", "en", "Latn")]
    assert record.languages == ["chg"]
    assert [(c.locus, c.title, c.language, c.author) for c in record.contents] == [
        ("ff. 1v–98r", "دیوان حکمت", "chg", "Yasavī, Khvāja Aḥmad"),  # nested msItems,
        ("ff. 98v–100r", "مناجات", "fa", ""),  # each a content
    ]
    assert record.physical == Physical(
        material="paper",
        height_mm=215,  # 21.5 cm
        width_mm=130,
        lines_per_page=15,  # "15 17": the first figure
        script_style="nastaliq",
        decoration="Simple headpiece on f. 1v.\nHeadings in red.",
        binding="Leather over pasteboard, worn.",
        extent_as_written="ii + 100 + ii ff.",
    )
    assert (record.date_as_written, record.date_earliest_year, record.date_latest_year) == (
        "1270 AH",
        1853,
        1854,
    )
    assert record.provenance == [
        ProvenanceMark("other", "Ownership note of ملا عبدالله on f. 1r."),
        ProvenanceMark("acquisition", "Transferred from the Institute of Oriental Studies, 1991."),
    ]


@pytest.mark.parametrize(
    "name, agent",
    [
        (
            '<name role="author" xml:lang="ar-Latn">Ibn Sīnā<date>d. 428 AH</date></name>',
            AgentRef("author", [Text("Ibn Sīnā", "ar", "Latn")], dates="d. 428 AH"),
        ),
        (
            '<name type="org" role="printer"><orgName xml:lang="ru">Типографія</orgName></name>',
            AgentRef("printer", [Text("Типографія", "ru", "Cyrl")], "corporate"),
        ),
        ('<name role="scribe"><date>d. 1020</date></name>', AgentRef("scribe", dates="d. 1020")),
    ],
)
def test_an_agent_is_read_from_its_name_forms_or_its_own_text(name: str, agent: AgentRef) -> None:
    description = (
        f"<msDesc><msIdentifier><idno>MS 1</idno></msIdentifier><head>{name}</head></msDesc>"
    )
    assert only(tei_document(description)).agents == [agent]


def test_a_bad_description_is_reported_and_reading_goes_on() -> None:
    parsed = list(read_tei((SAMPLES / "corpus_with_bad_descriptions.xml").read_bytes()))
    assert [(p.position, p.record is not None, p.label) for p in parsed] == [
        (1, True, "MS 5-03318"),
        (2, False, "بوستان"),  # no shelfmark: named by its title
        (3, False, "MS 5-04410"),
        (4, True, "СК-1879-01"),
    ]
    assert parsed[1].error == "msDesc/msIdentifier: no idno, so no shelfmark"
    assert parsed[2].error == (
        "msDesc/physDesc/objectDesc/supportDesc/extent/dimensions/height: “tall” is not a number"
    )
    assert parsed[3].record is not None and parsed[3].record.kind == "printed_book"


@pytest.mark.parametrize(
    "description, error",
    [
        ("<msDesc><head>گلستان</head></msDesc>", "msDesc: no msIdentifier, so no shelfmark"),
        (
            "<msDesc><msIdentifier><idno> </idno></msIdentifier></msDesc>",
            "msDesc/msIdentifier/idno: empty, so no shelfmark",
        ),
        (
            "<msDesc><msIdentifier><idno>MS 1</idno></msIdentifier><history><origin>"
            '<origDate when="1010 AH">۱۰۱۰</origDate></origin></history></msDesc>',
            "msDesc/history/origin/origDate/@when: “1010 AH” is not a Gregorian year",
        ),
        (
            "<msDesc><msIdentifier><idno>MS 1</idno></msIdentifier><physDesc><objectDesc>"
            '<supportDesc><extent><measure type="leaves" quantity="many"/></extent>'
            "</supportDesc></objectDesc></physDesc></msDesc>",
            "msDesc/physDesc/objectDesc/supportDesc/extent/measure: “many” is not a whole number",
        ),
    ],
)
def test_a_description_that_cannot_be_read_names_the_element_and_the_reason(
    description: str, error: str
) -> None:
    [parsed] = read_tei(tei_document(description))
    assert (parsed.position, parsed.record, parsed.error) == (1, None, error)


def test_record_from_msdesc_takes_only_an_msdesc() -> None:
    with pytest.raises(FormatError, match="msIdentifier>: not a TEI msDesc"):
        record_from_msdesc(etree.Element(f"{{{TEI_NS}}}msIdentifier"))


def test_a_document_without_descriptions_gives_no_records() -> None:
    assert list(read_tei(tei_document("<p>A born-digital text.</p>"))) == []


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE TEI [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<TEI xmlns="http://www.tei-c.org/ns/1.0">&lol3;</TEI>"""


@pytest.mark.parametrize(
    "data",
    [
        f'<!DOCTYPE TEI><TEI xmlns="{TEI_NS}"/>',
        f'<!DOCTYPE TEI SYSTEM "file:///etc/passwd"><TEI xmlns="{TEI_NS}"/>',
        f'<!DOCTYPE TEI [<!ENTITY place "Tehran">]><TEI xmlns="{TEI_NS}"/>',
        f'<!DOCTYPE TEI [<!ENTITY x SYSTEM "file:///etc/passwd">]><TEI xmlns="{TEI_NS}">&x;</TEI>',
        BILLION_LAUGHS,
    ],
    ids=["doctype", "external-dtd", "declared-entity", "external-entity", "billion-laughs"],
)
def test_a_document_with_a_doctype_or_entities_is_refused(data: str) -> None:
    with pytest.raises(FormatError, match="DOCTYPE|entit"):
        read_tei(data.encode())


@pytest.mark.parametrize(
    "data, error",
    [
        (b"<TEI><teiHeader/></TEI>", "root is <TEI> in no namespace"),
        (b'<collection xmlns="http://www.loc.gov/MARC21/slim"/>', "root is <collection>"),
        (b"<TEI xmlns='http://www.tei-c.org/ns/1.0'><teiHeader>", "not well-formed"),
    ],
)
def test_a_document_that_is_not_tei_is_refused_at_once(data: bytes, error: str) -> None:
    with pytest.raises(FormatError, match=error):
        read_tei(data)


def test_the_module_does_not_import_django() -> None:
    check = "import sys, nuskha.catalogue.formats.tei; sys.exit('django' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
