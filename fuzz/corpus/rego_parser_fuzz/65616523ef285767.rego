package generated

p := [x, y, z, i, j] if {
	to_number("-42.0", x)
	to_number(false, y)
	to_number(100.1, z)
	to_number(null, i)
	to_number(true, j)
}
