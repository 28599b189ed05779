#pragma once
// Shared by the quote desk's parts (quote_desk.cpp, quote_desk_propose.cpp,
// quote_desk_documents.cpp, quote_lint.cpp).
#include "service_desk_text.hpp"

#include <diagdesk/workspace/quote_desk.hpp>

#include <string>

namespace diagdesk::workspace {

/// "fr" -> Lang::fr, anything else Lang::en.
inline Lang lang_of(const std::string& code) { return code == "fr" ? Lang::fr : Lang::en; }
/// A date as the reader writes it: 31/03/2027 in French, 2027-03-31 in English.
std::string quote_date(service::Date d, Lang lang);

}  // namespace diagdesk::workspace
