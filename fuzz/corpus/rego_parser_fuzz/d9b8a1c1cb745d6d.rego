package generated

p := __local0__ if {
	__local2__ = input.x
	json.remove({"a": {"b": {"c": 123}}}, __local2__, __local1__)
	__local0__ = __local1__
}
