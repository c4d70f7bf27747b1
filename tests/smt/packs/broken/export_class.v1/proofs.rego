# Properties of export_class.v1 for `proof policy prove` (issue 5): implications written as
# "the bad case does not happen", over every input the input schema admits.
package export_class_proofs

import data.export_class

# Restricted data leaves only with the data owner's approval, given by someone else.
property_restricted_needs_approval if not restricted_without_approval

restricted_without_approval if {
	input.export.classification == "restricted"
	export_class.allow
	not owner_approved
}

owner_approved if {
	input.approval.granted == true
	input.approval.approver_role == "data_owner"
	input.approval.approver_id != input.requester.id
}

# Nobody exports data above their clearance.
property_clearance_dominates_classification if not export_above_clearance

export_above_clearance if {
	export_class.allow
	not export_class.clearance_matches
}

# Restricted data never leaves the company.
property_restricted_stays_internal if not restricted_leaves

restricted_leaves if {
	input.export.classification == "restricted"
	input.export.destination != "internal"
	export_class.allow
}

# Confidential data leaves the company only encrypted, and only to partners.
property_confidential_leaves_encrypted_to_partners if not confidential_leaks

confidential_leaks if {
	input.export.classification == "confidential"
	input.export.destination != "internal"
	export_class.allow
	not encrypted_to_partner
}

encrypted_to_partner if {
	input.export.destination == "partner"
	input.export.encrypted == true
}
