package generated

p := __local0__ if {
	object.union({}, {"a": 1}, __local1__)
	__local0__ = __local1__
}
