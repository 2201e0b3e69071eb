"""`cnnstat check` on forms that drew false alarms from correct Korean Q&A and community
posts (인프런 질문, OKKY, 지식iN, 스택오버플로우 한국어, GitHub issues in Korean; issue 19,
helper kg): each fixture holds right lines in the form and wrong lines beside them, so a
fix that silences the reader shows. The correct passages are in ``hostile_correct/kg-*.md``.

- the asker's own working, reported in the first person with a verb of getting on a line
  that doubts (``제가 (4-1)*2 - 2 + 4 = 7 이 나와서요...``, ``I get ... = 480, what am I
  missing?``, ``제 계산으로는 ... = 1,782 인데 ... 왜``) is the question's, unsure; the same figure stated as a fact, in the first
  person without doubt, or doubted with no first person, stays wrong.

Expected values are plain arithmetic, written beside each line.
"""

from collections import Counter

import pytest

from tests.conftest import ROOT

DIR = ROOT / "tests/fixtures/notes/kg_forms"

EXPECTED = {
    "01_asker_working.md": [
        # line 3: (4-1)*2 - 2 + 4 = 8, the asker's 7 "이 나와서요...": unsure
        # line 4: 13*13*64 = 10,816, the asker's 10,826 "이 나오는데 왜": unsure
        # line 5: 5*5*16 = 400, "I get ... 480, what am I missing?": unsure
        (6, "arithmetic", "right"),  # (4-1)*2 - 2 + 4 = 8
        (7, "arithmetic", "right"),  # 13*13*64 = 10,816
        (9, "arithmetic", "wrong"),  # (8-1)*2 - 2 + 4 = 16, not 15 (an answer's)
        (10, "arithmetic", "wrong"),  # 3*3*64*128 = 73,728, not 73,738 (stated as fact)
        (11, "arithmetic", "wrong"),  # 27*32 + 32 = 896, not 869 (no doubt)
        (12, "arithmetic", "wrong"),  # 7*7*512 = 25,088, not 25,078 (no first person)
        # line 14: 27*64 + 64 = 1,792, the asker's 1,782 "제 계산으로는 ... 인데 ... 왜": unsure
        # line 15: 7*7*3*64 = 9,408, "I computed ... 9,480 ... torch says 9408": unsure
        (16, "arithmetic", "wrong"),  # 27*64 + 64 = 1,792, not 1,762 (an answer's 인데)
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_kg_form(name):
    from cnnstat.notes.check import check_file

    got = Counter((c.line, c.kind, c.verdict) for c in check_file(DIR / name).claims)
    assert got == Counter(EXPECTED[name])


def test_every_fixture_has_expectations():
    assert sorted(p.name for p in DIR.glob("*.md")) == sorted(EXPECTED)
