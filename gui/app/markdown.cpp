// Markdown to MarkdownDoc with md4c's SAX-like callbacks.
#include "app/markdown.hpp"

#include <diagdesk/base/utf8.hpp>
#include <md4c.h>

#include <cstdlib>
#include <string>
#include <vector>

namespace diagdesk::gui {

namespace {

struct Builder {
  MarkdownDoc doc;
  struct List {
    bool ordered = false;
    int next = 1;
  };
  std::vector<List> lists;
  bool in_quote = false;
  bool in_li = false;             ///< the current list item still takes text
  bool li_has_paragraph = false;  ///< a loose item's second paragraph gets a line break
  bool in_code = false;
  bool in_table = false;
  bool in_cell = false;
  unsigned style = MdSpan::plain;
  int strong = 0, em = 0, code = 0;
  std::vector<std::string> links;
  std::vector<MdSpan>* target = nullptr;  ///< where inline text goes

  std::vector<MdSpan>& new_block(MdBlock::Kind kind) {
    doc.blocks.push_back(MdBlock{});
    doc.blocks.back().kind = kind;
    return doc.blocks.back().spans;
  }

  void add_text(std::string_view text) {
    if (in_code) {
      doc.blocks.back().code.append(text);
      return;
    }
    if (!target) target = &new_block(MdBlock::Kind::paragraph);  // stray text
    unsigned s = MdSpan::plain;
    if (strong) s |= MdSpan::strong;
    if (em) s |= MdSpan::em;
    if (code) s |= MdSpan::code;
    std::string href;
    if (!links.empty()) {
      s |= MdSpan::link;
      href = links.back();
    }
    if (!target->empty() && target->back().style == s && target->back().href == href) {
      target->back().text.append(text);
    } else {
      target->push_back(MdSpan{std::string(text), s, href});
    }
  }
};

std::string attribute(const MD_ATTRIBUTE& a) { return std::string(a.text, a.size); }

std::string entity(std::string_view e) {
  if (e == "&amp;") return "&";
  if (e == "&lt;") return "<";
  if (e == "&gt;") return ">";
  if (e == "&quot;") return "\"";
  if (e == "&apos;") return "'";
  if (e == "&nbsp;") return "\xC2\xA0";
  if (e.size() > 3 && e[1] == '#') {
    const bool hex = e[2] == 'x' || e[2] == 'X';
    const unsigned long cp = std::strtoul(std::string(e.substr(hex ? 3 : 2)).c_str(), nullptr, hex ? 16 : 10);
    std::string out;
    if (cp < 0x10000) base::append_utf8(out, static_cast<char32_t>(cp));  // beyond the BMP: dropped, as before
    return out;
  }
  return std::string(e);
}

int enter_block(MD_BLOCKTYPE type, void* detail, void* user) {
  auto& b = *static_cast<Builder*>(user);
  switch (type) {
    case MD_BLOCK_QUOTE: b.in_quote = true; break;
    case MD_BLOCK_UL: b.lists.push_back({false, 1}); break;
    case MD_BLOCK_OL: b.lists.push_back({true, static_cast<int>(static_cast<MD_BLOCK_OL_DETAIL*>(detail)->start)}); break;
    case MD_BLOCK_LI: {
      auto* d = static_cast<MD_BLOCK_LI_DETAIL*>(detail);
      b.target = &b.new_block(MdBlock::Kind::list_item);
      MdBlock& li = b.doc.blocks.back();
      li.level = static_cast<int>(b.lists.size());
      if (!b.lists.empty()) {
        li.ordered = b.lists.back().ordered;
        li.number = b.lists.back().next++;
      }
      li.task = d->is_task;
      li.task_done = d->is_task && (d->task_mark == 'x' || d->task_mark == 'X');
      b.in_li = true;
      b.li_has_paragraph = false;
      break;
    }
    case MD_BLOCK_HR: b.new_block(MdBlock::Kind::rule); b.target = nullptr; break;
    case MD_BLOCK_H:
      b.target = &b.new_block(MdBlock::Kind::heading);
      b.doc.blocks.back().level = static_cast<int>(static_cast<MD_BLOCK_H_DETAIL*>(detail)->level);
      break;
    case MD_BLOCK_CODE:
      b.new_block(MdBlock::Kind::code);
      b.doc.blocks.back().info = attribute(static_cast<MD_BLOCK_CODE_DETAIL*>(detail)->lang);
      b.in_code = true;
      break;
    case MD_BLOCK_P:
      if (b.in_table) break;
      if (b.in_li) {
        // A loose list item's paragraphs stay in the item.
        if (b.li_has_paragraph && b.target) b.add_text("\n");
        b.li_has_paragraph = true;
        break;
      }
      b.target = &b.new_block(b.in_quote ? MdBlock::Kind::quote : MdBlock::Kind::paragraph);
      break;
    case MD_BLOCK_TABLE:
      b.new_block(MdBlock::Kind::table);
      b.in_table = true;
      b.target = nullptr;
      break;
    case MD_BLOCK_TR:
      if (b.in_table) b.doc.blocks.back().rows.emplace_back();
      break;
    case MD_BLOCK_TH:
    case MD_BLOCK_TD:
      if (b.in_table && !b.doc.blocks.back().rows.empty()) {
        auto& row = b.doc.blocks.back().rows.back();
        row.emplace_back();
        b.target = &row.back();
        b.in_cell = true;
      }
      break;
    default: break;
  }
  return 0;
}

int leave_block(MD_BLOCKTYPE type, void*, void* user) {
  auto& b = *static_cast<Builder*>(user);
  switch (type) {
    case MD_BLOCK_QUOTE: b.in_quote = false; break;
    case MD_BLOCK_UL:
    case MD_BLOCK_OL:
      if (!b.lists.empty()) b.lists.pop_back();
      break;
    case MD_BLOCK_LI: b.in_li = false; b.target = nullptr; break;
    case MD_BLOCK_H: b.target = nullptr; break;
    case MD_BLOCK_CODE: b.in_code = false; b.target = nullptr; break;
    case MD_BLOCK_P:
      if (!b.in_li && !b.in_table) b.target = nullptr;
      break;
    case MD_BLOCK_TABLE: b.in_table = false; b.target = nullptr; break;
    case MD_BLOCK_TH:
    case MD_BLOCK_TD: b.in_cell = false; b.target = nullptr; break;
    default: break;
  }
  // Text after a nested list inside an item goes back into a new block.
  if ((type == MD_BLOCK_UL || type == MD_BLOCK_OL) && !b.lists.empty()) b.in_li = false;
  return 0;
}

int enter_span(MD_SPANTYPE type, void* detail, void* user) {
  auto& b = *static_cast<Builder*>(user);
  switch (type) {
    case MD_SPAN_STRONG: ++b.strong; break;
    case MD_SPAN_EM: ++b.em; break;
    case MD_SPAN_CODE: ++b.code; break;
    case MD_SPAN_A: b.links.push_back(attribute(static_cast<MD_SPAN_A_DETAIL*>(detail)->href)); break;
    // An image is never loaded (from the network or the disk): its alt text
    // is shown as a link to it, which a click only copies or opens.
    case MD_SPAN_IMG:
      b.links.push_back(attribute(static_cast<MD_SPAN_IMG_DETAIL*>(detail)->src));
      b.add_text("[");
      break;
    default: break;
  }
  return 0;
}

int leave_span(MD_SPANTYPE type, void*, void* user) {
  auto& b = *static_cast<Builder*>(user);
  switch (type) {
    case MD_SPAN_STRONG: --b.strong; break;
    case MD_SPAN_EM: --b.em; break;
    case MD_SPAN_CODE: --b.code; break;
    case MD_SPAN_A:
      if (!b.links.empty()) b.links.pop_back();
      break;
    case MD_SPAN_IMG:
      b.add_text("]");
      if (!b.links.empty()) b.links.pop_back();
      break;
    default: break;
  }
  return 0;
}

int text(MD_TEXTTYPE type, const MD_CHAR* data, MD_SIZE size, void* user) {
  auto& b = *static_cast<Builder*>(user);
  const std::string_view t(data, size);
  switch (type) {
    case MD_TEXT_NULLCHAR: b.add_text("\xEF\xBF\xBD"); break;
    case MD_TEXT_BR: b.add_text(b.in_code ? "\n" : "\n"); break;
    case MD_TEXT_SOFTBR: b.add_text(b.in_code ? "\n" : " "); break;
    case MD_TEXT_ENTITY: b.add_text(entity(t)); break;
    case MD_TEXT_HTML: break;  // raw HTML is not rendered
    default: b.add_text(t); break;
  }
  return 0;
}

}  // namespace

MarkdownDoc parse_markdown(std::string_view markdown) {
  Builder b;
  MD_PARSER parser{};
  parser.abi_version = 0;
  parser.flags = MD_DIALECT_GITHUB | MD_FLAG_NOHTML;
  parser.enter_block = enter_block;
  parser.leave_block = leave_block;
  parser.enter_span = enter_span;
  parser.leave_span = leave_span;
  parser.text = text;
  md_parse(markdown.data(), static_cast<MD_SIZE>(markdown.size()), &parser, &b);
  return std::move(b.doc);
}

}  // namespace diagdesk::gui
