// Encoding detection and conversion (encoding.hpp).
#include <diagdesk/importers/encoding.hpp>

#include <doctest/doctest.h>

using namespace diagdesk::importers;

namespace {

struct DecodeRow {
  const char* what;
  std::string bytes;
  Encoding encoding;
  std::string text;   // expected UTF-8 when no error
  std::string code;   // expected error code, "" when none
  int line = 0, column = 0;
};

}  // namespace

TEST_CASE("decode detects the encoding and converts to UTF-8") {
  const DecodeRow rows[] = {
      {"plain ASCII", "Reboot the router\n", Encoding::utf8, "Reboot the router\n", ""},
      {"UTF-8 accents", "R\xC3\xA9seau lent", Encoding::utf8, "Réseau lent", ""},
      {"UTF-8 with BOM, BOM dropped", "\xEF\xBB\xBFImprimante", Encoding::utf8_bom, "Imprimante", ""},
      {"Windows line ends", "a\r\nb\rc\n", Encoding::utf8, "a\nb\nc\n", ""},
      // 0x92 is the typographic apostrophe in Windows-1252, 0xE9 is é.
      {"Windows-1252 (byte in 0x80-0x9F)", "L\x92imprimante est d\xE9" "branch\xE9" "e", Encoding::windows1252,
       "L’imprimante est débranchée", ""},
      {"Windows-1252 euro and oe", "\x80 \x9C" "uvre", Encoding::windows1252, "€ œuvre", ""},
      {"Latin-1 (no byte in 0x80-0x9F)", "R\xE9seau \xE0 r\xE9parer", Encoding::latin1, "Réseau à réparer", ""},
      {"UTF-16LE with BOM", std::string("\xFF\xFE" "O\0K\0\r\0\n\0", 10), Encoding::utf16le, "OK\n", ""},
      {"UTF-16BE with BOM", std::string("\xFE\xFF\0\xE9", 4), Encoding::utf16be, "é", ""},
      {"a NUL byte: binary", std::string("PK\x03\x04\0\0", 6), Encoding::utf8, "", "binary"},
      // Valid "é" on line 1, a lone 0xE9 on line 2: damaged, not Latin-1.
      {"invalid UTF-8 in a UTF-8 file", "caf\xC3\xA9\nd\xE9j\xC3\xA0", Encoding::utf8, "", "utf8.invalid", 2, 2},
      {"invalid UTF-8 after a BOM", "\xEF\xBB\xBF" "ab\xFF", Encoding::utf8_bom, "", "utf8.invalid", 1, 3},
  };
  for (const auto& row : rows) {
    CAPTURE(std::string(row.what));
    Decoded d = decode(row.bytes);
    CHECK(d.code == row.code);
    if (row.code.empty()) {
      CHECK(d.error.empty());
      CHECK(d.encoding == row.encoding);
      CHECK(d.text == row.text);
    } else {
      CHECK_FALSE(d.error.empty());
      if (row.line) {
        CHECK(d.line == row.line);
        CHECK(d.column == row.column);
      }
    }
  }
}

TEST_CASE("the invalid UTF-8 message names the position and the fix") {
  Decoded d = decode("ok\n\xC3\xA9t\xE9");
  REQUIRE(d.code == "utf8.invalid");
  CHECK(d.error.find("line 2, column 3") != std::string::npos);
  CHECK(d.error.find("save it as UTF-8") != std::string::npos);
}

TEST_CASE("looks_binary tells text from binary") {
  std::size_t at = 0;
  CHECK(looks_binary(std::string("\x7F" "ELF\x02\x01\x01\0", 8), &at));
  CHECK(at == 7);
  CHECK_FALSE(looks_binary("tabs\tand\nnew lines\r\n"));
  std::string controls(100, '\x01');
  CHECK(looks_binary(controls));
  CHECK_FALSE(looks_binary(""));
}

TEST_CASE("names of encodings are stable") {
  CHECK(std::string(to_string(Encoding::utf8)) == "utf-8");
  CHECK(std::string(to_string(Encoding::utf8_bom)) == "utf-8-bom");
  CHECK(std::string(to_string(Encoding::windows1252)) == "windows-1252");
  CHECK(std::string(to_string(Encoding::latin1)) == "iso-8859-1");
}
