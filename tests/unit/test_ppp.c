/*
 * test_ppp.c - the PPP printer (src/print/ppp.c) on HDLC octet-stuffed
 * frames: each frame is un-escaped into a buffer of its own, so frames
 * nested inside frames print as deep as tcpdump 4.99.3 prints them (an
 * earlier fixed stack of two buffers silently stopped at the third), and
 * every cut of such a packet prints without a read past the cut (ASan).
 */
#include "../../src/decode/packet.h"
#include "../../src/print/print.h"
#include "check.h"
#include "print_harness.h"

/* IPv4 / GREv1 (PPTP) / PPP 0x7e: an HDLC frame holding IP / GREv1 / ...,
 * four tunnels deep, "hello" inside the last. */
static const uint8_t nested_hdlc[] = {
	0x45, 0x00, 0x00, 0x8d, 0x00, 0x01, 0x00, 0x00, 0x40, 0x2f, 0x00, 0x00, 0x0a, 0x00, 0x00, 0x01, 0x0a, 0x00,
	0x00, 0x02, 0x30, 0x01, 0x88, 0x0b, 0x00, 0x6d, 0x00, 0x01, 0x00, 0x00, 0x00, 0x07, 0x7e, 0x21, 0x45, 0x00,
	0x00, 0x6b, 0x00, 0x01, 0x00, 0x00, 0x40, 0x2f, 0x00, 0x00, 0x0a, 0x00, 0x00, 0x01, 0x0a, 0x00, 0x00, 0x02,
	0x30, 0x01, 0x88, 0x0b, 0x00, 0x4b, 0x00, 0x01, 0x00, 0x00, 0x00, 0x07, 0x7e, 0x21, 0x45, 0x00, 0x00, 0x49,
	0x00, 0x01, 0x00, 0x00, 0x40, 0x2f, 0x00, 0x00, 0x0a, 0x00, 0x00, 0x01, 0x0a, 0x00, 0x00, 0x02, 0x30, 0x01,
	0x88, 0x0b, 0x00, 0x29, 0x00, 0x01, 0x00, 0x00, 0x00, 0x07, 0x7e, 0x21, 0x45, 0x00, 0x00, 0x27, 0x00, 0x01,
	0x00, 0x00, 0x40, 0x2f, 0x00, 0x00, 0x0a, 0x00, 0x00, 0x01, 0x0a, 0x00, 0x00, 0x02, 0x30, 0x01, 0x88, 0x0b,
	0x00, 0x07, 0x00, 0x01, 0x00, 0x00, 0x00, 0x07, 0x7e, 0x21, 0x68, 0x65, 0x6c, 0x6c, 0x6f,
};

/* What tcpdump 4.99.3 -n -t prints for it. */
static const char nested_text[] = "IP 10.0.0.1 > 10.0.0.2: GREv1, call 1, seq 7, length 121: "
				  "IP 10.0.0.1 > 10.0.0.2: GREv1, call 1, seq 7, length 87: "
				  "IP 10.0.0.1 > 10.0.0.2: GREv1, call 1, seq 7, length 53: "
				  "IP 10.0.0.1 > 10.0.0.2: GREv1, call 1, seq 7, length 19: "
				  "IP6, wrong link-layer encapsulation (invalid)\n";

static void test_nested_frames(void)
{
	np_printer pr;
	np_out o;
	init_printer(&pr, &o, &(np_print_opts){.tflag = 1});
	CHECK(text_is(print_packet_text(&pr, NP_DLT_RAW, nested_hdlc, sizeof(nested_hdlc), sizeof(nested_hdlc)),
		      nested_text));
	/* the same packet again: nothing decoded in a freed buffer is reused */
	CHECK(text_is(print_packet_text(&pr, NP_DLT_RAW, nested_hdlc, sizeof(nested_hdlc), sizeof(nested_hdlc)),
		      nested_text));
	done_printer(&pr, &o);
}

static void test_cuts(void)
{
	static const np_print_opts sets[] = {{.tflag = 1}, {.tflag = 1, .vflag = 3}, {.tflag = 1, .Xflag = 1}};
	for (size_t s = 0; s < sizeof(sets) / sizeof(sets[0]); s++) {
		np_printer pr;
		np_out o;
		init_printer(&pr, &o, &sets[s]);
		for (uint32_t n = 0; n <= sizeof(nested_hdlc); n++) {
			const char *text = print_cut_text(&pr, NP_DLT_RAW, nested_hdlc, n, sizeof(nested_hdlc));
			CHECK(strchr(text, '\n') != NULL);
		}
		done_printer(&pr, &o);
	}
}

int main(void)
{
	test_nested_frames();
	test_cuts();
	return check_summary("ppp");
}
