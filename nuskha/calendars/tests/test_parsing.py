"""parse(): dates as catalogues and colophons write them, and text it must refuse."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nuskha.calendars import DateParseError, DateSpan, parse

DOCS = Path(__file__).resolve().parents[3] / "docs" / "reference" / "calendars.md"

D = datetime.date
RABI_I_1010 = (D(1601, 8, 30), D(1601, 9, 28), "hijri", "exact")
AH_1001_1100 = (D(1592, 10, 8), D(1689, 10, 14), "hijri", "exact")
CIRCA_1600 = (D(1590, 1, 1), D(1610, 12, 31), "gregorian", "approximate")
CENTURY_17 = (D(1601, 1, 1), D(1700, 12, 31), "gregorian", "exact")
DECADE_1850 = (D(1850, 1, 1), D(1859, 12, 31), "gregorian", "exact")
KHORDAD_26_1391 = (D(2012, 6, 15), D(2012, 6, 15), "jalali", "exact")

# text → (earliest, latest, calendar, certainty)
EXAMPLES: list[tuple[str, tuple[D, D, str, str]]] = [
    # Numeric dates.
    ("۱۳۹۱/۳/۲۶", KHORDAD_26_1391),
    ("1391/03/26", KHORDAD_26_1391),
    ("١٣٩١/٣/٢٦", KHORDAD_26_1391),
    ("2012-06-15", (D(2012, 6, 15), D(2012, 6, 15), "gregorian", "exact")),
    ("2012/06/15", (D(2012, 6, 15), D(2012, 6, 15), "gregorian", "exact")),
    ("15.06.2012", (D(2012, 6, 15), D(2012, 6, 15), "gregorian", "exact")),
    ("۱۰۱۰/۹/۱ ق", (D(1602, 2, 23), D(1602, 2, 23), "hijri", "exact")),
    # Day, month and year in words.
    ("26 Khordad 1391", KHORDAD_26_1391),
    ("۲۶ خرداد ۱۳۹۱", KHORDAD_26_1391),
    ("۲۶ خرداد ۱۳۹۱ ه.ش", KHORDAD_26_1391),
    ("1 Ramadan 1010", (D(1602, 2, 23), D(1602, 2, 23), "hijri", "exact")),
    ("غره رمضان سنه ۱۰۱۰", (D(1602, 2, 23), D(1602, 2, 23), "hijri", "exact")),
    ("سلخ ذی الحجه ۱۰۱۰ ق", (D(1602, 6, 20), D(1602, 6, 20), "hijri", "exact")),
    ("30 августа 1601 г.", (D(1601, 8, 30), D(1601, 8, 30), "gregorian", "exact")),
    ("1601 ж. 30 тамыз", (D(1601, 8, 30), D(1601, 8, 30), "gregorian", "exact")),
    ("August 30, 1601", (D(1601, 8, 30), D(1601, 8, 30), "gregorian", "exact")),
    ("30th August 1601", (D(1601, 8, 30), D(1601, 8, 30), "gregorian", "exact")),
    ("۳۰ اوت ۱۶۰۱ م", (D(1601, 8, 30), D(1601, 8, 30), "gregorian", "exact")),
    ("1 March 1700 O.S.", (D(1700, 3, 12), D(1700, 3, 12), "julian", "exact")),
    ("1 марта 1700 г. (ст. ст.)", (D(1700, 3, 12), D(1700, 3, 12), "julian", "exact")),
    ("25 October 1917 (Julian)", (D(1917, 11, 7), D(1917, 11, 7), "julian", "exact")),
    # Months.
    ("رمضان ۱۰۱۰ ق", (D(1602, 2, 23), D(1602, 3, 24), "hijri", "exact")),
    ("Ramadan 1010 AH", (D(1602, 2, 23), D(1602, 3, 24), "hijri", "exact")),
    ("Ramazan 1010", (D(1602, 2, 23), D(1602, 3, 24), "hijri", "exact")),
    ("Rabiʿ I 1010", RABI_I_1010),
    ("Rabi al-awwal 1010", RABI_I_1010),
    ("Rabiʿ al-Awwal 1010", RABI_I_1010),
    ("ربیع الاول ۱۰۱۰", RABI_I_1010),
    ("ربیع‌الاول سنه ۱۰۱۰", RABI_I_1010),
    ("ربيع الأول سنة ١٠١٠", RABI_I_1010),
    ("رَبیعُ الاَوَّل ۱۰۱۰", RABI_I_1010),
    ("Rabiʿ II 1010", (D(1601, 9, 29), D(1601, 10, 27), "hijri", "exact")),
    ("Rabi al-thani 1010", (D(1601, 9, 29), D(1601, 10, 27), "hijri", "exact")),
    ("Rabiʿ al-Akhir 1010", (D(1601, 9, 29), D(1601, 10, 27), "hijri", "exact")),
    ("ربیع الآخر ۱۰۱۰", (D(1601, 9, 29), D(1601, 10, 27), "hijri", "exact")),
    ("ربیع الثانی ۱۰۱۰", (D(1601, 9, 29), D(1601, 10, 27), "hijri", "exact")),
    ("Jumada I 1010", (D(1601, 10, 28), D(1601, 11, 26), "hijri", "exact")),
    ("Jumada al-ula 1010", (D(1601, 10, 28), D(1601, 11, 26), "hijri", "exact")),
    ("جمادی الاولی ۱۰۱۰", (D(1601, 10, 28), D(1601, 11, 26), "hijri", "exact")),
    ("جمادی الاول ۱۰۱۰", (D(1601, 10, 28), D(1601, 11, 26), "hijri", "exact")),
    ("Jumada II 1010", (D(1601, 11, 27), D(1601, 12, 25), "hijri", "exact")),
    ("Jumada al-akhira 1010", (D(1601, 11, 27), D(1601, 12, 25), "hijri", "exact")),
    ("جمادی الآخره ۱۰۱۰", (D(1601, 11, 27), D(1601, 12, 25), "hijri", "exact")),
    ("جمادی الثانی ۱۰۱۰", (D(1601, 11, 27), D(1601, 12, 25), "hijri", "exact")),
    ("جمادی الثانیه ۱۰۱۰", (D(1601, 11, 27), D(1601, 12, 25), "hijri", "exact")),
    ("Shaʿban 1010", (D(1602, 1, 25), D(1602, 2, 22), "hijri", "exact")),
    ("Shaban 1010", (D(1602, 1, 25), D(1602, 2, 22), "hijri", "exact")),
    ("Dhu al-Qaʿda 1010", (D(1602, 4, 23), D(1602, 5, 22), "hijri", "exact")),
    ("Dhu'l-Qa'da 1010", (D(1602, 4, 23), D(1602, 5, 22), "hijri", "exact")),
    ("Zulqada 1010", (D(1602, 4, 23), D(1602, 5, 22), "hijri", "exact")),
    ("ذی القعده ۱۰۱۰", (D(1602, 4, 23), D(1602, 5, 22), "hijri", "exact")),
    ("ذوالقعده ۱۰۱۰", (D(1602, 4, 23), D(1602, 5, 22), "hijri", "exact")),
    ("ذی‌القعدة ۱۰۱۰", (D(1602, 4, 23), D(1602, 5, 22), "hijri", "exact")),
    ("Dhu al-Hijja 1010", (D(1602, 5, 23), D(1602, 6, 20), "hijri", "exact")),
    ("Dhu'l-Hijja 1010", (D(1602, 5, 23), D(1602, 6, 20), "hijri", "exact")),
    ("Zulhijja 1010", (D(1602, 5, 23), D(1602, 6, 20), "hijri", "exact")),
    ("ذی الحجه ۱۰۱۰", (D(1602, 5, 23), D(1602, 6, 20), "hijri", "exact")),
    ("ذوالحجه ۱۰۱۰", (D(1602, 5, 23), D(1602, 6, 20), "hijri", "exact")),
    ("Mordad 1391", (D(2012, 7, 22), D(2012, 8, 21), "jalali", "exact")),
    ("Amordad 1391", (D(2012, 7, 22), D(2012, 8, 21), "jalali", "exact")),
    ("امرداد ۱۳۹۱", (D(2012, 7, 22), D(2012, 8, 21), "jalali", "exact")),
    ("Dei 1391", (D(2012, 12, 21), D(2013, 1, 19), "jalali", "exact")),
    ("Esfand 1391", (D(2013, 2, 19), D(2013, 3, 20), "jalali", "exact")),
    ("июнь 2012 г.", (D(2012, 6, 1), D(2012, 6, 30), "gregorian", "exact")),
    ("маусым 2012", (D(2012, 6, 1), D(2012, 6, 30), "gregorian", "exact")),
    ("ژوئن ۲۰۱۲", (D(2012, 6, 1), D(2012, 6, 30), "gregorian", "exact")),
    ("Jun 2012", (D(2012, 6, 1), D(2012, 6, 30), "gregorian", "exact")),
    # Years.
    ("1010 AH", (D(1601, 7, 2), D(1602, 6, 20), "hijri", "exact")),
    ("1010 A.H.", (D(1601, 7, 2), D(1602, 6, 20), "hijri", "exact")),
    ("1010 H.", (D(1601, 7, 2), D(1602, 6, 20), "hijri", "exact")),
    ("1010 г.х.", (D(1601, 7, 2), D(1602, 6, 20), "hijri", "exact")),
    ("۱۰۱۰ هـ.ق", (D(1601, 7, 2), D(1602, 6, 20), "hijri", "exact")),
    ("۱۰۱۰ ه‍.ق", (D(1601, 7, 2), D(1602, 6, 20), "hijri", "exact")),
    ("۱۰۱۰ هجری قمری", (D(1601, 7, 2), D(1602, 6, 20), "hijri", "exact")),
    ("1391 ش", (D(2012, 3, 20), D(2013, 3, 20), "jalali", "exact")),
    ("1391 SH", (D(2012, 3, 20), D(2013, 3, 20), "jalali", "exact")),
    ("1391 AP", (D(2012, 3, 20), D(2013, 3, 20), "jalali", "exact")),
    ("۱۳۹۱ هجری شمسی", (D(2012, 3, 20), D(2013, 3, 20), "jalali", "exact")),
    ("1600", (D(1600, 1, 1), D(1600, 12, 31), "gregorian", "exact")),
    ("1600 AD", (D(1600, 1, 1), D(1600, 12, 31), "gregorian", "exact")),
    ("۱۶۰۰ م", (D(1600, 1, 1), D(1600, 12, 31), "gregorian", "exact")),
    ("1600 жыл", (D(1600, 1, 1), D(1600, 12, 31), "gregorian", "exact")),
    # An unmarked year before 1582 is a Julian year; 1582 itself changes calendar in October.
    ("1500", (D(1500, 1, 10), D(1501, 1, 10), "julian", "exact")),
    ("1582", (D(1582, 1, 11), D(1582, 12, 31), "julian", "exact")),
    ("14 October 1582", (D(1582, 10, 24), D(1582, 10, 24), "julian", "exact")),
    ("15 October 1582", (D(1582, 10, 15), D(1582, 10, 15), "gregorian", "exact")),
    # Centuries and their parts.
    ("late 10th century AH", (D(1559, 10, 13), D(1592, 10, 7), "hijri", "exact")),
    ("early 10th century AH", (D(1495, 9, 30), D(1527, 10, 6), "hijri", "exact")),
    ("mid-10th century AH", (D(1527, 10, 7), D(1559, 10, 12), "hijri", "exact")),
    ("first half of the 10th century AH", (D(1495, 9, 30), D(1544, 4, 3), "hijri", "exact")),
    ("second half of the 10th century AH", (D(1544, 4, 4), D(1592, 10, 7), "hijri", "exact")),
    ("قرن ۱۱ ق", AH_1001_1100),
    ("سده ۱۱", AH_1001_1100),
    ("قرن یازدهم", AH_1001_1100),
    ("سدهٔ یازدهم هجری قمری", AH_1001_1100),
    ("قرن ۱۱ هجری قمری", AH_1001_1100),
    ("اواخر قرن یازدهم", (D(1656, 10, 20), D(1689, 10, 14), "hijri", "exact")),
    ("نیمه دوم قرن ۱۱ ق", (D(1641, 4, 12), D(1689, 10, 14), "hijri", "exact")),
    ("قرن اول", (D(622, 7, 19), D(719, 7, 27), "hijri", "exact")),
    ("قرن پانزدهم", (D(1980, 11, 9), D(2077, 11, 16), "hijri", "exact")),
    ("قرن ۱۴ ش", (D(1922, 3, 22), D(2022, 3, 20), "jalali", "exact")),
    ("XVII в.", CENTURY_17),
    ("ХVII в.", CENTURY_17),  # with a Cyrillic Х
    ("XVII век", CENTURY_17),
    ("XVII ғ.", CENTURY_17),
    ("XVII ғасыр", CENTURY_17),
    ("17th century", CENTURY_17),
    ("17th c.", CENTURY_17),
    ("конец XVII в.", (D(1667, 1, 1), D(1700, 12, 31), "gregorian", "exact")),
    ("вторая половина XVII в.", (D(1651, 1, 1), D(1700, 12, 31), "gregorian", "exact")),
    ("XV в.", (D(1401, 1, 10), D(1501, 1, 10), "julian", "exact")),
    # Decades.
    ("1850s", DECADE_1850),
    ("1850-е гг.", DECADE_1850),
    ("1850-х гг.", DECADE_1850),
    # Approximate, uncertain and inferred.
    ("ca. 1600", CIRCA_1600),
    ("c. 1600", CIRCA_1600),
    ("circa 1600", CIRCA_1600),
    ("около 1600", CIRCA_1600),
    ("ок. 1600 г.", CIRCA_1600),
    ("حدود ۱۶۰۰", CIRCA_1600),
    ("در حدود ۱۶۰۰ م", CIRCA_1600),
    ("шамамен 1600", CIRCA_1600),
    ("~1600", CIRCA_1600),
    ("ca. 1010 AH", (D(1591, 10, 19), D(1612, 3, 3), "hijri", "approximate")),
    ("ca. Ramadan 1010", (D(1602, 2, 23), D(1602, 3, 24), "hijri", "approximate")),
    ("1600?", (D(1600, 1, 1), D(1600, 12, 31), "gregorian", "uncertain")),
    ("1600 (?)", (D(1600, 1, 1), D(1600, 12, 31), "gregorian", "uncertain")),
    ("[1600]", (D(1600, 1, 1), D(1600, 12, 31), "gregorian", "inferred")),
    ("[1600?]", (D(1600, 1, 1), D(1600, 12, 31), "gregorian", "uncertain")),
    ("رمضان [۱۰۱۰] ق", (D(1602, 2, 23), D(1602, 3, 24), "hijri", "inferred")),
    # Ranges.
    ("1600–1650", (D(1600, 1, 1), D(1650, 12, 31), "gregorian", "exact")),
    ("1600-1650", (D(1600, 1, 1), D(1650, 12, 31), "gregorian", "exact")),
    ("1600 — 1650", (D(1600, 1, 1), D(1650, 12, 31), "gregorian", "exact")),
    ("1600–50", (D(1600, 1, 1), D(1650, 12, 31), "gregorian", "exact")),
    ("1600 to 1650", (D(1600, 1, 1), D(1650, 12, 31), "gregorian", "exact")),
    ("900–1000 AH", (D(1494, 10, 11), D(1592, 10, 7), "hijri", "exact")),
    ("1300-1350 SH", (D(1921, 3, 21), D(1972, 3, 20), "jalali", "exact")),
    ("۱۰۱۰–۱۰۱۲ ق", (D(1601, 7, 2), D(1604, 5, 29), "hijri", "exact")),
    ("۱۰۱۰ تا ۱۰۱۲ ق", (D(1601, 7, 2), D(1604, 5, 29), "hijri", "exact")),
    ("1500-1600", (D(1500, 1, 10), D(1600, 12, 31), "julian", "exact")),
    ("1850–1859 гг.", DECADE_1850),
    ("26–28 Khordad 1391", (D(2012, 6, 15), D(2012, 6, 17), "jalali", "exact")),
    ("Rajab–Ramadan 1010", (D(1601, 12, 26), D(1602, 3, 24), "hijri", "exact")),
    ("Rabiʿ I – Rabiʿ II 1010", (D(1601, 8, 30), D(1601, 10, 27), "hijri", "exact")),
    ("XVI–XVII вв.", (D(1501, 1, 11), D(1700, 12, 31), "julian", "exact")),
    ("16th–17th centuries", (D(1501, 1, 11), D(1700, 12, 31), "julian", "exact")),
    ("ca. 1600–1650", (D(1600, 1, 1), D(1650, 12, 31), "gregorian", "approximate")),
]


@pytest.mark.parametrize(("text", "expected"), EXAMPLES)
def test_it_reads_the_date_as_catalogues_write_it(
    text: str, expected: tuple[D, D, str, str]
) -> None:
    span = parse(text)
    assert (span.earliest, span.latest, span.calendar, span.certainty) == expected
    assert span.original == text


# Colophons date by the Hijra: their word for "year" before (Chagatai: after) a year with no
# marker makes it a lunar Hijri year. A marker or a month name still decides.
YEAR_WORDS: list[tuple[str, tuple[D, D, str, str]]] = [
    ("سنه ۱۲۶۷", (D(1850, 11, 6), D(1851, 10, 26), "hijri", "exact")),
    ("سنة ١٢٦٧", (D(1850, 11, 6), D(1851, 10, 26), "hijri", "exact")),
    ("فی سنه ۸۶۱", (D(1456, 12, 8), D(1457, 11, 27), "hijri", "exact")),
    ("سال ۱۰۱۰", (D(1601, 7, 2), D(1602, 6, 20), "hijri", "exact")),
    ("۱۲۷۵ ییل", (D(1858, 8, 11), D(1859, 7, 30), "hijri", "exact")),
    ("فی شهر ربیع الاول سنه ۱۰۱۰", RABI_I_1010),
    ("في شهر ربيع الأول سنة ١٠١٠", RABI_I_1010),
    ("فی سنه ۱۲۶۵–۱۲۶۷", (D(1848, 11, 27), D(1851, 10, 26), "hijri", "exact")),
    ("سنه ۱۵۰۰", (D(2076, 11, 28), D(2077, 11, 16), "hijri", "exact")),
    ("سنة ١٥٩٣ م", (D(1593, 1, 1), D(1593, 12, 31), "gregorian", "exact")),
    ("سال ۱۳۴۸ ش", (D(1969, 3, 21), D(1970, 3, 20), "jalali", "exact")),
    ("۲۶ خرداد سال ۱۳۹۱", KHORDAD_26_1391),
    ("۱۲۶۷", (D(1267, 1, 8), D(1268, 1, 7), "julian", "exact")),  # no word, no marker
]

# Years in Arabic, Persian and Chagatai words, wherever digits may stand.
NUMBER_WORDS: list[tuple[str, tuple[D, D, str, str]]] = [
    ("سنه احدی و ستین و ثمانمائه", (D(1456, 12, 8), D(1457, 11, 27), "hijri", "exact")),
    ("سنه ثلث و تسعین و ثمانمائه", (D(1487, 12, 26), D(1488, 12, 13), "hijri", "exact")),
    ("رجب سنة اثنتين وتسعين وثمانمائة", (D(1487, 7, 2), D(1487, 7, 31), "hijri", "exact")),
    ("سنة ثلاث وتسعين وألف", (D(1682, 1, 10), D(1682, 12, 30), "hijri", "exact")),
    ("ذی الحجه سنه احدی و خمسین و تسعمائه", (D(1545, 2, 23), D(1545, 3, 24), "hijri", "exact")),
    ("فی شهر ربیع الاول سنه هزار و ده", RABI_I_1010),
    ("سال هزار و دویست و شصت و هفت", (D(1850, 11, 6), D(1851, 10, 26), "hijri", "exact")),
    ("مینگ ایکی یوز یتمیش بیش ییل", (D(1858, 8, 11), D(1859, 7, 30), "hijri", "exact")),
    ("سنه سبع و ستین و مأتین و الف", (D(1850, 11, 6), D(1851, 10, 26), "hijri", "exact")),
    ("الف و مأتین و سبع و ستین ق", (D(1850, 11, 6), D(1851, 10, 26), "hijri", "exact")),
    ("رمضان الف و عشره", (D(1602, 2, 23), D(1602, 3, 24), "hijri", "exact")),
    ("رمضان سنة ألف وعشرة", (D(1602, 2, 23), D(1602, 3, 24), "hijri", "exact")),
    ("شهر ماه رمضان سنه هزار و ده", (D(1602, 2, 23), D(1602, 3, 24), "hijri", "exact")),
    ("ثلث مائه هجری قمری", (D(912, 8, 23), D(913, 8, 11), "hijri", "exact")),
    ("غره رجب سنه اثنی عشر و الف", (D(1603, 12, 5), D(1603, 12, 5), "hijri", "exact")),
    ("سنه ثمان عشر و ثمانمائه", (D(1415, 3, 22), D(1416, 3, 9), "hijri", "exact")),
]

# Epithets after a month name are skipped; المحرم alone is the month.
EPITHETS: list[tuple[str, tuple[D, D, str, str]]] = [
    ("محرم الحرام سنه ۱۰۱۰", (D(1601, 7, 2), D(1601, 7, 31), "hijri", "exact")),
    ("فی شهر المحرم الحرام سنه ۱۰۱۰", (D(1601, 7, 2), D(1601, 7, 31), "hijri", "exact")),
    ("غرة المحرم سنة ١٠١٠", (D(1601, 7, 2), D(1601, 7, 2), "hijri", "exact")),
    ("صفر المظفر ۱۰۸۵", (D(1674, 5, 7), D(1674, 6, 4), "hijri", "exact")),
    ("رجب المرجب سنه ۱۰۰۲", (D(1594, 3, 23), D(1594, 4, 21), "hijri", "exact")),
    ("رجب الاصب ۱۰۰۲", (D(1594, 3, 23), D(1594, 4, 21), "hijri", "exact")),
    ("رجب الفرد سنه ۱۰۰۲", (D(1594, 3, 23), D(1594, 4, 21), "hijri", "exact")),
    ("شعبان المعظم ۱۲۹۰", (D(1873, 9, 24), D(1873, 10, 22), "hijri", "exact")),
    ("شهر رمضان المبارک سنه ۱۱۳۴", (D(1722, 6, 15), D(1722, 7, 14), "hijri", "exact")),
    ("رمضان المبارك سنة ١١٣٤", (D(1722, 6, 15), D(1722, 7, 14), "hijri", "exact")),
    ("شوال المکرم سنه ۱۰۷۸", (D(1668, 3, 15), D(1668, 4, 12), "hijri", "exact")),
    ("ذی القعده الحرام سنه ۱۰۸۹", (D(1678, 12, 15), D(1679, 1, 13), "hijri", "exact")),
    ("ذی الحجه الحرام سنه ۱۰۱۰", (D(1602, 5, 23), D(1602, 6, 20), "hijri", "exact")),
]

# Parts of a month: early 1–10, mid 11–20, late 21–end; the 1st, the 15th, the last day.
MONTH_PARTS: list[tuple[str, tuple[D, D, str, str]]] = [
    ("اوائل رجب ۱۰۱۰ ق", (D(1601, 12, 26), D(1602, 1, 4), "hijri", "exact")),
    ("اوایل رجب ۱۰۱۰", (D(1601, 12, 26), D(1602, 1, 4), "hijri", "exact")),
    ("اواسط جمادی الآخر ۸۹۳ ق", (D(1488, 6, 1), D(1488, 6, 10), "hijri", "exact")),
    (
        "اواسط جمادی الآخر سنه ثلث و تسعین و ثمانمائه",
        (D(1488, 6, 1), D(1488, 6, 10), "hijri", "exact"),
    ),
    ("اواخر ذی الحجه سنه ۱۰۱۰", (D(1602, 6, 12), D(1602, 6, 20), "hijri", "exact")),
    ("العشر الاول من رجب سنه ۱۰۱۰", (D(1601, 12, 26), D(1602, 1, 4), "hijri", "exact")),
    ("العشر الأوسط من شعبان ۱۰۱۰", (D(1602, 2, 4), D(1602, 2, 13), "hijri", "exact")),
    ("فی العشر الأخير من شهر رمضان سنة ١٠١٠", (D(1602, 3, 15), D(1602, 3, 24), "hijri", "exact")),
    ("العشر الآخر من رمضان ۱۰۱۰", (D(1602, 3, 15), D(1602, 3, 24), "hijri", "exact")),
    ("غرة رمضان سنة ١٠١٠", (D(1602, 2, 23), D(1602, 2, 23), "hijri", "exact")),
    ("سلخ رمضان ۱۰۱۰", (D(1602, 3, 24), D(1602, 3, 24), "hijri", "exact")),
    ("منتصف شعبان سنه ۱۰۱۰", (D(1602, 2, 8), D(1602, 2, 8), "hijri", "exact")),
    ("نیمه شعبان ۱۰۱۰", (D(1602, 2, 8), D(1602, 2, 8), "hijri", "exact")),
    ("late Ramadan 1010", (D(1602, 3, 15), D(1602, 3, 24), "hijri", "exact")),
    ("نیمه اول رمضان ۱۰۱۰", (D(1602, 2, 23), D(1602, 3, 9), "hijri", "exact")),
    ("اوایل رجب – اواخر رمضان ۱۰۱۰", (D(1601, 12, 26), D(1602, 3, 24), "hijri", "exact")),
]

# Arabic centuries: القرن, an ordinal word and a marker (القرن alone names no calendar).
ARABIC_CENTURIES: list[tuple[str, tuple[D, D, str, str]]] = [
    ("القرن الثاني عشر الهجري", (D(1689, 10, 15), D(1786, 10, 23), "hijri", "exact")),
    ("القرن الأول الهجري", (D(622, 7, 19), D(719, 7, 27), "hijri", "exact")),
    ("القرن العاشر الهجرية", (D(1495, 9, 30), D(1592, 10, 7), "hijri", "exact")),
    ("القرن الحادي عشر الهجري", AH_1001_1100),
    ("القرن الخامس عشر للهجرة", (D(1980, 11, 9), D(2077, 11, 16), "hijri", "exact")),
    ("القرن ١٢ الهجري", (D(1689, 10, 15), D(1786, 10, 23), "hijri", "exact")),
    ("القرن الثالث عشر الهجري القمري", (D(1786, 10, 24), D(1883, 11, 1), "hijri", "exact")),
    ("أواخر القرن الحادي عشر الهجري", (D(1656, 10, 20), D(1689, 10, 14), "hijri", "exact")),
    ("القرن الثامن عشر الميلادي", (D(1701, 1, 1), D(1800, 12, 31), "gregorian", "exact")),
    (
        "القرن الثاني عشر الهجري – القرن الثالث عشر الهجري",
        (D(1689, 10, 15), D(1883, 11, 1), "hijri", "exact"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), YEAR_WORDS)
def test_a_colophons_word_for_year_makes_an_unmarked_year_lunar_hijri(
    text: str, expected: tuple[D, D, str, str]
) -> None:
    span = parse(text)
    assert (span.earliest, span.latest, span.calendar, span.certainty) == expected


@pytest.mark.parametrize(("text", "expected"), NUMBER_WORDS)
def test_it_reads_a_year_written_in_words(text: str, expected: tuple[D, D, str, str]) -> None:
    span = parse(text)
    assert (span.earliest, span.latest, span.calendar, span.certainty) == expected


@pytest.mark.parametrize(("text", "expected"), EPITHETS)
def test_it_skips_the_epithet_after_a_month_name(
    text: str, expected: tuple[D, D, str, str]
) -> None:
    span = parse(text)
    assert (span.earliest, span.latest, span.calendar, span.certainty) == expected


@pytest.mark.parametrize(("text", "expected"), MONTH_PARTS)
def test_it_reads_a_part_of_a_month_as_its_days(text: str, expected: tuple[D, D, str, str]) -> None:
    span = parse(text)
    assert (span.earliest, span.latest, span.calendar, span.certainty) == expected


@pytest.mark.parametrize(("text", "expected"), ARABIC_CENTURIES)
def test_it_reads_an_arabic_century(text: str, expected: tuple[D, D, str, str]) -> None:
    span = parse(text)
    assert (span.earliest, span.latest, span.calendar, span.certainty) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "there is no date in it"),
        ("Tuesday", "“tuesday” is not a month, calendar marker or other date word"),
        ("30 Dhu al-Hijja 1010", "30 is not a day of month 12 of 1010 in the hijri calendar"),
        ("31 Mehr 1391", "31 is not a day of month 7 of 1391 in the jalali calendar"),
        ("1391/13/1", "13 is not a month of 1391 in the jalali calendar"),
        ("29 February 1700", "29 is not a day of month 2 of 1700 in the gregorian calendar"),
        ("Ramadan 1010 SH", "a hijri month name cannot be dated in the jalali calendar"),
        ("Khordad 1391 AH", "a jalali month name cannot be dated in the hijri calendar"),
        ("June 1601 AH", "a Gregorian month name cannot be dated in the hijri calendar"),
        ("1010 AH AD", "the calendar markers contradict each other"),
        ("۱۰۱۰ هجری", "“هجری” alone does not say lunar or solar"),
        ("100 ق.م", "dates before AD 1 are not supported"),
        ("500 BC", "dates before AD 1 are not supported"),
        ("15/06/2012", "day/month/year and month/day/year look alike"),
        ("1010/9/1", "a year/month/day date before 1200 needs a calendar marker"),
        ("30 Khordad", "it has no year"),
        ("Ramadan", "it has no year"),
        ("XVII", "a numeral needs a century word"),
        ("1650–1600", "the span ends before it begins"),
        ("1600–1650–1700", "a range has one dash"),
        ("1855s", "a decade is written as a year ending in 0"),
        ("late 1600s", "a century is written as in"),
        ("1600 @ 1650", "unexpected “@”"),
        ("Ramadan 1010 Rajab", "the words do not make a date"),
        ("3010 AH", "year 3010 is outside the years nuskha supports in the hijri calendar"),
        # Colophon forms.
        ("سنة ١٥٩٣", "1593 would be AH 1593, later than any colophon"),
        ("سنه ۱۳۹۱/۳/۲۶", "“سنه” (year) comes with a year, not a numeric date"),
        ("سنه قرن ۱۱", "“سنه” (year) comes with a year, not a century or a decade"),
        ("سنه ثلث و ثلث", "the number in words “ثلث و ثلث”: “ثلث” repeats a part"),
        ("سنه الف و", "“و” is not a month, calendar marker or other date word"),
        ("الحرام سنه ۱۰۱۰", "“الحرام” is a month's epithet and follows the month's name"),
        ("العشر الاول سنه ۱۰۱۰", "“العشر الاول” is a part of a month and needs one"),
        ("اواسط ۱۵ رجب ۱۰۱۰", "are parts of a month or a century"),
        ("القرن الثاني عشر", "“القرن” does not say which calendar: add الهجري or الميلادي"),
    ],
)
def test_it_refuses_what_it_cannot_read_and_says_why(text: str, message: str) -> None:
    with pytest.raises(DateParseError) as raised:
        parse(text)
    assert f"“{text}”" in str(raised.value)
    assert message in str(raised.value)


def test_a_date_parse_error_is_a_value_error() -> None:
    assert issubclass(DateParseError, ValueError)


def test_a_span_is_frozen() -> None:
    span = parse("1600")
    with pytest.raises(AttributeError):
        span.original = "1601"  # type: ignore[misc]


def test_a_span_refuses_an_unknown_certainty_and_a_backward_range() -> None:
    with pytest.raises(ValueError, match="certainty"):
        DateSpan(D(1600, 1, 1), D(1600, 1, 1), "gregorian", "1600", "probable")
    with pytest.raises(ValueError, match="before it begins"):
        DateSpan(D(1601, 1, 1), D(1600, 1, 1), "gregorian", "1600", "exact")


def _documented_examples() -> list[tuple[str, str, str, str, str]]:
    """The rows of the parse table in docs/reference/calendars.md."""
    row = re.compile(r"^\| `([^`]+)` \| (\S+) \| (\S+) \| (\w+) \| (\w+) \|", re.M)
    return row.findall(DOCS.read_text())


def _as_row(span: DateSpan) -> tuple[str, str, str, str]:
    return str(span.earliest), str(span.latest), span.calendar, span.certainty


def test_the_docs_table_of_forms_is_what_parse_gives() -> None:
    rows = _documented_examples()
    assert len(rows) > 30
    assert [row for row in rows if _as_row(parse(row[0])) != row[1:]] == []


_DATE_ALPHABET = st.sampled_from(
    list("0123456789۰۱۹٠٩ -–/.?[]~()ivxقشمهـ")
    + ["Ramadan ", "رمضان ", "AH ", "century ", "в. ", "late ", "ca. ", "s ", "خرداد ", "قرن "]
    + ["سنه ", "ثلث ", "و", "مائه ", "ماه ", "هزار ", "اواسط ", "الحرام ", "المحرم ", "القرن "]
)


@settings(max_examples=2000)
@given(st.lists(_DATE_ALPHABET, max_size=12).map("".join) | st.text(max_size=20))
def test_it_reads_any_text_or_raises_a_date_parse_error(text: str) -> None:
    try:
        span = parse(text)
    except DateParseError:
        return
    assert span.earliest <= span.latest and span.original == text
