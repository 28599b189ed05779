#pragma once
/// The articles of the workspace's layers, as kb reads them, and their
/// findings for `diagdesk lint`.

#include <diagdesk/workspace/workspace.hpp>

#include <diagdesk/kb/layers.hpp>

#include <vector>

namespace diagdesk::workspace {

/// The article folders of the workspace's layers (each layer's `articles/`;
/// a team or user layer without one is left out).
std::vector<kb::Layer> article_layers(const Workspace& ws);

/// The articles of every layer (each layer's `articles/` folder): later
/// layers override earlier ones, out-of-date translations are flagged.
kb::KbContents load_articles(const Workspace& ws);

/// Appends kb's findings on articles to `out`, as lint diagnostics: broken
/// front matter, unknown fields, wrong language, empty body, invalid UTF-8,
/// ids overridden across layers, out-of-date or missing translations, and
/// `article:` links to ids that exist in no language ("link.dangling") or
/// not in the language linked ("link.wrong_language"), with line and column.
/// `paths` outside the layers are checked too (an article file, a folder of
/// articles, or a KB folder with an `articles/` sub-folder).
void lint_articles(const Workspace& ws, const std::vector<fs::path>& paths, std::vector<engine::Diagnostic>& out);

}  // namespace diagdesk::workspace
