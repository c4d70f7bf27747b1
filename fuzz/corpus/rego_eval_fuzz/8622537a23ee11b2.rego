package generated

p := __local0__ if {
	numbers.range(2, -3, __local1__)
	__local0__ = __local1__
}
