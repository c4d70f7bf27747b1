package foo

p if {
	k := "p"
	not data.bar[k]
}
