package generated

p := __local0__ if {
	json.filter({"a": [{"1": ["b", "c", "d"]}, {"x": "y"}]}, {"a/0/1/2"}, __local1__)
	__local0__ = __local1__
}
