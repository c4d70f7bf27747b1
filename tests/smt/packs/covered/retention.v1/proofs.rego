# Properties of retention.v1 for `proof policy prove` (issue 5). Each property_ rule is an
# implication written as "the bad case does not happen", and must hold for every input the
# input schema admits.
package retention_proofs

import data.retention

known_classes := {"invoice", "tax_record", "contract", "hr_record", "email", "log"}

# A record under legal hold is never deleted.
property_legal_hold_blocks_deletion if not held_record_deleted

held_record_deleted if {
	input.action == "delete"
	input.record.legal_hold == true
	retention.allow
}

# No record is deleted before its class's retention period has passed.
property_no_deletion_before_retention_ends if not early_deletion

early_deletion if {
	input.action == "delete"
	retention.allow
	input.record.age_days < retention.retention_days
}

# Records of a class without a retention period are never deleted.
property_unknown_class_never_deleted if not unknown_class_deleted

unknown_class_deleted if {
	input.action == "delete"
	not input.record.class in known_classes
	retention.allow
}

# Contracts and tax records are deleted only with a second, different person's approval.
property_four_eyes_for_contracts if not contract_deleted_alone

contract_deleted_alone if {
	input.action == "delete"
	input.record.class in {"contract", "tax_record"}
	retention.allow
	not approved_by_someone_else
}

approved_by_someone_else if {
	input.second_approval.granted == true
	input.second_approval.approver_id != input.requester.id
}

# Reading and archiving are never refused by this pack.
property_non_deletions_allowed if not non_deletion_refused

non_deletion_refused if {
	input.action != "delete"
	not retention.allow
}
