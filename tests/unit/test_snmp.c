/*
 * test_snmp.c - the SNMP printer (print/snmp.c): the text of hand-built
 * v1/v2c/v3 messages at each -v level (checked against tcpdump 4.99.3),
 * its complaints about malformed BER, and that every cut of a message and
 * every single-byte corruption of it reads nothing out of bounds (the ASan
 * build catches stray reads: each cut is a private heap copy of exactly
 * that many bytes).
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../src/print/print.h"
#include "check.h"
#include "print_harness.h"

/* v1 GetRequest, community "public", request-id 1234: sysDescr.0, sysName.0. */
static const uint8_t get_request[] = {
	0x30, 0x35, 0x02, 0x01, 0x00, 0x04, 0x06, 'p',  'u',  'b',  'l',  'i',  'c',  0xa0,
	0x28, 0x02, 0x02, 0x04, 0xd2, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00, 0x30, 0x1c, 0x30,
	0x0c, 0x06, 0x08, 0x2b, 0x06, 0x01, 0x02, 0x01, 0x01, 0x01, 0x00, 0x05, 0x00, 0x30,
	0x0c, 0x06, 0x08, 0x2b, 0x06, 0x01, 0x02, 0x01, 0x01, 0x05, 0x00, 0x05, 0x00,
};

/* v2c GetResponse, community "private", noSuchName at index 1, a string value. */
static const uint8_t get_response[] = {
	0x30, 0x2c, 0x02, 0x01, 0x01, 0x04, 0x07, 'p',  'r',  'i',  'v',  'a',  't',  'e',  0xa2, 0x1e,
	0x02, 0x01, 0x09, 0x02, 0x01, 0x02, 0x02, 0x01, 0x01, 0x30, 0x13, 0x30, 0x11, 0x06, 0x08, 0x2b,
	0x06, 0x01, 0x02, 0x01, 0x01, 0x01, 0x00, 0x04, 0x05, 'L',  'i',  'n',  'u',  'x',
};

/* v1 Trap, community "trap": enterprise .1.3.6.1.4.1.3830, agent 1.2.3.4,
 * enterpriseSpecific 52, uptime 5, one integer varbind. */
static const uint8_t v1_trap[] = {
	0x30, 0x38, 0x02, 0x01, 0x00, 0x04, 0x04, 't',  'r',  'a',  'p',  0xa4, 0x2d, 0x06, 0x07,
	0x2b, 0x06, 0x01, 0x04, 0x01, 0x9d, 0x76, 0x40, 0x04, 0x01, 0x02, 0x03, 0x04, 0x02, 0x01,
	0x06, 0x02, 0x01, 0x34, 0x43, 0x04, 0x00, 0x00, 0x00, 0x05, 0x30, 0x10, 0x30, 0x0e, 0x06,
	0x09, 0x2b, 0x06, 0x01, 0x04, 0x01, 0x9d, 0x76, 0x01, 0x01, 0x02, 0x01, 0x03,
};

/* v3 GetRequest: flags "r", USM user "user", scoped PDU for context "ctx". */
static const uint8_t v3_get[] = {
	0x30, 0x52, 0x02, 0x01, 0x03, 0x30, 0x0e, 0x02, 0x01, 0x01, 0x02, 0x03, 0x00, 0xff, 0xe3, 0x04, 0x01,
	0x04, 0x02, 0x01, 0x03, 0x04, 0x17, 0x30, 0x15, 0x04, 0x02, 0x80, 0x00, 0x02, 0x01, 0x03, 0x02, 0x02,
	0x30, 0x39, 0x04, 0x04, 'u',  's',  'e',  'r',  0x04, 0x00, 0x04, 0x00, 0x30, 0x24, 0x04, 0x02, 0x80,
	0x00, 0x04, 0x03, 'c',  't',  'x',  0xa0, 0x19, 0x02, 0x01, 0x2a, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00,
	0x30, 0x0e, 0x30, 0x0c, 0x06, 0x08, 0x2b, 0x06, 0x01, 0x02, 0x01, 0x01, 0x01, 0x00, 0x05, 0x00,
};

/* Print a message of `length` bytes, caplen of them captured, at -v level v. */
static const char *print_msg(np_out *o, const uint8_t *p, size_t caplen, uint32_t length, int v, bool *stopped)
{
	return print_payload(o, print_snmp, p, caplen, length, v, stopped);
}

static bool prints(np_out *o, const uint8_t *p, size_t len, int v, const char *want)
{
	return payload_prints(o, print_snmp, p, len, (uint32_t)len, v, want);
}

static void test_messages(np_out *o)
{
	CHECK(prints(o, get_request, sizeof(get_request), 0, " GetRequest(40)  .1.3.6.1.2.1.1.1.0 .1.3.6.1.2.1.1.5.0"));
	CHECK(prints(o, get_request, sizeof(get_request), 1,
		     " { SNMPv1 { GetRequest(40) R=1234  .1.3.6.1.2.1.1.1.0 .1.3.6.1.2.1.1.5.0 } } "));
	CHECK(prints(o, get_response, sizeof(get_response), 2,
		     " { SNMPv2c C=\"private\" { GetResponse(30) R=9  noSuchName@1 .1.3.6.1.2.1.1.1.0=\"Linux\" } } "));
	CHECK(prints(o, v1_trap, sizeof(v1_trap), 0,
		     " C=\"trap\" Trap(45)  .1.3.6.1.4.1.3830 1.2.3.4 enterpriseSpecific s=52 5"
		     " .1.3.6.1.4.1.3830.1.1=3"));
	CHECK(prints(o, v3_get, sizeof(v3_get), 1,
		     " { SNMPv3 { F=r } { USM B=3 T=12345 U=\"user\" } { ScopedPDU E=_80_00 C=\"ctx\""
		     " { GetRequest(25) R=42  .1.3.6.1.2.1.1.1.0 } } } "));
	CHECK(prints(o, v3_get, sizeof(v3_get), 0,
		     " F=r U=\"user\" E=_80_00 C=\"ctx\" GetRequest(25)  .1.3.6.1.2.1.1.1.0"));
	/* trailing bytes after the message, a value in a request */
	uint8_t extra[sizeof(get_request) + 2];
	memcpy(extra, get_request, sizeof(get_request));
	extra[sizeof(get_request)] = extra[sizeof(get_request) + 1] = 0;
	CHECK(prints(o, extra, sizeof(extra), 0,
		     " [2 extra after iSEQ]GetRequest(40)  .1.3.6.1.2.1.1.1.0 .1.3.6.1.2.1.1.5.0"));
	CHECK(strcmp(print_msg(o, extra, sizeof(get_request), sizeof(extra), 0, NULL),
		     " [2 extra after iSEQ]GetRequest(40)  .1.3.6.1.2.1.1.1.0 .1.3.6.1.2.1.1.5.0") == 0);
}

/* Malformed BER: tcpdump's complaints, word for word. */
static void test_malformed(np_out *o)
{
	static const uint8_t no_len[] = {0x30};
	static const uint8_t huge_len[] = {0x30, 0x84, 0xff, 0xff, 0xff, 0xff};
	static const uint8_t long_len_short[] = {0x30, 0x85, 0x00};
	static const uint8_t empty_int[] = {0x30, 0x03, 0x02, 0x00, 0x00};
	static const uint8_t bad_id[] = {0x1f, 0x85, 0x00, 0x00};
	static const uint8_t ext_tag[] = {0x1f, 0x85, 0x01};
	static const uint8_t private_prim[] = {0xc0, 0x00};
	static const uint8_t app_cons[] = {0x61, 0x00};
	static const uint8_t version9[] = {0x30, 0x03, 0x02, 0x01, 0x09};
	CHECK(prints(o, no_len, 0, 0, " [nothing to parse]"));
	CHECK(prints(o, no_len, sizeof(no_len), 0, " [no asnlen]"));
	CHECK(prints(o, huge_len, sizeof(huge_len), 0, " [len0<asnlen4294967295]"));
	CHECK(prints(o, long_len_short, sizeof(long_len_short), 0, " [asnlen? 1<5]"));
	CHECK(prints(o, empty_int, sizeof(empty_int), 0, " [asnlen=0]"));
	CHECK(prints(o, bad_id, sizeof(bad_id), 0, " [id?P/x/128]"));
	CHECK(strcmp(print_msg(o, ext_tag, sizeof(ext_tag), 2, 0, NULL), " [Xtagfield?]") == 0);
	CHECK(prints(o, private_prim, sizeof(private_prim), 0, " [P/x/P-0][!init SEQ]"));
	CHECK(prints(o, app_cons, sizeof(app_cons), 0, " C/x/Counter[!init SEQ]"));
	CHECK(prints(o, version9, sizeof(version9), 1, " SNMP [version = 9]"));
	/* the tag octets are read up to the capture's end, not the length's */
	CHECK(strcmp(print_msg(o, ext_tag, 2, 2, 0, NULL), "  [|snmp]") == 0);
}

/* Every cut prints the leading space and " [|snmp]": the outer sequence's
 * content is checked whole first. It is a stop only when the cut is in
 * the first tag or length octets. */
static void test_cuts(np_out *o, const uint8_t *msg, size_t len)
{
	for (size_t n = 0; n < len; n++) {
		uint8_t *c = cut_copy(msg, n);
		for (int v = 0; v <= 2; v++) {
			bool stopped;
			const char *got = print_msg(o, c, n, (uint32_t)len, v, &stopped);
			CHECK(strcmp(got, "  [|snmp]") == 0);
			CHECK(stopped == (n < 2));
		}
		free(c);
	}
}

/* Text that could be tcpdump's: the leading blank snmp_print writes first,
 * then printable ASCII only (values are escaped, never copied raw). */
static bool plausible_text(const char *t)
{
	if (t[0] != ' ')
		return false;
	for (; *t; t++)
		if (*t < 0x20 || *t > 0x7e)
			return false;
	return true;
}

/* Every byte set to values that upset BER parsing, with every cut of the
 * result: nothing may read past the copy (ASan) or loop, and each text is
 * still plausible_text. */
static void test_corruptions(np_out *o, const uint8_t *msg, size_t len)
{
	static const uint8_t nasty[] = {0x00, 0x01, 0x1f, 0x3f, 0x7f, 0x80, 0x81, 0x82, 0x84, 0x85, 0x88, 0xa4, 0xff};
	uint8_t *buf = malloc(len);
	size_t bad = 0;
	for (size_t i = 0; i < len; i++) {
		for (size_t k = 0; k < sizeof(nasty); k++) {
			memcpy(buf, msg, len);
			buf[i] = nasty[k];
			for (size_t n = len; n + 8 >= len && n > 0; n--) {
				uint8_t *c = cut_copy(buf, n);
				const char *got = print_msg(o, c, n, (uint32_t)len, 2, NULL);
				if (!plausible_text(got)) {
					fprintf(stderr, "byte %zu = 0x%02x, cut %zu: '%s'\n", i, nasty[k], n, got);
					bad++;
				}
				free(c);
			}
		}
	}
	free(buf);
	CHECK(bad == 0);
}

int main(void)
{
	np_out o;
	out_open_fd(&o, STDOUT_FILENO);
	test_messages(&o);
	test_malformed(&o);
	const struct {
		const uint8_t *p;
		size_t len;
	} msgs[] = {
		{get_request, sizeof(get_request)},
		{get_response, sizeof(get_response)},
		{v1_trap, sizeof(v1_trap)},
		{v3_get, sizeof(v3_get)},
	};
	for (size_t i = 0; i < sizeof(msgs) / sizeof(msgs[0]); i++) {
		test_cuts(&o, msgs[i].p, msgs[i].len);
		test_corruptions(&o, msgs[i].p, msgs[i].len);
	}
	o.len = 0;
	out_close(&o);
	return check_summary("unit snmp");
}
