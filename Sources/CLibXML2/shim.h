// The parts of libxml2 that jixiao uses: the SAX2 push parser and its errors.
#ifndef JIXIAO_CLIBXML2_SHIM_H
#define JIXIAO_CLIBXML2_SHIM_H
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>
#endif
