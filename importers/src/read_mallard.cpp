// The GNOME Mallard reader (.page files) on libxml2.
//
// [SECTION] XML helpers
// [SECTION] Conditionals
// [SECTION] Rendering
// [SECTION] read_mallard
// [SECTION] mallard_title

#include <diagdesk/importers/mallard.hpp>
#include <diagdesk/importers/sanitize.hpp>

#include "md_build.hpp"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include <cstring>
#include <memory>

namespace diagdesk::importers {
namespace {

// [SECTION] XML helpers ------------------------------------------------------

constexpr const char* mallard_ns = "http://projectmallard.org/1.0/";
constexpr const char* if_ns = "http://projectmallard.org/if/1.0/";
constexpr char no_alt = '\x02';

std::string drop_no_alt(std::string s) {
  for (std::string_view pat : {" (\x02)", "(\x02)", "\x02 ", "\x02"}) {
    for (std::size_t p = s.find(pat); p != std::string::npos; p = s.find(pat, p)) s.erase(p, pat.size());
  }
  return s;
}

std::string_view ns_of(const xmlNode* n) {
  return n->ns && n->ns->href ? std::string_view(reinterpret_cast<const char*>(n->ns->href)) : std::string_view();
}
std::string_view name_of(const xmlNode* n) { return reinterpret_cast<const char*>(n->name); }
bool is_mal(const xmlNode* n, std::string_view name) {
  return n->type == XML_ELEMENT_NODE && ns_of(n) == mallard_ns && name_of(n) == name;
}
bool is_if(const xmlNode* n) { return n->type == XML_ELEMENT_NODE && ns_of(n) == if_ns; }

std::string prop(const xmlNode* n, const char* name, const char* ns = nullptr) {
  xmlChar* v = ns ? xmlGetNsProp(n, BAD_CAST name, BAD_CAST ns) : xmlGetNoNsProp(n, BAD_CAST name);
  if (!v) return {};
  std::string s(reinterpret_cast<const char*>(v));
  xmlFree(v);
  return s;
}

void raw_text(const xmlNode* n, std::string& out) {
  for (const xmlNode* c = n->children; c; c = c->next) {
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
      if (c->content) out += reinterpret_cast<const char*>(c->content);
    } else if (c->type == XML_ELEMENT_NODE && name_of(c) != "comment") {
      raw_text(c, out);
    }
  }
}

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\n')) s.pop_back();
  while (!s.empty() && (s.front() == ' ' || s.front() == '\n')) s.erase(0, 1);
  return s;
}

// [SECTION] Conditionals -----------------------------------------------------

// Mallard conditional tokens, evaluated for a plain GNOME desktop shown as
// HTML: "," is or, space is and, "!" negates.
bool token_true(std::string_view t) {
  return t == "platform:gnome" || t == "target:html" || t == "target:desktop";
}

bool test_passes(std::string_view expr) {
  std::size_t pos = 0;
  while (pos <= expr.size()) {
    std::size_t comma = expr.find(',', pos);
    if (comma == std::string_view::npos) comma = expr.size();
    std::string_view alt = expr.substr(pos, comma - pos);
    bool all = true, any_token = false;
    std::size_t p = 0;
    while (p < alt.size()) {
      while (p < alt.size() && alt[p] == ' ') ++p;
      std::size_t e = alt.find(' ', p);
      if (e == std::string_view::npos) e = alt.size();
      std::string_view tok = alt.substr(p, e - p);
      p = e;
      if (tok.empty()) continue;
      any_token = true;
      bool neg = tok.front() == '!';
      if (neg) tok.remove_prefix(1);
      if (token_true(tok) == neg) all = false;
    }
    if (any_token && all) return true;
    pos = comma + 1;
  }
  return false;
}

bool shown(const xmlNode* n) {
  if (n->type != XML_ELEMENT_NODE) return true;
  std::string test = prop(n, "test", if_ns);
  return test.empty() || test_passes(test);
}

// The children to render for a node, with <if:if>/<if:choose> resolved.
void visible_children(const xmlNode* n, std::vector<const xmlNode*>& out) {
  for (const xmlNode* c = n->children; c; c = c->next) {
    if (!shown(c)) continue;
    if (is_if(c)) {
      std::string_view name = name_of(c);
      if (name == "if") {
        if (test_passes(prop(c, "test"))) visible_children(c, out);
      } else if (name == "choose") {
        const xmlNode* pick = nullptr;
        for (const xmlNode* w = c->children; w && !pick; w = w->next)
          if (is_if(w) && name_of(w) == "when" && test_passes(prop(w, "test"))) pick = w;
        if (!pick) {
          for (const xmlNode* w = c->children; w && !pick; w = w->next)
            if (is_if(w) && name_of(w) == "else") pick = w;
        }
        if (pick) {
          visible_children(pick, out);
        } else {
          // Content placed in <if:choose> outside any branch acts as the default.
          for (const xmlNode* w = c->children; w; w = w->next)
            if (!is_if(w)) out.push_back(w);
        }
      }
      continue;
    }
    out.push_back(c);
  }
}

// [SECTION] Rendering ----------------------------------------------------------

bool block_element(std::string_view name) {
  static constexpr std::string_view names[] = {
      "p", "section", "steps", "list", "terms", "tree", "note", "code", "screen", "example",
      "figure", "table", "synopsis", "quote", "comment", "links", "title", "subtitle", "desc",
      "info", "include", "media", "item", "cards", "div"};
  for (auto n : names)
    if (n == name) return true;
  return false;
}

class Renderer {
 public:
  explicit Renderer(const ReadOptions& options) : m_options(options) {}

  std::string blocks(const xmlNode* parent, int level) {
    std::vector<const xmlNode*> kids;
    visible_children(parent, kids);
    std::vector<std::string> out;
    std::string run;
    auto flush = [&] {
      std::string p = md::finish_inline(run);
      if (!p.empty()) out.push_back(std::move(p));
      run.clear();
    };
    for (const xmlNode* c : kids) {
      if (c->type == XML_ELEMENT_NODE && block_element(name_of(c)) && ns_of(c) != if_ns) {
        flush();
        out.push_back(block(c, level));
      } else {
        run += inline_node(c);
      }
    }
    flush();
    return md::join_blocks(out);
  }

  std::string inlines(const xmlNode* n) {
    std::vector<const xmlNode*> kids;
    visible_children(n, kids);
    std::string out;
    for (const xmlNode* c : kids) out += inline_node(c);
    return out;
  }

 private:
  std::string title_of(const xmlNode* n) {
    for (const xmlNode* c = n->children; c; c = c->next)
      if (is_mal(c, "title")) return md::finish_inline(inlines(c));
    return {};
  }

  std::string block(const xmlNode* n, int level) {
    std::string_view name = name_of(n);
    if (name == "p") return md::finish_inline(inlines(n));
    if (name == "section") {
      std::string head = md::heading(level + 1, title_of(n));
      return md::join_blocks({head, blocks(n, level + 1)});
    }
    if (name == "steps" || name == "list" || name == "tree")
      return list(n, level, name == "steps" || prop(n, "type") == "numbered");
    if (name == "terms") return list(n, level, false);
    if (name == "note") {
      std::string style = prop(n, "style");
      std::string label = "Note";
      if (style.find("tip") != std::string::npos) label = "Tip";
      else if (style.find("warning") != std::string::npos || style.find("bug") != std::string::npos) label = "Warning";
      else if (style.find("important") != std::string::npos) label = "Important";
      else if (style.find("advanced") != std::string::npos) label = "Advanced";
      std::string t = title_of(n);
      std::string head = "**" + (t.empty() ? label : t) + "**";
      std::string inner = blocks(n, level);
      return md::quote(md::join_blocks({head, inner}));
    }
    if (name == "code" || name == "screen") {
      std::string code;
      raw_text(n, code);
      return md::code_block(code);
    }
    if (name == "example" || name == "synopsis" || name == "div" || name == "cards") return blocks(n, level);
    if (name == "figure") {
      std::string t = title_of(n);
      return md::join_blocks({t.empty() ? "" : md::wrap(t, "**"), blocks(n, level)});
    }
    if (name == "quote") {
      std::string inner = blocks(n, level);
      return inner.empty() ? "" : md::quote(inner);
    }
    if (name == "table") return table(n);
    if (name == "media") return md::finish_inline(inline_node(n));
    if (name == "item") return blocks(n, level);
    // title (handled by its parent), desc, info, comment, links, include: nothing.
    return {};
  }

  std::string list(const xmlNode* n, int level, bool ordered) {
    std::vector<const xmlNode*> kids;
    visible_children(n, kids);
    std::vector<std::string> items;
    std::string heading;
    bool loose = false;
    int number = 1;
    for (const xmlNode* c : kids) {
      if (is_mal(c, "title")) {
        heading = md::wrap(md::finish_inline(inlines(c)), "**");
        continue;
      }
      if (!is_mal(c, "item")) continue;
      // In <terms>, an item's <title>s are the terms.
      std::string terms;
      for (const xmlNode* t = c->children; t; t = t->next) {
        if (is_mal(t, "title")) {
          std::string term = md::finish_inline(inlines(t));
          if (!term.empty()) terms += (terms.empty() ? "" : ", ") + term;
        }
      }
      std::string content = md::join_blocks({terms.empty() ? "" : md::wrap(terms, "**"), blocks(c, level)});
      // Nested <item>s of a <tree> become a nested list.
      if (name_of(n) == "tree") {
        bool nested = false;
        for (const xmlNode* t = c->children; t; t = t->next) nested |= is_mal(t, "item");
        if (nested) content = md::join_blocks({md::finish_inline(inlines_no_items(c)), list(c, level, false)});
      }
      if (content.empty()) continue;
      if (content.find("\n\n") != std::string::npos) loose = true;
      items.push_back(md::list_item(content, ordered ? std::to_string(number++) + ". " : "- "));
    }
    std::string out;
    for (const auto& it : items) {
      if (!out.empty()) out += loose ? "\n\n" : "\n";
      out += it;
    }
    return md::join_blocks({heading, out});
  }

  std::string inlines_no_items(const xmlNode* n) {
    std::string out;
    for (const xmlNode* c = n->children; c; c = c->next)
      if (!is_mal(c, "item")) out += inline_node(c);
    return out;
  }

  std::string cell(const xmlNode* td) {
    // A cell holds blocks (usually <p>): flattened into one line.
    std::string out;
    std::vector<const xmlNode*> kids;
    visible_children(td, kids);
    for (const xmlNode* c : kids) {
      std::string part = c->type == XML_ELEMENT_NODE && block_element(name_of(c)) ? inlines(c) : inline_node(c);
      out += " " + part;
    }
    return md::finish_inline(out);
  }

  void rows_of(const xmlNode* n, std::vector<std::vector<std::string>>& rows) {
    std::vector<const xmlNode*> kids;
    visible_children(n, kids);
    for (const xmlNode* c : kids) {
      if (is_mal(c, "thead") || is_mal(c, "tbody") || is_mal(c, "tfoot")) {
        rows_of(c, rows);
      } else if (is_mal(c, "tr")) {
        std::vector<std::string> row;
        std::vector<const xmlNode*> cells;
        visible_children(c, cells);
        for (const xmlNode* td : cells)
          if (is_mal(td, "td") || is_mal(td, "th")) row.push_back(cell(td));
        if (!row.empty()) rows.push_back(std::move(row));
      }
    }
  }

  std::string table(const xmlNode* n) {
    std::vector<std::vector<std::string>> rows;
    rows_of(n, rows);
    std::string t = title_of(n);
    return md::join_blocks({t.empty() ? "" : md::wrap(t, "**"), md::table(rows)});
  }

  std::string inline_node(const xmlNode* n) {
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
      return n->content ? md::escape(reinterpret_cast<const char*>(n->content)) : std::string();
    if (n->type != XML_ELEMENT_NODE || ns_of(n) == if_ns) return {};
    std::string_view name = name_of(n);
    if (name == "comment" || name == "info" || name == "include" || name == "links" || name == "title" ||
        name == "desc")
      return {};
    if (name == "em") return md::wrap(inlines(n), "*");
    if (name == "gui") return md::wrap(inlines(n), "**");
    if (name == "guiseq" || name == "keyseq") {
      std::vector<const xmlNode*> kids;
      visible_children(n, kids);
      std::string out;
      bool keys = name == "keyseq";
      std::string joiner = keys ? "+" : " ▸ ";
      for (const xmlNode* c : kids) {
        if (c->type != XML_ELEMENT_NODE) continue;
        std::string part = md::finish_inline(keys ? inlines(c) : inline_node(c));
        if (part.empty()) continue;
        if (!out.empty()) out += joiner;
        out += part;
      }
      if (out.empty()) return inlines(n);
      return keys ? md::wrap(out, "**") : out;
    }
    if (name == "key") return md::wrap(inlines(n), "**");
    if (name == "code" || name == "cmd" || name == "sys" || name == "file" || name == "input" ||
        name == "output" || name == "var" || name == "screen") {
      std::string code;
      raw_text(n, code);
      return md::code_span(code);
    }
    if (name == "link") return link(n);
    if (name == "media") {
      // Mallard media carry their fallback (alt) text as content.
      std::string alt;
      raw_text(n, alt);
      alt = trimmed(md::collapse_space(alt));
      // An icon without text: a marker, removed with the parentheses that
      // often hold it ("the icon (<media/>) changes" -> "the icon changes").
      return alt.empty() ? std::string(1, no_alt) : md::escape(alt);
    }
    if (name == "p") return " " + inlines(n) + " ";
    return inlines(n);  // app, span, cite, sys, hi, em-like and unknown: their text
  }

  std::string link(const xmlNode* n) {
    std::string xref = prop(n, "xref");
    std::string href = prop(n, "href");
    std::string text = inlines(n);
    bool empty = md::finish_inline(text).empty();
    if (!xref.empty()) {
      if (empty) {
        std::string page = xref.substr(0, xref.find('#'));
        std::string t = m_options.link_title && !page.empty() ? m_options.link_title(page) : std::string();
        text = md::escape(t.empty() ? xref : t);
      }
      return md::link(text, xref);
    }
    if (!href.empty()) return safe_link(empty ? md::escape(href) : text, href);
    return text;  // action links and others: the text only
  }

  const ReadOptions& m_options;
};

struct DocFree {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};

struct FirstError {
  std::string message;
  int line = 0, column = 0;
};

void on_xml_error(void* ctx, xmlErrorPtr err) {
  auto* first = static_cast<FirstError*>(ctx);
  if (!first->message.empty() || !err || err->level < XML_ERR_ERROR) return;
  first->message = err->message ? err->message : "XML error";
  while (!first->message.empty() && first->message.back() == '\n') first->message.pop_back();
  first->line = err->line;
  first->column = err->int2;
}

}  // namespace

// [SECTION] read_mallard -------------------------------------------------------

ReadResult read_mallard(const SourceText& source, const ReadOptions& options) {
  ReadResult r;
  const std::string file = source.path.string();
  FirstError first;
  xmlSetStructuredErrorFunc(&first, on_xml_error);
  // No network, no entity expansion from outside, encoding forced to UTF-8
  // (the text was decoded already, whatever its declaration says).
  std::unique_ptr<xmlDoc, DocFree> doc(xmlReadMemory(
      source.text.data(), static_cast<int>(source.text.size()), file.c_str(), "UTF-8",
      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA));
  xmlSetStructuredErrorFunc(nullptr, nullptr);
  if (!doc || !first.message.empty()) {
    r.diagnostics.push_back({kb::Severity::error, "xml.syntax", file, first.line, first.column,
                             "XML: " + (first.message.empty() ? std::string("not well-formed") : first.message)});
    return r;
  }
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  if (!root || !is_mal(root, "page")) {
    std::string got = root ? "<" + std::string(name_of(root)) + ">" : "nothing";
    r.diagnostics.push_back({kb::Severity::error, "mallard.root", file, root ? static_cast<int>(root->line) : 0, 0,
                             "not a Mallard page: the root element is " + got + ", expected <page> in " + mallard_ns});
    return r;
  }
  Renderer render(options);
  Draft d;
  std::string lang = prop(root, "lang", "http://www.w3.org/XML/1998/namespace");
  if (lang.size() >= 2) {
    d.article.lang = lang.substr(0, 2);
    d.lang_from = "xml:lang";
  }
  std::string desc;
  std::vector<std::string> see_also;
  for (const xmlNode* c = root->children; c; c = c->next) {
    if (is_mal(c, "title") && d.article.title.empty()) {
      std::string t;
      raw_text(c, t);
      d.article.title = trimmed(md::collapse_space(t));
    }
    if (!is_mal(c, "info")) continue;
    for (const xmlNode* i = c->children; i; i = i->next) {
      if (is_mal(i, "desc")) {
        desc = md::finish_inline(render.inlines(i));
      } else if (is_mal(i, "revision")) {
        if (auto date = kb::parse_date(prop(i, "date").substr(0, 10)); date && (!d.article.updated || *d.article.updated < *date))
          d.article.updated = date;
      } else if (is_mal(i, "link") && prop(i, "type") == "seealso" && !prop(i, "xref").empty()) {
        std::string xref = prop(i, "xref");
        std::string page = xref.substr(0, xref.find('#'));
        std::string t = options.link_title ? options.link_title(page) : std::string();
        see_also.push_back("- " + md::link(md::escape(t.empty() ? xref : t), xref));
      }
    }
  }
  if (d.article.title.empty()) {
    r.diagnostics.push_back({kb::Severity::warning, "mallard.title", file, static_cast<int>(root->line), 0,
                             "the page has no <title>"});
  }
  std::string see_block;
  if (!see_also.empty()) {
    see_block = std::string(lang.starts_with("fr") ? "## Voir aussi" : "## See also") + "\n\n";
    for (std::size_t i = 0; i < see_also.size(); ++i) see_block += (i ? "\n" : "") + see_also[i];
  }
  std::string body = render.blocks(root, 1);
  d.article.body = md::tidy(drop_no_alt(md::join_blocks({
      d.article.title.empty() ? "" : md::heading(1, md::escape(d.article.title)),
      desc.empty() ? "" : md::wrap(desc, "*"), body, see_block})));
  if (d.article.title.empty() && body.empty()) {
    r.diagnostics.push_back({kb::Severity::error, "content.empty", file, 0, 0, "the page has no text to import"});
    return r;
  }
  r.drafts.push_back(std::move(d));
  return r;
}

// [SECTION] mallard_title --------------------------------------------------------

std::string mallard_title(std::string_view xml) {
  // Skip the <info> block: its <title>s are link and sort titles.
  std::size_t from = 0;
  if (std::size_t info = xml.find("<info"); info != std::string_view::npos) {
    std::size_t end = xml.find("</info>", info);
    std::size_t first_title = xml.find("<title");
    if (end != std::string_view::npos && (first_title == std::string_view::npos || first_title > info))
      from = end + 7;
  }
  std::size_t open = xml.find("<title", from);
  while (open != std::string_view::npos && open + 6 < xml.size() && xml[open + 6] != '>' && xml[open + 6] != ' ')
    open = xml.find("<title", open + 6);
  if (open == std::string_view::npos) return {};
  std::size_t gt = xml.find('>', open);
  std::size_t close = xml.find("</title>", gt);
  if (gt == std::string_view::npos || close == std::string_view::npos) return {};
  std::string_view inner = xml.substr(gt + 1, close - gt - 1);
  // Drop inner tags; decode the few entities titles use.
  std::string out;
  bool tag = false;
  for (std::size_t i = 0; i < inner.size(); ++i) {
    char c = inner[i];
    if (c == '<') tag = true;
    else if (c == '>') tag = false;
    else if (!tag) {
      if (c == '&') {
        static constexpr std::pair<std::string_view, char> ents[] = {
            {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}};
        bool done = false;
        for (auto [e, ch] : ents) {
          if (inner.substr(i, e.size()) == e) {
            out += ch;
            i += e.size() - 1;
            done = true;
            break;
          }
        }
        if (done) continue;
      }
      out += c;
    }
  }
  return trimmed(md::collapse_space(out));
}

}  // namespace diagdesk::importers
