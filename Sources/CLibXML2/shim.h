// The parts of libxml2 that jixiao uses: the SAX2 push parser and its errors.
#ifndef JIXIAO_CLIBXML2_SHIM_H
#define JIXIAO_CLIBXML2_SHIM_H
#include <libxml/xmlversion.h>
// A libxml2 built with ICU (Debian, Ubuntu) would pull the system's <unicode/*.h> into
// this module, and with Swift 6.3.0/6.3.1 their UErrorCode clashes with the one of
// Foundation's bundled ICU wherever both modules meet ("'UErrorCode' has different
// definitions in different modules", swiftlang/swift#88485, fixed in 6.3.2). jixiao
// never touches the ICU members of libxml2's encoding handlers (only pointers to the
// handlers pass through), so the headers are read without them.
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>
#endif
