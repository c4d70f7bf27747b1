package test

p if {
	round(units.parse("100m") * 1000) == 100
}
