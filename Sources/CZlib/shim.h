// zlib, plus functions for the two initialisers that zlib defines as macros
// (Swift cannot call C macros).
#ifndef JIXIAO_CZLIB_SHIM_H
#define JIXIAO_CZLIB_SHIM_H
#include <zlib.h>

/// `inflateInit2` as a function; windowBits -15 selects raw deflate (no zlib header).
static inline int jx_inflateInit2(z_streamp stream, int windowBits) {
  return inflateInit2(stream, windowBits);
}

/// `deflateInit2` as a function; windowBits -15 selects raw deflate (no zlib header).
static inline int jx_deflateInit2(z_streamp stream, int level, int windowBits, int memLevel, int strategy) {
  return deflateInit2(stream, level, Z_DEFLATED, windowBits, memLevel, strategy);
}
#endif
