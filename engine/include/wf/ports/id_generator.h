// Source of ids for deployments, instances, tasks and jobs. Ids are unique
// across processes and nodes sharing one database. Thread-safe.
#pragma once

#include <string>

namespace wf {

class IdGenerator {
 public:
  virtual ~IdGenerator() = default;
  virtual std::string next() = 0;
};

// Time-ordered random ids: 48 bits of milliseconds, 80 random bits, written
// as 26 Crockford base32 characters (the ULID layout). Sort order follows
// creation time, which keeps B-tree inserts at the right edge.
class RandomIdGenerator final : public IdGenerator {
 public:
  std::string next() override;
};

}  // namespace wf
