package generated

p := __local0__ if {
	time.weekday(1518350400000000000, __local1__)
	__local0__ = __local1__
}
