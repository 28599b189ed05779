#pragma once
/// UTF-8 writing and the Windows-1252 table, shared by every module that
/// turns legacy bytes into UTF-8 (the importers' decoder, the asset CSV
/// reader, the GUI's text helpers).

#include <string>

namespace diagdesk::base {

/// Appends code point `cp` encoded as UTF-8 (1 to 4 bytes; no check that it
/// is a valid scalar value: callers pass decoded characters).
void append_utf8(std::string& out, char32_t cp);

/// The Unicode code point of Windows-1252 byte `c`: bytes 0x80-0x9F are the
/// typographic characters (€, ’, œ...), the five undefined ones keep their C1
/// value as Latin-1 does; every other byte is itself.
char32_t cp1252_code_point(unsigned char c);

/// Appends Windows-1252 byte `c` as UTF-8.
inline void append_cp1252(std::string& out, unsigned char c) { append_utf8(out, cp1252_code_point(c)); }

}  // namespace diagdesk::base
