// Articles whose source file is gone from a folder being imported.
#include "missing.hpp"

#include "walk.hpp"

#include <diagdesk/importers/ids.hpp>
#include <diagdesk/kb/file_io.hpp>
#include <diagdesk/kb/layers.hpp>

#include <algorithm>
#include <cerrno>
#include <sys/stat.h>

namespace diagdesk::importers::detail {

namespace fs = std::filesystem;

std::string front_matter_string(std::string_view text, std::string_view key) {
  // Only the front matter: a body line "source = ..." is not a field.
  std::size_t end = text.find("\n+++", 3);
  std::string_view fm = text.substr(0, end);
  std::string needle = "\n" + std::string(key) + " = \"";
  std::size_t p = fm.find(needle);
  if (p == std::string_view::npos) return {};
  p += needle.size();
  std::string out;
  for (; p < fm.size() && fm[p] != '"' && fm[p] != '\n'; ++p) {
    if (fm[p] == '\\' && p + 1 < fm.size()) ++p;
    out += fm[p];
  }
  return out;
}

bool is_gone(const fs::path& path) {
  struct stat st;
  if (::lstat(path.c_str(), &st) == 0) return false;
  return errno == ENOENT || errno == ENOTDIR;
}

namespace {

bool in_roots(const std::vector<fs::path>& roots, const fs::path& p) {
  return std::any_of(roots.begin(), roots.end(), [&](const fs::path& r) { return inside(r, p); });
}

// Deletes `path` when allowed; the action says what happened.
MissingAction settle(const fs::path& path, bool unedited, bool recorded, const MissingContext& ctx) {
  if (ctx.keep) return MissingAction::kept;
  if (!recorded && !ctx.force) return MissingAction::kept_unrecorded;
  if (!unedited && !ctx.force) return MissingAction::kept_edited;
  if (!ctx.can_write) return MissingAction::would_remove;
  std::error_code ec;
  // Never through a symbolic link in the target (it may lead anywhere).
  if (!symlink_on_the_way(ctx.target, path).empty()) return MissingAction::would_remove;
  if (!unwritable(path.parent_path()).empty() || !fs::remove(path, ec) || ec) return MissingAction::would_remove;
  return MissingAction::removed;
}

}  // namespace

std::vector<MissingArticle> settle_missing(ImportState& state, const MissingContext& ctx) {
  std::vector<MissingArticle> out;
  if (ctx.roots.empty()) return out;
  std::set<std::string> covered;  // article files the state accounts for
  for (auto it = state.sources.begin(); it != state.sources.end();) {
    const fs::path src = it->first;
    for (const auto& o : it->second.outputs) covered.insert((ctx.target / o.rel).lexically_normal().string());
    if (!in_roots(ctx.roots, src) || ctx.seen.count(src) || !is_gone(src)) {
      ++it;
      continue;
    }
    bool all_gone = true;
    for (const auto& o : it->second.outputs) {
      fs::path p = (ctx.target / o.rel).lexically_normal();
      std::string text;
      if (!kb::read_file(p, text)) continue;  // already deleted by hand: nothing to do
      MissingAction a = settle(p, hash64(text) == o.hash, true, ctx);
      all_gone &= a == MissingAction::removed;
      out.push_back({o.id, p, src, a});
    }
    // Forget the source once its articles are gone; a kept one is reported again next time.
    if (all_gone && ctx.can_write) it = state.sources.erase(it);
    else ++it;
  }
  {
    // Articles no import record accounts for (the state file was lost):
    // their own `source` field says where they came from. Only those files
    // are read; their edits cannot be told apart.
    for (const auto& p : kb::article_files(ctx.target / "articles")) {
      if (covered.count(p.lexically_normal().string())) continue;
      std::string text;
      if (!kb::read_file(p, text)) continue;
      std::string source = front_matter_string(text, "source");
      if (source.empty() || source.front() != '/') continue;  // "bundled", hand-written
      fs::path src = source;
      // "<file>#<row>" for a CSV row: the file is what must be gone.
      if (auto hash = source.rfind('#'); hash != std::string::npos && is_gone(src)) src = source.substr(0, hash);
      if (!in_roots(ctx.roots, src) || ctx.seen.count(src) || !is_gone(src)) continue;
      // And the article sits where an import of that source puts it (the
      // topic from its path, plus the row key for a CSV row): a hand-written
      // article naming a source is not taken for an import.
      auto root = std::find_if(ctx.roots.begin(), ctx.roots.end(), [&](const fs::path& r) { return inside(r, src); });
      std::string topic = topic_for(*root, src).topic;
      std::string stem = p.stem().string();
      if (stem != topic && !(src.string() != source && stem.starts_with(topic + "."))) continue;
      std::string id = front_matter_string(text, "id");
      out.push_back({id, p, src, settle(p, false, false, ctx)});
    }
  }
  std::sort(out.begin(), out.end(), [](const MissingArticle& a, const MissingArticle& b) {
    return a.source != b.source ? a.source < b.source : a.id < b.id;
  });
  return out;
}

}  // namespace diagdesk::importers::detail
