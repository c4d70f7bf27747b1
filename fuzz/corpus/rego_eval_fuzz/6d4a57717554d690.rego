package test

p := count(times) if {
	times := {time.now_ns() | numbers.range(1, 100)[_]}
}
