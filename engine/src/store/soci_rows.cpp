#include "store/soci_rows.h"

namespace wf::store {

namespace {

// SQLite reports integer columns as int or long long depending on the value;
// read either.
long long integer(const soci::row& r, std::size_t i) {
  switch (r.get_properties(i).get_data_type()) {
    case soci::dt_integer:
      return r.get<int>(i);
    case soci::dt_long_long:
      return r.get<long long>(i);
    case soci::dt_unsigned_long_long:
      return static_cast<long long>(r.get<unsigned long long>(i));
    case soci::dt_double:
      return static_cast<long long>(r.get<double>(i));
    default:
      return std::stoll(r.get<std::string>(i));
  }
}

int integer32(const soci::row& r, std::size_t i) { return static_cast<int>(integer(r, i)); }

std::string text(const soci::row& r, std::size_t i) {
  if (r.get_indicator(i) == soci::i_null) return {};
  return r.get<std::string>(i);
}

}  // namespace

StoredDefinition definitionFromRow(const soci::row& r) {
  StoredDefinition d;
  d.id = text(r, 0);
  d.key = text(r, 1);
  d.version = integer32(r, 2);
  d.name = text(r, 3);
  d.deployment_id = text(r, 4);
  d.resource_name = text(r, 5);
  d.content_hash = text(r, 6);
  d.xml = text(r, 7);
  d.deployed_at = integer(r, 8);
  d.kind = text(r, 9);
  return d;
}

StoredInstance instanceFromRow(const soci::row& r) {
  StoredInstance i;
  i.id = text(r, 0);
  i.definition_id = text(r, 1);
  i.definition_key = text(r, 2);
  i.version = integer32(r, 3);
  i.business_key = text(r, 4);
  i.state = static_cast<InstanceState>(integer32(r, 5));
  i.incident = integer32(r, 6) != 0;
  i.started_at = integer(r, 7);
  i.ended_at = integer(r, 8);
  i.runtime_json = text(r, 9);
  i.history_seq = integer(r, 10);
  i.history_hash = text(r, 11);
  return i;
}

StoredTask taskFromRow(const soci::row& r) {
  StoredTask t;
  TaskInfo& i = t.info;
  i.id = text(r, 0);
  i.instance_id = text(r, 1);
  i.definition_key = text(r, 2);
  i.element_id = text(r, 3);
  t.element_instance = integer32(r, 4);
  i.name = text(r, 5);
  i.queue = text(r, 6);
  i.candidate_groups = splitList(text(r, 7));
  i.candidate_users = splitList(text(r, 8));
  i.assignee = text(r, 9);
  i.priority = integer32(r, 10);
  i.due_at = integer(r, 11);
  i.form_key = text(r, 12);
  i.state = static_cast<TaskState>(integer32(r, 13));
  i.created_at = integer(r, 14);
  i.follow_up_at = integer(r, 15);
  if (const std::string ranking = text(r, 16); !ranking.empty()) {
    i.ranking = Value::parseJson(ranking).value_or(Value());
  }
  return t;
}

StoredJob jobFromRow(const soci::row& r) {
  StoredJob j;
  JobInfo& i = j.info;
  i.id = text(r, 0);
  i.instance_id = text(r, 1);
  i.element_id = text(r, 2);
  j.element_instance = integer32(r, 3);
  i.type = text(r, 4);
  i.state = static_cast<JobState>(integer32(r, 5));
  i.retries = integer32(r, 6);
  i.error = text(r, 7);
  auto vars = Value::parseJson(text(r, 8));
  i.variables = vars ? *vars : Value(Object{});
  i.created_at = integer(r, 9);
  i.due_at = integer(r, 10);
  return j;
}

std::vector<HistoryEvent> historyFromRow(const soci::row& r) {
  std::vector<HistoryEvent> out;
  const std::string instance = text(r, 0);
  int64_t seq = integer(r, 1);
  const int64_t at = integer(r, 2);
  auto events = Value::parseJson(text(r, 3));
  if (!events || !events->isArray()) return out;  // verifyChain reports the gap
  for (const Value& v : events->asArray()) {
    HistoryEvent e;
    e.instance_id = instance;
    e.seq = seq++;
    e.at = at;
    if (const Value* t = v.find("t"); t && t->isString()) e.type = t->asString();
    if (const Value* el = v.find("e"); el && el->isString()) e.element_id = el->asString();
    if (const Value* d = v.find("d")) e.data = *d;
    if (const Value* h = v.find("h"); h && h->isString()) e.hash = h->asString();
    out.push_back(std::move(e));
  }
  return out;
}

std::string historyEventsJson(const std::vector<HistoryEvent>& events) {
  Array list;
  list.reserve(events.size());
  for (const HistoryEvent& e : events) {
    Object o;
    o["t"] = e.type;
    o["e"] = e.element_id;
    if (!e.data.isNull()) o["d"] = e.data;
    o["h"] = e.hash;
    list.push_back(Value(std::move(o)));
  }
  return Value(std::move(list)).toJson();
}

std::string joinList(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) {
    if (!out.empty()) out += ',';
    out += s;
  }
  return out;
}

std::vector<std::string> splitList(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    if (comma > start) out.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

StoredSubscription subscriptionFromRow(const soci::row& r) {
  StoredSubscription sub;
  sub.instance_id = text(r, 0);
  sub.element_instance = integer32(r, 1);
  sub.element_id = text(r, 2);
  sub.kind = text(r, 3);
  sub.name = text(r, 4);
  sub.correlation_key = text(r, 5);
  sub.created_at = integer(r, 6);
  return sub;
}

BufferedMessage bufferedMessageFromRow(const soci::row& r) {
  BufferedMessage m;
  m.id = text(r, 0);
  m.name = text(r, 1);
  m.correlation_key = text(r, 2);
  m.variables = Value::parseJson(text(r, 3)).value_or(Value(Object{}));
  m.message_id = text(r, 4);
  m.created_at = integer(r, 5);
  m.expires_at = integer(r, 6);
  return m;
}

StoredStartEvent startEventFromRow(const soci::row& r) {
  return StoredStartEvent{text(r, 0), text(r, 1), text(r, 2), text(r, 3), text(r, 4)};
}

}  // namespace wf::store
