// Fuzz target: an HTML page through the import run's steps (decode,
// read_html, complete and write the article, read it back), and the raw
// bytes through html_to_markdown as the CSV reader uses it for GLPI answers.
#include "fuzz_import.hpp"

#include <diagdesk/importers/html.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace diagdesk;
  const std::string_view bytes = fuzz::as_text(data, size);
  fuzz::import_bytes(bytes, "page.html", [](const importers::SourceText& s) { return importers::read_html(s); });
  std::vector<std::string> warnings;
  (void)importers::html_to_markdown(bytes, &warnings);
  return 0;
}
