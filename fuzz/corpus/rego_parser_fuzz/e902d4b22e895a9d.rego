package x

p["a"] := {"b": 2}
