package test

foo(__local126__) := y if {
	trim(__local126__, "h o", y)
}

cross := y if {
	data.ex.cross("hi, my name is foo", y)
}

multi("foo", __local127__) := y if {
	y = __local127__
}

multi("bar", __local128__) := y if {
	y = "baz"
}

multi_cross_pkg := [y, z] if {
	data.test.multi("foo", "bar", y)
	data.ex.multi(2, 1, z)
}
