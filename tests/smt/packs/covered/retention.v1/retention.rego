# A meant change (tests/smt): emails are kept 400 days (was 365), without an accepted_changes
# entry: proved properties (proofs.rego, through allow) constrain retention_period_elapsed.
# Deletion rules for records. Every rule the manifest names holds for actions other than
# deletion, so skipping it when `is_deletion` is false never changes a verdict. The rules stay in
# a small fragment (comparisons, booleans, numbers, strings, membership in literal sets) so that
# their properties (proofs.rego) can be proved.
package retention

# Retention period in days per record class; undefined for an unknown class, which therefore
# can never be deleted.
retention_days := 3650 if {
	input.record.class in {"invoice", "tax_record"}
} else := 2190 if {
	input.record.class == "contract"
} else := 1095 if {
	input.record.class == "hr_record"
} else := 400 if {
	input.record.class == "email"
} else := 90 if {
	input.record.class == "log"
}

retention_period_elapsed if input.action != "delete"

retention_period_elapsed if {
	input.action == "delete"
	input.record.age_days >= retention_days
}

no_legal_hold if input.action != "delete"

no_legal_hold if {
	input.action == "delete"
	input.record.legal_hold == false
}

deleter_authorized if input.action != "delete"

deleter_authorized if {
	input.action == "delete"
	input.requester.role in {"records_manager", "data_protection_officer"}
}

needs_second_approval if {
	input.action == "delete"
	input.record.class in {"contract", "tax_record"}
}

second_approval_present if not needs_second_approval

second_approval_present if {
	needs_second_approval
	input.second_approval.granted == true
	input.second_approval.approver_id != input.requester.id
}

# The pack's verdict as one rule (every manifest rule holds), for the properties.
allow if {
	retention_period_elapsed
	no_legal_hold
	deleter_authorized
	second_approval_present
}
