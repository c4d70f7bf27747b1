# BROKEN on purpose (tests/smt): restricted data may go to partners.
# Exports of classified data. Rules stay in a small fragment (comparisons, booleans, strings,
# membership in literal sets, a function defined by cases) so their properties can be proved.
package export_class

# Classification levels, lowest first. Undefined for an unknown name, which then matches
# nothing.
level(name) := 0 if {
	name == "public"
} else := 1 if {
	name == "internal"
} else := 2 if {
	name == "confidential"
} else := 3 if {
	name == "restricted"
}

clearance_matches if level(input.requester.clearance) >= level(input.export.classification)

restricted_has_approval if input.export.classification != "restricted"

restricted_has_approval if {
	input.export.classification == "restricted"
	input.approval.granted == true
	input.approval.approver_role == "data_owner"
	input.approval.approver_id != input.requester.id
}

# Internal destinations are governed by clearance alone.
destination_allowed if input.export.destination == "internal"

# Partners may receive public and internal data, and confidential data encrypted.
destination_allowed if {
	input.export.destination == "partner"
	input.export.classification in {"public", "internal", "restricted"}
}

destination_allowed if {
	input.export.destination == "partner"
	input.export.classification == "confidential"
	input.export.encrypted == true
}

# Only public data goes to external destinations.
destination_allowed if {
	input.export.destination == "external"
	input.export.classification == "public"
}

# Completes the destination reason where encryption would have been enough.
default destination_hint := ""

destination_hint := " unencrypted" if {
	input.export.destination == "partner"
	input.export.classification == "confidential"
}

# The pack's verdict as one rule, for the properties.
allow if {
	clearance_matches
	restricted_has_approval
	destination_allowed
}
