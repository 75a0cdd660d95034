/*
 * writer.h - flow records out: aligned text (the seed article's columns,
 * one line per direction), CSV and JSON lines, with SiLK's field names and
 * RFC 5103's "reverse" prefix for the other direction of a biflow.
 *
 * Not for: reading flows back (profile/ reads CSV and JSON itself).
 */
#ifndef NP_FLOW_WRITER_H
#define NP_FLOW_WRITER_H

#include <stdbool.h>

#include "../util/out.h"
#include "decap.h"
#include "flow.h"

enum np_flow_format { NP_FLOW_TEXT, NP_FLOW_CSV, NP_FLOW_JSON };

#define NP_FLOW_MAX_FIELDS 24

typedef struct np_flow_writer {
	np_out *out;
	int format;
	bool uniflow;
	bool header_done;
	int nfields;
	int fields[NP_FLOW_MAX_FIELDS];
} np_flow_writer;

/* fields: comma-separated SiLK names, or NULL for the default set.
 * Returns 0, or -1 with the offending name copied to bad (>= 64 bytes). */
int np_flow_writer_init(np_flow_writer *w, np_out *out, int format, bool uniflow, const char *fields, char *bad);
void np_flow_writer_write(np_flow_writer *w, const np_flow *f);
/* `flows --decap`: the default fields get the tunnel's (tunnelType,
 * tunnelSIP, tunnelDIP; CSV and JSON also tunnelId, tunnelDepth). Call
 * after init, when no field list was given. */
void np_flow_writer_add_tunnel_fields(np_flow_writer *w);
/* An inner flow with the tunnel it came through (t NULL: as _write). */
void np_flow_writer_write_inner(np_flow_writer *w, const np_flow *f, const np_flow_tunnel *t);
/* Many flows, in order, as np_flow_writer_write would write them one by
 * one; formatted on two threads when there are enough of them (the flows
 * still active at the end of input: np_flow_table_flush_blocks). */
void np_flow_writer_write_all(np_flow_writer *w, const np_flow *const *flows, size_t n);
/* The names of every field, for --help. */
const char *np_flow_field_names(void);

#endif
