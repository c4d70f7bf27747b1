package test

p if {
	units.parse("100mi") == 104857600
}
