#pragma once
// The problems and quotes of a desk whose Store is neither SQLite nor
// PostgreSQL (service::problem_store_for gives none): every call says so
// (StoreError::io) instead of reading or writing somewhere else. Both real
// stores have their own problem and quote stores, so a desk never meets
// these today; they keep a third Store kind from crashing. Internal to workspace.
#include <diagdesk/service/problem_store.hpp>
#include <diagdesk/service/quote.hpp>

namespace diagdesk::workspace::detail {

inline service::StoreStatus off_server(const char* what) {
  return {service::StoreError::io, std::string(what) + " are not kept by this kind of store (docs/team.md)"};
}

class OffServerProblems final : public service::ProblemStore {
 public:
  using S = service::StoreStatus;
  S create_problem(service::ProblemRecord&, int, std::vector<service::ProblemEvent>&) override { return no(); }
  S update_problem(service::ProblemRecord&, std::vector<service::ProblemEvent>&) override { return no(); }
  S get_problem(std::string_view, service::ProblemRecord&) override { return no(); }
  S list_problems(const service::ProblemFilter&, std::vector<service::ProblemRecord>&) override { return no(); }
  S problem_history(std::int64_t, std::vector<service::ProblemEvent>&) override { return no(); }
  S link_ticket(service::ProblemRecord&, service::Ticket&, service::ProblemEvent&, service::Event&) override {
    return no();
  }
  S unlink_ticket(service::ProblemRecord&, service::Ticket&, service::ProblemEvent&, service::Event&) override {
    return no();
  }
  S problem_links(std::int64_t, std::vector<service::ProblemLink>&) override { return no(); }
  /// A ticket on the server is in no problem (the ticket view asks this of every ticket).
  S ticket_problem(std::int64_t, std::optional<service::ProblemLink>& out) override {
    out.reset();
    return {};
  }

 private:
  static S no() { return off_server("problems"); }
};

class OffServerQuotes final : public service::QuoteStore {
 public:
  using S = service::StoreStatus;
  S create_quote(service::Quote&, std::vector<service::QuoteEvent>&) override { return no(); }
  S update_quote(service::Quote&, std::vector<service::QuoteEvent>&) override { return no(); }
  S get_quote(const std::string&, service::Quote&) override { return no(); }
  S list_quotes(const service::QuoteFilter&, std::vector<service::Quote>&) override { return no(); }
  S quote_history(std::int64_t, std::vector<service::QuoteEvent>&) override { return no(); }

 private:
  static S no() { return off_server("quotes"); }
};

}  // namespace diagdesk::workspace::detail
