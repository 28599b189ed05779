// Fuzz target: a CSV knowledge-base export (GLPI's) through the import run's
// steps (decode, read_csv with the default mapping or one from the first
// byte, complete and write each row's article, read it back), and parse_csv
// with each separator.
#include "fuzz_import.hpp"

#include <diagdesk/importers/csv.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace diagdesk;
  if (size == 0) return 0;
  importers::CsvMapping mapping;
  // Odd first byte: an explicit --map as `diagdesk import --map` passes it.
  if (data[0] & 1) mapping.fields = {{"title", "Sujet"}, {"body", "Contenu"}};
  const std::string_view bytes = fuzz::as_text(data + 1, size - 1);
  fuzz::import_bytes(bytes, "kb.csv", [&](const importers::SourceText& s) { return importers::read_csv(s, mapping); });
  for (char sep : {'\0', ',', ';', '\t'}) {
    const importers::CsvTable t = importers::parse_csv(bytes, sep);
    if (!t.error.empty() && t.error_line <= 0) fuzz::broken("parse_csv error without a line");
  }
  return 0;
}
