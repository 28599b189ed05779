#pragma once
// Articles whose source file is gone (internal): found from the import state
// (or, when the state file was lost, from the articles' `source` field),
// then removed or kept by the rules of ImportOptions.

#include "state.hpp"

#include <diagdesk/importers/import.hpp>

#include <filesystem>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace diagdesk::importers::detail {

/// The value of a `key = "..."` line of an article's front matter, without
/// parsing it all; empty when absent.
std::string front_matter_string(std::string_view text, std::string_view key);

/// True when `path` certainly does not exist (ENOENT or ENOTDIR): a file
/// that cannot be looked at (permissions) is not "gone".
bool is_gone(const std::filesystem::path& path);

/// What settle_missing needs to know about the run.
struct MissingContext {
  std::filesystem::path target;
  std::vector<std::filesystem::path> roots;  ///< folders of this run that were listed
  std::set<std::filesystem::path> seen;      ///< files collected in this run
  bool can_write = false;                    ///< not a dry run and the target is writable
  bool keep = false;                         ///< ImportOptions::keep_missing
  bool force = false;                        ///< ImportOptions::force
};

/// Finds the articles of sources inside `ctx.roots` that are gone, deletes
/// those it may (see MissingAction), and forgets the sources whose articles
/// are all gone from `state`. Returns them in source then id order.
std::vector<MissingArticle> settle_missing(ImportState& state, const MissingContext& ctx);

}  // namespace diagdesk::importers::detail
