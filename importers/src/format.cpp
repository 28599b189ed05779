// Formats: names, extensions, and sniffing a text whose extension says nothing.
#include <diagdesk/importers/source.hpp>

#include <algorithm>
#include <cctype>

namespace diagdesk::importers {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

}  // namespace

const char* to_string(Format f) {
  switch (f) {
    case Format::automatic: return "auto";
    case Format::markdown: return "markdown";
    case Format::html: return "html";
    case Format::text: return "text";
    case Format::csv: return "csv";
    case Format::mallard: return "mallard";
  }
  return "?";
}

std::optional<Format> parse_format(std::string_view name) {
  std::string n = lower(name);
  if (n == "auto" || n == "automatic") return Format::automatic;
  if (n == "markdown" || n == "md") return Format::markdown;
  if (n == "html" || n == "htm") return Format::html;
  if (n == "text" || n == "txt") return Format::text;
  if (n == "csv") return Format::csv;
  if (n == "mallard" || n == "page") return Format::mallard;
  return std::nullopt;
}

Format format_from_extension(const std::filesystem::path& path) {
  std::string ext = lower(path.extension().string());
  if (ext == ".md" || ext == ".markdown" || ext == ".mdown" || ext == ".mkd") return Format::markdown;
  if (ext == ".html" || ext == ".htm" || ext == ".xhtml") return Format::html;
  if (ext == ".txt" || ext == ".text") return Format::text;
  if (ext == ".csv") return Format::csv;
  if (ext == ".page") return Format::mallard;
  return Format::automatic;
}

Format sniff_format(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
  std::string head = lower(text.substr(i, 1024));
  if (head.starts_with("<?xml") || head.starts_with("<page")) {
    if (head.find("<page") != std::string::npos && head.find("projectmallard.org") != std::string::npos)
      return Format::mallard;
  }
  if (head.starts_with("<!doctype html") || head.starts_with("<html") ||
      head.find("<html") != std::string::npos || head.find("<body") != std::string::npos)
    return Format::html;
  if (head.starts_with("+++\n") || head.starts_with("---\n") || head.starts_with("# ")) return Format::markdown;
  if (head.find("\n# ") != std::string::npos || head.find("\n## ") != std::string::npos)
    return Format::markdown;
  return Format::text;
}

}  // namespace diagdesk::importers
