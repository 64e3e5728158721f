# The two commands of the README:
#   make site   installs everything and builds the sample site into site/
#   make test   installs everything and runs the tests (ruff, pytest with a real Chromium)
# Everything is installed into .venv/ with the exact versions of constraints.txt.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test serve validate install browser constraints clean

site: install
	$(BIN)/quangba validate
	$(BIN)/mkdocs build --strict
	$(BIN)/quangba verify site

test: install browser
	$(BIN)/ruff check .
	$(BIN)/quangba schema --check
	$(BIN)/pytest

serve: install
	$(BIN)/mkdocs serve

validate: install
	$(BIN)/quangba validate

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip==25.3"
	$(BIN)/python -m pip install --quiet --constraint constraints.txt --editable ".[test]"
	touch $@

# Browser tests drive Debian's Chromium; never a browser downloaded by a test tool.
browser:
	@test -x /usr/bin/chromium || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

constraints:
	$(BIN)/python -m pip freeze --exclude-editable | grep -v '^-e' > constraints.txt.new
	{ echo "# Exact versions of every dependency, so a fresh install today and in a year is the same."; \
	  echo "# Regenerate after changing pyproject.toml: make constraints"; cat constraints.txt.new; } > constraints.txt
	rm constraints.txt.new

clean:
	rm -rf site .cache
