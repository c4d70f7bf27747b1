package generated

p if {
	""
}
