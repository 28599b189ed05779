#pragma once
/// Exchange with GLPI: tickets and assets as CSV files GLPI reads back.
/// Pure functions over values: no storage, no I/O (the CLI writes the files).
///
/// Tickets follow GLPI 10's ticket fields as the Data Injection plugin
/// (2.13, for GLPI 10) maps them: one ';'-separated line per ticket, the
/// header in GLPI's French labels, status, urgency, impact, priority and type
/// as GLPI's numbers (CommonITILObject::INCOMING = 1 ... CLOSED = 6,
/// Ticket::INCIDENT_TYPE = 1, DEMAND_TYPE = 2). See docs/service.md,
/// "Exchange with GLPI".
///
/// Assets use GLPI 10's computer-list headers (English), the ones
/// read_asset_csv() recognises, so export -> import gives the same assets.
///
///     std::string csv = tickets_glpi_csv(tickets);
///     engine::write_file_atomic(path, csv);

#include <diagdesk/service/asset.hpp>
#include <diagdesk/service/ticket.hpp>

#include <string>
#include <vector>

namespace diagdesk::service {

// [GLPI values] GLPI's numbers for our values.
/// GLPI status: new 1, assigned / in_progress / escalated 2 (processing,
/// assigned), pending 4, resolved 5, closed 6 (3, "planned", is never given).
int glpi_status(Status s);
/// GLPI urgency or impact (1 very low .. 5 very high): low 2, medium 3, high 4.
int glpi_grade(Grade g);
/// GLPI priority (1 very low .. 5 very high, 6 major): P1 5, P2 4, ... P5 1.
int glpi_priority(int priority);
/// GLPI ticket type: incident 1, request 2.
int glpi_type(TicketType t);

/// The ticket CSV's header cells, in order.
const std::vector<std::string>& glpi_ticket_columns();
/// Tickets as GLPI ticket CSV: UTF-8, ';' separated, CRLF, RFC 4180 quoting,
/// times as "YYYY-MM-DD HH:MM:SS" UTC, empty cells for unset times.
std::string tickets_glpi_csv(const std::vector<Ticket>& tickets);

/// The asset CSV's header cells (GLPI 10 computer list, en_GB), in order.
const std::vector<std::string>& glpi_asset_columns();
/// Assets as a GLPI computer-list CSV (';', dates YYYY-MM-DD) that
/// read_asset_csv() reads back field for field.
std::string assets_glpi_csv(const std::vector<Asset>& assets);

/// "2026-12-07 02:20:54" (UTC) from Unix seconds.
std::string glpi_time(Time t);

}  // namespace diagdesk::service
