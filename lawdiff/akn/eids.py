"""The one implementation of lawdiff's eIds (Akoma Ntoso naming convention, Arabic numbers).

- A node's own part is `<prefix>_<number>` (`chp_2`, `art_12a`, `para_3`, `art_134-1` for
  第一百三十四条之一); an unnumbered node is counted per parent and prefix: `para_nn1`,
  `hcontainer_1`.
- The eId is the parent's eId, `__`, the own part (`chp_1__sec_2`, `art_5__para_2__point_3`),
  except for articles: their numbers are unique in a law, so an article is `art_12`
  whatever chapter holds it.
- A repeated number (a faulty text) gets `_2`, `_3` ... so that eIds stay unique.

The writer stamps these on the XML; the differ, the amendment writer, the site and the
internal links name elements with the same functions, so a name means the same element
everywhere (and `lawdiff.akn.select` accepts them as names of articles).
"""

from __future__ import annotations

from lawdiff.model import EID_PREFIX, Document, Node


def _own(node: Node, parent_eid: str, counters: dict[str, int]) -> str:
    prefix = EID_PREFIX[node.kind]
    if node.number:
        return f"{prefix}_{node.number}"
    key = f"{parent_eid}/{prefix}"
    counters[key] = counters.get(key, 0) + 1
    return f"{prefix}_{counters[key]}" if node.kind == "hcontainer" else f"{prefix}_nn{counters[key]}"


def assign_eids(doc: Document) -> dict[int, str]:
    """id(node) -> eId for every node of the body, as the Akoma Ntoso writer writes them."""
    counters: dict[str, int] = {}
    used: set[str] = set()
    out: dict[int, str] = {}

    def visit(node: Node, parent_eid: str) -> None:
        own = _own(node, parent_eid, counters)
        if node.kind == "article" and not parent_eid.startswith("art"):
            eid = own  # article numbers are unique in a law: art_12, whatever the chapter
        else:
            eid = f"{parent_eid}__{own}" if parent_eid else own
        base, n = eid, 1
        while eid in used:  # a repeated number (a faulty text) must not break uniqueness
            n += 1
            eid = f"{base}_{n}"
        used.add(eid)
        out[id(node)] = eid
        for child in node.children:
            visit(child, eid)

    for top in doc.body:
        visit(top, "")
    return out


def provision_eid(article: str, paragraph: int | str = 0, point: int | str = 0) -> str:
    """The eId of an article (its number as in its eId: "12", "134-1"), or of a paragraph
    (款, Absatz: 2) or point (项, Nummer: 3, EU point: "a") inside it.  A point named without its
    paragraph is in the first one."""
    eid = f"art_{article}"
    if paragraph:
        eid += f"__para_{paragraph}"
    if point:
        eid += ("" if paragraph else "__para_1") + f"__point_{point}"
    return eid


def container_eid(path: list[tuple[str, int | str]]) -> str:
    """The eId of a container given its path of (kind, number), outermost first: `chp_2__sec_1`."""
    return "__".join(f"{EID_PREFIX.get(kind, kind)}_{number}" for kind, number in path)


def article_of_eid(eid: str) -> str:
    """The eId of the article that holds an element: "art_5__para_1__point_3" -> "art_5" (articles
    are named by their number alone, whatever holds them)."""
    return eid.split("__", 1)[0]


def number_of_eid(eid: str) -> str:
    """The number an eId gives its element ("art_12a" -> "12a", "chp_1__sec_2" -> "2");
    "" for a counted (unnumbered) one; without the `_2` the writer adds to a repeated number."""
    own = eid.rsplit("__", 1)[-1]
    _, sep, tail = own.partition("_")
    if not sep or tail.startswith("nn"):
        return ""
    return tail.split("_", 1)[0]
