package generated

p if {
	not true = false
}
