"""History lines of a Chinese legal text: `2021年6月10日 …会议通过`, `…修正`, `…修订`.

Chinese laws print their history under the title, one or more dated events per line
(`2003年9月26日 …《关于修改…的决定》修正  2012年9月27日 …会议修订）`).  The verb that closes an
event says what happened: 通过 (adopted), 修正 (amended by a decision), 修订 (revised as a
whole); 公布/发布/印发/施行 (promulgated, issued, in force) are kept as events too but say
nothing about the text's stage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lawdiff.text.dates import ZH_DATE, is_real_date
# The verbs that close a dated event, longest first where one contains another.
EVENT_VERBS = ("讨论通过", "通过", "修正", "修订", "公布", "发布", "印发", "施行", "批准")
STAGE_OF_VERB = {"通过": "adopted", "讨论通过": "adopted", "批准": "adopted", "修正": "amended", "修订": "revised"}
_VERB_RE = re.compile("|".join(EVENT_VERBS))


@dataclass(frozen=True)
class HistoryEvent:
    date: str  # YYYY-MM-DD
    verb: str  # the verb as printed: 通过, 修正, 修订, 公布, …

    @property
    def stage(self) -> str:
        """adopted, amended, revised, or "" for a verb that says nothing about the text."""
        return STAGE_OF_VERB.get(self.verb, "")


def _iso(year: str, month: str, day: str) -> str | None:
    date = f"{int(year):04d}-{int(month):02d}-{int(day):02d}"
    return date if is_real_date(date) else None


def events_in_line(text: str) -> list[HistoryEvent]:
    """The dated events of one history line: each date with the last event verb before the next date."""
    dates = list(ZH_DATE.finditer(text))
    events: list[HistoryEvent] = []
    for i, match in enumerate(dates):
        end = dates[i + 1].start() if i + 1 < len(dates) else len(text)
        span = text[match.end():end]
        verbs = _VERB_RE.findall(span)
        iso = _iso(*match.groups())
        if verbs and iso:
            events.append(HistoryEvent(iso, verbs[-1]))
    return events


def is_history_line(text: str) -> bool:
    """A line that records dated events (and is not a sentence of the law itself)."""
    stripped = text.strip().lstrip("(（").strip()
    return bool(ZH_DATE.match(stripped)) and bool(events_in_line(stripped)) and len(stripped) <= 400


def history_events(lines: list[str], limit: int = 12) -> list[HistoryEvent]:
    """Events of the history lines among the first `limit` lines after the title, in printed order."""
    events: list[HistoryEvent] = []
    for text in lines[:limit]:
        if is_history_line(text):
            events.extend(events_in_line(text.strip().lstrip("(（")))
    return events


def stage_at(events: list[HistoryEvent], date: str) -> str:
    """The stage of the version dated `date`: the verb of that day's event, else of the latest
    event up to that day; "" when the history says nothing."""
    staged = [e for e in events if e.stage]
    same_day = [e for e in staged if e.date == date]
    if same_day:
        return same_day[-1].stage
    before = sorted((e for e in staged if e.date <= date), key=lambda e: e.date)
    return before[-1].stage if before else ""


def latest_dated(events: list[HistoryEvent]) -> HistoryEvent | None:
    """The latest adoption, amendment or revision (else the latest event of any kind)."""
    staged = [e for e in events if e.stage] or events
    return max(staged, key=lambda e: e.date) if staged else None
