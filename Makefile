# netprofile - build, test and demo.
#
#   make          build build/netprofile (and the library build/libnetprofile.a)
#   make demo     install missing Debian packages, build, decode and explain the shipped capture,
#                 write build/report.html
#   make check    install missing packages, build (plain and with ASan+UBSan), run every test
#   make lab      as root: the lab (tests/lab/): real servers and clients in network namespaces
#   make bench    benchmarks against the peer tools (bench/)
#   make bench-live  as root: what live capture loses at fixed rates, beside the peers (bench/live.sh)
#   make fuzz     run the libFuzzer target for a while (needs clang)
#   make lint     clang-format (check only), cppcheck and clang-tidy
#   make install  the binary, man pages, bash completion, systemd unit under
#                 PREFIX (/usr/local), staged under DESTDIR; make uninstall
#   make deb      the Debian package build/deb/netprofile_VERSION_ARCH.deb (debian/)

CC      ?= cc
PKGS    := libpcap sqlite3 json-c libfixbuf libpq libcrypto
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
# libpq and libcrypto are not linked: src/store/postgres.c and src/print/esp.c
# load them when --db names PostgreSQL or -E is used (src/util/dynlib.h);
# their headers still come from pkg-config above.
PKG_LIBS   := $(shell pkg-config --libs $(filter-out libpq libcrypto,$(PKGS)) 2>/dev/null || echo -lpcap -lsqlite3 -ljson-c -lfixbuf -lglib-2.0) -lm -pthread
WARN    := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wno-missing-field-initializers
CFLAGS  ?= -O2 -g
ALL_CFLAGS = -std=c11 -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L -pthread $(WARN) $(CPPFLAGS) $(CFLAGS) $(PKG_CFLAGS) -MMD -MP

LIB_SRC := $(wildcard src/util/*.c src/capture/*.c src/decode/*.c src/print/*.c src/analyze/*.c src/flow/*.c src/collect/*.c \
	src/profile/*.c src/store/*.c src/report/*.c)
CLI_SRC := $(wildcard src/cli/*.c)

BUILD   ?= build
LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ := $(CLI_SRC:%.c=$(BUILD)/%.o)

SAN_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer -O1 -g

.PHONY: all clean deps demo check test asan bench fuzz lint lint-format lint-cppcheck lint-tidy lint-files

all: $(BUILD)/netprofile $(BUILD)/gen_capture

$(BUILD)/libnetprofile.a: $(LIB_OBJ)
	@mkdir -p $(dir $@)
	@$(AR) rcs $@ $^

$(BUILD)/netprofile: $(CLI_OBJ) $(BUILD)/libnetprofile.a
	$(CC) $(CFLAGS) -o $@ $^ $(PKG_LIBS) $(LDFLAGS)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC  $@"
	@$(CC) $(ALL_CFLAGS) -c -o $@ $<

# The report page's own files are built into assets.o (.incbin).
$(BUILD)/src/report/assets.o: src/report/page.css src/report/page.html src/report/page.js

$(BUILD)/gen_capture: bench/gen_capture.c
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -D_DEFAULT_SOURCE -O2 -Wall -Wextra -Werror -o $@ $<

# The same program built with AddressSanitizer and UBSan, in its own tree.
asan:
	$(MAKE) BUILD=build/asan CFLAGS="$(SAN_FLAGS)" LDFLAGS="$(SAN_FLAGS)" build/asan/netprofile

deps:
	@sh scripts/install-deps.sh

demo: deps all
	@echo "== netprofile decode: the shipped capture as tcpdump -n prints it"
	./$(BUILD)/netprofile decode -# -n -r data/demo.pcap
	@echo "== netprofile explain: its conversations told step by step"
	./$(BUILD)/netprofile explain -r data/demo.pcap
	@echo "== netprofile flows: its conversations as flow records"
	./$(BUILD)/netprofile flows -r data/demo.pcap
	@echo "== netprofile servers: who serves what (inventory in build/demo.db)"
	@rm -f build/demo.db build/demo.db-wal build/demo.db-shm
	./$(BUILD)/netprofile servers -r data/demo.pcap --db build/demo.db
	@echo "== netprofile report: the capture as one self-contained HTML page"
	./$(BUILD)/netprofile report -r data/demo.pcap -o $(BUILD)/report.html
	@echo "open file://$(abspath $(BUILD)/report.html)"

check: deps-lab all asan
	@sh tests/run.sh

test: all asan
	@sh tests/run.sh

# The lab's packages too (as root only; as another user the lab is skipped).
deps-lab:
	@sh scripts/install-deps.sh --lab

# Real servers and clients in network namespaces, recorded and checked (root).
lab: deps-lab all
	@bash tests/lab/run.sh

.PHONY: deps-lab lab

bench: deps all
	bash bench/decode.sh
	bash bench/flows.sh
	bash bench/report.sh
	bash bench/ipfix.sh

# As root: live capture through a veth pair, netprofile beside tcpdump,
# softflowd and YAF (bench/live.sh).
bench-live: deps all
	bash bench/live.sh

.PHONY: bench-live

# Records and commits per second into PostgreSQL and SQLite, 1 to 8 sensors
# at once (bench/store.sh; as root: it starts its own PostgreSQL server).
$(BUILD)/store_bench: bench/store_bench.c $(BUILD)/libnetprofile.a
	$(CC) $(ALL_CFLAGS) -o $@ $< $(BUILD)/libnetprofile.a $(PKG_LIBS) $(LDFLAGS)

bench-store: all $(BUILD)/store_bench
	bash bench/store.sh

.PHONY: bench-store

clean:
	rm -rf build

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d)

# libFuzzer targets (clang), one per fuzz/fuzz_NAME.c: `make fuzz` (decoder +
# printer over whole frames), `make fuzz-dns`, `make fuzz-dhcp` (those parsers
# and printers alone), `make fuzz-flow` (decoder, fragment observer, flow
# table, writers, profiler over packet sequences), `make fuzz-flowfile` (--flows
# tables and JSON lines), `make fuzz-netflow` (collector messages, pairing).
# FUZZ_SECONDS bounds a run. NP_IPFIX_LEAN_AFTER=2: the collector reads a
# template's second record on through its lean internal template (256 in
# the product), so short inputs reach both ways of reading.
FUZZ_SECONDS ?= 30
$(BUILD)/fuzz_%: fuzz/fuzz_%.c fuzz/fuzz_common.h $(LIB_SRC)
	@mkdir -p $(dir $@)
	clang -std=c11 -D_DEFAULT_SOURCE -DNP_IPFIX_LEAN_AFTER=2 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
		$(PKG_CFLAGS) -o $@ $< $(LIB_SRC) $(PKG_LIBS)

# run_fuzzer NAME MAX_LEN [SEED_DIR]: a bounded run with its own corpus.
run_fuzzer = @mkdir -p build/fuzz-$(1)-corpus && \
	./$(BUILD)/fuzz_$(1) -max_total_time=$(FUZZ_SECONDS) -max_len=$(2) -print_final_stats=1 build/fuzz-$(1)-corpus $(3)

.PHONY: fuzz-dns fuzz-dhcp fuzz-flow fuzz-flowfile fuzz-netflow
fuzz: $(BUILD)/fuzz_decode
	$(call run_fuzzer,decode,2048,fuzz/seeds)
fuzz-dns: $(BUILD)/fuzz_dns
	$(call run_fuzzer,dns,1024)
fuzz-dhcp: $(BUILD)/fuzz_dhcp
	$(call run_fuzzer,dhcp,1024)
fuzz-flow: $(BUILD)/fuzz_flow
	$(call run_fuzzer,flow,4096)
fuzz-flowfile: $(BUILD)/fuzz_flowfile
	$(call run_fuzzer,flowfile,8192,tests/data/seed)
fuzz-netflow: $(BUILD)/fuzz_netflow
	$(call run_fuzzer,netflow,8192)

# ---- installing ------------------------------------------------------------------
# make install [PREFIX=/usr/local] [DESTDIR=staging]: the unit's ExecStart is
# rewritten to the installed binary. debian/rules installs with PREFIX=/usr
# and SYSTEMDUNITDIR=/lib/systemd/system.
VERSION := $(shell sed -n 's/^\#define NETPROFILE_VERSION "\(.*\)"/\1/p' src/cli/main.c)
PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
MANDIR  ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
SYSTEMDUNITDIR ?= $(PREFIX)/lib/systemd/system
MAN_PAGES := $(wildcard man/*.1)

.PHONY: install uninstall deb bench-progress
install: $(BUILD)/netprofile
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(SYSTEMDUNITDIR)
	install -m 0755 $(BUILD)/netprofile $(DESTDIR)$(BINDIR)/netprofile
	install -m 0644 $(MAN_PAGES) $(DESTDIR)$(MANDIR)/man1/
	install -m 0644 contrib/netprofile.bash $(DESTDIR)$(BASHCOMPDIR)/netprofile
	sed 's|/usr/local/bin/netprofile|$(BINDIR)/netprofile|g' contrib/netprofile-watch.service \
		>$(DESTDIR)$(SYSTEMDUNITDIR)/netprofile-watch.service
	chmod 0644 $(DESTDIR)$(SYSTEMDUNITDIR)/netprofile-watch.service

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/netprofile $(DESTDIR)$(BASHCOMPDIR)/netprofile \
		$(DESTDIR)$(SYSTEMDUNITDIR)/netprofile-watch.service \
		$(patsubst man/%,$(DESTDIR)$(MANDIR)/man1/%,$(MAN_PAGES))

# The package is built from a copy of the tree in build/deb/ (dpkg-buildpackage
# cleans the tree it builds in), then checked with lintian.
deb:
	@sh scripts/install-deps.sh
	rm -rf build/deb && mkdir -p build/deb/netprofile-$(VERSION)
	tar -cf - --exclude=./build --exclude=./.git . | tar -xf - -C build/deb/netprofile-$(VERSION)
	cd build/deb/netprofile-$(VERSION) && dpkg-buildpackage -us -uc -b
	lintian build/deb/netprofile_$(VERSION)_*.deb
	@ls build/deb/*.deb

bench-progress: all
	bash bench/progress.sh

# ---- lint ------------------------------------------------------------------------
# make lint: the layout (.clang-format, checked only: scripts/format-all.sh
# applies it), cppcheck, and clang-tidy (.clang-tidy) on every C file, one
# stamp per file in $(BUILD)/lint so a rerun checks only what changed.
# tests/lint.sh runs the three, so `make check` does.
LINT_C     := $(wildcard src/*/*.c tests/unit/*.c fuzz/*.c bench/*.c)
LINT_FILES := $(LINT_C) $(wildcard src/*/*.h tests/unit/*.h fuzz/*.h)
TIDY_FLAGS := -std=c11 -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L -pthread $(PKG_CFLAGS)

lint: lint-format lint-cppcheck lint-tidy

lint-files:
	@echo $(LINT_FILES)

lint-format:
	clang-format --dry-run --Werror $(LINT_FILES)

lint-cppcheck:
	cppcheck --quiet --std=c11 --enable=warning,portability,performance --inline-suppr --error-exitcode=1 \
		-D_DEFAULT_SOURCE --suppress=missingIncludeSystem -j2 src tests/unit fuzz $(wildcard bench/*.c)

lint-tidy: $(LINT_C:%.c=$(BUILD)/lint/%.tidy)

$(BUILD)/lint/%.tidy: %.c .clang-tidy $(wildcard src/*/*.h tests/unit/*.h fuzz/*.h)
	@mkdir -p $(dir $@)
	@echo "  TIDY $<"
	@clang-tidy --quiet $< -- $(TIDY_FLAGS) >$@.log 2>&1 || { grep -v 'warnings\? generated' $@.log; exit 1; }
	@touch $@
