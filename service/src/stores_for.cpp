// The problem and quote stores of an open Store (problem_store.hpp,
// quote.hpp): the implementation that shares its database and connection.
#include <diagdesk/service/pg_store.hpp>
#include <diagdesk/service/problem_store.hpp>
#include <diagdesk/service/quote_sqlite.hpp>
#include <diagdesk/service/sqlite_store.hpp>

namespace diagdesk::service {

std::unique_ptr<ProblemStore> problem_store_for(Store& store) {
  if (auto* file = dynamic_cast<SqliteStore*>(&store)) return std::make_unique<SqliteProblemStore>(*file);
  if (auto* server = dynamic_cast<PgStore*>(&store)) return std::make_unique<PgProblemStore>(*server);
  return nullptr;
}

std::unique_ptr<QuoteStore> quote_store_for(Store& store) {
  if (auto* file = dynamic_cast<SqliteStore*>(&store)) return std::make_unique<SqliteQuoteStore>(*file);
  if (auto* server = dynamic_cast<PgStore*>(&store)) return std::make_unique<PgQuoteStore>(*server);
  return nullptr;
}

}  // namespace diagdesk::service
