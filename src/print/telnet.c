/*
 * telnet.c - TELNET (TCP port 23) as tcpdump 4.99 prints it: the run of IAC
 * commands at the start of a segment, " [telnet DO ECHO, SB NAWS IS 0 0 0
 * SE, ...]", and with -X and -vvv each command's bytes in hex beside it.
 *
 * Not for: the terminal data. Printing stops at the first byte that does
 * not start a whole command, as tcpdump's does; data is never shown.
 */
#include "print.h"

enum {
	TEL_SE = 240,
	TEL_SB = 250,
	TEL_WILL = 251,
	TEL_DONT = 254,
	TEL_IAC = 255,
	TEL_FIRST_COMMAND = 236, /* EOF: the lowest code with a name */
	TELOPT_AUTHENTICATION = 37,
	TELOPT_ENCRYPT = 38,
};

/* Commands TEL_FIRST_COMMAND..TEL_IAC. */
static const char *const command_names[] = {
	"EOF", "SUSP", "ABORT", "EOR", "SE", "NOP",  "DMARK", "BRK", "IP",   "AO",
	"AYT", "EC",   "EL",    "GA",  "SB", "WILL", "WONT",  "DO",  "DONT", "IAC",
};

/* Options 0..39; others print as a number. */
static const char *const option_names[] = {
	"BINARY",
	"ECHO",
	"RCP",
	"SUPPRESS GO AHEAD",
	"NAME",
	"STATUS",
	"TIMING MARK",
	"RCTE",
	"NAOL",
	"NAOP",
	"NAOCRD",
	"NAOHTS",
	"NAOHTD",
	"NAOFFD",
	"NAOVTS",
	"NAOVTD",
	"NAOLFD",
	"EXTEND ASCII",
	"LOGOUT",
	"BYTE MACRO",
	"DATA ENTRY TERMINAL",
	"SUPDUP",
	"SUPDUP OUTPUT",
	"SEND LOCATION",
	"TERMINAL TYPE",
	"END OF RECORD",
	"TACACS UID",
	"OUTPUT MARKING",
	"TTYLOC",
	"3270 REGIME",
	"X.3 PAD",
	"NAWS",
	"TSPEED",
	"LFLOW",
	"LINEMODE",
	"XDISPLOC",
	"OLD-ENVIRON",
	"AUTHENTICATION",
	"ENCRYPT",
	"NEW-ENVIRON",
};

#define COUNT(a) ((uint32_t)(sizeof(a) / sizeof((a)[0])))

/* A dense value->name list; NULL entries and values past the end print
 * as numbers. */
typedef struct name_list {
	const char *const *names;
	uint32_t n;
} name_list;

static const char *const qualifier_names[] = {"IS", "SEND", "INFO"};
static const char *const auth_qualifier_names[] = {"IS", "SEND", "REPLY", "NAME"};
static const char *const auth_type_names[] = {
	"NULL", "KERBEROS_V4", "KERBEROS_V5", "SPX", "MINK",   "SRP",          "RSA", "SSL",
	NULL,   NULL,          "LOKI",        "SSA", "KEA_SJ", "KEA_SJ_INTEG", "DSS", "NTLM",
};
static const char *const enc_qualifier_names[] = {
	"IS", "SUPPORT", "REPLY", "START", "END", "REQUEST-START", "REQUEST-END", "END_KEYID", "DEC_KEYID",
};
static const char *const enc_type_names[] = {
	"NULL", "DES_CFB64",      "DES_OFB64",      "DES3_CFB64",    "DES3_OFB64",
	NULL,   "CAST5_40_CFB64", "CAST5_40_OFB64", "CAST128_CFB64", "CAST128_OFB64",
};

#define LIST(a)             \
	{                   \
		a, COUNT(a) \
	}
/* The named leading bytes of a subnegotiation, by option: a qualifier,
 * and for AUTHENTICATION and ENCRYPT a type after it. */
static const name_list sub_plain[] = {LIST(qualifier_names)};
static const name_list sub_auth[] = {LIST(auth_qualifier_names), LIST(auth_type_names)};
static const name_list sub_enc[] = {LIST(enc_qualifier_names), LIST(enc_type_names)};

/* printf's "%#x": "0" for zero, else "0x" and the digits. */
static void print_alt_hex(np_out *o, uint32_t v)
{
	if (v != 0)
		out_str(o, "0x");
	out_hex(o, v, 0);
}

static void print_name_or_hex(np_out *o, const name_list *l, uint32_t v)
{
	if (v < l->n && l->names[v] != NULL)
		out_str(o, l->names[v]);
	else
		print_alt_hex(o, v);
}

static const name_list *sub_names(uint8_t option, uint32_t *n)
{
	*n = 2;
	if (option == TELOPT_AUTHENTICATION)
		return sub_auth;
	if (option == TELOPT_ENCRYPT)
		return sub_enc;
	*n = 1;
	return sub_plain;
}

/* Take the next byte of the command into v; a command cut by the segment
 * end is no command (-1), one cut by the capture stops the packet. */
#define FETCH(v)                               \
	do {                                   \
		if (length < 1)                \
			return -1;             \
		NP_GET_U8(v, sp, pr->snapend); \
		sp++;                          \
		length--;                      \
	} while (0)

/* The body of "IAC SB option ... IAC SE" from sp (after the option) and
 * the bytes the command took from sp, or -1 when it is no whole command.
 * Like tcpdump's, the count includes the closing IAC SE even when the
 * segment ends after the IAC. */
static int telnet_subneg(np_printer *pr, const uint8_t *sp, uint32_t length, uint8_t option, bool print)
{
	const uint8_t *start = sp, *end = sp;
	uint8_t b;
	while (length > (uint32_t)(end + 1 - sp)) {
		NP_GET_U8(b, end, pr->snapend);
		if (b == TEL_IAC) {
			NP_GET_U8(b, end + 1, pr->snapend);
			if (b == TEL_SE)
				break;
		}
		end++;
	}
	NP_GET_U8(b, end, pr->snapend);
	if (b != TEL_IAC)
		return -1;

	uint32_t nlists;
	const name_list *lists = sub_names(option, &nlists);
	for (uint32_t i = 0; i < nlists && end > sp; i++) {
		FETCH(b);
		if (print) {
			out_char(pr->out, ' ');
			print_name_or_hex(pr->out, &lists[i], b);
		}
	}
	while (end > sp) {
		FETCH(b);
		if (print) {
			out_char(pr->out, ' ');
			print_alt_hex(pr->out, b);
		}
	}
	if (print)
		out_str(pr->out, " SE");
	return (int)(sp - start) + 2;
trunc:
	print_trunc_stop(pr);
	return -1;
}

/* The command at sp (IAC first) within the segment's remaining length:
 * the bytes it takes, or -1 when it is not a whole command, or when the
 * capture ran out (pr->stopped then). With print, its text too. tcpdump
 * walks each command twice, once to measure and once to print. */
static int telnet_command(np_printer *pr, const uint8_t *sp, uint32_t length, bool print)
{
	uint8_t c, option;
	FETCH(c);
	if (c != TEL_IAC)
		return -1;
	FETCH(c);
	if (c == TEL_IAC) {
		if (print)
			out_str(pr->out, "IAC IAC");
		return 2;
	}
	if (c < TEL_FIRST_COMMAND)
		return -1;
	const char *name = command_names[c - TEL_FIRST_COMMAND];
	if (c < TEL_SB || c > TEL_DONT) {
		if (print)
			out_str(pr->out, name);
		return 2;
	}
	FETCH(option);
	if (print) {
		out_str(pr->out, name);
		out_char(pr->out, ' ');
		if (option < COUNT(option_names))
			out_str(pr->out, option_names[option]);
		else
			print_alt_hex(pr->out, option);
	}
	if (c != TEL_SB)
		return 3;
	int body = telnet_subneg(pr, sp, length, option, print);
	return body < 0 ? -1 : 3 + body;
trunc:
	print_trunc_stop(pr);
	return -1;
}

#undef FETCH

/* -X -vvv: the command's bytes in hex, offset from the segment start, then
 * padding so the text lines up. False when the capture ran out. */
static bool telnet_dump(np_printer *pr, const uint8_t *sp, uint32_t l, uint32_t offset, bool first)
{
	if (first)
		out_str(pr->out, "\nTelnet:");
	if (!print_hex_offset(pr, "\n", sp, l, offset)) {
		pr->stopped = true; /* tcpdump's dump longjmps here */
		return false;
	}
	if (l > 8) {
		out_str(pr->out, "\n\t\t\t\t");
		return true;
	}
	for (uint32_t i = 0; i < (8 - l) * 3; i++)
		out_char(pr->out, ' ');
	out_char(pr->out, '\t');
	return true;
}

void print_telnet(np_printer *pr, const uint8_t *p, uint32_t length)
{
	const uint8_t *sp = p;
	bool first = true;
	bool dump = pr->o.Xflag && pr->o.vflag > 2;
	pr->protocol = "telnet";
	while (length > 0) {
		uint8_t c;
		NP_GET_U8(c, sp, pr->snapend);
		if (c != TEL_IAC)
			break;
		int l = telnet_command(pr, sp, length, false);
		if (pr->stopped)
			return;
		if (l < 0)
			break;
		if (dump) {
			if (!telnet_dump(pr, sp, (uint32_t)l, (uint32_t)(sp - p), first))
				return;
		} else {
			out_str(pr->out, first ? " [telnet " : ", ");
		}
		telnet_command(pr, sp, length, true);
		first = false;
		/* A subnegotiation cut after its IAC counts its SE anyway, so
		 * length can wrap, as tcpdump's does; the next read stops it. */
		sp += l;
		length -= (uint32_t)l;
	}
	if (!first)
		out_str(pr->out, dump ? "\n" : "]");
	return;
trunc:
	print_trunc_stop(pr);
}
