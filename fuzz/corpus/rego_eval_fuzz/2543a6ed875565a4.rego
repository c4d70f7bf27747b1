package x

p["a"] := 1

p["b"] := 2

q if {
	p == {"a": 1, "b": 2}
}
