"""What applying an instrument reports: each item applied, not applied (and why) or noted.

`Failure` is raised by an instruction that cannot apply; its message becomes the item's
reason.  `ApplyResult.modifications` names, for each change, the element's eId in the
result (or in the base, for what was deleted): what the AKN passiveModifications list.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lawdiff.akn.eids import assign_eids as eids
from lawdiff.amend.apply.tokens import ParaState, PointState, Token
from lawdiff.model import Document, Node


class Failure(Exception):
    """One instruction cannot be applied; the message is the reason shown to the user."""


@dataclass
class Change:
    """What one instruction changed, for the report and for passiveModifications."""

    type: str  # AKN textualMod type: substitution, insertion, repeal, renumbering
    what: str  # human-readable: "第一百六十五条 rewritten"
    token: Token | None = None
    para: ParaState | None = None
    point: PointState | None = None
    base_eid: str = ""  # for repeals: the element's eId in the base


@dataclass
class ItemReport:
    label: str
    status: str  # "applied", "not applied", "noted"
    reason: str = ""
    changes: list[Change] = field(default_factory=list)
    text: str = ""
    line: int = 0

    def line_text(self, lang: str = "zho") -> str:
        head = f"item {self.label}: {self.status}"
        if self.reason:
            head += f": {self.reason}"
        elif self.changes:
            head += ": " + "; ".join(c.what for c in self.changes)
        return head


@dataclass
class ApplyResult:
    doc: Document
    reports: list[ItemReport]
    renumbered: bool = False
    registry: dict[int, Node] = field(default_factory=dict)  # id(state) -> node of `doc`

    def modifications(self) -> list[dict[str, str]]:
        """Which item changed which element: type, the element's eId (in the result, or in the base
        for what was deleted, then marked `base`), and the item's label."""
        by_node = eids(self.doc)
        out: list[dict[str, str]] = []
        for pos, report in enumerate(self.reports, start=1):
            if report.status != "applied":
                continue
            for change in report.changes:
                eid, where = "", "result"
                for state in (change.point, change.para, change.token and (change.token.article or change.token.header)):
                    node = self.registry.get(id(state)) if state is not None else None
                    if node is not None:
                        eid = by_node.get(id(node), "")
                        break
                if not eid and change.base_eid:
                    eid, where = change.base_eid, "base"
                if eid:
                    out.append({"type": change.type, "eid": eid, "in": where, "item": report.label,
                                "pos": str(pos)})
        return out

    @property
    def ok(self) -> bool:
        return all(r.status != "not applied" for r in self.reports)

    @property
    def counts(self) -> dict[str, int]:
        out = {"applied": 0, "not applied": 0, "noted": 0}
        for r in self.reports:
            out[r.status] += 1
        return out
