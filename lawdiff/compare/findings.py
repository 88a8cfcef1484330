"""Findings for CI: what `lawdiff check --git` reports, and the three ways to write them.

- text: `path:line: level: message [rule]`, one per line (for people and grep);
- github: workflow commands (`::error file=…,line=…,title=…::message`) that GitHub turns
  into annotations on the pull request's changed lines;
- sarif: SARIF 2.1.0 (one run, the rules used, one result per finding), for code
  scanning (GitHub `upload-sarif`) and any other SARIF consumer.

All three are deterministic: findings are written in (path, line, rule, message) order.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Literal

from lawdiff.errors import LawdiffError

Level = Literal["error", "warning", "note"]
FINDING_FORMATS = ("text", "github", "sarif")
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


@dataclass(frozen=True)
class Rule:
    id: str  # "lawdiff/stale-reference"
    summary: str  # one sentence for SARIF's rule list


@dataclass(frozen=True)
class Finding:
    path: str  # inside the repository, '/'-separated
    line: int  # 1-based line of the file at the new revision (0: the file as a whole)
    level: Level
    rule: Rule
    message: str

    def sort_key(self) -> tuple[str, int, str, str]:
        return (self.path, self.line, self.rule.id, self.message)


def ordered(findings: list[Finding]) -> list[Finding]:
    return sorted(set(findings), key=Finding.sort_key)


def has_errors(findings: list[Finding]) -> bool:
    return any(f.level == "error" for f in findings)


# -- text -----------------------------------------------------------------------------------
def render_findings_text(findings: list[Finding]) -> str:
    return "".join(f"{f.path}:{f.line}: {f.level}: {f.message} [{f.rule.id}]\n" if f.line else
                   f"{f.path}: {f.level}: {f.message} [{f.rule.id}]\n" for f in ordered(findings))


# -- GitHub workflow commands ----------------------------------------------------------------
def _escape_data(text: str) -> str:
    """A workflow command's message, escaped as the Actions runner unescapes it."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    """A property value (file, title): the message escapes plus ':' and ','."""
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_findings_github(findings: list[Finding]) -> str:
    out = []
    for f in ordered(findings):
        props = [f"file={_escape_property(f.path)}"]
        if f.line:
            props.append(f"line={f.line}")
        props.append(f"title={_escape_property(f.rule.id)}")
        out.append(f"::{f.level if f.level != 'note' else 'notice'} {','.join(props)}::{_escape_data(f.message)}\n")
    return "".join(out)


# -- SARIF 2.1.0 ----------------------------------------------------------------------------
def to_sarif(findings: list[Finding], version: str) -> dict[str, Any]:
    found = ordered(findings)
    rules = sorted({f.rule for f in found}, key=lambda r: r.id)
    index = {rule.id: k for k, rule in enumerate(rules)}
    results = []
    for f in found:
        location: dict[str, Any] = {"artifactLocation": {"uri": f.path, "uriBaseId": "%SRCROOT%"}}
        if f.line:
            location["region"] = {"startLine": f.line}
        results.append({"ruleId": f.rule.id, "ruleIndex": index[f.rule.id], "level": f.level,
                        "message": {"text": f.message}, "locations": [{"physicalLocation": location}]})
    driver = {"name": "lawdiff", "version": version,
              "rules": [{"id": r.id, "shortDescription": {"text": r.summary}} for r in rules]}
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0",
            "runs": [{"tool": {"driver": driver}, "columnKind": "unicodeCodePoints", "results": results}]}


def render_findings_sarif(findings: list[Finding], version: str) -> str:
    return json.dumps(to_sarif(findings, version), ensure_ascii=False, indent=1) + "\n"


def render_findings(findings: list[Finding], fmt: str, version: str) -> str:
    if fmt == "text":
        return render_findings_text(findings)
    if fmt == "github":
        return render_findings_github(findings)
    if fmt == "sarif":
        return render_findings_sarif(findings, version)
    raise LawdiffError(f"unknown findings format {fmt!r} (use one of: {', '.join(FINDING_FORMATS)})")
