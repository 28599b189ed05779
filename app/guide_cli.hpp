#pragma once
// `diagdesk diagnose TREE --guided` (cmd_guide.cpp, cmd_guide_view.cpp): the
// guided diagnosis of guide_session.hpp, interactive or scripted, text or JSON.
#include "cli.hpp"

#include <diagdesk/engine/guide_session.hpp>

#include <iosfwd>
#include <string>
#include <vector>

namespace diagdesk::cli {

/// What `diagdesk diagnose --guided` was given.
struct GuidedCliOptions {
  std::string tree;
  std::vector<std::string> facts;
  std::string answers;
  bool has_answers = false;
  std::string resume;
  std::string save;
  std::string transcript;     ///< the intervention report (Markdown), written with the save
  std::string operator_name;
  std::string symptom;
  std::string site;           ///< the caller's site: its own learned priors once it has enough tickets
  std::string rights = "n1";  ///< n1 or n2: steps needing N2 are escalations for n1
};

/// Runs the guided diagnosis; returns the exit code.
int run_guided(const GuidedCliOptions& o, const workspace::Workspace& ws, engine::Lang lang, bool json);

/// True when the file at `path` is a guided session (format = "diagdesk-guided-session").
bool is_guided_file(const std::string& path);

// Rendering (cmd_guide_view.cpp).
/// The suggested step with its reason, warnings and choices, the alternatives
/// numbered s1, s2..., the probabilities as a short list; or the conclusion.
void print_guided(std::ostream& out, const engine::GuidedSession& g, engine::Lang lang);
/// One option's text, warnings and numbered choices (after `s N` or a node id).
void print_option(std::ostream& out, const engine::GuidedOption& o, engine::Lang lang);
/// The state with the numbers: steps (id, kind, minutes, score, info_bits, success,
/// escalation, warn_first, reason fr/en...), causes with prior and posterior, the
/// conclusion when concluded.
nlohmann::json guided_json(const engine::GuidedSession& g);

}  // namespace diagdesk::cli
