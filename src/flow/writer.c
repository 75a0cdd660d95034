/*
 * writer.c - text, CSV and JSON flow output (see writer.h).
 *
 * One table names the fields; each format walks the chosen list and asks
 * one function for each field's value, so a field is defined once.
 */
#include "writer.h"

#include "../decode/services.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

enum field {
	F_SIP,
	F_DIP,
	F_SPORT,
	F_DPORT,
	F_PROTO,
	F_PACKETS,
	F_BYTES,
	F_FLAGS,
	F_INITFLAGS,
	F_SESSFLAGS,
	F_STIME,
	F_ETIME,
	F_DURATION,
	F_ENDREASON,
	F_APPLICATION,
	F_VLAN,
	F_TUNNELTYPE,
	F_TUNNELSIP,
	F_TUNNELDIP,
	F_TUNNELID,
	F_TUNNELDEPTH,
	F_COUNT
};

struct field_def {
	const char *name; /* SiLK's name: CSV header, JSON key, --fields */
	const char *text; /* text header */
	int width;        /* text column width */
	bool numeric;     /* JSON: bare number */
	bool per_dir;     /* has a reverse counterpart */
	bool tunnel;      /* of the tunnel an inner flow came through (flow/decap.h) */
};

static const struct field_def defs[F_COUNT] = {
	[F_SIP] = {"sIP", "SIP", 15, false, false},
	[F_DIP] = {"dIP", "DIP", 15, false, false},
	[F_SPORT] = {"sPort", "SPORT", 5, true, false},
	[F_DPORT] = {"dPort", "DPORT", 5, true, false},
	[F_PROTO] = {"protocol", "PROTOCOL", 8, true, false},
	[F_PACKETS] = {"packets", "PACKETS", 8, true, true},
	[F_BYTES] = {"bytes", "BYTES", 10, true, true},
	[F_FLAGS] = {"flags", "FLAGS", 8, false, true},
	[F_INITFLAGS] = {"initialFlags", "INITIALFLAGS", 12, false, true},
	[F_SESSFLAGS] = {"sessionFlags", "SESSIONFLAGS", 12, false, true},
	[F_STIME] = {"sTime", "STIME", 23, false, true},
	[F_ETIME] = {"eTime", "ETIME", 23, false, true},
	[F_DURATION] = {"duration", "DUR", 9, true, true},
	[F_ENDREASON] = {"endReason", "ENDREASON", 9, false, false},
	[F_APPLICATION] = {"application", "APPLICATION", 11, false, false},
	[F_VLAN] = {"vlan", "VLAN", 4, true, false},
	[F_TUNNELTYPE] = {"tunnelType", "TUNNEL", 6, false, false, true},
	[F_TUNNELSIP] = {"tunnelSIP", "TUNNELSIP", 15, false, false, true},
	[F_TUNNELDIP] = {"tunnelDIP", "TUNNELDIP", 15, false, false, true},
	[F_TUNNELID] = {"tunnelId", "TUNNELID", 8, true, false, true},
	[F_TUNNELDEPTH] = {"tunnelDepth", "DEPTH", 5, true, false, true},
};

/* Text: the seed article's columns. CSV and JSON: the SiLK fields a
 * profiler needs to read the records back, handshake flags included. */
static const int default_text_fields[] = {F_SIP,     F_DIP,   F_SPORT, F_DPORT, F_PROTO,
					  F_PACKETS, F_BYTES, F_FLAGS, F_STIME, F_DURATION};
static const int default_record_fields[] = {F_SIP,   F_DIP,       F_SPORT,     F_DPORT, F_PROTO, F_PACKETS, F_BYTES,
					    F_FLAGS, F_INITFLAGS, F_SESSFLAGS, F_STIME, F_ETIME, F_DURATION};

const char *np_flow_field_names(void)
{
	return "sIP dIP sPort dPort protocol packets bytes flags initialFlags sessionFlags sTime eTime "
	       "duration endReason application vlan tunnelType tunnelSIP tunnelDIP tunnelId tunnelDepth";
}

static int field_by_name(const char *name, size_t len)
{
	for (int i = 0; i < F_COUNT; i++)
		if (strlen(defs[i].name) == len && strncasecmp(defs[i].name, name, len) == 0)
			return i;
	return -1;
}

int np_flow_writer_init(np_flow_writer *w, np_out *out, int format, bool uniflow, const char *fields, char *bad)
{
	memset(w, 0, sizeof(*w));
	w->out = out;
	w->format = format;
	w->uniflow = uniflow;
	if (!fields && format == NP_FLOW_TEXT) {
		w->nfields = (int)(sizeof(default_text_fields) / sizeof(default_text_fields[0]));
		memcpy(w->fields, default_text_fields, sizeof(default_text_fields));
		return 0;
	}
	if (!fields) {
		w->nfields = (int)(sizeof(default_record_fields) / sizeof(default_record_fields[0]));
		memcpy(w->fields, default_record_fields, sizeof(default_record_fields));
		return 0;
	}
	const char *p = fields;
	while (*p) {
		size_t len = strcspn(p, ", ");
		if (len) {
			int f = field_by_name(p, len);
			if (f < 0 || w->nfields == NP_FLOW_MAX_FIELDS) {
				snprintf(bad, 64, "%.*s", (int)len, p);
				return -1;
			}
			w->fields[w->nfields++] = f;
		}
		p += len;
		p += strspn(p, ", ");
	}
	return w->nfields ? 0 : -1;
}

void np_flow_writer_add_tunnel_fields(np_flow_writer *w)
{
	static const int text[] = {F_TUNNELTYPE, F_TUNNELSIP, F_TUNNELDIP};
	static const int record[] = {F_TUNNELTYPE, F_TUNNELSIP, F_TUNNELDIP, F_TUNNELID, F_TUNNELDEPTH};
	const int *add = w->format == NP_FLOW_TEXT ? text : record;
	int n = w->format == NP_FLOW_TEXT ? 3 : 5;
	for (int i = 0; i < n && w->nfields < NP_FLOW_MAX_FIELDS; i++)
		w->fields[w->nfields++] = add[i];
}

/* One direction's view of a flow, so every field is written once. */
struct view {
	const np_flow *f;
	const uint8_t *sip, *dip;
	uint16_t sport, dport;
	const np_flow_dir *d;
	const np_flow_tunnel *tun; /* an inner flow's tunnel, or NULL */
};

static void put_addr(np_out *o, const np_flow *f, const uint8_t *a)
{
	if (f->key.family == 4)
		out_ipv4(o, a);
	else
		out_ipv6(o, a);
}

/* SiLK's rwcut form in text, ISO 8601 UTC in CSV/JSON; milliseconds. */
static void put_time(np_out *o, int64_t us, bool iso)
{
	/* Flows end many to a day: the date is formatted once a day, the time
	 * of day is arithmetic. Division rounds down, so times before 1970
	 * (never from a capture) still come out right. */
	static _Thread_local int64_t day_start_ms = 1, day_end_ms = 0;
	static _Thread_local char date[2][32];
	static _Thread_local size_t date_len[2];
	int64_t ms = us >= 0 ? us / 1000 : -((-us + 999) / 1000);
	if (ms < day_start_ms || ms >= day_end_ms) {
		int64_t sec = ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000);
		int64_t day = sec >= 0 ? sec / 86400 : -((-sec + 86399) / 86400);
		time_t s = (time_t)(day * 86400);
		struct tm tm;
		if (!gmtime_r(&s, &tm) || !strftime(date[0], sizeof(date[0]), "%Y/%m/%dT", &tm) ||
		    !strftime(date[1], sizeof(date[1]), "%Y-%m-%dT", &tm))
			date[0][0] = date[1][0] = '\0';
		date_len[0] = strlen(date[0]);
		date_len[1] = strlen(date[1]);
		day_start_ms = day * 86400000;
		day_end_ms = day_start_ms + 86400000;
	}
	/* Then hh:mm:ss.mmm, written straight into the buffer. */
	uint32_t in_day = (uint32_t)(ms - day_start_ms), tod = in_day / 1000;
	size_t n = date_len[iso];
	out_reserve(o, n + 14);
	char *p = o->buf + o->len;
	memcpy(p, date[iso], n);
	p += n;
	uint32_t msec = in_day % 1000, parts[3] = {tod / 3600, tod / 60 % 60, tod % 60};
	for (int i = 0; i < 3; i++) {
		memcpy(p, np_out_pairs + parts[i] * 2, 2);
		p[2] = i < 2 ? ':' : '.';
		p += 3;
	}
	*p++ = (char)('0' + msec / 100);
	memcpy(p, np_out_pairs + msec % 100 * 2, 2);
	p += 2;
	if (iso)
		*p++ = 'Z';
	o->len = (size_t)(p - o->buf);
}

/* The tunnel's fields: empty for a flow of the outer view ("-" in text,
 * where an empty column would shift the others). */
static void put_tunnel_field(np_out *o, const np_flow_tunnel *t, int field, bool iso)
{
	if (!t) {
		if (!iso)
			out_char(o, '-');
		return;
	}
	switch (field) {
	case F_TUNNELTYPE: out_str(o, np_tunnel_name(t->kind)); break;
	case F_TUNNELSIP: t->family == 4 ? out_ipv4(o, t->src) : out_ipv6(o, t->src); break;
	case F_TUNNELDIP: t->family == 4 ? out_ipv4(o, t->dst) : out_ipv6(o, t->dst); break;
	case F_TUNNELID: out_u32(o, t->id); break;
	case F_TUNNELDEPTH: out_u32(o, t->depth); break;
	}
}

/* SiLK's letters, straight into the buffer. */
static void put_flags(np_out *o, uint8_t flags)
{
	out_reserve(o, 8);
	o->len += np_tcp_flags_put(flags, o->buf + o->len);
}

static void put_field(np_out *o, const struct view *v, int field, bool iso)
{
	const np_flow_dir *d = v->d;
	if (defs[field].tunnel) {
		put_tunnel_field(o, v->tun, field, iso);
		return;
	}
	switch (field) {
	case F_SIP: put_addr(o, v->f, v->sip); break;
	case F_DIP: put_addr(o, v->f, v->dip); break;
	case F_SPORT: out_u32(o, v->sport); break;
	case F_DPORT: out_u32(o, v->dport); break;
	case F_PROTO: out_u32(o, v->f->key.proto); break;
	case F_PACKETS: out_u32(o, d->packets); break;
	case F_BYTES: out_u64(o, d->bytes); break;
	case F_FLAGS:
		if (v->f->key.proto == 6)
			put_flags(o, d->initial_flags | d->session_flags);
		break;
	case F_INITFLAGS:
		if (v->f->key.proto == 6)
			put_flags(o, d->initial_flags);
		break;
	case F_SESSFLAGS:
		if (v->f->key.proto == 6)
			put_flags(o, d->session_flags);
		break;
	case F_STIME: put_time(o, d->first_us, iso); break;
	case F_ETIME: put_time(o, d->last_us, iso); break;
	case F_DURATION: {
		int64_t ms = (d->last_us - d->first_us) / 1000;
		out_i64(o, ms / 1000);
		out_char(o, '.');
		out_u32_pad(o, (uint32_t)(ms % 1000), 3);
		break;
	}
	case F_ENDREASON: out_str(o, np_flow_end_name(v->f->end_reason)); break;
	case F_APPLICATION: {
		const char *name = np_service_name(v->f->app);
		if (name)
			out_str(o, name);
		break;
	}
	case F_VLAN: out_u32(o, v->f->key.vlan); break;
	}
}

static struct view forward_view(const np_flow *f, const np_flow_tunnel *t)
{
	struct view v = {f, f->key.src, f->key.dst, f->key.sport, f->key.dport, &f->fwd, t};
	return v;
}

static struct view reverse_view(const np_flow *f, const np_flow_tunnel *t)
{
	struct view v = {f, f->key.dst, f->key.src, f->key.dport, f->key.sport, &f->rev, t};
	return v;
}

/* ---- text ---------------------------------------------------------------- */

static void pad(np_out *o, size_t written, int width)
{
	for (size_t i = written; i < (size_t)width; i++)
		out_char(o, ' ');
}

static void text_header(np_flow_writer *w)
{
	for (int i = 0; i < w->nfields; i++) {
		const struct field_def *d = &defs[w->fields[i]];
		if (i)
			out_char(w->out, ' ');
		out_str(w->out, d->text);
		if (i + 1 < w->nfields)
			pad(w->out, strlen(d->text), d->width);
	}
	out_char(w->out, '\n');
}

static void text_line(np_flow_writer *w, const struct view *v)
{
	/* The padding measures each field by the buffer's length: no flush
	 * may fall inside the line (a field is at most 64 bytes, padded). */
	out_reserve(w->out, (size_t)w->nfields * 64 + 1);
	for (int i = 0; i < w->nfields; i++) {
		if (i)
			out_char(w->out, ' ');
		size_t before = w->out->len;
		put_field(w->out, v, w->fields[i], false);
		if (i + 1 < w->nfields)
			pad(w->out, w->out->len - before, defs[w->fields[i]].width);
	}
	out_char(w->out, '\n');
}

/* ---- CSV and JSON -------------------------------------------------------- */

static void csv_header(np_flow_writer *w)
{
	for (int i = 0; i < w->nfields; i++) {
		if (i)
			out_char(w->out, ',');
		out_str(w->out, defs[w->fields[i]].name);
	}
	if (!w->uniflow)
		for (int i = 0; i < w->nfields; i++)
			if (defs[w->fields[i]].per_dir) {
				const char *n = defs[w->fields[i]].name;
				out_fmt(w->out, ",reverse%c%s", n[0] - 'a' + 'A', n + 1);
			}
	out_char(w->out, '\n');
}

static void csv_record(np_flow_writer *w, const struct view *v, const struct view *rev)
{
	for (int i = 0; i < w->nfields; i++) {
		if (i)
			out_char(w->out, ',');
		put_field(w->out, v, w->fields[i], true);
	}
	if (rev)
		for (int i = 0; i < w->nfields; i++)
			if (defs[w->fields[i]].per_dir) {
				out_char(w->out, ',');
				if (rev->d->packets)
					put_field(w->out, rev, w->fields[i], true);
			}
	out_char(w->out, '\n');
}

static void json_member(np_flow_writer *w, const char *prefix, int field, const struct view *v, bool *first)
{
	const struct field_def *d = &defs[field];
	out_str(w->out, *first ? "{\"" : ",\"");
	*first = false;
	if (*prefix) {
		out_str(w->out, prefix);
		out_char(w->out, (char)(d->name[0] - 'a' + 'A'));
		out_str(w->out, d->name + 1);
	} else {
		out_str(w->out, d->name);
	}
	out_str(w->out, "\":");
	if (!d->numeric)
		out_char(w->out, '"');
	put_field(w->out, v, field, true);
	if (!d->numeric)
		out_char(w->out, '"');
}

static void json_record(np_flow_writer *w, const struct view *v, const struct view *rev)
{
	bool first = true;
	/* A flow of the outer view has no tunnel members at all. */
	for (int i = 0; i < w->nfields; i++)
		if (v->tun || !defs[w->fields[i]].tunnel)
			json_member(w, "", w->fields[i], v, &first);
	if (rev && rev->d->packets)
		for (int i = 0; i < w->nfields; i++)
			if (defs[w->fields[i]].per_dir)
				json_member(w, "reverse", w->fields[i], rev, &first);
	out_str(w->out, "}\n");
}

void np_flow_writer_write(np_flow_writer *w, const np_flow *f)
{
	np_flow_writer_write_inner(w, f, NULL);
}

void np_flow_writer_write_inner(np_flow_writer *w, const np_flow *f, const np_flow_tunnel *t)
{
	if (!w->header_done) {
		if (w->format == NP_FLOW_TEXT)
			text_header(w);
		else if (w->format == NP_FLOW_CSV)
			csv_header(w);
		w->header_done = true;
	}
	struct view fv = forward_view(f, t), rv = reverse_view(f, t);
	bool has_rev = f->rev.packets > 0;
	if (w->format == NP_FLOW_TEXT) {
		text_line(w, &fv);
		if (has_rev)
			text_line(w, &rv);
	} else if (w->uniflow) {
		void (*rec)(np_flow_writer *, const struct view *, const struct view *) =
			w->format == NP_FLOW_CSV ? csv_record : json_record;
		rec(w, &fv, NULL);
		if (has_rev)
			rec(w, &rv, NULL);
	} else if (w->format == NP_FLOW_CSV) {
		csv_record(w, &fv, &rv);
	} else {
		json_record(w, &fv, &rv);
	}
}

/* ---- many at once, on two threads ---------------------------------------- */

/* The flows are cut in parts of PART; a helper thread formats the odd
 * parts into a buffer of its own while this thread formats the even ones
 * into the output and appends each odd part after the even one before it,
 * so the text is what np_flow_writer_write would give, in order. */
#define PART 512

struct helper {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	np_flow_writer w; /* a copy of the caller's, writing into buf */
	np_out buf;
	const np_flow *const *flows;
	size_t n;
	bool ready; /* buf holds the next odd part */
};

static void write_part(np_flow_writer *w, const np_flow *const *flows, size_t n, size_t part)
{
	for (size_t i = part * PART; i < n && i < (part + 1) * PART; i++)
		np_flow_writer_write_inner(w, flows[i], NULL);
}

static void *helper_main(void *arg)
{
	struct helper *h = arg;
	for (size_t part = 1; part * PART < h->n; part += 2) {
		write_part(&h->w, h->flows, h->n, part);
		pthread_mutex_lock(&h->mu);
		h->ready = true;
		pthread_cond_signal(&h->cv);
		while (h->ready)
			pthread_cond_wait(&h->cv, &h->mu);
		pthread_mutex_unlock(&h->mu);
	}
	return NULL;
}

void np_flow_writer_write_all(np_flow_writer *w, const np_flow *const *flows, size_t n)
{
	struct helper *h = n > PART ? calloc(1, sizeof(*h)) : NULL;
	if (n)
		np_flow_writer_write(w, flows[0]); /* the header, once */
	pthread_t tid;
	if (h && out_open_fd(&h->buf, -1) == 0) {
		pthread_mutex_init(&h->mu, NULL);
		pthread_cond_init(&h->cv, NULL);
		h->w = *w;
		h->w.out = &h->buf;
		h->flows = flows;
		h->n = n;
		if (pthread_create(&tid, NULL, helper_main, h) == 0) {
			for (size_t i = 1; i < PART; i++)
				np_flow_writer_write_inner(w, flows[i], NULL);
			for (size_t part = 1; part * PART < n; part++) {
				if (part % 2 == 0) {
					write_part(w, flows, n, part);
					continue;
				}
				pthread_mutex_lock(&h->mu);
				while (!h->ready)
					pthread_cond_wait(&h->cv, &h->mu);
				out_mem(w->out, h->buf.buf, h->buf.len);
				h->buf.len = 0;
				h->ready = false;
				pthread_cond_signal(&h->cv);
				pthread_mutex_unlock(&h->mu);
			}
			pthread_join(tid, NULL);
			n = 0; /* all written */
		}
		pthread_mutex_destroy(&h->mu);
		pthread_cond_destroy(&h->cv);
		out_close(&h->buf);
	}
	free(h);
	for (size_t i = 1; i < n; i++) /* one thread: too few, or no second thread */
		np_flow_writer_write_inner(w, flows[i], NULL);
}
