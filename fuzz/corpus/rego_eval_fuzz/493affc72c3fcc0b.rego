package test

p if {
	units.parse("100t") == 100000000000000
}
