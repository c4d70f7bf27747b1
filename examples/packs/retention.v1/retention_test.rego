package retention_test

import data.retention
import data.retention_proofs

delete_invoice := {
	"action": "delete",
	"record": {"id": "INV-2016-0042", "class": "invoice", "age_days": 3700, "legal_hold": false},
	"requester": {"id": "u-17", "role": "records_manager"},
}

delete_contract(approval) := {
	"action": "delete",
	"record": {"id": "CTR-2019-0007", "class": "contract", "age_days": 2500, "legal_hold": false},
	"requester": {"id": "u-17", "role": "records_manager"},
	"second_approval": approval,
}

record(class, age_days, hold) := {"id": "R-1", "class": class, "age_days": age_days, "legal_hold": hold}

deletion(rec) := {"action": "delete", "record": rec, "requester": {"id": "u-17", "role": "records_manager"}}

test_old_invoice_may_be_deleted if {
	retention.allow with input as delete_invoice
}

test_invoice_inside_its_retention_period_is_kept if {
	not retention.retention_period_elapsed with input as deletion(record("invoice", 3649, false))
}

test_retention_period_ends_on_its_last_day if {
	retention.retention_period_elapsed with input as deletion(record("invoice", 3650, false))
	retention.retention_period_elapsed with input as deletion(record("log", 90, false))
	not retention.retention_period_elapsed with input as deletion(record("log", 89, false))
}

test_unknown_class_is_never_deleted if {
	not retention.retention_period_elapsed with input as deletion(record("mystery", 100000, false))
}

test_legal_hold_blocks_deletion_of_an_expired_record if {
	not retention.no_legal_hold with input as deletion(record("email", 4000, true))
	not retention.allow with input as deletion(record("email", 4000, true))
}

test_only_records_roles_may_delete if {
	clerk := {"action": "delete", "record": record("log", 400, false), "requester": {"id": "u-5", "role": "clerk"}}
	not retention.deleter_authorized with input as clerk
}

test_contract_needs_a_second_approval if {
	not retention.second_approval_present with input as delete_contract({"granted": false, "approver_id": "u-22"})
	retention.second_approval_present with input as delete_contract({"granted": true, "approver_id": "u-22"})
}

test_requester_cannot_approve_their_own_deletion if {
	not retention.second_approval_present with input as delete_contract({"granted": true, "approver_id": "u-17"})
}

test_contract_without_any_approval_is_kept if {
	inp := {"action": "delete", "record": record("contract", 2500, false), "requester": {"id": "u-17", "role": "records_manager"}}
	not retention.allow with input as inp
}

test_reading_is_never_restricted if {
	retention.allow with input as {"action": "read", "record": record("mystery", 0, true), "requester": {"id": "u-1", "role": "clerk"}}
}

test_properties_hold_for_the_examples if {
	every inp in [
		delete_invoice,
		deletion(record("email", 4000, true)),
		delete_contract({"granted": true, "approver_id": "u-17"}),
		{"action": "archive", "record": record("log", 1, true), "requester": {"id": "u-1", "role": "clerk"}},
	] {
		retention_proofs.property_legal_hold_blocks_deletion with input as inp
		retention_proofs.property_no_deletion_before_retention_ends with input as inp
		retention_proofs.property_unknown_class_never_deleted with input as inp
		retention_proofs.property_four_eyes_for_contracts with input as inp
		retention_proofs.property_non_deletions_allowed with input as inp
	}
}
