package test

p if {
  not units.parse_bytes("5E") == 5
}
