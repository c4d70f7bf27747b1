// File: policy/minimization.h
//
// Minimisation views: a pack's `views:` say, field by field, how rows are reduced before they
// leave the engine — `mask` (keep the last n characters), `hash` (keyed HMAC-SHA-256), `bucket`
// (numeric ranges, or dates to month or year), `top_k` (the k most frequent values, others
// replaced) and `drop`. Applying a view rewrites rows in place and reports what it changed.
// docs/PACKS.md ("Views") is the reference for the format.
//
//   const tf::policy::ViewSpec* view = tf::policy::FindView(pack.manifest, "support_export");
//   tf::Result<tf::policy::HashKeys> keys = tf::policy::ParseHashKeys(key_file_text, "keys.json");
//   tf::Result<tf::policy::MinimizationReport> report =
//       tf::policy::ApplyView(*view, *keys, rows, {"rows.ndjson", lines});
#ifndef TF_POLICY_MINIMIZATION_H_
#define TF_POLICY_MINIMIZATION_H_

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/number.h"
#include "core/status.h"
#include "core/value.h"
#include "policy/source_pos.h"

namespace tf::policy {

enum class TransformKind : uint8_t { kMask, kHash, kBucket, kTopK, kDrop };

// "mask", "hash", "bucket", "top_k", "drop".
std::string_view TransformName(TransformKind kind);

enum class DateGranularity : uint8_t { kNone, kMonth, kYear };

struct FieldTransform {
  std::string field;  // a dotted path into the row's objects: "address.city"
  TransformKind kind = TransformKind::kDrop;
  uint64_t keep = 0;           // mask: characters kept at the end
  std::string key;             // hash: the key id looked up in the key file
  std::vector<Number> bounds;  // bucket: strictly increasing range bounds (numbers)
  DateGranularity granularity = DateGranularity::kNone;  // bucket: dates instead of numbers
  uint64_t k = 0;                                        // top_k: how many values are kept
  std::string other = "other";                           // top_k: what the other values become
  SourcePos pos;
};

struct ViewSpec {
  std::string id;
  std::string description;
  std::vector<FieldTransform> fields;  // sorted by field path; no path is a prefix of another
  SourcePos pos;
};

// A view's canonical form, part of the pack hash (see ManifestToValue).
Value ViewToValue(const ViewSpec& view);

// Hash keys by id, read from a key file: a JSON object {"key id": "hex bytes", …}. Keys are
// secrets: they live in configuration, never in a pack. Each key must be at least 16 bytes
// (32 hex digits).
using HashKeys = std::map<std::string, std::string, std::less<>>;
Result<HashKeys> ParseHashKeys(std::string_view json_text, std::string_view file);

// Where rows came from, for errors: "rows.ndjson:7: …". lines[i] is row i's line (1-based);
// empty: rows are numbered from 1.
struct RowOrigin {
  std::string source = "row";
  std::vector<uint64_t> lines;
};

struct FieldReport {
  std::string field;
  TransformKind kind = TransformKind::kDrop;
  uint64_t count = 0;  // values changed (top_k: values replaced; drop: fields removed)
};

struct MinimizationReport {
  std::string view;
  uint64_t rows = 0;
  std::vector<FieldReport> fields;  // in the view's field order
};

// {"view": id, "rows": n, "fields": [{"field": f, "transform": t, "count": n}, …]}
Value ReportToValue(const MinimizationReport& report);

// The pack's view `id`, or kViewNotFound naming the views there are.
Result<const ViewSpec*> FindView(const std::vector<ViewSpec>& views, std::string_view pack_id,
                                 std::string_view id);

// Applies `view` to every row. Fails closed before touching any row when a hash key is missing
// (kHashKeyMissing), and with kTransformInvalid naming the row's line and the field when a value
// has the wrong type or form (a mask of a number, a bucket of a string that is not a date, a
// path through a non-object); after an error the rows are partly rewritten and must not be
// used. Null and absent fields are left alone.
Result<MinimizationReport> ApplyView(const ViewSpec& view, const HashKeys& keys,
                                     std::vector<Value>& rows, const RowOrigin& origin = {});

}  // namespace tf::policy

#endif  // TF_POLICY_MINIMIZATION_H_
