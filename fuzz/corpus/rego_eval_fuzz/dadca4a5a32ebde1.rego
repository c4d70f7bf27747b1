package test

foo(__local324__) := y if {
	trim(__local324__, "h o", y)
}

cross := y if {
	data.ex.cross("hi, my name is foo", y)
}

multi("foo", __local325__) := y if {
	y = __local325__
}

multi("bar", __local326__) := y if {
	y = "baz"
}

multi_cross_pkg := [y, z] if {
	data.test.multi("foo", "bar", y)
	data.ex.multi(2, 1, z)
}
