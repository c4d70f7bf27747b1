package test

p if {
  units.parse("1e3M") == 1000000000
}
