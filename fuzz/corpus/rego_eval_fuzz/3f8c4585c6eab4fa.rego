package test

p if {
	units.parse("100gi") == 107374182400
}
