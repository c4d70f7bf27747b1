package lksg_test

import data.lksg

ok := {
	"as_of": "2026-11-01T00:00:00Z",
	"supplier": {
		"id": "SUP-1042",
		"name": "Hanse Metallwerk GmbH",
		"country": "DE",
		"tier": 1,
		"last_audit": "2026-03-12T00:00:00Z",
		"code_of_conduct_signed": true,
	},
	"shipment": {"materials": ["steel"], "origin_countries": ["DE", "PL"]},
	"order": {"value_eur": 250000},
}

# Object helpers (the engine has no union or object.remove yet).
union(base, overrides) := {k: v |
	some k in {k | some k, _ in base} | {k | some k, _ in overrides}
	v := pick(base, overrides, k)
}

pick(_, overrides, k) := overrides[k]

pick(base, overrides, k) := base[k] if not has_key(overrides, k)

has_key(obj, k) if _ = obj[k]

without(obj, key) := {k: v | some k, v in obj; k != key}

with_supplier(fields) := union(ok, {"supplier": union(ok.supplier, fields)})

test_ok_context_meets_every_obligation if {
	lksg.no_sanctions with input as ok
	lksg.code_of_conduct_signed with input as ok
	lksg.audit_fresh with input as ok
	lksg.no_conflict_regions with input as ok
}

test_sanctioned_supplier_id_is_caught if {
	not lksg.no_sanctions with input as with_supplier({"id": "SUP-6666"})
}

test_sanctioned_name_matches_case_insensitively if {
	not lksg.no_sanctions with input as with_supplier({"name": "SINISTER metals ltd"})
}

test_embargoed_country_is_named_in_the_hits if {
	hits := lksg.sanction_hits with input as with_supplier({"country": "KP"})
	hits == {"embargoed country KP"}
}

test_direct_supplier_must_sign_the_code_of_conduct if {
	not lksg.code_of_conduct_signed with input as with_supplier({"code_of_conduct_signed": false})
}

test_indirect_supplier_needs_no_code_of_conduct if {
	lksg.code_of_conduct_signed with input as with_supplier({"tier": 2, "code_of_conduct_signed": false})
}

test_audit_older_than_the_limit_fails if {
	not lksg.audit_fresh with input as with_supplier({"last_audit": "2025-10-31T00:00:00Z"})
}

test_audit_exactly_at_the_limit_passes if {
	lksg.audit_fresh with input as with_supplier({"last_audit": "2025-11-01T00:00:00Z"})
}

test_audit_dated_after_as_of_fails if {
	not lksg.audit_fresh with input as with_supplier({"last_audit": "2026-11-02T00:00:00Z"})
}

test_missing_audit_fails_when_an_audit_is_required if {
	supplier := without(ok.supplier, "last_audit")
	not lksg.audit_fresh with input as union(ok, {"supplier": supplier})
}

test_small_orders_need_no_audit if {
	input_doc := union(ok, {"order": {"value_eur": 9999}})
	lksg.audit_fresh with input as union(input_doc, {"supplier": union(ok.supplier, {"last_audit": "2020-01-01T00:00:00Z"})})
}

test_audit_limit_is_configurable if {
	old := with_supplier({"last_audit": "2025-06-01T00:00:00Z"})
	not lksg.audit_fresh with input as old
	lksg.audit_fresh with input as old with data.lksg.config.audit_max_age_days as 730
}

test_conflict_minerals_from_a_conflict_region_fail if {
	shipment := {"materials": ["tantalum"], "origin_countries": ["DE", "CD"]}
	origins := lksg.conflict_origins with input as union(ok, {"shipment": shipment})
	origins == {"CD"}
	not lksg.no_conflict_regions with input as union(ok, {"shipment": shipment})
}

test_other_materials_from_a_conflict_region_are_out_of_scope if {
	shipment := {"materials": ["steel"], "origin_countries": ["CD"]}
	lksg.no_conflict_regions with input as union(ok, {"shipment": shipment})
}
