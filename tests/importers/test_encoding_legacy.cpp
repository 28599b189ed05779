// Legacy encodings on real samples: known French text converted with glibc's
// iconv into each encoding, then decode() must name the encoding and give the
// text back exactly (encoding.hpp; uchardet proposes, letters decide).
#include <diagdesk/importers/encoding.hpp>
#include <diagdesk/importers/import.hpp>

#include "temp_dir.hpp"

#include <doctest/doctest.h>

#include <iconv.h>

using namespace diagdesk::importers;

namespace {

const std::string sentence = "« Ça coûte 5 € : déjà réglé, œuvre »";
const std::string paragraph =
    "Le poste ne démarre plus après la mise à jour : vérifiez le câble, puis redémarrez.\n"
    "« Ça coûte 5 € : déjà réglé, œuvre », où est le problème ? Ça dépend du réseau.\n";

// `utf8` in `charset`, through glibc's iconv (as `iconv -t CHARSET` does).
std::string encode(const std::string& utf8, const char* charset) {
  iconv_t cd = ::iconv_open(charset, "UTF-8");
  REQUIRE(cd != reinterpret_cast<iconv_t>(-1));
  std::string out(utf8.size() * 4 + 8, '\0');
  char* in = const_cast<char*>(utf8.data());
  std::size_t in_left = utf8.size(), out_left = out.size();
  char* o = out.data();
  std::size_t r = ::iconv(cd, &in, &in_left, &o, &out_left);
  ::iconv_close(cd);
  REQUIRE(r != static_cast<std::size_t>(-1));
  out.resize(out.size() - out_left);
  return out;
}

struct Sample {
  const char* charset;  // iconv's name
  const char* bom;      // prepended to the bytes
  Encoding expected;
};

}  // namespace

TEST_CASE("legacy encodings of French text are detected and decoded exactly") {
  const Sample samples[] = {
      {"WINDOWS-1252", "", Encoding::windows1252},
      {"ISO-8859-15", "", Encoding::iso8859_15},
      {"MACINTOSH", "", Encoding::mac_roman},
      {"UTF-16LE", "\xFF\xFE", Encoding::utf16le},
      {"UTF-16BE", "\xFE\xFF", Encoding::utf16be},
      {"UTF-8", "", Encoding::utf8},
  };
  for (const std::string& text : {sentence, paragraph}) {
    for (const auto& s : samples) {
      CAPTURE(std::string(s.charset));
      CAPTURE(text);
      std::string bytes = std::string(s.bom, std::char_traits<char>::length(s.bom)) + encode(text, s.charset);
      // A Mac file has CR line ends; decode() turns them into '\n'.
      if (s.expected == Encoding::mac_roman)
        for (char& c : bytes)
          if (c == '\n') c = '\r';
      Decoded d = decode(bytes);
      CAPTURE(d.detector_guess);
      CHECK(d.error.empty());
      CHECK(to_string(d.encoding) == std::string(to_string(s.expected)));
      CHECK(d.text == text);
    }
  }
}

TEST_CASE("short legacy words are read the way French spells them") {
  struct Row {
    const char* what;
    std::string bytes;
    Encoding encoding;
    std::string text;
  };
  const Row rows[] = {
      {"Mac Roman é is 0x8E (Ž in Windows-1252), è is 0x8F", "Caf\x8E cr\x8F" "me", Encoding::mac_roman, "Café crème"},
      {"ISO-8859-15 € is 0xA4 (¤ in Latin-1)", "Prix : 5 \xA4", Encoding::iso8859_15, "Prix : 5 €"},
      {"ISO-8859-15 œ is 0xBD (½ in Latin-1)", "C\xBDur et \xBDuvre", Encoding::iso8859_15, "Cœur et œuvre"},
      {"Latin-1 without a telling byte stays Latin-1", "R\xE9seau \xE0 r\xE9parer", Encoding::latin1,
       "Réseau à réparer"},
  };
  for (const auto& r : rows) {
    CAPTURE(std::string(r.what));
    Decoded d = decode(r.bytes);
    CHECK(d.encoding == r.encoding);
    CHECK(d.text == r.text);
  }
}

TEST_CASE("the import report names the detected legacy encoding") {
  diagdesk::test::TempDir dir;
  dir.write("src/mac.txt", encode("Imprimante bloquée\n\nLe bac à papier est coincé : ouvrez-le et retirez la "
                                  "feuille froissée, puis relancez l'impression.\n", "MACINTOSH"));
  dir.write("src/latin9.html", "<html lang=\"fr\"><title>Tarif</title><p>" +
                                   encode("La réparation coûte 40 € et l'œuvre est garantie.", "ISO-8859-15") +
                                   "</p></html>");
  ImportOptions o;
  o.inputs = {dir.path / "src"};
  o.target = dir.path / "kb";
  ImportReport r = run_import(o);
  std::string text = format_report(r);
  INFO(text);
  REQUIRE(r.files.size() == 2);
  for (const auto& f : r.files) {
    if (f.path.filename() == "mac.txt") CHECK(f.encoding == "mac-roman");
    else CHECK(f.encoding == "iso-8859-15");
  }
  CHECK(text.find("mac-roman") != std::string::npos);
  std::string html = diagdesk::test::slurp(dir.path / "kb/articles/fr/src.latin9.md");
  CHECK(html.find("coûte 40 € et l'œuvre") != std::string::npos);
}
