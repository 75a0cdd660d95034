/*
 * ipfix.c - IPFIX files, and NetFlow v9 and IPFIX messages for the
 * collector, through libfixbuf (see source.h for the interface).
 *
 * PLACEHOLDER: the libfixbuf backend (branch issue12) replaces this file.
 * Until then IPFIX files are recognised and refused with a clear message,
 * and v9/IPFIX messages reach no decoder (counted malformed).
 */
#include "source.h"

#include <stdio.h>

static bool ipfix_probe(const uint8_t *head, size_t n)
{
	return n >= 2 && head[0] == 0 && head[1] == 10;
}

static int ipfix_open(np_flowsrc *s, const char *spec, char *err, size_t errlen)
{
	(void)s;
	snprintf(err, errlen, "%s: an IPFIX file, which this build cannot read yet", spec);
	return -1;
}

const struct np_flowsrc_ops np_flowsrc_ipfix = {"ipfix-file", ipfix_probe, NULL, ipfix_open, NULL, NULL};
const np_msg_decoder np_msg_netflow9 = {9, "NetFlow v9", NULL, NULL, NULL, NULL};
const np_msg_decoder np_msg_ipfix = {10, "IPFIX", NULL, NULL, NULL, NULL};
