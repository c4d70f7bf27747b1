package test

p := [x, y] if {
	some y, {"c": x} in data.array
}
