// The SHA-256 compression function (FIPS 180-4), for the Swift SHA256 type: the x86-64
// SHA extensions (SHA-NI) when the CPU has them, portable C otherwise.
#ifndef JIXIAO_CSHA256_H
#define JIXIAO_CSHA256_H
#include <stddef.h>
#include <stdint.h>

/// Compresses `blocks` consecutive 64-byte blocks of `data` into `state` (the eight
/// working words H0…H7, native-endian). Uses SHA-NI when the CPU has it; thread-safe.
void jx_sha256_blocks(uint32_t state[8], const uint8_t *data, size_t blocks);

/// The same as `jx_sha256_blocks`, always in portable C (for tests and comparisons).
void jx_sha256_blocks_portable(uint32_t state[8], const uint8_t *data, size_t blocks);

/// 1 when `jx_sha256_blocks` uses the CPU's SHA instructions, 0 when it is the
/// portable code.
int jx_sha256_has_hardware(void);
#endif
