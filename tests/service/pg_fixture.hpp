#pragma once
// The throw-away PostgreSQL cluster of the tests (scripts/pg_cluster.sh,
// started by ctest before the tests that need it: tests/service/CMakeLists.txt):
// its connection, raw SQL on it, and a fresh database per test. Used by the
// service tests (backends.hpp) and the end-to-end tests of `diagdesk team`.

#include <doctest/doctest.h>
#include <libpq-fe.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <string>

#ifndef DIAGDESK_TEST_PG_STATE
#error "DIAGDESK_TEST_PG_STATE: the folder where scripts/pg_cluster.sh writes the cluster's connection"
#endif

namespace test {

/// A line of a file of the test cluster's state folder ("" when missing).
inline std::string pg_state(const std::string& name) {
  std::ifstream in(std::string(DIAGDESK_TEST_PG_STATE) + "/" + name);
  std::string line;
  std::getline(in, line);
  return line;
}

/// The test cluster's administrator connection (socket, no password). The
/// test fails, saying how to start the cluster, when it is not running.
inline std::string pg_admin() {
  const std::string conninfo = pg_state("conninfo");
  INFO("no PostgreSQL test cluster: run the tests through ctest (it starts one), or "
       "scripts/pg_cluster.sh start " DIAGDESK_TEST_PG_STATE);
  REQUIRE_FALSE(conninfo.empty());
  return conninfo;
}

/// Runs `sql` on `conninfo`; returns "" or the server's error.
inline std::string pg_exec(const std::string& conninfo, const std::string& sql) {
  PGconn* c = PQconnectdb(conninfo.c_str());
  std::string error;
  if (PQstatus(c) != CONNECTION_OK) {
    error = PQerrorMessage(c);
  } else {
    PGresult* r = PQexec(c, sql.c_str());
    const auto st = PQresultStatus(r);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) error = PQresultErrorMessage(r);
    PQclear(r);
  }
  PQfinish(c);
  return error;
}

/// The first value `sql` returns on `conninfo` (the test stops on an error).
inline std::string pg_value(const std::string& conninfo, const std::string& sql) {
  PGconn* c = PQconnectdb(conninfo.c_str());
  INFO(PQerrorMessage(c));
  REQUIRE(PQstatus(c) == CONNECTION_OK);
  PGresult* r = PQexec(c, sql.c_str());
  INFO(PQresultErrorMessage(r));
  const bool ok = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) > 0;
  const std::string v = ok ? PQgetvalue(r, 0, 0) : "";
  PQclear(r);
  PQfinish(c);
  REQUIRE(ok);
  return v;
}

/// A new, empty database of the test cluster, dropped at the end of the test.
class PgDatabase {
 public:
  PgDatabase() {
    static std::atomic<int> made{0};
    m_name = "dd_test_" + std::to_string(::getpid()) + "_" + std::to_string(++made);
    const std::string error = pg_exec(pg_admin(), "CREATE DATABASE " + m_name);
    INFO(error);
    REQUIRE(error.empty());
  }
  ~PgDatabase() { pg_exec(pg_state("conninfo"), "DROP DATABASE IF EXISTS " + m_name + " WITH (FORCE)"); }
  PgDatabase(const PgDatabase&) = delete;
  PgDatabase& operator=(const PgDatabase&) = delete;

  const std::string& name() const { return m_name; }
  /// The administrator's connection to this database (socket, no password).
  std::string admin() const { return pg_admin() + " dbname=" + m_name; }
  /// A connection over TCP on loopback as `user` with `password`.
  std::string tcp(const std::string& user, const std::string& password) const {
    return "postgresql://" + user + ":" + password + "@127.0.0.1:" + pg_state("port") + "/" + m_name;
  }
  /// Runs SQL as the administrator; the test stops on an error.
  void sql(const std::string& statements) const {
    const std::string error = pg_exec(admin(), statements);
    INFO(error);
    REQUIRE(error.empty());
  }

 private:
  std::string m_name;
};

}  // namespace test
