package generated

p if {
	object.remove({"a": 1, [[7]]: 2}, {[[7]]}, __local1__)
	__local0__ = __local1__
	__local0__ = {"a": 1}
}
