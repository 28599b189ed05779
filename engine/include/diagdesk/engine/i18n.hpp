#pragma once
/// User-interface strings in French and English (data/ui/strings.toml,
/// compiled into the engine so they are always available).

#include <diagdesk/engine/text.hpp>

#include <string>
#include <vector>

namespace diagdesk::engine {

/// The string `key` in `lang`; the key itself when unknown.
const std::string& tr(std::string_view key, Lang lang);
/// Every key, for tests and the linter.
std::vector<std::string> ui_string_keys();
/// Keys lacking a language, as "key (fr)" / "key (en)".
std::vector<std::string> ui_string_problems();

}  // namespace diagdesk::engine
