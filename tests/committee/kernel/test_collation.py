"""Collation keys: pyuca's order, computed in one walk through the name."""

import random

from committee.kernel.collation import _collator, collation_key


def test_the_keys_are_pyucas_own():
    """The walk by index gives pyuca's keys: contractions, discontiguous matches of combining marks, implicit
    weights of ideographs and unassigned code points, ignorables."""
    collator = _collator()
    names = [
        "Égypte",
        "Côte d'Ivoire",
        "Türkiye",
        "Viet Nam",
        "中华人民共和国",
        "الإمارات العربية المتحدة",
        "Россия",
        "й",
        "и\u0323\u0306",
        "ا\u0653\u0655",
        "\u0e40\u0e01",
        "ǅ",
        "ﬁ",
        "L·l",
        "\u0fb2\u0f71\u0f80",
        "a\u0328\u0301",
        "",
        " ",
        "\u202eAtlantis\u202c",
        "🇺🇳",
        "\U000e0001",
        "\ufffe",
        "\U0010ffff",
    ]
    rng = random.Random(14)  # noqa: S311 (names, not secrets)
    blocks = ((0x20, 0x250), (0x300, 0x370), (0x400, 0x460), (0x600, 0x660), (0xE00, 0xE60), (0xF00, 0xFC0))
    alphabet = [chr(c) for block in (*blocks, (0x4E00, 0x4E10)) for c in range(*block)]
    names += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12))) for _ in range(3_000)]

    assert [collation_key(name) for name in names] == [collator.sort_key(name) for name in names]
