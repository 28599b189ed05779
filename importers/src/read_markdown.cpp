// The Markdown reader.
#include <diagdesk/importers/markdown.hpp>

#include "front_matter.hpp"

#include <diagdesk/importers/sanitize.hpp>

#include <diagdesk/kb/text.hpp>

#include <cctype>
#include <cstdio>

namespace diagdesk::importers {
namespace {

std::string trim(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}

// The first heading of a Markdown body (level 1 preferred), as plain text.
std::string first_heading(std::string_view body) {
  std::string best;
  int best_level = 7;
  std::string prev;
  bool in_fence = false;
  std::size_t pos = 0;
  while (pos < body.size()) {
    std::size_t eol = body.find('\n', pos);
    if (eol == std::string_view::npos) eol = body.size();
    std::string_view line = body.substr(pos, eol - pos);
    pos = eol + 1;
    std::string t = trim(line);
    if (t.starts_with("```") || t.starts_with("~~~")) {
      in_fence = !in_fence;
      prev.clear();
      continue;
    }
    if (in_fence) continue;
    int level = 0;
    std::string text;
    if (t.starts_with('#') && line.find_first_not_of(' ') < 4) {
      std::size_t n = t.find_first_not_of('#');
      if (n <= 6 && (n == std::string::npos || t[n] == ' ')) {
        level = static_cast<int>(n == std::string::npos ? t.size() : n);
        text = n == std::string::npos ? "" : t.substr(n);
        // Closing hashes: "## Title ##".
        while (!text.empty() && text.back() == '#') text.pop_back();
      }
    } else if (!prev.empty() && !t.empty() && t.find_first_not_of('=') == std::string::npos) {
      level = 1;
      text = prev;
    } else if (!prev.empty() && t.size() >= 2 && t.find_first_not_of('-') == std::string::npos) {
      level = 2;
      text = prev;
    }
    text = trim(kb::markdown_to_text(text));
    if (level && !text.empty() && level < best_level) {
      best = text;
      best_level = level;
      if (level == 1) break;
    }
    prev = t;
  }
  return best;
}

std::string body_of(std::string_view text) {
  std::size_t b = 0;
  // Drop leading blank lines.
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') b = i + 1;
    else if (text[i] != ' ' && text[i] != '\t') break;
  }
  std::string out(text.substr(std::min(b, text.size())));
  while (!out.empty() && std::isspace(static_cast<unsigned char>(out.back()))) out.pop_back();
  if (!out.empty()) out += '\n';
  return out;
}

// No raw HTML, no refused link (sanitize.hpp); what went is said as warnings.
std::string sanitized(const std::string& file, std::string_view body, std::vector<kb::Diagnostic>& diags) {
  std::vector<std::string> dropped;
  std::string out = sanitize_markdown(body, &dropped);
  for (const auto& d : dropped) {
    int line = 0;
    std::sscanf(d.c_str(), "line %d:", &line);
    diags.push_back({kb::Severity::warning, "safety.import.dropped", file, line, 0, d.substr(d.find(": ") + 2)});
  }
  return out;
}

}  // namespace

ReadResult read_markdown(const SourceText& source) {
  ReadResult r;
  const std::string file = source.path.string();
  const std::string& text = source.text;
  detail::FrontMatter fm = detail::parse_front_matter(file, text);
  if (!fm.diagnostics.empty()) {
    r.diagnostics = std::move(fm.diagnostics);
    return r;
  }

  Draft d;
  if (fm.diagdesk) {
    // The id names the file written: it must not lead out of the target folder.
    if (fm.id.find('/') != std::string::npos || fm.id.find('\\') != std::string::npos ||
        fm.id.find("..") != std::string::npos) {
      r.diagnostics.push_back({kb::Severity::error, "id.escape", file, 0, 0,
                               "id '" + fm.id +
                                   "' would write outside the target folder; ids are dotted names like net.apipa.fr"});
      return r;
    }
    // Already a Diagdesk article: kb reads it, with all its checks.
    kb::ArticleResult ar = kb::parse_article(source.path, text);
    for (auto& diag : ar.diagnostics) {
      // The file name of a source need not match the id.
      if (diag.code == "path.mismatch") continue;
      r.diagnostics.push_back(std::move(diag));
    }
    if (!ar.article) return r;
    d.article = std::move(*ar.article);
    d.article.body = sanitized(file, d.article.body, r.diagnostics);
    d.article.path.clear();
    d.lang_from = "front matter";
    r.drafts.push_back(std::move(d));
    return r;
  }

  std::string_view body = std::string_view(text).substr(fm.body_offset);
  d.article.title = !fm.title.empty() ? fm.title : first_heading(body);
  d.article.body = sanitized(file, body_of(body), r.diagnostics);
  d.article.tags = std::move(fm.tags);
  d.article.symptoms = std::move(fm.symptoms);
  d.article.domain = fm.domain;
  d.article.updated = fm.updated;
  if (!fm.lang.empty()) {
    d.article.lang = fm.lang;
    d.lang_from = "front matter";
  }
  if (trim(d.article.body).empty() && d.article.title.empty()) {
    r.diagnostics.push_back({kb::Severity::error, "content.empty", file, 0, 0, "no text to import"});
    return r;
  }
  r.drafts.push_back(std::move(d));
  return r;
}

}  // namespace diagdesk::importers
