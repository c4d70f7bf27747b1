package test

p contains x if {
	glob.match("*.github.com", ["."], "api.github.com", x)
	glob.match("*.github.com", ["."], "api.github.com", x)
}
