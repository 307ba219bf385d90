# Honoscope: build, test and serve the static site.
# Needs only Go; the browser tests also need Debian's chromium.
#
#   make run                      build everything and serve on http://127.0.0.1:$(PORT)/
#   make site [PREFIX=/honoscope] the deployable site in build/, with .br and .gz copies
#   make test                     vet, native tests, wasm tests in Chromium, end-to-end tests
#   make bench | bench-first | bench-scale | pgo | check-sql | lint | clean

GO       = go
PORT    ?= 8000
PREFIX  ?= /
SITE     = build
# The app's two WebAssembly programs (app/route, Program): app.wasm
# (main package app/cmd/consult) runs the consultation pages, tools.wasm
# (app/cmd/tools) training, the team view and the patient's profile.
# 'honoscope wasm' builds them as the site builder's table says
# (app/site/programs.go), against go-app without its HTTP server
# (app/site/browser.go; README, "How the browser programs are built").
BIN      = $(CURDIR)/.bin
WASMEXEC = $(BIN)/wasmbrowsertest
CHROMIUM = /usr/bin/chromium
# Packages that run in the browser: all but the native-only ones: the
# end-to-end harness (app/e2e drives Chromium from outside), the site
# builder (app/site writes files and serves them) and the command line
# (app/cli and the root package).
NATIVEONLY = grep -v -e /app/e2e -e /app/site -e /app/cli -e '^honoscope$$'
WASMPKGS = GOOS=js GOARCH=wasm $(GO) list ./... | $(NATIVEONLY)
WASMAPP  = GOOS=js GOARCH=wasm $(GO) list ./app/... | $(NATIVEONLY)

.PHONY: run site content wasm test vet test-native test-wasm e2e bench bench-first bench-scale pgo check-sql lint clean

# The local server sends nothing compressed, so 'run' skips the .br and
# .gz copies that 'site' writes for a real host.
run: content wasm
	$(GO) run . site --compress=false --base $(PREFIX) $(SITE)
	$(GO) run . serve --dir $(SITE) --addr 127.0.0.1:$(PORT)

site: content wasm
	$(GO) run . site --base $(PREFIX) $(SITE)

# Check and bundle the training content (content/vignettes, content/pages):
# a trust's own files dropped there are included; any problem stops the
# build with file:line messages. (make test does not regenerate: its
# freshness test catches a bundle committed out of date.)
content:
	$(GO) generate ./content/...

# Go's build cache makes this quick when nothing changed.
wasm:
	$(GO) run . wasm --out web

# wasm first: it fills Go's build cache, so the tests that build the app
# again only link it.
test: vet wasm test-native test-wasm

vet:
	$(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet $$($(WASMPKGS))

# Native unit tests and the end-to-end browser tests (app/e2e), which
# build their own wasm and site into a temporary directory. The browser
# tests run one or two at a time, so allow more than go test's 10 minutes.
test-native:
	$(GO) test -timeout 30m ./...

# Browser tests of the wasm packages (real DOM, IndexedDB) via wasmbrowsertest.
test-wasm:
	@if [ -x $(CHROMIUM) ]; then \
		echo "GOBIN=$(BIN) $(GO) install github.com/agnivade/wasmbrowsertest@v0.11.0"; \
		GOBIN=$(BIN) $(GO) install github.com/agnivade/wasmbrowsertest@v0.11.0 && \
		echo "GOOS=js GOARCH=wasm $(GO) test -exec $(WASMEXEC) ./app/... (without app/e2e, app/site and app/cli)" && \
		GOOS=js GOARCH=wasm $(GO) test -exec $(WASMEXEC) $$($(WASMAPP)); \
	else \
		echo "**************************************************************"; \
		echo "*** WASM BROWSER TESTS NOT RUN: $(CHROMIUM) is missing."; \
		echo "*** Install it (apt-get install -y chromium) to run them."; \
		echo "**************************************************************"; \
		if [ "$$HONOSCOPE_REQUIRE_BROWSER" = 1 ]; then exit 1; fi; \
	fi

# Only the end-to-end tests.
e2e:
	$(GO) test -timeout 30m ./app/e2e/...

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

# 'honoscope change' on generated exports of 1,000,000 and 10,000,000 rows:
# prints the median time and the peak memory (getrusage) of each.
bench-scale:
	HONOSCOPE_SCALE=1 $(GO) test -count=1 -timeout 60m -v -run TestScaleOfChange ./app/cli/ | grep -E "rows|^(---|FAIL|ok)"

# default.pgo, the CPU profile go build optimises the command line with
# (profile-guided optimisation), from change, report and ranges on 1,000,000
# generated rows: run it again when their hot paths change.
pgo:
	$(GO) test -count=1 -run TestWritePGOProfile ./app/cli -args -pgo "$(CURDIR)/default.pgo"

# docs/sql/change.duckdb.sql against 'honoscope change' on the test data, the
# example export and 1,000,000 generated rows, and docs/sql/change.spark.sql
# against Spark SQL's grammar, its analysis being the DuckDB file's (installs
# DuckDB's Node.js client and dt-sql-parser from the npm registry; needs node
# and npm; not part of make test).
check-sql:
	bash docs/sql/check.sh

# The first visit to /rate, in Chromium with a new profile per run, from a
# gzip host on loopback, seven runs, beside SurveyJS (fetched from the npm
# registry) rendering the same twelve items: prints the medians of first
# and repeat visit and the bytes moved.
bench-first: wasm
	HONOSCOPE_BENCH_FIRST=1 $(GO) test -count=1 -timeout 30m -v -run TestFirstVisitAgainstSurveyJS ./app/e2e/ | grep -E "^(Honoscope|SurveyJS|---|FAIL|ok)"

lint:
	@files=$$(gofmt -l $$(find . -name '*.go' -not -path './.bin/*' -not -path './build/*')); if [ -n "$$files" ]; then echo "gofmt needed:"; echo "$$files"; exit 1; fi
	$(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet $$($(WASMPKGS))
	$(GO) run honnef.co/go/tools/cmd/staticcheck@v0.8.2 ./...
	GOBIN=$(BIN) $(GO) install honnef.co/go/tools/cmd/staticcheck@v0.8.2
	GOOS=js GOARCH=wasm $(BIN)/staticcheck $$($(WASMPKGS))

clean:
	rm -rf $(SITE)/* web/app.wasm web/tools.wasm $(BIN) honoscope

# SCORM 1.2 package of the training section for a trust's LMS.
SCORM ?= $(SITE)/honoscope-scorm.zip
.PHONY: scorm
scorm: wasm
	$(GO) run . scorm --out $(SCORM)
