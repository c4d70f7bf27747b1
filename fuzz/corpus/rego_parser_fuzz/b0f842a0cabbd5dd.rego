package test

p := x if {
	x := net.lookup_ip_addr("10.0.0.0")
}
