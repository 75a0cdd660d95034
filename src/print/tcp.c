/*
 * tcp.c - TCP text as tcpdump 4.99's tcp_print writes it: ports, flags,
 * sequence numbers made relative per conversation (unless -S), ack,
 * window, urgent pointer, options, length, the -v checksum note, RST data,
 * and the hand-off of the payload to the printers chosen by port.
 *
 * This is the hot path of a capture: the line is assembled with the out_*
 * primitives, never out_fmt.
 *
 * Not for: payload protocols themselves (their own files), or anything
 * about flows beyond the sequence-number table tcpdump keeps for -S-less
 * output.
 */
#include "print.h"

#include <stdlib.h>
#include <string.h>

#include "cksum.h"

enum {
	TH_FIN = 0x01,
	TH_SYN = 0x02,
	TH_RST = 0x04,
	TH_PUSH = 0x08,
	TH_ACK = 0x10,
	TH_URG = 0x20,
	TH_ECE = 0x40,
	TH_CWR = 0x80,
};

enum {
	TCPOPT_EOL = 0,
	TCPOPT_NOP = 1,
	TCPOPT_MAXSEG = 2,
	TCPOPT_WSCALE = 3,
	TCPOPT_SACKOK = 4,
	TCPOPT_SACK = 5,
	TCPOPT_ECHO = 6,
	TCPOPT_ECHOREPLY = 7,
	TCPOPT_TIMESTAMP = 8,
	TCPOPT_CC = 11,
	TCPOPT_CCNEW = 12,
	TCPOPT_CCECHO = 13,
	TCPOPT_SIGNATURE = 19,
	TCPOPT_SCPS = 20,
	TCPOPT_UTO = 28,
	TCPOPT_TCPAO = 29,
	TCPOPT_MPTCP = 30,
	TCPOPT_FASTOPEN = 34,
	TCPOPT_EXPERIMENT2 = 254,
};

#define TCP_HDRLEN 20
#define TCP_SIGLEN 16
#define MAX_RST_DATA_LEN 30

/* Flag letters in the order tcpdump prints them. */
static const char tcp_flag_chars[8] = {'F', 'S', 'R', 'P', '.', 'U', 'E', 'W'};

static const np_tok tcp_option_values[] = {
	{TCPOPT_EOL, "eol"},         {TCPOPT_NOP, "nop"},
	{TCPOPT_MAXSEG, "mss"},      {TCPOPT_WSCALE, "wscale"},
	{TCPOPT_SACKOK, "sackOK"},   {TCPOPT_SACK, "sack"},
	{TCPOPT_ECHO, "echo"},       {TCPOPT_ECHOREPLY, "echoreply"},
	{TCPOPT_TIMESTAMP, "TS"},    {TCPOPT_CC, "cc"},
	{TCPOPT_CCNEW, "ccnew"},     {TCPOPT_CCECHO, ""},
	{TCPOPT_SIGNATURE, "md5"},   {TCPOPT_SCPS, "scps"},
	{TCPOPT_UTO, "uto"},         {TCPOPT_TCPAO, "tcp-ao"},
	{TCPOPT_MPTCP, "mptcp"},     {TCPOPT_FASTOPEN, "tfo"},
	{TCPOPT_EXPERIMENT2, "exp"}, {0, NULL},
};

/* Well-known ports whose payload tcpdump hands to a printer. */
enum {
	PORT_FTP = 21,
	PORT_SSH = 22,
	PORT_TELNET = 23,
	PORT_SMTP = 25,
	PORT_WHOIS = 43,
	PORT_DOMAIN = 53,
	PORT_HTTP = 80,
	PORT_BGP = 179,
	PORT_RPKI_RTR = 323,
	PORT_RTSP = 554,
	PORT_MSDP = 639,
	PORT_LDP = 646,
	PORT_PPTP = 1723,
	PORT_NFS = 2049,
	PORT_OPENFLOW_OLD = 6633,
	PORT_OPENFLOW = 6653,
	PORT_REDIS = 6379,
	PORT_HTTP_ALT = 8080,
	PORT_RTSP_ALT = 8554,
	PORT_BEEP = 10288,
};

/*
 * The relative sequence number table. tcpdump keys a conversation on both
 * addresses and ports in a fixed order (lower port first; equal ports: the
 * lower address first), records the initial seq/ack when it first sees an
 * ACK-bearing segment of it (or any SYN, which restarts it), and prints
 * later numbers relative to those. It never forgets a conversation.
 */
#define TCP_SEQ_KEYLEN 40 /* version, two 16-byte addresses, both ports; zero padded to 5 words */
#define TCP_SEQ_MIN_SLOTS 4096

/* Open addressing with linear probing, one 64-byte slot a conversation,
 * so that a lookup (it runs for every TCP packet that acknowledges
 * something) usually touches one cache line; chained entries, each
 * allocated on its own, cost two misses a packet, a third of `decode -n`
 * on the bench's captures. The table doubles at three quarters full, so a
 * capture of millions of connections stays O(1) a lookup. Keys are hashed
 * and compared a 64-bit word at a time. */
struct tcp_seq_entry {
	uint32_t hash; /* never 0 in a used slot; 0: empty */
	uint32_t seq, ack;
	uint8_t key[TCP_SEQ_KEYLEN];
	uint8_t unused[64 - 12 - TCP_SEQ_KEYLEN];
};
_Static_assert(sizeof(struct tcp_seq_entry) == 64, "a slot is one cache line");

struct tcp_seq_table {
	struct tcp_seq_entry *slot;
	size_t nslots; /* a power of two */
	size_t count;
};

void tcp_seq_table_free(struct tcp_seq_table *t)
{
	if (!t)
		return;
	free(t->slot);
	free(t);
}

static uint64_t key_word(const uint8_t *key, unsigned i)
{
	uint64_t w;
	memcpy(&w, key + i * 8, 8);
	return w;
}

static uint32_t tcp_seq_hash(const uint8_t *key)
{
	uint64_t h = 0x9e3779b97f4a7c15u;
	for (unsigned i = 0; i < TCP_SEQ_KEYLEN / 8; i++) {
		h = (h ^ key_word(key, i)) * 0xff51afd7ed558ccdu;
		h ^= h >> 32;
	}
	uint32_t h32 = (uint32_t)(h ^ (h >> 29));
	return h32 ? h32 : 1;
}

static bool tcp_seq_key_equal(const uint8_t *a, const uint8_t *b)
{
	uint64_t diff = 0;
	for (unsigned i = 0; i < TCP_SEQ_KEYLEN / 8; i++)
		diff |= key_word(a, i) ^ key_word(b, i);
	return diff == 0;
}

/* The first empty slot from h's on. */
static struct tcp_seq_entry *tcp_seq_free_slot(struct tcp_seq_entry *slot, size_t nslots, uint32_t h)
{
	size_t i = h & (nslots - 1);
	while (slot[i].hash)
		i = (i + 1) & (nslots - 1);
	return &slot[i];
}

static bool tcp_seq_grow(struct tcp_seq_table *t)
{
	size_t n = t->nslots ? t->nslots * 2 : TCP_SEQ_MIN_SLOTS;
	struct tcp_seq_entry *s = aligned_alloc(64, n * sizeof(*s));
	if (!s)
		return false;
	memset(s, 0, n * sizeof(*s));
	for (size_t i = 0; i < t->nslots; i++)
		if (t->slot[i].hash)
			*tcp_seq_free_slot(s, n, t->slot[i].hash) = t->slot[i];
	free(t->slot);
	t->slot = s;
	t->nslots = n;
	return true;
}

static struct tcp_seq_entry *tcp_seq_lookup(np_printer *pr, const uint8_t *key, bool *found)
{
	if (!pr->tcp_seq) {
		pr->tcp_seq = calloc(1, sizeof(*pr->tcp_seq));
		if (!pr->tcp_seq || !tcp_seq_grow(pr->tcp_seq))
			return NULL;
	}
	struct tcp_seq_table *t = pr->tcp_seq;
	uint32_t h = tcp_seq_hash(key);
	size_t mask = t->nslots - 1;
	for (size_t i = h & mask; t->slot[i].hash; i = (i + 1) & mask) {
		struct tcp_seq_entry *e = &t->slot[i];
		if (e->hash == h && tcp_seq_key_equal(e->key, key)) {
			*found = true;
			return e;
		}
	}
	*found = false;
	/* Without memory to grow, the table fills up to its last empty slot
	 * (probes must always meet one). */
	if (4 * (t->count + 1) > 3 * t->nslots && !tcp_seq_grow(t) && t->count + 1 >= t->nslots)
		return NULL;
	struct tcp_seq_entry *e = tcp_seq_free_slot(t->slot, t->nslots, h);
	memset(e, 0, sizeof(*e));
	memcpy(e->key, key, TCP_SEQ_KEYLEN);
	e->hash = h;
	t->count++;
	return e;
}

/* Make *seq and *ack relative to the conversation's first ones (tcpdump's
 * table walk, including its choice of which side is "forward"). */
bool print_tcp_relative(np_printer *pr, bool v6, const uint8_t *src, const uint8_t *dst, uint16_t sport, uint16_t dport,
			uint8_t flags, uint32_t *seq, uint32_t *ack, struct tcp_rel *rel)
{
	size_t alen = v6 ? 16 : 4;
	bool rev = sport > dport || (sport == dport && memcmp(src, dst, alen) > 0);
	uint8_t key[TCP_SEQ_KEYLEN] = {0};
	uint32_t ports = rev ? ((uint32_t)dport << 16 | sport) : ((uint32_t)sport << 16 | dport);
	key[0] = v6 ? 6 : 4;
	memcpy(key + 1, rev ? dst : src, alen);
	memcpy(key + 17, rev ? src : dst, alen);
	key[33] = (uint8_t)(ports >> 24);
	key[34] = (uint8_t)(ports >> 16);
	key[35] = (uint8_t)(ports >> 8);
	key[36] = (uint8_t)ports;

	bool found;
	struct tcp_seq_entry *th = tcp_seq_lookup(pr, key, &found);
	if (!th) {
		*rel = (struct tcp_rel){0, 0, rev};
		return false;
	}
	bool relative = found && !(flags & TH_SYN);
	if (!relative) {
		/* A new conversation: these are its initial numbers. */
		if (rev) {
			th->ack = *seq;
			th->seq = *ack - 1;
		} else {
			th->seq = *seq;
			th->ack = *ack - 1;
		}
	} else if (rev) {
		*seq -= th->ack;
		*ack -= th->seq;
	} else {
		*seq -= th->seq;
		*ack -= th->ack;
	}
	*rel = (struct tcp_rel){th->seq, th->ack, rev};
	return relative;
}

static void print_addr(np_printer *pr, const uint8_t *iph, bool dst)
{
	if ((iph[0] >> 4) == 6)
		out_ipv6(pr->out, iph + (dst ? 24 : 8));
	else
		out_ipv4(pr->out, iph + (dst ? 16 : 12));
}

void print_ip_ports(np_printer *pr, const uint8_t *iph, uint16_t sport, uint16_t dport)
{
	np_out *o = pr->out;
	print_addr(pr, iph, false);
	out_char(o, '.');
	out_u32(o, sport);
	out_str(o, " > ");
	print_addr(pr, iph, true);
	out_char(o, '.');
	out_u32(o, dport);
	out_str(o, ": ");
}

/* The protocol in the IP header itself (IPv6: the first next header). */
static uint8_t ip_header_proto(const uint8_t *iph)
{
	return (iph[0] >> 4) == 6 ? iph[6] : iph[9];
}

/* "a.p > b.q: ", or only "p > q: " when extension headers come between. */
static void print_tcp_endpoints(np_printer *pr, const uint8_t *iph, uint16_t sport, uint16_t dport)
{
	if (ip_header_proto(iph) == 6) {
		print_ip_ports(pr, iph, sport, dport);
		return;
	}
	out_u32(pr->out, sport);
	out_str(pr->out, " > ");
	out_u32(pr->out, dport);
	out_str(pr->out, ": ");
}

static void print_flags(np_printer *pr, uint8_t flags)
{
	char buf[8];
	size_t n = 0;
	for (unsigned i = 0; i < 8; i++)
		if (flags & (1u << i))
			buf[n++] = tcp_flag_chars[i];
	out_str(pr->out, "Flags [");
	if (n)
		out_mem(pr->out, buf, n);
	else
		out_str(pr->out, "none");
	out_char(pr->out, ']');
}

static void print_hex_bytes(np_printer *pr, const uint8_t *p, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		out_hex(pr->out, p[i], 2);
}

/* RFC 7413 cookie (or cookie request); exp: the RFC 6994 form. The bytes
 * are captured (the caller checked). */
static void print_fastopen(np_printer *pr, const uint8_t *cp, uint32_t datalen, bool exp)
{
	if (exp)
		out_str(pr->out, "tfo");
	if (datalen == 0) {
		out_str(pr->out, " cookiereq");
	} else if (datalen % 2 != 0 || datalen < 4 || datalen > 16) {
		print_invalid(pr);
	} else {
		out_str(pr->out, " cookie ");
		print_hex_bytes(pr, cp, datalen);
	}
}

/* tcpdump (built with libcrypto, as Debian's is) cannot check an MD5
 * signature without -M; it says why and shows the signature. */
static void print_md5_sig(np_printer *pr, const uint8_t *cp, const uint8_t *data, uint32_t datalen)
{
	if (!np_has(data, pr->snapend, datalen))
		out_str(pr->out, "snaplen too short, ");
	else
		out_str(pr->out, "shared secret not supplied with -M, ");
	out_str(pr->out, "can't check - ");
	print_hex_bytes(pr, cp, TCP_SIGLEN);
}

/* Outcome of the options walk. */
enum opt_result {
	OPT_DONE, /* "]" printed, go on */
	OPT_BAIL, /* "[bad opt]" or a truncation note printed: tcp_print returns */
};

/*
 * The options: ", options [...]". cp/hlen: the option bytes; data/datalen:
 * the payload (for md5). Mirrors tcpdump's three ways out: a malformed
 * option ("[bad opt]"), bytes the option claims but not captured ("[|tcp]"
 * then ">"), and running off the capture reading a kind or length byte
 * (the [|tcp] that ends the packet).
 */
static enum opt_result print_tcp_options(np_printer *pr, const uint8_t *cp, uint32_t hlen, const struct tcp_rel *rel,
					 uint8_t flags, const uint8_t *data, uint32_t datalen_payload)
{
	np_out *o = pr->out;
	const uint8_t *end = pr->snapend;
	char ch = '\0';
	out_str(o, ", options [");
	while (hlen > 0) {
		uint8_t opt, lenb = 0;
		uint32_t len, datalen = 0;
		if (ch != '\0')
			out_char(o, ch);
		NP_GET_U8(opt, cp, end);
		cp++;
		if (opt == TCPOPT_EOL || opt == TCPOPT_NOP) {
			len = 1;
		} else {
			NP_GET_U8(lenb, cp, end);
			cp++;
			len = lenb;
			if (len < 2 || len > hlen)
				goto bad;
			--hlen;
		}
		--hlen;

/* The option's next l data bytes must be within it and captured. */
#define LENCHECK(l)                        \
	do {                               \
		if ((l) > hlen)            \
			goto bad;          \
		if (!np_has(cp, end, (l))) \
			goto tcheck;       \
	} while (0)

		const char *name = tok_name(tcp_option_values, opt);
		if (name) {
			out_str(o, name);
		} else {
			out_str(o, "unknown-");
			out_u32(o, opt);
		}

		switch (opt) {
		case TCPOPT_MAXSEG:
			datalen = 2;
			LENCHECK(datalen);
			out_char(o, ' ');
			out_u32(o, (uint32_t)(cp[0] << 8 | cp[1]));
			break;
		case TCPOPT_WSCALE:
			datalen = 1;
			LENCHECK(datalen);
			out_char(o, ' ');
			out_u32(o, cp[0]);
			break;
		case TCPOPT_SACK:
			datalen = len - 2;
			if (datalen % 8 != 0) {
				out_str(o, " invalid sack");
				break;
			}
			out_char(o, ' ');
			out_u32(o, datalen / 8);
			out_char(o, ' ');
			for (uint32_t i = 0; i < datalen; i += 8) {
				uint32_t s, e;
				LENCHECK(i + 4);
				NP_GET_BE32(s, cp + i, end);
				LENCHECK(i + 8);
				NP_GET_BE32(e, cp + i + 4, end);
				uint32_t base = rel->rev ? rel->thseq : rel->thack;
				out_char(o, '{');
				out_u32(o, s - base);
				out_char(o, ':');
				out_u32(o, e - base);
				out_char(o, '}');
			}
			break;
		case TCPOPT_CC:
		case TCPOPT_CCNEW:
		case TCPOPT_CCECHO:
		case TCPOPT_ECHO:
		case TCPOPT_ECHOREPLY: {
			uint32_t v;
			datalen = 4;
			LENCHECK(datalen);
			NP_GET_BE32(v, cp, end);
			out_char(o, ' ');
			out_u32(o, v);
			break;
		}
		case TCPOPT_TIMESTAMP: {
			uint32_t val, ecr;
			datalen = 8;
			LENCHECK(datalen);
			NP_GET_BE32(val, cp, end);
			NP_GET_BE32(ecr, cp + 4, end);
			out_str(o, " val ");
			out_u32(o, val);
			out_str(o, " ecr ");
			out_u32(o, ecr);
			break;
		}
		case TCPOPT_SIGNATURE:
			datalen = TCP_SIGLEN;
			LENCHECK(datalen);
			out_char(o, ' ');
			print_md5_sig(pr, cp, data, datalen_payload);
			break;
		case TCPOPT_SCPS:
			datalen = 2;
			LENCHECK(datalen);
			out_str(o, " cap ");
			out_hex(o, cp[0], 2);
			out_str(o, " id ");
			out_u32(o, cp[1]);
			break;
		case TCPOPT_TCPAO:
			datalen = len - 2;
			if (datalen < 2) {
				print_invalid(pr);
				break;
			}
			LENCHECK(1);
			out_str(o, " keyid ");
			out_u32(o, cp[0]);
			LENCHECK(2);
			out_str(o, " rnextkeyid ");
			out_u32(o, cp[1]);
			if (datalen > 2) {
				out_str(o, " mac 0x");
				for (uint32_t i = 2; i < datalen; i++) {
					LENCHECK(i + 1);
					out_hex(o, cp[i], 2);
				}
			}
			break;
		case TCPOPT_EOL:
		case TCPOPT_NOP:
		case TCPOPT_SACKOK: break;
		case TCPOPT_UTO: {
			datalen = 2;
			LENCHECK(datalen);
			uint32_t uto = (uint32_t)(cp[0] << 8 | cp[1]);
			out_str(o, " 0x");
			out_hex(o, uto, 1);
			uto = (uto & 1) ? (uto >> 1) * 60 : uto >> 1;
			out_char(o, ' ');
			out_u32(o, uto);
			break;
		}
		case TCPOPT_MPTCP:
			datalen = len - 2;
			LENCHECK(datalen);
			if (!print_mptcp(pr, cp - 2, len, flags))
				goto bad;
			break;
		case TCPOPT_FASTOPEN:
			datalen = len - 2;
			LENCHECK(datalen);
			out_char(o, ' ');
			print_fastopen(pr, cp, datalen, false);
			break;
		case TCPOPT_EXPERIMENT2: {
			datalen = len - 2;
			LENCHECK(datalen);
			if (datalen < 2)
				goto bad;
			uint16_t magic = (uint16_t)(cp[0] << 8 | cp[1]);
			out_char(o, '-');
			if (magic == 0xf989) {
				print_fastopen(pr, cp + 2, datalen - 2, true);
			} else {
				out_hex(o, magic, 4);
			}
			break;
		}
		default:
			datalen = len - 2;
			if (datalen)
				out_str(o, " 0x");
			for (uint32_t i = 0; i < datalen; ++i) {
				LENCHECK(i + 1);
				out_hex(o, cp[i], 2);
			}
			break;
		}
#undef LENCHECK

		cp += datalen;
		hlen -= datalen;
		/* The length the option claims against what its kind implies. */
		datalen += (opt == TCPOPT_EOL || opt == TCPOPT_NOP) ? 1 : 2;
		if (datalen != len) {
			out_str(o, "[len ");
			out_u32(o, len);
			out_char(o, ']');
		}
		ch = ',';
		if (opt == TCPOPT_EOL)
			break;
	}
	out_char(o, ']');
	return OPT_DONE;
bad:
	out_str(o, "[bad opt]");
	if (ch != '\0')
		out_char(o, ']');
	return OPT_BAIL;
tcheck:
	print_trunc(pr);
	if (ch != '\0')
		out_char(o, '>');
	return OPT_BAIL;
trunc:
	print_trunc_stop(pr);
	return OPT_BAIL;
}

/* Data in a RST segment (RFC 1122 4.2.2.12), printed as text, at most 30
 * bytes: "[RST" when all of it was captured, "[!RST" when not. */
static void print_tcp_rst_data(np_printer *pr, const uint8_t *sp, uint32_t length)
{
	out_str(pr->out, np_has(sp, pr->snapend, length) ? " [RST" : " [!RST");
	if (length > MAX_RST_DATA_LEN) {
		length = MAX_RST_DATA_LEN;
		out_char(pr->out, '+');
	}
	out_char(pr->out, ' ');
	while (length && sp < pr->snapend) {
		print_safe_char(pr, *sp++);
		length--;
	}
	out_char(pr->out, ']');
}

static bool port_is(uint16_t sport, uint16_t dport, uint16_t port)
{
	return sport == port || dport == port;
}

/* The payload printer chosen by port, in tcpdump's order. */
static void print_tcp_payload(np_printer *pr, const uint8_t *bp, uint32_t length, uint16_t sport, uint16_t dport,
			      const uint8_t *iph)
{
	if (port_is(sport, dport, PORT_TELNET)) {
		print_telnet(pr, bp, length);
	} else if (port_is(sport, dport, PORT_SMTP)) {
		out_str(pr->out, ": ");
		print_smtp(pr, bp, length);
	} else if (port_is(sport, dport, PORT_WHOIS)) {
		out_str(pr->out, ": ");
		print_whois(pr, bp, length);
	} else if (port_is(sport, dport, PORT_BGP)) {
		print_bgp(pr, bp, length);
	} else if (port_is(sport, dport, PORT_PPTP)) {
		print_pptp(pr, bp, length);
	} else if (port_is(sport, dport, PORT_REDIS)) {
		print_resp(pr, bp, length);
	} else if (port_is(sport, dport, PORT_SSH)) {
		print_ssh(pr, bp, length);
	} else if (port_is(sport, dport, PORT_BEEP)) {
		print_beep(pr, bp, length);
	} else if (port_is(sport, dport, PORT_OPENFLOW_OLD) || port_is(sport, dport, PORT_OPENFLOW)) {
		print_openflow(pr, bp, length);
	} else if (port_is(sport, dport, PORT_FTP)) {
		out_str(pr->out, ": ");
		print_ftp(pr, bp, length);
	} else if (port_is(sport, dport, PORT_HTTP) || port_is(sport, dport, PORT_HTTP_ALT)) {
		out_str(pr->out, ": ");
		print_http(pr, bp, length);
	} else if (port_is(sport, dport, PORT_RTSP) || port_is(sport, dport, PORT_RTSP_ALT)) {
		out_str(pr->out, ": ");
		print_rtsp(pr, bp, length);
	} else if (port_is(sport, dport, PORT_DOMAIN)) {
		print_domain(pr, bp, length, true, false);
	} else if (port_is(sport, dport, PORT_MSDP)) {
		/* TODO: MSDP (print-msdp.c). */
	} else if (port_is(sport, dport, PORT_RPKI_RTR)) {
		print_rpki_rtr(pr, bp, length);
	} else if (port_is(sport, dport, PORT_LDP)) {
		print_ldp(pr, bp, length);
	} else if (port_is(sport, dport, PORT_NFS) && length >= 4 && np_has(bp, pr->snapend, 4)) {
		/* after the RPC record mark (RFC 5531 11): its fragment length */
		uint32_t fraglen = np_load_be32(bp) & 0x7fffffff;
		if (fraglen > length - 4)
			fraglen = length - 4;
		print_nfs(pr, bp + 4, fraglen, sport, dport, iph, ": ");
	}
}

/* Bail-outs before the flags, shared by -q and the full line. False when
 * tcp_print has nothing more to say. */
static bool tcp_header_sane(np_printer *pr, uint32_t hlen, uint32_t length)
{
	if (hlen < TCP_HDRLEN) {
		out_str(pr->out, " tcp ");
		out_u32(pr->out, length - hlen);
		out_str(pr->out, " [bad hdr length ");
		out_u32(pr->out, hlen);
		out_str(pr->out, " - too short, < 20]");
		return false;
	}
	return true;
}

static void print_too_long(np_printer *pr, uint32_t hlen, uint32_t length)
{
	out_str(pr->out, " [bad hdr length ");
	out_u32(pr->out, hlen);
	out_str(pr->out, " - too long, > ");
	out_u32(pr->out, length);
	out_char(pr->out, ']');
}

static void print_tcp_cksum(np_printer *pr, const uint8_t *iph, const uint8_t *p, uint32_t length, uint16_t tcp_sum)
{
	if (!np_has(p, pr->snapend, length))
		return;
	uint16_t sum = print_l4_cksum(pr, iph, p, length, 6);
	out_str(pr->out, ", cksum 0x");
	out_hex(pr->out, tcp_sum, 4);
	if (sum != 0) {
		out_str(pr->out, " (incorrect -> 0x");
		out_hex(pr->out, np_in_cksum_shouldbe(tcp_sum, sum), 4);
		out_char(pr->out, ')');
	} else {
		out_str(pr->out, " (correct)");
	}
}

void print_tcp(np_printer *pr, const uint8_t *p, uint32_t length, const uint8_t *iph, int fragmented)
{
	np_out *o = pr->out;
	pr->protocol = "tcp";
	if (!np_has(p + 2, pr->snapend, 2) || !np_has(p, pr->snapend, 4)) {
		print_addr(pr, iph, false);
		out_str(o, " > ");
		print_addr(pr, iph, true);
		out_char(o, ':');
		print_trunc(pr);
		return;
	}
	const np_layer *l = print_layer_at(pr, NP_LAYER_TCP, p, length);
	const struct np_tcp_info *t = &l->u.tcp;
	print_tcp_endpoints(pr, iph, t->sport, t->dport);
	if (!np_has(p, pr->snapend, TCP_HDRLEN)) {
		print_trunc(pr);
		return;
	}
	uint32_t hlen = t->off;
	if (!tcp_header_sane(pr, hlen, length))
		return;
	uint32_t seq = t->seq, ack = t->ack;
	if (pr->o.qflag) {
		out_str(o, "tcp ");
		out_u32(o, length - hlen);
		if (hlen > length)
			print_too_long(pr, hlen, length);
		return;
	}
	uint8_t flags = (uint8_t)t->flags;
	print_flags(pr, flags);

	struct tcp_rel rel = {0, 0, false};
	if (!pr->o.Sflag && (flags & TH_ACK)) {
		bool v6 = (iph[0] >> 4) == 6;
		print_tcp_relative(pr, v6, iph + (v6 ? 8 : 12), iph + (v6 ? 24 : 16), t->sport, t->dport, flags, &seq,
				   &ack, &rel);
	}
	if (hlen > length) {
		print_too_long(pr, hlen, length);
		return;
	}
	if (pr->o.vflag && !fragmented)
		print_tcp_cksum(pr, iph, p, length, t->cksum);

	length -= hlen;
	if (pr->o.vflag > 1 || length > 0 || (flags & (TH_SYN | TH_FIN | TH_RST))) {
		out_str(o, ", seq ");
		out_u32(o, seq);
		if (length > 0) {
			out_char(o, ':');
			out_u32(o, seq + length);
		}
	}
	if (flags & TH_ACK) {
		out_str(o, ", ack ");
		out_u32(o, ack);
	}
	out_str(o, ", win ");
	out_u32(o, t->win);
	if (flags & TH_URG) {
		out_str(o, ", urg ");
		out_u32(o, t->urp);
	}
	if (hlen > TCP_HDRLEN &&
	    print_tcp_options(pr, p + TCP_HDRLEN, hlen - TCP_HDRLEN, &rel, flags, p + hlen, length) != OPT_DONE)
		return;

	out_str(o, ", length ");
	out_u32(o, length);
	if (length == 0)
		return;
	if (!np_has(p, pr->snapend, hlen)) {
		out_str(o, " [remaining caplen(");
		out_u32(o, print_caplen_from(pr, p));
		out_str(o, ") < header length(");
		out_u32(o, hlen);
		out_str(o, ")]");
		print_trunc_stop(pr);
		return;
	}
	const uint8_t *bp = p + hlen;
	if ((flags & TH_RST) && pr->o.vflag) {
		print_tcp_rst_data(pr, bp, length);
		return;
	}
	if (pr->o.packettype) { /* -T: only these mean anything over TCP */
		if (pr->o.packettype == NP_PT_DOMAIN)
			print_domain(pr, bp, length, true, false);
		else if (pr->o.packettype == NP_PT_ZMTP1)
			print_zmtp1(pr, bp, length);
		else if (pr->o.packettype == NP_PT_RESP)
			print_resp(pr, bp, length);
		return;
	}
	print_tcp_payload(pr, bp, length, t->sport, t->dport, iph);
}
