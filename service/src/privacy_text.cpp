// Personal data: finding a person's mentions in a text, and pseudonyms.
//
// [SECTION] Folding
// [SECTION] Mentions
// [SECTION] Pseudonyms
#include <diagdesk/service/privacy.hpp>

#include <algorithm>
#include <array>
#include <cstring>

namespace diagdesk::service {

// [SECTION] Folding ---------------------------------------------------------------------

namespace {

/// The text folded byte by byte, each byte with the source range it came from.
struct Folded {
  std::string_view source;
  std::string text;
  std::vector<std::size_t> from;  ///< source begin of each byte of `text`
  std::vector<std::size_t> to;    ///< source end of each byte of `text`
};

// Base letters of U+00C0..U+00FF and U+0100..U+017F ('1': ae, '2': oe, '3': ss, '4': th, '5': ij, '*': kept).
constexpr std::string_view latin1 = "aaaaaa1ceeeeiiiidnooooo*ouuuuy43aaaaaa1ceeeeiiiidnooooo*ouuuuy4y";
constexpr std::string_view latin_a =
    "aaaaaaccccccccdd" "ddeeeeeeeeeegggg" "gggghhhhiiiiiiii" "ii55jjkkklllllll"
    "lllnnnnnnnnnoooo" "oo22rrrrrrssssss" "ssttttttuuuuuuuu" "uuuuwwyyyzzzzzzs";
static_assert(latin1.size() == 64 && latin_a.size() == 128);

std::string_view expand(char c) {
  switch (c) {
    case '1': return "ae";
    case '2': return "oe";
    case '3': return "ss";
    case '4': return "th";
    case '5': return "ij";
    default: return {};
  }
}

bool blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '-' || c == '_'; }

Folded fold(std::string_view s) {
  Folded f;
  f.source = s;
  auto put = [&](std::string_view out, std::size_t b, std::size_t e) {
    for (char c : out) {
      f.text += c;
      f.from.push_back(b);
      f.to.push_back(e);
    }
  };
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if (blank(s[i])) {
        // A run of blanks is one space.
        std::size_t j = i;
        while (j < s.size() && blank(s[j])) ++j;
        put(" ", i, j);
        i = j;
      } else {
        const char low = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : s[i];
        put(std::string_view(&low, 1), i, i + 1);
        ++i;
      }
      continue;
    }
    // One UTF-8 sequence; two-byte ones of U+00C0..U+017F fold to their base letter.
    std::size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    len = std::min(len, s.size() - i);
    if (len == 2) {
      const unsigned cp = ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3Fu);
      char base = '*';
      if (cp >= 0xC0 && cp <= 0xFF) base = latin1[cp - 0xC0];
      else if (cp >= 0x100 && cp <= 0x17F) base = latin_a[cp - 0x100];
      if (base != '*') {
        const std::string_view two = expand(base);
        put(two.empty() ? std::string_view(&base, 1) : two, i, i + 2);
        i += 2;
        continue;
      }
    }
    put(s.substr(i, len), i, i + len);
    i += len;
  }
  return f;
}

bool word_byte(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

std::string trimmed(std::string s) {
  const auto b = s.find_first_not_of(' ');
  if (b == std::string::npos) return {};
  return s.substr(b, s.find_last_not_of(' ') - b + 1);
}

}  // namespace

std::string fold_name(std::string_view name) { return trimmed(fold(name).text); }

// [SECTION] Mentions --------------------------------------------------------------------

namespace {

using Span = std::pair<std::size_t, std::size_t>;

/// The name and, for two words, the other order ("dupont marie").
std::vector<std::string> name_forms(const std::string& name) {
  std::vector<std::string> forms;
  const std::string f = fold_name(name);
  if (f.empty()) return forms;
  forms.push_back(f);
  const auto space = f.find(' ');
  if (space != std::string::npos && f.find(' ', space + 1) == std::string::npos) {
    forms.push_back(f.substr(space + 1) + " " + f.substr(0, space));
  }
  return forms;
}

void find_names(const Folded& t, const std::vector<std::string>& forms, std::vector<Span>& out) {
  for (const auto& form : forms) {
    for (std::size_t at = t.text.find(form); at != std::string::npos; at = t.text.find(form, at + 1)) {
      const std::size_t end = at + form.size();
      // Whole words only, never inside one folded letter (the "o" of "œ").
      if (at > 0 && (t.from[at - 1] == t.from[at] || word_byte(t.text[at - 1]))) continue;
      if (end < t.text.size() && (t.from[end] == t.from[end - 1] || word_byte(t.text[end]))) continue;
      // "Anne-Marie Dupont" and "Marie Dupont-Durand" are someone else.
      if (at > 0 && t.source[t.from[at - 1]] == '-') continue;
      if (end < t.text.size() && t.source[t.to[end] - 1] == '-') continue;
      out.emplace_back(t.from[at], t.to[end - 1]);
    }
  }
}

std::string digits_of(std::string_view s) {
  std::string d;
  for (char c : s) {
    if (c >= '0' && c <= '9') d += c;
  }
  return d;
}

bool phone_separator(char c) { return c == ' ' || c == '.' || c == '-' || c == '(' || c == ')' || c == '/'; }
bool digit(char c) { return c >= '0' && c <= '9'; }

/// Digit runs of `text` spelling `digits`, one separator allowed between digits.
void find_phone(std::string_view text, const std::string& digits, std::vector<Span>& out) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (!digit(text[i]) || (i > 0 && digit(text[i - 1]))) continue;
    std::size_t j = i, k = 0;
    while (j < text.size() && k < digits.size()) {
      if (text[j] == digits[k]) {
        ++j;
        ++k;
      } else if (k > 0 && phone_separator(text[j]) && j + 1 < text.size() && digit(text[j + 1])) {
        ++j;
      } else {
        break;
      }
    }
    if (k == digits.size() && (j == text.size() || !digit(text[j]))) out.emplace_back(i, j);
  }
}

bool email_byte(char c) { return word_byte(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-'; }

void find_email(std::string_view text, const std::string& email, std::vector<Span>& out) {
  std::string low(text);
  for (char& c : low) c = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  for (std::size_t at = low.find(email); at != std::string::npos; at = low.find(email, at + 1)) {
    const std::size_t end = at + email.size();
    if (at > 0 && email_byte(low[at - 1])) continue;
    if (end < low.size() && email_byte(low[end]) && !(low[end] == '.' && (end + 1 == low.size() || !word_byte(low[end + 1]))))
      continue;
    out.emplace_back(at, end);
  }
}

}  // namespace

std::vector<Span> find_mentions(std::string_view text, const Person& who) {
  std::vector<Span> spans;
  if (text.empty()) return spans;
  const Folded folded = fold(text);
  find_names(folded, name_forms(who.name), spans);
  for (const auto& p : who.phones) {
    const std::string d = digits_of(p);
    if (d.size() >= 6) find_phone(text, d, spans);
    else if (!fold_name(p).empty()) find_names(folded, {fold_name(p)}, spans);
  }
  for (const auto& e : who.emails) {
    std::string low = e;
    for (char& c : low) c = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    if (low.find('@') != std::string::npos) find_email(text, low, spans);
  }
  std::sort(spans.begin(), spans.end());
  std::vector<Span> merged;
  for (const auto& s : spans) {
    if (!merged.empty() && s.first < merged.back().second) merged.back().second = std::max(merged.back().second, s.second);
    else merged.push_back(s);
  }
  return merged;
}

std::string replace_mentions(std::string_view text, const Person& who, std::string_view with) {
  std::string out;
  std::size_t at = 0;
  for (const auto& [b, e] : find_mentions(text, who)) {
    out.append(text.substr(at, b - at));
    out.append(with);
    at = e;
  }
  out.append(text.substr(at));
  return out;
}

// [SECTION] Pseudonyms ------------------------------------------------------------------

namespace {

std::uint64_t rotl(std::uint64_t x, int b) { return (x << b) | (x >> (64 - b)); }

/// SipHash-2-4 (Aumasson and Bernstein): a keyed hash made for short inputs.
std::uint64_t siphash(const std::array<unsigned char, 16>& key, std::string_view msg) {
  auto load = [](const unsigned char* p) {
    std::uint64_t v = 0;
    for (int i = 7; i >= 0; --i) v = (v << 8) | p[i];
    return v;
  };
  const std::uint64_t k0 = load(key.data()), k1 = load(key.data() + 8);
  std::uint64_t v0 = 0x736f6d6570736575ULL ^ k0, v1 = 0x646f72616e646f6dULL ^ k1;
  std::uint64_t v2 = 0x6c7967656e657261ULL ^ k0, v3 = 0x7465646279746573ULL ^ k1;
  auto round = [&] {
    v0 += v1; v1 = rotl(v1, 13); v1 ^= v0; v0 = rotl(v0, 32);
    v2 += v3; v3 = rotl(v3, 16); v3 ^= v2;
    v0 += v3; v3 = rotl(v3, 21); v3 ^= v0;
    v2 += v1; v1 = rotl(v1, 17); v1 ^= v2; v2 = rotl(v2, 32);
  };
  const auto* p = reinterpret_cast<const unsigned char*>(msg.data());
  const std::size_t n = msg.size();
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    const std::uint64_t m = load(p + i);
    v3 ^= m;
    round();
    round();
    v0 ^= m;
  }
  std::uint64_t last = static_cast<std::uint64_t>(n & 0xff) << 56;
  for (std::size_t j = 0; i + j < n; ++j) last |= static_cast<std::uint64_t>(p[i + j]) << (8 * j);
  v3 ^= last;
  round();
  round();
  v0 ^= last;
  v2 ^= 0xff;
  for (int r = 0; r < 4; ++r) round();
  return v0 ^ v1 ^ v2 ^ v3;
}

}  // namespace

std::string pseudonym(std::string_view secret, std::string_view name, std::string_view prefix) {
  std::array<unsigned char, 16> key{};
  std::memcpy(key.data(), secret.data(), std::min(secret.size(), key.size()));
  // The words sorted: "Marie Dupont" and "DUPONT Marie" are one person.
  std::vector<std::string> words;
  const std::string f = fold_name(name);
  for (std::size_t at = 0; at < f.size();) {
    const auto space = f.find(' ', at);
    words.push_back(f.substr(at, space == std::string::npos ? std::string::npos : space - at));
    at = space == std::string::npos ? f.size() : space + 1;
  }
  std::sort(words.begin(), words.end());
  std::string joined;
  for (const auto& w : words) joined += (joined.empty() ? "" : " ") + w;
  const std::uint64_t h = siphash(key, joined);
  static const char hex[] = "0123456789ABCDEF";
  std::string out(prefix);
  out += '-';
  for (int i = 0; i < 6; ++i) out += hex[(h >> (60 - 4 * i)) & 0xF];
  return out;
}

bool is_pseudonym(std::string_view text) {
  const auto dash = text.rfind('-');
  if (dash == std::string_view::npos || dash == 0 || text.size() - dash != 7) return false;
  for (char c : text.substr(0, dash)) {
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) return false;
  }
  for (char c : text.substr(dash + 1)) {
    if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'F'))) return false;
  }
  return true;
}

int Erasure::rows() const {
  int n = 0;
  for (const auto& c : counts) n += c.rows;
  return n;
}

int Erasure::fields() const {
  int n = 0;
  for (const auto& c : counts) n += c.fields;
  return n;
}

}  // namespace diagdesk::service
