package test

p contains "x" if {
	contains("fireplace", "repl")
}
