package x

p["a"] := 1 if input.x = 1

p["b"] := 2 if input.y = 2

p["c"] := 3 if input.z = 3

q if {
	p == data.z
}
