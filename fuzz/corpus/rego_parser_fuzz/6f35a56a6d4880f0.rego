package test

p if {
  true.foo == 3
  foo.true == 6
}

true.foo := 1 if {
  input.x == 1
} else := 2 if {
  input.x == 2
} else := 3

foo.true := 4 if {
  input.x == 1
} else := 5 if {
  input.x == 2
} else := 6
