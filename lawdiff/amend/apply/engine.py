"""The applier put together: items applied one by one, each all or nothing.

An item whose instructions all apply is reported applied with what each changed; an
item one of whose instructions fails (place not found, quoted text not found or found
twice, overlapping an earlier item, …) is undone and reported not applied with the
reason; an item that changes no text (commencement) is noted.
"""

from __future__ import annotations

from lawdiff.amend.apply.content import ContentOps
from lawdiff.amend.apply.report import ApplyResult, Change, Failure, ItemReport
from lawdiff.amend.apply.structure import StructureOps
from lawdiff.amend.instrument import Instrument, Item, Op
from lawdiff.model import Document, Meta


class Applier(ContentOps, StructureOps):
    """Applies items to one base; `finish` gives the consolidated document."""

    def apply_item(self, item: Item) -> ItemReport:
        report = ItemReport(item.label, "applied", text=item.text, line=item.line)
        if item.error:
            report.status, report.reason = "not applied", item.error
            return report
        if not item.ops:  # an item must say something; an empty one changes nothing and is no note
            report.status, report.reason = "not applied", "the item holds no instruction"
            return report
        if all(op.kind == "note" for op in item.ops):
            report.status, report.reason = "noted", "no change to the text (" + item.ops[0].text[:40] + ")"
            return report
        snap = self._snapshot()
        self.saved = {}
        try:
            for op in item.ops:
                report.changes.extend(self.apply_op(op, item.label))
        except Failure as exc:
            self._restore(snap, self.saved)
            report.status, report.reason, report.changes = "not applied", str(exc), []
        return report

    def apply_op(self, op: Op, label: str) -> list[Change]:
        handler = getattr(self, "op_" + op.kind)
        return handler(op, label)

    def op_note(self, op: Op, label: str) -> list[Change]:
        return []

    def op_delete(self, op: Op, label: str) -> list[Change]:
        """A container with its content, an article, or a paragraph or point of one."""
        loc = op.target
        if loc.is_container:
            return self._delete_container(loc, label)
        if loc.level == "article":
            return self._delete_article(loc, label)
        return self._delete_part(loc, label)


def apply_instrument(base: Document, instrument: Instrument, meta: Meta | None = None) -> ApplyResult:
    """Apply every item in order; items that cannot apply are reported and leave no trace."""
    applier = Applier(base)
    reports = [applier.apply_item(item) for item in instrument.items]
    doc = applier.finish()
    if meta is not None:
        doc.meta = meta
    return ApplyResult(doc, reports, renumbered=applier.renumber_articles, registry=applier.registry)
