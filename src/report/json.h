/*
 * json.h - JSON strings that are safe inside an HTML <script> element.
 *
 * Beyond JSON's own escapes (quote, backslash, control characters), '<',
 * '>' and '&' are written as \u003c \u003e \u0026, so no "</script>" or
 * "<!--" can appear in the data whatever an inventory holds; U+2028 and
 * U+2029 as \u2028 \u2029 (line terminators to older JavaScript); bytes
 * that are not UTF-8 as \ufffd, so the page never receives invalid text.
 * Not for: JSON lines of the command-line output (np_json_escape).
 */
#ifndef NP_REPORT_JSON_H
#define NP_REPORT_JSON_H

#include <stdio.h>

/* s (NULL = null) as a quoted JSON string. */
void np_report_json_str(FILE *f, const char *s);

#endif
