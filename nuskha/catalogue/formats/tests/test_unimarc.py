"""UNIMARC import (formats/unimarc.py): ISO 2709 and XML framing, character sets, and the
crosswalk field by field. Plain tests, no database; records are built with pymarc, and the
sample files in samples/unimarc/ are read whole."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pymarc
import pytest

from nuskha.catalogue.formats.record import FormatError, Record
from nuskha.catalogue.formats.tests.samples.unimarc.build_samples import iso2709
from nuskha.catalogue.formats.unimarc import (
    read_unimarc,
    read_unimarc_xml,
    record_from_unimarc,
)

SAMPLES = Path(__file__).parent / "samples" / "unimarc"
ZWNJ = "\u200c"
ARABIC_YEH = "\u064a"
ARABIC_KAF = "\u0643"


# Builders ------------------------------------------------------------------------------


def general(
    date_type: str = "d",
    date1: str = "1900",
    date2: str = "    ",
    sets: str = "50  ",
    script: str = "ba",
) -> str:
    """100 $a, its 36 positions: entered, type of date, dates, ..., character sets, script."""
    value = f"20230115{date_type}{date1}{date2}   y0pery{sets}    {script}"
    assert len(value) == 36
    return value


def df(spec: str) -> pymarc.Field:
    """A data field from catalogue shorthand: "200 1#$aTitle$eOther" (# is a blank)."""
    head, *parts = spec.split("$")
    indicators = head[4:6].replace("#", " ")
    return pymarc.Field(
        tag=head[:3],
        indicators=pymarc.Indicators(*indicators),
        subfields=[pymarc.Subfield(part[0], part[1:]) for part in parts],
    )


def cf(tag: str, data: str) -> pymarc.Field:
    return pymarc.Field(tag=tag, data=data)


def marc(*fields: pymarc.Field, record_type: str = "a", title: bool = True) -> pymarc.Record:
    """A UNIMARC record: its leader, the fields given, and a 200 unless one is given."""
    record = pymarc.Record(leader=f"00000n{record_type}m0 2200000 i 450 ")
    if title and not any(field.tag == "200" for field in fields):
        record.add_field(df("200 1#$aTitle"))
    for field in fields:
        record.add_field(field)
    return record


def crosswalk(*fields: pymarc.Field, record_type: str = "a") -> Record:
    return record_from_unimarc(marc(*fields, record_type=record_type))


def read_one(data: bytes) -> Record:
    [parsed] = list(read_unimarc(data))
    assert parsed.record is not None, parsed.error
    return parsed.record


def error_of(data: bytes) -> str:
    [parsed] = list(read_unimarc(data))
    assert parsed.record is None
    return parsed.error


def sample(name: str) -> bytes:
    return (SAMPLES / name).read_bytes()


# The sample files ------------------------------------------------------------------------


def test_iranmarc_manuscript_sample_is_read_whole() -> None:
    [parsed] = list(read_unimarc(sample("iranmarc-manuscript.mrc")))
    record = parsed.record
    assert record is not None
    assert (parsed.position, parsed.label) == (1, "3712458")
    assert record.control_number == "3712458"
    assert record.kind == "manuscript"
    assert (record.institution, record.shelfmark) == ("IR-NLAI", "5-12345")
    assert record.languages == ["fa"] and record.scripts == ["Arab"]
    assert (record.date_earliest_year, record.date_latest_year) == (1601, 1602)
    assert (record.place_as_written, record.date_as_written) == ("اصفهان", "۱۰۱۰ق.")
    assert [(a.role, a.names[0].text) for a in record.agents] == [
        ("author", "حافظ، شمس\u200cالدین محمد"),
        ("scribe", "تبریزی، محمدرحیم"),
        ("owner", "عباس اول، شاه ایران"),
        ("commentator", "سودی، محمد"),
    ]
    assert record.identifier_url == "https://opac.nlai.ir/opac-prod/bibliographic/3712458"
    assert record.source_format == "unimarc"
    assert record.source == sample("iranmarc-manuscript.mrc")


def test_zwnj_and_arabic_letter_yeh_and_kaf_survive_exactly() -> None:
    record = read_one(sample("iranmarc-manuscript.mrc"))
    proper = record.titles[0].text
    assert proper == "ديوان حافظ : گزیده\u200cای از غزليات"
    assert ARABIC_YEH in proper and ZWNJ in proper and "\u06cc" in proper
    assert record.contents[0].title == "دل می\u200cرود ز دستم صاحب\u200cدلان خدا را"
    assert ARABIC_KAF in record.contents[1].title
    assert record.notes[0].endswith("سروده شمس\u200cالدین محمد حافظ شیرازی ; کتابت محمدرحیم تبریزی")


def test_rusmarc_printed_book_sample_is_read_whole() -> None:
    record = read_one(sample("rusmarc-printed-book.mrc"))
    assert record.kind == "printed_book"
    assert record.languages == ["ru", "kk"] and record.scripts == ["Cyrl"]
    assert [(t.text, t.language, t.title_type) for t in record.titles] == [
        (
            "Киргизская хрестоматия : пособие к изучению русского языка для киргизов",
            "ru",
            "uniform",
        ),
        ("Қазақ хрестоматиясы", "kk", "translated"),
    ]
    assert record.shelfmark == "Р2/1879/А52"  # from 899, RUSMARC's local holdings
    assert record.physical.page_count == 162 and record.physical.height_mm == 220
    assert "Казахский язык -- Хрестоматии -- Казахстан -- 19 в." in record.subjects


def test_authors_with_dates_sample_keeps_dates_and_linked_romanised_forms() -> None:
    record = read_one(sample("unimarc-authors-with-dates.mrc"))
    author, editor = record.agents[:2]
    assert [(n.text, n.form) for n in author.names] == [
        ("ابن سينا", "preferred"),
        ("Ibn Sīnā", "romanised"),
    ]
    assert (author.role, author.dates) == ("author", "980-1037")
    assert (editor.role, editor.dates) == ("editor", "1536-1614")
    assert record.physical.page_count == 540  # [2], 535, [3] p.


def test_a_bad_record_in_the_middle_is_reported_and_the_others_are_read() -> None:
    parsed = list(read_unimarc(sample("three-records-one-broken.mrc")))
    assert [p.position for p in parsed] == [1, 2, 3]
    assert [p.label for p in parsed] == ["3712458", "FRBNF30642016", "KZ-NALRK-000345678"]
    assert parsed[0].record is not None and parsed[2].record is not None
    assert parsed[1].record is None
    assert parsed[1].error.startswith("200: ")
    assert "directory" in parsed[1].error


def test_unimarc_xml_gives_the_records_iso_2709_gives() -> None:
    from_xml = [p.record for p in read_unimarc_xml(sample("unimarc.xml"))]
    from_iso = [
        read_one(sample("iranmarc-manuscript.mrc")),
        read_one(sample("rusmarc-printed-book.mrc")),
    ]
    for record in from_xml + from_iso:
        assert record is not None
        assert record.source
        record.source = b""
    assert from_xml == from_iso


def test_an_xml_file_given_to_read_unimarc_is_read_as_xml() -> None:
    parsed = list(read_unimarc(sample("unimarc.xml")))
    assert [p.label for p in parsed] == ["3712458", "KZ-NALRK-000345678"]
    assert parsed[0].record is not None and parsed[0].record.source.startswith(b"<record")


def test_xml_that_is_not_well_formed_is_one_error() -> None:
    [parsed] = list(read_unimarc_xml(b"<collection><record>"))
    assert parsed.record is None and "not well-formed" in parsed.error


def test_an_xml_record_without_a_leader_is_refused_naming_the_leader() -> None:
    xml = (
        b'<record xmlns="http://www.loc.gov/MARC21/slim">'
        b'<controlfield tag="001">7</controlfield></record>'
    )
    [parsed] = list(read_unimarc_xml(xml))
    assert parsed.record is None and parsed.error.startswith("leader: ")
    assert parsed.label == "7"


# Character sets ----------------------------------------------------------------------------


def persian(sets: str, encoding: str, leader_09: str = " ") -> bytes:
    record = marc(
        cf("001", "1100457"),
        df(f"100 ##$a{general(sets=sets, script='fa')}"),
        df("101 0#$aper"),
        df(f"200 1#$aگلستان سعدي$eنسخه{ZWNJ}اي كهن"),
    )
    data = iso2709(record, encoding)
    return data[:9] + leader_09.encode() + data[10:]


@pytest.mark.parametrize("declared", ["50  ", "0189", "01  ", "03  ", "    "])
def test_utf8_bytes_are_read_as_utf8_whatever_100_declares(declared: str) -> None:
    record = read_one(persian(declared, "utf-8"))
    assert record.titles[0].text == f"گلستان سعدي : نسخه{ZWNJ}اي كهن"


@pytest.mark.parametrize("declared", ["50  ", "01  ", "    ", "03  "])
def test_a_legacy_persian_record_that_is_not_utf8_is_read_as_windows_1256(
    declared: str,
) -> None:
    record = read_one(persian(declared, "cp1256"))
    assert record.titles[0].text == f"گلستان سعدي : نسخه{ZWNJ}اي كهن"


def test_leader_09_a_does_not_make_a_windows_1256_record_utf8() -> None:
    record = read_one(persian("50  ", "cp1256", leader_09="a"))
    assert record.titles[0].text.startswith("گلستان")


def test_the_legacy_cp1256_sample_keeps_arabic_yeh_and_zwnj() -> None:
    record = read_one(sample("iranmarc-legacy-cp1256.mrc"))
    assert record.titles[0].text == f"گلستان سعدي : نسخه{ZWNJ}اي از قرن سيزدهم"
    assert record.physical.leaf_count == 120
    assert record.agents[0].names[0].text == "سعدي، مصلح بن عبدالله"


def test_a_rusmarc_0189_record_is_read_as_windows_1251() -> None:
    record = read_one(sample("rusmarc-legacy-cp1251.mrc"))
    assert record.titles[0].text.startswith("Пространство для книги : руководство")
    assert [(a.role, a.names[0].text) for a in record.agents[:2]] == [
        ("author", "Гаскюэль, Ж."),
        ("translator", "Рунова, М."),
    ]


def test_a_latin_record_in_a_set_python_cannot_decode_is_refused_naming_100() -> None:
    record = marc(
        df(f"100 ##$a{general(sets='03  ')}"), df("101 0#$afre"), df("200 1#$aLivre d'\xe9t\xe9")
    )
    error = error_of(iso2709(record, "latin-1"))
    assert error.startswith("100: ") and "ISO 5426" in error


# Framing and refusals ----------------------------------------------------------------------


def good_record(number: str = "42") -> bytes:
    return iso2709(marc(cf("001", number), df("200 1#$aKitab")))


def with_bytes(data: bytes, start: int, replacement: bytes) -> bytes:
    return data[:start] + replacement + data[start + len(replacement) :]


@pytest.mark.parametrize(
    ("spoil", "error_starts"),
    [
        (lambda d: with_bytes(d, 0, b"00999"), "leader: gives the record length as 999"),
        (lambda d: with_bytes(d, 0, b"0x0ab"), "leader: the record length '0x0ab'"),
        (lambda d: with_bytes(d, 12, b"0abcd"), "leader: the base address '0abcd'"),
        (lambda d: with_bytes(d, 12, b"99999"), "leader: the base address 99999"),
        (lambda d: with_bytes(d, 36 + 3, b"0099"), "200: the directory puts the field"),
        (lambda d: with_bytes(d, 36 + 3, b"0002"), "200: the field does not end"),
        (lambda d: with_bytes(d, 36 + 3, b"00x9"), "directory: entry 2"),
        (lambda d: d[:-1], "leader: the file ends"),
    ],
)
def test_a_record_whose_bytes_do_not_add_up_is_refused_naming_where(
    spoil: Callable[[bytes], bytes], error_starts: str
) -> None:
    data = spoil(good_record())
    [parsed] = list(read_unimarc(data))
    assert parsed.record is None
    assert parsed.error.startswith(error_starts), parsed.error
    assert parsed.label == "42"


def test_a_record_without_200_is_refused_naming_200() -> None:
    data = iso2709(marc(cf("001", "9"), df("101 0#$aper"), title=False))
    [parsed] = list(read_unimarc(data))
    assert parsed.record is None and parsed.label == "9"
    assert parsed.error.startswith("200: the record has no title field")


def test_a_200_without_a_title_proper_is_refused() -> None:
    with pytest.raises(FormatError, match=r"^200: no title proper"):
        crosswalk(df("200 1#$eonly other title information$a  "))


def test_reading_goes_on_after_a_refused_record() -> None:
    refused = iso2709(marc(cf("001", "2"), title=False))
    parsed = list(read_unimarc(good_record("1") + refused + good_record("3")))
    assert [(p.position, p.label, p.record is None) for p in parsed] == [
        (1, "1", False),
        (2, "2", True),
        (3, "3", False),
    ]


def test_line_breaks_between_records_are_not_records() -> None:
    data = b"\r\n" + good_record("1") + b"\r\n\n" + good_record("2") + b"\r\n\x1a"
    assert [p.label for p in read_unimarc(data)] == ["1", "2"]


def test_an_empty_file_has_no_records() -> None:
    assert list(read_unimarc(b"")) == []


def test_a_stray_record_terminator_is_not_a_record() -> None:
    data = good_record("1") + b"\x1d\n" + good_record("2")
    assert [p.label for p in read_unimarc(data)] == ["1", "2"]


def test_indicators_that_are_not_ascii_are_refused_naming_the_field() -> None:
    data = good_record()
    start = data.index(b"\x1faKitab") - 2
    error = error_of(with_bytes(data, start, "é".encode()))
    assert error.startswith("200: its indicators")


def test_an_xml_file_with_a_byte_order_mark_is_read_as_xml() -> None:
    data = b"\xef\xbb\xbf" + sample("unimarc.xml")
    assert [p.label for p in read_unimarc(data)] == ["3712458", "KZ-NALRK-000345678"]


# Kind --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("record_type", "fields", "kind"),
    [
        ("b", [], "manuscript"),
        ("d", [], "manuscript"),
        ("f", [], "manuscript"),
        ("a", [], "printed_book"),
        ("a", [df("105 ##$ay   z   000yy")], "printed_book"),
        ("a", [df("106 ##$ar")], "printed_book"),
        ("a", [df("106 ##$ah")], "manuscript"),
        ("c", [], "printed_book"),
        ("a", [df("300 ##$aچاپ سنگی.")], "lithograph"),
        ("a", [df("215 ##$a۳۲۰ ص.$cچاپ\u200cسنگی")], "lithograph"),
        ("a", [df("300 ##$aЛитографированное издание")], "lithograph"),
        ("a", [df("300 ##$aLithographed in Tabriz")], "lithograph"),
    ],
)
def test_kind_follows_leader_06_and_106(
    record_type: str, fields: list[pymarc.Field], kind: str
) -> None:
    assert crosswalk(*fields, record_type=record_type).kind == kind


def test_a_type_of_record_nuskha_does_not_catalogue_is_refused_naming_leader_06() -> None:
    with pytest.raises(FormatError, match=r"^leader/06: type of record 'g' \(projected"):
        crosswalk(record_type="g")


# Titles ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title_field", "text", "title_type"),
    [
        ("200 1#$aШахнаме", "Шахнаме", "uniform"),
        ("200 1#$aشاهنامه$eحماسه ملی ایران", "شاهنامه : حماسه ملی ایران", "uniform"),
        ("200 1#$aGulistān$aBūstān", "Gulistān ; Būstān", "uniform"),
        ("200 1#$aTārīkh$hJild 2$iDawlat-i Ṣafavī", "Tārīkh. Jild 2, Dawlat-i Ṣafavī", "uniform"),
        ("200 0#$a[Majmūʿa-yi rasāʾil]", "[Majmūʿa-yi rasāʾil]", "supplied"),
        ("200 1#$aDīvān /$eghazaliyyāt :", "Dīvān : ghazaliyyāt", "uniform"),
        ("200 1#$a\x88The \x89Book of Kings", "The Book of Kings", "uniform"),
        ("200 1#$a\x1bHThe \x1bIBook of Kings", "The Book of Kings", "uniform"),
    ],
)
def test_200_gives_the_title_proper(title_field: str, text: str, title_type: str) -> None:
    proper = crosswalk(df(title_field)).titles[0]
    assert (proper.text, proper.title_type, proper.form) == (text, title_type, "preferred")


def test_the_title_proper_takes_the_first_language_and_its_script() -> None:
    record = crosswalk(df("101 0#$aper$aara"), df("200 1#$aدیوان حافظ"))
    assert (record.titles[0].language, record.titles[0].script) == ("fa", "Arab")


def test_200_parallel_titles_take_the_language_of_their_z() -> None:
    record = crosswalk(
        df("200 1#$aКиргизская хрестоматия$dҚазақ хрестоматиясы$zkaz$dQazaq khrestomatiiasy$zkaz")
    )
    assert [(t.text, t.language, t.title_type, t.form) for t in record.titles[1:]] == [
        ("Қазақ хрестоматиясы", "kk", "translated", "translated"),
        ("Qazaq khrestomatiiasy", "kk", "translated", "translated"),
    ]


def test_a_repeated_200_in_latin_script_is_the_romanised_title() -> None:
    record = crosswalk(df("200 1#$aشاهنامه"), df("200 1#$6a01$7ba$aShāhnāma"))
    assert (record.titles[1].text, record.titles[1].form) == ("Shāhnāma", "romanised")
    assert record.titles[1].title_type == "romanised"


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        ("500 10$aShāhnāma$mper", ("Shāhnāma", "uniform", "variant", "fa")),
        ("500 10$aBible$lSelections$mara", ("Bible. Selections", "uniform", "variant", "ar")),
        ("510 1#$aThe Book of Kings$zeng", ("The Book of Kings", "translated", "translated", "en")),
        ("512 1#$aشاهنامه فردوسی", ("شاهنامه فردوسی", "uniform", "variant", "fa")),
        ("514 1#$aکتاب شاهنامه", ("کتاب شاهنامه", "uniform", "variant", "fa")),
        ("517 1#$aنامه باستان", ("نامه باستان", "uniform", "variant", "fa")),
        ("532 1#$aشاهنامه ابوالقاسم", ("شاهنامه ابوالقاسم", "uniform", "variant", "fa")),
        ("540 1#$aحماسه ملی", ("حماسه ملی", "supplied", "variant", "fa")),
        ("541 1#$aКнига царей$zrus", ("Книга царей", "translated", "translated", "ru")),
        ("541 1#$aKings", ("Kings", "translated", "translated", "")),
    ],
)
def test_5xx_titles_become_titles(field: str, expected: tuple[str, str, str, str]) -> None:
    added = crosswalk(df("101 0#$aper"), df("200 1#$aشاهنامه"), df(field)).titles[1]
    assert (added.text, added.title_type, added.form, added.language) == expected


# Languages and scripts ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("codes", "languages"),
    [
        ("$aper", ["fa"]),
        ("$afas", ["fa"]),
        ("$aara", ["ar"]),
        ("$akaz", ["kk"]),
        ("$arus", ["ru"]),
        ("$achg", ["chg"]),
        ("$atur", ["tr"]),
        ("$aeng", ["en"]),
        ("$auzb", ["uz"]),
        ("$aota", ["ota"]),
        ("$axal", ["xal"]),  # Kalmyk: not in the catalogue's list, kept as given
        ("$aper$aara$aper", ["fa", "ar"]),
        ("$aperara", ["fa", "ar"]),
        ("$aPER", ["fa"]),
    ],
)
def test_101_languages_become_bcp_47_tags(codes: str, languages: list[str]) -> None:
    assert crosswalk(df(f"101 0#{codes}")).languages == languages


@pytest.mark.parametrize(
    ("script_of_title", "scripts"),
    [("fa", ["Arab"]), ("ca", ["Cyrl"]), ("ba", ["Latn"]), ("zz", []), ("  ", [])],
)
def test_100_script_of_title_gives_the_script(script_of_title: str, scripts: list[str]) -> None:
    assert crosswalk(df(f"100 ##$a{general(script=script_of_title)}")).scripts == scripts


# Dates -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("date_type", "date1", "date2", "years"),
    [
        ("d", "1879", "    ", (1879, 1879)),
        ("f", "1601", "1602", (1601, 1602)),
        ("f", "16  ", "    ", (1600, 1699)),
        ("f", "18--", "    ", (1800, 1899)),
        ("f", "17??", "1850", (1700, 1850)),
        ("g", "1850", "1862", (1850, 1862)),
        ("a", "1907", "9999", (1907, None)),
        ("h", "1593", "1590", (1593, 1593)),  # date 2: the privilege, not the span
        ("j", "1850", "0412", (1850, 1850)),  # date 2: month and day
        ("e", "1975", "1601", (1975, 1975)),  # a reproduction: date 2 is the original's
        ("u", "    ", "    ", (None, None)),
        ("d", "    ", "    ", (None, None)),
        ("d", "||||", "    ", (None, None)),
        ("f", "1850", "1700", (1850, None)),  # a range that ends before it begins
    ],
)
def test_100_dates_give_the_earliest_and_latest_years(
    date_type: str, date1: str, date2: str, years: tuple[int | None, int | None]
) -> None:
    record = crosswalk(df(f"100 ##$a{general(date_type, date1, date2)}"))
    assert (record.date_earliest_year, record.date_latest_year) == years


def test_a_record_without_100_has_no_years() -> None:
    record = crosswalk()
    assert (record.date_earliest_year, record.date_latest_year) == (None, None)


# Agents ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "role", "relator_term"),
    [
        ("070", "author", ""),
        ("730", "translator", ""),
        ("212", "commentator", ""),
        ("210", "commentator", ""),
        ("340", "editor", ""),
        ("700", "scribe", ""),
        ("170", "scribe", ""),
        ("390", "owner", ""),
        ("610", "printer", ""),
        ("510", "printer", ""),
        ("440", "illuminator", ""),
        ("430", "illuminator", ""),
        ("723", "patron", ""),
        ("110", "binder", ""),
        ("220", "", "compiler"),
        ("650", "", "publisher"),
        ("999", "", "relator code 999"),
        ("хаттаушы", "", "хаттаушы"),
    ],
)
def test_relator_codes_become_roles(code: str, role: str, relator_term: str) -> None:
    [agent] = crosswalk(df(f"702 #1$aТабризи$bМухаммад Рахим$4{code}")).agents
    assert (agent.role, agent.relator_term) == (role, relator_term)


def test_700_primary_responsibility_without_a_code_is_the_author() -> None:
    [agent] = crosswalk(df("700 #1$aفردوسی$bابوالقاسم$f۳۲۹-۴۱۶ق.")).agents
    assert (agent.role, agent.kind, agent.dates) == ("author", "person", "۳۲۹-۴۱۶ق.")
    assert agent.names[0].text == "فردوسی، ابوالقاسم"


def test_701_alternative_author_becomes_an_author() -> None:
    record = crosswalk(df("700 #1$aIlf$bI.$f1897-1937"), df("701 #1$aPetrov$bE.$f1903-1942"))
    assert [(a.role, a.names[0].text, a.dates) for a in record.agents] == [
        ("author", "Ilf, I.", "1897-1937"),
        ("author", "Petrov, E.", "1903-1942"),
    ]


def test_702_without_a_code_is_kept_as_secondary_responsibility() -> None:
    [agent] = crosswalk(df("702 #1$aПоспелов$bД. А.")).agents
    assert (agent.role, agent.relator_term) == ("", "secondary responsibility")


def test_each_relator_code_of_a_name_is_a_role() -> None:
    record = crosswalk(df("700 #1$aJāmī$bʿAbd al-Raḥmān$4070$4700"))
    assert [a.role for a in record.agents] == ["author", "scribe"]


def test_080_author_of_introduction_becomes_a_note_not_an_agent() -> None:
    record = crosswalk(df("702 #1$aMinovi$bMojtaba$f1903-1977$4080"))
    assert record.agents == []
    assert record.notes == ["Author of introduction: Minovi, Mojtaba (1903-1977)"]


@pytest.mark.parametrize(
    ("field", "name"),
    [
        ("700 #1$aBābur$cemperor of Hindustan", "Bābur, emperor of Hindustan"),
        ("700 #0$aعباس$dاول$cشاه ایران", "عباس اول، شاه ایران"),
        ("700 #1$aАлтынсарин$bИ.", "Алтынсарин, И."),
        ("700 #0$aAbū Saʿīd", "Abū Saʿīd"),
    ],
)
def test_personal_names_are_joined_as_written(field: str, name: str) -> None:
    assert crosswalk(df(field)).agents[0].names[0].text == name


def test_expanded_forenames_give_a_variant_name() -> None:
    [agent] = crosswalk(df("700 #1$aАлтынсарин$bИ.$gИбрай")).agents
    assert [(n.text, n.form, n.script) for n in agent.names] == [
        ("Алтынсарин, И.", "preferred", "Cyrl"),
        ("Алтынсарин, Ибрай", "variant", "Cyrl"),
    ]


def test_an_authority_number_is_kept_as_an_identifier() -> None:
    [agent] = crosswalk(df("700 #1$aحافظ$3IRa1234567$4070")).agents
    assert agent.identifiers == {"authority": "IRa1234567"}


@pytest.mark.parametrize(
    ("field", "role", "name"),
    [
        ("710 02$aНациональная библиотека$bОтдел рукописей", "author", None),
        ("711 12$aKongre$d3$eTehran$f1990", "author", "Kongre (3 ; Tehran ; 1990)"),
        ("712 02$aکتابخانه ملی$4390", "owner", "کتابخانه ملی"),
        ("712 02$aTypographia Medicea$4610", "printer", "Typographia Medicea"),
    ],
)
def test_710_to_712_corporate_names_become_corporate_agents(
    field: str, role: str, name: str | None
) -> None:
    [agent] = crosswalk(df(field)).agents
    assert (agent.kind, agent.role) == ("corporate", role)
    assert agent.names[0].text == (name or "Национальная библиотека. Отдел рукописей")


# Publication -------------------------------------------------------------------------------


def test_210_gives_place_date_and_the_printer() -> None:
    record = crosswalk(df("210 ##$aТегеран$cКарханэ-йи Басмэ$d1267 х."))
    assert (record.place_as_written, record.date_as_written) == ("Тегеран", "1267 х.")
    [printer] = record.agents
    assert (printer.role, printer.kind, printer.names[0].text) == (
        "printer",
        "corporate",
        "Карханэ-йи Басмэ",
    )


def test_210_manufacturer_is_a_printer_too() -> None:
    record = crosswalk(df("210 ##$aМосква$cНаука$d1970$eЛенинград$gТип. № 1"))
    assert [a.names[0].text for a in record.agents] == ["Наука", "Тип. № 1"]


@pytest.mark.parametrize("unknown", ["s.n.", "[s.n.]", "б. и.", "بی\u200cنا", "[بی\u200cنا]"])
def test_an_unknown_publisher_is_not_an_agent(unknown: str) -> None:
    assert crosswalk(df(f"210 ##$aتهران$c{unknown}$d۱۳۲۰")).agents == []


def test_a_manuscript_has_no_printer() -> None:
    record = crosswalk(df("210 #1$aاصفهان$cکتابخانه شاهی$d۱۰۱۰ق."), record_type="b")
    assert record.agents == [] and record.place_as_written == "اصفهان"


def test_214_production_statement_fills_what_210_lacks() -> None:
    record = crosswalk(
        df("214 #3$aTabriz$cMatbaʿa-yi Aqā Riżā$d1290"),
        df("214 #1$aTehran$c[s.n.]$d1291"),
    )
    assert (record.place_as_written, record.date_as_written) == ("Tehran", "1291")
    assert [a.names[0].text for a in record.agents] == ["Matbaʿa-yi Aqā Riżā"]


# Physical description ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("extent", "leaves", "pages"),
    [
        ("286 л.", 286, None),
        ("286 leaves", 286, None),
        ("ff. 286", None, None),  # the count follows the unit: not read
        ("286 ff.", 286, None),
        ("۲۸۶ برگ", 286, None),
        ("[۲۸۶] گ.", 286, None),
        ("120 ورق", 120, None),
        ("286 парақ", 286, None),
        ("349 с.", None, 349),
        ("VIII, 162 с.", None, 162),
        ("[2], 535, [3] p.", None, 540),
        ("1 v. (320 pages)", None, 320),
        ("۳۲۰ ص.", None, 320),
        ("۳۲۰ص", None, 320),
        ("۳۲۰ صفحه", None, 320),
        ("212 б.", None, 212),
        ("286 л. (572 с.)", 286, 572),
        ("1 v.", None, None),
    ],
)
def test_215_extent_gives_leaves_or_pages(
    extent: str, leaves: int | None, pages: int | None
) -> None:
    physical = crosswalk(df(f"215 ##$a{extent}")).physical
    assert (physical.leaf_count, physical.page_count) == (leaves, pages)
    assert physical.extent_as_written == extent


@pytest.mark.parametrize(
    ("dimensions", "height", "width"),
    [
        ("24 cm", 240, None),
        ("24 см", 240, None),
        ("24x16 см", 240, 160),
        ("24 × 16 cm", 240, 160),
        ("24 х 16 см", 240, 160),  # Cyrillic х as the times sign
        ("24,5 см", 245, None),
        ("۲۴×۱۶ س\u200cم.", 240, 160),
        ("۲۴٫۵ سم", 245, None),
        ("240 x 160 mm", 240, 160),
        ("in-8", None, None),
    ],
)
def test_215_dimensions_give_height_and_width_in_millimetres(
    dimensions: str, height: int | None, width: int | None
) -> None:
    physical = crosswalk(df(f"215 ##$a1 v.$d{dimensions}")).physical
    assert (physical.height_mm, physical.width_mm) == (height, width)


# Notes, contents, provenance, subjects --------------------------------------------------------


@pytest.mark.parametrize(
    "tag", ["300", "301", "304", "305", "306", "307", "310", "316", "320", "330", "333"]
)
def test_3xx_notes_become_notes(tag: str) -> None:
    record = crosswalk(df(f"{tag} ##$aخط نستعلیق خوش.$5IR-NLAI"))
    assert record.notes == ["خط نستعلیق خوش."]


def test_200_statement_of_responsibility_is_kept_as_a_note() -> None:
    record = crosswalk(
        df("200 1#$aПространство для книги$fЖ. Гаскюэль$fпер. М. Руновой$gред. А. Б.")
    )
    assert record.notes == [
        "Statement of responsibility: Ж. Гаскюэль ; пер. М. Руновой ; ред. А. Б."
    ]


def test_317_provenance_note_becomes_a_provenance_mark() -> None:
    record = crosswalk(df("317 ##$aوقف نمود این کتاب را شاه عباس صفوی بر آستانه شیخ صفی"))
    [mark] = record.provenance
    assert (mark.kind, mark.text) == (
        "other",
        "وقف نمود این کتاب را شاه عباس صفوی بر آستانه شیخ صفی",
    )
    assert record.notes == []


def test_327_contents_note_is_split_into_contents() -> None:
    record = crosswalk(df("327 1#$aرساله اول -- رساله دوم$aرساله سوم"))
    assert [c.title for c in record.contents] == ["رساله اول", "رساله دوم", "رساله سوم"]
    assert record.notes == []


@pytest.mark.parametrize(
    ("field", "heading"),
    [
        ("606 ##$aشعر فارسی$zقرن ۸ق.", "شعر فارسی -- قرن ۸ق."),
        (
            "606 1#$aКазахский язык$xХрестоматии$yКазахстан$z19 в.",
            "Казахский язык -- Хрестоматии -- Казахстан -- 19 в.",
        ),
        ("607 ##$aاصفهان$xتاریخ$zصفویان", "اصفهان -- تاریخ -- صفویان"),
        (
            "600 #1$aحافظ$bشمس\u200cالدین محمد$f۷۹۲ق.$xنقد و تفسیر",
            "حافظ، شمس\u200cالدین محمد، ۷۹۲ق. -- نقد و تفسیر",
        ),
        (
            "601 02$aKitābkhāna-yi Millī$bBakhsh-i nusakh$xHistory",
            "Kitābkhāna-yi Millī. Bakhsh-i nusakh -- History",
        ),
        ("608 ##$aManuscripts, Persian$jFacsimiles", "Manuscripts, Persian -- Facsimiles"),
    ],
)
def test_6xx_subjects_join_their_subdivisions(field: str, heading: str) -> None:
    assert crosswalk(df(field)).subjects == [heading]


def test_610_uncontrolled_terms_are_not_subjects() -> None:
    assert crosswalk(df("610 0#$aинформатика")).subjects == []


# Holdings, identifiers --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "shelfmark", "institution"),
    [
        (["852 ##$aIR-NLAI$j5-12345"], "5-12345", "IR-NLAI"),
        (["852 ##$aIR-NLAI$h5-12345$iالف"], "5-12345 الف", "IR-NLAI"),
        (["852 ##$aRU-RSL$bOMF2", "852 ##$aRU-RSL$bFB$jG 87/169"], "G 87/169", "RU-RSL"),
        (["899 ##$aНАБРК$jР2/1879/А52", "801 #0$aKZ$bKZ-NALRK"], "Р2/1879/А52", "KZ-NALRK"),
        (["801 #2$aKZ$bMOD", "801 #0$aKZ$bKZ-NALRK"], "", "KZ-NALRK"),
        (["852 ##$j5-1", "801 #0$aIR$bNLAI"], "5-1", "NLAI"),
        ([], "", ""),
    ],
)
def test_holdings_give_the_shelfmark_and_institution(
    fields: list[str], shelfmark: str, institution: str
) -> None:
    record = crosswalk(*(df(field) for field in fields))
    assert (record.shelfmark, record.institution) == (shelfmark, institution)


def test_856_gives_the_identifier_url_and_001_the_control_number() -> None:
    record = crosswalk(
        cf("001", " 3712458 "),
        df("856 4#$uhttps://opac.nlai.ir/3712458"),
        df("856 4#$uhttps://mirror.example/3712458"),
    )
    assert record.control_number == "3712458"
    assert record.identifier_url == "https://opac.nlai.ir/3712458"
    assert record.source_format == "unimarc" and record.source == b""
