#pragma once
// Tokenising shared by the indexer and the query builder (internal to kb).

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace diagdesk::kb::detail {

/// Decodes one UTF-8 code point at `text[i]`; invalid bytes decode as
/// U+FFFD with length 1. Returns the length consumed.
std::size_t decode_utf8(std::string_view text, std::size_t i, char32_t& cp);
void append_utf8(std::string& out, char32_t cp);

/// One word of a query, in source order.
struct Token {
  std::string word;           ///< lower-case, typographic apostrophes as '
  std::size_t begin = 0;      ///< byte offsets in the source text
  std::size_t end = 0;
  bool code = false;          ///< technical token (ASCII with a digit or '_'): matched exactly
  bool trailing_dot = false;  ///< a code written with a final '.' ("169.254.")
  bool hyphen_next = false;   ///< joined to the next token by '-' ("wi-fi")
};

/// Where a word or technical token lies in a text (no copy made).
struct Span {
  std::size_t begin = 0, end = 0;
  bool code = false;
  bool trailing_dot = false;
  bool hyphen_next = false;
};
/// The words and technical tokens of `text`, at most `max_spans` (`out` is cleared).
void scan_spans(std::string_view text, std::vector<Span>& out,
                std::size_t max_spans = std::numeric_limits<std::size_t>::max());
/// The span's text, lower-case, typographic apostrophes as '.
std::string span_word(std::string_view text, const Span& span);
/// The first letter of the code point at `text[at]`, folded ('é' -> 'e').
char first_folded(std::string_view text, std::size_t at);

/// Splits a text into words and technical tokens (error codes, KB numbers,
/// IP addresses, identifiers with '_'), at most `max_tokens` of them.
std::vector<Token> tokenize(std::string_view text,
                            std::size_t max_tokens = std::numeric_limits<std::size_t>::max());

/// Appends the technical tokens of `text`, lower-case, for exact-match terms.
/// A hyphenated code also yields its parts that are codes ("wpa2-psk" -> "wpa2").
void scan_codes(std::string_view text, std::vector<std::string>& out);

/// The key used for stop words, synonyms and spelling: folded, elision stripped.
std::string normalize_word(std::string_view word);

/// True when a lower-case chunk is a technical token.
bool is_code(std::string_view chunk);

/// Stable 64-bit FNV-1a, fed piece by piece.
struct Hasher {
  std::uint64_t h = 14695981039346656037ull;
  void add(std::string_view s);
  void add(std::int64_t v);
};

}  // namespace diagdesk::kb::detail
