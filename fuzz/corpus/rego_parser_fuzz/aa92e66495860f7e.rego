package test

p if {
	units.parse_bytes("10kb") == 10000
}
