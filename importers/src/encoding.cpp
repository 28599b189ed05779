// Encoding detection and conversion to UTF-8.
#include <diagdesk/importers/encoding.hpp>

#include <diagdesk/base/utf8.hpp>
#include <diagdesk/kb/text.hpp>

#include <uchardet.h>

#include <cerrno>
#include <cstdio>
#include <iconv.h>
#include <memory>
#include <optional>
#include <vector>
#include <algorithm>

namespace diagdesk::importers {
namespace {

using base::append_utf8;

// Line ends to '\n' (CRLF and lone CR).
std::string normalise_newlines(std::string&& s) {
  if (s.find('\r') == std::string::npos) return std::move(s);
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\r') {
      out += '\n';
      if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
    } else {
      out += s[i];
    }
  }
  return out;
}

// True when some valid multi-byte UTF-8 sequence occurs: the file was
// meant to be UTF-8.
bool has_utf8_sequence(std::string_view s) {
  for (std::size_t i = 0; i + 1 < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0xC2 || c > 0xF4) continue;
    std::size_t len = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (i + len > s.size()) continue;
    bool ok = true;
    for (std::size_t k = 1; k < len; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) ok = false;
    if (ok && kb::find_invalid_utf8(s.substr(i, len)) == std::string_view::npos) return true;
  }
  return false;
}

std::string utf16_to_utf8(std::string_view bytes, bool little, Decoded& d) {
  std::string out;
  out.reserve(bytes.size());
  auto unit = [&](std::size_t i) -> char32_t {
    unsigned char a = static_cast<unsigned char>(bytes[i]), b = static_cast<unsigned char>(bytes[i + 1]);
    return little ? (b << 8 | a) : (a << 8 | b);
  };
  std::size_t i = 0;
  for (; i + 1 < bytes.size(); i += 2) {
    char32_t u = unit(i);
    if (u >= 0xD800 && u <= 0xDBFF && i + 3 < bytes.size()) {
      char32_t lo = unit(i + 2);
      if (lo >= 0xDC00 && lo <= 0xDFFF) {
        append_utf8(out, 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00));
        i += 2;
        continue;
      }
    }
    if (u >= 0xD800 && u <= 0xDFFF) u = 0xFFFD;
    append_utf8(out, u);
  }
  if (i < bytes.size()) {
    d.code = "utf16.truncated";
    d.error = "the UTF-16 text ends with half a character (odd number of bytes)";
  }
  return out;
}

// [SECTION] Single-byte encodings -------------------------------------------

// uchardet's name for the charset of `bytes` ("WINDOWS-1252"...), or empty.
std::string uchardet_guess(std::string_view bytes) {
  std::unique_ptr<std::remove_pointer_t<uchardet_t>, void (*)(uchardet_t)> u(uchardet_new(), uchardet_delete);
  if (!u) return {};
  // 256 KiB is plenty to tell, and bounds the time on big files.
  std::string_view head = bytes.substr(0, 262144);
  if (uchardet_handle_data(u.get(), head.data(), head.size()) != 0) return {};
  uchardet_data_end(u.get());
  const char* cs = uchardet_get_charset(u.get());
  return cs ? cs : "";
}

// `bytes` in charset `from` to UTF-8 with glibc's iconv; nullopt when a byte
// has no mapping.
std::optional<std::string> iconv_to_utf8(std::string_view bytes, const char* from) {
  iconv_t cd = ::iconv_open("UTF-8", from);
  if (cd == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
  std::string out(bytes.size() * 3 + 16, '\0');
  char* in = const_cast<char*>(bytes.data());
  std::size_t in_left = bytes.size();
  char* o = out.data();
  std::size_t o_left = out.size();
  std::size_t r = ::iconv(cd, &in, &in_left, &o, &o_left);
  ::iconv_close(cd);
  if (r == static_cast<std::size_t>(-1)) return std::nullopt;
  out.resize(out.size() - o_left);
  return out;
}

char32_t next_cp(std::string_view s, std::size_t& i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  std::size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
  for (std::size_t k = 1; k < len && i + k < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  i += len;
  return cp;
}

constexpr std::u32string_view french_lower = U"àâäçéèêëîïôöùûüÿœæ";
constexpr std::u32string_view french_upper = U"ÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸŒÆ";
constexpr std::u32string_view typography = U"«»’‘“”–—…€°\u00A0\u202F";

bool ascii_letter(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_lower(char32_t c) { return (c >= 'a' && c <= 'z') || french_lower.find(c) != std::u32string_view::npos; }
bool is_letter(char32_t c) {
  return ascii_letter(c) || french_lower.find(c) != std::u32string_view::npos ||
         french_upper.find(c) != std::u32string_view::npos;
}

// How much a UTF-8 reading looks like French or English text: accented
// letters inside words count for it, control characters, odd symbols and
// capitals after a small letter against it.
long plausibility(std::string_view utf8) {
  std::u32string cps;
  for (std::size_t i = 0; i < utf8.size();) cps += next_cp(utf8, i);
  long score = 0;
  for (std::size_t i = 0; i < cps.size(); ++i) {
    char32_t c = cps[i];
    if (c < 0x80) continue;
    char32_t prev = i ? cps[i - 1] : U' ', next = i + 1 < cps.size() ? cps[i + 1] : U' ';
    if (c < 0xA0) score -= 10;
    else if (french_lower.find(c) != std::u32string_view::npos) score += is_letter(prev) || is_letter(next) ? 3 : 1;
    else if (french_upper.find(c) != std::u32string_view::npos) score += is_lower(prev) ? -3 : 2;
    else if (typography.find(c) != std::u32string_view::npos) score += 1;
    else score -= 3;
  }
  return score;
}

}  // namespace

const char* to_string(Encoding e) {
  switch (e) {
    case Encoding::utf8: return "utf-8";
    case Encoding::utf8_bom: return "utf-8-bom";
    case Encoding::utf16le: return "utf-16le";
    case Encoding::utf16be: return "utf-16be";
    case Encoding::windows1252: return "windows-1252";
    case Encoding::latin1: return "iso-8859-1";
    case Encoding::iso8859_15: return "iso-8859-15";
    case Encoding::mac_roman: return "mac-roman";
  }
  return "?";
}

std::pair<int, int> line_column(std::string_view text, std::size_t offset) {
  int line = 1, col = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      col = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++col;
    }
  }
  return {line, col};
}

bool looks_binary(std::string_view bytes, std::size_t* offset) {
  // Look at the first 64 KiB: enough to tell, cheap on big files.
  std::string_view head = bytes.substr(0, 65536);
  std::size_t controls = 0, first = std::string_view::npos;
  for (std::size_t i = 0; i < head.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(head[i]);
    if (c == 0) {
      if (offset) *offset = i;
      return true;
    }
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1B) {
      ++controls;
      if (first == std::string_view::npos) first = i;
    }
  }
  if (offset) *offset = first;
  return !head.empty() && controls * 10 > head.size();
}

std::string cp1252_to_utf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 8);
  for (char ch : bytes) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (c < 0x80) out += ch;
    else base::append_cp1252(out, c);
  }
  return out;
}

Decoded decode(std::string_view bytes) {
  Decoded d;
  if (bytes.starts_with("\xEF\xBB\xBF")) {
    bytes.remove_prefix(3);
    d.encoding = Encoding::utf8_bom;
  } else if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF")) {
    bool little = bytes[0] == '\xFF';
    d.encoding = little ? Encoding::utf16le : Encoding::utf16be;
    d.text = normalise_newlines(utf16_to_utf8(bytes.substr(2), little, d));
    return d;
  }
  std::size_t at = 0;
  if (looks_binary(bytes, &at)) {
    d.code = "binary";
    auto [line, col] = line_column(bytes, at);
    d.line = line;
    d.column = col;
    char buf[96];
    std::snprintf(buf, sizeof buf, "binary content (byte 0x%02X at offset %zu): not a text document",
                  static_cast<unsigned char>(at < bytes.size() ? bytes[at] : 0), at);
    d.error = buf;
    return d;
  }
  std::size_t bad = kb::find_invalid_utf8(bytes);
  if (bad == std::string_view::npos) {
    d.text = normalise_newlines(std::string(bytes));
    return d;
  }
  if (d.encoding == Encoding::utf8_bom || has_utf8_sequence(bytes)) {
    // UTF-8 was meant (a BOM, or valid accented letters elsewhere): a bad
    // byte is damage or a mix of encodings, and guessing would garble text.
    auto [line, col] = line_column(bytes, bad);
    d.code = "utf8.invalid";
    d.line = line;
    d.column = col;
    char buf[160];
    std::snprintf(buf, sizeof buf,
                  "invalid UTF-8 at line %d, column %d (byte 0x%02X) in a file that is otherwise "
                  "UTF-8: it mixes encodings or is damaged; save it as UTF-8",
                  line, col, static_cast<unsigned char>(bytes[bad]));
    d.error = buf;
    return d;
  }
  bool c1 = false;
  for (char ch : bytes) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (c >= 0x80 && c < 0xA0) {
      c1 = true;
      break;
    }
  }
  // Single-byte: uchardet's proposal first, then the others; the reading
  // with the most plausible letters wins, the earlier one on a tie.
  d.detector_guess = uchardet_guess(bytes);
  const Encoding cp1252_family = c1 ? Encoding::windows1252 : Encoding::latin1;
  std::vector<Encoding> order;
  if (d.detector_guess == "ISO-8859-15") order.push_back(Encoding::iso8859_15);
  else if (d.detector_guess == "MACINTOSH" || d.detector_guess == "MAC-ROMAN") order.push_back(Encoding::mac_roman);
  for (Encoding e : {cp1252_family, Encoding::iso8859_15, Encoding::mac_roman})
    if (std::find(order.begin(), order.end(), e) == order.end()) order.push_back(e);
  long best_score = 0;
  bool have = false;
  for (Encoding e : order) {
    std::optional<std::string> text;
    if (e == Encoding::iso8859_15) text = c1 ? std::nullopt : iconv_to_utf8(bytes, "ISO-8859-15");
    else if (e == Encoding::mac_roman) text = iconv_to_utf8(bytes, "MACINTOSH");
    else text = cp1252_to_utf8(bytes);
    if (!text) continue;
    long score = plausibility(*text);
    if (!have || score > best_score) {
      have = true;
      best_score = score;
      d.encoding = e;
      d.text = std::move(*text);
    }
  }
  d.text = normalise_newlines(std::move(d.text));
  return d;
}

}  // namespace diagdesk::importers
