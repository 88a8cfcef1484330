"""`lawdiff check --git/--staged` and the ready-made integrations, each run for real on a
temporary repository of real law texts (tests/gitlib.py):

- the GitHub Action (action.yml): its script steps run with the variables GitHub sets
  (event file, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_ACTIONS…) under GitHub's bash;
- the GitLab CI template: its job script run with GitLab's predefined variables;
- the pre-commit hook (.pre-commit-hooks.yaml) through the real `pre-commit try-repo`.

The broken cross-reference is a generated edit of a real text: the company law 2023 with
the first article that another article cites deleted (`gitlib.delete_cited_article`).  The
passing change is a real revision (company law 2018 -> 2023, whose citations were updated).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from gitlib import COMPANY, commit, delete_cited_article, git, init, law_repository, put

from lawdiff.cli.app import main
from lawdiff.text.numerals import int_to_zh

ROOT = Path(__file__).parent.parent
BIN = Path(sys.executable).parent  # lawdiff, python3 of the environment under test


@pytest.fixture(scope="module")
def broken() -> tuple[str, str, int]:
    return delete_cited_article(COMPANY[1])


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory, broken: tuple[str, str, int]) -> Path:
    """The shared law repository plus a branch `break` off main that deletes a cited article."""
    repo = law_repository(tmp_path_factory.mktemp("ci") / "laws-repo")
    git(repo, "checkout", "-q", "-b", "break", "main")
    put(repo, "laws/company-law.md", broken[0])
    commit(repo, "Company law: drop an article (generated edit)", "2024-02-01T12:00:00+08:00")
    git(repo, "checkout", "-q", "main")
    return repo


def zh_article(number: str) -> str:
    return f"第{int_to_zh(int(number))}条"


def run(cwd: Path, *args: str, monkeypatch: pytest.MonkeyPatch, env: dict[str, str] | None = None
        ) -> tuple[int, str, str]:
    monkeypatch.chdir(cwd)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    for key, value in (env or {}).items():
        monkeypatch.setenv(key, value)
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


# -- lawdiff check --git ----------------------------------------------------------------------
def test_check_reports_the_broken_reference_at_its_line(repo: Path, broken: tuple[str, str, int],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    text, cited, line = broken
    code, out, err = run(repo, "check", "--git", "main...break", monkeypatch=monkeypatch)
    assert code == 1, err
    errors = [l for l in out.splitlines() if ": error: " in l]
    assert errors == [f"laws/company-law.md:{line}: error: {errors[0].split(': error: ')[1]}"]
    assert f"still cites {zh_article(cited)}, which was deleted [lawdiff/stale-reference]" in errors[0]
    assert zh_article(cited) in text.split("\n")[line - 1]  # the line quoted is the citing paragraph
    assert "1 error(s)" in err
    # Absent: the unchanged laws, and the real revision on main, have nothing to say.
    assert "criminal-law" not in out and "grundgesetz" not in out


def test_check_passes_a_real_revision(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, err = run(repo, "check", "--git", "HEAD~1..HEAD", "laws/company-law.md", monkeypatch=monkeypatch)
    assert code == 0, out + err
    assert ": error: " not in out and "0 error(s)" in err


def test_check_github_annotations_and_sarif(repo: Path, broken: tuple[str, str, int],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    _, cited, line = broken
    code, out, _ = run(repo, "check", "--git", "main...break", monkeypatch=monkeypatch,
                       env={"GITHUB_ACTIONS": "true"})
    assert code == 1
    annotations = [l for l in out.splitlines() if l.startswith("::error ")]
    assert annotations == [f"::error file=laws/company-law.md,line={line},title=lawdiff/stale-reference::"
                           + annotations[0].split("::", 2)[2]]
    assert zh_article(cited) in annotations[0]
    assert all(l.startswith(("::error ", "::warning ")) for l in out.splitlines())
    code, out, _ = run(repo, "check", "--git", "main...break", "--format", "sarif", monkeypatch=monkeypatch)
    assert code == 1
    sarif = json.loads(out)
    assert sarif["version"] == "2.1.0" and sarif["$schema"].endswith("sarif-2.1.0.json")
    run0 = sarif["runs"][0]
    rules = [r["id"] for r in run0["tool"]["driver"]["rules"]]
    assert rules == sorted(set(rules)) and "lawdiff/stale-reference" in rules
    errors = [r for r in run0["results"] if r["level"] == "error"]
    assert len(errors) == 1
    assert errors[0]["ruleId"] == rules[errors[0]["ruleIndex"]] == "lawdiff/stale-reference"
    location = errors[0]["locations"][0]["physicalLocation"]
    assert location == {"artifactLocation": {"uri": "laws/company-law.md", "uriBaseId": "%SRCROOT%"},
                        "region": {"startLine": line}}
    assert {r["level"] for r in run0["results"]} <= {"error", "warning", "note"}
    again = run(repo, "check", "--git", "main...break", "--format", "sarif", monkeypatch=monkeypatch)[1]
    assert again == out


def test_check_bad_input(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, err = run(repo, "check", "--git", "nope..HEAD", monkeypatch=monkeypatch)
    assert (code, out, err.count("\n")) == (2, "", 1) and "no revision 'nope'" in err
    code, _, err = run(repo, "check", "--git", "HEAD~1..HEAD", "--format", "xml", monkeypatch=monkeypatch)
    assert code == 2 and "use one of text, github, sarif" in err


# -- the GitHub Action ----------------------------------------------------------------------
EXPRESSION = re.compile(r"\$\{\{\s*(.+?)\s*\}\}")


def evaluate(value: str, context: dict[str, str]) -> str:
    """The `${{ … }}` expressions the action uses; any other one fails the test."""
    def one(match: re.Match[str]) -> str:
        assert match.group(1) in context, f"action.yml uses an expression the test cannot evaluate: {match.group(0)}"
        return context[match.group(1)]
    return EXPRESSION.sub(one, value)


def read_outputs(path: Path) -> dict[str, str]:
    """A GITHUB_OUTPUT file: `name=value` lines and `name<<DELIMITER` blocks."""
    out: dict[str, str] = {}
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    k = 0
    while k < len(lines):
        if "<<" in lines[k] and "=" not in lines[k].split("<<")[0]:
            name, delimiter = lines[k].split("<<", 1)
            end = lines.index(delimiter, k + 1)
            out[name] = "\n".join(lines[k + 1:end])
            k = end + 1
            continue
        name, _, value = lines[k].partition("=")
        out[name] = value
        k += 1
    return out


def run_action(repo: Path, tmp: Path, event: dict, inputs: dict[str, str]  # type: ignore[type-arg]
               ) -> tuple[dict[str, int], dict[str, str], str, str]:
    """Run action.yml's script steps as the runner would: each with its evaluated `env`, its
    own GITHUB_OUTPUT file, GitHub's bash (`bash --noprofile --norc -eo pipefail`).

    Not run: `uses:` steps (actions/setup-python) and the `install` step (pip install of this
    repository, which would replace the environment under test; lawdiff is on PATH already).
    Returns exit statuses by step id, the action's outputs, the job summary and the log.
    """
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    tmp.mkdir(parents=True, exist_ok=True)
    (tmp / "event.json").write_text(json.dumps(event), encoding="utf-8")
    summary = tmp / "step_summary.md"
    context = {f"inputs.{name}": str(spec.get("default", "")) for name, spec in action["inputs"].items()}
    context.update({f"inputs.{name}": value for name, value in inputs.items()})
    context["github.action_path"] = str(ROOT)
    base_env = {"PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}", "HOME": os.environ.get("HOME", str(tmp)),
                "LANG": "C.UTF-8", "CI": "true", "GITHUB_ACTIONS": "true", "GITHUB_WORKSPACE": str(repo),
                "GITHUB_EVENT_NAME": "pull_request", "GITHUB_EVENT_PATH": str(tmp / "event.json"),
                "GITHUB_SHA": event["pull_request"]["head"]["sha"], "GITHUB_STEP_SUMMARY": str(summary),
                "GITHUB_ACTION_PATH": str(ROOT), "RUNNER_TEMP": str(tmp / "runner_temp"), "RUNNER_OS": "Linux"}
    (tmp / "runner_temp").mkdir(exist_ok=True)
    statuses: dict[str, int] = {}
    log = []
    for number, step in enumerate(action["runs"]["steps"]):
        if "uses" in step or step.get("id") == "install":
            continue
        assert step["shell"] == "bash"
        output_file = tmp / f"output_{number}"
        output_file.touch()
        env = {**base_env, "GITHUB_OUTPUT": str(output_file)}
        env.update({k: evaluate(str(v), context) for k, v in step.get("env", {}).items()})
        script = tmp / f"step_{number}.sh"
        script.write_text(evaluate(step["run"], context), encoding="utf-8")
        done = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)], cwd=repo, env=env,
                              capture_output=True, text=True)
        log.append(done.stdout + done.stderr)
        statuses[step["id"]] = done.returncode
        context.update({f"steps.{step['id']}.outputs.{k}": v for k, v in read_outputs(output_file).items()})
        if done.returncode:
            break  # a failing step ends the job
    outputs = {name: evaluate(spec["value"], {**{k: "" for k in _step_output_names(action)}, **context})
               for name, spec in action["outputs"].items()}
    return statuses, outputs, summary.read_text(encoding="utf-8") if summary.exists() else "", "".join(log)


def _step_output_names(action: dict) -> list[str]:  # type: ignore[type-arg]
    """Outputs of steps that did not run read as empty, as on GitHub."""
    return [EXPRESSION.search(spec["value"]).group(1) for spec in action["outputs"].values()]  # type: ignore[union-attr]


def pull_request(repo: Path, base: str, head: str) -> dict:  # type: ignore[type-arg]
    return {"number": 7, "pull_request": {"base": {"sha": git(repo, "rev-parse", base), "ref": "main"},
                                          "head": {"sha": git(repo, "rev-parse", head), "ref": head}}}


def test_github_action_writes_summary_and_outputs(repo: Path, tmp_path: Path) -> None:
    statuses, outputs, summary, log = run_action(repo, tmp_path, pull_request(repo, "main", "feature"), {})
    assert statuses == {"diff": 0, "check": 0}, log
    assert outputs["changed"] == "true" and outputs["files"] == "1" and outputs["errors"] == "0"
    comment = Path(outputs["comment-file"]).read_text(encoding="utf-8")
    assert summary == comment and comment.startswith("<!-- lawdiff:pr-comment -->")
    # The pull request's own change (from the merge base), not main's later revisions.
    assert "<summary><code>laws/criminal-law.md</code>: 7 modified</summary>" in summary
    assert "company-law" not in summary and "grundgesetz" not in summary
    data = json.loads(Path(outputs["json-file"]).read_text(encoding="utf-8"))
    assert [f["path"] for f in data["files"]] == ["laws/criminal-law.md"]
    assert "::error" not in log


def test_github_action_annotates_and_fails_on_a_broken_reference(repo: Path, tmp_path: Path,
                                                                 broken: tuple[str, str, int]) -> None:
    _, cited, line = broken
    statuses, outputs, summary, log = run_action(repo, tmp_path, pull_request(repo, "main", "break"), {})
    assert statuses == {"diff": 0, "check": 1}, log
    assert outputs["changed"] == "true" and outputs["errors"] == "1"
    assert f"::error file=laws/company-law.md,line={line},title=lawdiff/stale-reference::" in log
    assert zh_article(cited) in log
    assert "<summary><code>laws/company-law.md</code>: 1 removed" in summary
    # fail-on-error: false reports without failing.
    statuses, outputs, _, log = run_action(repo, tmp_path / "lenient", pull_request(repo, "main", "break"),
                                           {"fail-on-error": "false", "max-chars": "3000"})
    assert statuses == {"diff": 0, "check": 0} and outputs["errors"] == "1", log
    assert len(Path(outputs["comment-file"]).read_text(encoding="utf-8")) <= 3000


def test_github_action_reports_bad_input(repo: Path, tmp_path: Path) -> None:
    event = pull_request(repo, "main", "feature")
    statuses, _, _, log = run_action(repo, tmp_path, event, {"base": "no-such-branch"})
    assert statuses == {"diff": 2} and "lawdiff: error: no revision 'no-such-branch'" in log


# -- the GitLab CI template -----------------------------------------------------------------
def run_gitlab_job(repo: Path, variables: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """The template's job script as the runner runs it (one bash, `set -eo pipefail`), with the
    job's variables and GitLab's predefined ones.  `before_script` (pip install) is not run:
    lawdiff is on PATH already."""
    job = yaml.safe_load((ROOT / "ci" / "gitlab" / "lawdiff.gitlab-ci.yml").read_text(encoding="utf-8"))["lawdiff"]
    env = {"PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}", "HOME": os.environ.get("HOME", str(repo)),
           "LANG": "C.UTF-8", "CI": "true", "GITLAB_CI": "true", "CI_PROJECT_DIR": str(repo),
           **{k: str(v) for k, v in job["variables"].items()}, **variables}
    script = "set -eo pipefail\n" + "\n".join(job["script"])
    return subprocess.run(["bash", "-c", script], cwd=repo, env=env, capture_output=True, text=True)


def test_gitlab_template_on_a_merge_request(repo: Path, tmp_path: Path, broken: tuple[str, str, int]) -> None:
    work = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(repo), str(work))
    for branch in ("feature", "break"):
        git(work, "branch", "-q", branch, f"origin/{branch}")
    mr = {"CI_PIPELINE_SOURCE": "merge_request_event",
          "CI_MERGE_REQUEST_DIFF_BASE_SHA": git(work, "merge-base", "main", "feature"),
          "CI_COMMIT_SHA": git(work, "rev-parse", "feature")}
    done = run_gitlab_job(work, mr)
    assert done.returncode == 0, done.stdout + done.stderr
    comment = (work / "lawdiff.md").read_text(encoding="utf-8")
    assert "<summary><code>laws/criminal-law.md</code>: 7 modified</summary>" in comment and comment in done.stdout
    assert [f["path"] for f in json.loads((work / "lawdiff.json").read_text(encoding="utf-8"))["files"]] == \
        ["laws/criminal-law.md"]
    assert json.loads((work / "lawdiff.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"
    # A merge request that breaks a citation fails the job, with the finding in the log.
    _, cited, line = broken
    mr.update(CI_MERGE_REQUEST_DIFF_BASE_SHA=git(work, "merge-base", "main", "break"),
              CI_COMMIT_SHA=git(work, "rev-parse", "break"))
    done = run_gitlab_job(work, mr)
    assert done.returncode == 1
    assert f"laws/company-law.md:{line}: error: " in done.stdout and zh_article(cited) in done.stdout
    sarif = json.loads((work / "lawdiff.sarif").read_text(encoding="utf-8"))
    assert [r["level"] for r in sarif["runs"][0]["results"]].count("error") == 1


# -- the pre-commit hook --------------------------------------------------------------------
@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This repository's files as they are now (committed or not) in one commit.

    `pre-commit try-repo` on a work tree with changes makes a new shadow commit, and so a
    new hook environment, on every call; one snapshot lets the two calls share one."""
    snapshot = init(tmp_path_factory.mktemp("hook") / "lawdiff")
    listed = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            capture_output=True, check=True).stdout.decode("utf-8").split("\0")
    for name in filter(None, listed):
        if (ROOT / name).is_file():
            put(snapshot, name, ROOT / name)
    commit(snapshot, "snapshot of the working tree", "2024-01-01T00:00:00+00:00")
    return snapshot


def try_repo(repo: Path, hook_repo: Path, home: Path) -> subprocess.CompletedProcess[str]:
    """`pre-commit try-repo <this repository> lawdiff-check` in `repo` (the staged files)."""
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}
    env.pop("GITHUB_ACTIONS", None)
    return subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(hook_repo), "lawdiff-check"],
                          cwd=repo, env=env, capture_output=True, text=True)


def test_pre_commit_hook_blocks_a_broken_reference_and_passes_a_real_revision(
        tmp_path: Path, hook_repo: Path, broken: tuple[str, str, int]) -> None:
    text, cited, line = broken
    repo = init(tmp_path / "drafting")
    put(repo, "company-law.md", COMPANY[1])
    put(repo, "README.md", "# The company law\n")
    commit(repo, "The company law 2023", "2023-12-29T12:00:00+08:00")
    put(repo, "company-law.md", text)
    git(repo, "add", "company-law.md")
    done = try_repo(repo, hook_repo, tmp_path / "pre-commit-home")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Failed" in done.stdout and f"company-law.md:{line}: error: " in done.stdout
    assert f"still cites {zh_article(cited)}, which was deleted" in done.stdout
    # A real revision whose citations were updated: the hook lets it through.
    repo = init(tmp_path / "revision")
    put(repo, "company-law.md", COMPANY[0])
    commit(repo, "The company law 2018", "2018-10-26T12:00:00+08:00")
    put(repo, "company-law.md", COMPANY[1])
    git(repo, "add", "company-law.md")
    done = try_repo(repo, hook_repo, tmp_path / "pre-commit-home")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Passed" in done.stdout and ": error: " not in done.stdout


def test_check_reports_a_broken_german_citation(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A German law file whose change deletes § 7, which § 5a cites (`Abweichend von § 7 Abs. 2`): the
    citing line is an error, as a Chinese citation would be; the real text before it has nothing to say,
    and neither has a citation of another act (`§ 22 des Handelsgesetzbuchs`, in § 4)."""
    gmbhg = ROOT / "tests" / "data" / "corpus" / "de" / "gmbhg" / "02-stand-2021-05-04.md"
    text = gmbhg.read_text(encoding="utf-8")
    start, end = text.index("### § 7 Anmeldung der Gesellschaft"), text.index("### § 8 Inhalt der Anmeldung")
    repo = init(tmp_path / "laws")
    put(repo, "gmbhg.md", text)
    commit(repo, "GmbHG, Stand 2021", "2024-01-01T12:00:00+01:00")
    put(repo, "gmbhg.md", text[:start] + text[end:])
    commit(repo, "GmbHG: § 7 deleted (generated edit)", "2024-02-01T12:00:00+01:00")
    code, out, err = run(repo, "check", "--git", "HEAD~1..HEAD", monkeypatch=monkeypatch)
    assert code == 1, out + err
    errors = [l for l in out.splitlines() if ": error: " in l]
    assert any("§ 5a still cites § 7, which was deleted [lawdiff/stale-reference]" in l for l in errors), errors
    line = int(next(l for l in errors if "§ 5a still cites § 7" in l).split(":")[1])
    assert "Abweichend von § 7 Abs. 2" in (text[:start] + text[end:]).split("\n")[line - 1]
    assert not any("§ 22" in l or "dangling" in l for l in out.splitlines())
