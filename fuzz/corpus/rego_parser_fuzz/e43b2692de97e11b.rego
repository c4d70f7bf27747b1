package test

p if {
	units.parse("0.0000005M") == 0.5
}
