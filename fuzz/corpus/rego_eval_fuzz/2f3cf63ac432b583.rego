package test

p if {
  with.foo(1) == 1
  with.foo(11) == 42
  foo.with(1) == 1
  foo.with(11) == 42
  bar.with.baz(1) == 1
  bar.with.baz(11) == 42
}

default with.foo(_) := 42

with.foo(x) := x if {
  x < 10
}

default foo.with(_) := 42

foo.with(x) := x if {
  x < 10
}

default bar.with.baz(_) := 42

bar.with.baz(x) := x if {
  x < 10
}
