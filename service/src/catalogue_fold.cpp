// Folding text for the catalogue search: lower case without French accents.
#include "catalogue_toml.hpp"

#include <array>
#include <utility>

namespace diagdesk::service::detail {

std::string fold(std::string_view text) {
  // Two-byte UTF-8 sequences of Latin-1 letters and what they fold to.
  static const std::array<std::pair<std::string_view, std::string_view>, 30> table{{
      {"à", "a"}, {"â", "a"}, {"ä", "a"}, {"ç", "c"}, {"é", "e"}, {"è", "e"}, {"ê", "e"}, {"ë", "e"},
      {"î", "i"}, {"ï", "i"}, {"ô", "o"}, {"ö", "o"}, {"ù", "u"}, {"û", "u"}, {"ü", "u"},
      {"À", "a"}, {"Â", "a"}, {"Ä", "a"}, {"Ç", "c"}, {"É", "e"}, {"È", "e"}, {"Ê", "e"}, {"Ë", "e"},
      {"Î", "i"}, {"Ï", "i"}, {"Ô", "o"}, {"Ö", "o"}, {"Ù", "u"}, {"Û", "u"}, {"œ", "oe"},
  }};
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    bool done = false;
    for (const auto& [from, to] : table) {
      if (text.substr(i, from.size()) == from) {
        out += to;
        i += from.size();
        done = true;
        break;
      }
    }
    if (done) continue;
    const char c = text[i++];
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

}  // namespace diagdesk::service::detail
