# Two commands for newcomers: `make run` serves the portal, `make test` runs the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

# Plain-HTTP settings for a local server on the loopback interface only. It is a
# local demo, so the admin asks no TOTP code (ADMIN_REQUIRE_2FA=0); production does.
RUN_ENV = HTTPS_ONLY=0 ALLOWED_HOSTS=127.0.0.1,localhost SECRET_KEY="$$(cat var/secret_key)" \
	ADMIN_REQUIRE_2FA=0

.PHONY: run test lint bench load clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

var/secret_key:
	mkdir -p var
	$(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > $@
	chmod 600 $@

run: $(BIN)/.installed var/secret_key
	$(RUN_ENV) $(BIN)/python manage.py migrate --noinput
	$(RUN_ENV) $(BIN)/python manage.py load_content
	$(RUN_ENV) $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(RUN_ENV) $(BIN)/gunicorn routekaart.wsgi --bind 127.0.0.1:$(PORT)

test: $(BIN)/.installed
	$(BIN)/python -m pytest

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean:
	rm -rf $(VENV) var/static

bench: $(BIN)/.installed
	$(BIN)/python scripts/bench.py

load: $(BIN)/.installed
	@command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	$(BIN)/python scripts/load.py
