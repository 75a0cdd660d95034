/*
 * eap.c - EAP (RFC 3748) and 802.1X EAPOL frames (ethertype 0x888e) as
 * tcpdump 4.99's print-eap.c writes them: the EAPOL frame type, version
 * and length, and with -v the EAP packet inside (code, id, length, the
 * method type and the few method details tcpdump shows: identity,
 * notification, NAK list, TLS/TTLS/FAST flags, SIM/AKA subtype). RADIUS's
 * EAP-Message attribute (radius.c) prints its value here too.
 *
 * Not for: EAPOL-Key frames' contents, or method payloads (TLS records,
 * SIM/AKA attributes), which tcpdump does not print either.
 */
#include "print.h"

static const np_tok eapol_types[] = {
	{0, "EAP packet"}, {1, "EAPOL start"}, {2, "EAPOL logoff"}, {3, "EAPOL key"}, {4, "Encapsulated ASF alert"},
	{0, NULL},
};

static const np_tok eap_codes[] = {
	{1, "Request"}, {2, "Response"}, {3, "Success"}, {4, "Failure"}, {0, NULL},
};

static const np_tok eap_types[] = {
	{0, "No proposed"},
	{1, "Identity"},
	{2, "Notification"},
	{3, "Nak"},
	{4, "MD5-challenge"},
	{5, "OTP"},
	{6, "GTC"},
	{13, "TLS"},
	{18, "SIM"},
	{21, "TTLS"},
	{23, "AKA"},
	{43, "FAST"},
	{254, "Expanded types"},
	{255, "Experimental"},
	{0, NULL},
};

static const np_tok eap_tls_flags[] = {
	{0x80, "L bit"},
	{0x40, "More fragments bit"},
	{0x20, "Start bit"},
	{0, NULL},
};

static const np_tok eap_aka_subtypes[] = {
	{1, "Challenge"},  {2, "Auth reject"},   {4, "Sync failure"}, {5, "Identity"},      {10, "Start"},
	{11, "Challenge"}, {12, "Notification"}, {13, "Reauth"},      {14, "Client error"}, {0, NULL},
};

/* The flags byte of TLS, TTLS and FAST (version in its low bits for the
 * last two) and the message length when the L bit is set. what: the
 * method names for the "too short" notes. */
static void eap_tls_like(np_printer *pr, const uint8_t *cp, uint32_t len, uint8_t subtype, const char *what)
{
	np_out *o = pr->out;
	if (len < 6) {
		out_fmt(o, " (too short for EAP %s request/response)", what);
		return;
	}
	uint8_t flags = cp[5];
	if (subtype == 21)
		out_fmt(o, " TTLSv%u", flags & 0x07);
	else if (subtype == 43)
		out_fmt(o, " FASTv%u", flags & 0x07);
	out_str(o, " flags [");
	print_bits(pr, eap_tls_flags, flags, ", ", "none");
	out_fmt(o, "] 0x%02x", flags);
	if (flags & 0x80) {
		if (len < 10) {
			out_fmt(o, " (too short for EAP %s request/response with length)", what);
			return;
		}
		out_fmt(o, ", len %u", np_load_be32(cp + 6));
	}
}

/* The method part of a request or response (len >= 5, all captured). */
static void eap_method(np_printer *pr, const uint8_t *cp, uint32_t len)
{
	np_out *o = pr->out;
	uint8_t subtype = cp[4];
	out_fmt(o, "\n\t\t Type %s (%u)", tok2str(eap_types, "unknown", subtype), subtype);
	switch (subtype) {
	case 1: /* Identity: the text is optional */
	case 2: /* Notification: at least one byte of text */
		if (subtype == 2 && len < 6) {
			out_str(o, " (too short for EAP Notification request/response)");
			return;
		}
		if (len > 5) {
			out_str(o, subtype == 1 ? ", Identity: " : ", Notification: ");
			print_text_nul(pr, cp + 5, len - 5);
		}
		break;
	case 3:
		if (len < 6) {
			out_str(o, " (too short for EAP Legacy NAK request/response)");
			return;
		}
		for (uint32_t i = 5; i < len; i++)
			out_fmt(o, "%s %s (%u)", i == 5 ? "" : ",", tok2str(eap_types, "unknown", cp[i]), cp[i]);
		break;
	case 13:
	case 21: eap_tls_like(pr, cp, len, subtype, "TLS/TTLS"); break;
	case 43: eap_tls_like(pr, cp, len, subtype, "FAST"); break;
	case 18:
	case 23:
		if (len < 6) {
			out_str(o, " (too short for EAP SIM/AKA request/response)");
			return;
		}
		out_fmt(o, " subtype [%s] 0x%02x", tok2str(eap_aka_subtypes, "unknown", cp[5]), cp[5]);
		break;
	default: break;
	}
}

void print_eap(np_printer *pr, const uint8_t *cp, uint32_t length)
{
	np_out *o = pr->out;
	uint8_t code, id;
	uint16_t len;
	NP_GET_U8(code, cp, pr->snapend);
	NP_GET_BE16(len, cp + 2, pr->snapend);
	if (len != length) {
		out_str(o, "EAP fragment?");
		return;
	}
	NP_GET_U8(id, cp + 1, pr->snapend);
	out_fmt(o, "%s (%u), id %u, len %u", tok2str(eap_codes, "unknown", code), code, id, len);
	if (len < 4) {
		out_str(o, " (too short for EAP header)");
		return;
	}
	if (!np_has(cp, pr->snapend, len)) {
		print_trunc(pr);
		return;
	}
	if (code != 1 && code != 2)
		return;
	if (len < 5) {
		out_str(o, " (too short for EAP request/response)");
		return;
	}
	eap_method(pr, cp, len);
	return;
trunc:
	print_trunc_stop(pr);
}

void print_eapol(np_printer *pr, const uint8_t *cp)
{
	pr->protocol = "eap";
	if (!np_has(cp, pr->snapend, 4)) {
		print_trunc(pr);
		return;
	}
	uint8_t type = cp[1];
	uint16_t len = np_load_be16(cp + 2);
	out_fmt(pr->out, "%s (%u) v%u, len %u", tok2str(eapol_types, "unknown", type), type, cp[0], len);
	if (pr->o.vflag < 1 || type != 0)
		return;
	if (len == 0) {
		print_trunc(pr);
		return;
	}
	out_str(pr->out, ", ");
	print_eap(pr, cp + 4, len);
}
