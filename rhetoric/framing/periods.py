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

``WAR_YEARS``: the years whose January fell while US ground combat forces were fighting a
large-scale war (one with about 100,000 US troops or more in the theatre at its height), from
1941 on. An address is flagged by its year (:func:`rhetoric.compare.period_table`): a State of
the Union address is given in January or February, an inauguration since 1937 on 20 January.
The dates the years rest on:

- the Second World War: the US at war from 8 December 1941 to Japan's surrender on
  2 September 1945, so 1942-1945 (the inaugural address of 20 January 1945 and Truman's address
  of 16 April 1945 were given during it);
- Korea: US ground forces in combat from 5 July 1950 to the armistice of 27 July 1953, so
  1951-1953;
- Vietnam: from the landing of the first US ground combat units at Da Nang (8 March 1965;
  about 184,000 troops by the end of 1965, the peak about 543,000 in April 1969) until the last
  US ground combat battalion left (August 1972), so 1966-1972;
- Afghanistan (from 7 October 2001 until the US combat mission ended, 31 December 2014) and Iraq
  (from 20 March 2003 until the end of US combat operations, 31 August 2010), so 2002-2014.

Not war years by this rule: 1991 (the Gulf War's ground war was 24-28 February 1991; the
address of 29 January 1991 came in its air war, that of 6 March after it), 2001 (the address of
20 September 2001 came before the war in Afghanistan), 1973 (the last US ground combat units
had left Vietnam in August 1972), and smaller deployments (Panama
1989-1990, Somalia 1992-1994). Wars before 1941 (the Civil War, the First World War) are not
marked: the table serves the addresses of the corpora's modern part, as the NBER table does.
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

#: Years whose January fell in a large-scale US ground war, 1941 on (the rule and its dates: the
#: module notes).
WAR_YEARS: frozenset[int] = frozenset(
    {
        *range(1942, 1946),  # the Second World War: 8 December 1941 - 2 September 1945
        *range(1951, 1954),  # Korea: 5 July 1950 - 27 July 1953
        *range(1966, 1973),  # Vietnam: 8 March 1965 - August 1972 (ground combat units)
        *range(2002, 2015),  # Afghanistan and Iraq: 7 October 2001 - 31 December 2014
    }
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
