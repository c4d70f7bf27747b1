package test

p if {
	every x in input.containers {
		startswith(x.image, "acmecorp.com/")
	}
}
