// Fuzz target: a GNOME Mallard page through the import run's steps (decode,
// read_mallard with a link-title lookup, complete and write the article,
// read it back), and mallard_title's quick look at the raw bytes.
#include "fuzz_import.hpp"

#include <diagdesk/importers/mallard.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace diagdesk;
  const std::string_view bytes = fuzz::as_text(data, size);
  importers::ReadOptions ro;
  ro.link_title = [](const std::string& xref) { return xref.size() % 2 ? "Wi-Fi" : std::string(); };
  fuzz::import_bytes(bytes, "page.page", [&](const importers::SourceText& s) { return importers::read_mallard(s, ro); });
  (void)importers::mallard_title(bytes);
  return 0;
}
