package test

p if {
	units.parse_bytes("100pi") == 112589990684262400
}
