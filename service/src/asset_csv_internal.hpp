#pragma once
// Private: what the CSV parser and the merge step share.
#include <cstddef>
#include <string>
#include <string_view>

namespace diagdesk::service::detail {

/// Lower case ASCII, accents dropped, every run of other characters one
/// space, trimmed: "Numéro d'inventaire" -> "numero d inventaire".
std::string fold_key(std::string_view s);

/// True when `s` is valid UTF-8.
bool valid_utf8(std::string_view s);
/// UTF-8 where it is valid, each other byte read as Windows-1252.
std::string to_utf8(std::string_view s);
/// UTF-16 (after its BOM) to UTF-8; a lone surrogate becomes U+FFFD.
std::string utf16_to_utf8(std::string_view s, bool little_endian);
/// Every byte read as Windows-1252.
std::string cp1252_to_utf8(std::string_view s);
/// The offset of the byte that makes `s` binary (a NUL, or the first control
/// byte when they are more than 1 in 10 of the first 64 KiB), npos if text.
std::size_t binary_at(std::string_view s);

}  // namespace diagdesk::service::detail
