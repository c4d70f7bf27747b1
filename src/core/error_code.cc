#include "core/error_code.h"

namespace tf {

std::string_view ErrorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::kOk: return "ok";
    case ErrorCode::kInvalidArgument: return "invalid_argument";
    case ErrorCode::kNotFound: return "not_found";
    case ErrorCode::kAlreadyExists: return "already_exists";
    case ErrorCode::kFailedPrecondition: return "failed_precondition";
    case ErrorCode::kPermissionDenied: return "permission_denied";
    case ErrorCode::kUnauthenticated: return "unauthenticated";
    case ErrorCode::kResourceExhausted: return "resource_exhausted";
    case ErrorCode::kUnavailable: return "unavailable";
    case ErrorCode::kInternal: return "internal";
    case ErrorCode::kDataLoss: return "data_loss";
    case ErrorCode::kUnimplemented: return "unimplemented";
    case ErrorCode::kAborted: return "aborted";
    case ErrorCode::kOutOfRange: return "out_of_range";
    case ErrorCode::kDeadlineExceeded: return "deadline_exceeded";
    case ErrorCode::kCancelled: return "cancelled";
    case ErrorCode::kIoError: return "io_error";
    case ErrorCode::kJsonParseError: return "json_parse_error";
    case ErrorCode::kYamlParseError: return "yaml_parse_error";
    case ErrorCode::kEncodingError: return "encoding_error";
    case ErrorCode::kRegoParseError: return "rego_parse_error";
    case ErrorCode::kRegoCompileError: return "rego_compile_error";
    case ErrorCode::kRegoTypeError: return "rego_type_error";
    case ErrorCode::kRegoUnsafeVarError: return "rego_unsafe_var_error";
    case ErrorCode::kRegoRecursionError: return "rego_recursion_error";
    case ErrorCode::kEvalTypeError: return "eval_type_error";
    case ErrorCode::kEvalBuiltinError: return "eval_builtin_error";
    case ErrorCode::kEvalConflictError: return "eval_conflict_error";
    case ErrorCode::kEvalCancelError: return "eval_cancel_error";
    case ErrorCode::kEvalWithMergeError: return "eval_with_merge_error";
    case ErrorCode::kEvalLimitError: return "eval_limit_error";
    case ErrorCode::kBuiltinUndefined: return "builtin_undefined";
    case ErrorCode::kLedgerCorrupt: return "ledger_corrupt";
    case ErrorCode::kProofInvalid: return "proof_invalid";
    case ErrorCode::kSignatureInvalid: return "signature_invalid";
    case ErrorCode::kNoteMalformed: return "note_malformed";
    case ErrorCode::kReceiptMalformed: return "receipt_malformed";
    case ErrorCode::kReceiptVersionUnsupported: return "receipt_version_unsupported";
    case ErrorCode::kEntryMismatch: return "entry_mismatch";
    case ErrorCode::kTreeSizeOutOfRange: return "tree_size_out_of_range";
    case ErrorCode::kCheckpointInconsistent: return "checkpoint_inconsistent";
    case ErrorCode::kLedgerConflict: return "ledger_conflict";
    case ErrorCode::kSigningKeyMismatch: return "signing_key_mismatch";
    case ErrorCode::kEntryInvalid: return "entry_invalid";
    case ErrorCode::kEvidenceNotFound: return "evidence_not_found";
    case ErrorCode::kEvidencePurged: return "evidence_purged";
    case ErrorCode::kRetentionActive: return "retention_active";
    case ErrorCode::kRetentionShortenDenied: return "retention_shorten_denied";
    case ErrorCode::kGovernanceBypassRequired: return "governance_bypass_required";
    case ErrorCode::kLegalHoldActive: return "legal_hold_active";
    case ErrorCode::kPurgeApprovalsInsufficient: return "purge_approvals_insufficient";
    case ErrorCode::kDuplicateApproval: return "duplicate_approval";
    case ErrorCode::kEvidenceTooLarge: return "evidence_too_large";
    case ErrorCode::kPackManifestInvalid: return "pack_manifest_invalid";
    case ErrorCode::kPackDuplicateId: return "pack_duplicate_id";
    case ErrorCode::kPackUnknownRuleRef: return "pack_unknown_rule_ref";
    case ErrorCode::kPackBadPredicate: return "pack_bad_predicate";
    case ErrorCode::kPackCycle: return "pack_cycle";
    case ErrorCode::kPackFileInvalid: return "pack_file_invalid";
    case ErrorCode::kPackNotFound: return "pack_not_found";
    case ErrorCode::kPackTooLarge: return "pack_too_large";
    case ErrorCode::kPackSchemaInvalid: return "pack_schema_invalid";
    case ErrorCode::kWeightsInvalid: return "weights_invalid";
    case ErrorCode::kPredicateEvalError: return "predicate_eval_error";
    case ErrorCode::kInputSchemaViolation: return "input_schema_violation";
    case ErrorCode::kSmtUnsupported: return "smt_unsupported";
    case ErrorCode::kSmtSolverUnknown: return "smt_solver_unknown";
    case ErrorCode::kSmtSolverError: return "smt_solver_error";
    case ErrorCode::kSmtEncodingMismatch: return "smt_encoding_mismatch";
    case ErrorCode::kSmtCheckInvalid: return "smt_check_invalid";
    case ErrorCode::kSmtBaselineInvalid: return "smt_baseline_invalid";
    case ErrorCode::kGraphNodeNotFound: return "graph_node_not_found";
    case ErrorCode::kGraphRowInvalid: return "graph_row_invalid";
    case ErrorCode::kGraphColumnsInvalid: return "graph_columns_invalid";
    case ErrorCode::kGraphStoreCorrupt: return "graph_store_corrupt";
    case ErrorCode::kGraphLedgerMismatch: return "graph_ledger_mismatch";
    case ErrorCode::kGraphQueryInvalid: return "graph_query_invalid";
    case ErrorCode::kGraphLimitExceeded: return "graph_limit_exceeded";
    case ErrorCode::kGraphBatchRejected: return "graph_batch_rejected";
    case ErrorCode::kViewNotFound: return "view_not_found";
    case ErrorCode::kTransformInvalid: return "transform_invalid";
    case ErrorCode::kHashKeyMissing: return "hash_key_missing";
    case ErrorCode::kAuthTokenMissing: return "auth_token_missing";
    case ErrorCode::kAuthTokenMalformed: return "auth_token_malformed";
    case ErrorCode::kAuthAlgorithmRejected: return "auth_algorithm_rejected";
    case ErrorCode::kAuthUnknownKey: return "auth_unknown_key";
    case ErrorCode::kAuthSignatureInvalid: return "auth_signature_invalid";
    case ErrorCode::kAuthTokenExpired: return "auth_token_expired";
    case ErrorCode::kAuthTokenNotYetValid: return "auth_token_not_yet_valid";
    case ErrorCode::kAuthIssuerMismatch: return "auth_issuer_mismatch";
    case ErrorCode::kAuthAudienceMismatch: return "auth_audience_mismatch";
    case ErrorCode::kAuthInsufficientScope: return "auth_insufficient_scope";
    case ErrorCode::kAuthTenantMissing: return "auth_tenant_missing";
    case ErrorCode::kAuthKeysUnavailable: return "auth_keys_unavailable";
    case ErrorCode::kAuthConfigInvalid: return "auth_config_invalid";
    case ErrorCode::kClientCertRejected: return "client_cert_rejected";
    case ErrorCode::kRateLimited: return "rate_limited";
    case ErrorCode::kQuotaExceeded: return "quota_exceeded";
    case ErrorCode::kRequestTooLarge: return "request_too_large";
    case ErrorCode::kHeadersTooLarge: return "headers_too_large";
    case ErrorCode::kRequestTimeout: return "request_timeout";
    case ErrorCode::kRouteNotFound: return "route_not_found";
    case ErrorCode::kMethodNotAllowed: return "method_not_allowed";
    case ErrorCode::kUnsupportedMediaType: return "unsupported_media_type";
    case ErrorCode::kUploadMalformed: return "upload_malformed";
    case ErrorCode::kServerShuttingDown: return "server_shutting_down";
    case ErrorCode::kNotReady: return "not_ready";
    case ErrorCode::kBadRequest: return "bad_request";
    case ErrorCode::kTlsConfigInvalid: return "tls_config_invalid";
    default: return "unknown";
  }
}

int HttpStatusFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kOk: return 200;
    case ErrorCode::kInvalidArgument:
    case ErrorCode::kJsonParseError:
    case ErrorCode::kYamlParseError:
    case ErrorCode::kEncodingError:
    case ErrorCode::kRegoParseError:
    case ErrorCode::kRegoCompileError:
    case ErrorCode::kRegoTypeError:
    case ErrorCode::kRegoUnsafeVarError:
    case ErrorCode::kRegoRecursionError:
    case ErrorCode::kOutOfRange: return 400;
    case ErrorCode::kUnauthenticated: return 401;
    case ErrorCode::kPermissionDenied: return 403;
    case ErrorCode::kNotFound: return 404;
    case ErrorCode::kAlreadyExists:
    case ErrorCode::kAborted:
    case ErrorCode::kFailedPrecondition: return 409;
    case ErrorCode::kEvalTypeError:
    case ErrorCode::kEvalBuiltinError:
    case ErrorCode::kEvalConflictError:
    case ErrorCode::kEvalWithMergeError:
    case ErrorCode::kEvalLimitError: return 422;
    case ErrorCode::kResourceExhausted: return 429;
    case ErrorCode::kCancelled:
    case ErrorCode::kEvalCancelError: return 499;
    case ErrorCode::kUnimplemented: return 501;
    case ErrorCode::kUnavailable: return 503;
    case ErrorCode::kDeadlineExceeded: return 504;
    // Ledger.
    case ErrorCode::kNoteMalformed:
    case ErrorCode::kReceiptMalformed:
    case ErrorCode::kReceiptVersionUnsupported:
    case ErrorCode::kTreeSizeOutOfRange:
    case ErrorCode::kEntryInvalid: return 400;
    case ErrorCode::kGovernanceBypassRequired: return 403;
    case ErrorCode::kEvidenceNotFound: return 404;
    case ErrorCode::kLedgerConflict:
    case ErrorCode::kSigningKeyMismatch:
    case ErrorCode::kRetentionActive:
    case ErrorCode::kRetentionShortenDenied:
    case ErrorCode::kLegalHoldActive:
    case ErrorCode::kPurgeApprovalsInsufficient:
    case ErrorCode::kDuplicateApproval: return 409;
    case ErrorCode::kEvidencePurged: return 410;
    case ErrorCode::kEvidenceTooLarge: return 413;
    case ErrorCode::kProofInvalid:
    case ErrorCode::kSignatureInvalid:
    case ErrorCode::kEntryMismatch: return 422;
    case ErrorCode::kLedgerCorrupt:
    case ErrorCode::kCheckpointInconsistent: return 500;
    // Policy packs.
    case ErrorCode::kPackManifestInvalid:
    case ErrorCode::kPackDuplicateId:
    case ErrorCode::kPackUnknownRuleRef:
    case ErrorCode::kPackBadPredicate:
    case ErrorCode::kPackCycle:
    case ErrorCode::kPackFileInvalid:
    case ErrorCode::kPackSchemaInvalid:
    case ErrorCode::kWeightsInvalid:
    case ErrorCode::kInputSchemaViolation: return 400;
    case ErrorCode::kPackNotFound: return 404;
    case ErrorCode::kPackTooLarge: return 413;
    case ErrorCode::kPredicateEvalError: return 422;
    // Proofs.
    case ErrorCode::kSmtCheckInvalid:
    case ErrorCode::kSmtBaselineInvalid: return 400;
    case ErrorCode::kSmtUnsupported:
    case ErrorCode::kSmtSolverUnknown: return 422;
    case ErrorCode::kSmtSolverError:
    case ErrorCode::kSmtEncodingMismatch: return 500;
    // Graph.
    case ErrorCode::kGraphRowInvalid:
    case ErrorCode::kGraphColumnsInvalid:
    case ErrorCode::kGraphQueryInvalid:
    case ErrorCode::kGraphBatchRejected:
    case ErrorCode::kTransformInvalid: return 400;
    case ErrorCode::kGraphLimitExceeded: return 403;
    case ErrorCode::kGraphNodeNotFound:
    case ErrorCode::kViewNotFound: return 404;
    case ErrorCode::kHashKeyMissing: return 422;
    case ErrorCode::kGraphStoreCorrupt:
    case ErrorCode::kGraphLedgerMismatch: return 500;
    // Server and auth.
    case ErrorCode::kUploadMalformed:
    case ErrorCode::kBadRequest: return 400;
    case ErrorCode::kAuthTokenMissing:
    case ErrorCode::kAuthTokenMalformed:
    case ErrorCode::kAuthAlgorithmRejected:
    case ErrorCode::kAuthUnknownKey:
    case ErrorCode::kAuthSignatureInvalid:
    case ErrorCode::kAuthTokenExpired:
    case ErrorCode::kAuthTokenNotYetValid:
    case ErrorCode::kAuthIssuerMismatch:
    case ErrorCode::kAuthAudienceMismatch: return 401;
    case ErrorCode::kAuthInsufficientScope:
    case ErrorCode::kAuthTenantMissing:
    case ErrorCode::kClientCertRejected: return 403;
    case ErrorCode::kRouteNotFound: return 404;
    case ErrorCode::kMethodNotAllowed: return 405;
    case ErrorCode::kRequestTimeout: return 408;
    case ErrorCode::kRequestTooLarge: return 413;
    case ErrorCode::kUnsupportedMediaType: return 415;
    case ErrorCode::kRateLimited:
    case ErrorCode::kQuotaExceeded: return 429;
    case ErrorCode::kHeadersTooLarge: return 431;
    case ErrorCode::kAuthConfigInvalid:
    case ErrorCode::kTlsConfigInvalid: return 500;
    case ErrorCode::kAuthKeysUnavailable:
    case ErrorCode::kServerShuttingDown:
    case ErrorCode::kNotReady: return 503;
    default: return 500;
  }
}

}  // namespace tf
