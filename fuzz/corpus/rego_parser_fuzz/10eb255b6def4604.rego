package generated

p := __local0__ if {
	bits.lsh(7.2, 42, __local1__)
	__local0__ = __local1__
}
