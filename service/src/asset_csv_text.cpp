// Importing assets from CSV: bytes to UTF-8 and header folding.
#include "asset_csv_internal.hpp"

#include <diagdesk/base/utf8.hpp>

#include <cctype>

namespace diagdesk::service::detail {
namespace {

using base::append_cp1252;
using base::append_utf8;

// Length of the valid UTF-8 sequence at `i`, 0 if it is not one.
std::size_t utf8_length(std::string_view s, std::size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return 1;
  std::size_t n = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c < 0xE0 ? 2 : 0;
  if (n == 0 || i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k)
    if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return 0;
  if (n == 3 && c == 0xE0 && static_cast<unsigned char>(s[i + 1]) < 0xA0) return 0;  // overlong
  return n;
}

}  // namespace

bool valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    const std::size_t n = utf8_length(s, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

// UTF-8 where it is valid, each other byte read as Windows-1252 (a whole
// Windows-1252 file, or a UTF-8 file with a few stray bytes).
std::string to_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 16);
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t n = static_cast<unsigned char>(s[i]) < 0x80 ? 1 : utf8_length(s, i);
    if (n == 0) {
      append_cp1252(out, static_cast<unsigned char>(s[i++]));
    } else {
      out.append(s.substr(i, n));
      i += n;
    }
  }
  return out;
}

std::string utf16_to_utf8(std::string_view s, bool little_endian) {
  std::string out;
  out.reserve(s.size());
  auto unit = [&](std::size_t i) -> char32_t {
    const auto a = static_cast<unsigned char>(s[i]), b = static_cast<unsigned char>(s[i + 1]);
    return little_endian ? (b << 8 | a) : (a << 8 | b);
  };
  for (std::size_t i = 0; i + 1 < s.size(); i += 2) {
    char32_t cp = unit(i);
    if (cp >= 0xD800 && cp < 0xDC00 && i + 3 < s.size() && unit(i + 2) >= 0xDC00 && unit(i + 2) < 0xE000) {
      cp = 0x10000 + ((cp - 0xD800) << 10) + (unit(i + 2) - 0xDC00);
      i += 2;
    } else if (cp >= 0xD800 && cp < 0xE000) {
      cp = 0xFFFD;
    }
    append_utf8(out, cp);
  }
  return out;
}

std::string cp1252_to_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 16);
  for (char c : s) append_cp1252(out, static_cast<unsigned char>(c));
  return out;
}

// The offset of the byte that makes `s` binary (a NUL, or the first control
// byte when they are more than 1 in 10 of the first 64 KiB), npos if text.
std::size_t binary_at(std::string_view s) {
  const std::string_view head = s.substr(0, 65536);
  std::size_t controls = 0, first = std::string_view::npos;
  for (std::size_t i = 0; i < head.size(); ++i) {
    const auto c = static_cast<unsigned char>(head[i]);
    if (c == 0) return i;
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') {
      ++controls;
      if (first == std::string_view::npos) first = i;
    }
  }
  return controls * 10 > head.size() ? first : std::string_view::npos;
}

namespace {
// Latin-1 letters U+00C0..U+00FF without their accent, lower case ('.' = not a letter).
constexpr std::string_view latin1_folded = "aaaaaaaceeeeiiiidnooooo.ouuuuy.saaaaaaaceeeeiiiidnooooo.ouuuuy.y";
}  // namespace

// Lower case ASCII, accents dropped, every run of other characters one space, trimmed.
std::string fold_key(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  auto put = [&](char c) {
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  };
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if (std::isalnum(c)) put(static_cast<char>(std::tolower(c)));
      else space = true;
    } else if (c == 0xC3 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(s[i + 1]) < 0xC0) {
      const char f = latin1_folded[static_cast<unsigned char>(s[++i]) - 0x80];
      if (f == '.') space = true;
      else put(f);
    } else if (c == 0xC5 && i + 1 < s.size() && (s[i + 1] == '\x93' || s[i + 1] == '\x92')) {
      ++i;
      put('o');
      out += 'e';
    } else {
      while (i + 1 < s.size() && (static_cast<unsigned char>(s[i + 1]) & 0xC0) == 0x80) ++i;
      space = true;
    }
  }
  return out;
}

}  // namespace diagdesk::service::detail
