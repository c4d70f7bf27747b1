package test

p if {
	units.parse("")
}
