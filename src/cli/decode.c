/*
 * decode.c - `netprofile decode`: read packets and print them exactly as
 * `tcpdump -n` 4.99 does. Option letters mean what they mean to tcpdump.
 * Argument parsing only; the work is in capture/, decode/ and print/.
 */
#include "cli.h"

#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../capture/source.h"
#include "../decode/packet.h"
#include "../print/print.h"

static const char decode_usage[] =
	"usage: netprofile decode [-#AbenqStvxX] [-B size] [-c count] [-E secrets] [-r file | -i interface] [-s snaplen]\n"
	"                         [-w file] [-Z user] [-T type] [--nano] [--style=tcpdump|classic] [expression]\n"
	"  -r FILE   read packets from a pcap/pcapng file ('-' = standard input)\n"
	"  -i IFACE  capture live from an interface (root drops to -Z user, default nobody)\n"
	"  -w FILE   write the (filtered) packets to a pcap file instead of printing\n"
	"  -c N      stop after N packets          -s N  snapshot length (live)\n"
	"  -B KIB    kernel capture buffer, KiB (live; default 2048, with -w 65536)\n"
	"  -#        number the packets            -n    no name resolution (always on)\n"
	"  -t/-tt/-ttt/-tttt/-ttttt  timestamp forms, as tcpdump\n"
	"  -e        print link-level headers      -q    quieter output\n"
	"  -v/-vv/-vvv  more detail                -S    absolute TCP sequence numbers\n"
	"  -x/-xx    hex dump  -X/-XX hex+ASCII    -A/-AA ASCII\n"
	"  -T TYPE   print UDP payloads as TYPE whatever the ports: domain, snmp, tftp, lmp\n"
	"  -b        4-byte BGP AS numbers in asdot notation (as tcpdump -b)\n"
	"  -E SECRETS  decrypt ESP as tcpdump -E: [SPI@ADDR ]ALGO:0xHEX[,...] or 'file PATH'\n"
	"  --nano    nanosecond timestamps\n"
	"  --style=classic  tcpdump 3.x / WinDump text, as in 2001 (default: tcpdump)\n" CLI_PROGRESS_HELP
	"  expression: a BPF filter, as tcpdump takes it\n";

struct decode_args {
	np_print_opts po;
	cli_source_args src;
	long count;
};

enum { OPT_NANO = 1000, OPT_HELP, OPT_STYLE, OPT_MICRO };

/* tcpdump's -T names that netprofile prints; -1 for the others. */
static int parse_packet_type(const char *name)
{
	static const struct {
		const char *name;
		int type;
	} types[] = {{"domain", NP_PT_DOMAIN},
		     {"snmp", NP_PT_SNMP},
		     {"tftp", NP_PT_TFTP},
		     {"pgm", NP_PT_PGM},
		     {"pgm_zmtp1", NP_PT_PGM_ZMTP1},
		     {"zmtp1", NP_PT_ZMTP1},
		     {"resp", NP_PT_RESP},
		     {"lmp", NP_PT_LMP},
		     {"vat", NP_PT_VAT},
		     {"wb", NP_PT_WB},
		     {"rtp", NP_PT_RTP},
		     {"rtcp", NP_PT_RTCP}};
	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (strcmp(name, types[i].name) == 0)
			return types[i].type;
	return -1;
}

static int parse_decode_args(int argc, char **argv, struct decode_args *a)
{
	static const struct option longopts[] = {
		{"nano", no_argument, NULL, OPT_NANO},
		{"micro", no_argument, NULL, OPT_MICRO},
		{"help", no_argument, NULL, OPT_HELP},
		{"style", required_argument, NULL, OPT_STYLE},
		{"number", no_argument, NULL, '#'},
		CLI_PROGRESS_LONGOPTS,
		{NULL, 0, NULL, 0},
	};
	memset(a, 0, sizeof(*a));
	a->src.user = "nobody";
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "+#AbeqnStvxXB:c:E:r:i:s:w:Z:T:", longopts, NULL)) != -1) {
		switch (c) {
		case '#': a->po.number = 1; break;
		case 'A': a->po.Aflag++; break;
		case 'b': a->po.bflag = 1; break;
		case 'E': a->po.espsecret = optarg; break;
		case 'e': a->po.eflag++; break;
		case 'q':
			a->po.qflag++;
			a->po.suppress_default++;
			break;
		case 'n': break;
		case 'S': a->po.Sflag++; break;
		case 't': a->po.tflag++; break;
		case 'v': a->po.vflag++; break;
		case 'x':
			a->po.xflag++;
			a->po.suppress_default++;
			break;
		case 'X':
			a->po.Xflag++;
			a->po.suppress_default++;
			break;
		case 'c':
			if (!cli_parse_long(optarg, 1, 2147483647L, &a->count))
				return cli_usage_error("decode", "invalid packet count '%s'", optarg);
			break;
		case 's': {
			long v;
			if (!cli_parse_long(optarg, 0, 262144, &v))
				return cli_usage_error("decode", "invalid snaplen '%s'", optarg);
			a->src.snaplen = v == 0 ? 262144 : (int)v;
			break;
		}
		case 'r': a->src.rfile = optarg; break;
		case 'i': a->src.iface = optarg; break;
		case 'B':
			if (cli_parse_buffer("decode", optarg, &a->src))
				return 1;
			break;
		case 'w': a->src.wfile = optarg; break;
		case 'Z': a->src.user = optarg; break;
		case 'T':
			if ((a->po.packettype = parse_packet_type(optarg)) < 0)
				return cli_usage_error(
					"decode",
					"-T %s: unknown or not yet printed packet type "
					"(known: domain, snmp, tftp, pgm, pgm_zmtp1, zmtp1, resp, vat, wb, rtp, rtcp)",
					optarg);
			break;
		case OPT_NANO: a->src.nano = true; break;
		case OPT_MICRO: a->src.nano = false; break;
		case CLI_OPT_PROGRESS:
		case CLI_OPT_NO_PROGRESS: a->src.progress = cli_progress_mode(c); break;
		case OPT_STYLE:
			if (strcmp(optarg, "tcpdump") == 0)
				a->po.style = NP_STYLE_TCPDUMP;
			else if (strcmp(optarg, "classic") == 0)
				a->po.style = NP_STYLE_CLASSIC;
			else
				return cli_usage_error("decode", "unknown style '%s' (known: tcpdump, classic)",
						       optarg);
			break;
		case OPT_HELP: fputs(decode_usage, stdout); exit(0);
		default: return cli_usage_error("decode", "unknown option");
		}
	}
	if (a->po.style == NP_STYLE_CLASSIC && (a->po.Xflag || a->po.Aflag))
		return cli_usage_error("decode", "--style=classic has no -X or -A (tcpdump 3.x had only -x)");
	if (a->po.tflag > 5)
		a->po.tflag = 5;
	/* tcpdump counts -t's: one = none(1), two = unix(2), ... */
	if (cli_check_one_source("decode", &a->src))
		return 1;
	/* Writing a busy link to a disk: a moment the disk makes us wait must
	 * not lose packets; printing keeps tcpdump's 2 MiB. */
	if (a->src.wfile && !a->src.buffer_kib)
		a->src.buffer_kib = CLI_FLOW_BUFFER_KIB;
	a->src.filter = cli_join_args(argc, argv, optind);
	return 0;
}

struct decode_run {
	np_printer pr;
	np_packet pkt;
	bool line_buffered;
};

static void decode_one(void *ctx, const struct pcap_pkthdr *h, const uint8_t *data)
{
	struct decode_run *run = ctx;
	np_packet *pkt = &run->pkt;
	pkt->ts_sec = h->ts.tv_sec;
	pkt->ts_frac = (uint32_t)h->ts.tv_usec;
	np_decode(pkt, pkt->dlt, data, h->caplen, h->len);
	print_packet(&run->pr, pkt);
	if (run->line_buffered)
		out_flush(run->pr.out);
}

static bool dlt_printable(int dlt)
{
	switch (dlt) {
	case NP_DLT_NULL:
	case NP_DLT_EN10MB:
	case NP_DLT_RAW:
	case NP_DLT_RAW_OPENBSD:
	case NP_DLT_LOOP:
	case NP_DLT_LINKTYPE_RAW:
	case NP_DLT_LINUX_SLL:
	case NP_DLT_IPV4:
	case NP_DLT_IPV6:
	case NP_DLT_LINUX_SLL2:
	case NP_DLT_IPNET:
	case NP_DLT_ARCNET_LINUX:
	case NP_DLT_ATM_RFC1483:
	case NP_DLT_ATM_CLIP:
	case NP_DLT_IPOIB:
	case NP_DLT_VSOCK:
	case NP_DLT_DSA_TAG_BRCM:
	case NP_DLT_DSA_TAG_BRCM_PREPEND:
	case NP_DLT_DSA_TAG_DSA:
	case NP_DLT_DSA_TAG_EDSA:
	case NP_DLT_FRELAY:
	case NP_DLT_MFR: return true;
	case NP_DLT_PPP:
	case NP_DLT_PPP_SERIAL:
	case NP_DLT_C_HDLC:
	case NP_DLT_SLIP:
	case NP_DLT_JUNIPER_ATM1:
	case NP_DLT_JUNIPER_ES:
	case NP_DLT_JUNIPER_ETHER:
	case NP_DLT_JUNIPER_PPP:
	case NP_DLT_JUNIPER_CHDLC:
	case NP_DLT_NFLOG:
	case NP_DLT_PKTAP:
	case NP_DLT_USER2: return true;
	default: return false;
	}
}

int cmd_decode(int argc, char **argv)
{
	struct decode_args a;
	if (parse_decode_args(argc, argv, &a) != 0)
		return 1;
	np_source src;
	if (cli_open_source(&src, &a.src) != 0) {
		free(a.src.filter);
		return 1;
	}
	char lt[128];
	cli_announce_source(&src, &a.src);
	/* tcpdump's style prints any link type (a frame it has no printer for
	 * as UNSUPPORTED and a hex dump); the classic style only these. */
	if (!a.src.wfile && a.po.style == NP_STYLE_CLASSIC && !dlt_printable(src.dlt)) {
		fprintf(stderr, "netprofile: %s: --style=classic does not print link type %s: use -w\n", src.name,
			np_source_linktype_name(&src, lt, sizeof(lt)));
		np_source_close(&src);
		free(a.src.filter);
		return 1;
	}

	static struct decode_run run;
	np_out out;
	out_open_fd(&out, STDOUT_FILENO);
	print_init(&run.pr, &a.po, &out);
	run.pr.o.nano = src.nano;
	run.pkt.dlt = src.dlt;
	run.line_buffered = a.src.iface != NULL || isatty(STDOUT_FILENO);

	cli_stop_on_signals(&src);
	/* -w: the packets are written as read (capture/), not decoded, as
	 * tcpdump -w does not decode them either. */
	int rc = np_source_loop(&src, a.count, a.src.wfile ? NULL : decode_one, &run);
	cli_stop_on_signals(NULL);
	out_flush(&out);
	int status = 0;
	if (rc < 0) {
		fprintf(stderr, "netprofile: %s\n", src.err);
		status = 1;
	}
	if (out.failed) {
		fprintf(stderr, "netprofile: cannot write output: %s\n", strerror(out.failed_errno));
		status = 1;
	}
	if (a.src.iface) {
		uint64_t received, dropped;
		if (np_source_stats(&src, &received, &dropped))
			fprintf(stderr, "%llu packets received by filter\n%llu packets dropped by kernel\n",
				(unsigned long long)received, (unsigned long long)dropped);
	}
	print_free(&run.pr);
	out_close(&out);
	np_source_close(&src);
	free(a.src.filter);
	return status;
}
