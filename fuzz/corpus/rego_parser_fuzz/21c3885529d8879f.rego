package generated

p if {
	set()
}
