// File: core/error_code.h
//
// The one catalogue of error codes for the whole product. Each code has an explicit, stable
// number, a snake_case name (used as the RFC 7807 `code`, in CLI messages and in OPA-compatible
// Rego errors) and exactly one HTTP status. A value is never renumbered or reused: a retired code
// stays in the enum as a comment so its number stays taken.
//
// Choosing a generic code (the Abseil rules): kInvalidArgument when the request itself is wrong
// whatever the state; kFailedPrecondition when the request is fine but the state forbids it and
// retrying will not help until the state changes; kAborted for a conflict that a retry of the
// whole operation may resolve; kUnavailable for a transient fault where a plain retry may succeed.
//
// Ranges: 1-99 generic, 100-199 data formats, 200-299 Rego (OPA's names), 300-399 ledger,
// 400-499 policy packs, 500-599 proofs, 600-699 graph, 700-799 server and auth.
#ifndef TF_CORE_ERROR_CODE_H_
#define TF_CORE_ERROR_CODE_H_

#include <cstdint>
#include <string_view>

namespace tf {

enum class ErrorCode : uint16_t {
  kOk = 0,
  // Generic.
  kInvalidArgument = 1,
  kNotFound = 2,
  kAlreadyExists = 3,
  kFailedPrecondition = 4,
  kPermissionDenied = 5,
  kUnauthenticated = 6,
  kResourceExhausted = 7,
  kUnavailable = 8,
  kInternal = 9,
  kDataLoss = 10,
  kUnimplemented = 11,
  kAborted = 12,
  kOutOfRange = 13,
  kDeadlineExceeded = 14,
  kCancelled = 15,
  kIoError = 16,
  // Data formats.
  kJsonParseError = 100,
  kYamlParseError = 101,
  kEncodingError = 102,
  // Rego, with OPA's names.
  kRegoParseError = 200,
  kRegoCompileError = 201,
  kRegoTypeError = 202,
  kRegoUnsafeVarError = 203,
  kRegoRecursionError = 204,
  kEvalTypeError = 210,
  kEvalBuiltinError = 211,
  kEvalConflictError = 212,
  kEvalCancelError = 213,
  kEvalWithMergeError = 214,
  kEvalLimitError = 215,
  // Internal signal of a builtin with no result (OPA's BuiltinEmpty); never leaves the evaluator.
  kBuiltinUndefined = 216,
  // 300-399: ledger. 400-499: policy. 500-599: smt. 600-699: graph. 700-799: server.
  // Each module appends its codes here, in its range, with explicit values.
  // Ledger (300-399). Integrity and verification.
  kLedgerCorrupt = 300,     // stored log data fails an integrity check
  kProofInvalid = 301,      // an inclusion or consistency proof does not verify
  kSignatureInvalid = 302,  // no valid signature by the expected key
  kNoteMalformed = 303,     // a signed note, checkpoint or key is not well formed
  kReceiptMalformed = 304,  // a receipt is not well formed
  kReceiptVersionUnsupported = 305,
  kEntryMismatch = 306,           // an entry does not match the leaf it claims to be
  kTreeSizeOutOfRange = 307,      // a leaf index or tree size beyond the log
  kCheckpointInconsistent = 308,  // refusing to sign a head inconsistent with the last one
  kLedgerConflict = 309,          // the tree head moved under a writer; retry the append
  kSigningKeyMismatch = 310,      // the log was created with another key
  kEntryInvalid = 311,            // an entry's tenant, kind or metadata is not acceptable
  // Ledger: write-once evidence rules. Each refusal names the rule, lock or hold.
  kEvidenceNotFound = 320,
  kEvidencePurged = 321,
  kRetentionActive = 322,           // a retention lock has not expired
  kRetentionShortenDenied = 323,    // compliance locks can only be extended
  kGovernanceBypassRequired = 324,  // governance locks change only with the bypass permission
  kLegalHoldActive = 325,
  kPurgeApprovalsInsufficient = 326,
  kDuplicateApproval = 327,
  kEvidenceTooLarge = 328,
  // Policy packs and the orchestrator (400-499). Pack validation errors name pack.yaml (or the
  // offending file) with line and column.
  kPackManifestInvalid = 400,   // pack.yaml: bad YAML shape, types, missing or unknown fields
  kPackDuplicateId = 401,       // two rules, predicates or keys share an id
  kPackUnknownRuleRef = 402,    // a rule's ref names no complete rule in the pack's modules
  kPackBadPredicate = 403,      // an activation predicate is unknown, not a rule or not valid Rego
  kPackCycle = 404,             // named predicates refer to each other in a cycle
  kPackFileInvalid = 405,       // a file path or type a pack may not hold, or a bad data file
  kPackNotFound = 406,          // no pack with that id where packs are looked up
  kPackTooLarge = 407,          // beyond the pack size limits (files, bytes)
  kPackSchemaInvalid = 408,     // the input schema uses something outside the supported subset
  kWeightsInvalid = 409,        // a weights file is malformed or names rules the pack lacks
  kPredicateEvalError = 410,    // an activation predicate failed for this context (fails closed)
  kInputSchemaViolation = 411,  // the input does not match the pack's input schema

  // Proofs (500-599): the SMT prover, policy diff and the proofs gate.
  kSmtUnsupported = 500,       // a construct outside the encoded fragment: the answer is unknown
  kSmtSolverUnknown = 501,     // the solver gave up (timeout, resource limit, incompleteness)
  kSmtSolverError = 502,       // Z3 reported an error
  kSmtEncodingMismatch = 503,  // the interpreter disagrees with the encoding about a model: a bug
  kSmtCheckInvalid = 504,      // a check is malformed or names no rule, property or document
  kSmtBaselineInvalid = 505,   // a gate baseline (directory or git ref) cannot be read

  // Graph (600-699): the property graph store, ingest and traversal, graph-aware limits and
  // minimisation views.
  kGraphNodeNotFound = 600,    // no node with that id in the graph
  kGraphRowInvalid = 601,      // an ingest row is malformed; the message names file:line
  kGraphColumnsInvalid = 602,  // a column declaration (--node-columns/--edge-columns) is malformed
  kGraphStoreCorrupt = 603,    // a stored graph record fails to decode
  kGraphLedgerMismatch = 604,  // the graph store and the ledger disagree about ingest batches
  kGraphQueryInvalid = 605,    // a query's parameters are malformed or out of range
  kGraphLimitExceeded = 606,   // a pack's graph limit denies the query
  kGraphBatchRejected = 607,   // an ingest batch was refused as a whole; nothing of it was written
  kViewNotFound = 610,         // no minimisation view with that id in the pack
  kTransformInvalid = 611,     // a view's transform cannot apply to a value
  kHashKeyMissing = 612,       // a hash transform names a key the configuration does not hold

  // Server and auth (700-799). Authentication failures are 401 with WWW-Authenticate; a valid
  // token that may not do something is 403; a refusal to serve now (keys, shutdown) is 503.
  kAuthTokenMissing = 700,       // no bearer token on a route that needs one
  kAuthTokenMalformed = 701,     // not a compact JWS, bad base64url or JSON, missing claims
  kAuthAlgorithmRejected = 702,  // alg none, an alg we do not accept, or alg/key type mismatch
  kAuthUnknownKey = 703,         // the token's kid names no key in the JWKS
  kAuthSignatureInvalid = 704,   // the signature does not verify with the named key
  kAuthTokenExpired = 705,       // exp is past (beyond the clock skew)
  kAuthTokenNotYetValid = 706,   // nbf or iat is in the future (beyond the clock skew)
  kAuthIssuerMismatch = 707,     // iss is not the configured issuer
  kAuthAudienceMismatch = 708,   // aud names none of the configured audiences
  kAuthInsufficientScope = 709,  // a valid token without the route's scope
  kAuthTenantMissing = 710,      // a valid token without the configured tenant claim
  kAuthKeysUnavailable = 711,    // the JWKS cannot be fetched or read: fail closed
  kAuthConfigInvalid = 712,      // auth.yaml / server config is malformed or unsafe
  kClientCertRejected = 713,     // mTLS: no, unknown or not allow-listed client certificate
  kRateLimited = 714,            // the tenant's token bucket is empty
  kQuotaExceeded = 715,          // the tenant's daily quota is used up
  kRequestTooLarge = 716,        // body beyond the configured limit
  kHeadersTooLarge = 717,        // request line and headers beyond the configured limit
  kRequestTimeout = 718,         // the request did not arrive within the read timeout
  kRouteNotFound = 719,          // no route for this path
  kMethodNotAllowed = 720,       // the path exists, the method does not
  kUnsupportedMediaType = 721,   // a body in a content type the route does not take
  kUploadMalformed = 722,        // a pack upload that is not a valid tar or multipart body
  kServerShuttingDown = 723,     // draining for shutdown; retry on another replica
  kNotReady = 724,               // /readyz: a dependency is not ready
  kBadRequest = 725,             // malformed HTTP or query parameters
  kTlsConfigInvalid = 726,       // TLS certificate, key or CA files unusable

  // Sentinel: forces a `default:` in every switch over the codes. Never returned.
  kDoNotUseReservedForSwitchDefault = 0xFFFF,
};

// Stable snake_case name, e.g. "eval_type_error". Unknown values give "unknown".
std::string_view ErrorCodeName(ErrorCode code);

// The HTTP status an API maps this code to.
int HttpStatusFor(ErrorCode code);

}  // namespace tf

#endif  // TF_CORE_ERROR_CODE_H_
