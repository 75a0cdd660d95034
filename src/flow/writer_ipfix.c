/*
 * writer_ipfix.c - IPFIX export through libfixbuf (see writer_ipfix.h).
 *
 * One session holds the internal template (np_ipfix_rec) and the twelve
 * export templates; each record picks its export template by what it
 * carries (np_ipfix_export_tid), and libfixbuf transcodes (reduced-size
 * encoding is not used: every element has its full size, as YAF writes).
 * Export time: the capture's clock for files (the same capture gives the
 * same bytes), the wall clock for a live collector feed.
 *
 * Encoding on a thread of its own (np_ipfix_writer_use_thread). libfixbuf
 * encodes element by element (about 2,600 instructions a record, more
 * than the CSV writer), so for a file read as fast as it can be the writer
 * hands its flows, in batches of BATCH_FLOWS, to an encoding thread of its
 * own and the flow table's thread only copies them: `flows -r` runs a
 * reader and a table thread that leave a core part idle, and the encoding
 * goes there. BATCHES batches circulate; the caller waits only when all
 * are full. A flush waits until the thread has encoded every batch (the
 * thread then sleeps) and emits on the caller's thread, so after
 * np_ipfix_writer_flush the writer's counts and error are the caller's to
 * read. Otherwise (live, a pipe that may pause) each record is encoded on
 * the caller's thread as its flow ends.
 */
#include "writer_ipfix.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "decap.h"
#include "ipfix_model.h"

#define BATCH_FLOWS 256
#define BATCHES 8

/* libfixbuf 2.4's message sizes (fbExporterAllocNet, fbExporterAllocFP):
 * its public API does not tell them. Were they other, a record we count as
 * fitting takes libfixbuf's own way (fail, emit, retry), or a message ends
 * a little early: never a wrong message. */
#define MTU_UDP 1420
#define MTU_TCP 8192
#define MTU_FILE 65496
#define MSG_HEADER 16
#define SET_HEADER 4

/* A flow waiting for the encoding thread: an inner flow with its tunnel. */
struct pending {
	np_flow f;
	np_flow_tunnel t;
	bool tunnel;
};

struct batch {
	struct pending flow[BATCH_FLOWS];
	unsigned n;
};

/* The encoding thread and the batches it takes: batch i lives at
 * i % BATCHES; under mu, the caller fills [encoded + ..., filled] and the
 * thread encodes [encoded, filled). */
struct encoder {
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t work, room;
	uint64_t filled, encoded;
	bool stop, thread_waits, caller_waits;
	struct batch batch[BATCHES];
};

struct np_ipfix_writer {
	fbInfoModel_t *model;
	fbSession_t *session;
	fBuf_t *fbuf;
	bool uniflow, live, udp, to_stdout;
	uint32_t refresh_s;
	time_t templates_sent;
	uint16_t cur_tid, cur_internal; /* the buffer's templates, set only when they change */
	/* The message libfixbuf is filling, as we count it (msg_bytes 0: none
	 * open; set_tid: the export template of its open set, 0 none), so a
	 * record that would not fit is preceded by our fBufEmit: libfixbuf
	 * finds a full message by failing the record (formatting an error
	 * message, about 2,000 instructions a message) and trying again. */
	size_t mtu, msg_bytes;
	uint16_t set_tid;
	uint16_t rec_len[32]; /* wire length of export template 0xb000 + i, 0 unknown */
	uint64_t records, dropped;
	char *host, *port;
	FILE *fp; /* the file written, closed by us (libfixbuf does not) */
	char err[256];
	bool failed;
	struct encoder *enc; /* the encoding thread, started by the first flow */
	bool use_thread;     /* np_ipfix_writer_use_thread, and the thread could be started */
};

bool np_ipfix_target_is_net(const char *target)
{
	return strncmp(target, "udp://", 6) == 0 || strncmp(target, "tcp://", 6) == 0;
}

/* "HOST:PORT" or "[V6]:PORT" into host and port (both allocated). */
static bool split_host_port(const char *s, char **host, char **port)
{
	const char *colon;
	if (*s == '[') {
		const char *end = strchr(s, ']');
		if (!end || end[1] != ':')
			return false;
		*host = strndup(s + 1, (size_t)(end - s - 1));
		colon = end + 1;
	} else {
		colon = strrchr(s, ':');
		if (!colon || colon == s)
			return false;
		*host = strndup(s, (size_t)(colon - s));
	}
	*port = strdup(colon + 1);
	if (!*host || !*port || !**port || strspn(*port, "0123456789") != strlen(*port)) {
		free(*host);
		free(*port);
		*host = *port = NULL; /* the writer frees what is left: not these twice */
		return false;
	}
	return true;
}

static void fail(np_ipfix_writer *w, const char *what, GError *e)
{
	if (!w->failed)
		snprintf(w->err, sizeof(w->err), "%s: %s", what, e ? e->message : "failed");
	w->failed = true;
	g_clear_error(&e);
}

static fbExporter_t *open_exporter(np_ipfix_writer *w, const char *target, char *err, size_t errlen)
{
	if (np_ipfix_target_is_net(target)) {
		w->udp = target[0] == 'u';
		w->mtu = w->udp ? MTU_UDP : MTU_TCP;
		if (!split_host_port(target + 6, &w->host, &w->port)) {
			snprintf(err, errlen, "%s: expected udp://HOST:PORT or tcp://HOST:PORT", target);
			return NULL;
		}
		fbConnSpec_t spec = {.transport = w->udp ? FB_UDP : FB_TCP, .host = w->host, .svc = w->port};
		fbExporter_t *x = fbExporterAllocNet(&spec);
		if (!x)
			snprintf(err, errlen, "%s: cannot resolve or connect", target);
		return x;
	}
	w->mtu = MTU_FILE;
	if (strcmp(target, "-") == 0) {
		w->to_stdout = true;
		return fbExporterAllocFP(stdout);
	}
	w->fp = fopen(target, "wb");
	if (!w->fp) {
		snprintf(err, errlen, "%s: %s", target, strerror(errno));
		return NULL;
	}
	return fbExporterAllocFP(w->fp);
}

static void encoder_stop(np_ipfix_writer *w);

static void writer_free(np_ipfix_writer *w)
{
	encoder_stop(w);
	if (w->fbuf)
		fBufFree(w->fbuf); /* frees the session and the exporter too */
	else if (w->session)
		fbSessionFree(w->session);
	if (w->model)
		fbInfoModelFree(w->model);
	if (w->fp)
		fclose(w->fp);
	free(w->host);
	free(w->port);
	free(w);
}

/* The message out (nothing when none is open). */
static bool emit(np_ipfix_writer *w)
{
	GError *e = NULL;
	w->msg_bytes = 0;
	w->set_tid = 0;
	if (!fBufEmit(w->fbuf, &e)) {
		fail(w, w->host ? "cannot send IPFIX" : "cannot write IPFIX", e);
		return false;
	}
	return true;
}

/* The wire length of an export template's records (its variable-length
 * tunnelTechnology counted as its in-memory 16 bytes: more than the names'
 * 1 + length), 0 when unknown. */
static size_t record_len(np_ipfix_writer *w, uint16_t tid)
{
	unsigned i = (unsigned)(tid - NP_IPFIX_TID_EXPORT);
	if (i >= sizeof(w->rec_len) / sizeof(w->rec_len[0]))
		return 0;
	if (!w->rec_len[i]) {
		fbTemplate_t *t = fbSessionGetTemplate(w->session, false, tid, NULL);
		w->rec_len[i] = t ? fbTemplateGetIELenOfMemBuffer(t) : 0;
	}
	return w->rec_len[i];
}

static bool send_templates(np_ipfix_writer *w)
{
	GError *e = NULL;
	if (!fbSessionExportTemplates(w->session, &e)) {
		fail(w, "cannot write templates", e);
		return false;
	}
	w->templates_sent = time(NULL);
	w->cur_tid = w->cur_internal = 0; /* the buffer's templates must be set again */
	/* libfixbuf starts the next record's message itself (after templates
	 * it fails the record once); we do, so the count stays ours */
	return emit(w);
}

np_ipfix_writer *np_ipfix_writer_open(const char *target, bool uniflow, bool live, uint32_t template_refresh_s,
				      char *err, size_t errlen)
{
	np_ipfix_writer *w = calloc(1, sizeof(*w));
	if (!w) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	w->uniflow = uniflow;
	w->live = live;
	w->refresh_s = template_refresh_s ? template_refresh_s : NP_IPFIX_TEMPLATE_REFRESH_S;
	w->model = np_ipfix_model_new();
	w->session = fbSessionAlloc(w->model);
	GError *e = NULL;
	if (!np_ipfix_add_internal_templates(w->session, w->model, &e) ||
	    !np_ipfix_add_export_templates(w->session, w->model, &e)) {
		snprintf(err, errlen, "IPFIX templates: %s", e ? e->message : "failed");
		g_clear_error(&e);
		writer_free(w);
		return NULL;
	}
	fbExporter_t *x = open_exporter(w, target, err, errlen);
	if (!x) {
		writer_free(w);
		return NULL;
	}
	w->fbuf = fBufAllocForExport(w->session, x);
	/* Files get their templates when the first record comes, so an
	 * empty capture gives an empty file (as YAF writes one). */
	return w;
}

/* A record without a tunnel goes from its fixed-length part
 * (NP_IPFIX_TID_FIXED), one with a tunnel from the whole record. */
static void append(np_ipfix_writer *w, np_ipfix_rec *r, uint16_t tid, bool tunnel, int64_t end_us)
{
	GError *e = NULL;
	if (!w->live)
		fBufSetExportTime(w->fbuf, (uint32_t)(end_us / 1000000));
	if (w->templates_sent == 0 || (w->udp && time(NULL) - w->templates_sent >= (time_t)w->refresh_s))
		if (!send_templates(w))
			return;
	uint16_t internal = tunnel ? NP_IPFIX_TID_REC : NP_IPFIX_TID_FIXED;
	if (internal != w->cur_internal) {
		if (!fBufSetInternalTemplate(w->fbuf, internal, &e)) {
			fail(w, "IPFIX internal template", e);
			return;
		}
		w->cur_internal = internal;
	}
	if (tid != w->cur_tid) {
		if (!fBufSetExportTemplate(w->fbuf, tid, &e)) {
			fail(w, "IPFIX export template", e);
			return;
		}
		w->cur_tid = tid;
	}
	size_t len = record_len(w, tid), add = len + (w->set_tid == tid ? 0 : SET_HEADER);
	if (len && w->msg_bytes && w->msg_bytes + add > w->mtu) {
		if (!emit(w))
			return;
		add = len + SET_HEADER;
	}
	if (!fBufAppend(w->fbuf, (uint8_t *)r, tunnel ? sizeof(*r) : NP_IPFIX_FIXED_LEN, &e)) {
		fail(w, w->host ? "cannot send IPFIX" : "cannot write IPFIX", e);
		return;
	}
	w->msg_bytes = (w->msg_bytes ? w->msg_bytes : MSG_HEADER) + add;
	w->set_tid = tid;
	w->records++;
}

bool np_ipfix_writer_enable_tunnels(np_ipfix_writer *w)
{
	GError *e = NULL;
	if (!np_ipfix_add_tunnel_templates(w->session, w->model, &e) ||
	    !fbSessionSetMetadataExportElements(w->session, TRUE, NP_IPFIX_TID_TUN - 1, &e)) {
		fail(w, "IPFIX tunnel templates", e);
		return false;
	}
	return true;
}

/* One flow as one biflow record or two uniflow ones; t: an inner flow's tunnel. */
static void encode_flow(np_ipfix_writer *w, const np_flow *f, const np_flow_tunnel *t)
{
	int records = !w->uniflow || f->rev.packets == 0 ? 1 : 2;
	if (w->failed) {
		w->dropped += (uint64_t)records;
		return;
	}
	np_ipfix_rec r;
	int64_t end_us = f->fwd.last_us > f->rev.last_us ? f->fwd.last_us : f->rev.last_us;
	for (int i = 0; i < records && !w->failed; i++) {
		bool biflow = !w->uniflow && i == 0;
		np_ipfix_rec_from_flow(&r, f, biflow, i == 1);
		uint16_t tid = np_ipfix_export_tid(f, biflow);
		if (t) {
			np_ipfix_rec_set_tunnel(&r, t);
			tid = np_ipfix_tunnel_tid(f->key.family, biflow, t->family);
		}
		append(w, &r, tid, t != NULL, end_us);
	}
	if (w->failed)
		w->dropped += (uint64_t)records;
	else if (w->live)
		np_ipfix_writer_flush(w);
}

/* ---- the encoding thread ---------------------------------------------------- */

static void *encoder_main(void *arg)
{
	np_ipfix_writer *w = arg;
	struct encoder *enc = w->enc;
	pthread_mutex_lock(&enc->mu);
	for (;;) {
		while (enc->encoded == enc->filled && !enc->stop) {
			enc->thread_waits = true;
			if (enc->caller_waits)
				pthread_cond_signal(&enc->room);
			pthread_cond_wait(&enc->work, &enc->mu);
			enc->thread_waits = false;
		}
		if (enc->encoded == enc->filled)
			break; /* stopped, and nothing left */
		struct batch *b = &enc->batch[enc->encoded % BATCHES];
		pthread_mutex_unlock(&enc->mu);
		for (unsigned i = 0; i < b->n; i++)
			encode_flow(w, &b->flow[i].f, b->flow[i].tunnel ? &b->flow[i].t : NULL);
		pthread_mutex_lock(&enc->mu);
		enc->encoded++;
		if (enc->caller_waits)
			pthread_cond_signal(&enc->room);
	}
	pthread_mutex_unlock(&enc->mu);
	return NULL;
}

/* The thread, started with every signal blocked (handlers run on the
 * caller's threads). False: encode on the caller's thread instead. */
static bool encoder_start(np_ipfix_writer *w)
{
	struct encoder *enc = calloc(1, sizeof(*enc));
	if (!enc)
		return false;
	pthread_mutex_init(&enc->mu, NULL);
	pthread_cond_init(&enc->work, NULL);
	pthread_cond_init(&enc->room, NULL);
	w->enc = enc;
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	int rc = pthread_create(&enc->thread, NULL, encoder_main, w);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0) {
		pthread_cond_destroy(&enc->room);
		pthread_cond_destroy(&enc->work);
		pthread_mutex_destroy(&enc->mu);
		free(enc);
		w->enc = NULL;
		return false;
	}
	return true;
}

/* Hand the batch being filled to the thread (mu held); wait for room
 * for the next one. */
static void publish(struct encoder *enc)
{
	enc->filled++;
	if (enc->thread_waits)
		pthread_cond_signal(&enc->work);
	while (enc->filled - enc->encoded == BATCHES) {
		enc->caller_waits = true;
		pthread_cond_wait(&enc->room, &enc->mu);
		enc->caller_waits = false;
	}
	enc->batch[enc->filled % BATCHES].n = 0;
}

/* Wait until every flow handed over is encoded. */
static void encoder_drain(struct encoder *enc)
{
	pthread_mutex_lock(&enc->mu);
	if (enc->batch[enc->filled % BATCHES].n)
		publish(enc);
	while (enc->encoded != enc->filled) {
		enc->caller_waits = true;
		pthread_cond_wait(&enc->room, &enc->mu);
		enc->caller_waits = false;
	}
	pthread_mutex_unlock(&enc->mu);
}

static void encoder_stop(np_ipfix_writer *w)
{
	struct encoder *enc = w->enc;
	if (!enc)
		return;
	encoder_drain(enc);
	pthread_mutex_lock(&enc->mu);
	enc->stop = true;
	pthread_cond_signal(&enc->work);
	pthread_mutex_unlock(&enc->mu);
	pthread_join(enc->thread, NULL);
	pthread_cond_destroy(&enc->room);
	pthread_cond_destroy(&enc->work);
	pthread_mutex_destroy(&enc->mu);
	free(enc);
	w->enc = NULL;
}

/* A flow to the thread, or encoded here when there is none. */
static void write_flow(np_ipfix_writer *w, const np_flow *f, const np_flow_tunnel *t)
{
	if (!w->enc && (!w->use_thread || !encoder_start(w))) {
		w->use_thread = false;
		encode_flow(w, f, t);
		return;
	}
	struct encoder *enc = w->enc;
	/* The batch being filled is the caller's alone: no lock until it is full. */
	struct batch *b = &enc->batch[enc->filled % BATCHES];
	struct pending *p = &b->flow[b->n++];
	p->f = *f;
	p->tunnel = t != NULL;
	if (t)
		p->t = *t;
	if (b->n == BATCH_FLOWS) {
		pthread_mutex_lock(&enc->mu);
		publish(enc);
		pthread_mutex_unlock(&enc->mu);
	}
}

void np_ipfix_writer_use_thread(np_ipfix_writer *w)
{
	w->use_thread = !w->live;
}

void np_ipfix_writer_write(np_ipfix_writer *w, const np_flow *f)
{
	write_flow(w, f, NULL);
}

void np_ipfix_writer_write_inner(np_ipfix_writer *w, const np_flow *f, const np_flow_tunnel *t)
{
	write_flow(w, f, t);
}

void np_ipfix_writer_flush(np_ipfix_writer *w)
{
	if (w->enc)
		encoder_drain(w->enc);
	if (w->failed || w->templates_sent == 0)
		return;
	emit(w);
	if (w->fp && fflush(w->fp) != 0 && !w->failed) {
		snprintf(w->err, sizeof(w->err), "cannot write IPFIX: %s", strerror(errno));
		w->failed = true;
	}
	if (w->to_stdout && fflush(stdout) != 0 && !w->failed) {
		snprintf(w->err, sizeof(w->err), "cannot write IPFIX: %s", strerror(errno));
		w->failed = true;
	}
}

const char *np_ipfix_writer_error(const np_ipfix_writer *w)
{
	return w->failed ? w->err : NULL;
}

uint64_t np_ipfix_writer_records(const np_ipfix_writer *w)
{
	return w->records;
}

uint64_t np_ipfix_writer_dropped(const np_ipfix_writer *w)
{
	return w->dropped;
}

int np_ipfix_writer_close(np_ipfix_writer *w)
{
	if (!w)
		return 0;
	np_ipfix_writer_flush(w);
	int rc = w->failed ? -1 : 0;
	writer_free(w);
	return rc;
}
