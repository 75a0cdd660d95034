/*
 * writer_ipfix.c - IPFIX export through libfixbuf (see writer_ipfix.h).
 *
 * One session holds the internal template (np_ipfix_rec) and the four
 * export templates; each record picks its export template by address
 * family and biflow/uniflow, and libfixbuf transcodes (reduced-size
 * encoding is not used: every element has its full size, as YAF writes).
 * Export time: the capture's clock for files (the same capture gives the
 * same bytes), the wall clock for a live collector feed.
 */
#include "writer_ipfix.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "decap.h"
#include "ipfix_model.h"

struct np_ipfix_writer {
	fbInfoModel_t *model;
	fbSession_t *session;
	fBuf_t *fbuf;
	bool uniflow, live, udp, to_stdout;
	uint32_t refresh_s;
	time_t templates_sent;
	uint16_t cur_tid, cur_internal; /* the buffer's templates, set only when they change */
	uint64_t records, dropped;
	char *host, *port;
	FILE *fp; /* the file written, closed by us (libfixbuf does not) */
	char err[256];
	bool failed;
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

static void writer_free(np_ipfix_writer *w)
{
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

static bool send_templates(np_ipfix_writer *w)
{
	GError *e = NULL;
	if (!fbSessionExportTemplates(w->session, &e)) {
		fail(w, "cannot write templates", e);
		return false;
	}
	w->templates_sent = time(NULL);
	w->cur_tid = w->cur_internal = 0; /* the buffer's templates must be set again */
	return true;
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
	if (!fBufAppend(w->fbuf, (uint8_t *)r, tunnel ? sizeof(*r) : NP_IPFIX_FIXED_LEN, &e)) {
		fail(w, w->host ? "cannot send IPFIX" : "cannot write IPFIX", e);
		return;
	}
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
static void write_flow(np_ipfix_writer *w, const np_flow *f, const np_flow_tunnel *t)
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
		uint16_t tid = np_ipfix_export_tid(f->key.family, biflow);
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
	GError *e = NULL;
	if (w->failed || w->templates_sent == 0)
		return;
	if (!fBufEmit(w->fbuf, &e))
		fail(w, w->host ? "cannot send IPFIX" : "cannot write IPFIX", e);
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
