/*
 * zmtp.c - ZeroMQ's ZMTP/1.0 framing as tcpdump 4.99's print-zeromq.c
 * writes it: over TCP when asked with -T zmtp1, and inside PGM ODATA/RDATA
 * with -T pgm_zmtp1 (the datagram's frame offset, then its frames). Each
 * frame's length, MORE flag and, with -v, the first bytes of its body.
 *
 * Not for: ZMTP/2.0 and 3.x greetings and mechanisms.
 */
#include "print.h"

#define VBYTES 128 /* body bytes shown with -v (all with -vv) */

static uint64_t min64(uint64_t a, uint64_t b)
{
	return a < b ? a : b;
}

/* One frame at off of [p, p+ep): the offset of the next, or UINT64_MAX
 * when the packet stopped. */
static uint64_t print_frame(np_printer *pr, const uint8_t *p, uint64_t off, uint64_t ep)
{
	np_out *o = pr->out;
	const uint8_t *cp = p + off;
	uint64_t declared, hdr;
	uint8_t first, flags;
	out_str(o, "\n\t");
	NP_GET_U8(first, cp, pr->snapend);
	if (first != 0xff) {
		hdr = 1;
		declared = first;
		out_fmt(o, " frame flags+body  (8-bit) length %llu", (unsigned long long)declared);
	} else {
		hdr = 9;
		out_str(o, " frame flags+body (64-bit) length");
		NP_GET_BE64(declared, cp + 1, pr->snapend);
		out_fmt(o, " %llu", (unsigned long long)declared);
	}
	if (declared == 0)
		return off + hdr;
	NP_GET_U8(flags, cp + hdr, pr->snapend);
	uint64_t captured = ep - off - hdr; /* wraps as tcpdump's does when ep is short */
	if (declared > captured)
		out_fmt(o, " (%llu captured)", (unsigned long long)captured);
	out_fmt(o, ", flags 0x%02x", flags);
	if (pr->o.vflag) {
		uint64_t shown = min64(captured, declared);
		out_fmt(o, " (%s|%s|%s|%s|%s|%s|%s|%s)", flags & 0x80 ? "MBZ" : "-", flags & 0x40 ? "MBZ" : "-",
			flags & 0x20 ? "MBZ" : "-", flags & 0x10 ? "MBZ" : "-", flags & 0x08 ? "MBZ" : "-",
			flags & 0x04 ? "MBZ" : "-", flags & 0x02 ? "MBZ" : "-", flags & 0x01 ? "MORE" : "-");
		if (pr->o.vflag == 1)
			shown = min64(VBYTES + 1, shown);
		if (shown > 1) {
			out_fmt(o, ", first %llu byte(s) of body:", (unsigned long long)(shown - 1));
			if (!print_hex_ascii(pr, "\n\t ", cp + hdr + 1, (uint32_t)min64(shown - 1, UINT32_MAX)))
				return UINT64_MAX;
		}
	}
	off += hdr;
	if (declared > print_caplen_from(pr, p + off))
		goto trunc;
	return off + declared;
trunc:
	print_trunc_stop(pr);
	return UINT64_MAX;
}

/* Frames from off until ep (bytes from p). */
static void print_frames(np_printer *pr, const uint8_t *p, uint64_t off, uint64_t ep)
{
	while (off < ep) {
		off = print_frame(pr, p, off, ep);
		if (off == UINT64_MAX)
			return;
	}
}

void print_zmtp1(np_printer *pr, const uint8_t *p, uint32_t len)
{
	pr->protocol = "zmtp1";
	out_str(pr->out, ": ZMTP/1.0");
	print_frames(pr, p, 0, min64(print_caplen_from(pr, p), len));
}

void print_zmtp1_datagram(np_printer *pr, const uint8_t *p, uint32_t len)
{
	np_out *o = pr->out;
	uint16_t frame_offset;
	pr->protocol = "zmtp1";
	NP_GET_BE16(frame_offset, p, pr->snapend);
	out_fmt(o, "\n\t frame offset 0x%04x", frame_offset);
	uint32_t remaining = print_caplen_from(pr, p + 2);
	uint32_t part = frame_offset;
	if (frame_offset == 0xffff) {
		part = len - 2; /* wraps below 2, as tcpdump's does */
	} else if (2u + frame_offset > len) {
		out_str(o, " (exceeds datagram declared length)");
		goto trunc;
	}
	if (part) {
		out_fmt(o, "\n\t frame intermediate part, %u bytes", part);
		if (part > remaining)
			out_fmt(o, " (%u captured)", remaining);
		if (pr->o.vflag) {
			uint32_t shown = part < remaining ? part : remaining;
			if (pr->o.vflag == 1 && shown > VBYTES)
				shown = VBYTES;
			if (shown > 1) {
				out_fmt(o, ", first %u byte(s):", shown);
				if (!print_hex_ascii(pr, "\n\t ", p + 2, shown))
					return;
			}
		}
	}
	print_frames(pr, p, 2 + (uint64_t)part, min64(print_caplen_from(pr, p), len));
	return;
trunc:
	print_trunc_stop(pr);
}
