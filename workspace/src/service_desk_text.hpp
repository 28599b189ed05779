#pragma once
// Shared by the two halves of the service desk (service_desk.cpp and
// service_desk_documents.cpp).
#include <diagdesk/workspace/service_desk.hpp>

#include <string>

namespace diagdesk::workspace {

/// `text` with its first "{}" replaced by `value` (UI strings with one blank).
std::string fill_braces(std::string text, const std::string& value);

}  // namespace diagdesk::workspace
