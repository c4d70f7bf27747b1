package generated

p := x if {
	__local1__ = data.b
	array.concat(__local1__, [3, 4], __local0__)
	x = __local0__
}
