#pragma once
/// Rewriting link targets inside Markdown, so that links between imported
/// files point at article ids: `[Wi-Fi](net-wireless.page#hidden)` becomes
/// `[Wi-Fi](article:gnome-help.net-wireless.en#hidden)`.
///
/// The `article:` scheme is how Diagdesk articles name each other; front
/// ends resolve the id through the workspace (falling back to the other
/// language when the id is missing, as kb::KbContents::find does).

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace diagdesk::importers {

/// The scheme put in front of article ids in rewritten links.
inline constexpr std::string_view article_link_scheme = "article:";

/// Given a link target as written (`../net/vpn.md#setup`, `net-wireless`),
/// returns its replacement, or nullopt to leave it as it is.
using LinkResolver = std::function<std::optional<std::string>(std::string_view target)>;

/// Rewrites the targets of inline links and images (`[t](target "title")`,
/// `[t](<target>)`) and of reference definitions (`[ref]: target`), outside
/// code spans and fenced code blocks. Everything else is kept byte for byte. Returns the number of targets replaced in `*count` when given.
std::string rewrite_links(std::string_view markdown, const LinkResolver& resolve,
                          int* count = nullptr);

/// True when `target` has a URI scheme (http:, mailto:, article:...) or is
/// protocol-relative ("//host"): such links are never rewritten.
bool has_scheme(std::string_view target);

}  // namespace diagdesk::importers
