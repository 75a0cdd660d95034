/*
 * ipfix.c - IPFIX through libfixbuf, as two backends of collect/source.h:
 * IPFIX files (np_flowsrc_ipfix), and the IPFIX message decoder the
 * collector hands each exporter's messages to (np_msg_ipfix).
 *
 * What is understood: YAF's biflow records (RFC 5103 reverse elements,
 * reverseFlowDeltaMilliseconds), its uniflow and SiLK layouts, TCP flags
 * at the top level (SiLK layout, ours) or in YAF's nested
 * subTemplateMultiList, any template that carries a flow key (routers'
 * templates without flags give records without flags). Options records
 * and YAF's other nested records (DPI, statistics) are skipped. Records
 * from a template without reverse elements go on as uniflow (paired by
 * collect/pair.c). Elements: flow/ipfix_model.h, shared with the export.
 *
 * Not for: NetFlow v9 (netflow9.c runs libfixbuf's translator and reads
 * its records through this file's reader, collect/ipfix_read.h), writing
 * IPFIX.
 *
 * Every message goes through one path: its header is checked here
 * (bytes.h), then libfixbuf decodes it from our buffer (fBufSetBuffer, no
 * collector of its own; one libfixbuf buffer for every exporter, set on
 * the exporter's session for the message), transcoding each flow record into np_ipfix_rec
 * (flow/ipfix_model.h). A callback sees each new template and decides what
 * it is: a flow record (it names an address), YAF's TCP sub-record (flags,
 * no address) or something we skip (options, DPI, statistics); the
 * decision rides on the template as its context.
 *
 * Sequence numbers: RFC 7011 counts data records, so the next message's
 * number is this one's plus the records in it. Records are counted from
 * the data sets' lengths and the templates' fixed record lengths; a
 * message with a variable-length template cannot be counted, and the
 * next message starts the count afresh.
 *
 * Files are read message by message (each bounded by its own length
 * field), so a cut or corrupt file gives its records up to the fault.
 */
#include "source.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../flow/decap.h"
#include "../flow/ipfix_model.h"
#include "../util/bytes.h"
#include "ipfix_read.h"

#include <fixbuf/private.h> /* fBufSetSession: exported by libfixbuf, declared here */

#define IPFIX_VERSION 10
#define IPFIX_HEADER_LEN 16
#define MAX_DOMAINS 64 /* sequence state kept per exporter; beyond it, not counted */

enum tmpl_kind { KIND_SKIP, KIND_FLOW, KIND_TCP };

/* What a template is to us; stored as its context. */
struct tmpl_info {
	uint8_t kind;
	bool biflow;       /* carries reverse elements */
	bool v4, v6;       /* which addresses a flow template carries */
	bool top_flags;    /* TCP flags in the record itself */
	uint8_t lean;      /* an internal template of its own (np_ipfix_add_lean_template): LEAN_* */
	uint16_t wire_len; /* fixed record length on the wire, 0 = variable */
	uint32_t records;  /* read through the whole record, while lean is LEAN_NOT_YET */
};

/* A flow template's records are read through a lean internal template of
 * their own once NP_IPFIX_LEAN_AFTER of them came: an exporter that sends a few
 * records (thousands of exporters, a flood of templates) costs no more
 * memory than before, one that streams gets the cheaper reading. */
enum { LEAN_NOT_YET, LEAN_MADE, LEAN_NONE };
#ifndef NP_IPFIX_LEAN_AFTER
#define NP_IPFIX_LEAN_AFTER 256 /* the fuzz build sets 2, to reach both ways */
#endif

struct domain_seq {
	uint32_t domain, next;
	bool known;
};

struct np_ipfix_decoder {
	struct np_ipfix_decoder *self; /* the template callback's context: &self */
	fbInfoModel_t *model;
	fbSession_t *session;                     /* this exporter's templates */
	np_exporter *ex;                          /* records and statistics go here */
	uint64_t templates;                       /* received since the session was made */
	uint16_t seen[NP_EXPORTER_MAX_TEMPLATES]; /* template IDs seen (note_template) */
	unsigned nseen;
	bool paired; /* the session has template pairs (pair_templates) */
	struct domain_seq seq[MAX_DOMAINS];
	unsigned nseq;
	/* The exporter's boot time from its options records (softflowd sends
	 * flowStart/EndSysUpTime in its flow records and
	 * systemInitTimeMilliseconds once, in an options record); 0: none yet. */
	uint64_t sys_init_ms;
};

static fbInfoElementSpec_t spec_named(const char *name)
{
	fbInfoElementSpec_t s = {(char *)name, 0, 0};
	return s;
}

static bool has_element(fbTemplate_t *t, const char *name)
{
	fbInfoElementSpec_t s = spec_named(name);
	return fbTemplateContainsElementByName(t, &s);
}

static void free_tmpl_info(void *tmpl_ctx, void *app_ctx)
{
	(void)app_ctx;
	free(tmpl_ctx);
}

static uint16_t wire_length(fbTemplate_t *t)
{
	uint32_t n = fbTemplateCountElements(t), len = 0;
	for (uint32_t i = 0; i < n; i++) {
		const fbInfoElement_t *ie = fbTemplateGetIndexedIE(t, i);
		if (!ie || ie->len == FB_IE_VARLEN)
			return 0;
		len += ie->len;
	}
	return len > 0 && len < 65536 ? (uint16_t)len : 0;
}

static bool note_template(np_ipfix_decoder *d, uint16_t tid);

static uint16_t internal_tid(uint8_t kind)
{
	return kind == KIND_FLOW ? NP_IPFIX_TID_REC : kind == KIND_TCP ? NP_IPFIX_TID_TCP : 0;
}

/* Template pairs tell libfixbuf which of our templates decodes YAF's
 * nested TCP records, and which templates to skip. Its table of pairs
 * costs 128 KB a session, so it is made only for an exporter that sends
 * such nested records (YAF); then every template it sent gets its pair.
 * Without pairs, top-level records are read with our record template
 * (the kind is checked after) and nested ones in their own layout. */
static void pair_templates(np_ipfix_decoder *d, fbSession_t *s, uint16_t tid, uint8_t kind)
{
	if (!d->paired && kind != KIND_TCP)
		return;
	if (!d->paired) {
		d->paired = true;
		for (unsigned i = 0; i < d->nseen; i++) {
			GError *e = NULL;
			fbTemplate_t *t = d->seen[i] == tid ? NULL : fbSessionGetTemplate(s, FALSE, d->seen[i], &e);
			g_clear_error(&e);
			const struct tmpl_info *info = t ? fbTemplateGetContext(t) : NULL;
			if (t)
				fbSessionAddTemplatePair(s, d->seen[i], internal_tid(info ? info->kind : KIND_SKIP));
		}
	}
	fbSessionAddTemplatePair(s, tid, internal_tid(kind));
}

static void on_new_template(fbSession_t *s, uint16_t tid, fbTemplate_t *t, void *app_ctx, void **tmpl_ctx,
			    fbTemplateCtxFree_fn *free_fn)
{
	np_ipfix_decoder *d = *(np_ipfix_decoder **)app_ctx; /* whose message is being read */
	if (!d)
		return;
	d->templates++;
	if (note_template(d, tid))
		d->ex->st.templates++; /* held now: a redefinition replaces one */
	struct tmpl_info *info = calloc(1, sizeof(*info));
	if (!info) {
		pair_templates(d, s, tid, KIND_SKIP);
		return;
	}
	info->wire_len = wire_length(t);
	info->v4 = has_element(t, "sourceIPv4Address");
	info->v6 = has_element(t, "sourceIPv6Address");
	info->biflow = has_element(t, "reversePacketTotalCount") || has_element(t, "reverseOctetTotalCount");
	bool flags = has_element(t, "initialTCPFlags") || has_element(t, "unionTCPFlags") ||
		     has_element(t, "tcpControlBits");
	if (fbTemplateGetOptionsScope(t) > 0)
		info->kind = KIND_SKIP;
	else if (info->v4 || info->v6)
		info->kind = KIND_FLOW;
	else if (flags)
		info->kind = KIND_TCP;
	info->top_flags = flags;
	/* A lean internal template goes under the flow template's own ID
	 * (internal and external IDs are apart), unless that ID is one of ours. */
	bool ours = tid == NP_IPFIX_TID_REC || tid == NP_IPFIX_TID_TCP || tid == NP_IPFIX_TID_FIXED;
	info->lean = info->kind == KIND_FLOW && !ours ? LEAN_NOT_YET : LEAN_NONE;
	*tmpl_ctx = info;
	*free_fn = free_tmpl_info;
	pair_templates(d, s, tid, info->kind);
}

/* libfixbuf reports through GLib's log; what matters is counted here, so
 * its messages (sequence warnings and the like) are not printed. */
static void quiet_log(const gchar *domain, GLogLevelFlags level, const gchar *msg, gpointer data)
{
	(void)domain;
	(void)level;
	(void)msg;
	(void)data;
}

/* One information model for every exporter (libfixbuf's holds every IANA
 * element: one per exporter would cost a few hundred KB each); it lives
 * while a decoder does. Elements unknown to it that exporters name are
 * added to it by libfixbuf. */
static fbInfoModel_t *shared_model;
static unsigned shared_model_users;

static fbInfoModel_t *model_take(void)
{
	if (!shared_model)
		shared_model = np_ipfix_model_new();
	shared_model_users++;
	return shared_model;
}

static void model_drop(void)
{
	if (shared_model_users && --shared_model_users == 0) {
		fbInfoModelFree(shared_model);
		shared_model = NULL;
	}
}

static void decoder_free(void *state);

/* Template IDs seen since the session was made, to count redefinitions. */
/* Whether tid is new to this exporter (a redefinition is counted). */
static bool note_template(np_ipfix_decoder *d, uint16_t tid)
{
	for (unsigned i = 0; i < d->nseen; i++)
		if (d->seen[i] == tid) {
			d->ex->st.template_changes++;
			return false;
		}
	if (d->nseen < NP_EXPORTER_MAX_TEMPLATES)
		d->seen[d->nseen++] = tid;
	return true;
}

fbSession_t *np_ipfix_reader_session(np_ipfix_decoder **current)
{
	g_log_set_default_handler(quiet_log, NULL);
	fbInfoModel_t *m = model_take();
	fbSession_t *s = fbSessionAlloc(m);
	GError *e = NULL;
	if (!np_ipfix_add_internal_templates(s, m, &e)) {
		g_clear_error(&e);
		fbSessionFree(s);
		model_drop();
		return NULL;
	}
	fbSessionAddNewTemplateCallback(s, on_new_template, current);
	return s;
}

void np_ipfix_reader_session_done(void)
{
	model_drop();
}

/* One buffer for every exporter: libfixbuf's buffer holds 64 KB, so each
 * exporter keeps only its session (templates) and the buffer is set on it
 * for the message being read. Between messages it rests on a session of
 * its own, so an exporter's session can go at any time. */
static fBuf_t *shared_fbuf;
static unsigned shared_fbuf_users;

static fBuf_t *fbuf_for(fbSession_t *s)
{
	GError *e = NULL;
	if (fBufGetSession(shared_fbuf) == s)
		return shared_fbuf; /* the same exporter as the message before */
	fBufSetSession(shared_fbuf, s);
	/* libfixbuf keeps its transcoding plans in the buffer, keyed by the
	 * templates' addresses, and forgets a template's plans only in the
	 * buffer its session names: without this, a template redefined (freed,
	 * and another allocated at its address) was read with the plan of the
	 * one before (softflowd's ICMP records read as another template's). */
	fbSessionSetTemplateBuffer(s, shared_fbuf);
	if (!fBufSetInternalTemplate(shared_fbuf, NP_IPFIX_TID_REC, &e)) {
		g_clear_error(&e);
		return NULL;
	}
	return shared_fbuf;
}

static fbSession_t *resting_session;
static np_ipfix_decoder *nobody; /* the resting session's readers: none */

static bool fbuf_take(void)
{
	if (!shared_fbuf) {
		resting_session = np_ipfix_reader_session(&nobody);
		if (!resting_session)
			return false;
		shared_fbuf = fBufAllocForCollection(resting_session, NULL);
		fBufSetAutomaticMode(shared_fbuf, FALSE);
	}
	shared_fbuf_users++;
	return true;
}

/* An exporter's session is about to go: the buffer leaves it. */
static void fbuf_leave(fbSession_t *leaving)
{
	if (fBufGetSession(shared_fbuf) == leaving)
		fBufSetSession(shared_fbuf, resting_session);
}

/* One user fewer (the buffer goes with the last). */
static void fbuf_drop(void)
{
	if (--shared_fbuf_users == 0) {
		fBufSetSession(shared_fbuf, resting_session);
		fBufFree(shared_fbuf); /* and its session */
		shared_fbuf = NULL;
		resting_session = NULL;
		np_ipfix_reader_session_done();
	}
}

/* The session (templates), made afresh in d. */
static bool session_open(np_ipfix_decoder *d)
{
	if (!fbuf_take())
		return false;
	d->session = np_ipfix_reader_session(&d->self);
	if (!d->session) {
		fbuf_drop();
		return false;
	}
	d->model = shared_model;
	d->templates = 0;
	d->nseq = 0;
	d->sys_init_ms = 0;
	return true;
}

static void session_close(np_ipfix_decoder *d)
{
	if (d->session) {
		fbuf_leave(d->session);
		fbSessionFree(d->session); /* its templates' plans leave the buffer */
		fbuf_drop();
		model_drop();
	}
	d->nseen = 0;
	d->paired = false;
	d->session = NULL;
	d->model = NULL;
}

np_ipfix_decoder *np_ipfix_reader_new(np_exporter *ex)
{
	np_ipfix_decoder *d = calloc(1, sizeof(*d));
	if (d) {
		d->self = d;
		d->ex = ex;
	}
	return d;
}

void np_ipfix_reader_free(np_ipfix_decoder *d)
{
	decoder_free(d);
}

uint64_t np_ipfix_reader_templates(const np_ipfix_decoder *d)
{
	return d->templates;
}

void np_ipfix_reader_forget(np_ipfix_decoder *d)
{
	d->templates = 0;
	d->nseen = 0;
	d->paired = false;
	d->ex->st.templates = 0;
}

static void decoder_free(void *state)
{
	np_ipfix_decoder *d = state;
	if (!d)
		return;
	session_close(d);
	free(d);
}

static void *decoder_new(np_exporter *ex)
{
	np_ipfix_decoder *d = np_ipfix_reader_new(ex);
	if (!d)
		return NULL;
	if (!session_open(d)) {
		decoder_free(d);
		return NULL;
	}
	return d;
}

/* Templates past the bound: libfixbuf keeps every template it is sent, so
 * the exporter's session is dropped and made afresh (its templates are
 * learnt again from the next refresh). False when that fails. */
static bool bound_templates(np_ipfix_decoder *d)
{
	if (d->session && d->templates <= NP_EXPORTER_MAX_TEMPLATES)
		return true;
	d->ex->st.refused += d->templates;
	d->ex->st.templates = 0;
	session_close(d);
	return session_open(d);
}

/* YAF's nested TCP flags, if the record has them. */
static bool nested_flags(np_ipfix_rec *r)
{
	bool found = false;
	fbSubTemplateMultiListEntry_t *e = NULL;
	while ((e = fbSubTemplateMultiListGetNextEntry(&r->stml, e)) != NULL) {
		if (e->tmplID != NP_IPFIX_TID_TCP)
			continue;
		np_ipfix_tcp_rec *t = fbSubTemplateMultiListEntryNextDataPtr(e, NULL);
		if (!t)
			continue;
		r->init_flags = t->init_flags;
		r->union_flags = t->union_flags;
		r->rev_init_flags = t->rev_init_flags;
		r->rev_union_flags = t->rev_union_flags;
		found = true;
	}
	return found;
}

static void deliver(np_ipfix_decoder *d, np_ipfix_rec *r, const struct tmpl_info *info)
{
	bool flags = info->top_flags;
	if (nested_flags(r))
		flags = true;
	int family = info->v6 && (!info->v4 || r->sip4 == 0) ? 6 : 4;
	np_flow f;
	np_ipfix_rec_to_flow(r, family, &f);
	if (!flags || f.key.proto != 6) {
		f.fwd.initial_flags = f.fwd.session_flags = 0;
		f.rev.initial_flags = f.rev.session_flags = 0;
		flags = false;
	}
	/* An inner record of `flows --decap`: its tunnel beside it (a uniflow
	 * one keeps it while it waits for its partner: source.c). */
	np_flow_tunnel tun;
	bool tunnelled = np_ipfix_rec_tunnel(r, &tun);
	d->ex->src->tun = tunnelled ? &tun : NULL;
	np_exporter_record(d->ex, &f, flags, !info->biflow);
	d->ex->src->tun = NULL;
}

/* Data records in a message, from its sets' lengths; -1 when a set's
 * template is unknown or of variable length. Templates are the session's
 * after the message was decoded. */
static long count_data_records(np_ipfix_decoder *d, const uint8_t *msg, const uint8_t *end)
{
	long n = 0;
	const uint8_t *p = msg + IPFIX_HEADER_LEN;
	fbSession_t *s = d->session;
	while (np_has(p, end, 4)) {
		uint16_t id = 0, len = 0;
		np_get_be16(p, end, &id);
		np_get_be16(p + 2, end, &len);
		if (len < 4 || !np_has(p, end, len))
			return -1;
		if (id >= 256) {
			GError *e = NULL;
			fbTemplate_t *t = fbSessionGetTemplate(s, FALSE, id, &e);
			g_clear_error(&e);
			const struct tmpl_info *info = t ? fbTemplateGetContext(t) : NULL;
			if (!t)
				d->ex->st.no_template++;
			if (!info || info->wire_len == 0)
				return -1;
			n += (len - 4) / info->wire_len;
		}
		p += len;
	}
	return n;
}

static void check_sequence(np_ipfix_decoder *d, uint32_t domain, uint32_t seq, long records)
{
	struct domain_seq *ds = NULL;
	for (unsigned i = 0; i < d->nseq; i++)
		if (d->seq[i].domain == domain)
			ds = &d->seq[i];
	if (!ds) {
		if (d->nseq == MAX_DOMAINS)
			return;
		ds = &d->seq[d->nseq++];
		ds->domain = domain;
	}
	if (ds->known) {
		uint32_t gap = seq - ds->next;
		if (gap != 0 && gap < 0x80000000u) /* behind: reordered or restarted, not lost */
			d->ex->st.gaps += gap;
	}
	ds->known = records >= 0;
	ds->next = seq + (uint32_t)(records >= 0 ? records : 0);
}

/* Whether a template ID names a template withdrawn, or defined without
 * fields or with fields of length 0 only, earlier in this message or in
 * the session: libfixbuf keeps such a template, and reading a data set
 * with it never ends (its records have no length). */
static bool template_is_empty(np_ipfix_decoder *d, uint16_t tid, const uint16_t *emptied, const uint16_t *defined,
			      unsigned n_emptied, unsigned n_defined)
{
	for (unsigned i = n_defined; i-- > 0;)
		if (defined[i] == tid)
			return false;
	for (unsigned i = 0; i < n_emptied; i++)
		if (emptied[i] == tid)
			return true;
	GError *e = NULL;
	fbTemplate_t *t = fbSessionGetTemplate(d->session, FALSE, tid, &e);
	g_clear_error(&e);
	if (!t)
		return true; /* no template yet: libfixbuf 2.4.1 can crash on such a set after odd templates */
	uint32_t n = fbTemplateCountElements(t);
	for (uint32_t i = 0; i < n; i++) {
		const fbInfoElement_t *ie = fbTemplateGetIndexedIE(t, i);
		if (ie && ie->len > 0)
			return false; /* a varlen field takes at least its length byte */
	}
	return true;
}

/* The message (header checked) into out without the data sets of empty or
 * unknown templates (counted as data before their template), and cut at a set
 * that runs past the message (counted malformed). Returns the new length. */
static uint16_t drop_unreadable_sets(np_ipfix_decoder *d, const uint8_t *msg, uint16_t mlen, uint8_t *out, bool *cut)
{
	enum { MAX_TRACK = 256 };
	uint16_t emptied[MAX_TRACK], defined[MAX_TRACK];
	unsigned n_emptied = 0, n_defined = 0;
	const uint8_t *end = msg + mlen, *p = msg + IPFIX_HEADER_LEN;
	size_t olen = IPFIX_HEADER_LEN;
	memcpy(out, msg, IPFIX_HEADER_LEN);
	while (np_has(p, end, 4)) {
		uint16_t id = 0, len = 0;
		np_get_be16(p, end, &id);
		np_get_be16(p + 2, end, &len);
		if (len < 4 || !np_has(p, end, len)) {
			*cut = true;
			break;
		}
		if (id == 2 || id == 3) { /* template records: [tid][count] then fields */
			const uint8_t *t = p + 4, *tend = p + len;
			uint16_t tid = 0, count = 0;
			while (np_get_be16(t, tend, &tid) && np_get_be16(t + 2, tend, &count) && tid >= 256) {
				if (count == 0)
					d->ex->st.template_changes++; /* a withdrawal */
				size_t flen = 4 + (id == 3 ? 2 : 0);  /* options templates: scope count */
				uint32_t min_len = 0;                 /* a record's least length: 0 = unreadable */
				for (uint16_t f = 0; f < count && np_has(t + flen, tend, 4); f++) {
					uint16_t ie = 0, ielen = 0;
					np_get_be16(t + flen, tend, &ie);
					np_get_be16(t + flen + 2, tend, &ielen);
					min_len += ielen == 65535 ? 1 : ielen;
					flen += ie & 0x8000 ? 8 : 4;
				}
				if (min_len == 0 && n_emptied < MAX_TRACK)
					emptied[n_emptied++] = tid;
				else if (min_len > 0 && n_defined < MAX_TRACK)
					defined[n_defined++] = tid;
				t += flen;
			}
			/* What follows the last template record may only be zero
			 * padding: a record with an ID below 256 is malformed, and
			 * libfixbuf 2.4.1 takes it and later crashes (fuzz_netflow
			 * found it), so the whole set is left out. */
			bool padding = true;
			for (const uint8_t *z = t; z < tend && padding; z++)
				padding = *z == 0;
			if (!padding) {
				d->ex->st.malformed++;
				p += len;
				continue;
			}
		} else if (id >= 256 && template_is_empty(d, id, emptied, defined, n_emptied, n_defined)) {
			d->ex->st.no_template++;
			p += len;
			continue;
		}
		memcpy(out + olen, p, len);
		olen += len;
		p += len;
	}
	out[2] = (uint8_t)(olen >> 8);
	out[3] = (uint8_t)olen;
	return (uint16_t)olen;
}

/* The end of the message, or an error (counted, with err) when libfixbuf
 * refused it. */
static int read_stopped(np_ipfix_decoder *d, GError *e, char *err, size_t errlen)
{
	int rc = 0;
	bool done = g_error_matches(e, FB_ERROR_DOMAIN, FB_ERROR_EOM) ||
		    g_error_matches(e, FB_ERROR_DOMAIN, FB_ERROR_BUFSZ) ||
		    g_error_matches(e, FB_ERROR_DOMAIN, FB_ERROR_EOF);
	if (!done) {
		d->ex->st.malformed++;
		snprintf(err, errlen, "bad IPFIX message: %s", e ? e->message : "refused");
		rc = -1;
	}
	g_clear_error(&e);
	return rc;
}

/* The internal template for the next record: its template's lean one, or
 * the whole record. libfixbuf looks a template up again only when its ID
 * changes, so at a message's first record (the session may have changed:
 * another exporter, another v9 source) it is made to look up twice. */
static bool set_internal(fBuf_t *fbuf, uint16_t want, bool first)
{
	GError *e = NULL;
	if (!first && fBufGetInternalTemplate(fbuf) == want)
		return true;
	if (first)
		fBufSetInternalTemplate(fbuf, NP_IPFIX_TID_TCP, &e);
	g_clear_error(&e);
	if (fBufSetInternalTemplate(fbuf, want, &e))
		return true;
	g_clear_error(&e);
	return false;
}

/* Whether the next record (of template ext, ID tid) is read through its
 * lean template, made once NP_IPFIX_LEAN_AFTER records came. */
static bool use_lean(fBuf_t *fbuf, fbTemplate_t *ext, uint16_t tid, struct tmpl_info *info)
{
	if (!info || info->lean == LEAN_NONE)
		return false;
	if (info->lean == LEAN_NOT_YET) {
		if (++info->records < NP_IPFIX_LEAN_AFTER)
			return false;
		fbSession_t *s = fBufGetSession(fbuf);
		GError *e = NULL;
		info->lean =
			np_ipfix_add_lean_template(s, fbSessionGetInfoModel(s), tid, ext, &e) ? LEAN_MADE : LEAN_NONE;
		g_clear_error(&e);
	}
	return info->lean == LEAN_MADE;
}

/* The records of the message in fbuf, up to its end. */
int np_ipfix_reader_read(np_ipfix_decoder *d, fBuf_t *fbuf, char *err, size_t errlen)
{
	for (bool first = true;; first = false) {
		np_ipfix_rec r;
		size_t rlen = sizeof(r);
		GError *e = NULL;
		uint16_t ext_tid = 0;
		fbTemplate_t *ext = fBufNextCollectionTemplate(fbuf, &ext_tid, &e);
		if (!ext)
			return read_stopped(d, e, err, errlen);
		struct tmpl_info *info = fbTemplateGetContext(ext);
		bool lean = use_lean(fbuf, ext, ext_tid, info) && set_internal(fbuf, ext_tid, first);
		if (!lean && !set_internal(fbuf, NP_IPFIX_TID_REC, first)) {
			d->ex->st.refused++;
			snprintf(err, errlen, "out of memory");
			return -1;
		}
		/* not cleared first: a record fBufNext gives has every element of
		 * the internal template (and so every byte of r it covers)
		 * written, those the message lacks as zeros; a lean one covers
		 * the fixed part, and the rest is cleared here */
		if (!fBufNext(fbuf, (uint8_t *)&r, &rlen, &e))
			return read_stopped(d, e, err, errlen);
		if (lean)
			memset((uint8_t *)&r + NP_IPFIX_FIXED_LEN, 0, sizeof(r) - NP_IPFIX_FIXED_LEN);
		if (info && info->kind == KIND_SKIP && r.sys_init_ms)
			d->sys_init_ms = r.sys_init_ms;
		if (info && info->kind == KIND_FLOW) {
			if (!r.sys_init_ms)
				r.sys_init_ms = d->sys_init_ms; /* uptimes become times (np_ipfix_rec_to_flow) */
			deliver(d, &r, info);
		}
		if (!lean)
			fbSubTemplateMultiListClear(&r.stml);
	}
}

/* One whole message. Returns 0, or -1 with the reason in err (records
 * before the fault handed on; the decoder stays usable). */
static int decode_message(np_ipfix_decoder *d, const uint8_t *msg, size_t len, char *err, size_t errlen)
{
	const uint8_t *end = msg + len;
	uint16_t version = 0, mlen = 0;
	uint32_t seq = 0, domain = 0;
	if (!np_get_be16(msg, end, &version) || !np_get_be16(msg + 2, end, &mlen) || !np_get_be32(msg + 8, end, &seq) ||
	    !np_get_be32(msg + 12, end, &domain)) {
		d->ex->st.malformed++;
		snprintf(err, errlen, "IPFIX message cut short (%zu bytes)", len);
		return -1;
	}
	if (version != IPFIX_VERSION || mlen < IPFIX_HEADER_LEN || mlen > len) {
		d->ex->st.malformed++;
		snprintf(err, errlen, "not an IPFIX message (version %u, length %u of %zu bytes)", version, mlen, len);
		return -1;
	}
	/* libfixbuf takes the buffer as writable: it gets our copy, without
	 * the data sets it must not see. */
	static _Thread_local uint8_t copy[65536];
	bool cut = false;
	mlen = drop_unreadable_sets(d, msg, mlen, copy, &cut);
	msg = copy;
	fBuf_t *fbuf = fbuf_for(d->session);
	if (!fbuf) {
		d->ex->st.refused++;
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	fBufSetBuffer(fbuf, copy, mlen);
	int rc = np_ipfix_reader_read(d, fbuf, err, errlen);
	d->ex->st.messages++;
	if (rc == 0 && cut) {
		d->ex->st.malformed++;
		snprintf(err, errlen, "bad IPFIX message: a set runs past the message's end");
		rc = -1;
	}
	if (rc == 0)
		check_sequence(d, domain, seq, count_data_records(d, msg, msg + mlen));
	return rc;
}

static void ipfix_decode(void *state, np_exporter *ex, const uint8_t *msg, size_t len)
{
	char err[200];
	(void)ex;
	np_ipfix_decoder *d = state;
	if (bound_templates(d))
		decode_message(d, msg, len, err, sizeof(err));
}

/* Over TCP: the header's length field. */
static size_t ipfix_message_length(const uint8_t *head, size_t n)
{
	uint16_t version, len;
	if (!np_get_be16(head, head + n, &version) || !np_get_be16(head + 2, head + n, &len))
		return 0;
	return version == IPFIX_VERSION && len >= IPFIX_HEADER_LEN ? len : 0;
}

const np_msg_decoder np_msg_ipfix = {10, "IPFIX", decoder_new, decoder_free, ipfix_decode, ipfix_message_length};

/* ---- files ------------------------------------------------------------------------------ */

static bool ipfix_probe(const uint8_t *head, size_t n)
{
	return ipfix_message_length(head, n) != 0;
}

static int ipfix_open(np_flowsrc *s, const char *spec, char *err, size_t errlen)
{
	(void)spec;
	(void)err;
	(void)errlen;
	s->state = NULL;
	s->fd = -1;
	return 0;
}

/* Message by message, each bounded by its own length field. */
static int read_messages(FILE *fp, const char *path, np_ipfix_decoder *d, uint8_t *buf, char *err, size_t errlen)
{
	uint64_t offset = 0;
	for (;;) {
		size_t got = fread(buf, 1, IPFIX_HEADER_LEN, fp);
		if (got == 0 && !ferror(fp))
			return 0; /* the end, between messages */
		size_t mlen = ipfix_message_length(buf, got);
		if (got < IPFIX_HEADER_LEN || mlen == 0) {
			if (ferror(fp))
				snprintf(err, errlen, "%s: %s", path, strerror(errno));
			else if (got < IPFIX_HEADER_LEN)
				snprintf(err, errlen, "%s: cut off at byte %llu (in a message header)", path,
					 (unsigned long long)offset + got);
			else
				snprintf(err, errlen, "%s: not an IPFIX message at byte %llu", path,
					 (unsigned long long)offset);
			return -1;
		}
		size_t body = fread(buf + IPFIX_HEADER_LEN, 1, mlen - IPFIX_HEADER_LEN, fp);
		if (body < mlen - IPFIX_HEADER_LEN) {
			snprintf(err, errlen, "%s: cut off at byte %llu (in a message of %zu bytes at byte %llu)", path,
				 (unsigned long long)offset + IPFIX_HEADER_LEN + body, mlen,
				 (unsigned long long)offset);
			return -1;
		}
		char merr[200];
		if (!bound_templates(d)) {
			snprintf(err, errlen, "%s: out of memory", path);
			return -1;
		}
		if (decode_message(d, buf, mlen, merr, sizeof(merr)) < 0) {
			snprintf(err, errlen, "%s: at byte %llu: %s", path, (unsigned long long)offset, merr);
			return -1;
		}
		offset += mlen;
	}
}

static int ipfix_read(np_flowsrc *s, char *err, size_t errlen)
{
	s->at_end = true;
	np_exporter *ex = np_flowsrc_exporter(s, s->name);
	FILE *fp = s->in;
	np_ipfix_decoder *d = ex ? np_exporter_decoder_state(ex, &np_msg_ipfix) : NULL;
	uint8_t *buf = malloc(65536);
	int rc = -1;
	if (!d || !buf)
		snprintf(err, errlen, "%s: out of memory", s->name);
	else
		rc = read_messages(fp, s->name, d, buf, err, errlen);
	free(buf);
	return rc;
}

const struct np_flowsrc_ops np_flowsrc_ipfix = {"ipfix-file", ipfix_probe, NULL, ipfix_open, ipfix_read, NULL};
