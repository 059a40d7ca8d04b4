"""Builds the UNIMARC sample files beside it with pymarc; run it again after changing a
record (`.venv/bin/python nuskha/catalogue/formats/tests/samples/unimarc/build_samples.py`).

Plain Python, no Django. The records are illustrative: the works, authors and dates are
real, the control numbers, shelfmarks and copy details are made up. README.md says what
each file is for.
"""

from __future__ import annotations

from pathlib import Path

from pymarc import Field, Indicators, Record, Subfield, record_to_xml

HERE = Path(__file__).parent
ZWNJ = "\u200c"
MARC21_SLIM = b' xmlns="http://www.loc.gov/MARC21/slim"'


def general(
    date_type: str,
    date1: str,
    date2: str = "    ",
    language: str = "per",
    sets: str = "50  ",
    script: str = "fa",
    entered: str = "20230115",
) -> str:
    """100 $a: entered, type of date, dates, audience, codes, language of cataloguing,
    transliteration, character sets (26-29, 30-33) and script of title (34-35)."""
    value = f"{entered}{date_type}{date1}{date2}   y0{language}y{sets}    {script}"
    assert len(value) == 36, value
    return value


def df(spec: str, *more: str) -> Field:
    """A data field from catalogue shorthand, "200 1#$aTitle$eOther" (# is a blank);
    long fields may come in pieces, joined before reading."""
    head, *parts = "".join((spec, *more)).split("$")
    return Field(
        tag=head[:3],
        indicators=Indicators(*head[4:6].replace("#", " ")),
        subfields=[Subfield(part[0], part[1:]) for part in parts],
    )


def cf(tag: str, data: str) -> Field:
    return Field(tag=tag, data=data)


def record(record_type: str, *fields: Field) -> Record:
    """Leader: status n, the type, level m, hierarchy 0, leader/09 blank (UNIMARC)."""
    marc = Record(leader=f"00000n{record_type}m0 2200000 i 450 ")
    for field in fields:
        marc.add_field(field)
    return marc


def iso2709(marc: Record, encoding: str = "utf-8") -> bytes:
    """ISO 2709 in any 8-bit encoding (pymarc writes UTF-8 or MARC-8 only), leader/09
    left blank as UNIMARC has it."""
    data, directory = b"", b""
    for field in marc.fields:
        chunk = field.as_marc(encoding)
        directory += f"{field.tag}{len(chunk):04d}{len(data):05d}".encode("ascii")
        data += chunk
    directory += b"\x1e"
    base = 24 + len(directory)
    leader = str(marc.leader)
    leader = f"{base + len(data) + 1:05d}{leader[5:9]} 22{base:05d}{leader[17:]}"
    return leader.encode("ascii") + directory + data + b"\x1d"


def with_200_length_one_short(data: bytes) -> bytes:
    """The record with its directory giving the first 200 one byte too few: a broken export."""
    broken = bytearray(data)
    for start in range(24, broken.index(b"\x1e"), 12):
        if broken[start : start + 3] == b"200":
            length = int(broken[start + 3 : start + 7])
            broken[start + 3 : start + 7] = f"{length - 1:04d}".encode("ascii")
            break
    return bytes(broken)


def as_xml(*records: Record) -> bytes:
    """A MARC21 slim collection, as Koha and most UNIMARC systems export XML."""
    body = b"".join(record_to_xml(marc, namespace=True) for marc in records)
    body = body.replace(MARC21_SLIM, b"").replace(b"><", b">\n<")
    return (
        b'<?xml version="1.0" encoding="UTF-8"?>\n<collection'
        + MARC21_SLIM
        + b">\n"
        + body
        + b"\n</collection>\n"
    )


# 1. IranMARC: a Persian manuscript, UTF-8. The title proper and the uniform title spell
# yeh with Arabic ي (U+064A), and the contents note has kaf as Arabic ك (U+0643), as
# records that passed through MARC-8 do; 200 $e and $f have ZWNJ inside words.
HAFEZ = record(
    "b",
    cf("001", "3712458"),
    cf("005", "20230115093012.0"),
    df(f"100 ##$a{general('f', '1601', '1602')}"),
    df("101 0#$aper"),
    df("102 ##$aIR"),
    df(
        f"200 1#$aديوان حافظ$eگزیده{ZWNJ}ای از غزليات",
        f"$fسروده شمس{ZWNJ}الدین محمد حافظ شیرازی$gکتابت محمدرحیم تبریزی",
    ),
    df("210 #1$aاصفهان$d۱۰۱۰ق."),
    df(f"215 ##$a۲۸۶ برگ$cمذهب، مجدول$d۲۴×۱۶ س{ZWNJ}م."),
    df("300 ##$aخط نستعلیق، ۱۲ سطر در هر صفحه."),
    df(f"316 ##$aجلد تیماج قهوه{ZWNJ}ای ضربی.$5IR-NLAI"),
    df(
        "317 ##$aمهر بیضی «الواثق بالله عبده محمدباقر» در برگ ۱ر؛ ",
        "یادداشت تملک به تاریخ ۱۲۵۰ق.",
    ),
    df(
        f"327 1#$aدل می{ZWNJ}رود ز دستم صاحب{ZWNJ}دلان خدا را -- ",
        "الا يا ايها الساقي ادر كاسا و ناولها -- قطعات",
    ),
    df("500 10$aديوان$mper"),
    df("517 1#$aغزليات حافظ"),
    df(f"606 ##$aشعر فارسی$zقرن ۸ق.$jنسخه{ZWNJ}های خطی"),
    df(f"700 #1$aحافظ$bشمس{ZWNJ}الدین محمد$f۷۲۷؟-۷۹۲ق.$3IRa1234567$4070"),
    df("702 #1$aتبریزی$bمحمدرحیم$4700"),
    df("702 #0$aعباس$dاول$cشاه ایران$f۹۷۸-۱۰۳۸ق.$4390"),
    df("702 #1$aسودی$bمحمد$4212"),
    df("801 #0$aIR$bNLAI$c20230115"),
    df("852 ##$aIR-NLAI$j5-12345"),
    df("856 4#$uhttps://opac.nlai.ir/opac-prod/bibliographic/3712458"),
)

# 2. RUSMARC: a printed book in Russian with a Kazakh parallel title, Cyrillic, UTF-8;
# the shelfmark in 899, RUSMARC's local holdings field.
CHRESTOMATHY = record(
    "a",
    cf("001", "KZ-NALRK-000345678"),
    cf("005", "20190716111311.7"),
    df(f"100 ##$a{general('d', '1879', language='rus', script='ca', entered='20190716')}"),
    df("101 0#$arus$akaz"),
    df("102 ##$aRU"),
    df("105 ##$aa   z   000yy"),
    df(
        "200 1#$aКиргизская хрестоматия$eпособие к изучению русского языка для киргизов",
        "$fсост. И. Алтынсарин$dҚазақ хрестоматиясы$zkaz",
    ),
    df("210 ##$aОренбург$cТипография Б. Бреслина$d1879"),
    df("215 ##$aVIII, 162 с.$cил.$d22 см"),
    df("300 ##$aТекст на рус. и казах. яз."),
    df("606 1#$aКазахский язык$xХрестоматии$yКазахстан$z19 в."),
    df("607 ##$aКазахстан$xИстория$z19 в."),
    df("700 #1$aАлтынсарин$bИ.$gИбрай$f1841-1889$4070"),
    df("702 #1$aИльминский$bН. И.$f1822-1891$4340"),
    df("801 #0$aKZ$bНАБРК$c20190716$gRCR"),
    df("899 ##$aНАБРК$jР2/1879/А52"),
    df("856 4#$uhttps://kazneb.kz/bookView/view?brId=345678"),
)

# 3. UNIMARC: an Arabic printed book; names with dates (700 author, 702 editor), the
# author's and the title's romanised forms in repeated fields linked by $6.
CANON = record(
    "a",
    cf("001", "FRBNF30642016"),
    df(f"100 ##$a{general('d', '1593', language='lat', entered='19950301')}"),
    df("101 0#$aara"),
    df("200 1#$aكتاب القانون في الطب$fلابن سينا"),
    df("200 1#$6a01$7ba$aKitāb al-Qānūn fī al-ṭibb"),
    df("210 ##$aRomae$cTypographia Medicea$d1593"),
    df("215 ##$a[2], 535, [3] p.$d32 cm"),
    df("500 10$aal-Qānūn fī al-ṭibb$mara"),
    df("510 1#$aCanon of medicine$zeng"),
    df("606 ##$aMédecine arabe$zAvant 1800"),
    df("700 #0$6a01$7fa$aابن سينا$f980-1037$4070"),
    df("700 #0$6a01$7ba$aIbn Sīnā$f980-1037$4070"),
    df("702 #1$aRaimondi$bGiovanni Battista$f1536-1614$4340"),
    df("801 #0$aFR$bBnF$c19950301"),
    df("852 ##$aFR-BnF$bRéserve des livres rares$jRES-T-123"),
)

# 4. IranMARC from a legacy system: Windows-1256 bytes, 100 declaring "50" all the same.
# Windows-1256 has no Persian yeh (U+06CC) nor Persian digits: such systems wrote
# Arabic yeh ي and ASCII digits. ZWNJ is byte 9D.
GOLESTAN = record(
    "b",
    cf("001", "1100457"),
    df(f"100 ##$a{general('j', '1850')}"),
    df("101 0#$aper"),
    df(f"200 1#$aگلستان سعدي$eنسخه{ZWNJ}اي از قرن سيزدهم"),
    df("215 ##$a120 برگ$d21×14 سم"),
    df("700 #1$aسعدي$bمصلح بن عبدالله$f606?-690ق.$4070"),
    df("852 ##$aIR-NLAI$j5-7788"),
)

# 5. RUSMARC from a legacy system: Windows-1251, 100 $a/26-29 "0189" (ISO 646 + 1251).
LIBRARY_SPACE = record(
    "a",
    cf("001", "RU/IS/BASE/486140165"),
    df(f"100 ##$a{general('d', '1995', language='rus', sets='0189', script='ca')}"),
    df("101 0#$arus"),
    df(
        "200 1#$aПространство для книги$eруководство для всех тех, кто строит библиотеку",
        "$fЖ. Гаскюэль$fпер. М. Руновой",
    ),
    df("210 ##$aМосква$cРудомино$d1995"),
    df("215 ##$a303 с.$cил.$d24x16 см"),
    df("700 #1$aГаскюэль$bЖ.$4070"),
    df("702 #1$aРунова$bМ.$4730"),
    df("852 ##$aRU-IS$jБ 12/345"),
)


def main() -> None:
    files = {
        "iranmarc-manuscript.mrc": iso2709(HAFEZ),
        "rusmarc-printed-book.mrc": iso2709(CHRESTOMATHY),
        "unimarc-authors-with-dates.mrc": iso2709(CANON),
        "iranmarc-legacy-cp1256.mrc": iso2709(GOLESTAN, "cp1256"),
        "rusmarc-legacy-cp1251.mrc": iso2709(LIBRARY_SPACE, "cp1251"),
        "three-records-one-broken.mrc": b"\n".join(
            [iso2709(HAFEZ), with_200_length_one_short(iso2709(CANON)), iso2709(CHRESTOMATHY)]
        )
        + b"\n",
        "unimarc.xml": as_xml(HAFEZ, CHRESTOMATHY),
    }
    for name, data in files.items():
        (HERE / name).write_bytes(data)


if __name__ == "__main__":
    main()
