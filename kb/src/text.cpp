// Text helpers: UTF-8, accent folding, elisions, Markdown to text, tokens.
//
// [SECTION] UTF-8
// [SECTION] Folding and elisions
// [SECTION] Markdown to text
// [SECTION] Tokens
// [SECTION] Hashing

#include <diagdesk/kb/text.hpp>

#include "text_internal.hpp"

#include <xapian.h>

#include <cctype>

#include <algorithm>
#include <array>

namespace diagdesk::kb {
namespace detail {

// [SECTION] UTF-8 ------------------------------------------------------------

std::size_t decode_utf8(std::string_view s, std::size_t i, char32_t& cp) {
  auto b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) {
    cp = b;
    return 1;
  }
  std::size_t len = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 0;
  if (len == 0 || b > 0xF4 || i + len > s.size()) {
    cp = 0xFFFD;
    return 1;
  }
  char32_t c = b & (0x7F >> len);
  for (std::size_t k = 1; k < len; ++k) {
    auto n = static_cast<unsigned char>(s[i + k]);
    if ((n & 0xC0) != 0x80) {
      cp = 0xFFFD;
      return 1;
    }
    c = (c << 6) | (n & 0x3F);
  }
  // Overlong forms, surrogates and out-of-range values are invalid.
  static constexpr char32_t min_for_len[5] = {0, 0, 0x80, 0x800, 0x10000};
  if (c < min_for_len[len] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
    cp = 0xFFFD;
    return 1;
  }
  cp = c;
  return len;
}

void append_utf8(std::string& out, char32_t cp) {
  char buf[4];
  out.append(buf, Xapian::Unicode::to_utf8(static_cast<unsigned>(cp), buf));
}

}  // namespace detail

using detail::append_utf8;
using detail::decode_utf8;

std::size_t find_invalid_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    auto b = static_cast<unsigned char>(text[i]);
    if (b < 0x80) {
      ++i;
      continue;
    }
    char32_t cp;
    std::size_t n = decode_utf8(text, i, cp);
    // A real U+FFFD is 3 bytes long; a decoding failure consumes 1.
    if (cp == 0xFFFD && n == 1) return i;
    i += n;
  }
  return std::string_view::npos;
}

// [SECTION] Folding and elisions --------------------------------------------

namespace {

// Latin-1 letters U+00C0..U+00FF, folded ("" keeps × and ÷ as they are).
constexpr std::array<const char*, 64> latin1_fold = {
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    "d", "n", "o", "o", "o", "o", "o", "",  "o", "u", "u", "u", "u", "y", "th", "ss",
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    "d", "n", "o", "o", "o", "o", "o", "",  "o", "u", "u", "u", "u", "y", "th", "y"};

// Latin Extended-A U+0100..U+017F: ranges of code points sharing a base letter.
struct FoldRange {
  char32_t first, last;
  const char* to;
};
constexpr FoldRange latin_ext_fold[] = {
    {0x100, 0x105, "a"}, {0x106, 0x10D, "c"}, {0x10E, 0x111, "d"}, {0x112, 0x11B, "e"},
    {0x11C, 0x123, "g"}, {0x124, 0x127, "h"}, {0x128, 0x131, "i"}, {0x132, 0x133, "ij"},
    {0x134, 0x135, "j"}, {0x136, 0x138, "k"}, {0x139, 0x142, "l"}, {0x143, 0x14B, "n"},
    {0x14C, 0x151, "o"}, {0x152, 0x153, "oe"}, {0x154, 0x159, "r"}, {0x15A, 0x161, "s"},
    {0x162, 0x167, "t"}, {0x168, 0x173, "u"}, {0x174, 0x175, "w"}, {0x176, 0x178, "y"},
    {0x179, 0x17E, "z"}, {0x17F, 0x17F, "s"}};

bool is_apostrophe(char32_t cp) {
  return cp == U'\'' || cp == 0x2019 || cp == 0x2018 || cp == 0x02BC || cp == 0x201B;
}

void fold_cp(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
  } else if (cp >= 0xC0 && cp <= 0xFF) {
    const char* f = latin1_fold[cp - 0xC0];
    if (*f) out += f;
    else append_utf8(out, cp);
  } else if (cp >= 0x100 && cp <= 0x17F) {
    for (const auto& r : latin_ext_fold) {
      if (cp >= r.first && cp <= r.last) {
        out += r.to;
        return;
      }
    }
  } else if (cp >= 0x300 && cp <= 0x36F) {
    // Combining accents of decomposed text: dropped.
  } else if (is_apostrophe(cp)) {
    out += '\'';
  } else {
    append_utf8(out, Xapian::Unicode::tolower(static_cast<unsigned>(cp)));
  }
}

}  // namespace

std::string fold(std::string_view text) {
  bool plain = true;
  for (char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80 || (c >= 'A' && c <= 'Z')) {
      plain = false;
      break;
    }
  }
  if (plain) return std::string(text);
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    char32_t cp;
    i += decode_utf8(text, i, cp);
    fold_cp(out, cp);
  }
  return out;
}

std::string_view strip_elision(std::string_view word) {
  // Longest first: "jusqu'" before "qu'".
  static constexpr std::string_view elided[] = {"jusqu'", "lorsqu'", "puisqu'", "quoiqu'", "qu'",
                                                "l'", "d'", "j'", "m'", "n'", "s'", "t'", "c'"};
  for (auto e : elided) {
    if (word.size() > e.size() && word.substr(0, e.size()) == e) return word.substr(e.size());
  }
  return word;
}

// [SECTION] Markdown to text -------------------------------------------------

std::string markdown_to_text(std::string_view md) {
  std::string out;
  out.reserve(md.size());
  auto emit_space = [&] {
    if (!out.empty() && out.back() != ' ') out += ' ';
  };
  std::size_t pos = 0;
  while (pos < md.size()) {
    std::size_t eol = md.find('\n', pos);
    if (eol == std::string_view::npos) eol = md.size();
    std::string_view line = md.substr(pos, eol - pos);
    pos = eol + 1;
    // Leading block marks: headings, quotes, list bullets, fences.
    std::size_t i = 0;
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    if (line.substr(i, 3) == "```" || line.substr(i, 3) == "~~~") continue;
    while (i < line.size() && (line[i] == '#' || line[i] == '>')) ++i;
    if (i + 1 < line.size() && (line[i] == '-' || line[i] == '*' || line[i] == '+') &&
        line[i + 1] == ' ')
      i += 2;
    line.remove_prefix(std::min(i, line.size()));
    emit_space();
    for (std::size_t k = 0; k < line.size(); ++k) {
      char c = line[k];
      if (c == '*' || c == '`' || c == '|') {
        if (c == '|') emit_space();
        continue;
      }
      if (c == '!' && k + 1 < line.size() && line[k + 1] == '[') continue;
      if (c == '[' || c == ']') continue;
      if (c == '(' && k > 0 && line[k - 1] == ']') {
        // A link target: skip to the closing parenthesis.
        std::size_t close = line.find(')', k);
        if (close != std::string_view::npos) {
          k = close;
          continue;
        }
      }
      if (c == '<') {
        std::size_t close = line.find('>', k);
        if (close != std::string_view::npos && close - k < 80 &&
            (k + 1 < line.size() && (std::isalpha(static_cast<unsigned char>(line[k + 1])) ||
                                     line[k + 1] == '/'))) {
          k = close;
          continue;
        }
      }
      if (c == ' ' || c == '\t' || c == '\r') {
        emit_space();
        continue;
      }
      out += c;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  if (!out.empty() && out.front() == ' ') out.erase(0, 1);
  return out;
}

// [SECTION] Tokens -----------------------------------------------------------

namespace detail {
namespace {

enum class CharKind { space, separator, word, apostrophe, hyphen, dot, underscore };

constexpr CharKind classify_ascii(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
    return CharKind::word;
  switch (c) {
    case '\'': return CharKind::apostrophe;
    case '-': return CharKind::hyphen;
    case '.': return CharKind::dot;
    case '_': return CharKind::underscore;
    case ' ': case '\t': case '\n': case '\r': case '\f': case '\v': return CharKind::space;
    default: return c < 0x20 ? CharKind::space : CharKind::separator;
  }
}

constexpr std::array<CharKind, 128> ascii_kinds = [] {
  std::array<CharKind, 128> t{};
  for (int c = 0; c < 128; ++c) t[c] = classify_ascii(static_cast<char>(c));
  return t;
}();

CharKind classify(char32_t cp) {
  if (cp < 0x80) return ascii_kinds[cp];
  if (is_apostrophe(cp)) return CharKind::apostrophe;
  if (cp == 0x2010 || cp == 0x2011) return CharKind::hyphen;
  if (cp == 0xA0 || cp == 0x202F || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x3000)
    return CharKind::space;
  if (cp >= 0x300 && cp <= 0x36F) return CharKind::word;  // combining accent
  return Xapian::Unicode::is_wordchar(static_cast<unsigned>(cp)) ? CharKind::word
                                                                 : CharKind::separator;
}

// Calls f(begin, end) for each chunk: a run of word characters, apostrophes,
// hyphens, dots and underscores, trimmed of those joiners at both ends
// (a trailing '.' is kept so "169.254." can be told apart).
template <class F>
void for_each_chunk(std::string_view text, F&& f) {
  std::size_t start = std::string_view::npos;
  auto flush = [&](std::size_t end) {
    if (start == std::string_view::npos) return;
    std::size_t b = start, e = end;
    start = std::string_view::npos;
    while (b < e && (text[b] == '\'' || text[b] == '-' || text[b] == '.' || text[b] == '_')) ++b;
    while (e > b && (text[e - 1] == '\'' || text[e - 1] == '-' || text[e - 1] == '_')) --e;
    if (b < e) f(b, e);
  };
  for (std::size_t i = 0; i < text.size();) {
    char32_t cp = static_cast<unsigned char>(text[i]);
    std::size_t n = cp < 0x80 ? 1 : decode_utf8(text, i, cp);
    CharKind k = classify(cp);
    if (k == CharKind::space || k == CharKind::separator) flush(i);
    else if (start == std::string_view::npos) start = i;
    i += n;
  }
  flush(text.size());
}

bool has_code_char(std::string_view s) {
  bool any = false;
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
    if ((c >= '0' && c <= '9') || c == '_') any = true;
  }
  return any;
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c += 32;
  return out;
}

}  // namespace

bool is_code(std::string_view chunk) { return !chunk.empty() && has_code_char(chunk); }

void scan_spans(std::string_view text, std::vector<Span>& out, std::size_t max_spans) {
  out.clear();
  for_each_chunk(text, [&](std::size_t b, std::size_t e) {
    if (out.size() >= max_spans) return;
    std::string_view chunk = text.substr(b, e - b);
    bool dot = false;
    while (!chunk.empty() && chunk.back() == '.') {
      chunk.remove_suffix(1);
      dot = true;
    }
    if (chunk.empty()) return;
    if (is_code(chunk)) {
      out.push_back({b, b + chunk.size(), true, dot, false});
      return;
    }
    // Words: split at hyphens and dots; apostrophes stay inside a word
    // but neither start nor end one.
    std::size_t i = 0, wb = 0, we = 0;
    bool in_word = false;
    auto finish = [&](bool hyphen) {
      if (in_word && out.size() < max_spans) out.push_back({b + wb, b + we, false, false, hyphen});
      in_word = false;
    };
    while (i < chunk.size()) {
      char32_t cp = static_cast<unsigned char>(chunk[i]);
      std::size_t n = cp < 0x80 ? 1 : decode_utf8(chunk, i, cp);
      CharKind k = classify(cp);
      if (k == CharKind::hyphen || k == CharKind::dot || k == CharKind::underscore) {
        finish(k == CharKind::hyphen);
      } else if (k == CharKind::apostrophe) {
        // kept only when a letter follows (the end is not moved)
      } else {
        if (!in_word) {
          in_word = true;
          wb = i;
        }
        we = i + n;
      }
      i += n;
    }
    finish(false);
  });
  // A hyphen link only means something between two words.
  if (!out.empty()) out.back().hyphen_next = false;
}

std::string span_word(std::string_view text, const Span& s) {
  std::string_view w = text.substr(s.begin, s.end - s.begin);
  if (s.code) return ascii_lower(w);
  std::string out;
  out.reserve(w.size());
  for (std::size_t i = 0; i < w.size();) {
    char32_t cp;
    i += decode_utf8(w, i, cp);
    if (is_apostrophe(cp)) out += '\'';
    else append_utf8(out, Xapian::Unicode::tolower(static_cast<unsigned>(cp)));
  }
  return out;
}

std::vector<Token> tokenize(std::string_view text, std::size_t max_tokens) {
  std::vector<Span> spans;
  scan_spans(text, spans, max_tokens);
  std::vector<Token> out;
  out.reserve(spans.size());
  for (const Span& s : spans) {
    Token t;
    t.word = span_word(text, s);
    t.begin = s.begin;
    t.end = s.end;
    t.code = s.code;
    t.trailing_dot = s.trailing_dot;
    t.hyphen_next = s.hyphen_next;
    out.push_back(std::move(t));
  }
  return out;
}

char first_folded(std::string_view text, std::size_t at) {
  auto b = static_cast<unsigned char>(text[at]);
  if (b < 0x80) return static_cast<char>(b >= 'A' && b <= 'Z' ? b + 32 : b);
  char32_t cp;
  decode_utf8(text, at, cp);
  std::string f;
  fold_cp(f, cp);
  return f.empty() ? '\0' : f[0];
}

void scan_codes(std::string_view text, std::vector<std::string>& out) {
  for_each_chunk(text, [&](std::size_t b, std::size_t e) {
    std::string_view chunk = text.substr(b, e - b);
    while (!chunk.empty() && chunk.back() == '.') chunk.remove_suffix(1);
    if (!is_code(chunk)) return;
    out.push_back(ascii_lower(chunk));
    if (chunk.find('-') != std::string_view::npos) {
      std::size_t p = 0;
      while (p <= chunk.size()) {
        std::size_t q = chunk.find('-', p);
        if (q == std::string_view::npos) q = chunk.size();
        auto part = chunk.substr(p, q - p);
        if (is_code(part)) out.push_back(ascii_lower(part));
        p = q + 1;
      }
    }
  });
}

std::string normalize_word(std::string_view word) {
  std::string f = fold(word);
  std::string_view s = strip_elision(f);
  return s.size() == f.size() ? f : std::string(s);
}

// [SECTION] Hashing ----------------------------------------------------------

void Hasher::add(std::string_view s) {
  std::uint64_t x = h;
  for (unsigned char c : s) {
    x ^= c;
    x *= 1099511628211ull;
  }
  // Length terminator, so ("ab","c") and ("a","bc") differ.
  x ^= s.size() + 0x9e;
  x *= 1099511628211ull;
  h = x;
}

void Hasher::add(std::int64_t v) { add(std::to_string(v)); }

}  // namespace detail
}  // namespace diagdesk::kb
