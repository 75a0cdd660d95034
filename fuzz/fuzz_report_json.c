/*
 * fuzz_report_json.c - libFuzzer target for the report's JSON strings
 * (src/report/json.c): any bytes, as a name read from an inventory, must
 * come out as one JSON string that cannot end the <script> element it is
 * written into: quoted, no raw '<', '>', '&', control character, U+2028
 * or U+2029, every byte of it valid UTF-8. A breach aborts.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/report/json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Valid UTF-8 from s to end, with no U+2028/U+2029; false otherwise. */
static int safe_utf8(const unsigned char *s, const unsigned char *end)
{
	while (s < end) {
		unsigned char c = *s;
		size_t n = c < 0x80 ? 1 : (c & 0xe0) == 0xc0 ? 2 : (c & 0xf0) == 0xe0 ? 3 : (c & 0xf8) == 0xf0 ? 4 : 0;
		if (n == 0 || (size_t)(end - s) < n)
			return 0;
		for (size_t i = 1; i < n; i++)
			if ((s[i] & 0xc0) != 0x80)
				return 0;
		if (n == 3 && c == 0xe2 && s[1] == 0x80 && (s[2] == 0xa8 || s[2] == 0xa9))
			return 0;
		s += n;
	}
	return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *in = malloc(size + 1);
	if (!in)
		return 0;
	memcpy(in, data, size);
	in[size] = '\0';
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	if (!f) {
		free(in);
		return 0;
	}
	np_report_json_str(f, in);
	fclose(f);
	if (len < 2 || out[0] != '"' || out[len - 1] != '"')
		abort();
	for (size_t i = 1; i + 1 < len; i++) {
		unsigned char c = (unsigned char)out[i];
		if (c < 0x20 || c == '<' || c == '>' || c == '&')
			abort();
		if (c == '"')
			abort(); /* an unescaped quote would end the string early */
		if (c == '\\' && (i + 2 >= len || !strchr("\"\\u", out[++i])))
			abort(); /* the escapes json.c writes: \" \\ \uXXXX */
	}
	if (!safe_utf8((const unsigned char *)out, (const unsigned char *)out + len))
		abort();
	free(out);
	free(in);
	return 0;
}
