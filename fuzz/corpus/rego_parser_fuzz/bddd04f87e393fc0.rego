package ex

loopback := __local0__ if {
	true
	__local0__ = input
}
