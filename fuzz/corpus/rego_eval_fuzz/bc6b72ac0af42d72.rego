package generated

p := __local0__ if {
	json.remove({"a": {"b": 7}, "c": 1}, {"a", "a/b"}, __local1__)
	__local0__ = __local1__
}
