#pragma once
// Shared by the parts of the service desk (service_desk.cpp,
// service_desk_documents.cpp, service_desk_assets.cpp).
#include <diagdesk/workspace/service_desk.hpp>

#include <string>

namespace diagdesk::workspace {

/// `text` with its first "{}" replaced by `value` (UI strings with one blank).
std::string fill_braces(std::string text, const std::string& value);
/// A refusal: "INC-2026-000001 : text" (or "PC-0042 : text") in the desk's language.
DeskError refuse(const std::string& code, const std::string& move, const std::string& number, const std::string& text,
                 Lang lang);
/// A store failure in words (desk.store.<code>) with the store's detail.
DeskError store_error(const service::StoreStatus& s, const std::string& number, Lang lang);

}  // namespace diagdesk::workspace
