#pragma once
// Markdown (CommonMark + GitHub tables and task lists) to the MarkdownDoc
// view-model, parsed with md4c. The article panel draws the result.

#include "vm/view_models.hpp"

#include <string_view>

namespace diagdesk::gui {

/// Parses `text`; never fails (md4c accepts any input).
MarkdownDoc parse_markdown(std::string_view text);

}  // namespace diagdesk::gui
