package generated

p contains __local0__ if {
	crypto.md5("lorem ipsum", __local1__)
	__local0__ = __local1__
}
