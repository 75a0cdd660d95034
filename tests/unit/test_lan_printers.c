/*
 * test_lan_printers.c - the LLDP, CDP, DTP, UDLD, PPPoE, BFD, HSRP, RIP,
 * syslog and TFTP printers (src/print/lldp.c, cdp.c, dtp.c, udld.c,
 * pppoe.c, bfd.c, hsrp.c, rip.c, syslog.c, tftp.c) on messages from
 * tcpdump's own captures (UDLD.pcap, DTP.pcap, pppoe.pcap,
 * bfd-raw-auth-sha1.pcap, HSRP_coup.pcap, syslog_udp.pcap, tftp.pcap)
 * and built LLDP, CDP and RIP messages whose text tcpdump printed: the whole message prints tcpdump 4.99.3's text, and a
 * message cut at every length prints the truncation mark (after a prefix
 * of the whole text where tcpdump prints one), without a read past the
 * cut (each cut is its own exact-size allocation, so the ASan run catches
 * one). tests/lan_printers.sh compares every cut with tcpdump itself.
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "print_harness.h"

/* BFDv1 control, Meticulous Keyed SHA1 authentication. */
static const uint8_t bfd_sha1[] = {
	0x20, 0x44, 0x05, 0x34, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x0f, 0x42, 0x40, 0x00, 0x0f,
	0x42, 0x40, 0x00, 0x00, 0x00, 0x00, 0x05, 0x1c, 0x02, 0x00, 0x00, 0x00, 0x00, 0x05, 0x01, 0x02, 0x03, 0x04,
	0x05, 0x06, 0x07, 0x08, 0x09, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1a,
};

static const char bfd_sha1_v[] =
	"BFDv1, length: 52\n"
	"\tControl, State Down, Flags: [Authentication Present], Diagnostic: No Diagnostic (0x00)\n"
	"\tDetection Timer Multiplier: 5 (5000 ms Detection time), BFD Length: 52\n"
	"\tMy Discriminator: 0x00000001, Your Discriminator: 0x00000000\n"
	"\t  Desired min Tx Interval:    1000 ms\n"
	"\t  Required min Rx Interval:   1000 ms\n"
	"\t  Required min Echo Interval:    0 ms\n"
	"\tAuthentication: Meticulous Keyed SHA1 (5), length: 28\n"
	"\t  Auth Key ID: 2, Sequence Number: 0x00000005\n"
	"\t  Hash: 010203040506070809101112131415161718191a";

/* HSRPv0 coup, active, group 1, 192.168.0.1, auth "cisco". */
static const uint8_t hsrp_coup[] = {
	0x00, 0x01, 0x10, 0x03, 0x0a, 0x64, 0x01, 0x00, 0x63, 0x69,
	0x73, 0x63, 0x6f, 0x00, 0x00, 0x00, 0xc0, 0xa8, 0x00, 0x01,
};

static const char hsrp_coup_v[] = "HSRPv0-coup 20: state=active group=1 addr=192.168.0.1 hellotime=3s "
				  "holdtime=10s priority=100 auth=\"cisco\"";

/* syslog: "<5>Sep 12 19:16:12 through logger: test message 21\0". */
static const uint8_t syslog_msg[] = "<5>Sep 12 19:16:12 through logger: test message 21";

static const char syslog_v[] = "SYSLOG, length: 51\n\tFacility kernel (0), Severity notice (5)\n"
			       "\tMsg: Sep 12 19:16:12 through logger: test message 21^@";

/* TFTP read request for "file1", mode octet. */
static const uint8_t tftp_rrq[] = {0x00, 0x01, 'f', 'i', 'l', 'e', '1', 0x00, 'o', 'c', 't', 'e', 't', 0x00};

/* Where tcpdump stops a cut TFTP request (the text it prints). */
static const char *const tftp_rrq_cuts[] = {
	"TFTP, length 14 [|tftp]",
	"TFTP, length 14 [|tftp]",
	"TFTP, length 14, RRQ \"\" [|tftp]",
	"TFTP, length 14, RRQ \"f\" [|tftp]",
	"TFTP, length 14, RRQ \"fi\" [|tftp]",
	"TFTP, length 14, RRQ \"fil\" [|tftp]",
	"TFTP, length 14, RRQ \"file\" [|tftp]",
	"TFTP, length 14, RRQ \"file1\" [|tftp]",
	"TFTP, length 14, RRQ \"file1\"  [|tftp]",
	"TFTP, length 14, RRQ \"file1\" o [|tftp]",
	"TFTP, length 14, RRQ \"file1\" oc [|tftp]",
	"TFTP, length 14, RRQ \"file1\" oct [|tftp]",
	"TFTP, length 14, RRQ \"file1\" octe [|tftp]",
	"TFTP, length 14, RRQ \"file1\" octet [|tftp]",
};

/* LLDP: chassis MAC, TTL 120, system name "sw1", management address
 * 10.0.0.1 on ifIndex 2, 802.1 link aggregation, End. */
static const uint8_t lldp_msg[] = {
	0x02, 0x07, 0x04, 0x00, 0x23, 0x54, 0xc2, 0x57, 0x02, 0x06, 0x02, 0x00, 0x78, 0x0a, 0x03,
	0x73, 0x77, 0x31, 0x10, 0x0c, 0x05, 0x01, 0x0a, 0x00, 0x00, 0x01, 0x02, 0x00, 0x00, 0x00,
	0x02, 0x00, 0xfe, 0x09, 0x00, 0x80, 0xc2, 0x07, 0x03, 0x00, 0x00, 0x00, 0x64, 0x00, 0x00,
};

static const char lldp_v[] = "LLDP, length 45\n"
			     "\tChassis ID TLV (1), length 7\n"
			     "\t  Subtype MAC address (4): 00:23:54:c2:57:02\n"
			     "\tTime to Live TLV (3), length 2: TTL 120s\n"
			     "\tSystem Name TLV (5), length 3: sw1\n"
			     "\tManagement Address TLV (8), length 12\n"
			     "\t  Management Address length 5, AFI IPv4 (1): 10.0.0.1\n"
			     "\t  Interface Index Interface Numbering (2): 2\n"
			     "\tOrganization specific TLV (127), length 9: OUI Ethernet bridged (0x0080c2)\n"
			     "\t  Link aggregation Subtype (7)\n"
			     "\t    aggregation status [supported, enabled], aggregation port ID 100\n"
			     "\tEnd TLV (0), length 0";

/* CDPv2: Device-ID S1, address 10.0.0.1, L2 switch + IGMP snooping,
 * native VLAN 5, full duplex. */
static const uint8_t cdp_msg[] = {
	0x02, 0xb4, 0x0b, 0xea, 0x00, 0x01, 0x00, 0x06, 0x53, 0x31, 0x00, 0x02, 0x00, 0x11, 0x00, 0x00,
	0x00, 0x01, 0x01, 0x01, 0xcc, 0x00, 0x04, 0x0a, 0x00, 0x00, 0x01, 0x00, 0x04, 0x00, 0x08, 0x00,
	0x00, 0x00, 0x28, 0x00, 0x0a, 0x00, 0x06, 0x00, 0x05, 0x00, 0x0b, 0x00, 0x05, 0x01,
};

static const char cdp_v[] = "CDPv2, ttl: 180s, checksum: 0x0bea (unverified), length 46\n"
			    "\tDevice-ID (0x01), value length: 2 bytes: 'S1'\n"
			    "\tAddress (0x02), value length: 13 bytes: IPv4 (1) 10.0.0.1\n"
			    "\tCapability (0x04), value length: 4 bytes: (0x00000028): L2 Switch, IGMP snooping\n"
			    "\tNative VLAN ID (0x0a), value length: 2 bytes: 5\n"
			    "\tDuplex (0x0b), value length: 1 byte: full";

static const char cdp_plain[] = "CDPv2, ttl: 180s, Device-ID 'S1'\n"
				"\t  0x0000:  0000 0001 0101 cc00 040a 0000 01\n"
				"\t  0x0000:  0000 0028\n"
				"\t  0x0000:  0005\n"
				"\t  0x0000:  01, length 46";

/* RIPv2 response: 10.1.0.0/16 metric 1 via self, 192.168.5.0/24 tag 7
 * metric 3 via 10.0.0.9. */
static const uint8_t rip_msg[] = {
	0x02, 0x02, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x0a, 0x01, 0x00, 0x00, 0xff, 0xff, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x02, 0x00, 0x07, 0xc0, 0xa8,
	0x05, 0x00, 0xff, 0xff, 0xff, 0x00, 0x0a, 0x00, 0x00, 0x09, 0x00, 0x00, 0x00, 0x03,
};

static const char rip_v[] = "\n\tRIPv2, Response, length: 44, routes: 2 or less\n"
			    "\t  AFI IPv4,        10.1.0.0/16, tag 0x0000, metric: 1, next-hop: self\n"
			    "\t  AFI IPv4,     192.168.5.0/24, tag 0x0007, metric: 3, next-hop: 10.0.0.9";

/* RIP reads only what was captured: a cut at an entry's end prints the
 * entries before it and no mark; elsewhere the mark follows. */
static void check_rip_cuts(void)
{
	np_out o;
	memset(&o, 0, sizeof(o));
	for (size_t cut = 0; cut < sizeof(rip_msg); cut++) {
		uint8_t *c = cut_copy(rip_msg, cut);
		const char *got = print_payload(&o, print_rip, c, cut, sizeof(rip_msg), 1, NULL);
		size_t n = strlen(got);
		bool marked = n >= 7 && strcmp(got + n - 7, " [|rip]") == 0;
		size_t body = marked ? n - 7 : n;
		bool at_entry_end = cut >= 4 && (cut - 4) % 20 == 0;
		bool ok = strncmp(got, rip_v, body) == 0 && marked == !at_entry_end;
		if (!ok)
			fprintf(stderr, "rip cut %zu: '%s'\n", cut, got);
		CHECK(ok);
		free(c);
	}
	free(o.buf);
}

/* UDLD probe from UDLD.pcap. */
static const uint8_t udld_msg[] = {
	0x21, 0x03, 0x6d, 0x85, 0x00, 0x01, 0x00, 0x0f, 0x46, 0x4f, 0x43, 0x31, 0x30, 0x33, 0x31,
	0x5a, 0x37, 0x4a, 0x47, 0x00, 0x02, 0x00, 0x09, 0x47, 0x69, 0x30, 0x2f, 0x31, 0x00, 0x03,
	0x00, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x04, 0x00, 0x05, 0x07, 0x00, 0x05, 0x00, 0x05,
	0x05, 0x00, 0x06, 0x00, 0x06, 0x53, 0x31, 0x00, 0x07, 0x00, 0x08, 0x00, 0x00, 0x00, 0x01,
};

static const char udld_v[] = "UDLDv1, Code Probe message (1), Flags [RT, RSY] (0x03), length 60\n"
			     "\tChecksum 0x6d85 (unverified)\n"
			     "\tDevice-ID TLV (0x0001) TLV, length 15, FOC1031Z7JG\n"
			     "\tPort-ID TLV (0x0002) TLV, length 9, Gi0/1\n"
			     "\tEcho TLV (0x0003) TLV, length 8, ^@^@^@^@\n"
			     "\tMessage Interval TLV (0x0004) TLV, length 5, 7s\n"
			     "\tTimeout Interval TLV (0x0005) TLV, length 5, 5s\n"
			     "\tDevice Name TLV (0x0006) TLV, length 6, S1\n"
			     "\tSequence Number TLV (0x0007) TLV, length 8, 1";

/* DTP from DTP.pcap (29 bytes; the frame's padding left out). */
static const uint8_t dtp_msg[] = {
	0x01, 0x00, 0x01, 0x00, 0x08, 0x4c, 0x61, 0x62, 0x00, 0x00, 0x02, 0x00, 0x05, 0x04, 0x00,
	0x03, 0x00, 0x05, 0x40, 0x00, 0x04, 0x00, 0x0a, 0x00, 0x19, 0x06, 0xea, 0xb8, 0x85,
};

static const char dtp_v[] = "DTPv1, length 29\n"
			    "\tDomain (0x0001) TLV, length 8, Lab\n"
			    "\tStatus (0x0002) TLV, length 5, 0x4\n"
			    "\tDTP type (0x0003) TLV, length 5, 0x40\n"
			    "\tNeighbor (0x0004) TLV, length 10, 00:19:06:ea:b8:85";

/* PPPoE PADI from pppoe.pcap. */
static const uint8_t pppoe_msg[] = {
	0x11, 0x09, 0x00, 0x00, 0x00, 0x12, 0x01, 0x01, 0x00, 0x00, 0x01, 0x20,
	0x00, 0x02, 0x05, 0xdc, 0x01, 0x03, 0x00, 0x04, 0x16, 0x37, 0x2c, 0x16,
};

static const char pppoe_text[] = "PPPoE PADI [Service-Name] [PPP-Max-Payload 0x05DC] [Host-Uniq 0x16372C16]";

static void bfd_control(np_printer *pr, const uint8_t *p, uint32_t length)
{
	print_bfd(pr, p, length, 3784);
}

/* Every cut of msg: a prefix of the whole text, then " [|proto]". */
static void check_cuts(payload_printer fn, const uint8_t *msg, size_t len, const char *whole, const char *mark, int v)
{
	np_out o;
	memset(&o, 0, sizeof(o));
	for (size_t cut = 0; cut < len; cut++) {
		uint8_t *c = cut_copy(msg, cut);
		bool stopped = false;
		const char *got = print_payload(&o, fn, c, cut, (uint32_t)len, v, &stopped);
		size_t n = strlen(got), m = strlen(mark);
		bool ok = stopped && n >= m && strcmp(got + n - m, mark) == 0 && strncmp(got, whole, n - m) == 0;
		if (!ok)
			fprintf(stderr, "cut %zu: '%s'\n", cut, got);
		CHECK(ok);
		free(c);
	}
	free(o.buf);
}

int main(void)
{
	np_out o;
	memset(&o, 0, sizeof(o));
	CHECK(payload_prints(&o, bfd_control, bfd_sha1, sizeof(bfd_sha1), sizeof(bfd_sha1), 1, bfd_sha1_v));
	CHECK(payload_prints(&o, bfd_control, bfd_sha1, sizeof(bfd_sha1), sizeof(bfd_sha1), 0,
			     "BFDv1, Control, State Down, Flags: [Authentication Present], length: 52"));
	CHECK(payload_prints(&o, print_hsrp, hsrp_coup, sizeof(hsrp_coup), sizeof(hsrp_coup), 1, hsrp_coup_v));
	CHECK(payload_prints(&o, print_hsrp, hsrp_coup, sizeof(hsrp_coup), sizeof(hsrp_coup), 0,
			     "HSRPv0-coup 20: state=active group=1 addr=192.168.0.1"));
	free(o.buf);
	check_cuts(bfd_control, bfd_sha1, sizeof(bfd_sha1), bfd_sha1_v, " [|bfd]", 1);
	/* cuts past the address print nothing missing without -v */
	check_cuts(print_hsrp, hsrp_coup, 20, hsrp_coup_v, " [|hsrp]", 1);
	memset(&o, 0, sizeof(o));
	CHECK(payload_prints(&o, print_syslog, syslog_msg, sizeof(syslog_msg), sizeof(syslog_msg), 1, syslog_v));
	CHECK(payload_prints(&o, print_syslog, syslog_msg, sizeof(syslog_msg), sizeof(syslog_msg), 0,
			     "SYSLOG kernel.notice, length: 51"));
	CHECK(payload_prints(&o, print_tftp, tftp_rrq, sizeof(tftp_rrq), sizeof(tftp_rrq), 0,
			     "TFTP, length 14, RRQ \"file1\" octet"));
	for (size_t cut = 0; cut < sizeof(tftp_rrq); cut++) {
		uint8_t *c = cut_copy(tftp_rrq, cut);
		CHECK(text_is(print_payload(&o, print_tftp, c, cut, sizeof(tftp_rrq), 0, NULL), tftp_rrq_cuts[cut]));
		free(c);
	}
	free(o.buf);
	memset(&o, 0, sizeof(o));
	CHECK(payload_prints(&o, print_lldp, lldp_msg, sizeof(lldp_msg), sizeof(lldp_msg), 1, lldp_v));
	CHECK(payload_prints(&o, print_lldp, lldp_msg, sizeof(lldp_msg), sizeof(lldp_msg), 0, "LLDP, length 45: sw1"));
	free(o.buf);
	memset(&o, 0, sizeof(o));
	CHECK(payload_prints(&o, print_cdp, cdp_msg, sizeof(cdp_msg), sizeof(cdp_msg), 1, cdp_v));
	CHECK(payload_prints(&o, print_cdp, cdp_msg, sizeof(cdp_msg), sizeof(cdp_msg), 0, cdp_plain));
	free(o.buf);
	check_cuts(print_cdp, cdp_msg, sizeof(cdp_msg), cdp_v, " [|cdp]", 1);
	memset(&o, 0, sizeof(o));
	CHECK(payload_prints(&o, print_rip, rip_msg, sizeof(rip_msg), sizeof(rip_msg), 1, rip_v));
	CHECK(payload_prints(&o, print_rip, rip_msg, sizeof(rip_msg), sizeof(rip_msg), 0,
			     "RIPv2, Response, length: 44"));
	free(o.buf);
	check_rip_cuts();
	memset(&o, 0, sizeof(o));
	CHECK(payload_prints(&o, print_udld, udld_msg, sizeof(udld_msg), sizeof(udld_msg), 1, udld_v));
	CHECK(payload_prints(&o, print_dtp, dtp_msg, sizeof(dtp_msg), sizeof(dtp_msg), 1, dtp_v));
	CHECK(payload_prints(&o, print_pppoe, pppoe_msg, sizeof(pppoe_msg), sizeof(pppoe_msg), 0, pppoe_text));
	free(o.buf);
	check_cuts(print_udld, udld_msg, sizeof(udld_msg), udld_v, " [|udld]", 1);
	check_cuts(print_dtp, dtp_msg, sizeof(dtp_msg), dtp_v, " [|dtp]", 1);
	check_cuts(print_pppoe, pppoe_msg, sizeof(pppoe_msg), pppoe_text, " [|pppoe]", 0);
	check_cuts(print_lldp, lldp_msg, sizeof(lldp_msg), lldp_v, " [|lldp]", 1);
	check_cuts(print_syslog, syslog_msg, sizeof(syslog_msg), syslog_v, " [|syslog]", 1);
	return check_summary("test_lan_printers");
}
