#pragma once
/// Quotes (devis) for both front ends, over a ServiceDesk: the catalogue and
/// the proposals of the layers (<layer>/commerce/catalogue.toml, the last
/// layer having one wins whole; proposals.toml of every layer), the quotes
/// in the desk's database (service::SqliteQuoteStore), the quote lines a
/// concluded diagnosis proposes, repair-or-replace from a ticket's asset, and
/// the documents (Markdown, PDF, the words to read out to the customer).
///
///     QuoteDesk quotes(ws, *desk);
///     QuoteView v;
///     NewQuote n; n.customer.name = "Paul Martin";
///     if (auto e = quotes.create(n, {}, "marie", v); !e.ok()) tell(e.message);
///     quotes.add_line(v.quote.number, "SSD-SATA-1TB", "1", "0", "marie", v);
///     quotes.pdf(v, "devis.pdf");
///
/// Rules of the group: no call throws; each returns a DeskError ("" ok,
/// "bad_value", "not_found", "bad_move", "stale" or a store error name) whose
/// message is one sentence in the workspace's language. Documents are in the
/// customer's language. Every change is one transaction with its history event.

#include <diagdesk/service/catalogue.hpp>
#include <diagdesk/service/quote.hpp>
#include <diagdesk/service/quote_sqlite.hpp>
#include <diagdesk/service/report.hpp>
#include <diagdesk/workspace/service_desk.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace diagdesk::workspace {

/// A quote with what a front end shows beside it.
struct QuoteView {
  service::Quote quote;
  service::Totals totals;
  std::vector<service::QuoteEvent> history;  ///< oldest first
  service::Date valid_until;
  bool past_validity = false;  ///< draft or sent, and past its validity at the desk's today()
};

/// What the operator types to open a quote.
struct NewQuote {
  service::Customer customer;
  std::string ticket_number;  ///< optional: the ticket the quote is for (must exist)
  std::string found;          ///< what the diagnosis found (summary), optional
};

/// One set of lines the operator may pick: "repair", "replace" or "offer".
struct QuoteOption {
  std::string kind;
  std::vector<service::QuoteLine> lines;
  service::Totals totals;
};

/// What a diagnosis (and a ticket's asset) proposes to quote.
struct QuoteProposal {
  bool found = false;          ///< a proposal exists for the conclusion
  std::string tree;
  std::string conclusion;
  std::string diagnosis;       ///< the conclusion's words, in the customer's language
  std::string note;            ///< the proposal's sentence for the customer
  std::vector<QuoteOption> options;  ///< repair (or offer) first, then replace when proposed
  std::string asset_tag;
  std::optional<std::int64_t> present_value;  ///< cents, when the asset's value is known
  std::string ticket_number;
};

class QuoteDesk {
 public:
  /// Loads the catalogue and the proposals of `ws`'s layers. Both must outlive the QuoteDesk.
  QuoteDesk(const Workspace& ws, ServiceDesk& desk);

  const service::Catalogue& catalogue() const { return m_catalogue; }
  const std::vector<service::Proposal>& proposals() const { return m_proposals; }
  /// Problems of the commerce files (file:line:column), unknown refs of proposals included.
  const std::vector<service::Problem>& problems() const { return m_problems; }

  // [Quotes] A new quote is a draft dated the desk's today(), valid the
  // issuer's validity_days. Lines may change while it is a draft only.
  DeskError create(const NewQuote& n, const std::vector<service::QuoteLine>& lines, const std::string& actor,
                   QuoteView& out);
  /// A catalogue line: unknown ref, quantity not over 0 (or over 2 decimals),
  /// discount over 100 % are refused. `quantity` and `discount` (percent) are decimal text.
  DeskError add_line(const std::string& number, const std::string& ref, const std::string& quantity,
                     const std::string& discount, const std::string& actor, QuoteView& out,
                     std::int64_t expected_version = 0);
  /// Removes line `position` (1-based).
  DeskError remove_line(const std::string& number, std::size_t position, const std::string& actor, QuoteView& out,
                        std::int64_t expected_version = 0);
  /// The quantity and discount (percent, decimal text) of line `position`
  /// (1-based), in place, with a "line_changed" event (old and new line text);
  /// refused as add_line refuses them.
  DeskError set_line(const std::string& number, std::size_t position, const std::string& quantity,
                     const std::string& discount, const std::string& actor, QuoteView& out,
                     std::int64_t expected_version = 0);
  /// One customer field: name, address, email, phone, language (fr or en).
  DeskError set_customer(const std::string& number, const std::string& field, const std::string& value,
                         const std::string& actor, QuoteView& out, std::int64_t expected_version = 0);
  /// draft -> sent (needs a customer name and a line).
  DeskError send(const std::string& number, const std::string& actor, QuoteView& out, std::int64_t expected_version = 0);
  /// sent -> accepted; refused past validity (the quote becomes expired, `out`
  /// shows it so) and refused for an expired quote, with desk.quote.past_validity.
  /// With `request`, opens a service request for the work and notes its number.
  DeskError accept(const std::string& number, const std::string& actor, QuoteView& out, TicketView* request = nullptr,
                   std::int64_t expected_version = 0);
  /// draft or sent -> refused (the number stays used).
  DeskError refuse(const std::string& number, const std::string& reason, const std::string& actor, QuoteView& out,
                   std::int64_t expected_version = 0);
  /// draft or sent past validity -> expired.
  DeskError expire(const std::string& number, const std::string& actor, QuoteView& out, std::int64_t expected_version = 0);
  /// Reading a sent quote past its validity (get, list, and so show, accept)
  /// expires it on the spot: saved with an "expired" event by `auto_actor`
  /// noted `auto_note`. When that save fails (a read-only database) the read
  /// still succeeds and the quote shows as sent, past its validity.
  DeskError get(const std::string& number, QuoteView& out);
  /// Newest first; the status filter applies after the automatic expiry.
  DeskError list(const service::QuoteFilter& filter, std::vector<QuoteView>& out);
  /// Who and what the automatic expiry's event says.
  static constexpr std::string_view auto_actor = "diagdesk";
  static constexpr std::string_view auto_note = "automatic";

  // [From a diagnosis]
  /// The lines of `proposal_lines` priced from the catalogue, labels in `lang`
  /// (refs the catalogue lacks are left out).
  std::vector<service::QuoteLine> priced(const std::vector<service::ProposalLine>& proposal_lines,
                                         const std::string& lang) const;
  /// What a concluded session proposes (found false when not concluded or no proposal).
  QuoteProposal propose(const engine::Session& session, const std::string& lang) const;
  /// The last concluded session of the ticket that has a proposal; with the
  /// ticket's asset's present value, "replace" beside "repair" when the repair
  /// (before tax) is over the catalogue's repair_threshold of that value.
  DeskError propose_for_ticket(const std::string& number, const std::string& lang, QuoteProposal& out);

  // [Documents] In the quote's customer language.
  service::ReportDocument document(const QuoteView& v) const;
  std::string markdown(const QuoteView& v) const;
  /// Writes the PDF atomically; "" or an error sentence.
  std::string pdf(const QuoteView& v, const fs::path& file) const;
  /// The words to read out: what we found, what we propose, what it costs, how long it takes.
  std::string summary(const QuoteView& v) const;

 private:
  DeskError change(const std::string& number, const std::string& actor, std::int64_t expected_version, QuoteView& out,
                   const std::function<DeskError(service::Quote&, std::vector<service::QuoteEvent>&)>& move);
  DeskError view_of(service::Quote q, QuoteView& out);
  void expire_due(service::Quote& q);
  DeskError fail(const std::string& code, const std::string& number, const std::string& key,
                 const std::string& value = "") const;
  const Workspace& m_ws;
  ServiceDesk& m_desk;
  /// The SQLite quotes, or (on the team server) a store that says they are not there yet.
  std::unique_ptr<service::QuoteStore> m_owned;
  service::QuoteStore& m_store;
  service::Catalogue m_catalogue;
  std::vector<service::Proposal> m_proposals;
  std::vector<service::Problem> m_problems;
};

}  // namespace diagdesk::workspace
