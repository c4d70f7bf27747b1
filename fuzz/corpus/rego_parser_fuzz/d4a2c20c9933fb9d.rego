package test

p if {
  true
}
