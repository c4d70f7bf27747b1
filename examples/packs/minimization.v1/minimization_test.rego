package minimization_test

import data.minimization
import data.minimization_proofs

req(role, purpose, fields) := {
	"requester": {"id": "u-3", "role": role},
	"purpose": purpose,
	"fields": fields,
	"record_count": 1,
}

bulk(count, justification) := {
	"requester": {"id": "u-3", "role": "billing_clerk"},
	"purpose": "invoicing",
	"fields": ["customer_id", "iban"],
	"record_count": count,
	"justification": justification,
}

test_support_agent_sees_contact_fields if {
	minimization.allow with input as req("support_agent", "support_ticket", ["name", "email"])
}

test_support_agent_may_not_see_iban if {
	inp := req("support_agent", "support_ticket", ["name", "iban"])
	not minimization.fields_permitted_for_role with input as inp
	excess := minimization.excess_fields with input as inp
	excess == {"iban"}
}

test_no_fields_requested_is_always_permitted if {
	minimization.fields_permitted_for_role with input as req("intern", "marketing", [])
}

test_unknown_role_sees_only_the_customer_id if {
	minimization.allow with input as req("intern", "marketing", ["customer_id"])
	not minimization.allow with input as req("intern", "marketing", ["name"])
}

test_health_data_only_for_occupational_health if {
	minimization.allow with input as req("medical_officer", "occupational_health", ["health"])
	not minimization.special_category_purpose with input as req("medical_officer", "payroll", ["health"])
	not minimization.special_category_purpose with input as req("hr_officer", "occupational_health", ["health"])
}

test_special_categories_are_checked_even_when_the_role_lacks_them if {
	not minimization.special_category_purpose with input as req("support_agent", "support_ticket", ["religion"])
}

test_bulk_access_needs_a_justification if {
	minimization.bulk_access_justified with input as bulk(100, "")
	not minimization.bulk_access_justified with input as bulk(101, "")
	minimization.bulk_access_justified with input as bulk(5000, "TICKET-4711")
}

test_properties_hold_for_the_examples if {
	every inp in [
		req("support_agent", "support_ticket", ["name", "iban"]),
		req("medical_officer", "occupational_health", ["health"]),
		req("hr_officer", "payroll", ["salary", "health"]),
		req("intern", "marketing", ["customer_id"]),
		bulk(101, ""),
		bulk(5000, "TICKET-4711"),
	] {
		minimization_proofs.property_support_never_sees_iban with input as inp
		minimization_proofs.property_special_categories_only_for_occupational_health with input as inp
		minimization_proofs.property_unknown_roles_see_only_ids with input as inp
		minimization_proofs.property_bulk_access_is_justified with input as inp
	}
}
