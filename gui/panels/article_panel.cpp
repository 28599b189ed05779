// Draws a MarkdownDoc (built from md4c by the presenter): headings, wrapped
// paragraphs with bold / italic / code / links, bulleted, numbered and task
// lists, code blocks with a copy button, tables, quotes and rules.
#include "panels/panels.hpp"

#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <string>

namespace diagdesk::gui {

namespace {

/// Lays inline text out word by word across lines, like a browser does.
struct Flow {
  float right = 0;        ///< wrap at this screen x
  bool continue_line = false;
};

ImFont* span_font(unsigned style, ImFont* base) {
  if ((style & MdSpan::code) && fonts().mono) return fonts().mono;
  if ((style & MdSpan::strong) && fonts().bold && base == fonts().regular) return fonts().bold;
  return base;
}

/// Draws [b, e) in `font`, wrapping at flow.right; returns true when a part was clicked.
bool flow_text(Flow& flow, const char* b, const char* e, ImFont* font, const ImVec4* colour, bool underline) {
  bool clicked = false;
  ImGui::PushFont(font);
  while (b < e) {
    if (flow.continue_line) ImGui::SameLine(0, 0);
    const float avail = flow.right - ImGui::GetCursorScreenPos().x;
    const char* w = font->CalcWordWrapPositionA(1.0f, b, e, std::max(avail, 1.0f));
    if (w <= b) {
      if (flow.continue_line) {
        ImGui::NewLine();
        flow.continue_line = false;
        while (b < e && *b == ' ') ++b;
        continue;
      }
      // A word wider than the whole line: show it whole.
      w = b;
      while (w < e && *w != ' ') ++w;
      if (w == b) w = b + 1;
    }
    if (colour) ImGui::PushStyleColor(ImGuiCol_Text, *colour);
    ImGui::TextUnformatted(b, w);
    if (colour) ImGui::PopStyleColor();
    if (underline) {
      const ImVec2 mn = ImGui::GetItemRectMin(), mx = ImGui::GetItemRectMax();
      ImGui::GetWindowDrawList()->AddLine(ImVec2(mn.x, mx.y - 1), ImVec2(mx.x, mx.y - 1),
                                          ImGui::GetColorU32(colour ? *colour : ImGui::GetStyleColorVec4(ImGuiCol_Text)));
      if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
      if (ImGui::IsItemClicked()) clicked = true;
    }
    flow.continue_line = true;
    if (w < e) {
      flow.continue_line = false;  // the rest goes on the next line
      while (w < e && *w == ' ') ++w;
    }
    b = w;
  }
  ImGui::PopFont();
  return clicked;
}

/// Draws spans as one wrapped paragraph; returns the link clicked, if any.
Intent draw_spans(const std::vector<MdSpan>& spans, ImFont* base) {
  Intent out;
  Flow flow;
  flow.right = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
  const ImVec4 link_colour(0.20f, 0.45f, 0.85f, 1);
  const ImVec4 code_colour(0.75f, 0.30f, 0.15f, 1);
  for (const auto& s : spans) {
    const bool link = s.style & MdSpan::link;
    const ImVec4* colour = link ? &link_colour : (s.style & MdSpan::code) ? &code_colour : nullptr;
    const char* b = s.text.data();
    const char* e = b + s.text.size();
    // Hard line breaks inside a span.
    while (b < e) {
      const char* nl = std::find(b, e, '\n');
      if (flow_text(flow, b, nl, span_font(s.style, base), colour, link) && link) {
        out = link_intent(s.href);
        if (out.kind == IntentKind::copy_text) ImGui::SetClipboardText(s.href.c_str());
      }
      if (nl < e) {
        flow.continue_line = false;
        ++nl;
      }
      b = nl;
    }
  }
  if (spans.empty()) ImGui::NewLine();
  return out;
}

Intent draw_code_block(const MdBlock& b, const Labels& l, int index) {
  Intent out;
  ImGui::PushID(index);
  ImFont* mono = fonts().mono ? fonts().mono : ImGui::GetFont();
  const int lines = static_cast<int>(std::count(b.code.begin(), b.code.end(), '\n')) + (b.code.empty() || b.code.back() != '\n');
  // Room for a horizontal scrollbar only when a line is wider than the block.
  const float text_w = mono->CalcTextSizeA(mono->FontSize, FLT_MAX, 0, b.code.c_str()).x;
  const bool scroll = text_w + ImGui::GetStyle().WindowPadding.x * 2 > ImGui::GetContentRegionAvail().x;
  const float h = lines * mono->FontSize + ImGui::GetStyle().WindowPadding.y * 2 + (scroll ? ImGui::GetStyle().ScrollbarSize : 0);
  ImGui::PushStyleColor(ImGuiCol_ChildBg, ImGui::GetStyleColorVec4(ImGuiCol_FrameBg));
  ImGui::BeginChild("code", ImVec2(0, h), true, ImGuiWindowFlags_HorizontalScrollbar);
  const float copy_w = ImGui::CalcTextSize(l("gui.copy")).x + ImGui::GetStyle().FramePadding.x * 2;
  const ImVec2 start = ImGui::GetCursorPos();
  ImGui::PushFont(mono);
  ImGui::TextUnformatted(b.code.data(), b.code.data() + b.code.size() - (!b.code.empty() && b.code.back() == '\n'));
  ImGui::PopFont();
  ImGui::SetCursorPos(ImVec2(start.x + ImGui::GetWindowContentRegionMax().x - copy_w - ImGui::GetStyle().WindowPadding.x + ImGui::GetScrollX(), start.y));
  if (ImGui::SmallButton(l("gui.copy"))) {
    ImGui::SetClipboardText(b.code.c_str());
    out = Intent{IntentKind::copy_text, b.code};
  }
  ImGui::EndChild();
  ImGui::PopStyleColor();
  ImGui::PopID();
  return out;
}

Intent draw_table(const MdBlock& b, int index) {
  Intent out;
  if (b.rows.empty()) return out;
  std::size_t cols = 0;
  for (const auto& r : b.rows) cols = std::max(cols, r.size());
  if (cols == 0 || cols > 64) return out;
  ImGui::PushID(index);
  if (ImGui::BeginTable("table", static_cast<int>(cols),
                        ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
    for (std::size_t r = 0; r < b.rows.size(); ++r) {
      ImGui::TableNextRow(r == 0 ? ImGuiTableRowFlags_Headers : 0);
      for (std::size_t c = 0; c < cols; ++c) {
        ImGui::TableNextColumn();
        if (c < b.rows[r].size()) {
          ImGui::PushID(static_cast<int>(r * cols + c));
          if (Intent i = draw_spans(b.rows[r][c], r == 0 && fonts().bold ? fonts().bold : ImGui::GetFont())) out = i;
          ImGui::PopID();
        }
      }
    }
    ImGui::EndTable();
  }
  ImGui::PopID();
  return out;
}

}  // namespace

Intent draw_markdown(const MarkdownDoc& doc, const Labels& l) {
  Intent out;
  ImFont* base = ImGui::GetFont();
  for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
    const MdBlock& b = doc.blocks[i];
    const int id = static_cast<int>(i);
    ImGui::PushID(id);
    Intent got;
    switch (b.kind) {
      case MdBlock::Kind::heading: {
        ImGui::Spacing();
        ImFont* f = b.level <= 1 && fonts().large ? fonts().large
                    : b.level <= 3 && fonts().heading ? fonts().heading
                    : fonts().bold ? fonts().bold : base;
        got = draw_spans(b.spans, f);
        if (b.level <= 2) ImGui::Separator();
        break;
      }
      case MdBlock::Kind::paragraph:
        got = draw_spans(b.spans, base);
        ImGui::Spacing();
        break;
      case MdBlock::Kind::list_item: {
        const float indent = ImGui::GetFontSize() * 1.5f * static_cast<float>(std::max(1, b.level));
        ImGui::Indent(indent);
        std::string marker = b.task ? (b.task_done ? "\xE2\x98\x91" : "\xE2\x98\x90")  // ☑ / ☐
                             : b.ordered ? std::to_string(b.number) + "."
                                         : "\xE2\x80\xA2";  // •
        ImGui::TextUnformatted(marker.c_str());
        ImGui::SameLine(0, ImGui::GetFontSize() * 0.5f);
        ImGui::BeginGroup();
        got = draw_spans(b.spans, base);
        ImGui::EndGroup();
        ImGui::Unindent(indent);
        break;
      }
      case MdBlock::Kind::code:
        got = draw_code_block(b, l, id);
        ImGui::Spacing();
        break;
      case MdBlock::Kind::rule:
        ImGui::Separator();
        break;
      case MdBlock::Kind::table:
        got = draw_table(b, id);
        ImGui::Spacing();
        break;
      case MdBlock::Kind::quote: {
        const ImVec2 top = ImGui::GetCursorScreenPos();
        ImGui::Indent(ImGui::GetFontSize());
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        got = draw_spans(b.spans, base);
        ImGui::PopStyleColor();
        ImGui::Unindent(ImGui::GetFontSize());
        ImGui::GetWindowDrawList()->AddRectFilled(top, ImVec2(top.x + 3, ImGui::GetCursorScreenPos().y),
                                                  ImGui::GetColorU32(ImGuiCol_Border));
        ImGui::Spacing();
        break;
      }
    }
    if (got) out = got;
    ImGui::PopID();
  }
  return out;
}

Intent draw_article_panel(const ArticleVm& vm, const Labels& l) {
  Intent out;
  if (!vm.can_back) ImGui::BeginDisabled();
  if (ImGui::Button("\xE2\x86\x90")) out = Intent{IntentKind::article_back};  // ←
  if (!vm.can_back) ImGui::EndDisabled();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("%s", l("gui.back"));
  ImGui::SameLine();
  if (!vm.can_forward) ImGui::BeginDisabled();
  if (ImGui::Button("\xE2\x86\x92")) out = Intent{IntentKind::article_forward};  // →
  if (!vm.can_forward) ImGui::EndDisabled();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("%s", l("gui.forward"));
  ImGui::SameLine();
  if (!vm.open) {
    ImGui::TextDisabled("%s", vm.error.empty() ? l("gui.no_article_open") : vm.error.c_str());
    return out;
  }
  ImGui::TextDisabled("%s", vm.meta.c_str());
  if (!vm.error.empty()) ImGui::TextColored(ImVec4(0.85f, 0.1f, 0.1f, 1), "%s", vm.error.c_str());
  ImGui::Separator();
  ImGui::BeginChild("article_body", ImVec2(0, 0), false);
  if (fonts().large) ImGui::PushFont(fonts().large);
  ImGui::TextWrapped("%s", vm.title.c_str());
  if (fonts().large) ImGui::PopFont();
  ImGui::Spacing();
  if (Intent i = draw_markdown(vm.doc, l)) out = i;
  ImGui::EndChild();
  return out;
}

Intent link_intent(const std::string& href) {
  const std::size_t stop = href.find_first_of(":/?#");
  std::string scheme;
  if (stop != std::string::npos && href[stop] == ':')
    for (char c : href.substr(0, stop)) scheme += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  if (stop == std::string::npos || href[stop] != ':' || scheme == "article") return Intent{IntentKind::open_article, href};
  if (scheme == "http" || scheme == "https" || scheme == "mailto") return Intent{IntentKind::copy_text, href};
  return {};  // javascript:, file:, data:... : a click does nothing
}

}  // namespace diagdesk::gui
