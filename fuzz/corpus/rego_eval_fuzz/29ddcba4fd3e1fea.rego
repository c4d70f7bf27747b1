package topdown.set

v contains __local6__ if {
	true
	__local6__ = data.topdown.set.u[_]
}
