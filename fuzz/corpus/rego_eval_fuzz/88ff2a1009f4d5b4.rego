package test

p if {
	units.parse("100M") == 100000000
}
