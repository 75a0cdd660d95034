/*
 * collect/source.h - flow records that do not come from our own packets:
 * flow files (text tables, CSV, JSON lines, IPFIX files) and collectors
 * listening for exporters (NetFlow v5, NetFlow v9, IPFIX over UDP or TCP).
 *
 * One small interface with one file per backend, as Redis's event loop
 * (ae.c over ae_epoll.c, ae_select.c): the caller (servers --flows, flows
 * --flows, watch --listen) opens a source from a spec, polls its fd, asks
 * it to read, and never knows which backend runs.
 *
 *     np_flowsrc *s = np_flowsrc_open(spec, NULL, err, sizeof(err));
 *     poll np_flowsrc_fd(s) (-1: a file, nothing to wait for)
 *     np_flowsrc_read(s, fn, ctx)        files: all of it in one call
 *     np_flowsrc_flush(s, fn, ctx)       records still waiting for a partner
 *     np_flowsrc_each_exporter(s, ...)   per-exporter statistics
 *     np_flowsrc_close(s)
 *
 * A spec is a file path ("-" = standard input), told apart by content, or
 * udp://ADDR[:PORT] / tcp://ADDR[:PORT] for a collector (ADDR may be
 * [v6addr]). Without a port a collector listens on both NP_PORT_NETFLOW
 * (2055) and NP_PORT_IPFIX (4739); every port takes every version. A
 * collector's fd is an epoll fd over all its sockets.
 *
 * There are two kinds of backend:
 *
 *  - source backends (np_flowsrc_ops) read files or own sockets. File
 *    backends are chosen by content: each probe() looks at the first bytes
 *    and the first that says yes reads the file (table.c: text tables, CSV,
 *    JSON lines; ipfix.c: IPFIX files). listen.c is the collector.
 *
 *  - message decoders (np_msg_decoder) take one message of an export
 *    protocol and keep state per exporter (templates). They are chosen by
 *    the version field in the first two bytes of a message: 5 (netflow5.c),
 *    9 (netflow9.c, libfixbuf's translator) and 10 (ipfix.c). The collector owns the sockets, tells the versions
 *    apart and hands every message, whole, to its decoder with that
 *    exporter's state; a file backend may use decoders too.
 *
 * Backends hand records on through np_exporter_record(), never straight to
 * the caller: a uniflow record (one direction, as NetFlow and softflowd
 * send them) waits in a bounded pairing window (collect/pair.h) for the
 * other direction and goes on as one biflow; a biflow goes straight on.
 *
 * Faults in the input (cut messages, wrong lengths, data before its
 * template, unknown versions) are counted in the exporter's statistics and
 * reading goes on; only a source that cannot be read at all fails.
 * Memory is bounded: NP_COLLECT_MAX_EXPORTERS exporters (the one idle the
 * longest is forgotten to make room), NP_EXPORTER_MAX_TEMPLATES templates
 * per exporter and decoder (a decoder refuses more and counts them), the
 * pairing window's NP_PAIR_MAX records per source.
 *
 * Not for: packets (capture/source.h) or deciding servers (profile/).
 */
#ifndef NP_COLLECT_SOURCE_H
#define NP_COLLECT_SOURCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "../flow/flow.h"

/* A record for the caller; has_flags is false when the input carries no
 * TCP flags (NetFlow-style), so the profiler takes its flagless path. */
typedef void (*np_flowsrc_fn)(void *ctx, const np_flow *f, bool has_flags);

enum {
	NP_COLLECT_MAX_EXPORTERS = 4096,
	NP_EXPORTER_MAX_TEMPLATES = 1024,
	NP_PORT_NETFLOW = 2055,
	NP_PORT_IPFIX = 4739,
};

/* What one exporter (a peer address and port, or a file) sent. */
typedef struct np_exporter_stats {
	uint64_t messages;         /* messages taken (datagrams, IPFIX messages, file lines for tables) */
	uint64_t records;          /* flow records handed on (before pairing) */
	uint64_t gaps;             /* records lost, from sequence numbers (v9: export packets lost) */
	uint64_t malformed;        /* messages or sets cut short, wrong lengths, unknown versions, bad rows */
	uint64_t no_template;      /* data sets before their template: dropped */
	uint64_t templates;        /* templates held now */
	uint64_t template_changes; /* template IDs redefined with another layout, or withdrawn */
	uint64_t refused;          /* templates or records refused over a memory bound */
	int64_t last_wall_us;      /* when the last message came (CLOCK_MONOTONIC), 0 for files */
} np_exporter_stats;

struct np_flowsrc;
struct np_msg_decoder;

/* An exporter: per peer for collectors, one per file for files. */
typedef struct np_exporter {
	char name[64]; /* "192.0.2.1:50312", or the file name */
	np_exporter_stats st;
	struct np_flowsrc *src;
	void *decoder_state[3]; /* per message decoder (v5, v9, v10), made on first use */
	uint32_t v5_next_seq;   /* netflow5.c: the sequence number expected next */
	bool v5_seq_known;
} np_exporter;

/* Hand one record on (through pairing when uniflow). A uniflow record has
 * only key and fwd filled; has_flags as for np_flowsrc_fn. */
void np_exporter_record(np_exporter *ex, const np_flow *f, bool has_flags, bool uniflow);

/* ---- message decoders (netflow5.c, netflow9.c, ipfix.c) ---------------------------- */

typedef struct np_msg_decoder {
	uint16_t version; /* the first two bytes of every message: 5, 9, 10 */
	const char *name; /* "NetFlow v5", "NetFlow v9", "IPFIX" */
	/* State per exporter (templates), made on the exporter's first message
	 * of this version; NULL from state_new: the message is counted malformed
	 * and dropped. state_free gets what state_new made. Either may be NULL
	 * (a stateless decoder). */
	void *(*state_new)(np_exporter *ex);
	void (*state_free)(void *state);
	/* One whole message, bytes[0..len): records through
	 * np_exporter_record(ex, ...), faults counted in ex->st. Never stops on
	 * bad bytes; reads them only through util/bytes.h. */
	void (*decode)(void *state, np_exporter *ex, const uint8_t *msg, size_t len);
	/* Over TCP: the length of the message whose first `n` bytes (n >= 4)
	 * are at head, so the stream can be cut into messages; 0 when it cannot
	 * be told (the connection is then closed). NULL: not over TCP. */
	size_t (*message_length)(const uint8_t *head, size_t n);
} np_msg_decoder;

/* The decoder for a message version, or NULL. */
const np_msg_decoder *np_msg_decoder_for(uint16_t version);
/* A decoder's state for an exporter, made by its state_new on first use
 * (NULL when it has none or could not make it). */
void *np_exporter_decoder_state(np_exporter *ex, const np_msg_decoder *d);

/* ---- source backends (table.c, ipfix.c, listen.c) ------------------------------------ */

typedef struct np_flowsrc np_flowsrc;

struct np_flowsrc_ops {
	const char *name;
	/* Files: whether this backend reads a file that starts with head[0..n)
	 * (n may be short: the whole file). NULL for collectors. */
	bool (*probe)(const uint8_t *head, size_t n);
	/* Collectors: whether this backend takes the spec ("udp://..."). */
	bool (*takes)(const char *spec);
	/* Open: set s->state (and s->fd for collectors); 0, or -1 with err. */
	int (*open)(np_flowsrc *s, const char *spec, char *err, size_t errlen);
	/* Read what is there: a file all at once, a collector what is ready
	 * without waiting. Records through np_exporter_record on an exporter
	 * from np_flowsrc_exporter. 0, or -1 when the source cannot go on (err:
	 * one line naming the file or peer); a file that fails part way has
	 * handed on what came before the fault. */
	int (*read)(np_flowsrc *s, char *err, size_t errlen);
	void (*close)(np_flowsrc *s);
};

extern const struct np_flowsrc_ops np_flowsrc_table;  /* table.c */
extern const struct np_flowsrc_ops np_flowsrc_ipfix;  /* ipfix.c: IPFIX files */
extern const struct np_flowsrc_ops np_flowsrc_listen; /* listen.c: udp:// and tcp:// */
extern const np_msg_decoder np_msg_netflow5;          /* netflow5.c */
extern const np_msg_decoder np_msg_netflow9;          /* netflow9.c */
extern const np_msg_decoder np_msg_ipfix;             /* ipfix.c */

/* The state every source has, whatever its backend. */
struct np_flowsrc {
	const struct np_flowsrc_ops *ops;
	void *state;    /* the backend's */
	int fd;         /* to poll for input; -1 for files */
	bool at_end;    /* a file read to its end */
	char name[256]; /* the spec, for messages */
	FILE *in;       /* files: the stream, opened once by the core, its first bytes put back */
	/* Set by the core for the duration of np_flowsrc_read/_flush. */
	np_flowsrc_fn fn;
	void *ctx;
	struct np_flowsrc_core *core; /* exporters and pairing (source.c) */
	/* The tunnel of the record being handed to fn (an inner record of
	 * `flows --decap` read back), or NULL: set around np_exporter_record. */
	const struct np_flow_tunnel *tun;
};

/* The exporter named `name` (made when new; the one idle longest is
 * forgotten when NP_COLLECT_MAX_EXPORTERS are known). NULL only when out
 * of memory. */
np_exporter *np_flowsrc_exporter(np_flowsrc *s, const char *name);

/* ---- the caller's calls -------------------------------------------------------------- */

typedef struct np_flowsrc_opts {
	/* Pairing window for uniflow records: a record waits this long (its
	 * source's clock: the latest record end seen) for its other direction;
	 * 0 = the default, 120 s. */
	int64_t pair_window_us;
	/* Pairing off (flows --flows --uniflow keeps records as they came). */
	bool no_pairing;
} np_flowsrc_opts;

/* Open a file or a collector. NULL with err (one line naming the spec). */
np_flowsrc *np_flowsrc_open(const char *spec, const np_flowsrc_opts *opts, char *err, size_t errlen);
/* The fd to poll for input; -1 for a file (read it once). */
int np_flowsrc_fd(const np_flowsrc *s);
/* Read what is there, handing records to fn (with records whose pairing
 * window has passed). Returns records handed to fn, or -1 when the source
 * cannot go on (err). A file is read whole and then np_flowsrc_at_end. */
long np_flowsrc_read(np_flowsrc *s, np_flowsrc_fn fn, void *ctx, char *err, size_t errlen);
bool np_flowsrc_at_end(const np_flowsrc *s);
/* Inside fn: the tunnel the record came through (flow/decap.h), or NULL. */
const struct np_flow_tunnel *np_flowsrc_tunnel(const np_flowsrc *s);
/* Hand on every record still waiting for its other direction (end of
 * input, shutdown). Returns how many. */
long np_flowsrc_flush(np_flowsrc *s, np_flowsrc_fn fn, void *ctx);
/* Visit each exporter's statistics; totals sums them. */
void np_flowsrc_each_exporter(const np_flowsrc *s, void (*visit)(void *ctx, const np_exporter *ex), void *ctx);
void np_flowsrc_totals(const np_flowsrc *s, np_exporter_stats *totals);
/* Exporters forgotten to keep within NP_COLLECT_MAX_EXPORTERS. */
uint64_t np_flowsrc_forgotten(const np_flowsrc *s);
void np_flowsrc_close(np_flowsrc *s);
/* The statistics on `out`: one line of totals for the source, then one
 * per exporter, the most recently heard first, at most max_exporters. */
void np_flowsrc_print_stats(const np_flowsrc *s, FILE *out, const char *prefix, int max_exporters);

/* A source with no input of its own: whole export messages are fed to it
 * by hand (tests, fuzzing, a backend that reads messages elsewhere). */
np_flowsrc *np_flowsrc_open_fed(const char *name, const np_flowsrc_opts *opts);
/* One whole message from the exporter `exporter` (made when new) to the
 * decoder of its version, records to fn; an unknown version is counted
 * malformed. The collector's own path for every message it takes. */
void np_flowsrc_feed(np_flowsrc *s, const char *exporter, const uint8_t *msg, size_t len, np_flowsrc_fn fn, void *ctx);
/* The same, inside a backend's read (records go to the reader's fn). */
void np_exporter_message(np_exporter *ex, const uint8_t *msg, size_t len);

/* Read a whole file into fn (open, read, flush, close): 0, or -1 with err.
 * What was read before a fault has been handed on. */
int np_flowsrc_read_file(const char *path, const np_flowsrc_opts *opts, np_flowsrc_fn fn, void *ctx, char *err,
			 size_t errlen);

#endif
