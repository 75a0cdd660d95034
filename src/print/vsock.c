/*
 * vsock.c - Linux vsock monitoring (DLT_VSOCK, the vsockmon device) as
 * tcpdump 4.99's print-vsock.c writes it: "VIRTIO 3.1024 > 2.1234
 * CONNECT, length N", with -v the virtio transport header, with -vv the
 * payload of PAYLOAD operations as hex.
 *
 * Not for: the payloads' own protocols.
 */
#include <inttypes.h>

#include "print.h"

#define VSOCKMON_HDRLEN 32
#define VIRTIO_HDRLEN 44

static const np_tok vsock_transport_names[] = {{0, "UNKNOWN"}, {1, "NO_INFO"}, {2, "VIRTIO"}, {0, NULL}};

static const np_tok vsock_op_names[] = {
	{0, "UNKNOWN"}, {1, "CONNECT"}, {2, "DISCONNECT"}, {3, "CONTROL"}, {4, "PAYLOAD"}, {0, NULL},
};

static const np_tok virtio_type_names[] = {{1, "STREAM"}, {0, NULL}};

static const np_tok virtio_op_names[] = {
	{0, "INVALID"}, {1, "REQUEST"},       {2, "RESPONSE"},       {3, "RST"}, {4, "SHUTDOWN"},
	{5, "RW"},      {6, "CREDIT UPDATE"}, {7, "CREDIT REQUEST"}, {0, NULL},
};

static uint32_t le(const uint8_t *p, int n)
{
	uint32_t v = 0;
	for (int i = n - 1; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

static uint64_t le64(const uint8_t *p)
{
	return (uint64_t)le(p + 4, 4) << 32 | le(p, 4);
}

uint32_t print_vsock(np_printer *pr, const uint8_t *p, uint32_t length, uint32_t caplen)
{
	np_out *o = pr->out;
	(void)length;
	pr->protocol = "vsock";
	if (caplen < VSOCKMON_HDRLEN || !np_has(p, pr->snapend, VSOCKMON_HDRLEN)) {
		print_trunc(pr);
		return caplen;
	}
	uint16_t transport = (uint16_t)le(p + 26, 2), op = (uint16_t)le(p + 24, 2);
	uint32_t thdr = transport == 2 ? VIRTIO_HDRLEN : 0;
	bool short_hdr = false;
	out_str(o, tok2str(vsock_transport_names, "Invalid transport (%u)", transport));
	if (pr->o.vflag) {
		if (caplen < VSOCKMON_HDRLEN + thdr || !np_has(p, pr->snapend, VSOCKMON_HDRLEN + thdr)) {
			short_hdr = true;
		} else {
			if (transport == 2) {
				const uint8_t *h = p + VSOCKMON_HDRLEN;
				out_fmt(o, " (len %u", le(h + 24, 4));
				out_fmt(o, ", type %s", tok2str(virtio_type_names, "Invalid type (%u)", le(h + 28, 2)));
				out_fmt(o, ", op %s", tok2str(virtio_op_names, "Invalid op (%u)", le(h + 30, 2)));
				out_fmt(o, ", flags %x", le(h + 32, 4));
				out_fmt(o, ", buf_alloc %u", le(h + 36, 4));
				out_fmt(o, ", fwd_cnt %u)", le(h + 40, 4));
			}
			out_str(o, "\n\t");
		}
	} else {
		out_char(o, ' ');
	}
	out_fmt(o, "%" PRIu64 ".%u > %" PRIu64 ".%u %s, length %u", le64(p), le(p + 16, 4), le64(p + 8), le(p + 20, 4),
		tok2str(vsock_op_names, " invalid op (%u)", op), caplen);
	if (short_hdr) {
		print_trunc(pr);
	} else if (pr->o.vflag > 1 && op == 4) {
		if (caplen > VSOCKMON_HDRLEN + thdr) {
			out_char(o, '\n');
			print_unknown_data(pr, p + VSOCKMON_HDRLEN + thdr, "\t", caplen - VSOCKMON_HDRLEN - thdr);
		} else {
			print_trunc(pr);
		}
	}
	return VSOCKMON_HDRLEN;
}
