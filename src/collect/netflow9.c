/*
 * netflow9.c - the NetFlow v9 message decoder (RFC 3954) of collect/
 * source.h, through libfixbuf's NetFlow v9 translator: libfixbuf turns
 * each v9 message into IPFIX (templates, the sysUptime-relative times as
 * systemInitTimeMilliseconds beside flowStart/EndSysUpTime) and its
 * records are read as IPFIX records are (collect/ipfix_read.h).
 *
 * libfixbuf runs its translator only inside its own UDP collector (it
 * keeps per-exporter state on the collector's UDP peer table), so one
 * process-wide libfixbuf UDP listener is made on first use and its socket
 * replaced by one end of a socketpair that only we hold: each v9 message
 * the collector takes is written to the other end and read back at once
 * by libfixbuf, one message in, one message out, nothing on the network.
 * libfixbuf tells exporters apart by peer and source ID; every datagram
 * comes from the same peer here, so each exporter's source IDs are
 * rewritten to IDs of our own, unique to (exporter, source ID): templates
 * stay per exporter and observation domain.
 *
 * Before libfixbuf sees a message it is checked and cut here (bytes.h),
 * because the translator trusts what it is sent: sets must tile the
 * message; templates must have fields, a record length from 1 to 65534
 * octets and no field of length 65535 (IPFIX's variable length); options
 * templates and their data sets are left out (we read no options); data
 * sets of templates not yet sent are dropped and counted, as are sets too
 * short for one record. Sequence numbers count export packets (v9), so
 * gaps are packets lost.
 *
 * Memory: at most MAX_DOMAINS source IDs and NP_EXPORTER_MAX_TEMPLATES
 * templates per exporter (beyond: refused and counted); libfixbuf keeps a
 * session per internal ID until the translator is made afresh, which
 * happens once MAX_IDS IDs were handed out or MAX_TRANSLATED templates
 * were taken (every exporter then learns its templates again from the
 * next refresh).
 *
 * Not for: IPFIX (ipfix.c), NetFlow v5 (netflow5.c), v9 over TCP (no
 * exporter sends it; the collector closes such a connection).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fixbuf/private.h> /* fbCollectorGetFD: exported by libfixbuf, declared here */

#include "../flow/ipfix_model.h"
#include "../util/bytes.h"
#include "ipfix_read.h"
#include "source.h"

enum {
	V9_HEADER_LEN = 20,
	V9_MAX_LEN = 32768, /* room for libfixbuf to grow it (4 octets a template, 8 a timed record) */
	MAX_DOMAINS = 16,
	MAX_IDS = 2 * NP_COLLECT_MAX_EXPORTERS, /* libfixbuf keeps ~30 KB a session: ~250 MB at most */
	MAX_TRANSLATED = 65536,
};

/* The one translator: libfixbuf's listener and our end of its socket. */
struct translator {
	fbSession_t *base; /* the listener's; it clones one per exporter and ID */
	fbListener_t *listener;
	fBuf_t *fbuf; /* from the listener's first message */
	int tx, rx;   /* ours, libfixbuf's */
	np_ipfix_decoder *current;
	uint32_t ids;
	uint64_t templates;
};

static struct translator *tr;
static uint64_t tr_generation; /* bumped when the translator is made afresh */
static unsigned tr_users;      /* exporter states alive */

struct v9_domain {
	uint32_t source_id, internal, next_seq;
	bool seq_known;
};

struct v9_tmpl {
	uint32_t internal; /* its domain's */
	uint16_t tid;
	uint16_t wire_len; /* 0: an options template (its data left out) */
};

struct v9_state {
	np_exporter *ex;
	np_ipfix_decoder *rd;
	uint64_t generation;
	struct v9_domain dom[MAX_DOMAINS];
	unsigned ndom;
	struct v9_tmpl *tmpl;
	unsigned ntmpl, cap;
	uint8_t out[V9_MAX_LEN];
};

static void translator_free(void)
{
	if (!tr)
		return;
	if (tr->listener)
		fbListenerFree(tr->listener); /* its sessions, buffer and socket */
	if (tr->tx >= 0)
		close(tr->tx);
	fbSessionFree(tr->base);
	np_ipfix_reader_session_done();
	free(tr);
	tr = NULL;
	tr_generation++;
}

/* A loopback UDP port free now, for libfixbuf's listener (0: none). */
static unsigned free_port(void)
{
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	socklen_t al = sizeof(a);
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	unsigned port = 0;
	if (fd >= 0 && bind(fd, (struct sockaddr *)&a, sizeof(a)) == 0 &&
	    getsockname(fd, (struct sockaddr *)&a, &al) == 0)
		port = ntohs(a.sin_port);
	if (fd >= 0)
		close(fd);
	return port;
}

/* libfixbuf's listener on a loopback port, its buffer (fbListenerWait
 * gives it once a datagram is there: a probe), then its socket replaced by
 * our socketpair's end under the same fd number, so its collector goes on
 * reading what we write and nobody else can. */
static bool translator_listen(fbSession_t *s)
{
	char svc[8];
	unsigned port = free_port();
	snprintf(svc, sizeof(svc), "%u", port);
	fbConnSpec_t spec;
	memset(&spec, 0, sizeof(spec));
	spec.transport = FB_UDP;
	spec.host = (char *)"127.0.0.1";
	spec.svc = svc;
	GError *e = NULL;
	fbCollector_t *c = NULL;
	tr->listener = port ? fbListenerAlloc(&spec, s, NULL, NULL, &e) : NULL;
	bool ok = tr->listener && fbListenerGetCollector(tr->listener, &c, &e) &&
		  fbCollectorSetNetflowV9Translator(c, &e);
	g_clear_error(&e);
	if (!ok)
		return false;
	struct sockaddr_in a = {
		.sin_family = AF_INET, .sin_port = htons((uint16_t)port), .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	int probe = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	ok = probe >= 0 && sendto(probe, "", 1, 0, (struct sockaddr *)&a, sizeof(a)) == 1;
	if (probe >= 0)
		close(probe);
	if (!ok || !(tr->fbuf = fbListenerWait(tr->listener, &e))) {
		g_clear_error(&e);
		return false;
	}
	int sv[2];
	tr->rx = fbCollectorGetFD(c);
	if (tr->rx < 0 || socketpair(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0, sv) != 0)
		return false;
	ok = dup2(sv[1], tr->rx) == tr->rx &&
	     fcntl(tr->rx, F_SETFD, FD_CLOEXEC) == 0; /* the probe goes with the old socket */
	close(sv[1]);
	tr->tx = sv[0];
	fBufSetAutomaticMode(tr->fbuf, FALSE);
	if (!ok || !fBufSetInternalTemplate(tr->fbuf, NP_IPFIX_TID_REC, &e)) {
		g_clear_error(&e);
		return false;
	}
	return true;
}

static bool translator_make(void)
{
	tr = calloc(1, sizeof(*tr));
	if (!tr)
		return false;
	tr->tx = tr->rx = -1;
	tr->base = np_ipfix_reader_session(&tr->current);
	if (!tr->base) {
		free(tr);
		tr = NULL;
		return false;
	}
	for (int tries = 0; tries < 3; tries++) {
		if (translator_listen(tr->base))
			return true;
		if (tr->listener)
			fbListenerFree(tr->listener);
		if (tr->tx >= 0)
			close(tr->tx);
		tr->listener = NULL;
		tr->fbuf = NULL;
		tr->tx = tr->rx = -1;
	}
	translator_free();
	return false;
}

static void state_reset(struct v9_state *st)
{
	st->ndom = 0;
	st->ntmpl = 0;
	np_ipfix_reader_forget(st->rd);
	st->generation = tr_generation;
}

static void *v9_state_new(np_exporter *ex)
{
	struct v9_state *st = calloc(1, sizeof(*st));
	if (!st)
		return NULL;
	st->ex = ex;
	st->rd = np_ipfix_reader_new(ex);
	if (!st->rd) {
		free(st);
		return NULL;
	}
	st->generation = tr_generation;
	tr_users++;
	return st;
}

static void v9_state_free(void *state)
{
	struct v9_state *st = state;
	if (!st)
		return;
	np_ipfix_reader_free(st->rd);
	free(st->tmpl);
	free(st);
	if (--tr_users == 0)
		translator_free(); /* nothing left to translate for */
}

static struct v9_tmpl *find_tmpl(struct v9_state *st, uint32_t internal, uint16_t tid)
{
	for (unsigned i = 0; i < st->ntmpl; i++)
		if (st->tmpl[i].internal == internal && st->tmpl[i].tid == tid)
			return &st->tmpl[i];
	return NULL;
}

/* Note a template (a redefinition replaces); false: over the bound. */
static bool add_tmpl(struct v9_state *st, uint32_t internal, uint16_t tid, uint16_t wire_len)
{
	struct v9_tmpl *t = find_tmpl(st, internal, tid);
	if (t) {
		t->wire_len = wire_len;
		return true;
	}
	if (st->ntmpl == NP_EXPORTER_MAX_TEMPLATES)
		return false;
	if (st->ntmpl == st->cap) {
		unsigned cap = st->cap ? st->cap * 2 : 16;
		struct v9_tmpl *n = realloc(st->tmpl, cap * sizeof(*n));
		if (!n)
			return false;
		st->tmpl = n;
		st->cap = cap;
	}
	st->tmpl[st->ntmpl++] = (struct v9_tmpl){internal, tid, wire_len};
	return true;
}

/* A template set's records, [p, end): each well formed (fields, a record
 * length from 1 to 65534, no length 65535), then only zero padding. */
static bool templates_ok(const uint8_t *p, const uint8_t *end)
{
	uint16_t tid = 0, count = 0;
	bool any = false;
	while (np_get_be16(p, end, &tid) && np_get_be16(p + 2, end, &count) && (tid | count) != 0) {
		if (tid < 256 || count == 0 || !np_has(p + 4, end, (size_t)count * 4))
			return false;
		uint32_t len = 0;
		for (uint16_t f = 0; f < count; f++) {
			uint16_t type = 0, flen = 0;
			np_get_be16(p + 4 + f * 4, end, &type);
			np_get_be16(p + 6 + f * 4, end, &flen);
			if (type == 0 || flen == 65535)
				return false;
			len += flen;
		}
		if (len == 0 || len >= 65535)
			return false;
		p += 4 + (size_t)count * 4;
		any = true;
	}
	for (; p < end; p++)
		if (*p)
			return false;
	return any;
}

static void note_templates(struct v9_state *st, uint32_t internal, const uint8_t *p, const uint8_t *end)
{
	uint16_t tid = 0, count = 0;
	while (np_get_be16(p, end, &tid) && np_get_be16(p + 2, end, &count) && count) {
		uint32_t len = 0;
		for (uint16_t f = 0; f < count; f++) {
			uint16_t flen = 0;
			np_get_be16(p + 6 + f * 4, end, &flen);
			len += flen;
		}
		if (!add_tmpl(st, internal, tid, (uint16_t)len))
			st->ex->st.refused++;
		p += 4 + (size_t)count * 4;
	}
}

/* Options template IDs, so their data sets are left out quietly. */
static void note_options(struct v9_state *st, uint32_t internal, const uint8_t *p, const uint8_t *end)
{
	uint16_t tid = 0, scope = 0, opts = 0;
	while (np_get_be16(p, end, &tid) && np_get_be16(p + 2, end, &scope) && np_get_be16(p + 4, end, &opts) &&
	       tid >= 256 && np_has(p + 6, end, (size_t)scope + opts)) {
		add_tmpl(st, internal, tid, 0);
		p += 6 + (size_t)scope + opts;
	}
}

static struct v9_domain *domain_of(struct v9_state *st, uint32_t source_id)
{
	for (unsigned i = 0; i < st->ndom; i++)
		if (st->dom[i].source_id == source_id)
			return &st->dom[i];
	if (st->ndom == MAX_DOMAINS)
		return NULL;
	struct v9_domain *d = &st->dom[st->ndom++];
	memset(d, 0, sizeof(*d));
	d->source_id = source_id;
	d->internal = ++tr->ids;
	return d;
}

/* The message as libfixbuf may see it, into st->out; its length (0: no
 * set is left to translate). */
static size_t cut_message(struct v9_state *st, struct v9_domain *dom, const uint8_t *msg, size_t len)
{
	const uint8_t *end = msg + len, *p = msg + V9_HEADER_LEN;
	size_t olen = V9_HEADER_LEN;
	bool sets = false;
	memcpy(st->out, msg, V9_HEADER_LEN);
	st->out[16] = (uint8_t)(dom->internal >> 24);
	st->out[17] = (uint8_t)(dom->internal >> 16);
	st->out[18] = (uint8_t)(dom->internal >> 8);
	st->out[19] = (uint8_t)dom->internal;
	while (p < end) {
		uint16_t id = 0, slen = 0;
		if (!np_get_be16(p, end, &id) || !np_get_be16(p + 2, end, &slen) || slen < 4 || !np_has(p, end, slen)) {
			st->ex->st.malformed++; /* a set cut short or running past the end */
			break;
		}
		bool keep = false;
		if (id == 0) {
			keep = slen % 4 == 0 && templates_ok(p + 4, p + slen);
			if (keep)
				note_templates(st, dom->internal, p + 4, p + slen);
			else
				st->ex->st.malformed++;
		} else if (id == 1) {
			note_options(st, dom->internal, p + 4, p + slen);
		} else if (id < 256) {
			st->ex->st.malformed++;
		} else {
			const struct v9_tmpl *t = find_tmpl(st, dom->internal, id);
			if (!t)
				st->ex->st.no_template++;
			keep = t && t->wire_len && slen - 4u >= t->wire_len;
		}
		if (keep) {
			memcpy(st->out + olen, p, slen);
			olen += slen;
			sets = true;
		}
		p += slen;
	}
	return sets ? olen : 0;
}

static void count_sequence(struct v9_state *st, struct v9_domain *dom, uint32_t seq)
{
	if (dom->seq_known) {
		uint32_t gap = seq - dom->next_seq;
		if (gap != 0 && gap < 0x80000000u) /* behind: reordered or restarted, not lost */
			st->ex->st.gaps += gap;
	}
	dom->seq_known = true;
	dom->next_seq = seq + 1;
}

/* Hand the cut message to libfixbuf and read its records back. */
static void translate(struct v9_state *st, size_t olen)
{
	if (send(tr->tx, st->out, olen, MSG_DONTWAIT) != (ssize_t)olen) {
		st->ex->st.refused++;
		return;
	}
	struct pollfd pfd = {.fd = tr->rx, .events = POLLIN};
	if (poll(&pfd, 1, 0) == 1 && (pfd.revents & POLLIN)) {
		char err[200];
		uint64_t before = np_ipfix_reader_templates(st->rd);
		tr->current = st->rd;
		np_ipfix_reader_read(st->rd, tr->fbuf, err, sizeof(err));
		tr->current = NULL;
		tr->templates += np_ipfix_reader_templates(st->rd) - before;
	}
	/* Whatever libfixbuf did not take (it never should) goes, so the
	 * next message is read as the next exporter's. */
	for (uint8_t junk[16]; recv(tr->rx, junk, sizeof(junk), MSG_DONTWAIT) >= 0;)
		;
}

static void v9_decode(void *state, np_exporter *ex, const uint8_t *msg, size_t len)
{
	struct v9_state *st = state;
	(void)ex;
	st->ex->st.messages++;
	uint32_t seq = 0, source_id = 0;
	if (len < V9_HEADER_LEN || len > V9_MAX_LEN || !np_get_be32(msg + 12, msg + len, &seq) ||
	    !np_get_be32(msg + 16, msg + len, &source_id)) {
		st->ex->st.malformed++;
		return;
	}
	if (tr && (tr->ids >= MAX_IDS || tr->templates >= MAX_TRANSLATED))
		translator_free(); /* made afresh below: every exporter learns its templates again */
	if (!tr && !translator_make()) {
		st->ex->st.refused++;
		return;
	}
	if (st->generation != tr_generation)
		state_reset(st);
	struct v9_domain *dom = domain_of(st, source_id);
	if (!dom) {
		st->ex->st.refused++;
		return;
	}
	count_sequence(st, dom, seq);
	size_t olen = cut_message(st, dom, msg, len);
	if (olen)
		translate(st, olen);
	st->ex->st.templates = st->ntmpl;
}

const np_msg_decoder np_msg_netflow9 = {9, "NetFlow v9", v9_state_new, v9_state_free, v9_decode, NULL};
