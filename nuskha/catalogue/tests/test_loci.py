import pytest

from nuskha.catalogue.loci import Locus, LocusError, check_within_volume, parse_locus


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ff. 1v–45r", Locus("folio", 2, 89, 1, 45)),
        ("ff. 1v-45r", Locus("folio", 2, 89, 1, 45)),
        ("f. 12r", Locus("folio", 23, 23, 12, 12)),
        ("fol. 3a–7b", Locus("folio", 5, 14, 3, 7)),  # a/b as Persian catalogues write recto/verso
        ("ff. ۱v–۴۵r", Locus("folio", 2, 89, 1, 45)),  # Persian digits
        ("FF. 10R — 12V", Locus("folio", 19, 24, 10, 12)),
        ("pp. 3–120", Locus("page", 3, 120, 3, 120)),
        ("p. 7", Locus("page", 7, 7, 7, 7)),
    ],
)
def test_it_reads_loci_as_cataloguers_write_them(text: str, expected: Locus) -> None:
    assert parse_locus(text) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty"),
        ("folio one", "is not a locus"),
        ("ff. 45r–1v", "ends before it begins"),
        ("ff. 1v–1r", "ends before it begins"),
        ("ff. 0r–2v", "numbered from 1"),
        ("ff. 1x–2r", "is not a locus"),
        ("pp. 20–3", "ends before it begins"),
    ],
)
def test_it_rejects_what_is_not_a_locus(text: str, reason: str) -> None:
    with pytest.raises(LocusError, match=reason):
        parse_locus(text)


def test_a_locus_must_lie_within_the_volume() -> None:
    check_within_volume("ff. 1v–45r", leaves=45, pages=None)
    check_within_volume("pp. 1–120", leaves=None, pages=None)  # count unknown: nothing to check
    with pytest.raises(LocusError, match="leaf 45 is beyond the volume's 40 leaves") as error:
        check_within_volume("ff. 1v–45r", 40, None)
    assert (error.value.code, error.value.params["count"]) == ("beyond_leaves", 40)
    with pytest.raises(LocusError, match="page 120 is beyond the volume's 100 pages"):
        check_within_volume("pp. 1–120", None, 100)
