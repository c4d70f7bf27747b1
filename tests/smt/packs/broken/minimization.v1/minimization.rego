# BROKEN on purpose (tests/smt): support agents may see IBANs.
# Data minimisation. The rules stay in a small fragment (comparisons, strings, membership in
# literal sets, bounded iteration over the requested fields) so their properties can be proved.
package minimization

import data.minimization.activation

# The fields each role may see unmasked; a role not listed sees only the customer id.
allowed_fields := {"customer_id", "name", "email", "iban"} if {
	input.requester.role == "support_agent"
} else := {"customer_id", "name", "email", "address", "iban"} if {
	input.requester.role == "billing_clerk"
} else := {"customer_id", "name", "email", "address", "date_of_birth", "salary"} if {
	input.requester.role == "hr_officer"
} else := {"customer_id", "name", "date_of_birth", "health"} if {
	input.requester.role == "medical_officer"
} else := {"customer_id"}

excess_fields contains field if {
	some field in input.fields
	not field in allowed_fields
}

fields_permitted_for_role if {
	every field in input.fields {
		field in allowed_fields
	}
}

special_requested contains field if {
	some field in input.fields
	field in activation.special_categories
}

special_category_purpose if not activation.requests_special_category

special_category_purpose if {
	activation.requests_special_category
	input.purpose == "occupational_health"
	input.requester.role == "medical_officer"
}

bulk_access_justified if input.record_count <= 100

bulk_access_justified if {
	input.record_count > 100
	input.justification != ""
}

# The pack's verdict as one rule, for the properties.
allow if {
	fields_permitted_for_role
	special_category_purpose
	bulk_access_justified
}
