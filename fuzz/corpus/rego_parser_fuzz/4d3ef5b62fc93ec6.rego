package test

foo(__local86__) := y if {
	trim(__local86__, "h o", y)
}

cross := y if {
	data.ex.cross("hi, my name is foo", y)
}

multi("foo", __local87__) := y if {
	y = __local87__
}

multi("bar", __local88__) := y if {
	y = "baz"
}

multi_cross_pkg := [y, z] if {
	data.test.multi("foo", "bar", y)
	data.ex.multi(2, 1, z)
}
