/*
 * test_dns.c - the DNS reader (decode/dns.c) and printer (print/dns.c):
 * header and record fields of hand-built messages, name decompression and
 * its defences (pointer loops, forward pointers, labels past the end, the
 * 255-character limit), and that every cut of a message reads nothing out
 * of bounds and reports the cut (the ASan build catches stray reads: each
 * cut is a private heap copy of exactly that many bytes).
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../src/decode/dns.h"
#include "../../src/decode/packet.h"
#include "../../src/print/print.h"
#include "check.h"
#include "print_harness.h"

/* id 0x1234, RD, 1 question: www.example.com A IN. */
static const uint8_t query[] = {
	0x12, 0x34, 0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 3,    'w',  'w',  'w',  7,
	'e',  'x',  'a',  'm',  'p',  'l',  'e',  3,    'c',  'o',  'm',  0,    0x00, 0x01, 0x00, 0x01,
};

/* The answer: two records named by pointers to the question's name (offset
 * 12): A 192.0.2.1 (ttl 300) and AAAA 2001:db8::1; an OPT record in the
 * additional section with extended rcode 1 (BADVERS with rcode 0) and DO. */
static const uint8_t response[] = {
	0x12, 0x34, 0x81, 0x80, 0x00, 0x01, 0x00, 0x02, 0x00, 0x00, 0x00, 0x01, 3,    'w',  'w',  'w',  7,    'e',
	'x',  'a',  'm',  'p',  'l',  'e',  3,    'c',  'o',  'm',  0,    0x00, 0x01, 0x00, 0x01, 0xc0, 0x0c, 0x00,
	0x01, 0x00, 0x01, 0x00, 0x00, 0x01, 0x2c, 0x00, 0x04, 192,  0,    2,    1,    0xc0, 0x0c, 0x00, 0x1c, 0x00,
	0x01, 0x00, 0x00, 0x01, 0x2c, 0x00, 0x10, 0x20, 0x01, 0x0d, 0xb8, 0,    0,    0,    0,    0,    0,    0,
	0,    0,    0,    0,    1,    0x00, 0x00, 0x29, 0x10, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00, 0x00,
};

static void test_header(void)
{
	np_dns_msg m;
	CHECK(np_dns_parse(&m, query, query + sizeof(query)) == NP_OK);
	CHECK(m.id == 0x1234 && m.flags == 0x0100);
	CHECK(m.qdcount == 1 && m.ancount == 0 && m.nscount == 0 && m.arcount == 0);
	CHECK(!NP_DNS_QR(m.flags) && NP_DNS_RD(m.flags));
	CHECK(np_dns_parse(&m, query, query + 11) == NP_TRUNCATED);
}

static void test_question(void)
{
	np_dns_msg m;
	np_dns_iter it;
	np_dns_rr rr;
	char name[256];
	const uint8_t *next = NULL;
	np_dns_parse(&m, query, query + sizeof(query));
	np_dns_iter_init(&it, &m);
	CHECK(np_dns_iter_next(&it, &rr) == NP_DNS_OK);
	CHECK(rr.section == NP_DNS_QUESTION && rr.type == NP_DNS_T_A && rr.rclass == NP_DNS_C_IN);
	CHECK(np_dns_name(&m, rr.name, name, sizeof(name), &next) == 15);
	CHECK(strcmp(name, "www.example.com") == 0);
	CHECK(next == query + 29);
	CHECK(np_dns_iter_next(&it, &rr) == NP_DNS_END);
	CHECK(np_dns_skip_name(query + 12, query + sizeof(query)) == query + 29);
	/* a short buffer keeps what fits and still says how long the name is */
	CHECK(np_dns_name(&m, rr.name, name, 4, NULL) == 15 && strcmp(name, "www") == 0);
}

static void test_answers(void)
{
	np_dns_msg m;
	np_dns_iter it;
	np_dns_rr rr;
	char name[256];
	np_dns_parse(&m, response, response + sizeof(response));
	CHECK(np_dns_rcode(&m) == 16); /* extended by the OPT record */
	np_dns_iter_init(&it, &m);
	CHECK(np_dns_iter_next(&it, &rr) == NP_DNS_OK && rr.section == NP_DNS_QUESTION);
	CHECK(np_dns_iter_next(&it, &rr) == NP_DNS_OK);
	CHECK(rr.section == NP_DNS_ANSWER && rr.type == NP_DNS_T_A && rr.ttl == 300 && rr.rdlen == 4);
	CHECK(memcmp(rr.rdata, "\xc0\x00\x02\x01", 4) == 0);
	CHECK(np_dns_name(&m, rr.name, name, sizeof(name), NULL) == 15 && strcmp(name, "www.example.com") == 0);
	CHECK(np_dns_iter_next(&it, &rr) == NP_DNS_OK);
	CHECK(rr.type == NP_DNS_T_AAAA && rr.rdlen == 16 && rr.rdata[15] == 1);
	CHECK(np_dns_iter_next(&it, &rr) == NP_DNS_OK);
	CHECK(rr.section == NP_DNS_ADDITIONAL && rr.type == NP_DNS_T_OPT && rr.rclass == 4096);
	CHECK(np_dns_name(&m, rr.name, name, sizeof(name), NULL) == 1 && strcmp(name, ".") == 0);
	CHECK(np_dns_iter_next(&it, &rr) == NP_DNS_END);
}

/* A message of `body` after a header claiming one question. */
static int name_at_12(const uint8_t *body, size_t n, char *name, size_t cap)
{
	uint8_t msg[600] = {0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0};
	memcpy(msg + 12, body, n);
	np_dns_msg m;
	np_dns_parse(&m, msg, msg + 12 + n);
	return np_dns_name(&m, msg + 12, name, cap, NULL);
}

static void test_bad_names(void)
{
	char name[300];
	/* a pointer to itself, and a forward pointer */
	CHECK(name_at_12((const uint8_t *)"\xc0\x0c", 2, name, sizeof(name)) == -1);
	CHECK(name_at_12((const uint8_t *)"\xc0\x0e\x01\x61\x00", 5, name, sizeof(name)) == -1);
	/* two labels pointing at each other: a -> ptr to 14, at 14: b -> ptr to 12 */
	CHECK(name_at_12((const uint8_t *)"\x01\x61\xc0\x10\x01\x62\xc0\x0c", 8, name, sizeof(name)) == -1);
	/* a label running past the end, a name without its zero */
	CHECK(name_at_12((const uint8_t *)"\x05\x61\x62", 3, name, sizeof(name)) == -1);
	CHECK(name_at_12((const uint8_t *)"\x01\x61", 2, name, sizeof(name)) == -1);
	/* the reserved label type and an unknown extended type */
	CHECK(name_at_12((const uint8_t *)"\x80\x00", 2, name, sizeof(name)) == -1);
	CHECK(name_at_12((const uint8_t *)"\x42\x00", 2, name, sizeof(name)) == -1);
	/* 255 characters is the longest name; 257 is too long */
	uint8_t body[600];
	size_t n = 0;
	for (int i = 0; i < 4; i++) {
		body[n++] = 63;
		memset(body + n, 'a' + i, 63);
		n += 63;
	}
	body[n++] = 0;
	CHECK(name_at_12(body, n, name, sizeof(name)) == 255 && strlen(name) == 255);
	n--;
	body[n++] = 1;
	body[n++] = 'e';
	body[n++] = 0;
	CHECK(name_at_12(body, n, name, sizeof(name)) == -1);
	/* a good backward pointer after a label */
	CHECK(name_at_12((const uint8_t *)"\x01\x61\x00\x01\x62\xc0\x0c", 7, name, sizeof(name)) == 1);
}

/* The walker on a pointer loop names the problem. */
static void test_walk_errors(void)
{
	static const uint8_t msg[] = {0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0xc0, 0x0c};
	np_dns_walk w;
	CHECK(np_dns_walk_start(&w, msg, msg + sizeof(msg), msg + 12) == NP_DNS_OK);
	CHECK(np_dns_walk_next(&w) == NP_DNS_BAD_PTR);
	CHECK(np_dns_walk_start(&w, msg, msg + 12, msg + 12) == NP_DNS_TRUNC);
}

static void print_dns_udp(np_printer *pr, const uint8_t *p, uint32_t length)
{
	print_domain(pr, p, length, false, false);
}

static void print_dns_tcp(np_printer *pr, const uint8_t *p, uint32_t length)
{
	print_domain(pr, p, length, true, false);
}

/* Print a message with -v level v; the text in out. */
static const char *print_msg(np_out *o, const uint8_t *p, size_t caplen, uint32_t length, int v, bool tcp)
{
	return print_payload(o, tcp ? print_dns_tcp : print_dns_udp, p, caplen, length, v, NULL);
}

static void test_printer(np_out *o)
{
	CHECK(strcmp(print_msg(o, query, sizeof(query), sizeof(query), 0, false), "4660+ A? www.example.com. (33)") ==
	      0);
	CHECK(strcmp(print_msg(o, response, sizeof(response), sizeof(response), 0, false),
		     "4660 BadVers 2/0/1 A 192.0.2.1, AAAA 2001:db8::1 (88)") == 0);
	CHECK(strcmp(print_msg(o, response, sizeof(response), sizeof(response), 3, false),
		     "4660 BadVers q: A? www.example.com. 2/0/1 www.example.com. [5m] A 192.0.2.1,"
		     " www.example.com. [5m] AAAA 2001:db8::1 ar: . OPT UDPsize=4096 DO (88)") == 0);
	CHECK(strcmp(print_msg(o, query, 20, sizeof(query), 0, false), "4660+ [|domain]") == 0);
	CHECK(strcmp(print_msg(o, query, 11, sizeof(query), 0, false), " [|domain]") == 0);
	CHECK(strcmp(print_msg(o, query, 11, 11, 0, false), "domain [length 11 < 12] (invalid)") == 0);
	static const uint8_t loop[] = {0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 'a', 0xc0, 0x0c, 0, 1, 0, 1};
	CHECK(strcmp(print_msg(o, loop, sizeof(loop), sizeof(loop), 0, false), "1 A? a.<BAD PTR> [|domain]") == 0);
	uint8_t tcp[2 + sizeof(query)] = {0, sizeof(query)};
	memcpy(tcp + 2, query, sizeof(query));
	CHECK(strcmp(print_msg(o, tcp, sizeof(tcp), sizeof(tcp), 0, true), " 4660+ A? www.example.com. (33)") == 0);
	CHECK(strcmp(print_msg(o, tcp, sizeof(tcp), sizeof(tcp) + 1, 0, true),
		     " [prefix length(33) != length(34)] (invalid)") == 0);
}

/* Every cut of a message: the reader reports it and nothing reads past it. */
static void test_cuts(np_out *o, const uint8_t *msg, size_t len)
{
	for (size_t n = 0; n <= len; n++) {
		uint8_t *c = cut_copy(msg, n);
		np_dns_msg m;
		np_dns_iter it;
		np_dns_rr rr;
		char name[256];
		int st = np_dns_parse(&m, c, c + n);
		CHECK(st == (n < NP_DNS_HDR_LEN ? NP_TRUNCATED : NP_OK));
		np_dns_iter_init(&it, &m);
		int r, records = 0;
		while (st == NP_OK && (r = np_dns_iter_next(&it, &rr)) == NP_DNS_OK) {
			np_dns_name(&m, rr.name, name, sizeof(name), NULL);
			records++;
		}
		if (st == NP_OK)
			CHECK(n == len ? r == NP_DNS_END
				       : r == NP_DNS_TRUNC || records == m.qdcount + m.ancount + m.nscount + m.arcount);
		(void)np_dns_rcode(&m);
		/* The whole message has no mark. A cut query always shows it, and
		 * so does any cut inside the header; a response cut later, in a
		 * section not printed at this -v level or in a record's fixed
		 * part, need not (tcpdump's ns_rprint quirk), but its id (4660)
		 * comes first, as ns_print prints it once the header is there. */
		for (int v = 0; v <= 3; v++) {
			const char *got = print_msg(o, c, n, (uint32_t)len, v, false);
			if (n == len)
				CHECK(strstr(got, "[|domain]") == NULL);
			else if (n < NP_DNS_HDR_LEN || !NP_DNS_QR(msg[2] << 8))
				CHECK(strstr(got, "[|domain]") != NULL);
			else
				CHECK(strncmp(got, "4660", 4) == 0);
		}
		free(c);
	}
}

int main(void)
{
	np_out o;
	out_open_fd(&o, STDOUT_FILENO);
	test_header();
	test_question();
	test_answers();
	test_bad_names();
	test_walk_errors();
	test_printer(&o);
	test_cuts(&o, query, sizeof(query));
	test_cuts(&o, response, sizeof(response));
	o.len = 0;
	out_close(&o);
	return check_summary("unit dns");
}
