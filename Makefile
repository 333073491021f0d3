# apobot: `make run` starts the demo pharmacy on http://localhost:8080,
# `make test` checks everything. Both install missing Debian packages first.

SHELL       := /bin/bash
GO          ?= go
BIN         := bin/apobot
VERSION     := $(shell git describe --always --dirty 2>/dev/null || echo dev)
LDFLAGS     := -X main.version=$(VERSION)
# tesseract through cgo, with the German and English language data.
DEB_RUNTIME := libtesseract-dev libleptonica-dev tesseract-ocr-deu tesseract-ocr-eng
# The tablet page's browser tests drive Debian's Chromium (through chromedp);
# the HTTPS test obtains a certificate from pebble, a local ACME server; the
# store's, engine's and web server's tests run a second time on a throwaway
# PostgreSQL cluster (store/pgtest starts it as an unprivileged user). The
# browser tests check both pages with axe-core, from npm (.ci/install-axe).
DEB_TEST    := chromium pebble postgresql
# The stock pipeline scanbench compares against: zxing-cpp's reader and tesseract's CLI
# (the second peer, zxing-wasm, comes from npm: .ci/install-zxing-wasm).
DEB_BENCH   := zxing-cpp-tools tesseract-ocr postgresql
BENCH_N     ?= 300
# scanbench's second barcode peer (.ci/install-zxing-wasm), and the shared
# barcode corpus when it is beside the project.
ZXING_WASM  := .cache/zxing-wasm/node_modules
CORPUS_FLAG := $(if $(wildcard ../shared/corpus),-corpus ../shared/corpus)
FUZZTIME    ?= 1m
# make test fuzzes every target briefly too; make fuzz runs them FUZZTIME each.
FUZZ_SHORT  ?= 3s
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2

.PHONY: run run-branches test bench load fuzz lint build deps clean

run: build
	./$(BIN) serve --demo

# The demo pharmacy with four branches (testdata/apobot.branches.json), in a
# data folder of its own.
run-branches: build
	APOBOT_CONFIG=testdata/apobot.branches.json APOBOT_DATA_DIR=./data-branches ./$(BIN) serve --demo

# The race detector makes gozxing ten times slower: ocr's reading-quality
# tests skip under -race and run in a second pass without it.
test: deps
	@.ci/install-deps $(DEB_TEST)
	@.ci/install-axe >/dev/null
	@.ci/large-files
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt needed: $$unformatted"; exit 1; fi
	$(GO) vet ./...
	$(GO) test -race -count=1 -timeout 30m ./...
	$(GO) test -count=1 -timeout 30m ./ocr/...
	APOBOT_TEST_DATABASE=postgres $(GO) test -count=1 -timeout 30m ./store/... ./bot/... ./retention/...
	.ci/fuzz $(FUZZ_SHORT)

# Go benchmarks, acknowledgement at 200 text messages a second through each
# channel (WhatsApp, Threema, Messenger webhooks and the web chat), the purge of
# 10,000 and 100,000 abandoned chats, then the scan pipeline
# against its peers on BENCH_N generated photos (per kind, then again with
# every core busy, then the shared corpus).
bench: deps
	@.ci/install-deps $(DEB_BENCH)
	@.ci/install-zxing-wasm >/dev/null
	$(GO) test -run '^$$' -bench . -benchmem ./...
	$(GO) run ./cmd/ackbench -rate 200 -duration 10s
	$(GO) run ./cmd/purgebench -n 10000
	$(GO) run ./cmd/purgebench -n 100000
	@echo "--- PostgreSQL, two services on one database, beside SQLite, at the target rate of 1000 messages a second"
	$(GO) run ./cmd/ackbench -channel whatsapp -rate 1000 -duration 10s
	$(GO) run ./cmd/ackbench -channel whatsapp -rate 1000 -duration 10s -database postgres -processes 2
	$(GO) run ./cmd/ackbench -channel whatsapp -rate 200 -duration 10s -database postgres -processes 2
	$(GO) run ./cmd/purgebench -n 100000 -database postgres
	$(GO) run ./cmd/scanbench -n $(BENCH_N) -zxing-wasm $(ZXING_WASM) $(CORPUS_FLAG)

# Load on loopback that stops by itself: 200 text messages a second through
# each messenger webhook (local fakes) and the web chat, then LOAD_PHOTOS photo uploads a second
# read by the real scanner (more than it keeps up with shows the 503s).
LOAD_PHOTOS ?= 10
load: deps
	$(GO) run ./cmd/ackbench -rate 200 -duration 10s -photo-rate $(LOAD_PHOTOS)

# Every fuzz target, FUZZTIME each.
fuzz: deps
	.ci/fuzz $(FUZZTIME)

lint: deps
	test -z "$$(gofmt -l .)"
	$(GO) vet ./...
	$(GO) run $(STATICCHECK) ./...

build: deps
	$(GO) build -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/apobot

deps:
	@.ci/install-deps $(DEB_RUNTIME)

# Removes build output only; ./data (the pharmacy's database) is never touched.
clean:
	rm -rf bin
	$(GO) clean -testcache
