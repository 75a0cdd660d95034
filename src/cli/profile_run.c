/*
 * profile_run.c - what `servers` and `report` share: captures (-r, in
 * turn), an interface (-i) and flow-record files (--flows) read through
 * one flow table into one profiler, which is then finished. A tap sees
 * every flow the profiler is given (the report's traffic over time).
 * Unless no_decap, what tunnels carry is metered too (flow/decap.h) and
 * profiled with the tunnel named in its evidence; the tap sees the outer
 * view only, so the report's traffic counts each byte once. Records read
 * back from files keep the tunnel they carry (an inner record of
 * `flows --decap`), numbered in a registry of their own.
 * Not for: option parsing (each subcommand's file) or storing (inventory).
 */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>

#include "../collect/source.h"
#include "../flow/decap.h"
#include "../flow/pipeline.h"

struct run_ctx {
	np_profiler *prof;
	const cli_profile_inputs *in;
	np_flow_config inner_cfg; /* the tunnels' table: as the outer one, unbatched */
	np_decap *decap;          /* the current capture's tunnels, or NULL */
	bool nano;                /* the current capture's timestamps are in nanoseconds */
	np_flowsrc *reading;      /* the flow-record file being read */
	/* Every tunnel of the run, numbered once: each capture's registry and
	 * each file's records number their own from 1, the profiler keeps one
	 * numbering (made when the first tunnel comes). */
	np_decap *tunnels;
};

/* An inner flow, its tunnel renumbered in the run's registry; left out
 * past the registry's limit, as a capture's tunnels are. */
static void add_tunnelled(struct run_ctx *run, const np_flow *f, bool has_flags, const np_flow_tunnel *t)
{
	if (!run->tunnels)
		run->tunnels = np_decap_new(&run->inner_cfg, false, NULL, NULL);
	np_flow_tunnel reg = *t;
	reg.index = run->tunnels ? np_decap_register(run->tunnels, t) : 0;
	if (reg.index)
		np_profiler_add_tunnelled(run->prof, f, has_flags, &reg);
}

static void emit_tunnelled(void *ctx, const np_flow *f, const np_flow_tunnel *t)
{
	add_tunnelled(ctx, f, true, t);
}

static void tunnel_packet(void *ctx, const np_packet *pkt)
{
	struct run_ctx *run = ctx;
	np_decap_packet(run->decap, pkt);
}

static void device_packet(void *ctx, const np_packet *pkt)
{
	struct run_ctx *run = ctx;
	np_devices_packet(run->in->devices, pkt, run->nano);
}

static void emit_flow(void *ctx, const np_flow *f)
{
	struct run_ctx *run = ctx;
	np_profiler_add_flow(run->prof, f, true);
	if (run->in->tap)
		run->in->tap(run->in->tap_ctx, f);
}

static void add_record(void *ctx, const np_flow *f, bool has_flags)
{
	struct run_ctx *run = ctx;
	const np_flow_tunnel *t = run->reading ? np_flowsrc_tunnel(run->reading) : NULL;
	if (t) {
		/* An inner record: profiled as one from a capture is (the tap sees
		 * the outer view only); left out with --no-decap. */
		if (!run->in->no_decap)
			add_tunnelled(run, f, has_flags, t);
		return;
	}
	np_profiler_add_flow(run->prof, f, has_flags);
	if (run->in->tap)
		run->in->tap(run->in->tap_ctx, f);
}

static int read_capture(struct run_ctx *run, np_flow_table *table, const cli_source_args *src)
{
	np_source s;
	if (cli_open_source(&s, src) != 0)
		return -1;
	cli_stop_on_signals(&s);
	/* A file is read and decoded on a second core (flow/pipeline.h), and
	 * tunnels are opened on this one (the tunnel hook); with devices asked
	 * for, all is done on this one (the packet hook). */
	np_pipeline_hooks hooks = {.packet = run->in->devices ? device_packet : NULL, .ctx = run};
	if (!run->in->no_decap) {
		run->decap = np_decap_new(&run->inner_cfg, s.nano, emit_tunnelled, run);
		if (!run->decap) {
			fprintf(stderr, "netprofile: out of memory for tunnels\n");
			exit(1);
		}
		hooks.tunnel = tunnel_packet;
	}
	run->nano = s.nano;
	bool hooked = run->decap || run->in->devices;
	int rc = np_flow_pipeline_run(&s, 0, table, true, hooked ? &hooks : NULL);
	if (run->decap) {
		np_decap_flush(run->decap, NP_END_EOF);
		np_decap_free(run->decap);
		run->decap = NULL;
	}
	cli_stop_on_signals(NULL);
	if (rc < 0)
		fprintf(stderr, "netprofile: %s\n", s.err);
	np_source_close(&s);
	return rc < 0 ? -1 : 0;
}

np_profiler *cli_profile_run(const cli_profile_inputs *in, int *status, uint64_t *packets)
{
	np_profile_config pc = {in->no_flags};
	struct run_ctx run = {.prof = np_profiler_new(&pc), .in = in};
	np_flow_config cfg = in->cfg;
	cfg.payload_fn = np_profiler_payload;
	cfg.payload_ctx = run.prof;
	run.inner_cfg = cfg;
	run.inner_cfg.batch = false;
	cfg.batch = !in->src.iface;
	np_flow_table *table = np_flow_table_new(&cfg, emit_flow, &run);
	*status = 0;
	for (int i = 0; i < in->nrfiles; i++) {
		cli_source_args src = in->src;
		src.rfile = in->rfiles[i];
		if (read_capture(&run, table, &src) != 0)
			*status = -1;
	}
	if (in->src.iface && read_capture(&run, table, &in->src) != 0)
		*status = -1;
	np_flow_table_flush(table, NP_END_EOF);
	if (packets)
		*packets = np_flow_table_stats(table)->packets;
	np_flow_table_free(table);
	for (int i = 0; i < in->nflowfiles; i++) {
		char err[512];
		run.reading = np_flowsrc_open(in->flowfiles[i], NULL, err, sizeof(err));
		if (!run.reading || np_flowsrc_read(run.reading, add_record, &run, err, sizeof(err)) < 0) {
			fprintf(stderr, "netprofile: %s\n", err);
			*status = -1;
		}
		if (run.reading) {
			np_flowsrc_flush(run.reading, add_record, &run);
			np_flowsrc_close(run.reading);
			run.reading = NULL;
		}
	}
	np_decap_free(run.tunnels);
	np_profiler_finish(run.prof);
	return run.prof;
}
