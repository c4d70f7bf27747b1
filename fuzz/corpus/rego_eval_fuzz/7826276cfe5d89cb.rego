package generated

p if {
	not data.generated.q.v0
}

q contains x if {
	data.b[x] = v
}
