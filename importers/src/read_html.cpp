// The HTML reader: Gumbo's HTML5 tree rendered as Markdown.
//
// [SECTION] Tag classes
// [SECTION] Repairs (warnings)
// [SECTION] Rendering
// [SECTION] read_html

#include <diagdesk/importers/html.hpp>
#include <diagdesk/importers/links.hpp>
#include <diagdesk/importers/sanitize.hpp>

#include "md_build.hpp"

#include <gumbo.h>

#include <algorithm>
#include <cctype>
#include <memory>

namespace diagdesk::importers {
namespace {

// [SECTION] Tag classes ------------------------------------------------------

bool is_block(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_ADDRESS: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_ASIDE: case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_BODY: case GUMBO_TAG_CENTER: case GUMBO_TAG_DD: case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_DIV: case GUMBO_TAG_DL: case GUMBO_TAG_DT:
    case GUMBO_TAG_FIELDSET: case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_FIGURE: case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5:
    case GUMBO_TAG_H6: case GUMBO_TAG_HEADER: case GUMBO_TAG_HR: case GUMBO_TAG_LI: case GUMBO_TAG_MAIN:
    case GUMBO_TAG_MENU: case GUMBO_TAG_OL: case GUMBO_TAG_P: case GUMBO_TAG_PRE: case GUMBO_TAG_SECTION:
    case GUMBO_TAG_SUMMARY: case GUMBO_TAG_TABLE: case GUMBO_TAG_UL: case GUMBO_TAG_HTML:
    case GUMBO_TAG_CAPTION: case GUMBO_TAG_LISTING: case GUMBO_TAG_XMP: case GUMBO_TAG_PLAINTEXT:
    case GUMBO_TAG_HGROUP: case GUMBO_TAG_LEGEND:
      return true;
    default:
      return false;
  }
}

// Elements whose end tag HTML lets authors leave out.
bool optional_end(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_HTML: case GUMBO_TAG_HEAD: case GUMBO_TAG_BODY: case GUMBO_TAG_P: case GUMBO_TAG_LI:
    case GUMBO_TAG_DT: case GUMBO_TAG_DD: case GUMBO_TAG_OPTION: case GUMBO_TAG_OPTGROUP:
    case GUMBO_TAG_TR: case GUMBO_TAG_TD: case GUMBO_TAG_TH: case GUMBO_TAG_THEAD: case GUMBO_TAG_TBODY:
    case GUMBO_TAG_TFOOT: case GUMBO_TAG_COLGROUP: case GUMBO_TAG_CAPTION: case GUMBO_TAG_RB:
    case GUMBO_TAG_RT: case GUMBO_TAG_RTC: case GUMBO_TAG_RP:
      return true;
    default:
      return false;
  }
}

std::string attr(const GumboNode* n, const char* name) {
  if (n->type != GUMBO_NODE_ELEMENT) return {};
  const GumboAttribute* a = gumbo_get_attribute(&n->v.element.attributes, name);
  return a ? std::string(a->value) : std::string();
}

std::string tag_name(const GumboNode* n) {
  const char* name = gumbo_normalized_tagname(n->v.element.tag);
  if (name && *name) return name;
  // Unknown tags: the name as written.
  GumboStringPiece p = n->v.element.original_tag;
  gumbo_tag_from_original_text(&p);
  std::string s(p.data ? p.data : "", p.length);
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Elements not on the allow-list (sanitize.hpp) go with their content.
bool dropped(const GumboNode* n) { return !html_element_allowed(tag_name(n)); }

// Text of a subtree as it is (for <pre>, <code> and titles).
void raw_text(const GumboNode* n, std::string& out) {
  if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE || n->type == GUMBO_NODE_CDATA) {
    out += n->v.text.text;
  } else if (n->type == GUMBO_NODE_ELEMENT || n->type == GUMBO_NODE_TEMPLATE) {
    if (n->v.element.tag == GUMBO_TAG_BR) {
      out += '\n';
      return;
    }
    // Iterative (a page may nest 100,000 levels), dropped elements left out.
    std::vector<std::pair<const GumboNode*, unsigned>> stack{{n, 0}};
    while (!stack.empty()) {
      auto& [node, next] = stack.back();
      const GumboVector& kids = node->v.element.children;
      if (next >= kids.length) {
        stack.pop_back();
        continue;
      }
      const GumboNode* c = static_cast<const GumboNode*>(kids.data[next++]);
      if (c->type == GUMBO_NODE_TEXT || c->type == GUMBO_NODE_WHITESPACE || c->type == GUMBO_NODE_CDATA)
        out += c->v.text.text;
      else if (c->type == GUMBO_NODE_ELEMENT && c->v.element.tag == GUMBO_TAG_BR)
        out += '\n';
      else if (c->type == GUMBO_NODE_ELEMENT && !dropped(c))
        stack.push_back({c, 0});
    }
  }
}

// The first element `tag` in document order, depth first, without recursion.
const GumboNode* find_first(const GumboNode* n, GumboTag tag) {
  std::vector<const GumboNode*> stack{n};
  while (!stack.empty()) {
    const GumboNode* c = stack.back();
    stack.pop_back();
    if (c->type != GUMBO_NODE_ELEMENT) continue;
    if (c->v.element.tag == tag) return c;
    const GumboVector& kids = c->v.element.children;
    for (unsigned i = kids.length; i-- > 0;) stack.push_back(static_cast<const GumboNode*>(kids.data[i]));
  }
  return nullptr;
}

// [SECTION] Repairs (warnings) ------------------------------------------------

void check_repairs(const GumboNode* n, std::vector<std::string>& out, int& count, int depth = 0) {
  if (n->type != GUMBO_NODE_ELEMENT || depth > max_tree_depth) return;
  const GumboElement& e = n->v.element;
  unsigned flags = n->parse_flags;
  auto say = [&](const std::string& msg) {
    if (++count <= 10) out.push_back(msg);
  };
  auto where = [&] {
    return "line " + std::to_string(e.start_pos.line) + ", column " + std::to_string(e.start_pos.column);
  };
  if (!(flags & GUMBO_INSERTION_BY_PARSER)) {
    if ((flags & GUMBO_INSERTION_IMPLICIT_END_TAG) && !optional_end(e.tag) && e.tag != GUMBO_TAG_UNKNOWN)
      say(where() + ": <" + tag_name(n) + "> is closed out of order or not at all (repaired)");
    if (flags & GUMBO_INSERTION_CONVERTED_FROM_END_TAG)
      say(where() + ": stray end tag </" + tag_name(n) + "> (repaired)");
  }
  for (unsigned i = 0; i < e.children.length; ++i)
    check_repairs(static_cast<const GumboNode*>(e.children.data[i]), out, count, depth + 1);
}

void check_truncation(std::string_view html, std::vector<std::string>& out) {
  std::size_t lt = html.rfind('<');
  std::size_t gt = html.rfind('>');
  std::size_t comment = html.rfind("<!--");
  auto at = [&](std::size_t off) {
    int line = 1, col = 1;
    for (std::size_t i = 0; i < off; ++i) {
      if (html[i] == '\n') { ++line; col = 1; }
      else if ((static_cast<unsigned char>(html[i]) & 0xC0) != 0x80) ++col;
    }
    return "line " + std::to_string(line) + ", column " + std::to_string(col);
  };
  if (comment != std::string_view::npos && html.find("-->", comment) == std::string_view::npos) {
    out.push_back(at(comment) + ": the file ends inside a comment (truncated?); the rest was ignored");
  } else if (lt != std::string_view::npos && (gt == std::string_view::npos || gt < lt) && lt + 1 < html.size() &&
             (std::isalpha(static_cast<unsigned char>(html[lt + 1])) || html[lt + 1] == '/')) {
    out.push_back(at(lt) + ": the file ends inside a tag (truncated?); the partial tag was ignored");
  }
}

// [SECTION] Rendering ---------------------------------------------------------

class Renderer {
 public:
  std::string blocks(const GumboNode* parent) { return md::join_blocks(block_list(parent)); }

  // An item's blocks; a line of text followed by nested lists stays tight
  // ("- a\n  - b"), the way people write nested lists.
  std::string item(const GumboNode* li) {
    std::vector<std::string> v = block_list(li);
    v.erase(std::remove(v.begin(), v.end(), std::string()), v.end());
    auto is_list = [](const std::string& b) {
      std::size_t d = 0;
      while (d < b.size() && std::isdigit(static_cast<unsigned char>(b[d]))) ++d;
      return b.starts_with("- ") || (d > 0 && b.compare(d, 2, ". ") == 0);
    };
    bool tight = v.size() >= 2 && v[0].find('\n') == std::string::npos &&
                 std::all_of(v.begin() + 1, v.end(), [&](const std::string& b) {
                   return is_list(b) && b.find("\n\n") == std::string::npos;
                 });
    if (!tight) return md::join_blocks(v);
    std::string out = v[0];
    for (std::size_t i = 1; i < v.size(); ++i) out += "\n" + v[i];
    return out;
  }

  std::vector<std::string> block_list(const GumboNode* parent) {
    std::vector<std::string> out;
    // Deeper than any real page: the rest is plain text (no stack overflow).
    if (m_depth > max_tree_depth) {
      std::string t;
      raw_text(parent, t);
      out.push_back(md::finish_inline(md::escape(md::collapse_space(t))));
      return out;
    }
    ++m_depth;
    struct Leave {
      int& d;
      ~Leave() { --d; }
    } leave{m_depth};
    std::string run;
    auto flush = [&] {
      std::string p = md::finish_inline(run);
      if (!p.empty()) out.push_back(std::move(p));
      run.clear();
    };
    const GumboVector& kids = parent->v.element.children;
    for (unsigned i = 0; i < kids.length; ++i) {
      const GumboNode* c = static_cast<const GumboNode*>(kids.data[i]);
      if (c->type == GUMBO_NODE_ELEMENT && dropped(c)) continue;
      if (c->type == GUMBO_NODE_ELEMENT && is_block(c->v.element.tag)) {
        flush();
        out.push_back(block(c));
      } else {
        run += inline_node(c);
      }
    }
    flush();
    return out;
  }

 private:
  std::string block(const GumboNode* n) {
    GumboTag t = n->v.element.tag;
    switch (t) {
      case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
      case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
        return md::heading(1 + (t - GUMBO_TAG_H1), md::finish_inline(inlines(n)));
      case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_MENU:
        return list(n, t == GUMBO_TAG_OL);
      case GUMBO_TAG_PRE: case GUMBO_TAG_LISTING: case GUMBO_TAG_XMP: case GUMBO_TAG_PLAINTEXT:
        return pre(n);
      case GUMBO_TAG_BLOCKQUOTE: {
        std::string inner = blocks(n);
        return inner.empty() ? "" : md::quote(inner);
      }
      case GUMBO_TAG_HR:
        return "---";
      case GUMBO_TAG_TABLE:
        return table(n);
      case GUMBO_TAG_DT:
        return md::wrap(md::finish_inline(inlines(n)), "**");
      case GUMBO_TAG_HEADER: case GUMBO_TAG_FOOTER:
        // Site chrome unless it belongs to an article or section.
        return in_sectioning(n) ? blocks(n) : "";
      default:
        return blocks(n);
    }
  }

  static bool in_sectioning(const GumboNode* n) {
    for (const GumboNode* p = n->parent; p && p->type == GUMBO_NODE_ELEMENT; p = p->parent) {
      GumboTag t = p->v.element.tag;
      if (t == GUMBO_TAG_ARTICLE || t == GUMBO_TAG_SECTION || t == GUMBO_TAG_MAIN || t == GUMBO_TAG_ASIDE)
        return true;
    }
    return false;
  }

  std::string list(const GumboNode* n, bool ordered) {
    long number = 1;
    if (ordered) {
      std::string start = attr(n, "start");
      if (!start.empty()) number = std::strtol(start.c_str(), nullptr, 10);
    }
    std::vector<std::string> items;
    bool loose = false;
    const GumboVector& kids = n->v.element.children;
    for (unsigned i = 0; i < kids.length; ++i) {
      const GumboNode* c = static_cast<const GumboNode*>(kids.data[i]);
      std::string content;
      if (c->type == GUMBO_NODE_ELEMENT && c->v.element.tag == GUMBO_TAG_LI) content = item(c);
      else if (c->type == GUMBO_NODE_ELEMENT && !dropped(c)) content = block(c);
      else if (c->type == GUMBO_NODE_TEXT) content = md::finish_inline(md::escape(c->v.text.text));
      if (content.empty()) continue;
      if (content.find("\n\n") != std::string::npos) loose = true;
      std::string marker = ordered ? std::to_string(number++) + ". " : "- ";
      items.push_back(md::list_item(content, marker));
    }
    std::string out;
    for (const auto& it : items) {
      if (!out.empty()) out += loose ? "\n\n" : "\n";
      out += it;
    }
    return out;
  }

  std::string pre(const GumboNode* n) {
    std::string code;
    raw_text(n, code);
    std::string lang;
    for (const GumboNode* c : {n, find_first(n, GUMBO_TAG_CODE)}) {
      if (!c) continue;
      std::string cls = attr(c, "class");
      for (std::string_view prefix : {"language-", "lang-"}) {
        if (auto p = cls.find(prefix); p != std::string::npos && lang.empty()) {
          std::size_t b = p + prefix.size();
          std::size_t e = cls.find(' ', b);
          lang = cls.substr(b, e == std::string::npos ? std::string::npos : e - b);
        }
      }
    }
    return md::code_block(code, lang);
  }

  void rows_of(const GumboNode* n, std::vector<std::vector<std::string>>& rows) {
    const GumboVector& kids = n->v.element.children;
    for (unsigned i = 0; i < kids.length; ++i) {
      const GumboNode* c = static_cast<const GumboNode*>(kids.data[i]);
      if (c->type != GUMBO_NODE_ELEMENT) continue;
      GumboTag t = c->v.element.tag;
      if (t == GUMBO_TAG_THEAD || t == GUMBO_TAG_TBODY || t == GUMBO_TAG_TFOOT) {
        rows_of(c, rows);
      } else if (t == GUMBO_TAG_TR) {
        std::vector<std::string> row;
        const GumboVector& cells = c->v.element.children;
        for (unsigned k = 0; k < cells.length; ++k) {
          const GumboNode* cell = static_cast<const GumboNode*>(cells.data[k]);
          if (cell->type != GUMBO_NODE_ELEMENT) continue;
          GumboTag ct = cell->v.element.tag;
          if (ct != GUMBO_TAG_TD && ct != GUMBO_TAG_TH) continue;
          row.push_back(md::finish_inline(inlines(cell)));
          // A spanned cell takes its columns, so the others stay aligned.
          long span = std::strtol(attr(cell, "colspan").c_str(), nullptr, 10);
          for (long s = 1; s < span && s < 50; ++s) row.emplace_back();
        }
        if (!row.empty()) rows.push_back(std::move(row));
      }
    }
  }

  std::string table(const GumboNode* n) {
    std::vector<std::vector<std::string>> rows;
    rows_of(n, rows);
    std::string caption;
    if (const GumboNode* cap = find_first(n, GUMBO_TAG_CAPTION))
      caption = md::wrap(md::finish_inline(inlines(cap)), "**");
    // A one-column layout table reads better as paragraphs.
    std::string t;
    if (rows.size() == 1 && rows[0].size() == 1) t = rows[0][0];
    else t = md::table(rows);
    return md::join_blocks({caption, t});
  }

  std::string inlines(const GumboNode* n) {
    std::string out;
    if (m_depth > max_tree_depth) {
      raw_text(n, out);
      return md::escape(md::collapse_space(out));
    }
    ++m_depth;
    struct Leave {
      int& d;
      ~Leave() { --d; }
    } leave{m_depth};
    const GumboVector& kids = n->v.element.children;
    for (unsigned i = 0; i < kids.length; ++i) out += inline_node(static_cast<const GumboNode*>(kids.data[i]));
    return out;
  }

  std::string inline_node(const GumboNode* n) {
    switch (n->type) {
      case GUMBO_NODE_TEXT: case GUMBO_NODE_CDATA:
        return md::escape(n->v.text.text);
      case GUMBO_NODE_WHITESPACE:
        return " ";
      case GUMBO_NODE_ELEMENT:
        break;
      default:
        return {};
    }
    GumboTag t = n->v.element.tag;
    if (dropped(n)) return {};
    switch (t) {
      case GUMBO_TAG_BR:
        return std::string(1, md::hard_break);
      case GUMBO_TAG_STRONG: case GUMBO_TAG_B:
        return md::wrap(inlines(n), "**");
      case GUMBO_TAG_EM: case GUMBO_TAG_I: case GUMBO_TAG_CITE: case GUMBO_TAG_DFN:
        return md::wrap(inlines(n), "*");
      case GUMBO_TAG_DEL: case GUMBO_TAG_S: case GUMBO_TAG_STRIKE:
        return md::wrap(inlines(n), "~~");
      case GUMBO_TAG_CODE: case GUMBO_TAG_KBD: case GUMBO_TAG_SAMP: case GUMBO_TAG_TT: case GUMBO_TAG_VAR: {
        std::string code;
        raw_text(n, code);
        return md::code_span(code);
      }
      case GUMBO_TAG_Q:
        return "\"" + inlines(n) + "\"";
      case GUMBO_TAG_A: {
        std::string href = attr(n, "href");
        std::string text = inlines(n);
        if (href.empty()) return text;
        if (md::finish_inline(text).empty()) return {};
        return safe_link(text, href);
      }
      case GUMBO_TAG_IMG: {
        std::string alt = md::collapse_space(attr(n, "alt"));
        std::string src = attr(n, "src");
        if (src.empty()) return md::escape(alt);
        return safe_image(md::escape(alt), src);
      }
      default:
        break;
    }
    if (is_block(t)) return " " + inlines(n) + " ";  // a block inside a cell or a link
    return inlines(n);
  }

  int m_depth = 0;
};

}  // namespace

// [SECTION] read_html -----------------------------------------------------------

namespace {

struct GumboDeleter {
  void operator()(GumboOutput* o) const { gumbo_destroy_output(&kGumboDefaultOptions, o); }
};

std::string render(const GumboOutput* out, std::string_view html, std::vector<std::string>* warnings) {
  const GumboNode* root = out->root;
  const GumboNode* content = find_first(root, GUMBO_TAG_MAIN);
  if (!content) content = find_first(root, GUMBO_TAG_ARTICLE);
  if (!content) content = find_first(root, GUMBO_TAG_BODY);
  if (!content) content = root;
  if (warnings) {
    int count = 0;
    check_repairs(root, *warnings, count);
    if (count > 10) warnings->push_back("... and " + std::to_string(count - 10) + " more repairs");
    check_truncation(html, *warnings);
  }
  Renderer r;
  return md::tidy(r.blocks(content));
}

}  // namespace

std::string html_to_markdown(std::string_view html, std::vector<std::string>* warnings) {
  std::unique_ptr<GumboOutput, GumboDeleter> out(
      gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size()));
  if (!out) return {};
  return render(out.get(), html, warnings);
}

ReadResult read_html(const SourceText& source) {
  ReadResult r;
  const std::string file = source.path.string();
  std::unique_ptr<GumboOutput, GumboDeleter> out(
      gumbo_parse_with_options(&kGumboDefaultOptions, source.text.data(), source.text.size()));
  if (!out) {
    r.diagnostics.push_back({kb::Severity::error, "html.parse", file, 0, 0, "the HTML parser gave up"});
    return r;
  }
  std::vector<std::string> warnings;
  Draft d;
  d.article.body = render(out.get(), source.text, &warnings);
  for (const auto& w : warnings) {
    // "line L, column C: message" -> a positioned diagnostic.
    int line = 0, col = 0;
    std::string msg = w;
    if (std::sscanf(w.c_str(), "line %d, column %d:", &line, &col) == 2) msg = w.substr(w.find(": ") + 2);
    r.diagnostics.push_back({kb::Severity::warning, "html.repaired", file, line, col, msg});
  }

  const GumboNode* root = out->root;
  if (const GumboNode* title = find_first(root, GUMBO_TAG_TITLE)) {
    std::string t;
    raw_text(title, t);
    d.article.title = md::collapse_space(t);
  }
  auto trim_title = [](std::string& s) {
    while (!s.empty() && s.front() == ' ') s.erase(0, 1);
    while (!s.empty() && s.back() == ' ') s.pop_back();
  };
  trim_title(d.article.title);
  if (d.article.title.empty()) {
    if (const GumboNode* h1 = find_first(root, GUMBO_TAG_H1)) {
      std::string t;
      raw_text(h1, t);
      d.article.title = md::collapse_space(t);
      trim_title(d.article.title);
    }
  }
  if (root->type == GUMBO_NODE_ELEMENT) {
    std::string lang = attr(root, "lang");
    if (lang.empty()) lang = attr(root, "xml:lang");
    if (lang.size() >= 2) {
      d.article.lang = {static_cast<char>(std::tolower(static_cast<unsigned char>(lang[0]))),
                        static_cast<char>(std::tolower(static_cast<unsigned char>(lang[1])))};
      d.lang_from = "html lang";
    }
  }
  // <meta name="keywords" content="a, b"> -> tags.
  if (const GumboNode* head = find_first(root, GUMBO_TAG_HEAD)) {
    const GumboVector& kids = head->v.element.children;
    for (unsigned i = 0; i < kids.length; ++i) {
      const GumboNode* m = static_cast<const GumboNode*>(kids.data[i]);
      if (m->type != GUMBO_NODE_ELEMENT || m->v.element.tag != GUMBO_TAG_META) continue;
      std::string name = attr(m, "name");
      for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (name != "keywords") continue;
      std::string content = attr(m, "content");
      std::size_t pos = 0;
      while (pos <= content.size()) {
        std::size_t comma = content.find(',', pos);
        if (comma == std::string::npos) comma = content.size();
        std::string tag = md::collapse_space(content.substr(pos, comma - pos));
        trim_title(tag);
        if (!tag.empty()) d.article.tags.push_back(tag);
        pos = comma + 1;
      }
    }
  }
  if (d.article.body.empty() && d.article.title.empty()) {
    r.diagnostics.push_back({kb::Severity::error, "content.empty", file, 0, 0,
                             "the page has no text to import (no title, no body text)"});
    return r;
  }
  r.drafts.push_back(std::move(d));
  return r;
}

}  // namespace diagdesk::importers
