# Properties of minimization.v1 for `proof policy prove` (issue 5): implications written as
# "the bad case does not happen", over every input the input schema admits.
package minimization_proofs

import data.minimization

# Support agents never see bank details.
property_support_never_sees_iban if not support_sees_iban

support_sees_iban if {
	input.requester.role == "support_agent"
	"iban" in input.fields
	minimization.allow
}

# Special categories are unmasked only for occupational health, by the medical officer.
property_special_categories_only_for_occupational_health if not special_category_misused

special_category_misused if {
	some field in input.fields
	field in {"health", "religion", "ethnicity", "biometrics", "union_membership"}
	minimization.allow
	not occupational_health
}

occupational_health if {
	input.purpose == "occupational_health"
	input.requester.role == "medical_officer"
}

# A role the pack does not know sees nothing but the customer id.
property_unknown_roles_see_only_ids if not unknown_role_sees_more

unknown_role_sees_more if {
	not input.requester.role in {"support_agent", "billing_clerk", "hr_officer", "medical_officer"}
	some field in input.fields
	field != "customer_id"
	minimization.allow
}

# Bulk access always carries a justification.
property_bulk_access_is_justified if not unjustified_bulk_access

unjustified_bulk_access if {
	input.record_count > 100
	not input.justification
	minimization.allow
}

unjustified_bulk_access if {
	input.record_count > 100
	input.justification == ""
	minimization.allow
}
