package export_class_test

import data.export_class
import data.export_class_proofs

request(classification, destination, clearance) := {
	"export": {"dataset": "ds", "classification": classification, "destination": destination, "encrypted": false},
	"requester": {"id": "u-7", "clearance": clearance},
}

approved(req, approver_id, role) := {
	"export": req.export,
	"requester": req.requester,
	"approval": {"granted": true, "approver_id": approver_id, "approver_role": role},
}

test_clearance_must_reach_the_classification if {
	export_class.clearance_matches with input as request("confidential", "internal", "confidential")
	export_class.clearance_matches with input as request("internal", "internal", "restricted")
	not export_class.clearance_matches with input as request("confidential", "internal", "internal")
	not export_class.clearance_matches with input as request("public", "internal", "none")
}

test_restricted_export_needs_the_data_owner if {
	req := request("restricted", "internal", "restricted")
	not export_class.allow with input as req
	export_class.allow with input as approved(req, "u-9", "data_owner")
	not export_class.allow with input as approved(req, "u-9", "team_lead")
}

test_requester_cannot_approve_their_own_export if {
	req := request("restricted", "internal", "restricted")
	not export_class.restricted_has_approval with input as approved(req, "u-7", "data_owner")
}

test_partners_get_confidential_data_only_encrypted if {
	plain := request("confidential", "partner", "confidential")
	not export_class.destination_allowed with input as plain
	encrypted := {"export": {"dataset": "ds", "classification": "confidential", "destination": "partner", "encrypted": true}, "requester": plain.requester}
	export_class.destination_allowed with input as encrypted
}

test_only_public_data_goes_external if {
	export_class.destination_allowed with input as request("public", "external", "public")
	not export_class.destination_allowed with input as request("internal", "external", "internal")
}

test_restricted_data_never_leaves_even_with_approval if {
	req := request("restricted", "partner", "restricted")
	not export_class.allow with input as approved(req, "u-9", "data_owner")
}

test_properties_hold_for_the_examples if {
	every inp in [
		request("public", "external", "public"),
		request("restricted", "internal", "restricted"),
		approved(request("restricted", "internal", "restricted"), "u-9", "data_owner"),
		approved(request("restricted", "external", "restricted"), "u-9", "data_owner"),
		request("confidential", "partner", "restricted"),
	] {
		export_class_proofs.property_restricted_needs_approval with input as inp
		export_class_proofs.property_clearance_dominates_classification with input as inp
		export_class_proofs.property_restricted_stays_internal with input as inp
		export_class_proofs.property_confidential_leaves_encrypted_to_partners with input as inp
	}
}
