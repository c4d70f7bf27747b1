package generated

p contains x if {
	glob.match("?at", ["f"], "bat", x)
}
