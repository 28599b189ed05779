#pragma once
/// Encoding detection and conversion to UTF-8, and telling text from binary.
/// French documents often come in Windows-1252, ISO-8859-15, Latin-1 or
/// Mac Roman; the importers turn everything into UTF-8 before any reader
/// sees it. Single-byte files are told apart with uchardet and a check of
/// the French and English letters each reading gives.
///
///     auto d = diagdesk::importers::decode(bytes);
///     if (!d.error.empty()) report(d.error, d.line, d.column);
///     else use(d.text), show(to_string(d.encoding));

#include <cstddef>
#include <string>
#include <string_view>

namespace diagdesk::importers {

enum class Encoding {
  utf8,          ///< plain UTF-8 (ASCII included)
  utf8_bom,      ///< UTF-8 starting with a byte order mark (dropped)
  utf16le,       ///< UTF-16 with a little-endian BOM
  utf16be,       ///< UTF-16 with a big-endian BOM
  windows1252,   ///< single-byte, uses 0x80-0x9F for € ’ œ …
  latin1,        ///< ISO-8859-1: single-byte, no byte in 0x80-0x9F
  iso8859_15,    ///< ISO-8859-15 (Latin-9): € at 0xA4, œ at 0xBD, Œ Ÿ Š Ž
  mac_roman,     ///< Mac OS Roman (classic Mac files): é at 0x8E, à at 0x88
};

/// "utf-8", "utf-8-bom", "utf-16le", "utf-16be", "windows-1252", "iso-8859-1",
/// "iso-8859-15", "mac-roman".
const char* to_string(Encoding encoding);

/// The outcome of decode(). When `error` is empty, `text` is valid UTF-8
/// with '\n' line ends (CRLF and lone CR converted) and no BOM. Otherwise
/// `code` is a stable id ("binary", "utf8.invalid") and `line`/`column`
/// (1-based) locate the offending byte.
struct Decoded {
  std::string text;
  Encoding encoding = Encoding::utf8;
  std::string code;
  std::string error;
  int line = 0;
  int column = 0;
  /// What uchardet said for a single-byte file ("WINDOWS-1252", "ISO-8859-15",
  /// "MAC-CENTRALEUROPE"...); empty when it was not asked.
  std::string detector_guess;
};

/// Decides the encoding and converts. Rules, in order:
/// - a UTF-8 / UTF-16 byte order mark decides;
/// - a NUL byte or many control characters: binary (error "binary");
/// - valid UTF-8: UTF-8;
/// - invalid UTF-8 but with valid multi-byte sequences elsewhere: the file
///   mixes encodings or is damaged (error "utf8.invalid" at the first bad byte);
/// - otherwise single-byte: uchardet proposes an encoding, then each of
///   its proposal, Windows-1252 (Latin-1 when no byte in 0x80-0x9F occurs;
///   both converted with the Windows-1252 table), ISO-8859-15 and Mac Roman
///   is read and scored on its letters (French accented letters inside
///   words count for, control characters and odd symbols against); the
///   best reading wins, the earlier one on a tie. uchardet 0.0.7 has no
///   Mac Roman model (it says MAC-CENTRALEUROPE or ISO-8859-1), hence the score.
Decoded decode(std::string_view bytes);

/// True when the first bytes look binary (NUL byte, or over 10% control
/// characters other than tab, CR, LF, FF). `offset` gets the first NUL or
/// control byte found.
bool looks_binary(std::string_view bytes, std::size_t* offset = nullptr);

/// Windows-1252 (or Latin-1) bytes to UTF-8. Bytes undefined in
/// Windows-1252 (0x81 0x8D 0x8F 0x90 0x9D) map to the C1 controls, as Latin-1.
std::string cp1252_to_utf8(std::string_view bytes);

/// 1-based line and column (in code points) of byte `offset` of `text`.
std::pair<int, int> line_column(std::string_view text, std::size_t offset);

}  // namespace diagdesk::importers
