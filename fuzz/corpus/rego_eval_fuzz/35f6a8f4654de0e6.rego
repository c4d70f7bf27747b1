package partial.topdown

r contains ["c", x21] if {
	data.topdown.a.b.c = x21
}

r contains ["c", x21] if {
	data.topdown.a.b.c = x21
}
