/*
 * source.c - what every flow-record source shares (see source.h): the
 * registry of backends, the choice of a file's backend by its first bytes,
 * the exporters and their statistics, and the pairing window between the
 * backends and the caller.
 *
 * A file is opened once: its first bytes are read to choose the backend
 * and put back (a seekable file is rewound; a pipe or standard input is
 * read through a stream that gives the bytes read first, then the rest),
 * and the backend reads that stream (s->in).
 *
 * Exporters are found by name through a chained hash and kept on a list
 * from the least to the most recently heard, so the one to forget when
 * NP_COLLECT_MAX_EXPORTERS are known is at the list's head.
 *
 * An inner record of `flows --decap` read back (s->tun) that waits for its
 * other direction keeps its tunnel through the pairing window as a tag: a
 * number in the source's own list of the tunnels seen (at most
 * NP_DECAP_MAX_TUNNELS; past them a record waits without its tunnel), and
 * records pair only within one tunnel.
 */
#define _GNU_SOURCE /* fopencookie: the first bytes of a pipe put back */
#include "source.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../flow/decap.h"
#include "pair.h"

#define EXPORTER_BUCKETS 8192u

/* Files are told apart by their first bytes: the first backend whose
 * probe says yes reads it. The table reader comes last: it takes text. */
static const struct np_flowsrc_ops *const file_backends[] = {&np_flowsrc_ipfix, &np_flowsrc_table};
static const struct np_flowsrc_ops *const collector_backends[] = {&np_flowsrc_listen};
static const np_msg_decoder *const decoders[] = {&np_msg_netflow5, &np_msg_netflow9, &np_msg_ipfix};

struct exporter_node {
	np_exporter ex;
	struct exporter_node *hnext;
	struct exporter_node *older, *newer;
};

struct np_flowsrc_core {
	np_flowsrc_opts opts;
	np_pairer *pairer;
	struct exporter_node *buckets[EXPORTER_BUCKETS];
	struct exporter_node *oldest, *newest;
	uint32_t nexporters;
	uint64_t forgotten;
	np_exporter_stats gone;  /* statistics of the exporters forgotten */
	long handed;             /* records handed to fn during one call */
	int64_t now_us;          /* collectors: CLOCK_MONOTONIC at the start of np_flowsrc_read */
	np_flow_tunnel *tunnels; /* the tunnels of waiting inner records: tag i + 1 is tunnels[i] */
	uint32_t *tunnel_slots;  /* TUNNEL_SLOTS: a tunnel's tag by its hash, 0 = empty */
	uint32_t ntunnels, last_tag;
};

#define TUNNELS_STEP 64
#define TUNNEL_SLOTS (2u * 65536u) /* over twice NP_DECAP_MAX_TUNNELS: probes stay short */

static int64_t monotonic_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

const np_msg_decoder *np_msg_decoder_for(uint16_t version)
{
	for (size_t i = 0; i < sizeof(decoders) / sizeof(decoders[0]); i++)
		if (decoders[i]->version == version && decoders[i]->decode)
			return decoders[i];
	return NULL;
}

static size_t decoder_slot(uint16_t version)
{
	for (size_t i = 0; i < sizeof(decoders) / sizeof(decoders[0]); i++)
		if (decoders[i]->version == version)
			return i;
	return 0;
}

/* ---- exporters -------------------------------------------------------------------- */

static uint32_t name_hash(const char *s)
{
	uint32_t h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static void list_remove(struct np_flowsrc_core *c, struct exporter_node *n)
{
	if (n->older)
		n->older->newer = n->newer;
	else
		c->oldest = n->newer;
	if (n->newer)
		n->newer->older = n->older;
	else
		c->newest = n->older;
	n->older = n->newer = NULL;
}

static void list_append(struct np_flowsrc_core *c, struct exporter_node *n)
{
	n->older = c->newest;
	n->newer = NULL;
	if (c->newest)
		c->newest->newer = n;
	else
		c->oldest = n;
	c->newest = n;
}

static void add_stats(np_exporter_stats *to, const np_exporter_stats *s)
{
	to->messages += s->messages;
	to->records += s->records;
	to->gaps += s->gaps;
	to->malformed += s->malformed;
	to->no_template += s->no_template;
	to->templates += s->templates;
	to->template_changes += s->template_changes;
	to->refused += s->refused;
}

static void free_exporter(struct np_flowsrc_core *c, struct exporter_node *n)
{
	for (size_t i = 0; i < sizeof(decoders) / sizeof(decoders[0]); i++)
		if (n->ex.decoder_state[i] && decoders[i]->state_free)
			decoders[i]->state_free(n->ex.decoder_state[i]);
	uint32_t b = name_hash(n->ex.name) & (EXPORTER_BUCKETS - 1);
	struct exporter_node **at = &c->buckets[b];
	while (*at && *at != n)
		at = &(*at)->hnext;
	if (*at)
		*at = n->hnext;
	list_remove(c, n);
	c->nexporters--;
	free(n);
}

np_exporter *np_flowsrc_exporter(np_flowsrc *s, const char *name)
{
	struct np_flowsrc_core *c = s->core;
	uint32_t b = name_hash(name) & (EXPORTER_BUCKETS - 1);
	for (struct exporter_node *n = c->buckets[b]; n; n = n->hnext)
		if (strcmp(n->ex.name, name) == 0) {
			if (n != c->newest) {
				list_remove(c, n);
				list_append(c, n);
			}
			return &n->ex;
		}
	if (c->nexporters >= NP_COLLECT_MAX_EXPORTERS && c->oldest) {
		struct exporter_node *old = c->oldest;
		np_exporter_stats st = old->ex.st;
		st.templates = 0; /* forgotten with it */
		add_stats(&c->gone, &st);
		c->forgotten++;
		free_exporter(c, old);
	}
	struct exporter_node *n = calloc(1, sizeof(*n));
	if (!n)
		return NULL;
	snprintf(n->ex.name, sizeof(n->ex.name), "%s", name);
	n->ex.src = s;
	n->hnext = c->buckets[b];
	c->buckets[b] = n;
	list_append(c, n);
	c->nexporters++;
	return &n->ex;
}

void *np_exporter_decoder_state(np_exporter *ex, const np_msg_decoder *d)
{
	size_t slot = decoder_slot(d->version);
	if (!ex->decoder_state[slot] && d->state_new)
		ex->decoder_state[slot] = d->state_new(ex);
	return ex->decoder_state[slot];
}

/* ---- records ---------------------------------------------------------------------- */

/* A record from the pairing window (tag: its tunnel) or straight from a
 * backend (tag 0: the backend set s->tun). */
static void hand_on(void *ctx, const np_flow *f, bool has_flags, uint32_t tag)
{
	np_flowsrc *s = ctx;
	s->core->handed++;
	const np_flow_tunnel *was = s->tun;
	if (tag)
		s->tun = &s->core->tunnels[tag - 1];
	if (s->fn)
		s->fn(s->ctx, f, has_flags);
	s->tun = was;
}

/* The tag of a tunnel (0: none, or no room for it). */
static uint32_t tunnel_tag(struct np_flowsrc_core *c, const np_flow_tunnel *t)
{
	if (!t)
		return 0;
	if (c->last_tag && np_flow_tunnel_same(&c->tunnels[c->last_tag - 1], t))
		return c->last_tag;
	if (!c->tunnel_slots && !(c->tunnel_slots = calloc(TUNNEL_SLOTS, sizeof(uint32_t))))
		return 0;
	uint32_t slot = np_flow_tunnel_hash(t) & (TUNNEL_SLOTS - 1);
	for (; c->tunnel_slots[slot]; slot = (slot + 1) & (TUNNEL_SLOTS - 1))
		if (np_flow_tunnel_same(&c->tunnels[c->tunnel_slots[slot] - 1], t))
			return c->last_tag = c->tunnel_slots[slot];
	if (c->ntunnels == NP_DECAP_MAX_TUNNELS)
		return 0;
	if (c->ntunnels % TUNNELS_STEP == 0) { /* full: TUNNELS_STEP more */
		np_flow_tunnel *n = realloc(c->tunnels, (c->ntunnels + TUNNELS_STEP) * sizeof(*n));
		if (!n)
			return 0;
		c->tunnels = n;
	}
	c->tunnels[c->ntunnels++] = *t;
	c->tunnel_slots[slot] = c->ntunnels;
	return c->last_tag = c->ntunnels;
}

const struct np_flow_tunnel *np_flowsrc_tunnel(const np_flowsrc *s)
{
	return s->tun;
}

void np_exporter_record(np_exporter *ex, const np_flow *f, bool has_flags, bool uniflow)
{
	np_flowsrc *s = ex->src;
	ex->st.records++;
	if (!uniflow || s->core->opts.no_pairing || !s->core->pairer) {
		hand_on(s, f, has_flags, 0);
		return;
	}
	/* the clock read once a read, not once a record: the window is minutes */
	np_pairer_add(s->core->pairer, f, has_flags, tunnel_tag(s->core, s->tun), s->fd >= 0 ? s->core->now_us : 0,
		      hand_on, s);
}

void np_exporter_message(np_exporter *ex, const uint8_t *msg, size_t len)
{
	const np_msg_decoder *d = len >= 2 ? np_msg_decoder_for((uint16_t)(msg[0] << 8 | msg[1])) : NULL;
	if (!d) {
		ex->st.messages++;
		ex->st.malformed++;
		return;
	}
	void *state = np_exporter_decoder_state(ex, d);
	if (d->state_new && !state) {
		ex->st.messages++;
		ex->st.refused++;
		return;
	}
	d->decode(state, ex, msg, len);
}

/* ---- the caller's calls -------------------------------------------------------------- */

static bool is_collector_spec(const char *spec)
{
	return strncmp(spec, "udp://", 6) == 0 || strncmp(spec, "tcp://", 6) == 0;
}

/* A pipe's first bytes, given again before the rest of it. */
struct pushback {
	FILE *f;
	bool own;
	size_t n, off;
	uint8_t head[64];
};

static ssize_t pushback_read(void *cookie, char *buf, size_t size)
{
	struct pushback *p = cookie;
	if (p->off < p->n) {
		size_t k = p->n - p->off < size ? p->n - p->off : size;
		memcpy(buf, p->head + p->off, k);
		p->off += k;
		return (ssize_t)k;
	}
	size_t got = fread(buf, 1, size, p->f);
	return got == 0 && ferror(p->f) ? -1 : (ssize_t)got;
}

static int pushback_close(void *cookie)
{
	struct pushback *p = cookie;
	int rc = p->own ? fclose(p->f) : 0;
	free(p);
	return rc;
}

/* Open a file ("-": standard input) once, choose its backend by its first
 * bytes, and give the stream back with those bytes still to be read. */
static const struct np_flowsrc_ops *backend_for_file(const char *path, FILE **in, char *err, size_t errlen)
{
	bool is_stdin = strcmp(path, "-") == 0;
	FILE *f = is_stdin ? stdin : fopen(path, "rb");
	if (!f) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return NULL;
	}
	struct pushback *p = calloc(1, sizeof(*p));
	if (!p) {
		if (!is_stdin)
			fclose(f);
		snprintf(err, errlen, "%s: out of memory", path);
		return NULL;
	}
	p->f = f;
	p->own = !is_stdin;
	p->n = fread(p->head, 1, sizeof(p->head), f);
	const struct np_flowsrc_ops *ops = NULL;
	for (size_t i = 0; !ops && i < sizeof(file_backends) / sizeof(file_backends[0]); i++)
		if (file_backends[i]->probe && file_backends[i]->probe(p->head, p->n))
			ops = file_backends[i];
	if (!ops)
		snprintf(err, errlen, "%s: not a flow file this reader knows", path);
	if (ops && !is_stdin && fseek(f, 0, SEEK_SET) == 0) {
		free(p); /* a file: rewound */
		*in = f;
		return ops;
	}
	cookie_io_functions_t io = {pushback_read, NULL, NULL, pushback_close};
	*in = ops ? fopencookie(p, "rb", io) : NULL;
	if (!*in) {
		if (ops)
			snprintf(err, errlen, "%s: out of memory", path);
		pushback_close(p);
		return NULL;
	}
	return ops;
}

/* A source with its core (exporters, pairing) and no backend state yet. */
static np_flowsrc *new_source(const struct np_flowsrc_ops *ops, const char *name, const np_flowsrc_opts *opts)
{
	np_flowsrc *s = calloc(1, sizeof(*s));
	struct np_flowsrc_core *c = calloc(1, sizeof(*c));
	if (!s || !c) {
		free(s);
		free(c);
		return NULL;
	}
	s->core = c;
	s->ops = ops;
	s->fd = -1;
	snprintf(s->name, sizeof(s->name), "%s", name);
	if (opts)
		c->opts = *opts;
	if (!c->opts.no_pairing && !(c->pairer = np_pairer_new(c->opts.pair_window_us))) {
		s->ops = NULL;
		np_flowsrc_close(s);
		return NULL;
	}
	return s;
}

np_flowsrc *np_flowsrc_open(const char *spec, const np_flowsrc_opts *opts, char *err, size_t errlen)
{
	const struct np_flowsrc_ops *ops = NULL;
	FILE *in = NULL;
	if (is_collector_spec(spec)) {
		for (size_t i = 0; i < sizeof(collector_backends) / sizeof(collector_backends[0]); i++)
			if (collector_backends[i]->takes && collector_backends[i]->takes(spec))
				ops = collector_backends[i];
		if (!ops) {
			snprintf(err, errlen, "%s: no collector takes this", spec);
			return NULL;
		}
	} else if (!(ops = backend_for_file(spec, &in, err, errlen))) {
		return NULL;
	}
	np_flowsrc *s = new_source(ops, spec, opts);
	if (!s) {
		if (in)
			fclose(in);
		snprintf(err, errlen, "%s: out of memory", spec);
		return NULL;
	}
	s->in = in;
	if (ops->open(s, spec, err, errlen) != 0) {
		s->ops = NULL;
		np_flowsrc_close(s);
		return NULL;
	}
	return s;
}

static int fed_open(np_flowsrc *s, const char *spec, char *err, size_t errlen)
{
	(void)s;
	(void)spec;
	(void)err;
	(void)errlen;
	return 0;
}

static int fed_read(np_flowsrc *s, char *err, size_t errlen)
{
	(void)s;
	(void)err;
	(void)errlen;
	return 0;
}

static const struct np_flowsrc_ops fed_ops = {"fed", NULL, NULL, fed_open, fed_read, NULL};

np_flowsrc *np_flowsrc_open_fed(const char *name, const np_flowsrc_opts *opts)
{
	return new_source(&fed_ops, name, opts);
}

void np_flowsrc_feed(np_flowsrc *s, const char *exporter, const uint8_t *msg, size_t len, np_flowsrc_fn fn, void *ctx)
{
	np_exporter *ex = np_flowsrc_exporter(s, exporter);
	if (!ex)
		return;
	s->fn = fn;
	s->ctx = ctx;
	np_exporter_message(ex, msg, len);
	s->fn = NULL;
	s->ctx = NULL;
}

int np_flowsrc_fd(const np_flowsrc *s)
{
	return s->fd;
}

bool np_flowsrc_at_end(const np_flowsrc *s)
{
	return s->at_end;
}

long np_flowsrc_read(np_flowsrc *s, np_flowsrc_fn fn, void *ctx, char *err, size_t errlen)
{
	s->fn = fn;
	s->ctx = ctx;
	s->core->handed = 0;
	s->core->now_us = s->fd >= 0 ? monotonic_us() : 0;
	int rc = s->at_end ? 0 : s->ops->read(s, err, errlen);
	if (s->core->pairer && s->fd >= 0)
		np_pairer_expire(s->core->pairer, monotonic_us(), hand_on, s);
	long n = s->core->handed;
	s->fn = NULL;
	s->ctx = NULL;
	return rc < 0 ? -1 : n;
}

long np_flowsrc_flush(np_flowsrc *s, np_flowsrc_fn fn, void *ctx)
{
	if (!s->core->pairer)
		return 0;
	s->fn = fn;
	s->ctx = ctx;
	long n = np_pairer_flush(s->core->pairer, hand_on, s);
	s->fn = NULL;
	s->ctx = NULL;
	return n;
}

void np_flowsrc_each_exporter(const np_flowsrc *s, void (*visit)(void *ctx, const np_exporter *ex), void *ctx)
{
	for (const struct exporter_node *n = s->core->oldest; n; n = n->newer)
		visit(ctx, &n->ex);
}

void np_flowsrc_totals(const np_flowsrc *s, np_exporter_stats *totals)
{
	*totals = s->core->gone;
	for (const struct exporter_node *n = s->core->oldest; n; n = n->newer)
		add_stats(totals, &n->ex.st);
}

uint64_t np_flowsrc_forgotten(const np_flowsrc *s)
{
	return s->core->forgotten;
}

static void print_one(FILE *out, const char *prefix, const char *name, const np_exporter_stats *st)
{
	fprintf(out,
		"%s: %s: %llu records, %llu messages, %llu lost (sequence gaps), %llu malformed, "
		"%llu before their template, %llu templates (%llu redefined or withdrawn), %llu refused\n",
		prefix, name, (unsigned long long)st->records, (unsigned long long)st->messages,
		(unsigned long long)st->gaps, (unsigned long long)st->malformed, (unsigned long long)st->no_template,
		(unsigned long long)st->templates, (unsigned long long)st->template_changes,
		(unsigned long long)st->refused);
}

void np_flowsrc_print_stats(const np_flowsrc *s, FILE *out, const char *prefix, int max_exporters)
{
	np_exporter_stats t;
	np_flowsrc_totals(s, &t);
	char name[400];
	snprintf(name, sizeof(name), "%s (%u exporters, %llu forgotten, %u records waiting for their other direction)",
		 s->name, s->core->nexporters, (unsigned long long)s->core->forgotten,
		 s->core->pairer ? np_pairer_waiting(s->core->pairer) : 0);
	print_one(out, prefix, name, &t);
	int shown = 0;
	for (const struct exporter_node *n = s->core->newest; n && shown < max_exporters; n = n->older, shown++)
		print_one(out, prefix, n->ex.name, &n->ex.st);
	if (s->core->nexporters > (uint32_t)shown)
		fprintf(out, "%s: ... and %u more exporters\n", prefix, s->core->nexporters - (uint32_t)shown);
}

void np_flowsrc_close(np_flowsrc *s)
{
	if (!s)
		return;
	if (s->ops && s->ops->close)
		s->ops->close(s);
	if (s->in)
		fclose(s->in);
	struct np_flowsrc_core *c = s->core;
	while (c->oldest)
		free_exporter(c, c->oldest); /* NOLINT(clang-analyzer-unix.Malloc): it unlinks c->oldest first */
	np_pairer_free(c->pairer);
	free(c->tunnels);
	free(c->tunnel_slots);
	free(c);
	free(s);
}

int np_flowsrc_read_file(const char *path, const np_flowsrc_opts *opts, np_flowsrc_fn fn, void *ctx, char *err,
			 size_t errlen)
{
	np_flowsrc *s = np_flowsrc_open(path, opts, err, errlen);
	if (!s)
		return -1;
	long rc = np_flowsrc_read(s, fn, ctx, err, errlen);
	np_flowsrc_flush(s, fn, ctx);
	np_flowsrc_close(s);
	return rc < 0 ? -1 : 0;
}
