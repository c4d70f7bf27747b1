package generated

p := __local0__ if {
	object.filter({"a": 7}, {}, __local1__)
	__local0__ = __local1__
}
