package generated

p contains y if {
	data.a[i] = x
	__local0__ = i + x
	y = __local0__
}
