package generated

p := true

p := false if {
	false
}
