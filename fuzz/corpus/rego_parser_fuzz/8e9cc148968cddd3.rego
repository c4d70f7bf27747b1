package test

p if {
  some.foo == 3
  foo.some == 6
}

some.foo := 1 if {
  input.x == 1
} else := 2 if {
  input.x == 2
} else := 3

foo.some := 4 if {
  input.x == 1
} else := 5 if {
  input.x == 2
} else := 6
