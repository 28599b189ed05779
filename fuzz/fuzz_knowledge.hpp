#pragma once
// What the tree, rules and facts targets share: load a TOML file the way
// `diagdesk lint` and `diagdesk diagnose` do (engine::load_knowledge from a
// path), lint it, and walk each tree a few steps with explanations, so the
// session code runs on whatever the loader accepted.

#include "fuzz_common.hpp"

#include <diagdesk/engine/knowledge.hpp>
#include <diagdesk/engine/lint.hpp>
#include <diagdesk/engine/session.hpp>
#include <diagdesk/engine/session_file.hpp>

#include <vector>

namespace diagdesk::fuzz {

/// Walks `tree_id` taking choice `pick` at each step (at most 40 steps), asks
/// why/how, goes back once and serialises the session.
inline void walk(const std::shared_ptr<const engine::Knowledge>& k, const std::string& tree_id,
                 std::vector<std::pair<std::string, std::string>> start, unsigned pick) {
  engine::Session s(k, tree_id, std::move(start), pick & 1 ? engine::Lang::fr : engine::Lang::en);
  for (int i = 0; i < 40; ++i) {
    const engine::Step& st = s.step();
    if (st.kind == engine::StepKind::conclusion || st.kind == engine::StepKind::error) break;
    (void)s.why(engine::Lang::fr);
    if (st.kind == engine::StepKind::input) {
      s.answer(i % 2 ? "0" : "yes");
    } else if (st.choices.empty() || (pick >> (i % 8)) % 5 == 4) {
      s.dont_know();
    } else {
      s.answer(st.choices[(pick + static_cast<unsigned>(i)) % st.choices.size()].id);
    }
  }
  (void)s.how(engine::Lang::en);
  s.back();
  (void)engine::session_to_toml(s);
  (void)engine::render_report(s, engine::Lang::fr);
}

/// Loads `files`, lints the result and walks every tree (at most 4).
inline void load_lint_walk(const std::vector<std::filesystem::path>& files, unsigned pick,
                           std::vector<std::pair<std::string, std::string>> start = {}) {
  engine::LoadResult r = engine::load_knowledge(files);
  std::vector<engine::Diagnostic> diags;
  engine::lint(*r.knowledge, diags);
  for (const auto& d : diags) (void)engine::format(d);
  std::size_t n = 0;
  for (const auto& t : r.knowledge->trees()) {
    if (++n > 4) break;
    walk(r.knowledge, t.id, start, pick);
  }
}

}  // namespace diagdesk::fuzz
