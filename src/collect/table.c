/*
 * table.c - the flow-record source backend for text (see source.h): the
 * CSV and JSON lines that `netprofile flows` writes, and text tables with a
 * header row in the layout of the seed article and SiLK's rwcut (SIP DIP
 * SPORT DPORT PROTOCOL PACKETS BYTES FLAGS STIME [DUR], optional leading
 * FLOW column; non-TCP rows have no FLAGS value).
 *
 * Real tables have typos: the reader takes what it can make sense of,
 * warns on stderr (naming file and line) about what was odd, and never
 * stops on a single bad row.
 *
 * A file is read one line at a time into a bounded buffer (a longer line is
 * skipped with a warning). The first line that means anything tells the
 * format: '{' starts JSON lines; a header naming SIP and DIP starts a table,
 * CSV when its names are split by commas, SiLK rwcut's when by '|', else
 * whitespace-separated as in the seed article. Lines before the first
 * header are skipped (a file with no header is not a flow table); a later
 * header starts a new table.
 *
 * Every line becomes a row of cells named by field, and one function turns
 * a row into a record, so each field is parsed in one place. A table with
 * reverse* columns holds biflows, handed on as read. A table without them
 * holds one direction per row: its rows are kept until the table ends,
 * obvious typos repaired (a row from an address to itself whose reverse
 * row names the real peer), and the two directions of each conversation
 * paired into one biflow (forward = the earlier start; equal starts: file
 * order; joined by collect/pair.h's rule) before they are handed on in file
 * order. JSON lines are parsed by json-c.
 *
 * TCP flags: SiLK's FLAGS is the union of a direction's flags, so it goes
 * into session_flags and initial_flags stays 0 (nothing is known about the
 * first packet); initialFlags/sessionFlags columns are taken as they are.
 */
#include "source.h"

#include <arpa/inet.h>
#include <errno.h>
#include <json-c/json.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../decode/services.h"
#include "../flow/decap.h"
#include "pair.h"

enum {
	LINE_CAP = 65536,   /* longest line read */
	MAX_COLS = 64,      /* header columns taken */
	MAX_TOKENS = 96,    /* fields of a whitespace row looked at */
	MAX_WARNINGS = 50,  /* per file; then only counted */
	HEADER_SCAN = 200,  /* meaningful lines looked at for a first header */
	REPAIR_WINDOW = 16, /* rows either side searched for a typo's partner */
	PAIR_LOOKAHEAD = 1024,
};
#define PAIR_SLACK_US (300LL * 1000000) /* the flow table's default idle timeout */

/* Fields: conversation-wide ones, then per-direction ones, forward and reverse. */
enum {
	K_FLOW,
	K_SIP,
	K_DIP,
	K_SPORT,
	K_DPORT,
	K_PROTO,
	K_VLAN,
	K_APP,
	K_TTYPE,
	K_TSIP,
	K_TDIP,
	K_TID,
	K_TDEPTH,
	K_IGNORE,
	K_COUNT
};
enum { D_PACKETS, D_BYTES, D_FLAGS, D_IFLAGS, D_SFLAGS, D_STIME, D_ETIME, D_DUR, D_COUNT };
#define FWD(d) (K_COUNT + (d))
#define REV(d) (K_COUNT + D_COUNT + (d))
#define NFIELDS (K_COUNT + 2 * D_COUNT)
#define F_UNKNOWN (-1)

struct alias {
	const char *name;
	int field;
};

static const struct alias key_aliases[] = {
	{"flow", K_FLOW},     {"sip", K_SIP},         {"srcip", K_SIP},         {"srcaddr", K_SIP},
	{"saddr", K_SIP},     {"dip", K_DIP},         {"dstip", K_DIP},         {"dstaddr", K_DIP},
	{"daddr", K_DIP},     {"sport", K_SPORT},     {"srcport", K_SPORT},     {"dport", K_DPORT},
	{"dstport", K_DPORT}, {"protocol", K_PROTO},  {"proto", K_PROTO},       {"pro", K_PROTO},
	{"vlan", K_VLAN},     {"application", K_APP}, {"endreason", K_IGNORE},  {"sensor", K_IGNORE},
	{"sen", K_IGNORE},    {"type", K_IGNORE},     {"class", K_IGNORE},      {"in", K_IGNORE},
	{"out", K_IGNORE},    {"nhip", K_IGNORE},     {"attributes", K_IGNORE}, {"icmptypecode", K_IGNORE},
};

/* An inner record's tunnel (flows --decap's tunnel fields). */
static const struct alias tunnel_aliases[] = {
	{"tunneltype", K_TTYPE}, {"tunnel", K_TTYPE}, {"tunnelsip", K_TSIP},     {"tunneldip", K_TDIP},
	{"tunnelid", K_TID},     {"depth", K_TDEPTH}, {"tunneldepth", K_TDEPTH},
};

static const struct alias dir_aliases[] = {
	{"packets", D_PACKETS},  {"pkts", D_PACKETS},    {"bytes", D_BYTES},
	{"octets", D_BYTES},     {"flags", D_FLAGS},     {"initialflags", D_IFLAGS},
	{"initflags", D_IFLAGS}, {"initialf", D_IFLAGS}, {"sessionflags", D_SFLAGS},
	{"sessflags", D_SFLAGS}, {"sessionf", D_SFLAGS}, {"stime", D_STIME},
	{"starttime", D_STIME},  {"etime", D_ETIME},     {"endtime", D_ETIME},
	{"duration", D_DUR},     {"dur", D_DUR},
};

enum fmt { FMT_NONE, FMT_CSV, FMT_PIPE, FMT_TEXT, FMT_JSON };

/* A cell of a row: s == NULL when the row has no such field. */
struct cell {
	const char *s;
	size_t n;
};

/* One direction of a conversation as read, and how to pair it. */
struct rec {
	np_flow f;
	uint64_t flow_id;
	bool has_id;
	bool flags_known, rflags_known;
	bool paired, is_rev;
	bool has_tun; /* an inner record of flows --decap: its tunnel */
	np_flow_tunnel tun;
	int32_t partner;
	long line;
};

struct reader {
	const char *path;
	FILE *fp;
	long lineno;
	char *line;
	size_t len;
	bool binary, toolong;
	int read_errno;
	char *scratch; /* JSON strings unescaped; a header split */
	long nwarn;
	enum fmt fmt;
	/* the current table */
	int ncols;
	int cols[MAX_COLS];
	char colname[MAX_COLS][24];
	int flagcols[4];
	int nflagcols;
	bool table_flags;  /* the header names a flags column */
	bool table_biflow; /* reverse columns: rows are biflows */
	bool table_bad;    /* a header this reader cannot use: rows skipped */
	struct rec *recs;
	size_t nrecs, caprecs;
	int64_t last_time;
	bool dateless_warned;
	/* out */
	np_exporter *ex;
	long records;
	bool oom;
};

/* ---- messages ---------------------------------------------------------------- */

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static void
warn(struct reader *r, long line, const char *fmt, ...)
{
	r->ex->st.malformed++;
	if (++r->nwarn > MAX_WARNINGS)
		return;
	va_list ap;
	va_start(ap, fmt);
	if (line > 0)
		fprintf(stderr, "netprofile: %s:%ld: ", r->path, line);
	else
		fprintf(stderr, "netprofile: %s: ", r->path);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

/* A cell for a message: at most 40 bytes, printable. */
static const char *show(const struct cell *c, char *buf, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; c->s && i < c->n && n + 4 < len; i++) {
		unsigned char ch = (unsigned char)c->s[i];
		if (i == 40) {
			memcpy(buf + n, "...", 3);
			n += 3;
			break;
		}
		buf[n++] = ch < 0x20 || ch == 0x7f ? '?' : (char)ch;
	}
	buf[n] = '\0';
	return buf;
}

/* ---- small parsers ------------------------------------------------------------- */

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

static struct cell trim(struct cell c)
{
	while (c.n && is_space(c.s[0]))
		c.s++, c.n--;
	while (c.n && is_space(c.s[c.n - 1]))
		c.n--;
	return c;
}

static bool cell_is(const struct cell *c, const char *word)
{
	size_t n = strlen(word);
	return c->s && c->n == n && strncasecmp(c->s, word, n) == 0;
}

static bool parse_u64(const struct cell *c, uint64_t max, uint64_t *out)
{
	if (!c->s || c->n == 0 || c->n > 20)
		return false;
	uint64_t v = 0;
	for (size_t i = 0; i < c->n; i++) {
		if (!is_digit(c->s[i]))
			return false;
		unsigned d = (unsigned)(c->s[i] - '0');
		if (v > (max - d) / 10)
			return false;
		v = v * 10 + d;
	}
	*out = v;
	return true;
}

static bool digits(const char **p, const char *e, int maxd, int64_t *v)
{
	int64_t x = 0;
	int k = 0;
	while (*p < e && is_digit(**p)) {
		if (k == maxd)
			return false;
		x = x * 10 + (**p - '0');
		k++;
		(*p)++;
	}
	*v = x;
	return k > 0;
}

/* Digits after a decimal point, as microseconds (the first six count). */
static bool fraction(const char **p, const char *e, int64_t *us)
{
	int64_t x = 0;
	int k = 0;
	const char *start = *p;
	while (*p < e && is_digit(**p)) {
		if (k < 6) {
			x = x * 10 + (**p - '0');
			k++;
		}
		(*p)++;
	}
	for (; k < 6; k++)
		x *= 10;
	*us = x;
	return *p > start;
}

/* "94.742" seconds, not negative, under 10^10 s. */
static bool parse_seconds(const struct cell *c, int64_t *us)
{
	if (!c->s)
		return false;
	const char *p = c->s, *e = c->s + c->n;
	int64_t whole = 0, frac = 0;
	bool any = false;
	if (p < e && is_digit(*p)) {
		if (!digits(&p, e, 10, &whole))
			return false;
		any = true;
	}
	if (p < e && *p == '.') {
		p++;
		if (fraction(&p, e, &frac))
			any = true;
	}
	if (p != e || !any)
		return false;
	*us = whole * 1000000 + frac;
	return true;
}

/* Days since 1970-01-01 of a civil date (H. Hinnant's algorithm). */
static int64_t days_from_civil(int64_t y, int64_t m, int64_t d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

enum { T_BAD, T_DATE, T_CLOCK, T_EPOCH };

/* 2024-03-01T12:00:00.123Z, 2024/03/01T12:00:00.123 (rwcut), a space or ':'
 * for the T, seconds optional, a Z or +hh:mm offset optional. */
static int parse_date_time(const char *p, const char *e, int64_t *us)
{
	int64_t y, mo, d, h = 0, mi = 0, sec = 0, frac = 0, off = 0;
	if (!digits(&p, e, 4, &y) || p >= e || (*p != '-' && *p != '/'))
		return T_BAD;
	char ds = *p++;
	if (!digits(&p, e, 2, &mo) || p >= e || *p++ != ds || !digits(&p, e, 2, &d))
		return T_BAD;
	if (p < e && (*p == 'T' || *p == 't' || *p == ' ' || *p == ':')) {
		p++;
		if (!digits(&p, e, 2, &h) || p >= e || *p++ != ':' || !digits(&p, e, 2, &mi))
			return T_BAD;
		if (p < e && *p == ':') {
			p++;
			if (!digits(&p, e, 2, &sec))
				return T_BAD;
			if (p < e && (*p == '.' || *p == ',')) {
				p++;
				if (!fraction(&p, e, &frac))
					return T_BAD;
			}
		}
	}
	if (p < e && (*p == 'Z' || *p == 'z')) {
		p++;
	} else if (p < e && (*p == '+' || *p == '-')) {
		int64_t sign = *p++ == '-' ? -1 : 1, oh, om = 0;
		if (!digits(&p, e, 2, &oh))
			return T_BAD;
		if (p < e && *p == ':')
			p++;
		if (p < e && !digits(&p, e, 2, &om))
			return T_BAD;
		if (oh > 23 || om > 59)
			return T_BAD;
		off = sign * (oh * 3600 + om * 60);
	}
	if (p != e || y < 1970 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60)
		return T_BAD;
	*us = (days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec - off) * 1000000 + frac;
	return T_DATE;
}

/* Epoch seconds ("1709294400.123"), or a time without a date as the seed
 * article prints them: "02:46.642" (mm:ss.mmm), "12:02:46.642", and with a
 * '.' typed for a ':' ("48.01.120"), which sets *typo. */
static int parse_clock(const char *p, const char *e, int64_t *us, bool *typo)
{
	int64_t v[4];
	const char *start[4], *end[4];
	char sep[4];
	int ng = 0;
	for (;;) {
		if (ng == 4)
			return T_BAD;
		start[ng] = p;
		if (!digits(&p, e, 12, &v[ng]))
			return T_BAD;
		end[ng] = p;
		ng++;
		if (p == e)
			break;
		if (*p != ':' && *p != '.')
			return T_BAD;
		sep[ng - 1] = *p++;
	}
	int64_t frac = 0;
	if (ng >= 2 && sep[ng - 2] == '.') {
		const char *q = start[ng - 1];
		fraction(&q, end[ng - 1], &frac);
		ng--;
	}
	for (int i = 0; i + 1 < ng; i++)
		if (sep[i] != ':')
			*typo = true;
	int64_t secs;
	if (ng == 1) {
		if (v[0] > 100000000000LL)
			return T_BAD;
		*us = v[0] * 1000000 + frac;
		return T_EPOCH;
	} else if (ng == 2) {
		if (v[0] > 59 || v[1] > 60)
			return T_BAD;
		secs = v[0] * 60 + v[1];
	} else if (ng == 3) {
		if (v[0] > 23 || v[1] > 59 || v[2] > 60)
			return T_BAD;
		secs = v[0] * 3600 + v[1] * 60 + v[2];
	} else {
		return T_BAD;
	}
	*us = secs * 1000000 + frac;
	return T_CLOCK;
}

static int parse_time(const struct cell *c, int64_t *us, bool *typo)
{
	*typo = false;
	if (!c->s || c->n == 0 || c->n > 64)
		return T_BAD;
	const char *e = c->s + c->n;
	if (c->n >= 8 && is_digit(c->s[0]) && is_digit(c->s[1]) && is_digit(c->s[2]) && is_digit(c->s[3]) &&
	    (c->s[4] == '-' || c->s[4] == '/'))
		return parse_date_time(c->s, e, us);
	return parse_clock(c->s, e, us, typo);
}

/* SiLK's letters FSRPAUEC (any order, either case, padding spaces), "-"
 * for none, or a number. */
static bool parse_flags(const struct cell *c, uint8_t *out)
{
	static const char letters[] = "FSRPAUEC";
	uint8_t f = 0;
	if (!c->s)
		return false;
	uint64_t v;
	if (c->n && is_digit(c->s[0]) && parse_u64(c, 255, &v)) {
		*out = (uint8_t)v;
		return true;
	}
	if (c->n > 2 && c->s[0] == '0' && (c->s[1] == 'x' || c->s[1] == 'X')) {
		unsigned x = 0;
		for (size_t i = 2; i < c->n; i++) {
			char ch = c->s[i];
			int d = is_digit(ch)               ? ch - '0'
				: (ch >= 'a' && ch <= 'f') ? ch - 'a' + 10
				: (ch >= 'A' && ch <= 'F') ? ch - 'A' + 10
							   : -1;
			if (d < 0 || i > 3)
				return false;
			x = x * 16 + (unsigned)d;
		}
		*out = (uint8_t)x;
		return true;
	}
	if (c->n == 1 && c->s[0] == '-') {
		*out = 0;
		return true;
	}
	for (size_t i = 0; i < c->n; i++) {
		char ch = c->s[i];
		if (ch == ' ')
			continue;
		if (ch >= 'a' && ch <= 'z')
			ch = (char)(ch - 'a' + 'A');
		const char *at = memchr(letters, ch, 8);
		if (!at)
			return false;
		f |= (uint8_t)(1u << (at - letters));
	}
	*out = f;
	return true;
}

/* A whitespace token that can only be a FLAGS value. */
static bool looks_like_flags(const struct cell *c)
{
	if (c->n == 1 && c->s[0] == '-')
		return true;
	for (size_t i = 0; i < c->n; i++)
		if (!memchr("FSRPAUEC", c->s[i], 8))
			return false;
	return c->n > 0;
}

static bool parse_addr(const struct cell *c, uint8_t *addr, uint8_t *family)
{
	char buf[64];
	if (!c->s || c->n == 0 || c->n >= sizeof(buf))
		return false;
	memcpy(buf, c->s, c->n);
	buf[c->n] = '\0';
	memset(addr, 0, 16);
	if (inet_pton(AF_INET, buf, addr) == 1) {
		*family = 4;
		return true;
	}
	if (inet_pton(AF_INET6, buf, addr) == 1) {
		*family = 6;
		return true;
	}
	return false;
}

static bool parse_proto(const struct cell *c, uint8_t *proto)
{
	static const struct {
		const char *name;
		uint8_t num;
	} names[] = {{"icmp", 1}, {"tcp", 6},    {"udp", 17},       {"gre", 47},    {"esp", 50},
		     {"ah", 51},  {"icmp6", 58}, {"ipv6-icmp", 58}, {"icmpv6", 58}, {"sctp", 132}};
	uint64_t v;
	if (parse_u64(c, 255, &v)) {
		*proto = (uint8_t)v;
		return true;
	}
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (cell_is(c, names[i].name)) {
			*proto = names[i].num;
			return true;
		}
	return false;
}

static uint64_t hash_cell(const struct cell *c)
{
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < c->n; i++)
		h = (h ^ (unsigned char)c->s[i]) * 1099511628211ULL;
	return h;
}

/* ---- field names ------------------------------------------------------------------ */

static int lookup_in(const struct alias *a, size_t na, const char *s, size_t n)
{
	for (size_t i = 0; i < na; i++)
		if (strlen(a[i].name) == n && strncasecmp(a[i].name, s, n) == 0)
			return a[i].field;
	return F_UNKNOWN;
}

static int field_of(struct cell c)
{
	c = trim(c);
	if (c.n == 0)
		return F_UNKNOWN;
	int f = lookup_in(key_aliases, sizeof(key_aliases) / sizeof(key_aliases[0]), c.s, c.n);
	if (f != F_UNKNOWN)
		return f;
	f = lookup_in(tunnel_aliases, sizeof(tunnel_aliases) / sizeof(tunnel_aliases[0]), c.s, c.n);
	if (f != F_UNKNOWN)
		return f;
	f = lookup_in(dir_aliases, sizeof(dir_aliases) / sizeof(dir_aliases[0]), c.s, c.n);
	if (f != F_UNKNOWN)
		return FWD(f);
	if (c.n > 7 && strncasecmp(c.s, "reverse", 7) == 0) {
		f = lookup_in(dir_aliases, sizeof(dir_aliases) / sizeof(dir_aliases[0]), c.s + 7, c.n - 7);
		if (f != F_UNKNOWN)
			return REV(f);
	}
	return F_UNKNOWN;
}

/* ---- splitting lines ------------------------------------------------------------------ */

/* Cells split by delim; CSV cells may be quoted ("" inside for a quote),
 * unquoted in place. Returns the number of cells (more than max are
 * counted, not stored). */
static int split_delim(char *s, size_t n, char delim, struct cell *cells, int max)
{
	int nc = 0;
	size_t i = 0;
	for (;;) {
		while (i < n && is_space(s[i]))
			i++;
		struct cell c = {s + i, 0};
		if (delim == ',' && i < n && s[i] == '"') {
			size_t w = ++i;
			c.s = s + w;
			while (i < n) {
				if (s[i] == '"' && i + 1 < n && s[i + 1] == '"') {
					s[w++] = '"';
					i += 2;
				} else if (s[i] == '"') {
					i++;
					break;
				} else {
					s[w++] = s[i++];
				}
			}
			c.n = (size_t)(s + w - c.s);
			while (i < n && s[i] != delim)
				i++;
		} else {
			while (i < n && s[i] != delim)
				i++;
			c.n = (size_t)(s + i - c.s);
			c = trim(c);
		}
		if (nc < max)
			cells[nc] = c;
		nc++;
		if (i >= n)
			break;
		i++; /* the delimiter */
	}
	return nc;
}

static int split_space(const char *s, size_t n, struct cell *cells, int max)
{
	int nc = 0;
	size_t i = 0;
	for (;;) {
		while (i < n && is_space(s[i]))
			i++;
		if (i >= n)
			break;
		size_t st = i;
		while (i < n && !is_space(s[i]))
			i++;
		if (nc < max) {
			cells[nc].s = s + st;
			cells[nc].n = i - st;
		}
		nc++;
	}
	return nc;
}

/* ---- headers ------------------------------------------------------------------------ */

static enum fmt header_format(const char *line)
{
	if (strchr(line, ','))
		return FMT_CSV;
	if (strchr(line, '|'))
		return FMT_PIPE;
	return FMT_TEXT;
}

static int split_for(enum fmt fmt, char *s, size_t n, struct cell *cells, int max)
{
	if (fmt == FMT_CSV)
		return split_delim(s, n, ',', cells, max);
	if (fmt == FMT_PIPE)
		return split_delim(s, n, '|', cells, max);
	return split_space(s, n, cells, max);
}

/* Whether the names make a header: a source and a destination address. */
static bool names_header(const struct cell *names, int n)
{
	int sip = 0, dip = 0;
	for (int i = 0; i < n && i < MAX_COLS; i++) {
		int f = field_of(names[i]);
		sip += f == K_SIP;
		dip += f == K_DIP;
	}
	return sip && (dip || sip > 1);
}

/* Take a header (names already split). false: not a usable header (err set). */
static bool set_header(struct reader *r, const struct cell *names, int n, enum fmt fmt, char *err, size_t errlen)
{
	int seen[NFIELDS];
	for (int i = 0; i < NFIELDS; i++)
		seen[i] = -1;
	r->fmt = fmt;
	r->ncols = n < MAX_COLS ? n : MAX_COLS;
	if (n > MAX_COLS)
		warn(r, r->lineno, "the header has %d columns: only the first %d are read", n, MAX_COLS);
	/* a pipe-separated header ends with '|': no last column */
	if (fmt == FMT_PIPE && r->ncols > 1 && names[r->ncols - 1].n == 0)
		r->ncols--;
	r->nflagcols = 0;
	r->table_flags = r->table_biflow = false;
	char unknown[160] = "";
	for (int i = 0; i < r->ncols; i++) {
		int f = field_of(names[i]);
		char buf[64];
		snprintf(r->colname[i], sizeof(r->colname[i]), "%s", show(&names[i], buf, sizeof(buf)));
		if (f == F_UNKNOWN) {
			size_t used = strlen(unknown);
			if (used + 30 < sizeof(unknown))
				snprintf(unknown + used, sizeof(unknown) - used, "%s'%s'", used ? ", " : "",
					 r->colname[i]);
		} else if (f != K_IGNORE && seen[f] >= 0) {
			/* "SPORT SPORT": by position the first is the source, the second the destination. */
			int partner = f == K_SPORT   ? K_DPORT
				      : f == K_DPORT ? K_SPORT
				      : f == K_SIP   ? K_DIP
				      : f == K_DIP   ? K_SIP
						     : -1;
			if (partner >= 0 && seen[partner] < 0) {
				int src = f == K_SPORT || f == K_DPORT ? K_SPORT : K_SIP;
				int dst = src == K_SPORT ? K_DPORT : K_DIP;
				r->cols[seen[f]] = src;
				seen[src] = seen[f];
				f = dst;
				warn(r, r->lineno,
				     "the header names %s twice: column %d read as %s, column %d as %s (by position)",
				     r->colname[i], seen[src] + 1, src == K_SPORT ? "SPORT" : "SIP", i + 1,
				     dst == K_DPORT ? "DPORT" : "DIP");
			} else {
				warn(r, r->lineno, "the header names %s twice: column %d ignored", r->colname[i],
				     i + 1);
				f = F_UNKNOWN;
			}
		}
		r->cols[i] = f;
		if (f >= 0 && f != K_IGNORE) {
			seen[f] = i;
			if (f == FWD(D_FLAGS) || f == FWD(D_IFLAGS) || f == FWD(D_SFLAGS)) {
				r->table_flags = true;
				if (r->nflagcols < 4)
					r->flagcols[r->nflagcols++] = i;
			}
			if (f >= REV(0))
				r->table_biflow = true;
		}
	}
	if (*unknown)
		warn(r, r->lineno, "columns not known, ignored: %s", unknown);
	if (seen[K_SIP] < 0 || seen[K_DIP] < 0 || seen[K_PROTO] < 0) {
		snprintf(err, errlen, "the header names no %s column",
			 seen[K_SIP] < 0   ? "SIP"
			 : seen[K_DIP] < 0 ? "DIP"
					   : "PROTOCOL");
		return false;
	}
	return true;
}

/* ---- rows to records ----------------------------------------------------------------- */

static bool same_addr(const uint8_t *a, const uint8_t *b)
{
	return memcmp(a, b, 16) == 0;
}

static const char *addr_str(const np_flow_key *k, const uint8_t *a, char *buf, size_t len)
{
	if (!inet_ntop(k->family == 4 ? AF_INET : AF_INET6, a, buf, (socklen_t)len))
		snprintf(buf, len, "?");
	return buf;
}

static int64_t row_time(struct reader *r, const struct cell *c, int64_t fallback, const char *what)
{
	char buf[64];
	int64_t us;
	bool typo;
	if (!c->s || c->n == 0)
		return fallback;
	int kind = parse_time(c, &us, &typo);
	if (kind == T_BAD) {
		warn(r, r->lineno, "%s '%s' is not a time: taken as the row before's", what, show(c, buf, sizeof(buf)));
		return fallback;
	}
	if (typo)
		warn(r, r->lineno, "%s '%s' has '.' where ':' belongs: read as %s", what, show(c, buf, sizeof(buf)),
		     kind == T_CLOCK && us < 3600LL * 1000000 ? "minutes:seconds.milliseconds"
							      : "hours:minutes:seconds");
	if (kind == T_CLOCK && !r->dateless_warned) {
		r->dateless_warned = true;
		warn(r, r->lineno, "times carry no date ('%s'): read as times of 1970-01-01",
		     show(c, buf, sizeof(buf)));
	}
	return us;
}

/* One direction's counters, times and flags from the cells at base. */
static void row_dir(struct reader *r, const struct cell *c, int base, uint8_t proto, int64_t default_start,
		    np_flow_dir *d, bool *flags_known)
{
	char buf[64];
	uint64_t v;
	const struct cell *pk = &c[base + D_PACKETS], *by = &c[base + D_BYTES];
	d->packets = 1;
	if (pk->s && pk->n) {
		if (parse_u64(pk, UINT32_MAX, &v))
			d->packets = (uint32_t)v;
		else
			warn(r, r->lineno, "packets '%s' is not a count: taken as 1", show(pk, buf, sizeof(buf)));
	}
	if (by->s && by->n) {
		if (parse_u64(by, UINT64_MAX, &v))
			d->bytes = v;
		else
			warn(r, r->lineno, "bytes '%s' is not a count: taken as 0", show(by, buf, sizeof(buf)));
	}
	d->first_us = row_time(r, &c[base + D_STIME], default_start, "start time");
	d->last_us = d->first_us;
	int64_t dur;
	const struct cell *et = &c[base + D_ETIME], *du = &c[base + D_DUR];
	if (et->s && et->n) {
		d->last_us = row_time(r, et, d->first_us, "end time");
	} else if (du->s && du->n) {
		if (parse_seconds(du, &dur))
			d->last_us = d->first_us + dur;
		else
			warn(r, r->lineno, "duration '%s' is not a number of seconds: taken as 0",
			     show(du, buf, sizeof(buf)));
	}
	if (d->last_us < d->first_us) {
		warn(r, r->lineno, "the flow ends before it starts: duration taken as 0");
		d->last_us = d->first_us;
	}
	/* Flags: the union goes to session_flags, the first packet's only when given. */
	const struct cell *fl = &c[base + D_FLAGS], *fi = &c[base + D_IFLAGS], *fs = &c[base + D_SFLAGS];
	*flags_known = false;
	if (proto != 6) {
		*flags_known = r->table_flags || fl->s || fi->s || fs->s;
		return;
	}
	uint8_t u = 0, i = 0, s = 0;
	bool ku = fl->s && parse_flags(fl, &u), ki = fi->s && parse_flags(fi, &i), ks = fs->s && parse_flags(fs, &s);
	const struct cell *bad = fl->s && !ku ? fl : fi->s && !ki ? fi : fs->s && !ks ? fs : NULL;
	if (bad) {
		warn(r, r->lineno, "TCP flags '%s' are not SiLK's letters FSRPAUEC: flags of this row unknown",
		     show(bad, buf, sizeof(buf)));
		return;
	}
	if (ki || ks) {
		d->initial_flags = i;
		d->session_flags = ks ? s : u;
		*flags_known = true;
	} else if (ku) {
		d->session_flags = u;
		*flags_known = true;
	}
}

/* UDP from port 0 to type*256+code of an ICMP error: an ICMP row with the
 * protocol typed wrong (the seed article's NTP unreachable). */
static void fix_icmp_as_udp(struct reader *r, struct rec *x)
{
	np_flow_key *k = &x->f.key;
	if (k->proto != 17 || k->family != 4 || k->sport != 0 || k->dport < 768)
		return;
	unsigned type = k->dport >> 8, code = k->dport & 0xff;
	bool icmp = (type == 3 && code <= 15) || (type == 4 && code == 0) || (type == 5 && code <= 3) ||
		    (type == 8 && code == 0) || (type == 11 && code <= 1) || (type == 12 && code <= 2);
	if (!icmp)
		return;
	warn(r, r->lineno, "protocol 17 (UDP) from port 0 to port %u is ICMP's type %u code %u (%s): read as ICMP",
	     k->dport, type, code,
	     type == 3    ? "unreachable"
	     : type == 11 ? "time exceeded"
			  : "ICMP message");
	k->proto = 1;
}

/* An inner record's tunnel: tunnelType names a kind ("-" or empty: an
 * outer record), tunnelSIP/DIP its outer addresses; a tunnel that cannot
 * be read is warned about and left out (the record stays). */
static void row_tunnel(struct reader *r, const struct cell *c, struct rec *x)
{
	char buf[64];
	struct cell kind = trim(c[K_TTYPE]);
	if (!kind.s || kind.n == 0 || (kind.n == 1 && kind.s[0] == '-'))
		return;
	np_flow_tunnel *t = &x->tun;
	uint8_t fs = 0, fd = 0;
	uint64_t v;
	t->kind = np_tunnel_kind_of(kind.s, kind.n);
	if (t->kind == NP_TUNNEL_NONE || !parse_addr(&c[K_TSIP], t->src, &fs) || !parse_addr(&c[K_TDIP], t->dst, &fd) ||
	    fs != fd) {
		warn(r, r->lineno, "tunnel '%s' without its kind or outer addresses: read as no tunnel",
		     show(&kind, buf, sizeof(buf)));
		memset(t, 0, sizeof(*t));
		return;
	}
	t->family = fs;
	if (c[K_TID].s && c[K_TID].n && parse_u64(&c[K_TID], UINT32_MAX, &v))
		t->id = (uint32_t)v;
	t->depth = 1;
	if (c[K_TDEPTH].s && c[K_TDEPTH].n && parse_u64(&c[K_TDEPTH], 255, &v) && v > 0)
		t->depth = (uint8_t)v;
	x->has_tun = true;
}

static bool row_to_rec(struct reader *r, const struct cell *c, struct rec *x)
{
	char buf[64];
	uint8_t fs = 0, fd = 0;
	uint64_t v;
	memset(x, 0, sizeof(*x));
	x->partner = -1;
	x->line = r->lineno;
	np_flow_key *k = &x->f.key;
	if (!parse_addr(&c[K_SIP], k->src, &fs)) {
		warn(r, r->lineno, "source address '%s' is not an IP address: row skipped",
		     show(&c[K_SIP], buf, sizeof(buf)));
		return false;
	}
	if (!parse_addr(&c[K_DIP], k->dst, &fd)) {
		warn(r, r->lineno, "destination address '%s' is not an IP address: row skipped",
		     show(&c[K_DIP], buf, sizeof(buf)));
		return false;
	}
	if (fs != fd) {
		warn(r, r->lineno, "an IPv%u source with an IPv%u destination: row skipped", fs, fd);
		return false;
	}
	k->family = fs;
	if (!parse_proto(&c[K_PROTO], &k->proto)) {
		warn(r, r->lineno, "protocol '%s' is not a protocol number: row skipped",
		     show(&c[K_PROTO], buf, sizeof(buf)));
		return false;
	}
	for (int i = 0; i < 2; i++) {
		const struct cell *p = &c[i ? K_DPORT : K_SPORT];
		if (!p->s || p->n == 0)
			continue;
		if (!parse_u64(p, 65535, &v)) {
			warn(r, r->lineno, "%s port '%s' is not a port number: row skipped",
			     i ? "destination" : "source", show(p, buf, sizeof(buf)));
			return false;
		}
		*(i ? &k->dport : &k->sport) = (uint16_t)v;
	}
	if (c[K_VLAN].s && c[K_VLAN].n) {
		if (parse_u64(&c[K_VLAN], 4095, &v))
			k->vlan = (uint16_t)v;
		else
			warn(r, r->lineno, "vlan '%s' is not a VLAN id: taken as 0",
			     show(&c[K_VLAN], buf, sizeof(buf)));
	}
	if (c[K_FLOW].s && c[K_FLOW].n) {
		x->has_id = true;
		x->flow_id = hash_cell(&c[K_FLOW]);
	}
	if (c[K_APP].s && c[K_APP].n && c[K_APP].n < 32) {
		char name[32];
		memcpy(name, c[K_APP].s, c[K_APP].n);
		name[c[K_APP].n] = '\0';
		x->f.app = np_service_id(name);
	}
	row_tunnel(r, c, x);
	fix_icmp_as_udp(r, x);
	row_dir(r, c, FWD(0), k->proto, r->last_time, &x->f.fwd, &x->flags_known);
	uint64_t rp = 0;
	const struct cell *rpc = &c[REV(D_PACKETS)];
	if (rpc->s && rpc->n && !parse_u64(rpc, UINT32_MAX, &rp))
		warn(r, r->lineno, "reverse packets '%s' is not a count: the reverse direction ignored",
		     show(rpc, buf, sizeof(buf)));
	if (rp > 0)
		row_dir(r, c, REV(0), k->proto, x->f.fwd.first_us, &x->f.rev, &x->rflags_known);
	r->last_time = x->f.fwd.first_us;
	return true;
}

/* ---- a table's rows: typos, pairing, handing on ------------------------------------------- */

static bool mirrors(const struct rec *a, const struct rec *b)
{
	const np_flow_key *x = &a->f.key, *y = &b->f.key;
	return x->proto == y->proto && x->family == y->family && x->vlan == y->vlan && a->has_id == b->has_id &&
	       (!a->has_id || a->flow_id == b->flow_id) && same_addr(x->src, y->dst) && same_addr(x->dst, y->src) &&
	       x->sport == y->dport && x->dport == y->sport;
}

static bool has_mirror(const struct reader *r, size_t i)
{
	size_t lo = i > REPAIR_WINDOW ? i - REPAIR_WINDOW : 0, hi = i + REPAIR_WINDOW + 1;
	if (hi > r->nrecs)
		hi = r->nrecs;
	for (size_t j = lo; j < hi; j++)
		if (j != i && mirrors(&r->recs[i], &r->recs[j]))
			return true;
	return false;
}

static bool is_loopback(const np_flow_key *k, const uint8_t *a)
{
	static const uint8_t v6lo[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
	return k->family == 4 ? a[0] == 127 : same_addr(a, v6lo);
}

/* A row from an address to itself is a typo when a nearby row of the same
 * conversation (ports reversed) names the real peer: "10.10.0.1 10.10.0.1"
 * beside "10.10.0.2 10.10.0.1". */
static void repair_self_rows(struct reader *r)
{
	char a1[64], a2[64];
	for (size_t i = 0; i < r->nrecs; i++) {
		struct rec *a = &r->recs[i];
		np_flow_key *k = &a->f.key;
		if (!same_addr(k->src, k->dst) || has_mirror(r, i))
			continue;
		size_t lo = i > REPAIR_WINDOW ? i - REPAIR_WINDOW : 0, hi = i + REPAIR_WINDOW + 1, best = SIZE_MAX;
		if (hi > r->nrecs)
			hi = r->nrecs;
		for (size_t j = lo; j < hi; j++) {
			const struct rec *b = &r->recs[j];
			const np_flow_key *y = &b->f.key;
			if (j == i || same_addr(y->src, y->dst) || y->proto != k->proto || y->family != k->family ||
			    y->vlan != k->vlan || b->has_id != a->has_id || (a->has_id && a->flow_id != b->flow_id) ||
			    y->sport != k->dport || y->dport != k->sport ||
			    !(same_addr(y->dst, k->src) || same_addr(y->src, k->dst)) || has_mirror(r, j))
				continue;
			if (best == SIZE_MAX || (j > i ? j - i : i - j) < (best > i ? best - i : i - best))
				best = j;
		}
		if (best == SIZE_MAX) {
			if (!is_loopback(k, k->src))
				warn(r, a->line,
				     "source and destination are both %s, and no reverse row names another peer: "
				     "kept as it is",
				     addr_str(k, k->src, a1, sizeof(a1)));
			continue;
		}
		const np_flow_key *y = &r->recs[best].f.key;
		if (same_addr(y->dst, k->src)) {
			warn(r, a->line,
			     "destination %s is the source again: read as %s, the source of its reverse row (line %ld)",
			     addr_str(k, k->dst, a1, sizeof(a1)), addr_str(k, y->src, a2, sizeof(a2)),
			     r->recs[best].line);
			memcpy(k->dst, y->src, 16);
		} else {
			warn(r, a->line,
			     "source %s is the destination again: read as %s, the destination of its reverse row (line %ld)",
			     addr_str(k, k->src, a1, sizeof(a1)), addr_str(k, y->dst, a2, sizeof(a2)),
			     r->recs[best].line);
			memcpy(k->src, y->dst, 16);
		}
	}
}

/* For sorting: the conversation (endpoints in a fixed order), then start, then file order. */
struct pair_key {
	uint8_t conv[48];
	int64_t start;
	uint32_t idx;
	uint8_t orient; /* 0: source is the lower endpoint, 1: the higher, 2: both the same */
};

static int pair_key_cmp(const void *x, const void *y)
{
	const struct pair_key *a = x, *b = y;
	int c = memcmp(a->conv, b->conv, sizeof(a->conv));
	if (c)
		return c;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	return a->idx < b->idx ? -1 : a->idx > b->idx;
}

static void put_be(uint8_t *p, uint64_t v, int n)
{
	for (int i = n - 1; i >= 0; i--, v >>= 8)
		p[i] = (uint8_t)v;
}

static void pair_key_of(const struct rec *x, uint32_t idx, struct pair_key *pk)
{
	const np_flow_key *k = &x->f.key;
	uint8_t s[18], d[18];
	memcpy(s, k->src, 16);
	put_be(s + 16, k->sport, 2);
	memcpy(d, k->dst, 16);
	put_be(d + 16, k->dport, 2);
	int c = memcmp(s, d, 18);
	memset(pk, 0, sizeof(*pk));
	pk->conv[0] = k->proto;
	pk->conv[1] = k->family;
	put_be(pk->conv + 2, k->vlan, 2);
	memcpy(pk->conv + 4, c <= 0 ? s : d, 18);
	memcpy(pk->conv + 22, c <= 0 ? d : s, 18);
	put_be(pk->conv + 40, x->has_id ? x->flow_id : 0, 8);
	pk->start = x->f.fwd.first_us;
	pk->idx = idx;
	pk->orient = c < 0 ? 0 : c > 0 ? 1 : 2;
}

static void pair_rows(struct reader *r)
{
	struct pair_key *pk = malloc(r->nrecs * sizeof(*pk));
	if (!pk) {
		r->oom = true;
		return;
	}
	for (size_t i = 0; i < r->nrecs; i++)
		pair_key_of(&r->recs[i], (uint32_t)i, &pk[i]);
	qsort(pk, r->nrecs, sizeof(*pk), pair_key_cmp);
	for (size_t g = 0; g < r->nrecs;) {
		size_t end = g + 1;
		while (end < r->nrecs && memcmp(pk[end].conv, pk[g].conv, sizeof(pk[g].conv)) == 0)
			end++;
		for (size_t i = g; i < end; i++) {
			struct rec *a = &r->recs[pk[i].idx];
			if (a->paired)
				continue;
			int64_t last = a->f.fwd.last_us > a->f.fwd.first_us ? a->f.fwd.last_us : a->f.fwd.first_us;
			for (size_t j = i + 1; j < end && j <= i + PAIR_LOOKAHEAD; j++) {
				struct rec *b = &r->recs[pk[j].idx];
				if (pk[j].start > last + PAIR_SLACK_US)
					break;
				if (b->paired || (pk[i].orient == pk[j].orient && pk[i].orient != 2))
					continue;
				a->paired = b->paired = true;
				b->is_rev = true;
				a->partner = (int32_t)pk[j].idx;
				break;
			}
		}
		g = end;
	}
	free(pk);
}

/* A record, with the tunnel of row x beside it when it has one. */
static void hand_on(struct reader *r, const np_flow *f, bool has_flags, const struct rec *x)
{
	r->ex->src->tun = x->has_tun ? &x->tun : NULL;
	np_exporter_record(r->ex, f, has_flags, false);
	r->ex->src->tun = NULL;
}

static void emit_biflow(struct reader *r, const struct rec *x)
{
	bool has_flags = x->flags_known && (x->f.rev.packets == 0 || x->rflags_known);
	hand_on(r, &x->f, has_flags, x);
}

/* End of a table: hand on what was kept. */
static void finish_table(struct reader *r)
{
	if (!r->nrecs)
		return;
	if (!r->table_biflow) {
		repair_self_rows(r);
		pair_rows(r);
	}
	for (size_t i = 0; i < r->nrecs && !r->oom; i++) {
		const struct rec *a = &r->recs[i];
		if (a->is_rev)
			continue;
		if (!a->paired) {
			emit_biflow(r, a);
			continue;
		}
		const struct rec *b = &r->recs[a->partner];
		np_flow f;
		np_pair_join(&a->f, &b->f, &f);
		hand_on(r, &f, a->flags_known && b->flags_known, a);
	}
	r->nrecs = 0;
}

static void add_rec(struct reader *r, const struct rec *x)
{
	r->records++;
	if (r->table_biflow) {
		emit_biflow(r, x);
		return;
	}
	if (r->nrecs == r->caprecs) {
		size_t ncap = r->caprecs ? r->caprecs * 2 : 64;
		if (ncap > SIZE_MAX / sizeof(*r->recs) || ncap > INT32_MAX) {
			r->oom = true;
			return;
		}
		struct rec *n = realloc(r->recs, ncap * sizeof(*n));
		if (!n) {
			r->oom = true;
			return;
		}
		r->recs = n;
		r->caprecs = ncap;
	}
	r->recs[r->nrecs++] = *x;
}

/* ---- rows of each format --------------------------------------------------------------- */

/* A line under a header that is no record at all (prose between tables). */
static bool not_a_record(struct reader *r, const struct cell *row)
{
	uint8_t a[16], fam;
	if (row[K_SIP].s && parse_addr(&row[K_SIP], a, &fam) && row[K_DIP].s && parse_addr(&row[K_DIP], a, &fam))
		return false;
	char buf[64];
	struct cell line = {r->line, r->len};
	warn(r, r->lineno, "not a flow record ('%s'): skipped", show(&line, buf, sizeof(buf)));
	return true;
}

static void delimited_row(struct reader *r)
{
	struct cell cells[MAX_COLS], row[NFIELDS];
	memset(row, 0, sizeof(row));
	int n = split_for(r->fmt, r->line, r->len, cells, MAX_COLS);
	if (r->fmt == FMT_PIPE && n > r->ncols && n <= MAX_COLS && cells[n - 1].n == 0)
		n--; /* the trailing '|' */
	for (int i = 0; i < r->ncols && i < n && i < MAX_COLS; i++)
		if (r->cols[i] >= 0 && r->cols[i] != K_IGNORE)
			row[r->cols[i]] = cells[i];
	if (not_a_record(r, row))
		return;
	if (n != r->ncols)
		warn(r, r->lineno, "%d fields where the header has %d: read by position", n, r->ncols);
	struct rec x;
	if (row_to_rec(r, row, &x))
		add_rec(r, &x);
}

/* Whitespace rows: a non-TCP row has no FLAGS value, so one field fewer. */
static void text_row(struct reader *r)
{
	struct cell tok[MAX_TOKENS], row[NFIELDS];
	memset(row, 0, sizeof(row));
	int nt = split_space(r->line, r->len, tok, MAX_TOKENS), nc = r->ncols;
	int ntok = nt < MAX_TOKENS ? nt : MAX_TOKENS;
	bool skip_flags = false;
	if (nt != nc && r->nflagcols) {
		int fc = r->flagcols[0];
		skip_flags = nt == nc - r->nflagcols && !(fc < ntok && looks_like_flags(&tok[fc]));
	}
	int t = 0;
	for (int i = 0; i < nc && t < ntok; i++) {
		int f = r->cols[i];
		if (skip_flags && (f == FWD(D_FLAGS) || f == FWD(D_IFLAGS) || f == FWD(D_SFLAGS)))
			continue;
		if (f >= 0 && f != K_IGNORE)
			row[f] = tok[t];
		t++;
	}
	if (not_a_record(r, row))
		return;
	if (nt < nc && !skip_flags)
		warn(r, r->lineno, "%d fields where the header has %d: the last %s missing", nt, nc,
		     nc - nt == 1 ? "column is" : "columns are");
	else if (nt > nc)
		warn(r, r->lineno, "%d fields where the header has %d: the extra ones ignored", nt, nc);
	struct rec x;
	if (!row_to_rec(r, row, &x))
		return;
	if (skip_flags && x.f.key.proto == 6) {
		warn(r, r->lineno, "a TCP row without its FLAGS value: its flags are unknown");
		x.flags_known = false;
	}
	add_rec(r, &x);
}

/* ---- JSON lines ------------------------------------------------------------------------ */

/* A JSON value as a cell: strings as they are, numbers and booleans in
 * the text they were written in, null and containers as no value. */
static struct cell json_cell(struct json_object *v)
{
	struct cell c = {NULL, 0};
	if (!v || json_object_is_type(v, json_type_object) || json_object_is_type(v, json_type_array))
		return c;
	if (json_object_is_type(v, json_type_string)) {
		c.s = json_object_get_string(v);
		c.n = (size_t)json_object_get_string_len(v);
		return c;
	}
	c.s = json_object_to_json_string_ext(v, JSON_C_TO_STRING_PLAIN);
	c.n = c.s ? strlen(c.s) : 0;
	return c;
}

/* One object on the line (json-c), with nothing after it but a ','. */
static struct json_object *json_line_object(struct reader *r)
{
	struct json_tokener *tok = json_tokener_new_ex(32);
	if (!tok)
		return NULL;
	struct json_object *o = json_tokener_parse_ex(tok, r->line, (int)r->len);
	size_t used = json_tokener_get_parse_end(tok);
	bool whole = json_tokener_get_error(tok) == json_tokener_success;
	json_tokener_free(tok);
	if (!whole || !o || !json_object_is_type(o, json_type_object)) {
		json_object_put(o);
		return NULL;
	}
	for (size_t i = used; i < r->len; i++)
		if (!is_space(r->line[i]) && !(r->line[i] == ',' && i == used)) {
			json_object_put(o);
			return NULL;
		}
	return o;
}

static void json_row(struct reader *r)
{
	struct cell row[NFIELDS];
	memset(row, 0, sizeof(row));
	if ((r->line[0] == '[' || r->line[0] == ']') && r->len <= 2)
		return; /* a JSON array around the objects */
	struct json_object *o = json_line_object(r);
	if (!o) {
		warn(r, r->lineno, "not a JSON object on one line: skipped");
		return;
	}
	bool any = false, has_flags = false, has_rev = false;
	json_object_object_foreach(o, key, val)
	{
		struct cell k = {key, strlen(key)};
		int f = field_of(k);
		if (f < 0 || f == K_IGNORE)
			continue;
		row[f] = json_cell(val);
		any = true;
		if (f == FWD(D_FLAGS) || f == FWD(D_IFLAGS) || f == FWD(D_SFLAGS))
			has_flags = true;
		if (f >= REV(0) && row[f].s && row[f].n)
			has_rev = true;
	}
	if (!any || !row[K_SIP].s) {
		warn(r, r->lineno, "a JSON object without sIP/dIP: not a flow record, skipped");
		json_object_put(o);
		return;
	}
	if (has_rev && !r->table_biflow) {
		/* biflows: what was kept is handed on as it is */
		r->table_biflow = true;
		for (size_t i = 0; i < r->nrecs; i++)
			emit_biflow(r, &r->recs[i]);
		r->nrecs = 0;
	}
	r->table_flags = has_flags;
	struct rec x;
	if (row_to_rec(r, row, &x))
		add_rec(r, &x);
	json_object_put(o);
}

/* ---- lines --------------------------------------------------------------------------------- */

/* One line into r->line (at most LINE_CAP-1 bytes kept). 1, 0 at end, -1 on error. */
static int read_line(struct reader *r)
{
	size_t n = 0;
	int c;
	bool any = false;
	r->binary = r->toolong = false;
	while ((c = getc(r->fp)) != EOF) {
		any = true;
		if (c == '\n')
			break;
		if (c == 0 || (c < 0x20 && c != '\t' && c != '\r' && c != '\f' && c != '\v') || c == 0x7f)
			r->binary = true;
		if (n < LINE_CAP - 1)
			r->line[n++] = (char)(c == 0 ? ' ' : c);
		else
			r->toolong = true;
	}
	if (ferror(r->fp)) {
		r->read_errno = errno;
		return -1;
	}
	if (!any)
		return 0;
	r->lineno++;
	r->ex->st.messages++;
	while (n && is_space(r->line[n - 1]))
		n--;
	size_t st = 0;
	if (r->lineno == 1 && n >= 3 && memcmp(r->line, "\xef\xbb\xbf", 3) == 0)
		st = 3; /* a UTF-8 byte order mark */
	while (st < n && is_space(r->line[st]))
		st++;
	if (st)
		memmove(r->line, r->line + st, n - st);
	r->len = n - st;
	r->line[r->len] = '\0';
	return 1;
}

static bool capture_magic(const char *s, size_t n)
{
	static const uint8_t magic[][4] = {{0xd4, 0xc3, 0xb2, 0xa1},
					   {0xa1, 0xb2, 0xc3, 0xd4},
					   {0x4d, 0x3c, 0xb2, 0xa1},
					   {0xa1, 0xb2, 0x3c, 0x4d},
					   {0x0a, 0x0d, 0x0d, 0x0a}};
	for (size_t i = 0; n >= 4 && i < sizeof(magic) / sizeof(magic[0]); i++)
		if (memcmp(s, magic[i], 4) == 0)
			return true;
	return false;
}

/* Try the line as a header; true when it is one (and taken). */
static bool try_header(struct reader *r, enum fmt fmt, bool *fatal, char *err, size_t errlen)
{
	struct cell names[MAX_COLS + 1];
	char *copy = r->scratch; /* splitting may unquote in place: keep the line */
	memcpy(copy, r->line, r->len + 1);
	int n = split_for(fmt, copy, r->len, names, MAX_COLS + 1);
	if (!names_header(names, n < MAX_COLS ? n : MAX_COLS))
		return false;
	finish_table(r);
	bool first = r->fmt == FMT_NONE;
	r->table_bad = false;
	char why[96];
	if (!set_header(r, names, n, fmt, why, sizeof(why))) {
		if (first) {
			snprintf(err, errlen, "%s:%ld: %s: not a flow table this reader knows", r->path, r->lineno,
				 why);
			*fatal = true;
		} else {
			/* a later table this reader cannot use: skip it, keep the rest */
			r->table_bad = true;
			warn(r, r->lineno, "%s: its rows are skipped", why);
		}
	}
	return true;
}

static long fail(char *err, size_t errlen, const char *fmt, const char *path, const char *what)
{
	if (err && errlen)
		snprintf(err, errlen, fmt, path, what);
	return -1;
}

/* Read every record of fp, named path ("-" = stdin). Returns records read,
 * or -1 if the file cannot be read at all (message in err). */
static long read_table(FILE *fp, const char *path, np_exporter *ex, char *err, size_t errlen)
{
	char dummy[8];
	if (!err || !errlen) {
		err = dummy;
		errlen = sizeof(dummy);
	}
	struct reader r;
	memset(&r, 0, sizeof(r));
	r.path = path;
	r.ex = ex;
	bool is_stdin = strcmp(path, "-") == 0;
	if (is_stdin)
		r.path = "(standard input)";
	r.fp = fp;
	r.line = malloc(LINE_CAP);
	r.scratch = malloc(LINE_CAP);
	long result = -1;
	if (!r.line || !r.scratch) {
		fail(err, errlen, "%s: %s", path, "out of memory");
		goto done;
	}
	long meaningful = 0, skipped_before = 0, first_skipped = 0;
	bool fatal = false;
	int rc = 0;
	while (!fatal && !r.oom && (rc = read_line(&r)) > 0) {
		if (r.len == 0 || r.line[0] == '#')
			continue;
		meaningful++;
		if (r.fmt == FMT_NONE) {
			if (r.binary) {
				fail(err, errlen, "%s: %s", r.path,
				     capture_magic(r.line, r.len)
					     ? "not a flow table but a packet capture (read it with -r)"
					     : "not a flow table: binary data");
				goto done;
			}
			if (r.line[0] == '{' || r.line[0] == '[') {
				r.fmt = FMT_JSON;
				json_row(&r);
				continue;
			}
			if (!r.toolong && try_header(&r, header_format(r.line), &fatal, err, errlen))
				continue;
			if (!skipped_before++)
				first_skipped = r.lineno;
			if (meaningful >= HEADER_SCAN)
				break;
			continue;
		}
		if (r.binary || r.toolong) {
			warn(&r, r.lineno, "%s: skipped",
			     r.binary ? "binary data, not a record" : "line too long for a record");
			continue;
		}
		if (r.fmt == FMT_JSON) {
			json_row(&r);
			continue;
		}
		if (try_header(&r, r.fmt == FMT_TEXT ? header_format(r.line) : r.fmt, &fatal, err, errlen))
			continue;
		if (r.table_bad)
			continue;
		if (r.fmt == FMT_TEXT)
			text_row(&r);
		else
			delimited_row(&r);
	}
	if (fatal)
		goto done;
	if (rc < 0 && r.fmt == FMT_NONE) {
		fail(err, errlen, "%s: %s", r.path, strerror(r.read_errno));
		goto done;
	}
	if (rc < 0)
		warn(&r, 0, "read error after line %ld: %s", r.lineno, strerror(r.read_errno));
	if (r.fmt == FMT_NONE) {
		if (meaningful == 0) {
			warn(&r, 0, "no flow records (the file is empty)");
			result = 0;
		} else {
			fail(err, errlen, "%s: %s", r.path,
			     "not a flow table: no header row naming SIP, DIP and PROTOCOL (netprofile flows CSV or "
			     "JSON lines, or a text table: SIP DIP SPORT DPORT PROTOCOL PACKETS BYTES [FLAGS] STIME [DUR])");
		}
		goto done;
	}
	if (r.fmt == FMT_JSON && r.records == 0) {
		fail(err, errlen, "%s: %s", r.path, "not a flow table: no line is a JSON flow record");
		goto done;
	}
	if (skipped_before)
		warn(&r, first_skipped, "%ld line%s before the first header skipped", skipped_before,
		     skipped_before == 1 ? "" : "s");
	finish_table(&r);
	if (r.oom) {
		fail(err, errlen, "%s: %s", r.path, "out of memory");
		goto done;
	}
	result = r.records;
done:
	if (r.nwarn > MAX_WARNINGS)
		fprintf(stderr, "netprofile: %s: %ld more warnings not shown\n", r.path, r.nwarn - MAX_WARNINGS);
	free(r.recs);
	free(r.line);
	free(r.scratch);
	return result;
}

/* ---- the backend ---------------------------------------------------------------------------- */

/* Text of any kind: the reader itself says what is wrong with other bytes. */
static bool table_probe(const uint8_t *head, size_t n)
{
	(void)head;
	(void)n;
	return true;
}

static int table_open(np_flowsrc *s, const char *spec, char *err, size_t errlen)
{
	(void)err;
	(void)errlen;
	s->state = NULL;
	s->fd = -1;
	(void)spec;
	return 0;
}

static int table_read(np_flowsrc *s, char *err, size_t errlen)
{
	const char *name = strcmp(s->name, "-") == 0 ? "(standard input)" : s->name;
	np_exporter *ex = np_flowsrc_exporter(s, name);
	s->at_end = true;
	if (!ex) {
		snprintf(err, errlen, "%s: out of memory", name);
		return -1;
	}
	return read_table(s->in, s->name, ex, err, errlen) < 0 ? -1 : 0;
}

const struct np_flowsrc_ops np_flowsrc_table = {"table", table_probe, NULL, table_open, table_read, NULL};
