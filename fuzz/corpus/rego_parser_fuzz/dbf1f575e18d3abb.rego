package generated

p if {
	0 = 1
}
