#pragma once
/// Personal data in the service database: what is held about a person
/// (callers' names, phones and e-mails, and every free text naming them),
/// erasing it behind a pseudonym, and the retention period of closed tickets.
///
///     PersonData found;
///     find_person(store, "Marie Dupont", found);       // every place naming her
///     Erasure done;
///     ErasureOptions o; o.prefix = "Personne"; o.actor = "anna"; o.at = now;
///     erase_person(store, "Marie Dupont", o, done);   // one transaction, or nothing
///
/// Rules of the group: no call throws; each returns a StoreStatus. Names
/// match without regard to case, accents, hyphens or runs of blanks, as whole
/// words, in either order for a two-word name ("DUPONT Marie"); phones match
/// on their digits whatever the separators; e-mails without regard to case.
/// Key columns (ticket numbers, asset tags, statuses, kinds, dates) are never
/// searched nor changed. The calls need schema 5 (privacy_secret); before it
/// they return io.

#include <diagdesk/service/problem.hpp>
#include <diagdesk/service/ticket.hpp>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace diagdesk::service {

class SqliteStore;
struct StoreStatus;

/// Who to look for: a name, and the phones and e-mails of the tickets and
/// quotes where that name is the caller or the customer.
struct Person {
  std::string name;
  std::vector<std::string> phones;
  std::vector<std::string> emails;
};

/// One place where something about the person is held.
struct Holding {
  /// ticket, ticket_event, ticket_session, asset, asset_event, quote,
  /// quote_line, quote_event, problem, problem_event (each when its table exists).
  std::string place;
  std::string key;         ///< the ticket number, asset tag or quote number
  std::int64_t item = 0;   ///< the event id, or the session / line position; 0 for the row itself
  std::string field;       ///< the column: caller_name, note, session...
  std::string value;       ///< what is held there, whole
};

/// What find_person found.
struct PersonData {
  Person person;
  std::vector<Holding> holdings;  ///< in the order of the places above, then by row
};

/// Rows and fields changed in one place.
struct ErasureCount {
  std::string place;
  int rows = 0;
  int fields = 0;
};

/// What erase_person or apply_retention changed (or would change, dry run).
struct Erasure {
  std::string pseudonym;              ///< erase_person: the person's pseudonym
  std::vector<std::string> tickets;   ///< apply_retention: the tickets anonymised
  std::vector<ErasureCount> counts;   ///< places with changes only, in the order of Holding::place
  int rows() const;
  int fields() const;
};

/// How an erasure is done and logged.
struct ErasureOptions {
  std::string prefix = "Person";  ///< the pseudonym's word: "Personne" in French
  std::string actor;              ///< who erases (in the log)
  Time at = 0;                    ///< when (in the log)
  bool dry_run = false;           ///< count, change nothing (the transaction is rolled back)
};

/// Everything held about `name` (at least two letters or digits once folded;
/// else io with nothing read).
StoreStatus find_person(SqliteStore& store, std::string_view name, PersonData& out);

/// Replaces every mention of the person (find_person's holdings) with the
/// pseudonym: the name in texts, caller and customer phones and e-mails
/// emptied, a customer's address emptied; bumps the version of every ticket,
/// asset and quote changed (a copy read before is then stale), and logs the
/// erasure in privacy_erasures without the name. One transaction: all or
/// nothing. Events stay append-only for every other change.
StoreStatus erase_person(SqliteStore& store, std::string_view name, const ErasureOptions& options, Erasure& out);

/// Anonymises every closed ticket closed before `closed_before`: its
/// caller's name, phone and e-mail, wherever the ticket, its events and its
/// sessions hold them, behind the caller's pseudonym. Tickets already
/// anonymised are left out. One transaction; logged like an erasure.
StoreStatus apply_retention(SqliteStore& store, Time closed_before, const ErasureOptions& options, Erasure& out);

// [Text] Pure functions behind the calls above.
/// Lower case, accents off (Latin-1 and Latin Extended-A), œ -> oe, hyphens
/// and runs of blanks as one space, trimmed.
std::string fold_name(std::string_view name);
/// The byte ranges [begin, end) of `text` mentioning `who`, sorted, not overlapping.
std::vector<std::pair<std::size_t, std::size_t>> find_mentions(std::string_view text, const Person& who);
/// `text` with every mention of `who` replaced by `with`.
std::string replace_mentions(std::string_view text, const Person& who, std::string_view with);
/// "<prefix>-XXXXXX": six hex digits of a keyed hash (SipHash-2-4) of the
/// folded name's words in order, so both orders give the same pseudonym.
std::string pseudonym(std::string_view secret, std::string_view name, std::string_view prefix);
/// True for a pseudonym of any prefix ("Personne-7F3A9C").
bool is_pseudonym(std::string_view text);

/// The team's privacy settings: <layer>/service/privacy.toml, later layers winning.
struct PrivacySettings {
  std::optional<int> retention_days;  ///< closed tickets older than this are anonymised; none: kept
  std::vector<Problem> problems;      ///< a bad file or value, with its line
};
PrivacySettings load_privacy_settings(const std::vector<std::filesystem::path>& files);

}  // namespace diagdesk::service
