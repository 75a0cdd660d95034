/*
 * someip.c - SOME/IP (AUTOSAR's Scalable service-Oriented MiddlewarE over
 * IP, UDP 30490) headers as tcpdump 4.99's print-someip.c writes them:
 * service, method or event, length, client, session, versions, message
 * type and return code.
 *
 * Not for: SOME/IP-SD entries or payloads.
 */
#include "print.h"

#define SOMEIP_HDRLEN 16

static const np_tok someip_msgtype_names[] = {
	{0x00, "REQUEST"},
	{0x01, "REQUEST_NO_RETURN"},
	{0x02, "NOTIFICATION"},
	{0x80, "RESPONSE"},
	{0x81, "ERROR"},
	{0x20, "TP_REQUEST"},
	{0x21, "TP_REQUEST_NO_RETURN"},
	{0x22, "TP_NOTIFICATION"},
	{0xa0, "TP_RESPONSE"},
	{0xa1, "TP_ERROR"},
	{0, NULL},
};

static const np_tok someip_retcode_names[] = {
	{0x00, "E_OK"},
	{0x01, "E_NOT_OK"},
	{0x02, "E_UNKNOWN_SERVICE"},
	{0x03, "E_UNKNOWN_METHOD"},
	{0x04, "E_NOT_READY"},
	{0x05, "E_NOT_REACHABLE"},
	{0x06, "E_TIMEOUT"},
	{0x07, "E_WRONG_PROTOCOL_VERSION"},
	{0x08, "E_WRONG_INTERFACE_VERSION"},
	{0x09, "E_MALFORMED_MESSAGE"},
	{0x0a, "E_WRONG_MESSAGE_TYPE"},
	{0x0b, "E_E2E_REPEATED"},
	{0x0c, "E_E2E_WRONG_SEQUENCE"},
	{0x0d, "E_E2E"},
	{0x0e, "E_E2E_NOT_AVAILABLE"},
	{0x0f, "E_E2E_NO_NEW_DATA"},
	{0, NULL},
};

void print_someip(np_printer *pr, const uint8_t *bp, uint32_t len)
{
	np_out *o = pr->out;
	uint32_t msgid, mlen, reqid;
	uint8_t pver, iver, mtype, rc;
	pr->protocol = "someip";
	out_str(o, "SOMEIP");
	if (len < SOMEIP_HDRLEN) {
		print_invalid(pr);
		return;
	}
	NP_GET_BE32(msgid, bp, pr->snapend);
	out_fmt(o, ", service %u, %s %u", msgid >> 16, (msgid & 0x8000) ? "event" : "method", msgid & 0x7fff);
	NP_GET_BE32(mlen, bp + 4, pr->snapend);
	out_fmt(o, ", len %u", mlen);
	NP_GET_BE32(reqid, bp + 8, pr->snapend);
	out_fmt(o, ", client %u, session %u", reqid >> 16, reqid & 0xffff);
	NP_GET_U8(pver, bp + 12, pr->snapend);
	out_fmt(o, ", pver %u", pver);
	NP_GET_U8(iver, bp + 13, pr->snapend);
	out_fmt(o, ", iver %u", iver);
	NP_GET_U8(mtype, bp + 14, pr->snapend);
	out_fmt(o, ", msgtype %s", tok2str(someip_msgtype_names, "Unknown", mtype));
	NP_GET_U8(rc, bp + 15, pr->snapend);
	out_fmt(o, ", retcode %s\n", tok2str(someip_retcode_names, "Unknown", rc));
	return;
trunc:
	print_trunc_stop(pr);
}
