// The document information dictionary (Info) of a PDF — Title, Subject,
// Keywords, … — read straight from the file's bytes, so that a receipt the
// hall signed can be checked offline from the PDF alone (receipt_verification.h).
//
// Reads what cairo writes and what a conforming writer may: the trailer's (or
// a cross-reference stream's) last /Info reference, the object it names, and
// its text strings — literal strings with their escapes (\n, \(, \\, octal
// \ddd, line continuations, balanced parentheses) and hex strings; text
// beginning with the byte order mark FE FF is UTF-16BE (cairo writes every
// non-ASCII value so), other text PDFDocEncoding, whose printable ASCII part
// is ASCII. Values come back as UTF-8. An Info object inside a compressed
// object stream is not read.
//
// Pure functions; safe from any thread.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "wf/status.h"

namespace portal::documents {

// The Info dictionary's text entries by key without the slash ("Subject");
// entries whose values are not strings are left out. InvalidArgument naming
// what is missing or malformed when `pdf` has no readable Info dictionary.
wf::Result<std::map<std::string, std::string>> readPdfInfo(std::string_view pdf);

// A PDF text string's bytes (after the string syntax is undone) as UTF-8;
// InvalidArgument for UTF-16 that does not decode.
wf::Result<std::string> pdfTextToUtf8(std::string_view bytes);

}  // namespace portal::documents
