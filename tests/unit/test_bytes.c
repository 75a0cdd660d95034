/*
 * test_bytes.c - the bounds-checked accessor family (util/bytes.h): every
 * width reads the right value in range and refuses one byte short.
 */
#include "../../src/util/bytes.h"
#include "check.h"

static void test_has(void)
{
	const uint8_t buf[4] = {1, 2, 3, 4};
	CHECK(np_has(buf, buf + 4, 4));
	CHECK(!np_has(buf, buf + 4, 5));
	CHECK(np_has(buf + 4, buf + 4, 0));
	CHECK(!np_has(buf + 4, buf + 4, 1));
	/* a pointer past the end (of the data, not of the array: forming
	 * buf + 5 on a 4-byte array would itself be undefined) */
	const uint8_t wide[8] = {0};
	CHECK(!np_has(wide + 5, wide + 4, 0));
	CHECK(!np_has(NULL, buf + 4, 0));
}

static void test_widths(void)
{
	const uint8_t b[8] = {0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0};
	const uint8_t *end = b + 8;
	uint8_t u8 = 0;
	uint16_t u16 = 0;
	uint32_t u32 = 0;
	uint64_t u64 = 0;
	CHECK(np_get_u8(b, end, &u8) && u8 == 0x12);
	CHECK(np_get_be16(b, end, &u16) && u16 == 0x1234);
	CHECK(np_get_le16(b, end, &u16) && u16 == 0x3412);
	CHECK(np_get_be24(b, end, &u32) && u32 == 0x123456);
	CHECK(np_get_be32(b, end, &u32) && u32 == 0x12345678);
	CHECK(np_get_le32(b, end, &u32) && u32 == 0x78563412);
	CHECK(np_get_be64(b, end, &u64) && u64 == 0x123456789abcdef0ull);
	/* one byte short, at every width */
	CHECK(!np_get_u8(b + 8, end, &u8));
	CHECK(!np_get_be16(b + 7, end, &u16));
	CHECK(!np_get_le16(b + 7, end, &u16));
	CHECK(!np_get_be24(b + 6, end, &u32));
	CHECK(!np_get_be32(b + 5, end, &u32));
	CHECK(!np_get_le32(b + 5, end, &u32));
	CHECK(!np_get_be64(b + 1, end, &u64));
}

static int macro_reader(const uint8_t *p, const uint8_t *end, uint32_t *v)
{
	NP_GET_BE32(*v, p, end);
	return 1;
trunc:
	return 0;
}

static void test_macros(void)
{
	const uint8_t b[4] = {0, 0, 1, 0};
	uint32_t v = 0;
	CHECK(macro_reader(b, b + 4, &v) == 1 && v == 256);
	CHECK(macro_reader(b, b + 3, &v) == 0);
}

int main(void)
{
	test_has();
	test_widths();
	test_macros();
	return check_summary("unit bytes");
}
