package test

p if {
	units.parse_bytes("5e6") == 5000000
}
