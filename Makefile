# lawdiff: `make demo` sets up and runs the main job on drafts/; `make test` runs the suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test venv clean bench sysdeps

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

venv: $(STAMP)

demo: $(STAMP)
	rm -rf build/repo build/site
	$(BIN)/lawdiff init build/repo
	$(BIN)/lawdiff --repo build/repo import-dir drafts/
	$(BIN)/lawdiff --repo build/repo log
	@echo
	@echo "Repository: build/repo  (try: git -C build/repo log --oneline)"
	$(BIN)/lawdiff --repo build/repo site -o build/site
	@echo "Site: build/site  (open: $(BIN)/python -m http.server -d build/site 8000, then http://127.0.0.1:8000/; search needs the server)"

# System packages the browser and HTML tests need (chromium, a JRE, a CJK font): installed when
# missing if run as root, otherwise one line says which command to run.
sysdeps:
	scripts/install-system-deps

test: $(STAMP) sysdeps
	$(BIN)/python -m pytest -q

# Benchmarks are run by hand (never timed assertions in tests); the long fuzz and SIGKILL
# runs are bench/fuzz_run.py and bench/kill_run.py.
bench: $(STAMP)
	$(BIN)/python bench/bench_import.py
	$(BIN)/python bench/bench_diff.py
	$(BIN)/python bench/align_eval.py --seeds 3
	$(BIN)/python bench/align_eval.py --gold tests/data/gold-held --gold-only
	$(BIN)/python bench/bench_formats.py
	$(BIN)/python bench/bench_site.py
	$(BIN)/python bench/bench_git_diff.py --runs 3
	$(BIN)/python bench/bench_docx.py
	$(BIN)/python bench/word_edits.py

clean:
	rm -rf build $(VENV)
