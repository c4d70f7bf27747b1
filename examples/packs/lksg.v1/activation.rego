# Activation predicates of lksg.v1: cheap facts about the context that decide which rules a
# request needs. The rules in lksg.rego use the same facts, so a skipped rule would have passed.
package lksg.activation

direct_supplier if input.supplier.tier == 1

handles_conflict_minerals if {
	some material in input.shipment.materials
	material in data.lksg.conflict_minerals
}
