package test

foo(__local284__) := y if {
	trim(__local284__, "h o", y)
}

cross := y if {
	data.ex.cross("hi, my name is foo", y)
}

multi("foo", __local285__) := y if {
	y = __local285__
}

multi("bar", __local286__) := y if {
	y = "baz"
}

multi_cross_pkg := [y, z] if {
	data.test.multi("foo", "bar", y)
	data.ex.multi(2, 1, z)
}
