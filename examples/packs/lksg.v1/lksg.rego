# Supply-chain due diligence (LkSG). Each rule the manifest names is a boolean that is true when
# the obligation is met, and also true when it does not apply: the activation predicates only
# save work, they never change a verdict.
package lksg

import data.lksg.activation

# --- Sanctions -----------------------------------------------------------------------------

# Why a supplier matches the sanctions data; empty when it does not.
sanction_hits contains "supplier id on the sanctions list" if {
	input.supplier.id in data.lksg.sanctions.supplier_ids
}

sanction_hits contains "supplier name on the sanctions list" if {
	lower(input.supplier.name) in {lower(n) | some n in data.lksg.sanctions.names}
}

sanction_hits contains concat(" ", ["embargoed country", input.supplier.country]) if {
	input.supplier.country in data.lksg.sanctions.embargoed_countries
}

no_sanctions if count(sanction_hits) == 0

# --- Code of conduct -------------------------------------------------------------------------

code_of_conduct_signed if not activation.direct_supplier

code_of_conduct_signed if {
	activation.direct_supplier
	input.supplier.code_of_conduct_signed == true
}

# --- Audit freshness -------------------------------------------------------------------------

ns_per_day := 86400000000000

audit_required if {
	activation.direct_supplier
	input.order.value_eur >= data.lksg.config.audit_threshold_eur
}

# Days (with fractions) from the last audit to the context's as_of time (never the wall clock, so a
# decision can be replayed).
audit_age_days := (time.parse_rfc3339_ns(input.as_of) - time.parse_rfc3339_ns(input.supplier.last_audit)) / ns_per_day

audit_fresh if not audit_required

audit_fresh if {
	audit_required
	audit_age_days >= 0
	audit_age_days <= data.lksg.config.audit_max_age_days
}

# --- Conflict minerals (3TG from conflict-affected and high-risk areas) ----------------------

conflict_origins contains country if {
	activation.handles_conflict_minerals
	some country in input.shipment.origin_countries
	country in data.lksg.conflict_regions
}

no_conflict_regions if count(conflict_origins) == 0
