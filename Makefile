# netprofile - build, test and demo.
#
#   make          build build/netprofile (and the library build/libnetprofile.a)
#   make demo     install missing Debian packages, build, decode the shipped capture
#   make check    install missing packages, build (plain and with ASan+UBSan), run every test
#   make lab      as root: the lab (tests/lab/): real servers and clients in network namespaces
#   make bench    benchmarks against the peer tools (bench/)
#   make fuzz     run the libFuzzer target for a while (needs clang)
#   make lint     cppcheck and clang-tidy

CC      ?= cc
PKGS    := libpcap sqlite3 json-c libfixbuf
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null || echo -lpcap -lsqlite3 -ljson-c -lfixbuf -lglib-2.0) -lm -pthread
WARN    := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wno-missing-field-initializers
CFLAGS  ?= -O2 -g
ALL_CFLAGS = -std=c11 -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L -pthread $(WARN) $(CFLAGS) $(PKG_CFLAGS) -MMD -MP

LIB_SRC := $(wildcard src/util/*.c src/capture/*.c src/decode/*.c src/print/*.c src/flow/*.c src/collect/*.c src/profile/*.c)
CLI_SRC := $(wildcard src/cli/*.c)

BUILD   ?= build
LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ := $(CLI_SRC:%.c=$(BUILD)/%.o)

SAN_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer -O1 -g

.PHONY: all clean deps demo check test asan bench fuzz lint

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
	@echo "== netprofile flows: its conversations as flow records"
	./$(BUILD)/netprofile flows -r data/demo.pcap
	@echo "== netprofile servers: who serves what (inventory in build/demo.db)"
	@rm -f build/demo.db build/demo.db-wal build/demo.db-shm
	./$(BUILD)/netprofile servers -r data/demo.pcap --db build/demo.db

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
	bash bench/ipfix.sh

clean:
	rm -rf build

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d)

# libFuzzer targets (clang), one per fuzz/fuzz_NAME.c: `make fuzz` (decoder +
# printer over whole frames), `make fuzz-dns`, `make fuzz-dhcp` (those parsers
# and printers alone), `make fuzz-flow` (decoder, fragment observer, flow
# table, writers, profiler over packet sequences), `make fuzz-flowfile` (--flows
# tables and JSON lines), `make fuzz-netflow` (collector messages, pairing).
# FUZZ_SECONDS bounds a run.
FUZZ_SECONDS ?= 30
$(BUILD)/fuzz_%: fuzz/fuzz_%.c fuzz/fuzz_common.h $(LIB_SRC)
	@mkdir -p $(dir $@)
	clang -std=c11 -D_DEFAULT_SOURCE -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
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
