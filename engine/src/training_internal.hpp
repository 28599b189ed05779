#pragma once
// Shared by the training sources (not a public header): token helpers and the
// ticket parts of scoring and the debrief (training_ticket.cpp).

#include <diagdesk/engine/training_run.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace diagdesk::engine::detail {

/// `s` without surrounding blanks.
inline std::string trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

/// "key=value" -> value when `token` starts with "key=".
inline std::optional<std::string> arg_of(const std::string& token, std::string_view key) {
  if (token.size() > key.size() && token.compare(0, key.size(), key) == 0 && token[key.size()] == '=') {
    return trim(std::string_view(token).substr(key.size() + 1));
  }
  return std::nullopt;
}

/// Fills the ticket fields of `sc` from the trainee's actions, sets
/// priority_ok and outcome_ok the ticket way, and adds the ticket penalties.
void score_ticket(const Scenario& scenario, const std::vector<TraineeAction>& actions, Score& sc);

/// The debrief lines of a ticket scenario: type, qualification, disposition,
/// then each ticket penalty with why it counts.
void ticket_findings(const Score& sc, Lang lang, std::vector<std::string>& out);

/// True for the penalties score_ticket adds (they are explained by ticket_findings).
bool is_ticket_penalty(std::string_view code);

/// The debrief lines of the quote step: each finding with what it cost (training_quote.cpp).
void quote_findings(const QuoteScore& quote, const QuoteKey& key, Lang lang, std::vector<std::string>& out);

// Efficiency against the optimum (training_efficiency.cpp).

/// Sets sc.optimum from the plan (nothing when there is none): the trainee's steps in
/// minutes, the percent against the optimum and the percent the points follow.
void score_optimum(const Knowledge& k, const std::vector<TraineeAction>& actions,
                   const std::optional<OptimumPlan>& plan, Score& sc);

/// Fills d.efficiency and d.optimum_steps from sc.optimum (or says there is no model).
void efficiency_debrief(const Score& sc, Lang lang, Debrief& d);

}  // namespace diagdesk::engine::detail
