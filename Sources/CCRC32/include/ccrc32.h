// CRC-32 (the ZIP / zlib polynomial) folded with carry-less multiplication (PCLMULQDQ)
// on x86-64 CPUs that have it. The Swift CRC32 type uses it for the bulk of a buffer
// and zlib's crc32 for the tail and on other CPUs.
#ifndef JIXIAO_CCRC32_H
#define JIXIAO_CCRC32_H
#include <stddef.h>
#include <stdint.h>

/// 1 when the CPU has PCLMULQDQ and SSE4.1 (so `jx_crc32_fold` may be called), else 0.
int jx_crc32_has_pclmul(void);

/// Continues the zlib-style CRC-32 `crc` (0 to start) over `data`; `length` must be a
/// multiple of 16 and at least 64. Call only when `jx_crc32_has_pclmul()` is 1.
uint32_t jx_crc32_fold(uint32_t crc, const uint8_t *data, size_t length);
#endif
