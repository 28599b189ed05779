#pragma once
/// The SQLite QuoteStore: the quotes, quote_lines and quote_events tables of
/// the service database (schema 6), sharing the SqliteStore's connection,
/// its transactions and its batches. The store must outlive it.
///
///     SqliteQuoteStore quotes(desk.store());
///     Quote q; q.year = 2026; ...
///     if (auto s = quotes.create_quote(q, events); s.ok()) say(q.number);   // DEV-2026-0001

#include <diagdesk/service/quote.hpp>
#include <diagdesk/service/sqlite_store.hpp>

namespace diagdesk::service {

class SqliteQuoteStore final : public QuoteStore {
 public:
  explicit SqliteQuoteStore(SqliteStore& store) : m_store(store) {}
  StoreStatus create_quote(Quote& quote, std::vector<QuoteEvent>& events) override;
  StoreStatus update_quote(Quote& quote, std::vector<QuoteEvent>& events) override;
  StoreStatus get_quote(const std::string& number, Quote& out) override;
  StoreStatus list_quotes(const QuoteFilter& filter, std::vector<Quote>& out) override;
  StoreStatus quote_history(std::int64_t quote_id, std::vector<QuoteEvent>& out) override;

 private:
  SqliteStore& m_store;
};

}  // namespace diagdesk::service
