"""Historical periods for reading frame trends: US recessions (NBER) and war years.

Frame shares of presidential addresses move with events: security language rises in war years,
economic language in and after recessions. These tables mark the periods, so that a corpus
table (:func:`rhetoric.framing.corpus_frame_table`) can be split or coloured by them.

Sources
-------
``NBER_RECESSIONS``: the business-cycle peak and trough months of the National Bureau of
Economic Research, "US Business Cycle Expansions and Contractions" (nber.org/research/data/
us-business-cycle-expansions-and-contractions), 1945-2020. A recession runs from the month after
the peak through the trough; here it is kept as the inclusive range peak..trough.

``WAR_YEARS``: years whose January address was given while a large-scale US ground war was
being fought: Korea (June 1950 - July 1953, so 1951-1953), the peak of the Vietnam War
(1966-1968, the years of the largest troop deployments), and Afghanistan and Iraq after
11 September 2001 (2002-2006, the end of the State of the Union corpus).
"""

from __future__ import annotations

import re

#: (peak, trough) months of US recessions, as (year, month) pairs (NBER).
NBER_RECESSIONS: tuple[tuple[tuple[int, int], tuple[int, int]], ...] = (
    ((1945, 2), (1945, 10)),
    ((1948, 11), (1949, 10)),
    ((1953, 7), (1954, 5)),
    ((1957, 8), (1958, 4)),
    ((1960, 4), (1961, 2)),
    ((1969, 12), (1970, 11)),
    ((1973, 11), (1975, 3)),
    ((1980, 1), (1980, 7)),
    ((1981, 7), (1982, 11)),
    ((1990, 7), (1991, 3)),
    ((2001, 3), (2001, 11)),
    ((2007, 12), (2009, 6)),
    ((2020, 2), (2020, 4)),
)

#: Years of large-scale US wars used in the frame-trend examples (see the module notes).
WAR_YEARS: frozenset[int] = frozenset(
    {1951, 1952, 1953, 1966, 1967, 1968, 2002, 2003, 2004, 2005, 2006}
)

_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december")  # fmt: skip
_DATE_LINE = re.compile(r"^\s*(" + "|".join(_MONTHS) + r")\s+\d{1,2},?\s+(\d{4})\s*$", re.I | re.M)


def recession_within(year: int, month: int = 1, months: int = 12) -> bool:
    """True when the economy was in an NBER recession at some time in the ``months`` months up to
    and including ``year``-``month``.

    A State of the Union address reviews the year behind it, so an address is a *recession
    address* when a recession was under way in the twelve months before it.

    The ``months`` months are ``year``-``month`` and the ``months - 1`` before it: with the
    default twelve, an address of January 1975 looks back to February 1974.

    >>> recession_within(1975, 1), recession_within(1985, 1), recession_within(1983, 1)
    (True, False, True)
    >>> recession_within(1946, 9), recession_within(1946, 10)  # the trough was October 1945
    (True, False)
    """
    now = year * 12 + month - 1
    since = now - months + 1
    return any(
        peak[0] * 12 + peak[1] - 1 <= now and trough[0] * 12 + trough[1] - 1 >= since
        for peak, trough in NBER_RECESSIONS
    )


def address_month(text: str, year: int) -> int:
    """The month of a dated address: the first date line of its head ("January 15, 1975") in
    ``year``, else 1 (State of the Union addresses are given in January or February).

    >>> address_month("TITLE\\n \\nSeptember 20, 2001\\n\\nText.", 2001), address_month("No date.", 1990)
    (9, 1)
    """
    for match in _DATE_LINE.finditer(text[:500]):
        if int(match.group(2)) == year:
            return _MONTHS.index(match.group(1).lower()) + 1
    return 1
