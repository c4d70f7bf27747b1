package generated

p := x if {
	data.generated.q.a.b = x
}

q := {x: {y: 1}} if {
	x = "a"
	y = "b"
}
