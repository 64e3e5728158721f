# The two commands of the README:
#   make site   installs everything and builds the sample site into site/
#   make test   installs everything and runs the tests (ruff, pytest with a real Chromium)
# Everything is installed into .venv/ with the exact versions of constraints.txt.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test serve validate install cms system-packages constraints clean

# One step: mkdocs build validates, builds into a staging folder, verifies it and only then replaces site/.
site: install cms
	$(BIN)/mkdocs build --strict

test: install cms system-packages
	$(BIN)/ruff check .
	$(BIN)/quangba schema --check
	$(BIN)/quangba nginx --check
	$(BIN)/pytest

# --dirty: a save rebuilds the entry and the pages listing it, not the corpus (quangba keeps the rest).
serve: install cms
	$(BIN)/mkdocs serve --dirty

validate: install
	$(BIN)/quangba validate

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip==25.3"
	$(BIN)/python -m pip install --quiet --constraint constraints.txt --editable ".[test]"
	touch $@

# Browser tests drive Debian's Chromium (never a browser downloaded by a test tool); the serving tests run
# Debian's nginx on loopback.
# The web editor at /admin/ (Sveltia CMS), installed from cms/package-lock.json and bundled with esbuild into
# cms/dist/; refused unless its checksum is the one recorded in cms/bundle.json. Needs Node.js and npm.
cms: cms/dist/cms.js

cms/dist/cms.js: cms/package.json cms/package-lock.json cms/entry.js cms/bundle.json scripts/build_cms.py | install
	$(BIN)/python scripts/build_cms.py

system-packages:
	@test -x /usr/bin/chromium -a -x /usr/sbin/nginx || { \
	  echo "Installing Debian's chromium and nginx for the browser and serving tests"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium nginx-light >/dev/null 2>&1 || \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium nginx >/dev/null; }

constraints:
	$(BIN)/python -m pip freeze --exclude-editable | grep -v '^-e' > constraints.txt.new
	{ echo "# Exact versions of every dependency, so a fresh install today and in a year is the same."; \
	  echo "# Regenerate after changing pyproject.toml: make constraints"; cat constraints.txt.new; } > constraints.txt
	rm constraints.txt.new

clean:
	rm -rf site .cache cms/dist cms/node_modules
