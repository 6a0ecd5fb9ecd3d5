/*
 * hash: FNV-1a over bytes, the one byte-at-a-time hash of the hash tables
 * here (templates, shapes, layouts).  hash_bytes continues from a previous
 * value, so a key of several parts is hashed without joining them;
 * hash_separator ends a part with a byte no UTF-8 text holds, so that the
 * parts ("ab", "c") and ("a", "bc") differ.  pair.c has a faster word-wise
 * hash of its own for whole log lines.
 */
#ifndef LC_HASH_H
#define LC_HASH_H

#include <stddef.h>
#include <stdint.h>

#define HASH_SEED	UINT64_C(0xcbf29ce484222325)
#define HASH_PRIME	UINT64_C(0x100000001b3)

static inline uint64_t
hash_bytes(uint64_t h, const void *bytes, size_t len)
{
	const unsigned char *p = bytes;

	for (size_t i = 0; i < len; i++)
		h = (h ^ p[i]) * HASH_PRIME;
	return h;
}

static inline uint64_t
hash_separator(uint64_t h)
{
	return (h ^ 0xff) * HASH_PRIME;
}

/* splitmix64's finaliser, for keys whose low bits index a table. */
static inline uint64_t
hash_mix(uint64_t h)
{
	h ^= h >> 30;
	h *= UINT64_C(0xbf58476d1ce4e5b9);
	h ^= h >> 27;
	h *= UINT64_C(0x94d049bb133111eb);
	return h ^ (h >> 31);
}

#endif
