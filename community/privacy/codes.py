"""Record numbers without a label: a Social Security number written with spaces
(412 88 3906), long digit groups (0044-9173-2260, 7732 0148 9921), and codes of
capitals and digits such as licence plates (7KDF392, ABC-4417), serials
(SN-88J2-40177) and docket numbers (CV-2024-01893).

Clinical codes stay quiet: a code needs three digits or more and a capital, and
no dot, so F43.10, PHQ-9, GAD-7, DSM-5-TR, ICD-10 and 90837 are not codes here.
Unlabelled numbers are the weakest reading (the long-number reason of
``numbers``): a phone number or a date that claims the same digits wins.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from community.privacy.base import ID_NUMBER, Found, Keyed
from community.privacy.numbers import _LONG_NUMBER_REASON

_SPACED_SSN = re.compile(r"(?<![\d\-])\d{3}[ ]\d{2}[ ]\d{4}(?![\d\-])")
_DIGIT_GROUPS = re.compile(r"(?<![\d\-.])\d{3,6}(?:[ \-]\d{3,6}){2,4}(?![\d\-])")
_CODE = re.compile(r"(?<![\w\-.])[A-Z0-9]+(?:-[A-Z0-9]+)*(?![\w\-]|\.\d)")


def _is_code(value: str) -> bool:
    digits = sum(c.isdigit() for c in value)
    letters = sum(c.isalpha() for c in value)
    return len(value) >= 6 and digits >= 3 and letters >= 1


def _find_codes(text: str, keyed: Keyed) -> Iterator[Found]:
    for m in _SPACED_SSN.finditer(text):
        yield m.start(), m.end(), ID_NUMBER, "Looks like a Social Security number"
    for m in _DIGIT_GROUPS.finditer(text):
        if sum(c.isdigit() for c in m.group()) >= 10:
            yield m.start(), m.end(), ID_NUMBER, _LONG_NUMBER_REASON
    for m in _CODE.finditer(text):
        if _is_code(m.group()):
            yield m.start(), m.end(), ID_NUMBER, "Looks like a plate, serial or ID"
